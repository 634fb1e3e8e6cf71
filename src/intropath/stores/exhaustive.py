"""Every path of a small network, walked one by one in plain Python.

A person's own network (the bundled sample, a LinkedIn export) has few paths
within a few hops of them: walking them all takes less time than importing
numpy does, and a command line on such a file answers in a quarter of a second.
The answer is exactly :func:`~intropath.stores.ranking.search_compact`'s (a
hypothesis test compares the two); past :data:`WALK_LIMIT` walks, stores use
that search instead.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..errors import PersonNotFound
from ..scoring import DETOUR_MARGIN, HopKind, hop_factor
from .base import FoundAsk, FoundDetour, FoundPath, SearchQuery, SearchResult

Adjacency = Sequence[Mapping[int, tuple[float, float]]]
"""Person number -> {neighbour's number: (trust, familiarity)}; numbers sort as ids do."""

WALK_LIMIT = 20_000
"""Walks of at most ``max_hops`` ties from me past which the compact search is faster."""

Key = tuple[float, int, tuple[int, ...]]
"""A path's order, best first: (-score, people on it, the path)."""


def walks(
    adjacency: Adjacency, me: int, hops: int, passable: Sequence[bool], limit: int = WALK_LIMIT
) -> int:
    """How many walks of 1 to ``hops`` ties start at ``me`` (counting stops past ``limit``).

    Every path the search follows is such a walk, so this bounds its work.
    """
    counts = {me: 1}
    total = 0
    for _ in range(hops):
        following: dict[int, int] = {}
        for x, n in counts.items():
            for y in adjacency[x]:
                if passable[y]:
                    following[y] = following.get(y, 0) + n
        total += sum(following.values())
        if total > limit or not following:
            break
        counts = following
    return total


def search_small(
    adjacency: Adjacency,
    ids: Sequence[str],
    number: Mapping[str, int],
    blocked: Sequence[bool],
    do_not_ask: set[int],
    query: SearchQuery,
    limit: int = WALK_LIMIT,
) -> SearchResult | None:
    """Answer ``query`` by walking every path, or None if there are more than ``limit`` walks.

    ``blocked[i]`` marks people no path may pass (do-not-contact).
    """
    me = number.get(query.me)
    if me is None:
        raise PersonNotFound(query.me)
    passable = [not b for b in blocked]
    for person in query.avoid:
        if person in number:
            passable[number[person]] = False
    if walks(adjacency, me, query.max_hops, passable, limit) > limit:
        return None
    skip = do_not_ask | {number[c] for c in query.skip_contacts if c in number}
    walk = _Walk(
        adjacency,
        me,
        passable,
        query,
        targets={number[t]: w for t, w in query.targets.items() if t in number and w > 0},
        pairs={(number[c], number[t]) for c, t in query.skip_pairs if c in number and t in number},
        direct={
            c: hop_factor(HopKind.FIRST, trust, familiarity, query.weights)
            for c, (trust, familiarity) in adjacency[me].items()
            if passable[c] and c not in skip
        },
    )
    walk.targets.pop(me, None)
    if walk.targets:
        for contact in walk.direct:
            walk.from_contact(contact)
    return walk.result(ids, [c for c in adjacency[me] if c in do_not_ask])


@dataclass
class _Walk:
    """The state of one search: paths found, and the best detour of each contact."""

    adjacency: Adjacency
    me: int
    passable: list[bool]
    query: SearchQuery
    targets: dict[int, float]
    pairs: set[tuple[int, int]]
    direct: dict[int, float]
    """The factor of asking each contact I may ask: a path through them must beat it."""
    found: list[Key] = field(default_factory=list)
    detoured: dict[int, tuple[Key, int]] = field(default_factory=dict)
    """Each contact's best detour, and the contact of mine it passes as one."""

    def from_contact(self, contact: int) -> None:
        """Every path whose first hop is ``contact``."""
        path = [self.me, contact]
        weights = self.query.weights
        trust, familiarity = self.adjacency[self.me][contact]

        def visit(
            before: float, last: tuple[float, float], prefix: float, through: int | None
        ) -> None:
            """Score the path so far if it ends at a target, then go on from its end.

            ``before`` is the product of the factors before the last hop, ``last`` that
            hop's tie, ``prefix`` the product of all factors with the last as a middle
            hop, ``through`` the first of my contacts the path detours through.
            """
            x = path[-1]
            hops = len(path) - 1
            weight = self.targets.get(x)
            if weight is not None and (contact, x) not in self.pairs:
                kind = HopKind.DIRECT if hops == 1 else HopKind.LAST
                score = before * hop_factor(kind, *last, weights) * weight
                if score > 0:
                    self._record(tuple(path), score, through)
            if hops == self.query.max_hops:
                return
            if through is None and hops >= 2 and prefix * DETOUR_MARGIN <= self.direct.get(x, -1):
                through = x
            for y, tie in self.adjacency[x].items():
                if self.passable[y] and y not in path:  # a few people: a list is as quick
                    path.append(y)
                    visit(prefix, tie, prefix * hop_factor(HopKind.MIDDLE, *tie, weights), through)
                    path.pop()

        first = hop_factor(HopKind.FIRST, trust, familiarity, weights)
        visit(1.0, (trust, familiarity), first, None)

    def _record(self, path: tuple[int, ...], score: float, through: int | None) -> None:
        key: Key = (-score, len(path), path)
        if through is None:
            self.found.append(key)
        elif path[1] not in self.detoured or key < self.detoured[path[1]][0]:
            self.detoured[path[1]] = (key, through)

    def result(self, ids: Sequence[str], not_asked: list[int]) -> SearchResult:
        self.found.sort()

        def named(key: Key) -> FoundPath:
            return FoundPath(tuple(ids[i] for i in key[2]), -key[0])

        best: dict[int, FoundPath] = {}
        reached: dict[int, set[int]] = {}
        for key in self.found:
            path = key[2]
            if path[1] not in best:
                best[path[1]] = named(key)
            reached.setdefault(path[1], set()).add(path[-1])
        listed = list(best)[: self.query.asks]
        asks = [FoundAsk(best[c], len(reached[c])) for c in listed]
        detours = [
            FoundDetour(named(key), ids[through])
            for contact, (key, through) in self.detoured.items()
            if contact not in best
        ]
        detours.sort(key=lambda d: d.contact)
        return SearchResult(
            asks=asks,
            paths=[named(key) for key in self.found[: self.query.top]],
            not_asked=sorted(ids[c] for c in not_asked),
            more_asks=len(best) - len(listed),
            detours=detours,
        )
