"""Parsing the files of a LinkedIn data export into plain records.

Only facts are kept: names, profile URLs, companies, dates and counts.
Message bodies, invitation notes and recommendation texts are read only to
know that they exist; they are never stored.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from ..errors import ImportFileError
from .csvutil import ExportSource, Row, Table
from .dates import parse_date, partial_date
from .report import ImportReport
from .text import name_key
from .urls import profile_key, split_urls

SPONSOR = "linkedin member"
"""Sponsored messages come from 'LinkedIn Member' with no profile URL."""

FILES = {
    "connections": ("Connections.csv",),
    "messages": ("messages.csv",),
    "invitations": ("Invitations.csv",),
    "endorsements_received": ("Endorsement_Received_Info.csv", "Endorsements_Received.csv"),
    "endorsements_given": ("Endorsement_Given_Info.csv", "Endorsements_Given.csv"),
    "recommendations_received": ("Recommendations_Received.csv",),
    "recommendations_given": ("Recommendations_Given.csv",),
    "positions": ("Positions.csv",),
    "education": ("Education.csv",),
    "profile": ("Profile.csv",),
}


@dataclass
class Connection:
    """One row of Connections.csv."""

    name: str
    url: str | None
    email: str | None
    company: str
    position: str
    connected: date | None
    where: str


@dataclass
class Tally:
    """Interactions with one counterparty: counts and first and last dates."""

    count: int = 0
    sent: int = 0
    received: int = 0
    first: date | None = None
    last: date | None = None
    details: list[str] = field(default_factory=list)

    def add(self, when: date | None, outgoing: bool) -> None:
        self.count += 1
        if outgoing:
            self.sent += 1
        else:
            self.received += 1
        if when is not None:
            self.first = when if self.first is None else min(self.first, when)
            self.last = when if self.last is None else max(self.last, when)


@dataclass
class OwnPosition:
    company: str
    title: str | None
    start: str | None
    end: str | None


@dataclass
class School:
    name: str
    start: str | None
    end: str | None


@dataclass
class Export:
    """Everything read from one export, keyed to connections by index."""

    connections: list[Connection] = field(default_factory=list)
    owner_name: str | None = None
    owner_headline: str | None = None
    owner_url: str | None = None
    messages: dict[int, Tally] = field(default_factory=dict)
    invitations: dict[tuple[int, str], Tally] = field(default_factory=dict)
    notes: set[tuple[int, str]] = field(default_factory=set)
    endorsements: dict[tuple[int, str], Tally] = field(default_factory=dict)
    recommendations: dict[tuple[int, str], Tally] = field(default_factory=dict)
    positions: list[OwnPosition] = field(default_factory=list)
    schools: list[School] = field(default_factory=list)


class Directory:
    """Finds a connection by profile URL, else by a name only one connection has."""

    def __init__(self, connections: list[Connection]) -> None:
        self.by_url = {c.url: i for i, c in enumerate(connections) if c.url}
        names: dict[str, list[int]] = {}
        for i, c in enumerate(connections):
            names.setdefault(name_key(c.name), []).append(i)
        self.by_name = {k: v[0] for k, v in names.items() if len(v) == 1}

    def find(self, url: str | None, name: str) -> int | None:
        if url:
            found = self.by_url.get(url)
            if found is not None:
                return found
        return self.by_name.get(name_key(name)) if name else None


def read_export(source: ExportSource, report: ImportReport, owner: str | None) -> Export:
    """Read every known file that is present; only Connections.csv is required."""
    export = Export()
    table = source.table(FILES["connections"], ["firstname", "lastname", "connectedon"], report)
    if table is None:
        present = source.csv_names()[:5]
        hint = f" (found {', '.join(present)})" if present else ""
        raise ImportFileError(
            str(source.path), f"no Connections.csv: is this a LinkedIn data export?{hint}"
        )
    _connections(table, export, report)
    if table := _optional(source, "profile", ["firstname", "lastname"], report):
        _profile(table, export)
    export.owner_name = owner or export.owner_name
    if table := _optional(source, "positions", ["companyname", "title"], report):
        _positions(table, export, report)
    if table := _optional(source, "education", ["schoolname"], report):
        _education(table, export, report)
    directory = Directory(export.connections)
    if table := _optional(source, "messages", ["from", "to", "date"], report):
        _messages(table, export, directory, report)
    if table := _optional(source, "invitations", ["from", "to", "sentat", "direction"], report):
        _invitations(table, export, directory, report)
    for kind, who in (("received", "endorser"), ("given", "endorsee")):
        required = [f"{who}firstname", f"{who}lastname"]
        if table := _optional(source, f"endorsements_{kind}", required, report):
            _endorsements(table, export, directory, report, kind, who)
    for kind in ("received", "given"):
        if table := _optional(source, f"recommendations_{kind}", ["firstname", "lastname"], report):
            _recommendations(table, export, directory, report, kind)
    return export


def _optional(
    source: ExportSource, what: str, required: list[str], report: ImportReport
) -> Table | None:
    """The table of an optional file; None when it is absent or has no header (noted)."""
    try:
        return source.table(FILES[what], required, report)
    except ImportFileError as exc:
        report.note(f"{exc}; file not read")
        return None


def _connections(table: Table, export: Export, report: ImportReport) -> None:
    hidden = 0
    for row in table.rows:
        first, last = row.get("firstname"), row.get("lastname")
        name = f"{first} {last}".strip()
        url = profile_key(row.get("url", "profileurl"))
        if not name_key(name):
            if not row.get("company", "position", "emailaddress", "email"):
                hidden += 1  # a member who hides their details from exports: one note for all
            else:
                report.skip(table.where, row.line, "a connection with no usable name")
            continue
        when_text = row.get("connectedon")
        connected = parse_date(when_text)
        if when_text and connected is None:
            report.note(f"{table.where}:{row.line}: unreadable date {when_text!r}; kept without it")
        export.connections.append(
            Connection(
                name,
                url,
                row.get("emailaddress", "email") or None,
                row.get("company"),
                row.get("position"),
                connected,
                f"{table.where}:{row.line}",
            )
        )
    report.counts["connections"] = len(export.connections)
    if hidden:
        report.counts["hidden connections (no name in the export)"] = hidden
        report.note(
            f"{table.where}: {hidden} connection{'s' * (hidden != 1)} with no name: members who "
            "hide their details from data exports; not imported"
        )


def _profile(table: Table, export: Export) -> None:
    for row in table.rows:
        name = f"{row.get('firstname')} {row.get('lastname')}".strip()
        if name:
            export.owner_name = name
            export.owner_headline = row.get("headline") or None
            return


def _positions(table: Table, export: Export, report: ImportReport) -> None:
    for row in table.rows:
        company = row.get("companyname")
        if not company:
            report.skip(table.where, row.line, "a position with no company name")
            continue
        export.positions.append(
            OwnPosition(
                company,
                row.get("title") or None,
                partial_date(row.get("startedon")),
                partial_date(row.get("finishedon")),
            )
        )


def _education(table: Table, export: Export, report: ImportReport) -> None:
    for row in table.rows:
        school = row.get("schoolname")
        if not school:
            report.skip(table.where, row.line, "an education entry with no school name")
            continue
        export.schools.append(
            School(school, partial_date(row.get("startdate")), partial_date(row.get("enddate")))
        )


def _messages(table: Table, export: Export, directory: Directory, report: ImportReport) -> None:
    rows = list(table.rows)
    owner_key = name_key(export.owner_name) if export.owner_name else ""
    has_direction = table.has("direction")
    if not has_direction:
        owner_key = owner_key or _likely_owner(rows)
        export.owner_url = _owner_url(rows, owner_key)
    counted = outside = 0
    for row in rows:
        sender, sender_url = row.get("from"), profile_key(row.get("senderprofileurl"))
        sponsored = sender.casefold() == SPONSOR and not sender_url
        if sponsored or "spam" in row.get("folder").casefold():
            report.counts["sponsored or spam messages skipped"] += 1
            continue
        if row.get("ismessagedraft", "isdraft").casefold() in ("yes", "true"):
            continue
        when = parse_date(row.get("date"))
        if when is None:
            report.skip(table.where, row.line, f"unreadable date {row.get('date')!r}")
            continue
        if has_direction:
            outgoing = row.get("direction").casefold().startswith("out")
        elif export.owner_url and sender_url:
            outgoing = sender_url == export.owner_url
        else:
            outgoing = bool(owner_key) and name_key(sender) == owner_key
        if outgoing:
            people = _recipients(row, directory, export.owner_url)
        else:
            found = directory.find(sender_url, sender)
            people = [] if found is None else [found]
        if not people:
            outside += 1
            continue
        counted += 1
        for person in people:
            export.messages.setdefault(person, Tally()).add(when, outgoing)
    report.counts["messages"] += counted
    report.counts["messages with people outside your connections"] += outside


def _likely_owner(rows: list[Row]) -> str:
    """The name in most messages (as sender or sole recipient): the owner's."""
    names: Counter[str] = Counter()
    for row in rows:
        names.update({name_key(row.get("from")), name_key(row.get("to"))} - {""})
    return _clear_winner(names) or ""


def _owner_url(rows: list[Row], owner_key: str) -> str | None:
    """The profile URL the owner sends from (the most common among their own messages)."""
    if not owner_key:
        return None
    urls: Counter[str] = Counter()
    for row in rows:
        url = profile_key(row.get("senderprofileurl"))
        if url and name_key(row.get("from")) == owner_key:
            urls[url] += 1
    return _clear_winner(urls)


def _clear_winner(counts: Counter[str]) -> str | None:
    """The most common item, or None when there is none or a tie for first place."""
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _recipients(row: Row, directory: Directory, owner_url: str | None) -> list[int]:
    urls = [u for u in split_urls(row.get("recipientprofileurls")) if u != owner_url]
    found = {directory.find(u, "") for u in urls}
    if not urls:
        to = row.get("to")
        whole = directory.find(None, to)
        if whole is not None:
            return [whole]
        found = {directory.find(None, part) for part in to.split(",")}
    return sorted(i for i in found if i is not None)


def _invitations(table: Table, export: Export, directory: Directory, report: ImportReport) -> None:
    for row in table.rows:
        outgoing = row.get("direction").casefold().startswith("out")
        if outgoing:
            person = directory.find(profile_key(row.get("inviteeprofileurl")), row.get("to"))
        else:
            person = directory.find(profile_key(row.get("inviterprofileurl")), row.get("from"))
        if person is None:
            report.counts["invitations with people outside your connections"] += 1
            continue
        direction = "given" if outgoing else "received"
        export.invitations.setdefault((person, direction), Tally()).add(
            parse_date(row.get("sentat")), outgoing
        )
        if row.get("message"):
            export.notes.add((person, direction))
        report.counts["invitations"] += 1


def _endorsements(
    table: Table, export: Export, directory: Directory, report: ImportReport, kind: str, who: str
) -> None:
    for row in table.rows:
        if row.get("endorsementstatus").casefold() == "rejected":
            continue
        name = f"{row.get(who + 'firstname')} {row.get(who + 'lastname')}".strip()
        person = directory.find(profile_key(row.get(who + "publicurl")), name)
        if person is None:
            report.counts["endorsements from people outside your connections"] += 1
            continue
        tally = export.endorsements.setdefault((person, kind), Tally())
        tally.add(parse_date(row.get("endorsementdate")), kind == "given")
        skill = row.get("skillname")
        if skill and skill not in tally.details:
            tally.details.append(skill)
        report.counts["endorsements"] += 1


def _recommendations(
    table: Table, export: Export, directory: Directory, report: ImportReport, kind: str
) -> None:
    for row in table.rows:
        name = f"{row.get('firstname')} {row.get('lastname')}".strip()
        person = directory.find(None, name)
        if person is None:
            report.counts["recommendations from people outside your connections"] += 1
            continue
        export.recommendations.setdefault((person, kind), Tally()).add(
            parse_date(row.get("creationdate")), kind == "given"
        )
        report.counts["recommendations"] += 1
