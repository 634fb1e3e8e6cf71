"""Why a draft cannot go through the contact (``--via``) or to the person (``--to``) asked for."""

from __future__ import annotations

from ..errors import PersonNotFound
from ..model import ContactPolicy, Person
from ..people import find_person
from ..results import Plan
from ..stores.base import Store
from .errors import DraftError
from .models import Kind


def check_choice(
    plan: Plan, store: Store, via: str | None, to: str | None, kind: Kind | None
) -> None:
    """Raise a :class:`DraftError` that says why, when ``via`` or ``to`` cannot be drafted for.

    Says nothing (returns) when the people are fine as far as the rules go; the
    path search may still find no path, which ``choose_path`` reports.
    """
    pool = _people(plan, store)
    report = plan.etiquette
    reasons = report.reasons if report is not None else {}
    for query, role in ((via, "via"), (to, "to")):
        if query is None:
            continue
        try:
            person = find_person(pool, query)
        except PersonNotFound as exc:
            hint = f"; did you mean {', '.join(exc.suggestions)}?" if exc.suggestions else ""
            raise DraftError(
                f"nobody called {query!r} among the people of the plan for {plan.company.name} "
                f"(--{role}){hint}"
            ) from None
        if role == "via" and kind is Kind.FOLLOWUP and report and person.id in report.closed:
            raise DraftError(f"{report.closed[person.id]}; no follow-up on a closed ask")
        if person.contact_policy is ContactPolicy.DO_NOT_CONTACT:
            raise DraftError(
                f"{person.name} is marked do-not-contact: never asked and never on a path "
                "(intropath person set to change it)"
            )
        if person.id in reasons:
            raise DraftError(f"{reasons[person.id]} (--no-etiquette drafts without the rules)")
        detour = next((d for d in plan.detours if d.contact == person.id), None)
        if role == "via" and detour is not None:
            raise DraftError(
                f"{person.name}'s way in goes through {detour.through.name}, whom you know "
                f"yourself: ask {detour.through.name} directly (--via {detour.through.id})"
            )
        if role == "via" and person.do_not_ask:
            raise DraftError(f"{person.name} is marked do-not-ask: never the one asked")


def _people(plan: Plan, store: Store) -> list[Person]:
    """Everyone a draft for this plan could name: the company's people, and the plan's."""
    ids = {p.id for p in store.employees(plan.company.key)}
    for path in [*(a.best_path for a in plan.asks), *plan.paths, *(d.path for d in plan.detours)]:
        ids.update(path.people)
    if plan.etiquette is not None:
        ids.update(plan.etiquette.reasons)
    ids.discard(plan.me.id)
    people = []
    for person_id in sorted(ids):
        try:
            people.append(store.person(person_id))
        except PersonNotFound:  # an ask log naming someone of another graph
            continue
    return people
