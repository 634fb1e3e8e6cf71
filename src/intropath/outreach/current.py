"""The etiquette as the user has set it up: the configured rules, the asks
logged on this machine, and the team's asks shared through Neo4j.

The CLI and the notebook API both start from :func:`load_etiquette`, so a plan
is the same wherever it is made.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, cast

from ..config import data_dir
from .log import AskLog, AskRecord
from .rules import Etiquette

if TYPE_CHECKING:
    from ..stores.base import Store
    from ..stores.neo4j import Neo4jStore

LOG_NAME = "outreach.sqlite3"


def log_path() -> Path:
    """Where the asks log lives (the user data directory)."""
    return data_dir() / LOG_NAME


def team_asks(store: Store) -> tuple[AskRecord, ...]:
    """Asks the team recorded in Neo4j (none for a graph file)."""
    # Looked up, not imported: with no Neo4j store made, this process has no such module.
    neo4j = sys.modules.get("intropath.stores.neo4j")
    if neo4j is None or not isinstance(store, neo4j.Neo4jStore):
        return ()
    return tuple(cast("Neo4jStore", store).team_asks())


def load_etiquette(today: date | None = None, store: Store | None = None) -> Etiquette:
    """The configured rules, the asks logged so far, and the team's asks in Neo4j."""
    day = today or date.today()
    from ..settings import load_settings  # settings reads the rules' own model

    rules = load_settings().etiquette
    team = team_asks(store) if store is not None else ()
    path = log_path()
    if not path.is_file():
        return Etiquette(rules, (), day, team)
    with AskLog(path) as log:
        return Etiquette(rules, tuple(log.all()), day, team)
