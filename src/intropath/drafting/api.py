"""The two public entry points: draft for a company, or for a plan you already have."""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from ..outreach.rules import Etiquette
from ..planner import plan as make_plan
from ..results import Plan
from ..stores.base import Store
from .compose import compose
from .errors import DraftError
from .models import Channel, Draft, Kind, Lang
from .paths import choose_path, default_kind
from .profile import Ask, Profile, resolve
from .why import check_choice

E = TypeVar("E", bound=StrEnum)


def draft_for_plan(
    plan: Plan,
    store: Store,
    profile: Profile | None = None,
    *,
    kind: Kind | str | None = None,
    channel: Channel | str | None = None,
    lang: Lang | str | None = None,
    via: str | None = None,
    to: str | None = None,
    ask: Ask | None = None,
    template_dir: Path | None = None,
    formal: bool | None = None,
) -> Draft:
    """Draft a message for one of the paths of ``plan`` (by default its best one).

    Parameters
    ----------
    plan
        What :func:`intropath.plan` returned.
    store
        The store the plan was made from (for email addresses the plan does not carry).
    profile
        Who is asking and why; default: the ``[me]`` table of the config file.
    kind
        request, blurb, referral, followup or thanks; default: a referral when
        the target is your own contact, else an introduction request.
    channel
        email, linkedin or note; default: what the contact prefers (email when
        they prefer it or their address is known, else a LinkedIn message).
    lang
        en, de or sv; default: the profile's ``lang``, else en.
    via, to
        Pick the path through this contact, or to this person (id or full name).
    ask
        Called as ``ask(field, label)`` for anything the profile lacks; without
        it a missing essential raises :class:`ProfileError`.
    template_dir
        Where your own templates live; default: ``<config dir>/templates``.
    formal
        German only: "Sie" (True) or "du" (False); default: the profile's
        ``formal``, else "du" for a contact you know well and "Sie" otherwise.

    Raises
    ------
    DraftError, ProfileError

    Examples
    --------
    >>> from intropath import load, plan
    >>> from intropath.drafting import Profile, draft_for_plan
    >>> store = load()
    >>> me = Profile(about="a product designer", purpose="job", timeline="this month")
    >>> result = draft_for_plan(plan(store, "Muse"), store, me)
    >>> result.report.passed
    True
    """
    wanted_kind = _choice(Kind, kind, "kind")
    check_choice(plan, store, via, to, wanted_kind)
    path = choose_path(plan, via, to)
    chosen_kind = wanted_kind or default_kind(path)
    from ..settings import load_settings  # settings import this package

    profile = profile if profile is not None else load_settings().me
    chosen_lang = _choice(Lang, lang, "lang") or profile.lang or Lang.EN
    owner = store.person(plan.me.id)
    me = resolve(
        profile,
        chosen_kind,
        chosen_lang,
        graph_name=owner.name,
        graph_email=owner.email,
        role=plan.settings.role,
        ask=ask,
    )
    emails = {pid: store.person(pid).email for pid in path.people[1:]}
    return compose(
        path,
        plan.company.name,
        me,
        kind=chosen_kind,
        channel=_choice(Channel, channel, "channel"),
        lang=chosen_lang,
        emails=emails,
        template_dir=template_dir,
        formal=formal if formal is not None else profile.formal,
    )


def draft(
    store: Store | str | os.PathLike[str],
    company: str,
    profile: Profile | None = None,
    *,
    me: str | None = None,
    role: str | None = None,
    max_hops: int = 3,
    top: int = 10,
    etiquette: Etiquette | bool = True,
    kind: Kind | str | None = None,
    channel: Channel | str | None = None,
    lang: Lang | str | None = None,
    via: str | None = None,
    to: str | None = None,
    ask: Ask | None = None,
    template_dir: Path | None = None,
    formal: bool | None = None,
) -> Draft:
    """Plan the way into ``company`` and draft the message for the best path.

    The planning options (``me`` to ``etiquette``) are those of
    :func:`intropath.plan`; the drafting ones those of :func:`draft_for_plan`.
    """
    if isinstance(store, str | os.PathLike):
        from .. import load

        store = load(store)
    result = make_plan(
        store, company, me=me, role=role, top=top, max_hops=max_hops, etiquette=etiquette
    )
    return draft_for_plan(
        result,
        store,
        profile,
        kind=kind,
        channel=channel,
        lang=lang,
        via=via,
        to=to,
        ask=ask,
        template_dir=template_dir,
        formal=formal,
    )


def _choice(enum: type[E], value: E | str | None, what: str) -> E | None:
    if value is None or isinstance(value, enum):
        return value
    try:
        return enum(value)
    except ValueError:
        choices = ", ".join(e.value for e in enum)
        raise DraftError(f"unknown {what} {value!r} (use {choices})") from None
