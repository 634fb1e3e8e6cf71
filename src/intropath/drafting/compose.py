"""Turn a planned path into a draft: pick the facts, fit them to the channel, render, check.

The same inputs always give the same draft: nothing here depends on the time,
on chance, or on anything but the path, the user's profile and the templates.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model import ContactPolicy, Evidence
from ..results import PathResult, PersonRef
from .checks import USES_HOW, run_checks
from .facts import (
    already_connected,
    choose_evidence,
    first_name,
    kind_of,
    shorten,
    squash,
    thin_tie,
    years,
)
from .models import (
    CHANNEL_LIMITS,
    NOTE_EMAIL_MAX,
    SUBJECT_LIMIT,
    Channel,
    Draft,
    Kind,
    Lang,
    PersonInfo,
    Sender,
)
from .paths import check_kind
from .profile import Me
from .templates import Renderer


@dataclass(frozen=True)
class Level:
    """How hard a draft is squeezed to fit its channel."""

    cap: int | None  # longest name, title, company or place, in characters
    about: bool = True  # say who the user is
    title: bool = True  # give the target's title
    email: bool = True  # give the user's email
    years: bool = True  # give the years of the evidence
    tight: bool = False  # the templates' shortest wording


LADDERS: dict[Channel, tuple[Level, ...]] = {
    Channel.EMAIL: (Level(None), Level(80), Level(40)),
    Channel.LINKEDIN: (Level(None), Level(80), Level(40)),
    Channel.NOTE: (
        Level(None),
        Level(None, about=False),
        Level(40, about=False),
        Level(28, about=False, title=False, years=False),
        Level(20, about=False, title=False, years=False),
        Level(14, about=False, title=False, years=False, tight=True),
        Level(10, about=False, title=False, years=False, tight=True),
        Level(8, about=False, title=False, years=False, tight=True),
        Level(6, about=False, title=False, years=False, tight=True),
        Level(6, about=False, title=False, years=False, tight=True, email=False),
    ),
}
"""Each channel's levels, tried in order until the draft fits (every cap is one of WIDTHS)."""


def default_channel(person: PersonInfo) -> Channel:
    """Email for people who prefer it or whose address is known, else a LinkedIn message."""
    if person.contact_policy is ContactPolicy.PREFERS_EMAIL or person.email:
        return Channel.EMAIL
    return Channel.LINKEDIN


def compose(
    path: PathResult,
    company: str,
    me: Me,
    *,
    kind: Kind,
    channel: Channel | None = None,
    lang: Lang = Lang.EN,
    emails: dict[str, str | None] | None = None,
    template_dir: Path | None = None,
    formal: bool | None = None,
) -> Draft:
    """Write a ``kind`` draft for ``path`` and check it.

    ``emails`` maps person ids to addresses the planner's results do not carry
    (the contact's, in particular). ``formal`` picks German "Sie" (True) or "du"
    (False); by default "du" for a contact you know well (see :func:`register`).
    """
    check_kind(kind, path)
    me = me.model_copy(
        update={f: squash(getattr(me, f)) for f in ("name", "about", "timeline", "role")}
    )
    emails = emails or {}
    contact = _info(path.hops[0].target, emails, path)
    nxt = _info(path.hops[1].target, emails, path) if len(path.hops) > 1 else None
    target = _info(path.target, emails, path)
    recipient = nxt if kind is Kind.BLURB and nxt is not None else contact
    channel = channel or default_channel(contact)
    tie_evidence = list(path.hops[0].evidence)
    requested_note = (
        channel is Channel.NOTE and kind is not Kind.BLURB and already_connected(tie_evidence)
    )
    if requested_note:  # a connection request to a connection: write them a message
        channel = Channel.LINKEDIN
    du, register_why = register(path, kind, lang, formal)
    renderer = Renderer(lang.value, kind.value, channel is Channel.NOTE, template_dir)
    company = squash(company) or company
    evidence = choose_evidence(tie_evidence)
    uses_how = kind in USES_HOW
    base: dict[str, Any] = {
        "kind": kind,
        "channel": channel,
        "lang": lang,
        "sender": _sender(me),
        "recipient": recipient,
        "send_to": contact,
        "introduce_to": nxt,
        "target": target,
        "company": company,
        "path": path.names,
        "tie_evidence": tie_evidence,
        "evidence": evidence if uses_how else None,
        "limit": CHANNEL_LIMITS[channel],
        "advice": [
            *(
                [
                    f"{contact.name} is already a connection: this is a LinkedIn message "
                    "(a connection-request note is for people you are not connected to yet)."
                ]
                if requested_note
                else []
            ),
            *_advice(path, kind, channel, contact, nxt, target, me, evidence, uses_how),
        ],
        "thin_tie": thin_tie(tie_evidence),
        "formality": register_why,
    }
    draft: Draft | None = None
    for level in LADDERS[channel]:
        how = _how(renderer, evidence, level, contact, kind) if uses_how else None
        ctx = _context(
            me, kind, channel, lang, company, recipient, contact, nxt, target, level, how
        ) | {"du": du, "thin": base["thin_tie"]}
        parts = renderer.render(ctx)
        subject = parts["subject"] if channel is Channel.EMAIL else ""
        draft = Draft(
            **base,
            how=how,
            subject=subject or None,
            greeting=parts["greeting"],
            text=parts["body"],
            signoff=parts["signoff"],
        )
        if _fits(draft):
            break
    assert draft is not None
    return draft.model_copy(update={"report": run_checks(draft)})


CLOSE = 0.6
"""Familiarity from which German drafts say "du" to the contact (a close former teammate)."""


def register(
    path: PathResult, kind: Kind, lang: Lang, formal: bool | None
) -> tuple[bool, str | None]:
    """German "du" or "Sie", and why; (False, None) for other languages."""
    if lang is not Lang.DE:
        return False, None
    if formal is not None:
        return not formal, ("Sie" if formal else "du") + " (as you chose)"
    hop = path.hops[0]
    name = first_name(hop.target.name)
    if kind is Kind.BLURB:
        return False, "Sie (the blurb is for someone you have not met; --informal for du)"
    if hop.familiarity >= CLOSE:
        return True, (
            f"du (you know {name} well: familiarity {hop.familiarity:.2f}; --formal for Sie)"
        )
    return False, (
        f"Sie (you do not know {name} closely: familiarity {hop.familiarity:.2f}; "
        "--informal for du)"
    )


def _sender(me: Me) -> Sender:
    return Sender(
        name=me.name,
        email=me.email,
        about=me.about,
        purpose=me.purpose.value,
        timeline=me.timeline,
        role=me.role,
    )


def _fits(draft: Draft) -> bool:
    if draft.limit is not None and len(draft.body) > draft.limit:
        return False
    return draft.subject is None or len(draft.subject) <= SUBJECT_LIMIT


def _info(ref: PersonRef, emails: dict[str, str | None], path: PathResult) -> PersonInfo:
    is_target = ref.id == path.target.id
    return PersonInfo(
        id=ref.id,
        name=squash(ref.name) or ref.name,
        title=squash(path.target.title if is_target else ref.title) or None,
        email=emails.get(ref.id) or (path.target.email if is_target else None),
        contact_policy=ref.contact_policy,
    )


def _cut(text: str | None, level: Level) -> str:
    if not text:
        return ""
    return shorten(text, level.cap) if level.cap else text


def _person(info: PersonInfo | None, level: Level) -> dict[str, str] | None:
    if info is None:
        return None
    return {
        "name": _cut(info.name, level),
        "first": _cut(first_name(info.name), level),
        "title": _cut(info.title, level) if level.title else "",
    }


def _how(
    renderer: Renderer, evidence: Evidence | None, level: Level, contact: PersonInfo, kind: Kind
) -> str:
    """How the user and the contact know each other, as the template phrases it."""
    who = _cut(contact.name, level) if kind is Kind.BLURB else ""
    if evidence is None:
        return renderer.macro("connected", who)
    kind_name = kind_of(evidence)
    if kind_name == "colleagues" and evidence.until:  # over: said in the past tense
        kind_name = "colleagues_past"
    return renderer.macro(
        "how",
        kind_name,
        _cut(squash(evidence.at), level),
        years(evidence) if level.years else "",
        who,
    )


def _context(
    me: Me,
    kind: Kind,
    channel: Channel,
    lang: Lang,
    company: str,
    recipient: PersonInfo,
    contact: PersonInfo,
    nxt: PersonInfo | None,
    target: PersonInfo,
    level: Level,
    how: str | None,
) -> dict[str, Any]:
    return {
        "kind": kind.value,
        "channel": channel.value,
        "lang": lang.value,
        "purpose": me.purpose.value,
        "me": {
            "name": _cut(me.name, level),
            "first": _cut(first_name(me.name), level),
            "email": me.email,
            "about": me.about,
            "timeline": me.timeline,
            "role": "" if level.tight else _cut(me.role, level),
        },
        "greet": _cut(first_name(recipient.name), level),
        "contact": _person(contact, level),
        "next": _person(nxt, level),
        "target": _person(target, level),
        "company": _cut(company, level),
        "leads_on": nxt is not None and nxt.id != target.id,
        "how": how or "",
        "show": {
            "about": level.about and bool(me.about),
            "title": level.title,
            "tight": level.tight,
            "email": bool(me.email) and (level.email or len(me.email) <= NOTE_EMAIL_MAX),
        },
    }


def _advice(
    path: PathResult,
    kind: Kind,
    channel: Channel,
    contact: PersonInfo,
    nxt: PersonInfo | None,
    target: PersonInfo,
    me: Me,
    evidence: Evidence | None,
    uses_how: bool,
) -> list[str]:
    advice = list(me.notes)
    if contact.contact_policy is ContactPolicy.PREFERS_EMAIL and channel is not Channel.EMAIL:
        advice.append(f"{contact.name} prefers email.")
    if channel is Channel.EMAIL and not contact.email:
        advice.append(f"The graph has no email address for {contact.name}.")
    if uses_how and evidence is None:
        advice.append(
            f"Nothing recorded on your tie with {contact.name} says how you know each other, "
            "so the draft only says you are connected: add the real reason before sending."
        )
    elif thin_tie(list(path.hops[0].evidence)):
        advice.append(
            f"This ask rests on a thin tie: all that is recorded is that you and {contact.name} "
            "are connected. Add the real reason you know each other to the draft (and to the "
            f'graph: intropath tie set "{contact.name}" --note "..."), or ask a closer contact.'
        )
    if nxt is not None and nxt.contact_policy is ContactPolicy.NO_STRANGERS:
        advice.append(
            f"{nxt.name} does not take requests from strangers: send the forwardable blurb "
            "first, so they can say yes or no."
        )
    if path.target.hiring_manager:
        advice.append(
            f"{target.name} is a hiring manager: do not approach them directly just before "
            "or after an interview; go through the team or a recruiter."
        )
    if kind is Kind.FOLLOWUP:
        advice.append(
            "Send this once, after a week or two of silence; if it goes unanswered too, "
            "take the silence as a gentle no."
        )
    if kind in (Kind.REQUEST, Kind.REFERRAL):
        advice.append("Ask one person at a time, and spread your requests out.")
    return advice
