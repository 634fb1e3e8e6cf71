"""The CLI reference (docs/cli.md), generated from ``--help`` so it cannot drift.

python -m intropath.cli.reference > docs/cli.md
"""

from __future__ import annotations

from typer.main import get_command
from typer.testing import CliRunner

from . import app

ENV = {"COLUMNS": "100", "TERMINAL_WIDTH": "100", "NO_COLOR": "1", "TERM": "dumb"}


def _paths() -> list[list[str]]:
    """Every command path, in the order --help lists them."""
    found: list[list[str]] = []

    def walk(command: object, path: list[str]) -> None:
        found.append(path)
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, [*path, name])

    walk(get_command(app), [])
    return found


def reference() -> str:
    runner = CliRunner()
    parts = [
        "# Command-line reference\n",
        "Generated from `--help` by `python -m intropath.cli.reference > docs/cli.md`;"
        " `tests/test_docs.py` fails when it is stale.\n",
    ]
    for path in _paths():
        result = runner.invoke(app, [*path, "--help"], env=ENV, prog_name="intropath")
        title = " ".join(["intropath", *path])
        text = "\n".join(line.rstrip() for line in result.stdout.splitlines()).strip("\n")
        parts.append(f"## `{title}`\n\n```\n{text}\n```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    print(reference(), end="")
