"""A progress bar on stderr for long work, drawn only when stderr is a terminal."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from ..progress import Progress as ProgressCallback

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID


SHOW_AFTER = 0.25
"""Seconds of work before a bar is drawn: quicker work (the sample graph) would only flicker."""


@contextmanager
def bar_on(console: Console, *, quiet: bool = False) -> Iterator[ProgressCallback]:
    """A ``progress(phase, done, total)`` callback: one bar per phase, gone when done.

    Nothing is drawn when ``console`` is not a terminal (a pipe, a file, a test)
    or when ``quiet``, nor before the work has taken :data:`SHOW_AFTER` seconds;
    a phase of unknown size (total 0) shows a moving bar.
    """
    if quiet or not console.is_terminal:
        yield _ignore  # not even a stopped bar: some rich versions print a newline then
        return
    start = time.monotonic()
    bar: Progress | None = None
    tasks: dict[str, TaskID] = {}

    def progress(phase: str, done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            if time.monotonic() - start < SHOW_AFTER:
                return
            bar = _bar(console)
            bar.start()
        if phase not in tasks:
            for task in tasks.values():  # the earlier phases are over
                bar.update(task, visible=False)
            tasks[phase] = bar.add_task(phase, total=total or None)
        bar.update(tasks[phase], completed=done)

    try:
        yield progress
    finally:
        if bar is not None:
            bar.stop()


def _ignore(phase: str, done: int, total: int) -> None:
    """Progress nobody watches."""


def _bar(console: Console) -> Progress:
    """The bar (rich.progress is imported only when one is drawn: it costs start-up time)."""
    from rich.progress import BarColumn, ProgressColumn, Task, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as Bar
    from rich.text import Text

    class Count(ProgressColumn):
        """``done/total`` when the total is known; nothing while a phase has no size."""

        def render(self, task: Task) -> Text:
            if task.total is None:
                return Text("")
            return Text(f"{int(task.completed):,}/{int(task.total):,}")

    return Bar(
        TextColumn("{task.description:<16}"),
        BarColumn(),
        Count(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
