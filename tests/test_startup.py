"""Start-up: a command imports only what it uses (issue 12, point 3).

Each case runs the command line in a fresh interpreter, exactly as the
``intropath`` script does, and then lists the modules that process imported.
Nothing is timed here (that is benchmarks/bench_startup.py): a module that is
not imported costs nothing, whatever the machine.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

# Runs the CLI in this process, then writes the names of the imported modules.
_RUN = """
import json, sys
from intropath.cli import main
out, sys.argv = sys.argv[1], ["intropath", *sys.argv[2:]]
code = 0
try:
    main()
except SystemExit as exc:
    code = exc.code or 0
with open(out, "w") as f:
    json.dump({"code": code, "modules": sorted(sys.modules)}, f)
"""

# Needed by no command below: importers (calendar, mail, transliteration),
# drafting (Jinja2), conversion (networkx), Neo4j, the notebook extras.
NEVER = [
    "networkx",
    "icalendar",
    "recurring_ical_events",
    "anyascii",
    "jinja2",
    "neo4j",
    "pandas",
    "scipy",
    "intropath.importers",
    "intropath.manual",
    "intropath.drafting.models",
    "intropath.stores.neo4j",
    "intropath.interchange",
]
# Help and --version also need no graph, no models, no settings and no ask log.
NOT_FOR_HELP = [
    *NEVER,
    "numpy",
    "pydantic",
    "msgspec",
    "yaml",
    "filelock",
    "sqlite3",
    "cleanco",
    "platformdirs",
    "rich.progress",
    "rich.markdown",
    "markdown_it",
    "rich.traceback",
    "pygments",
    "intropath.model",
    "intropath.settings",
    "intropath.graphfile",
    "intropath.planner",
    "intropath.outreach.log",
]
# Past the first word, recent typer checks every option it parsed through pydantic.
NOT_FOR_COMMAND_HELP = [name for name in NOT_FOR_HELP if name != "pydantic"]
# find on the bundled sample: a small JSON file (no cache), no ask log yet, no
# lock (nothing is written), output to a pipe (so no progress bar), no draft;
# few paths within 3 hops, so the search walks them all without numpy.
NOT_FOR_FIND = [
    *NEVER,
    "numpy",
    "intropath.stores.compact",
    "yaml",
    "msgspec",
    "filelock",
    "sqlite3",
    "rich.progress",
    "markdown_it",
]


def _imported(tmp_path: Path, *args: str) -> tuple[int, set[str], str]:
    out = tmp_path / "modules.json"
    env = {
        **os.environ,
        "INTROPATH_DATA_DIR": str(tmp_path / "data"),  # no imported graph: the sample
        "INTROPATH_CONFIG_DIR": str(tmp_path / "config"),
        "COLUMNS": "100",
    }
    done = subprocess.run(
        [sys.executable, "-c", _RUN, str(out), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert out.is_file(), done.stderr
    found = json.loads(out.read_text())
    return found["code"], set(found["modules"]), done.stdout


def _loaded(modules: set[str], names: list[str]) -> list[str]:
    """The names imported, or with a submodule imported."""
    return [n for n in names if any(m == n or m.startswith(n + ".") for m in modules)]


@pytest.mark.parametrize("args", [["--help"], ["--version"]])
def test_help_and_version_import_no_graph_machinery(tmp_path: Path, args: list[str]) -> None:
    code, modules, stdout = _imported(tmp_path, *args)
    assert code == 0
    assert stdout.strip()
    assert _loaded(modules, NOT_FOR_HELP) == []


@pytest.mark.parametrize("command", ["find", "draft", "import linkedin", "neo4j load", "asks"])
def test_command_help_imports_no_graph_machinery(tmp_path: Path, command: str) -> None:
    code, modules, stdout = _imported(tmp_path, *command.split(), "--help")
    assert code == 0
    assert "Usage: intropath " + command in stdout
    assert _loaded(modules, NOT_FOR_COMMAND_HELP) == []


def test_help_lists_every_command_with_rich_panels(tmp_path: Path) -> None:
    """The lazy modules still register every command, and help keeps its rich layout."""
    _, _, stdout = _imported(tmp_path, "--help")
    for command in ("find", "draft", "import", "asks", "neo4j", "explain", "convert"):
        assert f" {command} " in stdout
    assert "Commands" in stdout and "╭" in stdout


def test_find_on_the_sample_imports_only_what_it_uses(tmp_path: Path) -> None:
    code, modules, stdout = _imported(tmp_path, "find", "--company", "Muse")
    assert code == 0
    assert "Whom to ask about The Muse" in stdout
    assert _loaded(modules, NOT_FOR_FIND) == []


def test_a_search_with_many_paths_uses_the_compact_search(tmp_path: Path) -> None:
    """Within 4 hops the sample has about 90,000 walks from me: too many to walk one by one."""
    code, modules, stdout = _imported(tmp_path, "find", "--company", "Muse", "--max-hops", "4")
    assert code == 0
    assert "Whom to ask about The Muse" in stdout
    assert {"numpy", "intropath.stores.compact"} <= modules


def test_the_checks_see_what_a_command_imports(tmp_path: Path) -> None:
    """The probe itself works: a command that converts to GraphML does load networkx."""
    source = Path(__file__).parents[1] / "sample_graphs" / "sample.json"
    target = tmp_path / "out.graphml"
    code, modules, _ = _imported(tmp_path, "convert", str(source), str(target))
    assert code == 0 and target.is_file()
    assert "networkx" in modules


def test_lean_help_leaves_the_real_renderers_to_everyone_else() -> None:
    """The stand-ins exist only inside typer's help module, and make the real thing when used."""
    script = """
import sys
from intropath.cli import lean_help
lean_help.install()
import typer.rich_utils as help_module
assert "rich.markdown" not in sys.modules and "rich.traceback" not in sys.modules
import rich.markdown, rich.traceback
assert help_module.Markdown is not rich.markdown.Markdown
assert isinstance(help_module.Markdown("# made when used"), rich.markdown.Markdown)
try:
    raise ValueError("x")
except ValueError as exc:
    made = help_module.Traceback.from_exception(type(exc), exc, exc.__traceback__)
assert isinstance(made, rich.traceback.Traceback)
print("ok")
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "ok\n"


def test_command_signatures_hold_objects_not_strings() -> None:
    """typer reads every command's signature at each start; string annotations cost a
    compile each (about 20 ms in all), so the command modules do without them."""
    import inspect

    import typer.main

    from intropath.cli import app

    callbacks = []

    def collect(info: typer.Typer) -> None:
        callbacks.extend(c.callback for c in info.registered_commands)
        callbacks.append(info.registered_callback and info.registered_callback.callback)
        for group in info.registered_groups:
            assert group.typer_instance is not None
            collect(group.typer_instance)

    collect(app)
    found = [f for f in callbacks if f is not None]
    assert len(found) >= 20
    assert typer.main.get_command(app) is not None
    for function in found:
        hints = inspect.get_annotations(function)
        assert not [k for k, v in hints.items() if isinstance(v, str)], function.__qualname__


@pytest.mark.parametrize(
    ("args", "built"),
    [
        (["find", "--company", "Muse"], {"find"}),
        (["-q", "find", "--company", "Muse"], {"find"}),
        (["neo4j", "--help"], {"neo4j"}),
        (["--help"], None),  # every command is listed
        (["fnd"], None),  # no such command: click suggests among them all
        (["--help", "find"], None),  # the app's help, which lists them all
        (["find"], None),  # below: as shell completion calls it, for `intropath fi<TAB>`
    ],
)
def test_a_run_builds_only_the_command_it_names(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    built: set[str] | None,
) -> None:
    monkeypatch.delenv("PYDANTIC_DISABLE_PLUGINS", raising=False)  # main() sets it
    if args == ["find"] and built is None:
        monkeypatch.setenv("_INTROPATH_COMPLETE", "complete_bash")
        monkeypatch.setenv("COMP_WORDS", "intropath fi")
        monkeypatch.setenv("COMP_CWORD", "1")
    import typer.main

    from intropath.cli import app, main

    everything = {c.name or c.callback.__name__ for c in app.registered_commands} | {
        g.name for g in app.registered_groups
    }
    made: list[str] = []
    real = typer.main.get_command_from_info
    group = typer.main.get_group_from_info

    def command_from_info(command_info: typer.models.CommandInfo, **kwargs: Any) -> Any:
        made.append(command_info.name or command_info.callback.__name__)  # type: ignore[union-attr]
        return real(command_info, **kwargs)

    def group_from_info(group_info: typer.models.TyperInfo, *args: Any, **kwargs: Any) -> Any:
        if isinstance(group_info.name, str):
            made.append(group_info.name)
        return group(group_info, *args, **kwargs)

    monkeypatch.setattr(typer.main, "get_command_from_info", command_from_info)
    monkeypatch.setattr(typer.main, "get_group_from_info", group_from_info)
    monkeypatch.setattr(sys, "argv", ["intropath", *args])
    with pytest.raises(SystemExit):
        main()
    top = {m for m in made if m in everything}
    assert top == (everything if built is None else built)
    names = {c.name or c.callback.__name__ for c in app.registered_commands}
    assert names | {g.name for g in app.registered_groups} == everything  # restored
    out = capsys.readouterr().out
    if "_INTROPATH_COMPLETE" in os.environ:
        assert "find" in out
