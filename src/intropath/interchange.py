"""Conversion between graph documents and networkx graphs (GraphML, node-link).

The networkx form is a :class:`networkx.MultiGraph` with a ``kind`` on every
node and edge, so Gephi and notebooks see the whole network:

- ``person`` nodes keyed by person id; ``company`` nodes keyed ``company:<name>``;
  ``group`` nodes keyed ``group:<id>``;
- ``knows`` edges between people (``trust``, ``familiarity``, ``evidence``);
- ``works_at`` edges from a person to a company (``title``, ``current``, ...,
  and ``written``: the company name as the person's record spells it);
- ``member_of`` edges from a person to a group.

``G.graph["me"]`` holds the owner. GraphML cannot hold lists, so ``aliases``
and ``evidence`` are written there as JSON text.
"""

from __future__ import annotations

import io
import json
from typing import Any

import networkx as nx
from pydantic import ValidationError

from .companies import CompanyIndex
from .errors import GraphFileError
from .model import Company, Evidence, GraphDocument, Group, Person, Position, Tie

COMPANY_PREFIX = "company:"
GROUP_PREFIX = "group:"
_JSON_ATTRS = ("aliases", "evidence", "sources")


def _clean(attrs: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in attrs.items() if v is not None and v != []}


def to_networkx(document: GraphDocument) -> nx.MultiGraph:
    """The whole network as a networkx multigraph (see the module docstring)."""
    graph = nx.MultiGraph(me=document.me or "")
    for company in document.companies:
        graph.add_node(
            COMPANY_PREFIX + company.name,
            kind="company",
            name=company.name,
            aliases=list(company.aliases),
        )
    for group in document.groups:
        graph.add_node(
            GROUP_PREFIX + group.id, kind="group", name=group.name, group_kind=group.kind
        )
    index = CompanyIndex.build(document.companies)
    for person in document.people:
        if person.id.startswith((COMPANY_PREFIX, GROUP_PREFIX)):
            raise GraphFileError(f"person id {person.id!r} clashes with a company or group key")
        attrs = person.model_dump(exclude={"id", "positions", "groups"}, mode="json")
        graph.add_node(person.id, kind="person", **_clean(attrs))
        for position in person.positions:
            key = index.key_of(position.company)
            name = index.companies[key].name if key else position.company
            if COMPANY_PREFIX + name not in graph:
                graph.add_node(COMPANY_PREFIX + name, kind="company", name=name)
            pos = position.model_dump(exclude={"company"}, mode="json")
            if position.company != name:
                pos["written"] = position.company  # keep the name as the person wrote it
            graph.add_edge(person.id, COMPANY_PREFIX + name, kind="works_at", **_clean(pos))
    for group in document.groups:
        for member in group.members:
            graph.add_edge(member, GROUP_PREFIX + group.id, kind="member_of")
    for tie in document.ties:
        graph.add_edge(
            tie.a,
            tie.b,
            kind="knows",
            trust=tie.trust,
            familiarity=tie.familiarity,
            evidence=[e.model_dump(mode="json", exclude_none=True) for e in tie.evidence],
        )
    return graph


def from_networkx(graph: nx.Graph, source: str = "<networkx>") -> GraphDocument:
    """Rebuild a graph document from :func:`to_networkx`'s shape.

    Nodes without a ``kind`` are taken as people, so a plain weighted graph
    built in a notebook loads too (its edges need ``trust`` and ``familiarity``).
    """
    try:
        return _from_networkx(graph)
    except (ValidationError, AttributeError, KeyError, TypeError, ValueError) as exc:
        detail = exc.errors()[0]["msg"] if isinstance(exc, ValidationError) else str(exc)
        raise GraphFileError(f"{source}: {detail}") from None


def _from_networkx(graph: nx.Graph) -> GraphDocument:
    kinds = {node: data.get("kind", "person") for node, data in graph.nodes(data=True)}
    people: dict[str, Person] = {}
    companies: list[Company] = []
    groups: dict[Any, Group] = {}
    positions: dict[str, list[Position]] = {}
    for node, data in graph.nodes(data=True):
        attrs = {k: v for k, v in data.items() if k not in ("kind",)}
        if kinds[node] == "company":
            companies.append(Company(name=attrs["name"], aliases=attrs.get("aliases", [])))
        elif kinds[node] == "group":
            groups[node] = Group(
                id=str(node).removeprefix(GROUP_PREFIX),
                name=attrs["name"],
                kind=attrs.get("group_kind", "group"),
            )
        else:
            attrs.setdefault("name", str(node))
            people[str(node)] = Person(id=str(node), **attrs)
    company_names = {n: d["name"] for n, d in graph.nodes(data=True) if kinds[n] == "company"}
    ties: list[Tie] = []
    for u, v, data in graph.edges(data=True):
        attrs = {k: val for k, val in data.items() if k != "kind"}
        kind = data.get("kind", "knows")
        if kind == "works_at":
            person, company = (u, v) if kinds[u] == "person" else (v, u)
            written = attrs.pop("written", None)
            positions.setdefault(str(person), []).append(
                Position(company=written or company_names[company], **attrs)
            )
        elif kind == "member_of":
            person, group = (u, v) if kinds[u] == "person" else (v, u)
            groups[group].members.append(str(person))
        else:
            if "trust" not in attrs or "familiarity" not in attrs:
                raise ValueError(f"edge {u} - {v} needs 'trust' and 'familiarity'")
            evidence = [Evidence.model_validate(e) for e in attrs.pop("evidence", [])]
            ties.append(Tie(a=str(u), b=str(v), evidence=evidence, **attrs))
    for person_id, found in positions.items():
        people[person_id].positions = found
    me = graph.graph.get("me") or None
    return GraphDocument(
        me=me,
        people=list(people.values()),
        companies=companies,
        groups=list(groups.values()),
        ties=ties,
    )


def to_graphml(document: GraphDocument) -> str:
    graph = to_networkx(document)
    for _, data in graph.nodes(data=True):
        for key in _JSON_ATTRS:
            if key in data:
                data[key] = json.dumps(data[key], ensure_ascii=False)
    for _, _, data in graph.edges(data=True):
        if "evidence" in data:
            data["evidence"] = json.dumps(data["evidence"], ensure_ascii=False)
    return "\n".join(nx.generate_graphml(graph))


def from_graphml(text: str, source: str) -> GraphDocument:
    try:
        graph = nx.read_graphml(io.BytesIO(text.encode("utf-8")), node_type=str)
    except Exception as exc:  # networkx raises bare XML and key errors here
        raise GraphFileError(f"{source}: not valid GraphML: {exc}") from None
    try:
        for _, data in graph.nodes(data=True):
            for key in _JSON_ATTRS:
                if isinstance(data.get(key), str):
                    data[key] = json.loads(data[key])
        for _, _, data in graph.edges(data=True):
            data.pop("id", None)
            if isinstance(data.get("evidence"), str):
                data["evidence"] = json.loads(data["evidence"])
    except json.JSONDecodeError as exc:
        raise GraphFileError(f"{source}: a list attribute is not valid JSON: {exc}") from None
    return from_networkx(graph, source)


def to_node_link(document: GraphDocument) -> dict[str, Any]:
    data: dict[str, Any] = nx.node_link_data(to_networkx(document), edges="edges")
    return data


def from_node_link(data: dict[str, Any], source: str) -> GraphDocument:
    edges = "edges" if "edges" in data else "links"
    # networkx trusts the shape; a "graph" that is not an object ends in AttributeError.
    for key, kind in (("graph", dict), ("nodes", list), (edges, list)):
        if key in data and not isinstance(data[key], kind):
            wanted = "an object" if kind is dict else "a list"
            raise GraphFileError(f"{source}: node-link '{key}' must be {wanted}")
    for key in ("nodes", edges):
        if not all(isinstance(item, dict) for item in data[key]):
            raise GraphFileError(f"{source}: node-link '{key}' must hold objects")
    try:
        graph = nx.node_link_graph(data, edges=edges, multigraph=True)
    except Exception as exc:  # networkx raises bare KeyError/TypeError on bad shapes
        raise GraphFileError(f"{source}: not valid node-link JSON: {exc!r}") from None
    return from_networkx(graph, source)
