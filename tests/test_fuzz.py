"""Fuzzing every input format and the command-line options, in process.

Whatever the input, a command ends in one of three ways: success (exit 0), the
project's own error (exit 1, one line ``Error: ...``, last on stderr), or a
usage error from the option parser (exit 2). Never a traceback, and never a
terminal control character in what it prints.

A short run by default; a long one with ``INTROPATH_FUZZ_EXAMPLES``:

    INTROPATH_FUZZ_EXAMPLES=2000 .venv/bin/pytest tests/test_fuzz.py -n 2
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from intropath.cli import app
from intropath.graphfile import load_document
from intropath.interchange import to_graphml, to_node_link

FIXTURES = Path(__file__).parent / "fixtures"
SMALL = FIXTURES / "small.json"
EXPORT = FIXTURES / "linkedin" / "alex_2024"
BOOKS = FIXTURES / "linkedin" / "addressbooks"

EXAMPLES = int(os.environ.get("INTROPATH_FUZZ_EXAMPLES", "25"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
runner = CliRunner()

# Terminal control characters a command must never print (tab and newline are fine).
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

HOSTILE_TEXT = [
    "",
    " ",
    "\t",
    "[/bold]",
    "[bold red]x",
    "[link=https://evil.example]x[/link]",
    ":smile:",
    "\x1b[2J\x1b]0;title\x07",
    "\x9b31m",
    "a\x00b",
    "\u202eevil",
    "x" * 5000,
    "-1",
    "0",
    "1e999",
    "nan",
    "inf",
    "99999999999999999999999",
    "9999-12-31",
    "0001-01-01",
    "2026-02-30",
    "../../etc/passwd",
    "Dana Reyes",
    "dana",
    "Muse",
]
hostile_text = st.one_of(st.text(max_size=30), st.sampled_from(HOSTILE_TEXT))
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | hostile_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(hostile_text, inner, max_size=4),
    max_leaves=12,
)


def run(*args: str) -> tuple[int, str, str]:
    """Run intropath and check it ended the way every command must."""
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{args}: {result.exception!r}"
    )
    code, out, err = result.exit_code, result.stdout, result.stderr
    assert "Traceback" not in out + err
    assert code in (0, 1, 2), (args, code, err)
    if code == 1:
        lines = err.rstrip("\n").splitlines()
        assert lines and lines[-1].startswith("Error: "), (args, err)
        assert sum(line.startswith("Error: ") for line in lines) == 1, (args, err)
    if code == 2:
        assert "Usage:" in err, (args, err)
    bad = CONTROL.search(out + err)
    assert bad is None, (args, repr(bad.group()), out, err)
    return code, out, err


# Mutations


def _paths(tree: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [here]
    if isinstance(tree, dict):
        for key, value in tree.items():
            found += _paths(value, (*here, key))
    elif isinstance(tree, list):
        for i, value in enumerate(tree):
            found += _paths(value, (*here, i))
    return found


@st.composite
def mutated_tree(draw: st.DrawFn, tree: Any) -> Any:
    """The tree with one to three places replaced, deleted or given an extra key."""
    tree = json.loads(json.dumps(tree))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_paths(tree)))
        if not path:
            return draw(json_values)
        parent = tree
        for part in path[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["replace", "replace", "delete", "extra"]))
        if action == "delete":
            del parent[path[-1]]
        elif action == "extra" and isinstance(parent, dict):
            parent[draw(hostile_text)] = draw(json_values)
        else:
            parent[path[-1]] = draw(json_values)
        if not _paths(tree):
            break
    return tree


@st.composite
def mutated_bytes(draw: st.DrawFn, data: bytes) -> bytes:
    """Truncate, cut out, overwrite or insert bytes (a few times)."""
    for _ in range(draw(st.integers(1, 3))):
        size = len(data)
        i = draw(st.integers(0, size))
        j = draw(st.integers(i, min(size, i + 200)))
        noise = draw(
            st.binary(max_size=40)
            | st.sampled_from(
                [b'"', b",", b"\r\n", b"\x00", b"\xef\xbb\xbf", b"\n,,,\n", b"\xff\xfe"]
            )
            | st.sampled_from(HOSTILE_TEXT).map(lambda t: t.encode("utf-8", "replace"))
        )
        data = draw(st.sampled_from([data[:i], data[:i] + data[j:], data[:i] + noise + data[j:]]))
    return data


def _small() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SMALL.read_text())
    return data


def _graph_commands(path: Path) -> None:
    run("check", "-g", str(path))
    run("find", "-c", "Muse", "-g", str(path), "--no-etiquette")
    run("explain", "dana", "-g", str(path))


# Graph files: intropath JSON and YAML, node-link JSON, GraphML


NODE_LINK = to_node_link(load_document(SMALL))
GRAPHML = to_graphml(load_document(SMALL)).encode("utf-8")


@FUZZ
@given(tree=st.sampled_from([_small(), NODE_LINK]).flatmap(mutated_tree))
def test_fuzz_graph_json_and_node_link(tmp_path_factory: Any, tree: Any) -> None:
    path = tmp_path_factory.mktemp("g") / "graph.json"
    path.write_text(json.dumps(tree), encoding="utf-8")
    _graph_commands(path)


@FUZZ
@given(data=st.data(), name=st.sampled_from(["graph.json", "graph.graphml"]))
def test_fuzz_graph_json_and_graphml_bytes(
    tmp_path_factory: Any, data: st.DataObject, name: str
) -> None:
    path = tmp_path_factory.mktemp("g") / name
    original = GRAPHML if name.endswith(".graphml") else SMALL.read_bytes()
    path.write_bytes(data.draw(mutated_bytes(original)))
    _graph_commands(path)


YAML_SNIPPETS = [
    "&a [*a]",
    "!!python/object:os.system {}",
    "!!binary aGk=",
    "? [a, b]\n: c",
    "*undefined",
    "{a: 1, a: 2}",
    "%YAML 9.9\n---\n",
    "--- 1\n--- 2",
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
]


@FUZZ
@given(data=st.data())
def test_fuzz_graph_yaml(tmp_path_factory: Any, data: st.DataObject) -> None:
    tree = data.draw(mutated_tree(_small()))
    text = yaml.safe_dump(tree, allow_unicode=True)
    if data.draw(st.booleans()):
        cut = data.draw(st.integers(0, len(text)))
        text = text[:cut] + data.draw(st.sampled_from(YAML_SNIPPETS)) + text[cut:]
    path = tmp_path_factory.mktemp("g") / "graph.yaml"
    path.write_text(text, encoding="utf-8")
    _graph_commands(path)


# Imports: LinkedIn (folder and zip), vCard, Google/Outlook CSV, ratings CSV

EXPORT_FILES = sorted(p.name for p in EXPORT.iterdir())


def _import_and_use(factory: Any, kind: str, source: Path, owner: str | None = None) -> None:
    into = factory.mktemp("into") / "graph.json"
    extra = ["--owner", owner] if owner is not None else []
    code, _, _ = run("import", kind, str(source), "--into", str(into), *extra)
    if code == 0:
        _graph_commands(into)
    else:
        assert not into.exists()  # nothing written by a failed import


@FUZZ
@given(data=st.data(), owner=st.none() | hostile_text)
def test_fuzz_linkedin_folder(
    tmp_path_factory: Any, data: st.DataObject, owner: str | None
) -> None:
    folder = tmp_path_factory.mktemp("export")
    shutil.copytree(EXPORT, folder, dirs_exist_ok=True)
    for name in data.draw(st.lists(st.sampled_from(EXPORT_FILES), min_size=1, max_size=3)):
        path = folder / name
        path.write_bytes(data.draw(mutated_bytes(path.read_bytes())))
    _import_and_use(tmp_path_factory, "linkedin", folder, owner)


def _zipped(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


EXPORT_ZIP = _zipped({p.name: p.read_bytes() for p in sorted(EXPORT.iterdir())})


@FUZZ
@given(data=st.data())
def test_fuzz_linkedin_zip(tmp_path_factory: Any, data: st.DataObject) -> None:
    path = tmp_path_factory.mktemp("zip") / "export.zip"
    if data.draw(st.booleans()):  # damage the archive itself
        content = data.draw(mutated_bytes(EXPORT_ZIP))
    else:  # a sound archive of damaged, renamed or nested files
        files = {}
        for p in sorted(EXPORT.iterdir()):
            name = data.draw(st.sampled_from([p.name, f"dir/{p.name}", p.name.upper()]))
            files[name] = data.draw(st.just(p.read_bytes()) | mutated_bytes(p.read_bytes()))
        content = _zipped(files)
    path.write_bytes(content)
    _import_and_use(tmp_path_factory, "linkedin", path)


@FUZZ
@given(data=st.data(), owner=st.none() | hostile_text)
def test_fuzz_vcard(tmp_path_factory: Any, data: st.DataObject, owner: str | None) -> None:
    path = tmp_path_factory.mktemp("vcf") / "contacts.vcf"
    path.write_bytes(data.draw(mutated_bytes((BOOKS / "contacts.vcf").read_bytes())))
    _import_and_use(tmp_path_factory, "vcard", path, owner)


@FUZZ
@given(
    data=st.data(),
    source=st.sampled_from(["google_contacts.csv", "google_contacts_legacy.csv"]),
)
def test_fuzz_google_outlook_csv(tmp_path_factory: Any, data: st.DataObject, source: str) -> None:
    path = tmp_path_factory.mktemp("csv") / "contacts.csv"
    path.write_bytes(data.draw(mutated_bytes((BOOKS / source).read_bytes())))
    _import_and_use(tmp_path_factory, "google", path)


@FUZZ
@given(data=st.data())
def test_fuzz_ratings_csv(tmp_path_factory: Any, data: st.DataObject) -> None:
    folder = tmp_path_factory.mktemp("ratings")
    graph = folder / "graph.json"
    shutil.copy(SMALL, graph)
    before = graph.read_bytes()
    path = folder / "ratings.csv"
    path.write_bytes(data.draw(mutated_bytes((BOOKS / "ratings.csv").read_bytes())))
    code, _, _ = run("ratings", "import", str(path), "-g", str(graph))
    if code == 0:
        _graph_commands(graph)
    else:
        assert graph.read_bytes() == before


# Command-line options

numbers = st.one_of(
    st.integers(-(2**70), 2**70).map(str),
    st.floats().map(str),
    st.sampled_from(["0", "1", "0.5", "6", "7", "10", "10.5", "1e308", "-0", "nan", "inf"]),
    hostile_text,
)
people = st.sampled_from(["dana", "sam", "lee", "ona", "Dana Reyes", "alex"]) | hostile_text
days = st.sampled_from(["2026-11-30", "today"]) | hostile_text


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    """A command with some of its options, each value normal or hostile."""
    text = draw(hostile_text | st.sampled_from(["Muse", "Acme", "Globex"]))
    commands: dict[str, tuple[list[str], dict[str, st.SearchStrategy[str]]]] = {
        "find": (
            ["find", "-c", text],
            {
                "--top": numbers,
                "--max-hops": numbers,
                "--trust-weight": numbers,
                "--familiarity-weight": numbers,
                "--role": hostile_text,
                "--as-of": days,
                "--me": people,
            },
        ),
        "draft": (
            ["draft", "-c", text, "--about-me", "a designer", "--timeline", "soon"],
            {
                "--purpose": hostile_text | st.sampled_from(["job", "advice", "sale"]),
                "--via": people,
                "--to": people,
                "--email": hostile_text,
                "--channel": hostile_text | st.sampled_from(["email", "note"]),
                "--lang": hostile_text | st.sampled_from(["en", "de"]),
                "--max-hops": numbers,
                "--name": hostile_text,
            },
        ),
        "explain": (["explain", draw(people)], {"--as-of": days}),
        "tie": (
            ["tie", "set", draw(people)],
            {
                "--trust": numbers,
                "--familiarity": numbers,
                "--note": hostile_text,
                "--with": people,
            },
        ),
        "person": (
            ["person", "set", draw(people)],
            {"--policy": hostile_text | st.just("prefers_email"), "--email": hostile_text},
        ),
        "ask": (
            ["ask", "record", "--via", draw(people), "--to", draw(people), "--company", text],
            {"--on": days, "--note": hostile_text, "--channel": hostile_text},
        ),
        "asks": (["asks"], {"--as-of": days, "--me": people}),
        "update": (
            ["asks", "update", draw(numbers)],
            {"--status": hostile_text | st.sampled_from(["declined", "introduced"]), "--on": days},
        ),
        "schema": (["schema", draw(hostile_text | st.sampled_from(["graph", "plan"]))], {}),
    }
    base, options = commands[draw(st.sampled_from(sorted(commands)))]
    args = list(base)
    for option in draw(st.lists(st.sampled_from(sorted(options)), unique=True)) if options else []:
        args += [option, draw(options[option])]
    return args


@FUZZ
@given(args=command_lines())
def test_fuzz_command_line(tmp_path_factory: Any, args: list[str]) -> None:
    folder = tmp_path_factory.mktemp("cli")
    graph = folder / "graph.json"
    shutil.copy(SMALL, graph)
    if args[0] != "schema":
        args += ["-g", str(graph)]
    run(*args)
    load_document(graph)  # whatever happened, the graph is still whole
