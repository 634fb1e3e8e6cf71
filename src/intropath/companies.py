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

from cleanco.clean import get_unique_terms as cleanco_terms

from .errors import AmbiguousCompany, UnknownCompany
from .model import Company

# Legal forms come from cleanco's table of terms by country ("GmbH & Co. KG",
# "Pte. Ltd.", "Sp. z o.o.", "Kft.", "LTDA", ...), plus a few it lacks; they are
# keyed the way names are, so "Sp. z o.o." becomes the words ("sp", "z", "oo").
_EXTRA_LEGAL_FORMS = ("pty", "pvt", "ug")
# Terms that are also ordinary words or country codes: "Muse UK" is not "Muse".
_NOT_LEGAL_FORMS = frozenset({"uk", "ok", "at", "et", "private", "vat", "sem"})
_NON_WORD = re.compile(r"[^\w]+")


def _words(name: str) -> list[str]:
    """Accents folded, case folded, "&" read as "and", dots dropped ("L.L.C." -> "llc")."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("&", " and ").replace(".", "")
    return [w for w in _NON_WORD.split(text.replace("_", " ")) if w]


def _legal_forms() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Each legal form as words, grouped by its last word, longest first."""
    terms = {tuple(_words(t)) for t in [*cleanco_terms(), *_EXTRA_LEGAL_FORMS]}
    terms = {t for t in terms if t and " ".join(t) not in _NOT_LEGAL_FORMS}
    by_last: dict[str, list[tuple[str, ...]]] = {}
    for term in sorted(terms, key=lambda t: (-len(t), t)):
        by_last.setdefault(term[-1], []).append(term)
    return {last: tuple(group) for last, group in by_last.items()}


LEGAL_FORMS = _legal_forms()


def _strip_legal_forms(words: list[str]) -> list[str]:
    """Drop legal forms from the end, longest first, always keeping one word."""
    while len(words) > 1:
        for term in LEGAL_FORMS.get(words[-1], ()):
            if len(term) < len(words) and tuple(words[-len(term) :]) == term:
                del words[-len(term) :]
                break
        else:
            return words
    return words


@functools.lru_cache(maxsize=1 << 16)
def company_key(name: str) -> str:
    """Reduce a company name to the key used for matching.

    >>> company_key("The Muse")
    'muse'
    >>> company_key("Daily Muse, Inc.")
    'daily muse'
    >>> company_key("Spotify AB")
    'spotify'
    >>> company_key("Brightwave Labs GmbH & Co. KG")
    'brightwave labs'
    """
    words = _strip_legal_forms(_words(name))
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def name_keys(company: Company) -> list[str]:
    """The keys of a company's name and aliases, each once, in order (empty keys left out)."""
    return [k for k in dict.fromkeys(map(company_key, [company.name, *company.aliases])) if k]


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
        for alias_key in name_keys(company):
            self._names.setdefault(alias_key, set()).add(key)
        return key

    def knows(self, name: str) -> bool:
        """Whether ``name`` is some company's name or alias (resolve needs no guessing)."""
        return company_key(name) in self._names

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
