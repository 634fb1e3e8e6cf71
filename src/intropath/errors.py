"""Exceptions raised by intropath.

Every error a user can cause derives from :class:`IntropathError`; the CLI
catches that root once and prints its message on one line.

    IntropathError
    ├── GraphFileError        a graph file is missing, unreadable or invalid
    ├── PersonNotFound        an id that is not in the graph
    ├── CompanyError
    │   ├── UnknownCompany    no company matches (carries close names)
    │   └── AmbiguousCompany  several companies match (carries the candidates)
    ├── ConfigError           a setting is missing or invalid
    ├── ImportFileError       an export or address book cannot be imported
    ├── AmbiguousPerson       a name that fits several people (carries the candidates)
    ├── InvalidRating         a manual rating, policy or flag out of range
    └── StoreError            a store (e.g. Neo4j) cannot be reached or used
"""

from __future__ import annotations


class IntropathError(Exception):
    """Root of every error intropath raises on purpose."""


class GraphFileError(IntropathError):
    """A graph file is missing, unreadable or does not validate."""


class PersonNotFound(IntropathError):
    """A person id that the graph does not hold."""

    def __init__(
        self, person_id: str, what: str = "person", suggestions: list[str] | None = None
    ) -> None:
        self.person_id = person_id
        self.suggestions = suggestions or []
        hint = f"; did you mean {', '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"{what} {person_id!r} is not in the graph{hint}")


class CompanyError(IntropathError):
    """A company name that cannot be resolved to exactly one company."""


class UnknownCompany(CompanyError):
    def __init__(self, query: str, suggestions: list[str]) -> None:
        self.query = query
        self.suggestions = suggestions
        hint = f"; did you mean {', '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        super().__init__(f"no company matches {query!r}{hint}")


class AmbiguousCompany(CompanyError):
    def __init__(self, query: str, candidates: list[str]) -> None:
        self.query = query
        self.candidates = candidates
        super().__init__(
            f"{query!r} matches several companies: {', '.join(repr(c) for c in candidates)}; "
            "use one of these names"
        )


class ConfigError(IntropathError):
    """A missing or invalid setting."""


class StoreError(IntropathError):
    """A store cannot be reached or used (for example an unreachable Neo4j server)."""


class ImportFileError(IntropathError):
    """An export or address book that cannot be imported (names the file, and line if known)."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        self.path = path
        self.line = line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")


class OwnerMismatch(ImportFileError):
    """An export of someone other than the graph's owner, imported without ``--owner``."""


class AmbiguousPerson(IntropathError):
    """A name that fits several people; carries their ids."""

    def __init__(self, query: str, candidates: list[str]) -> None:
        self.query = query
        self.candidates = candidates
        super().__init__(
            f"{query!r} matches several people: {', '.join(candidates)}; use one of these ids"
        )


class InvalidRating(IntropathError):
    """A manual rating, policy or flag that is out of range."""
