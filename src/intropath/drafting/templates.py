"""The Jinja2 templates drafts are written from, and how a user overrides them.

Templates live in ``templates/<lang>/`` inside this package: ``<kind>.j2`` for
an email or LinkedIn message and ``<kind>_note.j2`` for a connection note, each
with the blocks ``subject``, ``greeting``, ``body`` and ``signoff``; the phrases
they share are macros in ``_macros.j2``. A file of the same name under
``<config dir>/templates/<lang>/`` takes precedence (see ``intropath
paths``); copy one from the package and edit it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from ..config import config_dir
from .errors import DraftError

BUILTIN = Path(__file__).parent / "templates"
BLOCKS = ("subject", "greeting", "body", "signoff")


def user_template_dir() -> Path:
    """Where a user's own templates override the built-in ones."""
    return config_dir() / "templates"


def cap(text: str) -> str:
    """Upper-case the first letter only (Jinja's ``capitalize`` lowers the rest)."""
    return text[:1].upper() + text[1:]


@lru_cache(maxsize=8)
def environment(user_dir: str | None) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = []
    if user_dir:
        loaders.append(jinja2.FileSystemLoader(user_dir))
    loaders.append(jinja2.FileSystemLoader(str(BUILTIN)))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["cap"] = cap
    return env


class Renderer:
    """Renders one kind of draft in one language from its template."""

    def __init__(self, lang: str, kind: str, note: bool, user_dir: Path | None = None) -> None:
        directory = user_dir if user_dir is not None else user_template_dir()
        self.env = environment(str(directory) if directory.is_dir() else None)
        names = [f"{lang}/{kind}_note.j2"] if note else []  # a note falls back on the message
        names.append(f"{lang}/{kind}.j2")
        try:
            self.template = self.env.select_template(names)
            self.macros = self.env.get_template(f"{lang}/_macros.j2").module
        except jinja2.TemplateError as exc:
            raise DraftError(f"template {' or '.join(names)}: {exc}") from None
        self.name = self.template.name or names[-1]

    def macro(self, name: str, *args: Any) -> str:
        """Call a macro of ``_macros.j2`` and tidy its output."""
        try:
            return tidy(str(getattr(self.macros, name)(*args)))
        except (jinja2.TemplateError, AttributeError, TypeError) as exc:
            raise DraftError(f"template {self.name}: macro {name}: {exc}") from None

    def render(self, context: dict[str, Any]) -> dict[str, str]:
        """Each block of the template, rendered and tidied ('' when a block is absent)."""
        ctx = self.template.new_context({**context, "m": self.macros})
        parts: dict[str, str] = {}
        for block in BLOCKS:
            render = self.template.blocks.get(block)
            try:
                text = "".join(render(ctx)) if render else ""
            except jinja2.TemplateError as exc:
                raise DraftError(f"template {self.name}, block {block}: {exc}") from None
            parts[block] = tidy_lines(text) if block == "signoff" else tidy(text)
        return parts


_BLANK = re.compile(r"\n\s*\n")


def tidy(text: str) -> str:
    """Paragraphs kept (blank lines), every other run of whitespace made one space."""
    paragraphs = (" ".join(p.split()) for p in _BLANK.split(text))
    return "\n\n".join(p for p in paragraphs if p)


def tidy_lines(text: str) -> str:
    """Lines kept, each stripped and with its inner whitespace collapsed."""
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())
