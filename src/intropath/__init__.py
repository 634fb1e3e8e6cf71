"""intropath: plan warm introductions.

Three lines in a notebook::

    from intropath import load, plan
    graph = load("sample_graphs/sample.json")
    plan(graph, "Muse")
"""

from __future__ import annotations

import logging
import os

from .config import sample_graph_path
from .errors import (
    AmbiguousCompany,
    CompanyError,
    ConfigError,
    GraphFileError,
    IntropathError,
    PersonNotFound,
    StoreError,
    UnknownCompany,
)
from .graphfile import load_document, save_document
from .model import (
    Company,
    ContactPolicy,
    Evidence,
    EvidenceKind,
    GraphDocument,
    Group,
    Person,
    Position,
    Tie,
)
from .planner import InvalidQuery, plan
from .results import Ask, PathResult, Plan
from .scoring import Weights
from .stores.base import Store
from .stores.memory import MemoryStore

__version__ = "0.1.0"

# A library logs and lets the application decide where records go (the CLI: -v).
logging.getLogger(__name__).addHandler(logging.NullHandler())


def load(path: str | os.PathLike[str] | None = None) -> MemoryStore:
    """Load a graph file (JSON, node-link JSON or GraphML) into memory.

    With no path, loads the bundled sample graph.
    """
    source = sample_graph_path() if path is None else path
    return MemoryStore(load_document(source), description=str(source))


__all__ = [
    "AmbiguousCompany",
    "Ask",
    "Company",
    "CompanyError",
    "ConfigError",
    "ContactPolicy",
    "Evidence",
    "EvidenceKind",
    "GraphDocument",
    "GraphFileError",
    "Group",
    "IntropathError",
    "InvalidQuery",
    "MemoryStore",
    "PathResult",
    "Person",
    "PersonNotFound",
    "Plan",
    "Position",
    "Store",
    "StoreError",
    "Tie",
    "UnknownCompany",
    "Weights",
    "__version__",
    "load",
    "load_document",
    "plan",
    "sample_graph_path",
    "save_document",
]
