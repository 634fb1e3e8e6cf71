"""A :class:`SearchQuery` answered over a :class:`CompactGraph`, ids in and out.

Shared by every store that holds (or fetches) its ties as a compact graph, so
the rules (no detours, capped asks, reach) are written once.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable, Iterator, Mapping, Sequence

from ..errors import PersonNotFound
from .base import FoundAsk, FoundDetour, FoundPath, SearchQuery, SearchResult
from .compact import CompactGraph, IntPath, Search


def search_compact(
    graph: CompactGraph,
    ids: Sequence[str],
    number: Mapping[str, int],
    do_not_ask: set[int],
    query: SearchQuery,
) -> SearchResult:
    """Answer ``query``; ``ids[i]`` names person ``i`` and ``number`` is its inverse."""
    me = number.get(query.me)
    if me is None:
        raise PersonNotFound(query.me)
    targets = {number[t]: w for t, w in query.targets.items() if t in number}
    skip = do_not_ask | {number[c] for c in query.skip_contacts if c in number}
    pairs = {(number[c], number[t]) for c, t in query.skip_pairs if c in number and t in number}
    avoid = {number[a] for a in query.avoid if a in number}
    search = Search(graph, me, targets, query.max_hops, query.weights, skip, pairs, avoid)

    def found(path: IntPath) -> FoundPath:
        return FoundPath(tuple(ids[i] for i in path.people), path.score)

    def detour_of(contact: int) -> FoundDetour | None:
        """The best detour through ``contact``, if its only paths are detours."""
        detour = next(search.paths_via(contact, detours=True), None)
        through = None if detour is None else search.detour_at(detour.people)
        if detour is None or through is None:
            return None
        return FoundDetour(found(detour), ids[through])

    ranked = _Ranked(search)
    wanted = len(ranked.bounds) if query.asks is None else query.asks
    best = list(itertools.islice(ranked.best_per_contact(), wanted))
    reach = search.reach(p.people[1] for p in best)
    asks = [FoundAsk(found(p), reach[p.people[1]]) for p in best]
    listed = {p.people[1] for p in best}
    # Contacts not listed who can help are only counted: the bounds settle some,
    # with_paths the rest at once; only those left without a path are searched,
    # for the detour that explains why.
    unlisted = [c for c in ranked.bounds if c not in listed]
    known = {c: search.has_path(c) for c in unlisted}
    proven = search.with_paths(c for c, k in known.items() if k is None)
    more = 0
    detours: list[FoundDetour] = []
    for contact, has in known.items():
        if has is None:
            has = contact in proven
            if not has and (detour := detour_of(contact)) is not None:
                detours.append(detour)
        more += has
    top = [found(p) for p in itertools.islice(ranked.paths(), query.top)]
    neighbours = graph.nbr[int(graph.indptr[me]) : int(graph.indptr[me + 1])].tolist()
    not_asked = sorted(ids[c] for c in neighbours if c in do_not_ask)
    detours.sort(key=lambda d: d.contact)
    return SearchResult(asks=asks, paths=top, not_asked=not_asked, more_asks=more, detours=detours)


class _Ranked:
    """Paths through many contacts, best first, searching a contact only when needed.

    Each contact waits in a heap under an upper bound of its paths; its own
    search starts when that bound comes first, so a query that wants the best
    few asks or paths leaves most contacts unsearched. The order is exact.
    """

    def __init__(self, search: Search) -> None:
        self.search = search
        self.bounds = search.bounds
        self._streams: dict[int, Iterator[IntPath]] = {}
        self._first: dict[int, IntPath | None] = {}

    def first(self, contact: int) -> IntPath | None:
        if contact not in self._first:
            self._streams[contact] = stream = self.search.paths_via(contact)
            self._first[contact] = next(stream, None)
        return self._first[contact]

    def best_per_contact(self) -> Iterator[IntPath]:
        """Each contact's best path, best first."""
        return self._merge(lambda c: iter(filter(None, [self.first(c)])))

    def paths(self) -> Iterator[IntPath]:
        """Every path, best first."""

        def stream(contact: int) -> Iterator[IntPath]:
            first = self.first(contact)
            return itertools.chain([first], self._streams[contact]) if first else iter(())

        return self._merge(stream)

    def _merge(self, open_stream: Callable[[int], Iterator[IntPath]]) -> Iterator[IntPath]:
        Key = tuple[float, int, tuple[int, ...]]
        heap: list[tuple[Key, int, IntPath | None, Iterator[IntPath] | None]] = [
            ((-bound, 0, ()), c, None, None) for c, bound in self.bounds.items() if bound > 0
        ]
        heapq.heapify(heap)
        while heap:
            _, contact, path, stream = heapq.heappop(heap)
            if path is not None:
                yield path
            else:
                stream = open_stream(contact)
            assert stream is not None
            following = next(stream, None)
            if following is not None:
                heapq.heappush(heap, (following.key(), contact, following, stream))
