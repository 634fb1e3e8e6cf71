"""The compact graph's layout, and the proofs the capped search counts with.

``Search.with_paths`` (a backward pass through none of my contacts, then an
exact forward pass) and ``Search.reach`` must agree with brute force for every
contact, whatever the bounds would have settled on their own.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intropath.model import GraphDocument
from intropath.scoring import Weights
from intropath.stores import compact
from intropath.stores.base import SearchQuery
from intropath.stores.compact import CompactGraph, Search
from intropath.stores.memory import MemoryStore
from oracle import brute_force
from strategies import both_searches, draw_exclusions, networks, strength, weight
from test_planner_oracle import _draw_targets


@both_searches
@settings(max_examples=400, deadline=None)
@given(
    data=st.data(),
    document=st.one_of(networks(max_people=10, hub=True), networks(dense=True)),
    max_hops=st.integers(1, 5),
    wt=weight,
    wf=weight,
)
def test_paths_and_reach_of_every_contact_match_brute_force(
    walk_limit: int,
    data: st.DataObject,
    document: GraphDocument,
    max_hops: int,
    wt: float,
    wf: float,
) -> None:
    store = MemoryStore(document, walk_limit=walk_limit)
    targets = _draw_targets(data, document)
    weights = Weights(wt, wf)
    skip, pairs, avoid = draw_exclusions(data, document)
    # skipped (contact, target) pairs that matter: a contact may be left only those
    contacts_of_me = [t.b for t in document.ties if t.a == "p0"]
    if contacts_of_me and targets:
        pairs |= frozenset(
            data.draw(
                st.lists(st.tuples(st.sampled_from(contacts_of_me), st.sampled_from(list(targets))))
            )
        )
    _, best, reach, detours = brute_force(
        store, "p0", targets, max_hops, weights, skip, pairs, avoid
    )
    ids, number = store._ids, store._number
    search = Search(
        store.compact,
        number["p0"],
        {number[t]: w for t, w in targets.items()},
        max_hops,
        weights,
        store._do_not_ask | {number[c] for c in skip},
        {(number[c], number[t]) for c, t in pairs},
        {number[a] for a in avoid},
    )
    contacts = search.contacts()
    assert {ids[c] for c in search.with_paths(contacts)} == set(best)
    assert {ids[c]: n for c, n in search.reach(contacts).items() if n} == reach

    query = SearchQuery("p0", targets, max_hops, weights, 1, skip, pairs, avoid, asks=1)
    result = store.search(query)
    assert result.more_asks == max(len(best) - 1, 0)
    assert {d.contact: (d.best.people, d.through) for d in result.detours} == detours


# (a, b, trust, familiarity), no two between the same people (a loop is possible)
TIES = st.lists(
    st.tuples(st.integers(0, 8), st.integers(0, 8), strength, strength),
    unique_by=lambda t: (min(t[0], t[1]), max(t[0], t[1])),
)


def _graph(people: int, ties: list[tuple[int, int, float, float]]) -> CompactGraph:
    a, b, trust, fam = (list(column) for column in zip(*ties, strict=True)) if ties else [[]] * 4
    return CompactGraph(people, a, b, trust, fam, np.zeros(people, dtype=bool))


@settings(max_examples=200, deadline=None)
@given(people=st.integers(2, 9), ties=TIES)
def test_each_tie_is_stored_once_and_read_alike_both_ways(
    people: int, ties: list[tuple[int, int, float, float]]
) -> None:
    ties = [t for t in ties if t[0] != t[1] and max(t[0], t[1]) < people]
    graph = _graph(people, ties)
    # 2 x (int32 neighbour + int32 tie index) + 2 float64 per tie, plus the indptr and blocked
    assert graph.nbytes() == 32 * len(ties) + 8 * (people + 1) + people
    per_edge = CompactGraph.from_csr(  # each edge with its own copy of the numbers
        graph.indptr, graph.nbr, np.arange(len(graph.nbr)), graph.values[graph.tie], graph.blocked
    )
    for i, j, t, f in ties:
        forward, backward = graph.edge(i, j), graph.edge(j, i)
        assert forward is not None and backward is not None
        assert graph.value(forward) == graph.value(backward) == (t, f)
        assert per_edge.value(forward) == per_edge.value(backward) == (t, f)
        both = graph.values_of(np.asarray([forward, backward]))
        assert both[0].tolist() == [t, t] and both[1].tolist() == [f, f]


@settings(max_examples=300, deadline=None)
@given(
    people=st.integers(1, 9),
    ties=TIES,
    sort=st.sampled_from(["packed", "lexsorted", "in order already"]),
)
def test_rows_list_neighbours_in_order_and_ties_by_their_ends(
    people: int, ties: list[tuple[int, int, float, float]], sort: str
) -> None:
    """The layout against a plain definition, whichever way the pairs are sorted."""
    ties = [t for t in ties if max(t[0], t[1]) < people]
    if sort == "in order already":
        ties.sort(key=lambda t: (min(t[0], t[1]), max(t[0], t[1])))
    with pytest.MonkeyPatch.context() as patch:
        if sort == "lexsorted":
            patch.setattr(compact, "_PACKED_BITS", 0)
        graph = _graph(people, ties)
    # ties numbered by (smaller end, larger end)
    ends = sorted((min(x, y), max(x, y), t, f) for x, y, t, f in ties)
    number = {(lo, hi): i for i, (lo, hi, _, _) in enumerate(ends)}
    assert graph.values.tolist() == [[t, f] for _, _, t, f in ends]
    rows = [
        sorted(
            (y if x == s else x, number[min(x, y), max(x, y)])
            for x, y, _, _ in ties
            for _ in range((x == s) + (y == s))
        )
        for s in range(people)
    ]
    assert graph.indptr.tolist() == [0, *itertools.accumulate(map(len, rows))]
    assert graph.nbr.tolist() == [y for row in rows for y, _ in row]
    assert graph.tie.tolist() == [t for row in rows for _, t in row]


def test_a_path_on_through_another_contact_of_mine_proves_nothing() -> None:
    """me - c - y - z - t, z my contact too: c's only way in is a detour through z."""
    people = ["me", "c", "y", "z", "t"]
    number = {p: i for i, p in enumerate(people)}
    ties = [("me", "c", 0.9), ("me", "z", 0.9), ("c", "y", 0.8), ("y", "z", 0.8), ("z", "t", 0.8)]
    a, b, trust = zip(*ties, strict=True)
    graph = CompactGraph(
        len(people),
        [number[x] for x in a],
        [number[x] for x in b],
        list(trust),
        list(trust),
        np.zeros(len(people), dtype=bool),
    )
    search = Search(graph, number["me"], {number["t"]: 1.0}, 4, Weights())
    assert search.with_paths([number["c"], number["z"]]) == {number["z"]}
    assert search.reach([number["c"], number["z"]]) == {number["c"]: 0, number["z"]: 1}
