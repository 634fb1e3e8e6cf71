"""Commands that bring data in and record what the user knows.

``import linkedin|vcard|google|mail|calendar``, ``tie set``, ``person set``,
``ratings import`` and ``explain``. Each calls one library function
(:mod:`intropath.importers`, :mod:`intropath.manual`) and writes the graph
atomically: the saved graph changes only if the whole command succeeds.
"""

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Protocol

import typer

from ..contact_policy import ContactPolicy
from ..errors import GraphFileError, IntropathError, InvalidRating
from .app import (
    GraphOption,
    JsonOption,
    MeOption,
    app,
    console,
    day_option,
    emit_json,
    err_console,
    open_store,
    progress_bar,
)

if TYPE_CHECKING:
    from ..importers import ImportReport
    from ..model import GraphDocument
    from ..strength import StrengthParams

# What a command works with is imported when it runs: the importers pull in the
# calendar, mail and transliteration libraries, and the graph file reader and
# settings pydantic, which `intropath --help` and `find` should not pay for here.

import_app = typer.Typer(
    help="Import a LinkedIn export, an address book, mail or a calendar into your graph.",
    no_args_is_help=True,
)
tie_app = typer.Typer(
    help="Rate a relationship yourself (overrides the model).", no_args_is_help=True
)
person_app = typer.Typer(help="Set a person's contact policy and flags.", no_args_is_help=True)
ratings_app = typer.Typer(help="Apply many ratings and flags from a CSV.", no_args_is_help=True)
app.add_typer(import_app, name="import")
app.add_typer(tie_app, name="tie")
app.add_typer(person_app, name="person")
app.add_typer(ratings_app, name="ratings")

IntoOption = Annotated[
    Path | None,
    typer.Option(
        "--into",
        metavar="FILE",
        show_default=False,
        help="Graph file to merge into and write. Default: your graph in the user "
        "data dir (or 'graph' in the config file).",
    ),
]
OwnerOption = Annotated[
    str | None,
    typer.Option(
        "--owner",
        metavar="NAME",
        help="Whose data this is: a name, an existing person id or a profile URL. "
        "Import each team member's export with their --owner to pool networks.",
    ),
]
FreshOption = Annotated[
    bool,
    typer.Option("--fresh", help="Start a new graph instead of merging into the existing one."),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help="Measure recency from this day (YYYY-MM-DD). Default: today.",
    ),
]
Neo4jOption = Annotated[
    bool,
    typer.Option(
        "--neo4j",
        help="Also load the merged network into Neo4j (server from NEO4J_URI, "
        "NEO4J_USERNAME, NEO4J_PASSWORD or the [neo4j] config table).",
    ),
]
WriteGraphOption = Annotated[
    Path | None,
    typer.Option(
        "--graph",
        "-g",
        metavar="FILE",
        show_default=False,
        help="Graph file to change. Default: your imported graph.",
    ),
]


class Importer(Protocol):
    """The shape shared by import_linkedin, import_vcard and import_google_contacts."""

    def __call__(
        self,
        path: Path,
        document: "GraphDocument | None" = None,
        *,
        owner: str | None = None,
        params: "StrengthParams" = ...,
        as_of: date | None = None,
    ) -> "tuple[GraphDocument, ImportReport]": ...


def _say(text: str) -> None:
    console.print(text, soft_wrap=True)


def _warn(text: str) -> None:
    err_console.print(text, soft_wrap=True)


def target_path(explicit: Path | None) -> Path:
    """Where writes go: the file given, else ``graph`` in the config, else the user's graph."""
    from ..config import default_graph_path
    from ..settings import load_settings

    if explicit is not None:
        return explicit
    return load_settings().graph or default_graph_path()


def _as_of(text: str | None) -> date | None:
    return None if text is None else day_option(text, "--as-of")


def _params() -> "StrengthParams":
    from ..settings import load_settings

    return load_settings().strength


def _run_import(
    importer: Importer,
    source: Path,
    into: Path | None,
    owner: str | None,
    fresh: bool,
    as_of: str | None,
    as_json: bool,
    neo4j: bool = False,
) -> None:
    if owner is not None and not owner.strip():
        raise IntropathError("--owner is blank; give a name, a person id or a profile URL")
    params, day = _params(), _as_of(as_of)

    def run(document: "GraphDocument | None") -> "tuple[GraphDocument, ImportReport]":
        return importer(source, document, owner=owner, params=params, as_of=day)

    _import_with(run, into, fresh, as_json, neo4j)


def _import_with(
    run: "Callable[[GraphDocument | None], tuple[GraphDocument, ImportReport]]",
    into: Path | None,
    fresh: bool,
    as_json: bool,
    neo4j: bool,
) -> None:
    from ..graphfile import load_document, locked, save_document

    path = target_path(into)
    # load, merge and save as one step under the lock: a concurrent write is not lost
    with locked(path), progress_bar() as progress:
        document = None if fresh or not path.exists() else load_document(path, progress)
        progress("importing", 0, 0)
        merged, report = run(document)
        report.target = str(path)
        if neo4j:
            from ..stores.neo4j import open_neo4j_store

            with open_neo4j_store() as store:  # connect first: an unreachable server writes nothing
                save_document(merged, path)
                loaded = store.load_document(merged, progress).describe()  # idempotent
        else:
            save_document(merged, path)
    _print_report(report, merged, as_json)
    if neo4j and not as_json:
        _say(f"Loaded into Neo4j: {loaded}")


def _print_report(report: "ImportReport", document: "GraphDocument", as_json: bool) -> None:
    if as_json:
        emit_json(
            json.dumps(
                {
                    "source": report.source,
                    "owner": report.owner,
                    "graph": report.target,
                    "counts": dict(report.counts),
                    "skipped": report.skipped_count,
                    "skipped_rows": report.skipped,
                    "notes": report.notes,
                    "formats": report.formats,
                    "people": len(document.people),
                    "ties": len(document.ties),
                },
                indent=2,
            )
        )
        return
    _say(f"Imported {report.source} as {report.owner}: {report.summary()}.")
    for line in report.skipped:
        _warn(f"  skipped {line}")
    if report.skipped_count > len(report.skipped):
        _warn(f"  ... and {report.skipped_count - len(report.skipped)} more")
    for where, how in report.formats.items():
        _warn(f"  read {where} as {how}")
    for line in report.notes:
        _warn(f"  note: {line}")
    if report.notes_count > len(report.notes):
        _warn(f"  ... and {report.notes_count - len(report.notes)} more notes")
    _say(f"Wrote {report.target}: {len(document.people)} people, {len(document.ties)} ties.")


@import_app.command("linkedin")
def import_linkedin_command(
    path: Annotated[Path, typer.Argument(help="The export zip as downloaded, or its folder.")],
    owner: OwnerOption = None,
    into: IntoOption = None,
    fresh: FreshOption = False,
    as_of: AsOfOption = None,
    neo4j: Neo4jOption = False,
    as_json: JsonOption = False,
) -> None:
    """Import a LinkedIn data export (only Connections.csv is required).

    Messages, invitations, endorsements, recommendations, positions and
    education become evidence; trust and familiarity come from the strength
    model (docs/strength-model.md). Re-importing a newer export replaces the
    old one's evidence and keeps your ratings, notes and contact policies.
    Message text is never stored.

    Example: intropath import linkedin ~/Downloads/Basic_LinkedInDataExport.zip
    """
    from ..importers import import_linkedin

    _run_import(import_linkedin, path, into, owner, fresh, as_of, as_json, neo4j)


@import_app.command("vcard")
def import_vcard_command(
    path: Annotated[Path, typer.Argument(help="A .vcf address book (vCard 2.1, 3.0 or 4.0).")],
    owner: OwnerOption = None,
    into: IntoOption = None,
    fresh: FreshOption = False,
    as_of: AsOfOption = None,
    neo4j: Neo4jOption = False,
    as_json: JsonOption = False,
) -> None:
    """Merge a vCard address book into the same people (by profile URL, email, name)."""
    from ..importers import import_vcard

    _run_import(import_vcard, path, into, owner, fresh, as_of, as_json, neo4j)


@import_app.command("google")
def import_google_command(
    path: Annotated[Path, typer.Argument(help="A Google Contacts (or Outlook) CSV export.")],
    owner: OwnerOption = None,
    into: IntoOption = None,
    fresh: FreshOption = False,
    as_of: AsOfOption = None,
    neo4j: Neo4jOption = False,
    as_json: JsonOption = False,
) -> None:
    """Merge a Google Contacts or Outlook CSV into the same people."""
    from ..importers import import_google_contacts

    _run_import(import_google_contacts, path, into, owner, fresh, as_of, as_json, neo4j)


OwnerAddressOption = Annotated[
    list[str] | None,
    typer.Option(
        "--owner",
        metavar="EMAIL",
        show_default=False,
        help="Your address in these files; repeat it (or separate with commas) for each "
        "address you use. Default: email under \\[me] in the config file, else your graph's.",
    ),
]


class ArchiveImporter(Protocol):
    """The shape shared by import_mail and import_calendar."""

    def __call__(
        self,
        paths: list[Path],
        document: "GraphDocument | None" = None,
        *,
        owner: list[str] = ...,
        owner_name: str | None = None,
        params: "StrengthParams" = ...,
        as_of: date | None = None,
    ) -> "tuple[GraphDocument, ImportReport]": ...


def _run_archive_import(
    importer: ArchiveImporter,
    paths: list[Path],
    owner: list[str] | None,
    into: Path | None,
    fresh: bool,
    as_of: str | None,
    as_json: bool,
    neo4j: bool,
) -> None:
    from ..settings import load_settings

    me = load_settings().me
    addresses = owner or ([me.email] if me.email else [])
    day = _as_of(as_of)

    def run(document: "GraphDocument | None") -> "tuple[GraphDocument, ImportReport]":
        return importer(
            paths,
            document,
            owner=addresses,
            owner_name=me.name,
            params=_params(),
            as_of=day,
        )

    _import_with(run, into, fresh, as_json, neo4j)


@import_app.command("mail")
def import_mail_command(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="mbox files (Thunderbird, Google Takeout's .mbox or its .zip/.tgz as "
            "downloaded), Maildir folders, or folders of them.",
            metavar="PATH...",
            show_default=False,
        ),
    ],
    owner: OwnerAddressOption = None,
    into: IntoOption = None,
    fresh: FreshOption = False,
    as_of: AsOfOption = None,
    neo4j: Neo4jOption = False,
    as_json: JsonOption = False,
) -> None:
    """Count whom you wrote to and heard from in mail archives, on this machine.

    Only headers are read, and only counts, dates and addresses are kept:
    never subjects, bodies or attachments. Mailing lists, bulk and automated
    mail, drafts, spam and duplicates are left out and counted; a malformed
    message is skipped and listed. People merge by email, then by name; new
    people are added only if you exchanged mail both ways. Give all your
    archives to one import: importing again replaces the earlier mail evidence.

    Example: intropath import mail ~/Downloads/takeout-20250101.zip --owner alex@example.com
    """
    from ..importers import import_mail

    _run_archive_import(import_mail, paths, owner, into, fresh, as_of, as_json, neo4j)


@import_app.command("calendar")
def import_calendar_command(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="iCalendar exports: .ics files, a zip of them, or folders.",
            metavar="PATH...",
            show_default=False,
        ),
    ],
    owner: OwnerAddressOption = None,
    into: IntoOption = None,
    fresh: FreshOption = False,
    as_of: AsOfOption = None,
    neo4j: Neo4jOption = False,
    as_json: JsonOption = False,
) -> None:
    """Count whom you met, how often and in how large a meeting, from calendar exports.

    Recurring events count once per occurrence up to today; cancelled and
    declined events, rooms and events with no one else are left out. Only
    counts, dates and sizes are kept, never titles or descriptions. People
    merge by email, then by name; new people are added only if you met them
    in a meeting of at most four people.

    Example: intropath import calendar ~/Downloads/alex@example.com.ics
    """
    from ..importers import import_calendar

    _run_archive_import(import_calendar, paths, owner, into, fresh, as_of, as_json, neo4j)


@contextmanager
def _editing(graph: Path | None) -> "Iterator[tuple[Path, GraphDocument]]":
    """The graph to change, loaded under its lock; save it before leaving."""
    from ..graphfile import load_document, locked

    path = target_path(graph)
    if not path.exists():
        raise GraphFileError(
            f"{path}: no graph yet; import one first (intropath import linkedin EXPORT) "
            "or pass --graph FILE"
        )
    with locked(path):
        yield path, load_document(path)


@tie_app.command("set")
def tie_set(
    person: Annotated[str, typer.Argument(help="An id, name, email or profile URL.")],
    trust: Annotated[
        float | None, typer.Option(min=0.0, max=1.0, help="How readily they would vouch for you.")
    ] = None,
    familiarity: Annotated[
        float | None, typer.Option(min=0.0, max=1.0, help="How well you know each other now.")
    ] = None,
    note: Annotated[str | None, typer.Option(help="How you know them, in your words.")] = None,
    with_: Annotated[
        str | None, typer.Option("--with", metavar="OTHER", help="The other person. Default: me.")
    ] = None,
    graph: WriteGraphOption = None,
) -> None:
    """Rate a tie yourself; your numbers override the model and survive re-imports.

    Example: intropath tie set "Dana Reyes" --trust 0.9 --familiarity 0.6 --note "same team 3 years"
    """
    if trust is None and familiarity is None and not note:
        raise InvalidRating("give --trust, --familiarity or --note")
    from ..graphfile import save_document
    from ..manual import set_tie

    with _editing(graph) as (path, document):
        tie = set_tie(
            document,
            person,
            other=with_,
            trust=trust,
            familiarity=familiarity,
            note=note,
            params=_params(),
        )
        save_document(document, path)
    _say(f"{tie.a} - {tie.b}: trust {tie.trust:.2f}, familiarity {tie.familiarity:.2f}")


@person_app.command("set")
def person_set(
    person: Annotated[str, typer.Argument(help="An id, name, email or profile URL.")],
    policy: Annotated[
        ContactPolicy | None, typer.Option(help="How they want to be approached.")
    ] = None,
    recruiter: Annotated[
        bool | None, typer.Option("--recruiter/--not-recruiter", help="They recruit.")
    ] = None,
    hiring_manager: Annotated[
        bool | None,
        typer.Option(
            "--hiring-manager/--not-hiring-manager",
            help="They hire (approach via the team or a recruiter instead).",
        ),
    ] = None,
    email: Annotated[str | None, typer.Option(help="Their email address.")] = None,
    graph: WriteGraphOption = None,
) -> None:
    """Set a person's contact policy and flags (kept across re-imports).

    Example: intropath person set "Kim Novak" --policy prefers_email --recruiter
    """
    from ..graphfile import save_document
    from ..manual import set_person

    with _editing(graph) as (path, document):
        found = set_person(
            document,
            person,
            policy=policy,
            recruiter=recruiter,
            hiring_manager=hiring_manager,
            email=email,
        )
        save_document(document, path)
    flags = [
        f
        for f, on in (("recruiter", found.recruiter), ("hiring manager", found.hiring_manager))
        if on
    ]
    _say(f"{found.id}: {found.contact_policy.value}" + "".join(f", {f}" for f in flags))


@ratings_app.command("import")
def ratings_import(
    path: Annotated[
        Path,
        typer.Argument(
            help="CSV: person, with, trust, familiarity, note, policy, recruiter, hiring_manager."
        ),
    ],
    graph: WriteGraphOption = None,
    as_json: JsonOption = False,
) -> None:
    """Apply a CSV of ratings, notes, policies and flags; bad rows are listed and skipped."""
    from ..graphfile import save_document
    from ..manual import import_ratings

    with _editing(graph) as (target, document):
        report = import_ratings(document, path, params=_params())
        save_document(document, target)
    report.target, report.owner = str(target), document.me
    _print_report(report, document, as_json)


@ratings_app.command("template")
def ratings_template_command(
    company: Annotated[
        str, typer.Option("--company", "-c", help="The company, as you would write it.")
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write the CSV here. Default: print it."
        ),
    ] = None,
    top: Annotated[int, typer.Option(min=1, help="How many of the best asks to cover.")] = 10,
    graph: GraphOption = None,
    me: MeOption = None,
) -> None:
    """Write a ratings CSV of the ties your best asks at COMPANY rest on, unrated so far.

    Fill in trust and familiarity (0 to 1) for the people you know, then apply
    it: intropath ratings import FILE. Rows left blank change nothing.

    Example: intropath ratings template --company Muse -o ratings.csv
    """
    from ..graphfile import write_atomic
    from ..manual import ratings_template
    from ..planner import plan

    text = ratings_template(plan(open_store(graph), company, me=me), top)
    if output is None:
        console.out(text, end="", highlight=False)
        return
    write_atomic(output, text)
    rows = text.count("\n") - 1
    _say(f"Wrote {output}: {rows} ties to rate (then: intropath ratings import {output}).")


@app.command()
def explain(
    person: Annotated[str, typer.Argument(help="An id, name, email or profile URL.")],
    graph: GraphOption = None,
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show a person's ties: each number and the evidence behind it.

    Example: intropath explain "Dana Reyes"
    """
    from ..config import resolve_graph, sample_graph_path
    from ..graphfile import load_document
    from ..manual import explain as explain_person
    from ..strength import explain_lines, level_of

    path, why = resolve_graph(graph)
    if path == sample_graph_path() and not as_json:
        _warn(f"Using graph {path} ({why})")
    document = load_document(path)
    found, ties = explain_person(document, person, params=_params(), as_of=_as_of(as_of))
    if as_json:
        emit_json(
            json.dumps(
                {
                    "person": found.model_dump(mode="json", exclude_defaults=True),
                    "ties": [
                        {
                            "a": t.a,
                            "b": t.b,
                            "trust": t.trust,
                            "familiarity": t.familiarity,
                            "model": {"trust": s.trust, "familiarity": s.familiarity},
                            "level": level_of(t.evidence).value,
                            "evidence": [
                                e.model_dump(mode="json", exclude_none=True) for e in t.evidence
                            ],
                            "reasons": explain_lines(s),
                        }
                        for t, s in ties
                    ],
                },
                indent=2,
            )
        )
        return
    title = f" ({found.title})" if found.title else ""
    _say(f"{found.name}{title} [{found.id}], {found.contact_policy.value}")
    if not ties:
        _say("  no ties")
    for tie, strength in ties:
        other = tie.b if tie.a == found.id else tie.a
        _say(
            f"  with {other}: trust {tie.trust:.2f}, familiarity {tie.familiarity:.2f} "
            f"({level_of(tie.evidence).label})"
        )
        for line in explain_lines(strength):
            _say(f"    {line}")
        if (round(tie.trust, 4), round(tie.familiarity, 4)) != (
            strength.trust,
            strength.familiarity,
        ):
            _say(
                f"    (the model now gives trust {strength.trust:.2f}, familiarity "
                f"{strength.familiarity:.2f}; the graph holds numbers set earlier or by hand)"
            )
