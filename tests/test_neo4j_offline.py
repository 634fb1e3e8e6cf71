"""The Neo4j store's Python side, against a stand-in driver (no server needed).

``FakeDriver`` answers each file of ``cypher/`` by name with a plain-Python
reading of what that statement does (see the comments in the files), including
search.cypher's candidate selection, with scores deliberately multiplied in a
different order so that the exact re-scoring in Python is exercised. What this
cannot check is Cypher itself: tests/test_neo4j.py runs the same store against
a real server.
"""

from __future__ import annotations

import itertools
import json
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intropath import plan
from intropath.errors import PersonNotFound, StoreError
from intropath.graphfile import load_document
from intropath.model import GraphDocument
from intropath.neo4j_settings import Neo4jSettings, cypher_dir, cypher_text
from intropath.scoring import Weights
from intropath.stores.base import SearchQuery
from intropath.stores.memory import MemoryStore
from intropath.stores.neo4j import Neo4jStore
from intropath.stores.neo4j_load import LoadPlan
from intropath.strength import level_of
from intropath.synthetic import generate
from strategies import (
    COMPANY_NAMES,
    company_networks,
    grouped_networks,
    lookups,
    networks,
    shared_groups_oracle,
)

Row = dict[str, Any]


@dataclass
class Counters:
    nodes_created: int = 0
    relationships_created: int = 0
    relationships_deleted: int = 0


@dataclass
class FakeGraph:
    people: dict[str, Row] = field(default_factory=dict)
    companies: dict[str, Row] = field(default_factory=dict)
    groups: dict[str, Row] = field(default_factory=dict)
    works: dict[tuple[str, int], tuple[str, Row]] = field(default_factory=dict)
    members: dict[tuple[str, str], int] = field(default_factory=dict)
    knows: dict[frozenset[str], Row] = field(default_factory=dict)
    marker: Row | None = None
    asks: dict[str, Row] = field(default_factory=dict)
    nodes: dict[str, str] = field(default_factory=dict)
    """People's ids by their nodes' element ids (those create_people returned)."""


LISTS = {
    "companies": "companies",
    "companies_named": "companies",
    "employees": "people",
    "ties_of": "ties",
    "search": "contacts",
    "shared_groups": "groups",
}


@dataclass
class FakeResult:
    rows: list[Row]
    counters: Counters

    def __iter__(self) -> Iterator[Row]:
        return iter(self.rows)

    def consume(self) -> Any:
        return SimpleNamespace(counters=self.counters)


class FakeDriver:
    """Enough of ``neo4j.Driver`` for Neo4jStore, answering by statement name."""

    def __init__(self) -> None:
        self.g = FakeGraph()
        self.names = {
            cypher_text(p.stem): p.stem for p in cypher_dir().glob("*.cypher") if p.stem != "schema"
        }
        self.perturb = True
        self.calls: list[str] = []
        self.execute_query_bookmark_manager = object()
        self.contexts: list[tuple[str | None, object]] = []
        """(database, bookmark manager) of every query and session, in order."""

    # -- driver surface ---------------------------------------------------
    def verify_connectivity(self) -> None:
        pass

    def close(self) -> None:
        pass

    def execute_query(self, query: str, params: Row | None = None, **config: Any) -> Any:
        self.contexts.append((config.get("database_"), config.get("bookmark_manager_")))
        rows = self._answer(query, params or {}, Counters())
        keys = list(rows[0]) if rows else []
        assert all(list(r) == keys for r in rows)
        return [tuple(r.values()) for r in rows], None, keys

    @contextmanager
    def session(self, **config: Any) -> Iterator[Any]:
        self.contexts.append((config.get("database"), config.get("bookmark_manager")))
        driver = self

        class Tx:
            def run(self, query: str, params: Row | None = None) -> Any:
                counters = Counters()
                return FakeResult(driver._answer(query, params or {}, counters), counters)

        class Session:
            def execute_write(self, work: Callable[[Any], Any]) -> Any:
                return work(Tx())

            def run(self, query: str, params: Row | None = None) -> Any:
                return Tx().run(query, params)

        yield Session()

    # -- statements -------------------------------------------------------
    def _answer(self, query: str, p: Row, c: Counters) -> list[Row]:
        if "CREATE CONSTRAINT" in query:
            return []
        name = self.names[query]
        self.calls.append(name)
        rows: list[Row] = getattr(self, f"_{name}")(p, c)
        if name in LISTS:  # these return one row holding a list
            return [{LISTS[name]: rows}]
        return rows

    def _version(self, p: Row, c: Counters) -> list[Row]:
        return [
            {"name": "Fake Neo4j", "version": "5.26.0", "edition": "community", "database": "home"}
        ]

    def _load_graph(self, p: Row, c: Counters) -> list[Row]:
        if self.g.marker is None:
            self.g.marker = {}
            c.nodes_created += 1
        self.g.marker["me"] = p["me"]
        return []

    def _merge_nodes(self, table: dict[str, Row], key: str, row: Row, c: Counters) -> Row:
        if key not in table:
            table[key] = {}
            c.nodes_created += 1
        return table[key]

    def _load_companies(self, p: Row, c: Counters) -> list[Row]:
        for row in p["rows"]:
            self._merge_nodes(self.g.companies, row["key"], row, c).update(row)
        return []

    def _load_people(self, p: Row, c: Counters) -> list[Row]:
        for row in p["rows"]:
            node = self._merge_nodes(self.g.people, row["id"], row, c)
            node["id"] = row["id"]
            node.update(row["props"])
        return []

    def _load_groups(self, p: Row, c: Counters) -> list[Row]:
        for row in p["rows"]:
            self._merge_nodes(self.g.groups, row["id"], row, c).update(row)
        return []

    def _prune_positions(self, p: Row, c: Counters) -> list[Row]:
        for row in p["rows"]:
            for (person, ordinal), (key, _) in list(self.g.works.items()):
                if person == row["person"] and (
                    ordinal >= len(row["keys"]) or key != row["keys"][ordinal]
                ):
                    del self.g.works[person, ordinal]
                    c.relationships_deleted += 1
        return []

    def _load_positions(self, p: Row, c: Counters) -> list[Row]:
        for row in p["rows"]:
            assert row["person"] in self.g.people and row["company"] in self.g.companies
            slot = (row["person"], row["ordinal"])
            if slot not in self.g.works:
                c.relationships_created += 1
                self.g.works[slot] = (row["company"], {"ordinal": row["ordinal"]})
            self.g.works[slot][1].update(row["props"])
        return []

    def _load_memberships(self, p: Row, c: Counters) -> list[Row]:
        for row in p["rows"]:
            pair = (row["person"], row["group"])
            c.relationships_created += pair not in self.g.members
            self.g.members[pair] = row["ordinal"]
        return []

    def _load_ties(self, p: Row, c: Counters) -> list[Row]:
        names = ("a", "b", "trust", "familiarity", "evidence")
        for values in zip(*(p[n] for n in names), strict=True):
            row = dict(zip(names, values, strict=True))
            assert row["a"] < row["b"]
            pair = frozenset((row["a"], row["b"]))
            c.relationships_created += pair not in self.g.knows
            self.g.knows[pair] = {k: row[k] for k in ("trust", "familiarity", "evidence")}
        return []

    # CREATE, unlike MERGE, never matches: these fail where the real statement would
    # break the uniqueness constraint (people) or store a second relationship.
    def _create_people(self, p: Row, c: Counters) -> list[Row]:
        assert not any(row["id"] in self.g.people for row in p["rows"]), "constraint"
        self._load_people(p, c)
        ids = [row["id"] for row in p["rows"]]
        nodes = [f"4:fake:{len(self.g.nodes) + i}" for i in range(len(ids))]
        self.g.nodes.update(zip(nodes, ids, strict=True))
        return [{"ids": ids, "nodes": nodes}]

    def _create_positions(self, p: Row, c: Counters) -> list[Row]:
        assert not any((r["person"], r["ordinal"]) in self.g.works for r in p["rows"])
        return self._load_positions(p, c)

    def _create_memberships(self, p: Row, c: Counters) -> list[Row]:
        assert not any((r["person"], r["group"]) in self.g.members for r in p["rows"])
        return self._load_memberships(p, c)

    def _create_ties(self, p: Row, c: Counters) -> list[Row]:
        # the ends come as element ids, each with its person's id: an id that names no
        # node, or a node of another person (an id freed and reused), matches no tie
        a = [self.g.nodes.get(node) for node in p["a"]]
        b = [self.g.nodes.get(node) for node in p["b"]]
        keep = [i for i in range(len(a)) if (a[i], b[i]) == (p["ida"][i], p["idb"][i])]
        columns = {k: [p[k][i] for i in keep] for k in p if k not in ("ida", "idb")}
        columns["a"], columns["b"] = [a[i] for i in keep], [b[i] for i in keep]
        assert not any(frozenset(pair) in self.g.knows for pair in zip(a, b, strict=True))
        return self._load_ties(columns, c)

    def _owner(self, p: Row, c: Counters) -> list[Row]:
        return [] if self.g.marker is None else [{"me": self.g.marker.get("me")}]

    def _person_rows(self, ids: list[str]) -> list[Row]:
        rows = []
        for pid in dict.fromkeys(ids):
            if pid in self.g.people:
                positions = [
                    {**props, "company_key": key}
                    for (person, _), (key, props) in self.g.works.items()
                    if person == pid
                ]
                props = {k: v for k, v in self.g.people[pid].items() if v is not None}
                rows.append({"person": props, "positions": positions})
        return rows

    def _people(self, p: Row, c: Counters) -> list[Row]:
        return self._person_rows(p["ids"])

    def _employees(self, p: Row, c: Counters) -> list[Row]:
        ids = [person for (person, _), (key, _) in self.g.works.items() if key == p["key"]]
        return self._person_rows(ids)

    def _companies(self, p: Row, c: Counters) -> list[Row]:
        return [
            {"key": k, "name": r["name"], "aliases": r.get("aliases"), "seq": r.get("seq")}
            for k, r in self.g.companies.items()
        ]

    def _companies_named(self, p: Row, c: Counters) -> list[Row]:
        keys = set(p["keys"])
        named = [
            k
            for k, r in self.g.companies.items()
            if r.get("name_keys") is None or k in keys or keys & set(r["name_keys"])
        ]
        return [row for row in self._companies(p, c) if row["key"] in named]

    def _tie(self, p: Row, c: Counters) -> list[Row]:
        found = self.g.knows.get(frozenset((p["a"], p["b"])))
        return [dict(found)] if found else []

    def _ties_of(self, p: Row, c: Counters) -> list[Row]:
        rows = []
        for pair, props in self.g.knows.items():
            if p["id"] in pair:
                other = next(iter(pair - {p["id"]}))
                do_not_ask = bool(self.g.people[other].get("do_not_ask"))
                rows.append({"other": other, **props, "do_not_ask": do_not_ask})
        return rows

    def _groups_of(self, p: Row, c: Counters) -> list[Row]:
        rows = []
        for person, gid in self.g.members:
            if person == p["id"]:
                g = self.g.groups[gid]
                ordered = sorted(
                    ((o is None, o or 0, q) for (q, h), o in self.g.members.items() if h == gid)
                )
                members = [q for _, _, q in ordered]
                rows.append(
                    {
                        "id": gid,
                        "name": g["name"],
                        "kind": g["kind"],
                        "seq": g["seq"],
                        "members": members,
                    }
                )
        return rows

    def _shared_groups(self, p: Row, c: Counters) -> list[Row]:
        others = set(p["others"])
        rows = []
        for row in self._groups_of({"id": p["id"]}, c):
            members = [m for m in row["members"] if m in others]
            if members:
                rows.append({**row, "members": members})
        return rows

    def _status(self, p: Row, c: Counters) -> list[Row]:
        g = self.g
        return [
            {
                "people": len(g.people),
                "companies": len(g.companies),
                "groups": len(g.groups),
                "ties": len(g.knows),
                "positions": len(g.works),
                "memberships": len(g.members),
            }
        ]

    def _record_ask(self, p: Row, c: Counters) -> list[Row]:
        ask = p["ask"]
        if not all(ask[k] in self.g.people for k in ("me", "via", "target")):
            return []
        if ask["key"] not in self.g.asks:
            c.nodes_created += 1
            c.relationships_created += 3
        self.g.asks[ask["key"]] = dict(ask)
        return [{"key": ask["key"]}]

    def _team_asks(self, p: Row, c: Counters) -> list[Row]:
        rows = sorted(self.g.asks.values(), key=lambda a: a["key"])
        return sorted((dict(a) for a in rows), key=lambda a: a["sent_on"], reverse=True)

    def _clear(self, p: Row, c: Counters) -> list[Row]:
        self.g = FakeGraph()
        return []

    def _adjacency(self) -> dict[str, list[str]]:
        adjacency: dict[str, list[str]] = defaultdict(list)
        for pair in self.g.knows:
            a, b = sorted(pair)
            adjacency[a].append(b)
            adjacency[b].append(a)
        return adjacency

    def _neighbourhood(self, p: Row, c: Counters) -> list[Row]:
        """neighbourhood.cypher, layer by layer."""
        me, k, node = p["me"], p["max_hops"], self.g.people
        if me not in node:
            return []
        adjacency = self._adjacency()

        def is_open(x: str) -> bool:
            return (
                x != me
                and node[x].get("contact_policy") != "do_not_contact"
                and (x not in p["avoid"])
            )

        mine = adjacency[me]
        ties = [self.g.knows[frozenset((me, o))] for o in mine]
        row: Row = {
            "mine": mine,
            "mine_trust": [t["trust"] for t in ties],
            "mine_familiarity": [t["familiarity"] for t in ties],
            "mine_evidence": [t["evidence"] or "" for t in ties],
            "mine_do_not_ask": [bool(node[o].get("do_not_ask")) for o in mine],
            "mine_blocked": [node[o].get("contact_policy") == "do_not_contact" for o in mine],
        }
        within = [{t for t in p["targets"] if t in node and is_open(t)}]
        while len(within) < k - 1:
            within.append(within[-1] | {x for y in within[-1] for x in adjacency[y] if is_open(x)})
        columns: dict[str, list[Any]] = {"a": [], "b": [], "trust": [], "familiarity": []}
        reached = {o for o in mine if is_open(o) and not node[o].get("do_not_ask")}
        for i in range(1, k):
            ball, following = within[k - 1 - i], set()
            for u in sorted(reached):
                for v in adjacency[u]:
                    if v in ball:
                        tie = self.g.knows[frozenset((u, v))]
                        values = (u, v, tie["trust"], tie["familiarity"])
                        for name, value in zip(columns, values, strict=True):
                            columns[name].append(value)
                        following.add(v)
            reached = following
        return [{**row, **columns}]

    def _details(self, p: Row, c: Counters) -> list[Row]:
        found = [(a, b, self.g.knows.get(frozenset((a, b)))) for a, b in p["pairs"]]
        ties = [{"a": a, "b": b, **tie} for a, b, tie in found if tie is not None]
        return [{"people": self._person_rows(p["ids"]), "ties": ties}]

    def _search(self, p: Row, c: Counters) -> list[Row]:
        """search.cypher, step by step."""
        if p["me"] not in self.g.people:
            return []
        adjacency = self._adjacency()
        targets = set(p["targets"])
        found: list[tuple[list[str], list[Row]]] = []

        def walk(path: list[str], used: set[frozenset[str]]) -> None:
            # fixed-length patterns: relationships distinct, people may repeat
            if len(path) > 1 and path[-1] in targets:
                found.append(
                    (list(path), [self.g.knows[frozenset(e)] for e in itertools.pairwise(path)])
                )
            if len(path) - 1 == p["max_hops"]:
                return
            for nxt in adjacency[path[-1]]:
                edge = frozenset((path[-1], nxt))
                if edge not in used:
                    walk([*path, nxt], used | {edge})

        walk([p["me"]], set())
        rows = []
        for people, ties in found:
            contact, target = people[1], people[-1]
            node = self.g.people
            if any(
                node[x].get("contact_policy") == "do_not_contact" or x in p["avoid"]
                for x in people[1:]
            ):
                continue
            if len(set(people)) != len(people):
                continue
            if node[contact].get("do_not_ask") or contact in p["skip_contacts"]:
                continue
            if target in p["skip_pairs"].get(contact, []):
                continue
            hops = len(ties)
            factors = []
            for i, tie in enumerate(ties):
                if i == 0:
                    factors.append(tie["trust"] ** p["wt"])
                elif i == hops - 1:
                    factors.append(tie["familiarity"] ** p["wf"])
                else:
                    factors.append((tie["trust"] ** p["wt"]) * (tie["familiarity"] ** p["wf"]))
            score = 1.0
            for f in reversed(factors) if self.perturb else factors:
                score *= f
            score *= p["weights"][target]
            if all(f > 0 for f in factors) and score > 0:
                through = self._detour(p, people, factors)
                rows.append((contact, target, people, ties, score, through))
        rows.sort(key=lambda r: -r[4])  # ORDER BY score DESC (stable, as collect keeps order)
        groups: dict[str, Row] = {}
        for contact, target, people, ties, score, through in rows:
            g = groups.setdefault(contact, {"targets": set(), "found": [], "detours": []})
            path = {"score": score, "people": people, "ties": ties}
            if through is None:
                g["targets"].add(target)
                g["found"].append(path)
            else:
                g["detours"].append({**path, "through": through})
        kept_groups = []
        for contact, g in groups.items():
            n = min(len(g["found"]), p["top"])
            cut = g["found"][n - 1]["score"] * (1.0 - p["eps"]) if n else 0.0
            kept = [x for x in g["found"] if x["score"] >= cut] if n else []
            kept_groups.append((contact, len(g["targets"]), kept, g["detours"]))
        if not kept_groups:
            return []
        scores = sorted((x["score"] for _, _, kept, _ in kept_groups for x in kept), reverse=True)
        nth = min(scores[: p["top"]], default=None)
        out = []
        for contact, reach, kept, detours in kept_groups:
            near = kept[0]["score"] * (1.0 - p["eps"]) if kept else None
            cut = nth * (1.0 - p["eps"]) if nth is not None else None
            nearest = None if kept else detours[0]["score"] * (1.0 - p["eps"])
            chosen = [
                x
                for x in kept
                if (near is not None and x["score"] >= near)
                or (cut is not None and x["score"] >= cut)
            ]
            chosen_detours = [x for x in detours if nearest is not None and x["score"] >= nearest]
            out.append(
                {
                    "contact": contact,
                    "reach": reach,
                    "paths": [_candidate(x) for x in chosen],
                    "detours": [{**_candidate(x), "through": x["through"]} for x in chosen_detours],
                    "people": self._person_rows(
                        [q for x in chosen + chosen_detours for q in x["people"][1:]]
                    ),
                }
            )
        return out

    def _detour(self, p: Row, people: list[str], factors: list[float]) -> str | None:
        """The first middle person who is my contact and no worse asked directly."""
        for i in range(2, len(people) - 1):
            prefix = 1.0
            for f in factors[:i]:
                prefix *= f
            direct = self.g.knows.get(frozenset((p["me"], people[i])))
            if self.g.people[people[i]].get("do_not_ask") or people[i] in p["skip_contacts"]:
                continue  # asking them myself is no option
            if direct is not None and prefix * (1.0 - p["eps"]) <= direct["trust"] ** p["wt"]:
                return people[i]
        return None


def fake_store(document: GraphDocument | None = None) -> Neo4jStore:
    store = Neo4jStore(FakeDriver(), Neo4jSettings(uri="bolt://fake:7687"))
    if document is not None:
        store.load_document(document)
    return store


@pytest.fixture
def sample() -> GraphDocument:
    from pathlib import Path

    path = Path(__file__).parents[1] / "sample_graphs" / "sample.json"
    if not path.is_file():
        path = Path(__file__).parent / "fixtures" / "small.json"
    return load_document(path)


def test_lookups_round_trip(sample: GraphDocument) -> None:
    memory = MemoryStore(sample.model_copy(deep=True))
    store = fake_store(sample.model_copy(deep=True))
    assert store.owner == memory.owner
    assert store.companies() == memory.companies()
    for person in memory.people():
        assert store.person(person.id) == person
        assert store.groups_of(person.id) == memory.groups_of(person.id)
    for key in memory.company_index().companies:
        assert store.employees(key) == memory.employees(key)
    for tie in memory.ties():
        assert store.tie(tie.a, tie.b) == tie
        assert store.tie(tie.b, tie.a) == memory.tie(tie.b, tie.a)
    ids = [p.id for p in memory.people()]
    assert store.tie(ids[0], "nobody") is None
    with pytest.raises(PersonNotFound):
        store.person("nobody")


def test_loading_twice_creates_nothing_new(sample: GraphDocument) -> None:
    store = fake_store()
    first = store.load_document(sample)
    counts = store.status().counts
    second = store.load_document(sample)
    assert store.status().counts == counts
    assert sum(first.created.values()) > 0
    assert sum(second.created.values()) == 0
    assert second.matched["ties"] == len(sample.ties)
    assert second.removed == 0
    assert "created" in second.describe()


def test_a_load_creates_into_an_empty_network_and_merges_otherwise(
    sample: GraphDocument,
) -> None:
    """CREATE only when no person is stored yet; any later load, or merge_only, merges."""
    store = fake_store()
    store.load_document(sample)
    written = [c for c in store._driver.calls if c.startswith(("load_", "create_"))]
    assert "create_ties" in written and "load_ties" not in written
    assert "create_people" in written and "prune_positions" not in store._driver.calls
    for again in (fake_store(sample), fake_store()):
        again._driver.calls.clear()
        again.load(LoadPlan.from_document(sample), merge_only=True)
        written = [c for c in again._driver.calls if c.startswith(("load_", "create_"))]
        assert "load_ties" in written and not any(c.startswith("create_") for c in written)


def test_a_reloaded_person_loses_old_positions(sample: GraphDocument) -> None:
    store = fake_store(sample)
    changed = sample.model_copy(deep=True)
    person = next(p for p in changed.people if p.positions)
    person.positions = []
    report = store.load_document(changed)
    assert report.removed >= 1
    store.refresh()
    assert store.person(person.id).positions == []


def test_plan_is_the_same_on_both_stores(sample: GraphDocument) -> None:
    memory = MemoryStore(sample.model_copy(deep=True))
    store = fake_store(sample.model_copy(deep=True))
    for company in ["Muse", "Acme", "Globex"]:
        try:
            expected = plan(memory, company, max_hops=4, top=10)
        except Exception as exc:
            with pytest.raises(type(exc)):
                plan(store, company, max_hops=4, top=10)
            continue
        got = plan(store, company, max_hops=4, top=10)
        assert got.model_dump(exclude={"graph"}) == expected.model_dump(exclude={"graph"})


@st.composite
def queries(draw: st.DrawFn, document: GraphDocument) -> SearchQuery:
    ids = [p.id for p in document.people]
    weight = st.sampled_from([0.0, 0.5, 1.0, 1.0, 1.7, 2.0])
    targets = {
        t: draw(st.sampled_from([1.0, 0.9, 0.6, 0.2, 0.52]))
        for t in draw(st.lists(st.sampled_from(ids[1:]), unique=True))
        if ids[1:]
    }
    skip = frozenset(draw(st.lists(st.sampled_from(ids), max_size=2)))
    pairs = frozenset(
        draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)), max_size=2))
    )
    return SearchQuery(
        me="p0",
        targets=targets,
        max_hops=draw(st.integers(1, 6)),
        weights=Weights(draw(weight), draw(weight)),
        top=draw(st.integers(1, 6)),
        skip_contacts=skip,
        skip_pairs=pairs,
        avoid=frozenset(draw(st.lists(st.sampled_from(ids), max_size=1))),
        asks=draw(st.one_of(st.none(), st.integers(0, 3))),
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.data(),
    document=st.one_of(networks(max_people=8), networks(max_people=8, dense=True)),
)
def test_search_matches_memory(data: st.DataObject, document: GraphDocument) -> None:
    query = data.draw(queries(document))
    memory = MemoryStore(document.model_copy(deep=True))
    store = fake_store(document.model_copy(deep=True))
    assert store.search(query) == memory.search(query)
    every = replace(query, asks=None)  # search.cypher lists every ask
    expected = memory.search(every)
    got = store.search_cypher(every)
    assert got.asks == expected.asks
    assert got.paths == expected.paths
    assert got.not_asked == expected.not_asked
    assert got.detours == expected.detours


def _candidate(x: Row) -> Row:
    return {
        "people": x["people"],
        "trust": [t["trust"] for t in x["ties"]],
        "familiarity": [t["familiarity"] for t in x["ties"]],
        "evidence": [t["evidence"] for t in x["ties"]],
    }


def test_search_for_an_unknown_me_raises() -> None:
    store = fake_store(
        GraphDocument.model_validate(
            {"people": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}]}
        )
    )
    with pytest.raises(PersonNotFound):
        store.search(SearchQuery(me="zz", targets={"b": 1.0}))
    with pytest.raises(PersonNotFound):
        store.search(SearchQuery(me="zz", targets={}))
    assert store.search(SearchQuery(me="a", targets={"b": 1.0})).asks == []


def test_synthetic_network_loads_from_columns() -> None:
    network = generate(300, 1500, seed=3, team=3)
    store = fake_store()
    report = store.load(
        LoadPlan.from_columns(
            network.people,
            network.a,
            network.b,
            network.trust,
            network.familiarity,
            companies=network.companies,
            groups=network.groups,
            me=network.me,
        )
    )
    assert report.created["ties"] == len(network.a)
    memory = network.store()
    key = sorted(memory.company_index().companies)[0]
    assert store.employees(key) == memory.employees(key)
    assert store.companies() == memory.companies()
    result = plan(store, memory.company_index().companies[key].name, me=network.me)
    expected = plan(memory, memory.company_index().companies[key].name, me=network.me)
    assert result.model_dump(exclude={"graph"}) == expected.model_dump(exclude={"graph"})


def test_evidence_round_trips_as_json(sample: GraphDocument) -> None:
    store = fake_store(sample)
    driver = store._driver
    stored = [t["evidence"] for t in driver.g.knows.values() if t["evidence"]]
    assert stored and all(isinstance(json.loads(e), list) for e in stored)


def test_asks_are_shared_with_the_team_through_the_store(sample: GraphDocument) -> None:
    """One member's ask puts the contact in cooldown for a teammate planning later."""
    from datetime import date

    from intropath import plan
    from intropath.outreach import AskRecord, AskStatus, Etiquette, EtiquetteRules

    store = fake_store(sample)
    memory = MemoryStore(sample)
    owner = memory.owner or ""
    first = plan(memory, "Muse", me=owner)
    contact = first.asks[0].contact
    target = first.asks[0].best_path.people[-1]
    teammate = next(
        t.b if t.a == contact else t.a
        for t in memory.ties()
        if contact in (t.a, t.b) and owner not in (t.a, t.b)
    )
    ask = AskRecord(
        id=1,
        me=teammate,
        via=contact,
        target=target,
        company="The Muse",
        status=AskStatus.SENT,
        sent_on=date(2026, 1, 5),
    )
    store.record_ask(ask)
    store.record_ask(ask)  # idempotent
    assert store.team_asks() == [ask]
    etiquette = Etiquette(EtiquetteRules(), (), date(2026, 1, 10), tuple(store.team_asks()))
    later = plan(memory, "Muse", me=owner, etiquette=etiquette)
    assert contact not in [a.contact for a in later.asks]
    reason = next(s for s in later.etiquette.skipped if "teammate" in s)  # type: ignore[union-attr]
    assert reason == (
        f"{memory.person(contact).name} skipped: has an open ask from your teammate "
        f"{memory.person(teammate).name} (team cooldown 30 days)"
    )


def test_one_database_resolved_once_and_every_session_chained(
    sample: GraphDocument, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the connection check asks for the home database; then every query names it,
    and every query and session shares the driver's bookmark manager, so a read after
    `load` or `clear` sees the write (on a cluster, another member may answer it)."""
    import neo4j

    driver = FakeDriver()
    monkeypatch.setattr(neo4j.GraphDatabase, "driver", lambda *args, **kwargs: driver)
    store = Neo4jStore.connect(Neo4jSettings(uri="bolt://fake:7687"))
    store.load_document(sample.model_copy(deep=True))
    plan(store, "Muse")
    store.clear()
    assert store.status().counts["people"] == 0
    chain = driver.execute_query_bookmark_manager
    assert driver.contexts[0] == (None, chain)
    assert len(driver.contexts) > 10
    assert set(driver.contexts[1:]) == {("home", chain)}


def test_search_runs_without_join_hints_when_the_planner_refuses_them(
    sample: GraphDocument,
) -> None:
    """Some Neo4j versions fail a query whose join hints they cannot fulfil."""
    import neo4j.exceptions

    from intropath.stores.neo4j import without_hints

    hinted = cypher_text("search")
    plain = without_hints(hinted)
    assert "USING JOIN" in hinted and "USING JOIN" not in plain
    assert plain.count("MATCH") == hinted.count("MATCH")

    class Refusing(FakeDriver):
        def __init__(self) -> None:
            super().__init__()
            self.names[plain] = "search"

        def execute_query(self, query: str, params: Row | None = None, **kw: Any) -> Any:
            if query == hinted:
                # neo4j 6 renamed the factory; the lowest supported 5.x has hydrate.
                error = neo4j.exceptions.Neo4jError
                hydrate = getattr(error, "_hydrate_neo4j", None) or error.hydrate
                raise hydrate(
                    code="Neo.DatabaseError.Statement.ExecutionFailed",
                    message="Failed to fulfil the hints of the query.",
                )
            return super().execute_query(query, params, **kw)

    store = Neo4jStore(Refusing(), Neo4jSettings(uri="bolt://fake:7687"))
    store.load_document(sample.model_copy(deep=True))
    memory = MemoryStore(sample.model_copy(deep=True))
    query = SearchQuery(me=memory.owner or "", targets={}, max_hops=3)
    key = memory.company_index().resolve("Muse")
    targets = {p.id: 1.0 for p in memory.employees(key) if p.id != query.me}
    query = SearchQuery(me=query.me, targets=targets, max_hops=3)
    assert store.search_cypher(query) == memory.search(query)


def test_cli_shares_asks_through_neo4j(
    sample: GraphDocument, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`ask record --backend neo4j` writes the ask; a teammate's `asks` and `find` see it."""
    import json

    from typer.testing import CliRunner

    import intropath.cli.neo4j as cli_neo4j
    from intropath.cli import app

    store = fake_store(sample.model_copy(deep=True))
    store.close = lambda: None  # type: ignore[method-assign]  # one store for every command
    monkeypatch.setattr(cli_neo4j, "connect", lambda *args: store)
    runner = CliRunner()
    neo = ["--backend", "neo4j"]
    result = runner.invoke(
        app, ["ask", "record", "--via", "zoe", "--to", "amara", "--company", "Muse", *neo]
    )
    assert result.exit_code == 0, result.stderr
    assert "Shared with your team in Neo4j." in result.stderr
    [shared] = store.team_asks()
    assert (shared.me, shared.via, shared.target) == ("alex", "zoe", "amara")

    teammate = "katrin-wagner"  # knows Zoë too
    before = runner.invoke(
        app, ["find", "-c", "Muse", "--me", teammate, "--json", "--no-etiquette", *neo]
    )
    assert "zoe" in [a["contact"] for a in json.loads(before.stdout)["asks"]]
    result = runner.invoke(app, ["asks", "--me", teammate, "--json", *neo])
    assert result.exit_code == 0, result.stderr
    assert [a["via"] for a in json.loads(result.stdout)["team"]] == ["zoe"]
    result = runner.invoke(
        app, ["find", "-c", "Muse", "--me", teammate, "--json", "--top", "50", *neo]
    )
    assert result.exit_code == 0, result.stderr
    plan = json.loads(result.stdout)
    assert "zoe" not in [a["contact"] for a in plan["asks"]]
    assert any(
        "has an open ask from your teammate Alex Morgan" in s for s in plan["etiquette"]["skipped"]
    )


def test_a_plan_costs_a_fixed_number_of_round_trips(sample: GraphDocument) -> None:
    """One query per kind of lookup, none per person on a path (only one per target who
    hears from no strangers, for the etiquette): the search fetches the ties it can use
    in one query, and what explaining its answer needs in one more."""
    store = fake_store(sample.model_copy(deep=True))
    for company in ("Muse", "Brightwave Labs"):
        key = store.company_index().resolve(company)
        strangers = sum(p.contact_policy == "no_strangers" for p in store.employees(key))
        store.refresh()
        driver = store._driver
        driver.calls.clear()
        result = plan(store, company, top=20)
        assert result.asks and len(result.paths) > 1
        # the etiquette looks up my tie to each target who does not hear from strangers
        assert driver.calls.count("tie") <= strangers
        assert sorted(c for c in driver.calls if c != "tie") == sorted(
            [
                "owner",
                "people",  # me
                "team_asks",  # the etiquette, on by default, counts the team's asks
                "companies_named",  # the company asked for
                "employees",
                "companies_named",  # those the employees' and my positions name
                "neighbourhood",  # the ties a path can use, and all of me's
                "details",  # the people and tie evidence the explanations read
                "shared_groups",  # fallbacks: my groups that hold people there
            ]
        )


@settings(max_examples=40, deadline=None)
@given(document=networks(max_people=10), size=st.integers(1, 7))
def test_ties_are_sent_as_columns_each_once_ends_in_order(
    document: GraphDocument, size: int
) -> None:
    """The column batches hold every tie of the document exactly once, a < b, numbers and
    evidence intact, and no batch is larger than asked (load_ties.cypher's contract)."""
    from intropath.stores.neo4j_load import evidence_json

    batches = list(LoadPlan.from_document(document).ties.batches(size))
    assert all(0 < len(b["a"]) <= size for b in batches)
    sent = [
        row
        for b in batches
        for row in zip(b["a"], b["b"], b["trust"], b["familiarity"], b["evidence"], strict=True)
    ]
    expected = [
        (min(t.a, t.b), max(t.a, t.b), t.trust, t.familiarity, evidence_json(t))
        for t in document.ties
    ]
    assert sent == expected
    assert all(type(x) is str for row in sent for x in row[:2])
    assert all(type(x) is float for row in sent for x in row[2:4])


@settings(max_examples=40, deadline=None)
@given(document=networks(max_people=10), size=st.integers(1, 7), data=st.data())
def test_ties_to_create_are_sent_on_nodes_one_person_after_another(
    document: GraphDocument, size: int, data: st.DataObject
) -> None:
    """create_ties.cypher's batches hold every tie once, each end as its node's element
    id and its person's id, numbers, evidence and level intact, a person's ties together;
    none is larger than asked."""
    from intropath.stores.neo4j_load import evidence_json, node_batches

    ids = data.draw(st.permutations([p.id for p in document.people]))
    nodes = {person: f"4:x:{i}" for i, person in enumerate(ids)}
    batches = list(node_batches(LoadPlan.from_document(document).ties, nodes, size))
    assert all(0 < len(b["a"]) <= size for b in batches)
    columns = ("a", "b", "ida", "idb", "trust", "familiarity", "evidence", "level")
    sent = [row for b in batches for row in zip(*(b[k] for k in columns), strict=True)]
    expected = [
        (
            nodes[min(t.a, t.b)],
            nodes[max(t.a, t.b)],
            min(t.a, t.b),
            max(t.a, t.b),
            t.trust,
            t.familiarity,
            evidence_json(t),
            level_of(t.evidence).value,
        )
        for t in document.ties
    ]
    assert sorted(sent, key=repr) == sorted(expected, key=repr)
    firsts = [row[0] for row in sent]
    assert all(a not in firsts[:i] for i, a in enumerate(firsts) if i and firsts[i - 1] != a)


@settings(max_examples=60, deadline=None)
@given(document=grouped_networks(), data=st.data())
def test_shared_groups_match_an_oracle(document: GraphDocument, data: st.DataObject) -> None:
    """Both stores list a person's groups that hold any of the others, with only those
    members, in file and member order, as read straight off the document."""
    memory = MemoryStore(document.model_copy(deep=True))
    store = fake_store(document.model_copy(deep=True))
    ids = [p.id for p in document.people]
    for person in ids:
        others = set(data.draw(st.lists(st.sampled_from(ids))))
        expected = shared_groups_oracle(document, person, others)
        for found in (memory.shared_groups(person, others), store.shared_groups(person, others)):
            assert [(g.id, g.name, g.kind, g.members) for g in found] == expected


@settings(max_examples=80, deadline=None)
@given(document=company_networks(), data=st.data())
def test_companies_for_answers_as_the_whole_index(
    document: GraphDocument, data: st.DataObject
) -> None:
    """The companies a plan fetches for some names resolve them, key them and name their
    companies exactly as the index of every company does, also when some companies
    were stored without name_keys (by an older load)."""
    memory = MemoryStore(document.model_copy(deep=True))
    store = fake_store(document.model_copy(deep=True))
    for row in store._driver.g.companies.values():
        if data.draw(st.integers(0, 3)) == 0:
            row.pop("name_keys")
    names = data.draw(st.lists(st.sampled_from([*COMPANY_NAMES, "Zeta", "-"]), min_size=1))
    assert lookups(store.companies_for(names), names) == lookups(memory.company_index(), names)


@pytest.mark.parametrize("meanwhile", ["deleted", "id reused"])
def test_a_first_load_whose_new_people_vanish_fails_in_one_line(
    sample: GraphDocument, meanwhile: str
) -> None:
    """create_ties finds people by the element ids create_people returned: if one is
    deleted meanwhile (a clear during the load), its ties cannot be written, and the
    load says so instead of reporting success; nor are they written to another person
    whose node took over the freed id."""
    store = fake_store()
    driver = store._driver

    def clear_one(kind: str, done: int, total: int) -> None:
        if kind == "ties" and done == 0:
            nodes = driver.g.nodes
            first, second = list(nodes)[:2]
            if meanwhile == "deleted":
                nodes.pop(first)
            else:
                nodes[first] = nodes[second]

    with pytest.raises(StoreError, match="deleted while it ran") as info:
        store.load_document(sample.model_copy(deep=True), clear_one)
    assert "\n" not in str(info.value)
    store.load_document(sample.model_copy(deep=True))  # loading again merges the rest
    assert store.status().counts["ties"] == len(sample.ties)
