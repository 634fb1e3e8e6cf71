"""What the benchmark scripts share: picking queries, timing them, writing graph files."""

from __future__ import annotations

import json
import os
import random
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np
from pydantic import BaseModel

from intropath.stores.memory import MemoryStore
from intropath.synthetic import SyntheticNetwork, generate


def pick_queries(
    store: MemoryStore, count: int, min_contacts: int, seed: int
) -> list[tuple[str, str]]:
    """Random hubs (at least min_contacts ties) and random companies with employees."""
    rng = random.Random(seed)
    degree = np.diff(store.compact.indptr)
    ids = store._ids  # benchmark code may peek at the store's numbering
    hubs = [ids[i] for i in np.flatnonzero(degree >= min_contacts).tolist()]
    if not hubs:
        raise SystemExit(f"no one has {min_contacts} contacts; use a bigger network")
    index = store.company_index()
    companies = sorted(key for key in index.companies if store.employees(key))
    return [(rng.choice(hubs), index.companies[rng.choice(companies)].name) for _ in range(count)]


def timed(fn: Callable[[], object]) -> float:
    """Seconds ``fn()`` takes."""
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def write_graph_json(network: SyntheticNetwork, path: Path) -> None:
    """A generated network as an intropath JSON graph file (written directly: fast)."""
    ids = [p.id for p in network.people]

    def records(models: Sequence[BaseModel]) -> str:
        return ",\n".join(m.model_dump_json(exclude_defaults=True) for m in models)

    ties = ",\n".join(
        json.dumps({"a": ids[a], "b": ids[b], "trust": t, "familiarity": f})
        for a, b, t, f in zip(
            network.a.tolist(),
            network.b.tolist(),
            network.trust.tolist(),
            network.familiarity.tolist(),
            strict=True,
        )
    )
    with open(path, "w", encoding="utf-8") as out:
        out.write(f'{{"version": 1, "me": {json.dumps(network.me)},\n')
        out.write(f'"people": [\n{records(network.people)}],\n')
        out.write(f'"companies": [\n{records(network.companies)}],\n')
        out.write(f'"groups": [\n{records(network.groups)}],\n')
        out.write(f'"ties": [\n{ties}]}}\n')


@contextmanager
def scratch() -> Iterator[tuple[Path, dict[str, str]]]:
    """A temporary folder, removed afterwards, and an environment whose intropath
    data dir (with the graph cache) and config dir live in it."""
    work = Path(tempfile.mkdtemp(prefix="intropath-bench-"))
    env = {
        **os.environ,
        "INTROPATH_DATA_DIR": str(work / "data"),
        "INTROPATH_CONFIG_DIR": str(work / "config"),
    }
    try:
        yield work, env
    finally:
        shutil.rmtree(work, ignore_errors=True)


def graph_file(graph: Path | None, work: Path, people: int, ties: int) -> Path:
    """``graph``, or else a generated network of that size written into ``work``."""
    if graph is not None:
        return graph
    path = work / "graph.json"
    write_graph_json(generate(people, ties, seed=1, team=20), path)
    return path
