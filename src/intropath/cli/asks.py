"""``intropath ask record`` and ``intropath asks``: the outreach log from the command line."""

import json
from datetime import date, timedelta
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import IntropathError
from ..outreach.status import MAX_ASK_ID, AskStatus
from .app import GraphOption, JsonOption, MeOption, app, console, day_option, emit_json, err_console
from .neo4j import (
    BackendOption,
    DatabaseOption,
    PasswordOption,
    UriOption,
    UserOption,
    backend_store,
)

if TYPE_CHECKING:
    from ..outreach.log import AskRecord
    from ..stores.base import Store

# The outreach log (SQLite), the rules and the settings are imported by the
# commands that use them: `intropath --help` and `find` need none of them here.


class EtiquetteError(IntropathError):
    """An ask the etiquette rules advise against (``--force`` records it anyway)."""


def _share(store: "Store", ask: "AskRecord") -> None:
    """Write the ask to Neo4j too, when that is where the network lives."""
    from ..stores.neo4j import Neo4jStore

    if isinstance(store, Neo4jStore):
        store.record_ask(ask)
        err_console.print("Shared with your team in Neo4j.", style="dim")


def parse_day(text: str | None, option: str = "--as-of") -> date:
    """A day given as YYYY-MM-DD or 'today' (the default)."""
    if text is None or text == "today":
        return date.today()
    return day_option(text, option)


AsOf = Annotated[
    str | None,
    typer.Option(
        "--as-of", metavar="DATE", help="Plan as of this day (YYYY-MM-DD). Default: today."
    ),
]
OnDay = Annotated[
    str | None, typer.Option("--on", metavar="DATE", help="When it happened. Default: today.")
]

ask_app = typer.Typer(help="Record an ask you sent.", no_args_is_help=True)
asks_app = typer.Typer(
    help="Your open asks and what is due; update an ask's outcome.",
    invoke_without_command=True,
)
app.add_typer(ask_app, name="ask")
app.add_typer(asks_app, name="asks")


@ask_app.command("record")
def record(
    via: Annotated[str, typer.Option(help="The contact you asked (person id).")],
    to: Annotated[str, typer.Option(help="The person you asked to meet (person id).")],
    company: Annotated[str, typer.Option(help="The company.")],
    channel: Annotated[str | None, typer.Option(help="email, linkedin or note.")] = None,
    on: OnDay = None,
    note: Annotated[str | None, typer.Option(help="A note for yourself.")] = None,
    force: Annotated[
        bool, typer.Option(help="Record it even if the rules advise against.")
    ] = False,
    graph: GraphOption = None,
    me: MeOption = None,
    backend: BackendOption = "memory",
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
) -> None:
    """Record an ask you sent, after checking it against the etiquette rules.

    The rules: one open ask per contact, a cooldown after each ask (longer
    after a decline), never the same contact for someone they declined to
    introduce, and a budget of open asks and asks per week. --force overrides.
    With --backend neo4j the ask is also written to the graph, where your
    teammates' plans see it (their contacts' cooldowns include it).

    Example: intropath ask record --via zoe --to amara --company Muse
    """
    with backend_store(backend, graph, uri, user, password, database) as store:
        record_ask(store, via, to, company, channel, parse_day(on, "--on"), note, force, me)


def record_ask(
    store: "Store",
    via: str,
    to: str,
    company: str,
    channel: str | None,
    day: date,
    note: str | None,
    force: bool,
    me: str | None,
) -> None:
    """Check an ask against the rules, log it, and share it if the store is Neo4j."""
    from ..outreach.current import load_etiquette, log_path
    from ..outreach.log import AskLog
    from ..planner import resolve_me

    who = resolve_me(store, me).id
    contact, target = store.person(via), store.person(to)
    if store.tie(who, via) is None:
        raise IntropathError(f"you have no tie to {via!r} in the graph; record asks to contacts")
    index = store.company_index()
    company_name = index.companies[index.resolve(company)].name
    etiquette = load_etiquette(day, store)
    review = etiquette.review(who, [target], store.person, store.tie)
    reasons = [
        review.skip_contacts.get(via),
        review.skip_pairs.get((via, to)),
        review.avoid.get(to),
        f"{contact.name} is marked do-not-ask" if contact.do_not_ask else None,
        *review.notes,
    ]
    problems = [r for r in reasons if r]
    if problems and not force:
        raise EtiquetteError(f"{problems[0]} (use --force to record it anyway)")
    with AskLog(log_path()) as log:
        ask = log.record(
            me=who, via=via, target=to, company=company_name, on=day, channel=channel, note=note
        )
    _share(store, ask)
    follow_up = day + timedelta(days=etiquette.rules.followup_after_days)
    console.print(
        f"Recorded ask {ask.id}: {contact.name} about {target.name} at {company_name} "
        f"on {day}. If there is no answer, follow up once, from {follow_up}."
    )


@asks_app.callback()
def asks(
    ctx: typer.Context,
    as_of: AsOf = None,
    show_all: Annotated[bool, typer.Option("--all", help="Include closed asks.")] = False,
    as_json: JsonOption = False,
    graph: GraphOption = None,
    me: MeOption = None,
    backend: BackendOption = "memory",
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
) -> None:
    """List your open asks and what is due (e.g. "follow up with Dana today").

    With --backend neo4j, your teammates' open asks are listed too, so nobody
    asks the same contact twice.

    Example: intropath asks --as-of 2026-12-01
    """
    if ctx.invoked_subcommand is not None:
        return
    from rich.text import Text

    from ..outreach.current import load_etiquette
    from ..outreach.rules import due, effective

    today = parse_day(as_of)
    with backend_store(backend, graph, uri, user, password, database, quiet=as_json) as store:
        etiquette = load_etiquette(today, store)
        who = me or store.owner

        def name(person_id: str) -> str:
            try:
                return store.person(person_id).name
            except IntropathError:
                return person_id

        items = due(etiquette.asks, etiquette.rules, today, name)
        team = [
            a
            for a in (effective(t, etiquette.rules, today) for t in etiquette.team)
            if a.me != who and a.sent_on <= today and a.status.is_open
        ]
        team_lines = [
            f"{name(a.me)} asked {name(a.via)} about {name(a.target)} on {a.sent_on} "
            f"({a.status.value.replace('_', ' ')})"
            for a in team
        ]
    open_ids = {d.ask.id for d in items}
    closed = (
        [
            effective(a, etiquette.rules, today)
            for a in etiquette.asks
            if a.id not in open_ids and a.sent_on <= today
        ]
        if show_all
        else []
    )
    if as_json:
        emit_json(
            json.dumps(
                {
                    "as_of": today.isoformat(),
                    "open": [
                        {
                            **d.ask.model_dump(mode="json"),
                            "due": d.action,
                            "due_on": d.on.isoformat(),
                            "message": d.message,
                        }
                        for d in items
                    ],
                    "closed": [a.model_dump(mode="json") for a in closed],
                    "team": [a.model_dump(mode="json") for a in team],
                },
                indent=2,
            )
        )
        return
    if not items and not closed:
        console.print(f"No open asks as of {today}.")
    for d in items:
        console.print(Text.assemble((f"#{d.ask.id}", "bold"), f" {d.message}"))
    for a in closed:
        console.print(
            f"#{a.id} {name(a.via)} about {name(a.target)}: {a.status.value} "
            f"({a.closed_on or a.sent_on})"
        )
    if team_lines:
        console.print("Your teammates' open asks:")
        for line in team_lines:
            console.print(f"  {line}")


@asks_app.command("update")
def update(
    ask_id: Annotated[
        int,
        typer.Argument(
            metavar="ID", min=1, max=MAX_ASK_ID, help="The ask's number (see `intropath asks`)."
        ),
    ],
    status: Annotated[
        AskStatus,
        typer.Option(help="followed_up, introduced, declined, silent or withdrawn."),
    ],
    on: OnDay = None,
    graph: GraphOption = None,
    backend: BackendOption = "memory",
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
) -> None:
    """Record what became of an ask.

    An "introduced" outcome is added as evidence to the ties involved in your
    graph (you -> contact, contact -> target, you -> target), which can only
    raise their numbers. The bundled sample graph is never modified.
    """
    from ..config import resolve_graph, sample_graph_path
    from ..outreach.current import log_path
    from ..outreach.log import AskLog
    from ..settings import load_settings

    day = parse_day(on, "--on")
    rules = load_settings().etiquette
    with AskLog(log_path()) as log:
        if status is AskStatus.FOLLOWED_UP:
            ask = log.get(ask_id)
            earliest = ask.sent_on + timedelta(days=rules.followup_after_days)
            if day < earliest:
                raise EtiquetteError(
                    f"ask {ask_id} was sent on {ask.sent_on}; give it until "
                    f"{earliest} before your one follow-up"
                )
        ask = log.update(ask_id, status, day)
    if backend == "neo4j":
        with backend_store(backend, None, uri, user, password, database) as store:
            _share(store, ask)
    console.print(f"Ask {ask.id} is now {ask.status.value} ({day}).")
    if status is AskStatus.INTRODUCED:
        path, _ = resolve_graph(graph)
        if path == sample_graph_path():
            err_console.print("The bundled sample graph is not modified.")
            return
        from ..graphfile import load_document, locked, save_document
        from ..outreach.feedback import record_introduction

        with locked(path):
            document = load_document(path)
            changed = record_introduction(document, ask, day)
            if changed:
                save_document(document, path)
            console.print(f"Added the introduction to {len(changed)} ties in {path}.")
