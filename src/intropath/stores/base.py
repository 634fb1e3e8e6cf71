"""The interface every store implements, and the plain types it exchanges.

A store holds a network and answers two kinds of question: lookups (a person,
a tie, the people at a company, the groups someone is in) and the path search
itself, which runs where the data lives (in memory, or inside Neo4j). The
planner talks to a store only through :class:`Store`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from ..companies import CompanyIndex
from ..model import Company, Group, Person, Tie
from ..scoring import Weights


@dataclass(frozen=True)
class SearchQuery:
    """What the planner asks a store to search for.

    ``targets`` maps each eligible target (a current employee who is neither
    ``me`` nor marked do-not-contact) to its weight, ``openness * role_match``.
    People marked ``do_not_ask`` and the ids in ``skip_contacts`` are never
    the first hop; a path whose (first hop, target) is in ``skip_pairs`` does
    not count (``(t, t)`` rules out asking t directly); the people in
    ``avoid`` are never on a path at all, like those marked do-not-contact.
    ``asks`` caps how many asks come back (the best ones); ``None`` means all.

    No path passes, after its first contact, through another of my contacts
    unless it beats asking that contact directly (``FoundDetour``).
    """

    me: str
    targets: Mapping[str, float]
    max_hops: int = 3
    weights: Weights = field(default_factory=Weights)
    top: int = 5
    skip_contacts: frozenset[str] = frozenset()
    skip_pairs: frozenset[tuple[str, str]] = frozenset()
    avoid: frozenset[str] = frozenset()
    asks: int | None = None


@dataclass(frozen=True)
class FoundPath:
    """A path as person ids from me to the target, with its score."""

    people: tuple[str, ...]
    score: float

    @property
    def sort_key(self) -> tuple[float, int, tuple[str, ...]]:
        """Best first: higher score, then fewer hops, then person ids."""
        return (-self.score, len(self.people), self.people)


@dataclass(frozen=True)
class FoundAsk:
    """A first-degree contact's best path and how many targets they reach."""

    best: FoundPath
    reach: int

    @property
    def contact(self) -> str:
        return self.best.people[1]


@dataclass(frozen=True)
class FoundDetour:
    """A first-degree contact whose every way in passes through another contact of mine.

    ``best`` is the path that would have been their best, ``through`` the first
    contact of mine on it whom asking directly is at least as good.
    """

    best: FoundPath
    through: str

    @property
    def contact(self) -> str:
        return self.best.people[1]


@dataclass
class SearchResult:
    asks: list[FoundAsk]
    paths: list[FoundPath]
    not_asked: list[str] = field(default_factory=list)
    """First-degree contacts marked do_not_ask, left out as first hops (sorted ids)."""
    more_asks: int = 0
    """Contacts with a path beyond those in ``asks`` (when the query capped them)."""
    detours: list[FoundDetour] = field(default_factory=list)
    """Contacts left out because every path of theirs is a detour (sorted by contact id)."""


@runtime_checkable
class Store(Protocol):
    """A network the planner can query."""

    @property
    def description(self) -> str:
        """Where the data comes from, for messages such as 'using graph X'."""
        ...

    @property
    def owner(self) -> str | None:
        """The default 'me', if the network names one."""
        ...

    def person(self, person_id: str) -> Person:
        """The person with this id; raises PersonNotFound."""
        ...

    def tie(self, a: str, b: str) -> Tie | None:
        """The tie between two people, if any."""
        ...

    def companies(self) -> list[Company]:
        """Every company with its aliases."""
        ...

    def company_index(self) -> CompanyIndex:
        """The companies indexed for lookup (stores may cache it)."""
        ...

    def companies_for(self, names: Iterable[str]) -> CompanyIndex:
        """An index that resolves each of ``names`` and gives its key (``key_of``)
        exactly as :meth:`company_index` does; it may hold only the companies they
        can refer to (a plan needs a few of thousands)."""
        ...

    def employees(self, company_key: str) -> list[Person]:
        """People with any position (current or past) at the company."""
        ...

    def groups_of(self, person_id: str) -> list[Group]:
        """The groups a person is in, each with its full member list."""
        ...

    def shared_groups(self, person_id: str, others: Collection[str]) -> list[Group]:
        """The groups of ``groups_of(person_id)`` that hold any of ``others``, in the same
        order, each listing only the members among ``others`` (in the group's order).

        The fallbacks name the few people a group links, not a school's every member.
        """
        ...

    def search(self, query: SearchQuery) -> SearchResult:
        """Best path per first-degree contact with reach, and the top paths."""
        ...
