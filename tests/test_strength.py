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
    return Evidence(
        kind=kind,
        since=since.isoformat(),
        until=until.isoformat() if until else None,
        count=draw(st.none() | st.integers(0, 50))
        if kind is not EvidenceKind.MESSAGES
        else sent + received,
        sent=sent if kind is EvidenceKind.MESSAGES else None,
        received=received if kind is EvidenceKind.MESSAGES else None,
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
