"""The typer application and what every command shares.

Commands are thin: they open a store, call one library function with the same
argument names, and format the result. Errors that users cause derive from
:class:`~intropath.errors.IntropathError` and are printed here, once, as one
line with exit code 1.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from typer.core import TyperGroup

from ..config import resolve_graph
from ..errors import IntropathError

if TYPE_CHECKING:
    from ..model import GraphDocument
    from ..stores.memory import MemoryStore

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
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)

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


def read_graph(graph: Path | None, quiet: bool = False) -> tuple[GraphDocument, Path]:
    """Read the graph file the user asked for (or the default) and say which one."""
    from ..graphfile import load_document

    path = _announce(graph, quiet)
    return load_document(path), path


def open_store(graph: Path | None, quiet: bool = False) -> MemoryStore:
    """The graph file the user asked for (or the default), in memory (through the cache)."""
    from ..graphcache import open_graph

    return open_graph(_announce(graph, quiet))


def _announce(graph: Path | None, quiet: bool) -> Path:
    path, why = resolve_graph(graph)
    if not quiet:
        err_console.print(f"[dim]Using graph {path} ({why})[/dim]", soft_wrap=True)
    return path


def main() -> None:
    """Console-script entry point (``intropath.cli`` has registered every command)."""
    app(prog_name="intropath")


def emit_json(text: str) -> None:
    sys.stdout.write(text + "\n")
