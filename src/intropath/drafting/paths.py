"""Which of the planner's paths a draft is for, and which kinds of draft fit it."""

from __future__ import annotations

from ..model import ContactPolicy
from ..results import PathResult, PersonRef, Plan
from .errors import DraftError
from .models import Kind


def candidate_paths(plan: Plan) -> list[PathResult]:
    """Every path the plan holds (each contact's best, then the top paths), best first."""
    seen: dict[tuple[str, ...], PathResult] = {}
    for path in [*(a.best_path for a in plan.asks), *plan.paths]:
        seen.setdefault(tuple(path.people), path)
    return sorted(seen.values(), key=lambda p: (-p.score, len(p.people), p.people))


def matches(person: PersonRef, query: str) -> bool:
    """Is ``query`` this person's id or full name (case does not matter)?"""
    wanted = " ".join(query.split()).casefold()
    return person.id == query or person.name.casefold() == wanted


def choose_path(plan: Plan, via: str | None = None, to: str | None = None) -> PathResult:
    """The best path through contact ``via`` to ``to`` (either may be None).

    With neither, the best path whose first contact may be contacted.

    Raises
    ------
    DraftError
        The plan has no path, or none through ``via`` to ``to``.
    """
    paths = candidate_paths(plan)
    if not paths:
        raise DraftError(
            f"no path to anyone at {plan.company.name} within {plan.settings.max_hops} hops; "
            "run `intropath find` for other ways in"
        )
    chosen = [
        p
        for p in paths
        if (via is None or matches(p.hops[0].target, via))
        and (to is None or matches(p.hops[-1].target, to))
    ]
    if not chosen:
        raise DraftError(_no_such_path(plan, paths, via, to))
    if via is None:
        reachable = [p for p in chosen if _contactable(p)]
        if reachable:
            return reachable[0]
    path = chosen[0]
    if not _contactable(path):
        raise DraftError(
            f"{path.hops[0].target.name} asked not to be contacted; choose another contact "
            "with --via"
        )
    return path


def default_kind(path: PathResult) -> Kind:
    """A referral when the target is your own contact, else an introduction request."""
    return Kind.REFERRAL if len(path.hops) == 1 else Kind.REQUEST


def check_kind(kind: Kind, path: PathResult) -> None:
    """Refuse a kind of draft that does not fit the path."""
    contact = path.hops[0].target
    if kind is Kind.REQUEST and len(path.hops) == 1:
        raise DraftError(
            f"{contact.name} works there and is your own contact: ask for a referral "
            "(--kind referral) rather than an introduction"
        )
    if kind is Kind.BLURB and len(path.hops) == 1:
        raise DraftError(
            f"a forwardable blurb is for introductions, and {contact.name} is your own contact "
            "there: use --kind referral"
        )
    if kind is Kind.REFERRAL and len(path.hops) > 1:
        raise DraftError(
            f"{contact.name} does not work there; a referral is for your own contacts at the "
            "company: use --kind request to ask for an introduction"
        )


def _contactable(path: PathResult) -> bool:
    return path.hops[0].target.contact_policy is not ContactPolicy.DO_NOT_CONTACT


def _no_such_path(plan: Plan, paths: list[PathResult], via: str | None, to: str | None) -> str:
    parts = [f"via {via!r}" if via else "", f"to {to!r}" if to else ""]
    contacts = sorted({p.hops[0].target.name for p in paths})
    targets = sorted({p.hops[-1].target.name for p in paths})
    hint = f"contacts: {', '.join(contacts)}" if via else f"people: {', '.join(targets)}"
    return (
        f"no path {' '.join(x for x in parts if x)} to {plan.company.name} among the "
        f"planner's paths ({hint})"
    )
