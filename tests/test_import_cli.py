"""The import, tie, person, ratings and explain commands through the CLI runner."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from intropath.cli import app
from intropath.graphfile import load_document

FIXTURES = Path(__file__).parent / "fixtures" / "linkedin"
BOOKS = FIXTURES / "addressbooks"
runner = CliRunner()


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("INTROPATH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("INTROPATH_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.chdir(tmp_path)
    return tmp_path / "data"


def run(*args: str):
    return runner.invoke(app, [str(a) for a in args])


def test_import_writes_the_default_graph_that_find_uses(data_dir):
    result = run("import", "linkedin", FIXTURES / "alex_2024", "--as-of", "2025-01-01")
    assert result.exit_code == 0, result.output
    assert "Imported" in result.stdout and "9 connections" in result.stdout
    assert (data_dir / "graph.json").is_file()
    found = run("find", "--company", "Muse", "--json")
    assert found.exit_code == 0
    plan = json.loads(found.stdout)
    assert plan["me"]["id"] == "alex-morgan"


def test_import_json_report_and_into(tmp_path):
    target = tmp_path / "team.json"
    result = run("import", "linkedin", FIXTURES / "alex_2024", "--into", target, "--json")
    report = json.loads(result.stdout)
    assert report["owner"] == "alex-morgan" and report["skipped"] == 2
    assert report["skipped_rows"][0].endswith(
        "Connections.csv:13: a connection with no usable name"
    )
    result = run(
        "import",
        "linkedin",
        FIXTURES / "sam_2024",
        "--owner",
        "Sam Chen",
        "--into",
        target,
        "--json",
    )
    assert json.loads(result.stdout)["owner"] == "sam-chen"
    assert len(load_document(target).people) == 12


def test_bad_input_is_one_line_and_leaves_the_graph_untouched(data_dir, tmp_path):
    run("import", "linkedin", FIXTURES / "alex_2024")
    before = (data_dir / "graph.json").read_bytes()
    truncated, empty = tmp_path / "truncated.zip", tmp_path / "empty.csv"
    with zipfile.ZipFile(truncated, "w") as out:
        out.write(FIXTURES / "alex_2024" / "Connections.csv", "Connections.csv")
    truncated.write_bytes(truncated.read_bytes()[:-30])
    empty.write_bytes(b"")
    for bad, message in [
        (truncated, f"Error: {truncated}: not a readable zip file\n"),
        (
            empty,
            f"Error: {empty}: no Connections.csv: is this a LinkedIn data export? "
            "(found empty.csv)\n",
        ),
        (
            FIXTURES / "not_linkedin",
            f"Error: {FIXTURES / 'not_linkedin'}: no Connections.csv: is this a LinkedIn data "
            "export? (found people.csv)\n",
        ),
        (FIXTURES / "nope.zip", f"Error: {FIXTURES / 'nope.zip'}: no such file or folder\n"),
    ]:
        result = run("import", "linkedin", bad)
        assert result.exit_code == 1
        assert result.stderr == message
    assert (data_dir / "graph.json").read_bytes() == before
    # no temporary files left (the lock file stays: deleting it would race other writers)
    assert sorted(p.name for p in data_dir.iterdir()) == [".graph.json.lock", "graph.json"]


def test_tie_set_person_set_and_explain(data_dir):
    run("import", "linkedin", FIXTURES / "alex_2024")
    result = run(
        "tie",
        "set",
        "Dana Reyes",
        "--trust",
        "0.9",
        "--familiarity",
        "0.6",
        "--note",
        "same team for 3 years",
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == "alex-morgan - dana-reyes: trust 0.90, familiarity 0.60\n"
    result = run("person", "set", "kim-novak", "--policy", "prefers_email", "--recruiter")
    assert result.stdout == "kim-novak: prefers_email, recruiter\n"
    result = run("explain", "Dana Reyes", "--as-of", "2025-01-01")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Dana Reyes (Product Manager) [dana-reyes], open"
    assert lines[1] == "  with alex-morgan: trust 0.90, familiarity 0.60 (rated by you)"
    assert "    prior for a connection: trust 0.10, familiarity 0.05" in lines
    assert "    your rating overrides: trust 0.90, familiarity 0.60" in lines
    assert any(line.startswith("    + messages (5)") for line in lines)
    data = json.loads(run("explain", "dana-reyes", "--json").stdout)
    assert data["ties"][0]["trust"] == 0.9 and data["ties"][0]["reasons"]


def test_manual_errors(data_dir):
    assert run("tie", "set", "Dana", "--trust", "0.5").stderr.startswith("Error: ")
    run("import", "linkedin", FIXTURES / "alex_2024")
    result = run("tie", "set", "Nobody", "--trust", "0.5")
    assert (result.exit_code, result.stderr) == (1, "Error: person 'Nobody' is not in the graph\n")
    result = run("tie", "set", "dana-reyes")
    assert result.stderr == "Error: give --trust, --familiarity or --note\n"
    assert run("tie", "set", "dana-reyes", "--trust", "1.5").exit_code == 2


def test_ratings_csv(data_dir):
    run("import", "linkedin", FIXTURES / "alex_2024")
    result = run("ratings", "import", BOOKS / "ratings.csv", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["counts"] == {"rows applied": 2}
    assert report["skipped_rows"] == [
        f"{BOOKS / 'ratings.csv'}:4: person 'Nobody Here' is not in the graph",
        f"{BOOKS / 'ratings.csv'}:5: trust must be between 0 and 1, got 1.7",
    ]
    document = load_document(data_dir / "graph.json")
    people = {p.id: p for p in document.people}
    assert people["dana-reyes"].contact_policy.value == "prefers_email"
    assert people["kim-novak"].recruiter
    dana = next(t for t in document.ties if "dana-reyes" in (t.a, t.b))
    assert (dana.trust, dana.familiarity) == (0.9, 0.6)


def test_manual_data_survives_a_reimport(data_dir):
    run("import", "linkedin", FIXTURES / "alex_2024")
    run("tie", "set", "dana-reyes", "--trust", "0.95")
    run("person", "set", "dana-reyes", "--policy", "no_strangers")
    run("import", "linkedin", FIXTURES / "alex_2024")
    data = json.loads(run("explain", "dana-reyes", "--json").stdout)
    assert data["person"]["contact_policy"] == "no_strangers"
    assert data["ties"][0]["trust"] == 0.95


def test_address_book_commands(data_dir):
    run("import", "linkedin", FIXTURES / "alex_2024")
    assert run("import", "vcard", BOOKS / "contacts.vcf").exit_code == 0
    result = run("import", "google", BOOKS / "google_contacts.csv")
    assert result.exit_code == 0, result.output
    assert len(load_document(data_dir / "graph.json").people) == 15


def test_writes_need_an_imported_graph(data_dir):
    result = run("person", "set", "x", "--recruiter")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {data_dir / 'graph.json'}: no graph yet;")


def test_a_bad_ratings_row_changes_nothing(data_dir, tmp_path):
    run("import", "linkedin", FIXTURES / "alex_2024")
    ratings = tmp_path / "ratings.csv"
    ratings.write_text("person,with,trust,policy\nkim-novak,Nobody,0.5,no_strangers\n")
    result = run("ratings", "import", ratings, "--json")
    assert json.loads(result.stdout)["skipped_rows"] == [
        f"{ratings}:2: person 'Nobody' is not in the graph"
    ]
    kim = next(p for p in load_document(data_dir / "graph.json").people if p.id == "kim-novak")
    assert kim.contact_policy.value == "open"
