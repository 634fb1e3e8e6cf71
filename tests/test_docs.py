"""The docs tell the truth: the README's commands are the ones CI runs."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _quick_start() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^    (python3 -m venv .*)$", section, flags=re.MULTILINE)


def test_quick_start_is_two_commands() -> None:
    commands = _quick_start()
    assert len(commands) == 2
    assert commands[0].endswith("intropath find --company Muse")
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert _quick_start()[1] in ci.splitlines()


def test_architecture_names_every_module() -> None:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    package = ROOT / "src" / "intropath"
    for path in sorted(package.rglob("*.py")):
        if path.name == "__init__.py":
            continue
        assert path.name in text, f"docs/architecture.md does not mention {path.name}"


def test_cli_reference_is_current() -> None:
    from intropath.cli.reference import reference

    current = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert current == reference(), "run: python -m intropath.cli.reference > docs/cli.md"


def test_every_command_has_help() -> None:
    from typer.main import get_command

    from intropath.cli import app

    def walk(command: object, path: str) -> None:
        assert (getattr(command, "help", None) or "").strip(), f"{path} has no help text"
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, f"{path} {name}")

    walk(get_command(app), "intropath")
