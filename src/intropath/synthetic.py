"""Seeded synthetic networks with a realistic shape, for tests and benchmarks.

The shape follows what pooled professional networks look like:

- company sizes and school sizes are heavy-tailed (Zipf-like);
- each person has an "activity" drawn from a Pareto law, so degrees are
  heavy-tailed too;
- most ties join colleagues (current or past) and classmates, which gives the
  clustering of real networks; the rest are preferential "met somewhere" ties;
- a pooled team: a few members with hundreds to thousands of ties each, and
  strong ties among themselves (a startup or VC firm pooling their networks).

Everything is drawn from ``numpy.random.default_rng(seed)``: the same
arguments give the same network.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .model import Company as CompanyModel
from .model import ContactPolicy, GraphDocument, Group, Person, Position, Tie
from .stores.compact import Floats, Ints
from .stores.memory import MemoryStore

_SYLLABLES = [
    "ar",
    "bel",
    "cor",
    "dan",
    "el",
    "fen",
    "gal",
    "hal",
    "ix",
    "jun",
    "kel",
    "lum",
    "mar",
    "nov",
    "or",
    "pax",
    "quin",
    "ros",
    "sol",
    "tav",
    "ul",
    "ven",
    "wex",
    "yar",
    "zen",
    "bri",
    "cla",
    "dro",
    "fla",
    "gre",
]
_SUFFIXES = ["Labs", "Inc", "Systems", "Health", "Capital", "Media", "Works", "AI", "Group", ""]
_TITLES = [
    "Software Engineer",
    "Senior Software Engineer",
    "Product Manager",
    "Product Designer",
    "Data Scientist",
    "Engineering Manager",
    "Marketing Manager",
    "Sales Executive",
    "Account Executive",
    "Customer Success Manager",
    "UX Researcher",
    "Designer",
    "Head of Product",
    "Staff Engineer",
    "Analyst",
    "Operations Manager",
]
FIRST_NAMES = [
    "Alex",
    "Sam",
    "Dana",
    "Jordan",
    "Priya",
    "Wei",
    "Lena",
    "Omar",
    "Chloe",
    "Mateo",
    "Aisha",
    "Yuki",
    "Noah",
    "Ines",
    "Kofi",
    "Sara",
]
LAST_NAMES = [
    "Reyes",
    "Chen",
    "Novak",
    "Okafor",
    "Silva",
    "Kim",
    "Larsen",
    "Haddad",
    "Rossi",
    "Patel",
    "Müller",
    "Dubois",
    "Ito",
    "Berg",
]


@dataclass
class SyntheticNetwork:
    """A generated network in columns (ties index into ``people``)."""

    people: list[Person]
    companies: list[CompanyModel]
    groups: list[Group]
    a: Ints
    b: Ints
    trust: Floats
    familiarity: Floats
    team: list[str] = field(default_factory=list)

    @property
    def me(self) -> str:
        """The first team member: someone with a large network."""
        return self.team[0] if self.team else self.people[0].id

    def store(self) -> MemoryStore:
        return MemoryStore.from_columns(
            self.people,
            self.a,
            self.b,
            self.trust,
            self.familiarity,
            companies=self.companies,
            groups=self.groups,
            me=self.me,
            description="synthetic network",
        )

    def document(self) -> GraphDocument:
        """As a graph document (validated; meant for small networks)."""
        ids = [p.id for p in self.people]
        ties = [
            Tie(a=ids[i], b=ids[j], trust=float(t), familiarity=float(f))
            for i, j, t, f in zip(
                self.a.tolist(),
                self.b.tolist(),
                self.trust.tolist(),
                self.familiarity.tolist(),
                strict=True,
            )
        ]
        return GraphDocument.model_validate(
            {
                "me": self.me,
                "people": [p.model_dump() for p in self.people],
                "companies": [c.model_dump() for c in self.companies],
                "groups": [g.model_dump() for g in self.groups],
                "ties": [t.model_dump() for t in ties],
            }
        )


def generate(
    people: int = 2_000,
    ties: int = 20_000,
    *,
    seed: int = 0,
    team: int = 10,
    team_ties: tuple[int, int] = (500, 3_000),
) -> SyntheticNetwork:
    """Generate a network of ``people`` people and (about) ``ties`` ties.

    ``team`` members get between ``team_ties[0]`` and ``team_ties[1]`` ties
    each (capped by the network size). The tie count is exact unless the
    network is too small to hold that many distinct pairs.
    """
    if people < 2:
        raise ValueError("a network needs at least two people")
    rng = np.random.default_rng(seed)
    n = people
    n_companies = max(3, n // 80)
    n_schools = max(2, n // 400)
    company_names = _names(rng, n_companies)
    current = _zipf_choice(rng, n_companies, n)
    past = np.where(rng.random(n) < 0.4, _zipf_choice(rng, n_companies, n), -1)
    school = np.where(rng.random(n) < 0.7, _zipf_choice(rng, n_schools, n), -1)
    activity = rng.pareto(2.0, n) + 1.0
    team = min(team, n)
    team_members = rng.choice(n, size=team, replace=False) if team else np.zeros(0, np.int64)

    budget = int(ties * 1.25) + 16
    parts = [
        _within(rng, current, activity, int(budget * 0.35), 0),
        _within(rng, past, activity, int(budget * 0.10), 0),
        _within(rng, school, activity, int(budget * 0.15), 1),
        _preferential(rng, activity, int(budget * 0.30)),
    ]
    team_sizes = rng.integers(team_ties[0], team_ties[1] + 1, size=team)
    for member, size in zip(team_members.tolist(), team_sizes.tolist(), strict=True):
        others = _sample(rng, activity, min(int(size), n - 1))
        parts.append((np.full(len(others), member, dtype=np.int64), others, 3))
    if team > 1:
        left, right = np.triu_indices(team, 1)
        parts.append((team_members[left], team_members[right], 4))
    a, b, kind = _dedupe(rng, parts, n, ties)
    trust, familiarity = _strengths(rng, kind)

    policy_draw = rng.random(n)
    titles = rng.integers(0, len(_TITLES), n)
    role_draw = rng.random(n)
    first = rng.integers(0, len(FIRST_NAMES), n)
    last = rng.integers(0, len(LAST_NAMES), n)
    width = len(str(n - 1))
    persons: list[Person] = []
    for i in range(n):
        positions = [
            Position.model_construct(
                company=company_names[current[i]], title=_TITLES[titles[i]], current=True
            )
        ]
        if past[i] >= 0 and past[i] != current[i]:
            positions.append(
                Position.model_construct(company=company_names[past[i]], current=False)
            )
        recruiter = bool(role_draw[i] < 0.02)
        if recruiter:
            positions[0] = Position.model_construct(
                company=company_names[current[i]], title="Technical Recruiter", current=True
            )
        persons.append(
            Person.model_construct(
                id=f"p{i:0{width}d}",
                name=f"{FIRST_NAMES[first[i]]} {LAST_NAMES[last[i]]}",
                contact_policy=_policy(float(policy_draw[i])),
                recruiter=recruiter,
                hiring_manager=bool(0.02 <= role_draw[i] < 0.05),
                positions=positions,
                groups=[],
                sources=[],
                headline=None,
                email=None,
                profile_url=None,
            )
        )
    for member in team_members.tolist():
        persons[member].contact_policy = ContactPolicy.OPEN
    groups = [
        Group(
            id=f"school{s}",
            name=f"{company_names[s % n_companies].split()[0]} University",
            kind="school",
            members=[persons[i].id for i in np.flatnonzero(school == s).tolist()],
        )
        for s in range(n_schools)
    ]
    return SyntheticNetwork(
        people=persons,
        companies=[CompanyModel(name=name) for name in company_names],
        groups=groups,
        a=a,
        b=b,
        trust=trust,
        familiarity=familiarity,
        team=[persons[i].id for i in team_members.tolist()],
    )


def _policy(draw: float) -> ContactPolicy:
    if draw < 0.85:
        return ContactPolicy.OPEN
    if draw < 0.93:
        return ContactPolicy.PREFERS_EMAIL
    if draw < 0.98:
        return ContactPolicy.NO_STRANGERS
    return ContactPolicy.DO_NOT_CONTACT


def _names(rng: np.random.Generator, count: int) -> list[str]:
    from .companies import company_key

    names: list[str] = []
    keys: set[str] = set()
    while len(names) < count:
        parts = rng.choice(_SYLLABLES, size=int(rng.integers(2, 4)))
        stem = "".join(parts).capitalize()
        suffix = _SUFFIXES[int(rng.integers(0, len(_SUFFIXES)))]
        name = f"{stem} {suffix}".strip()
        if company_key(name) not in keys and company_key(stem) not in keys:
            keys.update({company_key(name), company_key(stem)})
            names.append(name)
    return names


def _zipf_choice(rng: np.random.Generator, count: int, size: int) -> Ints:
    weights = 1.0 / np.arange(1, count + 1) ** 1.1
    return rng.choice(count, size=size, p=weights / weights.sum())


def _sample(rng: np.random.Generator, activity: Floats, size: int) -> Ints:
    p = activity / activity.sum()
    return rng.choice(len(activity), size=size, p=p)


def _within(
    rng: np.random.Generator, label: Ints, activity: Floats, count: int, kind: int
) -> tuple[Ints, Ints, int]:
    """Ties between people sharing a label (employer or school), by activity."""
    members = np.flatnonzero(label >= 0)
    if len(members) < 2 or count <= 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), kind
    order = members[np.argsort(label[members], kind="stable")]
    labels = label[order]
    starts = np.searchsorted(labels, labels, side="left")
    stops = np.searchsorted(labels, labels, side="right")
    p = activity[order] / activity[order].sum()
    pick = rng.choice(len(order), size=count, p=p)
    other = starts[pick] + (rng.random(count) * (stops[pick] - starts[pick])).astype(np.int64)
    return order[pick], order[other], kind


def _preferential(rng: np.random.Generator, activity: Floats, count: int) -> tuple[Ints, Ints, int]:
    return _sample(rng, activity, count), _sample(rng, activity, count), 2


def _dedupe(
    rng: np.random.Generator, parts: list[tuple[Ints, Ints, int]], n: int, wanted: int
) -> tuple[Ints, Ints, Ints]:
    """Distinct pairs, ``wanted`` of them; team ties are always kept."""
    a = np.concatenate([p[0] for p in parts]).astype(np.int64)
    b = np.concatenate([p[1] for p in parts]).astype(np.int64)
    kind = np.concatenate([np.full(len(p[0]), p[2], dtype=np.int64) for p in parts])
    keep = a != b
    lo, hi, kind = np.minimum(a, b)[keep], np.maximum(a, b)[keep], kind[keep]
    by_kind = np.argsort(-kind, kind="stable")  # the strongest kind of a pair wins
    _, first = np.unique((lo * n + hi)[by_kind], return_index=True)
    chosen = by_kind[first]
    team = chosen[kind[chosen] >= 3]
    rest = chosen[kind[chosen] < 3]
    room = max(0, wanted - len(team))
    if len(rest) > room:
        rest = rng.choice(rest, size=room, replace=False)
    chosen = np.sort(np.concatenate([team, rest]))
    return lo[chosen], hi[chosen], kind[chosen]


def _strengths(rng: np.random.Generator, kind: Ints) -> tuple[Floats, Floats]:
    """Trust and familiarity by tie kind: colleagues, classmates, met, team."""
    shapes = {0: (4, 2, 3, 3), 1: (3, 3, 2, 4), 2: (2, 5, 2, 5), 3: (3, 3, 3, 3), 4: (8, 2, 8, 2)}
    trust = np.empty(len(kind))
    familiarity = np.empty(len(kind))
    for code, (ta, tb, fa, fb) in shapes.items():
        mask = kind == code
        count = int(mask.sum())
        trust[mask] = np.round(rng.beta(ta, tb, count), 3)
        familiarity[mask] = np.round(rng.beta(fa, fb, count), 3)
    return trust, familiarity
