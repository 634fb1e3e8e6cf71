#!/usr/bin/env python3
"""Build ``sample_graphs/sample.json``, the network a new user meets first.

    python sample_graphs/make_sample.py

The network belongs to Alex Morgan (``me = "alex"``), a product designer who
would like to work at The Muse. It is built in two layers:

1. hand-written "story" people, ties and groups, whose routes to The Muse (and
   to Globex and Northwind) are the examples in ``README.md`` and the docs;
2. seeded filler people (``random.Random(7)``): colleagues, classmates and
   meetup acquaintances, mostly weakly tied, so that the network has a
   realistic size (300 people) and shape.

Evidence is kept consistent with the data: "worked together at X" only when
both people held overlapping positions at X, "studied together at S" only when
both are members of school S in overlapping years, "met at G" for a community
G only when both are members of G, and ratings only on Alex's own ties.
``check()`` asserts all of this and the story routes, so a change that breaks
the story fails here instead of silently changing what
``intropath find --company Muse`` prints.

Only the standard library and intropath are used; the output is deterministic.
"""

from __future__ import annotations

import itertools
import json
import random
import sys
import unicodedata
from pathlib import Path
from typing import Any

from intropath.graphfile import write_atomic
from intropath.model import ContactPolicy, GraphDocument
from intropath.scoring import OPENNESS, Weights, hop_factor, hop_kinds, path_score

OUT = Path(__file__).with_name("sample.json")
NOW = 2025.5  # "today" in the sample: mid-2025
TOTAL_PEOPLE = 300
rng = random.Random(7)

Json = dict[str, Any]

# --------------------------------------------------------------------------
# Companies and groups
# --------------------------------------------------------------------------

MUSE = "The Muse"
GLOBEX = "Globex Corporation"
COMPANIES: list[Json] = [
    {"name": MUSE, "aliases": ["Muse", "Daily Muse", "The Daily Muse Inc."]},
    {"name": GLOBEX, "aliases": ["Globex", "Globex Corp."]},
    {"name": "Initech", "aliases": ["Initech Inc."]},
    {"name": "Brightwave Labs", "aliases": ["Brightwave"]},
    {"name": "Hooli", "aliases": ["Hooli XYZ"]},
    {"name": "Copperleaf Analytics", "aliases": ["Copperleaf"]},
    {"name": "Orbital Payments", "aliases": ["Orbital"]},
    {"name": "Kestrel Media", "aliases": ["Kestrel"]},
    {"name": "Fernway Travel", "aliases": ["Fernway"]},
    # Same first word on purpose: `--company Northwind` is ambiguous.
    {"name": "Northwind Traders"},
    {"name": "Northwind Health"},
    {"name": "Vandelay Industries", "aliases": ["Vandelay Import/Export"]},
]
FOUNDED = {"Brightwave Labs": 2014, "Orbital Payments": 2013, "Copperleaf Analytics": 2011}

GROUPS: list[Json] = [
    {"id": "umich", "name": "University of Michigan", "kind": "school"},
    {"id": "risd", "name": "Rhode Island School of Design", "kind": "school"},
    {"id": "cmu", "name": "Carnegie Mellon University", "kind": "school"},
    {"id": "gatech", "name": "Georgia Institute of Technology", "kind": "school"},
    {"id": "utoronto", "name": "University of Toronto", "kind": "school"},
    {"id": "ds-meetup-nyc", "name": "Design Systems Meetup NYC", "kind": "community"},
    {"id": "women-in-product", "name": "Women in Product", "kind": "community"},
    {"id": "aiga-ny", "name": "AIGA New York", "kind": "community"},
    {"id": "ga-ux", "name": "General Assembly UX Design Immersive alumni", "kind": "group"},
    {"id": "pdx-ceramics", "name": "Portland Ceramics Collective", "kind": "community"},
]
GROUP_NAME = {g["id"]: g["name"] for g in GROUPS}
SCHOOLS = {g["id"] for g in GROUPS if g["kind"] == "school"} | {"ga-ux"}
CONFERENCES = [
    "Config 2022",
    "Config 2023",
    "Config 2024",
    "SXSW 2023",
    "Web Summit 2022",
    "UXPA International 2024",
    "Brooklyn Tech Week 2023",
    "Mind the Product London 2022",
]

# --------------------------------------------------------------------------
# The network under construction
# --------------------------------------------------------------------------

people: dict[str, Json] = {}  # id -> person record, in output order
zone: dict[str, str] = {}  # id -> "main" | "far" | "isolated"
family: dict[str, str] = {}  # id -> role family (filler)
study: dict[tuple[str, str], tuple[int, int]] = {}  # (id, school) -> (first, last year)
members: dict[str, list[str]] = {g["id"]: [] for g in GROUPS}
ties: dict[tuple[str, str], Json] = {}
used_names: set[str] = set()


def when(text: str) -> float:
    """'2019-06' -> 2019.42; '2019' -> 2019.0."""
    parts = text.split("-")
    return int(parts[0]) + (int(parts[1]) - 1) / 12 if len(parts) > 1 else float(parts[0])


def ym(t: float) -> str:
    year, month = int(t), round((t - int(t)) * 12) + 1
    if month > 12:
        year, month = year + 1, 1
    return f"{year}-{month:02d}"


def pos(company: str, title: str, team: str | None, start: str, end: str | None = None) -> Json:
    record: Json = {"company": company, "title": title, "team": team, "start": start}
    if end:
        record.update(end=end, current=False)
    return record


def ascii_slug(text: str, sep: str = "-") -> str:
    table = str.maketrans(
        {
            "ł": "l",
            "Ł": "L",
            "ø": "o",
            "Ø": "O",
            "đ": "d",
            "Đ": "D",
            "\u0131": "i",
            "ß": "ss",
            "æ": "ae",
            "œ": "oe",
        }
    )
    text = unicodedata.normalize("NFKD", text.translate(table))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("'", "").replace("-", " ")
    return sep.join(text.split())


def person(
    pid: str,
    name: str,
    positions: list[Json],
    *,
    where: str = "main",
    groups: dict[str, tuple[int, int] | None] | None = None,
    headline: str | None = None,
    email: bool | str = False,
    url: bool | str = True,
    policy: str = "open",
    recruiter: bool = False,
    hiring_manager: bool = False,
) -> str:
    """Add a person; ``groups`` maps group id -> study years (schools) or None."""
    assert pid not in people, pid
    first, _, last = name.partition(" ")
    if email is True:
        email = f"{ascii_slug(first, '.')}.{ascii_slug(last, '.')}@example.com"
    if url is True:
        url = f"https://www.linkedin.com/in/{ascii_slug(name)}"
    current = [p for p in positions if p.get("current", True)]
    if headline is None and current:
        headline = f"{current[0]['title']} at {current[0]['company']}"
    record: Json = {"id": pid, "name": name, "headline": headline}
    if email:
        record["email"] = email
    if url:
        record["profile_url"] = url
    if policy != "open":
        record["contact_policy"] = policy
    if recruiter:
        record["recruiter"] = True
    if hiring_manager:
        record["hiring_manager"] = True
    record["positions"] = positions
    people[pid] = record
    zone[pid] = where
    used_names.add(name)
    for group, years in (groups or {}).items():
        members[group].append(pid)
        if years:
            study[(pid, group)] = years
    return pid


def pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def tie(a: str, b: str, trust: float, familiarity: float, *evidence: Json) -> None:
    key = pair(a, b)
    assert key not in ties, key
    ties[key] = {
        "a": a,
        "b": b,
        "trust": round(trust, 2),
        "familiarity": round(familiarity, 2),
        "evidence": list(evidence),
    }


def ev(
    kind: str,
    at: str | None = None,
    detail: str | None = None,
    since: Any = None,
    until: Any = None,
    count: int | None = None,
) -> Json:
    record: Json = {"kind": kind}
    for field, value in (
        ("at", at),
        ("detail", detail),
        ("since", since),
        ("until", until),
        ("count", count),
    ):
        if value is not None:
            record[field] = str(value) if field in ("since", "until") else value
    return record


def worked(at: str, since: Any, until: Any = None, detail: str | None = None) -> Json:
    return ev("worked_together", at, detail, since, until)


def studied(group: str, since: int, until: int, detail: str | None = None) -> Json:
    return ev("studied_together", GROUP_NAME[group], detail, since, until)


def met(at: str, since: Any, detail: str | None = None) -> Json:
    return ev("met", at, detail, since)


def messages(count: int, since: Any, until: Any) -> Json:
    return ev("messages", count=count, since=since, until=until)


def rating(stars: int, why: str) -> Json:
    return ev("rating", detail=f"Alex's own rating: {stars}/5, {why}")


# --------------------------------------------------------------------------
# Layer 1: the story
# --------------------------------------------------------------------------


def story() -> None:
    # ---- Alex -------------------------------------------------------------
    person(
        "alex",
        "Alex Morgan",
        [
            pos("Brightwave Labs", "Senior Product Designer", "Design", "2019-06"),
            pos("Initech", "UX Designer", "Design", "2015-09", "2019-05"),
        ],
        groups={"umich": (2011, 2015), "ds-meetup-nyc": None, "aiga-ny": None},
        headline="Product designer: design systems and accessibility. Open to new roles.",
        email="alex.morgan@example.com",
        url="https://www.linkedin.com/in/alexmorgan-design",
    )

    # ---- Alex's first-degree circle ----------------------------------------
    person(
        "zoe",
        "Zoë O'Connor",
        [
            pos("Orbital Payments", "Principal Product Designer", "Design", "2023-06"),
            pos("Brightwave Labs", "Design Lead", "Design", "2020-02", "2023-05"),
        ],
        groups={"risd": (2012, 2016), "women-in-product": None},
        email=True,
    )
    person(
        "jose",
        "José Álvarez",
        [
            pos("Copperleaf Analytics", "Staff Product Designer", "Design", "2021-05"),
            pos("Kestrel Media", "Senior Product Designer", "Design", "2015-06", "2021-04"),
        ],
        groups={"ds-meetup-nyc": None, "aiga-ny": None},
        email="jose.alvarez@example.org",
    )
    person(
        "samuel",
        "Samuel Cohen",
        [
            pos("Fernway Travel", "VP of Design", "Design", "2019-08"),
            pos("Initech", "Design Director", "Design", "2011-03", "2019-07"),
        ],
        groups={"aiga-ny": None},
        email=True,
        hiring_manager=True,
    )
    person(
        "bjorn",
        "Björn Lindqvist",
        [
            pos("Kestrel Media", "Design Manager", "Design", "2023-05"),
            pos(MUSE, "Senior Product Designer", "Design", "2018-04", "2023-04"),
            pos("Initech", "Product Designer", "Design", "2014-01", "2018-03"),
        ],
        policy="do_not_contact",
        headline="Design Manager at Kestrel Media. On parental leave: please, no intro requests.",
    )
    person(
        "kenji",
        "Kenji Watanabe",
        [
            pos(MUSE, "Senior Software Engineer", "Engineering", "2019-01"),
            pos("Copperleaf Analytics", "Software Engineer", "Engineering", "2016-06", "2018-12"),
        ],
        groups={"ds-meetup-nyc": None, "cmu": (2012, 2016)},
    )
    person(
        "marcus",
        "Marcus Bell",
        [
            pos("Hooli", "Engineering Manager", "Engineering", "2016-03"),
        ],
        groups={"umich": (2011, 2015)},
        email=True,
    )
    person(
        "aisha",
        "Aisha Rahman",
        [
            pos("Northwind Health", "Senior Product Designer", "Design", "2021-01"),
            pos("Kestrel Media", "Product Designer", "Design", "2015-07", "2020-12"),
        ],
        groups={"umich": (2011, 2015)},
        policy="prefers_email",
        email=True,
    )
    person(
        "tomasz",
        "Tomasz Wójcik",
        [
            pos("Orbital Payments", "Senior iOS Engineer", "Mobile", "2021-02"),
        ],
    )

    # ---- The Muse: current employees ---------------------------------------
    person(
        "priya",
        "Priya Raman",
        [
            pos(MUSE, "Head of Design", "Design", "2017-09"),
            pos("Hooli", "Design Manager", "Design", "2012-05", "2017-08"),
        ],
        groups={"women-in-product": None, "aiga-ny": None},
        policy="prefers_email",
        email=True,
        hiring_manager=True,
    )
    person(
        "amara",
        "Amara Okafor",
        [
            pos(MUSE, "Senior Product Designer", "Design", "2021-03"),
            pos("Orbital Payments", "Product Designer", "Design", "2016-07", "2021-02"),
        ],
        groups={"risd": (2012, 2016)},
        email=True,
    )
    person(
        "lena",
        "Lena Fischer",
        [
            pos(MUSE, "Product Designer", "Design", "2022-01"),
            pos("Kestrel Media", "Product Designer", "Design", "2017-03", "2021-12"),
        ],
        groups={"ds-meetup-nyc": None},
    )
    person("diego", "Diego Hernández", [pos(MUSE, "UX Researcher", "Design", "2021-08")])
    person(
        "olivia",
        "Olivia Bennett",
        [
            pos(MUSE, "Technical Recruiter", "Talent", "2020-04"),
        ],
        email="careers.olivia@example.com",
        recruiter=True,
        headline="Technical Recruiter at The Muse: design, product and engineering roles",
    )
    person(
        "fatima",
        "Fatima Al-Sayed",
        [
            pos(MUSE, "Engineering Manager", "Engineering", "2018-02"),
        ],
        policy="no_strangers",
    )
    person("liam", "Liam O'Brien", [pos(MUSE, "Software Engineer", "Engineering", "2022-06")])
    person("chinedu", "Chinedu Eze", [pos(MUSE, "Staff Software Engineer", "Platform", "2017-01")])
    person(
        "rafael",
        "Rafael Souza",
        [
            pos(MUSE, "Product Manager", "Product", "2024-02"),
            pos("Northwind Traders", "Product Manager", "Product", "2020-01", "2024-01"),
        ],
        email=True,
    )
    person(
        "sophie",
        "Sophie Laurent",
        [
            pos(MUSE, "Senior Product Manager", "Product", "2019-03"),
        ],
        groups={"women-in-product": None},
    )
    person("arjun", "Arjun Mehta", [pos(MUSE, "Data Scientist", "Data", "2021-09")])
    person("mariana", "Mariana Costa", [pos(MUSE, "Analytics Engineer", "Data", "2022-10")])
    person(
        "grace",
        "Grace Liu",
        [
            pos(MUSE, "VP of Product", "Product", "2016-05"),
        ],
        groups={"women-in-product": None},
        policy="no_strangers",
    )
    person("nadia", "Nadia Petrova", [pos(MUSE, "Content Strategist", "Editorial", "2019-07")])
    person(
        "kwame",
        "Kwame Mensah",
        [
            pos(MUSE, "Customer Success Manager", "Employer Partnerships", "2020-09"),
        ],
    )
    person(
        "isabella",
        "Isabella Rossi",
        [
            pos(MUSE, "Growth Marketing Manager", "Marketing", "2021-04"),
        ],
        email=True,
        policy="prefers_email",
    )

    # ---- Former Muse employees, now elsewhere -------------------------------
    person(
        "hannah",
        "Hannah Schmidt",
        [
            pos("Orbital Payments", "Senior Product Manager", "Product", "2021-10"),
            pos(MUSE, "Product Manager", "Product", "2017-05", "2021-09"),
        ],
        groups={"women-in-product": None},
    )
    person(
        "tomas",
        "Tomás Ribeiro",
        [
            pos("Hooli", "Senior Software Engineer", "Engineering", "2020-06"),
            pos(MUSE, "Software Engineer", "Engineering", "2016-08", "2020-05"),
        ],
    )

    # ---- The three-hop route: Marcus's ex-colleague Yuki, Rafael's old manager
    person(
        "yuki",
        "Yuki Tanaka",
        [
            pos("Northwind Traders", "Director of Product", "Product", "2021-09"),
            pos("Hooli", "Product Manager", "Product", "2015-04", "2021-08"),
        ],
        email=True,
        hiring_manager=True,
    )

    # ---- Northwind Traders and Northwind Health ----------------------------
    person(
        "ahmed",
        "Ahmed Hassan",
        [pos("Northwind Traders", "Operations Manager", "Operations", "2018-03")],
    )
    person(
        "chloe",
        "Chloé Nguyen",
        [pos("Northwind Traders", "Senior Buyer", "Merchandising", "2019-11")],
    )
    person(
        "mateo",
        "Mateo García",
        [pos("Northwind Traders", "Software Engineer", "Engineering", "2020-06")],
    )
    person(
        "ruth",
        "Ruth Bekele",
        [pos("Northwind Health", "Clinical Product Manager", "Product", "2020-02")],
    )
    person(
        "daniel",
        "Daniel Levi",
        [pos("Northwind Health", "Data Engineer", "Data", "2021-05")],
        email=True,
    )
    person(
        "camila",
        "Camila Torres",
        [pos("Northwind Health", "Talent Acquisition Partner", "People", "2022-01")],
        recruiter=True,
    )

    # ---- Pedro: Samuel's colleague, the only bridge towards Globex ----------
    person(
        "pedro",
        "Pedro Albuquerque",
        [
            pos("Fernway Travel", "Design Operations Manager", "Design", "2019-10"),
        ],
        groups={"utoronto": (2008, 2012)},
    )

    # ---- Story ties ----------------------------------------------------------
    # The best answer: Zoë (close ex-colleague) knows Amara (Muse) very well.
    tie(
        "alex",
        "zoe",
        0.9,
        0.8,
        worked(
            "Brightwave Labs",
            "2020-02",
            "2023-05",
            "same design squad for three years; Zoë led the design system Alex built",
        ),
        ev("recommendation", detail="Zoë wrote Alex a LinkedIn recommendation", since="2023-05"),
        messages(214, 2020, 2025),
        rating(5, "would vouch for me without hesitation"),
    )
    tie(
        "zoe",
        "amara",
        0.75,
        0.8,
        studied("risd", 2012, 2016, "roommates in the industrial design studio"),
        messages(96, 2016, 2025),
        met("Config 2024", 2024, "still meet at every Config"),
    )
    tie(
        "zoe",
        "priya",
        0.4,
        0.5,
        met("Config 2022", 2022),
        ev("note", detail="Priya interviewed Zoë for a design role at The Muse in 2022"),
        messages(12, 2022, 2025),
    )
    # The strongest route of all goes through Björn, who asked not to be contacted.
    tie(
        "alex",
        "bjorn",
        0.9,
        0.65,
        worked("Initech", "2015-09", "2018-03", "Björn onboarded Alex; shipped checkout together"),
        ev("recommendation", detail="Björn recommended Alex on LinkedIn", since="2018-03"),
        messages(75, 2015, 2025),
        rating(5, "a true friend"),
    )
    tie(
        "bjorn",
        "priya",
        0.85,
        0.9,
        worked(MUSE, "2018-04", "2023-04", "Priya hired Björn and managed him for five years"),
        messages(300, 2018, 2025),
    )
    tie("bjorn", "amara", 0.6, 0.55, worked(MUSE, "2021-03", "2023-04"))
    # Medium trust, but José knows Lena (Muse) very well.
    tie(
        "alex",
        "jose",
        0.55,
        0.4,
        met("Design Systems Meetup NYC", 2021, "José gave a talk on tokens; coffee afterwards"),
        messages(18, 2021, 2025),
        ev("endorsement", detail="Design Systems, Figma", count=2),
        rating(3, "generous with his time; reviewed my portfolio"),
    )
    tie(
        "jose",
        "lena",
        0.8,
        0.9,
        worked("Kestrel Media", "2017-03", "2021-04", "José mentored Lena for four years"),
        ev("recommendation", detail="José recommended Lena on LinkedIn", since="2021-12"),
        messages(150, 2017, 2025),
    )
    # High trust, but Samuel barely knows Priya.
    tie(
        "alex",
        "samuel",
        0.95,
        0.5,
        worked("Initech", "2015-09", "2019-05", "Samuel was Alex's manager for four years"),
        ev("recommendation", detail="Samuel recommended Alex on LinkedIn", since="2019-05"),
        ev(
            "introduction",
            detail="Samuel introduced Alex to Brightwave Labs' founders",
            since="2019",
        ),
        messages(40, 2016, 2024),
        rating(5, "my mentor; we catch up about once a year"),
    )
    tie(
        "samuel",
        "priya",
        0.2,
        0.15,
        met("Config 2023", 2023, "shared a panel on design leadership"),
        ev("connected", since="2023-06"),
    )
    tie("samuel", "pedro", 0.6, 0.65, worked("Fernway Travel", "2019-10"), messages(60, 2019, 2025))
    # The direct route: Alex knows Kenji (Muse) a little.
    tie(
        "alex",
        "kenji",
        0.45,
        0.35,
        met(
            "Design Systems Meetup NYC",
            2023,
            "paired on a design-tokens plugin at the meetup hack night",
        ),
        messages(9, 2023, 2025),
        ev("connected", since="2023-04"),
        rating(3, "friendly, but we have only worked on one small thing together"),
    )
    # The three-hop route: Alex -> Marcus -> Yuki -> Rafael (Muse PM).
    tie(
        "alex",
        "marcus",
        0.85,
        0.75,
        studied("umich", 2011, 2015, "roommates in sophomore year"),
        messages(320, 2015, 2025),
        rating(5, "my oldest friend in New York"),
    )
    tie(
        "marcus",
        "yuki",
        0.8,
        0.7,
        worked("Hooli", "2016-03", "2021-08", "shipped Hooli's payments redesign together"),
        ev("endorsement", detail="Product Strategy, Payments", count=3),
        messages(60, 2017, 2024),
    )
    tie(
        "yuki",
        "rafael",
        0.8,
        0.75,
        worked("Northwind Traders", "2021-09", "2024-01", "Yuki was Rafael's manager"),
        ev("recommendation", detail="Yuki recommended Rafael on LinkedIn", since="2024-01"),
        messages(85, 2021, 2025),
    )
    tie("marcus", "tomas", 0.6, 0.55, worked("Hooli", "2020-06", detail="same platform org"))
    # An old school friend not seen in years; a conference acquaintance.
    tie(
        "alex",
        "aisha",
        0.7,
        0.3,
        studied("umich", 2011, 2015, "same studio section for four years"),
        messages(4, 2016, 2019),
        rating(4, "close in school; we have not talked since 2019"),
    )
    tie("alex", "tomasz", 0.2, 0.15, met("Config 2024", 2024), ev("connected", since="2024-06"))
    tie("zoe", "tomasz", 0.35, 0.3, worked("Orbital Payments", "2023-06"))
    tie("zoe", "hannah", 0.55, 0.5, worked("Orbital Payments", "2023-06"), messages(25, 2023, 2025))

    # ---- Former Muse employees still know their old colleagues -------------
    tie("hannah", "sophie", 0.6, 0.45, worked(MUSE, "2019-03", "2021-09"))
    tie("hannah", "grace", 0.55, 0.35, worked(MUSE, "2017-05", "2021-09"))
    tie("hannah", "priya", 0.5, 0.4, worked(MUSE, "2017-09", "2021-09"))
    tie("tomas", "kenji", 0.55, 0.5, worked(MUSE, "2019-01", "2020-05"), messages(30, 2019, 2025))
    tie("tomas", "fatima", 0.5, 0.4, worked(MUSE, "2018-02", "2020-05"))
    tie("tomas", "chinedu", 0.5, 0.45, worked(MUSE, "2017-01", "2020-05"))

    # ---- Inside The Muse ------------------------------------------------------
    for a, b, t, f, detail in [
        ("priya", "amara", 0.8, 0.85, "Priya manages Amara"),
        ("priya", "lena", 0.75, 0.8, "Priya manages Lena"),
        ("priya", "diego", 0.6, 0.7, None),
        ("amara", "lena", 0.75, 0.8, "same design pod"),
        ("amara", "diego", 0.55, 0.65, None),
        ("lena", "diego", 0.5, 0.6, None),
        ("olivia", "priya", 0.65, 0.75, "partners on every design hire"),
        ("fatima", "kenji", 0.75, 0.75, "Fatima manages Kenji"),
        ("fatima", "liam", 0.6, 0.7, "Fatima manages Liam"),
        ("fatima", "chinedu", 0.7, 0.7, None),
        ("kenji", "liam", 0.6, 0.7, "Kenji mentors Liam"),
        ("kenji", "chinedu", 0.65, 0.6, None),
        ("olivia", "fatima", 0.55, 0.6, None),
        ("grace", "sophie", 0.75, 0.75, "Grace manages Sophie"),
        ("grace", "rafael", 0.55, 0.5, "Grace hired Rafael"),
        ("sophie", "rafael", 0.6, 0.6, None),
        ("sophie", "arjun", 0.6, 0.65, None),
        ("rafael", "arjun", 0.5, 0.55, None),
        ("arjun", "mariana", 0.65, 0.75, "same data team"),
        ("grace", "priya", 0.7, 0.65, None),
        ("olivia", "grace", 0.5, 0.5, None),
        ("amara", "sophie", 0.6, 0.7, "same product trio"),
        ("kenji", "sophie", 0.5, 0.5, None),
        ("kenji", "amara", 0.5, 0.45, "built the design-token pipeline together"),
        ("lena", "liam", 0.4, 0.45, None),
        ("nadia", "isabella", 0.6, 0.7, None),
        ("kwame", "isabella", 0.5, 0.55, None),
        ("nadia", "priya", 0.45, 0.4, None),
        ("kwame", "olivia", 0.4, 0.45, None),
        ("kwame", "grace", 0.45, 0.4, None),
    ]:
        since = max(_start(a, MUSE), _start(b, MUSE))
        tie(a, b, t, f, worked(MUSE, since, detail=detail))

    # ---- Northwind ----------------------------------------------------------
    for a, b, t, f in [
        ("yuki", "ahmed", 0.5, 0.55),
        ("yuki", "chloe", 0.45, 0.5),
        ("yuki", "mateo", 0.6, 0.6),
        ("ahmed", "chloe", 0.6, 0.7),
        ("chloe", "mateo", 0.4, 0.45),
    ]:
        since = max(_start(a, "Northwind Traders"), _start(b, "Northwind Traders"))
        tie(a, b, t, f, worked("Northwind Traders", since))
    tie("rafael", "mateo", 0.6, 0.5, worked("Northwind Traders", "2020-06", "2024-01"))
    for a, b, t, f in [
        ("aisha", "ruth", 0.6, 0.7),
        ("aisha", "daniel", 0.5, 0.55),
        ("ruth", "camila", 0.45, 0.5),
        ("daniel", "camila", 0.4, 0.45),
        ("ruth", "daniel", 0.55, 0.6),
    ]:
        since = max(_start(a, "Northwind Health"), _start(b, "Northwind Health"))
        tie(a, b, t, f, worked("Northwind Health", since))


def far_story() -> None:
    """Globex: nobody there is within three hops of Alex, but there are fallbacks."""
    person(
        "ngozi",
        "Ngozi Adeyemi",
        [
            pos(GLOBEX, "Senior UX Designer", "Design", "2019-02"),
        ],
        where="far",
        groups={"umich": (2010, 2014)},
        email=True,
    )  # Alex's school
    person(
        "rebecca",
        "Rebecca Stone",
        [
            pos(GLOBEX, "Design & Technical Recruiter", "Talent", "2018-08"),
        ],
        where="far",
        groups={"aiga-ny": None},
        email=True,
        recruiter=True,
    )  # Alex's community
    person(
        "greg",
        "Greg Novak",
        [
            pos(GLOBEX, "Director of Engineering", "Engineering", "2016-01"),
            pos("Initech", "Senior Software Engineer", "Engineering", "2009-06", "2015-06"),
        ],
        where="far",
        hiring_manager=True,
    )  # Alex's former employer, before Alex's time
    person(
        "farah",
        "Farah Haddad",
        [
            pos(GLOBEX, "Senior Product Manager", "Product", "2017-04"),
            pos("Initech", "Product Manager", "Product", "2012-02", "2015-08"),
        ],
        where="far",
        groups={"women-in-product": None},
        email=True,
    )
    person(
        "viktor",
        "Viktor Sokolov",
        [
            pos(GLOBEX, "Head of Product Design", "Design", "2018-01"),
        ],
        where="far",
        hiring_manager=True,
        policy="prefers_email",
        email=True,
    )
    person(
        "lucia", "Lucía Fernández", [pos(GLOBEX, "Data Scientist", "Data", "2020-03")], where="far"
    )
    person(
        "ibrahim",
        "Ibrahim Diallo",
        [pos(GLOBEX, "Software Engineer", "Engineering", "2021-07")],
        where="far",
    )
    person(
        "siddharth",
        "Siddharth Rao",
        [pos(GLOBEX, "UX Researcher", "Design", "2020-10")],
        where="far",
        policy="no_strangers",
    )
    # Thandiwe is four hops from Alex (Alex -> Samuel -> Pedro -> Thandiwe).
    person(
        "thandiwe",
        "Thandiwe Nkosi",
        [
            pos("Kestrel Media", "Art Director", "Creative", "2017-09"),
        ],
        where="far",
        groups={"utoronto": (2008, 2012)},
    )
    tie("pedro", "thandiwe", 0.55, 0.3, studied("utoronto", 2008, 2012, "same residence hall"))
    tie(
        "thandiwe",
        "greg",
        0.3,
        0.35,
        met("Brooklyn Tech Week 2023", 2023, "neighbours"),
        messages(14, 2023, 2025),
    )
    tie("thandiwe", "viktor", 0.25, 0.2, met("Config 2023", 2023))
    for a, b, t, f in [
        ("viktor", "ngozi", 0.7, 0.75),
        ("viktor", "rebecca", 0.6, 0.65),
        ("ngozi", "siddharth", 0.6, 0.7),
        ("greg", "ibrahim", 0.65, 0.7),
        ("farah", "lucia", 0.55, 0.6),
        ("rebecca", "greg", 0.5, 0.55),
        ("lucia", "ibrahim", 0.45, 0.5),
        ("viktor", "farah", 0.6, 0.6),
    ]:
        tie(a, b, t, f, worked(GLOBEX, max(_start(a, GLOBEX), _start(b, GLOBEX))))
    tie(
        "greg",
        "farah",
        0.75,
        0.65,
        worked("Initech", "2012-02", "2015-06"),
        worked(GLOBEX, "2017-04", detail="Greg brought Farah over from Initech"),
    )


def isolated_story() -> None:
    """A cluster with no route at all to Alex: a warehouse team in Portland."""
    v = "Vandelay Industries"
    crew = [
        ("dolores", "Dolores Whitaker", "Head of Operations", "Operations", "2012-04", "open"),
        ("hiroshi", "Hiroshi Mori", "Logistics Manager", "Operations", "2015-09", "open"),
        ("kalani", "Kalani Kahananui", "Import Coordinator", "Operations", "2019-01", "open"),
        ("sunita", "Sunita Verma", "Finance Manager", "Finance", "2016-06", "prefers_email"),
        ("gustavo", "Gustavo Pires", "Warehouse Supervisor", "Operations", "2014-03", "open"),
        ("maren", "Maren Holt", "Customer Service Lead", "Support", "2018-07", "open"),
        ("tariq", "Tariq Bashir", "Supply Chain Analyst", "Operations", "2021-02", "open"),
        ("ivy", "Ivy Zhou", "Recruiter", "People", "2020-05", "open"),
        ("colm", "Colm Doyle", "Software Engineer", "Engineering", "2019-08", "no_strangers"),
        ("anneliese", "Anneliese Vogt", "Graphic Designer", "Marketing", "2017-11", "open"),
    ]
    ceramics = {"maren", "anneliese", "hiroshi", "sunita"}
    for pid, name, title, team, start, policy in crew:
        person(
            pid,
            name,
            [pos(v, title, team, start)],
            where="isolated",
            policy=policy,
            groups={"pdx-ceramics": None} if pid in ceramics else None,
            recruiter=title == "Recruiter",
            email=policy == "prefers_email",
            url=pid not in ("gustavo", "kalani"),
        )
    for a, b, t, f in [
        ("dolores", "hiroshi", 0.75, 0.8),
        ("dolores", "sunita", 0.6, 0.6),
        ("hiroshi", "kalani", 0.6, 0.75),
        ("hiroshi", "gustavo", 0.7, 0.8),
        ("gustavo", "tariq", 0.4, 0.5),
        ("maren", "ivy", 0.45, 0.5),
        ("dolores", "ivy", 0.5, 0.45),
        ("colm", "tariq", 0.5, 0.55),
        ("colm", "anneliese", 0.35, 0.4),
        ("maren", "dolores", 0.5, 0.5),
    ]:
        tie(a, b, t, f, worked(v, max(_start(a, v), _start(b, v))))
    for a, b in [("maren", "anneliese"), ("hiroshi", "sunita")]:
        tie(a, b, 0.3, 0.35, met("Portland Ceramics Collective", 2022, "Thursday wheel class"))


def _start(pid: str, company: str) -> str:
    return next(p["start"] for p in people[pid]["positions"] if p["company"] == company)


# --------------------------------------------------------------------------
# Layer 2: seeded filler
# --------------------------------------------------------------------------

# First names and surnames by culture; a filler name pairs two of the same culture.
# (An underscore joins a two-word surname.)
NAME_POOLS: dict[str, tuple[str, str]] = {
    "anglo": (
        "James Emily Michael Sarah Ryan Megan Kevin Lauren Brian Rachel Tyler Amanda "
        "Nathan Caroline Peter Laura Andrew Jordan Taylor Morgan",
        "Smith Johnson Walker Thompson Harris Clark Lewis Robinson Hall Young Wright "
        "Scott Green Baker Adams Nelson Mitchell Campbell Turner Parker",
    ),
    "irish": (
        "Siobhán Niamh Ciarán Aoife Declan Róisín Cormac Saoirse Eoin",
        "O'Sullivan O'Neill Byrne Kavanagh Murphy Fitzgerald McCarthy D'Arcy",
    ),
    "hispanic": (
        "Alejandro Lucía Javier Valentina Andrés Carmen Gabriela Sofía Raúl Ximena Paula Héctor",
        "Martínez Rodríguez López Sánchez Ramírez Flores Gómez Morales Jiménez "
        "Ortiz Vargas Castillo Ruiz",
    ),
    "lusophone": (
        "João Beatriz Thiago Larissa Rodrigo Fernanda Luana Gabriel Inês",
        "Oliveira Pereira Carvalho Gonçalves Almeida Barbosa Rocha Nascimento",
    ),
    "chinese": (
        "Wei Jing Hao Yan Mei Jun Xin Yifan Zhiwei Ling Bo",
        "Zhang Wang Li Yang Huang Zhao Wu Zhou Xu Sun Lin Guo",
    ),
    "indian": (
        "Aarav Ananya Rohan Kavya Vikram Nisha Rahul Deepa Sanjay Meera Aditya Shreya "
        "Karthik Lakshmi",
        "Sharma Patel Iyer Reddy Nair Gupta Krishnan Desai Banerjee Kulkarni Joshi "
        "Menon Chatterjee Singh",
    ),
    "japanese": (
        "Haruto Sakura Ren Yui Sota Aoi Daiki Miyu Takeshi Emi",
        "Sato Suzuki Takahashi Ito Yamamoto Nakamura Kato Yoshida Yamada Sasaki",
    ),
    "korean": (
        "Min-jun Seo-yeon Ji-hoon Ha-eun Dong-hyun Soo-ah Jae-won Eun-ji",
        "Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim",
    ),
    "west_african": (
        "Chidi Emeka Adaeze Oluwaseun Funmilayo Kofi Ama Yaw Abena Tunde Folake Ifeoma Kwabena",
        "Okonkwo Adebayo Nwosu Okeke Asante Boateng Owusu Balogun Oyelaran Danso N'Diaye",
    ),
    "east_african": (
        "Amani Wanjiru Tesfaye Selam Abebe Makena Baraka Hiwot",
        "Kiptoo Mwangi Haile Otieno Kamau Tadesse Wolde Njoroge",
    ),
    "arabic": (
        "Omar Layla Youssef Nour Karim Rania Tariq Samira Khalid Yasmin",
        "Khoury Mansour Nasser Saleh Aziz Hamdan El-Amin Farouk",
    ),
    "nordic": (
        "Søren Astrid Magnus Freja Lars Ingrid Henrik Sigrid Nils Maja",
        "Nielsen Johansson Hansen Eriksson Larsen Berg Lindberg Halvorsen Sandberg Nyström",
    ),
    "german": (
        "Jürgen Katrin Felix Anja Lukas Miriam Tobias Julia Maximilian Franziska",
        "Müller Schneider Wagner Becker Hoffmann Schäfer Koch Richter Weber Krüger",
    ),
    "french": (
        "Mathieu Camille Julien Élodie Antoine Margaux Théo Renée Guillaume",
        "Dubois Moreau Lefèvre Girard Bonnet Rousseau Fontaine Mercier Lambert Chevalier",
    ),
    "italian": (
        "Giulia Marco Francesca Luca Chiara Alessandro Federica Matteo Elena Davide",
        "Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti D'Angelo",
    ),
    "polish": (
        "Agnieszka Piotr Katarzyna Michał Magdalena Paweł Aleksandra Łukasz",
        "Kaczmarek Mazur Krawczyk Zając Wróbel Dąbrowski",
    ),
    "balkan": ("Ivana Milan Nikola Jelena Marko Ana", "Horvat Petrović Kovačević Jovanović Babić"),
    "vietnamese": (
        "Linh Minh Thao Huy Lan Quang Trang Bao",
        "Nguyen Tran Le Pham Hoang Vo Dang Bui",
    ),
    "turkish": (
        "Emre Elif Burak Zeynep Mehmet Ayşe Can Deniz",
        "Yılmaz Kaya Demir Şahin Çelik Aydın Öztürk Arslan",  # noqa: RUF001 (Turkish dotless i)
    ),
    "greek": (
        "Nikos Eleni Giorgos Katerina Dimitris Sofia",
        "Papadopoulos Georgiou Nikolaidis Vlachos Konstantinou Antoniou",
    ),
    "israeli": (
        "Noa Yael Eitan Tamar Avi Maya Oren Shira",
        "Levy Friedman Katz Shapiro Rosenberg Ben-David Goldstein Azoulay",
    ),
    "filipino": (
        "Paolo Bea Miguel Kristine Jericho Patricia Carlo Andrea",
        "Reyes Cruz Bautista Villanueva Mendoza Aquino Dela_Cruz",
    ),
}
NAMES = {
    culture: (firsts.split(), [last.replace("_", " ") for last in lasts.split()])
    for culture, (firsts, lasts) in NAME_POOLS.items()
}

TITLES: dict[str, list[str]] = {
    "design": [
        "Junior Product Designer",
        "Product Designer",
        "Senior Product Designer",
        "Lead Product Designer",
        "Director of Design",
    ],
    "research": [
        "UX Research Associate",
        "UX Researcher",
        "Senior UX Researcher",
        "Lead UX Researcher",
        "Head of Research",
    ],
    "eng": [
        "Software Engineer",
        "Software Engineer II",
        "Senior Software Engineer",
        "Staff Software Engineer",
        "Director of Engineering",
    ],
    "product": [
        "Associate Product Manager",
        "Product Manager",
        "Senior Product Manager",
        "Group Product Manager",
        "Director of Product",
    ],
    "data": [
        "Data Analyst",
        "Data Scientist",
        "Senior Data Scientist",
        "Data Science Manager",
        "Head of Data",
    ],
    "marketing": [
        "Marketing Coordinator",
        "Marketing Manager",
        "Senior Marketing Manager",
        "Head of Growth",
        "VP of Marketing",
    ],
    "sales": [
        "Sales Development Representative",
        "Account Executive",
        "Senior Account Executive",
        "Sales Manager",
        "VP of Sales",
    ],
    "people": [
        "Recruiting Coordinator",
        "Technical Recruiter",
        "Senior Technical Recruiter",
        "Talent Acquisition Lead",
        "Head of People",
    ],
    "ops": [
        "Operations Associate",
        "Operations Manager",
        "Senior Operations Manager",
        "Head of Operations",
        "VP of Operations",
    ],
}
TEAMS = {
    "design": ["Design"],
    "research": ["Design"],
    "data": ["Data"],
    "eng": ["Engineering", "Platform", "Mobile", "Payments"],
    "product": ["Product"],
    "marketing": ["Marketing"],
    "sales": ["Sales"],
    "people": ["Talent", "People"],
    "ops": ["Operations"],
}
FAMILY_WEIGHTS = {
    "design": 16,
    "research": 5,
    "eng": 30,
    "product": 14,
    "data": 9,
    "marketing": 8,
    "sales": 7,
    "people": 5,
    "ops": 6,
}
SKILLS = {
    "design": "Figma, Design Systems, Prototyping",
    "research": "User Research, Usability",
    "eng": "TypeScript, Python, Distributed Systems",
    "product": "Product Strategy, Roadmaps",
    "data": "SQL, Statistics, Machine Learning",
    "marketing": "Lifecycle Marketing, SEO",
    "sales": "Enterprise Sales, Negotiation",
    "people": "Technical Recruiting",
    "ops": "Operations, Vendor Management",
}
MAIN_COMPANIES = {
    "Hooli": 22,
    "Orbital Payments": 15,
    "Copperleaf Analytics": 13,
    "Kestrel Media": 13,
    "Fernway Travel": 12,
    "Brightwave Labs": 10,
    "Initech": 15,
}
FAR_COMPANIES = {GLOBEX: 45, "Hooli": 20, "Kestrel Media": 15, "Initech": 20}
SCHOOL_CHOICE = {
    "main": ["umich", "risd", "cmu", "gatech", "utoronto"],
    "far": ["umich", "gatech", "utoronto"],
}
# Story people who may also know filler people (colleagues, classmates). Everyone
# else in the story keeps exactly the ties written above, so the routes stay put.
HUBS = ["zoe", "jose", "samuel", "bjorn", "marcus", "aisha", "tomasz", "hannah", "tomas", "pedro"]


def pick(weights: dict[str, int]) -> str:
    keys = list(weights)
    return rng.choices(keys, [weights[k] for k in keys])[0]


def new_name() -> str:
    while True:
        culture = rng.choice(sorted(NAMES))
        firsts, lasts = NAMES[culture]
        first, last = rng.choice(firsts), rng.choice(lasts)
        name = f"{first} {last}"
        if first != last and name not in used_names and ascii_slug(name) not in people:
            return name


def filler(where: str, count: int) -> list[str]:
    made = []
    for _ in range(count):
        name = new_name()
        fam = pick(FAMILY_WEIGHTS)
        grad = rng.randint(2000, 2021) if where == "main" else rng.randint(1998, 2018)
        groups: dict[str, tuple[int, int] | None] = {}
        if fam in ("design", "research") and rng.random() < 0.2:
            groups["ga-ux"] = (grad, grad)  # career changer from a bootcamp
        elif rng.random() < 0.7:
            groups[rng.choice(SCHOOL_CHOICE[where])] = (grad - 4, grad)
        for group, p in {
            "ds-meetup-nyc": {"design": 0.3, "eng": 0.08, "research": 0.15},
            "aiga-ny": {"design": 0.2, "marketing": 0.15, "research": 0.1},
            "women-in-product": {"product": 0.3, "research": 0.1, "data": 0.1, "marketing": 0.1},
        }.items():
            if where == "far" and group == "ds-meetup-nyc":
                continue
            if rng.random() < p.get(fam, 0.0):
                groups[group] = None
        positions = career(where, fam, grad)
        policy = rng.choices(
            ["open", "prefers_email", "no_strangers", "do_not_contact"], [78, 12, 7, 3]
        )[0]
        current = [p for p in positions if p.get("current", True)]
        title = positions[0]["title"]
        recruiter = bool(current) and ("Recruit" in title or "Talent" in title)
        hiring = (
            bool(current)
            and title.split()[0] in ("Director", "Head", "VP")
            and (rng.random() < 0.4)
        )
        if not current:
            headline = f"{title}, between roles and open to work"
        elif rng.random() < 0.25:
            headline = f"{title} at {positions[0]['company']} | {SKILLS[fam].split(', ')[0]}"
        else:
            headline = None
        email: bool | str = policy == "prefers_email" or rng.random() < 0.3
        if email and rng.random() < 0.15:
            first, _, last = name.partition(" ")
            email = f"{ascii_slug(first)}{ascii_slug(last)[:1]}@example.org"
        url: bool | str = rng.random() < 0.75
        if url and rng.random() < 0.4:
            url = f"https://www.linkedin.com/in/{ascii_slug(name)}-{rng.randint(10, 999)}"
        pid = ascii_slug(name)
        made.append(
            person(
                pid,
                name,
                positions,
                where=where,
                groups=groups,
                headline=headline,
                email=email,
                url=url,
                policy=policy,
                recruiter=recruiter,
                hiring_manager=hiring,
            )
        )
        family[pid] = fam
    return made


def career(where: str, fam: str, grad: int) -> list[Json]:
    """One to four positions from graduation to today, newest first."""
    companies = MAIN_COMPANIES if where == "main" else FAR_COMPANIES
    team = rng.choice(TEAMS[fam])
    t = grad + rng.choice([0.25, 0.5, 0.75, 1.0])
    stints: list[tuple[str, str, float, float | None]] = []
    level = 0
    while True:
        duration = rng.uniform(1.2, 5.5)
        company = pick(companies)
        for _ in range(20):
            ok = company not in {s[0] for s in stints}  # no boomerangs
            ok = ok and t >= FOUNDED.get(company, 1900)
            # Far-zone people left Initech before Alex joined it.
            ok = ok and not (where == "far" and company == "Initech" and t + duration > 2015.5)
            if ok:
                break
            company = pick(companies)
        else:
            company = GLOBEX if where == "far" else "Hooli"
        level = min(4, max(level, int((t - grad) / 3.2) - (rng.random() < 0.3)))
        title = TITLES[fam][level]
        end = t + duration
        if end >= NOW - 0.6 or len(stints) == 3:  # (so no job starts in the future)
            stints.append((company, title, t, None))
            break
        stints.append((company, title, t, end))
        t = end + rng.choice([0.0, 0.1, 0.25, 0.5])
    if rng.random() < 0.05 and NOW - stints[-1][2] > 1:  # between jobs
        company, title, start, _ = stints[-1]
        stints[-1] = (company, title, start, NOW - rng.uniform(0.2, 0.8))
    return [
        pos(c, title, team, ym(s), ym(e) if e is not None else None)
        for c, title, s, e in reversed(stints)
    ]


def stints_of(pid: str) -> list[tuple[str, str | None, float, float]]:
    return [
        (p["company"], p.get("team"), when(p["start"]), when(p["end"]) if p.get("end") else NOW)
        for p in people[pid]["positions"]
    ]


def clamp(x: float, lo: float = 0.03, hi: float = 0.95) -> float:
    return max(lo, min(hi, x))


def coworker_tie(a: str, b: str, company: str, start: float, end: float, same_team: bool) -> None:
    overlap = end - start
    ago = max(0.0, NOW - end)
    close = same_team and overlap >= 2 and rng.random() < 0.2
    # Trust grows with time side by side; familiarity also fades after it ends.
    trust = 0.18 + 0.06 * min(overlap, 5) + 0.15 * same_team + 0.2 * close
    fam = (0.12 + 0.06 * min(overlap, 5) + 0.1 * same_team + 0.2 * close) * 0.85**ago
    trust = clamp(trust + rng.uniform(-0.05, 0.05))
    fam = clamp(fam + rng.uniform(-0.03, 0.03), 0.04 + rng.uniform(0, 0.03))
    evidence = [
        worked(
            company, ym(start), ym(end) if end < NOW else None, "same team" if same_team else None
        )
    ]
    if fam >= 0.3:
        evidence.append(
            messages(
                max(2, int(fam * fam * 220 * rng.uniform(0.5, 1.5))),
                int(start),
                int(min(NOW, end + 2 + 3 * fam)),
            )
        )
    if close:
        evidence.append(
            ev(
                "recommendation",
                detail="LinkedIn recommendation",
                since=ym(end) if end < NOW else int(NOW),
            )
        )
    elif rng.random() < 0.25:
        skills = SKILLS.get(family.get(b, "design"), "Figma")
        evidence.append(ev("endorsement", detail=skills, count=rng.randint(1, 3)))
    tie(a, b, trust, fam, *evidence)


def classmate_tie(a: str, b: str, school: str, start: int, end: int) -> None:
    ago = NOW - end
    close = rng.random() < 0.15
    trust = rng.uniform(0.3, 0.5) + 0.25 * close
    fam = 0.45 - 0.03 * min(ago, 12) + 0.25 * close + rng.uniform(-0.05, 0.05)
    evidence = [studied(school, start, end)]
    if close:
        evidence.append(messages(rng.randint(20, 150), end, int(NOW)))
    tie(a, b, clamp(trust), clamp(fam, 0.05), *evidence)


def community_tie(a: str, b: str, group: str) -> None:
    year = rng.randint(2016, 2024)
    fam = rng.uniform(0.08, 0.22)
    evidence = [met(GROUP_NAME[group], year)]
    if rng.random() < 0.3:
        evidence.append(messages(rng.randint(2, 15), year, min(2025, year + 2)))
        fam += 0.08
    tie(a, b, rng.uniform(0.1, 0.25), fam, *evidence)


def conference_tie(a: str, b: str) -> None:
    conference = rng.choice(CONFERENCES)
    year = int(conference.split()[-1])
    since = f"{year}-{rng.randint(1, 12):02d}"
    if "alex" in (a, b) and rng.random() < 0.5:
        link = ev("invitation", detail="accepted Alex's invitation after the talk", since=since)
    else:
        link = ev("connected", since=since)
    tie(a, b, rng.uniform(0.05, 0.2), rng.uniform(0.05, 0.15), met(conference, year), link)


def weave(group: list[str]) -> None:
    """Ties among ``group`` (one zone) from shared companies, schools and communities."""
    roster: dict[str, list[tuple[str, str | None, float, float]]] = {}
    for pid in group:
        for company, team, start, end in stints_of(pid):
            if company in MAIN_COMPANIES or company in FAR_COMPANIES:
                roster.setdefault(company, []).append((pid, team, start, end))
    for company in sorted(roster):
        stints = roster[company]
        scale = min(1.0, 30 / len(stints))
        for (a, ta, sa, ea), (b, tb, sb, eb) in itertools.combinations(stints, 2):
            start, end = max(sa, sb), min(ea, eb)
            if a == b or end - start < 0.4 or pair(a, b) in ties:
                continue
            same = ta == tb
            if rng.random() < (0.45 if same else 0.08) * scale:
                coworker_tie(a, b, company, start, end, same)
    in_group = set(group)
    for gid in sorted(GROUP_NAME):
        crowd = [m for m in members[gid] if m in in_group]
        for a, b in itertools.combinations(crowd, 2):
            if pair(a, b) in ties:
                continue
            if gid in SCHOOLS:
                (sa, ea), (sb, eb) = study[(a, gid)], study[(b, gid)]
                if min(ea, eb) - max(sa, sb) >= (1 if gid != "ga-ux" else 0) and (
                    rng.random() < 0.2
                ):
                    classmate_tie(a, b, gid, max(sa, sb), min(ea, eb))
            elif rng.random() < 0.06:
                community_tie(a, b, gid)


def alex_ties(candidates: list[str]) -> None:
    """Alex's own LinkedIn connections among the filler."""
    mine = {company: (start, end) for company, _, start, end in stints_of("alex")}
    for pid in candidates:
        if pair("alex", pid) in ties:
            continue
        done = False
        for company in ("Brightwave Labs", "Initech"):
            for c, team, s, e in stints_of(pid):
                start, end = max(s, mine[company][0]), min(e, mine[company][1])
                if c == company and end - start >= 0.4 and rng.random() < 0.6:
                    coworker_tie("alex", pid, company, start, end, team == "Design")
                    done = True
                    break
            if done:
                break
        if not done and (pid, "umich") in study:
            s, e = study[(pid, "umich")]
            if min(e, 2015) - max(s, 2011) >= 1 and rng.random() < 0.5:
                classmate_tie("alex", pid, "umich", max(s, 2011), min(e, 2015))
                done = True
        for gid in ("ds-meetup-nyc", "aiga-ny"):
            if not done and pid in members[gid] and rng.random() < 0.3:
                community_tie("alex", pid, gid)
                done = True
        if done:
            record = ties[pair("alex", pid)]
            began = when(record["evidence"][0]["since"])  # connected once they had met
            record["evidence"].append(ev("connected", since=ym(rng.uniform(began, NOW - 0.1))))
            if rng.random() < 0.3:
                stars = 1 + round(4 * record["trust"])
                record["evidence"].append(
                    rating(
                        stars,
                        rng.choice(
                            [
                                "we got on well",
                                "good to work with",
                                "have not talked in a while",
                                "would ask for advice",
                                "barely remember each other",
                            ]
                        ),
                    )
                )
    for pid in rng.sample(candidates, 8):
        if pair("alex", pid) not in ties:
            conference_tie("alex", pid)


def connect(group: list[str], anchor: str, endpoints: list[str]) -> None:
    """Join every piece of ``group`` to ``anchor``'s piece with a weak conference tie."""
    while True:
        seen = reachable(anchor, set(group) | {anchor})
        lonely = [p for p in group if p not in seen]
        if not lonely:
            return
        conference_tie(lonely[0], rng.choice([e for e in endpoints if e in seen]))


def adjacency(exclude: set[str] | None = None) -> dict[str, dict[str, Json]]:
    skip = exclude or set()
    adj: dict[str, dict[str, Json]] = {pid: {} for pid in people if pid not in skip}
    for (a, b), record in ties.items():
        if a in adj and b in adj:
            adj[a][b] = adj[b][a] = record
    return adj


def reachable(start: str, within: set[str]) -> dict[str, int]:
    adj = adjacency(set(people) - within)
    dist, frontier = {start: 0}, [start]
    while frontier:
        nxt = []
        for u in frontier:
            for v in adj[u]:
                if v not in dist:
                    dist[v] = dist[u] + 1
                    nxt.append(v)
        frontier = nxt
    return dist


# --------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------


def check() -> list[tuple[tuple[str, ...], float]]:
    """Assert the evidence is consistent and the story routes hold; return Muse routes."""
    by_name = {v: k for k, v in GROUP_NAME.items()}
    for (a, b), record in ties.items():
        for e in record["evidence"]:
            kind, at = e["kind"], e.get("at")
            label = f"tie {a} - {b}: {kind} at {at}"
            if kind == "worked_together":
                sa = [s for s in stints_of(a) if s[0] == at]
                sb = [s for s in stints_of(b) if s[0] == at]
                assert sa and sb, label
                since = when(e["since"])
                until = when(e["until"]) if "until" in e else NOW
                assert any(
                    max(x[2], y[2]) <= since + 0.1 and until <= min(x[3], y[3]) + 0.1
                    for x in sa
                    for y in sb
                ), label
            elif kind == "studied_together":
                gid = by_name[at]
                assert (a, gid) in study and (b, gid) in study, label
                (s1, e1), (s2, e2) = study[(a, gid)], study[(b, gid)]
                assert max(s1, s2) <= int(e["since"]) <= int(e["until"]) <= min(e1, e2), label
            elif kind == "met" and at in by_name:
                assert a in members[by_name[at]] and b in members[by_name[at]], label
            elif kind == "rating":
                assert "alex" in (a, b), label
    assert len(people) == TOTAL_PEOPLE, len(people)
    policies = {p.get("contact_policy", "open") for p in people.values()}
    assert policies == {c.value for c in ContactPolicy}, policies

    dnc = {pid for pid, p in people.items() if p.get("contact_policy") == "do_not_contact"}
    dist = reachable("alex", set(people) - (dnc - {"alex"}))
    muse = [
        pid
        for pid, p in people.items()
        if any(q["company"] == MUSE and q.get("current", True) for q in p["positions"])
    ]
    assert 10 <= len(muse) <= 20, muse
    for pid, hops in {"kenji": 1, "amara": 2, "lena": 2, "priya": 2, "rafael": 3}.items():
        assert dist.get(pid) == hops, (pid, dist.get(pid))
    everything = reachable("alex", set(people))
    globex = [
        pid for pid, p in people.items() if any(q["company"] == GLOBEX for q in p["positions"])
    ]
    assert all(everything.get(pid, 99) > 3 for pid in globex), "Globex must be > 3 hops away"
    assert min(everything[pid] for pid in globex) == 4
    assert all(pid not in everything for pid in people if zone[pid] == "isolated")
    assert all(pid in everything for pid in people if zone[pid] != "isolated")

    routes = muse_routes(exclude=dnc)
    assert routes[0][0] == ("alex", "zoe", "amara"), routes[:3]
    firsts = list(dict.fromkeys(path[1] for path, _ in routes))
    assert firsts[:4] == ["zoe", "jose", "kenji", "marcus"], firsts[:6]
    assert muse_routes(exclude=set())[0][0][:2] == ("alex", "bjorn")  # but Björn said no
    return routes


def muse_routes(exclude: set[str]) -> list[tuple[tuple[str, ...], float]]:
    """Every route of up to three hops from Alex to a current Muse employee, best first."""
    adj = adjacency(exclude)
    weight = {
        pid: OPENNESS[ContactPolicy(p.get("contact_policy", "open"))]
        for pid, p in people.items()
        if any(q["company"] == MUSE and q.get("current", True) for q in p["positions"])
    }
    found = []

    def walk(path: list[str]) -> None:
        if path[-1] in weight and len(path) > 1 and path[-1] not in exclude:
            kinds = hop_kinds(len(path) - 1)
            factors = [
                hop_factor(k, adj[u][v]["trust"], adj[u][v]["familiarity"], Weights())
                for k, u, v in zip(kinds, path, path[1:], strict=False)
            ]
            found.append((tuple(path), path_score(factors, weight[path[-1]])))
        if len(path) <= 3:
            for v in adj[path[-1]]:
                if v not in path:
                    walk([*path, v])

    walk(["alex"])
    return sorted(found, key=lambda r: (-r[1], len(r[0]), r[0]))


# --------------------------------------------------------------------------


def main() -> None:
    story()
    far_story()
    isolated_story()
    # Filler: most people around Alex, a few around Globex; ties only within a zone.
    main_filler = filler("main", TOTAL_PEOPLE - len(people) - 28)
    filler("far", 28)
    main_pool = [*HUBS, *main_filler]
    weave(main_pool)
    alex_ties(main_filler)
    far_pool = [p for p in people if zone[p] == "far"]
    weave(far_pool)
    # Nobody is stranded, and the far zone hangs off Globex, not off Thandiwe.
    connect(main_pool, "alex", main_pool)
    connect(far_pool, "greg", [p for p in far_pool if p != "thandiwe"])

    document = GraphDocument.model_validate(
        {
            "version": 1,
            "me": "alex",
            "people": list(people.values()),
            "companies": COMPANIES,
            "groups": [{**g, "members": members[g["id"]]} for g in GROUPS],
            "ties": list(ties.values()),
        }
    )
    routes = check()
    data = {"version": 1, **document.model_dump(mode="json", exclude_defaults=True)}
    write_atomic(OUT, json.dumps(data, indent=2, ensure_ascii=False))
    OUT.chmod(0o644)  # write_atomic keeps mkstemp's private 0600; this file ships
    print(
        f"wrote {OUT}: {len(people)} people, {len(ties)} ties, "
        f"{len(COMPANIES)} companies, {len(GROUPS)} groups",
        file=sys.stderr,
    )
    for path, score in routes[:5]:
        print(f"  {score:.3f}  {' -> '.join(path)}", file=sys.stderr)


if __name__ == "__main__":
    main()
