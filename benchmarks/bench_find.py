"""Benchmark `find` on a large synthetic pooled network, against a networkx baseline.

    python benchmarks/bench_find.py                  # 200,000 people, 2,000,000 ties
    python benchmarks/bench_find.py --people 20000 --ties 200000 --baseline-queries 5

Prints the load time, the latency of `plan()` (what `intropath find` runs, with
the explanations) and of the bare store search, median and p95 over random
(me, company) queries where "me" has at least 500 contacts, the peak memory,
and, in the same run, the same queries answered by a straightforward networkx
baseline: every simple path from each first-degree contact to the company's
people with `networkx.all_simple_paths(cutoff=...)`, scored with the same
formula and without detours through another contact of mine. The baseline is
slow, so it answers only the first few queries, each under a time budget; a
query that runs out of budget counts at the budget, which makes the printed
ratio a lower bound.
"""

from __future__ import annotations

import argparse
import gc
import heapq
import resource
import statistics
import time

import networkx as nx
import numpy as np

from _shared import pick_queries, timed
from intropath import plan
from intropath.model import ContactPolicy
from intropath.scoring import Weights, hop_factor, hop_kinds, path_score, target_weight
from intropath.stores.memory import MemoryStore
from intropath.synthetic import generate


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(values, q))


def baseline(
    graph: nx.Graph,
    store: MemoryStore,
    me: str,
    company: str,
    max_hops: int,
    top: int,
    budget: float,
) -> float:
    """Best path per first contact and the top paths, by enumeration. Returns seconds."""
    start = time.perf_counter()
    key = store.company_index().resolve(company)
    targets = {
        p.id: target_weight(p, None)
        for p in store.employees(key)
        if p.id != me
        and p.contact_policy is not ContactPolicy.DO_NOT_CONTACT
        and any(store.company_index().key_of(x.company) == key for x in p.current_positions)
    }
    blocked = {n for n, d in graph.nodes(data=True) if d["dnc"]} | {me}
    view = nx.restricted_view(graph, blocked, [])
    weights = Weights()
    best: dict[str, float] = {}
    scores: list[float] = []
    direct = {c: graph.edges[me, c]["trust"] for c in graph[me] if c not in blocked}
    for contact in graph[me]:
        if contact in blocked:
            continue
        first = graph.edges[me, contact]
        if contact in targets:
            scores.append(path_score([first["trust"]], targets[contact]))
        if max_hops < 2:
            continue
        for tail in nx.all_simple_paths(
            view, contact, set(targets) - {contact}, cutoff=max_hops - 1
        ):
            path = [me, *tail]
            factors = [
                hop_factor(
                    kind, graph.edges[u, v]["trust"], graph.edges[u, v]["familiarity"], weights
                )
                for kind, u, v in zip(hop_kinds(len(path) - 1), path[:-1], path[1:], strict=True)
            ]
            if _detour(path, factors, direct):
                continue
            score = path_score(factors, targets[path[-1]])
            scores.append(score)
            best[contact] = max(best.get(contact, 0.0), score)
            if time.perf_counter() - start > budget:
                return budget
    heapq.nlargest(top, scores)  # the top paths, as the planner lists them
    return time.perf_counter() - start


def _detour(path: list[str], factors: list[float], direct: dict[str, float]) -> bool:
    """Does the path pass a contact of mine whom asking directly is as good (no detours)?"""
    prefix = factors[0]
    for y, factor in zip(path[2:-1], factors[1:-1], strict=True):
        prefix *= factor
        if y in direct and prefix * (1 - 1e-9) <= direct[y]:
            return True
    return False


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--people", type=int, default=200_000)
    parser.add_argument("--ties", type=int, default=2_000_000)
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--min-contacts", type=int, default=500)
    parser.add_argument("--max-hops", type=int, default=3)
    parser.add_argument("--baseline-queries", type=int, default=5)
    parser.add_argument("--baseline-budget", type=float, default=60.0, help="seconds per query")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    print(f"network: {args.people:,} people, {args.ties:,} ties (seed {args.seed})")
    start = time.perf_counter()
    network = generate(args.people, args.ties, seed=args.seed, team=20)
    generated = time.perf_counter() - start
    start = time.perf_counter()
    store = network.store()
    loaded = time.perf_counter() - start
    print(
        f"generate: {generated:.1f} s   load into the store: {loaded:.1f} s   "
        f"tie arrays: {store.compact.nbytes() / 2**20:.0f} MiB"
    )

    queries = pick_queries(store, args.queries, args.min_contacts, args.seed)
    degree = np.diff(store.compact.indptr)
    contacts = [int(degree[store._number[me]]) for me, _ in queries]
    print(
        f"queries: {len(queries)}, contacts of 'me': median {statistics.median(contacts):.0f}, "
        f"max {max(contacts)}"
    )

    def find(me: str, company: str) -> object:
        # No outreach log: the benchmark measures the search, not the user's asks.
        return plan(store, company, me=me, max_hops=args.max_hops, etiquette=False)

    find(*queries[0])  # warm up
    gc.collect()
    full = [timed(lambda q=q: find(*q)) for q in queries]
    print(
        f"find (plan, with explanations): median {statistics.median(full) * 1e3:.1f} ms, "
        f"p95 {percentile(full, 95) * 1e3:.1f} ms, max {max(full) * 1e3:.1f} ms"
    )
    print(f"peak memory (intropath): {peak_mb():.0f} MiB")

    start = time.perf_counter()
    graph = nx.Graph()
    for person in store.people():
        graph.add_node(person.id, dnc=person.contact_policy is ContactPolicy.DO_NOT_CONTACT)
    ids = store._ids
    g = store.compact
    src = np.repeat(np.arange(g.n), np.diff(g.indptr))
    keep = src < g.nbr
    graph.add_edges_from(
        (ids[a], ids[b], {"trust": t, "familiarity": f})
        for a, b, t, f in zip(
            src[keep].tolist(),
            g.nbr[keep].tolist(),
            g.trust[keep].tolist(),
            g.fam[keep].tolist(),
            strict=True,
        )
    )
    print(f"baseline networkx graph built in {time.perf_counter() - start:.1f} s")
    chosen = list(range(min(args.baseline_queries, len(queries))))
    base = [
        baseline(graph, store, queries[i][0], queries[i][1], args.max_hops, 5, args.baseline_budget)
        for i in chosen
    ]
    ours = [full[i] for i in chosen]
    capped = sum(b >= args.baseline_budget for b in base)
    ratios = [b / o for b, o in zip(base, ours, strict=True)]
    print(
        f"baseline (all_simple_paths, {len(chosen)} queries, {capped} hit the "
        f"{args.baseline_budget:.0f} s budget): median {statistics.median(base):.2f} s"
    )
    print(
        f"speed-up on the same queries: median {statistics.median(ratios):.0f}x, "
        f"min {min(ratios):.0f}x{' (lower bounds)' if capped else ''}"
    )
    print(f"peak memory (with baseline graph): {peak_mb():.0f} MiB")


if __name__ == "__main__":
    main()
