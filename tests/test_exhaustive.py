"""The walk over every path of a small network answers exactly as the compact search.

The two share no search code: one walks each path in plain Python, the other
is the bounded best-first search over numpy arrays. Both are also compared
with the networkx brute force (tests/test_search_capped.py runs each).
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intropath.model import GraphDocument
from intropath.scoring import Weights
from intropath.stores.base import SearchQuery
from intropath.stores.exhaustive import WALK_LIMIT, walks
from intropath.stores.memory import SMALL_TIES, MemoryStore
from strategies import draw_exclusions, networks, weight
from test_planner_oracle import _draw_targets


@settings(max_examples=400, deadline=None)
@given(
    data=st.data(),
    document=st.one_of(networks(), networks(dense=True), networks(max_people=10, hub=True)),
    max_hops=st.integers(1, 6),
    asks=st.one_of(st.none(), st.integers(1, 4)),
    top=st.integers(1, 6),
    wt=weight,
    wf=weight,
)
def test_walking_every_path_answers_as_the_compact_search(
    data: st.DataObject,
    document: GraphDocument,
    max_hops: int,
    asks: int | None,
    top: int,
    wt: float,
    wf: float,
) -> None:
    targets = _draw_targets(data, document)
    skip, pairs, avoid = draw_exclusions(data, document)
    me = data.draw(st.sampled_from(["p0", "p0", "p1"]))
    query = SearchQuery(me, targets, max_hops, Weights(wt, wf), top, skip, pairs, avoid, asks)
    walked = MemoryStore(document).search(query)
    compact = MemoryStore(document, walk_limit=0).search(query)
    assert walked == compact


@settings(max_examples=200, deadline=None)
@given(document=st.one_of(networks(), networks(dense=True)), hops=st.integers(1, 4))
def test_walks_counts_every_walk_from_me(document: GraphDocument, hops: int) -> None:
    """Against enumeration: each sequence of people joined by ties, passing no one blocked."""
    store = MemoryStore(document)
    assert store._small is not None
    adjacency = store._small
    passable = [not b for b in store._blocked]
    me = store._number["p0"]
    expected = 0
    for length in range(1, hops + 1):
        for rest in itertools.product(range(len(adjacency)), repeat=length):
            steps = zip((me, *rest[:-1]), rest, strict=True)
            if all(b in adjacency[a] and passable[b] for a, b in steps):
                expected += 1
    assert walks(adjacency, me, hops, passable, limit=10**9) == expected


def test_a_network_with_many_paths_is_searched_by_the_compact_search() -> None:
    """Past the limit the walk declines, so a hub's search never walks millions of paths."""
    people = [{"id": f"p{i}", "name": f"P{i}"} for i in range(40)]
    ties = [
        {"a": f"p{i}", "b": f"p{j}", "trust": 0.5, "familiarity": 0.5}
        for i in range(40)
        for j in range(i + 1, 40)
    ]
    document = GraphDocument.model_validate({"people": people, "ties": ties})
    store = MemoryStore(document)
    assert len(ties) <= SMALL_TIES
    assert walks(store._small or [], 0, 3, [True] * 40) > WALK_LIMIT
    assert store._graph is None
    query = SearchQuery("p0", {"p39": 1.0}, max_hops=3)
    result = store.search(query)
    assert store._graph is not None  # built for this search
    assert result == MemoryStore(document, walk_limit=10**9).search(query)  # walked
    assert result.asks[0].best.people == ("p0", "p39")


@pytest.mark.parametrize("small_ties", [SMALL_TIES, 0])
def test_a_second_tie_between_two_people_is_refused_by_either_layout(
    monkeypatch: pytest.MonkeyPatch, small_ties: int
) -> None:
    """The graph file readers refuse it; a document built in code is refused alike."""
    monkeypatch.setattr("intropath.stores.memory.SMALL_TIES", small_ties)
    people = [{"id": p, "name": p} for p in ("a", "b")]
    ties = [{"a": "a", "b": "b", "trust": 0.1, "familiarity": 0.1}]
    document = GraphDocument.model_validate({"people": people, "ties": ties})
    assert MemoryStore(document).tie("b", "a") is not None
    twice = [*ties, {"a": "b", "b": "a", "trust": 0.9, "familiarity": 0.9}]
    document = GraphDocument.model_validate({"people": people, "ties": twice})
    with pytest.raises(ValueError, match=r"ties\[1\] \(b - a\): a second tie"):
        MemoryStore(document)
