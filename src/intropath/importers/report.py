"""What an import did: counts, skipped rows (file and line) and merge notes."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

SINGULAR = {
    "connections": "connection",
    "contacts": "contact",
    "drafts": "draft",
    "duplicates": "duplicate",
    "endorsements": "endorsement",
    "events": "event",
    "files": "file",
    "invitations": "invitation",
    "meetings": "meeting",
    "messages": "message",
    "people": "person",
    "recommendations": "recommendation",
    "rows": "row",
    "ties": "tie",
}
"""The nouns count labels are counted in, for a count of one."""

MAX_LISTED = 50
"""Skipped rows and notes listed one by one; the rest are only counted."""


@dataclass
class ImportReport:
    """The outcome of one import, for the CLI to print and tests to check."""

    source: str
    owner: str | None = None
    target: str | None = None
    counts: Counter[str] = field(default_factory=Counter)
    skipped: list[str] = field(default_factory=list)
    skipped_count: int = 0
    notes: list[str] = field(default_factory=list)
    notes_count: int = 0
    unit: str = "row"
    """What a skipped item is called: a row, a message, an event."""
    formats: dict[str, str] = field(default_factory=dict)
    """Files read in an unusual encoding or with an unusual separator, and how."""

    def skip(self, where: str, line: int | None, reason: str) -> None:
        """Record an unparseable row: it is skipped, counted and listed."""
        self.skipped_count += 1
        if len(self.skipped) < MAX_LISTED:
            at = f"{where}:{line}" if line is not None else where
            self.skipped.append(f"{at}: {reason}")

    def note(self, message: str) -> None:
        """Record something the user should know (an ambiguous merge, a file not read)."""
        self.notes_count += 1
        if len(self.notes) < MAX_LISTED:
            self.notes.append(message)

    def read_as(self, where: str, how: str) -> None:
        """Record how a file was read (``Windows-1252``, ``tab-separated``), when unusual."""
        known = self.formats.get(where)
        if known is None:
            self.formats[where] = how
        elif how not in known.split(", "):
            self.formats[where] = f"{known}, {how}"

    def summary(self) -> str:
        """One line: what was imported."""
        parts = [f"{n} {_counted(what, n)}" for what, n in self.counts.items() if n]
        text = ", ".join(parts) or "nothing"
        if self.skipped_count:
            text += f"; {self.skipped_count} {self.unit}{'s' * (self.skipped_count != 1)} skipped"
        return text


def _counted(label: str, n: int) -> str:
    """``label`` for a count of ``n``: "1 message with people ...", not "1 messages"."""
    if n != 1:
        return label
    words = label.split(" ")
    for i, word in enumerate(words):
        if word in SINGULAR:  # only the counted noun, the first one
            words[i] = SINGULAR[word]
            return " ".join(words)
    return label
