"""Reading large intropath JSON graph files with ties as columns.

Two million ties as pydantic objects take half a minute and gigabytes; as
columns they take a second. msgspec decodes the ties into small typed records,
numpy checks them all at once (numbers in [0, 1], known people, no loops, no
duplicates), and pydantic validates the rest of the file and any tie evidence,
as :mod:`intropath.graphfile` does.

The fast path only accepts what the full reader accepts, with the same
result. Anything it is not sure of (a problem, an id with spaces around it, a
number written as text) makes it give up, and the caller reads the file the
full way, which then accepts it or names the problem with the file and record.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import msgspec
import numpy as np
from pydantic import TypeAdapter, ValidationError

from .errors import GraphFileError
from .graphfile import parse_document
from .model import Evidence, GraphDocument
from .stores.compact import Floats, Ints

_EVIDENCE = TypeAdapter(list[Evidence])


class _Tie(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    a: str
    b: str
    trust: float
    familiarity: float
    evidence: list[Any] | msgspec.UnsetType = msgspec.UNSET


class _File(msgspec.Struct, forbid_unknown_fields=True):
    version: Any = msgspec.UNSET
    me: Any = msgspec.UNSET
    people: Any = msgspec.UNSET
    companies: Any = msgspec.UNSET
    groups: Any = msgspec.UNSET
    ties: list[_Tie] = msgspec.field(default_factory=list)


@dataclass
class Columns:
    """A graph file's document without its ties, and the ties as columns."""

    document: GraphDocument
    a: Ints
    b: Ints
    """Positions in ``document.people``."""
    trust: Floats
    familiarity: Floats
    evidence: dict[tuple[str, str], list[Evidence]]
    """Keyed by the two ids in order."""


def read_columns(content: bytes | list[bytes], source: str) -> Columns | None:
    """The graph file's content as columns, or None to read it the full way.

    Given the bytes in a list, the list is emptied, so that they can be freed
    as soon as they are decoded.
    """
    raw = content.pop() if isinstance(content, list) else content
    try:
        parsed = msgspec.json.decode(raw, type=_File)
    except (msgspec.MsgspecError, RecursionError):
        return None
    finally:
        del raw
    rest = {
        name: value
        for name in ("version", "me", "people", "companies", "groups")
        if (value := getattr(parsed, name)) is not msgspec.UNSET
    }
    try:
        document = parse_document(rest, source)
    except (GraphFileError, RecursionError):
        return None  # the full reader names the problem (and counts the ones in ties)
    ties = parsed.ties
    count = len(ties)
    position = {p.id: i for i, p in enumerate(document.people)}
    a = np.fromiter((position.get(t.a, -1) for t in ties), dtype=np.int64, count=count)
    b = np.fromiter((position.get(t.b, -1) for t in ties), dtype=np.int64, count=count)
    trust = np.fromiter((t.trust for t in ties), dtype=np.float64, count=count)
    familiarity = np.fromiter((t.familiarity for t in ties), dtype=np.float64, count=count)
    numbers_ok = all(
        bool(np.all((x >= 0.0) & (x <= 1.0))) for x in (trust, familiarity)
    )  # NaN fails both comparisons
    if not numbers_ok or (a < 0).any() or (b < 0).any() or (a == b).any():
        return None
    pairs = np.sort(np.minimum(a, b) * len(position) + np.maximum(a, b))
    if (pairs[1:] == pairs[:-1]).any():
        return None  # a duplicate tie
    evidence: dict[tuple[str, str], list[Evidence]] = {}
    for tie in ties:
        if tie.evidence is not msgspec.UNSET and tie.evidence:
            try:
                found = _EVIDENCE.validate_python(tie.evidence)
            except (ValidationError, RecursionError):
                return None
            pair = (tie.a, tie.b) if tie.a <= tie.b else (tie.b, tie.a)
            evidence[pair] = found
    return Columns(document, a, b, trust, familiarity, evidence)
