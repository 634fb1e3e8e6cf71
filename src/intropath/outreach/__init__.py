"""Outreach: the log of asks sent, and the etiquette rules the planner applies."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_attributes

if TYPE_CHECKING:
    from .log import AskLog, AskLogError, AskRecord
    from .rules import Due, Etiquette, EtiquetteRules, Review, due
    from .status import AskStatus

# Imported on first use: the command line needs AskStatus for its options, not
# SQLite and the pydantic models.
__getattr__ = lazy_attributes(
    __name__,
    {
        "AskLog": "log",
        "AskLogError": "log",
        "AskRecord": "log",
        "AskStatus": "status",
        "Due": "rules",
        "Etiquette": "rules",
        "EtiquetteRules": "rules",
        "Review": "rules",
        "due": "rules",
    },
)

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
