"""The planner agrees with brute force (networkx's all_simple_paths + the formula)."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from intropath import plan
from intropath.model import ContactPolicy, GraphDocument
from intropath.scoring import Weights
from intropath.stores.base import SearchQuery
from intropath.stores.memory import MemoryStore
from oracle import brute_force
from strategies import both_searches, draw_exclusions, networks, weight


def _targets(draw: st.DrawFn, document: GraphDocument) -> dict[str, float]:
    eligible = [
        p.id for p in document.people[1:] if p.contact_policy is not ContactPolicy.DO_NOT_CONTACT
    ]
    chosen = draw(st.lists(st.sampled_from(eligible), unique=True)) if eligible else []
    return {t: draw(st.sampled_from([1.0, 0.9, 0.6, 0.2, 0.36])) for t in chosen}


@both_searches
@settings(max_examples=400, deadline=None)
@given(data=st.data(), document=networks(), max_hops=st.integers(1, 4), wt=weight, wf=weight)
def test_search_matches_brute_force(
    walk_limit: int,
    data: st.DataObject,
    document: GraphDocument,
    max_hops: int,
    wt: float,
    wf: float,
) -> None:
    _matches_brute_force(data, document, walk_limit, max_hops, wt, wf)


@both_searches
@settings(max_examples=300, deadline=None)
@given(
    data=st.data(),
    document=networks(dense=True),
    max_hops=st.integers(2, 4),
    wt=weight,
    wf=weight,
)
def test_no_detours_through_my_own_contacts_matches_brute_force(
    walk_limit: int,
    data: st.DataObject,
    document: GraphDocument,
    max_hops: int,
    wt: float,
    wf: float,
) -> None:
    """Dense networks, where my contacts know each other: the detour rule is exercised."""
    _matches_brute_force(data, document, walk_limit, max_hops, wt, wf)


def _matches_brute_force(
    data: st.DataObject,
    document: GraphDocument,
    walk_limit: int,
    max_hops: int,
    wt: float,
    wf: float,
) -> None:
    store = MemoryStore(document, walk_limit=walk_limit)
    targets = _draw_targets(data, document)
    weights = Weights(wt, wf)
    skip, pairs, avoid = draw_exclusions(data, document)
    query = SearchQuery("p0", targets, max_hops, weights, 10_000, skip, pairs, avoid)
    result = store.search(query)
    every, best, reach, detours = brute_force(
        store, "p0", targets, max_hops, weights, skip, pairs, avoid
    )

    assert [(p.people, p.score) for p in result.paths] == every
    assert {a.contact: (a.best.people, a.best.score) for a in result.asks} == best
    assert {a.contact: a.reach for a in result.asks} == reach
    expected_order = sorted(best, key=lambda c: (-best[c][1], len(best[c][0]), best[c][0]))
    assert [a.contact for a in result.asks] == expected_order
    assert {d.contact: (d.best.people, d.through) for d in result.detours} == detours


def _draw_targets(data: st.DataObject, document: GraphDocument) -> dict[str, float]:
    return data.draw(st.composite(lambda draw: _targets(draw, document))())


@settings(max_examples=150, deadline=None)
@given(data=st.data(), document=networks(), top=st.integers(1, 6), max_hops=st.integers(1, 4))
def test_top_n_is_a_prefix_of_the_full_ranking(
    data: st.DataObject, document: GraphDocument, top: int, max_hops: int
) -> None:
    store = MemoryStore(document)
    targets = _draw_targets(data, document)
    full = store.search(SearchQuery("p0", targets, max_hops, Weights(), top=10_000))
    some = store.search(SearchQuery("p0", targets, max_hops, Weights(), top=top))
    assert some.paths == full.paths[:top]
    assert some.asks == full.asks


@settings(max_examples=150, deadline=None)
@given(document=networks(), role=st.sampled_from([None, "product manager", "designer"]))
def test_plan_scores_match_the_documented_formula(
    document: GraphDocument, role: str | None
) -> None:
    """End to end: every reported number recomputes from the hops and the target."""
    result = plan(MemoryStore(document), "Muse", role=role, top=50)
    for path in result.paths:
        product = 1.0
        for hop in path.hops:
            product *= hop.factor
        assert math.isclose(product * path.target.weight, path.score, rel_tol=1e-12)
        assert 0 < path.score <= 1
        assert path.weakest_link.factor == min(h.factor for h in path.hops)
        assert path.people[0] == "p0"
        assert all(h.target.contact_policy != "do_not_contact" for h in path.hops)
        assert len(set(path.people)) == len(path.people)
    assert result.no_path == (not result.asks)
