"""What the planner returns: explained, serialisable results.

A :class:`Plan` is a pydantic model, so ``plan.model_dump_json()`` is the
documented ``--json`` document (``intropath schema --plan`` prints its schema).
In Jupyter it renders as HTML; ``to_dataframe()`` gives pandas tables.
"""

from __future__ import annotations

import html
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_serializer

from .model import ContactPolicy, Evidence, EvidenceLevel
from .scoring import HopKind

if TYPE_CHECKING:
    import pandas as pd

PLAN_SCHEMA = "intropath.plan/1"


DISPLAY_DECIMALS = 4
"""Derived numbers (hop factors, target weights) are rounded in JSON; scores stay exact."""


def _shown(value: float) -> float:
    return round(value, DISPLAY_DECIMALS)


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True)


class PersonRef(_Result):
    """A person as results show them."""

    id: str
    name: str
    title: str | None = None
    contact_policy: ContactPolicy = ContactPolicy.OPEN


class Hop(_Result):
    """One step of a path, with the numbers it counts and why."""

    source: PersonRef
    target: PersonRef
    kind: HopKind
    trust: float
    familiarity: float
    factor: float = Field(
        description="What this hop contributes to the score (rounded to 4 decimals in JSON)."
    )
    evidence: list[Evidence] = Field(default_factory=list)
    level: EvidenceLevel = Field(
        EvidenceLevel.CONNECTED,
        description="What the tie's numbers rest on: rated (by you), interacted, weak "
        "(same employer, endorsements, one-way messages) or connected (only).",
    )

    _factor_shown = field_serializer("factor", when_used="json")(staticmethod(_shown))

    @property
    def counts(self) -> str:
        """Which number(s) this hop counts."""
        return {
            HopKind.DIRECT: "trust",
            HopKind.FIRST: "trust",
            HopKind.MIDDLE: "trust x familiarity",
            HopKind.LAST: "familiarity",
        }[self.kind]

    def reason(self) -> str:
        """What this hop's number measures, in words."""
        src, dst = self.source.name, self.target.name
        if self.kind is HopKind.DIRECT:
            return f"whether {dst} will refer you (trust {self.trust:.2f})"
        if self.kind is HopKind.FIRST:
            return f"whether {dst} will vouch for you (trust {self.trust:.2f})"
        if self.kind is HopKind.LAST:
            return f"how well {src} knows {dst} (familiarity {self.familiarity:.2f})"
        return (
            f"whether {src} will pass you on to {dst} "
            f"(trust {self.trust:.2f} x familiarity {self.familiarity:.2f})"
        )


class Target(PersonRef):
    """The person at the company a path ends at, and their weight."""

    email: str | None = None
    recruiter: bool = False
    hiring_manager: bool = False
    openness: float
    role_match: float
    weight: float = Field(description="openness x role_match (rounded to 4 decimals in JSON)")

    _shown = field_serializer("openness", "role_match", "weight", when_used="json")(
        staticmethod(_shown)
    )


class WeakestLink(_Result):
    index: int = Field(description="Position of the hop on the path (0 = first).")
    factor: float
    reason: str

    _factor_shown = field_serializer("factor", when_used="json")(staticmethod(_shown))


class PathResult(_Result):
    """A scored, explained route from me to someone at the company."""

    people: list[str] = Field(description="Person ids from me to the target.")
    score: float = Field(description="Exact, as computed (every backend gives the same bits).")
    hops: list[Hop]
    target: Target
    weakest_link: WeakestLink
    level: EvidenceLevel = Field(
        EvidenceLevel.CONNECTED, description="The least-founded hop's level."
    )

    @property
    def names(self) -> list[str]:
        return [self.hops[0].source.name, *(h.target.name for h in self.hops)]

    def route(self, arrow: str = " -> ") -> str:
        return arrow.join(self.names)


class Ask(_Result):
    """A first-degree contact worth asking, with their best route and reach."""

    contact: str
    name: str
    action: Literal["referral", "introduction"] = Field(
        description="'referral' when the contact works there, else 'introduction'."
    )
    reach: int = Field(description="Distinct people at the company they lead to.")
    best_path: PathResult
    level: EvidenceLevel = Field(
        EvidenceLevel.CONNECTED, description="The level of the best path (its weakest hop)."
    )
    history: str | None = Field(None, description="Your past asks of this contact, if any.")


class Detour(_Result):
    """A contact left out: every way in through them passes someone you can ask yourself."""

    contact: str
    name: str
    through: PersonRef = Field(description="Your own contact to ask directly instead.")
    reason: str
    path: PathResult = Field(description="The best way in through the contact, left out.")


class CompanyRef(_Result):
    key: str
    name: str
    aliases: list[str] = Field(default_factory=list)
    query: str


class SharedGroup(_Result):
    id: str
    name: str
    kind: str
    people: list[PersonRef]


class SharedEmployer(_Result):
    company: str
    people: list[PersonRef]


class Fallbacks(_Result):
    """Other ways in, for when no path exists (computed every time)."""

    shared_groups: list[SharedGroup] = Field(default_factory=list)
    former_employers: list[SharedEmployer] = Field(default_factory=list)
    alumni_you_know: list[PersonRef] = Field(
        default_factory=list, description="Your contacts who used to work there."
    )
    recruiters: list[PersonRef] = Field(default_factory=list)


class EtiquetteReport(_Result):
    """What the etiquette rules changed, and why (present when rules were applied)."""

    as_of: date
    skipped: list[str] = Field(default_factory=list, description="Who was left out, and why.")
    notes: list[str] = Field(default_factory=list, description="Budget warnings.")
    over_budget: bool = False
    reasons: dict[str, str] = Field(
        default_factory=dict, description="Person id -> why they were left out (as in skipped)."
    )
    closed: dict[str, str] = Field(
        default_factory=dict, description="Contact id -> your latest ask of them, now closed."
    )


class Settings(_Result):
    role: str | None
    max_hops: int
    top: int
    trust_weight: float
    familiarity_weight: float


class Plan(_Result):
    """The answer to "whom should I ask for an introduction, and why?"."""

    model_config = ConfigDict(frozen=True, populate_by_name=True)

    schema_: str = Field(PLAN_SCHEMA, alias="schema")
    graph: str = Field(description="Which graph was searched.")
    me: PersonRef
    company: CompanyRef
    settings: Settings
    targets: int = Field(description="People currently at the company who can be reached for.")
    asks: list[Ask] = Field(description="One per first-degree contact, best first.")
    more_asks: int = Field(
        0,
        description="Contacts who can help beyond those in asks "
        "(when the caller asked for only the best few).",
    )
    detours: list[Detour] = Field(
        default_factory=list,
        description="Contacts left out: each of their paths goes through another contact of "
        "yours whom asking directly is at least as good.",
    )
    paths: list[PathResult] = Field(description="The top paths overall, best first.")
    no_path: bool
    fallbacks: Fallbacks
    etiquette: EtiquetteReport | None = None
    evidence_note: str | None = Field(
        None,
        description="Said when the top asks rest on 'connected only': their order then "
        "says little more than how long you have been connected.",
    )

    def to_json(self) -> str:
        return self.model_dump_json(by_alias=True, indent=2)

    def to_dataframe(self, what: Literal["asks", "paths"] = "asks") -> pd.DataFrame:
        """The asks (or the top paths) as a pandas DataFrame."""
        try:
            import pandas as pd
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ImportError("to_dataframe() needs pandas: pip install pandas") from exc
        if what == "asks":
            rows = [
                {
                    "contact": a.contact,
                    "name": a.name,
                    "action": a.action,
                    "reach": a.reach,
                    **_path_row(a.best_path),
                }
                for a in self.asks
            ]
        else:
            rows = [_path_row(p) for p in self.paths]
        return pd.DataFrame(rows)

    def _repr_html_(self) -> str:
        e = html.escape
        role = f" for <i>{e(self.settings.role)}</i>" if self.settings.role else ""
        head = (
            f"<p><b>Whom to ask at {e(self.company.name)}</b>{role}, as {e(self.me.name)}: "
            f"{self.targets} people there, {len(self.asks) + self.more_asks} contacts can help "
            f"(max {self.settings.max_hops} hops; graph: {e(self.graph)})</p>"
        )
        notes = ""
        if self.etiquette is not None and (self.etiquette.notes or self.etiquette.skipped):
            items = "".join(
                f"<li>{e(line)}</li>" for line in [*self.etiquette.notes, *self.etiquette.skipped]
            )
            notes = f"<ul>{items}</ul>"
        if self.no_path:
            fb = self.fallbacks
            ways = [
                *(
                    f"You are both in {g.name}: {', '.join(p.name for p in g.people)}"
                    for g in fb.shared_groups
                ),
                *(
                    f"You both worked at {w.company}: {', '.join(p.name for p in w.people)}"
                    for w in fb.former_employers
                ),
                *(f"{p.name} used to work there and knows you" for p in fb.alumni_you_know),
                *(f"Recruiter: {p.name}" for p in fb.recruiters),
            ]
            other = "".join(f"<li>{e(w)}</li>" for w in ways)
            return (
                head
                + notes
                + f"<p>No path within {self.settings.max_hops} hops.</p>"
                + (f"<p>Other ways in:</p><ul>{other}</ul>" if other else "")
            )
        rows = "".join(
            f"<tr><td>{i}</td><td>{e(a.name)}</td><td>{a.action}</td><td>{a.reach}</td>"
            f"<td>{a.best_path.score:.3f}</td><td>{a.level.label}</td>"
            f"<td>{e(a.best_path.route(' → '))}</td>"
            f"<td>{e(a.best_path.weakest_link.reason)}</td></tr>"
            for i, a in enumerate(self.asks, 1)
        )
        paths = "".join(
            f"<li><b>{p.score:.3f}</b> {e(p.route(' → '))}<ul>"
            + "".join(
                f"<li>{e(h.source.name)} → {e(h.target.name)}: {h.counts} = {h.factor:.2f}"
                f" <small>({e('; '.join(x.describe() for x in h.evidence) or 'no evidence')})"
                "</small></li>"
                for h in p.hops
            )
            + "</ul></li>"
            for p in self.paths
        )
        detours = "".join(
            f"<li>{e(d.name)} also knows {e(d.through.name)}: ask {e(d.through.name)} directly</li>"
            for d in self.detours
        )
        if detours:
            detours = (
                f"<p>Not listed (their way in goes through your own contact):</p><ul>{detours}</ul>"
            )
        return (
            head
            + notes
            + (f"<p><b>{e(self.evidence_note)}</b></p>" if self.evidence_note else "")
            + "<table><thead><tr><th>#</th><th>Ask</th><th>For</th><th>Reach</th>"
            "<th>Score</th><th>Evidence</th><th>Best route</th><th>Weakest link</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>{detours}<p><b>Top paths</b></p><ol>{paths}</ol>"
        )


def _path_row(path: PathResult) -> dict[str, Any]:
    return {
        "score": path.score,
        "level": path.level.value,
        "hops": len(path.hops),
        "target": path.target.id,
        "target_name": path.target.name,
        "target_title": path.target.title,
        "route": path.route(),
        "weakest_link": path.weakest_link.reason,
    }
