"""Hypothesis strategies for random networks, shared by the test files."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from intropath.model import GraphDocument

POLICIES = ["open", "open", "open", "prefers_email", "no_strangers", "do_not_contact"]
TITLES = ["Product Manager", "Software Engineer", "Product Designer", "Recruiter", None]
COMPANIES = ["The Muse", "Acme", "Globex"]

strength = st.one_of(
    st.sampled_from([0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0]),
    st.floats(min_value=0.001, max_value=1.0, allow_nan=False),
)
weight = st.sampled_from([0.0, 0.5, 1.0, 1.0, 1.0, 1.7, 2.0])


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
