"""Names and employers as people type them into LinkedIn.

Names carry credentials (``Dana Reyes, MBA``), emoji and styled Unicode
letters (mathematical bold); companies carry regional variants (``Accenture in India``)
and non-employers (``Self-employed``). These helpers clean them for display
and reduce them to keys for matching.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..companies import company_key

_CREDENTIAL = re.compile(
    r"\s*,\s*(?:[A-Z][A-Za-z.]{1,7}|[A-Z]{2,}[\w.-]*)(?:\s*[,/]\s*(?:[A-Z][A-Za-z.]{1,7}))*\s*$"
)
_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_SPACE = re.compile(r"\s+")
_SLUG = re.compile(r"[^a-z0-9]+")
_WORD = re.compile(r"\w+")
_ASCII_SYMBOLS = re.compile(r"[$+<=>^`|~\x00-\x1f\x7f]")  # the ASCII in Unicode's S and C

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
        kept = "".join(ch for ch in text if unicodedata.category(ch)[0] not in "SC")
    return _SPACE.sub(" ", kept).strip(" ,;|-")


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """A key for matching names: no credentials, accents, case or punctuation.

    >>> name_key("Dana Reyes, MBA") == name_key("dána reyes") == "dana reyes"
    True
    """
    text = clean_name(name)
    text = _CREDENTIAL.sub("", text)
    text = _BRACKETED.sub(" ", text)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    words = _WORD.findall(text.casefold())
    return " ".join(words)


def slugify(name: str) -> str:
    """A readable person id: ``Dana Reyes`` becomes ``dana-reyes``.

    >>> slugify("Zoë O'Brien, PhD")
    'zoe-o-brien'
    """
    slug = _SLUG.sub("-", name_key(name).encode("ascii", "ignore").decode()).strip("-")
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
