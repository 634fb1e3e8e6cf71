"""The planner: whom to ask for an introduction to someone at a company, and why.

It resolves the company, picks the targets and their weights, asks the store
to search, and explains what comes back. It never knows which store it talks
to (see :class:`intropath.stores.base.Store`).
"""

from __future__ import annotations

import os
import shlex
from dataclasses import dataclass, field

from .companies import CompanyIndex
from .errors import IntropathError, PersonNotFound
from .model import ContactPolicy, EvidenceLevel, Person
from .outreach.current import load_etiquette
from .outreach.rules import Etiquette, Review
from .results import (
    Ask,
    CompanyRef,
    Detour,
    EtiquetteReport,
    Fallbacks,
    Hop,
    PathResult,
    PersonRef,
    Plan,
    Settings,
    SharedEmployer,
    SharedGroup,
    Target,
    WeakestLink,
)
from .scoring import (
    MAX_HOPS_LIMIT,
    MAX_TOP,
    HopKind,
    Weights,
    hop_factor,
    hop_kinds,
    openness,
    role_match,
)
from .stores.base import FoundPath, SearchQuery, Store
from .strength import level_of, weakest_level


class InvalidQuery(IntropathError):
    """A planning option outside its allowed range."""


@dataclass(frozen=True)
class _Context:
    store: Store
    me: Person
    company_key: str
    index: CompanyIndex
    role: str | None
    weights: Weights
    refs: dict[str, PersonRef] = field(default_factory=dict)
    # Results are frozen, so paths that share a hop or a target share its object:
    # a plan may explain hundreds of detours through the same few people.
    hops: dict[tuple[HopKind, str, str], Hop] = field(default_factory=dict)
    targets: dict[str, Target] = field(default_factory=dict)

    def ref(self, person_id: str) -> PersonRef:
        known = self.refs.get(person_id)
        if known is None:
            known = self.refs[person_id] = _ref(self.store.person(person_id))
        return known

    def hop(self, kind: HopKind, a: str, b: str) -> Hop:
        known = self.hops.get((kind, a, b))
        if known is None:
            known = self.hops[kind, a, b] = _hop(self, kind, a, b)
        return known

    def target(self, person_id: str) -> Target:
        known = self.targets.get(person_id)
        if known is None:
            known = self.targets[person_id] = _target(self, person_id)
        return known


def plan(
    store: Store | str | os.PathLike[str],
    company: str,
    *,
    me: str | None = None,
    role: str | None = None,
    top: int = 5,
    max_hops: int = 3,
    trust_weight: float = 1.0,
    familiarity_weight: float = 1.0,
    etiquette: Etiquette | bool = True,
    asks: int | None = None,
) -> Plan:
    """Find whom to ask for an introduction to someone at ``company``.

    Parameters
    ----------
    store
        A store (see :func:`intropath.load`) or the path of a graph file.
    company
        The company as the user types it: case, punctuation, legal suffixes,
        a leading "The" and aliases do not matter.
    me
        Who is asking; defaults to the graph's ``me``.
    role
        A role or team; targets whose title matches it score higher.
    top
        How many paths to list overall.
    max_hops
        The longest path, in ties (1 to 6).
    trust_weight, familiarity_weight
        Exponents on trust and familiarity (0 ignores a number, 2 stresses it).
    etiquette
        Rules and past asks (see :mod:`intropath.outreach`): contacts in
        cooldown or with an open ask are skipped, hiring managers are routed
        around, and every change is explained in ``Plan.etiquette``. By default
        (``True``) the configured rules and the asks logged so far, as of today,
        exactly as ``intropath find`` applies them; an :class:`Etiquette` to use
        other rules, asks or day; ``False`` to plan without any etiquette.
    asks
        How many asks to list and explain, best first (``None``: every contact
        who can help); the others are counted in ``Plan.more_asks``. The CLI's
        table shows 15, so it asks for no more.

    Raises
    ------
    AmbiguousCompany, UnknownCompany, PersonNotFound, InvalidQuery

    Examples
    --------
    >>> from intropath import load, plan, sample_graph_path
    >>> result = plan(load(sample_graph_path()), "Muse")
    >>> result.company.name
    'The Muse'
    """
    if isinstance(store, str | os.PathLike):
        from . import load

        store = load(store)
    if not company.strip():
        raise InvalidQuery("the company name is empty")
    if not 1 <= max_hops <= MAX_HOPS_LIMIT:
        raise InvalidQuery(f"max hops must be between 1 and {MAX_HOPS_LIMIT}, got {max_hops}")
    if not 1 <= top <= MAX_TOP:
        raise InvalidQuery(f"top must be between 1 and {MAX_TOP}, got {top}")
    if asks is not None and asks < 1:
        raise InvalidQuery(f"asks must be at least 1, got {asks}")
    try:
        weights = Weights(trust_weight, familiarity_weight)
    except ValueError as exc:
        raise InvalidQuery(str(exc)) from None
    me_person = resolve_me(store, me)
    rules: Etiquette | None = (
        load_etiquette(store=store) if etiquette is True else etiquette or None
    )
    key = store.companies_for([company]).resolve(company)
    employees = store.employees(key)
    # Every company a position of theirs or mine names, for key_of.
    named = {p.company for person in (me_person, *employees) for p in person.positions}
    index = store.companies_for([company, *named])
    ctx = _Context(store, me_person, key, index, role or None, weights)

    current = [p for p in employees if _works_there(ctx, p)]
    eligible = [
        p
        for p in current
        if p.id != me_person.id and p.contact_policy is not ContactPolicy.DO_NOT_CONTACT
    ]
    review = Review()
    if rules is not None:
        review = rules.review(me_person.id, eligible, store.person, store.tie)
    there = {p.id for p in eligible}
    targets = {
        p.id: openness(p) * role_match(ctx.role, p) for p in eligible if p.id not in review.avoid
    }
    found = store.search(
        SearchQuery(
            me=me_person.id,
            targets=targets,
            max_hops=max_hops,
            weights=weights,
            top=top,
            skip_contacts=frozenset(review.skip_contacts),
            avoid=frozenset(review.avoid),
            skip_pairs=frozenset(review.skip_pairs),
            asks=asks,
        )
    )
    listed = found.asks if asks is None else found.asks[:asks]
    explained = [
        Ask.model_construct(
            contact=a.contact,
            name=ctx.ref(a.contact).name,
            action="referral" if len(a.best.people) == 2 else "introduction",
            reach=a.reach,
            best_path=(best := _explain(ctx, a.best)),
            level=best.level,
            history=review.history.get(a.contact),
        )
        for a in listed
    ]
    detours = [
        Detour.model_construct(
            contact=d.contact,
            name=ctx.ref(d.contact).name,
            through=ctx.ref(d.through),
            reason=f"every way in through {ctx.ref(d.contact).name} goes on through "
            f"{ctx.ref(d.through).name}, your own contact: ask {ctx.ref(d.through).name} directly",
            path=_explain(ctx, d.best),
        )
        for d in found.detours
    ]
    report = None
    if rules is not None:
        skipped = [
            *review.avoid.values(),
            *(
                f"{ctx.ref(c).name} is marked do-not-ask: never the one asked"
                for c in found.not_asked
            ),
            *review.skip_contacts.values(),
            *(why for (_, t), why in review.skip_pairs.items() if t in there),
        ]
        report = EtiquetteReport(
            as_of=rules.today,
            skipped=skipped,
            notes=review.notes,
            over_budget=review.over_budget,
            reasons={
                **{c: f"{ctx.ref(c).name} is marked do-not-ask" for c in found.not_asked},
                **review.skip_contacts,
                **review.avoid,
            },
            closed=review.closed,
        )
    known = index.companies[key]
    return Plan(
        graph=store.description,
        me=_ref(me_person),
        company=CompanyRef(key=key, name=known.name, aliases=list(known.aliases), query=company),
        settings=Settings(
            role=ctx.role,
            max_hops=max_hops,
            top=top,
            trust_weight=trust_weight,
            familiarity_weight=familiarity_weight,
        ),
        targets=len(targets),
        asks=explained,
        more_asks=found.more_asks + len(found.asks) - len(listed),
        detours=detours,
        paths=[_explain(ctx, p) for p in found.paths],
        no_path=not found.asks,
        fallbacks=_fallbacks(ctx, employees, current, eligible),
        etiquette=report,
        evidence_note=evidence_note(explained, known.name),
    )


TOP_ASKS = 5
"""How many of the best asks the evidence note looks at."""


def evidence_note(asks: list[Ask], company: str) -> str | None:
    """Plain words when the best ask rests on nothing but a connection, else None."""
    if not asks or asks[0].level is not EvidenceLevel.CONNECTED:
        return None
    top = asks[:TOP_ASKS]
    bare = sum(a.level is EvidenceLevel.CONNECTED for a in top)
    which = "The best ask rests" if len(top) == 1 else f"{bare} of the top {len(top)} asks rest"
    return (
        f"{which} on 'connected only' (nothing recorded but the connection), so their order "
        "mostly reflects how long people have been connected. Rate the ties you know: "
        f"intropath ratings template --company {shlex.quote(company)}"
    )


def resolve_me(store: Store, me: str | None) -> Person:
    """Who is asking: ``me``, else the graph's owner; raises if neither is known."""
    me_id = me or store.owner
    if not me_id:
        raise InvalidQuery("no 'me' is set: pass --me ID, or set \"me\" in the graph file")
    try:
        return store.person(me_id)
    except PersonNotFound:
        raise PersonNotFound(me_id, "me:") from None


def _works_there(ctx: _Context, person: Person) -> bool:
    return any(ctx.index.key_of(p.company) == ctx.company_key for p in person.current_positions)


def _ref(person: Person) -> PersonRef:
    return PersonRef.model_construct(
        id=person.id, name=person.name, title=person.title, contact_policy=person.contact_policy
    )


def _explain(ctx: _Context, found: FoundPath) -> PathResult:
    # Results are built with model_construct: the store's data is already
    # validated, and a plan may explain hundreds of paths.
    ids = found.people
    hops = [
        ctx.hop(kind, a, b)
        for kind, a, b in zip(hop_kinds(len(ids) - 1), ids[:-1], ids[1:], strict=True)
    ]
    weakest = min(range(len(hops)), key=lambda i: (hops[i].factor, i))
    return PathResult.model_construct(
        people=list(ids),
        score=found.score,
        hops=hops,
        target=ctx.target(ids[-1]),
        weakest_link=WeakestLink.model_construct(
            index=weakest, factor=hops[weakest].factor, reason=hops[weakest].reason()
        ),
        level=weakest_level(h.level for h in hops),
    )


def _hop(ctx: _Context, kind: HopKind, a: str, b: str) -> Hop:
    tie = ctx.store.tie(a, b)
    if tie is None:  # a store returned a path over a tie it does not hold
        raise IntropathError(f"store returned a path over a missing tie {a} - {b}")
    return Hop.model_construct(
        source=ctx.ref(a),
        target=ctx.ref(b),
        kind=kind,
        trust=tie.trust,
        familiarity=tie.familiarity,
        factor=hop_factor(kind, tie.trust, tie.familiarity, ctx.weights),
        evidence=tie.evidence,
        level=level_of(tie.evidence),
    )


def _target(ctx: _Context, person_id: str) -> Target:
    end = ctx.store.person(person_id)
    open_, match = openness(end), role_match(ctx.role, end)
    title = next(
        (p.title for p in end.current_positions if ctx.index.key_of(p.company) == ctx.company_key),
        end.title,
    )
    return Target.model_construct(
        id=end.id,
        name=end.name,
        title=title,
        contact_policy=end.contact_policy,
        email=end.email,
        recruiter=end.recruiter,
        hiring_manager=end.hiring_manager,
        openness=open_,
        role_match=match,
        weight=open_ * match,
    )


def _fallbacks(
    ctx: _Context, employees: list[Person], current: list[Person], reachable: list[Person]
) -> Fallbacks:
    """Other ways in: ``reachable`` are the current employees who may be approached."""
    there = {p.id for p in reachable}
    groups = [
        SharedGroup(
            id=g.id, name=g.name, kind=g.kind, people=[ctx.ref(m) for m in sorted(g.members)]
        )
        for g in sorted(ctx.store.shared_groups(ctx.me.id, there), key=lambda g: g.id)
    ]
    mine = {ctx.index.key_of(p.company) for p in ctx.me.positions} - {ctx.company_key, None}
    employers = []
    for key in sorted(k for k in mine if k):
        people = [
            _ref(p)
            for p in reachable
            if any(ctx.index.key_of(pos.company) == key for pos in p.positions)
        ]
        if people:
            employers.append(SharedEmployer(company=ctx.index.companies[key].name, people=people))
    still_there = {p.id for p in current}
    alumni = [
        _ref(p)
        for p in employees
        if p.id not in still_there
        and p.id != ctx.me.id
        and p.contact_policy is not ContactPolicy.DO_NOT_CONTACT
        and ctx.store.tie(ctx.me.id, p.id) is not None
    ]
    return Fallbacks(
        shared_groups=groups,
        former_employers=employers,
        alumni_you_know=alumni,
        recruiters=[_ref(p) for p in reachable if p.recruiter],
    )
