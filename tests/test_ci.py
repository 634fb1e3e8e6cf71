"""CI gives the tests a real Neo4j server: .ci/neo4j-server, run against stand-in scripts."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
START = """#!/usr/bin/env bash
echo "start bolt=$NEO4J_BOLT_PORT http=$NEO4J_HTTP_PORT run=$NEO4J_RUN_DIR" >> "$CALLS"
[ -z "${START_FAILS:-}" ] || exit 1
echo "$NEO4J_RUN_DIR"
"""
STOP = """#!/usr/bin/env bash
echo "stop $1" >> "$CALLS"
"""


def _script(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    path.chmod(0o644 if path.suffix == ".sh" else 0o755)  # CI copies shared/ read-only


@pytest.fixture
def layout(tmp_path: Path) -> Path:
    """A checkout (with .ci/neo4j-server) beside shared/neo4j, as on the CI machine."""
    (tmp_path / "main" / ".ci").mkdir(parents=True)
    shutil.copy(ROOT / ".ci" / "neo4j-server", tmp_path / "main" / ".ci" / "neo4j-server")
    shared = tmp_path / "shared" / "neo4j"
    shared.mkdir(parents=True)
    _script(shared / "start.sh", START)
    _script(shared / "stop.sh", STOP)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    _script(bin_dir / "docker", '#!/bin/sh\n[ -n "${DOCKER_ANSWERS:-}" ]\n')
    return tmp_path


def _run(layout: Path, **env: str) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """Source the script as .ci/run does, print NEO4J_URI, then fail with status 3."""
    calls = layout / "calls.log"
    calls.touch()
    base = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    base |= {"PATH": f"{layout / 'bin'}:{os.environ['PATH']}", "CALLS": str(calls), **env}
    script = 'set -euo pipefail; . .ci/neo4j-server; echo "uri=${NEO4J_URI:-}"; exit 3'
    done = subprocess.run(
        ["bash", "-c", script],
        cwd=layout / "main",
        env=base,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return done, calls.read_text(encoding="utf-8").splitlines()


def test_starts_the_shared_server_and_stops_it_when_the_run_fails(layout: Path) -> None:
    done, calls = _run(layout)
    assert done.returncode == 3, done.stderr
    assert [c.split()[0] for c in calls] == ["start", "stop"]
    fields = dict(f.split("=", 1) for f in calls[0].split()[1:])
    assert fields["bolt"].isdigit() and fields["bolt"] != "7687"
    assert fields["http"].isdigit() and fields["http"] != fields["bolt"]
    assert calls[1] == f"stop {fields['run']}"
    assert not Path(fields["run"]).exists()
    assert f"uri=bolt://127.0.0.1:{fields['bolt']}" in done.stdout.splitlines()


def test_a_server_that_does_not_start_fails_the_run_and_is_cleaned_up(layout: Path) -> None:
    done, calls = _run(layout, START_FAILS="1")
    assert done.returncode == 1
    assert "start.sh failed" in done.stderr
    assert [c.split()[0] for c in calls] == ["start", "stop"]
    assert "uri=" not in done.stdout


@pytest.mark.parametrize(
    ("env", "says"),
    [
        ({"NEO4J_URI": "bolt://elsewhere:7687"}, "uri=bolt://elsewhere:7687"),
        ({"DOCKER_ANSWERS": "1"}, "testcontainers"),
    ],
)
def test_a_given_server_or_docker_takes_precedence(
    layout: Path, env: dict[str, str], says: str
) -> None:
    done, calls = _run(layout, **env)
    assert done.returncode == 3, done.stderr
    assert calls == []
    assert says in done.stdout


def test_without_a_shared_server_the_tests_skip(layout: Path) -> None:
    shutil.rmtree(layout / "shared")
    done, calls = _run(layout)
    assert done.returncode == 3, done.stderr
    assert calls == []
    assert "the Neo4j tests will skip" in done.stdout
    assert "uri=\n" in done.stdout


def test_ci_run_sets_up_the_server_before_the_tests() -> None:
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    tests = next(i for i, line in enumerate(lines) if "pytest" in line)
    assert ". .ci/neo4j-server" in lines[:tests]
