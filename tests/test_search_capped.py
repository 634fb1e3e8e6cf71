"""A search capped to the best few asks agrees with brute force, and counts the rest."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from intropath import plan
from intropath.model import GraphDocument
from intropath.scoring import Weights
from intropath.stores.base import SearchQuery
from intropath.stores.memory import MemoryStore
from oracle import brute_force
from strategies import both_searches, draw_exclusions, networks, weight
from test_planner_oracle import _draw_targets


@both_searches
@settings(max_examples=300, deadline=None)
@given(
    data=st.data(),
    document=st.one_of(networks(), networks(dense=True)),
    max_hops=st.integers(1, 5),
    asks=st.integers(1, 4),
    top=st.integers(1, 4),
    wt=weight,
    wf=weight,
)
def test_capped_asks_are_the_best_and_the_rest_are_counted(
    walk_limit: int,
    data: st.DataObject,
    document: GraphDocument,
    max_hops: int,
    asks: int,
    top: int,
    wt: float,
    wf: float,
) -> None:
    store = MemoryStore(document, walk_limit=walk_limit)
    targets = _draw_targets(data, document)
    weights = Weights(wt, wf)
    skip, pairs, avoid = draw_exclusions(data, document)
    query = SearchQuery("p0", targets, max_hops, weights, top, skip, pairs, avoid, asks=asks)
    result = store.search(query)
    every, best, reach, detours = brute_force(
        store, "p0", targets, max_hops, weights, skip, pairs, avoid
    )

    order = sorted(best, key=lambda c: (-best[c][1], len(best[c][0]), best[c][0]))
    assert [a.contact for a in result.asks] == order[:asks]
    assert [(a.best.people, a.best.score) for a in result.asks] == [best[c] for c in order[:asks]]
    assert [a.reach for a in result.asks] == [reach[c] for c in order[:asks]]
    assert result.more_asks == len(order) - len(result.asks)
    assert [(p.people, p.score) for p in result.paths] == every[:top]
    # contacts whose every path is a detour are found however few asks are listed
    assert {d.contact: (d.best.people, d.through) for d in result.detours} == detours


@settings(max_examples=100, deadline=None)
@given(
    document=st.one_of(networks(), networks(dense=True)),
    asks=st.integers(1, 3),
    max_hops=st.integers(1, 5),
)
def test_plan_with_few_asks_lists_a_prefix_of_all_asks(
    document: GraphDocument, asks: int, max_hops: int
) -> None:
    store = MemoryStore(document)
    full = plan(store, "Muse", max_hops=max_hops, top=3)
    few = plan(store, "Muse", max_hops=max_hops, top=3, asks=asks)
    assert few.asks == full.asks[:asks]
    assert len(few.asks) + few.more_asks == len(full.asks)
    assert full.more_asks == 0
    assert few.paths == full.paths
    assert few.detours == full.detours
    assert few.no_path == full.no_path
