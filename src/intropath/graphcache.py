"""Opening a graph file as a store."""

from __future__ import annotations

import os

from .graphfile import load_document
from .stores.memory import MemoryStore


def open_graph(path: str | os.PathLike[str]) -> MemoryStore:
    """A graph file in memory, ready to plan."""
    return MemoryStore(load_document(path), description=str(path))
