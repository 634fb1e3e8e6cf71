"""Regression tests for hostile and malformed input (issue 11, points 1-12).

Each test names the point it covers. Every failure must be one line,
``Error: ...``, with a non-zero exit code and nothing changed.
"""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from intropath import graphfile
from intropath.cli import app
from intropath.errors import GraphFileError, ImportFileError
from intropath.graphfile import load_document
from intropath.importers import csvutil, import_linkedin
from intropath.outreach.log import MAX_ASK_ID, SCHEMA_VERSION, AskLog, AskLogError
from intropath.planner import InvalidQuery, plan

FIXTURES = Path(__file__).parent / "fixtures"
SMALL = FIXTURES / "small.json"
EXPORT = FIXTURES / "linkedin" / "alex_2024"
BOOKS = FIXTURES / "linkedin" / "addressbooks"
runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return result.exit_code, result.stdout, result.stderr


def one_error(err: str) -> str:
    """The single ``Error:`` line, checked to be the last and only one."""
    lines = [line for line in err.splitlines() if line.startswith("Error: ")]
    assert len(lines) == 1 and err.rstrip("\n").endswith(lines[0]), err
    assert "Traceback" not in err
    return lines[0]


def usage_error(code: int, err: str) -> None:
    """Click's own usage errors (a bad option value): exit 2, no traceback."""
    assert code == 2, err
    assert "Traceback" not in err and "Invalid value" in err


def copy_graph(tmp_path: Path, document: dict[str, object] | None = None) -> Path:
    path = tmp_path / "graph.json"
    path.write_text(json.dumps(document) if document else SMALL.read_text(), encoding="utf-8")
    return path


def small_with(**changes: object) -> dict[str, object]:
    """The small graph with Dana's record changed."""
    data = json.loads(SMALL.read_text())
    dana = next(p for p in data["people"] if p["id"] == "dana")
    dana.update(changes)
    return data


# 1. A blank or whitespace --owner


@pytest.mark.parametrize(
    ("kind", "source"),
    [
        ("linkedin", EXPORT),
        ("vcard", BOOKS / "contacts.vcf"),
        ("google", BOOKS / "google_contacts.csv"),
    ],
)
@pytest.mark.parametrize("owner", ["", "   ", "\t"])
def test_blank_owner_is_a_clear_error(tmp_path: Path, kind: str, source: Path, owner: str) -> None:
    into = tmp_path / "g.json"
    code, _, err = run("import", kind, str(source), "--owner", owner, "--into", str(into))
    assert code == 1
    assert "--owner is blank" in one_error(err)
    assert not into.exists()


@pytest.mark.parametrize("owner", ["   ", "\t"])
def test_blank_owner_is_an_import_error_in_the_library(owner: str) -> None:
    from intropath.importers import import_google_contacts, import_vcard

    for importer, source in (
        (import_linkedin, EXPORT),
        (import_vcard, BOOKS / "contacts.vcf"),
        (import_google_contacts, BOOKS / "google_contacts.csv"),
    ):
        with pytest.raises(ImportFileError, match="owner's name is blank"):
            importer(source, owner=owner)


# 2. ``company`` with a non-list ``positions``


@pytest.mark.parametrize("positions", [5, "Acme", {"company": "Acme"}, None])
def test_company_shortcut_with_non_list_positions(tmp_path: Path, positions: object) -> None:
    path = copy_graph(tmp_path, small_with(positions=positions))
    with pytest.raises(GraphFileError, match=r"people\[1\] \(id 'dana'\).*positions"):
        load_document(path)


# 3. Node-link JSON whose ``graph`` is not an object


@pytest.mark.parametrize(
    "data",
    [
        {"graph": 5, "nodes": [], "edges": []},
        {"graph": [], "nodes": [], "links": []},
        {"graph": {}, "nodes": {}, "edges": []},
        {"graph": {}, "nodes": [1, 2], "edges": []},
        {"graph": {}, "nodes": [], "edges": "x"},
        {"nodes": [{"id": "a"}], "edges": [[1, 2]]},
    ],
)
def test_node_link_with_a_bad_shape(tmp_path: Path, data: dict[str, object]) -> None:
    path = tmp_path / "nl.json"
    path.write_text(json.dumps(data))
    code, _, err = run("check", "-g", str(path))
    assert code == 1
    assert f"{path}: node-link" in one_error(err)


# 4. Numeric options are bounded


@pytest.mark.parametrize(
    "args",
    [
        ["asks", "update", "99999999999999999999", "--status", "declined"],
        ["asks", "update", "0", "--status", "declined"],
        ["find", "-c", "Muse", "--top", "99999999999999999999999"],
        ["find", "-c", "Muse", "--trust-weight", "1e308"],
        ["find", "-c", "Muse", "--familiarity-weight", "inf"],
        ["find", "-c", "Muse", "--as-of", "9999-12-31"],
        ["asks", "--as-of", "0001-01-01"],
        [
            "ask",
            "record",
            "--via",
            "dana",
            "--to",
            "lee",
            "--company",
            "Muse",
            "--on",
            "9999-12-31",
        ],
    ],
)
def test_numeric_and_date_options_are_bounded(args: list[str]) -> None:
    code, _, err = run(*args, *(["-g", str(SMALL)] if args[0] == "find" else []))
    usage_error(code, err)


def test_library_bounds_are_errors_too(tmp_path: Path) -> None:
    with pytest.raises(InvalidQuery, match="top"):
        plan(SMALL, "Muse", top=sys.maxsize + 1)
    with pytest.raises(InvalidQuery, match="weight"):
        plan(SMALL, "Muse", trust_weight=1e308)
    with AskLog(tmp_path / "log.sqlite3") as log, pytest.raises(AskLogError, match="no ask"):
        log.get(MAX_ASK_ID + 1)


def test_etiquette_days_in_the_config_are_bounded() -> None:
    config = Path(os.environ["INTROPATH_CONFIG_DIR"])
    config.mkdir(parents=True, exist_ok=True)
    (config / "config.toml").write_text("[etiquette]\nfollowup_after_days = 99999999999\n")
    code, _, err = run("find", "-c", "Muse", "-g", str(SMALL))
    assert code == 1
    assert (
        "[etiquette] followup_after_days: Input should be less than or equal to 3650"
        in one_error(err)
    )


# 5. Deeply nested JSON or YAML


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("deep.json", "[" * 100_000 + "]" * 100_000),
        ("deep.json", '{"people": ' + "[" * 50_000 + "]" * 50_000 + "}"),
        ("deep.yaml", "people: " + "[" * 100_000 + "]" * 100_000),
        ("deep.yaml", "people:\n" + "".join("  " * i + "- \n" for i in range(1, 3000))),
    ],
)
def test_deep_nesting_is_a_clear_error(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text)
    code, _, err = run("check", "-g", str(path))
    assert code == 1
    assert one_error(err).startswith(f"Error: {path}")


# 6. A YAML alias bomb in an id or a tie end


def _bomb(where: str) -> str:
    levels = ['  a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    levels += [f"  a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    people = "people:\n  - {id: a, name: A}\n  - {id: b, name: B}\n"
    records = {
        "id": "people:\n  - {id: *a8, name: A}\n",
        "tie": people + "ties:\n  - {a: *a8, b: b, trust: 1, familiarity: 1}\n",
        "me": people + "me: *a8\n",
    }
    return "bomb:\n" + "\n".join(levels) + "\n" + records[where]


@pytest.mark.parametrize("where", ["id", "tie", "me"])
def test_yaml_alias_bomb_fails_fast_with_a_short_message(tmp_path: Path, where: str) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(_bomb(where))
    # A subprocess, so that the old behaviour (formatting 387 million strings) fails
    # the test by timing out instead of hanging the suite.
    done = subprocess.run(
        [sys.executable, "-c", "from intropath.cli import main; main()", "check", "-g", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        env=os.environ,
    )
    assert done.returncode == 1
    line = one_error(done.stderr)
    assert len(line) <= 510


# 7. Rich markup in data and paths is printed as text

MARKUP = "Dana [/bold] Reyes [link=https://evil.example]x[/link] :smile:"


def test_markup_in_names_is_printed_as_text(tmp_path: Path) -> None:
    path = copy_graph(tmp_path, small_with(name=MARKUP, title="[bold red]PM"))
    for args in (["find", "-c", "Muse"], ["explain", "dana"], ["check"]):
        code, out, err = run(*args, "-g", str(path))
        assert code == 0, err
        if args[0] != "check":
            assert MARKUP in out


def test_markup_in_paths_is_printed_as_text(tmp_path: Path) -> None:
    folder = tmp_path / "r[/dim]x [link=file:evil]"  # "r[" holds "dim]x [link=file:evil]"
    folder.mkdir(parents=True)
    path = copy_graph(folder)
    code, out, err = run("check", "-g", str(path))
    assert code == 0
    assert f"Using graph {path}" in err
    target = folder / "[/bold].graphml"
    code, out, err = run("convert", str(path), str(target))
    assert code == 0 and f"Wrote {target}: " in out
    code, _, err = run("check", "-g", str(folder / "[/red]missing.json"))
    assert code == 1 and "[/red]missing.json: no such graph file" in one_error(err)


def test_no_hyperlink_reaches_a_terminal() -> None:
    from io import StringIO

    from intropath.terminal import TextConsole

    out = StringIO()
    TextConsole(file=out, force_terminal=True, color_system="truecolor").print(MARKUP)
    assert "\x1b]8;" not in out.getvalue()  # OSC 8: a terminal hyperlink
    assert "[link=https://evil.example]" in out.getvalue()


# 8. Control characters in names, titles, notes and evidence

HOSTILE = "Dana\x1b]0;pwned\x07 \x1b[2J\x9b31mReyes\x08\r"


def test_control_characters_never_reach_the_terminal(tmp_path: Path) -> None:
    data = small_with(name=HOSTILE, title="PM\x1b[5m")
    tie = next(t for t in data["ties"] if t["b"] == "dana")
    tie["evidence"] = [{"kind": "met", "at": "Conf\x1b[31m", "detail": "\x1b]52;c;aGk=\x07"}]
    path = copy_graph(tmp_path, data)
    outputs = [
        run("find", "-c", "Muse", "-g", str(path)),
        run("explain", "dana", "-g", str(path)),
        run("draft", "-c", "Muse", "--via", "dana", "-g", str(path), "--about-me", "a designer",
            "--purpose", "job", "--timeline", "soon", "--email", "a@example.com"),
        run("find", "-c", "Muse", "-g", str(path), "--json"),
    ]  # fmt: skip
    for code, out, err in outputs:
        assert code in (0, 1), err
        for text in (out, err):
            assert not set(text) & {"\x1b", "\x07", "\x08", "\r", "\x9b"}, repr(text)
    assert "Dana]0;pwned [2J31mReyes" in outputs[0][1]
    assert json.loads(outputs[3][1])  # still valid JSON, with \u escapes


def test_asks_and_ask_record_print_no_control_characters(tmp_path: Path) -> None:
    path = copy_graph(tmp_path, small_with(name=HOSTILE))
    code, out, err = run(
        "ask", "record", "--via", "dana", "--to", "ona", "--company", "Muse", "-g", str(path)
    )
    assert code == 0, err
    code, out2, err2 = run("asks", "-g", str(path))
    assert code == 0, err2
    for text in (out, err, out2, err2):
        assert "\x1b" not in text and "\x9b" not in text
    assert "Dana]0;pwned" in out2


def test_tie_set_note_is_stored_without_control_characters(tmp_path: Path) -> None:
    path = copy_graph(tmp_path)
    code, _, err = run("tie", "set", "dana", "--note", "met at\x1b[31m Config\x07", "-g", str(path))
    assert code == 0, err
    tie = next(t for t in load_document(path).ties if {t.a, t.b} == {"alex", "dana"})
    assert "met at[31m Config" in [e.detail for e in tie.evidence]


def test_ratings_notes_are_stored_without_control_characters(tmp_path: Path) -> None:
    path = copy_graph(tmp_path)
    ratings = tmp_path / "ratings.csv"
    ratings.write_text('person,trust,note\ndana,0.8,"from\x1b]0;x\x07 Config"\n')
    code, _, err = run("ratings", "import", str(ratings), "-g", str(path))
    assert code == 0, err
    tie = next(t for t in load_document(path).ties if {t.a, t.b} == {"alex", "dana"})
    assert "from]0;x Config" in [e.detail for e in tie.evidence]


def test_error_messages_drop_control_characters() -> None:
    code, _, err = run("find", "-c", "Mu\x1b[2Jse\x9b", "-g", str(SMALL))
    assert code == 1
    assert "\x1b" not in err and "\x9b" not in err


# 9. Zip members are streamed and capped


def _zip_export(path: Path, connections: bytes) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in EXPORT.iterdir():
            if member.name != "Connections.csv":
                archive.write(member, member.name)
        archive.writestr("Connections.csv", connections)


def _bomb_connections() -> bytes:
    head = (EXPORT / "Connections.csv").read_bytes()
    return head + b"\n" * (3 * 2**20)


def test_a_zip_member_over_the_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(csvutil, "MAX_FILE_BYTES", 2**20)
    export = tmp_path / "export.zip"
    _zip_export(export, _bomb_connections())
    assert export.stat().st_size < 50_000  # it expands 60 times or more
    with pytest.raises(ImportFileError, match=r"export\.zip:Connections\.csv: larger than 1 MiB"):
        import_linkedin(export)


def test_a_zip_that_lies_about_its_sizes_is_a_clean_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(csvutil, "MAX_FILE_BYTES", 2**20)
    export = tmp_path / "export.zip"
    _zip_export(export, _bomb_connections())
    data = bytearray(export.read_bytes())
    # Rewrite the uncompressed size of Connections.csv in the local header and the
    # central directory to 100 bytes, as a zip bomb does.
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            name_at = start + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at : name_at + 15] == b"Connections.csv":
                data[start + offset : start + offset + 4] = (100).to_bytes(4, "little")
            start += 4
    export.write_bytes(bytes(data))
    # zipfile stops at the size the directory gives and then finds the CRC wrong.
    with pytest.raises(ImportFileError, match=r"export\.zip:Connections\.csv: cannot read"):
        import_linkedin(export)


def test_a_plain_file_over_the_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(csvutil, "MAX_FILE_BYTES", 2**20)
    big = tmp_path / "contacts.vcf"
    big.write_bytes(b"BEGIN:VCARD\n" + b"NOTE:x\n" * 200_000)
    code, _, err = run("import", "vcard", str(big), "--into", str(tmp_path / "g.json"))
    assert code == 1 and "larger than 1 MiB" in one_error(err)


# 10. Concurrent writers lose nothing

WRITER = """
import sys
from intropath.cli import app
for i in range(int(sys.argv[3])):
    try:
        app(["tie", "set", sys.argv[2], "--note", f"note {sys.argv[2]} {i}", "-g", sys.argv[1]])
    except SystemExit as exit:
        if exit.code:
            raise
"""


def test_concurrent_tie_sets_keep_every_note(tmp_path: Path) -> None:
    path = copy_graph(tmp_path)
    people, rounds = ["dana", "sam", "lee", "kim", "ona", "pia"], 4
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), person, str(rounds)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for person in people
    ]
    for writer in writers:
        _, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err
    notes = {e.detail for t in load_document(path).ties for e in t.evidence}
    expected = {f"note {p} {i}" for p in people for i in range(rounds)}
    assert expected <= notes, sorted(expected - notes)


HOLDER = """
import sys, time
from pathlib import Path
from intropath.graphfile import locked
with locked(Path(sys.argv[1])):
    print("held", flush=True)
    time.sleep(30)
"""


def test_a_writer_that_cannot_get_the_lock_says_busy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = copy_graph(tmp_path)
    before = path.read_bytes()
    monkeypatch.setattr(graphfile, "LOCK_TIMEOUT", 0.5)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        code, _, err = run("tie", "set", "dana", "--trust", "0.9", "-g", str(path))
    finally:
        holder.kill()
        holder.wait()
    assert code == 1
    assert f"{path}: busy" in one_error(err)
    assert path.read_bytes() == before


# 11. Private files, stale temp files, full disks, the ask log's schema version


def test_data_dir_and_ask_log_are_private(tmp_path: Path) -> None:
    data = Path(os.environ["INTROPATH_DATA_DIR"])
    code, _, err = run("import", "linkedin", str(EXPORT))
    assert code == 0, err
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert stat.S_IMODE((data / "graph.json").stat().st_mode) == 0o600
    code, _, err = run(
        "ask", "record", "--via", "dana", "--to", "ona", "--company", "Muse", "-g", str(SMALL)
    )
    assert code == 0, err
    logs = list(data.glob("outreach.sqlite3*"))
    assert {p.name for p in logs} >= {"outreach.sqlite3"}
    for log in logs:
        assert stat.S_IMODE(log.stat().st_mode) == 0o600, log


def test_wal_and_shm_files_are_private(tmp_path: Path) -> None:
    path = tmp_path / "private" / "log.sqlite3"
    with AskLog(path) as log:
        log.all()
        wal = [Path(f"{path}-wal"), Path(f"{path}-shm")]
        assert all(p.exists() for p in wal)  # present while the log is open
        for p in [path, *wal]:
            assert stat.S_IMODE(p.stat().st_mode) == 0o600, p
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_stale_temp_files_are_cleaned_on_the_next_write(tmp_path: Path) -> None:
    path = copy_graph(tmp_path)
    stale = tmp_path / ".graph.json.k1ll3d.tmp"
    stale.write_text("half a graph")
    other = tmp_path / ".other.json.k1ll3d.tmp"
    other.write_text("someone else's")
    code, _, err = run("tie", "set", "dana", "--trust", "0.9", "-g", str(path))
    assert code == 0, err
    assert not stale.exists() and other.exists()


def test_a_full_disk_names_the_file_and_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = copy_graph(tmp_path)
    before = path.read_bytes()

    def full(_: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    code, _, err = run("tie", "set", "dana", "--trust", "0.9", "-g", str(path))
    assert code == 1
    assert f"{path}: cannot write: No space left on device" in one_error(err)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []


def test_a_full_ask_log_names_the_file_and_keeps_what_it_had(tmp_path: Path) -> None:
    from datetime import date

    path = tmp_path / "log.sqlite3"
    with AskLog(path) as log:
        log.record(me="alex", via="dana", target="ona", company="The Muse", on=date(2026, 11, 1))
        (pages,) = log._db.execute("PRAGMA page_count").fetchone()
        log._db.execute(f"PRAGMA max_page_count = {pages}")  # the disk is now full
        with pytest.raises(AskLogError, match=f"{path}: cannot write the outreach log: .*full"):
            log.record(
                me="alex", via="sam", target="lee", company="Acme", on=date(2026, 11, 2),
                note="x" * 100_000,
            )  # fmt: skip
        assert [a.via for a in log.all()] == ["dana"]


OLD_SCHEMA = """
CREATE TABLE asks (id INTEGER PRIMARY KEY AUTOINCREMENT, me TEXT NOT NULL, via TEXT NOT NULL,
    target TEXT NOT NULL, company TEXT NOT NULL, channel TEXT, status TEXT NOT NULL,
    sent_on TEXT NOT NULL, followed_up_on TEXT, closed_on TEXT, note TEXT);
CREATE INDEX asks_via ON asks (me, via);
CREATE TABLE events (ask_id INTEGER NOT NULL REFERENCES asks (id), status TEXT NOT NULL,
    happened_on TEXT NOT NULL, recorded_at TEXT NOT NULL DEFAULT (datetime('now')));
INSERT INTO asks (me, via, target, company, status, sent_on)
    VALUES ('alex', 'dana', 'ona', 'The Muse', 'sent', '2026-11-01');
"""


def test_the_ask_log_has_a_schema_version_and_migrates_old_logs(tmp_path: Path) -> None:
    new = tmp_path / "new.sqlite3"
    with AskLog(new) as log:
        assert log.version == SCHEMA_VERSION >= 1
    old = tmp_path / "old.sqlite3"
    db = sqlite3.connect(old)
    db.executescript(OLD_SCHEMA)
    db.close()
    with AskLog(old) as log:
        assert log.version == SCHEMA_VERSION
        assert [(a.via, a.target) for a in log.all()] == [("dana", "ona")]


def test_a_log_from_a_newer_intropath_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(AskLogError, match="newer than this intropath"):
        AskLog(path)


# 12. A named pipe says what it is


@pytest.mark.parametrize(
    "args",
    [
        ["import", "linkedin"],
        ["import", "vcard"],
        ["import", "google"],
        ["check", "-g"],
        ["ratings", "import"],
    ],
)
def test_a_named_pipe_says_what_it_is(tmp_path: Path, args: list[str]) -> None:
    fifo = tmp_path / "export.csv"
    os.mkfifo(fifo)
    extra = ["-g", str(copy_graph(tmp_path))] if args[0] == "ratings" else []
    code, _, err = run(*args, str(fifo), *extra)
    assert code == 1
    assert f"{fifo}: is a named pipe (FIFO)" in one_error(err)
