"""Benchmark `find` on a large synthetic pooled network, against two honest peers.

    python benchmarks/bench_find.py                  # 200,000 people, 2,000,000 ties
    python benchmarks/bench_find.py --people 20000 --ties 200000 --hops 3 4

For each hop limit it prints, over random (me, company) queries where "me" has
at least --min-contacts contacts:

- `find`: plan() as `intropath find` calls it for its table (the best 15 asks
  explained, the top 5 paths), and as `find --json` calls it (every ask);
- two peers measured in the same run on the first --peer-queries queries
  (benchmarks/peers.py): a networkx meet-in-the-middle search and a
  scipy.sparse frontier search, both without detours through another
  contact of mine (as the planner). Each answer is checked against intropath's
  (every contact's best score and the top scores); a peer that runs out of
  its budget counts at the budget, which makes its ratio a lower bound;
- p50 and p95, and the ratio peer / intropath, overall and per bucket of
  "me"'s contact count. Times are wall clock on a possibly shared machine:
  read the ratios, which compare runs made side by side.
"""

from __future__ import annotations

import argparse
import gc
import math
import resource
import statistics
import time
from collections.abc import Callable

import networkx as nx
import numpy as np
import scipy.sparse as sp

from _shared import pick_queries, timed
from intropath import plan
from intropath.cli.render import ASKS_SHOWN
from intropath.model import ContactPolicy
from intropath.scoring import Weights, target_weight
from intropath.stores.base import SearchQuery
from intropath.stores.memory import MemoryStore
from intropath.synthetic import generate
from peers import Answer, MeetInTheMiddle, OutOfBudget, Problem, SparseFrontier

BUCKETS = [(0, 1000), (1000, 2000), (2000, 10**9)]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def p(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else math.nan


def problem(store: MemoryStore, me: str, company: str, max_hops: int) -> Problem:
    """The query as the planner poses it (no etiquette: the peers know none)."""
    index = store.company_index()
    key = index.resolve(company)
    targets = {
        person.id: target_weight(person, None)
        for person in store.employees(key)
        if person.id != me
        and person.contact_policy is not ContactPolicy.DO_NOT_CONTACT
        and any(index.key_of(x.company) == key for x in person.current_positions)
    }
    blocked = {x.id for x in store.people() if x.contact_policy is ContactPolicy.DO_NOT_CONTACT}
    return Problem(me, targets, blocked, max_hops, 5, Weights())


def ours(store: MemoryStore, q: Problem) -> Answer:
    found = store.search(SearchQuery(q.me, q.targets, q.max_hops, q.weights, top=q.top))
    return {a.contact: a.best.score for a in found.asks}, [x.score for x in found.paths]


def same(a: Answer, b: Answer) -> bool:
    close = lambda x, y: math.isclose(x, y, rel_tol=1e-9)  # noqa: E731
    return (
        a[0].keys() == b[0].keys()
        and all(close(a[0][c], b[0][c]) for c in a[0])
        and len(a[1]) == len(b[1])
        and all(close(x, y) for x, y in zip(a[1], b[1], strict=True))
    )


def line(label: str, times: list[float], base: list[float] | None = None) -> str:
    text = f"  {label:<34} p50 {p(times, 50) * 1e3:9.1f} ms   p95 {p(times, 95) * 1e3:9.1f} ms"
    if base:
        ratios = [t / b for t, b in zip(times, base, strict=False)]
        text += f"   x{statistics.median(ratios):,.0f} (median ratio)"
    return text


def build_peers(store: MemoryStore) -> dict[str, Callable[[Problem, float], Answer]]:
    g = store.compact
    src = np.repeat(np.arange(g.n), np.diff(g.indptr))
    ids = store._ids
    shape = (g.n, g.n)
    edge_trust, edge_fam = g.values_of(slice(None))
    trust = sp.csr_matrix((edge_trust, g.nbr, g.indptr), shape=shape)
    fam = sp.csr_matrix((edge_fam, g.nbr, g.indptr), shape=shape)
    sparse = SparseFrontier(trust, fam, ids)
    graph = nx.Graph()
    graph.add_nodes_from(ids)
    keep = src < g.nbr
    graph.add_edges_from(
        (ids[a], ids[b], {"trust": t, "familiarity": f})
        for a, b, t, f in zip(
            src[keep].tolist(),
            g.nbr[keep].tolist(),
            edge_trust[keep].tolist(),
            edge_fam[keep].tolist(),
            strict=True,
        )
    )
    meet = MeetInTheMiddle(graph)
    return {
        "networkx meet-in-the-middle": meet.solve,
        "scipy.sparse frontier": sparse.solve,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--people", type=int, default=200_000)
    parser.add_argument("--ties", type=int, default=2_000_000)
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--min-contacts", type=int, default=500)
    parser.add_argument("--hops", type=int, nargs="+", default=[3, 4, 5])
    parser.add_argument("--peer-queries", type=int, default=5)
    parser.add_argument(
        "--json-up-to", type=int, default=4, help="time `find --json` up to this hop limit"
    )
    parser.add_argument("--peer-budget", type=float, default=30.0, help="seconds per query")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    print(f"network: {args.people:,} people, {args.ties:,} ties (seed {args.seed})")
    start = time.perf_counter()
    network = generate(args.people, args.ties, seed=args.seed, team=20)
    store = network.store()
    g = store.compact
    print(
        f"generated and loaded in {time.perf_counter() - start:.1f} s; tie arrays "
        f"{g.nbytes() / 2**20:.0f} MiB = {g.nbytes() / len(network.a):.1f} bytes per tie"
    )
    queries = pick_queries(store, args.queries, args.min_contacts, args.seed)
    degree = np.diff(g.indptr)
    contacts = [int(degree[store._number[me]]) for me, _ in queries]
    print(f"queries: {len(queries)}, contacts of 'me': median {statistics.median(contacts):.0f}")

    peers = build_peers(store) if args.peer_queries else {}

    for hops in args.hops:
        print(f"\n{hops} hops")
        plan(store, queries[0][1], me=queries[0][0], max_hops=hops, etiquette=False)  # warm up
        gc.collect()
        cpu: list[float] = []
        table = []
        for me, company in queries:
            start = time.process_time()
            table.append(
                timed(
                    lambda c=company, m=me, k=hops: plan(
                        store, c, me=m, max_hops=k, asks=ASKS_SHOWN, etiquette=False
                    )
                )
            )
            cpu.append(time.process_time() - start)
        every = [
            timed(lambda q=q, k=hops: plan(store, q[1], me=q[0], max_hops=k, etiquette=False))
            for q in (queries if hops <= args.json_up_to else [])
        ]
        print(line("find (table: 15 asks explained)", table))
        print(line("  the same, CPU time of the process", cpu))
        if every:
            print(line("find --json (every ask explained)", every))
        chosen = queries[: args.peer_queries] if peers else []
        problems = [problem(store, me, company, hops) for me, company in chosen]
        search = [timed(lambda q=q: ours(store, q)) for q in problems]
        if chosen:
            print(line(f"intropath search ({len(chosen)} queries)", search))
        for name, solve in peers.items():
            times: list[float] = []
            capped = wrong = 0
            for q in problems:
                start = time.perf_counter()
                try:
                    answer = solve(q, args.peer_budget)
                    times.append(time.perf_counter() - start)
                    wrong += not same(answer, ours(store, q))
                except OutOfBudget:
                    times.append(max(time.perf_counter() - start, args.peer_budget))
                    capped += 1
            note = f"{capped} over budget (ratio a lower bound)" if capped else "all finished"
            print(line(f"{name}", times, search) + f"   [{note}; {wrong} wrong answers]")
            for lo, hi in BUCKETS:
                inside = [
                    i for i, (me, _) in enumerate(chosen) if lo <= degree[store._number[me]] < hi
                ]
                if inside:
                    label = f"  contacts {lo}-{hi if hi < 10**9 else ''} ({len(inside)})"
                    print(line(label, [times[i] for i in inside], [search[i] for i in inside]))
            if wrong:
                raise SystemExit(f"{name} disagrees with intropath on {wrong} queries")
        for lo, hi in BUCKETS:
            inside = [
                i for i, (me, _) in enumerate(queries) if lo <= degree[store._number[me]] < hi
            ]
            if inside:
                label = f"find (table), contacts {lo}-{hi if hi < 10**9 else ''} ({len(inside)})"
                print(line(label, [table[i] for i in inside]))
    print(f"\npeak memory: {peak_mb():.0f} MiB")


if __name__ == "__main__":
    main()
