"""What mail and calendar imports share: the owner's addresses, automated
senders, and tying correspondents to the owner.

A correspondent is known by their address; their name is the display name
they were seen with most often. They merge with people already in the
network by email, then by name under the careful rules of
:mod:`intropath.importers.merge`; whether a correspondent who matches no one
becomes a new person is the caller's rule.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from email.errors import HeaderParseError
from email.header import decode_header, make_header
from email.utils import parseaddr
from pathlib import Path

from ..errors import ConfigError
from ..model import Evidence, GraphDocument
from ..strength import StrengthParams
from .merge import Merger, Record
from .report import ImportReport
from .text import clean_name

_AUTOMATED = re.compile(
    r"^(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|mailer[-_.]?daemon|postmaster|bounces?|"
    r"notifications?|notify|alerts?|newsletters?|news|updates|digest|automated|robot|"
    r"unknownorganizer|calendar[-_.]?notification|invitations?)(?:[-_.+].*)?$"
)
"""Local parts of addresses that machines send from."""


def normalise(address: str) -> str | None:
    """``Dana@Example.COM`` -> ``dana@example.com``; None if it is not an address."""
    address = address.strip().strip("<>").casefold()
    if address.startswith("mailto:"):
        address = address[7:]
    local, at, domain = address.rpartition("@")
    if not (at and local and "." in domain) or len(address.split()) != 1:
        return None
    return address


def is_automated(address: str) -> bool:
    """An address machines send from (noreply, notifications, mailer-daemon...)."""
    local, _, domain = address.rpartition("@")
    return (
        bool(_AUTOMATED.match(local))
        or domain.endswith("calendar.google.com")  # shared calendars, resources, imports
        or domain.split(".")[0] in {"bounce", "bounces"}
    )


def owner_addresses(given: Iterable[str], fallback: str | None, option: str) -> frozenset[str]:
    """The owner's addresses: those ``given`` (each may hold several, comma-separated),
    else ``fallback`` (the graph's or the config's address).

    Raises
    ------
    ConfigError
        For something that is not an address, or when no address is known.
    """
    found: set[str] = set()
    for text in given:
        for part in text.split(","):
            if not part.strip():
                continue
            address = normalise(parseaddr(part)[1] or part)
            if address is None:
                raise ConfigError(f"{option}: expected an email address, got {part.strip()!r}")
            found.add(address)
    if not found and fallback:
        address = normalise(fallback)
        if address:
            found.add(address)
    if not found:
        raise ConfigError(
            f"which addresses are yours? Give {option} YOU@EXAMPLE.COM (repeat it for each "
            "address you use) or set email under [me] in the config file"
        )
    return frozenset(found)


def decode_name(raw: str) -> str:
    """A display name with RFC 2047 encoded words decoded and quotes removed."""
    try:
        text = str(make_header(decode_header(raw)))
    except (ValueError, LookupError, UnicodeError, HeaderParseError):
        text = raw
    text = "".join(c for c in text if c.isprintable() or c == " ")
    return " ".join(text.strip().strip("'\"").split())


@dataclass
class Correspondent:
    """Someone the owner dealt with, by address."""

    names: Counter[str] = field(default_factory=Counter)
    first: date | None = None
    last: date | None = None

    def seen(self, day: date | None, raw_name: str) -> None:
        """Note a dealing on ``day`` (if known) under ``raw_name`` (if any)."""
        if raw_name:
            self.names[raw_name] += 1
        if day is not None:
            self.first = min(self.first or day, day)
            self.last = max(self.last or day, day)

    def span(self) -> dict[str, str | None]:
        """``since`` the first date and ``until`` the last, when they differ."""
        first = self.first.isoformat() if self.first else None
        last = self.last.isoformat() if self.last else None
        return {"since": first, "until": last if last != first else None}

    def evidence(self) -> Evidence:
        """What the owner's dealings with them come to."""
        raise NotImplementedError

    def addable(self) -> bool:
        """May they be added to the network when no one there matches them?"""
        raise NotImplementedError

    def name(self, address: str) -> str:
        """The name seen most often (first seen wins a draw), else the address."""
        for raw, _ in self.names.most_common():
            name = clean_name(decode_name(raw))
            if name and "@" not in name:
                return name
        return address


def owner_person(merger: Merger, addresses: frozenset[str], name: str | None, kind: str) -> str:
    """The owner: the person with one of ``addresses``, else the network's ``me``, else new."""
    by_email = sorted(
        p.id for p in merger.people.values() if p.email and p.email.casefold() in addresses
    )
    explicit = by_email[0] if by_email else merger.me
    if explicit is not None:
        name = merger.people[explicit].name
    first = sorted(addresses)[0]
    return merger.owner(
        Record(name=name or first, email=first, where=merger.report.source), kind, explicit
    )


def start_import(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    document: GraphDocument | None,
    owner: Iterable[str],
) -> tuple[list[Path], Merger, frozenset[str]]:
    """The paths, a merger into ``document`` and the owner's addresses."""
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    files = [Path(p) for p in paths]
    merger = Merger(document, ImportReport(source=", ".join(map(str, files))))
    me_email = merger.people[merger.me].email if merger.me in merger.people else None
    return files, merger, owner_addresses(owner, me_email, "--owner")


def finish_import(
    merger: Merger,
    addresses: frozenset[str],
    owner_name: str | None,
    kind: str,
    people: Mapping[str, Correspondent],
    labels: tuple[str, str],
    params: StrengthParams,
    as_of: date | None,
) -> tuple[GraphDocument, ImportReport]:
    """Tie each correspondent to the owner (source ``<kind>:<owner id>``); the network.

    Each is matched by email, then name; one who matches no one is added only
    when :meth:`Correspondent.addable`. ``labels`` count those recorded and
    those left out.
    """
    report = merger.report
    name = decode_name(owner_name) if owner_name else None
    me = owner_person(merger, addresses, name, kind)
    merger.set_source(f"{kind}:{me}")
    report.owner = me
    for address, who in sorted(people.items()):
        record = Record(name=who.name(address), email=address, where=report.source)
        if who.addable() or merger.match(record) is not None:
            merger.add(me, merger.person(record), who.evidence())
            report.counts[labels[0]] += 1
        else:
            report.counts[labels[1]] += 1
    return merger.finish(params, as_of), report
