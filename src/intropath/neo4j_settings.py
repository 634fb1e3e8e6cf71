"""Neo4j connection settings and the Cypher files the Neo4j store runs.

Settings come from, in order (the first that is set wins):

1. arguments (the ``--uri``, ``--user``, ``--password``, ``--database`` flags);
2. the standard variables ``NEO4J_URI``, ``NEO4J_USERNAME``, ``NEO4J_PASSWORD``
   and ``NEO4J_DATABASE``;
3. the ``[neo4j]`` table of the config file (keys ``uri``, ``username``,
   ``password``, ``database``; see :mod:`intropath.config`);
4. defaults: ``neo4j://localhost:7687``, user ``neo4j``, no password, the
   server's default database.

Every statement the store runs lives in the ``cypher/`` directory of the
project, shipped in the wheel as ``intropath/cypher``: the documented queries
are the ones that run.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .config import bundled
from .errors import StoreError
from .settings import load_settings, settings_from

DEFAULT_URI = "neo4j://localhost:7687"
DEFAULT_USER = "neo4j"
ENV = {
    "uri": "NEO4J_URI",
    "user": "NEO4J_USERNAME",
    "password": "NEO4J_PASSWORD",
    "database": "NEO4J_DATABASE",
}
CONFIG_KEYS = {"uri": "uri", "user": "username", "password": "password", "database": "database"}


@dataclass(frozen=True)
class Neo4jSettings:
    """Where the Neo4j server is and how to log in."""

    uri: str = DEFAULT_URI
    user: str = DEFAULT_USER
    password: str | None = None
    database: str | None = None

    def where(self) -> str:
        """``uri`` and, when one is named, the database, for messages."""
        return f"{self.uri} (database {self.database!r})" if self.database else self.uri


def resolve_settings(
    uri: str | None = None,
    user: str | None = None,
    password: str | None = None,
    database: str | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    config: Mapping[str, Any] | None = None,
) -> Neo4jSettings:
    """Combine flags, environment variables and the config file.

    Parameters
    ----------
    uri, user, password, database
        Explicit values (from flags); ``None`` means "not given".
    environ
        The environment (default ``os.environ``).
    config
        Parsed config data (default: the config files, see :mod:`intropath.settings`).

    Raises
    ------
    ConfigError
        When the ``[neo4j]`` table or one of its values is not text.

    Examples
    --------
    >>> s = resolve_settings(environ={"NEO4J_URI": "bolt://db:7687"}, config={})
    >>> s.uri, s.user
    ('bolt://db:7687', 'neo4j')
    >>> resolve_settings("bolt://x:1", environ={"NEO4J_URI": "bolt://db:7687"}, config={}).uri
    'bolt://x:1'
    """
    env = os.environ if environ is None else environ
    table = (load_settings() if config is None else settings_from(config)).neo4j
    given = {"uri": uri, "user": user, "password": password, "database": database}
    values: dict[str, str | None] = {}
    for name, flag in given.items():
        value = flag or env.get(ENV[name]) or getattr(table, CONFIG_KEYS[name])
        values[name] = value or None
    return Neo4jSettings(
        uri=values["uri"] or DEFAULT_URI,
        user=values["user"] or DEFAULT_USER,
        password=values["password"],
        database=values["database"],
    )


# -- the Cypher files -------------------------------------------------------


def cypher_dir() -> Path:
    """The directory of ``.cypher`` files: in the installed package, else the repository's."""
    found = bundled("cypher")
    if found.is_dir():
        return found
    raise StoreError("the Cypher files of intropath are missing; reinstall intropath")


@cache
def cypher_text(name: str) -> str:
    """The text of ``cypher/<name>.cypher`` (one statement, header comment included)."""
    statements = cypher_statements(name)
    if len(statements) != 1:
        raise StoreError(f"cypher/{name}.cypher holds {len(statements)} statements, expected 1")
    return statements[0]


@cache
def cypher_statements(name: str) -> tuple[str, ...]:
    """The statements of ``cypher/<name>.cypher``, split at lines ending with ``;``."""
    path = cypher_dir() / f"{name}.cypher"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise StoreError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return split_statements(text)


def split_statements(text: str) -> tuple[str, ...]:
    """Split a file into statements; comment-only chunks are dropped.

    >>> split_statements("// a\\nRETURN 1;\\n\\nRETURN 2\\n")
    ('// a\\nRETURN 1', 'RETURN 2')
    """
    statements: list[str] = []
    current: list[str] = []
    for line in text.splitlines():
        if line.rstrip().endswith(";") and not line.lstrip().startswith("//"):
            current.append(line.rstrip()[:-1])
            statements.append("\n".join(current).strip())
            current = []
        else:
            current.append(line)
    statements.append("\n".join(current).strip())
    return tuple(s for s in statements if _has_code(s))


def _has_code(statement: str) -> bool:
    lines = (line.strip() for line in statement.splitlines())
    return any(line and not line.startswith("//") for line in lines)
