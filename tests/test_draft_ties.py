"""Drafts read right for the tie: close, weak and connected-only, in all three languages."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from intropath import plan
from intropath.cli.app import app
from intropath.drafting import Channel, Draft, Lang, Profile, draft_for_plan
from intropath.graphfile import save_document
from intropath.model import GraphDocument
from intropath.stores.memory import MemoryStore

TIES = {
    # contact: (trust, familiarity, evidence on my tie with them)
    "close": (0.9, 0.8, [{"kind": "worked_together", "at": "Brightwave Labs"}]),
    "weak": (0.5, 0.3, [{"kind": "met", "at": "Config 2024"}]),
    "thin": (0.4, 0.2, [{"kind": "connected", "at": "LinkedIn", "since": "2023-04"}]),
}
DOCUMENT = GraphDocument.model_validate(
    {
        "me": "me",
        "people": [
            {"id": "me", "name": "Alex Morgan", "email": "alex@example.com"},
            {"id": "close", "name": "Dana Reyes"},
            {"id": "weak", "name": "Sam Chen"},
            {"id": "thin", "name": "Kim Berg"},
            {"id": "t", "name": "Lee Park", "company": "Muse", "title": "Designer"},
        ],
        "ties": [
            *(
                {"a": "me", "b": c, "trust": t, "familiarity": f, "evidence": e}
                for c, (t, f, e) in TIES.items()
            ),
            *({"a": c, "b": "t", "trust": 0.8, "familiarity": 0.8} for c in TIES),
        ],
        "companies": [{"name": "Muse"}],
    }
)
ME = Profile(about="a product designer", purpose="job", timeline="this month")
VOUCHING = {
    Lang.EN: "someone who knows my work",
    Lang.DE: "persönliche Empfehlung",
    Lang.SV: "någon som känner mitt arbete",
}


def _draft(via: str, lang: Lang, **options: object) -> Draft:
    store = MemoryStore(DOCUMENT)
    return draft_for_plan(
        plan(store, "Muse", etiquette=False), store, ME, via=via, lang=lang, **options
    )  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", list(Lang))
@pytest.mark.parametrize("via", list(TIES))
def test_a_draft_claims_only_what_the_tie_supports(via: str, lang: Lang) -> None:
    draft = _draft(via, lang)
    assert draft.passed, [c.detail for c in draft.report.failures]
    assert draft.thin_tie is (via == "thin")
    if via == "thin":
        assert VOUCHING[lang] not in draft.text
        assert any("thin tie" in line for line in draft.advice)
    else:
        assert VOUCHING[lang] in draft.text
        assert not any("thin tie" in line for line in draft.advice)
    assert "är kontakter" not in draft.body  # awkward Swedish, rewritten


@pytest.mark.parametrize(
    ("via", "options", "du"),
    [
        ("close", {}, True),
        ("weak", {}, False),
        ("thin", {}, False),
        ("close", {"formal": True}, False),
        ("weak", {"formal": False}, True),
    ],
)
def test_german_says_du_to_people_you_know_well(
    via: str, options: dict[str, bool], du: bool
) -> None:
    draft = _draft(via, Lang.DE, **options)
    assert draft.passed, [c.detail for c in draft.report.failures]
    assert ("Wärst du bereit" in draft.text) is du
    assert ("Wären Sie bereit" in draft.text) is not du
    assert draft.formality is not None and draft.formality.startswith("du" if du else "Sie")
    assert _draft(via, Lang.EN).formality is None


def test_the_me_setting_chooses_the_register() -> None:
    store = MemoryStore(DOCUMENT)
    formal = ME.model_copy(update={"formal": True})
    result = plan(store, "Muse", etiquette=False)
    draft = draft_for_plan(result, store, formal, via="close", lang="de")
    assert "Wären Sie bereit" in draft.text and draft.formality == "Sie (as you chose)"


@pytest.mark.parametrize("lang", list(Lang))
def test_no_connection_note_to_an_existing_connection(lang: Lang) -> None:
    connected = _draft("thin", lang, channel="note")
    assert connected.channel is Channel.LINKEDIN
    assert any("already a connection" in line for line in connected.advice)
    assert connected.passed
    stranger_on_linkedin = _draft("close", lang, channel="note")
    assert stranger_on_linkedin.channel is Channel.NOTE and len(stranger_on_linkedin.body) <= 300


@pytest.mark.parametrize(
    ("about", "lang", "warned"),
    [
        ("Produktdesignerin aus Berlin", Lang.EN, True),
        ("a product designer", Lang.DE, True),
        ("en produktdesigner från Malmö", Lang.DE, True),
        ("a product designer", Lang.EN, False),
        ("Produktdesignerin aus Berlin", Lang.DE, False),
        ("UX lead", Lang.SV, False),
    ],
)
def test_text_in_another_language_is_warned_about(about: str, lang: Lang, warned: bool) -> None:
    me = ME.updated(about=about)  # as from --about-me
    store = MemoryStore(DOCUMENT)
    draft = draft_for_plan(plan(store, "Muse", etiquette=False), store, me, via="close", lang=lang)
    assert any("looks like" in line for line in draft.advice) is warned


def test_the_cli_warns_about_a_thin_tie(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    graph = tmp_path / "g.json"
    save_document(DOCUMENT, graph)
    args = ["draft", "-c", "Muse", "-g", str(graph), "--via", "thin", "--no-etiquette"]
    args += ["--about-me", "a designer", "--purpose", "job", "--timeline", "soon"]
    args += ["--email", "alex@example.com"]
    piped = CliRunner().invoke(app, args)
    assert piped.exit_code == 0, piped.output
    assert "thin tie" in piped.stderr and "thin tie" not in piped.stdout
    for module in ("intropath.cli.app", "intropath.cli.draft"):
        monkeypatch.setattr(sys.modules[module], "stdout_is_terminal", lambda: True)
    shown = CliRunner().invoke(app, args)
    assert "Warning: this ask rests on a thin tie" in " ".join(shown.stdout.split())
