"""The etiquette rules: who not to ask (yet), and what is due.

Each rule is a setting in the ``[etiquette]`` table of the config file, and
each explains itself whenever it changes a result, e.g. "Dana Reyes skipped:
you asked her 9 days ago; cooldown 30 days".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from pydantic import BaseModel, ConfigDict, Field

from ..errors import PersonNotFound
from ..model import ContactPolicy, Person, Tie
from .log import AskRecord, AskStatus

MAX_DAYS = 3650
"""Longest wait a rule may set (ten years)."""


class EtiquetteRules(BaseModel):
    """The rules' settings (``[etiquette]`` in the config file)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    cooldown_days: int = Field(
        30, ge=0, le=MAX_DAYS, description="Wait after asking someone, before asking again."
    )
    decline_cooldown_days: int = Field(
        90, ge=0, le=MAX_DAYS, description="Wait after someone declines."
    )
    followup_after_days: int = Field(
        7, ge=0, le=MAX_DAYS, description="Earliest day for the one follow-up."
    )
    silent_after_days: int = Field(
        14,
        ge=0,
        le=MAX_DAYS,
        description="Days of silence after the follow-up that count as a gentle no.",
    )
    max_open: int = Field(3, ge=1, le=10_000, description="Open asks at once.")
    max_per_week: int = Field(5, ge=1, le=10_000, description="Asks sent in any 7 days.")
    stranger_min_familiarity: float = Field(
        0.3,
        ge=0,
        le=1,
        description="Below this familiarity you are a stranger to a 'no_strangers' person.",
    )
    route_around_hiring_managers: bool = Field(
        True, description="Never target a hiring manager: go through the team or a recruiter."
    )


def effective(ask: AskRecord, rules: EtiquetteRules, today: date) -> AskRecord:
    """The ask as it stands on ``today``: a followed-up ask left unanswered goes silent."""
    if ask.status is AskStatus.FOLLOWED_UP and ask.followed_up_on is not None:
        silent_on = ask.followed_up_on + timedelta(days=rules.silent_after_days)
        if today >= silent_on:
            return ask.model_copy(update={"status": AskStatus.SILENT, "closed_on": silent_on})
    return ask


def _days(n: int) -> str:
    return f"{n} day{'s' * (n != 1)}"


@dataclass(frozen=True)
class Due:
    """What an open ask needs, as of a day."""

    ask: AskRecord
    action: str  # "follow_up", "wait", "await_reply"
    on: date
    message: str


def due(
    asks: Iterable[AskRecord], rules: EtiquetteRules, today: date, name: Callable[[str], str]
) -> list[Due]:
    """The open asks (as of ``today``) with what is due for each, soonest first."""
    result: list[Due] = []
    for stored in asks:
        if stored.sent_on > today:
            continue
        ask = effective(stored, rules, today)
        if not ask.status.is_open:
            continue
        via, target = name(ask.via), name(ask.target)
        if ask.status is AskStatus.SENT:
            on = ask.sent_on + timedelta(days=rules.followup_after_days)
            if on <= today:
                when = "today" if on == today else f"(due since {on})"
                message = (
                    f"Follow up with {via} about {target} {when}; it will be your last follow-up."
                )
                result.append(Due(ask, "follow_up", on, message))
            else:
                message = f"Asked {via} about {target}; a follow-up is possible from {on}."
                result.append(Due(ask, "wait", on, message))
        else:
            assert ask.followed_up_on is not None
            on = ask.followed_up_on + timedelta(days=rules.silent_after_days)
            message = (
                f"You followed up with {via} on {ask.followed_up_on}; no more follow-ups. "
                f"If there is no answer by {on}, take it as a gentle no."
            )
            result.append(Due(ask, "await_reply", on, message))
    return sorted(result, key=lambda d: (d.on, d.ask.id))


@dataclass
class Review:
    """What the rules change in one planning run, each with its reason."""

    skip_contacts: dict[str, str] = field(default_factory=dict)
    skip_pairs: dict[tuple[str, str], str] = field(default_factory=dict)
    avoid: dict[str, str] = field(default_factory=dict)
    """People kept off every path (as target and as introducer)."""
    notes: list[str] = field(default_factory=list)
    history: dict[str, str] = field(default_factory=dict)
    closed: dict[str, str] = field(default_factory=dict)
    """Contacts whose latest ask is closed, and how (a follow-up is no longer due)."""
    over_budget: bool = False


@dataclass(frozen=True)
class Etiquette:
    """The rules, the log of past asks, and the day to plan for."""

    rules: EtiquetteRules
    asks: tuple[AskRecord, ...]
    today: date
    team: tuple[AskRecord, ...] = ()
    """Asks recorded by anyone sharing the Neo4j store (the user's own included or not)."""

    def review(
        self,
        me: str,
        targets: Iterable[Person],
        person: Callable[[str], Person],
        tie: Callable[[str, str], Tie | None],
    ) -> Review:
        """Apply every rule for ``me`` planning towards ``targets``."""
        rules, today = self.rules, self.today
        review = Review()

        def name(person_id: str) -> str:
            # The log may mention people of another graph (the user switched files).
            try:
                return person(person_id).name
            except PersonNotFound:
                return person_id

        asks = [effective(a, rules, today) for a in self.asks if a.me == me and a.sent_on <= today]
        for ask in sorted(asks, key=lambda a: (a.sent_on, a.id)):
            via, target = name(ask.via), name(ask.target)
            ago = (today - ask.sent_on).days
            review.history[ask.via] = (
                f"asked {_days(ago)} ago about {target} ({ask.status.value.replace('_', ' ')})"
            )
            review.closed.pop(ask.via, None)
            if not ask.status.is_open:
                review.closed[ask.via] = (
                    f"your ask of {via} about {target} ({ask.sent_on}) is closed: "
                    f"{ask.status.value.replace('_', ' ')}"
                    + (f" on {ask.closed_on}" if ask.closed_on else "")
                )
            if ask.status.is_open:
                review.skip_contacts[ask.via] = (
                    f"{via} skipped: your ask of {ask.sent_on} is still open "
                    "(one open ask per contact)"
                )
            elif ask.status in (AskStatus.DECLINED, AskStatus.SILENT):
                closed = ask.closed_on or ask.sent_on
                word = "declined" if ask.status is AskStatus.DECLINED else "did not answer"
                review.skip_pairs[(ask.via, ask.target)] = (
                    f"{via} will not be asked about {target} again: they {word} on {closed}"
                )
                if (today - closed).days < rules.decline_cooldown_days:
                    review.skip_contacts[ask.via] = (
                        f"{via} skipped: they {word} {_days((today - closed).days)} ago; "
                        f"cooldown {_days(rules.decline_cooldown_days)}"
                    )
            elif ago < rules.cooldown_days:
                review.skip_contacts.setdefault(
                    ask.via,
                    f"{via} skipped: you asked them {_days(ago)} ago; "
                    f"cooldown {_days(rules.cooldown_days)}",
                )
        for ask in self.team:
            if ask.me == me or ask.sent_on > today:
                continue
            ask = effective(ask, rules, today)
            ago = (today - ask.sent_on).days
            if ask.status.is_open or ago < rules.cooldown_days:
                state = "has an open ask" if ask.status.is_open else f"was asked {_days(ago)} ago"
                review.skip_contacts.setdefault(
                    ask.via,
                    f"{name(ask.via)} skipped: {state} from your teammate "
                    f"{name(ask.me)} (team cooldown {_days(rules.cooldown_days)})",
                )
        for person_at in sorted(targets, key=lambda p: p.id):  # same order however loaded
            if rules.route_around_hiring_managers and person_at.hiring_manager:
                review.avoid[person_at.id] = (
                    f"{person_at.name} is the hiring manager: not approached, directly or "
                    "through an introduction; the plan goes through the team or the recruiter"
                )
            if person_at.contact_policy is ContactPolicy.NO_STRANGERS:
                known = tie(me, person_at.id)
                if known is not None and known.familiarity < rules.stranger_min_familiarity:
                    review.skip_pairs[(person_at.id, person_at.id)] = (
                        f"{person_at.name} prefers not to hear from strangers and you barely know "
                        f"them (familiarity {known.familiarity:.2f}): only a warm introduction"
                    )
        open_now = sum(a.status.is_open for a in asks)
        this_week = sum((today - a.sent_on).days < 7 for a in asks)
        if open_now >= rules.max_open:
            review.over_budget = True
            review.notes.append(
                f"You have {open_now} open asks (limit {rules.max_open}): "
                "wait for answers before asking anyone new."
            )
        if this_week >= rules.max_per_week:
            review.over_budget = True
            review.notes.append(
                f"You sent {this_week} asks in the last 7 days (limit {rules.max_per_week}): "
                "spread your requests out."
            )
        return review
