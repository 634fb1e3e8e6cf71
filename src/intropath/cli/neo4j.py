"""``intropath neo4j ...``: load the network into Neo4j, check it, clear it.

Each command opens the store with :func:`intropath.stores.neo4j.open_neo4j_store`
(flags, then ``NEO4J_*`` variables, then the ``[neo4j]`` table of the config)
and calls one store method.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from .app import GraphOption, app, console, open_store, progress_bar, read_graph

if TYPE_CHECKING:
    from ..stores.base import Store
    from ..stores.neo4j import Neo4jStore

neo4j_app = typer.Typer(
    name="neo4j",
    help="Keep the network in Neo4j: load it, check what is stored, clear it.",
    no_args_is_help=True,
)
app.add_typer(neo4j_app, name="neo4j")

UriOption = Annotated[
    str | None,
    typer.Option(
        "--uri",
        metavar="URI",
        help="Server, e.g. neo4j://localhost:7687 (default: $NEO4J_URI, then the config file).",
        show_default=False,
    ),
]
UserOption = Annotated[
    str | None,
    typer.Option(
        "--user",
        metavar="NAME",
        help="User (default: $NEO4J_USERNAME, else neo4j).",
        show_default=False,
    ),
]
PasswordOption = Annotated[
    str | None,
    typer.Option(
        "--password",
        metavar="SECRET",
        help="Password (default: $NEO4J_PASSWORD).",
        show_default=False,
    ),
]
DatabaseOption = Annotated[
    str | None,
    typer.Option(
        "--database",
        metavar="NAME",
        help="Database (default: $NEO4J_DATABASE, else the server's default).",
        show_default=False,
    ),
]


BackendOption = Annotated[
    Literal["memory", "neo4j"],
    typer.Option(
        help="Where the network lives: memory (a graph file) or neo4j (a server: --uri or "
        "$NEO4J_URI, ...).",
    ),
]


@contextmanager
def backend_store(
    backend: str,
    graph: Path | None,
    uri: str | None,
    user: str | None,
    password: str | None,
    database: str | None,
    quiet: bool = False,
) -> "Iterator[Store]":
    """The store a command works on: a graph file in memory, or a Neo4j server."""
    if backend != "neo4j":
        yield open_store(graph, quiet=quiet)
        return
    if graph is not None:
        raise typer.BadParameter("--graph is for --backend memory", param_hint="--graph")
    with connect(uri, user, password, database) as store:
        yield store


def connect(
    uri: str | None, user: str | None, password: str | None, database: str | None
) -> "Neo4jStore":
    """Open the store (imports the driver only now)."""
    from ..stores.neo4j import open_neo4j_store

    return open_neo4j_store(uri, user, password, database)


@neo4j_app.command()
def load(
    graph: GraphOption = None,
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
) -> None:
    """Write a graph file into Neo4j (people, companies, groups, ties).

    Creates the constraints if they are missing. Loading the same file again
    changes nothing; the report says how much was created and how much was
    already there.

    Example: intropath neo4j load --graph my-network.json
    """
    from ..stores.neo4j_load import LoadPlan

    document, path = read_graph(graph)
    plan = LoadPlan.from_document(document)
    with connect(uri, user, password, database) as store, progress_bar() as progress:
        report = store.load(plan, progress)
        where = store.settings.where()
    console.print(f"Loaded {path} into {where}: {report.describe()}.", soft_wrap=True)


@neo4j_app.command()
def status(
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
) -> None:
    """Show the server version and how much of the network is stored."""
    with connect(uri, user, password, database) as store:
        info = store.status()
        where = store.settings.where()
    console.print(f"{info.server} at {where}")
    console.print(", ".join(f"{kind}: {count:,}" for kind, count in info.counts.items()))
    console.print(f"me: {info.owner or '(not set)'}")


@neo4j_app.command()
def clear(
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
) -> None:
    """Delete the network from Neo4j (asks first; other data and the constraints stay)."""
    with connect(uri, user, password, database) as store:
        counts = store.status().counts
        where = store.settings.where()
        summary = (
            f"{counts['people']:,} people, {counts['ties']:,} ties, "
            f"{counts['companies']:,} companies, {counts['groups']:,} groups"
        )
        if not yes:
            typer.confirm(f"Delete {summary} from {where}?", abort=True)
        store.clear()
    console.print(f"Deleted {summary} from {where}.")
