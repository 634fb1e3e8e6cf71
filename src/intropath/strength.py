"""The strength model: from a tie's evidence to its trust and familiarity.

Each piece of evidence contributes a number in [0, 1) to trust and one to
familiarity; a tie starts from a low prior (being connected with no evidence)
and the contributions are combined as independent reasons (a noisy OR)::

    trust = 1 - (1 - prior_trust) * (1 - c1) * (1 - c2) * ...

so every number stays in [0, 1], and more evidence, or stronger, or more
recent evidence, never lowers it (the model is monotone). Evidence of one kind
from several sources (two pooled exports both see the same connection) is
counted once: the strongest source of each kind counts. A rating the user
gave (evidence of kind ``rating``) overrides the number it sets.

What each kind contributes, and the defaults, are documented in
``docs/strength-model.md``; every parameter can be changed in the
``[strength]`` table of the config file (see :mod:`intropath.settings`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import ConfigDict, ValidationInfo, field_validator
from pydantic.dataclasses import dataclass as pydantic_dataclass

from .model import Evidence, EvidenceKind, EvidenceLevel

DAYS_PER_YEAR = 365.25


@pydantic_dataclass(frozen=True, config=ConfigDict(extra="forbid"))
class StrengthParams:
    """Every number of the strength model (``[strength]`` in the config file).

    Weights are the most one piece of evidence can add, in [0, 1).
    """

    prior_trust: float = 0.1
    prior_familiarity: float = 0.05
    half_life_days: float = 365.0
    familiarity_floor: float = 0.2
    trust_half_life_days: float = 1825.0
    trust_floor: float = 0.5
    connected_trust: float = 0.1
    connected_familiarity: float = 0.05
    connected_years_scale: float = 4.0
    message_trust: float = 0.35
    message_familiarity: float = 0.85
    message_scale: float = 12.0
    one_way_share: float = 0.25
    worked_together_trust: float = 0.5
    worked_together_familiarity: float = 0.45
    studied_together_trust: float = 0.35
    studied_together_familiarity: float = 0.3
    shared_employer_trust: float = 0.08
    shared_employer_familiarity: float = 0.04
    shared_school_trust: float = 0.05
    shared_school_familiarity: float = 0.02
    colleagues_trust: float = 0.05
    colleagues_familiarity: float = 0.03
    recommendation_received_trust: float = 0.6
    recommendation_given_trust: float = 0.45
    recommendation_familiarity: float = 0.15
    endorsement_trust: float = 0.04
    endorsement_familiarity: float = 0.01
    invitation_note_trust: float = 0.08
    invitation_note_familiarity: float = 0.1
    introduction_trust: float = 0.4
    introduction_familiarity: float = 0.2
    met_trust: float = 0.15
    met_familiarity: float = 0.2
    # mail and calendar archives (intropath import mail / calendar)
    email_trust: float = 0.4
    email_familiarity: float = 0.85
    email_scale: float = 40.0
    email_thread_scale: float = 10.0
    meeting_trust: float = 0.3
    meeting_familiarity: float = 0.7
    meeting_scale: float = 5.0

    @field_validator("*", mode="before")
    @classmethod
    def _number(cls, value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"must be a number, got {value!r}")
        return value

    @field_validator("*")
    @classmethod
    def _in_range(cls, value: float, info: ValidationInfo) -> float:
        positive = str(info.field_name).endswith(("_days", "_scale"))
        if not (math.isfinite(value) and (value > 0 if positive else 0 <= value < 1)):
            rule = "a number > 0" if positive else "a number in [0, 1)"
            raise ValueError(f"must be {rule}, got {value!r}")
        return value


DEFAULT_PARAMS = StrengthParams()


@dataclass(frozen=True)
class Contribution:
    """What one piece of evidence adds, before combination."""

    evidence: Evidence
    trust: float
    familiarity: float


@dataclass(frozen=True)
class TieStrength:
    """A tie's two numbers with the reasoning behind them."""

    trust: float
    familiarity: float
    prior_trust: float
    prior_familiarity: float
    contributions: list[Contribution] = field(default_factory=list)
    rating: Evidence | None = None


def score(
    evidence: Iterable[Evidence], params: StrengthParams = DEFAULT_PARAMS, as_of: date | None = None
) -> TieStrength:
    """Trust and familiarity from evidence, explained.

    Parameters
    ----------
    evidence
        The facts behind one tie.
    params
        The model's numbers (see :class:`StrengthParams`).
    as_of
        The day recency is measured from (default: today).

    Examples
    --------
    >>> from intropath.model import Evidence
    >>> s = score([Evidence(kind="worked_together", at="Acme")], as_of=date(2024, 1, 1))
    >>> s.trust, s.familiarity
    (0.55, 0.4775)
    """
    today = as_of or date.today()
    contributions: list[Contribution] = []
    rating: Evidence | None = None
    # per kind, per source: the part of trust and familiarity left unexplained
    rest: dict[EvidenceKind, dict[str, list[float]]] = {}
    for item in evidence:
        if item.kind is EvidenceKind.RATING:
            if rating is None or _rating_order(item) >= _rating_order(rating):
                rating = item
            continue
        t, f = _contribution(item, params, today)
        if t or f:
            contributions.append(Contribution(item, t, f))
            left = rest.setdefault(item.kind, {}).setdefault(item.source or "", [1.0, 1.0])
            left[0] *= 1 - t
            left[1] *= 1 - f
    trust_rest = 1 - params.prior_trust
    fam_rest = 1 - params.prior_familiarity
    for by_source in rest.values():  # the same fact seen by two owners counts once
        trust_rest *= min(left[0] for left in by_source.values())
        fam_rest *= min(left[1] for left in by_source.values())
    trust, familiarity = _clip(1 - trust_rest), _clip(1 - fam_rest)
    if rating is not None:
        trust = rating.trust if rating.trust is not None else trust
        familiarity = rating.familiarity if rating.familiarity is not None else familiarity
    return TieStrength(
        round(trust, 4),
        round(familiarity, 4),
        params.prior_trust,
        params.prior_familiarity,
        contributions,
        rating,
    )


def _rating_order(item: Evidence) -> str:
    return item.since or ""


def _clip(value: float) -> float:
    return float(min(1.0, max(0.0, value)))


def to_date(text: str | None) -> date | None:
    """An evidence date (``2020``, ``2020-03`` or ``2020-03-05``) as a day; None if not one."""
    if not text:
        return None
    parts = text.strip()[:10].split("-")
    try:
        numbers = [int(p) for p in parts] + [1, 1]
        return date(numbers[0], numbers[1], numbers[2])
    except (ValueError, IndexError):
        return None


def _recency(when: date | None, today: date, half_life: float, floor: float) -> float:
    """1 for now (or undated), decaying by half every ``half_life`` days towards ``floor``."""
    if when is None:
        return 1.0
    age = max(0, (today - when).days)
    return float(floor + (1 - floor) * 0.5 ** (age / half_life))


def _at_least_one(weight: float, count: int | None) -> float:
    """The chance that at least one of ``count`` independent reasons holds."""
    return 1 - (1 - weight) ** max(1, count or 1)


def _contribution(item: Evidence, p: StrengthParams, today: date) -> tuple[float, float]:
    kind = item.kind
    ongoing = item.until is None
    when = to_date(item.until) or (None if ongoing and kind in _SPANS else to_date(item.since))
    fresh_f = _recency(when, today, p.half_life_days, p.familiarity_floor)
    fresh_t = _recency(when, today, p.trust_half_life_days, p.trust_floor)
    if kind is EvidenceKind.CONNECTED:
        since = to_date(item.since)
        years = max(0.0, (today - since).days / DAYS_PER_YEAR) if since else 0.0
        grown = 1 - math.exp(-years / p.connected_years_scale)
        return p.connected_trust * grown, p.connected_familiarity * grown
    if kind is EvidenceKind.MESSAGES:
        volume = 1 - math.exp(-_effective_messages(item, p) / p.message_scale)
        return p.message_trust * volume * fresh_t, p.message_familiarity * volume * fresh_f
    if kind is EvidenceKind.EMAIL:
        volume = _email_volume(item, p)
        return p.email_trust * volume * fresh_t, p.email_familiarity * volume * fresh_f
    if kind is EvidenceKind.MEETINGS:
        volume = 1 - math.exp(-(item.weight or 0.0) / p.meeting_scale)
        return p.meeting_trust * volume * fresh_t, p.meeting_familiarity * volume * fresh_f
    if kind is EvidenceKind.RECOMMENDATION:
        weight = (
            p.recommendation_given_trust
            if item.direction == "given"
            else p.recommendation_received_trust
        )
        return (
            _at_least_one(weight, item.count) * fresh_t,
            _at_least_one(p.recommendation_familiarity, item.count) * fresh_f,
        )
    if kind is EvidenceKind.ENDORSEMENT:
        return (
            _at_least_one(p.endorsement_trust, item.count) * fresh_t,
            _at_least_one(p.endorsement_familiarity, item.count) * fresh_f,
        )
    if kind is EvidenceKind.INVITATION:
        if not item.detail:
            return 0.0, 0.0  # a bare invitation says nothing beyond the connection
        return p.invitation_note_trust * fresh_t, p.invitation_note_familiarity * fresh_f
    weights = {
        EvidenceKind.WORKED_TOGETHER: (p.worked_together_trust, p.worked_together_familiarity),
        EvidenceKind.STUDIED_TOGETHER: (p.studied_together_trust, p.studied_together_familiarity),
        EvidenceKind.SHARED_EMPLOYER: (p.shared_employer_trust, p.shared_employer_familiarity),
        EvidenceKind.SHARED_SCHOOL: (p.shared_school_trust, p.shared_school_familiarity),
        EvidenceKind.COLLEAGUES: (p.colleagues_trust, p.colleagues_familiarity),
        EvidenceKind.INTRODUCTION: (p.introduction_trust, p.introduction_familiarity),
        EvidenceKind.MET: (p.met_trust, p.met_familiarity),
    }.get(kind)
    if weights is None:  # a note: words, no number
        return 0.0, 0.0
    return weights[0] * fresh_t, weights[1] * fresh_f


_SPANS = frozenset(
    {
        EvidenceKind.WORKED_TOGETHER,
        EvidenceKind.STUDIED_TOGETHER,
        EvidenceKind.SHARED_EMPLOYER,
        EvidenceKind.SHARED_SCHOOL,
        EvidenceKind.COLLEAGUES,
    }
)
"""Kinds that describe a period: with no end date they are still going on."""


def _effective_messages(item: Evidence, p: StrengthParams) -> float:
    """Replies count fully; messages nobody answered count ``one_way_share`` each."""
    if item.sent is None or item.received is None:
        return (item.count or 0) * (1 + p.one_way_share) / 2
    both = min(item.sent, item.received)
    return 2 * both + p.one_way_share * (max(item.sent, item.received) - both)


def _email_volume(item: Evidence, p: StrengthParams) -> float:
    """In [0, 1): effective messages on ``email_scale`` plus threads both wrote in."""
    messages = _effective_messages(item, p)
    return 1 - math.exp(-messages / p.email_scale - (item.threads or 0) / p.email_thread_scale)


def explain_lines(strength: TieStrength) -> list[str]:
    """The reasoning as short lines, strongest contribution first."""
    lines = [
        f"prior for a connection: trust {strength.prior_trust:.2f}, "
        f"familiarity {strength.prior_familiarity:.2f}"
    ]
    ranked = sorted(strength.contributions, key=lambda c: -(c.trust + c.familiarity))
    for item in ranked:
        lines.append(
            f"+ {item.evidence.describe()}: trust +{item.trust:.2f}, "
            f"familiarity +{item.familiarity:.2f}"
        )
    if strength.rating is not None:
        rated = [
            f"{name} {value:.2f}"
            for name, value in (
                ("trust", strength.rating.trust),
                ("familiarity", strength.rating.familiarity),
            )
            if value is not None
        ]
        lines.append(f"your rating overrides: {', '.join(rated)}")
    return lines


_INTERACTED = frozenset(
    {
        EvidenceKind.WORKED_TOGETHER,
        EvidenceKind.STUDIED_TOGETHER,
        EvidenceKind.MET,
        EvidenceKind.RECOMMENDATION,
        EvidenceKind.INTRODUCTION,
        EvidenceKind.NOTE,
    }
)
"""Kinds that say the two know each other (a note is the user's own account)."""

_WEAK = frozenset(
    {
        EvidenceKind.COLLEAGUES,
        EvidenceKind.SHARED_EMPLOYER,
        EvidenceKind.SHARED_SCHOOL,
        EvidenceKind.ENDORSEMENT,
        EvidenceKind.MESSAGES,
    }
)
"""Kinds that hint at a relationship without showing one (messages: one way only)."""

_LEVELS = list(EvidenceLevel)


def level_of(evidence: Iterable[Evidence]) -> EvidenceLevel:
    """How much a tie's numbers rest on: the best level any of its evidence reaches.

    ``rated``: the user rated the tie; ``interacted``: messages both ways, a
    recommendation, an introduction, having met or worked or studied together,
    small meetings, or the user's note; ``weak``: only the same employer, a school,
    endorsements, an invitation with a note, one-way messages or mail, or large
    meetings; ``connected``: nothing but the
    connection.

    >>> level_of([Evidence(kind="connected"), Evidence(kind="colleagues", at="Acme")]).value
    'weak'
    """
    best = EvidenceLevel.CONNECTED
    for item in evidence:
        level = _level(item)
        if _LEVELS.index(level) < _LEVELS.index(best):
            best = level
    return best


def _level(item: Evidence) -> EvidenceLevel:
    kind = item.kind
    if kind is EvidenceKind.RATING:  # the user's judgement, in numbers or in words
        return EvidenceLevel.RATED
    if kind is EvidenceKind.MEETINGS:
        # a handful of meetings of a few people is knowing someone; one all-hands is not
        return EvidenceLevel.INTERACTED if (item.weight or 0) >= 0.5 else EvidenceLevel.WEAK
    if kind in (EvidenceKind.MESSAGES, EvidenceKind.EMAIL):
        if item.sent is None or item.received is None:
            both = (item.count or 0) > 1  # direction unknown: more than one message
        else:
            both = item.sent > 0 and item.received > 0
        if both:
            return EvidenceLevel.INTERACTED
        return (
            EvidenceLevel.WEAK
            if (item.count or item.sent or item.received)
            else EvidenceLevel.CONNECTED
        )
    if kind in _INTERACTED:
        return EvidenceLevel.INTERACTED
    if kind in _WEAK or (kind is EvidenceKind.INVITATION and item.detail):
        return EvidenceLevel.WEAK
    return EvidenceLevel.CONNECTED


def weakest_level(levels: Iterable[EvidenceLevel]) -> EvidenceLevel:
    """The least-founded of several levels (a path is only as well known as its weakest tie)."""
    return max(levels, key=_LEVELS.index, default=EvidenceLevel.CONNECTED)
