"""Benchmark loading a large graph file, against the full reader.

    python benchmarks/bench_load.py                         # 200,000 people, 2,000,000 ties
    python benchmarks/bench_load.py --graph /tmp/big.json   # reuse a file written before
    python benchmarks/bench_load.py --people 20000 --ties 200000

Each figure is a separate process, so start-up, reading and memory are real:

- load: the graph file ready to plan, by `intropath.load` (columnar reader,
  then written to the cache), and the peer measured in the same run: the full
  reader (pydantic for every record) into the same store, as before;
- cached: `intropath find` end to end on the unchanged file (the cache).

Start-up on the bundled sample is benchmarks/bench_startup.py's.

Wall time, CPU time (user + system) and peak resident memory of each process.
On a shared machine the CPU time is the steadier figure.

intropath's sources are compiled to bytecode first (``compileall``), as an
installed copy's are: otherwise, with PYTHONDONTWRITEBYTECODE set, every
process would compile them again (about 50 ms).
"""

from __future__ import annotations

import argparse
import compileall
import itertools
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import intropath
from _shared import graph_file, scratch

LOAD = "import sys, intropath; intropath.load(sys.argv[1])"
FULL = (
    "import sys; from intropath.graphfile import load_document; "
    "from intropath.stores.memory import MemoryStore; MemoryStore(load_document(sys.argv[1]))"
)


def run(args: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak MiB of one process."""
    start = time.perf_counter()
    process = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if status:
        error = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"{' '.join(args)} failed: {error[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def show(
    label: str,
    runs: list[tuple[float, float, float]],
    base: list[tuple[float, float, float]] | None = None,
) -> None:
    wall = statistics.median(r[0] for r in runs)
    cpu = statistics.median(r[1] for r in runs)
    peak = max(r[2] for r in runs)
    text = f"  {label:<44} wall {wall:6.2f} s   cpu {cpu:6.2f} s   peak {peak:6.0f} MiB"
    if base:
        text += f"   x{statistics.median(b[1] for b in base) / cpu:.1f} less cpu than the peer"
    print(text)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--people", type=int, default=200_000)
    parser.add_argument("--ties", type=int, default=2_000_000)
    parser.add_argument("--graph", type=Path, help="an intropath JSON graph file to use")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-full", action="store_true", help="skip the slow full-reader peer")
    args = parser.parse_args()

    compileall.compile_dir(Path(intropath.__file__).parent, quiet=1)
    with scratch() as (work, env):
        graph = graph_file(args.graph, work, args.people, args.ties)
        print(f"graph file: {graph} ({graph.stat().st_size / 2**20:.0f} MiB)")
        python = sys.executable
        cli = [str(Path(python).with_name("intropath"))]

        firsts = []
        for _ in range(args.repeat):
            shutil.rmtree(work / "data", ignore_errors=True)
            firsts.append(run([python, "-c", LOAD, str(graph)], env))
        full = [] if args.skip_full else [run([python, "-c", FULL, str(graph)], env)]
        print("load (no cache)")
        show("intropath.load: columnar reader, cache written", firsts, full or None)
        if full:
            show("peer: the full reader (pydantic per record)", full)

        company = _company(graph)
        find = [*cli, "find", "--company", company, "--graph", str(graph)]
        run(find, env)  # the cache is there now
        print("second call, unchanged file (cache)")
        show(f"intropath find --company {company!r}", [run(find, env) for _ in range(args.repeat)])
        show(
            "intropath.load",
            [run([python, "-c", LOAD, str(graph)], env) for _ in range(args.repeat)],
        )


def _company(graph: Path) -> str:
    """A company of median size among those of the first 20,000 people records."""
    counts: Counter[str] = Counter()
    with open(graph, encoding="utf-8") as handle:
        for line in itertools.islice(handle, 20_000):
            if '"company":"' in line:
                start = line.index('"company":"') + len('"company":"')
                counts[line[start : line.index('"', start)]] += 1
    ranked = [name for name, _ in counts.most_common()]
    return ranked[len(ranked) // 2] if ranked else "Muse"


if __name__ == "__main__":
    main()
