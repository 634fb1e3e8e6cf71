"""Errors say why: drafts refused for a reason name the reason; lookups suggest names."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from intropath import load, plan, sample_graph_path
from intropath.cli.app import app
from intropath.drafting import DraftError, Profile, draft_for_plan
from intropath.errors import PersonNotFound
from intropath.model import GraphDocument
from intropath.outreach import AskLog, AskStatus
from intropath.outreach.current import log_path
from intropath.people import find_person

ME = Profile(about="a product designer", purpose="job", timeline="this month")


def _error(**choice: str) -> str:
    store = load()
    with pytest.raises(DraftError) as caught:
        draft_for_plan(plan(store, "Muse"), store, ME, **choice)  # type: ignore[arg-type]
    return str(caught.value)


def test_the_hiring_manager_is_named_as_such() -> None:
    message = _error(to="priya")
    assert "Priya Raman is the hiring manager" in message
    assert "through the team or the recruiter" in message


def test_a_do_not_contact_person_is_named_as_such() -> None:
    assert "Björn Lindqvist is marked do-not-contact" in _error(via="bjorn")
    assert "Björn Lindqvist is marked do-not-contact" in _error(via="Björn Lindqvist")


def test_a_detour_contact_points_at_whom_to_ask() -> None:
    message = _error(via="guillaume-mercier")
    assert "goes through Zoë O'Connor" in message and "--via zoe" in message


def test_a_follow_up_on_a_closed_ask_says_it_is_closed() -> None:
    today = date.today()
    with AskLog(log_path()) as log:
        ask = log.record(
            me="alex", via="zoe", target="amara", company="The Muse", on=today - timedelta(200)
        )
        log.update(ask.id, AskStatus.DECLINED, today - timedelta(190))
    store = load()
    with pytest.raises(DraftError, match=r"your ask of Zoë O'Connor about Amara Okafor .* closed"):
        draft_for_plan(plan(store, "Muse"), store, ME, via="zoe", kind="followup")


@pytest.mark.parametrize(
    ("flag", "typo", "meant"),
    [("--via", "zoee", "Zoë O'Connor (zoe)"), ("--to", "amarra", "Amara Okafor (amara)")],
)
def test_draft_lookups_suggest_close_names(flag: str, typo: str, meant: str) -> None:
    result = CliRunner().invoke(app, ["draft", "--company", "Muse", flag, typo])
    assert result.exit_code != 0
    assert f"did you mean {meant}" in " ".join(result.output.split())


def test_explain_and_tie_set_suggest_close_names(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["explain", "zoee"], terminal_width=200)
    assert result.exit_code != 0 and "Zoë O'Connor (zoe)" in " ".join(result.output.split())
    graph = tmp_path / "g.json"
    shutil.copy(sample_graph_path(), graph)
    before = graph.read_bytes()
    args = ["tie", "set", "zoee", "--trust", "0.5", "--graph", str(graph)]
    result = CliRunner().invoke(app, args, terminal_width=200)
    assert result.exit_code != 0 and "Zoë O'Connor (zoe)" in " ".join(result.output.split())
    assert graph.read_bytes() == before


def test_find_person_suggests_by_first_name_and_accent() -> None:
    document = GraphDocument.model_validate(
        {"people": [{"id": "bjorn", "name": "Björn Lindqvist"}, {"id": "x", "name": "Xu Li"}]}
    )
    with pytest.raises(PersonNotFound) as caught:
        find_person(document.people, "Bjorm")
    assert caught.value.suggestions == ["Björn Lindqvist (bjorn)"]
    assert "did you mean Björn Lindqvist (bjorn)?" in str(caught.value)
