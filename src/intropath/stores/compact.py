"""A compact, array-backed graph and its exact best-first path search.

People are numbered by the sort order of their ids, so comparing tuples of
numbers compares the ids themselves; ties live in CSR arrays (both directions),
each tie's two numbers once, pointed at by both of its edges.

The search is an A* over partial paths whose priority is an upper bound on the
best completion. The bounds come from a backward pass that ignores simplicity:
``reach_r[x]`` is the best tail from ``x`` to a target in at most ``r`` hops.
They are inflated by a relative ``1e-9`` so that floating-point rounding can
never make them smaller than a true score; complete paths are always scored
exactly by :mod:`intropath.scoring`. Paths therefore come out in exact order
(score, then hops, then ids), lazily, one generator per first-degree contact.

No detours: a path does not pass, past its first contact, through another
first-degree contact ``y`` unless the path so far beats asking ``y`` directly
(see :func:`Search.is_detour`); such paths are cut where they reach ``y``.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from ..scoring import DETOUR_MARGIN, HopKind, Weights, hop_factor

INFLATE = 1.0 + 1e-9

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Index = npt.NDArray[np.integer[Any]]
Path = tuple[int, ...]
PushDone = Callable[[Path, float], None]
Push = Callable[[float, tuple[Any, ...]], None]


@dataclass
class IntPath:
    people: Path
    score: float

    def key(self) -> tuple[float, int, Path]:
        return (-self.score, len(self.people), self.people)


class CompactGraph:
    """People as integers, ties as CSR arrays of trust and familiarity."""

    def __init__(
        self,
        n: int,
        a: Sequence[int] | Ints,
        b: Sequence[int] | Ints,
        trust: Sequence[float] | Floats,
        familiarity: Sequence[float] | Floats,
        blocked: Sequence[bool] | npt.NDArray[np.bool_],
    ) -> None:
        a_arr, b_arr = np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64)
        lo, hi = np.minimum(a_arr, b_arr), np.maximum(a_arr, b_arr)
        m = len(lo)
        # Ties are numbered in the order of their (smaller, larger) end, so that
        # half of all reads of a person's ties are of neighbouring numbers.
        by_lo = pair_order(lo, hi, n)
        lo, hi = lo[by_lo], hi[by_lo]
        values = np.empty((m, 2))
        values[:, 0] = np.asarray(trust, dtype=np.float64)[by_lo]
        values[:, 1] = np.asarray(familiarity, dtype=np.float64)[by_lo]
        by_hi = pair_order(hi, lo, n)  # tie numbers by (larger, smaller) end
        below, above = np.bincount(hi, minlength=n), np.bincount(lo, minlength=n)
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(below + above, out=indptr[1:])
        # A row holds its ties to smaller numbers (those it is the larger end
        # of, by_hi order), then those to larger ones (by_lo order): neighbours
        # ascending. Each edge's place: its rank in its order, moved past the
        # other order's edges of earlier rows (and of its own row, for by_lo).
        edges_before = indptr[:-1]
        at_hi = np.arange(m) + (edges_before - (np.cumsum(below) - below))[hi[by_hi]]
        at_lo = np.arange(m) + (edges_before + below - (np.cumsum(above) - above))[lo]
        nbr = np.empty(2 * m, dtype=np.int32)
        tie = np.empty(2 * m, dtype=np.int32)
        nbr[at_hi], tie[at_hi] = lo[by_hi], by_hi
        nbr[at_lo], tie[at_lo] = hi, np.arange(m)
        self._arrays(n, indptr, nbr, values, np.asarray(blocked, dtype=bool).copy(), tie)

    @classmethod
    def from_csr(
        cls,
        indptr: Ints,
        nbr: Index,
        tie: Index,
        values: Floats,
        blocked: npt.NDArray[np.bool_],
    ) -> CompactGraph:
        """From the arrays of another graph: ``nbr[e]`` is edge e's far end, and
        ``values[tie[e]]`` its (trust, familiarity)."""
        graph = cls.__new__(cls)
        graph._arrays(len(indptr) - 1, indptr, nbr, values, blocked, tie)
        return graph

    def _arrays(
        self,
        n: int,
        indptr: Ints,
        nbr: Index,
        values: Floats,
        blocked: npt.NDArray[np.bool_],
        tie: Index,
    ) -> None:
        self.n = n
        self.indptr: Ints = indptr
        # Each tie's two numbers are stored once, side by side (exact float64:
        # scores must equal every other backend's), and both of its edges point
        # at them: 32 bytes a tie, against 40 with the numbers on each edge.
        self.nbr: npt.NDArray[np.int32] = nbr.astype(np.int32, copy=False)
        self.tie: npt.NDArray[np.int32] = tie.astype(np.int32, copy=False)
        self.values: Floats = values  # (ties, 2): trust, familiarity
        self.blocked: npt.NDArray[np.bool_] = blocked
        # Memoryviews index to plain Python numbers, ~10x faster than numpy scalars
        # for the one-at-a-time reads of the search and of lookups.
        self.nbr_view = memoryview(self.nbr)  # type: ignore[arg-type]
        self.tie_view = memoryview(self.tie)  # type: ignore[arg-type]
        self.values_view = memoryview(values.reshape(-1))  # type: ignore[arg-type]

    def values_of(self, edges: Index | slice) -> tuple[Floats, Floats]:
        """The trust and the familiarity of each of ``edges`` (indices, or a slice)."""
        both = np.take(self.values, self.tie[edges], axis=0)  # ~4x faster than values[...]
        return both[:, 0], both[:, 1]

    def value(self, edge: int) -> tuple[float, float]:
        """Edge ``edge``'s trust and familiarity, as Python numbers."""
        at = 2 * self.tie_view[edge]
        return self.values_view[at], self.values_view[at + 1]

    def edge(self, i: int, j: int) -> int | None:
        """The index of edge ``i -> j``, if there is one."""
        lo, hi = int(self.indptr[i]), int(self.indptr[i + 1])
        at = bisect.bisect_left(self.nbr_view, j, lo, hi)
        return at if at < hi and self.nbr_view[at] == j else None

    def nbytes(self) -> int:
        arrays = (self.nbr, self.tie, self.values, self.indptr, self.blocked)
        return sum(int(x.nbytes) for x in arrays)

    def _edges_of(self, nodes: Index) -> tuple[Ints, Ints]:
        """Every edge leaving ``nodes``: (position in ``nodes``, edge index) arrays."""
        starts = self.indptr[nodes]
        lengths = self.indptr[nodes + 1] - starts
        return np.repeat(np.arange(len(nodes)), lengths), _ranges(starts, lengths)


class Search:
    """One query's state: bounds, per-contact path generators and reach."""

    def __init__(
        self,
        graph: CompactGraph,
        me: int,
        targets: dict[int, float],
        max_hops: int,
        weights: Weights,
        skip_contacts: set[int] | None = None,
        skip_pairs: set[tuple[int, int]] | None = None,
        avoid: set[int] | None = None,
    ) -> None:
        if max_hops < 1:
            raise ValueError("max_hops must be at least 1")
        self.g = graph
        self.me = me
        self.k = max_hops
        self.w = weights
        self.blocked = graph.blocked.copy()
        if avoid:
            self.blocked[np.fromiter(avoid, dtype=np.int64)] = True
        self.blocked[me] = True
        self.tw = np.zeros(graph.n)
        for t, weight in targets.items():
            if not self.blocked[t] and weight > 0:
                self.tw[t] = weight
        self.targets = sorted(int(t) for t in np.flatnonzero(self.tw))
        self.weight_of = {t: float(self.tw[t]) for t in self.targets}
        self.skip_contacts = skip_contacts or set()
        self.skip_pairs = skip_pairs or set()
        self._paired = {c for c, _ in self.skip_pairs}
        self.direct = self._direct()
        self._ends()
        self._bounds()
        self._root()

    # -- factors ----------------------------------------------------------
    def _first(self, trust: Floats) -> Floats:
        return trust if self.w.trust == 1.0 else np.power(trust, self.w.trust)

    def _last(self, fam: Floats) -> Floats:
        return fam if self.w.familiarity == 1.0 else np.power(fam, self.w.familiarity)

    def _middle(self, edges: Index) -> Floats:
        trust, fam = self.g.values_of(edges)
        return self._first(trust) * self._last(fam)

    def _first_hop(self, contacts: Index) -> Floats:
        """The factor of each first hop, me to each of ``contacts``."""
        edges = np.asarray([self.first_edge[c] for c in contacts.tolist()], dtype=np.int64)
        return self._first(self.g.values_of(edges)[0])

    def _factor(self, kind: HopKind, edge: int) -> float:
        return hop_factor(kind, *self.g.value(edge), self.w)

    def _my_contacts(self) -> tuple[int, Index, Floats, npt.NDArray[np.bool_]]:
        """Where my edges start, my contacts, the factor of asking each, and whom I
        may ask at all (not blocked, not do_not_ask or skipped)."""
        g = self.g
        lo, hi = int(g.indptr[self.me]), int(g.indptr[self.me + 1])
        contacts = g.nbr[lo:hi]
        askable = ~self.blocked[contacts]
        if self.skip_contacts:
            askable &= ~np.isin(contacts, np.fromiter(self.skip_contacts, dtype=np.int64))
        return lo, contacts, self._first(g.values_of(slice(lo, hi))[0]), askable

    def _direct(self) -> Floats:
        """For each person: the factor of asking them myself (0 if not my contact, or
        one I may not ask: no alternative to going through them)."""
        _, contacts, first, askable = self._my_contacts()
        direct = np.zeros(self.g.n)
        direct[contacts[askable]] = first[askable]
        return direct

    def is_detour(self, prefix: float, y: int) -> bool:
        """Whether reaching my contact ``y`` with ``prefix`` is no better than asking y."""
        return bool(prefix * DETOUR_MARGIN <= self.direct[y])

    def detour_at(self, path: Path) -> int | None:
        """The first of my contacts that ``path`` passes through as a detour, if any."""
        prefix = self._factor(HopKind.FIRST, self.first_edge[path[1]])
        for a, y in itertools.pairwise(path[1:-1]):
            edge = self.g.edge(a, y)
            assert edge is not None  # the path came from this graph
            prefix *= self._factor(HopKind.MIDDLE, edge)
            if self.is_detour(prefix, y):
                return y
        return None

    # -- backward pass ----------------------------------------------------
    def _ends(self) -> None:
        """For each node next to a target: its final hops, best first."""
        g = self.g
        targets = np.asarray(self.targets, dtype=np.int64)
        owner, edges = g._edges_of(targets)
        src = targets[owner]
        x = g.nbr[edges]
        value = self._last(g.values_of(edges)[1]) * self.tw[src]
        keep = ~self.blocked[x] & (value > 0)
        src, edges, x, value = src[keep], edges[keep], x[keep], value[keep]
        order = np.lexsort((src, -value, x))
        self.end_x = x[order]
        self.end_t: list[int] = src[order].tolist()
        self.end_edge: list[int] = edges[order].tolist()
        self.end_value: list[float] = value[order].tolist()
        self.end_span = _spans(self.end_x)
        bound = np.zeros(g.n)
        np.maximum.at(bound, x, value)
        self.bound: list[Floats] = [np.zeros(g.n), bound]

    def _bounds(self) -> None:
        """``bound[r][x]``: best tail from x in at most r hops, ignoring simplicity."""
        g = self.g
        for _ in range(2, self.k - 1):
            previous = self.bound[-1]
            support = np.flatnonzero(previous)
            owner, edges = g._edges_of(support)
            x = g.nbr[edges]
            tail = previous[support[owner]]
            value = self._middle(edges) * tail
            keep = ~self.blocked[x] & (value > 0)
            current = previous.copy()
            np.maximum.at(current, x[keep], value[keep])
            self.bound.append(current)

    def _root(self) -> None:
        """The first hops, and a bound on every path through each contact.

        A contact's children (its ties, best possible continuation first) are
        sorted only when its search starts: most contacts never need them.
        """
        g = self.g
        lo, contacts, first, askable = self._my_contacts()
        usable = askable & (first > 0)
        chosen = contacts[usable]
        self.first_edge: dict[int, int] = dict(
            zip(chosen.tolist(), (lo + np.flatnonzero(usable)).tolist(), strict=True)
        )
        best = first[usable] * self.tw[chosen]  # the direct ask, if the contact is a target
        self._children: dict[int, tuple[list[int], list[int], list[float]]] = {}
        self._root_span: dict[int, tuple[int, int]] = {}
        self._root_edges = np.zeros(0, dtype=np.int64)
        self._root_y = np.zeros(0, dtype=np.int64)
        self._root_value = np.zeros(0)
        if self.k >= 2 and len(chosen):
            c, y, edges = self._second_hops(chosen)
            trust, fam = g.values_of(edges)
            last = self._last(fam)
            value = last * self.tw[y]
            if self.k >= 3:
                middle = self._first(trust) * last * self.bound[self.k - 2][y]
                value = np.maximum(value, middle)
            value[self.blocked[y]] = 0.0
            self._root_edges, self._root_y, self._root_value = edges, y, value
            starts = np.searchsorted(c, chosen)
            stops = np.searchsorted(c, chosen, side="right")
            spans = zip(starts.tolist(), stops.tolist(), strict=True)
            self._root_span = dict(zip(chosen.tolist(), spans, strict=True))
            some = stops > starts
            top_child = np.zeros(len(chosen))
            if len(value):
                top_child[some] = np.maximum.reduceat(value, starts[some])
            best = np.maximum(best, first[usable] * top_child)
        # Inflated: a bound computed in another order must never fall below a score.
        bounds = (best * INFLATE).tolist()
        self.bounds: dict[int, float] = dict(zip(chosen.tolist(), bounds, strict=True))

    def _second_hops(self, chosen: Index) -> tuple[Ints, Ints, Ints]:
        """The ties ``c - y`` of the (sorted) contacts ``chosen`` that may lead on:
        (c, y, edge) arrays sorted by ``c``.

        Only a target, or someone with a way to one in the hops left, is worth a
        second hop; when their ties are fewer than the contacts' (a hub's three
        hops), they are read from that side (a tie's two edges share its numbers).
        """
        g = self.g
        worth = self.tw > 0
        if self.k >= 3:
            worth |= self.bound[self.k - 2] > 0
        ends = np.flatnonzero(worth & ~self.blocked)
        if (g.indptr[ends + 1] - g.indptr[ends]).sum() < (
            g.indptr[chosen + 1] - g.indptr[chosen]
        ).sum():
            owner, edges = g._edges_of(ends)
            c = g.nbr[edges].astype(np.int64)
            mine = np.zeros(g.n, dtype=bool)
            mine[chosen] = True
            keep = np.flatnonzero(mine[c])
            order = keep[np.argsort(c[keep], kind="stable")]
            return c[order], ends[owner[order]], edges[order]
        owner, edges = g._edges_of(chosen)
        return chosen[owner].astype(np.int64), g.nbr[edges].astype(np.int64), edges

    def _children_of(self, contact: int) -> tuple[list[int], list[int], list[float]]:
        """A contact's possible second hops, best possible continuation first."""
        known = self._children.get(contact)
        if known is None:
            start, stop = self._root_span.get(contact, (0, 0))
            edges = self._root_edges[start:stop]
            value = self._root_value[start:stop]
            y = self._root_y[start:stop]
            keep = np.flatnonzero(value > 0)
            order = keep[np.lexsort((y[keep], -value[keep]))]
            known = (y[order].tolist(), edges[order].tolist(), value[order].tolist())
            self._children[contact] = known
        return known

    # -- the search -------------------------------------------------------
    def contacts(self) -> list[int]:
        """First-degree contacts that can be asked at all."""
        return sorted(self.first_edge)

    def paths_via(self, contact: int, detours: bool = False) -> Iterator[IntPath]:
        """Every path through ``contact``, best first (lazily); detours only if asked."""
        edge = self.first_edge[contact]
        counter = itertools.count()
        heap: list[tuple[tuple[float, int, Path], int, tuple[Any, ...]]] = []

        def push_done(path: Path, score: float) -> None:
            if score > 0 and (contact, path[-1]) not in self.skip_pairs:
                heapq.heappush(
                    heap, ((-score, len(path), path), next(counter), ("done", path, score))
                )

        def push(bound: float, item: tuple[Any, ...]) -> None:
            if bound > 0:
                heapq.heappush(heap, ((-bound * INFLATE, 0, ()), next(counter), item))

        if contact in self.weight_of:
            push_done(
                (self.me, contact), self._factor(HopKind.DIRECT, edge) * self.weight_of[contact]
            )
        first = self._factor(HopKind.FIRST, edge)
        ys, edges, values = self._children_of(contact)
        if ys:
            push(first * values[0], ("list", (self.me, contact), first, 0, ys, edges, values))

        while heap:
            _, _, item = heapq.heappop(heap)
            kind = item[0]
            if kind == "done":
                yield IntPath(item[1], item[2])
                continue
            path, closed, *rest = item[1:]
            if kind == "node":
                self._expand(path, closed, push)
                continue
            position = rest[0]
            if kind == "ends":
                children, edges, values = self.end_t, self.end_edge, self.end_value
                stop = self.end_span[path[-1]][1]
            else:
                children, edges, values, stop = rest[1], rest[2], rest[3], len(rest[1])
            if position + 1 < stop:
                push(closed * values[position + 1], (kind, path, closed, position + 1, *rest[1:]))
            self._child(path, closed, children[position], edges[position], push_done, push, detours)

    def _child(
        self,
        path: Path,
        closed: float,
        y: int,
        edge: int,
        push_done: PushDone,
        push: Push,
        detours: bool,
    ) -> None:
        """Extend ``path`` by ``y``: end there, or carry on if hops remain."""
        if y in path:
            return
        remaining = self.k - (len(path) - 1)
        if y in self.weight_of:
            push_done((*path, y), closed * self._factor(HopKind.LAST, edge) * self.weight_of[y])
        if remaining >= 2:
            middle = closed * self._factor(HopKind.MIDDLE, edge)
            if not detours and self.is_detour(middle, y):
                return
            bound = float(self.bound[remaining - 1][y])
            push(middle * bound, ("node", (*path, y), middle))

    def _expand(self, path: Path, closed: float, push: Push) -> None:
        node = path[-1]
        remaining = self.k - (len(path) - 1)
        if remaining == 1:
            span = self.end_span.get(node)
            if span is not None:
                push(closed * self.end_value[span[0]], ("ends", path, closed, span[0]))
            return
        g = self.g
        lo, hi = int(g.indptr[node]), int(g.indptr[node + 1])
        y = g.nbr[lo:hi]
        trust, fam = g.values_of(slice(lo, hi))
        last = self._last(fam)
        middle = self._first(trust) * last * self.bound[remaining - 1][y]
        value = np.maximum(last * self.tw[y], middle)
        keep = np.flatnonzero(~self.blocked[y] & (value > 0))
        if not len(keep):
            return
        order = keep[np.lexsort((y[keep], -value[keep]))]
        children = y[order].tolist()
        values = value[order].tolist()
        edges = (order + lo).tolist()
        push(closed * values[0], ("list", path, closed, 0, children, edges, values))

    # -- reach ------------------------------------------------------------
    def reach(self, contacts: Iterable[int]) -> dict[int, int]:
        """How many distinct targets each of ``contacts`` leads to (no detours)."""
        chosen = list(contacts)
        return dict(zip(chosen, self._forward(chosen, every=True).tolist(), strict=True))

    def with_paths(self, contacts: Iterable[int]) -> set[int]:
        """Which of ``contacts`` have at least one path (no detours).

        Most are settled by a path ``me, c, y, ...`` on which nobody after ``y``
        is one of my contacts (so only ``y`` could make it a detour, and that is
        checked); the rest by the exact forward pass.
        """
        chosen = np.asarray(list(contacts), dtype=np.int64)
        if self.k < 3 or not len(chosen):
            rest = chosen
            proven: set[int] = set()
        else:
            g = self.g
            owner, edges = g._edges_of(chosen)
            y = g.nbr[edges]
            first = self._first_hop(chosen)
            middle = first[owner] * self._middle(edges)
            clean = self._clean_tails()
            ok = ~self.blocked[y] & (middle > 0) & (middle * DETOUR_MARGIN > self.direct[y])
            ok &= clean[y] & ~np.isin(chosen[owner], list(self._paired))
            settled = np.zeros(len(chosen), dtype=bool)
            settled[owner[ok]] = True
            proven = set(chosen[settled].tolist())
            rest = chosen[~settled]
        found = self._forward(rest.tolist(), every=False)
        return proven | set(rest[found > 0].tolist())

    def _clean_tails(self) -> npt.NDArray[np.bool_]:
        """Who has a way to a target in at most ``k - 2`` hops through none of my
        contacts (past themselves), every factor positive."""
        g = self.g
        clean = self.bound[1] > 0
        fresh = clean
        for _ in range(2, self.k - 1):
            support = np.flatnonzero(fresh & (self.direct == 0))
            _, edges = g._edges_of(support)
            x = g.nbr[edges]
            ok = ~self.blocked[x] & (self._middle(edges) > 0)
            fresh = np.zeros(g.n, dtype=bool)
            fresh[x[ok]] = True
            fresh &= ~clean
            clean = clean | fresh
        return clean

    def has_path(self, contact: int) -> bool | None:
        """Whether ``contact`` has a path, when the bounds alone can tell (else None)."""
        if self.bounds[contact] <= 0:
            return False  # not even a walk, so no path and no detour either
        if contact in self._paired:
            return None  # a skipped (contact, target) pair may take the path away
        # The direct ask and two-hop paths pass through nobody past the contact,
        # so they are never detours; longer ones may be.
        edge = self.first_edge[contact]
        if contact in self.weight_of and self._factor(HopKind.DIRECT, edge) > 0:
            return True
        return True if self.k >= 2 and contact in self.end_span else None

    def _forward(self, contacts: list[int], every: bool) -> Ints:
        """For each contact, the distinct targets its paths reach (``every``), else
        at least one if it has any path: a count per contact.

        A forward pass over (contact, person) states, each with the best prefix
        that reaches the person; the best prefix is the one least likely to be a
        detour, and walks reach what simple paths reach (cutting a cycle out of a
        walk only raises the prefixes left, and a middle hop that becomes the
        last one still knows the target). A state is dropped when one reached
        earlier, with more hops left, had as good a prefix, and a contact's
        states once its count is known.
        """
        g = self.g
        n_contacts, n_targets = len(contacts), len(self.targets)
        chosen: Ints = np.asarray(contacts, dtype=np.int64)
        targets: Ints = np.asarray(self.targets, dtype=np.int64)
        # pairs of (contact, target) positions, coded as contact * n_targets + target
        index = {c: i for i, c in enumerate(contacts)}
        skipped = np.asarray(
            sorted(
                index[c] * n_targets + int(np.searchsorted(targets, t))
                for c, t in self.skip_pairs
                if c in index and t in self.weight_of
            ),
            dtype=np.int64,
        )
        wanted = np.full(n_contacts, n_targets) - np.bincount(
            skipped // max(n_targets, 1), minlength=n_contacts
        )
        if not every:
            wanted = np.minimum(wanted, 1)
        end_target = np.searchsorted(targets, np.asarray(self.end_t, dtype=np.int64))
        found = np.zeros(0, dtype=np.int64)
        count = np.zeros(n_contacts, dtype=np.int64)

        def record(who: Ints, target: Ints) -> None:
            nonlocal found, count
            keys = who * n_targets + target
            if len(skipped):
                keys = keys[~np.isin(keys, skipped)]
            found = np.union1d(found, keys)
            count = np.bincount(found // n_targets, minlength=n_contacts)

        direct = np.flatnonzero(self.tw[chosen] > 0)
        record(direct, np.searchsorted(targets, chosen[direct]))
        who: Ints = np.flatnonzero(count < wanted)
        x: Ints = chosen[who]
        value = self._first_hop(x)
        seen_key, seen_value = _best_per_key(who * g.n + x, value)
        for position in range(1, self.k):
            start = np.searchsorted(self.end_x, x)
            length = np.searchsorted(self.end_x, x, side="right") - start
            if length.any():
                owner = np.repeat(np.arange(len(x)), length)
                record(who[owner], end_target[_ranges(start, length)])
            live = count[who] < wanted[who]
            who, x, value = who[live], x[live], value[live]
            if position + 1 >= self.k or not len(x):
                break
            owner, edges = g._edges_of(x)
            y = g.nbr[edges]
            # only people who still have a way to a target in the hops left (checked
            # first: the numbers of the ties are read only for those)
            keep = ~self.blocked[y] & (self.bound[self.k - position - 1][y] > 0)
            owner, edges, y = owner[keep], edges[keep], y[keep]
            value = value[owner] * self._middle(edges)
            keep = (value > 0) & (value * DETOUR_MARGIN > self.direct[y])
            key, value = _best_per_key(who[owner[keep]] * g.n + y[keep], value[keep])
            # seen_key is never empty: it holds at least the contacts themselves
            place = np.searchsorted(seen_key, key)
            at = np.minimum(place, len(seen_key) - 1)
            known = seen_key[at] == key
            better = ~known | (value > seen_value[at])
            key, value, place, at, known = (a[better] for a in (key, value, place, at, known))
            seen_value[at[known]] = value[known]
            fresh = ~known
            seen_key = np.insert(seen_key, place[fresh], key[fresh])
            seen_value = np.insert(seen_value, place[fresh], value[fresh])
            who, x = key // g.n, key % g.n
        return count


def _best_per_key(key: Ints, value: Floats) -> tuple[Ints, Floats]:
    """The distinct keys, sorted, each with its largest value."""
    if not len(key):
        return key, value
    order = np.argsort(key)
    key, value = key[order], value[order]
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
    best: Floats = np.maximum.reduceat(value, starts)
    return key[starts], best


def pair_order(major: Ints, minor: Ints, n: int) -> Ints:
    """The positions of ``(major, minor)`` pairs of numbers below ``n``, sorted (stable).

    Pairs in order already are left so; others are packed with their position
    into one int64 and sorted as values, about twice as fast as an argsort
    (pairs too large to pack are lexsorted).
    """
    m = len(major)
    same = major[1:] == major[:-1]
    if bool(np.all((major[1:] > major[:-1]) | (same & (minor[1:] >= minor[:-1])))):
        return np.arange(m)
    pair_bits, position_bits = max(n - 1, 1).bit_length(), max(m - 1, 1).bit_length()
    if 2 * pair_bits + position_bits > _PACKED_BITS:
        order: Ints = np.lexsort((minor, major))
        return order
    packed = (((major << pair_bits) | minor) << position_bits) | np.arange(m)
    packed.sort()
    packed &= (1 << position_bits) - 1
    return packed


_PACKED_BITS = 63  # an int64's, less the sign


def _ranges(start: Ints, length: Ints) -> Ints:
    """The concatenated ranges ``start[i] : start[i] + length[i]``."""
    shift = start - (np.cumsum(length) - length)
    ranges: Ints = np.arange(int(length.sum()), dtype=np.int64) + np.repeat(shift, length)
    return ranges


def _spans(keys: Index) -> dict[int, tuple[int, int]]:
    """For a sorted array, each distinct value's ``(start, stop)`` positions."""
    values, starts = np.unique(keys, return_index=True)
    stops = [*starts[1:].tolist(), len(keys)] if len(keys) else []
    return {v: (a, b) for v, a, b in zip(values.tolist(), starts.tolist(), stops, strict=True)}
