"""Where an ask stands, and the largest ask id: plain values the command line
offers without importing SQLite or pydantic."""

from __future__ import annotations

from enum import StrEnum

MAX_ASK_ID = 2**63 - 1
"""Largest id SQLite can store."""


class AskStatus(StrEnum):
    SENT = "sent"
    FOLLOWED_UP = "followed_up"
    INTRODUCED = "introduced"
    DECLINED = "declined"
    SILENT = "silent"
    WITHDRAWN = "withdrawn"

    @property
    def is_open(self) -> bool:
        return self in (AskStatus.SENT, AskStatus.FOLLOWED_UP)
