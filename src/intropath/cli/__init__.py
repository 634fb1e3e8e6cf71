"""The command line: ``intropath ...`` (a thin skin over the library)."""

from __future__ import annotations

from . import asks as _asks  # noqa: F401  (ask record, asks, asks update)
from . import commands as _commands  # noqa: F401  (registers the commands)
from . import draft as _draft  # noqa: F401  (registers draft)
from . import imports as _imports  # noqa: F401  (import, tie, person, ratings, explain)
from . import neo4j as _neo4j  # noqa: F401  (neo4j load, status, clear)
from .app import app, main, run

__all__ = ["app", "main", "run"]
