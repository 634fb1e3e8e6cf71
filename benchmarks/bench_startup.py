"""Benchmark CLI start-up: `--help`, `--version` and `find` on the bundled sample.

    python benchmarks/bench_startup.py               # 21 runs of each, interleaved
    python benchmarks/bench_startup.py --runs 41
    python benchmarks/bench_startup.py --before /tmp/old/src   # also an older checkout

Each run is a new process, as a user starts it (output to a pipe). Beside
intropath, measured in the same run and interleaved with it, so a noisy
machine slows all alike:

- the peer: a typer app with intropath's whole command tree (every command,
  option, type, default and help text), generated from intropath's own
  commands into a script that imports nothing but typer. Its `--help`,
  `find --help`, `draft --help` and `--version` output must equal
  intropath's, or the script stops. Its `find` parses the same arguments and plans nothing: what the
  command-line framework alone costs;
- the floor: `python -c pass`;
- what `find` imports besides typer, each alone, for what it costs: numpy,
  pydantic (which the peer's `find` imports too: typer checks parsed options
  with it), intropath's models, rich's console and tables.

Prints the median and p95 of wall time, the median CPU time (user + system:
steadier on a shared machine), and intropath's ratio to the peer; and the load
average, since wall times on a loaded machine mean little on their own.

The sources are compiled to bytecode first, as an installed copy's are.
"""

from __future__ import annotations

import argparse
import enum
import inspect
import os
import statistics
import subprocess
import sys
import tempfile
import time
import types
import typing
from pathlib import Path
from typing import Any

import typer
from typer.models import ArgumentInfo, DefaultPlaceholder, OptionInfo

import intropath
from intropath import __version__
from intropath.cli import app

CASES = {
    "--help": ["--help"],
    "--version": ["--version"],
    "find (sample)": ["find", "--company", "Muse"],
}
# What `find` on the sample imports besides typer, each alone (minus the floor: its cost).
PARTS = {
    "numpy": "import numpy",
    "pydantic": "from pydantic import BaseModel",
    "pydantic + intropath's models": "import intropath.model, intropath.results, "
    "intropath.settings",
    "rich (console, table)": "import rich.console, rich.table",
    "typer": "import typer",
}
SAME_OUTPUT = [["--help"], ["find", "--help"], ["draft", "--help"], ["--version"]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="runs of each command")
    parser.add_argument(
        "--before",
        type=Path,
        metavar="SRC",
        help="also time the intropath in SRC (the src folder of an older checkout, "
        "e.g. git archive e699c8f | tar -x -C /tmp/old)",
    )
    args = parser.parse_args()
    # An installed copy has its bytecode compiled; a checkout run with
    # PYTHONDONTWRITEBYTECODE (as CI machines set it) would compile every module
    # in every run, a cost no user pays.
    for src in [Path(intropath.__file__).parent.parent, args.before]:
        if src is not None:
            subprocess.run([sys.executable, "-m", "compileall", "-q", str(src)], check=True)

    with tempfile.TemporaryDirectory() as work:
        root = Path(work)
        env = {
            **os.environ,
            "INTROPATH_DATA_DIR": str(root / "data"),  # no imported graph: the sample
            "INTROPATH_CONFIG_DIR": str(root / "config"),
            "COLUMNS": "100",
        }
        peer = root / "peer.py"
        peer.write_text(peer_source(app), encoding="utf-8")
        python = sys.executable
        script = Path(python).parent / "intropath"  # what users run
        ours = [str(script)] if script.is_file() else [python, "-m", "intropath"]
        theirs = [python, str(peer)]
        for words in SAME_OUTPUT:
            mine, peers = _output([*ours, *words], env), _output([*theirs, *words], env)
            if mine != peers:
                raise SystemExit(f"the peer's `{' '.join(words)}` differs from intropath's")
        plan = _output([*ours, *CASES["find (sample)"]], env)
        if "Whom to ask about The Muse" not in plan:
            raise SystemExit("intropath find on the sample did not plan")

        commands = {"floor: python -c pass": [python, "-c", "pass"]}
        for case, words in CASES.items():
            commands[f"intropath {case}"] = [*ours, *words]
            commands[f"peer {case}"] = [*theirs, *words]
        for part, code in PARTS.items():
            commands[f"import {part}"] = [python, "-c", code]
        envs = dict.fromkeys(commands, env)
        if args.before is not None:
            for case, words in CASES.items():
                name = f"before: intropath {case}"
                commands[name] = [python, "-c", "from intropath.cli import main; main()", *words]
                envs[name] = {**env, "PYTHONPATH": str(args.before.resolve())}
        load_before = os.getloadavg()
        timings: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():  # interleaved
                timings[name].append(_run(command, envs[name]))
        load_after = os.getloadavg()

    print(
        f"{args.runs} runs each, interleaved; load average {load_before[0]:.1f} before, "
        f"{load_after[0]:.1f} after ({os.cpu_count()} CPUs)"
    )
    print(f"{'':36} {'wall p50':>9} {'wall p95':>9} {'CPU p50':>8}")
    for name, runs in timings.items():
        walls, cpus = [w for w, _ in runs], [c for _, c in runs]
        print(
            f"{name:36} {_ms(statistics.median(walls))} {_ms(_p95(walls))} "
            f"{_ms(statistics.median(cpus), 8)}"
        )
    floor = statistics.median(c for _, c in timings["floor: python -c pass"])
    print("what an import costs alone (median CPU minus the floor's):")
    for part in PARTS:
        cost = statistics.median(c for _, c in timings[f"import {part}"]) - floor
        print(f"  {part:34} {_ms(cost)}")
    _ratios(timings, "peer", "peer {}")
    if args.before is not None:
        _ratios(timings, "before", "before: intropath {}")


def _ratios(timings: dict[str, list[tuple[float, float]]], label: str, other: str) -> None:
    print(f"intropath / {label} (median wall, median CPU):")
    for case in CASES:
        mine, theirs = timings[f"intropath {case}"], timings[other.format(case)]
        wall = statistics.median(w for w, _ in mine) / statistics.median(w for w, _ in theirs)
        cpu = statistics.median(c for _, c in mine) / statistics.median(c for _, c in theirs)
        print(f"  {case:34} {wall:5.2f}x {cpu:5.2f}x")


def _run(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one process."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed")
    return wall, usage.ru_utime + usage.ru_stime


def _output(command: list[str], env: dict[str, str]) -> str:
    return subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout


def _ms(seconds: float, width: int = 9) -> str:
    return f"{seconds * 1000:{width - 3}.0f} ms"


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


# The peer: intropath's typer app written out as a script that imports only typer.


def peer_source(main_app: typer.Typer) -> str:
    """A script with the same command tree, options and help texts as ``main_app``."""
    enums: dict[str, type[enum.Enum]] = {}
    body: list[str] = []
    _typer_source(main_app, "app", body, enums, main=True)
    head = [
        "import enum",
        "from pathlib import Path",
        "from typing import Annotated, Literal",
        "",
        "import typer",
        "",
        "",
        "def _show_version(value: bool) -> None:",
        "    if value:",
        f"        print('intropath {__version__}')",
        "        raise typer.Exit()",
        "",
    ]
    for name, kind in enums.items():
        head.append(f"class {name}(enum.StrEnum):")
        head.extend(f"    {m.name} = {m.value!r}" for m in kind)
        head.append("")
    return "\n".join([*head, *body, "", "app(prog_name='intropath')", ""])


def _typer_source(
    tree: typer.Typer, var: str, out: list[str], enums: dict[str, Any], main: bool = False
) -> None:
    info = tree.info
    settings = {
        key: getattr(info, key)
        for key in ("help", "no_args_is_help", "invoke_without_command")
        if not isinstance(getattr(info, key), DefaultPlaceholder)
    }
    if main:
        settings.update(name="intropath", pretty_exceptions_enable=False, rich_markup_mode="rich")
    given = ", ".join(f"{k}={v!r}" for k, v in settings.items())
    out.append(f"{var} = typer.Typer({given})")
    if tree.registered_callback is not None:
        callback = tree.registered_callback.callback
        assert callback is not None
        out.extend(_function(f"@{var}.callback()", callback, enums, f"{var}_callback"))
    for number, command in enumerate(tree.registered_commands):
        callback = command.callback
        assert callback is not None
        name = command.name or callback.__name__.lower().replace("_", "-")
        decorator = f"@{var}.command({name!r})"
        out.extend(_function(decorator, callback, enums, f"{var}_{number}"))
    for number, group in enumerate(tree.registered_groups):
        assert group.typer_instance is not None
        sub = f"{var}_{number}"
        _typer_source(group.typer_instance, sub, out, enums)
        out.append(f"{var}.add_typer({sub}, name={group.name!r})")


_DEFAULT_INFO = {OptionInfo: vars(OptionInfo()), ArgumentInfo: vars(ArgumentInfo())}


def _function(decorator: str, function: Any, enums: dict[str, Any], name: str) -> list[str]:
    hints = typing.get_type_hints(function, include_extras=True)
    params = []
    for parameter in inspect.signature(function).parameters.values():
        hint = hints[parameter.name]
        if typing.get_origin(hint) is typing.Annotated:
            base, info = typing.get_args(hint)[:2]
            text = f"Annotated[{_type(base, enums)}, {_info(info)}]"
        else:
            text = _type(hint, enums)
        if parameter.default is not inspect.Parameter.empty:
            text += f" = {_value(parameter.default)}"
        params.append(f"    {parameter.name}: {text},")
    doc = inspect.getdoc(function) or ""
    return [
        "",
        decorator,
        f"def {name}(",
        *params,
        ") -> None:",
        f"    {doc!r}",
        "",
    ]


def _info(info: OptionInfo | ArgumentInfo) -> str:
    kind = type(info)
    changed = {
        k: v
        for k, v in vars(info).items()
        if k not in ("default", "param_decls") and v != _DEFAULT_INFO[kind][k]
    }
    # Annotated[..., typer.Option("--name", "-n")]: typer keeps "--name" as the default
    first = [info.default] if isinstance(info.default, str) else []
    args = [repr(d) for d in [*first, *(info.param_decls or ())]]
    for key, value in changed.items():
        if key == "callback":
            assert value.__name__ == "_show_version", value
            args.append("callback=_show_version")
        else:
            args.append(f"{key}={value!r}")
    return f"typer.{'Option' if kind is OptionInfo else 'Argument'}({', '.join(args)})"


def _type(hint: Any, enums: dict[str, Any]) -> str:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return " | ".join(_type(a, enums) for a in args)
    if origin is typing.Literal:
        return f"Literal[{', '.join(repr(a) for a in args)}]"
    if origin is list:
        return f"list[{_type(args[0], enums)}]"
    if hint is type(None):
        return "None"
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        enums[hint.__name__] = hint
        return hint.__name__
    if hint is typer.Context:
        return "typer.Context"
    if hint in (str, int, float, bool, Path):
        return hint.__name__
    raise SystemExit(f"the peer does not know the type {hint!r}")


def _value(value: Any) -> str:
    if isinstance(value, enum.Enum):
        return f"{type(value).__name__}.{value.name}"
    return repr(value)


if __name__ == "__main__":
    main()
