"""What the Neo4j loader writes: a network turned into rows for the ``load_*.cypher`` files.

Nothing here talks to a server. :class:`LoadPlan` holds the rows, built from a
graph document or from tie columns (for large generated networks), and
resolves every position to a company exactly as
:class:`~intropath.stores.memory.MemoryStore` does, so both stores answer the
same lookups.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from ..companies import CompanyIndex, name_keys
from ..model import Company, GraphDocument, Group, Person, Tie
from ..strength import level_of
from .compact import Floats, Ints

Row = dict[str, Any]
Texts = npt.NDArray[np.object_]


@dataclass(frozen=True)
class TieColumns:
    """Ties as columns, ends in id order (``a < b``): ``load_ties.cypher``'s parameters.

    Columns, not one map per tie: the driver packs a list of numbers or strings
    several times faster than as many small maps (which, in pure Python, capped the load).
    """

    a: Texts
    b: Texts
    trust: Floats
    familiarity: Floats
    evidence: list[str | None]
    level: list[str]
    """:func:`intropath.strength.level_of` of the same evidence, stored for Cypher users."""

    @classmethod
    def build(
        cls,
        a: Texts,
        b: Texts,
        trust: Floats,
        familiarity: Floats,
        evidence: list[str | None],
        level: list[str],
    ) -> TieColumns:
        swap = b < a
        return cls(np.where(swap, b, a), np.where(swap, a, b), trust, familiarity, evidence, level)

    def __len__(self) -> int:
        return len(self.a)

    def batches(self, size: int) -> Iterator[Row]:
        """Consecutive parameter maps of at most ``size`` ties."""
        for start in range(0, len(self), size):
            stop = start + size
            yield {
                "a": self.a[start:stop].tolist(),
                "b": self.b[start:stop].tolist(),
                "trust": self.trust[start:stop].tolist(),
                "familiarity": self.familiarity[start:stop].tolist(),
                "evidence": self.evidence[start:stop],
                "level": self.level[start:stop],
            }


def node_batches(ties: TieColumns, nodes: Mapping[str, str], size: int) -> Iterator[Row]:
    """``create_ties.cypher``'s parameter maps of at most ``size`` ties, each end given as
    its node's element id (``nodes`` maps people's ids to them) and its person's id, one
    person's ties after another (the server then writes each node's relationships
    together)."""
    number = {person: i for i, person in enumerate(nodes)}
    element = np.array(list(nodes.values()), dtype=object)
    a = np.fromiter(map(number.__getitem__, ties.a), dtype=np.int64, count=len(ties))
    b = np.fromiter(map(number.__getitem__, ties.b), dtype=np.int64, count=len(ties))
    order = np.lexsort((b, a))
    for start in range(0, len(order), size):
        part = order[start : start + size]
        rows = part.tolist()
        yield {
            "a": element[a[part]].tolist(),
            "b": element[b[part]].tolist(),
            "ida": ties.a[part].tolist(),
            "idb": ties.b[part].tolist(),
            "trust": ties.trust[part].tolist(),
            "familiarity": ties.familiarity[part].tolist(),
            "evidence": [ties.evidence[i] for i in rows],
            "level": [ties.level[i] for i in rows],
        }


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
    ties: TieColumns = field(repr=False)

    @classmethod
    def from_document(cls, document: GraphDocument) -> LoadPlan:
        """Rows for a whole (validated) graph document."""
        ties = document.ties
        columns = TieColumns.build(
            np.array([t.a for t in ties], dtype=object),
            np.array([t.b for t in ties], dtype=object),
            np.array([t.trust for t in ties], dtype=np.float64),
            np.array([t.familiarity for t in ties], dtype=np.float64),
            [evidence_json(t) for t in ties],
            [level_of(t.evidence).value for t in ties],
        )
        return cls._build(
            document.me, document.people, document.companies, document.groups, columns
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
        ids = np.array([p.id for p in people], dtype=object)
        columns = TieColumns.build(
            ids[np.asarray(a)],
            ids[np.asarray(b)],
            np.asarray(trust, dtype=np.float64),
            np.asarray(familiarity, dtype=np.float64),
            [None] * len(a),
            [level_of([]).value] * len(a),
        )
        return cls._build(me, people, companies, groups, columns)

    @classmethod
    def _build(
        cls,
        me: str | None,
        people: Sequence[Person],
        companies: Sequence[Company],
        groups: Sequence[Group],
        ties: TieColumns,
    ) -> LoadPlan:
        index = CompanyIndex.build(c.model_copy(deep=True) for c in companies)
        for person in people:
            for position in person.positions:
                if index.key_of(position.company) is None:
                    index.add(Company(name=position.company))
        company_rows = [
            {
                "key": key,
                "name": c.name,
                "aliases": list(c.aliases) or None,
                "name_keys": name_keys(c),
                "seq": seq,
            }
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
            ties,
        )


def person_props(person: Person, seq: int) -> Row:
    """A person's properties for ``SET p += props`` (empty lists become null: not stored)."""
    props = person.model_dump(mode="json", exclude={"id", "positions"})
    for key, value in props.items():
        if isinstance(value, list) and not value:
            props[key] = None
    props["seq"] = seq
    return props


def evidence_json(tie: Tie) -> str | None:
    """A tie's evidence as stored: a JSON list (Neo4j properties cannot hold maps), or null."""
    if not tie.evidence:
        return None
    return json.dumps(
        [e.model_dump(mode="json", exclude_none=True) for e in tie.evidence], ensure_ascii=False
    )


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
