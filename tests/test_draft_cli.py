"""`intropath draft` through the CLI runner, and where the user's profile comes from."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from intropath.cli import app
from intropath.drafting import Kind, Lang, Profile, ProfileError, resolve
from intropath.errors import ConfigError

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_graphs" / "sample.json"
GRAPH = str(SAMPLE if SAMPLE.is_file() else Path(__file__).parent / "fixtures" / "small.json")
ME_FLAGS = ["--about-me", "a product designer", "--purpose", "job", "--timeline", "this month"]

runner = CliRunner()


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def config_dir() -> Path:
    path = Path(os.environ["INTROPATH_CONFIG_DIR"])
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the CLI as if its output went to a terminal."""
    for module in ("intropath.cli.app", "intropath.cli.draft"):
        monkeypatch.setattr(sys.modules[module], "stdout_is_terminal", lambda: True)


def test_draft_prints_the_message_and_its_checks(terminal: None) -> None:
    code, out, err = run("draft", "-c", "Muse", "-g", GRAPH, *ME_FLAGS)
    assert code == 0, err
    assert "Introduction request to" in out or "Referral request to" in out
    assert "All checks passed." in out
    assert "completely fine" in out


@pytest.mark.parametrize("plain", [["--plain"], []])
def test_plain_or_piped_output_is_the_message_alone(plain: list[str]) -> None:
    """--plain, and piped output by default: what to paste, and nothing else."""
    code, out, err = run("draft", "-c", "Muse", "-g", GRAPH, *ME_FLAGS, "--json")
    message = json.loads(out)
    code, out, err = run("draft", "-c", "Muse", "-g", GRAPH, *ME_FLAGS, *plain)
    assert code == 0, err
    assert out == f"Subject: {message['subject']}\n\n{message['body']}\n"
    assert all(line == line.rstrip() for line in out.splitlines())
    assert "Checks" not in out and "╭" not in out


def test_piped_tables_are_not_wrapped_and_have_no_trailing_spaces() -> None:
    code, out, err = run("find", "-c", "Muse", "-g", GRAPH)
    assert code == 0, err
    assert all(line == line.rstrip() for line in out.splitlines())
    assert max(len(line) for line in out.splitlines()) > 80  # long lines kept whole
    assert any(
        line.endswith("an introduction to Amara Okafor (Senior Product Designer)")
        for line in out.splitlines()
    )


def test_draft_json_is_the_documented_document() -> None:
    code, out, _ = run(
        "draft", "-c", "Muse", "-g", GRAPH, *ME_FLAGS, "--json", "--channel", "note", "--lang", "sv"
    )
    assert code == 0
    doc = json.loads(out)
    assert doc["schema"] == "intropath.draft/1"
    assert doc["channel"] == "note" and doc["lang"] == "sv" and doc["limit"] == 300
    assert len(doc["body"]) <= 300 and doc["body"].startswith("Hej ")
    assert all(check["passed"] for check in doc["report"]["checks"])


def test_missing_essentials_are_a_clear_error_outside_a_terminal() -> None:
    code, out, err = run("draft", "-c", "Muse", "-g", GRAPH)
    assert code == 1 and out == ""
    assert err.splitlines()[-1] == (
        "Error: missing about, purpose, timeline for a request: set them under [me] in your "
        "config file (intropath.toml or the user config dir) or pass --about-me --purpose "
        "--timeline"
    )


def test_missing_essentials_are_prompted_for_in_a_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("intropath.cli.draft._is_terminal", lambda: True)
    code, out, err = run(
        "draft", "-c", "Muse", "-g", GRAPH, input="a designer of maps\nadvice\nbefore June\n"
    )
    assert code == 0, err
    words = " ".join(out.replace("│", " ").split())  # the panel may wrap anywhere
    assert "a designer of maps" in words and "before June" in words
    assert "Your purpose (job, advice, partnership or sale)" in err


def test_the_profile_comes_from_the_config_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (config_dir() / "config.toml").write_text(
        '[me]\nabout = "a designer"\npurpose = "partnership"\ntimeline = "this spring"\n'
        'email = "me@example.org"\nlang = "de"\n'
        '[me.de]\nabout = "Designerin"\ntimeline = "im Frühjahr"\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    (tmp_path / "intropath.toml").write_text('[me]\nname = "Alex M."\n', encoding="utf-8")
    code, out, err = run("draft", "-c", "Muse", "-g", GRAPH, "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["lang"] == "de" and doc["sender"]["name"] == "Alex M."
    assert "Designerin" in doc["body"] and "im Frühjahr" in doc["body"]
    assert "me@example.org" in doc["body"] and "Partnerschaft" in doc["body"]
    flagged = json.loads(run("draft", "-c", "Muse", "-g", GRAPH, "--json", "--timeline", "bald")[1])
    assert "bald" in flagged["body"]  # a flag beats [me.de]


def test_a_bad_config_is_a_one_line_error() -> None:
    (config_dir() / "config.toml").write_text('[me]\nmood = "great"\n', encoding="utf-8")
    code, _, err = run("draft", "-c", "Muse", "-g", GRAPH, *ME_FLAGS)
    assert code == 1
    assert err.splitlines()[-1] == (
        f"Error: {config_dir() / 'config.toml'}: [me] unknown key 'mood' (use name, email, "
        "about, purpose, timeline, role, lang, formal)"
    )


def test_strict_turns_failed_checks_into_exit_code_1(terminal: None) -> None:
    templates = config_dir() / "templates" / "en"
    templates.mkdir(parents=True)
    for kind in ("request", "referral"):
        (templates / f"{kind}.j2").write_text(
            "{% block greeting %}Hi {{ greet }},{% endblock %}"
            "{% block body %}Could you help me out?{% endblock %}"
            "{% block signoff %}{{ me.name }}{% endblock %}",
            encoding="utf-8",
        )
    code, out, _ = run("draft", "-c", "Muse", "-g", GRAPH, *ME_FLAGS)
    assert code == 0 and "FAIL" in out and "Some checks failed." in out
    code, out, err = run("draft", "-c", "Muse", "-g", GRAPH, *ME_FLAGS, "--strict")
    assert code == 1 and "Could you help me out?" in out
    assert err.splitlines()[-1] == (
        "Error: the draft failed 4 check(s): out, email, how_we_know, names"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--purpose", "fun"],
            "Error: purpose must be one of job, advice, partnership, sale; got 'fun'",
        ),
        (["--email", "nope"], "Error: email 'nope' does not look like an email address"),
        (["--via", "nobody"], "Error: nobody called 'nobody' among the people of the plan"),
        (["--kind", "referral", "--max-hops", "3", "--to", "nobody"], "Error: nobody called"),
    ],
)
def test_bad_input_is_one_error_line(args: list[str], message: str) -> None:
    code, out, err = run("draft", "-c", "Muse", "-g", GRAPH, *ME_FLAGS, *args)
    assert code == 1 and out == ""
    assert err.splitlines()[-1].startswith(message)


def test_an_unknown_channel_is_rejected_by_the_parser() -> None:
    code, _, err = run("draft", "-c", "Muse", "-g", GRAPH, "--channel", "fax")
    assert code == 2 and "fax" in err


def test_help_documents_every_option() -> None:
    code, out, _ = run("draft", "--help")
    assert code == 0
    for option in (
        "--company",
        "--via",
        "--to",
        "--channel",
        "--kind",
        "--lang",
        "--json",
        "--strict",
        "--graph",
        "--me",
        "--role",
        "--purpose",
        "--about-me",
        "--email",
        "--timeline",
        "--name",
    ):
        assert option in out


# ---- the profile itself ------------------------------------------------------------------


def test_profile_from_config_tables() -> None:
    profile = Profile.from_config(
        {"profile": {"name": " Alex  Morgan ", "purpose": "Sales", "sv": {"about": "designer."}}}
    )
    assert profile.name == "Alex Morgan" and profile.purpose == "sale"
    assert profile.text("about", Lang.SV) == "designer" and profile.text("about", Lang.EN) is None
    assert Profile.from_config({}) == Profile()


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"me": "Alex"}, "config: [me] must be a table"),
        ({"me": {"fr": {"about": "x"}}}, "config: [me] unknown language 'fr' (use en, de, sv)"),
        (
            {"me": {"de": {"name": "x"}}},
            "config: [me] de: only about, timeline, role can be set per language",
        ),
        (
            {"me": {"about": "x" * 201}},
            "config: [me] about is 201 characters; keep it to 200 (one line)",
        ),
        ({"me": {"email": 42}}, "config: [me] email must be text, got 42"),
        ({"me": {"timeline": "  "}}, "config: [me] timeline is empty"),
    ],
)
def test_profile_errors_name_the_problem(table: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        Profile.from_config(table)
    assert str(caught.value) == message


def test_resolve_uses_the_graph_and_asks_only_for_what_is_needed() -> None:
    asked: list[str] = []

    def ask(field: str, label: str) -> str:
        asked.append(field)
        return {"about": "a designer", "purpose": "job", "timeline": "soon"}[field]

    me = resolve(Profile(), Kind.REQUEST, Lang.EN, graph_name="Alex", graph_email="a@b.co", ask=ask)
    assert asked == ["about", "purpose", "timeline"]
    assert (me.name, me.email, me.about, me.timeline) == ("Alex", "a@b.co", "a designer", "soon")
    assert resolve(Profile(), Kind.THANKS, Lang.EN, graph_name="Alex").name == "Alex"
    with pytest.raises(ProfileError, match="missing email for a followup"):
        resolve(Profile(), Kind.FOLLOWUP, Lang.EN, graph_name="Alex")


def test_untranslated_texts_are_pointed_out() -> None:
    profile = Profile(about="a designer", purpose="job", timeline="soon", name="A", email="a@b.co")
    me = resolve(profile, Kind.REQUEST, Lang.DE)
    assert me.notes == [
        "about and timeline come from [me], not [me.de]: make sure they read well in this language"
    ]
    assert resolve(profile, Kind.REQUEST, Lang.EN).notes == []
    assert (
        resolve(profile.updated(about="Designer", timeline="bald"), Kind.REQUEST, Lang.DE).notes
        == []
    )


def test_the_draft_for_find_is_for_the_top_ask() -> None:
    from intropath import load, plan
    from intropath.cli.draft import draft_for_find
    from intropath.drafting import plan_with_draft_json

    (config_dir() / "config.toml").write_text(
        '[me]\nabout = "a designer"\npurpose = "job"\ntimeline = "soon"\n', encoding="utf-8"
    )
    store = load(GRAPH)
    result = plan(store, "Muse")
    message = draft_for_find(result, store, lang=Lang.DE)
    assert message.send_to.id == result.asks[0].contact
    assert message.passed and message.lang is Lang.DE
    doc = json.loads(plan_with_draft_json(result, message))
    assert doc["schema"] == "intropath.plan/1" and doc["draft"]["schema"] == "intropath.draft/1"
    assert doc["draft"]["body"] == message.body


def test_no_path_is_a_clear_error() -> None:
    small = str(Path(__file__).parent / "fixtures" / "small.json")
    code, out, err = run("draft", "-c", "Initech", "-g", small, *ME_FLAGS)
    assert code == 1 and out == ""
    assert err.splitlines()[-1] == (
        "Error: no path to anyone at Initech within 3 hops; run `intropath find` for other ways in"
    )
