"""Importing a LinkedIn data export (the zip as downloaded, or its folder).

>>> from intropath.importers import import_linkedin          # doctest: +SKIP
>>> document, report = import_linkedin("Basic_LinkedInDataExport.zip")  # doctest: +SKIP

The owner of the export is tied to each connection; each tie carries the
evidence read from the export (connection date, messages, invitations,
endorsements, recommendations, shared employers and schools), stamped with
the source ``linkedin:<owner id>``, and its numbers come from the strength
model (:mod:`intropath.strength`).
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from ..model import Evidence, EvidenceKind, GraphDocument, Position
from ..strength import DEFAULT_PARAMS, StrengthParams
from .csvutil import ExportSource
from .linkedin_read import Connection, Export, Tally, read_export
from .merge import Merger, Record
from .report import ImportReport
from .text import employer_key, is_employer
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
        Default: the name in Profile.csv, else "Me".
    params, as_of
        The strength model's parameters and the day recency is measured from.

    Returns
    -------
    The merged network and a report of what was imported and skipped.

    Raises
    ------
    ImportFileError
        When the path is missing, not a readable zip, or holds no Connections.csv.
    """
    path = Path(path)
    report = ImportReport(source=str(path))
    owner_url = profile_key(owner)
    owner_name = None if owner_url else owner
    with ExportSource(path) as source:
        export = read_export(source, report, owner_name)
    explicit = owner if document and owner in {p.id for p in document.people} else None
    name = export.owner_name or (owner if explicit else None) or "Me"
    merger = Merger(document, report)
    current = next((p.company for p in export.positions if p.end is None), None)
    me = merger.owner(
        Record(
            name=name,
            url=owner_url or export.owner_url,
            company=current,
            headline=export.owner_headline,
            where=str(path),
        ),
        "linkedin",
        explicit=explicit,
    )
    merger.set_source(f"linkedin:{me}")
    report.owner = me
    _apply(export, merger, me)
    return merger.finish(params, as_of), report


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
    for evidence in _overlaps(export, c.company):
        merger.add(me, person, evidence)
    return person


def _who(kind: EvidenceKind, direction: str) -> str:
    given, received = _WHO[kind]
    return given if direction == "given" else received


def _overlaps(export: Export, company: str) -> list[Evidence]:
    """Evidence from the owner's employers and schools matching the contact's company."""
    if not company or not is_employer(company):
        return []
    key = employer_key(company)
    found: list[Evidence] = []
    for position in export.positions:
        if employer_key(position.company) != key:
            continue
        if position.end is None:
            found.append(
                Evidence(
                    kind=EvidenceKind.WORKED_TOGETHER,
                    at=position.company,
                    since=position.start,
                    detail="you both work there now",
                )
            )
        else:
            found.append(
                Evidence(
                    kind=EvidenceKind.SHARED_EMPLOYER,
                    at=position.company,
                    since=position.start,
                    until=position.end,
                    detail="you worked there; they work there now",
                )
            )
    for school in export.schools:
        if employer_key(school.name) == key:
            found.append(
                Evidence(
                    kind=EvidenceKind.SHARED_SCHOOL,
                    at=school.name,
                    since=school.start,
                    until=school.end,
                )
            )
    return found


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _span(tally: Tally) -> dict[str, str | None]:
    """``since`` the first date and ``until`` the last, when they differ."""
    first, last = _iso(tally.first), _iso(tally.last)
    return {"since": first, "until": last if last != first else None}
