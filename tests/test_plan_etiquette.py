"""One plan everywhere, and no detours: scenario tests on the bundled sample."""

from __future__ import annotations

import json
from datetime import date

from typer.testing import CliRunner

from intropath import load, plan
from intropath.cli.app import app
from intropath.outreach import AskLog
from intropath.outreach.current import log_path


def _find_json(*args: str) -> dict[str, object]:
    result = CliRunner().invoke(app, ["find", "--company", "Muse", "--json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_no_ask_goes_through_another_contact_of_mine() -> None:
    result = plan(load(), "Muse", top=50)
    mine = {a.contact for a in result.asks} | {d.contact for d in result.detours}
    me = result.me.id
    sample = load()
    contacts = {t.b if t.a == me else t.a for t in sample.ties() if me in (t.a, t.b)}
    for ask in result.asks:
        assert not set(ask.best_path.people[2:-1]) & contacts, ask.best_path.route()
    # Zoë is asked first; those whose only way in went through her are pointed at her.
    assert result.asks[0].name == "Zoë O'Connor"
    through_zoe = [d for d in result.detours if d.through.id == "zoe"]
    assert len(through_zoe) >= 5 and all("zoe" in d.path.people[2:-1] for d in through_zoe)
    assert all("ask Zoë O'Connor directly" in d.reason for d in through_zoe)
    assert len(mine) == 11  # the same contacts as before, none lost silently


def test_the_cli_lists_detours_as_also_knows() -> None:
    result = CliRunner().invoke(app, ["find", "--company", "Muse"], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "also know Zoë O'Connor: ask Zoë O'Connor directly" in result.stdout
    assert "via Zoë O'Connor" not in result.stdout


def test_going_through_a_contact_is_kept_when_really_better() -> None:
    """A contact I barely know (trust 0.1) is better reached through a close friend."""
    from intropath.model import GraphDocument
    from intropath.stores.memory import MemoryStore

    def doc(trust_to_b: float) -> MemoryStore:
        return MemoryStore(
            GraphDocument.model_validate(
                {
                    "me": "me",
                    "people": [
                        {"id": "me", "name": "Me"},
                        {"id": "a", "name": "Ann"},
                        {"id": "b", "name": "Bo"},
                        {"id": "t", "name": "Tess", "company": "Muse"},
                    ],
                    "ties": [
                        {"a": "me", "b": "a", "trust": 0.9, "familiarity": 0.9},
                        {"a": "me", "b": "b", "trust": trust_to_b, "familiarity": 0.2},
                        {"a": "a", "b": "b", "trust": 0.9, "familiarity": 0.9},
                        {"a": "b", "b": "t", "trust": 0.8, "familiarity": 0.8},
                    ],
                    "companies": [{"name": "Muse"}],
                }
            )
        )

    weak = plan(doc(0.1), "Muse", etiquette=False)
    assert [a.best_path.people for a in weak.asks] == [["me", "a", "b", "t"], ["me", "b", "t"]]
    close = plan(doc(0.8), "Muse", etiquette=False)
    assert [a.best_path.people for a in close.asks] == [["me", "b", "t"]]
    assert [(d.contact, d.through.id) for d in close.detours] == [("a", "b")]


def test_plan_in_a_notebook_is_the_plan_of_the_cli() -> None:
    notebook = json.loads(plan(load(), "Muse").to_json())
    cli = _find_json()
    assert notebook["asks"] == cli["asks"] and notebook["detours"] == cli["detours"]
    assert notebook["etiquette"]["skipped"] == cli["etiquette"]["skipped"]
    assert all(p["target"]["id"] != "priya" for p in notebook["paths"])


def test_plan_applies_the_ask_log_by_default() -> None:
    with AskLog(log_path()) as log:
        log.record(me="alex", via="zoe", target="amara", company="The Muse", on=date.today())
    result = plan(load(), "Muse")
    assert "zoe" not in {a.contact for a in result.asks}
    assert result.etiquette is not None and any("Zoë" in s for s in result.etiquette.skipped)
    assert [a.contact for a in result.asks] == [a["contact"] for a in _find_json()["asks"]]


def test_opting_out_of_etiquette_is_explicit() -> None:
    free = plan(load(), "Muse", etiquette=False)
    assert free.etiquette is None
    assert "priya" in {p.target.id for p in plan(load(), "Muse", top=50, etiquette=False).paths}
    assert [a.contact for a in free.asks] == [
        a["contact"] for a in _find_json("--no-etiquette")["asks"]
    ]


def test_json_rounds_display_numbers_and_keeps_exact_scores() -> None:
    result = plan(load(), "Muse", top=20)
    document = json.loads(result.to_json())
    for shown, exact in zip(document["paths"], result.paths, strict=True):
        assert shown["score"] == exact.score  # exact, as computed
        for hop_json, hop in zip(shown["hops"], exact.hops, strict=True):
            assert hop_json["factor"] == round(hop.factor, 4)
            assert len(repr(hop_json["factor"])) <= 6  # 0.5600, not 0.5599999999999999
        assert shown["target"]["weight"] == round(exact.target.weight, 4)
        assert shown["weakest_link"]["factor"] == round(exact.weakest_link.factor, 4)
    assert any(h.factor != round(h.factor, 4) for p in result.paths for h in p.hops)
