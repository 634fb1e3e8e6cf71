"""Benchmark the Neo4j store beside the in-memory one on the synthetic pooled network.

    NEO4J_URI=neo4j://localhost:7687 NEO4J_PASSWORD=... python benchmarks/bench_neo4j.py
    python benchmarks/bench_neo4j.py --people 20000 --ties 200000 --queries 20

Loads the network into Neo4j (replacing the intropath data there: it asks
first unless --yes), prints the load rate in ties per second, then times
`plan()` (what `intropath find` runs) on the same random (me, company) queries
against both stores, warm, and prints the medians side by side with their
ratio. Targets: load >= 20,000 ties/s; Neo4j `find` median < 100 ms.

Without a reachable server it says so and exits 0.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

import numpy as np

from _shared import pick_queries, timed
from intropath import plan
from intropath.errors import StoreError
from intropath.stores.neo4j import open_neo4j_store
from intropath.stores.neo4j_load import LoadPlan
from intropath.synthetic import generate


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--people", type=int, default=200_000)
    parser.add_argument("--ties", type=int, default=2_000_000)
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--min-contacts", type=int, default=500)
    parser.add_argument("--max-hops", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--yes", action="store_true", help="replace the intropath data without asking"
    )
    parser.add_argument("--skip-load", action="store_true", help="the network is already loaded")
    args = parser.parse_args()

    try:
        neo = open_neo4j_store()
    except StoreError as exc:
        print(f"skipped: no Neo4j server ({exc})")
        return
    print(f"server: {neo.server} at {neo.settings.where()}")
    print(f"network: {args.people:,} people, {args.ties:,} ties (seed {args.seed})")
    network = generate(args.people, args.ties, seed=args.seed, team=20)
    memory = network.store()

    if not args.skip_load:
        held = neo.status().counts["people"]
        if held and not args.yes:
            answer = input(f"Replace the {held:,} people stored at {neo.settings.where()}? [y/N] ")
            if answer.strip().lower() != "y":
                sys.exit("aborted")
        start = time.perf_counter()
        neo.clear()
        cleared = time.perf_counter() - start
        load = LoadPlan.from_columns(
            network.people,
            network.a,
            network.b,
            network.trust,
            network.familiarity,
            companies=network.companies,
            groups=network.groups,
            me=network.me,
        )
        phases: dict[str, float] = {}

        def progress(kind: str, done: int, total: int) -> None:
            now = time.perf_counter()
            phases.setdefault(f"{kind}-start", now)
            phases[kind] = now - phases[f"{kind}-start"]

        start = time.perf_counter()
        neo.load(load, progress)
        total = time.perf_counter() - start
        rate = len(network.a) / phases["ties"] if phases.get("ties") else float("nan")
        print(
            f"clear: {cleared:.1f} s   load: {total:.1f} s in all, "
            f"ties {phases.get('ties', 0):.1f} s = {rate:,.0f} ties/s (target >= 20,000)"
        )

    queries = pick_queries(memory, args.queries, args.min_contacts, args.seed)
    for store in (memory, neo):  # warm up: caches, query plans
        plan(store, queries[0][1], me=queries[0][0], max_hops=args.max_hops, etiquette=False)
    times: dict[str, list[float]] = {"memory": [], "neo4j": []}
    for me, company in queries:
        for name, store in (("memory", memory), ("neo4j", neo)):
            neo.refresh()  # like a fresh `intropath find`: no help from the last query's cache
            times[name].append(
                timed(
                    lambda s=store, c=company, m=me: plan(
                        s, c, me=m, max_hops=args.max_hops, etiquette=False
                    )
                )
            )
    mem, n4j = (statistics.median(times[k]) * 1e3 for k in ("memory", "neo4j"))
    p95 = float(np.percentile(times["neo4j"], 95)) * 1e3
    print(
        f"find median: memory {mem:.1f} ms, neo4j {n4j:.1f} ms (p95 {p95:.1f} ms, "
        f"target < 100 ms); neo4j / memory = {n4j / mem:.1f}x"
    )
    neo.close()


if __name__ == "__main__":
    main()
