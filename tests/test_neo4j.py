"""The Neo4j store against a real server.

The server is ``NEO4J_URI`` (with ``NEO4J_USERNAME``, ``NEO4J_PASSWORD``,
``NEO4J_DATABASE``) when set, else a throwaway ``neo4j:5.26-community``
container started by testcontainers when a Docker engine answers; otherwise
these tests skip, saying why. They load, compare and clear intropath's labels
(:Person, :Company, :Group, :Intropath), so they refuse to run against a
database that already holds people unless ``INTROPATH_NEO4J_TESTS_MAY_CLEAR=1``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from intropath import plan
from intropath.cli import app
from intropath.errors import StoreError
from intropath.graphfile import load_document
from intropath.model import GraphDocument
from intropath.neo4j_settings import Neo4jSettings, cypher_statements, cypher_text
from intropath.scoring import Weights
from intropath.stores.base import SearchQuery, SearchResult
from intropath.stores.memory import MemoryStore
from intropath.stores.neo4j import Neo4jStore, open_neo4j_store
from strategies import networks

pytestmark = pytest.mark.neo4j

IMAGE = "neo4j:5.26-community"
REPO = Path(__file__).parents[1]
CYPHER_FILES = sorted(p.stem for p in (REPO / "cypher").glob("*.cypher"))


def _sample_path() -> Path:
    path = REPO / "sample_graphs" / "sample.json"
    return path if path.is_file() else Path(__file__).parent / "fixtures" / "small.json"


def _docker_reason() -> str | None:
    """None when a Docker engine answers, else why not."""
    try:
        import docker  # type: ignore[import-untyped]

        client = docker.from_env(timeout=5)
        client.ping()
        client.close()
    except Exception as exc:
        return f"{type(exc).__name__}: {' '.join(str(exc).split())[:120]}"
    return None


@pytest.fixture(scope="session")
def server() -> Iterator[Neo4jSettings]:
    """Connection settings of a server the tests may use."""
    if os.environ.get("NEO4J_URI"):
        yield Neo4jSettings(
            uri=os.environ["NEO4J_URI"],
            user=os.environ.get("NEO4J_USERNAME") or "neo4j",
            password=os.environ.get("NEO4J_PASSWORD"),
            database=os.environ.get("NEO4J_DATABASE") or None,
        )
        return
    why = _docker_reason()
    if why is not None:
        pytest.skip(f"no Neo4j server: NEO4J_URI is not set and no Docker engine answers ({why})")
    from testcontainers.community.neo4j import Neo4jContainer

    with Neo4jContainer(IMAGE, password="intropath-tests") as container:
        yield Neo4jSettings(
            uri=container.get_connection_url(), user="neo4j", password="intropath-tests"
        )


@pytest.fixture(scope="session")
def session_store(server: Neo4jSettings) -> Iterator[Neo4jStore]:
    store = Neo4jStore.connect(server)
    people = store.status().counts["people"]
    if people and os.environ.get("INTROPATH_NEO4J_TESTS_MAY_CLEAR") != "1":
        store.close()
        pytest.skip(
            f"the database at {server.where()} already holds {people} people; the tests would "
            "replace them (set INTROPATH_NEO4J_TESTS_MAY_CLEAR=1 to allow it)"
        )
    try:
        yield store
    finally:
        store.clear()
        store.close()


@pytest.fixture
def store(session_store: Neo4jStore) -> Iterator[Neo4jStore]:
    """An empty network (the schema stays)."""
    session_store.clear()
    yield session_store


@pytest.fixture(scope="session")
def sample() -> GraphDocument:
    return load_document(_sample_path())


def _loaded(store: Neo4jStore, document: GraphDocument) -> MemoryStore:
    store.load_document(document.model_copy(deep=True))
    return MemoryStore(document.model_copy(deep=True))


def _same(got: SearchResult, expected: SearchResult) -> None:
    assert [(a.contact, a.reach, a.best.people) for a in got.asks] == [
        (a.contact, a.reach, a.best.people) for a in expected.asks
    ]
    assert [p.people for p in got.paths] == [p.people for p in expected.paths]
    for g, e in zip(
        [a.best for a in got.asks] + got.paths,
        [a.best for a in expected.asks] + expected.paths,
        strict=True,
    ):
        assert g.score == pytest.approx(e.score, rel=0, abs=1e-9)
    assert [(d.contact, d.best.people, d.through) for d in got.detours] == [
        (d.contact, d.best.people, d.through) for d in expected.detours
    ]


# -- no server needed ---------------------------------------------------------


def test_unreachable_server_gives_one_line() -> None:
    with pytest.raises(StoreError) as info:
        open_neo4j_store("bolt://127.0.0.1:1", "neo4j", "secret")
    assert "\n" not in str(info.value)
    assert str(info.value).startswith("cannot reach the Neo4j server at bolt://127.0.0.1:1")


# -- against the server ---------------------------------------------------------


def test_every_cypher_file_executes(store: Neo4jStore, sample: GraphDocument) -> None:
    memory = _loaded(store, sample)
    me = memory.owner or sample.people[0].id
    company = memory.companies()[0]
    key = memory.company_index().key_of(company.name)
    other = next(iter(memory.ties())).b
    params: dict[str, dict[str, Any]] = {
        "load_graph": {"me": me},
        "load_companies": {
            "rows": [
                {"key": key, "name": company.name, "aliases": company.aliases or None, "seq": 0}
            ]
        },
        "load_people": {"rows": [{"id": me, "props": {"name": memory.person(me).name}}]},
        "prune_positions": {"rows": [{"person": me, "keys": []}]},
        "load_positions": {"rows": []},
        "load_groups": {"rows": []},
        "load_memberships": {"rows": []},
        "load_ties": {"rows": []},
        "owner": {},
        "companies": {},
        "status": {},
        "version": {},
        "people": {"ids": [me, other]},
        "employees": {"key": key},
        "tie": {"a": me, "b": other},
        "ties_of": {"id": me},
        "groups_of": {"id": me},
        "who_knows": {"person": other},
        "who_i_know_at": {"me": me, "company": company.name},
        "routes": {"me": me, "company": company.name},
        "record_ask": {
            "ask": {
                "key": f"{me}/1",
                "me": me,
                "via": other,
                "target": other,
                "company": company.name,
                "channel": None,
                "status": "sent",
                "sent_on": "2026-01-05",
                "followed_up_on": None,
                "closed_on": None,
            }
        },
        "team_asks": {},
        "search": {
            "me": me,
            "targets": [other],
            "weights": {other: 1.0},
            "max_hops": 3,
            "wt": 1.0,
            "wf": 1.0,
            "top": 5,
            "eps": 1e-9,
            "skip_contacts": [],
            "avoid": [],
            "skip_pairs": {},
        },
    }
    ran = set()
    driver = store._driver
    for name in CYPHER_FILES:
        if name in ("schema", "clear"):
            continue
        with driver.session(database=store.settings.database) as session:
            session.run(cypher_text(name), params[name]).consume()
        ran.add(name)
    for statement in cypher_statements("schema"):
        driver.execute_query(statement, database_=store.settings.database)
    ran.add("schema")
    store.clear()
    ran.add("clear")
    assert ran == set(CYPHER_FILES)
    assert store.status().counts["people"] == 0


def test_loading_twice_changes_nothing(store: Neo4jStore, sample: GraphDocument) -> None:
    first = store.load_document(sample.model_copy(deep=True))
    counts = store.status().counts
    assert counts["people"] == len(sample.people)
    assert counts["ties"] == len(sample.ties)
    assert first.created["ties"] == len(sample.ties)
    second = store.load_document(sample.model_copy(deep=True))
    assert store.status().counts == counts
    assert sum(second.created.values()) == 0
    assert second.matched["people"] == len(sample.people)
    assert second.removed == 0


def test_lookups_round_trip(store: Neo4jStore, sample: GraphDocument) -> None:
    memory = _loaded(store, sample)
    assert store.owner == memory.owner
    assert store.companies() == memory.companies()
    for person in memory.people():
        assert store.person(person.id) == person
        assert store.groups_of(person.id) == memory.groups_of(person.id)
    for key in memory.company_index().companies:
        assert store.employees(key) == memory.employees(key)
    for tie in memory.ties():
        assert store.tie(tie.b, tie.a) == memory.tie(tie.b, tie.a)


@pytest.mark.parametrize(
    ("max_hops", "top", "wt", "wf"),
    [(1, 5, 1.0, 1.0), (2, 3, 1.0, 1.0), (3, 5, 1.0, 1.0), (3, 20, 2.0, 0.5), (4, 10, 0.0, 1.0)],
)
def test_plan_matches_memory_on_the_sample(
    store: Neo4jStore, sample: GraphDocument, max_hops: int, top: int, wt: float, wf: float
) -> None:
    memory = _loaded(store, sample)
    names = [c.name for c in memory.companies()]
    for company in names:
        options = {"max_hops": max_hops, "top": top, "trust_weight": wt, "familiarity_weight": wf}
        expected = plan(memory, company, **options)
        got = plan(store, company, **options)
        assert got.model_dump(exclude={"graph"}) == expected.model_dump(exclude={"graph"})


@st.composite
def _queries(draw: st.DrawFn, document: GraphDocument) -> SearchQuery:
    ids = [p.id for p in document.people]
    weight = st.sampled_from([0.0, 0.5, 1.0, 1.0, 1.7, 2.0])
    targets = {
        t: draw(st.sampled_from([1.0, 0.9, 0.6, 0.2, 0.52]))
        for t in draw(st.lists(st.sampled_from(ids[1:]), unique=True))
    }
    pairs = st.tuples(st.sampled_from(ids), st.sampled_from(ids))
    return SearchQuery(
        me="p0",
        targets=targets,
        max_hops=draw(st.integers(1, 6)),
        weights=Weights(draw(weight), draw(weight)),
        top=draw(st.integers(1, 6)),
        skip_contacts=frozenset(draw(st.lists(st.sampled_from(ids), max_size=2))),
        skip_pairs=frozenset(draw(st.lists(pairs, max_size=2))),
    )


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    data=st.data(),
    document=st.one_of(networks(max_people=8), networks(max_people=8, dense=True)),
)
def test_search_matches_memory_on_random_networks(
    store: Neo4jStore, data: st.DataObject, document: GraphDocument
) -> None:
    """Sparse and dense networks (where my contacts know each other, so detours abound)."""
    store.clear()
    memory = _loaded(store, document)
    for _ in range(3):
        query = data.draw(_queries(document))
        _same(store.search(query), memory.search(query))


INJECTIONS = [
    "'}) MATCH (n) DETACH DELETE n //",
    '"; MATCH (n) DETACH DELETE n; //',
    "x` DETACH DELETE n //",
    "$me {id: 'p0'}",
    "Robert'); DROP TABLE people;--",
    "\\u0027 OR 1=1 \\",
    "Zoë ünïcødé 名字 \U0001f600",
]


def test_injection_strings_are_stored_as_plain_data(store: Neo4jStore) -> None:
    people = [{"id": "me", "name": "Me"}]
    for i, text in enumerate(INJECTIONS):
        people.append(
            {
                "id": f"{text}#{i}",
                "name": text,
                "headline": text,
                "company": f"{text} {i} Inc",
                "title": text,
            }
        )
    ties = [
        {
            "a": "me",
            "b": p["id"],
            "trust": 0.5,
            "familiarity": 0.5,
            "evidence": [{"kind": "note", "detail": t}],
        }
        for p, t in zip(people[1:], INJECTIONS, strict=True)
    ]
    document = GraphDocument.model_validate({"me": "me", "people": people, "ties": ties})
    memory = _loaded(store, document)
    counts = store.status().counts
    assert counts["people"] == len(people)
    assert counts["ties"] == len(ties)
    for person in memory.people():
        assert store.person(person.id) == person
    assert store.companies() == memory.companies()
    for tie in memory.ties():
        assert store.tie(tie.a, tie.b) == tie
    for i, text in enumerate(INJECTIONS):
        company = f"{text} {i} Inc"
        expected = plan(memory, company, me="me")
        got = plan(store, company, me="me")
        assert got.model_dump(exclude={"graph"}) == expected.model_dump(exclude={"graph"})
        assert [a.contact for a in got.asks] == [f"{text}#{i}"]
    assert store.status().counts == counts


def test_bad_credentials_and_missing_database(server: Neo4jSettings) -> None:
    if server.password is None:
        pytest.skip("the server takes no password, so none can be wrong")
    with pytest.raises(StoreError, match="refused the credentials"):
        open_neo4j_store(server.uri, server.user, (server.password or "") + "-wrong")
    with pytest.raises(StoreError, match="has no database 'no-such-database'"):
        open_neo4j_store(server.uri, server.user, server.password, "no-such-database")


def test_cli_load_status_clear(
    store: Neo4jStore, server: Neo4jSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEO4J_URI", server.uri)
    monkeypatch.setenv("NEO4J_USERNAME", server.user)
    if server.password is not None:
        monkeypatch.setenv("NEO4J_PASSWORD", server.password)
    if server.database:
        monkeypatch.setenv("NEO4J_DATABASE", server.database)
    runner = CliRunner()
    graph = str(_sample_path())
    first = runner.invoke(app, ["neo4j", "load", "--graph", graph])
    assert first.exit_code == 0, first.output
    assert "ties " in first.output and "created" in first.output
    again = runner.invoke(app, ["neo4j", "load", "--graph", graph])
    assert again.exit_code == 0, again.output
    assert "ties 0 created" in again.output
    status = runner.invoke(app, ["neo4j", "status"])
    assert status.exit_code == 0, status.output
    assert "Neo4j Kernel" in status.output or "5." in status.output
    refused = runner.invoke(app, ["neo4j", "clear"], input="n\n")
    assert refused.exit_code != 0
    assert store.status().counts["people"] > 0
    cleared = runner.invoke(app, ["neo4j", "clear", "--yes"])
    assert cleared.exit_code == 0, cleared.output
    store.refresh()
    assert store.status().counts["people"] == 0


def test_evidence_levels_match_memory(store: Neo4jStore, sample: GraphDocument) -> None:
    """Levels come from the same evidence in both stores; KNOWS.level is stored for Cypher."""
    from intropath.importers import import_linkedin
    from intropath.strength import level_of

    linkedin = Path(__file__).parent / "fixtures" / "linkedin"
    riley, _ = import_linkedin(linkedin / "riley_2023")
    for document, company in (
        (riley, "The Muse"),
        (riley, "Syracuse University"),
        (sample, "Muse"),
    ):
        store.clear()
        memory = _loaded(store, document)
        expected, got = plan(memory, company), plan(store, company)
        levels = [(a.contact, a.level, [h.level for h in a.best_path.hops]) for a in got.asks]
        assert levels == [
            (a.contact, a.level, [h.level for h in a.best_path.hops]) for a in expected.asks
        ]
        assert got.evidence_note == expected.evidence_note
        stored = {
            frozenset((r["a"], r["b"])): r["level"]
            for r in store._read_text(
                "MATCH (a:Person)-[k:KNOWS]->(b:Person) RETURN a.id AS a, b.id AS b, "
                "k.level AS level",
                {},
            )
        }
        assert stored == {frozenset((t.a, t.b)): level_of(t.evidence).value for t in document.ties}
