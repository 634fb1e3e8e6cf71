"""People as a graph file writes them, decoded by msgspec and made into :class:`Person`.

Kept apart from :mod:`intropath.stores.people` so that a store whose people are
objects already (a small graph) never imports msgspec.
"""

from __future__ import annotations

import msgspec

from ..model import ContactPolicy, Person, Position


class PositionRecord(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    """A :class:`Position` as a graph file writes it (strict types, not yet checked)."""

    company: str
    title: str | None = None
    team: str | None = None
    current: bool = True
    start: str | None = None
    end: str | None = None


class PersonRecord(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    """A :class:`Person` as a graph file writes it, ``company``/``title`` shortcut included.

    Decoding one checks the types only; :mod:`intropath.columnar` checks the
    rest (no blank ids, no spaces to strip) before records are kept.
    """

    id: str
    name: str
    headline: str | None = None
    email: str | None = None
    profile_url: str | None = None
    contact_policy: ContactPolicy = ContactPolicy.OPEN
    recruiter: bool = False
    hiring_manager: bool = False
    do_not_ask: bool = False
    positions: list[PositionRecord] = msgspec.field(default_factory=list)
    groups: list[str] = msgspec.field(default_factory=list)
    sources: list[str] = msgspec.field(default_factory=list)
    company: str | None = None
    title: str | None = None


RECORDS = msgspec.json.Decoder(list[PersonRecord])


def shortcut(record: PersonRecord) -> list[PositionRecord]:
    """The record's positions, its ``company``/``title`` shortcut first (as :class:`Person`)."""
    if record.company:
        return [PositionRecord(record.company, record.title), *record.positions]
    return record.positions


def to_person(record: PersonRecord) -> Person:
    """The person of a checked record, built without validation (it was checked when read).

    ``groups`` is left empty: a store keeps membership on the groups, as
    :func:`intropath.graphfile.load_document` does.
    """
    positions = [Position.model_construct(**msgspec.structs.asdict(p)) for p in shortcut(record)]
    fields = msgspec.structs.asdict(record)
    del fields["company"], fields["title"]  # the shortcut, now the first position
    fields.update(positions=positions, groups=[], sources=list(record.sources))
    return Person.model_construct(**fields)
