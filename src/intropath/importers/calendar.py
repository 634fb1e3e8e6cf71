"""Evidence from calendars: whom the owner met, how often, when, and in how
large a meeting (a one-to-one says more than an all-hands).

>>> from intropath.importers import import_calendar                   # doctest: +SKIP
>>> document, report = import_calendar(["alex.ics"], owner=["alex@example.com"])  # doctest: +SKIP

Reads iCalendar exports (``.ics`` files, a Google Takeout zip of them, or a
folder). Recurring events count once per occurrence up to the day recency
is measured from; cancelled occurrences, events the owner declined or was
not invited to, events with no one else, rooms and resources are left out
and counted. Only counts, dates, sizes and the people involved are kept,
never titles, places or descriptions. Each attendee gets one ``meetings``
item on their tie with the owner, stamped ``calendar:<owner id>``. People
merge by email, then by name; someone not yet in the network is added only
when they were in a meeting of at most ``SMALL_MEETING`` people.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import icalendar
import recurring_ical_events

from ..errors import ImportFileError
from ..model import Evidence, EvidenceKind, GraphDocument
from ..strength import DEFAULT_PARAMS, StrengthParams
from .correspondents import Correspondent, finish_import, is_automated, normalise, start_import
from .csvutil import read_bytes, read_member
from .report import ImportReport

SMALL_MEETING = 4
"""People (the owner included) in a meeting small enough to be sure everyone met."""

_PEOPLE = frozenset({"INDIVIDUAL", "UNKNOWN"})
"""CUTYPEs of people; rooms, resources and groups are not."""

_EPOCH = date(1970, 1, 1)


@dataclass
class _Met(Correspondent):
    count: int = 0
    weight: float = 0.0
    one_to_one: int = 0
    smallest: int = 0
    largest: int = 0

    def met(self, day: date, size: int, name: str) -> None:
        self.seen(day, name)
        self.count += 1
        self.weight += 1 / (size - 1)
        self.one_to_one += size == 2
        self.smallest = min(self.smallest or size, size)
        self.largest = max(self.largest, size)

    def evidence(self) -> Evidence:
        groups = self.count - self.one_to_one
        parts = [f"{self.one_to_one} one-to-one"] if self.one_to_one else []
        if groups:
            low = max(3, self.smallest)
            span = f"{low}" if low == self.largest else f"{low} to {self.largest}"
            parts.append(f"{groups} in groups of {span} people")
        return Evidence(
            kind=EvidenceKind.MEETINGS,
            count=self.count,
            weight=round(self.weight, 4),
            **self.span(),
            detail=", ".join(parts),
        )

    def addable(self) -> bool:
        """Only people met in a small meeting become new people."""
        return self.smallest <= SMALL_MEETING


class CalendarTally:
    """Meetings per attendee, from one occurrence at a time."""

    def __init__(self, owner: frozenset[str], report: ImportReport, as_of: date) -> None:
        self.owner = owner
        self.report = report
        self.as_of = as_of
        self.people: dict[str, _Met] = {}
        self.owner_names: list[str] = []
        self._seen: set[tuple[str, str]] = set()

    def add_calendar(self, calendar: icalendar.Calendar, where: str) -> None:
        """Count every occurrence of every event up to ``as_of``."""
        try:
            query = recurring_ical_events.of(calendar, skip_bad_series=True)
            occurrences = query.between(_EPOCH, self.as_of + timedelta(days=1))
            for number, event in enumerate(occurrences, 1):
                self._occurrence(event, f"{where}: event {number}")
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise ImportFileError(where, f"cannot read the events: {exc}") from None

    def _occurrence(self, event: Any, where: str) -> None:
        counts = self.report.counts
        start = event.get("DTSTART")
        day = _day(start.dt if start is not None else None)
        if day is None:
            self.report.skip(where, None, "no start date")
            return
        key = (str(event.get("UID", where)), start.to_ical().decode())
        if key in self._seen:  # the same event in two calendars of the export
            counts["duplicate events left out"] += 1
            return
        self._seen.add(key)
        counts["events read"] += 1
        if str(event.get("STATUS", "")).upper() == "CANCELLED":
            counts["cancelled events left out"] += 1
            return
        if day > self.as_of:
            counts["future events left out"] += 1
            return
        invited = _invited(event)
        others = {a: v for a, v in invited.items() if a not in self.owner and not is_automated(a)}
        going = {a: name for a, (status, name) in others.items() if status != "DECLINED"}
        mine = [status for a, (status, _) in invited.items() if a in self.owner]
        if not going:
            counts["events with no one else left out"] += 1
        elif not mine:
            counts["events without you left out"] += 1
        elif all(status == "DECLINED" for status in mine):
            counts["events you declined left out"] += 1
        else:
            counts["meetings"] += 1
            self.owner_names += [invited[a][1] for a in invited if a in self.owner]
            size = len(going) + 1
            for address, name in going.items():
                self.people.setdefault(address, _Met()).met(day, size, name)


def _invited(event: Any) -> dict[str, tuple[str, str]]:
    """Address -> (participation status, name) of the people an event names."""
    found: dict[str, tuple[str, str]] = {}
    attendees = event.get("ATTENDEE") or []
    for item in attendees if isinstance(attendees, list) else [attendees]:
        params = getattr(item, "params", {})
        address = normalise(str(item))
        if address and str(params.get("CUTYPE", "INDIVIDUAL")).upper() in _PEOPLE:
            status = str(params.get("PARTSTAT", "NEEDS-ACTION")).upper()
            found[address] = (status, str(params.get("CN", "")))
    organizer = event.get("ORGANIZER")
    address = normalise(str(organizer)) if organizer is not None else None
    if address and address not in found:
        found[address] = ("ACCEPTED", str(organizer.params.get("CN", "")))
    return found


def _day(value: object) -> date | None:
    if isinstance(value, datetime):
        return (value.astimezone(UTC) if value.tzinfo else value).date()
    return value if isinstance(value, date) else None


def _calendars(path: Path) -> Iterator[tuple[str, bytes]]:
    """(where, content) of each .ics file in ``path``: a file, a zip or a folder."""
    try:
        if path.is_dir():
            for child in sorted(path.rglob("*.ics")):
                yield str(child), read_bytes(child)
        elif path.suffix.casefold() == ".zip":
            with zipfile.ZipFile(path) as archive:
                for member in archive.infolist():
                    if member.filename.casefold().endswith(".ics"):
                        where = f"{path}!{member.filename}"
                        yield where, read_member(archive, member.filename, where)
        elif path.is_file():
            yield str(path), read_bytes(path)
        else:
            raise ImportFileError(str(path), "no such file or folder")
    except (OSError, zipfile.BadZipFile) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise ImportFileError(str(path), f"cannot read: {reason}") from None


def import_calendar(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    document: GraphDocument | None = None,
    *,
    owner: Iterable[str] = (),
    owner_name: str | None = None,
    params: StrengthParams = DEFAULT_PARAMS,
    as_of: date | None = None,
) -> tuple[GraphDocument, ImportReport]:
    """Merge the meetings of iCalendar exports into ``document`` (or a new network).

    Parameters are those of :func:`intropath.importers.import_mail`.

    Raises
    ------
    ConfigError
        When the owner's addresses are not known.
    ImportFileError
        When a path is missing or is not a readable iCalendar file.
    """
    files, merger, addresses = start_import(paths, document, owner)
    merger.report.unit = "event"
    tally = CalendarTally(addresses, merger.report, as_of or date.today())
    for path in files:
        for where, content in _calendars(path):
            try:
                calendars = icalendar.Calendar.from_ical(content, multiple=True)
            except ValueError as exc:
                raise ImportFileError(where, f"not an iCalendar file: {exc}") from None
            for calendar in calendars:
                tally.add_calendar(calendar, where)
    named = owner_name or next((n for n in tally.owner_names if n), None)
    labels = ("attendees", "attendees of large meetings only left out")
    return finish_import(merger, addresses, named, "calendar", tally.people, labels, params, as_of)
