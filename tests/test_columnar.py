"""The columnar reader against the full one, on raw files good and bad.

The columnar reader may give up on any file (the caller then reads it the full
way), but a store it returns must be exactly the full reader's, and it must
give up on every file the full reader refuses.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from intropath import graphcache
from intropath.columnar import Unsure, _Numbers, _Table, read_store
from intropath.errors import GraphFileError
from intropath.graphfile import load_document
from intropath.model import GraphDocument
from intropath.stores.memory import MemoryStore
from intropath.stores.people import People
from strategies import raw_documents


def _summary(store: MemoryStore) -> dict[str, Any]:
    return {
        "document": store.to_document(),
        "owner": store.owner,
        "employees": {k: store.employees(k) for k in store.company_index().companies},
        "groups": {p: store.groups_of(p) for p in store._ids},
        "blocked": store.compact.blocked.tolist(),
        "do_not_ask": store._do_not_ask,
        "arrays": [x.tolist() for x in (store.compact.indptr, store.compact.nbr)],
    }


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much],
)
@given(drawn=raw_documents())
def test_the_fast_store_is_the_full_readers_or_none(
    tmp_path: Path, drawn: tuple[dict[str, Any], bool]
) -> None:
    data, clean = drawn
    path = tmp_path / "g.json"
    path.write_text(json.dumps(data, ensure_ascii=bool(len(data["people"]) % 2)))
    fast = read_store(path.read_bytes(), str(path))
    try:
        full: MemoryStore | None = MemoryStore(load_document(path))
    except GraphFileError as exc:
        full = None
        assert fast is None, f"the fast path accepted what the full reader refuses: {exc}"
    if fast is not None:
        assert full is not None
        assert _summary(fast) == _summary(full)
    if clean and full is not None:
        assert fast is not None, "a clean file should take the fast path"
    # Through the cache: the same store, or the full reader's error.
    graphcache.cache_path(path).unlink(missing_ok=True)
    for _ in range(2):  # written to the cache, then read from it
        try:
            opened = graphcache.open_graph(path, cache_from=0)
        except GraphFileError:
            assert full is None
        else:
            assert full is not None and _summary(opened) == _summary(full)


@pytest.mark.parametrize(
    ("ids", "end"),
    [
        (["p0", "p1"], "p1\x00"),  # numpy pads with NUL: the same bytes as "p1"
        (["p0", "p1"], "p1-and-more"),  # cut to eight bytes
        (["p0", "dana-reyes-2019"], "dana-reyes-2019x"),  # cut to the longest id
        (["p0", "p1234567"], "p12345678"),  # eight bytes: a whole word
        (["p0", "p1234567"], "p123456"),
        (["p0", "dana-reyes-201"], "dana-reyes-201\x00"),
        (["p0", "søren"], "soren"),
        (["p0", "p1\x00"], "p1"),
    ],
)
def test_an_id_that_only_resembles_a_person_is_unknown(
    tmp_path: Path, ids: list[str], end: str
) -> None:
    people = [{"id": pid, "name": "A"} for pid in ids]
    ties = [{"a": ids[0], "b": end, "trust": 0.5, "familiarity": 0.5}]
    path = tmp_path / "g.json"
    path.write_text(json.dumps({"people": people, "ties": ties}))
    assert read_store(path.read_bytes(), str(path)) is None
    with pytest.raises(GraphFileError, match="unknown person"):
        graphcache.open_graph(path, cache_from=0)


ASCII_IDS = st.text(st.characters(min_codepoint=1, max_codepoint=127), max_size=17)


@settings(max_examples=300, deadline=None)
@given(
    ids=st.lists(ASCII_IDS, min_size=1, max_size=300, unique=True),
    data=st.data(),
    collide=st.booleans(),
)
def test_ids_are_numbered_as_by_a_dict_or_found_unknown(
    ids: list[str], data: st.DataObject, collide: bool
) -> None:
    """The numbers of ids found in the table (or the dict) against a plain dict; with
    ``collide``, every id hashed to the same slot, so that only whole ids tell them apart."""
    if collide:
        ids = ids[:40]  # a single run of slots: each id found after those before it
    with pytest.MonkeyPatch.context() as patch:
        if collide:
            patch.setattr(_Table, "_slots", lambda self, keys: np.zeros(len(keys), np.int64))
        _numbered_as_by_a_dict(ids, data)


def _numbered_as_by_a_dict(ids: list[str], data: st.DataObject) -> None:
    people = People(sorted(ids))
    number = {pid: i for i, pid in enumerate(people.ids)}
    known = st.sampled_from(people.ids)
    queries = data.draw(st.lists(known, max_size=60))
    other = data.draw(
        st.one_of(
            st.text(st.characters(max_codepoint=300), max_size=17),
            st.tuples(known, st.sampled_from(["\x00", "x", "é", "12345678"])).map("".join),
            known.map(lambda pid: pid[:-1]),
        )
    )
    numbers = _Numbers(people)
    assert numbers.of(queries).tolist() == [number[q] for q in queries]
    queries.insert(data.draw(st.integers(0, len(queries))), other)
    if other in number:
        assert numbers.of(queries).tolist() == [number[q] for q in queries]
    else:
        with pytest.raises(Unsure):
            numbers.of(queries)


def _accepted(tmp_path: Path, data: dict[str, Any]) -> GraphDocument:
    """The document of a drawn file, if the full reader accepts it (else the draw is skipped)."""
    source = tmp_path / "g.json"
    source.write_text(json.dumps(data))
    try:
        return load_document(source)
    except GraphFileError:
        assume(False)  # only files the full reader accepts can be written in another format
        raise


def _agrees(path: Path, fast: MemoryStore | None, expect_fast: bool) -> MemoryStore | None:
    """``fast`` is the full reader's store of ``path`` (returned), or None if allowed."""
    try:
        full: MemoryStore | None = MemoryStore(load_document(path))
    except GraphFileError as exc:
        full = None
        assert fast is None, f"the fast path accepted what the full reader refuses: {exc}"
    if fast is not None:
        assert full is not None and _summary(fast) == _summary(full)
    if expect_fast:
        assert fast is not None, "a file as intropath writes it takes the fast path"
    return full


def _opens_as(path: Path, full: MemoryStore | None) -> None:
    """Through the cache (the file read in pieces for GraphML): the full reader's store."""
    graphcache.cache_path(path).unlink(missing_ok=True)
    try:
        opened = graphcache.open_graph(path, cache_from=0)
    except GraphFileError:
        assert full is None
    else:
        assert full is not None and _summary(opened) == _summary(full)


def _tie_edge(data: dict[str, Any]) -> dict[str, Any]:
    return next(e for e in data["edges"] if e["kind"] == "knows")


NODE_LINK_CHANGES: list[Any] = [
    None,
    lambda d: _tie_edge(d).pop("evidence"),
    lambda d: d["edges"].append({**_tie_edge(d), "target": "nobody"}),
    lambda d: d["edges"].append({**_tie_edge(d), "source": 5}),
    lambda d: d["edges"].append({**_tie_edge(d), "source": _tie_edge(d)["target"]}),
    lambda d: d["edges"].append(
        {**_tie_edge(d), "source": _tie_edge(d)["target"], "target": _tie_edge(d)["source"]}
    ),
    lambda d: d.update(directed=True),
    lambda d: d.update(multigraph=False),
    lambda d: d.update(links=d.pop("edges")),
    lambda d: _tie_edge(d).update(title="CEO"),
    lambda d: _tie_edge(d).update(evidence=0),
    lambda d: _tie_edge(d).update(evidence="met"),
    lambda d: _tie_edge(d).update(evidence=[{"kind": "nope"}]),
    lambda d: _tie_edge(d).update(trust="0.5"),
    lambda d: _tie_edge(d).update(trust=2),
    lambda d: _tie_edge(d).update(colour="red"),
    lambda d: _tie_edge(d).update(kind="likes"),
    lambda d: _tie_edge(d).pop("kind"),
    lambda d: d["nodes"].append({"id": "company:Muse", "kind": "company", "name": "Muse"}),
    lambda d: d["nodes"].append({"id": "zed"}),
    lambda d: d["nodes"].append({"id": " spaced ", "name": "Spaced"}),
    lambda d: d["edges"].append({**_tie_edge(d), "target": " spaced "}),
    lambda d: d["nodes"][0].pop("id"),
    lambda d: d["nodes"].append({"id": 5, "name": "Five"}),
    lambda d: (
        d["nodes"].append({"id": 5, "name": "Five"})
        or d["edges"].append({**_tie_edge(d), "target": "5"})
    ),
    lambda d: d["nodes"].append({**d["nodes"][-1], "name": "Again"}),
    lambda d: d["graph"].update(me="nobody"),
    lambda d: d.update(graph=[]),
]


@pytest.mark.parametrize("change", NODE_LINK_CHANGES)
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much],
)
@given(drawn=raw_documents(odd_ones=False))
def test_the_fast_node_link_store_is_the_full_readers_or_none(
    tmp_path: Path, drawn: tuple[dict[str, Any], bool], change: Any
) -> None:
    from intropath import nodelink
    from intropath.interchange import to_node_link

    data = to_node_link(_accepted(tmp_path, drawn[0]))
    assume(any(e["kind"] == "knows" for e in data["edges"]))
    if change is not None:
        change(data)
    path = tmp_path / "g.nl.json"
    path.write_text(json.dumps(data))
    full = _agrees(path, nodelink.read_store([path.read_bytes()], str(path)), change is None)
    _opens_as(path, full)


NS = "{http://graphml.graphdrawing.org/xmlns}"


def _tie_element(root: ElementTree.Element) -> ElementTree.Element:
    keys = {k.get("id"): k.get("attr.name") for k in root.iter(f"{NS}key")}
    for edge in root.iter(f"{NS}edge"):
        kinds = [d.text for d in edge if keys[d.get("key")] == "kind"]
        if kinds == ["knows"]:
            return edge
    raise AssertionError("no tie")


def _set_data(root: ElementTree.Element, name: str, text: str | None) -> None:
    keys = {
        k.get("attr.name"): k.get("id") for k in root.iter(f"{NS}key") if k.get("for") == "edge"
    }
    edge = _tie_element(root)
    for data in edge:
        if data.get("key") == keys[name]:
            data.text = text


def _graph(root: ElementTree.Element) -> ElementTree.Element:
    return next(root.iter(f"{NS}graph"))


GRAPHML_CHANGES: list[Any] = [
    None,
    lambda r: _graph(r).set("edgedefault", "directed"),
    lambda r: _tie_element(r).set("directed", "true"),
    lambda r: _tie_element(r).set("target", "nobody"),
    lambda r: _tie_element(r).set("target", _tie_element(r).get("source", "")),
    lambda r: _graph(r).append(copy.deepcopy(_tie_element(r))),
    lambda r: _tie_element(r).attrib.pop("source"),
    lambda r: _set_data(r, "trust", "1.5"),
    lambda r: _set_data(r, "trust", " 0.5 "),
    lambda r: _set_data(r, "trust", "nan"),
    lambda r: _set_data(r, "trust", None),
    lambda r: _set_data(r, "kind", None),
    lambda r: _set_data(r, "kind", "likes"),
    lambda r: _set_data(r, "evidence", '["met at a meetup"]'),
    lambda r: _set_data(r, "evidence", "[{"),
    lambda r: _set_data(r, "evidence", '[{"kind": "nope"}]'),
    lambda r: _tie_element(r).append(ElementTree.Element(f"{NS}data", key="nokey")),
    lambda r: next(k for k in r.iter(f"{NS}key") if k.get("attr.name") == "trust").set(
        "attr.type", "int"
    ),
    lambda r: _graph(r).append(ElementTree.Element(f"{NS}node", id="zed")),
    lambda r: _graph(r).append(ElementTree.Element(f"{NS}graph")),
]


@pytest.mark.parametrize("change", GRAPHML_CHANGES)
@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much],
)
@given(drawn=raw_documents(odd_ones=False))
def test_the_fast_graphml_store_is_the_full_readers_or_none(
    tmp_path: Path, drawn: tuple[dict[str, Any], bool], change: Any
) -> None:
    from intropath import graphml
    from intropath.interchange import to_graphml

    root = ElementTree.fromstring(to_graphml(_accepted(tmp_path, drawn[0])))
    try:
        _tie_element(root)
    except AssertionError:
        assume(False)
    if change is not None:
        change(root)
    path = tmp_path / "g.graphml"
    path.write_bytes(ElementTree.tostring(root, encoding="utf-8"))
    full = _agrees(path, graphml.read_store([path.read_bytes()], str(path)), change is None)
    _opens_as(path, full)


def test_people_become_objects_only_when_a_plan_needs_them(tmp_path: Path) -> None:
    from intropath import plan
    from intropath.graphfile import save_document
    from intropath.synthetic import generate

    network = generate(5_000, 20_000, seed=3, team=3, team_ties=(30, 60))
    path = tmp_path / "g.json"
    save_document(network.document(), path)
    company = network.companies[len(network.companies) // 2].name
    full = plan(MemoryStore(load_document(path)), company, me=network.me).model_dump()
    full.pop("graph")  # the store's description
    for _ in range(2):  # read, then from the cache
        store = graphcache.open_graph(path, cache_from=0)
        assert store._people._objects == {}
        assert plan(store, company, me=network.me).model_dump(exclude={"graph"}) == full
        assert 0 < len(store._people._objects) < 5_000 // 10


def test_person_records_have_the_fields_of_people() -> None:
    from intropath.model import Person, Position
    from intropath.stores.records import PersonRecord, PositionRecord

    # The shortcut fields are the record's own; everything else mirrors the model.
    assert set(PersonRecord.__struct_fields__) == {*Person.model_fields, "company", "title"}
    assert set(PositionRecord.__struct_fields__) == set(Position.model_fields)


def test_graphml_read_in_small_pieces_is_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from intropath import graphml
    from intropath.graphfile import save_document
    from intropath.synthetic import generate

    path = tmp_path / "g.graphml"
    save_document(generate(60, 200, seed=5, team=2).document(), path)
    full = MemoryStore(load_document(path))
    monkeypatch.setattr(graphcache, "CHUNK", 97)  # pieces split tags and characters
    monkeypatch.setattr(graphml, "CHUNK", 41)

    def no_full_reader(*args: object) -> None:
        raise AssertionError("the file was read the full way")

    monkeypatch.setattr(graphcache, "load_document", no_full_reader)
    store = graphcache.open_graph(path, cache_from=0)
    assert _summary(store) == _summary(full)
    assert graphml.read_store([path.read_bytes()], str(path)) is not None
