"""`find` on a network where many contacts can help: the table explains 15, --json all."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from intropath.cli import app
from intropath.graphfile import save_document
from intropath.synthetic import generate

runner = CliRunner()


def test_the_table_counts_every_ask_and_json_lists_them(tmp_path: Path) -> None:
    network = generate(400, 4000, seed=3, team=2, team_ties=(150, 200))
    path = tmp_path / "g.json"
    save_document(network.document(), path)
    company = max(
        network.companies,
        key=lambda c: sum(p.positions[0].company == c.name for p in network.people),
    ).name
    args = ["find", "--company", company, "--graph", str(path), "--no-etiquette"]
    listed = runner.invoke(app, [*args, "--json"])
    assert listed.exit_code == 0, listed.output
    every = json.loads(listed.stdout)
    assert every["more_asks"] == 0
    total = len(every["asks"])
    assert total > 15
    table = runner.invoke(app, args)
    assert table.exit_code == 0, table.output
    text = " ".join(table.stdout.split())
    assert f"{total} contacts of yours can help" in text
    assert f"... and {total - 15} more (--json lists them all)" in text
    shown = [a["name"] for a in every["asks"][:15]]
    rows = re.findall(r"^\s*(\d+)\s", table.stdout, flags=re.M)
    assert rows[:15] == [str(i) for i in range(1, 16)]
    assert all(name in table.stdout for name in shown)
