"""The etiquette engine and the outreach log, on a simulated calendar."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from intropath import MemoryStore, load, plan
from intropath.cli import app
from intropath.graphfile import load_document, parse_document, save_document
from intropath.outreach import AskLog, AskLogError, AskStatus, Etiquette, EtiquetteRules, due
from intropath.outreach.feedback import record_introduction

DAY0 = date(2026, 1, 5)
runner = CliRunner()


def day(n: int) -> date:
    return DAY0 + timedelta(days=n)


def cli(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def log(tmp_path: Path) -> AskLog:
    return AskLog(tmp_path / "asks.sqlite3")


def planned(log: AskLog, today: date, rules: EtiquetteRules | None = None, **kw: object):  # type: ignore[no-untyped-def]
    etiquette = Etiquette(rules or EtiquetteRules(), tuple(log.all()), today)
    return plan(load(), "Muse", etiquette=etiquette, **kw)  # type: ignore[arg-type]


def test_weeks_of_asking_follow_every_rule(log: AskLog) -> None:
    rules = EtiquetteRules()
    first = planned(log, day(0))
    assert first.asks[0].contact == "zoe"
    assert any("Priya Raman is the hiring manager" in s for s in first.etiquette.skipped)  # type: ignore[union-attr]
    assert all(a.best_path.target.id != "priya" for a in first.asks)
    assert all("priya" not in p.people for p in planned(log, day(0), top=50).paths)

    ask = log.record(me="alex", via="zoe", target="amara", company="The Muse", on=day(0))

    # Day 3: Zoë has an open ask, so she is skipped, and the reason is given.
    later = planned(log, day(3))
    assert "zoe" not in [a.contact for a in later.asks]
    assert any(
        "Zoë O'Connor skipped: your ask of 2026-01-05 is still open" in s
        for s in later.etiquette.skipped
    )  # type: ignore[union-attr]
    names = {"zoe": "Zoë", "amara": "Amara"}
    [item] = due(log.all(), rules, day(3), names.__getitem__)
    assert item.action == "wait" and item.on == day(7)

    # Day 7: the one follow-up is due, and says it is the last.
    [item] = due(log.all(), rules, day(7), names.__getitem__)
    assert item.message == ("Follow up with Zoë about Amara today; it will be your last follow-up.")
    log.update(ask.id, AskStatus.FOLLOWED_UP, day(7))
    with pytest.raises(AskLogError, match="cannot become followed_up"):
        log.update(ask.id, AskStatus.FOLLOWED_UP, day(9))

    # Day 20: still waiting; day 21: silence is a gentle no.
    [item] = due(log.all(), rules, day(20), names.__getitem__)
    assert item.action == "await_reply" and item.on == day(21)
    assert due(log.all(), rules, day(21), names.__getitem__) == []
    after = planned(log, day(21))
    assert after.asks[0].contact == "jose"  # the next-best contact
    assert any(
        "Zoë O'Connor skipped: they did not answer 0 days ago; cooldown 90 days" in s
        for s in after.etiquette.skipped
    )  # type: ignore[union-attr]

    # After the decline cooldown Zoë is back, but never again for Amara.
    much_later = planned(log, day(21 + 90), top=50)
    zoe = next(a for a in much_later.asks if a.contact == "zoe")
    assert zoe.best_path.target.id != "amara"
    assert all(p.people[1:][-1] != "amara" for p in much_later.paths if p.people[1] == "zoe")
    assert zoe.history is not None and "asked 111 days ago about Amara Okafor" in zoe.history


def test_cooldown_after_an_answered_ask(log: AskLog) -> None:
    ask = log.record(me="alex", via="jose", target="lena", company="The Muse", on=day(0))
    log.update(ask.id, AskStatus.INTRODUCED, day(2))
    assert "jose" not in [a.contact for a in planned(log, day(29)).asks]
    assert "jose" in [a.contact for a in planned(log, day(30)).asks]


def test_budget_of_open_asks_and_per_week(log: AskLog) -> None:
    rules = EtiquetteRules(max_open=2, max_per_week=3)
    log.record(me="alex", via="zoe", target="amara", company="The Muse", on=day(0))
    log.record(me="alex", via="jose", target="lena", company="The Muse", on=day(1))
    report = planned(log, day(2), rules).etiquette
    assert report is not None and report.over_budget
    assert report.notes == [
        "You have 2 open asks (limit 2): wait for answers before asking anyone new."
    ]


def test_strangers_only_through_a_warm_introduction() -> None:
    document = parse_document(
        {
            "me": "me",
            "people": [
                {"id": "me", "name": "Me"},
                {"id": "kim", "name": "Kim", "company": "Muse", "contact_policy": "no_strangers"},
                {"id": "ann", "name": "Ann"},
            ],
            "ties": [
                {"a": "me", "b": "kim", "trust": 0.9, "familiarity": 0.1},
                {"a": "me", "b": "ann", "trust": 0.5, "familiarity": 0.5},
                {"a": "ann", "b": "kim", "trust": 0.5, "familiarity": 0.9},
            ],
        }
    )
    without = plan(MemoryStore(document), "Muse", etiquette=False)
    assert without.paths[0].people == ["me", "kim"]
    rules = Etiquette(EtiquetteRules(), (), DAY0)
    result = plan(MemoryStore(document), "Muse", etiquette=rules)
    assert [p.people for p in result.paths] == [["me", "ann", "kim"]]
    assert any("Kim prefers not to hear from strangers" in s for s in result.etiquette.skipped)  # type: ignore[union-attr]


def test_introduction_feeds_back_into_the_ties(small_graph: Path, tmp_path: Path) -> None:
    document = load_document(small_graph)
    before = {frozenset((t.a, t.b)): (t.trust, t.familiarity) for t in document.ties}
    with AskLog(tmp_path / "asks.sqlite3") as log:
        ask = log.record(me="alex", via="sam", target="lee", company="The Muse", on=DAY0)
        ask = log.update(ask.id, AskStatus.INTRODUCED, day(3))
    changed = record_introduction(document, ask, day(3))
    assert len(changed) == 3
    after = {frozenset((t.a, t.b)): (t.trust, t.familiarity) for t in document.ties}
    for pair, numbers in before.items():
        assert after[pair][0] >= numbers[0] and after[pair][1] >= numbers[1]
    new = document.ties[-1]
    assert {new.a, new.b} == {"alex", "lee"} and new.trust > 0
    assert new.evidence[0].detail == "introduced by Sam Chen"
    assert record_introduction(document, ask, day(3)) == []  # idempotent


def test_cli_walkthrough(small_graph: Path, tmp_path: Path) -> None:
    graph = tmp_path / "mine.json"
    save_document(load_document(small_graph), graph)
    g = ["--graph", str(graph)]
    code, out, err = cli(
        "ask",
        "record",
        "--via",
        "sam",
        "--to",
        "lee",
        "--company",
        "Muse",
        "--on",
        "2026-01-05",
        *g,
    )
    assert code == 0, err
    assert "Recorded ask 1: Sam Chen about Lee Park at The Muse on 2026-01-05" in out
    code, _, err = cli(
        "ask",
        "record",
        "--via",
        "sam",
        "--to",
        "ona",
        "--company",
        "Muse",
        "--on",
        "2026-01-06",
        *g,
    )
    assert code == 1
    assert err.endswith(
        "Error: Sam Chen skipped: your ask of 2026-01-05 is still open (one open ask per "
        "contact) (use --force to record it anyway)\n"
    )
    code, out, _ = cli("asks", "--as-of", "2026-01-12", *g)
    assert "#1 Follow up with Sam Chen about Lee Park today; it will be your last follow-up." in out
    code, _, err = cli("asks", "update", "1", "--status", "followed_up", "--on", "2026-01-08", *g)
    assert code == 1 and "give it until 2026-01-12 before your one follow-up" in err
    code, out, _ = cli("find", "-c", "Muse", "--as-of", "2026-01-13", "--json", *g)
    doc = json.loads(out)
    assert "sam" not in [a["contact"] for a in doc["asks"]]
    code, out, err = cli("asks", "update", "1", "--status", "introduced", "--on", "2026-01-14", *g)
    assert code == 0, err
    assert "Added the introduction to 3 ties" in out
    assert any(
        e.get("kind") == "introduction"
        for t in json.loads(graph.read_text())["ties"]
        for e in t.get("evidence", [])
    )
    code, out, _ = cli("asks", "--as-of", "2026-01-14", "--all", "--json", *g)
    assert json.loads(out)["closed"][0]["status"] == "introduced"
    code, out, _ = cli("find", "-c", "Muse", "--as-of", "2026-03-01", "--json", *g)
    sam = next(a for a in json.loads(out)["asks"] if a["contact"] == "sam")
    assert sam["history"].startswith("asked 55 days ago about Lee Park (introduced)")


def test_unknown_ask_and_bad_date() -> None:
    code, _, err = cli("asks", "update", "99", "--status", "declined")
    assert code == 1 and err.endswith("Error: no ask with id 99\n")
    code, _, err = cli("asks", "--as-of", "next monday")
    assert code == 2 and "is not a date like" in err


# -- durability --------------------------------------------------------------

_WRITER = textwrap.dedent(
    """
    import sys, time
    from datetime import date
    from pathlib import Path
    from intropath.outreach import AskLog
    log = AskLog(Path(sys.argv[1]))
    with log._transaction() as db:
        db.execute(
            "INSERT INTO asks (me, via, target, company, status, sent_on) "
            "VALUES ('me', 'half', 'done', 'X', 'sent', '2026-01-01')"
        )
        print("inside", flush=True)
        time.sleep(60)
    """
)


def test_a_killed_writer_leaves_a_consistent_log(tmp_path: Path) -> None:
    path = tmp_path / "asks.sqlite3"
    with AskLog(path) as log:
        log.record(me="me", via="a", target="b", company="X", on=DAY0)
    writer = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert writer.stdout is not None and writer.stdout.readline().strip() == "inside"
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    with AskLog(path) as log:
        assert [a.via for a in log.all()] == ["a"]
        log.record(me="me", via="c", target="d", company="X", on=DAY0)  # still writable
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert db.execute("SELECT count(*) FROM events").fetchone() == (2,)


def _write_many(path: str, who: str) -> None:
    with AskLog(Path(path)) as log:
        for i in range(25):
            ask = log.record(me="me", via=f"{who}{i}", target="t", company="X", on=DAY0)
            log.update(ask.id, AskStatus.DECLINED, DAY0)


def test_concurrent_writers_do_not_corrupt_the_log(tmp_path: Path) -> None:
    path = str(tmp_path / "asks.sqlite3")
    AskLog(Path(path)).close()
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_write_many, args=(path, f"w{n}-")) for n in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    with AskLog(Path(path)) as log:
        asks = log.all()
    assert len(asks) == 100 and len({a.id for a in asks}) == 100
    assert all(a.status is AskStatus.DECLINED for a in asks)
    db = sqlite3.connect(path)
    assert db.execute("SELECT count(*) FROM events").fetchone() == (200,)


def test_draft_record_logs_the_ask_and_respects_the_rules(
    small_graph: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "intropath.toml").write_text(
        '[me]\nabout = "a designer"\npurpose = "job"\ntimeline = "this month"\n'
    )
    g = ["--graph", str(small_graph)]
    code, out, err = cli("draft", "--company", "Muse", "--record", *g)
    assert code == 0, err
    assert "Recorded ask 1: Sam Chen about Lee Park at The Muse" in out
    with _log() as log:
        [ask] = log.all()
    assert (ask.via, ask.target, ask.status) == ("sam", "lee", AskStatus.SENT)
    # The next draft goes to the next-best contact: Sam has an open ask.
    code, out, err = cli("draft", "--company", "Muse", "--json", *g)
    assert code == 0, err
    assert json.loads(out)["send_to"]["id"] == "dana"


def _log() -> AskLog:
    from intropath.outreach.current import log_path

    return AskLog(log_path())


def test_find_draft_adds_the_draft_for_the_top_ask(
    small_graph: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "intropath.toml").write_text(
        '[me]\nabout = "a designer"\npurpose = "job"\ntimeline = "this month"\n'
    )
    code, out, err = cli("find", "-c", "Muse", "--draft", "--json", "--graph", str(small_graph))
    assert code == 0, err
    doc = json.loads(out)
    assert doc["asks"][0]["contact"] == "sam"
    assert doc["draft"]["send_to"]["id"] == "sam" and doc["draft"]["report"]
    code, out, _ = cli("find", "-c", "Muse", "--draft", "--graph", str(small_graph))
    assert code == 0 and "Checks:" in out


def test_do_not_ask_is_explained(small_graph: Path) -> None:
    document = load_document(small_graph)
    next(p for p in document.people if p.id == "sam").do_not_ask = True
    etiquette = Etiquette(EtiquetteRules(), (), DAY0)
    result = plan(MemoryStore(document), "Muse", etiquette=etiquette)
    assert "sam" not in [a.contact for a in result.asks]
    assert all(p.people[1] != "sam" for p in result.paths)
    assert "Sam Chen is marked do-not-ask: never the one asked" in result.etiquette.skipped  # type: ignore[union-attr]


def test_asks_about_people_of_another_graph_do_not_break_planning(log: AskLog) -> None:
    log.record(me="alex", via="someone-else", target="nobody", company="X", on=day(0))
    result = planned(log, day(1))
    assert result.asks and result.etiquette is not None
    assert "someone-else skipped: your ask of 2026-01-05 is still open" in " ".join(
        result.etiquette.skipped
    )
