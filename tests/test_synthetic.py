"""The synthetic generator: deterministic, the right size, a realistic shape."""

from __future__ import annotations

import networkx as nx
import numpy as np

from intropath.synthetic import generate


def test_same_seed_same_network() -> None:
    a, b = generate(3000, 20000, seed=5), generate(3000, 20000, seed=5)
    assert np.array_equal(a.a, b.a) and np.array_equal(a.trust, b.trust)
    assert [p.model_dump() for p in a.people] == [p.model_dump() for p in b.people]
    c = generate(3000, 20000, seed=6)
    assert not np.array_equal(a.a, c.a)


def test_size_and_validity() -> None:
    network = generate(2000, 15000, seed=1, team=5, team_ties=(300, 600))
    assert len(network.people) == 2000
    assert len(network.a) == 15000
    pairs = set(zip(network.a.tolist(), network.b.tolist(), strict=True))
    assert len(pairs) == 15000 and all(a < b for a, b in pairs)
    assert ((network.trust >= 0) & (network.trust <= 1)).all()
    document = network.document()  # validates every record
    assert len(document.ties) == 15000


def test_shape_is_heavy_tailed_clustered_and_pooled() -> None:
    network = generate(5000, 40000, seed=2, team=8, team_ties=(500, 1500))
    store = network.store()
    degree = np.diff(store.compact.indptr)
    team = [store._number[m] for m in network.team]
    assert all(degree[i] >= 450 for i in team)  # a few duplicates may merge
    assert np.median(degree) < 0.1 * degree.max()  # heavy tail
    graph = nx.Graph()
    graph.add_edges_from(zip(network.a.tolist(), network.b.tolist(), strict=True))
    random_clustering = 2 * 40000 / 5000 / 5000
    assert nx.average_clustering(graph) > 5 * random_clustering
