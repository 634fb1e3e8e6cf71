"""Finding a person by what the user typed, with close names when nobody matches."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from .errors import AmbiguousPerson, PersonNotFound
from .importers.text import name_key
from .importers.urls import profile_key
from .model import Person


def find_person(people: Iterable[Person], query: str) -> Person:
    """A person by id, profile URL, email, or a name only one person has.

    Raises
    ------
    PersonNotFound
        When nobody matches; carries up to five close names as suggestions.
    AmbiguousPerson
        When several people have that name.
    """
    query = query.strip()
    pool = list(people)
    for person in pool:
        if person.id == query:
            return person
    url = profile_key(query)
    key = name_key(query)
    found = [
        p
        for p in pool
        if (url and profile_key(p.profile_url) == url)
        or (p.email and p.email.casefold() == query.casefold())
    ]
    if not found and key:
        found = [p for p in pool if name_key(p.name) == key]
    if not found:
        raise PersonNotFound(query, suggestions=close_names(pool, query))
    if len(found) > 1:
        raise AmbiguousPerson(query, [p.id for p in found])
    return found[0]


def close_names(people: Iterable[Person], query: str) -> list[str]:
    """Up to five people whose name (or first name, or id) is close to ``query``."""
    key = name_key(query) or query.casefold()
    keys: dict[str, set[str]] = {}
    for person in people:
        full = name_key(person.name)
        for k in {full, full.split(" ")[0] if full else "", person.id.casefold()} - {""}:
            keys.setdefault(k, set()).add(f"{person.name} ({person.id})")
    close = difflib.get_close_matches(key, list(keys), n=5, cutoff=0.6)
    return sorted({shown for k in close for shown in keys[k]})[:5]
