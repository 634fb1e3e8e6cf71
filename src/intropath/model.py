"""The data model: people, companies, groups and ties, as pydantic models.

These models are the boundary of intropath: graph files, importers, the API and
the CLI all speak them. The planner's hot path works on the compact arrays a
store builds from them (see :mod:`intropath.stores.memory`).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from .contact_policy import ContactPolicy as ContactPolicy

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Strength = Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False)]


class EvidenceKind(StrEnum):
    """What kind of fact supports a tie's numbers."""

    WORKED_TOGETHER = "worked_together"
    STUDIED_TOGETHER = "studied_together"
    MET = "met"
    RECOMMENDATION = "recommendation"
    ENDORSEMENT = "endorsement"
    MESSAGES = "messages"
    INTRODUCTION = "introduction"
    CONNECTED = "connected"
    INVITATION = "invitation"
    RATING = "rating"
    NOTE = "note"
    SHARED_EMPLOYER = "shared_employer"
    SHARED_SCHOOL = "shared_school"
    COLLEAGUES = "colleagues"
    EMAIL = "email"
    MEETINGS = "meetings"


class EvidenceLevel(StrEnum):
    """How much a tie's numbers rest on, best first (see :func:`intropath.strength.level_of`)."""

    RATED = "rated"
    INTERACTED = "interacted"
    WEAK = "weak"
    CONNECTED = "connected"

    @property
    def label(self) -> str:
        """The level in words, as results show it."""
        return _LEVEL_LABELS[self]


_LEVEL_LABELS = {
    EvidenceLevel.RATED: "rated by you",
    EvidenceLevel.INTERACTED: "interacted",
    EvidenceLevel.WEAK: "weak evidence only",
    EvidenceLevel.CONNECTED: "connected only",
}


OWNER_PLACEHOLDER = "Me"
"""What an owner no file names is called until they are named (never a draft's signature)."""


def is_placeholder_name(name: str | None) -> bool:
    """Is ``name`` missing, or a stand-in such as "Me" rather than a person's name?"""
    return " ".join((name or "").split()).casefold() in {"", "me", "you", "owner", "your name"}


class _Model(BaseModel):
    # coerce_numbers_to_str: a YAML "id: 42" or "since: 2019" is text, as in JSON.
    model_config = ConfigDict(
        extra="forbid", frozen=False, str_strip_whitespace=True, coerce_numbers_to_str=True
    )


class Evidence(_Model):
    """One fact behind a tie: ``{"kind": "worked_together", "at": "Acme"}``.

    A bare string in a graph file is read as a free-text note.
    """

    kind: EvidenceKind = EvidenceKind.NOTE
    at: str | None = Field(None, description="Where: a company, school, event or place.")
    detail: str | None = Field(None, description="Free text, e.g. 'same team for 3 years'.")
    since: str | None = Field(None, description="When it started or happened (ISO date or year).")
    until: str | None = Field(None, description="When it ended, if it did.")
    count: int | None = Field(None, ge=0, description="How many (messages, endorsements...).")
    sent: int | None = Field(None, ge=0, description="Messages sent by the owner (of count).")
    received: int | None = Field(None, ge=0, description="Messages received by the owner.")
    direction: Literal["given", "received"] | None = Field(
        None, description="For recommendations, endorsements, invitations: from the owner or to."
    )
    trust: Strength | None = Field(None, description="A rating's trust (kind 'rating').")
    familiarity: Strength | None = Field(None, description="A rating's familiarity.")
    source: str | None = Field(
        None, description="Provenance: 'manual', or an import such as 'linkedin:alex'."
    )
    threads: int | None = Field(None, ge=0, description="Email threads where both wrote.")
    weight: float | None = Field(
        None,
        ge=0,
        allow_inf_nan=False,
        description="Meetings weighted by size: a meeting of n people counts 1/(n-1).",
    )

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, data: Any) -> Any:
        if isinstance(data, str):
            return {"kind": "note", "detail": data}
        return data

    def describe(self) -> str:
        """A short human phrase, e.g. 'worked together at Acme (2019-2022)'."""
        text = self.kind.value.replace("_", " ")
        if self.at:
            text += f" at {self.at}"
        if self.count is not None:
            text += f" ({self.count})"
        if self.until:
            text += f" ({self.since or '?'} to {self.until})"
        elif self.since:
            text += f" ({self.since})"
        if self.detail:
            text = self.detail if self.kind is EvidenceKind.NOTE else f"{text}: {self.detail}"
        return text


class Position(_Model):
    """A job, current or past."""

    company: NonEmpty
    title: str | None = None
    team: str | None = None
    current: bool = True
    start: str | None = None
    end: str | None = None


class Person(_Model):
    """A person in the network.

    ``company`` and ``title`` are a shortcut for one current position.
    """

    id: NonEmpty
    name: NonEmpty
    headline: str | None = None
    email: str | None = None
    profile_url: str | None = None
    contact_policy: ContactPolicy = ContactPolicy.OPEN
    recruiter: bool = False
    hiring_manager: bool = False
    do_not_ask: bool = Field(False, description="Never ask this person for an introduction.")
    positions: list[Position] = Field(default_factory=list)
    groups: list[str] = Field(default_factory=list, description="Ids of groups the person is in.")
    sources: list[str] = Field(
        default_factory=list, description="Imports that mention this person, e.g. 'linkedin:alex'."
    )

    @model_validator(mode="before")
    @classmethod
    def _shortcut_position(cls, data: Any) -> Any:
        if isinstance(data, dict) and ("company" in data or "title" in data):
            data = dict(data)
            company = data.pop("company", None)
            title = data.pop("title", None)
            if company:
                positions = data.get("positions", [])
                if not isinstance(positions, list):
                    raise ValueError("'positions' must be a list")
                data["positions"] = [
                    {"company": company, "title": title, "current": True},
                    *positions,
                ]
            elif title:
                raise ValueError("'title' is given without 'company'")
        return data

    @property
    def current_positions(self) -> list[Position]:
        return [p for p in self.positions if p.current]

    @property
    def title(self) -> str | None:
        """The title of the first current position, if any."""
        return next((p.title for p in self.current_positions if p.title), None)


class Company(_Model):
    """A company, with the other names people use for it."""

    name: NonEmpty
    aliases: list[str] = Field(default_factory=list)


GroupKind = Literal["school", "community", "group"]


class Group(_Model):
    """A school, community or other group whose members share a context."""

    id: NonEmpty
    name: NonEmpty
    kind: GroupKind = "group"
    members: list[str] = Field(default_factory=list)


class Tie(_Model):
    """An undirected relationship with its two numbers and their evidence."""

    a: NonEmpty
    b: NonEmpty
    trust: Strength = Field(description="How readily each would vouch for the other, in [0, 1].")
    familiarity: Strength = Field(description="How well they know each other now, in [0, 1].")
    evidence: list[Evidence] = Field(default_factory=list)

    @model_validator(mode="after")
    def _not_a_loop(self) -> Tie:
        if self.a == self.b:
            raise ValueError(f"a tie joins two different people, got {self.a!r} twice")
        return self


class GraphDocument(_Model):
    """A whole network as stored in a graph file (format version 1)."""

    model_config = ConfigDict(
        extra="forbid",
        coerce_numbers_to_str=True,
        json_schema_extra={"title": "intropath graph file", "$id": "intropath-graph-v1"},
    )

    version: Literal[1] = 1
    me: str | None = Field(None, description="The id of the person planning (the owner).")
    people: list[Person] = Field(default_factory=list)
    companies: list[Company] = Field(default_factory=list)
    groups: list[Group] = Field(default_factory=list)
    ties: list[Tie] = Field(default_factory=list)
