"""The embedded store: a whole network in memory, no server needed."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np

from ..companies import CompanyIndex
from ..errors import PersonNotFound
from ..model import Company, ContactPolicy, Evidence, GraphDocument, Group, Person, Tie
from .base import SearchQuery, SearchResult
from .compact import CompactGraph, Floats, Ints
from .people import People
from .ranking import search_compact

if TYPE_CHECKING:
    import networkx as nx


class MemoryStore:
    """A network held in memory, indexed for lookups and search.

    Companies and groups stay pydantic models; people are numbered in a
    :class:`~intropath.stores.people.People` table (objects, or JSON made into
    objects on demand); ties live only in a
    :class:`~intropath.stores.compact.CompactGraph` (with their evidence on the
    side), so a network of millions of ties fits in a few hundred megabytes.
    """

    def __init__(self, document: GraphDocument, description: str = "in-memory graph") -> None:
        ties = document.ties
        position = {p.id: i for i, p in enumerate(document.people)}
        self._build(
            document.people,
            document.companies,
            document.groups,
            document.me,
            description,
            np.fromiter((position[t.a] for t in ties), dtype=np.int64, count=len(ties)),
            np.fromiter((position[t.b] for t in ties), dtype=np.int64, count=len(ties)),
            np.fromiter((t.trust for t in ties), dtype=np.float64, count=len(ties)),
            np.fromiter((t.familiarity for t in ties), dtype=np.float64, count=len(ties)),
            {_pair(t.a, t.b): t.evidence for t in ties if t.evidence},
        )

    @classmethod
    def from_columns(
        cls,
        people: list[Person],
        a: Ints,
        b: Ints,
        trust: Floats,
        familiarity: Floats,
        *,
        companies: list[Company] | None = None,
        groups: list[Group] | None = None,
        me: str | None = None,
        description: str = "in-memory graph",
        evidence: Mapping[tuple[str, str], list[Evidence]] | None = None,
    ) -> MemoryStore:
        """Build from tie columns (``a`` and ``b`` index ``people``), for large networks.

        The caller vouches that the data is valid (as a generator or the
        columnar reader of graph files does); no per-tie models are made.
        ``evidence`` is keyed by the two ids in order.
        """
        store = cls.__new__(cls)
        store._build(
            people,
            companies or [],
            groups or [],
            me,
            description,
            a,
            b,
            trust,
            familiarity,
            evidence or {},
        )
        return store

    @classmethod
    def from_parts(
        cls,
        people: People,
        index: CompanyIndex,
        employees: Mapping[str, Sequence[int]],
        groups: list[Group],
        me: str | None,
        description: str,
        graph: CompactGraph,
        do_not_ask: set[int],
        evidence: Mapping[tuple[str, str], list[Evidence]],
    ) -> MemoryStore:
        """Assemble a store from its indexes, as a checked reader built them.

        ``employees`` maps a company key to people numbers in file order; the
        numbers are positions in ``people`` (and in ``graph``).
        """
        store = cls.__new__(cls)
        store._setup(people, index, employees, groups, me, description, graph, do_not_ask, evidence)
        return store

    def _build(
        self,
        people: list[Person],
        companies: list[Company],
        groups: list[Group],
        me: str | None,
        description: str,
        a: Ints,
        b: Ints,
        trust: Floats,
        familiarity: Floats,
        evidence: Mapping[tuple[str, str], list[Evidence]],
    ) -> None:
        table = People.of(people)
        index = CompanyIndex.build(companies)
        employees: dict[str, list[int]] = {}
        for person in people:  # in document order, as lists of employees show them
            for position in person.positions:
                if index.key_of(position.company) is None:
                    index.add(Company(name=position.company))
            keys = {index.key_of(p.company) for p in person.positions}
            for key in sorted(k for k in keys if k is not None):
                employees.setdefault(key, []).append(table.number[person.id])
        n = len(table)
        rank = np.fromiter((table.number[p.id] for p in people), dtype=np.int64, count=n)
        blocked = np.fromiter(
            (p.contact_policy is ContactPolicy.DO_NOT_CONTACT for p in table), dtype=bool, count=n
        )
        do_not_ask = {i for i, p in enumerate(table) if p.do_not_ask}
        graph = CompactGraph(n, rank[a], rank[b], trust, familiarity, blocked)
        self._setup(table, index, employees, groups, me, description, graph, do_not_ask, evidence)

    def _setup(
        self,
        people: People,
        index: CompanyIndex,
        employees: Mapping[str, Sequence[int]],
        groups: list[Group],
        me: str | None,
        description: str,
        graph: CompactGraph,
        do_not_ask: set[int],
        evidence: Mapping[tuple[str, str], list[Evidence]],
    ) -> None:
        self._description = description
        self._me = me
        self._people = people
        self._ids = people.ids
        self._number = people.number
        self._index = index
        self._employees = employees
        self._group_list = groups
        self._groups: dict[str, list[Group]] | None = None  # built when first asked
        self._evidence = evidence
        self.compact = graph
        self._do_not_ask = do_not_ask

    @property
    def description(self) -> str:
        return self._description

    @property
    def owner(self) -> str | None:
        return self._me

    def person(self, person_id: str) -> Person:
        person = self._people.get(person_id)
        if person is None:
            raise PersonNotFound(person_id)
        return person

    def people(self) -> Iterable[Person]:
        """Everyone, in id order."""
        return iter(self._people)

    def tie(self, a: str, b: str) -> Tie | None:
        i, j = self._number.get(a), self._number.get(b)
        if i is None or j is None:
            return None
        edge = self.compact.edge(i, j)
        return None if edge is None else self._tie_at(a, b, edge)

    def _tie_at(self, a: str, b: str, edge: int) -> Tie:
        # Built without validation: the numbers came from validated ties.
        trust, familiarity = self.compact.value(edge)
        return Tie.model_construct(
            a=a,
            b=b,
            trust=trust,
            familiarity=familiarity,
            evidence=list(self._evidence.get(_pair(a, b), [])),
        )

    def ties(self) -> Iterator[Tie]:
        """Every tie once, in id order."""
        g = self.compact
        for i, a in enumerate(self._ids):
            for edge in range(int(g.indptr[i]), int(g.indptr[i + 1])):
                j = g.nbr_view[edge]
                if j > i:
                    yield self._tie_at(a, self._ids[j], edge)

    def to_document(self) -> GraphDocument:
        """The network as a graph document (for saving or exporting)."""
        return GraphDocument(
            me=self._me,
            people=list(self._people),
            companies=self.companies(),
            groups=list(self._group_list),
            ties=list(self.ties()),
        )

    def companies(self) -> list[Company]:
        return list(self._index.companies.values())

    def company_index(self) -> CompanyIndex:
        return self._index

    def companies_for(self, names: Iterable[str]) -> CompanyIndex:
        return self._index

    def employees(self, company_key: str) -> list[Person]:
        return self._people.many(self._employees.get(company_key, ()))

    def groups_of(self, person_id: str) -> list[Group]:
        if self._groups is None:
            self._groups = {}
            for group in self._group_list:
                for member in group.members:
                    self._groups.setdefault(member, []).append(group)
        return list(self._groups.get(person_id, []))

    def shared_groups(self, person_id: str, others: Collection[str]) -> list[Group]:
        wanted = set(others)
        shared = []
        for group in self.groups_of(person_id):
            members = [m for m in group.members if m in wanted]
            if members:
                shared.append(group.model_copy(update={"members": members}))
        return shared

    def to_networkx(self) -> nx.MultiGraph:
        """The whole network as a networkx multigraph (see :mod:`intropath.interchange`)."""
        from ..interchange import to_networkx

        return to_networkx(self.to_document())

    def search(self, query: SearchQuery) -> SearchResult:
        return search_compact(self.compact, self._ids, self._number, self._do_not_ask, query)


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)
