"""Drafting: the gracious request, written from a planned path.

    from intropath import load, plan
    from intropath.drafting import Profile, draft_for_plan

    store = load()
    me = Profile(about="a product designer", purpose="job", timeline="this month")
    message = draft_for_plan(plan(store, "Muse"), store, me, lang="de")
    print(message.as_text())

Modules: :mod:`.models` (the Draft), :mod:`.profile` (who is asking),
:mod:`.paths` (which path), :mod:`.facts` (what may be said), :mod:`.compose`
(rendering the templates to fit a channel), :mod:`.checks` (the built-in
checks), :mod:`.render` (rich output).
"""

from __future__ import annotations

import sys
import types
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .._lazy import lazy_attributes

if TYPE_CHECKING:
    from .api import draft, draft_for_plan
    from .checks import run_checks
    from .compose import compose, default_channel
    from .errors import DraftError, ProfileError
    from .models import (
        CHANNEL_LIMITS,
        Channel,
        Check,
        CheckReport,
        Draft,
        Kind,
        Lang,
        PersonInfo,
        Sender,
    )
    from .paths import choose_path
    from .profile import Me, Profile, Purpose, resolve
    from .render import draft_view, plan_with_draft_json, print_draft

# Imported on first use: Jinja2 and the checks cost start-up time that
# commands other than draft should not pay.
__getattr__ = lazy_attributes(
    __name__,
    {
        "CHANNEL_LIMITS": "models",
        "Channel": "models",
        "Check": "models",
        "CheckReport": "models",
        "Draft": "models",
        "DraftError": "errors",
        "Kind": "models",
        "Lang": "models",
        "Me": "profile",
        "PersonInfo": "models",
        "Profile": "profile",
        "ProfileError": "errors",
        "Purpose": "profile",
        "Sender": "models",
        "choose_path": "paths",
        "default_channel": "compose",
        "draft": "api",
        "draft_for_plan": "api",
        "draft_view": "render",
        "plan_with_draft_json": "render",
        "print_draft": "render",
        "resolve": "profile",
        "run_checks": "checks",
    },
)


class _Package(types.ModuleType):
    """``drafting.compose`` is the function, though a submodule has that name too.

    Importing the submodule binds it on the package; with lazy imports that can
    happen after the function was fetched, so the name is a property instead.
    """

    @property
    def compose(self) -> Callable[..., Any]:
        from .compose import compose

        return compose

    @compose.setter
    def compose(self, value: object) -> None:
        pass  # the import system binding the submodule: the function keeps the name


sys.modules[__name__].__class__ = _Package

__all__ = [
    "CHANNEL_LIMITS",
    "Channel",
    "Check",
    "CheckReport",
    "Draft",
    "DraftError",
    "Kind",
    "Lang",
    "Me",
    "PersonInfo",
    "Profile",
    "ProfileError",
    "Purpose",
    "Sender",
    "choose_path",
    "compose",
    "default_channel",
    "draft",
    "draft_for_plan",
    "draft_view",
    "plan_with_draft_json",
    "print_draft",
    "resolve",
    "run_checks",
]
