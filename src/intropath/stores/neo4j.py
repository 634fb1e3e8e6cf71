"""The Neo4j store: a network persisted in Neo4j, read through the files in ``cypher/``.

A search fetches, in one Cypher statement, the ties a path can use
(``neighbourhood.cypher``) and ranks them with the in-memory store's code;
``search.cypher`` is the same search done entirely in Cypher (:meth:`Neo4jStore.search_cypher`).

The schema (see ``cypher/README.md``)::

    (:Person {id, name, contact_policy, ...})-[:KNOWS {trust, familiarity, evidence}]-(:Person)
    (:Person)-[:WORKS_AT {ordinal, company, title, team, current, start, end}]->(:Company {key})
    (:Person)-[:MEMBER_OF {ordinal}]->(:Group {id, name, kind})
    (:Intropath {key: 'graph', me})

Every statement comes from a file in ``cypher/`` (:func:`cypher_text`). The
``neo4j`` driver is imported only when a store is opened.

Examples
--------
A notebook, against a running server::

    from intropath import plan
    from intropath.stores.neo4j import open_neo4j_store
    with open_neo4j_store("neo4j://localhost:7687", "neo4j", "secret") as store:
        store.load_document(load_document("sample_graphs/sample.json"))
        plan(store, "Muse")
"""

from __future__ import annotations

import importlib
import itertools
import json
import logging
import re
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import ModuleType, TracebackType
from typing import Any

import numpy as np

from ..companies import CompanyIndex, company_key
from ..errors import PersonNotFound, StoreError
from ..model import Company, Evidence, GraphDocument, Group, Person, Position, Tie
from ..neo4j_settings import (
    Neo4jSettings,
    cypher_statements,
    cypher_text,
    namespaced,
    resolve_settings,
)
from ..outreach.log import AskRecord
from ..progress import Progress
from ..scoring import Weights, hop_factor, hop_kinds, path_score
from .base import FoundAsk, FoundDetour, FoundPath, SearchQuery, SearchResult
from .compact import CompactGraph
from .neo4j_load import LoadPlan, Row, batches, node_batches
from .ranking import search_compact

NEO4J_MISSING = "the Neo4j backend needs the neo4j driver: pip install 'intropath[neo4j]'"
MAX_HOPS = 6
"""The longest path neighbourhood.cypher and search.cypher have layers for."""
EPS = 1e-9
"""Relative margin: Cypher returns every path this close to a cut, Python decides exactly."""
BATCH = 5_000
TIE_BATCH = 10_000
SCHEMES = frozenset({"neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc"})


log = logging.getLogger(__name__)


def driver_module() -> ModuleType:
    """The ``neo4j`` driver package, or a StoreError saying how to install it."""
    try:
        module = importlib.import_module("neo4j")
    except ImportError:
        raise StoreError(NEO4J_MISSING) from None
    # The driver logs connection failures that StoreError already reports; without
    # a handler of its own, Python would print them to stderr as well.
    logger = logging.getLogger("neo4j")
    if not logger.handlers:
        logger.addHandler(logging.NullHandler())
    return module


def open_neo4j_store(
    uri: str | None = None,
    user: str | None = None,
    password: str | None = None,
    database: str | None = None,
    namespace: str | None = None,
) -> Neo4jStore:
    """Connect to Neo4j with settings from arguments, ``NEO4J_*`` variables or the config.

    Raises
    ------
    StoreError
        When the driver is missing, or the server is unreachable, refuses the
        credentials or has no such database (one line, no traceback).
    """
    return Neo4jStore.connect(resolve_settings(uri, user, password, database, namespace))


@dataclass
class LoadReport:
    """What a load wrote: per kind, how many rows created new data and how many matched."""

    created: dict[str, int] = field(default_factory=dict)
    matched: dict[str, int] = field(default_factory=dict)
    removed: int = 0

    def add(self, kind: str, rows: int, created: int) -> None:
        self.created[kind] = self.created.get(kind, 0) + created
        self.matched[kind] = self.matched.get(kind, 0) + rows - created

    def describe(self) -> str:
        parts = [
            f"{kind} {self.created[kind]:,} created, {self.matched[kind]:,} matched"
            for kind in self.created
        ]
        if self.removed:
            parts.append(f"{self.removed:,} old positions removed")
        return "; ".join(parts)


@dataclass(frozen=True)
class Status:
    """What the database holds, and which server it is."""

    server: str
    counts: dict[str, int]
    owner: str | None


class Neo4jStore:
    """A network stored in Neo4j, behind the same interface as the in-memory store.

    Lookups answered once are cached for the life of the store (the planner
    asks about the same people many times); :meth:`refresh` drops the cache,
    and loading or clearing through this store does it too.

    Every statement runs in the database resolved when the store connects (no
    per-query home-database lookup), and every session is chained through the
    driver's bookmark manager, so a read after ``load`` or ``clear`` sees the
    write even on a cluster.
    """

    def __init__(self, driver: Any, settings: Neo4jSettings) -> None:
        self._driver = driver
        self.settings = settings
        self.database = settings.database
        self.server = ""
        self._bookmarks = driver.execute_query_bookmark_manager
        self.refresh()

    @classmethod
    def connect(cls, settings: Neo4jSettings) -> Neo4jStore:
        """Open a driver and check that the server answers (see :func:`open_neo4j_store`)."""
        neo4j = driver_module()
        scheme = settings.uri.partition("://")[0]
        if scheme not in SCHEMES or "://" not in settings.uri:
            raise StoreError(
                f"invalid Neo4j URI {settings.uri!r}: use neo4j://host:7687 or bolt://host:7687 "
                "(or neo4j+s://, bolt+s:// for TLS)"
            )
        auth = (settings.user, settings.password) if settings.password is not None else None
        try:
            driver = neo4j.GraphDatabase.driver(
                settings.uri,
                auth=auth,
                connection_timeout=10.0,
                connection_acquisition_timeout=20.0,
                max_transaction_retry_time=5.0,
            )
        except (ValueError, neo4j.exceptions.ConfigurationError) as exc:
            raise StoreError(f"invalid Neo4j URI {settings.uri!r}: {_one_line(exc)}") from None
        store = cls(driver, settings)
        try:
            with store._translated():
                driver.verify_connectivity()
            row = store._read("version")[0]
        except BaseException:
            driver.close()
            raise
        store.server = f"{row['name']} {row['version']} {row['edition']}"
        store.database = row["database"]
        return store

    def close(self) -> None:
        self._driver.close()

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def refresh(self) -> None:
        """Forget every cached lookup (after someone else changed the database)."""
        self._people: dict[str, Person] = {}
        self._ties_of: dict[str, dict[str, tuple[float, float, str | None]]] = {}
        self._do_not_ask_of: dict[str, list[str]] = {}
        self._pairs: dict[tuple[str, str], tuple[float, float, str | None] | None] = {}
        self._index: CompanyIndex | None = None
        self._owner: tuple[str | None] | None = None

    # -- running statements -------------------------------------------------
    @contextmanager
    def _translated(self) -> Iterator[None]:
        """Turn driver errors into one-line StoreErrors."""
        exc = driver_module().exceptions
        where = self.settings.where()
        try:
            yield
        except exc.AuthError:
            raise StoreError(
                f"Neo4j at {self.settings.uri} refused the credentials of user "
                f"{self.settings.user!r}; check NEO4J_USERNAME and NEO4J_PASSWORD"
            ) from None
        except exc.ServiceUnavailable as error:
            raise StoreError(
                f"cannot reach the Neo4j server at {self.settings.uri} ({_reason(error)}); "
                "is it running? (set NEO4J_URI or --uri)"
            ) from None
        except exc.Neo4jError as error:
            if error.code == "Neo.ClientError.Database.DatabaseNotFound":
                raise StoreError(
                    f"Neo4j at {self.settings.uri} has no database {self.settings.database!r}; "
                    "check NEO4J_DATABASE or --database"
                ) from None
            message = _one_line(error.message)
            raise StoreError(f"Neo4j at {where}: {error.code}: {message}") from None
        except exc.DriverError as error:
            raise StoreError(f"Neo4j driver error ({where}): {_one_line(error)}") from None

    def cypher(self, name: str) -> str:
        """The text of ``cypher/<name>.cypher`` as this store runs it (in its namespace)."""
        return namespaced(cypher_text(name), self.settings.namespace)

    def _read(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """Run ``cypher/<name>.cypher`` as a read and return its rows as dicts."""
        return self._read_text(self.cypher(name), params)

    def _read_text(self, text: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        neo4j = driver_module()
        with self._translated():
            records, _, keys = self._driver.execute_query(
                text,
                params,
                database_=self.database,
                routing_=neo4j.RoutingControl.READ,
                bookmark_manager_=self._bookmarks,
            )
        # Not record.data(): it walks every nested value to convert graph types, which
        # these statements never return, and on a search result that walk costs more
        # than the query.
        return [dict(zip(keys, record, strict=True)) for record in records]

    def session(self) -> Any:
        """A driver session on this store's database, chained to every other one."""
        return self._driver.session(database=self.database, bookmark_manager=self._bookmarks)

    def _write(self, name: str, **params: Any) -> Any:
        """Run ``cypher/<name>.cypher`` in a managed write transaction; return its counters."""
        return self._write_rows(name, **params)[1]

    def _write_rows(self, name: str, **params: Any) -> tuple[list[dict[str, Any]], Any]:
        """Like :meth:`_write`, and the rows the statement returns."""
        query = self.cypher(name)

        def work(tx: Any) -> tuple[list[dict[str, Any]], Any]:
            result = tx.run(query, params)
            rows = [dict(zip(r.keys(), r.values(), strict=True)) for r in result]
            return rows, result.consume().counters

        with self._translated(), self.session() as session:
            return session.execute_write(work)  # type: ignore[no-any-return]

    # -- lookups --------------------------------------------------------------
    @property
    def description(self) -> str:
        return f"Neo4j {self.settings.where()}"

    @property
    def owner(self) -> str | None:
        if self._owner is None:
            rows = self._read("owner")
            self._owner = (rows[0]["me"] if rows else None,)
        return self._owner[0]

    def person(self, person_id: str) -> Person:
        found = self.people_by_id([person_id])
        if person_id not in found:
            raise PersonNotFound(person_id)
        return found[person_id]

    def people_by_id(self, ids: list[str]) -> dict[str, Person]:
        """The people with these ids that exist (one query for those not cached)."""
        missing = sorted({i for i in ids if i not in self._people})
        if missing:
            for row in self._read("people", ids=missing):
                self._cache_person(row)
        return {i: self._people[i] for i in ids if i in self._people}

    def _cache_person(self, row: dict[str, Any]) -> Person:
        person = _person(row)
        self._people[person.id] = person
        return person

    def tie(self, a: str, b: str) -> Tie | None:
        pair = _pair(a, b)
        if a in self._ties_of:
            numbers = self._ties_of[a].get(b)
        elif b in self._ties_of:
            numbers = self._ties_of[b].get(a)
        elif pair in self._pairs:
            numbers = self._pairs[pair]
        else:
            rows = self._read("tie", a=a, b=b)
            numbers = None
            if rows:
                numbers = (rows[0]["trust"], rows[0]["familiarity"], rows[0]["evidence"])
            self._pairs[pair] = numbers
        if numbers is None:
            return None
        trust, familiarity, evidence = numbers
        return Tie(a=a, b=b, trust=trust, familiarity=familiarity, evidence=_evidence(evidence))

    def ties_of(self, person_id: str) -> dict[str, Tie]:
        """Every tie of one person, by the other person's id (cached)."""
        if person_id not in self._ties_of:
            rows = self._read("ties_of", id=person_id)[0]["ties"]
            self._ties_of[person_id] = {
                row["other"]: (row["trust"], row["familiarity"], row["evidence"]) for row in rows
            }
            self._do_not_ask_of[person_id] = sorted({r["other"] for r in rows if r["do_not_ask"]})
        return {
            other: Tie(a=person_id, b=other, trust=t, familiarity=f, evidence=_evidence(e))
            for other, (t, f, e) in self._ties_of[person_id].items()
        }

    def companies(self) -> list[Company]:
        return _companies(self._read("companies")[0]["companies"])

    def company_index(self) -> CompanyIndex:
        if self._index is None:
            self._index = CompanyIndex.build(self.companies())
        return self._index

    def companies_for(self, names: Iterable[str]) -> CompanyIndex:
        """Only the companies ``names`` can refer to (``companies_named.cypher``), unless
        a name is no company's name or alias: resolving it then compares it with all."""
        if self._index is not None:
            return self._index
        names = set(names)
        keys = sorted({company_key(name) for name in names})
        found = self._read("companies_named", keys=keys)[0]["companies"]
        index = CompanyIndex.build(_companies(found))
        return index if all(map(index.knows, names)) else self.company_index()

    def employees(self, company_key: str) -> list[Person]:
        rows = self._read("employees", key=company_key)[0]["people"]
        rows.sort(key=lambda r: _order(r["person"].get("seq"), r["person"]["id"]))
        return [self._cache_person(row) for row in rows]

    def groups_of(self, person_id: str) -> list[Group]:
        return _groups(self._read("groups_of", id=person_id))

    def shared_groups(self, person_id: str, others: Collection[str]) -> list[Group]:
        wanted = sorted(set(others))
        if not wanted:
            return []
        return _groups(self._read("shared_groups", id=person_id, others=wanted)[0]["groups"])

    # -- the search -----------------------------------------------------------
    def search(self, query: SearchQuery) -> SearchResult:
        """Fetch the ties a search can use, then search them exactly as in memory.

        ``neighbourhood.cypher`` returns every tie that can lie on a path of at
        most ``max_hops`` (and all of my own ties, which the detour rule reads);
        :func:`~intropath.stores.ranking.search_compact` searches them with the
        in-memory store's rules, so the answers are the same. ``details.cypher``
        then fetches what explaining the answer needs, in one more round trip.
        :meth:`search_cypher` runs the same search inside Neo4j instead.
        """
        _check_hops(query.max_hops)
        targets = sorted(t for t, w in query.targets.items() if w > 0 and t != query.me)
        rows = self._read(
            "neighbourhood",
            me=query.me,
            targets=targets,
            max_hops=query.max_hops,
            avoid=sorted(query.avoid),
        )
        if not rows:
            raise PersonNotFound(query.me)
        graph, ids, number, do_not_ask = self._subgraph(query.me, rows[0])
        found = search_compact(graph, ids, number, do_not_ask, query)
        self._prefetch([a.best for a in found.asks] + [d.best for d in found.detours] + found.paths)
        return found

    def _subgraph(
        self, me: str, row: dict[str, Any]
    ) -> tuple[CompactGraph, list[str], dict[str, int], set[int]]:
        """neighbourhood.cypher's columns as a CompactGraph; caches my ties on the way."""
        mine: list[str] = row["mine"]
        self._ties_of[me] = dict(
            zip(
                mine,
                zip(row["mine_trust"], row["mine_familiarity"], row["mine_evidence"], strict=True),
                strict=True,
            )
        )
        self._do_not_ask_of[me] = sorted(
            o for o, d in zip(mine, row["mine_do_not_ask"], strict=True) if d
        )
        ids = sorted({me, *mine, *row["a"], *row["b"]})  # numbered in id order, as in memory
        number = {person: i for i, person in enumerate(ids)}
        count = len(mine) + len(row["a"])
        a = np.fromiter(
            map(number.__getitem__, itertools.chain([me] * len(mine), row["a"])),
            dtype=np.int64,
            count=count,
        )
        b = np.fromiter(
            map(number.__getitem__, itertools.chain(mine, row["b"])), dtype=np.int64, count=count
        )
        trust = np.asarray(row["mine_trust"] + row["trust"], dtype=np.float64)
        familiarity = np.asarray(row["mine_familiarity"] + row["familiarity"], dtype=np.float64)
        # A tie may come back from more than one layer, and from either end.
        low, high = np.minimum(a, b), np.maximum(a, b)
        _, once = np.unique(low * len(ids) + high, return_index=True)
        blocked = np.zeros(len(ids), dtype=bool)  # only my ties reach people not open
        blocked[[number[o] for o, x in zip(mine, row["mine_blocked"], strict=True) if x]] = True
        graph = CompactGraph(
            len(ids), low[once], high[once], trust[once], familiarity[once], blocked
        )
        return graph, ids, number, {number[o] for o in self._do_not_ask_of[me]}

    def search_cypher(self, query: SearchQuery) -> SearchResult:
        """The same search run entirely inside Neo4j by ``search.cypher``.

        The statement users run by hand; tests hold it against :meth:`search`.
        It lists every ask (``query.asks`` is not applied) and enumerates every
        path, so it is much slower on large networks.
        """
        _check_hops(query.max_hops)
        targets = {t: float(w) for t, w in query.targets.items() if w > 0 and t != query.me}
        skip_pairs: dict[str, list[str]] = {}
        for contact, target in sorted(query.skip_pairs):
            skip_pairs.setdefault(contact, []).append(target)
        rows: list[dict[str, Any]] = []
        if targets:
            rows = self._search_rows(
                me=query.me,
                targets=sorted(targets),
                weights=targets,
                max_hops=query.max_hops,
                wt=float(query.weights.trust),
                wf=float(query.weights.familiarity),
                top=query.top,
                eps=EPS,
                skip_contacts=sorted(query.skip_contacts),
                avoid=sorted(query.avoid),
                skip_pairs=skip_pairs,
            )
        if not rows:
            self.person(query.me)  # raises PersonNotFound when "me" is unknown
            return SearchResult(asks=[], paths=[], not_asked=self._not_asked(query.me))
        asks: list[FoundAsk] = []
        detours: list[FoundDetour] = []
        candidates: list[FoundPath] = []
        for row in rows:
            for person in row["people"]:
                if person["person"]["id"] not in self._people:
                    self._cache_person(person)
            scored = (self._scored(c, targets, query.weights) for c in row["paths"])
            paths = [p for p in scored if p is not None]
            if paths:
                asks.append(FoundAsk(min(paths, key=_key), int(row["reach"])))
                candidates.extend(paths)
                continue
            through = {tuple(c["people"]): c["through"] for c in row["detours"]}
            scored = (self._scored(c, targets, query.weights) for c in row["detours"])
            detour = min((p for p in scored if p is not None), key=_key, default=None)
            if detour is not None:
                detours.append(FoundDetour(detour, through[detour.people]))
        asks.sort(key=lambda ask: ask.best.sort_key)
        detours.sort(key=lambda d: d.contact)
        candidates.sort(key=_key)
        top = candidates[: query.top]
        self._prefetch([a.best for a in asks] + [d.best for d in detours] + top)
        not_asked = self._not_asked(query.me)
        return SearchResult(asks=asks, paths=top, not_asked=not_asked, detours=detours)

    def _search_rows(self, **params: Any) -> list[dict[str, Any]]:
        """search.cypher; without its join hints if the server's planner cannot honour them.

        The hints only steer the plan. Neo4j usually ignores a hint it cannot
        fulfil, but some versions fail the whole query instead ("Failed to
        fulfil the hints of the query"), so a search never depends on them.
        """
        try:
            return self._read("search", **params)[0]["contacts"]  # type: ignore[no-any-return]
        except StoreError as error:
            if "hints" not in str(error):
                raise
            log.warning("Neo4j could not use the join hints of search.cypher; running without")
            rows = self._read_text(without_hints(self.cypher("search")), params)
            return rows[0]["contacts"]  # type: ignore[no-any-return]

    def _not_asked(self, me: str) -> list[str]:
        """My contacts marked do_not_ask (sorted ids), as the in-memory store reports them."""
        self.ties_of(me)
        return list(self._do_not_ask_of[me])

    def _scored(
        self, candidate: dict[str, Any], targets: dict[str, float], weights: Weights
    ) -> FoundPath | None:
        """A candidate path scored exactly as the in-memory store does; caches its ties."""
        people = tuple(candidate["people"])
        trust, familiarity = candidate["trust"], candidate["familiarity"]
        evidence = candidate["evidence"]
        for i in range(len(trust)):
            self._pairs[_pair(people[i], people[i + 1])] = (trust[i], familiarity[i], evidence[i])
        factors = [
            hop_factor(kind, t, f, weights)
            for kind, t, f in zip(hop_kinds(len(trust)), trust, familiarity, strict=True)
        ]
        score = path_score(factors, targets[people[-1]])
        return FoundPath(people, score) if score > 0 and min(factors) > 0 else None

    def _prefetch(self, paths: list[FoundPath]) -> None:
        """Cache what explaining ``paths`` reads, people and ties, in one query."""
        ids = sorted({p for path in paths for p in path.people} - self._people.keys())
        pairs = sorted(
            {
                _pair(a, b)
                for path in paths
                for a, b in itertools.pairwise(path.people)
                if a not in self._ties_of and b not in self._ties_of
            }
            - self._pairs.keys()
        )
        if not ids and not pairs:
            return
        row = self._read("details", ids=ids, pairs=[list(pair) for pair in pairs])[0]
        for person in row["people"]:
            self._cache_person(person)
        for pair in pairs:
            self._pairs[pair] = None
        for tie in row["ties"]:
            numbers = (tie["trust"], tie["familiarity"], tie["evidence"])
            self._pairs[_pair(tie["a"], tie["b"])] = numbers

    # -- loading --------------------------------------------------------------
    def load_document(
        self, document: GraphDocument, progress: Progress | None = None
    ) -> LoadReport:
        """Write a graph document; loading the same document again changes nothing."""
        return self.load(LoadPlan.from_document(document), progress)

    def load(
        self, plan: LoadPlan, progress: Progress | None = None, *, merge_only: bool = False
    ) -> LoadReport:
        """Write the rows of a :class:`LoadPlan`, batch by batch (see ``load_*.cypher``).

        Each batch is its own transaction. When the network holds no people as
        the load starts, people, positions, memberships and ties are CREATEd
        (``create_*.cypher``): nothing can match yet, and CREATE spares the
        server MERGE's look-ups and locks. A load interrupted halfway is
        finished by loading again, which then merges. ``merge_only`` always
        merges (the benchmark's baseline).
        """
        self.create_schema()
        fresh = not merge_only and self._read("status")[0]["people"] == 0
        write = "create" if fresh else "load"
        report = LoadReport()
        counters = self._write("load_graph", me=plan.me)
        report.add("graph", 1, counters.nodes_created)
        nodes: dict[str, str] = {}  # people's element ids, from create_people

        def created(rows: list[dict[str, Any]]) -> None:
            nodes.update(zip(rows[0]["ids"], rows[0]["nodes"], strict=True))

        node_steps: list[tuple[str, str, list[Row], Callable[..., None] | None]] = [
            ("companies", "load_companies", plan.companies, None),
            ("people", f"{write}_people", plan.people, created if fresh else None),
            ("groups", "load_groups", plan.groups, None),
        ]
        for kind, name, rows, returned in node_steps:
            self._batched(
                kind,
                name,
                _row_batches(rows),
                len(rows),
                "nodes_created",
                report,
                progress,
                returned,
            )
        ties = node_batches(plan.ties, nodes, TIE_BATCH) if fresh else plan.ties.batches(TIE_BATCH)
        if not fresh:  # new people have no old positions
            for batch in batches(plan.positions_kept, BATCH):
                report.removed += self._write("prune_positions", rows=batch).relationships_deleted
        rel_steps: list[tuple[str, str, Iterator[tuple[Row, int]], int]] = [
            ("positions", f"{write}_positions", _row_batches(plan.positions), len(plan.positions)),
            (
                "memberships",
                f"{write}_memberships",
                _row_batches(plan.memberships),
                len(plan.memberships),
            ),
            ("ties", f"{write}_ties", ((c, len(c["a"])) for c in ties), len(plan.ties)),
        ]
        for kind, name, params, total in rel_steps:
            self._batched(kind, name, params, total, "relationships_created", report, progress)
        if fresh and report.created["ties"] != len(plan.ties):  # a node created here is gone
            self.refresh()
            raise StoreError(
                f"Neo4j at {self.settings.where()}: people this load created were deleted "
                "while it ran, so some ties were not written; load again"
            )
        self.refresh()
        return report

    def _batched(
        self,
        kind: str,
        name: str,
        params: Iterator[tuple[Row, int]],
        total: int,
        counter: str,
        report: LoadReport,
        progress: Progress | None,
        returned: Callable[[list[dict[str, Any]]], None] | None = None,
    ) -> None:
        """Run ``name`` once per (parameters, row count) batch, reporting as it goes;
        ``returned`` is given the rows each batch returns."""
        done = 0
        if progress:
            progress(kind, 0, total)
        for batch, size in params:
            rows, counters = self._write_rows(name, **batch)
            if returned is not None:
                returned(rows)
            created = getattr(counters, counter)
            report.add(kind, size, created)
            done += size
            if progress:
                progress(kind, done, total)
        if kind not in report.created:
            report.add(kind, 0, 0)

    # -- asks (outreach) --------------------------------------------------------
    def record_ask(self, ask: AskRecord) -> None:
        """Write (or update) one ask as an ``(:Ask)`` node the whole team can see."""
        row = ask.model_dump(mode="json", exclude={"id", "note"})
        self._write("record_ask", ask={**row, "key": f"{ask.me}/{ask.id}"})

    def team_asks(self) -> list[AskRecord]:
        """Every ask recorded in this database, by anyone."""
        return [
            AskRecord.model_validate({**row, "id": int(row.pop("key").rsplit("/", 1)[1])})
            for row in self._read("team_asks")
        ]

    def create_schema(self) -> None:
        """Create the constraints and indexes if they are missing (``schema.cypher``)."""
        with self._translated(), self.session() as session:
            for statement in cypher_statements("schema"):
                session.run(namespaced(statement, self.settings.namespace)).consume()

    def status(self) -> Status:
        """Counts of what is stored, the server, and the owner."""
        counts = self._read("status")[0]
        rows = self._read("owner")
        return Status(
            self.server, {k: int(v) for k, v in counts.items()}, rows[0]["me"] if rows else None
        )

    def clear(self) -> None:
        """Delete the network (``clear.cypher``: in batches, auto-commit transactions)."""
        with self._translated(), self.session() as session:
            session.run(self.cypher("clear")).consume()
        self.refresh()


def _check_hops(max_hops: int) -> None:
    if not 1 <= max_hops <= MAX_HOPS:
        raise StoreError(f"the Neo4j search handles 1 to {MAX_HOPS} hops, got {max_hops}")


def _row_batches(rows: list[Row]) -> Iterator[tuple[Row, int]]:
    return (({"rows": batch}, len(batch)) for batch in batches(rows, BATCH))


def without_hints(text: str) -> str:
    """A statement with its ``USING JOIN ON ...`` planner hints removed."""
    return re.sub(r"(?m)^\s*USING JOIN ON \w+\s*\n", "", text)


def _companies(rows: list[dict[str, Any]]) -> list[Company]:
    """companies.cypher's (or companies_named.cypher's) list as companies, in file order."""
    rows = sorted(rows, key=lambda r: _order(r["seq"], r["key"]))
    return [Company(name=r["name"], aliases=list(r["aliases"] or [])) for r in rows]


def _groups(rows: list[dict[str, Any]]) -> list[Group]:
    """Rows of groups_of.cypher or shared_groups.cypher as groups, in file order."""
    return [
        Group(id=r["id"], name=r["name"], kind=r["kind"] or "group", members=r["members"])
        for r in sorted(rows, key=lambda r: _order(r["seq"], r["id"]))
    ]


def _order(position: int | None, name: str) -> tuple[bool, int, str]:
    """Sort by a stored position (file order), unpositioned last, then by name."""
    return (position is None, position or 0, name)


def _key(path: FoundPath) -> tuple[float, int, tuple[str, ...]]:
    return path.sort_key


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def _evidence(text: str | None) -> list[Evidence]:
    if not text:
        return []
    return [Evidence.model_validate(item) for item in json.loads(text)]


def _person(row: dict[str, Any]) -> Person:
    """A Person from people.cypher's ``person`` and ``positions`` columns."""
    fields = Person.model_fields
    data: dict[str, Any] = {k: v for k, v in row["person"].items() if k in fields and v is not None}
    positions = sorted(row["positions"], key=lambda w: _order(w.get("ordinal"), ""))
    data["positions"] = [
        {k: v for k, v in w.items() if k in Position.model_fields} for w in positions
    ]
    return Person.model_validate(data)


def _reason(error: BaseException) -> str:
    """The gist of a connection error, e.g. '[Errno 111] Connection refused'."""
    text = _one_line(error)
    found = re.search(r"\(reason (.+?)\)(?:$|[;:,.]| )", text)
    return found.group(1) if found else text


def _one_line(value: object) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= 300 else text[:297] + "..."
