"""What the Neo4j loader writes: a network turned into rows for the ``load_*.cypher`` files.

Nothing here talks to a server. :class:`LoadPlan` holds the rows, built from a
graph document or from tie columns (for large generated networks), and
resolves every position to a company exactly as
:class:`~intropath.stores.memory.MemoryStore` does, so both stores answer the
same lookups.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..companies import CompanyIndex
from ..model import Company, GraphDocument, Group, Person, Tie
from ..strength import level_of
from .compact import Floats, Ints

Row = dict[str, Any]


@dataclass
class LoadPlan:
    """The rows to write, in the order they must be written."""

    me: str | None
    companies: list[Row]
    people: list[Row]
    positions_kept: list[Row]
    positions: list[Row]
    groups: list[Row]
    memberships: list[Row]
    tie_count: int
    tie_rows: Iterator[Row] = field(repr=False)

    @classmethod
    def from_document(cls, document: GraphDocument) -> LoadPlan:
        """Rows for a whole (validated) graph document."""
        ties = document.ties
        return cls._build(
            document.me,
            document.people,
            document.companies,
            document.groups,
            len(ties),
            (tie_row(t.a, t.b, t.trust, t.familiarity, t) for t in ties),
        )

    @classmethod
    def from_columns(
        cls,
        people: Sequence[Person],
        a: Ints,
        b: Ints,
        trust: Floats,
        familiarity: Floats,
        *,
        companies: Sequence[Company] = (),
        groups: Sequence[Group] = (),
        me: str | None = None,
    ) -> LoadPlan:
        """Rows for a network given as tie columns (``a`` and ``b`` index ``people``)."""
        ids = [p.id for p in people]

        def rows() -> Iterator[Row]:
            for i, j, t, f in zip(
                np.asarray(a).tolist(),
                np.asarray(b).tolist(),
                np.asarray(trust).tolist(),
                np.asarray(familiarity).tolist(),
                strict=True,
            ):
                yield tie_row(ids[i], ids[j], t, f, None)

        return cls._build(me, people, companies, groups, len(a), rows())

    @classmethod
    def _build(
        cls,
        me: str | None,
        people: Sequence[Person],
        companies: Sequence[Company],
        groups: Sequence[Group],
        tie_count: int,
        tie_rows: Iterator[Row],
    ) -> LoadPlan:
        index = CompanyIndex.build(c.model_copy(deep=True) for c in companies)
        for person in people:
            for position in person.positions:
                if index.key_of(position.company) is None:
                    index.add(Company(name=position.company))
        company_rows = [
            {"key": key, "name": c.name, "aliases": list(c.aliases) or None, "seq": seq}
            for seq, (key, c) in enumerate(index.companies.items())
        ]
        people_rows: list[Row] = []
        kept: list[Row] = []
        positions: list[Row] = []
        for seq, person in enumerate(people):
            people_rows.append({"id": person.id, "props": person_props(person, seq)})
            keys = [index.key_of(p.company) for p in person.positions]
            kept.append({"person": person.id, "keys": keys})
            for ordinal, (key, position) in enumerate(zip(keys, person.positions, strict=True)):
                positions.append(
                    {
                        "person": person.id,
                        "company": key,
                        "ordinal": ordinal,
                        "props": position.model_dump(mode="json"),
                    }
                )
        group_rows = [
            {"id": g.id, "name": g.name, "kind": g.kind, "seq": seq} for seq, g in enumerate(groups)
        ]
        memberships = [
            {"person": member, "group": g.id, "ordinal": ordinal}
            for g in groups
            for ordinal, member in enumerate(g.members)
        ]
        return cls(
            me,
            company_rows,
            people_rows,
            kept,
            positions,
            group_rows,
            memberships,
            tie_count,
            tie_rows,
        )


def person_props(person: Person, seq: int) -> Row:
    """A person's properties for ``SET p += props`` (empty lists become null: not stored)."""
    props = person.model_dump(mode="json", exclude={"id", "positions"})
    for key, value in props.items():
        if isinstance(value, list) and not value:
            props[key] = None
    props["seq"] = seq
    return props


def tie_row(a: str, b: str, trust: float, familiarity: float, tie: Tie | None) -> Row:
    """One ``load_ties.cypher`` row, ends in id order, evidence as a JSON string.

    ``level`` is :func:`intropath.strength.level_of` of the same evidence, stored
    for Cypher users; the planner derives it from the evidence in every store.
    """
    evidence = None
    level = level_of(tie.evidence if tie is not None else []).value
    if tie is not None and tie.evidence:
        evidence = json.dumps(
            [e.model_dump(mode="json", exclude_none=True) for e in tie.evidence],
            ensure_ascii=False,
        )
    if b < a:
        a, b = b, a
    return {
        "a": a,
        "b": b,
        "trust": float(trust),
        "familiarity": float(familiarity),
        "evidence": evidence,
        "level": level,
    }


def batches(rows: Sequence[Row] | Iterator[Row], size: int) -> Iterator[list[Row]]:
    """Consecutive lists of at most ``size`` rows."""
    batch: list[Row] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
