"""The commands of ``intropath`` (each a thin skin over one library call)."""

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from ..scoring import MAX_HOPS_LIMIT, MAX_TOP, MAX_WEIGHT
from .app import GraphOption, JsonOption, MeOption, app, console, emit_json, read_graph
from .draft import draft_for_find
from .neo4j import (
    BackendOption,
    DatabaseOption,
    PasswordOption,
    UriOption,
    UserOption,
    backend_store,
)

if TYPE_CHECKING:
    from pydantic import BaseModel

# Modules a command needs are imported inside it: `intropath --help` and `find`
# should not pay for drafting (Jinja2), the planner or networkx up front.


@app.command()
def find(
    company: Annotated[
        str, typer.Option("--company", "-c", help="The company, as you would write it.")
    ],
    graph: GraphOption = None,
    me: MeOption = None,
    role: Annotated[
        str | None,
        typer.Option(
            help="A role or team (e.g. 'product designer'); matching people score higher."
        ),
    ] = None,
    top: Annotated[
        int, typer.Option(min=1, max=MAX_TOP, help="How many paths to list overall.")
    ] = 5,
    max_hops: Annotated[
        int, typer.Option(min=1, max=MAX_HOPS_LIMIT, help="Longest path, in ties.")
    ] = 3,
    trust_weight: Annotated[
        float,
        typer.Option(
            min=0.0, max=MAX_WEIGHT, help="Exponent on trust (0 ignores it, 2 stresses it)."
        ),
    ] = 1.0,
    familiarity_weight: Annotated[
        float, typer.Option(min=0.0, max=MAX_WEIGHT, help="Exponent on familiarity.")
    ] = 1.0,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="DATE",
            help="Apply the etiquette rules as of this day (YYYY-MM-DD). Default: today.",
        ),
    ] = None,
    etiquette: Annotated[
        bool,
        typer.Option(
            help="Apply the etiquette rules and your logged asks (cooldowns, open asks, "
            "hiring managers, budget).",
        ),
    ] = True,
    draft: Annotated[
        bool, typer.Option("--draft", help="Add the draft request for the top ask.")
    ] = False,
    backend: BackendOption = "memory",
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
    as_json: JsonOption = False,
) -> None:
    """Whom should I ask for an introduction to someone at COMPANY, and why?

    Lists your first-degree contacts best first, each with their best route,
    how many people at the company they can lead to (reach), and the weakest
    link; then the top paths hop by hop with the numbers and the evidence.

    Example: intropath find --company Muse --role "product designer"
    """
    from ..outreach.current import load_etiquette
    from ..planner import plan
    from .asks import parse_day
    from .render import ASKS_SHOWN, print_plan

    with backend_store(backend, graph, uri, user, password, database) as store:
        rules = load_etiquette(parse_day(as_of), store) if etiquette else False
        result = plan(
            store,
            company,
            me=me,
            role=role,
            top=top,
            max_hops=max_hops,
            trust_weight=trust_weight,
            familiarity_weight=familiarity_weight,
            etiquette=rules,
            # The table shows the best few asks; --json and --draft use them all.
            asks=None if as_json or draft else ASKS_SHOWN,
        )
        message = None
        if draft and not result.no_path:
            message = draft_for_find(result, store)
    if message is not None:
        from ..drafting.render import plan_with_draft_json, print_draft

        if as_json:
            emit_json(plan_with_draft_json(result, message))
        else:
            print_plan(console, result)
            print_draft(console, message)
    elif as_json:
        emit_json(result.to_json())
    else:
        print_plan(console, result)


@app.command()
def schema(
    what: Annotated[
        str,
        typer.Argument(
            help="'graph' (the graph file format), 'plan' (find --json) or 'draft' (draft --json)."
        ),
    ] = "graph",
) -> None:
    """Print the JSON Schema of the graph file format (or of `find --json`, `draft --json`)."""
    from ..drafting.models import Draft
    from ..model import GraphDocument
    from ..results import Plan

    models: dict[str, type[BaseModel]] = {"graph": GraphDocument, "plan": Plan, "draft": Draft}
    if what not in models:
        raise typer.BadParameter(
            f"choose 'graph', 'plan' or 'draft', not {what!r}", param_hint="WHAT"
        )
    emit_json(json.dumps(models[what].model_json_schema(by_alias=True), indent=2))


@app.command()
def convert(
    source: Annotated[Path, typer.Argument(help="Graph file to read.")],
    target: Annotated[Path, typer.Argument(help="File to write.")],
    to: Annotated[
        Literal["json", "yaml", "node-link", "graphml"] | None,
        typer.Option(
            help="Output format. Default: from TARGET's extension (.graphml, .yaml) or json."
        ),
    ] = None,
) -> None:
    """Convert a graph between intropath JSON or YAML, node-link JSON and GraphML.

    GraphML opens in Gephi; node-link JSON in networkx
    (networkx.node_link_graph). Both read back losslessly.
    """
    from ..graphfile import load_document, save_document

    document = load_document(source)
    save_document(document, target, format=to)
    console.print(
        f"Wrote {target}: {len(document.people)} people, {len(document.ties)} ties, "
        f"{len(document.companies)} companies, {len(document.groups)} groups.",
        soft_wrap=True,  # a path is never broken across lines
    )


@app.command()
def check(graph: GraphOption = None, as_json: JsonOption = False) -> None:
    """Validate a graph file and print what it holds."""
    document, _ = read_graph(graph)
    counts = {
        "people": len(document.people),
        "ties": len(document.ties),
        "companies": len(document.companies),
        "groups": len(document.groups),
        "me": document.me,
    }
    if as_json:
        emit_json(json.dumps(counts))
    else:
        console.print(", ".join(f"{k}: {v}" for k, v in counts.items()))


@app.command()
def paths(as_json: JsonOption = False) -> None:
    """Show where intropath keeps things: config files, your graph, the ask log, templates.

    Nothing here leaves your machine. $INTROPATH_CONFIG_DIR and
    $INTROPATH_DATA_DIR move the two folders.
    """
    from ..config import config_files, default_graph_path, resolve_graph
    from ..drafting.templates import user_template_dir
    from ..outreach.current import log_path

    graph, why = resolve_graph(None)
    found = {
        "config files (later ones win)": [str(p) for p in config_files()],
        "graph used by default": f"{graph} ({why})",
        "your imported graph": str(default_graph_path()),
        "outreach log": str(log_path()),
        "your templates": str(user_template_dir()),
    }
    if as_json:
        emit_json(json.dumps(found, indent=2))
        return
    for label, value in found.items():
        if isinstance(value, list):
            for path in value:
                mark = "exists" if Path(path).is_file() else "not there"
                console.print(f"{label}: {path} ({mark})", soft_wrap=True)
        else:
            console.print(f"{label}: {value}", soft_wrap=True)
