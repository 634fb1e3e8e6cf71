"""Calendar exports become meetings evidence: recurrence, cancellations, sizes, time zones."""

from __future__ import annotations

import zipfile
from datetime import date

import pytest

from intropath.errors import ConfigError, ImportFileError
from intropath.importers import import_calendar
from intropath.model import EvidenceKind, GraphDocument, Person
from intropath.strength import score
from mailfiles import OWNER, attendee, calendar, event

TODAY = date(2025, 1, 1)
ME = attendee(OWNER, "Alex Morgan")
DANA = attendee("dana@acme.example", "Dana Reyes")


def meetings_of(document: GraphDocument, address: str):
    person = next((p for p in document.people if p.email == address), None)
    if person is None:
        return None
    for tie in document.ties:
        if person.id in (tie.a, tie.b):
            return next((e for e in tie.evidence if e.kind is EvidenceKind.MEETINGS), None)
    return None


def load(tmp_path, *events, **kwargs):
    path = tmp_path / "alex@example.com.ics"
    path.write_text(calendar(*events))
    return import_calendar(path, owner=[OWNER], as_of=TODAY, **kwargs)


def test_recurring_events_count_each_occurrence_but_exceptions_and_cancellations(tmp_path):
    weekly = event(
        "w1@google.com",
        ";TZID=Europe/Berlin:20240105T100000",
        "DTEND;TZID=Europe/Berlin:20240105T103000",
        "RRULE:FREQ=WEEKLY;COUNT=6",
        "EXDATE;TZID=Europe/Berlin:20240112T100000",
        ME,
        DANA,
    )
    cancelled_one = event(
        "w1@google.com",
        ";TZID=Europe/Berlin:20240119T100000",
        "RECURRENCE-ID;TZID=Europe/Berlin:20240119T100000",
        "STATUS:CANCELLED",
        ME,
        DANA,
    ).replace("STATUS:CONFIRMED\n", "")
    moved = event(
        "w1@google.com",
        ";TZID=Europe/Berlin:20240127T090000",
        "RECURRENCE-ID;TZID=Europe/Berlin:20240126T100000",
        ME,
        DANA,
    )
    document, report = load(tmp_path, weekly, cancelled_one, moved)
    item = meetings_of(document, "dana@acme.example")
    # six weeks, one excluded, one cancelled, one moved to a Saturday: four meetings
    assert (item.count, item.since, item.until) == (4, "2024-01-05", "2024-02-09")
    assert item.weight == 4.0 and item.detail == "4 one-to-one"
    assert report.counts["cancelled events left out"] == 1
    assert report.counts["meetings"] == 4


def test_cancelled_declined_rooms_alone_and_future_events_are_left_out(tmp_path):
    events = [
        event("c1", ":20240301T100000Z", ME, DANA).replace("CONFIRMED", "CANCELLED"),
        event("d1", ":20240302T100000Z", attendee(OWNER, status="DECLINED"), DANA,
              organizer="dana@acme.example"),
        event("r1", ":20240303T100000Z", ME,
              attendee("c_188@resource.calendar.google.com", "Room 4", cutype="ROOM")),
        event("f1", ":20250301T100000Z", ME, DANA),
        event("n1", ":20240304T100000Z", attendee("kim@example.org"),
              attendee("sam@example.org"), organizer="kim@example.org"),
        event("a1", ";VALUE=DATE:20240305"),  # an all-day reminder, no one else
    ]  # fmt: skip
    document, report = load(tmp_path, *events)
    counts = report.counts
    assert counts["cancelled events left out"] == 1
    assert counts["events you declined left out"] == 1
    assert counts["events with no one else left out"] == 2
    assert counts["events without you left out"] == 1
    assert counts["meetings"] == 0
    assert meetings_of(document, "dana@acme.example") is None


def test_small_meetings_say_more_than_all_hands(tmp_path):
    staff = [attendee(f"p{i}@corp.example", f"Person {i}") for i in range(198)]
    events = [
        event("o1", ":20240601T100000Z", ME, DANA),
        event("all", ":20240601T150000Z", "RRULE:FREQ=WEEKLY;COUNT=20", ME,
              attendee("kim@example.org", "Kim Novak"), *staff),
        event("t1", ":20240602T100000Z", ME, attendee("kim@example.org", "Kim Novak"),
              attendee("sam@example.org", "Sam Chen")),
    ]  # fmt: skip
    existing = GraphDocument(
        me="alex",
        people=[
            Person(id="alex", name="Alex Morgan", email=OWNER),
            Person(id="p7", name="Person 7", email="p7@corp.example"),
        ],
    )
    path = tmp_path / "cal.ics"
    path.write_text(calendar(*events))
    document, report = import_calendar(path, existing, as_of=TODAY)
    dana = meetings_of(document, "dana@acme.example")
    big = meetings_of(document, "p7@corp.example")
    assert (dana.count, dana.weight) == (1, 1.0)
    assert (big.count, big.weight) == (20, round(20 / 199, 4))
    assert big.detail == "20 in groups of 200 people"
    kim = meetings_of(document, "kim@example.org")
    assert kim.count == 21 and kim.detail == "21 in groups of 3 to 200 people"
    one_to_one = score([dana], as_of=TODAY)
    all_hands = score([big], as_of=TODAY)
    assert one_to_one.familiarity > all_hands.familiarity
    # the all-hands colleagues are not added; the one already known gets the evidence
    assert meetings_of(document, "p8@corp.example") is None
    assert report.counts["attendees of large meetings only left out"] == 197
    assert report.owner == "alex"


def test_time_zones_decide_the_day(tmp_path):
    events = [
        event("z1", ";TZID=Europe/Berlin:20240101T003000", ME, DANA),  # 2023-12-31 in UTC
        event("z2", ":20240310T233000Z", ME, DANA),
        event("z3", ";VALUE=DATE:20240402", ME, DANA),  # all day
        event("z4", ":20240501T120000", ME, DANA),  # floating time
    ]
    document, _ = load(tmp_path, *events)
    item = meetings_of(document, "dana@acme.example")
    assert (item.count, item.since, item.until) == (4, "2023-12-31", "2024-05-01")


def test_the_same_event_in_two_calendars_counts_once_and_zips_are_read(tmp_path):
    one = event("s1", ":20240601T100000Z", ME, DANA)
    archive = tmp_path / "takeout.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("Takeout/Calendar/Alex Morgan.ics", calendar(one))
        z.writestr("Takeout/Calendar/Team.ics", calendar(one))
    document, report = import_calendar(archive, owner=[OWNER], as_of=TODAY)
    assert meetings_of(document, "dana@acme.example").count == 1
    assert report.counts["duplicate events left out"] == 1


def test_nothing_but_counts_dates_sizes_and_people_is_stored(tmp_path):
    private = event("p1", ":20240601T100000Z", ME, DANA, summary="SECRET-TITLE")
    document, _ = load(tmp_path, private)
    text = document.model_dump_json()
    assert "SECRET" not in text and "Agenda" not in text and "Room 4" not in text


def test_bad_files_are_errors_naming_the_file(tmp_path):
    bad = tmp_path / "bad.ics"
    bad.write_text("BEGIN:VCALENDAR\nthis is not a line\nEND:VCALENDAR\n")
    with pytest.raises(ImportFileError, match=f"^{bad}: not an iCalendar file"):
        import_calendar(bad, owner=[OWNER])
    with pytest.raises(ImportFileError, match="no such file or folder"):
        import_calendar(tmp_path / "missing.ics", owner=[OWNER])
    with pytest.raises(ConfigError, match="--owner"):
        import_calendar(bad)


def test_calendar_files_and_zip_members_over_the_limit_are_refused(tmp_path, monkeypatch):
    from intropath.importers import csvutil

    monkeypatch.setattr(csvutil, "MAX_FILE_BYTES", 2**16)
    padding = event("big", ":20240601T100000Z", ME, DANA) * 400  # well over 64 KiB
    archive = tmp_path / "takeout.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("Takeout/Calendar/Alex Morgan.ics", calendar(padding))
    assert archive.stat().st_size < 2**16  # only the expanded member is too big
    with pytest.raises(
        ImportFileError, match=r"takeout\.zip!Takeout/Calendar/Alex Morgan\.ics: larger than"
    ):
        import_calendar(archive, owner=[OWNER])
    plain = tmp_path / "big.ics"
    plain.write_text(calendar(padding))
    with pytest.raises(ImportFileError, match=r"big\.ics: larger than"):
        import_calendar(plain, owner=[OWNER])
