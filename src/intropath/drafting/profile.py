"""Who is asking, and why: the user's name, line about themselves, email, purpose, timeline.

They come from, in order (first wins): command-line flags, the ``[me]`` table
of the config file (``[profile]`` works too), then the graph's own entry for
"me" (name and email only). Texts can be given per language in a sub-table::

    [me]
    name = "Alex Morgan"
    email = "alex@example.com"
    about = "a product designer who builds design systems"
    purpose = "job"              # job | advice | partnership | sale
    timeline = "in the next two weeks"
    lang = "en"                  # the default language of drafts

    [me.de]
    about = "Produktdesigner mit Schwerpunkt Designsysteme"
    timeline = "in den nächsten zwei Wochen"
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from . import language
from .errors import ProfileError
from .kinds import Kind, Lang


class Purpose(StrEnum):
    """The honest reason for asking, stated up front in every request."""

    JOB = "job"
    ADVICE = "advice"
    PARTNERSHIP = "partnership"
    SALE = "sale"


_PURPOSE_WORDS = {
    "job": Purpose.JOB,
    "role": Purpose.JOB,
    "referral": Purpose.JOB,
    "work": Purpose.JOB,
    "advice": Purpose.ADVICE,
    "partnership": Purpose.PARTNERSHIP,
    "partner": Purpose.PARTNERSHIP,
    "sale": Purpose.SALE,
    "sales": Purpose.SALE,
    "selling": Purpose.SALE,
}

TEXT_FIELDS = ("about", "timeline", "role")
FIELDS = ("name", "email", "about", "purpose", "timeline", "role", "lang", "formal")
LIMITS = {"name": 100, "email": 254, "about": 200, "timeline": 100, "role": 80}
LABELS = {
    "name": "Your name",
    "email": "Your direct email",
    "about": "Who you are, in one line (e.g. 'a product designer who builds design systems')",
    "purpose": "Your purpose (job, advice, partnership or sale)",
    "timeline": "Your timeline (e.g. 'in the next two weeks')",
}
NEEDED: dict[Kind, tuple[str, ...]] = {
    Kind.REQUEST: ("name", "email", "about", "purpose", "timeline"),
    Kind.REFERRAL: ("name", "email", "about", "purpose", "timeline"),
    Kind.BLURB: ("name", "email", "about", "purpose"),
    Kind.FOLLOWUP: ("name", "email"),
    Kind.THANKS: ("name",),
}
"""What each kind of draft needs to know about the user."""

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")

Ask = Callable[[str, str], str]
"""A prompt: ``ask(field, label) -> answer`` (the CLI passes one in a terminal)."""


class Profile(BaseModel):
    """What the user says about themselves; every field may still be missing."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str | None = None
    email: str | None = None
    about: str | None = None
    purpose: Purpose | None = None
    timeline: str | None = None
    role: str | None = Field(None, description="The kind of role or topic, e.g. 'product design'.")
    lang: Lang | None = Field(None, description="The language [me]'s texts are written in.")
    formal: bool | None = Field(
        None, description="German drafts: always 'Sie' (true) or 'du' (false); unset: by closeness."
    )
    texts: dict[Lang, dict[str, str]] = Field(
        default_factory=dict, description="Per-language about/timeline/role."
    )
    flagged: frozenset[str] = Field(
        frozenset(), description="Fields given on the command line (they win everywhere)."
    )

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> Profile:
        """The ``[me]`` (or ``[profile]``) table of a loaded config, checked by the settings."""
        from ..settings import settings_from

        return settings_from(config).me

    @classmethod
    def from_table(cls, table: Mapping[str, Any]) -> Profile:
        """Read a ``[me]`` table; each message names the key (``[me.LANG]`` sub-tables too)."""
        values: dict[str, Any] = {}
        texts: dict[Lang, dict[str, str]] = {}
        for key, value in table.items():
            if isinstance(value, Mapping):
                texts[_lang(key, "")] = _texts(value, key)
            elif key not in FIELDS:
                raise ProfileError(f"unknown key {key!r} (use {', '.join(FIELDS)})")
            else:
                values[key] = value
        return cls.with_values(values).model_copy(update={"texts": texts})

    @classmethod
    def with_values(cls, values: Mapping[str, Any], where: str = "") -> Profile:
        """A profile from raw values, each checked (``where`` names their source in errors)."""
        checked: dict[str, Any] = {}
        for key, value in values.items():
            if value is None:
                continue
            if key == "purpose":
                checked[key] = parse_purpose(str(value), where)
            elif key == "lang":
                checked[key] = _lang(str(value), where)
            elif key == "formal":
                if not isinstance(value, bool):
                    raise ProfileError(
                        f"{_where(where)}formal must be true or false, got {value!r}"
                    )
                checked[key] = value
            else:
                checked[key] = clean(key, value, where)
        return cls(**checked)

    def updated(self, **flags: Any) -> Profile:
        """This profile with every flag that is set taking precedence."""
        given = Profile.with_values({k: v for k, v in flags.items() if v is not None})
        update = given.model_dump(exclude_unset=True)
        return self.model_copy(update={**update, "flagged": self.flagged | set(update)})

    def text(self, field: str, lang: Lang) -> str | None:
        """A text field in ``lang``: a flag, else its [me.LANG] value, else the [me] one."""
        if field in self.flagged:
            return getattr(self, field)  # type: ignore[no-any-return]
        return self.texts.get(lang, {}).get(field) or getattr(self, field)


class Me(BaseModel):
    """A resolved profile: what one draft needs, in its language."""

    model_config = ConfigDict(frozen=True)

    name: str
    email: str = ""
    about: str = ""
    purpose: Purpose = Purpose.JOB
    timeline: str = ""
    role: str = ""
    notes: list[str] = Field(default_factory=list)


def resolve(
    profile: Profile,
    kind: Kind,
    lang: Lang,
    *,
    graph_name: str | None = None,
    graph_email: str | None = None,
    role: str | None = None,
    ask: Ask | None = None,
) -> Me:
    """Fill in what a ``kind`` draft in ``lang`` needs; ask for, or refuse, what is missing.

    Raises
    ------
    ProfileError
        Something needed is missing and there is no one to ask.
    """
    values: dict[str, Any] = {
        "name": profile.name or graph_name,
        "email": profile.email or graph_email,
        "purpose": profile.purpose,
        "role": profile.text("role", lang) or role,
        **{f: profile.text(f, lang) for f in ("about", "timeline")},
    }
    missing = [f for f in NEEDED[kind] if not values.get(f)]
    if missing and ask is None:
        raise ProfileError(
            f"missing {', '.join(missing)} for a {kind.value}: set them under [me] in your "
            f"config file (intropath.toml or the user config dir) or pass "
            f"{' '.join('--' + _flag(f) for f in missing)}"
        )
    if ask is not None:
        for field in missing:
            answer = ask(field, LABELS[field])
            values[field] = (
                parse_purpose(answer, "your answer")
                if field == "purpose"
                else clean(field, answer, "your answer")
            )
    notes = []
    written_in = profile.lang or Lang.EN
    untranslated = [
        f
        for f in ("about", "timeline")
        if f in NEEDED[kind]
        and lang is not written_in
        and f not in profile.flagged
        and not profile.texts.get(lang, {}).get(f)
        and getattr(profile, f)
    ]
    if untranslated:
        notes.append(
            f"{' and '.join(untranslated)} come from [me], not [me.{lang.value}]: make sure "
            f"they read well in this language"
        )
    for field in ("about", "timeline", "role"):
        text = values.get(field)
        written = language.guess(text) if isinstance(text, str) and text else None
        if field not in untranslated and written is not None and written is not lang:
            source = f"--{_flag(field)}" if field in profile.flagged else "your config"
            notes.append(
                f"{field} ({text!r}, from {source}) looks like {language.NAMES[written]}, but the "
                f"draft is in {language.NAMES[lang]}: give it in {language.NAMES[lang]} "
                f"(--{_flag(field)}, or [me.{lang.value}] {field} in the config)"
            )
    return Me(**{k: v for k, v in values.items() if v}, notes=notes)


def parse_purpose(value: str, where: str = "") -> Purpose:
    word = value.strip().casefold()
    if word in _PURPOSE_WORDS:
        return _PURPOSE_WORDS[word]
    raise ProfileError(
        f"{_where(where)}purpose must be one of job, advice, partnership, sale; got {value!r}"
    )


def clean(field: str, value: Any, where: str = "") -> str:
    """A one-line text: whitespace collapsed, within its limit (about/timeline/role lose a
    trailing full stop, as they end up inside a sentence)."""
    if not isinstance(value, str):
        raise ProfileError(f"{_where(where)}{field} must be text, got {value!r}")
    text = " ".join(value.split())
    if field in TEXT_FIELDS:
        text = text.rstrip(" .")
    if not text:
        raise ProfileError(f"{_where(where)}{field} is empty")
    limit = LIMITS.get(field)
    if limit and len(text) > limit:
        raise ProfileError(
            f"{_where(where)}{field} is {len(text)} characters; keep it to {limit} (one line)"
        )
    if field == "email" and not _EMAIL.fullmatch(text):
        raise ProfileError(f"{_where(where)}email {text!r} does not look like an email address")
    return text


def _texts(table: Mapping[str, Any], where: str) -> dict[str, str]:
    """A ``[me.LANG]`` sub-table, each value checked."""
    for key in table:
        if key not in TEXT_FIELDS:
            raise ProfileError(f"{where}: only {', '.join(TEXT_FIELDS)} can be set per language")
    return {k: clean(k, v, where) for k, v in table.items()}


def _lang(value: str, where: str) -> Lang:
    try:
        return Lang(value)
    except ValueError:
        choices = ", ".join(lang.value for lang in Lang)
        raise ProfileError(f"{_where(where)}unknown language {value!r} (use {choices})") from None


def _flag(field: str) -> str:
    return "about-me" if field == "about" else field


def _where(where: str) -> str:
    return f"{where}: " if where else ""
