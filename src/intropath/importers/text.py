"""Names and employers as people type them into LinkedIn.

Names carry credentials (``Dana Reyes, MBA``), come as ``Reyes, Dana`` from
address books, and carry emoji and styled Unicode letters (mathematical
bold); companies carry regional variants (``Accenture in India``) and
non-employers (``Self-employed``). These helpers clean them for display and
reduce them to keys for matching.

A name key drops only what is known not to be a name: credentials and
titles from closed lists, bracketed asides, accents, case and punctuation.
Every other word stays, so two different first names never share a key.
Letters are transliterated (``Søren`` matches ``Soren``, ``Иван`` matches
``Ivan``), except Chinese characters, where one romanisation stands for
many different names.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

from ..companies import company_key

CREDENTIALS = frozenset(
    re.split(
        r"\s+",
        """phd dphil edd psyd pharmd mba emba msc mfa mph mpa mpp meng mres mphil bsc beng
        llb llm cpa cma cfa cfp caia frm acca aca fca cima pmp capm cissp cism cisa ceh csm
        cspo shrmcp shrmscp sphr phr gphr cipd ceng peng mrics frics leedap mbbs mbchb frcs
        mrcp esq""",
    )
)
"""Credentials and suffixes after a name (``, PhD``), compared without case or dots."""

SHORT_CREDENTIALS = frozenset(re.split(r"\s+", "MD DO MA MS BA BS JD RN NP PA PE DDS DMD DVM"))
"""Short credentials, matched only in capitals: ``Md`` is a given name."""

GENERATIONS = frozenset(["jr", "sr", "ii", "iii", "iv"])
"""``Jr.`` and ``Sr.`` tell a son from his father: kept in the key, never swapped."""

TITLES = frozenset(["dr", "prof", "mr", "mrs", "ms", "mx"])
"""Titles before a name (``Dr. Dana Reyes``)."""

_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_SPACE = re.compile(r"\s+")
_SLUG = re.compile(r"[^a-z0-9]+")
_WORD = re.compile(r"\w+")
_ASCII_SYMBOLS = re.compile(r"[$+<=>^`|~\x00-\x1f\x7f]")  # the ASCII in Unicode's S and C
_TOKEN = re.compile(r"[\s/&+]+")

NON_EMPLOYERS = frozenset(
    [
        "self-employed",
        "self employed",
        "selfemployed",
        "freelance",
        "freelancer",
        "freelancing",
        "confidential",
        "stealth",
        "stealth mode",
        "stealth startup",
        "independent",
        "independent consultant",
        "retired",
        "unemployed",
        "looking for work",
        "open to work",
        "seeking new opportunities",
        "n/a",
        "na",
        "none",
        "various",
        "private",
        "student",
        "-",
        "--",
    ]
)
"""Company cells that name no employer (lower case)."""


@lru_cache(maxsize=1 << 16)
def clean_name(name: str) -> str:
    """A name for display: styled letters folded, emoji and control characters dropped.

    >>> clean_name("\U0001d403\U0001d41a\U0001d427\U0001d41a  Reyes \U0001f680")
    'Dana Reyes'
    """
    if name.isascii():
        kept = _ASCII_SYMBOLS.sub("", name)
    else:
        text = unicodedata.normalize("NFKC", name)
        chars: list[str] = []
        for ch in text:
            category = unicodedata.category(ch)
            # Emoji leave variation selectors (U+FE0F) and keycaps behind: marks
            # with no letter to sit on are dropped with the emoji.
            if category[0] in "SC" or (category[0] == "M" and not (chars and chars[-1].isalpha())):
                continue
            if _selector(ch):
                continue
            chars.append(ch)
        kept = "".join(chars)
    return _SPACE.sub(" ", kept).strip(" ,;|-")


def _selector(ch: str) -> bool:
    return "\ufe00" <= ch <= "\ufe0f" or "\U000e0100" <= ch <= "\U000e01ef"


def _is_credential(part: str) -> bool:
    """True when every word of ``part`` (``PhD``, ``MBA/CPA``, ``M.D.``) is a credential."""
    words = [w.replace(".", "") for w in _TOKEN.split(part) if w.replace(".", "")]
    return bool(words) and all(
        w in SHORT_CREDENTIALS or (w.casefold() in CREDENTIALS and len(w) > 2) for w in words
    )


def _name_order(text: str) -> str:
    """``Reyes, Dana, PhD`` as ``Dana Reyes``: credentials dropped, ``Last, First`` turned.

    A part is dropped only when it is all credentials and a name of two words
    or more stays before it; an unknown part is kept, so it can only prevent a
    match, never make one.

    >>> _name_order("Reyes, Dana, PhD"), _name_order("Dr. Dana Reyes, MD")
    ('Dana Reyes', 'Dana Reyes')
    """
    parts = [p.strip() for p in text.split(",") if p.strip()]
    while len(parts) > 1 and _is_credential(parts[-1]):
        if len(parts) == 2 and len(parts[0].split()) < 2:
            break
        parts.pop()
    suffix = len(parts) == 2 and (
        parts[1].rstrip(".").casefold() in GENERATIONS
        or (parts[1].isupper() and len(parts[0].split()) > 1)
    )
    if len(parts) == 2 and not suffix:
        parts.reverse()  # 'Last, First'; 'Dana Reyes, CSCP' (an unlisted credential) stays
    words = " ".join(parts).split()
    if len(words) > 2 and words[0].rstrip(".").casefold() in TITLES:
        words = words[1:]
    return " ".join(words)


def _bracketless(text: str) -> str:
    """Bracketed asides (``(she/her)``, ``[Acme]``) dropped, unless they hold the name."""
    stripped = _BRACKETED.sub(" ", text)
    return stripped if len(stripped.split()) >= 2 else text.replace("(", " ").replace(")", " ")


_DIGRAPHS = {"\u03bf\u03c5": "ou", "\u03bf\u03cd": "ou"}
"""Greek 'ou' (lower case) as names are romanised (Papadopoulou); letter by letter gives 'oy'."""


def _ideograph(ch: str) -> bool:
    return unicodedata.name(ch, "").startswith(("CJK UNIFIED", "CJK COMPATIBILITY IDEOGRAPH"))


def transliterate(text: str, spaced: bool = False) -> str:
    """Latin letters for every script but Chinese characters (kept, or romanised if ``spaced``).

    >>> transliterate("Søren Ødegård"), transliterate("Иван"), transliterate("王伟", spaced=True)
    ('Soren Odegard', 'Ivan', ' Wang  Wei ')
    """
    if text.isascii():
        return text
    for greek, latin in _DIGRAPHS.items():
        text = text.replace(greek, latin)
    out: list[str] = []
    for ch in text:
        if ch.isascii():
            out.append(ch)
        elif _ideograph(ch):
            out.append(f" {anyascii(ch)} " if spaced else ch)
        else:
            out.append(anyascii(ch))
    return "".join(out)


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """A key for matching people's names: no credentials, accents, case or punctuation.

    >>> name_key("Dana Reyes, MBA") == name_key("Reyes, Dána") == "dana reyes"
    True
    """
    return _key(name, spaced=False, person=True)


def group_key(name: str) -> str:
    """A key for matching school and group names: no accents, case or punctuation."""
    return _key(name, spaced=False, person=False)


def _key(name: str, spaced: bool, person: bool) -> str:
    text = clean_name(name)
    if person:
        text = _name_order(_bracketless(text))
    return " ".join(_WORD.findall(transliterate(text.casefold(), spaced).casefold()))


def slugify(name: str, person: bool = True) -> str:
    """A readable id: ``Dana Reyes`` becomes ``dana-reyes``; every script is romanised.

    >>> slugify("Zoë O'Brien, PhD"), slugify("Søren Ødegård"), slugify("王伟")
    ('zoe-o-brien', 'soren-odegard', 'wang-wei')
    """
    slug = _SLUG.sub("-", _key(name, spaced=True, person=person)).strip("-")
    return slug or "person"


@lru_cache(maxsize=1 << 12)
def is_employer(company: str) -> bool:
    """False for ``Self-employed``, ``Confidential``, ``Freelancer`` and the like."""
    key = company.strip().casefold()
    return bool(key) and key not in NON_EMPLOYERS and company_key(company) not in NON_EMPLOYERS


@lru_cache(maxsize=1 << 14)
def employer_key(company: str) -> str:
    """The company key with a regional tail dropped, for overlap checks.

    >>> employer_key("Accenture in India") == employer_key("Accenture")
    True
    """
    key = company_key(company)
    match = re.match(r"^(.+?) in [\w ]+$", key)
    return match.group(1) if match else key
