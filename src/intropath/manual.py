"""What the user knows and says: ratings, notes, contact policies and flags.

Manual data is evidence with source ``manual`` (a ``rating`` overrides the
strength model's number) and person fields no importer writes
(``contact_policy``, ``recruiter``, ``hiring_manager``), so re-importing a
newer export keeps all of it.

>>> from intropath.model import GraphDocument, Person
>>> doc = GraphDocument(me="me", people=[Person(id="me", name="Me"),
...                                      Person(id="dana", name="Dana Reyes")])
>>> tie = set_tie(doc, "Dana Reyes", trust=0.9, note="same team for 3 years")
>>> tie.trust, sorted([tie.a, tie.b])
(0.9, ['dana', 'me'])
"""

from __future__ import annotations

import csv
import io
import math
import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from . import people
from .errors import AmbiguousPerson, InvalidRating, PersonNotFound
from .importers.csvutil import Row, read_file, read_table
from .importers.report import ImportReport
from .model import (
    ContactPolicy,
    Evidence,
    EvidenceKind,
    EvidenceLevel,
    GraphDocument,
    Person,
    Tie,
)
from .strength import DEFAULT_PARAMS, StrengthParams, TieStrength, score
from .terminal import clean

if TYPE_CHECKING:
    from .results import Plan

MANUAL = "manual"
"""The source of everything the user enters by hand."""


def find_person(document: GraphDocument, query: str) -> Person:
    """A person of ``document`` by id, profile URL, email or name (see :mod:`people`)."""
    return people.find_person(document.people, query)


def _check(name: str, value: float | None) -> None:
    if value is not None and not (math.isfinite(value) and 0 <= value <= 1):
        raise InvalidRating(f"{name} must be between 0 and 1, got {value}")


def set_tie(
    document: GraphDocument,
    person: str,
    *,
    other: str | None = None,
    trust: float | None = None,
    familiarity: float | None = None,
    note: str | None = None,
    params: StrengthParams = DEFAULT_PARAMS,
    as_of: date | None = None,
) -> Tie:
    """Rate the tie between ``person`` and ``other`` (default: me), or add a note.

    A rating overrides the model's number; setting only one number keeps the
    other from an earlier rating. The tie is created if it does not exist.
    The note is stored without terminal control characters.
    """
    note = clean(note) if note else note
    _check("trust", trust)
    _check("familiarity", familiarity)
    a = find_person(document, person).id
    b = find_person(document, other).id if other else document.me
    if b is None:
        raise InvalidRating("the graph has no 'me'; name the other person of the tie")
    if a == b:
        raise InvalidRating("a tie joins two different people")
    today = (as_of or date.today()).isoformat()
    tie = next((t for t in document.ties if {t.a, t.b} == {a, b}), None)
    evidence = list(tie.evidence) if tie else []
    if trust is not None or familiarity is not None:
        old = next(
            (e for e in reversed(evidence) if e.kind is EvidenceKind.RATING and e.source == MANUAL),
            None,
        )
        rating = Evidence(
            kind=EvidenceKind.RATING,
            trust=_keep(trust, old.trust if old else None),
            familiarity=_keep(familiarity, old.familiarity if old else None),
            detail=note or (old.detail if old else None),
            since=today,
            source=MANUAL,
        )
        evidence = [e for e in evidence if e is not old] + [rating]
    elif note:
        evidence.append(Evidence(kind=EvidenceKind.NOTE, detail=note, since=today, source=MANUAL))
    strength = score(evidence, params, as_of)
    ends = (tie.a, tie.b) if tie else (b, a)
    new = Tie(
        a=ends[0],
        b=ends[1],
        trust=strength.trust,
        familiarity=strength.familiarity,
        evidence=evidence,
    )
    if tie is None:
        document.ties.append(new)
    else:
        document.ties[document.ties.index(tie)] = new
    return new


def _keep(new: float | None, old: float | None) -> float | None:
    return new if new is not None else old


def set_person(
    document: GraphDocument,
    person: str,
    *,
    policy: ContactPolicy | str | None = None,
    recruiter: bool | None = None,
    hiring_manager: bool | None = None,
    email: str | None = None,
) -> Person:
    """Set a person's contact policy and flags (imports never change these)."""
    found = find_person(document, person)
    if policy is not None:
        found.contact_policy = _policy(policy)
    if recruiter is not None:
        found.recruiter = recruiter
    if hiring_manager is not None:
        found.hiring_manager = hiring_manager
    if email:
        found.email = email.strip()
    return found


def _policy(value: ContactPolicy | str) -> ContactPolicy:
    try:
        return ContactPolicy(str(value).strip().lower().replace("-", "_"))
    except ValueError:
        choices = ", ".join(p.value for p in ContactPolicy)
        raise InvalidRating(f"contact policy {value!r} is not one of {choices}") from None


def import_ratings(
    document: GraphDocument,
    path: str | os.PathLike[str],
    *,
    params: StrengthParams = DEFAULT_PARAMS,
    as_of: date | None = None,
) -> ImportReport:
    """Apply a CSV of ratings and flags; bad rows are reported with their line and skipped.

    A bad row changes nothing: its values are all checked before any is applied.

    Columns (by name, any order; only ``person`` is required): ``person`` (an
    id, name, email or profile URL), ``with`` (default: me), ``trust``,
    ``familiarity``, ``note``, ``policy``, ``recruiter``, ``hiring_manager``.
    """
    path = Path(path)
    report = ImportReport(source=str(path))
    table = read_table(read_file(path, report), str(path), ["person"], report)
    for row in table.rows:
        try:
            _apply_row(document, row, params, as_of)
        except (PersonNotFound, AmbiguousPerson, InvalidRating) as exc:
            report.skip(table.where, row.line, str(exc))
            continue
        report.counts["rows applied"] += 1
    return report


def _apply_row(
    document: GraphDocument, row: Row, params: StrengthParams, as_of: date | None
) -> None:
    person = row.get("person", "id", "name")
    trust, familiarity = _number(row, "trust"), _number(row, "familiarity")
    _check("trust", trust)
    _check("familiarity", familiarity)
    recruiter = _flag(row, "recruiter")
    hiring = _flag(row, "hiringmanager")
    person = find_person(document, person).id
    policy_text = row.get("policy", "contactpolicy")
    policy = _policy(policy_text) if policy_text else None
    note = row.get("note") or None
    # Every value is checked by now; set_tie checks the rest before it changes
    # anything, and set_person cannot fail, so a bad row is never half applied.
    if trust is not None or familiarity is not None or note:
        set_tie(
            document,
            person,
            other=row.get("with") or None,
            trust=trust,
            familiarity=familiarity,
            note=note,
            params=params,
            as_of=as_of,
        )
    set_person(document, person, policy=policy, recruiter=recruiter, hiring_manager=hiring)


def _number(row: Row, column: str) -> float | None:
    text = row.get(column)
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise InvalidRating(f"{column} {text!r} is not a number") from None


def _flag(row: Row, column: str) -> bool | None:
    text = row.get(column).casefold()
    if not text:
        return None
    if text in ("yes", "y", "true", "1", "x"):
        return True
    if text in ("no", "n", "false", "0"):
        return False
    raise InvalidRating(f"{column} {text!r} is not yes or no")


def explain(
    document: GraphDocument,
    person: str,
    *,
    params: StrengthParams = DEFAULT_PARAMS,
    as_of: date | None = None,
) -> tuple[Person, list[tuple[Tie, TieStrength]]]:
    """A person and each of their ties with the reasoning behind its numbers.

    Ties to ``me`` come first, then by trust.
    """
    found = find_person(document, person)
    ties = [t for t in document.ties if found.id in (t.a, t.b)]
    ties.sort(key=lambda t: (document.me not in (t.a, t.b), -t.trust, t.a, t.b))
    return found, [(t, score(t.evidence, params, as_of)) for t in ties]


TEMPLATE_COLUMNS = ("person", "name", "with", "trust", "familiarity", "note", "level", "why")
"""The ratings template: the columns ``ratings import`` reads, then two to read by."""


def ratings_template(plan: Plan, top: int | None = None) -> str:
    """A ratings CSV of the ties the plan's ``top`` asks rest on that you have not rated.

    One row per tie on each ask's best path, best ask first: your tie with the
    contact (how readily would they vouch for you?) and, for an introduction,
    the contact's tie onwards (how well do they know the next person?). Fill in
    ``trust`` and ``familiarity`` (0 to 1) where you know the answer and give
    the file to ``intropath ratings import``; rows left blank change nothing.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(TEMPLATE_COLUMNS)
    seen: set[frozenset[str]] = set()
    for ask in plan.asks[:top]:
        for hop in ask.best_path.hops:
            pair = frozenset((hop.source.id, hop.target.id))
            if hop.level is EvidenceLevel.RATED or pair in seen:
                continue
            seen.add(pair)
            mine = hop.source.id == plan.me.id
            person, other = (hop.target, hop.source) if mine else (hop.source, hop.target)
            question = (
                f"would {person.name} vouch for you?"
                if mine
                else f"how well does {person.name} know {other.name}?"
            )
            numbers = f"now trust {hop.trust:.2f}, familiarity {hop.familiarity:.2f}"
            row = [person.id, person.name, other.id, "", "", "", hop.level.label]
            writer.writerow([*map(_cell, row), _cell(f"{question} {numbers}")])
    return out.getvalue()


def _cell(text: str) -> str:
    """Text a spreadsheet will not run as a formula."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
