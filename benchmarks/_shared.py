"""What the benchmark scripts share: picking queries and timing them."""

from __future__ import annotations

import random
import time
from collections.abc import Callable

import numpy as np

from intropath.stores.memory import MemoryStore


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
