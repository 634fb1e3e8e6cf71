"""What drafting returns: a :class:`Draft` and the report of its checks.

A draft is a pydantic model, so ``draft.to_json()`` is the documented
``intropath draft --json`` document (schema ``intropath.draft/1``).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, computed_field

from ..model import ContactPolicy, Evidence
from .kinds import Channel as Channel
from .kinds import Kind as Kind
from .kinds import Lang as Lang

DRAFT_SCHEMA = "intropath.draft/1"


CHANNEL_LIMITS: dict[Channel, int | None] = {
    Channel.EMAIL: None,
    Channel.LINKEDIN: 1900,
    Channel.NOTE: 300,
}
"""Hard limits on the whole message (greeting and sign-off included), in characters.

A connection note allows 300 characters; LinkedIn messages are kept within
1,900 so that they also fit an InMail.
"""

SUBJECT_LIMIT = 120
"""Longest email subject a draft may have."""

WIDTHS = (80, 40, 28, 20, 14, 10, 8, 6)
"""Widths a name, title, company or place may be shortened to (with '…') to fit a channel."""

NOTE_EMAIL_MAX = 32
"""A connection note always carries the user's email when it is this short or shorter."""


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class PersonInfo(_Model):
    """A person as a draft names them."""

    id: str
    name: str
    title: str | None = None
    email: str | None = None
    contact_policy: ContactPolicy = ContactPolicy.OPEN


class Sender(_Model):
    """The user, as the draft presents them."""

    name: str
    email: str = ""
    about: str = ""
    purpose: str = ""
    timeline: str = ""
    role: str = ""


class Check(_Model):
    """One built-in check and its outcome."""

    name: str
    passed: bool
    detail: str = Field(description="What was checked, or what is wrong.")


class CheckReport(_Model):
    """Every check run on a draft."""

    checks: list[Check]

    @property
    def passed(self) -> bool:
        return all(c.passed for c in self.checks)

    @property
    def failures(self) -> list[Check]:
        return [c for c in self.checks if not c.passed]


class Draft(_Model):
    """A message ready to send, with the facts it rests on and its checks."""

    model_config = ConfigDict(frozen=True, populate_by_name=True)

    schema_: str = Field(DRAFT_SCHEMA, alias="schema")
    kind: Kind
    channel: Channel
    lang: Lang
    sender: Sender
    recipient: PersonInfo = Field(description="Whom the text addresses.")
    send_to: PersonInfo = Field(
        description="Whom you send it to (differs from the recipient for a blurb, "
        "which the contact forwards)."
    )
    introduce_to: PersonInfo | None = Field(
        None, description="The next person on the path after your contact (None for a referral)."
    )
    target: PersonInfo = Field(description="The person at the company the path ends at.")
    company: str
    path: list[str] = Field(description="Names from you to the target.")
    how: str | None = Field(
        None, description="How you and your contact know each other, as the text says it."
    )
    evidence: Evidence | None = Field(
        None, description="The fact 'how' is taken from (None: the tie has none to quote)."
    )
    tie_evidence: list[Evidence] = Field(
        default_factory=list, description="Everything recorded on the tie to your contact."
    )
    subject: str | None = None
    greeting: str
    text: str = Field(description="The body proper (without greeting and sign-off).")
    signoff: str
    limit: int | None = Field(None, description="The channel's length limit, in characters.")
    advice: list[str] = Field(default_factory=list, description="Things worth knowing first.")
    thin_tie: bool = Field(
        False, description="The tie to your contact rests only on being connected."
    )
    formality: str | None = Field(
        None, description="German only: 'du' or 'Sie', and why, e.g. 'du (you know Zoë well)'."
    )
    report: CheckReport = Field(default_factory=lambda: CheckReport(checks=[]))

    def message(self) -> str:
        """What to paste: the subject line (email only), a blank line, and the body."""
        return (f"Subject: {self.subject}\n\n" if self.subject else "") + self.body

    @computed_field  # type: ignore[prop-decorator]
    @property
    def body(self) -> str:
        """The whole message: greeting, body proper and sign-off."""
        sep = "\n" if self.channel is Channel.NOTE else "\n\n"
        return sep.join(part for part in (self.greeting, self.text, self.signoff) if part)

    @property
    def passed(self) -> bool:
        return self.report.passed

    def to_json(self) -> str:
        return self.model_dump_json(by_alias=True, indent=2)

    def as_text(self) -> str:
        """The message as you would paste it (subject line first, for email)."""
        head = f"Subject: {self.subject}\n\n" if self.subject else ""
        return head + self.body
