"""Merging address-book contacts (vCard, Google or Outlook CSV) into a network."""

from __future__ import annotations

from datetime import date

from ..model import Evidence, EvidenceKind, GraphDocument
from ..strength import DEFAULT_PARAMS, StrengthParams
from .merge import Merger, Record
from .report import ImportReport


def merge_contacts(
    records: list[Record],
    document: GraphDocument | None,
    kind: str,
    report: ImportReport,
    *,
    owner: str | None = None,
    params: StrengthParams = DEFAULT_PARAMS,
    as_of: date | None = None,
) -> GraphDocument:
    """Merge contacts into the same people; each is tied to the owner of the address book.

    ``owner`` is an existing person id or a name; default: the network's ``me``.
    """
    merger = Merger(document, report)
    explicit = owner if owner in merger.people else merger.me if owner is None else None
    name = merger.people[explicit].name if explicit else owner or "Me"
    me = merger.owner(Record(name=name, where=report.source), kind, explicit=explicit)
    merger.set_source(f"{kind}:{me}")
    report.owner = me
    for record in records:
        person = merger.person(record)
        merger.add(me, person, Evidence(kind=EvidenceKind.CONNECTED, detail="in your address book"))
    report.counts["contacts"] = len(records)
    return merger.finish(params, as_of)
