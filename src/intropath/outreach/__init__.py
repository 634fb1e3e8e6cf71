"""Outreach: the log of asks sent, and the etiquette rules the planner applies."""

from __future__ import annotations

from .log import AskLog, AskLogError, AskRecord, AskStatus
from .rules import Due, Etiquette, EtiquetteRules, Review, due

__all__ = [
    "AskLog",
    "AskLogError",
    "AskRecord",
    "AskStatus",
    "Due",
    "Etiquette",
    "EtiquetteRules",
    "Review",
    "due",
]
