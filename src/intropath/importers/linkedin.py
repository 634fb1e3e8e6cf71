"""Importing a LinkedIn data export (the zip as downloaded, or its folder).

>>> from intropath.importers import import_linkedin          # doctest: +SKIP
>>> document, report = import_linkedin("Basic_LinkedInDataExport.zip")  # doctest: +SKIP

The owner of the export is tied to each connection; each tie carries the
evidence read from the export (connection date, messages, invitations,
endorsements, recommendations, and working at the same employer now), stamped with
the source ``linkedin:<owner id>``, and its numbers come from the strength
model (:mod:`intropath.strength`).
"""

from __future__ import annotations

import os
import shlex
from datetime import date
from pathlib import Path

from ..errors import OwnerMismatch
from ..model import (
    OWNER_PLACEHOLDER,
    Evidence,
    EvidenceKind,
    GraphDocument,
    Position,
    is_placeholder_name,
)
from ..strength import DEFAULT_PARAMS, StrengthParams
from .csvutil import ExportSource
from .linkedin_read import Connection, Export, Tally, read_export
from .merge import Merger, Record
from .report import ImportReport
from .text import employer_key, is_employer, name_key
from .urls import profile_key


def import_linkedin(
    path: str | os.PathLike[str],
    document: GraphDocument | None = None,
    *,
    owner: str | None = None,
    params: StrengthParams = DEFAULT_PARAMS,
    as_of: date | None = None,
) -> tuple[GraphDocument, ImportReport]:
    """Merge a LinkedIn export into ``document`` (or a new network).

    Parameters
    ----------
    path
        The export zip, its unzipped folder, or a Connections.csv.
    document
        The network to merge into; it is changed in place and must not be used
        afterwards (use the returned document).
    owner
        Whose export it is: a name, an existing person id or a profile URL.
        Default: the name in Profile.csv, else Invitations.csv, else
        messages.csv, else "Me". Without it, an export of someone other than
        the network's owner is refused (give it to pool a teammate's export).
    params, as_of
        The strength model's parameters and the day recency is measured from.

    Returns
    -------
    The merged network and a report of what was imported and skipped.

    Raises
    ------
    ImportFileError
        When the path is missing, not a readable zip, or holds no Connections.csv.
    OwnerMismatch
        When the export is not the network owner's and ``owner`` is not given.
    """
    path = Path(path)
    report = ImportReport(source=str(path))
    merger = Merger(document, report)  # reads the document; changes it only from owner() on
    explicit = owner if owner in merger.people else None
    owner_url = None if explicit else profile_key(owner)
    owner_name = merger.people[explicit].name if explicit else None if owner_url else owner
    with ExportSource(path) as source:
        export = read_export(source, report, owner_name, owner_url)
    name = export.owner_name or OWNER_PLACEHOLDER
    if export.owner_name is None:
        report.note(
            f"the export does not name its owner (no Profile.csv, messages or invitations), "
            f"so they are called {OWNER_PLACEHOLDER!r}: pass --owner 'Your Name'"
        )
    elif export.owner_named_by not in ("--owner", "Profile.csv"):
        report.note(f"the owner, {name}, is named by {export.owner_named_by} (no Profile.csv)")
    current = next((p.company for p in export.positions if p.end is None), None)
    record = Record(
        name=name,
        url=owner_url or export.owner_url,
        company=current,
        headline=export.owner_headline,
        where=str(path),
    )
    if owner is None and merger.me is not None:
        explicit = _same_owner(merger, record, path)
    me = merger.owner(record, "linkedin", explicit=explicit)
    if is_placeholder_name(merger.people[me].name) and export.owner_name:
        merger.people[me].name = export.owner_name  # an owner named at last
    merger.set_source(f"linkedin:{me}")
    report.owner = me
    _apply(export, merger, me)
    return merger.finish(params, as_of), report


def _same_owner(merger: Merger, record: Record, path: Path) -> str:
    """The graph's owner, when the export is theirs; else refuse (no silent merge of two owners).

    Raises
    ------
    OwnerMismatch
        When the export names someone else, or names nobody and the graph's owner has a name.
    """
    assert merger.me is not None
    me = merger.people[merger.me]
    if is_placeholder_name(me.name):
        return me.id  # an owner nobody named yet: this export names them
    found = merger.find_owner(record, "linkedin")
    same_name = name_key(record.name) == name_key(me.name)
    urls = {profile_key(record.url), profile_key(me.profile_url)} - {None}
    if found == me.id or (found is None and same_name and len(urls) <= 1):
        return me.id
    pooled = shlex.quote(record.name)
    if is_placeholder_name(record.name):
        raise OwnerMismatch(
            str(path),
            f"the export does not name its owner and this graph is {me.name}'s; pass --owner "
            "NAME (yours to re-import it, a teammate's to pool it) or --fresh for a new graph",
        )
    raise OwnerMismatch(
        str(path),
        f"this export is {record.name}'s, but this graph is {me.name}'s; pass --fresh for a "
        f"new graph, or --owner {pooled} to pool {record.name}'s network with {me.name}'s",
    )


_WHO = {
    EvidenceKind.INVITATION: ("you invited them", "they invited you"),
    EvidenceKind.ENDORSEMENT: ("you endorsed them", "they endorsed you"),
    EvidenceKind.RECOMMENDATION: ("you recommended them", "they recommended you"),
}
"""How evidence given and received reads in explanations."""


def _apply(export: Export, merger: Merger, me: str) -> None:
    if export.positions:
        merger.set_positions(
            me,
            [
                Position(
                    company=p.company,
                    title=p.title,
                    current=p.end is None,
                    start=p.start,
                    end=p.end,
                )
                for p in export.positions
            ],
        )
    for school in export.schools:
        merger.join_group(school.name, "school", me)
    ids = [_connect(export, merger, me, c) for c in export.connections]
    for i, tally in export.messages.items():
        merger.add(
            me,
            ids[i],
            Evidence(
                kind=EvidenceKind.MESSAGES,
                count=tally.count,
                sent=tally.sent,
                received=tally.received,
                **_span(tally),
                detail=f"{tally.sent} sent, {tally.received} received",
            ),
        )
    for (i, direction), tally in export.invitations.items():
        who = _who(EvidenceKind.INVITATION, direction)
        note = (i, direction) in export.notes
        merger.add(
            me,
            ids[i],
            Evidence(
                kind=EvidenceKind.INVITATION,
                direction=direction,
                since=_iso(tally.last),
                detail=f"{who} with a personal note" if note else None,
            ),
        )
    for (i, direction), tally in export.endorsements.items():
        who = _who(EvidenceKind.ENDORSEMENT, direction)
        skills = ", ".join(tally.details[:5])
        merger.add(
            me,
            ids[i],
            Evidence(
                kind=EvidenceKind.ENDORSEMENT,
                direction=direction,
                count=tally.count,
                **_span(tally),
                detail=f"{who} for {skills}" if skills else who,
            ),
        )
    for (i, direction), tally in export.recommendations.items():
        merger.add(
            me,
            ids[i],
            Evidence(
                kind=EvidenceKind.RECOMMENDATION,
                direction=direction,
                count=tally.count,
                **_span(tally),
                detail=_who(EvidenceKind.RECOMMENDATION, direction),
            ),
        )


def _connect(export: Export, merger: Merger, me: str, c: Connection) -> str:
    """Merge one connection and tie them to the owner; their person id."""
    person = merger.person(
        Record(
            name=c.name,
            url=c.url,
            email=c.email,
            company=c.company or None,
            title=c.position or None,
            where=c.where,
        )
    )
    merger.add(me, person, Evidence(kind=EvidenceKind.CONNECTED, since=_iso(c.connected)))
    for evidence in _overlaps(export, merger.people[person].positions):
        merger.add(me, person, evidence)
    return person


def _who(kind: EvidenceKind, direction: str) -> str:
    given, received = _WHO[kind]
    return given if direction == "given" else received


def _overlaps(export: Export, theirs: list[Position]) -> list[Evidence]:
    """``colleagues`` evidence, once per employer, where the owner's time there and the
    contact's overlap.

    Connections.csv gives only the contact's current employer, with no dates:
    that overlaps with the owner's current position there. A pooled export
    (the contact's own) adds their dated positions. A past position with no
    known overlap (or a school) says nothing about the two of them.
    """
    found: dict[str, tuple[str, list[_Span]]] = {}
    for mine in export.positions:
        if not is_employer(mine.company):
            continue
        key = employer_key(mine.company)
        for other in theirs:
            if employer_key(other.company) != key:
                continue
            span = _overlap(
                (mine.start, mine.end), (other.start, None if other.current else other.end)
            )
            if span is not None:
                found.setdefault(key, (mine.company, []))[1].append(span)
    evidence = []
    for at, spans in found.values():
        starts = [start for start, _ in spans if start]
        ongoing = any(end is None for _, end in spans)
        evidence.append(
            Evidence(
                kind=EvidenceKind.COLLEAGUES,
                at=at,
                since=min(starts) if starts else None,
                until=None if ongoing else max(end for _, end in spans if end),
                detail="you both work there now" if ongoing else "you were there at the same time",
            )
        )
    return evidence


_Span = tuple[str | None, str | None]
"""A time at an employer: start and end as partial ISO dates; None is unknown or now."""


def _overlap(a: _Span, b: _Span) -> _Span | None:
    """When two times at an employer overlap (an unknown start overlaps only what is
    ongoing on both sides), or None when they do not or cannot be told to."""
    (a_start, a_end), (b_start, b_end) = a, b
    if a_start is None or b_start is None:  # since when, nobody knows
        return (None, None) if a_end is None and b_end is None else None
    start = max(a_start, b_start, key=_first_day)
    ends = [end for end in (a_end, b_end) if end is not None]
    end = min(ends, key=_last_day) if ends else None
    if end is not None and _last_day(end) < _first_day(start):
        return None
    return (start, end)


def _first_day(partial: str) -> str:
    return partial + "-01-01"[len(partial) - 4 :] if len(partial) < 10 else partial


def _last_day(partial: str) -> str:
    return partial + "-12-31"[len(partial) - 4 :] if len(partial) < 10 else partial


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _span(tally: Tally) -> dict[str, str | None]:
    """``since`` the first date and ``until`` the last, when they differ."""
    first, last = _iso(tally.first), _iso(tally.last)
    return {"since": first, "until": last if last != first else None}
