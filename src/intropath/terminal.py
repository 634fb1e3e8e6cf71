"""Printing data to a terminal as plain text.

Names, titles, notes and paths come from files other people wrote. They are
printed as text: never parsed as Rich markup (``[link=...]`` would print a
real hyperlink, ``[/bold]`` would crash) and never with their control
characters (an ESC sequence in a name could rewrite the screen or the
window title).
"""

from __future__ import annotations

import re
import reprlib
from collections.abc import Iterable
from typing import Any

from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment

# C0 controls except tab and newline, DEL, and the C1 controls (U+0080-U+009F),
# which some terminals read as CSI and friends.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

MESSAGE_LIMIT = 500
"""Longest error message printed, in characters."""

_repr = reprlib.Repr()
_repr.maxstring = 80
_repr.maxother = 80
_repr.maxlevel = 2
_repr.maxlist = _repr.maxtuple = _repr.maxdict = _repr.maxset = 4


def clean(text: str) -> str:
    """``text`` without terminal control characters (tab and newline kept).

    >>> clean("Dana\\x1b]0;pwned\\x07 Reyes")
    'Dana]0;pwned Reyes'
    """
    return _CONTROL.sub("", text)


def escaped(text: str) -> str:
    """``text`` with its control characters shown as ``\\xNN`` (for logs, where they matter).

    >>> print(escaped("Dana\\x1b[31m"))
    Dana\\x1b[31m
    """
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def short(value: Any) -> str:
    """A bounded ``repr`` for error messages, whatever ``value`` holds.

    A YAML alias bomb expands to billions of elements; its repr is cut short.

    >>> len(short("x" * 200)), len(short([[["lol"] * 9] * 9] * 9))
    (80, 145)
    """
    return _repr.repr(value)


def one_line(message: str, limit: int = MESSAGE_LIMIT) -> str:
    """An error message on one line, cleaned and at most ``limit`` characters."""
    text = " ".join(clean(message).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


class TextConsole(Console):
    """A Rich console that prints strings as text and drops control characters.

    Markup and emoji codes are off, so ``[bold]`` in a name is just text.
    Every segment of data passes through :func:`clean` on its way out (Rich's
    own control segments, such as styles, are left alone).
    """

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("markup", False)
        kwargs.setdefault("emoji", False)
        kwargs.setdefault("highlight", False)
        super().__init__(**kwargs)

    def render(
        self, renderable: RenderableType, options: ConsoleOptions | None = None
    ) -> Iterable[Segment]:
        for segment in super().render(renderable, options):
            if segment.control or not _CONTROL.search(segment.text):
                yield segment
            else:
                yield Segment(clean(segment.text), segment.style)


_JSON_C1 = re.compile("[\x7f-\x9f]")


def safe_json(text: str) -> str:
    """JSON text with DEL and C1 controls escaped (``json`` escapes only C0).

    They can only occur inside strings, where ``\\u009b`` means the same.
    """
    return _JSON_C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
