"""Drafting on the bundled sample graph: every kind, channel and language, and the rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from intropath import load, plan
from intropath.drafting import (
    Channel,
    DraftError,
    Kind,
    Lang,
    Me,
    Profile,
    choose_path,
    compose,
    default_channel,
    draft,
    draft_for_plan,
)
from intropath.drafting.facts import choose_evidence, first_name, shorten, years
from intropath.drafting.paths import candidate_paths
from intropath.model import ContactPolicy, Evidence
from intropath.results import Hop, PathResult, PersonRef, Plan, Target, WeakestLink
from intropath.scoring import hop_kinds
from intropath.stores.memory import MemoryStore

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_graphs" / "sample.json"
GRAPH = SAMPLE if SAMPLE.is_file() else Path(__file__).parent / "fixtures" / "small.json"

PROFILE = Profile.model_validate(
    {
        "about": "a product designer who builds design systems",
        "purpose": "job",
        "timeline": "in the next two weeks",
        "texts": {
            "de": {
                "about": "Produktdesigner mit Schwerpunkt Designsysteme",
                "timeline": "in den nächsten zwei Wochen",
            },
            "sv": {
                "about": "produktdesigner med fokus på designsystem",
                "timeline": "inom de närmaste två veckorna",
            },
        },
    }
)
GREETING = {Lang.EN: r"^Hi .+,$", Lang.DE: r"^(Hallo|Guten Tag) .+,$", Lang.SV: r"^Hej .+!$"}


@pytest.fixture(scope="module")
def store() -> MemoryStore:
    return load(GRAPH)


@pytest.fixture(scope="module")
def muse(store: MemoryStore) -> Plan:
    return plan(store, "Muse", top=20)


def _path(result: Plan, hops: int) -> PathResult:
    return next(p for p in candidate_paths(result) if len(p.hops) == hops)


def _pick(path: PathResult) -> dict[str, str]:
    return {"via": path.people[1], "to": path.people[-1]}


INTRO_KINDS = [Kind.REQUEST, Kind.BLURB, Kind.FOLLOWUP, Kind.THANKS]
DIRECT_KINDS = [Kind.REFERRAL, Kind.FOLLOWUP, Kind.THANKS]


@pytest.mark.parametrize("lang", list(Lang))
@pytest.mark.parametrize("channel", list(Channel))
@pytest.mark.parametrize("kind", INTRO_KINDS)
def test_every_introduction_draft_passes_its_checks(
    store: MemoryStore, muse: Plan, kind: Kind, channel: Channel, lang: Lang
) -> None:
    path = _path(muse, 2)
    result = draft_for_plan(
        muse, store, PROFILE, kind=kind, channel=channel, lang=lang, **_pick(path)
    )
    assert result.passed, [f"{c.name}: {c.detail}" for c in result.report.failures]
    assert re.match(GREETING[lang], result.greeting)
    assert (result.subject is not None) == (channel is Channel.EMAIL)
    if result.limit:
        assert len(result.body) <= result.limit
    assert result.send_to.id == path.people[1]


@pytest.mark.parametrize("lang", list(Lang))
@pytest.mark.parametrize("channel", list(Channel))
@pytest.mark.parametrize("kind", DIRECT_KINDS)
def test_every_referral_draft_passes_its_checks(
    store: MemoryStore, muse: Plan, kind: Kind, channel: Channel, lang: Lang
) -> None:
    path = _path(muse, 1)
    result = draft_for_plan(
        muse, store, PROFILE, kind=kind, channel=channel, lang=lang, **_pick(path)
    )
    assert result.passed, [f"{c.name}: {c.detail}" for c in result.report.failures]
    assert result.introduce_to is None
    assert result.recipient.id == result.target.id == path.people[1]


@pytest.mark.parametrize("lang", list(Lang))
@pytest.mark.parametrize("channel", list(Channel))
def test_three_hop_request_asks_only_for_the_first_step(
    store: MemoryStore, muse: Plan, channel: Channel, lang: Lang
) -> None:
    path = _path(muse, 3)
    _contact, middle, target = (h.target for h in path.hops)
    result = draft_for_plan(
        muse, store, PROFILE, kind="request", channel=channel, lang=lang, **_pick(path)
    )
    assert result.passed, [f"{c.name}: {c.detail}" for c in result.report.failures]
    assert result.introduce_to is not None and result.introduce_to.id == middle.id
    assert middle.name in result.text and target.name in result.text
    asked = {Lang.EN: "introduce me to ", Lang.DE: "mich mit ", Lang.SV: "introducera mig för "}
    assert asked[lang] + middle.name in result.text  # the ask names the middle person
    assert asked[lang] + target.name not in result.text  # ... never the target


def test_the_english_request_reads_as_the_etiquette_asks(store: MemoryStore, muse: Plan) -> None:
    path = _path(muse, 2)
    result = draft_for_plan(muse, store, PROFILE, channel="email", **_pick(path))
    evidence = choose_evidence(path.hops[0].evidence)
    assert result.kind is Kind.REQUEST
    assert evidence is not None and evidence.at and evidence.at in result.text.split("\n")[0]
    assert "a product designer who builds design systems" in result.text
    assert "I'm applying for" in result.text  # the honest purpose
    assert "in the next two weeks" in result.text
    assert "completely fine" in result.text and "at most once" in result.text
    assert result.sender.email in result.text
    assert result.subject and path.target.name in result.subject


def test_defaults_pick_the_best_path_and_the_fitting_kind(store: MemoryStore, muse: Plan) -> None:
    result = draft_for_plan(muse, store, PROFILE)
    best = candidate_paths(muse)[0]
    assert result.path == best.names
    assert result.kind is (Kind.REFERRAL if len(best.hops) == 1 else Kind.REQUEST)


def test_draft_plans_then_drafts(store: MemoryStore) -> None:
    one = draft(store, "Muse", PROFILE, lang="sv")
    two = draft(GRAPH, "Muse", PROFILE, lang="sv")
    assert one.to_json() == two.to_json()  # the same inputs give the same draft
    assert one.lang is Lang.SV and one.greeting.startswith("Hej ")


def test_kind_must_fit_the_path(store: MemoryStore, muse: Plan) -> None:
    direct, intro = _path(muse, 1), _path(muse, 2)
    with pytest.raises(DraftError, match="ask for a referral"):
        draft_for_plan(muse, store, PROFILE, kind="request", **_pick(direct))
    with pytest.raises(DraftError, match="blurb is for introductions"):
        draft_for_plan(muse, store, PROFILE, kind="blurb", **_pick(direct))
    with pytest.raises(DraftError, match="use --kind request"):
        draft_for_plan(muse, store, PROFILE, kind="referral", **_pick(intro))
    with pytest.raises(DraftError, match="unknown kind 'poem'"):
        draft_for_plan(muse, store, PROFILE, kind="poem")


def test_via_and_to_must_name_a_planned_path(store: MemoryStore, muse: Plan) -> None:
    with pytest.raises(DraftError, match=r"nobody called 'nobody' among the people of the plan"):
        draft_for_plan(muse, store, PROFILE, via="nobody")
    path = _path(muse, 2)
    by_name = draft_for_plan(muse, store, PROFILE, via=path.hops[0].target.name.upper())
    assert by_name.send_to.id == path.people[1]


# ---- hand-made paths, for the rules that need a particular tie ----------------------------

ME = Me(name="Alex Morgan", email="alex@example.com", about="a designer", timeline="soon")


def make_path(
    names: list[str],
    evidence: list[Evidence],
    policy: ContactPolicy = ContactPolicy.OPEN,
    title: str | None = None,
) -> PathResult:
    """A path through ``names``; the first tie carries ``evidence``, the target ``title``."""
    refs = [
        PersonRef(id=f"p{i}", name=n, contact_policy=policy if i == 1 else ContactPolicy.OPEN)
        for i, n in enumerate(names)
    ]
    hops = [
        Hop(
            source=a,
            target=b,
            kind=k,
            trust=0.5,
            familiarity=0.5,
            factor=0.5,
            evidence=evidence if i == 0 else [],
        )
        for i, (k, a, b) in enumerate(
            zip(hop_kinds(len(refs) - 1), refs[:-1], refs[1:], strict=True)
        )
    ]
    end = refs[-1]
    return PathResult(
        people=[r.id for r in refs],
        score=0.5,
        hops=hops,
        target=Target(
            id=end.id,
            name=end.name,
            title=title,
            openness=1,
            role_match=1,
            weight=1,
            contact_policy=end.contact_policy,
        ),
        weakest_link=WeakestLink(index=0, factor=0.5, reason="test"),
    )


@pytest.mark.parametrize(
    ("evidence", "lang", "expected"),
    [
        ([], Lang.EN, "We are connected"),
        ([Evidence(kind="rating", detail="5/5")], Lang.EN, "We are connected"),
        (["we shared a flat in Lund"], Lang.SV, "Vi har kontakt med varandra"),
        (
            [Evidence(kind="note", at="the Lund climbing gym")],
            Lang.EN,
            "We know each other from the Lund climbing gym",
        ),
        (
            [Evidence(kind="met", at="Config 2023"), Evidence(kind="worked_together", at="Acme")],
            Lang.DE,
            "wir haben bei Acme zusammengearbeitet",
        ),
        (
            [Evidence(kind="studied_together", at="KTH", since="2010-09", until="2014")],
            Lang.SV,
            "Vi studerade tillsammans på KTH (2010\u20132014)",
        ),
    ],
)
def test_the_opening_comes_from_the_ties_evidence_and_nothing_else(
    evidence: list[Evidence], lang: Lang, expected: str
) -> None:
    path = make_path(["Alex Morgan", "Dana Reyes", "Lee Park"], evidence)
    result = compose(path, "The Muse", ME, kind=Kind.REQUEST, channel=Channel.EMAIL, lang=lang)
    assert result.text.startswith(expected)
    assert result.passed, [c.detail for c in result.report.failures]
    assert "shared a flat" not in result.body  # a private note is never quoted
    if not result.evidence:
        assert any("add the real reason" in line for line in result.advice)


def test_the_channel_follows_the_contact_policy() -> None:
    prefers = make_path(["A B", "Dana Reyes", "Lee Park"], [], ContactPolicy.PREFERS_EMAIL)
    result = compose(prefers, "Muse", ME, kind=Kind.REQUEST)
    assert result.channel is Channel.EMAIL
    assert any("no email address" in line for line in result.advice)
    chosen = compose(prefers, "Muse", ME, kind=Kind.REQUEST, channel=Channel.NOTE)
    assert chosen.channel is Channel.NOTE and "Dana Reyes prefers email." in chosen.advice
    open_ = make_path(["A B", "Dana Reyes", "Lee Park"], [])
    assert compose(open_, "Muse", ME, kind=Kind.REQUEST).channel is Channel.LINKEDIN
    known = compose(open_, "Muse", ME, kind=Kind.REQUEST, emails={"p1": "dana@example.com"})
    assert known.channel is Channel.EMAIL and known.send_to.email == "dana@example.com"
    assert default_channel(known.send_to) is Channel.EMAIL


def test_a_do_not_contact_contact_is_never_the_default(muse: Plan) -> None:
    shy = make_path(["Alex Morgan", "Shy Person", "Lee Park"], [], ContactPolicy.DO_NOT_CONTACT)
    shy = shy.model_copy(update={"score": 2.0})  # better than any real path
    rigged = muse.model_copy(update={"paths": [shy, *muse.paths]})
    assert candidate_paths(rigged)[0] is shy
    assert choose_path(rigged).hops[0].target.name != "Shy Person"
    with pytest.raises(DraftError, match="Shy Person asked not to be contacted"):
        choose_path(rigged, via="Shy Person")


def test_followup_says_it_is_the_last_and_thanks_has_no_ask() -> None:
    path = make_path(["Alex Morgan", "Dana Reyes", "Lee Park"], [])
    follow = compose(path, "The Muse", ME, kind=Kind.FOLLOWUP, channel=Channel.EMAIL)
    assert "This is my last message" in follow.text and "won't follow up again" in follow.text
    assert follow.subject == "Re: Introduction to Lee Park?"
    thanks = compose(path, "The Muse", ME, kind=Kind.THANKS, channel=Channel.EMAIL, lang=Lang.DE)
    assert "vielen Dank, dass Sie mich mit Lee Park bekannt gemacht haben" in thanks.text
    assert thanks.passed


def test_a_blurb_is_written_to_be_forwarded() -> None:
    path = make_path(
        ["Alex Morgan", "Dana Reyes", "Lee Park"], [Evidence(kind="worked_together", at="Acme")]
    )
    blurb = compose(path, "The Muse", ME, kind=Kind.BLURB, channel=Channel.EMAIL)
    assert blurb.greeting == "Hi Lee,"  # addressed to the person it is forwarded to
    assert blurb.send_to.name == "Dana Reyes" and blurb.recipient.name == "Lee Park"
    assert "Dana Reyes and I worked together at Acme" in blurb.text
    assert "alex@example.com" in blurb.text and "no problem at all" in blurb.text


def test_a_tight_note_still_carries_the_personal_reason() -> None:
    long = "Extraordinarily Long Name " * 6
    path = make_path(
        ["Alex Morgan", long, long, long],
        [Evidence(kind="worked_together", at="The Very Long Company " * 8)],
    )
    for lang in Lang:
        note = compose(path, long * 3, ME, kind=Kind.REQUEST, channel=Channel.NOTE, lang=lang)
        assert len(note.body) <= 300, note.body
        assert note.passed, [c.detail for c in note.report.failures]
        assert "The Very" in note.text  # the place, shortened, is still there
        assert "alex@example.com" in note.body


def test_user_templates_override_the_builtin_ones(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "thanks.j2").write_text(
        "{% block greeting %}Dear {{ greet }},{% endblock %}"
        "{% block body %}Thanks a lot for the introduction to {{ next.name }}.{% endblock %}"
        "{% block signoff %}{{ me.name }}{% endblock %}",
        encoding="utf-8",
    )
    path = make_path(["Alex Morgan", "Dana Reyes", "Lee Park"], [])
    result = compose(
        path, "Muse", ME, kind=Kind.THANKS, channel=Channel.EMAIL, template_dir=tmp_path
    )
    assert result.greeting == "Dear Dana,"
    assert result.text == "Thanks a lot for the introduction to Lee Park."
    assert result.subject is None  # the override has no subject block
    assert result.passed
    request = compose(path, "Muse", ME, kind=Kind.REQUEST, template_dir=tmp_path)
    assert request.greeting == "Hi Dana,"  # other kinds still come from the package


def test_a_broken_user_template_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "thanks.j2").write_text(
        "{% block body %}{{ nope }}{% endblock %}", encoding="utf-8"
    )
    path = make_path(["Alex Morgan", "Dana Reyes", "Lee Park"], [])
    with pytest.raises(DraftError, match=r"template en/thanks.j2, block body: 'nope' is undefined"):
        compose(path, "Muse", ME, kind=Kind.THANKS, template_dir=tmp_path)


def test_a_user_template_that_breaks_the_etiquette_fails_its_checks(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "request.j2").write_text(
        "{% block greeting %}Hello,{% endblock %}"
        "{% block body %}I'd like to add you to my professional network. Intro to [Name]?"
        "{% endblock %}{% block signoff %}Me{% endblock %}",
        encoding="utf-8",
    )
    path = make_path(["Alex Morgan", "Dana Reyes", "Lee Park"], [])
    result = compose(path, "Muse", ME, kind=Kind.REQUEST, template_dir=tmp_path)
    failed = {c.name for c in result.report.failures}
    assert failed == {"out", "email", "how_we_know", "boilerplate", "placeholders", "names"}


@pytest.mark.parametrize(
    ("name", "first"),
    [
        ("Dana Reyes", "Dana"),
        ("Reyes, Dana", "Dana"),
        ("Dana Reyes, PhD", "Dana"),
        ("Dr. Dana Reyes", "Dana"),
        ("Zoë O'Connor", "Zoë"),
        ("李小龍", "李小龍"),
        ("Prof. Dr. Anna Schmidt", "Anna"),
        ("Cher", "Cher"),
        (",", ","),
    ],
)
def test_first_name(name: str, first: str) -> None:
    assert first_name(name) == first


def test_shorten_and_years() -> None:
    assert shorten("Acme", 10) == "Acme"
    assert shorten("The Very Long Company Name", 14) == "The Very Long…"
    assert len(shorten("x" * 50, 10)) == 10
    assert years(Evidence(since="2019-03", until="2022")) == "2019\u20132022"
    assert years(Evidence(since="2019")) == ""
    assert years(Evidence(since="2020", until="2020-12")) == "2020"
