"""The Python API for notebooks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import intropath
from intropath import load, plan
from intropath.errors import GraphFileError


def test_all_is_sorted_and_importable() -> None:
    assert intropath.__all__ == sorted(intropath.__all__)
    for name in intropath.__all__:
        assert hasattr(intropath, name), name


def test_three_lines(small_graph: Path) -> None:
    graph = load(small_graph)
    result = plan(graph, "Muse")
    assert result.asks[0].contact == "sam"


def test_plan_accepts_a_path(small_graph: Path) -> None:
    assert plan(small_graph, "Muse").company.name == "The Muse"


def test_load_without_a_path_is_the_bundled_sample() -> None:
    result = plan(load(), "Muse")
    assert result.company.name == "The Muse"
    assert result.asks and not result.no_path


def test_html_repr_escapes_and_lists_asks(small_graph: Path) -> None:
    html = plan(load(small_graph), "Muse")._repr_html_()
    assert "<table>" in html and "Sam Chen" in html and "Lee Park" in html
    assert "same climbing gym for years" in html  # the evidence, hop by hop
    empty = plan(load(small_graph), "Globex")._repr_html_()
    assert "No path within 3 hops" in empty
    assert "You both worked at Acme: Pia Globex" in empty
    assert "<script>" not in plan(load(small_graph), "Muse", role="<script>")._repr_html_()


def test_dataframes(small_graph: Path) -> None:
    pytest.importorskip("pandas")
    result = plan(load(small_graph), "Muse", top=3)
    asks = result.to_dataframe()
    assert list(asks["contact"]) == ["sam", "dana"]
    assert list(asks["reach"]) == [2, 1]
    paths = result.to_dataframe("paths")
    assert len(paths) == 3 and paths["score"].is_monotonic_decreasing


def test_json_round_trips_through_the_model(small_graph: Path) -> None:
    result = plan(load(small_graph), "Muse")
    again = type(result).model_validate(json.loads(result.to_json()))
    assert again == result


def test_load_errors_are_intropath_errors(tmp_path: Path) -> None:
    with pytest.raises(GraphFileError):
        load(tmp_path / "missing.json")


def test_to_networkx_has_people_companies_and_ties(small_graph: Path) -> None:
    graph = load(small_graph).to_networkx()
    assert graph.nodes["dana"]["kind"] == "person"
    assert graph.nodes["company:The Muse"]["kind"] == "company"
    assert any(d["kind"] == "knows" for _, _, d in graph.edges(data=True))
