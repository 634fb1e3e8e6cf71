"""``intropath draft``: the message for a planned path (a thin skin over intropath.drafting)."""

import sys
from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from ..drafting.kinds import Channel, Kind, Lang
from ..scoring import MAX_HOPS_LIMIT
from .app import (
    GraphOption,
    JsonOption,
    MeOption,
    app,
    console,
    emit_json,
    err_console,
    fail,
    open_store,
    stdout_is_terminal,
)

if TYPE_CHECKING:
    from ..drafting.models import Draft
    from ..drafting.profile import Ask
    from ..results import Plan
    from ..stores.base import Store


def _is_terminal() -> bool:
    return sys.stdin.isatty()


def terminal_prompt() -> "Ask | None":
    """A prompt for missing profile fields when stdin is a terminal, else None."""
    if not _is_terminal():
        return None

    def ask(field: str, label: str) -> str:
        return str(typer.prompt(label, err=True))

    return ask


def draft_for_find(
    result: "Plan",
    store: "Store",
    *,
    kind: Kind | None = None,
    channel: Channel | None = None,
    lang: Lang | None = None,
) -> "Draft":
    """The draft ``intropath find --draft`` shows: for the top ask, profile from the config.

    Call it only when ``result.no_path`` is false (else it raises DraftError).
    """
    from ..drafting import draft_for_plan
    from ..settings import load_settings

    return draft_for_plan(
        result,
        store,
        load_settings().me,
        kind=kind,
        channel=channel,
        lang=lang,
        via=result.asks[0].contact if result.asks else None,
        ask=terminal_prompt(),
    )


@app.command("draft")
def draft_command(
    company: Annotated[
        str, typer.Option("--company", "-c", help="The company, as you would write it.")
    ],
    via: Annotated[
        str | None,
        typer.Option(
            metavar="PERSON", help="Ask this contact (id or full name). Default: the best one."
        ),
    ] = None,
    to: Annotated[
        str | None,
        typer.Option(
            metavar="PERSON", help="Aim for this person at the company (id or full name)."
        ),
    ] = None,
    kind: Annotated[
        Kind | None,
        typer.Option(
            help="request (an introduction), blurb (for your contact to forward), referral, "
            "followup (the only one) or thanks. Default: referral if the person is your own "
            "contact, else request.",
            show_default=False,
        ),
    ] = None,
    channel: Annotated[
        Channel | None,
        typer.Option(
            help="email, linkedin (a message) or note (a connection note, 300 characters). "
            "Default: what your contact prefers.",
            show_default=False,
        ),
    ] = None,
    lang: Annotated[
        Lang | None,
        typer.Option(
            help="en, de or sv. Default: 'lang' under \\[me] in your config, else en.",
            show_default=False,
        ),
    ] = None,
    purpose: Annotated[
        str | None, typer.Option(help="Why you ask: job, advice, partnership or sale.")
    ] = None,
    about_me: Annotated[
        str | None,
        typer.Option("--about-me", help="Who you are in one line, e.g. 'a product designer'."),
    ] = None,
    email: Annotated[str | None, typer.Option(help="Your direct email.")] = None,
    timeline: Annotated[
        str | None, typer.Option(help="When, e.g. 'in the next two weeks'.")
    ] = None,
    name: Annotated[str | None, typer.Option(help="Your name as you sign.")] = None,
    graph: GraphOption = None,
    me: MeOption = None,
    role: Annotated[
        str | None,
        typer.Option(help="A role or team; matching people score higher, and the draft names it."),
    ] = None,
    max_hops: Annotated[
        int, typer.Option(min=1, max=MAX_HOPS_LIMIT, help="Longest path, in ties.")
    ] = 3,
    as_json: JsonOption = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit with code 1 if any check fails.")
    ] = False,
    record: Annotated[
        bool,
        typer.Option(
            "--record",
            help="Log the ask as sent today (a request or referral), after the etiquette checks.",
        ),
    ] = False,
    etiquette: Annotated[
        bool, typer.Option(help="Apply the etiquette rules and your logged asks.")
    ] = True,
    formal: Annotated[
        bool | None,
        typer.Option(
            "--formal/--informal",
            help="German: 'Sie' or 'du'. Default: 'formal' under \\[me], else du for a contact "
            "you know well (familiarity 0.6 or more) and Sie otherwise.",
            show_default=False,
        ),
    ] = None,
    plain: Annotated[
        bool,
        typer.Option(
            "--plain",
            help="Print the message only (no box, checks or advice; warnings go to stderr). "
            "The default when stdout is not a terminal.",
        ),
    ] = False,
) -> None:
    r"""Draft the message for the best way into COMPANY (or the path you pick).

    Opens with how you know your contact (from the evidence on your tie, never
    invented), states your purpose, asks for one step, gives your timeline and
    email, and always leaves an out. Every draft is checked; failures are
    shown, and --strict turns them into exit code 1.

    Your name, one-line introduction, email, purpose and timeline come from
    the \[me] table of your config file, or from the flags.

    Example: intropath draft --company Muse --channel note --lang de
    """
    from ..drafting import draft, print_draft
    from ..drafting.render import print_plain
    from ..outreach.current import load_etiquette
    from ..settings import load_settings
    from .asks import record_ask

    store = open_store(graph)
    profile = load_settings().me.updated(
        name=name, email=email, about=about_me, purpose=purpose, timeline=timeline
    )
    message = draft(
        store,
        company,
        profile,
        me=me,
        role=role,
        max_hops=max_hops,
        etiquette=load_etiquette(date.today(), store) if etiquette else False,
        kind=kind,
        channel=channel,
        lang=lang,
        via=via,
        to=to,
        ask=terminal_prompt(),
        formal=formal,
    )
    if as_json:
        emit_json(message.to_json())
    elif plain or not stdout_is_terminal():
        print_plain(message, err_console)
    else:
        print_draft(console, message)
    if strict and not message.passed:
        failed = ", ".join(c.name for c in message.report.failures)
        fail(f"the draft failed {len(message.report.failures)} check(s): {failed}")
    if record:
        if message.kind not in (Kind.REQUEST, Kind.REFERRAL):
            fail(f"--record logs a request or a referral, not a {message.kind.value}")
        record_ask(
            store,
            message.send_to.id,
            message.target.id,
            company,
            message.channel.value,
            date.today(),
            None,
            False,
            me,
        )
