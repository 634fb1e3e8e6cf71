"""The Neo4j store against a real server.

The server is ``NEO4J_URI`` (with ``NEO4J_USERNAME``, ``NEO4J_PASSWORD``,
``NEO4J_DATABASE``) when set, else a throwaway ``neo4j:5.26-community``
container started by testcontainers when a Docker engine answers; otherwise
these tests skip, saying why (``.ci/run`` starts ``../shared/neo4j`` for them).

Each test process works in a namespace of its own (labels ``t<random>_Person``...,
see :func:`intropath.neo4j_settings.namespaced`), which it clears before each
test and removes at the end: pytest-xdist workers share one server without
seeing each other's data, and whatever else the database holds is left alone.
"""

from __future__ import annotations

import itertools
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import replace
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from intropath import plan
from intropath.cli import app
from intropath.errors import StoreError
from intropath.graphfile import load_document
from intropath.model import ContactPolicy, GraphDocument
from intropath.neo4j_settings import Neo4jSettings, cypher_statements, namespaced
from intropath.scoring import Weights
from intropath.stores.base import SearchQuery, SearchResult
from intropath.stores.memory import MemoryStore
from intropath.stores.neo4j import Neo4jStore, open_neo4j_store
from strategies import (
    COMPANY_NAMES,
    company_networks,
    lookups,
    networks,
    shared_groups_oracle,
    strength,
)

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


def _namespace() -> str:
    return f"t{uuid.uuid4().hex[:12]}"


@pytest.fixture(scope="session")
def server() -> Iterator[Neo4jSettings]:
    """Settings of a server the tests may use, in a namespace of this process's own."""
    if os.environ.get("NEO4J_URI"):
        yield Neo4jSettings(
            uri=os.environ["NEO4J_URI"],
            user=os.environ.get("NEO4J_USERNAME") or "neo4j",
            password=os.environ.get("NEO4J_PASSWORD"),
            database=os.environ.get("NEO4J_DATABASE") or None,
            namespace=_namespace(),
        )
        return
    why = _docker_reason()
    if why is not None:
        pytest.skip(
            "no Neo4j server: NEO4J_URI is not set and no Docker engine answers "
            f"({why}); .ci/run starts ../shared/neo4j when it is there"
        )
    from testcontainers.community.neo4j import Neo4jContainer

    with Neo4jContainer(IMAGE, password="intropath-tests") as container:
        yield Neo4jSettings(
            uri=container.get_connection_url(),
            user="neo4j",
            password="intropath-tests",
            namespace=_namespace(),
        )


def _remove(store: Neo4jStore) -> None:
    """Delete a test namespace: its data, then its constraints."""
    store.clear()
    prefix = f"intropath_{store.settings.namespace}_"
    with store.session() as session:
        names = session.run(
            "SHOW CONSTRAINTS YIELD name WHERE name STARTS WITH $prefix RETURN name",
            prefix=prefix,
        ).value()
        for name in names:
            session.run("DROP CONSTRAINT $name", name=name).consume()


@contextmanager
def _connected(settings: Neo4jSettings) -> Iterator[Neo4jStore]:
    store = Neo4jStore.connect(settings)
    try:
        yield store
    finally:
        _remove(store)
        store.close()


@pytest.fixture(scope="session")
def session_store(server: Neo4jSettings) -> Iterator[Neo4jStore]:
    with _connected(server) as store:
        yield store


@pytest.fixture
def store(session_store: Neo4jStore) -> Iterator[Neo4jStore]:
    """An empty network in this process's namespace (the schema stays)."""
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
    assert got.not_asked == expected.not_asked


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
                {
                    "key": key,
                    "name": company.name,
                    "aliases": company.aliases or None,
                    "name_keys": [key],
                    "seq": 0,
                }
            ]
        },
        "load_people": {"rows": [{"id": me, "props": {"name": memory.person(me).name}}]},
        "create_people": {"rows": [{"id": "new", "props": {"name": "New"}}]},
        "create_positions": {
            "rows": [{"person": "new", "company": key, "ordinal": 0, "props": {"title": "CEO"}}]
        },
        "create_memberships": {"rows": []},
        "create_ties": {
            "a": ["new"],
            "b": [me],
            "ida": ["new"],
            "idb": [me],
            "trust": [0.5],
            "familiarity": [0.5],
            "evidence": [None],
            "level": ["connected"],
        },
        "prune_positions": {"rows": [{"person": me, "keys": []}]},
        "load_positions": {"rows": []},
        "load_groups": {"rows": []},
        "load_memberships": {"rows": []},
        "load_ties": {
            "a": [me],
            "b": [other],
            "trust": [0.5],
            "familiarity": [0.5],
            "evidence": [None],
            "level": ["connected"],
        },
        "owner": {},
        "companies": {},
        "companies_named": {"keys": [key]},
        "status": {},
        "version": {},
        "people": {"ids": [me, other]},
        "employees": {"key": key},
        "tie": {"a": me, "b": other},
        "ties_of": {"id": me},
        "groups_of": {"id": me},
        "shared_groups": {"id": me, "others": [me, other]},
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
        "neighbourhood": {"me": me, "targets": [other], "max_hops": 3, "avoid": []},
        "details": {"ids": [me, other], "pairs": [[me, other]]},
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
    for name in CYPHER_FILES:
        if name in ("schema", "clear"):
            continue
        with store.session() as session:
            session.run(store.cypher(name), params[name]).consume()
        ran.add(name)
    with store.session() as session:
        for statement in cypher_statements("schema"):
            session.run(namespaced(statement, store.settings.namespace)).consume()
    ran.add("schema")
    store.clear()
    ran.add("clear")
    assert ran == set(CYPHER_FILES)
    assert store.status().counts["people"] == 0


def test_a_first_load_finds_the_ends_of_ties_by_element_id(store: Neo4jStore) -> None:
    """The check that each end is still its person must not turn the look-up into a
    (locking) seek of the id index, which would make the first load as slow as merging."""

    def operators(plan: Any) -> list[str]:
        return [plan["operatorType"], *(o for c in plan.get("children", []) for o in operators(c))]

    params = {k: [] for k in ("a", "b", "ida", "idb", "trust", "familiarity", "evidence", "level")}
    store.create_schema()  # the id index a plan could seek, as a load has it
    with store.session() as session:
        plan = session.run("EXPLAIN " + store.cypher("create_ties"), params).consume().plan
    found = " ".join(operators(plan))
    assert found.count("NodeByElementIdSeek") == 2
    assert "IndexSeek" not in found


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
def _queries(draw: st.DrawFn, document: GraphDocument, max_hops: int = 6) -> SearchQuery:
    ids = [p.id for p in document.people]
    weight = st.sampled_from([0.0, 0.5, 1.0, 1.0, 1.7, 2.0])
    targets = {
        t: draw(st.sampled_from([1.0, 0.9, 0.6, 0.2, 0.52, 0.0]))
        for t in draw(st.lists(st.sampled_from(ids), unique=True))
    }
    pairs = st.tuples(st.sampled_from(ids), st.sampled_from(ids))
    return SearchQuery(
        me="p0",
        targets=targets,
        max_hops=draw(st.integers(1, max_hops)),
        weights=Weights(draw(weight), draw(weight)),
        top=draw(st.integers(1, 6)),
        skip_contacts=frozenset(draw(st.lists(st.sampled_from(ids), max_size=2))),
        skip_pairs=frozenset(draw(st.lists(pairs, max_size=2))),
        avoid=frozenset(draw(st.lists(st.sampled_from(ids[1:]), max_size=1))),
        asks=draw(st.one_of(st.none(), st.integers(0, 3))),
    )


def _three_ways(store: Neo4jStore, memory: MemoryStore, query: SearchQuery) -> None:
    """The fetched search, search.cypher and the in-memory store give one answer."""
    got = store.search(query)
    expected = memory.search(query)
    _same(got, expected)
    assert got.more_asks == expected.more_asks
    every = replace(query, asks=None)  # search.cypher lists every ask
    _same(store.search_cypher(every), memory.search(every))


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
    """Sparse and dense networks (where my contacts know each other, so detours abound),
    with do_not_ask, do_not_contact, avoid, skip_contacts, skip_pairs, capped asks and
    1 to 6 hops."""
    store.clear()
    memory = _loaded(store, document)
    for _ in range(3):
        store.refresh()
        _three_ways(store, memory, data.draw(_queries(document)))


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data(), document=networks(max_people=24))
def test_search_matches_memory_on_larger_sparse_networks(
    store: Neo4jStore, data: st.DataObject, document: GraphDocument
) -> None:
    """Networks wide enough that the fetch leaves most ties out at few hops."""
    store.clear()
    memory = _loaded(store, document)
    for _ in range(3):
        store.refresh()
        _three_ways(store, memory, data.draw(_queries(document, max_hops=5)))


def _walk_ties(
    memory: MemoryStore, me: str, targets: set[str], max_hops: int, avoid: set[str]
) -> tuple[set[frozenset[str]], set[frozenset[str]]]:
    """Brute force: the ties on some simple path of <= max_hops from me to a target
    (open people only past me, the first not do_not_ask), and the ties on some walk
    of <= max_hops from me to a target through open people."""
    graph = nx.Graph()
    for person in memory.people():
        if person.id == me or (
            person.contact_policy is not ContactPolicy.DO_NOT_CONTACT and person.id not in avoid
        ):
            graph.add_node(person.id)
    graph.add_edges_from((t.a, t.b) for t in memory.ties() if t.a in graph and t.b in graph)
    ends = [t for t in targets if t in graph and t != me]
    on_paths: set[frozenset[str]] = set()
    for path in nx.all_simple_paths(graph, me, ends, cutoff=max_hops) if ends else ():
        if not memory.person(path[1]).do_not_ask:  # never the one asked
            on_paths.update(frozenset(pair) for pair in itertools.pairwise(path))
    inner = graph.subgraph(n for n in graph if n != me)
    from_me = {me: 0}
    from_me.update({y: 1 for y in graph.neighbors(me)})
    for y in list(graph.neighbors(me)):
        for x, d in nx.single_source_shortest_path_length(inner, y).items():
            from_me[x] = min(from_me.get(x, d + 1), d + 1)
    to_target = nx.multi_source_dijkstra_path_length(inner, set(ends)) if ends else {}
    on_walks = {
        frozenset((u, v))
        for u, v in graph.edges
        for a, b in ((u, v), (v, u))
        if a in from_me and b in to_target and from_me[a] + 1 + to_target[b] <= max_hops
    }
    return on_paths, on_walks


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data(), document=networks(max_people=24))
def test_neighbourhood_fetches_every_tie_a_path_can_use_and_no_other(
    store: Neo4jStore, data: st.DataObject, document: GraphDocument
) -> None:
    """neighbourhood.cypher holds every tie of every qualifying path; besides my own
    ties, it holds only ties on some walk of <= max_hops from me to a target."""
    store.clear()
    memory = _loaded(store, document)
    ids = [p.id for p in document.people]
    targets = set(data.draw(st.lists(st.sampled_from(ids[1:]), unique=True)))
    avoid = set(data.draw(st.lists(st.sampled_from(ids[1:]), max_size=1)))
    max_hops = data.draw(st.integers(1, 6))
    row = store._read(
        "neighbourhood", me="p0", targets=sorted(targets), max_hops=max_hops, avoid=sorted(avoid)
    )[0]
    fetched = {frozenset(pair) for pair in zip(row["a"], row["b"], strict=True)}
    mine = {frozenset(("p0", other)) for other in row["mine"]}
    assert mine == {frozenset((t.a, t.b)) for t in memory.ties() if "p0" in (t.a, t.b)}
    on_paths, on_walks = _walk_ties(memory, "p0", targets, max_hops, avoid)
    assert on_paths <= fetched | mine
    assert fetched - mine <= on_walks


def test_explaining_a_plan_costs_one_round_trip(
    store: Neo4jStore, sample: GraphDocument, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After the fetch, one statement brings everything the explanations read: no
    lookup of a person or a tie follows (shared_groups serves the fallbacks)."""
    memory = _loaded(store, sample)
    ran: list[str] = []
    read = store._read_text

    def counted(text: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        ran.append(text.splitlines()[0].split(".cypher")[0].removeprefix("// "))
        return read(text, params)

    monkeypatch.setattr(store, "_read_text", counted)
    for company in [c.name for c in memory.companies()]:
        for hops in (2, 3, 4):
            store.refresh()
            ran.clear()
            got = plan(store, company, max_hops=hops)
            expected = plan(memory, company, max_hops=hops)
            assert got.model_dump(exclude={"graph"}) == expected.model_dump(exclude={"graph"})
            after = ran[ran.index("neighbourhood") + 1 :]
            assert set(after) <= {"details", "shared_groups"}, ran
            assert after.count("details") <= 1, ran


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
    monkeypatch.setenv("INTROPATH_NEO4J_NAMESPACE", server.namespace or "")
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
    from intropath.neo4j_settings import namespaced
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
                namespaced(
                    "MATCH (a:Person)-[k:KNOWS]->(b:Person) RETURN a.id AS a, b.id AS b, "
                    "k.level AS level",
                    store.settings.namespace,
                ),
                {},
            )
        }
        assert stored == {frozenset((t.a, t.b)): level_of(t.evidence).value for t in document.ties}


def test_namespaces_keep_networks_apart(
    store: Neo4jStore, server: Neo4jSettings, sample: GraphDocument
) -> None:
    """Another namespace's network (e.g. another xdist worker's) is neither seen nor cleared."""
    other = Neo4jSettings(**{**vars(server), "namespace": _namespace()})
    document = GraphDocument.model_validate(
        {
            "me": "a",
            "people": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
            "ties": [{"a": "a", "b": "b", "trust": 0.5, "familiarity": 0.5}],
        }
    )
    with _connected(other) as neighbour:
        neighbour.load_document(document)
        store.load_document(sample.model_copy(deep=True))
        counts = store.status().counts
        assert (counts["people"], counts["ties"]) == (len(sample.people), len(sample.ties))
        assert neighbour.status().counts["people"] == 2
        assert neighbour.owner == "a"
        store.clear()
        assert store.status().counts["people"] == 0
        assert neighbour.status().counts == {
            "people": 2,
            "companies": 0,
            "groups": 0,
            "ties": 1,
            "positions": 0,
            "memberships": 0,
        }
        assert neighbour.tie("b", "a") is not None


def test_cli_verbose_shows_the_driver_log_without_the_password(
    store: Neo4jStore, server: Neo4jSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    import logging

    from intropath.cli.logs import _handler

    if not server.password:
        pytest.skip("the server takes no password, so none can leak")
    monkeypatch.setenv("NEO4J_URI", server.uri)
    monkeypatch.setenv("NEO4J_PASSWORD", server.password)
    monkeypatch.setenv("INTROPATH_NEO4J_NAMESPACE", server.namespace or "")
    loggers = [logging.getLogger(name) for name in ("neo4j", "intropath")]
    levels = [logger.level for logger in loggers]
    try:
        quiet = CliRunner().invoke(app, ["neo4j", "status"])
        loud = CliRunner().invoke(app, ["-vvv", "neo4j", "status"])
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.removeHandler(_handler)
            logger.setLevel(level)
    assert quiet.exit_code == loud.exit_code == 0, loud.output
    assert quiet.stdout == loud.stdout
    assert "LOGON" not in quiet.stderr
    assert "C: LOGON" in loud.stderr or "C: HELLO" in loud.stderr, loud.stderr
    assert "C: RUN" in loud.stderr
    assert server.password not in loud.stderr


# -- loading: the database holds exactly what the last load said ------------------

LOAD_COMPANIES = ["The Muse", "Muse", "Acme", "Globex", "Initech"]
EVIDENCE = [
    [],
    [{"kind": "messages", "count": 3, "sent": 1, "received": 2}],
    [{"kind": "worked_together", "at": "Acme", "since": "2019"}, "met at a meetup"],
    [{"kind": "rating", "trust": 0.8, "familiarity": 0.4, "source": "manual"}],
]


def _person(draw: st.DrawFn, pid: str) -> dict[str, Any]:
    positions = [
        {
            "company": draw(st.sampled_from(LOAD_COMPANIES)),
            "title": draw(st.sampled_from(["Engineer", "Recruiter", None])),
            "current": draw(st.booleans()),
            "start": draw(st.sampled_from([None, "2020-01"])),
        }
        for _ in range(draw(st.integers(0, 3)))
    ]
    return {
        "id": pid,
        "name": draw(st.sampled_from(["Ada", "Zoë", "Bo"])) + f" {pid}",
        "headline": draw(st.sampled_from([None, "Builds things"])),
        "contact_policy": draw(st.sampled_from(["open", "prefers_email", "no_strangers"])),
        "recruiter": draw(st.booleans()),
        "do_not_ask": draw(st.integers(0, 5)) == 0,
        "sources": draw(st.sampled_from([[], ["linkedin:ada"]])),
        "positions": positions,
    }


def _tie(draw: st.DrawFn, a: str, b: str) -> dict[str, Any]:
    return {
        "a": a,
        "b": b,
        "trust": draw(strength),
        "familiarity": draw(strength),
        "evidence": draw(st.sampled_from(EVIDENCE)),
    }


@st.composite
def _versions(draw: st.DrawFn) -> tuple[GraphDocument, GraphDocument]:
    """A network, and a later version of it as a pooled load sees one.

    The later version keeps every person, tie and group member of the first (a load
    adds to the network and never deletes them), changes any of their fields,
    positions, member order and tie numbers, and adds people, ties and groups.
    """
    n = draw(st.integers(2, 7))
    people = [_person(draw, f"p{i}") for i in range(n)]
    pairs = [(f"p{a}", f"p{b}") for a in range(n) for b in range(a + 1, n)]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True)) if pairs else []
    ids = [p["id"] for p in people]
    groups = [
        {
            "id": f"g{g}",
            "name": f"Group {g}",
            "members": draw(st.lists(st.sampled_from(ids), unique=True)),
        }
        for g in range(draw(st.integers(0, 2)))
    ]
    first = {
        "me": "p0",
        "people": people,
        "ties": [_tie(draw, a, b) for a, b in chosen],
        "companies": [{"name": "The Muse", "aliases": ["Daily Muse Inc."]}],
        "groups": groups,
    }
    v1 = GraphDocument.model_validate(first)
    m = n + draw(st.integers(0, 3))
    ids2 = ids + [f"p{i}" for i in range(n, m)]
    people2 = [
        _person(draw, pid) if draw(st.booleans()) else p for pid, p in zip(ids, people, strict=True)
    ] + [_person(draw, pid) for pid in ids2[n:]]
    people2 = draw(st.permutations(people2))
    pairs2 = [(a, b) for i, a in enumerate(ids2) for b in ids2[i + 1 :] if (a, b) not in chosen]
    added = draw(st.lists(st.sampled_from(pairs2), unique=True, max_size=6)) if pairs2 else []
    ties2 = [_tie(draw, b, a) if draw(st.booleans()) else _tie(draw, a, b) for a, b in chosen]
    groups2 = [
        {
            "id": g["id"],
            "name": draw(st.sampled_from([g["name"], "Renamed"])),
            "kind": draw(st.sampled_from(["group", "school"])),
            "members": draw(
                st.permutations(
                    g["members"]
                    + [
                        i
                        for i in draw(st.lists(st.sampled_from(ids2), unique=True))
                        if i not in g["members"]
                    ]
                )
            ),
        }
        for g in groups
    ] + [{"id": "g9", "name": "New", "members": draw(st.lists(st.sampled_from(ids2), unique=True))}]
    # Companies stay (a load never deletes one), so the later file names those of the first.
    companies2 = [c.model_dump() for c in MemoryStore(v1.model_copy(deep=True)).companies()]
    second = {
        "me": draw(st.sampled_from(ids2)),
        "people": people2,
        "ties": ties2 + [_tie(draw, a, b) for a, b in added],
        "companies": companies2,
        "groups": groups2,
    }
    return v1, GraphDocument.model_validate(second)


def _holds_exactly(store: Neo4jStore, document: GraphDocument) -> None:
    """Everything the store answers equals what the in-memory store of ``document``
    answers, and the counts show nothing more is stored."""
    memory = MemoryStore(document.model_copy(deep=True))
    store.refresh()
    people = list(memory.people())
    ties = list(memory.ties())
    index = memory.company_index()
    assert store.status().counts == {
        "people": len(people),
        "companies": len(index.companies),
        "groups": len(document.groups),
        "ties": len(ties),
        "positions": sum(len(p.positions) for p in people),
        "memberships": sum(len(memory.groups_of(p.id)) for p in people),
    }
    assert store.owner == memory.owner
    assert store.companies() == memory.companies()
    for person in people:
        assert store.person(person.id) == person
        assert store.groups_of(person.id) == memory.groups_of(person.id)
        assert store.ties_of(person.id) == {
            t.b if t.a == person.id else t.a: store.tie(person.id, t.b if t.a == person.id else t.a)
            for t in ties
            if person.id in (t.a, t.b)
        }
    for tie in ties:
        assert store.tie(tie.a, tie.b) == memory.tie(tie.a, tie.b)
    for key in index.companies:
        assert store.employees(key) == memory.employees(key)
    me = memory.owner or people[0].id
    for company in [c.name for c in memory.companies()][:3]:
        expected = plan(memory, company, me=me)
        assert plan(store, company, me=me).model_dump(exclude={"graph"}) == expected.model_dump(
            exclude={"graph"}
        )


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(versions=_versions())
def test_loads_leave_exactly_the_last_version(
    store: Neo4jStore, versions: tuple[GraphDocument, GraphDocument]
) -> None:
    """Into an empty network (CREATE), again (MERGE: nothing new), then a changed version."""
    first, second = versions
    store.clear()
    report = store.load_document(first.model_copy(deep=True))
    assert report.created["ties"] == len(first.ties)
    _holds_exactly(store, first)
    again = store.load_document(first.model_copy(deep=True))
    assert sum(again.created.values()) == 0 and again.removed == 0
    _holds_exactly(store, first)
    store.load_document(second.model_copy(deep=True))
    _holds_exactly(store, second)


class _Interrupted(Exception):
    pass


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(versions=_versions(), stop=st.integers(1, 40))
def test_an_interrupted_load_is_finished_by_loading_again(
    store: Neo4jStore,
    versions: tuple[GraphDocument, GraphDocument],
    stop: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A load stopped after any batch (rows of two, so there are many) leaves a network
    that the next load completes, though that one merges what the first created."""
    import intropath.stores.neo4j as neo4j_store

    monkeypatch.setattr(neo4j_store, "BATCH", 2)
    monkeypatch.setattr(neo4j_store, "TIE_BATCH", 2)
    document = versions[0]
    store.clear()
    calls = 0

    def progress(kind: str, done: int, total: int) -> None:
        nonlocal calls
        calls += 1
        if calls == stop:
            raise _Interrupted

    with suppress(_Interrupted):
        store.load_document(document.model_copy(deep=True), progress)
    store.load_document(document.model_copy(deep=True))
    _holds_exactly(store, document)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(versions=_versions(), data=st.data())
def test_shared_groups_match_an_oracle(
    store: Neo4jStore, versions: tuple[GraphDocument, GraphDocument], data: st.DataObject
) -> None:
    """shared_groups.cypher after a load and a later version's (members reordered and
    added): each person's groups that hold any of the others, with only those members,
    in file and member order, as read straight off the last version."""
    first, second = versions
    store.clear()
    store.load_document(first.model_copy(deep=True))
    store.load_document(second.model_copy(deep=True))
    ids = [p.id for p in second.people]
    for person in ids:
        others = set(data.draw(st.lists(st.sampled_from(ids))))
        found = store.shared_groups(person, others)
        expected = shared_groups_oracle(second, person, others)
        assert [(g.id, g.name, g.kind, g.members) for g in found] == expected


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(document=company_networks(), data=st.data())
def test_companies_for_answers_as_the_whole_index(
    store: Neo4jStore, document: GraphDocument, data: st.DataObject
) -> None:
    """companies_named.cypher: the companies fetched for some names resolve them, key
    them and name their companies exactly as the index of every company does, also
    when some companies were stored without name_keys (by an older load)."""
    memory = MemoryStore(document.model_copy(deep=True))
    store.clear()
    store.load_document(document.model_copy(deep=True))
    legacy = data.draw(st.lists(st.sampled_from(COMPANY_NAMES), unique=True))
    with store.session() as session:
        session.run(
            namespaced(
                "MATCH (c:Company) WHERE c.name IN $names REMOVE c.name_keys",
                store.settings.namespace,
            ),
            names=legacy,
        ).consume()
    store.refresh()
    names = data.draw(st.lists(st.sampled_from([*COMPANY_NAMES, "Zeta", "-"]), min_size=1))
    assert lookups(store.companies_for(names), names) == lookups(memory.company_index(), names)
