"""Benchmark the Neo4j store beside the in-memory one on the synthetic pooled network.

    NEO4J_URI=bolt://127.0.0.1:7687 NEO4J_PASSWORD=... python benchmarks/bench_neo4j.py --yes
    python benchmarks/bench_neo4j.py --skip-load --hops 3      # the network is already there
    python benchmarks/bench_neo4j.py --people 20000 --ties 200000 --queries 20

Loads the network into Neo4j (replacing the intropath data of its namespace: it
asks first unless --yes) and prints the load rate in ties per second. Then, for
each hop count, times `plan()` (what `intropath find` runs, explanations
included) on the same random (me, company) queries against both stores, each
query on a fresh store cache like a new `intropath find`, checks that both
stores give the same plan, and prints p50 and p95 side by side with their
ratio. `plan()` is called as `intropath find` calls it for its table (the best
15 asks explained; `--every-ask` explains them all, as `find --json` does).
Targets: load >= 30,000 ties/s; find at 3 hops p50 <= 100 ms and p95 <= 250 ms,
at 4 hops p95 <= 1 s.

Without a reachable server it says so and exits 0.
"""

from __future__ import annotations

import argparse
import sys
import time

import numpy as np

from _shared import pick_queries
from intropath import plan
from intropath.cli.render import ASKS_SHOWN
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
            f"ties {phases.get('ties', 0):.1f} s = {rate:,.0f} ties/s (target >= 30,000)"
        )

    queries = pick_queries(memory, args.queries, args.min_contacts, args.seed)
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
