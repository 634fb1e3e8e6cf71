"""The facts a draft may state: which evidence says how two people know each other,
what to call someone, and how to shorten a value to fit a channel.

Nothing here invents anything: a draft only ever quotes evidence recorded on
the tie, and says something honest and generic when there is none.
"""

from __future__ import annotations

import re

from ..model import Evidence, EvidenceLevel
from ..strength import level_of

QUOTABLE = (
    "worked_together",
    "studied_together",
    "met",
    "introduction",
    "meetings",
    "shared_employer",
    "shared_school",
    "recommendation",
    "endorsement",
    "email",
    "messages",
    "colleagues",
    "connected",
    "invitation",
)
"""Evidence kinds a draft may quote, most telling first.

Working for the same employer (``colleagues``) comes after every sign that the
two actually know each other, and is only ever said as what it is ("we are both
at Acme"), never as having worked together.

A rating is the user's own number and a free-text note is the user's private
wording (often about the person, in the third person), so neither is quoted;
a note that names a place (``at``) is read as "we know each other from there".
Messages, mail and meetings are quoted only when they show the two interacting
(both ways, or small meetings): "we have exchanged messages" is untrue of
messages nobody answered.
"""

INTERACTIONS = frozenset({"messages", "email", "meetings"})
"""Kinds a draft may quote only at the ``interacted`` level."""

PLACED = frozenset(
    {"worked_together", "studied_together", "met", "shared_employer", "shared_school", "note",
     "connected", "invitation", "colleagues"}
)  # fmt: skip
"""Kinds whose phrase names the place (``at``); the others do not state it."""

NEEDS_PLACE = frozenset({"shared_employer", "shared_school", "note", "colleagues"})
"""Kinds that say nothing without a place."""

ELLIPSIS = "\u2026"
EN_DASH = "\u2013"
_YEAR = re.compile(r"\s*(\d{4})\b")
_SUFFIXES = frozenset(
    {"phd", "ph.d", "ph.d.", "md", "mba", "msc", "bsc", "ma", "ba", "jr", "jr.", "sr", "sr.",
     "ii", "iii", "iv", "cpa", "pe", "esq", "esq.", "dds"}
)  # fmt: skip
_HONORIFICS = frozenset(
    {"dr", "dr.", "prof", "prof.", "mr", "mr.", "ms", "ms.", "mrs", "mrs.", "mx", "mx.",
     "herr", "frau", "sir", "dame"}
)  # fmt: skip


def thin_tie(evidence: list[Evidence]) -> bool:
    """Does the tie rest on no real interaction (connected only, or weak evidence only)?

    Being connected, sharing an employer or a one-way message is no sign that
    someone knows your work, so a draft must not claim they do.
    """
    return level_of(evidence) in (EvidenceLevel.CONNECTED, EvidenceLevel.WEAK)


def already_connected(evidence: list[Evidence]) -> bool:
    """Are the two connected on LinkedIn already (so a connection request makes no sense)?"""
    return any(kind_of(e) == "connected" for e in evidence)


def kind_of(evidence: Evidence) -> str:
    return str(getattr(evidence.kind, "value", evidence.kind))


def quotable(evidence: Evidence) -> bool:
    """May a draft say how two people know each other from this evidence?"""
    kind = kind_of(evidence)
    if kind in NEEDS_PLACE:
        return bool(squash(evidence.at))
    if kind in INTERACTIONS:
        return level_of([evidence]) is EvidenceLevel.INTERACTED
    return kind in QUOTABLE


def choose_evidence(evidence: list[Evidence]) -> Evidence | None:
    """The most telling quotable evidence (the first recorded wins a draw), or None."""
    ranked = [
        (QUOTABLE.index(kind_of(e)) if kind_of(e) in QUOTABLE else len(QUOTABLE), i, e)
        for i, e in enumerate(evidence)
        if quotable(e)
    ]
    return min(ranked, key=lambda r: (r[0], r[1]))[2] if ranked else None


def squash(text: str | None) -> str:
    """One line, single spaces (as the rendered draft will show it)."""
    return " ".join((text or "").split())


def years(evidence: Evidence) -> str:
    """'2019-2022' (with an en dash) when both ends are known as years, else ''."""
    start = _YEAR.match(evidence.since or "")
    end = _YEAR.match(evidence.until or "")
    if not (start and end):
        return ""
    if start.group(1) == end.group(1):
        return start.group(1)
    return f"{start.group(1)}{EN_DASH}{end.group(1)}"


def first_name(name: str) -> str:
    """What a greeting calls someone: 'Dana' for 'Dana Reyes', 'Reyes, Dana' or 'Dr. Dana Reyes'.

    >>> first_name("Reyes, Dana")
    'Dana'
    >>> first_name("Dana Reyes, PhD")
    'Dana'
    """
    text = " ".join(name.split())
    if "," in text:
        head, _, tail = text.partition(",")
        tail_words = tail.replace(",", " ").split()
        if tail_words and all(w.casefold() in _SUFFIXES for w in tail_words):
            text = head
        elif head.strip() and tail_words:
            text = " ".join(tail_words)
    words = [w for w in text.replace(",", " ").split() if w.casefold() not in _HONORIFICS]
    return words[0] if words else (text.strip() or name)


def shorten(text: str, width: int) -> str:
    """``text`` cut to at most ``width`` characters, at a word if possible, ending in '…'."""
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    space = cut.rfind(" ")
    if not text[width - 1].isspace() and space >= width // 2:  # do not end mid-word
        cut = cut[:space]
    return (cut.rstrip(" ,;:-(" + EN_DASH) or text[: width - 1]) + ELLIPSIS


def mentions(text: str, value: str, widths: tuple[int, ...]) -> bool:
    """Does ``text`` contain ``value``, or ``value`` shortened to one of ``widths``?"""
    if value in text:
        return True
    return any(shorten(value, w) in text for w in widths if w < len(value))
