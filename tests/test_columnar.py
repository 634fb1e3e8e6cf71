"""The columnar reader against the full one, on raw files good and bad.

The columnar reader may give up on any file (the caller then reads it the full
way), but a store it returns must be exactly the full reader's, and it must
give up on every file the full reader refuses.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intropath import graphcache
from intropath.columnar import read_store
from intropath.errors import GraphFileError
from intropath.graphfile import load_document
from intropath.stores.memory import MemoryStore

# Clean ids of every shape the id matcher treats differently (short ASCII,
# long, non-ASCII), and ids the full reader strips, refuses or reads as text.
CLEAN_IDS = ["p0", "p1", "p10", "q", "dana-reyes-2019", "søren", "zoë-ø", "p0x", "A1"]
ODD_IDS: list[Any] = [" p1", "p1 ", "", "p0\x00", "p0\x1f", 7, "\u3000p2", None]
NAMES = ["Dana", "Zoë Berg", "A"]
ODD_NAMES: list[Any] = ["", " Dana", "Dana\t", 3, None, "\xa0x"]
COMPANIES = ["The Muse", "Muse", "Daily Muse Inc.", "Acme", "ACME, LLC", "Globex", "Initech"]
ODD_COMPANIES: list[Any] = ["", "  ", " Acme", 5]
TEXTS: list[Any] = [None, "Head of Product", "x"]
ODD_TEXTS: list[Any] = [" x", "x\n", 1.5, True]


class _Odd:
    """Makes one draw of a document odd (the ``at``-th that offers the chance), or none."""

    def __init__(self, at: int | None) -> None:
        self.left = at

    def __bool__(self) -> bool:
        if self.left is None:
            return False
        self.left -= 1
        return self.left == -1


def _pick(draw: st.DrawFn, clean: list[Any], odd: list[Any], oddity: _Odd) -> Any:
    return draw(st.sampled_from(odd if oddity else clean))


@st.composite
def raw_documents(draw: st.DrawFn) -> tuple[dict[str, Any], bool]:
    """A graph file's JSON, and whether it was drawn clean (the fast path should take it)."""
    odd = _Odd(draw(st.one_of(st.none(), st.integers(0, 60))))
    ids = draw(st.lists(st.sampled_from(CLEAN_IDS), min_size=2, max_size=7, unique=True))
    people: list[dict[str, Any]] = []
    for pid in ids:
        person: dict[str, Any] = {"id": _pick(draw, [pid], ODD_IDS, odd)}
        person["name"] = _pick(draw, NAMES, ODD_NAMES, odd)
        if draw(st.booleans()):
            person["company"] = _pick(draw, [*COMPANIES, None], ODD_COMPANIES, odd)
            if draw(st.booleans()):
                person["title"] = _pick(draw, TEXTS, ODD_TEXTS, odd)
        elif odd:
            person["title"] = "CEO"  # a title without a company
        if draw(st.booleans()):
            person["positions"] = [
                {
                    "company": _pick(draw, COMPANIES, ODD_COMPANIES, odd),
                    "current": draw(st.booleans()),
                    "title": _pick(draw, TEXTS, ODD_TEXTS, odd),
                }
                for _ in range(draw(st.integers(0, 3)))
            ]
        for key, values in [
            ("contact_policy", ["open", "prefers_email", "no_strangers", "do_not_contact"]),
            ("do_not_ask", [True, False]),
            ("recruiter", [True, False]),
            ("headline", ["Engineer", None]),
            ("sources", [["linkedin:alex"], []]),
        ]:
            if draw(st.booleans()):
                person[key] = draw(st.sampled_from(values))
        if odd:
            person[draw(st.sampled_from(["contact_policy", "do_not_ask", "colour"]))] = " open"
        if draw(st.integers(0, 3)) == 0:
            person["groups"] = draw(
                st.lists(st.sampled_from(["g1", "g2", "nope"] if odd else ["g1", "g2"]))
            )
        people.append(person)
    groups = [
        {"id": "g1", "name": "Class of 2010", "kind": "school", "members": ids[:1]},
        {"id": "g2", "name": "Meetup", "members": []},
    ]
    if odd:
        groups[1]["members"] = ["nobody"]
    companies = [
        {"name": "The Muse", "aliases": ["Daily Muse"]},
        *[{"name": name} for name in draw(st.lists(st.sampled_from(COMPANIES[3:]), unique=True))],
    ]
    if odd:
        companies.append({"name": "Muse"})  # the same company twice
    pairs = [(a, b) for a in ids for b in ids if a < b]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True)) if pairs else []
    strengths = [0.0, 0.3, 1, 1.0, 0.123456789]
    ties = [
        {
            "a": a,
            "b": b,
            "trust": _pick(draw, strengths, [1.5, -0.1, "0.5", None], odd),
            "familiarity": draw(st.sampled_from(strengths)),
        }
        for a, b in chosen
    ]
    if ties and draw(st.booleans()):
        ties[0]["evidence"] = ["met at a meetup", {"kind": "email", "threads": 3}]
    if ties and odd:
        ties.append(draw(st.sampled_from([{**ties[0], "a": ties[0]["b"], "b": ties[0]["a"]}])))
    if odd:
        ties.append(
            {
                "a": ids[0],
                "b": draw(
                    st.sampled_from(
                        [
                            ids[0],
                            "nobody",
                            " " + ids[1],
                            ids[1] + "\x00",
                            ids[1] + "-and-more-to-it",
                        ]
                    )
                ),
            }
        )
        ties[-1].update(trust=0.5, familiarity=0.5)
    data: dict[str, Any] = {"version": 1, "people": people, "companies": companies}
    data.update(groups=groups, ties=ties)
    if draw(st.booleans()):
        data["me"] = _pick(draw, ids, ["nobody", 3], odd)
    return data, odd.left is None


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
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
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
