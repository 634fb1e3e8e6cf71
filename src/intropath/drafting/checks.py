"""The built-in checks every draft goes through.

Each check reads only the draft (its text and the facts it records), so it can
be run again on an edited draft with :func:`run_checks`. A failed check is
shown to the user; ``intropath draft --strict`` exits non-zero.

=============  ===========================================================
sentences      the body proper has at most five sentences (a blurb 2 to 4)
out            the no-obligation out, in the draft's language
email          the user's direct email is there
how_we_know    the opening says how you two know each other, from the tie
evidence       no kind of evidence is mentioned that the tie does not have
boilerplate    no generic phrase such as "add you to my professional network"
length         within the channel's limit (a connection note: 300 characters)
placeholders   no template leftovers ({{ }}, [Name], None, TODO...)
names          the right person greeted and named, titles with their person, and
               signed with your real name (never a placeholder such as "Me")
=============  ===========================================================
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from ..model import is_placeholder_name
from .facts import INTERACTIONS, PLACED, first_name, kind_of, mentions, quotable, shorten, squash
from .markers import BOILERPLATE, MARKERS, PLACEHOLDER
from .models import (
    NOTE_EMAIL_MAX,
    SUBJECT_LIMIT,
    WIDTHS,
    Channel,
    Check,
    CheckReport,
    Draft,
    Kind,
)
from .templates import cap

SENTENCES: dict[Kind, tuple[int, int]] = {
    Kind.REQUEST: (1, 5),
    Kind.REFERRAL: (1, 5),
    Kind.BLURB: (2, 4),
    Kind.FOLLOWUP: (1, 5),
    Kind.THANKS: (1, 5),
}
USES_HOW = (Kind.REQUEST, Kind.REFERRAL, Kind.BLURB)
NEEDS_EMAIL = (Kind.REQUEST, Kind.REFERRAL, Kind.BLURB, Kind.FOLLOWUP)

_SENTENCE_END = re.compile(r"[.!?…]+[\"'”»)]*\s+[\"'“„«»(]*(?P<next>\S)")
_MASK = "X"


def run_checks(draft: Draft) -> CheckReport:
    """Run every check that applies to the draft's kind and channel."""
    checks: list[Callable[[Draft], Check | None]] = [
        check_sentences,
        check_out,
        check_email,
        check_how,
        check_evidence,
        check_boilerplate,
        check_length,
        check_placeholders,
        check_names,
    ]
    return CheckReport(checks=[c for c in (check(draft) for check in checks) if c is not None])


def values(draft: Draft) -> list[str]:
    """Every value the draft quotes (names, titles, places, the user's own texts)."""
    people = [draft.recipient, draft.send_to, draft.target, draft.introduce_to]
    found = [v for p in people if p is not None for v in (p.name, first_name(p.name), p.title)]
    s = draft.sender
    found += [draft.company, s.name, first_name(s.name), s.email, s.about, s.timeline, s.role]
    found += [e.at for e in draft.tie_evidence]
    return [squash(v) for v in found if v and squash(v)]


def masked(text: str, quoted: Iterable[str], *, words_only: bool = False) -> str:
    """``text`` with every quoted value (or a shortened form of it) replaced by 'X'.

    So that a name such as "J. R. Smith" or a company called "Met Office"
    neither ends a sentence nor reads as the template's own words. With
    ``words_only``, values without a letter or digit (a name such as ".") are
    masked only where they stand alone between spaces, so that they cannot
    swallow the full stops around them.
    """
    forms = {form for v in quoted for form in (v, *(shorten(v, w) for w in WIDTHS))}
    symbols = {f for f in forms if not any(ch.isalnum() for ch in f)} if words_only else set()
    for found, pattern in (
        (forms - symbols, r"(?<!\w)(?:{})(?!\w)"),
        (symbols, r"(?<=\s)(?:{})(?=\s)"),
    ):
        if found:
            alternatives = "|".join(re.escape(f) for f in sorted(found, key=len, reverse=True))
            text = re.sub(pattern.format(alternatives), _MASK, text)
    return text


def count_sentences(text: str) -> int:
    """Sentences end in . ! ? or … followed by a space and a word that is not lower case."""
    text = text.strip()
    if not any(ch.isalnum() for ch in text):
        return 0
    ends = [m for m in _SENTENCE_END.finditer(text) if not m.group("next").islower()]
    return 1 + len(ends)


def check_sentences(draft: Draft) -> Check:
    low, high = SENTENCES[draft.kind]
    n = count_sentences(masked(draft.text, values(draft), words_only=True))
    ok = low <= n <= high
    want = f"{low} to {high}" if low > 1 else f"at most {high}"
    return Check(name="sentences", passed=ok, detail=f"{n} sentences in the body ({want})")


def check_out(draft: Draft) -> Check | None:
    if draft.kind is Kind.THANKS:
        return None
    m = MARKERS[draft.lang]
    text = draft.text
    wanted = {"that declining is fine": m.fine}
    if draft.kind in (Kind.REQUEST, Kind.REFERRAL):
        wanted["the promise to follow up at most once"] = m.once
        if draft.channel is not Channel.NOTE:  # a note has no room for the two doubts
            wanted["that they may not know them well"] = m.doubt_know
            wanted["that they may not feel comfortable"] = m.doubt_comfort
    if draft.kind is Kind.FOLLOWUP:
        wanted["that this is the last message"] = m.last
    missing = [what for what, pattern in wanted.items() if not pattern.search(text)]
    if missing:
        return Check(name="out", passed=False, detail="the out does not say " + "; ".join(missing))
    return Check(name="out", passed=True, detail="the no-obligation out is there")


def check_email(draft: Draft) -> Check | None:
    if draft.kind not in NEEDS_EMAIL:
        return None
    email = draft.sender.email
    if draft.channel is Channel.NOTE and len(email) > NOTE_EMAIL_MAX:
        return None
    if email and email in draft.body:
        return Check(name="email", passed=True, detail=f"your email {email} is there")
    return Check(name="email", passed=False, detail=f"your email {email or '(none)'} is missing")


def check_how(draft: Draft) -> Check | None:
    if draft.kind not in USES_HOW:
        return None
    fail = _how_problem(draft)
    if fail:
        return Check(name="how_we_know", passed=False, detail=fail)
    ev = draft.evidence
    source = (
        kind_of(ev).replace("_", " ") + (f" at {ev.at}" if ev.at else "")
        if ev
        else "no evidence recorded, so only that you are connected"
    )
    return Check(name="how_we_know", passed=True, detail=f"says how you know each other: {source}")


def _how_problem(draft: Draft) -> str:
    if not draft.how or not (draft.how in draft.text or cap(draft.how) in draft.text):
        return "the body does not say how you and your contact know each other"
    ev = draft.evidence
    if ev is None:
        if any(quotable(e) for e in draft.tie_evidence):
            return "the tie has evidence of how you know each other, but the draft ignores it"
        return ""
    if ev not in draft.tie_evidence:
        return f"'{ev.describe()}' is not recorded on the tie"
    place = squash(ev.at)
    if place and kind_of(ev) in PLACED and not mentions(draft.how, place, WIDTHS):
        return f"the opening does not name {ev.at}, where the evidence says you know each other"
    return ""


def check_evidence(draft: Draft) -> Check | None:
    if draft.kind not in USES_HOW:
        return None
    # Messages nobody answered are on the tie but do not show "we have exchanged messages".
    have = {kind_of(e) for e in draft.tie_evidence if kind_of(e) not in INTERACTIONS or quotable(e)}
    text = masked(draft.body, values(draft))
    invented = sorted(
        kind
        for kind, pattern in MARKERS[draft.lang].evidence.items()
        if kind not in have and pattern.search(text)
    )
    if invented:
        return Check(
            name="evidence",
            passed=False,
            detail=f"mentions evidence the tie does not show: {', '.join(invented)}",
        )
    return Check(name="evidence", passed=True, detail="mentions only evidence the tie has")


def check_boilerplate(draft: Draft) -> Check:
    text = masked(f"{draft.subject or ''}\n{draft.body}", values(draft))
    hits = [m.group(0) for p in BOILERPLATE if (m := p.search(text))]
    if hits:
        return Check(name="boilerplate", passed=False, detail=f"generic phrase: {hits[0]!r}")
    return Check(name="boilerplate", passed=True, detail="no generic boilerplate")


def check_length(draft: Draft) -> Check:
    size = len(draft.body)
    if draft.limit is not None and size > draft.limit:
        return Check(
            name="length",
            passed=False,
            detail=f"{size} characters, over the {draft.channel.value} limit of {draft.limit}",
        )
    if draft.subject is not None and len(draft.subject) > SUBJECT_LIMIT:
        return Check(
            name="length",
            passed=False,
            detail=f"subject of {len(draft.subject)} characters (at most {SUBJECT_LIMIT})",
        )
    limit = f" of {draft.limit}" if draft.limit is not None else ""
    return Check(name="length", passed=True, detail=f"{size} characters{limit}")


def check_placeholders(draft: Draft) -> Check:
    text = masked(f"{draft.subject or ''}\n{draft.body}", values(draft))
    found = PLACEHOLDER.search(text)
    if found:
        return Check(
            name="placeholders", passed=False, detail=f"leftover placeholder {found.group(0)!r}"
        )
    return Check(name="placeholders", passed=True, detail="no leftover placeholder")


def check_names(draft: Draft) -> Check:
    problems = _name_problems(draft)
    if problems:
        return Check(name="names", passed=False, detail="; ".join(problems))
    return Check(name="names", passed=True, detail="names and titles are the right ones")


def _name_problems(draft: Draft) -> list[str]:
    problems: list[str] = []
    whom = draft.recipient.name
    if not any(mentions(draft.greeting, n, WIDTHS) for n in (first_name(whom), whom)):
        problems.append(f"the greeting does not address {draft.recipient.name}")
    sender = draft.sender.name
    if is_placeholder_name(sender):
        problems.append(
            f"your name is a placeholder ({sender!r}): set name in the [me] table of the "
            "config file, or import your export with --owner 'Your Name'"
        )
    elif not any(mentions(draft.signoff, n, WIDTHS) for n in (first_name(sender), sender)):
        problems.append(f"the sign-off does not carry your name ({sender})")
    for name in _expected_names(draft):
        if not mentions(draft.text, name, WIDTHS):
            problems.append(f"the body does not name {name}")
    title = draft.target.title
    if (
        draft.kind is Kind.REQUEST
        and title
        and draft.channel is not Channel.NOTE
        and not _with_title(draft.text, draft.target.name, title)
    ):
        problems.append(f"the body does not give {draft.target.name}'s title ({title})")
    return problems


def _expected_names(draft: Draft) -> list[str]:
    nxt, target = draft.introduce_to, draft.target
    leads_on = nxt is not None and nxt.id != target.id
    if draft.kind is Kind.REQUEST and nxt is not None:
        return [nxt.name, *([target.name] if leads_on else []), draft.company]
    if draft.kind is Kind.BLURB:
        onward = leads_on and draft.channel is not Channel.NOTE  # a note may leave it out
        return [draft.send_to.name, *([target.name] if onward else []), draft.company]
    if draft.kind in (Kind.FOLLOWUP, Kind.THANKS) and nxt is not None:
        return [nxt.name]
    return [draft.company]


def _with_title(text: str, name: str, title: str) -> bool:
    """Is ``title`` given right after ``name``, as "Name (Title" (each maybe shortened)?"""
    for width in (None, *WIDTHS):
        n = shorten(name, width) if width else name
        t = shorten(title, width) if width else title
        if f"{n} ({t}" in text:
            return True
    return False
