"""Reading large node-link JSON graph files with the ties as columns.

networkx keeps each edge in a few dicts, and the full reader then makes a
pydantic tie of each: two million ties take minutes and gigabytes. Here
msgspec decodes the file; the ``knows`` edges, nearly all of a large file,
become tie columns checked as :mod:`intropath.columnar` checks them. Only the
nodes and the other edges (positions, group memberships) go through networkx
and :func:`intropath.interchange.from_node_link`, so people, companies and
groups come out exactly as the full reader makes them.

A tie's edge has nothing to do with the order in which networkx lists the
other edges (a tie joins two people, the others a person and a company or
group), so leaving ties out of the graph changes no position or membership.
Anything unusual (a directed graph, ids that are not text, a tie to someone
not among the people, any problem) gives None: the caller reads the
file the full way, which accepts it or names the problem.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import msgspec
import numpy as np
from msgspec import UNSET, UnsetType
from pydantic import ValidationError

from .columnar import Unsure, decode, tie_columns
from .errors import GraphFileError
from .graphfile import _checked
from .model import GraphDocument
from .stores.memory import MemoryStore
from .stores.people import People

_NOT_TIES = ("works_at", "member_of")


class _Edge(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    source: str
    target: str
    key: Any = UNSET
    kind: Any = UNSET
    trust: float | UnsetType = UNSET
    familiarity: float | UnsetType = UNSET
    evidence: Any = UNSET
    title: Any = UNSET
    team: Any = UNSET
    current: Any = UNSET
    start: Any = UNSET
    end: Any = UNSET
    written: Any = UNSET


class _NodeLink(msgspec.Struct, gc=False):
    nodes: list[dict[str, Any]]
    edges: list[_Edge] | UnsetType = UNSET
    links: list[_Edge] | UnsetType = UNSET
    directed: Any = False
    multigraph: Any = True
    graph: Any = msgspec.field(default_factory=dict)


def read_store(content: list[Any], source: str) -> MemoryStore | None:
    """The node-link file's content as a store, or None to read it the full way.

    The list is emptied once the bytes are decoded (left as it was if they
    are not node-link JSON).
    """
    if not content:
        return None  # already decoded by another reader: not node-link
    try:
        return _store(decode(content, _NodeLink), source)
    except (msgspec.MsgspecError, RecursionError, ValidationError, GraphFileError, Unsure):
        return None


def _store(parsed: _NodeLink, source: str) -> MemoryStore:
    edges = parsed.edges if parsed.edges is not UNSET else parsed.links
    if edges is UNSET or parsed.directed or parsed.multigraph is not True:
        raise Unsure
    if not all(isinstance(node.get("id"), str) for node in parsed.nodes):
        raise Unsure  # networkx would tell node 5 from a tie's "5"
    ties = [e for e in edges if e.kind not in _NOT_TIES]
    others = [msgspec.structs.asdict(e) for e in edges if e.kind in _NOT_TIES]
    del edges, parsed.edges, parsed.links
    for tie in ties:
        if tie.trust is UNSET or tie.familiarity is UNSET:
            raise Unsure
        if not (tie.evidence is UNSET or isinstance(tie.evidence, list)):
            raise Unsure
        if _extra(tie):
            raise Unsure  # Tie() refuses other attributes
    # Columns now, so that the edge records are freed before networkx reads the rest.
    a, b = [t.source for t in ties], [t.target for t in ties]
    trust = [t.trust for t in ties]
    familiarity = [t.familiarity for t in ties]
    evidence = [(t.source, t.target, t.evidence) for t in ties if t.evidence]
    del ties

    from .interchange import from_node_link

    data = {"graph": parsed.graph, "nodes": parsed.nodes, "edges": others}
    document = _checked(from_node_link(_without_unset(data), source), source)
    return store_with_ties(
        document,
        source,
        a,
        b,
        trust,  # type: ignore[arg-type]
        familiarity,  # type: ignore[arg-type]
        evidence,
    )


def store_with_ties(
    document: GraphDocument,
    source: str,
    a: list[str],
    b: list[str],
    trust: list[float],
    familiarity: list[float],
    evidence: Iterable[tuple[str, str, list[Any]]],
) -> MemoryStore:
    """The store of a checked document without ties, and of its ties in columns.

    The columns are checked as :func:`intropath.columnar.tie_columns` checks them.
    """
    table = People.of(document.people)
    a_at, b_at, t, f, found = tie_columns(a, b, trust, familiarity, evidence, table)
    # tie_columns numbers people by id; from_columns wants positions in the document.
    position = np.asarray([table.number[p.id] for p in document.people], dtype=np.int64)
    in_document = np.empty_like(position)
    in_document[position] = np.arange(len(position), dtype=np.int64)
    return MemoryStore.from_columns(
        document.people,
        in_document[a_at],
        in_document[b_at],
        t,
        f,
        companies=document.companies,
        groups=document.groups,
        me=document.me,
        description=source,
        evidence=found,
    )


def _extra(tie: _Edge) -> bool:
    return any(
        value is not UNSET
        for value in (tie.title, tie.team, tie.current, tie.start, tie.end, tie.written)
    )


def _without_unset(data: dict[str, Any]) -> dict[str, Any]:
    data["edges"] = [{k: v for k, v in e.items() if v is not UNSET} for e in data["edges"]]
    return data
