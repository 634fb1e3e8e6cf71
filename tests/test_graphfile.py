"""Graph files: validation, normalisation and lossless round trips."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings

from intropath.errors import GraphFileError
from intropath.graphfile import load_document, parse_document, save_document
from intropath.interchange import from_networkx, to_networkx
from intropath.model import GraphDocument
from strategies import networks

ISSUE_EXAMPLE = {
    "me": "alex",
    "people": [
        {"id": "alex", "name": "Alex Morgan"},
        {
            "id": "dana",
            "name": "Dana Reyes",
            "company": "The Muse",
            "title": "Product Manager",
            "contact_policy": "open",
            "email": "dana@example.com",
        },
    ],
    "companies": [{"name": "The Muse", "aliases": ["Muse", "Daily Muse"]}],
    "ties": [
        {
            "a": "alex",
            "b": "dana",
            "trust": 0.9,
            "familiarity": 0.7,
            "evidence": ["met at a meetup", {"kind": "worked_together", "at": "Acme"}],
        }
    ],
}


def test_the_issue_example_is_accepted() -> None:
    document = parse_document(ISSUE_EXAMPLE)
    dana = document.people[1]
    assert dana.title == "Product Manager"
    assert dana.positions[0].company == "The Muse" and dana.positions[0].current
    assert document.ties[0].evidence[0].detail == "met at a meetup"
    assert document.ties[0].evidence[1].describe() == "worked together at Acme"


def test_companies_named_only_on_positions_are_added() -> None:
    data = {"people": [{"id": "a", "name": "A", "company": "Initech"}]}
    assert [c.name for c in parse_document(data).companies] == ["Initech"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["people"].append({"id": "alex", "name": "Again"}),
            "people[2] (id 'alex'): duplicate id, first used by people[0]",
        ),
        (lambda d: d.update(me="zoe"), "me: 'zoe' is not one of the people"),
        (
            lambda d: d["ties"].append(dict(d["ties"][0], a="dana", b="alex")),
            "ties[1] (dana - alex): duplicate of ties[0]",
        ),
        (
            lambda d: d["ties"].append({"a": "alex", "b": "alex", "trust": 1, "familiarity": 1}),
            "ties[1] (alex - alex): a tie joins two different people, got 'alex' twice",
        ),
        (
            lambda d: d["companies"].append({"name": "Muse Inc."}),
            "companies[1] (name 'Muse Inc.'): same company as companies[0]",
        ),
        (
            lambda d: d["people"][1].update(nickname="D"),
            "people[1] (id 'dana'): nickname: Extra inputs are not permitted",
        ),
        (
            lambda d: d["ties"][0].update(familiarity=float("nan")),
            "ties[0] (alex - dana): familiarity: Input should be a finite number",
        ),
        (
            lambda d: d.update(groups=[{"id": "g", "name": "G", "members": ["ghost"]}]),
            "groups[0] (id 'g'): unknown member 'ghost'",
        ),
        (
            lambda d: d["people"][0].update(groups=["nowhere"]),
            "people[0] (id 'alex'): unknown group 'nowhere'",
        ),
    ],
)
def test_invalid_records_are_named(change: object, message: str) -> None:
    data = json.loads(json.dumps(ISSUE_EXAMPLE))
    assert callable(change)
    change(data)
    with pytest.raises(GraphFileError) as caught:
        parse_document(data, "g.json")
    assert str(caught.value) == f"g.json: {message}"


def _normal(document: GraphDocument) -> dict[str, object]:
    data = document.model_dump(mode="json")
    data["people"] = sorted(data["people"], key=lambda p: p["id"])
    data["ties"] = sorted(
        ({**t, "a": min(t["a"], t["b"]), "b": max(t["a"], t["b"])} for t in data["ties"]),
        key=lambda t: (t["a"], t["b"]),
    )
    data["companies"] = sorted(data["companies"], key=lambda c: c["name"])
    return data


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(document=networks())
def test_every_format_round_trips(document: GraphDocument, tmp_path: Path) -> None:
    document = parse_document(document.model_dump(mode="json"))
    formats = (
        ("g.json", "json"),
        ("g.yaml", "yaml"),
        ("g.graphml", "graphml"),
        ("n.json", "node-link"),
    )
    for name, fmt in formats:
        path = tmp_path / name
        save_document(document, path, format=fmt)  # type: ignore[arg-type]
        assert _normal(load_document(path)) == _normal(document)


def test_graphml_is_what_networkx_reads(tmp_path: Path) -> None:
    document = parse_document(ISSUE_EXAMPLE)
    save_document(document, tmp_path / "g.graphml")
    graph = nx.read_graphml(tmp_path / "g.graphml")
    assert graph.nodes["dana"]["name"] == "Dana Reyes"
    assert graph.edges["alex", "dana"]["trust"] == 0.9
    assert graph.edges["dana", "company:The Muse"]["kind"] == "works_at"


def test_plain_networkx_graph_loads() -> None:
    graph = nx.Graph()
    graph.add_edge("a", "b", trust=0.5, familiarity=0.4)
    document = from_networkx(graph)
    assert [(t.a, t.b, t.trust) for t in document.ties] == [("a", "b", 0.5)]
    assert to_networkx(document).number_of_edges() == 1


def test_save_is_atomic_and_leaves_no_temp_files(tmp_path: Path) -> None:
    document = parse_document(ISSUE_EXAMPLE)
    path = tmp_path / "g.json"
    save_document(document, path)
    save_document(document, path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".g.json.lock", "g.json"]


def test_yaml_is_read_with_comments_dates_and_numbers_as_text(tmp_path: Path) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(
        "# my network\n"
        "me: alex\n"
        "people:\n"
        "  - {id: alex, name: Alex Morgan}\n"
        "  - id: 42           # numbers are ids too\n"
        "    name: Dana Reyes\n"
        "    company: The Muse\n"
        "ties:\n"
        "  - a: alex\n"
        "    b: 42\n"
        "    trust: 0.9\n"
        "    familiarity: 0.7\n"
        "    evidence:\n"
        "      - {kind: worked_together, at: Acme, since: 2019-03-01, until: 2022}\n",
        encoding="utf-8",
    )
    document = load_document(path)
    assert [p.id for p in document.people] == ["alex", "42"]
    evidence = document.ties[0].evidence[0]
    assert (evidence.since, evidence.until) == ("2019-03-01", "2022")


def test_invalid_yaml_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "g.yml"
    path.write_text("me: alex\npeople: [\n  {id: a, name: A\n", encoding="utf-8")
    with pytest.raises(GraphFileError) as caught:
        load_document(path)
    assert str(caught.value).startswith(f"{path}:4:1: invalid YAML: ")
