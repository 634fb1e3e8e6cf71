"""`import mail` and `import calendar` through the CLI: owner, report, explain, atomicity."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from intropath.cli import app
from mailfiles import OWNER, attendee, calendar, event, message, write_mbox

runner = CliRunner()
ME = f"Alex Morgan <{OWNER}>"
DANA = "Dana Reyes <dana@acme.example>"


@pytest.fixture(autouse=True)
def dirs(tmp_path, monkeypatch):
    monkeypatch.setenv("INTROPATH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("INTROPATH_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.chdir(tmp_path)


def run(*args: object):
    return runner.invoke(app, [str(a) for a in args])


def mbox(tmp_path):
    return write_mbox(
        tmp_path / "mail.mbox",
        message(ME, DANA, mid="a1@x"),
        message(DANA, ME, mid="d1@x", reply_to="a1@x"),
        "From x@xxx Tue Jan 02 10:00:00 2024\nSubject: no sender\n\n",
    )


def test_mail_then_calendar_then_explain(tmp_path):
    result = run("import", "mail", mbox(tmp_path), "--owner", OWNER, "--as-of", "2025-01-01")
    assert result.exit_code == 0, result.output
    assert "Imported" in result.stdout and "1 sent, 1 received" in result.stdout
    assert "; 1 message skipped." in result.stdout
    assert "skipped" in result.stderr and "message 3 at byte" in result.stderr
    ics = tmp_path / "cal.ics"
    ics.write_text(calendar(event("e1", ":20240601T100000Z", attendee(OWNER), attendee(
        "dana@acme.example", "Dana Reyes"))))  # fmt: skip
    # the owner's address now comes from the graph
    result = run("import", "calendar", ics, "--as-of", "2025-01-01", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["counts"]["meetings"] == 1 and report["owner"] == "alex-morgan"
    shown = run("explain", "Dana Reyes", "--as-of", "2025-01-01").stdout
    assert "+ email (2) (2024-01-02): 1 sent, 1 received, 1 thread where you both wrote" in shown
    assert "+ meetings (1) (2024-06-01): 1 one-to-one" in shown


def test_the_owner_address_comes_from_the_config(tmp_path):
    (tmp_path / "intropath.toml").write_text(f'[me]\nname = "Alex M."\nemail = "{OWNER}"\n')
    result = run("import", "mail", mbox(tmp_path), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["owner"] == "alex-m"


def test_an_unknown_owner_is_a_one_line_error_and_writes_nothing(tmp_path):
    result = run("import", "mail", mbox(tmp_path))
    assert result.exit_code != 0
    assert "--owner YOU@EXAMPLE.COM" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "data" / "graph.json").exists()


def test_a_failing_import_leaves_the_graph_as_it_was(tmp_path):
    assert run("import", "mail", mbox(tmp_path), "--owner", OWNER).exit_code == 0
    graph = tmp_path / "data" / "graph.json"
    before = graph.read_bytes()
    broken = tmp_path / "takeout.zip"
    broken.write_bytes(b"PK\x03\x04 truncated")
    result = run("import", "mail", mbox(tmp_path), broken)
    assert result.exit_code != 0 and f"{broken}: cannot read" in result.output
    assert graph.read_bytes() == before
