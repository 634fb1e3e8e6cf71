"""The strength model: bounded, monotone, explained, configurable and documented."""

from __future__ import annotations

import re
from dataclasses import fields
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from intropath.errors import ConfigError
from intropath.model import Evidence, EvidenceKind
from intropath.settings import settings_from
from intropath.strength import (
    DEFAULT_PARAMS,
    StrengthParams,
    explain_lines,
    score,
)

TODAY = date(2025, 1, 1)
KINDS = [k for k in EvidenceKind if k is not EvidenceKind.RATING]
days = st.integers(min_value=0, max_value=8000)


@st.composite
def evidence(draw: st.DrawFn) -> Evidence:
    kind = draw(st.sampled_from(KINDS))
    since = TODAY - timedelta(days=draw(days))
    until = draw(
        st.none() | st.integers(0, (TODAY - since).days).map(lambda d: since + timedelta(d))
    )
    sent, received = draw(st.integers(0, 500)), draw(st.integers(0, 500))
    mail = kind in (EvidenceKind.MESSAGES, EvidenceKind.EMAIL)
    return Evidence(
        kind=kind,
        since=since.isoformat(),
        until=until.isoformat() if until else None,
        count=sent + received if mail else draw(st.none() | st.integers(0, 50)),
        sent=sent if mail else None,
        received=received if mail else None,
        threads=draw(st.integers(0, 100)) if kind is EvidenceKind.EMAIL else None,
        weight=draw(st.floats(0, 100)) if kind is EvidenceKind.MEETINGS else None,
        direction=draw(st.sampled_from([None, "given", "received"])),
        detail=draw(st.sampled_from([None, "with a personal note"])),
        source=draw(st.sampled_from([None, "linkedin:a", "linkedin:b", "manual"])),
    )


evidence_lists = st.lists(evidence(), max_size=8)


@given(evidence_lists)
def test_bounded(items):
    s = score(items, as_of=TODAY)
    assert 0 <= s.trust <= 1 and 0 <= s.familiarity <= 1
    assert (
        s.trust >= DEFAULT_PARAMS.prior_trust and s.familiarity >= DEFAULT_PARAMS.prior_familiarity
    )


@given(evidence_lists, evidence())
def test_more_evidence_never_lowers(items, extra):
    before, after = score(items, as_of=TODAY), score([*items, extra], as_of=TODAY)
    assert after.trust >= before.trust and after.familiarity >= before.familiarity


@given(evidence_lists, evidence(), st.integers(1, 3000))
def test_more_recent_evidence_never_lowers(items, item, shift):
    def moved(e: Evidence, by: int) -> Evidence:
        change = {
            k: (date.fromisoformat(v) + timedelta(by)).isoformat()
            for k in ("since", "until")
            if (v := getattr(e, k))
        }
        return e.model_copy(update=change)

    older = score([*items, moved(item, -shift)], as_of=TODAY)
    newer = score([*items, item], as_of=TODAY)
    if item.kind is EvidenceKind.CONNECTED:  # connected longer ago is the stronger fact
        older, newer = newer, older
    assert newer.trust >= older.trust and newer.familiarity >= older.familiarity


@given(evidence_lists, st.integers(0, 400), st.integers(0, 400), st.booleans())
def test_another_message_never_lowers(items, sent, received, outgoing):
    def msgs(s: int, r: int) -> Evidence:
        return Evidence(kind="messages", count=s + r, sent=s, received=r, until="2024-06-01")

    before = score([*items, msgs(sent, received)], as_of=TODAY)
    after = score([*items, msgs(sent + outgoing, received + (not outgoing))], as_of=TODAY)
    assert after.trust >= before.trust and after.familiarity >= before.familiarity


@given(
    evidence_lists,
    st.integers(0, 400),
    st.integers(0, 400),
    st.integers(0, 100),
    st.sampled_from(["sent", "received", "threads"]),
)
def test_another_email_or_thread_never_lowers(items, sent, received, threads, more):
    def mail(numbers: dict[str, int]) -> Evidence:
        count = numbers["sent"] + numbers["received"]
        return Evidence(kind="email", count=count, until="2024-06-01", **numbers)

    numbers = {"sent": sent, "received": received, "threads": threads}
    before = score([*items, mail(numbers)], as_of=TODAY)
    after = score([*items, mail({**numbers, more: numbers[more] + 1})], as_of=TODAY)
    assert after.trust >= before.trust and after.familiarity >= before.familiarity


@given(evidence_lists, st.integers(0, 300), st.floats(0, 300), st.integers(2, 500))
def test_another_meeting_never_lowers(items, count, weight, size):
    def met(n: int, w: float) -> Evidence:
        return Evidence(kind="meetings", count=n, weight=w, until="2024-06-01")

    before = score([*items, met(count, weight)], as_of=TODAY)
    after = score([*items, met(count + 1, weight + 1 / (size - 1))], as_of=TODAY)
    assert after.trust >= before.trust and after.familiarity >= before.familiarity


def test_a_one_to_one_says_more_than_a_seat_at_an_all_hands():
    def fam(size: int) -> float:
        item = Evidence(kind="meetings", count=10, weight=10 / (size - 1), until="2024-12-01")
        return score([item], as_of=TODAY).familiarity

    assert fam(2) > fam(5) > fam(200) > DEFAULT_PARAMS.prior_familiarity


def test_email_and_linkedin_messages_are_different_facts():
    linkedin = Evidence(kind="messages", count=20, sent=10, received=10, source="linkedin:a")
    mail = Evidence(kind="email", count=20, sent=10, received=10, source="mail:a")
    assert score([linkedin, mail], as_of=TODAY).familiarity > score([mail], as_of=TODAY).familiarity


def test_connected_with_no_evidence_gets_the_low_prior():
    s = score([Evidence(kind="connected")], as_of=TODAY)
    assert (s.trust, s.familiarity) == (0.1, 0.05)


def test_replies_count_more_than_one_way_messages():
    one_way = score([Evidence(kind="messages", count=20, sent=20, received=0)], as_of=TODAY)
    both = score([Evidence(kind="messages", count=20, sent=10, received=10)], as_of=TODAY)
    assert both.familiarity > one_way.familiarity


def test_recency_decays_familiarity_towards_a_floor():
    def fam(year: int) -> float:
        return score(
            [Evidence(kind="messages", count=40, sent=20, received=20, until=f"{year}-01-01")],
            as_of=TODAY,
        ).familiarity

    assert fam(2024) > fam(2020) > fam(2000) > DEFAULT_PARAMS.prior_familiarity


def test_a_rating_overrides_and_is_explained():
    items = [
        Evidence(kind="worked_together", at="Acme"),
        Evidence(kind="rating", trust=0.3, since="2024-01-01", source="manual"),
        Evidence(kind="rating", familiarity=0.9, since="2024-05-01", source="manual"),
    ]
    s = score(items, as_of=TODAY)
    assert s.familiarity == 0.9 and s.trust == 0.55  # the latest rating sets familiarity only
    assert explain_lines(s)[-1] == "your rating overrides: familiarity 0.90"
    assert explain_lines(s)[1].startswith("+ worked together at Acme: trust +0.50")


def test_the_same_fact_from_two_pooled_exports_counts_once():
    one = [Evidence(kind="worked_together", at="Acme", source="linkedin:a")]
    two = [*one, Evidence(kind="worked_together", at="Acme", source="linkedin:b")]
    assert score(one, as_of=TODAY).trust == score(two, as_of=TODAY).trust


def test_params_from_config():
    params = settings_from({"strength": {"prior_trust": 0.2, "half_life_days": 90}}).strength
    assert params.prior_trust == 0.2 and params.half_life_days == 90.0
    assert settings_from({}).strength == DEFAULT_PARAMS


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"prior_trus": 0.2}, "config: [strength] prior_trus: unknown setting"),
        (
            {"prior_trust": 1.0},
            "config: [strength] prior_trust: must be a number in [0, 1), got 1.0",
        ),
        ({"half_life_days": 0}, "config: [strength] half_life_days: must be a number > 0, got 0.0"),
        ({"met_trust": "high"}, "config: [strength] met_trust: must be a number, got 'high'"),
        ({"met_trust": True}, "config: [strength] met_trust: must be a number, got True"),
    ],
)
def test_bad_params(table, message):
    with pytest.raises(ConfigError) as info:
        settings_from({"strength": table})
    assert str(info.value) == message


def test_every_parameter_is_documented_with_its_default():
    doc = (Path(__file__).parents[1] / "docs" / "strength-model.md").read_text()
    for item in fields(StrengthParams):
        default = getattr(StrengthParams(), item.name)
        assert re.search(rf"`{item.name}`\s*\|\s*{default:g}\s*\|", doc), item.name


@pytest.mark.parametrize(
    "item",
    [
        Evidence(kind="email", sent=20, received=22, threads=9, since="2022-03-01",
                 until="2024-12-01"),
        Evidence(kind="email", sent=30, received=0, threads=0, until="2024-12-01"),
        Evidence(kind="email", sent=20, received=22, threads=9, until="2021-01-01"),
        Evidence(kind="meetings", count=12, weight=12, until="2024-12-01"),
        Evidence(kind="meetings", count=6, weight=2, until="2024-12-01"),
        Evidence(kind="meetings", count=50, weight=0.2513, until="2024-12-01"),
    ],
)  # fmt: skip
def test_the_worked_examples_are_what_the_model_computes(item):
    doc = (Path(__file__).parents[1] / "docs" / "strength-model.md").read_text()
    s = score([item], as_of=TODAY)
    part = s.contributions[0]
    row = f"| {part.trust:.2f} | {part.familiarity:.2f} | {s.trust:.2f} | {s.familiarity:.2f} |"
    assert row in doc


def test_the_combined_worked_example():
    items = [
        Evidence(kind="email", sent=20, received=22, threads=9, until="2024-12-01"),
        Evidence(kind="meetings", count=12, weight=12, until="2024-12-01"),
        Evidence(kind="connected", since="2018-05-01"),
    ]
    s = score(items, as_of=TODAY)
    doc = (Path(__file__).parents[1] / "docs" / "strength-model.md").read_text()
    assert f"trust {s.trust:.2f} and\nfamiliarity {s.familiarity:.2f}" in doc
