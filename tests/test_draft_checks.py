"""Each built-in check fails on a deliberately bad draft (a check that cannot fail is a defect)."""

from __future__ import annotations

from typing import Any

import pytest

from intropath.drafting import Channel, Draft, Kind, Lang, Me, compose, run_checks
from intropath.drafting.checks import count_sentences, masked
from intropath.model import Evidence
from test_draft import make_path

ME = Me(name="Alex Morgan", email="alex@example.com", about="a designer", timeline="soon")


MET = [Evidence(kind="met", at="Config 2023")]
PATH = make_path(["Alex Morgan", "Dana Reyes", "Lee Park"], MET, title="Product Designer")


def good(
    kind: Kind = Kind.REQUEST, channel: Channel = Channel.EMAIL, lang: Lang = Lang.EN
) -> Draft:
    draft = compose(PATH, "The Muse", ME, kind=kind, channel=channel, lang=lang)
    assert draft.passed, [c.detail for c in draft.report.failures]
    return draft


def failed(draft: Draft, **update: Any) -> dict[str, str]:
    """Re-check ``draft`` with ``update`` applied; the failing checks and their details."""
    changed = draft.model_copy(update=update)
    return {c.name: c.detail for c in run_checks(changed).failures}


def test_a_good_draft_passes_every_check() -> None:
    names = [c.name for c in good().report.checks]
    assert names == [
        "sentences",
        "out",
        "email",
        "how_we_know",
        "evidence",
        "boilerplate",
        "length",
        "placeholders",
        "names",
    ]


def test_sentences_fail_past_five() -> None:
    draft = good()
    extra = draft.text + " I love design. I love tea. I love maps."
    assert failed(draft, text=extra) == {"sentences": "8 sentences in the body (at most 5)"}


def test_a_blurb_needs_two_to_four_sentences() -> None:
    draft = good(Kind.BLURB)
    short = failed(
        draft,
        text="Hi, Dana Reyes and I met at Config 2023; alex@example.com, "
        "no problem at all if not, The Muse",
    )
    assert short["sentences"] == "1 sentences in the body (2 to 4)"


def test_names_with_full_stops_do_not_count_as_sentences() -> None:
    path = make_path(["Alex Morgan", "J. R. Smith", "Dr. Ann. B. Lee"], MET)
    draft = compose(path, "Acme Inc. Europe", ME, kind=Kind.REQUEST, channel=Channel.EMAIL)
    assert draft.report.checks[0].detail == "5 sentences in the body (at most 5)"
    assert count_sentences("One. Two! Three? four") == 3
    assert count_sentences(masked("Ask J. R. Smith. Then stop.", ["J. R. Smith"])) == 2


def test_a_name_of_punctuation_alone_is_no_sentence_end() -> None:
    """Hypothesis found a target named "." ending a sentence before "(A)?"; its
    neighbours' own full stops still count."""
    text = "Would you introduce me to . (A)? Then . can say no. Thanks. ."
    assert count_sentences(masked(text, ["."], words_only=True)) == 4
    path = make_path(["Alex Morgan", "Ann Lee", "."], MET)
    draft = compose(path, "Acme", ME, kind=Kind.REQUEST, channel=Channel.EMAIL)
    assert draft.passed, [c.detail for c in draft.report.failures]


@pytest.mark.parametrize(
    ("lang", "drop", "missing"),
    [
        (Lang.EN, "either is completely fine", "that declining is fine"),
        (Lang.EN, "I'll follow up at most once", "the promise to follow up at most once"),
        (Lang.EN, "You may not know Lee well, or", "that they may not know them well"),
        (Lang.DE, "beides ist völlig in Ordnung", "that declining is fine"),
        (Lang.DE, "ich melde mich höchstens noch einmal", "the promise to follow up"),
        (Lang.SV, "det är helt okej i båda fallen", "that declining is fine"),
        (Lang.SV, "bekväm", "that they may not feel comfortable"),
    ],
)
def test_the_out_is_checked_in_the_drafts_language(lang: Lang, drop: str, missing: str) -> None:
    draft = good(lang=lang)
    assert drop in draft.text
    assert missing in failed(draft, text=draft.text.replace(drop, "..."))["out"]


def test_an_english_out_does_not_pass_in_a_german_draft() -> None:
    german = good(lang=Lang.DE)
    english = good(lang=Lang.EN)
    out = english.text.split("\n\n")[-1]
    body = "\n\n".join([*german.text.split("\n\n")[:-1], out])
    assert "out" in failed(german, text=body)


def test_the_followup_must_say_it_is_the_last() -> None:
    draft = good(Kind.FOLLOWUP)
    text = draft.text.replace("This is my last message about it", "More soon").replace(
        "and I won't follow up again", "and I will write again"
    )
    assert failed(draft, text=text) == {"out": "the out does not say that this is the last message"}


def test_email_must_be_there() -> None:
    draft = good()
    assert failed(draft, text=draft.text.replace("alex@example.com", "me"))["email"] == (
        "your email alex@example.com is missing"
    )


def test_how_we_know_must_be_there_and_from_the_tie() -> None:
    draft = good()
    _first, rest = draft.text.split("\n\n", 1)
    assert "how_we_know" in failed(draft, text="Hello there. " + rest)
    stranger = Evidence(kind="worked_together", at="Globex")
    assert failed(draft, evidence=stranger)["how_we_know"] == (
        "'worked together at Globex' is not recorded on the tie"
    )
    assert failed(draft, how="we met")["how_we_know"].startswith("the opening does not name")
    generic = failed(
        draft,
        evidence=None,
        how="we are connected",
        text=draft.text.replace("We met at Config 2023", "We are connected"),
    )
    assert generic["how_we_know"] == (
        "the tie has evidence of how you know each other, but the draft ignores it"
    )


def test_evidence_the_tie_lacks_is_caught() -> None:
    draft = good()
    text = draft.text.replace("We met at Config 2023", "We worked together at Config 2023")
    assert failed(draft, text=text)["evidence"] == (
        "mentions evidence the tie does not show: worked_together"
    )
    swedish = good(lang=Lang.SV)
    text = swedish.text + " Vi studerade tillsammans."
    assert "studied_together" in failed(swedish, text=text)["evidence"]


def test_a_company_named_like_evidence_is_not_invented_evidence() -> None:
    draft = compose(PATH, "Met Office", ME, kind=Kind.REQUEST, channel=Channel.EMAIL)
    assert draft.passed


@pytest.mark.parametrize(
    "phrase",
    [
        "I'd like to add you to my professional network.",
        "I hope this email finds you well.",
        "Ich möchte Sie gern zu meinem beruflichen Netzwerk hinzufügen.",
        "Jag vill lägga till dig i mitt professionella nätverk.",
    ],
)
def test_generic_boilerplate_fails(phrase: str) -> None:
    draft = good(Kind.THANKS)
    assert "boilerplate" in failed(draft, text=draft.text + " " + phrase)


def test_a_note_over_300_characters_fails() -> None:
    draft = good(Kind.THANKS, Channel.NOTE)
    assert draft.limit == 300
    long = failed(draft, text=draft.text + " Really." * 40)
    assert long["length"].endswith("over the note limit of 300")
    email = good(Kind.THANKS)
    assert failed(email, subject="x" * 121)["length"] == "subject of 121 characters (at most 120)"


@pytest.mark.parametrize(
    "leftover",
    ["{{ next.name }}", "[Name]", "None", "<first name>", "$company", "TODO", "{% if x %}"],
)
def test_leftover_placeholders_fail(leftover: str) -> None:
    draft = good(Kind.THANKS)
    assert "placeholders" in failed(draft, text=f"{draft.text} {leftover}")


def test_a_person_called_none_is_not_a_placeholder() -> None:
    path = make_path(["Alex Morgan", "None", "[Name]"], MET)
    draft = compose(path, "{{ Co }}", ME, kind=Kind.REQUEST, channel=Channel.EMAIL)
    assert draft.passed, [c.detail for c in draft.report.failures]


def test_names_must_be_the_right_ones() -> None:
    draft = good()
    assert failed(draft, greeting="Hi Lee,")["names"] == (
        "the greeting does not address Dana Reyes"
    )
    no_target = draft.text.replace("Lee Park", "them")
    assert "the body does not name Lee Park" in failed(draft, text=no_target)["names"]
    assert "sign-off" in failed(draft, signoff="Best,\nSomeone")["names"]
    wrong_title = draft.text.replace("(Product Designer)", "(CEO)")
    assert failed(draft, text=wrong_title)["names"] == (
        "the body does not give Lee Park's title (Product Designer)"
    )


def test_checks_that_do_not_apply_are_left_out() -> None:
    thanks = good(Kind.THANKS)
    assert {c.name for c in thanks.report.checks} == {
        "sentences",
        "boilerplate",
        "length",
        "placeholders",
        "names",
    }
    long_email = Me(name="Alex", email="a" * 40 + "@example.com", about="x", timeline="soon")
    note = compose(PATH, "The Muse", long_email, kind=Kind.REQUEST, channel=Channel.NOTE)
    assert "email" not in {c.name for c in note.report.checks}


ONE_WAY = [
    Evidence(kind="connected", at="LinkedIn"),
    Evidence(kind="messages", count=3, sent=3, received=0),
    Evidence(kind="email", count=4, sent=0, received=4),
    Evidence(kind="meetings", count=1, weight=0.1),  # one all-hands of eleven people
]
BOTH_WAYS = {
    "messages": Evidence(kind="messages", count=5, sent=2, received=3),
    "email": Evidence(kind="email", count=6, sent=3, received=3, threads=2),
    "meetings": Evidence(kind="meetings", count=3, weight=1.5),
}
SAYS = {
    Lang.EN: {
        "messages": "have exchanged messages",
        "email": "in touch by email",
        "meetings": "in meetings together",
    },
    Lang.DE: {
        "messages": "Nachrichten ausgetauscht",
        "email": "per E-Mail Kontakt",
        "meetings": "zusammen in Besprechungen",
    },
    Lang.SV: {
        "messages": "skrivit till varandra",
        "email": "mejlat med varandra",
        "meetings": "möten tillsammans",
    },
}


@pytest.mark.parametrize("lang", list(Lang))
def test_messages_mail_and_meetings_nobody_shared_are_not_claimed(lang: Lang) -> None:
    path = make_path(["Alex Morgan", "Dana Reyes", "Lee Park"], ONE_WAY)
    draft = compose(path, "The Muse", ME, kind=Kind.REQUEST, channel=Channel.EMAIL, lang=lang)
    assert draft.passed, [c.detail for c in draft.report.failures]
    assert draft.evidence is not None and draft.evidence.kind == "connected"
    for phrase in SAYS[lang].values():
        assert phrase not in draft.text
    # A hand-edited draft that claims them anyway fails the evidence check.
    opening = draft.text + " " + SAYS[lang]["messages"] + "."
    assert "messages" in failed(draft, text=opening)["evidence"]


@pytest.mark.parametrize("lang", list(Lang))
@pytest.mark.parametrize("kind", sorted(BOTH_WAYS))
def test_messages_mail_and_meetings_both_ways_are_quoted(lang: Lang, kind: str) -> None:
    evidence = [Evidence(kind="connected", at="LinkedIn"), BOTH_WAYS[kind]]
    path = make_path(["Alex Morgan", "Dana Reyes", "Lee Park"], evidence)
    draft = compose(path, "The Muse", ME, kind=Kind.REQUEST, channel=Channel.EMAIL, lang=lang)
    assert draft.passed, [c.detail for c in draft.report.failures]
    assert draft.evidence == BOTH_WAYS[kind]
    assert SAYS[lang][kind] in draft.text
