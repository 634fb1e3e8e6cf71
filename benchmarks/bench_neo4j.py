"""Benchmark the Neo4j store beside the in-memory one on the synthetic pooled network.

    NEO4J_URI=bolt://127.0.0.1:7687 NEO4J_PASSWORD=... python benchmarks/bench_neo4j.py --yes
    python benchmarks/bench_neo4j.py --skip-load --hops 3      # the network is already there
    python benchmarks/bench_neo4j.py --people 20000 --ties 200000 --queries 20

Loads the network into Neo4j (replacing the intropath data of its namespace: it
asks first unless --yes), then loads it again (nothing new), and prints the time
and rate of each phase of both loads (ties per second for the ties); --baseline
also clears and loads once more with MERGE only (the loader before it CREATEd
into an empty namespace) and prints the ratio. --queries 0 stops there. Then, for
each hop count, times `plan()` (what `intropath find` runs, explanations
included) on the same random (me, company) queries against both stores, each
query on a fresh store cache like a new `intropath find`, checks that both
stores give the same plan, and prints p50 and p95 side by side with their
ratio. The objects made before the timing (the generated network and the
in-memory store, millions of them) are frozen out of Python's garbage
collector: `intropath find --backend neo4j` holds none of them, and a full
collection walking them (about 0.8 s) would land in whichever query set it off.
The queries timed right after a load may meet the server's scheduled
checkpoint (every 15 minutes, it writes what the load changed to disk; 0.7 s
after a load of 2M ties, and a read query that meets it slows down): run it
again with --skip-load for the figures of a settled server.
`plan()` is called as `intropath find` calls it for its table (the best 15 asks
explained; `--every-ask` explains them all, as `find --json` does).
Targets: load >= 30,000 ties/s; find at 3 hops p50 <= 100 ms and p95 <= 250 ms,
at 4 hops p95 <= 1 s.

Without a reachable server it says so and exits 0.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time

import numpy as np

from _shared import pick_queries, timed
from intropath import plan
from intropath.cli.render import ASKS_SHOWN
from intropath.errors import StoreError
from intropath.stores.neo4j import Neo4jStore, open_neo4j_store
from intropath.stores.neo4j_load import LoadPlan
from intropath.synthetic import generate


def timed_load(neo: Neo4jStore, load: LoadPlan, what: str, *, merge_only: bool = False) -> float:
    """Load, print the time and rate of each phase, and return the ties' rate."""
    marks: dict[str, list[float]] = {}
    totals: dict[str, int] = {}

    def progress(kind: str, done: int, total: int) -> None:
        marks.setdefault(kind, []).append(time.perf_counter())
        totals[kind] = total

    cpu = time.process_time()
    took = timed(lambda: neo.load(load, progress, merge_only=merge_only))
    cpu = time.process_time() - cpu
    print(f"load {what}: {took:.1f} s, client CPU {cpu:.1f} s")
    for kind, times in marks.items():
        seconds = times[-1] - times[0]
        if seconds > 0:
            rate = totals[kind] / seconds
            print(f"  {kind:12} {totals[kind]:>10,} in {seconds:6.1f} s = {rate:9,.0f}/s")
    return totals["ties"] / (marks["ties"][-1] - marks["ties"][0])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--people", type=int, default=200_000)
    parser.add_argument("--ties", type=int, default=2_000_000)
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--min-contacts", type=int, default=500)
    parser.add_argument(
        "--hops",
        type=lambda text: [int(h) for h in text.split(",")],
        default=[2, 3, 4],
        help="hop counts to time, e.g. 3 or 2,3,4 (default)",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--yes", action="store_true", help="replace the intropath data without asking"
    )
    parser.add_argument("--skip-load", action="store_true", help="the network is already loaded")
    parser.add_argument(
        "--every-ask", action="store_true", help="explain every ask, as `find --json` does"
    )
    parser.add_argument(
        "--baseline",
        action="store_true",
        help="also clear and load once more with MERGE only (the loader before CREATE), "
        "and print the ratio",
    )
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
        print(f"clear: {timed(neo.clear):.1f} s")
        rates = {"new": timed_load(neo, load, "into an empty namespace (CREATE)")}
        rates["reload"] = timed_load(neo, load, "again, nothing new (MERGE)")
        if args.baseline:
            print(f"clear: {timed(neo.clear):.1f} s")
            rates["merge"] = timed_load(
                neo, load, "into an empty namespace, MERGE only (before)", merge_only=True
            )
            print(f"ties/s, CREATE path / MERGE only: {rates['new'] / rates['merge']:.2f}x")
        print(f"ties/s: {rates['new']:,.0f} into an empty namespace (target >= 30,000)")
        print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")

    if args.queries <= 0:
        neo.close()
        return
    queries = pick_queries(memory, args.queries, args.min_contacts, args.seed)
    gc.collect()
    gc.freeze()
    stores = (("memory", memory), ("neo4j", neo))
    asks = None if args.every_ask else ASKS_SHOWN
    shown = "every ask" if asks is None else f"the best {asks} asks"
    print(f"find, {len(queries)} queries (me with >= {args.min_contacts} contacts), {shown}, ms:")
    print(" hops  memory p50    p95   neo4j p50    p95   neo4j/memory p50")
    for hops in args.hops:
        for _, store in stores:  # warm up: caches, query plans
            plan(store, queries[0][1], me=queries[0][0], max_hops=hops, etiquette=False, asks=asks)
        times: dict[str, list[float]] = {"memory": [], "neo4j": []}
        for me, company in queries:
            plans = {}
            for name, store in stores:
                neo.refresh()  # like a fresh `intropath find`: no help from the last query's cache
                start = time.perf_counter()
                plans[name] = plan(store, company, me=me, max_hops=hops, etiquette=False, asks=asks)
                times[name].append(time.perf_counter() - start)
            same = {n: p.model_dump(exclude={"graph"}) for n, p in plans.items()}
            if same["memory"] != same["neo4j"]:
                sys.exit(f"the stores disagree at {hops} hops for me={me!r}, company={company!r}")
        m50, m95, n50, n95 = (
            float(np.percentile(times[k], q)) * 1e3 for k in ("memory", "neo4j") for q in (50, 95)
        )
        print(f" {hops:4} {m50:11.1f} {m95:6.1f} {n50:11.1f} {n95:6.1f} {n50 / m50:17.1f}x")
    print("targets: 3 hops neo4j p50 <= 100 ms and p95 <= 250 ms; 4 hops p95 <= 1,000 ms")
    neo.close()


if __name__ == "__main__":
    main()
