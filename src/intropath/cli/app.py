"""The typer application and what every command shares.

Commands are thin: they open a store, call one library function with the same
argument names, and format the result. Errors that users cause derive from
:class:`~intropath.errors.IntropathError` and are printed here, once, as one
line with exit code 1.
"""

from __future__ import annotations

import sys
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from typer.core import TyperGroup

from .. import __version__
from ..config import resolve_graph
from ..errors import IntropathError
from ..graphfile import load_document
from ..model import GraphDocument
from ..progress import Progress
from ..stores.memory import MemoryStore
from .logs import configure_logging
from .progress import bar_on

console = Console(highlight=False, soft_wrap=False)
err_console = Console(stderr=True, highlight=False)


class _Group(TyperGroup):
    """Turns intropath's errors into ``Error: ...`` and exit code 1."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except IntropathError as exc:
            fail(str(exc))
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            fail(f"{where}{exc.strerror or exc}")
        except KeyboardInterrupt:
            err_console.print("Interrupted.")
            raise typer.Exit(130) from None


def fail(message: str) -> None:
    """Print one error line and exit 1."""
    sys.stderr.write(f"Error: {' '.join(message.split())}\n")
    raise typer.Exit(1)


app = typer.Typer(
    cls=_Group,
    name="intropath",
    help="Plan warm introductions: whom to ask, why, and how to ask graciously.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


class _State:
    """What the options before the command said (``-q`` also hides notes and progress)."""

    quiet = False


state = _State()


def _show_version(value: bool) -> None:
    if value:
        sys.stdout.write(f"intropath {__version__}\n")
        raise typer.Exit()


@app.callback()
def _options(
    verbose: Annotated[
        int,
        typer.Option(
            "--verbose",
            "-v",
            count=True,
            show_default=False,
            help="Log what intropath does to stderr; -vv adds detail and the Neo4j driver's log.",
        ),
    ] = 0,
    quiet: Annotated[
        bool,
        typer.Option("--quiet", "-q", help="Print only results and errors: no notes, no progress."),
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Plan warm introductions: whom to ask, why, and how to ask graciously."""
    state.quiet = quiet and not verbose
    configure_logging(-1 if state.quiet else verbose)


GraphOption = Annotated[
    Path | None,
    typer.Option(
        "--graph",
        "-g",
        metavar="FILE",
        help="Graph file (JSON, YAML, node-link JSON or GraphML). Default: your imported graph, "
        "else the bundled sample.",
        show_default=False,
    ),
]
MeOption = Annotated[
    str | None,
    typer.Option(
        "--me", metavar="ID", help="Who is asking (a person id). Default: the graph's 'me'."
    ),
]
JsonOption = Annotated[
    bool, typer.Option("--json", help="Print a JSON document instead of tables.")
]


def progress_bar() -> AbstractContextManager[Progress]:
    """A progress bar on stderr when it is a terminal (and not ``--quiet``)."""
    return bar_on(err_console, quiet=state.quiet)


def read_graph(graph: Path | None, quiet: bool = False) -> tuple[GraphDocument, Path]:
    """Read the graph file the user asked for (or the default) and say which one."""
    path, why = resolve_graph(graph)
    if not (quiet or state.quiet):
        err_console.print(f"[dim]Using graph {path} ({why})[/dim]", soft_wrap=True)
    with progress_bar() as progress:
        return load_document(path, progress), path


def open_store(graph: Path | None, quiet: bool = False) -> MemoryStore:
    """The graph file the user asked for (or the default), in memory."""
    document, path = read_graph(graph, quiet)
    return MemoryStore(document, description=str(path))


def main() -> None:
    """Console-script entry point (``intropath.cli`` has registered every command)."""
    app(prog_name="intropath")


def emit_json(text: str) -> None:
    sys.stdout.write(text + "\n")
