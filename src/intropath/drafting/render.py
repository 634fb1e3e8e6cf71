"""Human output for a draft: the message, then its checks and any advice."""

from __future__ import annotations

import json
import sys

from rich.console import Console, Group
from rich.panel import Panel
from rich.text import Text

from ..results import Plan
from ..terminal import clean
from .models import Draft

_WHAT = {
    "request": "Introduction request",
    "blurb": "Forwardable blurb",
    "referral": "Referral request",
    "followup": "Follow-up (the only one)",
    "thanks": "Thank-you note",
}
THIN_TIE = (
    "this ask rests on a thin tie (connected only, or weak evidence only); "
    "add the real reason you know each other before sending."
)

_WHERE = {"email": "email", "linkedin": "LinkedIn message", "note": "LinkedIn connection note"}


def draft_view(draft: Draft) -> Group:
    """The draft as rich renderables: header, message panel, checks, advice."""
    head = Text()
    head.append(f"{_WHAT[draft.kind.value]} to {draft.send_to.name}", style="bold")
    head.append(f" ({_WHERE[draft.channel.value]}, {draft.lang.value})")
    if draft.recipient.id != draft.send_to.id:
        head.append(f", for {draft.send_to.name} to forward to {draft.recipient.name}")
    head.append(f"\nPath: {' -> '.join(draft.path)}", style="dim")
    if draft.formality:
        head.append(f"\nAddress: {draft.formality}", style="dim")
    message = Text()
    if draft.subject:
        message.append(f"Subject: {draft.subject}\n\n", style="bold")
    message.append(draft.body)
    size = f"{len(draft.body)}/{draft.limit} characters" if draft.limit else None
    parts: list[Text | Panel] = [head, Panel(message, subtitle=size, expand=False)]
    if draft.thin_tie:
        parts.append(Text(f"Warning: {THIN_TIE}", style="bold yellow"))
    checks = Text()
    for check in draft.report.checks:
        mark, style = ("ok  ", "green") if check.passed else ("FAIL", "bold red")
        checks.append(f"  {mark} ", style=style)
        checks.append(f"{check.name}: {check.detail}\n")
    verdict = "All checks passed." if draft.passed else "Some checks failed."
    parts.append(Text(f"Checks: {verdict}", style="bold"))
    parts.append(checks)
    if draft.advice:
        advice = Text("Before you send:\n", style="bold")
        for line in draft.advice:
            advice.append(f"  - {line}\n")
        parts.append(advice)
    return Group(*parts)


def print_draft(console: Console, draft: Draft) -> None:
    console.print(draft_view(draft))


def print_plain(draft: Draft, err_console: Console) -> None:
    """The message alone on stdout (to copy or pipe); warnings and failed checks on stderr."""
    sys.stdout.write(clean(draft.message()) + "\n")  # data is text, never escape sequences
    if draft.thin_tie:
        err_console.print(f"Warning: {THIN_TIE}", soft_wrap=True)
    if draft.formality:
        err_console.print(f"Address: {draft.formality}", soft_wrap=True)
    for check in draft.report.failures:
        err_console.print(f"Check failed: {check.name}: {check.detail}", soft_wrap=True)


def plan_with_draft_json(plan: Plan, draft: Draft) -> str:
    """``find --json --draft``: the plan document with the draft under a "draft" key."""
    document = json.loads(plan.to_json())
    document["draft"] = json.loads(draft.to_json())
    return json.dumps(document, indent=2, ensure_ascii=False)
