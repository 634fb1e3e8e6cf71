"""The embedded store: a whole network in memory, no server needed."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from ..companies import CompanyIndex
from ..errors import PersonNotFound
from ..model import Company, ContactPolicy, Evidence, GraphDocument, Group, Person, Tie
from .base import SearchQuery, SearchResult
from .exhaustive import WALK_LIMIT, search_small
from .people import People

if TYPE_CHECKING:
    import networkx as nx

    from .compact import CompactGraph, Floats, Ints

SMALL_TIES = 20_000
"""A network with at most this many ties keeps them in dicts, and imports numpy
only for a search with too many paths to walk (see :mod:`.exhaustive`)."""


class MemoryStore:
    """A network held in memory, indexed for lookups and search.

    Companies and groups stay pydantic models; people are numbered in a
    :class:`~intropath.stores.people.People` table (objects, or JSON made into
    objects on demand); ties live in a
    :class:`~intropath.stores.compact.CompactGraph` (with their evidence on the
    side), so a network of millions of ties fits in a few hundred megabytes. A
    small network's ties live in dicts; its compact graph is built only if a
    search hands on to the compact search, or something asks for it.
    """

    _employees: Mapping[str, Sequence[int]]
    _small: list[dict[int, tuple[float, float]]] | None
    _blocked: list[bool]  # whom no path may pass, for a small network's walk
    _graph: CompactGraph | None

    def __init__(
        self,
        document: GraphDocument,
        description: str = "in-memory graph",
        *,
        walk_limit: int = WALK_LIMIT,
    ) -> None:
        """``walk_limit``: a small network's search walks every path when there are
        at most this many walks from me (0: always the compact search)."""
        table = People.of(document.people)
        number = {person_id: i for i, person_id in enumerate(table.ids)}
        ties = document.ties
        _one_tie_per_pair(ties)
        evidence = {_pair(t.a, t.b): t.evidence for t in ties if t.evidence}
        self._hold_people(document.people, table, document.companies, document.groups, document.me)
        self._setup(description, evidence)
        self._walk_limit = walk_limit
        blocked = _blocked(table)
        if len(ties) <= SMALL_TIES:
            self._blocked = blocked
            self._small = [{} for _ in blocked]
            for t in ties:
                i, j = number[t.a], number[t.b]
                self._small[i][j] = self._small[j][i] = (t.trust, t.familiarity)
            return
        import numpy as np

        from .compact import CompactGraph

        def column(values: Iterable[float]) -> Floats:
            return np.fromiter(values, dtype=np.float64, count=len(ties))

        self._graph = CompactGraph(
            len(blocked),
            np.fromiter((number[t.a] for t in ties), dtype=np.int64, count=len(ties)),
            np.fromiter((number[t.b] for t in ties), dtype=np.int64, count=len(ties)),
            column(t.trust for t in ties),
            column(t.familiarity for t in ties),
            blocked,
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
        import numpy as np

        from .compact import CompactGraph

        store = cls.__new__(cls)
        table = People.of(people)
        store._hold_people(people, table, companies or [], groups or [], me)
        store._setup(description, evidence or {})
        rank = np.fromiter((table.number[p.id] for p in people), dtype=np.int64, count=len(people))
        blocked = _blocked(table)
        store._graph = CompactGraph(len(table), rank[a], rank[b], trust, familiarity, blocked)
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
        store._people, store._index, store._employees = people, index, employees
        store._group_list, store._me, store._do_not_ask = groups, me, do_not_ask
        store._setup(description, evidence)
        store._graph = graph
        return store

    def _hold_people(
        self,
        people: list[Person],
        table: People,
        companies: list[Company],
        groups: list[Group],
        me: str | None,
    ) -> None:
        """Hold ``people`` (as objects, in ``table``) indexed by company."""
        index = CompanyIndex.build(companies)
        employees: dict[str, list[int]] = {}
        for person in people:  # in document order, as lists of employees show them
            for position in person.positions:
                if index.key_of(position.company) is None:
                    index.add(Company(name=position.company))
            keys = {index.key_of(p.company) for p in person.positions}
            for key in sorted(k for k in keys if k is not None):
                employees.setdefault(key, []).append(table.number[person.id])
        self._people, self._index, self._employees = table, index, employees
        self._group_list, self._me = groups, me
        self._do_not_ask = {i for i, p in enumerate(table) if p.do_not_ask}

    def _setup(self, description: str, evidence: Mapping[tuple[str, str], list[Evidence]]) -> None:
        self._description = description
        self._ids = self._people.ids
        self._number = self._people.number
        self._groups: dict[str, list[Group]] | None = None  # built when first asked
        self._evidence = evidence
        self._small = None
        self._blocked = []
        self._graph = None
        self._walk_limit = WALK_LIMIT

    @property
    def compact(self) -> CompactGraph:
        """The ties as a compact graph (built now if the network is small)."""
        if self._graph is None:
            from .compact import CompactGraph

            small = self._small
            assert small is not None
            ties = [(i, j, *v) for i, row in enumerate(small) for j, v in row.items() if j > i]
            a, b, trust, familiarity = zip(*ties, strict=True) if ties else ((), (), (), ())
            self._graph = CompactGraph(len(self._ids), a, b, trust, familiarity, self._blocked)
        return self._graph

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
        if self._small is not None:
            value = self._small[i].get(j)
        else:
            edge = self.compact.edge(i, j)
            value = None if edge is None else self.compact.value(edge)
        return None if value is None else self._tie(a, b, value)

    def _tie(self, a: str, b: str, value: tuple[float, float]) -> Tie:
        # Built without validation: the values came from validated ties.
        return Tie.model_construct(
            a=a,
            b=b,
            trust=value[0],
            familiarity=value[1],
            evidence=list(self._evidence.get(_pair(a, b), [])),
        )

    def ties(self) -> Iterator[Tie]:
        """Every tie once, in id order."""
        small, g = self._small, self._graph
        for i, a in enumerate(self._ids):
            if small is not None:
                later = [(j, small[i][j]) for j in sorted(small[i]) if j > i]
            else:
                assert g is not None
                edges = range(int(g.indptr[i]), int(g.indptr[i + 1]))
                later = [(g.nbr_view[e], g.value(e)) for e in edges if g.nbr_view[e] > i]
            for j, value in later:
                yield self._tie(a, self._ids[j], value)

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
        if self._small is not None:
            args = (self._ids, self._number, self._blocked, self._do_not_ask, query)
            result = search_small(self._small, *args, limit=self._walk_limit)
            if result is not None:
                return result
        from .ranking import search_compact  # numpy: only for networks with many paths

        return search_compact(self.compact, self._ids, self._number, self._do_not_ask, query)


def _one_tie_per_pair(ties: list[Tie]) -> None:
    """Refuse what the graph file readers refuse: a second tie between two people."""
    seen: set[tuple[str, str]] = set()
    for i, t in enumerate(ties):
        pair = _pair(t.a, t.b)
        if pair in seen:
            raise ValueError(f"ties[{i}] ({t.a} - {t.b}): a second tie between the two")
        seen.add(pair)


def _blocked(table: People) -> list[bool]:
    """Whom no path may pass: the people marked do-not-contact."""
    return [p.contact_policy is ContactPolicy.DO_NOT_CONTACT for p in table]


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)
