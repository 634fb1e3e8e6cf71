"""Hypothesis strategies for random networks, shared by the test files."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import strategies as st

from intropath.model import GraphDocument
from intropath.stores.exhaustive import WALK_LIMIT

POLICIES = ["open", "open", "open", "prefers_email", "no_strangers", "do_not_contact"]
TITLES = ["Product Manager", "Software Engineer", "Product Designer", "Recruiter", None]
COMPANIES = ["The Muse", "Acme", "Globex"]

strength = st.one_of(
    st.sampled_from([0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0]),
    st.floats(min_value=0.001, max_value=1.0, allow_nan=False),
)
weight = st.sampled_from([0.0, 0.5, 1.0, 1.0, 1.0, 1.7, 2.0])

# A small network's store walks every path; with walk_limit=0 it runs the
# compact search instead. Tests against brute force check both.
both_searches = pytest.mark.parametrize("walk_limit", [WALK_LIMIT, 0], ids=["walk", "compact"])


@st.composite
def networks(
    draw: st.DrawFn, max_people: int = 9, dense: bool = False, hub: bool = False
) -> GraphDocument:
    """A random small network: people at a few companies, random ties.

    ``dense`` draws each possible tie with even odds, so that my contacts often
    know each other (paths through a second contact of mine are common);
    ``hub`` ties me (p0) to about four in five people and the others to each
    other with odds of one in three, so paths often pass my other contacts.
    """
    n = draw(st.integers(min_value=2, max_value=max_people))
    people: list[dict[str, Any]] = []
    for i in range(n):
        person: dict[str, Any] = {
            "id": f"p{i}",
            "name": f"Person {i}",
            "contact_policy": "open" if i == 0 else draw(st.sampled_from(POLICIES)),
            "do_not_ask": i > 0 and draw(st.integers(0, 9)) == 0,
        }
        company = draw(st.sampled_from([None, *COMPANIES]))
        if company and i:
            person["company"] = company
            title = draw(st.sampled_from(TITLES))
            if title:
                person["title"] = title
        people.append(person)
    pairs = [(a, b) for a in range(n) for b in range(a + 1, n)]
    if hub:
        odds = {True: st.integers(0, 4).map(bool), False: st.integers(0, 2).map(lambda x: x == 0)}
        chosen = [pair for pair in pairs if draw(odds[pair[0] == 0])]
    elif dense:
        chosen = [pair for pair in pairs if draw(st.booleans())]
    else:
        chosen = (
            draw(st.lists(st.sampled_from(pairs), unique=True, max_size=len(pairs)))
            if pairs
            else []
        )
    ties = [
        {"a": f"p{a}", "b": f"p{b}", "trust": draw(strength), "familiarity": draw(strength)}
        for a, b in chosen
    ]
    return GraphDocument.model_validate(
        {"me": "p0", "people": people, "ties": ties, "companies": [{"name": "The Muse"}]}
    )


def draw_exclusions(
    data: st.DataObject, document: GraphDocument
) -> tuple[frozenset[str], frozenset[tuple[str, str]], frozenset[str]]:
    """Random skip_contacts, skip_pairs and avoid for a search query."""
    ids = [p.id for p in document.people]
    skip = frozenset(data.draw(st.lists(st.sampled_from(ids), max_size=2)))
    pairs = frozenset(
        data.draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)), max_size=3))
    )
    avoid = frozenset(data.draw(st.lists(st.sampled_from(ids), max_size=1)))
    return skip, pairs, avoid


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
def raw_documents(draw: st.DrawFn, odd_ones: bool = True) -> tuple[dict[str, Any], bool]:
    """A graph file's JSON, and whether it was drawn clean (the fast path should take it).

    With ``odd_ones``, about half the files have one oddity (a blank, a space
    to strip, a number as text, a duplicate...), so the full reader refuses
    some and normalises others.
    """
    odd = _Odd(draw(st.one_of(st.none(), st.integers(0, 60))) if odd_ones else None)
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


@st.composite
def grouped_networks(draw: st.DrawFn, max_people: int = 9) -> GraphDocument:
    """A random network of :func:`networks` with up to four groups of random members,
    each listed in a random order (a member's place in its group is kept)."""
    document = draw(networks(max_people=max_people))
    ids = [p.id for p in document.people]
    groups = [
        {
            "id": f"g{g}",
            "name": f"Group {g}",
            "kind": draw(st.sampled_from(["group", "school", "community"])),
            "members": draw(st.lists(st.sampled_from(ids), unique=True)),
        }
        for g in draw(st.permutations(range(draw(st.integers(0, 4)))))
    ]
    return GraphDocument.model_validate({**document.model_dump(), "groups": groups})


def shared_groups_oracle(
    document: GraphDocument, person: str, others: set[str]
) -> list[tuple[str, str, str, list[str]]]:
    """(id, name, kind, members among ``others``) of each group of the document that
    holds ``person`` and any of ``others``, in file order, members in the group's order."""
    return [
        (g.id, g.name, g.kind, [m for m in g.members if m in others])
        for g in document.groups
        if person in g.members and any(m in others for m in g.members)
    ]


COMPANY_NAMES = [
    "The Muse",
    "Muse",
    "Muse Inc.",
    "Daily Muse",
    "Daily Muse, Inc.",
    "Acme",
    "Acme GmbH",
    "Acme Labs",
    "Globex",
    "Globex Corp",
    "Initech",
    "Mu",
    "Dai",
    "Musee",
]
"""Names that share keys, hold legal forms, or only start or resemble one another."""


@st.composite
def company_networks(draw: st.DrawFn) -> GraphDocument:
    """People whose positions name companies of :data:`COMPANY_NAMES`, and companies
    (some with the same key, some with aliases) listed under those names."""
    name = st.sampled_from(COMPANY_NAMES)
    companies = [
        {"name": draw(name), "aliases": draw(st.lists(name, unique=True, max_size=2))}
        for _ in range(draw(st.integers(0, 4)))
    ]
    people = [
        {
            "id": f"p{i}",
            "name": f"Person {i}",
            "positions": [
                {"company": draw(name), "current": draw(st.booleans())}
                for _ in range(draw(st.integers(0, 2)))
            ],
        }
        for i in range(draw(st.integers(1, 4)))
    ]
    return GraphDocument.model_validate({"people": people, "companies": companies})


def lookups(index: Any, names: list[str]) -> list[tuple[Any, ...]]:
    """What a plan reads of a company index for each name: what resolve() gives (or
    raises), key_of(), and the company (name, aliases) under each key."""
    from intropath.errors import IntropathError

    seen = []
    for name in names:
        try:
            resolved: Any = index.resolve(name)
        except IntropathError as error:
            resolved = (type(error).__name__, str(error))
        key = index.key_of(name)
        companies = [
            (k, index.companies[k].name, index.companies[k].aliases)
            for k in (resolved, key)
            if isinstance(k, str)
        ]
        seen.append((name, resolved, key, companies))
    return seen
