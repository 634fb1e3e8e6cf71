"""The command line, through typer's runner: output, exit codes and every error path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from intropath.cli import app

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def write(tmp_path: Path, text: str, name: str = "graph.json") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_find_prints_the_ranked_reasoning(small_graph: Path) -> None:
    code, out, err = run("find", "--company", "Muse", "--graph", str(small_graph))
    assert code == 0
    assert "Whom to ask about The Muse" in out
    assert "Sam Chen" in out and "weakest link" in out
    assert f"Using graph {small_graph} (from --graph)" in err


def test_find_json_is_the_documented_document(small_graph: Path) -> None:
    code, out, _ = run(
        "find", "-c", "daily muse inc", "-g", str(small_graph), "--json", "--top", "2"
    )
    assert code == 0
    doc = json.loads(out)
    assert doc["schema"] == "intropath.plan/1"
    assert doc["company"]["name"] == "The Muse"
    assert [a["contact"] for a in doc["asks"]] == ["sam", "dana"]
    assert doc["asks"][0]["reach"] == 2
    assert doc["asks"][0]["best_path"]["people"] == ["alex", "sam", "lee"]
    assert doc["asks"][0]["best_path"]["score"] == pytest.approx(0.9 * 0.9)
    assert [p["people"] for p in doc["paths"]] == [["alex", "sam", "lee"], ["alex", "dana"]]
    assert all(isinstance(p["score"], float) for p in doc["paths"])


def test_find_without_graph_uses_the_bundled_sample() -> None:
    code, out, err = run("find", "--company", "Muse")
    assert code == 0, err
    assert "(the bundled sample graph)" in err
    assert "The Muse" in out


def test_find_without_graph_prefers_the_configured_graph(
    small_graph: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "intropath.toml").write_text(f'graph = "{small_graph.as_posix()}"\n')
    code, _, err = run("find", "--company", "Muse")
    assert code == 0
    assert f"Using graph {small_graph.as_posix()} (from the config file)" in err


def test_no_path_lists_fallbacks(small_graph: Path) -> None:
    code, out, _ = run("find", "--company", "Globex", "--graph", str(small_graph))
    assert code == 0
    assert "No path to anyone at Globex within 3 hops." in out
    assert "Rhode Island School of Design" in out
    assert "You both worked at Acme: Pia Globex" in out
    assert "Recruiters there: Pia Globex" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--company", "Northwind"],
            "Error: 'Northwind' matches several companies: 'Northwind Health', "
            "'Northwind Traders'; use one of these names\n",
        ),
        (["--company", "Glbex"], "Error: no company matches 'Glbex'; did you mean 'Globex'?\n"),
        (["--company", "Muse", "--me", "nobody"], "Error: me: 'nobody' is not in the graph\n"),
        (["--company", "  "], "Error: the company name is empty\n"),
    ],
)
def test_find_user_errors(small_graph: Path, args: list[str], message: str) -> None:
    code, out, err = run("find", "--graph", str(small_graph), *args)
    assert (code, out) == (1, "")
    assert err.endswith(message)
    assert "Traceback" not in err


def test_missing_graph_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.json"
    code, _, err = run("find", "--company", "Muse", "--graph", str(missing))
    assert code == 1
    assert err.endswith(f"Error: {missing}: no such graph file\n")


def test_invalid_json_names_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, '{\n  "me": "alex",\n  "people": [,]\n}\n')
    code, _, err = run("find", "--company", "Muse", "--graph", path)
    assert code == 1
    assert err.endswith(f"Error: {path}:3:14: invalid JSON: Expecting value\n")


def test_tie_to_unknown_person(tmp_path: Path) -> None:
    graph = {
        "people": [{"id": "alex", "name": "Alex"}],
        "ties": [{"a": "alex", "b": "zed", "trust": 0.5, "familiarity": 0.5}],
    }
    path = write(tmp_path, json.dumps(graph))
    code, _, err = run("check", "--graph", path)
    assert code == 1
    assert err.endswith(f"Error: {path}: ties[0] (alex - zed): unknown person 'zed'\n")


def test_strength_outside_unit_interval(tmp_path: Path) -> None:
    graph = {
        "people": [{"id": "alex", "name": "Alex"}, {"id": "dana", "name": "Dana"}],
        "ties": [{"a": "alex", "b": "dana", "trust": 1.5, "familiarity": 0.5}],
    }
    path = write(tmp_path, json.dumps(graph))
    code, _, err = run("find", "--company", "Muse", "--graph", path)
    assert code == 1
    assert err.endswith(
        f"Error: {path}: ties[0] (alex - dana): trust: Input should be less than or equal to 1\n"
    )


def test_bad_policy_names_the_person(tmp_path: Path) -> None:
    graph = {"people": [{"id": "dana", "name": "Dana", "contact_policy": "sometimes"}]}
    path = write(tmp_path, json.dumps(graph))
    code, _, err = run("check", "--graph", path)
    assert code == 1
    assert f"Error: {path}: people[0] (id 'dana'): contact_policy: Input should be" in err


def test_graph_file_that_is_not_an_object(tmp_path: Path) -> None:
    path = write(tmp_path, "[1, 2]")
    code, _, err = run("check", "--graph", path)
    assert code == 1
    assert err.endswith(f"Error: {path}: a graph file holds a JSON object, got list\n")


def test_broken_graphml(tmp_path: Path) -> None:
    path = write(tmp_path, "<graphml><graph>", name="broken.graphml")
    code, _, err = run("check", "--graph", path)
    assert code == 1
    last = err.splitlines()[-1]
    assert last.startswith(f"Error: {path}: not valid GraphML: ")
    assert err.count("Error") == 1


def test_no_me_anywhere(tmp_path: Path) -> None:
    graph = {"people": [{"id": "dana", "name": "Dana", "company": "Muse"}]}
    path = write(tmp_path, json.dumps(graph))
    code, _, err = run("find", "--company", "Muse", "--graph", path)
    assert code == 1
    assert err.endswith("Error: no 'me' is set: pass --me ID, or set \"me\" in the graph file\n")


@pytest.mark.parametrize(
    ("option", "value"),
    [("--max-hops", "0"), ("--max-hops", "7"), ("--top", "0"), ("--trust-weight", "-1")],
)
def test_out_of_range_options_are_usage_errors(small_graph: Path, option: str, value: str) -> None:
    code, _, err = run("find", "-c", "Muse", "-g", str(small_graph), option, value)
    assert code == 2
    assert "Traceback" not in err


def test_schema_prints_the_graph_file_schema() -> None:
    code, out, _ = run("schema")
    assert code == 0
    schema = json.loads(out)
    assert {"me", "people", "companies", "groups", "ties"} <= set(schema["properties"])
    code, out, _ = run("schema", "plan")
    assert code == 0 and "asks" in json.loads(out)["properties"]
    code, out, _ = run("schema", "draft")
    assert code == 0 and "send_to" in json.loads(out)["properties"]
    code, _, err = run("schema", "everything")
    assert code == 2 and "choose 'graph', 'plan' or 'draft'" in err


def test_convert_round_trips_through_graphml_and_node_link(
    small_graph: Path, tmp_path: Path
) -> None:
    for name in ("g.graphml", "g.nodelink.json"):
        target = tmp_path / name
        extra = ["--to", "node-link"] if "nodelink" in name else []
        code, out, _ = run("convert", str(small_graph), str(target), *extra)
        assert code == 0, out
        code, out, _ = run("find", "-c", "Muse", "-g", str(target), "--json")
        assert code == 0
        _, original, _ = run("find", "-c", "Muse", "-g", str(small_graph), "--json")
        first, second = json.loads(out), json.loads(original)
        first.pop("graph"), second.pop("graph")
        assert first == second


def test_help_teaches() -> None:
    code, out, _ = run("find", "--help")
    assert code == 0
    for option in ("--company", "--role", "--max-hops", "--trust-weight", "--json", "Example"):
        assert option in out


def test_paths_shows_where_things_live(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTROPATH_DATA_DIR", str(tmp_path / "data"))
    code, out, _ = run("paths", "--json")
    assert code == 0
    found = json.loads(out)
    assert found["your imported graph"] == str(tmp_path / "data" / "graph.json")
    assert found["outreach log"] == str(tmp_path / "data" / "outreach.sqlite3")
    assert found["graph used by default"].endswith("(the bundled sample graph)")
