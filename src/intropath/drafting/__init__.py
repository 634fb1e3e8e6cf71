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
