"""The scoring model, in one place.

A path ``me -> c1 -> ... -> t`` is scored as the probability that every step
happens::

    score = first(me, c1) * middle(c1, c2) * ... * last(ck, t) * weight(t)

    first(a, b)  = trust(a, b) ** wt                     will c1 spend credit on me?
    middle(a, b) = trust(a, b) ** wt * fam(a, b) ** wf   will ci vouch, and know ci+1?
    last(a, b)   = fam(a, b) ** wf                       does the introducer know t?
    direct(a, b) = trust(a, b) ** wt                     one hop: will t refer me?
    weight(t)    = openness(t.contact_policy) * role_match(role, t)

``wt`` and ``wf`` are the user's weights (exponents, default 1). Every factor
lies in [0, 1], so ``-log(score)`` is an additive, non-negative cost and every
path algorithm ranks the same way. A path with a zero factor is not a path.

The product is always formed left to right (from me towards the target, then
the target's weight), so every backend computes bit-identical numbers.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from .contact_policy import ContactPolicy

if TYPE_CHECKING:
    from .model import Person


class HopKind(StrEnum):
    """Where a hop sits on its path, which decides what it counts."""

    DIRECT = "direct"  # me -> t, one hop: trust
    FIRST = "first"  # me -> c1: trust
    MIDDLE = "middle"  # ci -> ci+1: trust and familiarity
    LAST = "last"  # ck -> t: familiarity


OPENNESS: dict[ContactPolicy, float] = {
    ContactPolicy.OPEN: 1.0,
    ContactPolicy.PREFERS_EMAIL: 0.9,
    ContactPolicy.NO_STRANGERS: 0.6,
    ContactPolicy.DO_NOT_CONTACT: 0.0,
}
"""How open a target is to an introduction, by contact policy."""

ROLE_FLOOR = 0.2
"""Role match of a person whose title shares nothing with the role asked for."""

MAX_HOPS_LIMIT = 6
"""The longest path the planner searches, in ties."""

MAX_TOP = 10_000
"""Most paths a plan lists (``top``)."""


MAX_WEIGHT = 10.0
"""Largest exponent: beyond it every path's score underflows to nothing."""


DETOUR_MARGIN = 1.0 - 1e-9
"""Going through a contact of mine counts as better than asking them myself only
when it beats my own ask by more than rounding noise (every backend agrees)."""


@dataclass(frozen=True)
class Weights:
    """Exponents on trust and familiarity (default 1: both count fully)."""

    trust: float = 1.0
    familiarity: float = 1.0

    def __post_init__(self) -> None:
        for name in ("trust", "familiarity"):
            value = getattr(self, name)
            if not (math.isfinite(value) and 0 <= value <= MAX_WEIGHT):
                raise ValueError(f"{name} weight must be between 0 and {MAX_WEIGHT}, got {value}")


def hop_kinds(hops: int) -> list[HopKind]:
    """The kind of each hop on a path of ``hops`` edges."""
    if hops == 1:
        return [HopKind.DIRECT]
    return [HopKind.FIRST, *[HopKind.MIDDLE] * (hops - 2), HopKind.LAST]


def hop_factor(kind: HopKind, trust: float, familiarity: float, weights: Weights) -> float:
    """The factor one hop contributes to a path's score."""
    if kind is HopKind.LAST:
        return float(familiarity**weights.familiarity)
    t = float(trust**weights.trust)
    if kind is HopKind.MIDDLE:
        return t * float(familiarity**weights.familiarity)
    return t


def path_score(factors: Sequence[float], target_weight: float) -> float:
    """Multiply hop factors left to right, then the target's weight."""
    score = 1.0
    for factor in factors:
        score *= factor
    return score * target_weight


def cost(score: float) -> float:
    """The additive cost of a score: ``-log(score)``."""
    return math.inf if score <= 0 else -math.log(score)


_WORD = re.compile(r"[^\w]+")
_STOP = frozenset(["a", "an", "and", "at", "for", "in", "of", "on", "the", "to", "with"])
_EXPAND = {
    "pm": "product manager",
    "swe": "software engineer",
    "sde": "software engineer",
    "eng": "engineer",
    "engineering": "engineer",
    "mgr": "manager",
    "hr": "human resources",
    "ux": "user experience",
    "ui": "user interface",
    "vp": "vice president",
    "cto": "chief technology officer",
    "ceo": "chief executive officer",
    "ta": "talent acquisition",
    "recruiting": "recruiter",
    "recruitment": "recruiter",
    "marketer": "marketing",
    "designer": "design",
    "developer": "engineer",
    "dev": "engineer",
}


def _tokens(text: str) -> set[str]:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    words: list[str] = []
    for word in _WORD.split(text):
        if not word or word in _STOP:
            continue
        words.extend(_EXPAND.get(word, word).split())
    return {w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words}


def role_match(role: str | None, person: Person) -> float:
    """How well a person's current title, team and headline match a role, in (0, 1].

    ``ROLE_FLOOR`` when nothing matches, 1 when every word of the role does.
    """
    if not role:
        return 1.0
    wanted = _tokens(role)
    if not wanted:
        return 1.0
    texts = [person.headline or ""]
    for position in person.current_positions:
        texts += [position.title or "", position.team or ""]
    have = _tokens(" ".join(texts))
    return ROLE_FLOOR + (1.0 - ROLE_FLOOR) * len(wanted & have) / len(wanted)


def openness(person: Person) -> float:
    return OPENNESS[person.contact_policy]


def target_weight(person: Person, role: str | None) -> float:
    """``openness * role_match``: how good a target this person is."""
    return openness(person) * role_match(role, person)
