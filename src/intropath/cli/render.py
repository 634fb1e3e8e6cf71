"""Human output: rich tables that carry the reasoning."""

from __future__ import annotations

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from ..results import Ask, Hop, PathResult, PersonRef, Plan


def _evidence(hop: Hop) -> str:
    facts = "; ".join(e.describe() for e in hop.evidence) or "no evidence recorded"
    return f"{hop.level.label}: {facts}"


ASKS_SHOWN = 15


def _who(person: PersonRef) -> str:
    return person.name + (f" ({person.title})" if person.title else "")


def _purpose(ask: Ask) -> str:
    path = ask.best_path
    if len(path.hops) == 1:
        return f"a referral: {_who(path.target)} works there"
    via = "".join(f" via {h.target.name}" for h in path.hops[1:-1])
    return f"an introduction{via} to {_who(path.target)}"


def path_lines(path: PathResult, indent: str = "     ") -> Text:
    """A path hop by hop: the numbers each hop counts and the evidence."""
    text = Text()
    for hop in path.hops:
        numbers = {
            "trust": f"trust {hop.trust:.2f}",
            "familiarity": f"familiarity {hop.familiarity:.2f}",
            "trust x familiarity": f"trust {hop.trust:.2f} x familiarity {hop.familiarity:.2f}",
        }[hop.counts]
        text.append(f"{indent}{hop.source.name} -> {hop.target.name}: ", style="bold")
        text.append(f"{numbers} = {hop.factor:.2f}  ")
        text.append(f"({_evidence(hop)})\n", style="dim")
    target = path.target
    text.append(
        f"{indent}{target.name}: {target.contact_policy.value.replace('_', ' ')} "
        f"(openness {target.openness:.2f})"
    )
    if target.role_match != 1.0:
        text.append(f", role match {target.role_match:.2f}")
    text.append("\n")
    text.append(f"{indent}weakest link: {path.weakest_link.reason}\n", style="yellow")
    return text


def plan_view(plan: Plan) -> Group:
    parts: list[Table | Text] = []
    role = f" for '{plan.settings.role}'" if plan.settings.role else ""
    header = Text()
    header.append(f"Whom to ask about {plan.company.name}{role}", style="bold")
    matched = (
        "" if plan.company.query == plan.company.name else f" (matched '{plan.company.query}')"
    )
    header.append(
        f"{matched}, as {plan.me.name}: {_count(plan.targets, 'person', 'people')} there, "
        f"{_count(len(plan.asks) + plan.more_asks, 'contact')} of yours can help "
        f"(max {plan.settings.max_hops} hops).\n"
    )
    parts.append(header)
    if plan.etiquette is not None and (plan.etiquette.skipped or plan.etiquette.notes):
        rules = Text()
        for line in plan.etiquette.notes:
            rules.append(f"! {line}\n", style="bold yellow")
        for line in plan.etiquette.skipped:
            rules.append(f"- {line}\n", style="dim")
        parts.append(rules)
    if plan.no_path:
        parts.append(no_path_view(plan))
        if plan.detours:
            parts.append(detours_view(plan))
        return Group(*parts)

    asks = Table(title="Whom to ask, best first", title_justify="left", box=None, pad_edge=False)
    asks.add_column("#", justify="right")
    asks.add_column("Ask", no_wrap=True)
    asks.add_column("Score", justify="right")
    asks.add_column("Reach", justify="right")
    asks.add_column("Evidence", no_wrap=True)
    asks.add_column("For")
    for i, ask in enumerate(plan.asks[:ASKS_SHOWN], 1):
        purpose = Text(_purpose(ask))
        if ask.history:
            purpose.append(f" (you {ask.history})", style="dim")
        asks.add_row(
            str(i),
            Text(ask.name),
            f"{ask.best_path.score:.3f}",
            str(ask.reach),
            ask.level.label,
            purpose,
        )
    parts.append(asks)
    if plan.evidence_note:
        parts.append(Text(f"! {plan.evidence_note}", style="bold yellow"))
    more = len(plan.asks) + plan.more_asks - ASKS_SHOWN
    if more > 0:
        parts.append(Text(f"... and {more} more (--json lists them all)"))

    if plan.detours:
        parts.append(detours_view(plan))

    paths = Text("\nTop paths, and why\n", style="bold")
    for i, path in enumerate(plan.paths, 1):
        paths.append(f"{i:>3}. {path.score:.3f}  {path.route()}\n")
        paths.append_text(path_lines(path))
    parts.append(paths)
    return Group(*parts)


def detours_view(plan: Plan) -> Text:
    """Contacts left out as detours, grouped by whom to ask directly instead."""
    text = Text()
    text.append("\nNot listed: their way in goes through someone you know yourself", style="bold")
    by_through: dict[str, list[str]] = {}
    for detour in plan.detours:
        by_through.setdefault(detour.through.name, []).append(detour.name)
    for through, names in by_through.items():
        who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        verb = "knows" if len(names) == 1 else "know"
        text.append(f"\n  {who} also {verb} {through}: ask {through} directly")
    return text


def no_path_view(plan: Plan) -> Text:
    fb = plan.fallbacks
    text = Text(
        f"No path to anyone at {plan.company.name} within {plan.settings.max_hops} hops.\n",
        style="bold red",
    )
    if not plan.targets:
        text.append("Nobody in the graph currently works there.\n")
    shown = False
    for group in fb.shared_groups:
        names = ", ".join(p.name for p in group.people)
        text.append(f"  You are both in {group.name} ({group.kind}): {names}\n")
        shown = True
    for employer in fb.former_employers:
        names = ", ".join(p.name for p in employer.people)
        text.append(f"  You both worked at {employer.company}: {names}\n")
        shown = True
    for person in fb.alumni_you_know:
        text.append(f"  {person.name} used to work there and knows you: ask for advice\n")
        shown = True
    if fb.recruiters:
        names = ", ".join(p.name + (f" ({p.title})" if p.title else "") for p in fb.recruiters)
        text.append(f"  Recruiters there: {names}\n")
        shown = True
    if not shown:
        text.append("  No shared groups, former employers or recruiters either.\n")
    return text


def print_plan(console: Console, plan: Plan) -> None:
    console.print(plan_view(plan))


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"
