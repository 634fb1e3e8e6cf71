"""A rough guess at which of the draft languages a short text is written in.

Only to warn ("about looks like German, but the draft is in English"): it
counts common words that belong to one language, and guesses nothing when
the text gives no clear sign (a name, a job title in any language).
"""

from __future__ import annotations

import re

from .kinds import Lang

NAMES = {Lang.EN: "English", Lang.DE: "German", Lang.SV: "Swedish"}

_WORDS: dict[Lang, frozenset[str]] = {
    Lang.EN: frozenset(
        [
            "the",
            "a",
            "an",
            "and",
            "of",
            "for",
            "with",
            "to",
            "at",
            "my",
            "next",
            "this",
            "these",
            "weeks",
            "week",
            "month",
            "months",
            "is",
            "am",
            "who",
            "from",
            "on",
            "soon",
            "by",
            "end",
        ]
    ),
    Lang.DE: frozenset(
        [
            "der",
            "die",
            "das",
            "den",
            "dem",
            "des",
            "und",
            "ein",
            "eine",
            "einer",
            "einem",
            "für",
            "mit",
            "zu",
            "zum",
            "zur",
            "bei",
            "im",
            "nächsten",
            "nächste",
            "wochen",
            "woche",
            "monat",
            "monats",
            "diesen",
            "dieser",
            "diese",
            "ich",
            "bin",
            "aus",
            "von",
            "ende",
            "bald",
        ]
    ),
    Lang.SV: frozenset(
        [
            "och",
            "en",
            "ett",
            "för",
            "med",
            "till",
            "på",
            "nästa",
            "veckor",
            "veckan",
            "vecka",
            "månad",
            "månaden",
            "denna",
            "detta",
            "jag",
            "är",
            "från",
            "inom",
            "av",
            "slutet",
            "snart",
        ]
    ),
}
_LETTERS = {Lang.DE: re.compile(r"[ßü]"), Lang.SV: re.compile(r"[å]")}
_WORD = re.compile(r"\w+")


def guess(text: str) -> Lang | None:
    """The language ``text`` is most clearly in, or None when it is not clear."""
    words = [w.casefold() for w in _WORD.findall(text)]
    score = {lang: sum(w in vocabulary for w in words) for lang, vocabulary in _WORDS.items()}
    for lang, letters in _LETTERS.items():
        score[lang] += bool(letters.search(text.casefold()))
    ranked = sorted(score.items(), key=lambda item: -item[1])
    (best, top), (_, second) = ranked[0], ranked[1]
    return best if top >= 1 and top > second else None
