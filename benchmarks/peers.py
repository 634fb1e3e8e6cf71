"""Two honest peers for the planner's search, written as a careful engineer would.

Both answer the same question as ``MemoryStore.search``: every simple path of
at most ``k`` ties from me to a target, scored by the formula, giving each
first-degree contact's best score and the top paths. Neither explains. Like
the planner, both leave out detours: a path whose middle passes through another
first-degree contact ``y`` counts only if its product up to ``y`` beats asking
``y`` directly (by more than a relative 1e-9).

- ``MeetInTheMiddle`` (networkx): simple paths of up to ``ceil(k/2)`` ties
  from me and up to ``floor(k/2)`` ties back from every target, joined where
  they meet. A path's score factors into a front part (first hop, then middle
  hops) and a back part (middle hops, then the last hop), so each half is
  scored once.
- ``SparseFrontier`` (scipy.sparse): every partial path from me as rows of a
  numpy array, extended one hop at a time through the CSR adjacency, with
  simplicity and scores computed for all rows at once.

Each stops at a time (or size) budget and then reports that it did not finish.
"""

from __future__ import annotations

import heapq
import math
import time
from collections.abc import Callable
from dataclasses import dataclass

import networkx as nx
import numpy as np
import scipy.sparse as sp

from intropath.scoring import Weights

Answer = tuple[dict[str, float], list[float]]
"""Best score per first-degree contact, and the top scores."""


DETOUR_MARGIN = 1.0 - 1e-9


class OutOfBudget(Exception):
    pass


@dataclass
class Problem:
    """One query, as the peers see it: ids, targets with weights, blocked people."""

    me: str
    targets: dict[str, float]
    blocked: set[str]
    max_hops: int
    top: int
    weights: Weights


def _direct(g: nx.Graph, q: Problem) -> dict[str, float]:
    """The factor of asking each of my (unblocked) contacts directly."""
    return {c: _first(d["trust"], q.weights) for c, d in g[q.me].items() if c not in q.blocked}


def _first(trust: float, w: Weights) -> float:
    return trust**w.trust


def _middle(trust: float, fam: float, w: Weights) -> float:
    return trust**w.trust * fam**w.familiarity


def _last(fam: float, w: Weights) -> float:
    return fam**w.familiarity


class MeetInTheMiddle:
    def __init__(self, graph: nx.Graph) -> None:
        self.g = graph

    def solve(self, q: Problem, budget: float) -> Answer:
        deadline = time.perf_counter() + budget
        g, w, k = self.g, q.weights, q.max_hops
        front_hops, back_hops = math.ceil(k / 2), k // 2
        direct = _direct(g, q)

        def detour(prefix: float, y: str) -> bool:
            return y in direct and prefix * DETOUR_MARGIN <= direct[y]

        # front: paths from me of up to front_hops ties, with their product when
        # they end there (last hop) and when they go on (middle hop)
        front: list[tuple[float, float, tuple[str, ...]]] = []
        stack: list[tuple[tuple[str, ...], float]] = [((q.me,), 1.0)]
        while stack:
            path, product = stack.pop()
            for y, data in g[path[-1]].items():
                if y in q.blocked or y in path:
                    continue
                if len(path) == 1:
                    going = ending = _first(data["trust"], w)
                else:
                    going = product * _middle(data["trust"], data["familiarity"], w)
                    ending = product * _last(data["familiarity"], w)
                    if detour(going, y):
                        going = 0.0  # the path may end at y, not go on through it
                extended = (*path, y)
                front.append((going, ending, extended))
                if going > 0 and len(extended) - 1 < front_hops:
                    stack.append((extended, going))
            if time.perf_counter() > deadline:
                raise OutOfBudget
        # back[m]: (product, path from m to t, its hop factors) for paths of 1..back_hops ties
        Tail = tuple[float, tuple[str, ...], tuple[float, ...]]
        back: dict[str, list[Tail]] = {}
        for t, weight in q.targets.items() if back_hops else ():
            tails: list[tuple[tuple[str, ...], float, tuple[float, ...]]] = [((t,), weight, ())]
            while tails:
                path, product, factors = tails.pop()
                for x, data in g[path[0]].items():
                    if x in q.blocked or x in path:
                        continue
                    factor = (
                        _last(data["familiarity"], w)
                        if len(path) == 1
                        else _middle(data["trust"], data["familiarity"], w)
                    )
                    if factor <= 0:
                        continue
                    extended = (x, *path)
                    back.setdefault(x, []).append((product * factor, extended, (factor, *factors)))
                    if len(extended) - 1 < back_hops:
                        tails.append((extended, product * factor, (factor, *factors)))
            if time.perf_counter() > deadline:
                raise OutOfBudget
        best: dict[str, float] = {}
        scores: list[float] = []

        def found(path: tuple[str, ...], score: float) -> None:
            if score > 0:
                scores.append(score)
                if score > best.get(path[1], 0.0):
                    best[path[1]] = score

        for going, ending, path in front:
            m = path[-1]
            if m in q.targets:  # the whole path is the front part
                found(path, ending * q.targets[m])
            if len(path) - 1 < front_hops or going <= 0:
                continue  # shorter paths are joined only at their end (one split per path)
            seen = set(path)
            for tail_product, tail, factors in back.get(m, ()):
                if seen.isdisjoint(tail[1:]) and not self._detours(going, tail, factors, detour):
                    found((*path, *tail[1:]), going * tail_product)
            if time.perf_counter() > deadline:
                raise OutOfBudget
        return best, heapq.nlargest(q.top, scores)

    @staticmethod
    def _detours(
        prefix: float,
        tail: tuple[str, ...],
        factors: tuple[float, ...],
        detour: Callable[[float, str], bool],
    ) -> bool:
        """Whether the tail's middle people include a detour, given the front's product."""
        for y, factor in zip(tail[1:-1], factors, strict=False):
            prefix *= factor
            if detour(prefix, y):
                return True
        return False


class SparseFrontier:
    def __init__(self, matrix_trust: sp.csr_matrix, matrix_fam: sp.csr_matrix, ids: list[str]):
        self.trust = matrix_trust
        self.fam = matrix_fam
        self.ids = ids
        self.number = {pid: i for i, pid in enumerate(ids)}

    def solve(self, q: Problem, budget: float, max_rows: int = 30_000_000) -> Answer:
        deadline = time.perf_counter() + budget
        n, w = len(self.ids), q.weights
        weight = np.zeros(n)
        for t, value in q.targets.items():
            weight[self.number[t]] = value
        blocked = np.zeros(n, dtype=bool)
        blocked[[self.number[b] for b in q.blocked if b in self.number]] = True
        me = self.number[q.me]
        mine = self.trust.indices[self.trust.indptr[me] : self.trust.indptr[me + 1]]
        direct = np.zeros(n)
        usable = ~blocked[mine]
        first = self.trust.data[self.trust.indptr[me] : self.trust.indptr[me + 1]] ** w.trust
        direct[mine[usable]] = first[usable]
        indptr, indices = self.trust.indptr, self.trust.indices
        trust, fam = self.trust.data, self.fam.data
        paths = np.asarray([[self.number[q.me]]], dtype=np.int64)
        front = np.ones(1)  # product up to the path's end, that hop counted as a middle one
        best = np.zeros(n)
        scores: list[np.ndarray] = []
        for hops in range(1, q.max_hops + 1):
            ends = paths[:, -1]
            starts, stops = indptr[ends], indptr[ends + 1]
            lengths = stops - starts
            if int(lengths.sum()) > max_rows:
                raise OutOfBudget
            row = np.repeat(np.arange(len(paths)), lengths)
            edge = np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)
            edge += np.repeat(starts, lengths)
            y = indices[edge]
            ok = ~blocked[y] & ~(paths[row] == y[:, None]).any(axis=1)
            row, edge, y = row[ok], edge[ok], y[ok]
            t, f = trust[edge], fam[edge]
            if hops == 1:
                ending = t**w.trust
                going = ending
            else:
                ending = front[row] * f**w.familiarity
                going = front[row] * t**w.trust * f**w.familiarity
            score = ending * weight[y]
            done = score > 0
            contacts = paths[row[done], 1] if hops > 1 else y[done]
            np.maximum.at(best, contacts, score[done])
            scores.append(score[done])
            keep = going > 0
            if hops > 1:  # y is in the middle if the path goes on: no detour through it
                keep &= going * DETOUR_MARGIN > direct[y]
            paths = np.column_stack([paths[row[keep]], y[keep]])
            front = going[keep]
            if time.perf_counter() > deadline:
                raise OutOfBudget
        every = np.concatenate(scores) if scores else np.zeros(0)
        top = sorted(every.tolist(), reverse=True)[: q.top]
        return {self.ids[c]: float(best[c]) for c in np.flatnonzero(best)}, top
