"""What a message is for, where it is sent and its language: plain enums, so the
command line can offer these choices without importing pydantic or Jinja2."""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    """What the message is for."""

    REQUEST = "request"  # ask a contact to introduce you to the next person on the path
    BLURB = "blurb"  # a short note the contact forwards (double opt-in)
    REFERRAL = "referral"  # ask your own contact at the company to refer you
    FOLLOWUP = "followup"  # the single, last follow-up
    THANKS = "thanks"  # after the introduction


class Channel(StrEnum):
    """Where the message is sent."""

    EMAIL = "email"
    LINKEDIN = "linkedin"  # a LinkedIn message
    NOTE = "note"  # a LinkedIn connection note


class Lang(StrEnum):
    EN = "en"
    DE = "de"
    SV = "sv"
