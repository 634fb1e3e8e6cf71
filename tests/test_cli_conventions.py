"""What users of Python tools expect: --version, python -m, completion, -v/-q, progress."""

from __future__ import annotations

import importlib
import io
import json
import logging
import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

import intropath
from intropath.cli import app
from intropath.cli import progress as cli_progress
from intropath.cli.logs import PlainFormatter
from intropath.graphfile import load_document, save_document

runner = CliRunner()
SAMPLE = intropath.sample_graph_path()


def _python_m(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "intropath", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
        check=False,
    )


def test_version_is_the_installed_distribution_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"intropath {version('intropath')}\n"
    assert intropath.__version__ == version("intropath")


def test_python_m_runs_the_same_command_line() -> None:
    done = _python_m("--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"intropath {version('intropath')}\n"
    found = _python_m("find", "--company", "Muse", "--json")
    assert found.returncode == 0, found.stderr
    assert '"company"' in found.stdout


def test_the_script_exits_with_the_commands_code_and_all_of_its_output() -> None:
    """`run` skips the interpreter's teardown, but nothing a command says or sets is lost."""
    buffered = {"PYTHONUNBUFFERED": ""}  # output held in Python's buffers until flushed
    big = _python_m(
        "find", "--company", "Muse", "--json", "--max-hops", "4", "--top", "100", env=buffered
    )
    assert big.returncode == 0, big.stderr
    assert len(json.loads(big.stdout)["paths"]) == 100  # every byte was flushed
    unknown = _python_m("find", "--company", "Nowhere")
    assert (unknown.returncode, unknown.stdout) == (1, "")
    assert unknown.stderr.endswith("Error: no company matches 'Nowhere'\n")
    assert _python_m("find", "--company", "Muse", "--top", "0").returncode == 2
    # exit handlers still run (a library's, logging's), after the command's output
    script = (
        "import atexit, sys; from intropath.cli import run; "
        "atexit.register(print, 'exit handler'); sys.argv = ['intropath', '--version']; run()"
    )
    env = {**os.environ, **buffered}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"intropath {version('intropath')}\nexit handler\n"


def test_shell_completion_is_offered_and_completes_commands() -> None:
    help_text = runner.invoke(app, ["--help"]).stdout
    assert "--install-completion" in help_text and "--show-completion" in help_text
    script = runner.invoke(app, ["--show-completion", "bash"])
    assert script.exit_code == 0 and "_INTROPATH_COMPLETE" in script.stdout
    # What the shell asks when the user types `intropath fi<TAB>`:
    done = _python_m(
        env={
            "_INTROPATH_COMPLETE": "complete_bash",
            "COMP_WORDS": "intropath fi",
            "COMP_CWORD": "1",
        }
    )
    assert done.returncode == 0, done.stderr
    assert "find" in done.stdout.split()


@pytest.mark.parametrize("setting", [None, ""])
def test_the_command_line_loads_no_pydantic_plugin_unless_asked(
    tmp_path: Path, setting: str | None
) -> None:
    """A plugin another package installed would see every record pydantic validates."""
    site = tmp_path / "site"
    (site / "fakeplugin-0.0.dist-info").mkdir(parents=True)
    (site / "fakeplugin-0.0.dist-info" / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: fakeplugin\nVersion: 0.0\n"
    )
    (site / "fakeplugin-0.0.dist-info" / "entry_points.txt").write_text(
        "[pydantic]\nfake = fakeplugin:plugin\n"
    )
    (site / "fakeplugin.py").write_text(
        "import os, pathlib\n"
        "pathlib.Path(os.environ['FAKE_PLUGIN_MARK']).write_text('loaded')\n"
        "class Plugin:\n"
        "    def new_schema_validator(self, *args, **kwargs):\n"
        "        return None, None, None\n"
        "plugin = Plugin()\n"
    )
    mark = tmp_path / "mark"
    env = {"PYTHONPATH": str(site), "FAKE_PLUGIN_MARK": str(mark)}
    environ = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    if setting is not None:
        environ["PYDANTIC_DISABLE_PLUGINS"] = setting  # empty: the user wants them all
    done = subprocess.run(
        [sys.executable, "-m", "intropath", "find", "--company", "Muse"],
        capture_output=True,
        text=True,
        env={**environ, **env},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert mark.exists() == (setting == "")


def test_the_library_logs_only_through_its_own_logger() -> None:
    handlers = logging.getLogger("intropath").handlers
    assert any(isinstance(h, logging.NullHandler) for h in handlers)


def test_verbose_logs_to_stderr_and_quiet_silences_notes() -> None:
    plain = runner.invoke(app, ["check", "--graph", str(SAMPLE)])
    assert plain.exit_code == 0
    assert "INFO" not in plain.stderr and "Using graph" in plain.stderr
    verbose = runner.invoke(app, ["-v", "check", "--graph", str(SAMPLE)])
    assert f"INFO intropath.graphfile: read {SAMPLE}" in verbose.stderr
    assert logging.getLogger("neo4j").level == logging.WARNING
    runner.invoke(app, ["-vv", "check", "--graph", str(SAMPLE)])
    assert logging.getLogger("intropath").level == logging.DEBUG
    assert logging.getLogger("neo4j").level == logging.INFO
    quiet = runner.invoke(app, ["-q", "check", "--graph", str(SAMPLE)])
    assert quiet.exit_code == 0 and quiet.stderr == ""
    assert quiet.stdout == plain.stdout
    assert logging.getLogger("neo4j").level == logging.CRITICAL


def test_log_records_print_user_text_without_escape_sequences() -> None:
    record = logging.LogRecord("intropath", logging.INFO, "", 0, "read %s", ("a\x1b[31mb",), None)
    assert PlainFormatter().format(record) == "INFO intropath: read a\\x1b[31mb"


def test_loading_a_graph_file_reports_progress(tmp_path: Path) -> None:
    seen: list[tuple[str, int, int]] = []
    load_document(SAMPLE, lambda phase, done, total: seen.append((phase, done, total)))
    size = SAMPLE.stat().st_size
    reading = [s for s in seen if s[0] == "reading"]
    assert reading[-1] == ("reading", size, size)
    assert [d for _, d, _ in reading] == sorted(d for _, d, _ in reading)
    assert seen[-1][0] == "checking"


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> io.StringIO:
    """stderr as if it were a terminal."""
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, width=100)
    monkeypatch.setattr(importlib.import_module("intropath.cli.app"), "err_console", console)
    return buffer


def test_progress_bar_on_a_terminal(terminal: io.StringIO, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_progress, "SHOW_AFTER", 0.0)  # as if the sample were large
    result = runner.invoke(app, ["check", "--graph", str(SAMPLE)])
    assert result.exit_code == 0
    assert "reading" in terminal.getvalue() and "checking" in terminal.getvalue()
    assert "reading" not in result.stdout


def test_no_progress_bar_for_quick_work(
    terminal: io.StringIO, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli_progress, "SHOW_AFTER", 3600.0)  # the work is over long before
    result = runner.invoke(app, ["check", "--graph", str(SAMPLE)])
    assert result.exit_code == 0
    assert "Using graph" in terminal.getvalue()  # the terminal was written to: only that
    assert "reading" not in terminal.getvalue() and "checking" not in terminal.getvalue()


def test_no_progress_bar_when_quiet(terminal: io.StringIO) -> None:
    runner.invoke(app, ["-q", "check", "--graph", str(SAMPLE)])
    assert terminal.getvalue() == ""


def test_no_progress_bar_outside_a_terminal(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    save_document(load_document(SAMPLE), big)
    result = runner.invoke(app, ["check", "--graph", str(big)])
    assert result.exit_code == 0
    assert "reading" not in result.stderr and "\x1b" not in result.stderr


@pytest.mark.parametrize("args", [["import", "linkedin", "--help"], ["--help"], ["schema"]])
def test_a_reader_that_goes_away_is_not_an_error(args: list[str]) -> None:
    # `intropath ... | head`: the reader has closed the pipe before anything is written.
    read, write = os.pipe()
    os.close(read)
    with os.fdopen(write, "wb") as stdout:
        done = subprocess.run(
            [sys.executable, "-m", "intropath", *args],
            stdout=stdout,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert done.returncode == 1
    assert done.stderr == ""
