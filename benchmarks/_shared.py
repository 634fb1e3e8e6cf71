"""What the benchmark scripts share: picking queries, timing them, writing graph files."""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from pydantic import BaseModel

from intropath.stores.memory import MemoryStore
from intropath.synthetic import SyntheticNetwork


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
