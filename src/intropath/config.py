"""Where things live and the user's settings.

Settings come from, in order: command-line flags, environment variables,
``intropath.toml`` in the working directory, then ``config.toml`` in the user
config dir (``intropath paths`` prints where); :mod:`intropath.settings`
reads and checks the files. Personal data lives in the user data dir; nothing
is ever sent anywhere but the Neo4j server configured.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import platformdirs

APP = "intropath"
ENV_DATA_DIR = "INTROPATH_DATA_DIR"
ENV_CONFIG_DIR = "INTROPATH_CONFIG_DIR"


def data_dir() -> Path:
    """The user data dir (``$INTROPATH_DATA_DIR`` overrides it)."""
    return Path(os.environ.get(ENV_DATA_DIR) or platformdirs.user_data_dir(APP))


def config_dir() -> Path:
    """The user config dir (``$INTROPATH_CONFIG_DIR`` overrides it)."""
    return Path(os.environ.get(ENV_CONFIG_DIR) or platformdirs.user_config_dir(APP))


def default_graph_path() -> Path:
    """The user's own graph, written by importers and read by default."""
    return data_dir() / "graph.json"


def bundled(folder: str) -> Path:
    """A data folder shipped with intropath (``cypher``, ``sample_graphs``).

    Wheels carry it inside the package; an editable install of a checkout
    finds it at the top of the repository.
    """
    packaged = Path(str(resources.files(APP))) / folder
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / folder


def sample_graph_path(name: str = "sample.json") -> Path:
    """A graph bundled with intropath."""
    return bundled("sample_graphs") / name


def config_files() -> list[Path]:
    """Config files in the order they are read (later ones win)."""
    return [config_dir() / "config.toml", Path.cwd() / "intropath.toml"]


def resolve_graph(explicit: str | os.PathLike[str] | None) -> tuple[Path, str]:
    """The graph file to use and a phrase saying why.

    An explicit path wins; then ``graph`` in the config; then the user's own
    graph if an import wrote one; then the bundled sample.
    """
    if explicit:
        return Path(explicit), "from --graph"
    from .settings import load_settings  # the settings read the files this module finds

    configured = load_settings().graph
    if configured:
        return configured, "from the config file"
    own = default_graph_path()
    if own.is_file():
        return own, "your imported graph"
    return sample_graph_path(), "the bundled sample graph"
