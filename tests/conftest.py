from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never read or write the real user's config or data."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("INTROPATH_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("INTROPATH_CONFIG_DIR", str(home / "config"))


@pytest.fixture
def small_graph() -> Path:
    return FIXTURES / "small.json"
