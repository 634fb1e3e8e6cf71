"""Large graph files: the columnar reader agrees with the full one; the cache is never stale."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intropath import graphcache, plan, sample_graph_path
from intropath.columnar import read_store
from intropath.errors import GraphFileError
from intropath.graphfile import load_document, save_document
from intropath.model import GraphDocument
from intropath.progress import Progress
from intropath.stores.memory import MemoryStore
from strategies import networks

EVIDENCE = [
    {"kind": "worked_together", "at": "Acme"},
    "met at a meetup",
    {"kind": "email", "threads": 3, "source": "mail:alex"},
    {"kind": "meetings", "weight": 1.5},
    {"kind": "colleagues", "at": "Acme"},
]


def _with_evidence(document: GraphDocument, every: int) -> dict[str, Any]:
    data = document.model_dump(mode="json", exclude_defaults=True)
    for i, tie in enumerate(data.get("ties", [])):
        if every and i % every == 0:
            tie["evidence"] = EVIDENCE
    return data


def _plan(store: MemoryStore) -> dict[str, Any]:
    return plan(store, "Muse", top=20).model_dump(exclude={"graph"})


def _same(a: MemoryStore, b: MemoryStore) -> None:
    assert a.to_document() == b.to_document()
    assert a.owner == b.owner
    for key in a.company_index().companies:
        assert a.employees(key) == b.employees(key)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(document=networks(), every=st.sampled_from([0, 1, 3]))
def test_columnar_and_cached_stores_equal_the_full_reader(
    tmp_path: Path, document: GraphDocument, every: int
) -> None:
    path = tmp_path / "g.json"
    path.write_text(json.dumps(_with_evidence(document, every)))
    full = MemoryStore(load_document(path))
    columns = read_store(path.read_bytes(), str(path))
    assert columns is not None  # plain files take the fast path
    graphcache.cache_path(path).unlink(missing_ok=True)
    first = graphcache.open_graph(path, cache_from=0)  # columnar, then written to the cache
    second = graphcache.open_graph(path, cache_from=0)  # from the cache
    _same(first, full)
    _same(second, full)
    assert _plan(second) == _plan(full)


@pytest.mark.parametrize(
    "tie",
    [
        {"a": " p0", "b": "p1", "trust": 0.5, "familiarity": 0.5},  # stripped by the model
        {"a": "p0", "b": "p1", "trust": "0.5", "familiarity": 0.5},  # a number as text
        {"a": "p0", "b": 1, "trust": 0.5, "familiarity": 0.5},  # an id as a number
    ],
)
def test_what_the_fast_path_is_unsure_of_is_read_the_full_way(
    tmp_path: Path, tie: dict[str, Any]
) -> None:
    data = {"me": "p0", "people": [{"id": "p0", "name": "A"}, {"id": "1", "name": "B"}]}
    data["people"].append({"id": "p1", "name": "C"})
    path = tmp_path / "g.json"
    path.write_text(json.dumps({**data, "ties": [tie]}))
    assert read_store(path.read_bytes(), str(path)) is None
    _same(graphcache.open_graph(path, cache_from=0), MemoryStore(load_document(path)))


@pytest.mark.parametrize(
    "ties",
    [
        [{"a": "p0", "b": "p1", "trust": 1.5, "familiarity": 0.5}],
        [{"a": "p0", "b": "p0", "trust": 0.5, "familiarity": 0.5}],
        [{"a": "p0", "b": "zz", "trust": 0.5, "familiarity": 0.5}],
        [{"a": "p0", "b": "p1", "trust": 0.5, "familiarity": 0.5}] * 2,
        [{"a": "p0", "b": "p1", "trust": 0.5, "familiarity": 0.5, "evidence": [{"kind": "x"}]}],
        [{"a": "p0", "b": "p1", "trust": 0.5, "familiarity": 0.5, "colour": "red"}],
    ],
)
def test_bad_ties_get_the_full_readers_one_line_error(
    tmp_path: Path, ties: list[dict[str, Any]]
) -> None:
    data = {"people": [{"id": "p0", "name": "A"}, {"id": "p1", "name": "B"}], "ties": ties}
    path = tmp_path / "g.json"
    path.write_text(json.dumps(data))
    with pytest.raises(GraphFileError) as expected:
        load_document(path)
    with pytest.raises(GraphFileError) as got:
        graphcache.open_graph(path, cache_from=0)
    assert str(got.value) == str(expected.value)
    assert str(path) in str(got.value) and "\n" not in str(got.value)
    assert not graphcache.cache_path(path).exists()


def _sample_copy(tmp_path: Path, suffix: str = ".json") -> Path:
    path = tmp_path / f"sample{suffix}"
    save_document(load_document(sample_graph_path()), path)
    return path


@pytest.mark.parametrize("suffix", [".json", ".graphml", ".yaml"])
def test_the_second_open_reads_the_cache_not_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    path = _sample_copy(tmp_path, suffix)
    monkeypatch.setattr(graphcache, "CHUNK", 97)  # the file read and hashed in many pieces
    first = graphcache.open_graph(path, cache_from=0)
    where = graphcache.cache_path(path)
    assert where.is_file()
    assert stat.S_IMODE(where.stat().st_mode) == 0o600
    assert stat.S_IMODE(where.parent.stat().st_mode) == 0o700

    def no_parsing(*args: object) -> None:
        raise AssertionError("the file was parsed again")

    monkeypatch.setattr(graphcache, "_from_bytes", no_parsing)
    second = graphcache.open_graph(path, cache_from=0)
    _same(first, second)


def test_a_changed_file_gets_a_new_answer_never_the_cached_one(tmp_path: Path) -> None:
    path = _sample_copy(tmp_path)
    document = load_document(path)
    before = plan(graphcache.open_graph(path, cache_from=0), "Muse")
    assert _plan(graphcache.open_graph(path, cache_from=0)) == _plan(MemoryStore(document))
    best = before.asks[0].contact
    for tie in document.ties:
        if best in (tie.a, tie.b) and document.me in (tie.a, tie.b):
            tie.trust = 0.01  # the best contact barely trusts me now
    save_document(document, path)
    after = plan(graphcache.open_graph(path, cache_from=0), "Muse")
    assert _plan(graphcache.open_graph(path, cache_from=0)) == _plan(MemoryStore(document))
    assert after.asks[0].contact != best


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # truncated
        lambda data: data[:100] + bytes([data[100] ^ 0xFF]) + data[101:],  # a flipped byte
        lambda data: b"not a cache at all",
        lambda data: data[:-4000] + bytes(4000),  # the end zeroed
    ],
)
def test_a_damaged_cache_is_ignored_and_rebuilt(tmp_path: Path, damage: Any) -> None:
    path = _sample_copy(tmp_path)
    expected = plan(graphcache.open_graph(path, cache_from=0), "Muse")
    where = graphcache.cache_path(path)
    where.write_bytes(damage(where.read_bytes()))
    assert plan(graphcache.open_graph(path, cache_from=0), "Muse") == expected
    assert plan(graphcache.open_graph(path, cache_from=0), "Muse") == expected  # rebuilt


def test_a_cache_of_another_version_is_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _sample_copy(tmp_path)
    graphcache.open_graph(path, cache_from=0)
    monkeypatch.setattr(graphcache, "_version", lambda: "99.0")
    calls: list[Path] = []
    real = graphcache._from_bytes

    def counting(held: list[bytes], at: Path, progress: Progress | None) -> MemoryStore:
        calls.append(at)
        return real(held, at, progress)

    monkeypatch.setattr(graphcache, "_from_bytes", counting)
    graphcache.open_graph(path, cache_from=0)
    assert calls == [path]


def test_small_files_are_not_cached(tmp_path: Path) -> None:
    path = _sample_copy(tmp_path)
    graphcache.open_graph(path)
    assert os.path.getsize(path) < graphcache.CACHE_FROM
    assert not graphcache.cache_path(path).exists()


@pytest.mark.parametrize(
    "text",
    ["[" * 100_000 + "]" * 100_000, '{"people": ' + "[" * 50_000 + "]" * 50_000 + "}"],
)
def test_the_cache_path_keeps_the_one_line_error_for_deep_nesting(
    tmp_path: Path, text: str
) -> None:
    path = tmp_path / "deep.json"
    path.write_text(text)
    with pytest.raises(GraphFileError) as caught:
        graphcache.open_graph(path, cache_from=0)
    assert str(caught.value) == f"{path}: nested too deeply to be a graph file"


def test_the_cache_path_refuses_a_named_pipe(tmp_path: Path) -> None:
    fifo = tmp_path / "g.json"
    os.mkfifo(fifo)
    with pytest.raises(GraphFileError, match="named pipe"):
        graphcache.open_graph(fifo, cache_from=0)


def test_the_cache_path_reports_progress(tmp_path: Path) -> None:
    path = _sample_copy(tmp_path)
    stages: list[str] = []
    graphcache.open_graph(path, cache_from=0, progress=lambda stage, *_: stages.append(stage))
    assert stages[0] == "reading" and stages[-1] == "checking"
