"""Company names: normalisation and lookup.

People write "The Muse", "Muse", "Daily Muse Inc." and "MUSE, LLC" for the same
company. :func:`company_key` reduces a name to a comparison key; a
:class:`CompanyIndex` resolves what the user typed to exactly one company, or
explains why it cannot.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from .errors import AmbiguousCompany, UnknownCompany
from .model import Company

# Legal-form suffixes dropped from the end of a name (after punctuation is gone).
LEGAL_SUFFIXES = frozenset(
    [
        "inc",
        "incorporated",
        "llc",
        "ltd",
        "limited",
        "gmbh",
        "ag",
        "ab",
        "sa",
        "sas",
        "sarl",
        "srl",
        "spa",
        "bv",
        "nv",
        "oy",
        "oyj",
        "as",
        "asa",
        "aps",
        "plc",
        "corp",
        "corporation",
        "co",
        "company",
        "kk",
        "pty",
        "pvt",
        "llp",
        "lp",
        "gbr",
        "kg",
        "ug",
        "se",
        "sl",
    ]
)
_NON_WORD = re.compile(r"[^\w]+")


@functools.lru_cache(maxsize=1 << 16)
def company_key(name: str) -> str:
    """Reduce a company name to the key used for matching.

    >>> company_key("The Muse")
    'muse'
    >>> company_key("Daily Muse, Inc.")
    'daily muse'
    >>> company_key("Spotify AB")
    'spotify'
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("&", " and ").replace(".", "")  # "L.L.C." -> "llc"
    words = [w for w in _NON_WORD.split(text.replace("_", " ")) if w]
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
        words.pop()
    return " ".join(words)


@dataclass
class CompanyIndex:
    """Every company name and alias, keyed for lookup."""

    companies: dict[str, Company] = field(default_factory=dict)
    _names: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def build(cls, companies: Iterable[Company]) -> CompanyIndex:
        index = cls()
        for company in companies:
            index.add(company)
        return index

    def add(self, company: Company) -> str:
        """Add a company (or merge its aliases into a known one); return its key."""
        key = company_key(company.name)
        known = self.companies.get(key)
        if known is None:
            self.companies[key] = company
        else:
            extra = [a for a in company.aliases if a not in known.aliases]
            known.aliases.extend(extra)
        for name in [company.name, *company.aliases]:
            alias_key = company_key(name)
            if alias_key:
                self._names.setdefault(alias_key, set()).add(key)
        return key

    def key_of(self, name: str) -> str | None:
        """The key of the company a stored name refers to, preferring a primary name."""
        key = company_key(name)
        if key in self.companies:
            return key
        owners = self._names.get(key, set())
        return min(owners) if len(owners) == 1 else None

    def resolve(self, query: str) -> str:
        """Resolve what a user typed to one company key.

        Raises
        ------
        AmbiguousCompany
            When several companies match equally well.
        UnknownCompany
            When none matches; carries close names as suggestions.
        """
        key = company_key(query)
        exact = self._names.get(key, set())
        if len(exact) == 1:
            return next(iter(exact))
        if len(exact) > 1:
            raise AmbiguousCompany(query, self._display(exact))
        if key:
            partial = {
                owner
                for name, owners in self._names.items()
                if name.startswith(key) or f" {key} " in f" {name} "
                for owner in owners
            }
            if len(partial) == 1:
                return next(iter(partial))
            if partial:
                raise AmbiguousCompany(query, self._display(partial))
        close = difflib.get_close_matches(key, list(self._names), n=5, cutoff=0.6)
        suggestions = self._display({o for name in close for o in self._names[name]})
        raise UnknownCompany(query, suggestions)

    def _display(self, keys: Iterable[str]) -> list[str]:
        return sorted(self.companies[k].name for k in keys)
