"""The benchmark scripts still run (on tiny inputs; their figures are not checked here)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"


def run(script: str, *args: str, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [sys.executable, str(BENCH / script), *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_find_benchmark_checks_its_peers_and_prints_the_ratios() -> None:
    out = run(
        "bench_find.py",
        "--people",
        "600",
        "--ties",
        "4000",
        "--min-contacts",
        "40",
        "--queries",
        "3",
        "--peer-queries",
        "2",
        "--hops",
        "2",
        "3",
        "--peer-budget",
        "20",
    )
    assert "find (table: 15 asks explained)" in out
    assert out.count("0 wrong answers") == 4  # two peers, two hop limits, checked
    assert "networkx meet-in-the-middle" in out and "scipy.sparse frontier" in out
    assert "(median ratio)" in out


def test_load_benchmark_runs() -> None:
    out = run("bench_load.py", "--people", "300", "--ties", "1500", "--repeat", "1")
    assert "less cpu than the peer" in out
    assert "second call, unchanged file (cache)" in out


def test_startup_benchmark_checks_its_peer_and_prints_the_ratios() -> None:
    out = run("bench_startup.py", "--runs", "3")  # it stops if the peer's help differs
    for case in ("--help", "--version", "find (sample)"):
        assert f"intropath {case}" in out and f"peer {case}" in out
    assert "floor: python -c pass" in out
    assert "intropath / peer" in out


def test_import_benchmark_runs() -> None:
    out = run("bench_import.py", "--connections", "200", "--messages", "500")
    assert "import of 200 connections and 500 messages" in out.lower()
    assert "graph: 201 people, 200 ties" in out


def test_neo4j_benchmark_skips_without_a_server() -> None:
    env = {**os.environ, "NEO4J_URI": "bolt://127.0.0.1:1"}
    out = run("bench_neo4j.py", "--people", "300", "--ties", "1000", env=env)
    assert "skipped" in out.lower()


def test_mail_benchmark_runs_and_agrees_with_its_baseline() -> None:
    out = run("bench_mail.py", "--messages", "400", "--size-mb", "4")
    assert "intropath import mail:" in out
    assert "same counts and evidence: True" in out


def test_interchange_benchmark_gives_every_format_the_same_plan() -> None:
    out = run("bench_interchange.py", "--people", "300", "--ties", "1500")
    assert "node-link JSON" in out and "GraphML" in out
    assert "DIFFERENT" not in out  # each format, and the full reader, plan as the JSON file
