"""Independent brute force: every simple path by networkx, scored by the formula."""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

from intropath.model import ContactPolicy
from intropath.scoring import Weights, hop_factor, hop_kinds, path_score
from intropath.stores.memory import MemoryStore


def brute_force(
    store: MemoryStore,
    me: str,
    targets: dict[str, float],
    max_hops: int,
    weights: Weights,
    skip_contacts: frozenset[str] = frozenset(),
    skip_pairs: frozenset[tuple[str, str]] = frozenset(),
    avoid: frozenset[str] = frozenset(),
) -> tuple[
    list[tuple[tuple[str, ...], float]], dict[str, tuple[tuple[str, ...], float]], dict[str, int]
]:
    """All valid paths best first, the best per first contact, and reach per contact."""
    graph = nx.Graph()
    for person in store.people():
        dnc = person.contact_policy is ContactPolicy.DO_NOT_CONTACT or person.id in avoid
        if person.id == me or not dnc:
            graph.add_node(person.id)
    for tie in store.ties():
        if tie.a in graph and tie.b in graph:
            graph.add_edge(tie.a, tie.b, trust=tie.trust, familiarity=tie.familiarity)
    ends = [t for t, w in targets.items() if t in graph and t != me and w > 0]
    found: list[tuple[tuple[str, ...], float]] = []
    if me in graph and ends:
        for path in nx.all_simple_paths(graph, me, ends, cutoff=max_hops):
            kinds = hop_kinds(len(path) - 1)
            factors = [
                hop_factor(
                    kind, graph.edges[u, v]["trust"], graph.edges[u, v]["familiarity"], weights
                )
                for kind, u, v in zip(kinds, path[:-1], path[1:], strict=True)
            ]
            score = path_score(factors, targets[path[-1]])
            asked = store.person(path[1])
            if asked.do_not_ask or path[1] in skip_contacts or (path[1], path[-1]) in skip_pairs:
                continue
            if score > 0:
                found.append((tuple(path), score))
    found.sort(key=lambda p: (-p[1], len(p[0]), p[0]))
    best: dict[str, tuple[tuple[str, ...], float]] = {}
    reached: dict[str, set[str]] = defaultdict(set)
    for path, score in found:
        best.setdefault(path[1], (path, score))
        reached[path[1]].add(path[-1])
    return found, best, {c: len(r) for c, r in reached.items()}
