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
    owner_named_by: str | None = None
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
    """Finds a connection by profile URL, else by a full name only one connection has.

    A name never matches a connection whose own public profile URL differs
    from the one given: that is another person with the same name. (A
    member-id URL, ``/in/ACoAA...``, cannot be compared and does not count.)
    """

    def __init__(self, connections: list[Connection]) -> None:
        self.urls = [c.url for c in connections]
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
        found = self.by_name.get(name_key(name)) if name else None
        theirs = self.urls[found] if found is not None else None
        if url and theirs and not (_opaque(url) or _opaque(theirs)):
            return None  # two public profile URLs that differ: two people
        return found


def _opaque(url: str) -> bool:
    """A member-id URL (``/in/ACoAA...``) some files use instead of the public one."""
    return url.rsplit("/", 1)[-1].startswith("acoa")


@dataclass
class Owner:
    """Who the export belongs to, as each file tells it."""

    names: dict[str, str] = field(default_factory=dict)  # where -> name
    url: str | None = None

    def keys(self) -> set[str]:
        return {name_key(n) for n in self.names.values()} - {""}

    def first(self) -> tuple[str, str] | None:
        """The file that names the owner, and the name, most trusted first."""
        return next(iter(self.names.items()), None)


def read_export(
    source: ExportSource,
    report: ImportReport,
    owner: str | None,
    owner_url: str | None = None,
) -> Export:
    """Read every known file that is present; only Connections.csv is required.

    The owner is named by ``owner`` (--owner), else Profile.csv, else
    Invitations.csv (the one side of every invitation), else messages.csv (the
    person in most conversations); their profile URL is ``owner_url``, else the
    one in most conversations, else the one on their invitations.
    """
    export = Export()
    table = source.table(FILES["connections"], ["firstname", "lastname", "connectedon"], report)
    if table is None:
        present = source.csv_names()[:5]
        hint = f" (found {', '.join(present)})" if present else ""
        raise ImportFileError(
            str(source.path), f"no Connections.csv: is this a LinkedIn data export?{hint}"
        )
    _connections(table, export, report)
    who = Owner(url=owner_url)
    if owner:
        who.names["--owner"] = owner
    if table := _optional(source, "profile", ["firstname", "lastname"], report):
        _profile(table, export, who)
    if table := _optional(source, "positions", ["companyname", "title"], report):
        _positions(table, export, report)
    if table := _optional(source, "education", ["schoolname"], report):
        _education(table, export, report)
    # each is read twice: once to name the owner, once for the evidence
    messages = _optional(source, "messages", ["from", "to", "date"], report)
    message_rows = list(messages.rows) if messages else []
    invitations = _optional(source, "invitations", ["from", "to", "sentat", "direction"], report)
    invitation_rows = list(invitations.rows) if invitations else []
    _invitation_owner(invitation_rows, who)
    if messages:
        _message_owner(messages, message_rows, who, export.connections)
    named = who.first()
    if named is not None:
        export.owner_named_by, export.owner_name = named
    export.owner_url = who.url
    directory = Directory(export.connections)
    if messages:
        _messages(messages, message_rows, export, directory, report, who)
    if invitations:
        _invitations(invitations.where, invitation_rows, export, directory, report)
    for kind, who_column in (("received", "endorser"), ("given", "endorsee")):
        required = [f"{who_column}firstname", f"{who_column}lastname"]
        if table := _optional(source, f"endorsements_{kind}", required, report):
            _endorsements(table, export, directory, report, kind, who_column)
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


def _profile(table: Table, export: Export, who: Owner) -> None:
    for row in table.rows:
        name = f"{row.get('firstname')} {row.get('lastname')}".strip()
        if name:
            who.names.setdefault("Profile.csv", name)
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


def _messages(
    table: Table,
    rows: list[Row],
    export: Export,
    directory: Directory,
    report: ImportReport,
    who: Owner,
) -> None:
    has_direction = table.has("direction")
    owner_keys = who.keys()
    counted = outside = 0
    for row in rows:
        sender, sender_url = row.get("from"), profile_key(row.get("senderprofileurl"))
        sponsored = sender.casefold() == SPONSOR and not sender_url
        if sponsored or "spam" in row.get("folder").casefold():
            report.counts["sponsored or spam messages skipped"] += 1
            continue
        if row.get("ismessagedraft", "isdraft").casefold() in ("yes", "true"):
            report.counts["unsent drafts skipped"] += 1
            continue
        when = parse_date(row.get("date"))
        if when is None:
            report.skip(table.where, row.line, f"unreadable date {row.get('date')!r}")
            continue
        if has_direction:
            outgoing = row.get("direction").casefold().startswith("out")
        elif who.url and sender_url:
            outgoing = sender_url == who.url
        else:
            outgoing = name_key(sender) in owner_keys
        if outgoing:
            people = _recipients(row, directory, who.url, owner_keys)
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


def _message_owner(
    table: Table, rows: list[Row], who: Owner, connections: list[Connection]
) -> None:
    """Name the owner (and find their URL) in messages.csv.

    The owner is in every conversation, each correspondent only in their own,
    so the owner is the name (and the URL) in most conversations; a tie is
    broken by leaving out the connections (nobody is in their own Connections.csv).
    With a DIRECTION column (older exports) the owner sends the outgoing
    messages and receives the others.
    """
    names: dict[str, Counter[str]] = {}
    conversations: dict[str, set[str]] = {}
    urls: dict[str, set[str]] = {}
    direction = table.has("direction")
    for row in rows:
        sender, to = row.get("from"), row.get("to")
        if direction:
            outgoing = row.get("direction").casefold().startswith("out")
            people = [sender if outgoing else to]
        else:
            people = [name for name in (sender, to) if name.casefold() != SPONSOR]
        conversation = row.get("conversationid") or f"line {row.line}"
        for name in people:
            if person := name_key(name):
                names.setdefault(person, Counter())[name] += 1
                conversations.setdefault(person, set()).add(
                    f"line {row.line}" if direction else conversation
                )
        for cell in [row.get("senderprofileurl"), *split_urls(row.get("recipientprofileurls"))]:
            if url := profile_key(cell):
                urls.setdefault(url, set()).add(conversation)
    theirs = {c.url for c in connections if c.url}
    owner_url = _owner_pick(Counter({k: len(v) for k, v in urls.items()}), theirs)
    known = who.keys()
    if owner_url is None and known:  # a single conversation: the URL the owner sends from
        sent_from = [
            profile_key(r.get("senderprofileurl")) for r in rows if name_key(r.get("from")) in known
        ]
        owner_url = _clear_winner(Counter(url for url in sent_from if url))
    who.url = who.url or owner_url
    contacts = {name_key(c.name) for c in connections}
    owner = _owner_pick(Counter({k: len(v) for k, v in conversations.items()}), contacts)
    if owner_url is not None:  # the name the owner's URL sends under, when it ever sends
        sent_as = Counter(
            name_key(r.get("from"))
            for r in rows
            if profile_key(r.get("senderprofileurl")) == owner_url
        )
        owner = _clear_winner(sent_as) or owner
    if owner and owner in names:
        who.names.setdefault("messages.csv", names[owner].most_common(1)[0][0])


def _invitation_owner(rows: list[Row], who: Owner) -> None:
    """The owner is the sender of outgoing invitations and the recipient of the others."""
    names: dict[str, Counter[str]] = {}
    urls: Counter[str] = Counter()
    for row in rows:
        outgoing = row.get("direction").casefold().startswith("out")
        name = row.get("from") if outgoing else row.get("to")
        url = profile_key(row.get("inviterprofileurl" if outgoing else "inviteeprofileurl"))
        if name_key(name):
            names.setdefault(name_key(name), Counter())[name] += 1
        if url:
            urls[url] += 1
    key = _clear_winner(Counter({k: sum(c.values()) for k, c in names.items()}))
    if key:
        who.names.setdefault("Invitations.csv", names[key].most_common(1)[0][0])
    if who.url is None:
        who.url = _clear_winner(urls)


def _owner_pick(counts: Counter[str], contacts: set[str]) -> str | None:
    """The clear winner, else the clear winner among those who are not connections."""
    return _clear_winner(counts) or _clear_winner(
        Counter({k: n for k, n in counts.items() if k not in contacts})
    )


def _clear_winner(counts: Counter[str]) -> str | None:
    """The most common item, or None when there is none or a tie for first place."""
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _recipients(
    row: Row, directory: Directory, owner_url: str | None, owner_keys: set[str]
) -> list[int]:
    """The connections an outgoing message went to: by profile URL, then by full name."""
    urls = split_urls(row.get("recipientprofileurls"))
    to = row.get("to")
    if len(urls) <= 1:
        whole = directory.find(urls[0] if urls else None, to)
        if whole is not None:
            return [whole]
    names = [part.strip() for part in to.split(",")]
    if len(names) != len(urls):  # no way to pair them: each on its own
        pairs = [(u, "") for u in urls] + [(None, n) for n in names]
    else:
        pairs = list(zip(urls, names, strict=True))
    found = {
        directory.find(url, name)
        for url, name in pairs
        if not (url and url == owner_url) and name_key(name) not in owner_keys
    }
    return sorted(i for i in found if i is not None)


def _invitations(
    where: str, rows: list[Row], export: Export, directory: Directory, report: ImportReport
) -> None:
    for row in rows:
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
