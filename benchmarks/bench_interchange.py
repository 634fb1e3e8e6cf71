"""Benchmark loading GraphML and node-link JSON graph files, against the full reader.

    python benchmarks/bench_interchange.py --graph /tmp/big.json   # an intropath JSON file
    python benchmarks/bench_interchange.py --people 20000 --ties 200000

The network of the intropath JSON file (or a generated one) is written as
node-link JSON and as GraphML, exactly as `intropath` saves them, but streamed
(saving two million ties through networkx takes more memory than the reading
being measured). Each load is a separate process with no cache: wall time,
CPU time and peak resident memory.

The peer is the full reader (networkx, then pydantic for every record), run
only up to --peer-ties ties: at two million it takes minutes and over 10 GB.
Every process is capped at --cap GiB of address space. Each load prints the
plan for one company; the figures count only if every format gives the plan
the intropath JSON file gives.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from xml.sax.saxutils import quoteattr

from _shared import graph_file, scratch
from intropath import load
from intropath.graphfile import save_document
from intropath.model import GraphDocument

LOAD = (
    "import sys, intropath; s = intropath.load(sys.argv[1]); "
    "print(intropath.plan(s, sys.argv[2]).model_dump_json(exclude={'graph'}))"
)
FULL = (
    "import sys, intropath; from intropath.graphfile import load_document; "
    "from intropath.stores.memory import MemoryStore; s = MemoryStore(load_document(sys.argv[1])); "
    "print(intropath.plan(s, sys.argv[2]).model_dump_json(exclude={'graph'}))"
)


def run(args: list[str], env: dict[str, str], cap: float) -> tuple[float, float, float, str]:
    """Wall seconds, CPU seconds, peak MiB and output of one process."""

    def limit() -> None:
        size = int(cap * 2**30)
        resource.setrlimit(resource.RLIMIT_AS, (size, size))

    start = time.perf_counter()
    process = subprocess.Popen(
        args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=limit
    )
    out = process.stdout.read().decode() if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if status:
        error = process.stderr.read().decode() if process.stderr else ""
        return wall, float("nan"), usage.ru_maxrss / 1024, f"FAILED: {error[-300:]}"
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out


def write_interchange(source: Path, node_link: Path, graphml: Path) -> None:
    """The network of ``source`` as node-link JSON and GraphML, as intropath saves them.

    Everything but the ties goes through intropath's own writer (with one tie,
    so that the tie keys are declared); the other ties are streamed in after it.
    """
    store = load(source)
    g, ids = store.compact, store._ids
    ties = [
        (ids[i], ids[int(j)], *g.value(e))
        for i in range(len(ids))
        for e, j in zip(
            range(int(g.indptr[i]), int(g.indptr[i + 1])),
            g.nbr[int(g.indptr[i]) : int(g.indptr[i + 1])].tolist(),
            strict=True,
        )
        if j > i
    ]
    first = next(store.ties())
    document = GraphDocument(
        me=store.owner,
        people=list(store.people()),
        companies=store.companies(),
        groups=store._group_list,
        ties=[first],
    )
    rest = [t for t in ties if (t[0], t[1]) != (first.a, first.b)]
    save_document(document, node_link, format="node-link")
    data = json.loads(node_link.read_text())
    with node_link.open("w") as out:
        head = json.dumps({k: v for k, v in data.items() if k != "edges"})[:-1]
        out.write(head + ', "edges": [\n')
        out.write(",\n".join(json.dumps(e) for e in data["edges"]))
        for a, b, t, f in rest:
            edge = {"kind": "knows", "trust": t, "familiarity": f, "evidence": []}
            out.write(",\n" + json.dumps({**edge, "source": a, "target": b, "key": 0}))
        out.write("]}\n")
    save_document(document, graphml)
    text = graphml.read_text()
    keys = {
        name: line.split('id="')[1].split('"')[0]
        for line in text.splitlines()
        if "<key " in line and 'for="edge"' in line
        for name in ("kind", "trust", "familiarity", "evidence")
        if f'attr.name="{name}"' in line
    }
    end = text.rindex("</graph>")
    with graphml.open("w") as out:
        out.write(text[:end])
        for a, b, t, f in rest:
            out.write(
                f'<edge source={quoteattr(a)} target={quoteattr(b)} id="0">'
                f'<data key="{keys["kind"]}">knows</data>'
                f'<data key="{keys["trust"]}">{t!r}</data>'
                f'<data key="{keys["familiarity"]}">{f!r}</data>'
                f'<data key="{keys["evidence"]}">[]</data></edge>\n'
            )
        out.write(text[end:])


def show(label: str, runs: list[tuple[float, float, float, str]]) -> None:
    wall = statistics.median(r[0] for r in runs)
    cpu = statistics.median(r[1] for r in runs)
    peak = max(r[2] for r in runs)
    print(f"  {label:<40} wall {wall:7.2f} s   cpu {cpu:7.2f} s   peak {peak:6.0f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--people", type=int, default=200_000)
    parser.add_argument("--ties", type=int, default=2_000_000)
    parser.add_argument("--graph", type=Path, help="an intropath JSON graph file to use")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--peer-ties", type=int, default=300_000)
    parser.add_argument("--cap", type=float, default=5.0, help="GiB of address space a run gets")
    parser.add_argument("--company", help="the company to plan for (default: the first one)")
    args = parser.parse_args()

    with scratch() as (work, env):
        graph = graph_file(args.graph, work, args.people, args.ties)
        files = {"intropath JSON": graph, "node-link JSON": work / "g.json"}
        files["GraphML"] = work / "g.graphml"
        write_interchange(graph, files["node-link JSON"], files["GraphML"])
        store = load(graph)
        ties = int(store.compact.indptr[-1]) // 2
        company = args.company or store.companies()[0].name
        del store
        print(f"{ties:,} ties; planning for {company!r}; load average {os.getloadavg()}")
        expected = None
        for label, path in files.items():
            print(f"{label}: {path.stat().st_size / 2**20:.0f} MiB")
            runs = []
            for _ in range(args.repeat):
                shutil.rmtree(work / "data", ignore_errors=True)
                runs.append(run([sys.executable, "-c", LOAD, str(path), company], env, args.cap))
            expected = expected or runs[0][3]
            same = all(r[3] == expected for r in runs)
            show(f"intropath.load{'' if same else ' (A DIFFERENT PLAN)'}", runs)
            if ties <= args.peer_ties and label != "intropath JSON":
                peer = run([sys.executable, "-c", FULL, str(path), company], env, args.cap)
                show(f"peer: full reader{'' if peer[3] == expected else ' (DIFFERENT)'}", [peer])


if __name__ == "__main__":
    main()
