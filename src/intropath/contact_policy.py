"""How a person wants to be approached: a plain enum, so the command line can offer
its choices without importing the pydantic models."""

from __future__ import annotations

from enum import StrEnum


class ContactPolicy(StrEnum):
    """How a person wants to be approached."""

    OPEN = "open"
    PREFERS_EMAIL = "prefers_email"
    NO_STRANGERS = "no_strangers"
    DO_NOT_CONTACT = "do_not_contact"
