"""The settings of the config files, validated one way.

Every table of ``config.toml`` (user config dir) and ``intropath.toml``
(working directory) is checked by one pydantic model, :class:`Settings`::

    graph = "network.json"   # relative to the file that says it
    [me]         who is asking (drafting/profile.py)
    [strength]   the strength model's numbers (strength.py)
    [etiquette]  the etiquette rules (outreach/rules.py)
    [neo4j]      uri, username, password, database (neo4j_settings.py)

Each file is checked on its own, so an error names the file, the table and
the key: ``/home/a/intropath.toml: [strength] prior_trust: must be a number in
[0, 1), got 1.5``. Then the files are merged, the working directory's file
winning key by key. (pydantic-settings is not used: it merges sources before
validating, so it could not say which file is wrong, and the environment only
matters for the four ``NEO4J_*`` variables.)
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .config import config_files
from .drafting.errors import ProfileError
from .drafting.profile import Profile
from .errors import ConfigError
from .outreach.rules import EtiquetteRules
from .strength import DEFAULT_PARAMS, StrengthParams


class Neo4jTable(BaseModel):
    """The ``[neo4j]`` table: where the server is and how to log in."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    uri: str | None = None
    username: str | None = None
    password: str | None = None
    database: str | None = None


class Settings(BaseModel):
    """Everything a config file can set; every table is optional."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    graph: Path | None = Field(None, description="The graph file to use by default.")
    me: Profile = Field(default_factory=Profile)
    strength: StrengthParams = DEFAULT_PARAMS
    etiquette: EtiquetteRules = Field(default_factory=EtiquetteRules)
    neo4j: Neo4jTable = Field(default_factory=Neo4jTable)

    @field_validator("graph", mode="before")
    @classmethod
    def _text_path(cls, value: Any) -> Any:
        if not isinstance(value, str | Path) or not str(value).strip():
            raise ValueError(f"must be the path of a graph file, got {value!r}")
        return value

    @field_validator("me", mode="before")
    @classmethod
    def _profile(cls, value: Any) -> Any:
        if isinstance(value, Mapping):
            try:
                return Profile.from_table(value)
            except ProfileError as exc:
                raise ValueError(str(exc)) from None
        return value


def settings_from(data: Mapping[str, Any], source: str = "config") -> Settings:
    """Validate parsed config data; a ConfigError names ``source``, the table and the key."""
    try:
        return Settings.model_validate(_renamed(data))
    except ValidationError as exc:
        raise ConfigError(describe(exc, source)) from None


def describe(exc: ValidationError, source: str) -> str:
    """The first error as ``source: [table] key: message``."""
    error = exc.errors()[0]
    loc = [str(part) for part in error["loc"]]
    message = error["msg"].removeprefix("Value error, ")
    if error["type"] in {"extra_forbidden", "unexpected_keyword_argument"}:
        message = "unknown setting"
    elif error["type"] in {"model_type", "dataclass_type", "model_attributes_type"}:
        message = "must be a table"
    if len(loc) == 1 and loc[0] != "graph":
        return f"{source}: [{loc[0]}] {message}"
    if len(loc) == 1:
        return f"{source}: {loc[0]}: {message}"
    return f"{source}: [{loc[0]}] {'.'.join(loc[1:])}: {message}"


def read_file(path: Path) -> dict[str, Any]:
    """One config file, parsed and checked; ``graph`` made absolute against the file's folder."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from None
    settings_from(data, str(path))
    graph = data.get("graph")
    if isinstance(graph, str):
        data["graph"] = str(path.parent / Path(graph).expanduser())
    return data


def load_settings() -> Settings:
    """The merged settings of every config file that exists (later files win, key by key)."""
    merged: dict[str, Any] = {}
    for path in config_files():
        if path.is_file():
            _merge(merged, _renamed(read_file(path)))
    return settings_from(merged)


def _renamed(data: Mapping[str, Any]) -> dict[str, Any]:
    """``[profile]`` is the old name of ``[me]`` (``[me]`` wins when a file has both)."""
    renamed = dict(data)
    if "profile" in renamed:
        profile = renamed.pop("profile")
        renamed.setdefault("me", profile)
    return renamed


def _merge(into: dict[str, Any], data: Mapping[str, Any]) -> None:
    for key, value in data.items():
        if isinstance(value, Mapping) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = dict(value) if isinstance(value, Mapping) else value
