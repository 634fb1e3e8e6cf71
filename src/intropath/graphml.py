"""Reading large GraphML files with the ties as columns.

networkx parses the whole XML tree, then keeps each edge in dicts, and the
full reader makes a pydantic tie of each: two million ties take minutes and
over ten gigabytes. Here the XML is parsed as a stream: each tie's edge
becomes a row of columns and leaves the tree as soon as it is read. What is
left (the keys, the nodes, the positions and memberships) is a small GraphML
document that networkx and :func:`intropath.interchange.from_graphml` read
exactly as the full reader does; see :mod:`intropath.nodelink` for why taking
the ties out changes nothing else.

A tie is taken only in the shape intropath writes it: ``source``, ``target``
and ``id``, and data named ``kind``, ``trust``, ``familiarity`` and
``evidence`` of the usual types, decoded as networkx decodes them. Anything
else (a directed graph, nested graphs, another attribute, any problem) gives
None: the caller reads the file the full way, which accepts it or names the
problem.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from typing import Any
from xml.etree import ElementTree

from pydantic import ValidationError

from .columnar import Unsure
from .errors import GraphFileError
from .graphfile import CHUNK, _checked
from .nodelink import store_with_ties
from .stores.memory import MemoryStore

_NS = "{http://graphml.graphdrawing.org/xmlns}"
_TIE_DATA = {"kind", "trust", "familiarity", "evidence"}
_NOT_TIES = ("works_at", "member_of")
_FLOATS = ("double", "float")
_TAKEN = "taken"  # the tag of an edge read as a tie, left out of the small document


def read_store(content: list[Any], source: str) -> MemoryStore | None:
    """The GraphML file's content as a store, or None to read it the full way.

    The list is emptied once the bytes are parsed.
    """
    if not content:
        return None
    try:
        return _store(content, source)
    except (ElementTree.ParseError, UnicodeDecodeError, ValueError, GraphFileError, Unsure):
        return None  # (json and pydantic errors are ValueErrors)
    except (ValidationError, RecursionError):
        return None


class _Ties:
    """The ties of a GraphML stream, as columns."""

    def __init__(self) -> None:
        self.a: list[str] = []
        self.b: list[str] = []
        self.trust: list[float] = []
        self.familiarity: list[float] = []
        self.evidence: list[tuple[str, str, list[Any]]] = []
        self.keys: dict[str, tuple[str, str]] = {}  # key id -> (name, attr.type)
        self._ids: dict[str, str] = {}

    def take(self, edge: ElementTree.Element) -> bool:
        """Take the edge as a tie; False if it is a position or membership (kept in the tree)."""
        values: dict[str, tuple[str, str]] = {}  # name -> (text, attr.type)
        for data in edge:
            key = self.keys.get(data.get("key", ""))
            if data.tag != f"{_NS}data" or key is None or len(data):
                raise Unsure  # not data, an undeclared key, or yfiles markup
            if data.text is not None:  # networkx skips empty data; the last one wins
                values[key[0]] = (data.text, key[1])
        kind = values.get("kind", ("knows", "string"))
        if kind[1] != "string":
            raise Unsure
        if kind[0] in _NOT_TIES:
            return False
        if not set(edge.keys()) <= {"source", "target", "id"} or not values.keys() <= _TIE_DATA:
            raise Unsure  # an attribute a tie does not have
        if edge.get("source") is None or edge.get("target") is None:
            raise Unsure  # (networkx would read the id "None")
        for name in ("trust", "familiarity"):
            if name not in values or values[name][1] not in _FLOATS:
                raise Unsure
        # One string per person, not one per tie end (two million ties: 200 MB less).
        a = self._ids.setdefault(edge.get("source", ""), edge.get("source", ""))
        b = self._ids.setdefault(edge.get("target", ""), edge.get("target", ""))
        self.a.append(a)
        self.b.append(b)
        self.trust.append(float(values["trust"][0]))
        self.familiarity.append(float(values["familiarity"][0]))
        evidence = values.get("evidence")
        if evidence is not None and evidence[0] != "[]":
            if evidence[1] != "string":
                raise Unsure
            self.evidence.append((a, b, json.loads(evidence[0])))
        return True


def _store(content: list[Any], source: str) -> MemoryStore:
    ties = _Ties()
    parser: ElementTree.XMLPullParser[ElementTree.Element] = ElementTree.XMLPullParser(
        events=("start", "end")
    )
    root: ElementTree.Element | None = None
    graph: ElementTree.Element | None = None
    taken = 0
    for event, element in _events(parser, content):
        if event == "start":
            if root is None:
                root = element
            elif element.tag == f"{_NS}graph":
                if graph is not None or element.get("edgedefault") == "directed":
                    raise Unsure  # nested or several graphs, or a directed one
                graph = element
            continue
        element.tail = None  # the whitespace between elements: a tenth of a big tree
        if element.tag == f"{_NS}key":
            name = element.get("yfiles.type") or element.get("attr.name")
            kind = "yfiles" if element.get("yfiles.type") else element.get("attr.type", "string")
            ties.keys[element.get("id", "")] = (name or "", kind)
        elif element.tag == f"{_NS}edge" and graph is not None and ties.take(element):
            element.clear()  # a tie: in the columns now
            element.tag = _TAKEN
            taken += 1
            if taken % 500_000 == 0:  # removed in passes: remove() would scan from the start
                graph[:] = [child for child in graph if child.tag != _TAKEN]
    if root is None or graph is None:
        raise Unsure
    graph[:] = [child for child in graph if child.tag != _TAKEN]
    from .interchange import from_graphml

    small = ElementTree.tostring(root, encoding="unicode")
    del root, graph, parser, element  # the big tree, before networkx builds its own
    document = _checked(from_graphml(small, source), source)
    return store_with_ties(
        document, source, ties.a, ties.b, ties.trust, ties.familiarity, ties.evidence
    )


def _events(
    parser: ElementTree.XMLPullParser[ElementTree.Element], content: list[Any]
) -> Iterator[tuple[str, ElementTree.Element]]:
    """Parse events of the bytes in ``content``, checked as UTF-8; each piece is dropped once fed.

    The full reader decodes the file as UTF-8 (a BOM allowed) before XML sees it.
    """
    content.reverse()  # pieces are taken from the end
    utf8 = codecs.getincrementaldecoder("utf-8-sig")()
    while content:
        data = memoryview(content.pop())
        for start in range(0, len(data), CHUNK):
            chunk = bytes(data[start : start + CHUNK])
            utf8.decode(chunk)
            parser.feed(chunk)
            yield from parser.read_events()  # type: ignore[misc]
        data.release()
    utf8.decode(b"", final=True)
    parser.close()
    yield from parser.read_events()  # type: ignore[misc]
