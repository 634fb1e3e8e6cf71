"""The typer application and what every command shares.

Commands are thin: they open a store, call one library function with the same
argument names, and format the result. Errors that users cause derive from
:class:`~intropath.errors.IntropathError` and are printed here, once, as one
line with exit code 1.
"""

import atexit
import io
import os
import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import date
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any, NoReturn, cast

import typer
from typer.core import TyperGroup
from typer.main import get_command_name
from typer.models import CommandInfo

from .. import __version__
from ..errors import IntropathError
from ..progress import Progress
from ..terminal import TextConsole, one_line, safe_json
from . import lean_help
from .logs import configure_logging
from .progress import bar_on

if TYPE_CHECKING:
    from ..model import GraphDocument
    from ..stores.memory import MemoryStore

# Text consoles: data and paths are printed as text, never as markup.
console = TextConsole(soft_wrap=False)
err_console = TextConsole(stderr=True)

PIPED_WIDTH = 10_000
"""Output width when stdout is not a terminal: long lines stay whole for the next program."""


class _Piped(io.TextIOBase):
    """stdout for rich when it is not a terminal: whole lines, without trailing spaces."""

    def __init__(self) -> None:
        self._pending = ""

    def write(self, text: str) -> int:
        *lines, self._pending = (self._pending + text).split("\n")
        for line in lines:
            sys.stdout.write(line.rstrip() + "\n")
        return len(text)

    def flush(self) -> None:
        if self._pending:
            sys.stdout.write(self._pending.rstrip())
            self._pending = ""
        sys.stdout.flush()


def stdout_is_terminal() -> bool:
    """Is the output read by a person (else it is piped or redirected)?"""
    return sys.stdout.isatty()


@contextmanager
def _plain_when_piped() -> Iterator[None]:
    """Tables and text sized to their content, not hard-wrapped at 80 columns, when piped."""
    if stdout_is_terminal():
        yield
        return
    piped = _Piped()
    saved = console._file, console._width  # rich has no public way back to "unset"
    console.file, console.width = cast(IO[str], piped), PIPED_WIDTH
    try:
        yield
    finally:
        piped.flush()
        console._file, console._width = saved


class _Group(TyperGroup):
    """Turns intropath's errors into ``Error: ...`` and exit code 1."""

    def invoke(self, ctx: Any) -> Any:
        try:
            with _plain_when_piped():
                return super().invoke(ctx)
        except IntropathError as exc:
            fail(str(exc))
        except BrokenPipeError:
            raise  # the reader (`| head`) has gone: click stops quietly
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            fail(f"{where}{exc.strerror or exc}")
        except RecursionError:
            fail("the input is nested too deeply")
        except KeyboardInterrupt:
            err_console.print("Interrupted.")
            raise typer.Exit(130) from None


def fail(message: str) -> None:
    """Print one error line and exit 1."""
    sys.stderr.write(f"Error: {one_line(message)}\n")
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


def read_graph(graph: Path | None, quiet: bool = False) -> "tuple[GraphDocument, Path]":
    """Read the graph file the user asked for (or the default) and say which one."""
    from ..graphfile import load_document

    path = _announce(graph, quiet)
    with progress_bar() as progress:
        return load_document(path, progress), path


def open_store(graph: Path | None, quiet: bool = False) -> "MemoryStore":
    """The graph file the user asked for (or the default), in memory (through the cache)."""
    from ..graphcache import open_graph

    path = _announce(graph, quiet)
    with progress_bar() as progress:
        return open_graph(path, progress=progress)


def _announce(graph: Path | None, quiet: bool) -> Path:
    from ..config import resolve_graph

    path, why = resolve_graph(graph)
    if not (quiet or state.quiet):
        err_console.print(f"Using graph {path} ({why})", style="dim", soft_wrap=True)
    return path


FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2999, 12, 31)
"""Days a date option accepts: date arithmetic (cooldowns) stays far from date.max."""


def day_option(text: str, option: str) -> date:
    """A YYYY-MM-DD option value, within :data:`FIRST_DAY` and :data:`LAST_DAY`."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        day = None
    if day is None or not FIRST_DAY <= day <= LAST_DAY:
        raise typer.BadParameter(
            f"{text!r} is not a date like 2026-11-23 between {FIRST_DAY} and {LAST_DAY}",
            param_hint=option,
        )
    return day


def main() -> None:
    """Run the command line (``intropath.cli`` has registered every command)."""
    # pydantic loads any plugin installed beside it (observability tools that see
    # every record validated, and may send it elsewhere): the command line loads
    # none unless the variable says otherwise (PYDANTIC_DISABLE_PLUGINS= loads all).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    lean_help.install()
    with _only_the_command_named(sys.argv[1:]):
        app(prog_name="intropath")


_OUTPUT_FLAGS = {"-v", "--verbose", "-q", "--quiet"}


def _name_of(command: CommandInfo) -> str | None:
    callback = command.callback
    return command.name or (get_command_name(callback.__name__) if callback else None)


@contextmanager
def _only_the_command_named(args: list[str]) -> Iterator[None]:
    """While it runs, register only the command (or group) the arguments name.

    typer makes every command (options, types, help) before running one; a run
    of ``find`` needs only ``find``. Without a command word, with a word that
    names none, after any option but the flags that only set the output
    (``intropath --help find`` lists every command), or for shell completion,
    every command stays.
    """
    at = next((i for i, a in enumerate(args) if not a.startswith("-")), len(args))
    word = args[at] if at < len(args) and set(args[:at]) <= _OUTPUT_FLAGS else None
    commands, groups = app.registered_commands, app.registered_groups
    named = [c for c in commands if _name_of(c) == word]
    named_groups = [g for g in groups if g.name == word]
    if "_INTROPATH_COMPLETE" in os.environ or not (named or named_groups):
        yield
        return
    app.registered_commands, app.registered_groups = named, named_groups
    try:
        yield
    finally:
        app.registered_commands, app.registered_groups = commands, groups


def run() -> NoReturn:
    """The ``intropath`` script: :func:`main`, then exit without the interpreter's teardown.

    Freeing every module and object one by one takes a short command such as
    ``find`` a tenth of its time and achieves nothing: by then each command has
    closed what it opened, and the exit handlers run here, then the output is
    flushed. An error that is a bug still ends the normal way, with its traceback.
    """
    try:
        main()
        code: object = 0
    except SystemExit as stop:
        code = stop.code
    if code is not None and not isinstance(code, int):
        sys.stderr.write(f"{code}\n")
        code = 1
    atexit._run_exitfuncs()  # logging's flush, weakref finalizers, libraries' own
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a reader that has gone (`| head`): nothing more can be said
        code = code or 1
    os._exit(code or 0)


def emit_json(text: str) -> None:
    sys.stdout.write(safe_json(text) + "\n")
