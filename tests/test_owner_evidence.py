"""Issue 9: whose export it is, what the owner sent, and how much each tie rests on.

The fixture riley_2023 is a 2023 export: Connections.csv has no URL column and
there is no Profile.csv; messages.csv and Invitations.csv carry profile URLs.
"""

from __future__ import annotations

import csv
import io
import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from intropath import MemoryStore
from intropath.drafting import Profile, draft
from intropath.drafting.checks import run_checks
from intropath.errors import OwnerMismatch
from intropath.graphfile import load_document
from intropath.importers import import_linkedin, import_vcard
from intropath.importers.linkedin_read import Connection, Directory
from intropath.manual import import_ratings, ratings_template, set_tie
from intropath.model import Evidence, EvidenceKind, EvidenceLevel, GraphDocument, Tie
from intropath.planner import plan
from intropath.strength import level_of, score

FIXTURES = Path(__file__).parent / "fixtures" / "linkedin"
AS_OF = date(2024, 1, 1)
RILEY = "https://www.linkedin.com/in/riley-quinn-4b2a1"


def load(name: str | Path, document: GraphDocument | None = None, owner: str | None = None):
    path = name if isinstance(name, Path) else FIXTURES / name
    return import_linkedin(path, document, owner=owner, as_of=AS_OF)


def tie(document: GraphDocument, a: str, b: str) -> Tie:
    return next(t for t in document.ties if {t.a, t.b} == {a, b})


def messages(document: GraphDocument, a: str, b: str) -> tuple[int | None, int | None]:
    found = [e for e in tie(document, a, b).evidence if e.kind is EvidenceKind.MESSAGES]
    return (found[0].sent, found[0].received) if found else (0, 0)


def kinds(document: GraphDocument, a: str, b: str) -> list[EvidenceKind]:
    return [e.kind for e in tie(document, a, b).evidence]


# -- 1. an export of someone else is refused, not merged ---------------------


def test_another_persons_export_is_refused_and_changes_nothing():
    document, _ = load("alex_2024")
    before = document.model_dump_json()
    with pytest.raises(OwnerMismatch) as info:
        load("sam_2024", document)
    assert str(info.value) == (
        f"{FIXTURES}/sam_2024: this export is Sam Chen's, but this graph is Alex Morgan's; "
        "pass --fresh for a new graph, or --owner 'Sam Chen' to pool Sam Chen's network "
        "with Alex Morgan's"
    )
    assert document.model_dump_json() == before
    pooled, report = load("sam_2024", document, owner="Sam Chen")
    assert pooled.me == "alex-morgan" and report.owner == "sam-chen"


def test_an_export_naming_nobody_is_refused_by_a_named_graph():
    document, _ = load("alex_2024")
    with pytest.raises(OwnerMismatch, match="does not name its owner and this graph is Alex"):
        load("resaved", document)


def test_the_same_owner_reimports_without_owner(tmp_path):
    document, _ = load("riley_2023")
    again, report = load("riley_2023", document)
    assert report.owner == "riley-quinn" and again.me == "riley-quinn"


def test_an_unnamed_owner_is_named_by_their_linkedin_export(tmp_path):
    document, _ = import_vcard(FIXTURES / "addressbooks" / "contacts.vcf", as_of=AS_OF)
    assert document.me == "me"
    document, report = load("riley_2023", document)
    me = next(p for p in document.people if p.id == document.me)
    assert report.owner == "me" and me.name == "Riley Quinn" and me.profile_url == RILEY


def test_cli_refuses_with_one_line_and_leaves_the_graph(tmp_path):
    from typer.testing import CliRunner

    from intropath.cli import app

    runner = CliRunner()
    target = tmp_path / "g.json"
    first = runner.invoke(
        app, ["import", "linkedin", str(FIXTURES / "alex_2024"), "--into", str(target)]
    )
    assert first.exit_code == 0, first.output
    before = target.read_bytes()
    refused = runner.invoke(
        app, ["import", "linkedin", str(FIXTURES / "sam_2024"), "--into", str(target)]
    )
    assert refused.exit_code != 0
    assert refused.stderr.count("\n") == 1 and "--owner 'Sam Chen'" in refused.stderr
    assert target.read_bytes() == before
    fresh = runner.invoke(
        app, ["import", "linkedin", str(FIXTURES / "sam_2024"), "--into", str(target), "--fresh"]
    )
    assert fresh.exit_code == 0 and load_document(target).me == "sam-chen"


# -- 2. the owner's own messages, in every generation ------------------------


def test_sent_messages_count_without_urls_in_connections():
    document, report = load("riley_2023")
    assert document.me == "riley-quinn"
    assert messages(document, "riley-quinn", "dana-reyes") == (5, 4)  # 1:1 thread + group
    assert messages(document, "riley-quinn", "sam-chen") == (3, 2)
    assert messages(document, "riley-quinn", "lee-park") == (1, 0)
    assert messages(document, "riley-quinn", "kim-novak") == (0, 1)
    assert report.counts["messages"] == 15
    assert report.counts["messages with people outside your connections"] == 1
    assert report.counts["sponsored or spam messages skipped"] == 1
    sent = sum(e.sent or 0 for t in document.ties for e in t.evidence)
    assert sent == 8 + 1  # 8 messages sent; the group message reached two connections


@pytest.mark.parametrize("name", ["alex_2024", "caps_2019", "gen3_2021", "sam_2024"])
def test_owner_and_messages_without_profile_csv(tmp_path, name):
    with_profile, _ = load(name)
    copy = tmp_path / name
    shutil.copytree(FIXTURES / name, copy)
    (copy / "Profile.csv").unlink()
    without, report = load(copy)
    me = {p.id: p for p in with_profile.people}[with_profile.me]
    assert without.me == with_profile.me
    assert {p.id: p.name for p in without.people}[without.me] == me.name
    assert _message_counts(without) == _message_counts(with_profile)
    assert any(note.startswith(f"the owner, {me.name}, is named by") for note in report.notes)


def test_legacy_owner_named_by_direction_without_owner_option():
    named, _ = load("legacy_2018", owner="Jordan Lee")
    found, _ = load("legacy_2018")
    assert found.me == "jordan-lee"
    assert _message_counts(found) == _message_counts(named)


def test_the_owner_is_in_most_conversations_not_most_messages(tmp_path):
    copy = tmp_path / "x"
    shutil.copytree(FIXTURES / "riley_2023", copy)
    (copy / "Invitations.csv").unlink()
    chatty = "".join(
        f"2-r9,,Kim Novak,https://www.linkedin.com/in/kimnovak,Riley Quinn,{RILEY},"
        f"2023-07-0{d} 15:00:00 UTC,,ping {d},INBOX\n"
        for d in range(1, 10)
    )
    with (copy / "messages.csv").open("a", encoding="utf-8") as out:
        out.write(chatty)
    document, _ = load(copy)
    assert document.me == "riley-quinn"
    assert messages(document, "riley-quinn", "kim-novak") == (0, 10)


def test_a_name_never_matches_a_connection_with_another_url():
    people = [
        Connection("Dana Reyes", "https://www.linkedin.com/in/dana-reyes", None, "", "", None, ""),
        Connection("Lee Park", None, None, "", "", None, ""),
    ]
    directory = Directory(people)
    assert directory.find("https://www.linkedin.com/in/dana-reyes-2", "Dana Reyes") is None
    assert directory.find("https://www.linkedin.com/in/lee-park", "Lee Park") == 1
    assert directory.find(None, "Dana Reyes") == 0
    member_id = "https://www.linkedin.com/in/acoaab1x2y3z4_example"
    assert directory.find(member_id, "Dana Reyes") == 0  # not comparable: the name decides


def _message_counts(document: GraphDocument) -> dict[frozenset[str], tuple[int | None, ...]]:
    return {
        frozenset((t.a, t.b)): (e.count, e.sent, e.received)
        for t in document.ties
        for e in t.evidence
        if e.kind is EvidenceKind.MESSAGES
    }


# -- 3. the owner's name, never a placeholder --------------------------------


def test_the_owner_is_named_without_profile_csv():
    document, _ = load("riley_2023")
    me = next(p for p in document.people if p.id == document.me)
    assert me.name == "Riley Quinn" and me.profile_url == RILEY
    result = plan(MemoryStore(document), "The Muse")
    assert result.me.name == "Riley Quinn"


def _draft(document: GraphDocument, via: str, lang: str = "en"):
    profile = Profile(
        email="riley@example.com", about="an academic advisor", purpose="advice", timeline="soon"
    )
    return draft(MemoryStore(document), "Syracuse University", profile, via=via, lang=lang)


def test_a_draft_signed_with_a_placeholder_fails_its_check():
    document, _ = load("riley_2023")
    signed = _draft(document, "jamie-fox")
    assert "Riley" in signed.signoff and signed.report.passed
    for person in document.people:
        if person.id == document.me:
            person.name = "Me"
    unsigned = run_checks(_draft(document, "jamie-fox"))
    [names] = [c for c in unsigned.checks if c.name == "names"]
    assert not names.passed and "placeholder ('Me')" in names.detail


# -- 4. same employer: weak, once, only when it overlaps, said as it is ------


def test_same_employer_is_colleagues_once_and_only_when_current():
    document, _ = load("riley_2023")
    assert kinds(document, "riley-quinn", "jamie-fox").count(EvidenceKind.COLLEAGUES) == 1
    assert EvidenceKind.WORKED_TOGETHER not in {e.kind for t in document.ties for e in t.evidence}
    assert kinds(document, "riley-quinn", "lee-park") == [
        EvidenceKind.CONNECTED,
        EvidenceKind.MESSAGES,
    ]  # Riley left Acme: nothing says they overlapped
    student, friend = (
        tie(document, "riley-quinn", "jamie-fox"),
        tie(document, "riley-quinn", "dana-reyes"),
    )
    assert student.trust < friend.trust and student.familiarity < friend.familiarity


def test_two_positions_at_one_employer_count_once(tmp_path):
    copy = tmp_path / "x"
    shutil.copytree(FIXTURES / "riley_2023", copy)
    with (copy / "Positions.csv").open("a", encoding="utf-8") as out:
        out.write("Syracuse University,Lecturer,,Syracuse,Jan 2023,\n")
    document, _ = load(copy)
    assert kinds(document, "riley-quinn", "jamie-fox").count(EvidenceKind.COLLEAGUES) == 1


@given(sent=st.integers(3, 500), received=st.integers(3, 500), age=st.integers(0, 4000))
def test_colleagues_is_worth_less_than_a_real_conversation(sent, received, age):
    day = date.fromordinal(AS_OF.toordinal() - age).isoformat()
    talk = Evidence(kind="messages", count=sent + received, sent=sent, received=received, until=day)
    base = [Evidence(kind="connected", since="2015-01-01")]
    colleagues = score([*base, Evidence(kind="colleagues", at="Acme")], as_of=AS_OF)
    talked = score([*base, talk], as_of=AS_OF)
    assert colleagues.trust < talked.trust and colleagues.familiarity < talked.familiarity


@pytest.mark.parametrize(
    ("lang", "now", "never"),
    [
        ("en", "We are both at Syracuse University", "worked together"),
        ("de", "wir sind beide bei Syracuse University", "zusammengearbeitet"),
        ("sv", "Vi är båda på Syracuse University", "jobbade tillsammans"),
    ],
)
def test_drafts_say_colleagues_as_what_it_is(lang, now, never):
    document, _ = load("riley_2023")
    message = _draft(document, "jamie-fox", lang)
    assert now in message.text and never not in message.text
    assert message.report.passed, message.report.failed


def test_a_past_overlap_is_said_in_the_past_and_worked_together_is_caught():
    document, _ = load("riley_2023")
    jamie = tie(document, "riley-quinn", "jamie-fox")
    jamie.evidence = [
        Evidence(kind="colleagues", at="Acme", since="2018", until="2020", source="manual")
    ]
    message = _draft(document, "jamie-fox")
    assert "We overlapped at Acme (2018\u20132020)" in message.text
    forged = message.model_copy(
        update={"text": message.text.replace("overlapped at", "worked together at")}
    )
    [evidence] = [c for c in run_checks(forged).checks if c.name == "evidence"]
    assert not evidence.passed and "worked_together" in evidence.detail


# -- 6. evidence levels ------------------------------------------------------


def test_levels_of_the_riley_ties():
    document, _ = load("riley_2023")
    levels = {
        (t.b if t.a == "riley-quinn" else t.a): level_of(t.evidence).value for t in document.ties
    }
    assert levels == {
        "dana-reyes": "interacted",
        "sam-chen": "interacted",
        "jamie-fox": "weak",  # colleagues
        "lee-park": "weak",  # one message, no reply
        "kim-novak": "weak",
        "omar-haddad": "connected",  # an invitation without a note
        "ona-okafor": "connected",
    }


LEVEL_KINDS = list(EvidenceKind)


@st.composite
def any_evidence(draw: st.DrawFn) -> Evidence:
    kind = draw(st.sampled_from(LEVEL_KINDS))
    sent, received = draw(st.integers(0, 5)), draw(st.integers(0, 5))
    number = st.none() | st.floats(0, 1)
    directed = kind in (EvidenceKind.MESSAGES, EvidenceKind.EMAIL)
    return Evidence(
        kind=kind,
        at=draw(st.sampled_from([None, "Acme"])),
        count=sent + received if directed else draw(st.none() | st.integers(0, 3)),
        sent=sent if directed else None,
        received=received if directed else None,
        weight=draw(st.floats(0, 5)) if kind is EvidenceKind.MEETINGS else None,
        detail=draw(st.sampled_from([None, "with a personal note"])),
        trust=draw(number) if kind is EvidenceKind.RATING else None,
        familiarity=draw(number) if kind is EvidenceKind.RATING else None,
    )


ORDER = list(EvidenceLevel)


def test_mail_and_meetings_have_levels_like_messages():
    def level(**fields: object) -> str:
        return level_of([Evidence(kind="connected"), Evidence(**fields)]).value

    assert level(kind="email", sent=2, received=1, count=3) == "interacted"
    assert level(kind="email", sent=0, received=9, count=9) == "weak"
    assert level(kind="meetings", count=3, weight=3.0) == "interacted"  # three 1:1s
    assert level(kind="meetings", count=1, weight=1 / 199) == "weak"  # one all-hands


@given(st.lists(any_evidence(), max_size=6), st.lists(any_evidence(), max_size=3))
def test_more_evidence_never_lowers_the_level(items, more):
    assert ORDER.index(level_of([*items, *more])) <= ORDER.index(level_of(items))


@given(st.lists(any_evidence(), max_size=6))
def test_connected_only_means_the_model_adds_nothing_but_the_connection(items):
    """A 'connected' tie's numbers come from the prior and the connection date alone."""
    if level_of(items) is EvidenceLevel.CONNECTED:
        bare = [e for e in items if e.kind is EvidenceKind.CONNECTED]
        strength, alone = score(items, as_of=AS_OF), score(bare, as_of=AS_OF)
        assert (strength.trust, strength.familiarity) == (alone.trust, alone.familiarity)


def test_plan_carries_levels_and_warns_on_connected_only():
    document, _ = load("resaved", owner="Robin Vale")
    result = plan(MemoryStore(document), "Muse")
    [ask] = result.asks
    assert ask.level is EvidenceLevel.CONNECTED
    assert ask.best_path.hops[0].level is EvidenceLevel.CONNECTED
    assert result.evidence_note is not None and "'connected only'" in result.evidence_note
    assert '"level": "connected"' in result.to_json()
    rated = set_tie(document, "aisha-rossi", trust=0.8, as_of=AS_OF)
    assert level_of(rated.evidence) is EvidenceLevel.RATED
    again = plan(MemoryStore(document), "Muse")
    assert again.asks[0].level is EvidenceLevel.RATED and again.evidence_note is None


def test_sample_asks_are_not_connected_only():
    from intropath import load as load_store
    from intropath import sample_graph_path

    result = plan(load_store(sample_graph_path()), "Muse")
    assert result.evidence_note is None
    for ask in result.asks:
        assert ask.level == max((h.level for h in ask.best_path.hops), key=ORDER.index)


def test_ratings_template_round_trips_through_ratings_import(tmp_path):
    document, _ = load("riley_2023")
    result = plan(MemoryStore(document), "The Muse")
    text = ratings_template(result)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["person"], r["with"], r["level"]) for r in rows] == [
        ("dana-reyes", "riley-quinn", "interacted"),
        ("kim-novak", "riley-quinn", "weak evidence only"),
    ]
    untouched = document.model_dump_json()
    path = tmp_path / "ratings.csv"
    path.write_text(text, encoding="utf-8")
    report = import_ratings(document, path, as_of=AS_OF)
    assert report.skipped_count == 0 and document.model_dump_json() == untouched  # blank: no-op
    rows[1]["trust"], rows[1]["familiarity"] = "0.7", "0.4"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    import_ratings(document, path, as_of=AS_OF)
    kim = tie(document, "riley-quinn", "kim-novak")
    assert (kim.trust, kim.familiarity) == (0.7, 0.4)
    again = plan(MemoryStore(document), "The Muse")
    assert [(a.contact, a.level.value) for a in again.asks] == [
        ("kim-novak", "rated"),
        ("dana-reyes", "interacted"),
    ]
    assert [r["person"] for r in csv.DictReader(io.StringIO(ratings_template(again)))] == [
        "dana-reyes"
    ]


def test_ratings_template_cli(tmp_path):
    from typer.testing import CliRunner

    from intropath.cli import app
    from intropath.graphfile import save_document

    document, _ = load("resaved", owner="Robin Vale")
    graph = tmp_path / "g.json"
    save_document(document, graph)
    out = tmp_path / "r.csv"
    runner = CliRunner()
    result = runner.invoke(
        app, ["ratings", "template", "--company", "Muse", "-g", str(graph), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert out.read_text().splitlines()[0] == "person,name,with,trust,familiarity,note,level,why"
    found = runner.invoke(app, ["find", "--company", "Muse", "-g", str(graph)])
    assert "connected only" in found.stdout and "ratings template --company Muse" in found.stdout


def test_ratings_template_cells_are_never_formulas():
    document, _ = load("riley_2023")
    dana = next(p for p in document.people if p.id == "dana-reyes")
    dana.name = '=HYPERLINK("http://example.com","x")'
    rows = list(csv.DictReader(io.StringIO(ratings_template(plan(MemoryStore(document), "Muse")))))
    assert rows[0]["name"] == "'" + dana.name
    assert not any(v.startswith(("=", "+", "-", "@")) for row in rows for v in row.values())


@pytest.mark.parametrize("name", ["alex_2024", "riley_2023", "gen3_2021", "sam_2024"])
def test_every_message_row_is_accounted_for(name):
    text = (FIXTURES / name / "messages.csv").read_text(encoding="utf-8-sig")
    rows = len(list(csv.DictReader(io.StringIO(text))))
    _, report = load(name)
    accounted = sum(
        report.counts[what]
        for what in (
            "messages",
            "messages with people outside your connections",
            "sponsored or spam messages skipped",
            "unsent drafts skipped",
        )
    ) + sum("messages.csv" in line for line in report.skipped)
    assert accounted == rows


def test_notebook_view_shows_levels_and_the_note():
    document, _ = load("resaved", owner="Robin Vale")
    view = plan(MemoryStore(document), "Muse")._repr_html_()
    assert "<td>connected only</td>" in view and "rests on &#x27;connected only&#x27;" in view
    assert plan(MemoryStore(document), "Muse").to_dataframe()["level"].tolist() == ["connected"]


def test_pooled_positions_give_dated_overlaps_once_per_employer(tmp_path):
    copy = tmp_path / "sam"
    shutil.copytree(FIXTURES / "sam_2024", copy)
    with (copy / "Positions.csv").open("a", encoding="utf-8") as out:
        out.write("Initech,Intern,,Berlin,Jun 2015,Dec 2018\n")
        out.write("Initech,Engineer,,Berlin,Jan 2015,May 2015\n")  # before Alex: no overlap
        out.write("Globex,Engineer,,Berlin,2010,2012\n")
    document, _ = load("alex_2024")
    document, _ = load(copy, document, owner="Sam Chen")
    mine = [
        (e.at, e.since, e.until)
        for e in tie(document, "alex-morgan", "sam-chen").evidence
        if e.kind is EvidenceKind.COLLEAGUES and e.source == "linkedin:sam-chen"
    ]
    assert sorted(mine, key=str) == [("Acme", "2020-03", None), ("Initech", "2016", "2018-12")]
