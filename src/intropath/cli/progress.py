"""A progress bar on stderr for long work, drawn only when stderr is a terminal."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from ..progress import Progress as ProgressCallback


@contextmanager
def bar_on(console: Console, *, quiet: bool = False) -> Iterator[ProgressCallback]:
    """A ``progress(phase, done, total)`` callback: one bar per phase, gone when done.

    Nothing is drawn when ``console`` is not a terminal (a pipe, a file, a test)
    or when ``quiet``; a phase of unknown size (total 0) shows a moving bar.
    """
    if quiet or not console.is_terminal:
        yield _ignore  # not even a stopped bar: some rich versions print a newline then
        return
    bar = Progress(
        TextColumn("{task.description:<16}"),
        BarColumn(),
        _Count(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    tasks: dict[str, TaskID] = {}

    def progress(phase: str, done: int, total: int) -> None:
        if phase not in tasks:
            for task in tasks.values():  # the earlier phases are over
                bar.update(task, visible=False)
            tasks[phase] = bar.add_task(phase, total=total or None)
        bar.update(tasks[phase], completed=done)

    with bar:
        yield progress


def _ignore(phase: str, done: int, total: int) -> None:
    """Progress nobody watches."""


class _Count(ProgressColumn):
    """``done/total`` when the total is known; nothing while a phase has no size."""

    def render(self, task: Task) -> Text:
        if task.total is None:
            return Text("")
        return Text(f"{int(task.completed):,}/{int(task.total):,}")
