"""An introduction that happened becomes evidence on the ties involved.

When an ask ends ``introduced``, the contact who made the introduction has
shown they vouch for the user, and the user now knows the target. We add an
``introduction`` evidence item to the tie user-contact and to the tie
contact-target, create the tie user-target if there was none, and recompute
each tie's numbers with the strength model, never lowering them.
"""

from __future__ import annotations

from datetime import date

from ..model import Evidence, EvidenceKind, GraphDocument, Tie
from ..strength import score
from .log import AskRecord


def _tie(document: GraphDocument, a: str, b: str) -> Tie | None:
    return next((t for t in document.ties if {t.a, t.b} == {a, b}), None)


def record_introduction(document: GraphDocument, ask: AskRecord, on: date) -> list[Tie]:
    """Add the evidence of ``ask``'s introduction to ``document``; return the ties changed."""
    from ..settings import load_settings  # settings import this package

    params = load_settings().strength
    names = {p.id: p.name for p in document.people}
    via, target = names.get(ask.via, ask.via), names.get(ask.target, ask.target)
    notes = {
        (ask.me, ask.via): f"{via} introduced you to {target}",
        (ask.via, ask.target): f"{via} introduced {target} to {names.get(ask.me, ask.me)}",
        (ask.me, ask.target): f"introduced by {via}",
    }
    changed: list[Tie] = []
    for (a, b), detail in notes.items():
        if a == b:  # a direct referral: the contact is the target
            continue
        tie = _tie(document, a, b)
        if tie is None:
            tie = Tie(a=a, b=b, trust=0.0, familiarity=0.0)
            document.ties.append(tie)
        evidence = Evidence(
            kind=EvidenceKind.INTRODUCTION,
            at=ask.company,
            detail=detail,
            since=on.isoformat(),
            source="outreach",
        )
        if any(e.kind is evidence.kind and e.detail == detail for e in tie.evidence):
            continue  # recording the same outcome twice changes nothing
        tie.evidence.append(evidence)
        strength = score(tie.evidence, params, as_of=on)
        tie.trust = max(tie.trust, strength.trust)
        tie.familiarity = max(tie.familiarity, strength.familiarity)
        changed.append(tie)
    return changed
