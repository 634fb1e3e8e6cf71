"""One settings model: every config table validated one way, errors naming file, table, key."""

from __future__ import annotations

import math
from dataclasses import fields
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from intropath.cli import app
from intropath.config import config_dir, resolve_graph, sample_graph_path
from intropath.errors import ConfigError
from intropath.neo4j_settings import resolve_settings
from intropath.settings import load_settings, settings_from
from intropath.strength import DEFAULT_PARAMS, StrengthParams

BAD = [
    ("[me]\nemail = 'nope'\n", "[me] email 'nope' does not look like an email address"),
    (
        "[strength]\nprior_trust = 2\n",
        "[strength] prior_trust: must be a number in [0, 1), got 2.0",
    ),
    ("[etiquette]\ncooldown_days = -1\n", "[etiquette] cooldown_days: Input should be greater"),
    ("[neo4j]\nuri = 7687\n", "[neo4j] uri: Input should be a valid string"),
    ("[neo4j]\nurl = 'bolt://x'\n", "[neo4j] url: unknown setting"),
    ("[strenght]\nprior_trust = 0.2\n", "[strenght] unknown setting"),
    ("graph = 3\n", "graph: must be the path of a graph file, got 3"),
]


def _user_config(text: str) -> Path:
    path = config_dir() / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("text", "message"), BAD)
def test_every_table_reports_file_table_and_key(text: str, message: str) -> None:
    path = _user_config(text)
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert str(caught.value).startswith(f"{path}: {message}")


@pytest.mark.parametrize(("text", "message"), BAD)
def test_the_working_directory_file_is_named_when_it_is_the_bad_one(
    text: str, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _user_config("[neo4j]\nuri = 'bolt://fine:7687'\n")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "intropath.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert str(caught.value).startswith(f"{tmp_path / 'intropath.toml'}: {message}")


def test_the_cli_prints_the_same_one_line_error() -> None:
    path = _user_config("[etiquette]\nmax_open = 'three'\n")
    result = CliRunner().invoke(app, ["find", "--company", "Muse"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Error: {path}: [etiquette] max_open: Input should be a valid integer, unable to "
        "parse string as an integer"
    ]


def test_a_relative_graph_is_resolved_against_its_config_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _user_config('graph = "networks/mine.json"\n')
    graph = path.parent / "networks" / "mine.json"
    graph.parent.mkdir()
    graph.write_bytes(sample_graph_path().read_bytes())
    monkeypatch.chdir(tmp_path)  # elsewhere: the old code looked for ./networks/mine.json
    assert resolve_graph(None) == (graph, "from the config file")
    result = CliRunner().invoke(app, ["check"])
    assert result.exit_code == 0, result.stderr
    assert f"Using graph {graph}" in " ".join(result.stderr.split())


def test_files_merge_key_by_key_and_each_graph_is_relative_to_its_own_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _user_config(
        'graph = "user.json"\n[neo4j]\nuri = "bolt://user:7687"\n[strength]\nprior_trust = 0.2\n'
        '[profile]\nname = "Alex"\n'
    )
    project = tmp_path / "project"
    project.mkdir()
    monkeypatch.chdir(project)
    (project / "intropath.toml").write_text(
        'graph = "../shared/team.json"\n[neo4j]\ndatabase = "team"\n[me]\nemail = "a@b.org"\n',
        encoding="utf-8",
    )
    settings = load_settings()
    assert settings.graph == project / "../shared/team.json"
    assert (settings.me.name, settings.me.email) == ("Alex", "a@b.org")
    assert settings.strength.prior_trust == 0.2
    neo4j = resolve_settings(environ={})
    assert (neo4j.uri, neo4j.database) == ("bolt://user:7687", "team")


def test_no_config_is_every_default() -> None:
    settings = load_settings()
    assert settings.graph is None and settings.strength == DEFAULT_PARAMS
    assert settings.etiquette.cooldown_days == 30 and settings.neo4j.uri is None


@given(
    st.sampled_from([f.name for f in fields(StrengthParams)]),
    st.one_of(st.floats(allow_nan=True), st.integers(), st.booleans(), st.text(max_size=5)),
)
def test_a_strength_value_is_accepted_exactly_when_it_is_in_range(key: str, value: object) -> None:
    positive = key.endswith(("_days", "_scale"))
    number = isinstance(value, int | float) and not isinstance(value, bool)
    valid = (
        number
        and math.isfinite(float(value))  # type: ignore[arg-type]
        and (float(value) > 0 if positive else 0 <= float(value) < 1)  # type: ignore[arg-type]
    )
    try:
        params = settings_from({"strength": {key: value}}).strength
    except ConfigError as exc:
        assert not valid
        assert str(exc).startswith(f"config: [strength] {key}: must be")
    else:
        assert valid and getattr(params, key) == value
