"""Independent brute force: every simple path by networkx, scored by the formula."""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

from intropath.model import ContactPolicy
from intropath.scoring import HopKind, Weights, hop_factor, hop_kinds, path_score
from intropath.stores.memory import MemoryStore

Found = list[tuple[tuple[str, ...], float]]
Best = dict[str, tuple[tuple[str, ...], float]]


def brute_force(
    store: MemoryStore,
    me: str,
    targets: dict[str, float],
    max_hops: int,
    weights: Weights,
    skip_contacts: frozenset[str] = frozenset(),
    skip_pairs: frozenset[tuple[str, str]] = frozenset(),
    avoid: frozenset[str] = frozenset(),
) -> tuple[Found, Best, dict[str, int], dict[str, tuple[tuple[str, ...], str]]]:
    """All valid paths best first, the best per first contact, reach per contact, and
    for contacts whose every path is a detour: their best path and whom it detours
    through (the first contact of mine on it that I could better ask myself)."""
    graph = nx.Graph()
    for person in store.people():
        dnc = person.contact_policy is ContactPolicy.DO_NOT_CONTACT or person.id in avoid
        if person.id == me or not dnc:
            graph.add_node(person.id)
    for tie in store.ties():
        if tie.a in graph and tie.b in graph:
            graph.add_edge(tie.a, tie.b, trust=tie.trust, familiarity=tie.familiarity)
    ends = [t for t, w in targets.items() if t in graph and t != me and w > 0]
    direct = {
        y: hop_factor(HopKind.FIRST, graph.edges[me, y]["trust"], 1.0, weights)
        for y in (graph.neighbors(me) if me in graph else ())
        if not store.person(y).do_not_ask and y not in skip_contacts  # asking y is no option
    }
    found: Found = []
    detoured: list[tuple[tuple[str, ...], float, str]] = []
    if me in graph and ends:
        for path in nx.all_simple_paths(graph, me, ends, cutoff=max_hops):
            factors = _factors(graph, tuple(path), weights)
            score = path_score(factors, targets[path[-1]])
            asked = store.person(path[1])
            if asked.do_not_ask or path[1] in skip_contacts or (path[1], path[-1]) in skip_pairs:
                continue
            if score > 0:
                detour = _detour(path, factors, direct)
                if detour is None:
                    found.append((tuple(path), score))
                else:
                    detoured.append((tuple(path), score, detour))
    found.sort(key=lambda p: (-p[1], len(p[0]), p[0]))
    detoured.sort(key=lambda p: (-p[1], len(p[0]), p[0]))
    best: dict[str, tuple[tuple[str, ...], float]] = {}
    reached: dict[str, set[str]] = defaultdict(set)
    for path, score in found:
        best.setdefault(path[1], (path, score))
        reached[path[1]].add(path[-1])
    detours: dict[str, tuple[tuple[str, ...], str]] = {}
    for path, _, through in detoured:
        if path[1] not in best and path[1] not in detours:
            detours[path[1]] = (path, through)
    return found, best, {c: len(r) for c, r in reached.items()}, detours


def _factors(graph: nx.Graph, path: tuple[str, ...], weights: Weights) -> list[float]:
    return [
        hop_factor(kind, graph.edges[u, v]["trust"], graph.edges[u, v]["familiarity"], weights)
        for kind, u, v in zip(hop_kinds(len(path) - 1), path[:-1], path[1:], strict=True)
    ]


def _detour(path: list[str], factors: list[float], direct: dict[str, float]) -> str | None:
    """The first middle person who is my contact and whom asking directly is as good."""
    prefix = 1.0
    for i, factor in enumerate(factors[:-1]):
        prefix = factor if i == 0 else prefix * factor
        y = path[i + 1]
        if i >= 1 and y in direct and prefix * (1 - 1e-9) <= direct[y]:
            return y
    return None
