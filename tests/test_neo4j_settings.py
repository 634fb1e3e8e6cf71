"""Neo4j settings, the Cypher files and the error paths that need no server."""

from __future__ import annotations

import builtins
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from intropath.cli import app
from intropath.errors import ConfigError, StoreError
from intropath.neo4j_settings import (
    DEFAULT_URI,
    cypher_dir,
    cypher_statements,
    cypher_text,
    resolve_settings,
    split_statements,
)
from intropath.stores import neo4j as neo4j_store

REPO_CYPHER = Path(__file__).parents[1] / "cypher"
FILES = sorted(p.stem for p in REPO_CYPHER.glob("*.cypher"))
ENV = {
    "NEO4J_URI": "bolt://env:7687",
    "NEO4J_USERNAME": "envuser",
    "NEO4J_PASSWORD": "envpw",
    "NEO4J_DATABASE": "envdb",
}
CONFIG = {
    "neo4j": {
        "uri": "bolt://config:7687",
        "username": "cfguser",
        "password": "cfgpw",
        "database": "cfgdb",
    }
}


def test_flags_beat_environment_beat_config() -> None:
    s = resolve_settings(
        "bolt://flag:1", "flaguser", "flagpw", "flagdb", environ=ENV, config=CONFIG
    )
    assert (s.uri, s.user, s.password, s.database) == (
        "bolt://flag:1",
        "flaguser",
        "flagpw",
        "flagdb",
    )
    s = resolve_settings(environ=ENV, config=CONFIG)
    assert (s.uri, s.user, s.password, s.database) == (
        "bolt://env:7687",
        "envuser",
        "envpw",
        "envdb",
    )
    s = resolve_settings(environ={}, config=CONFIG)
    assert (s.uri, s.user, s.password, s.database) == (
        "bolt://config:7687",
        "cfguser",
        "cfgpw",
        "cfgdb",
    )
    s = resolve_settings(environ={}, config={})
    assert (s.uri, s.user, s.password, s.database) == (DEFAULT_URI, "neo4j", None, None)


def test_each_setting_is_resolved_on_its_own() -> None:
    s = resolve_settings(user="flaguser", environ={"NEO4J_URI": "bolt://env:1"}, config=CONFIG)
    assert (s.uri, s.user, s.password, s.database) == ("bolt://env:1", "flaguser", "cfgpw", "cfgdb")


def test_config_file_table_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ENV:
        monkeypatch.delenv(name, raising=False)
    (tmp_path / "intropath.toml").write_text('[neo4j]\nuri = "bolt://toml:7687"\n')
    assert resolve_settings().uri == "bolt://toml:7687"


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"neo4j": "bolt://x"}, "config: [neo4j] must be a table"),
        ({"neo4j": {"url": "bolt://x"}}, "config: [neo4j] url: unknown setting"),
        ({"neo4j": {"uri": 7687}}, "config: [neo4j] uri: Input should be a valid string"),
    ],
)
def test_bad_config_is_a_config_error(config: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        resolve_settings(environ={}, config=config)
    assert str(caught.value) == message


def test_cypher_files_are_found_by_the_package() -> None:
    assert (
        cypher_dir().resolve() == REPO_CYPHER.resolve()
        or (cypher_dir() / "search.cypher").is_file()
    )
    assert sorted(p.stem for p in cypher_dir().glob("*.cypher")) == FILES
    assert "search" in FILES and "schema" in FILES


@pytest.mark.parametrize("name", FILES)
def test_every_cypher_file_documents_its_parameters(name: str) -> None:
    text = (REPO_CYPHER / f"{name}.cypher").read_text(encoding="utf-8")
    header = []
    for line in text.splitlines():
        if not line.startswith("//"):
            break
        header.append(line)
    assert header and header[0].startswith(f"// {name}.cypher: "), "header names the file"
    documented = "\n".join(header)
    assert "Parameters:" in documented
    body = "\n".join(line.split("//")[0] for line in text.splitlines()[len(header) :])
    used = set(re.findall(r"\$(\w+)", body))
    mentioned = set(re.findall(r"\$(\w+)", documented))
    assert used <= mentioned, f"undocumented parameters: {sorted(used - mentioned)}"
    if not used:
        assert "Parameters: none" in documented
    statements = cypher_statements(name)
    assert statements
    if name != "schema":
        assert cypher_text(name) == statements[0]
    for statement in statements:
        assert not statement.rstrip().endswith(";")
        assert not re.search(r"\{[a-z_]+\}|%s|\{\}", statement.replace("{}", "")), "no templating"


def test_statements_split_at_semicolons() -> None:
    assert split_statements("// c\nA;\nB;\n// trailing\n") == ("// c\nA", "B")
    assert len(cypher_statements("schema")) == 5


def test_missing_driver_gives_the_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_neo4j(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "neo4j" or name.startswith("neo4j."):
            raise ImportError("No module named 'neo4j'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_neo4j)
    monkeypatch.setattr(neo4j_store.importlib, "import_module", lambda name: no_neo4j(name))
    with pytest.raises(StoreError) as info:
        neo4j_store.open_neo4j_store("bolt://localhost:7687")
    assert str(info.value) == (
        "the Neo4j backend needs the neo4j driver: pip install 'intropath[neo4j]'"
    )


def test_unreachable_server_is_one_clear_line() -> None:
    with pytest.raises(StoreError) as info:
        neo4j_store.open_neo4j_store("bolt://127.0.0.1:1", "neo4j", "secret")
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith("cannot reach the Neo4j server at bolt://127.0.0.1:1 (")
    assert message.endswith("is it running? (set NEO4J_URI or --uri)")


@pytest.mark.parametrize("uri", ["http://localhost:7474", "localhost:7687", ""])
def test_a_uri_without_a_bolt_scheme_is_refused(uri: str) -> None:
    with pytest.raises(StoreError, match="invalid Neo4j URI"):
        neo4j_store.Neo4jStore.connect(resolve_settings(uri or "ftp://x", environ={}, config={}))


def test_cli_reports_an_unreachable_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:1")
    result = CliRunner().invoke(app, ["neo4j", "status"])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines[-1].startswith("Error: cannot reach the Neo4j server at bolt://127.0.0.1:1 (")
    assert "Traceback" not in result.output


def test_cli_flag_beats_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:2")
    result = CliRunner().invoke(app, ["neo4j", "status", "--uri", "bolt://127.0.0.1:1"])
    assert result.exit_code == 1
    assert "bolt://127.0.0.1:1" in result.output and "127.0.0.1:2" not in result.output


def test_neo4j_commands_have_help() -> None:
    for command in ["load", "status", "clear"]:
        result = CliRunner().invoke(app, ["neo4j", command, "--help"])
        assert result.exit_code == 0, result.output
        assert "--uri" in result.output
