"""Mail and calendar files written the way real exports write them (no real person's data).

- Google Takeout: ``From <thread id>@xxx <asctime with zone>`` separator lines,
  ``X-GM-THRID`` and ``X-Gmail-Labels`` headers, LF line endings, inside
  ``Takeout/Mail/All mail Including Spam and Trash.mbox`` of a zip or tgz.
- Thunderbird: ``From - <asctime>`` separators, ``X-Mozilla-Status`` headers,
  CRLF line endings, folder files without an extension beside ``.msf`` indexes.
- Maildir: one file per message in ``cur/`` and ``new/``.
- iCalendar as Google Calendar exports it (``PRODID:-//Google Inc//Google Calendar``).
"""

from __future__ import annotations

import io
import tarfile
import zipfile
from pathlib import Path

OWNER = "alex@example.com"
TAKEOUT_MBOX = "Takeout/Mail/All mail Including Spam and Trash.mbox"


def message(
    sender: str,
    to: str = "",
    *,
    cc: str = "",
    bcc: str = "",
    date: str | None = "Tue, 02 Jan 2024 10:00:00 +0000",
    mid: str | None = None,
    reply_to: str | None = None,
    extra: tuple[str, ...] = (),
    subject: str = "Lunch next week?",
    body: str = "Hi,\nsee you then.\n",
    thunderbird: bool = False,
) -> str:
    """One message with its separator line, as Gmail (or Thunderbird) writes it."""
    lines = (
        ["From - Tue Jan 02 10:00:00 2024", "X-Mozilla-Status: 0001"]
        if thunderbird
        else ["From 1786389543095093917@xxx Tue Jan 02 10:00:00 +0000 2024",
              "X-GM-THRID: 1786389543095093917", "X-Gmail-Labels: Inbox,Opened"]
    )  # fmt: skip
    lines.append(f"From: {sender}")
    lines += [f"{name}: {value}" for name, value in (("To", to), ("Cc", cc), ("Bcc", bcc)) if value]
    if date is not None:
        lines.append(f"Date: {date}")
    if mid:
        lines.append(f"Message-ID: <{mid}>")
    if reply_to:
        lines += [f"In-Reply-To: <{reply_to}>", f"References: <{reply_to}>"]
    lines += [*extra, f"Subject: {subject}", "Content-Type: text/plain; charset=UTF-8", ""]
    text = "\n".join(lines) + "\n" + body + "\n"
    return text.replace("\n", "\r\n") if thunderbird else text


def gmail_ids(text: str, thread: str) -> str:
    """The message with Gmail's thread id set (Takeout gives each message its thread's id)."""
    return text.replace("1786389543095093917", thread)


def write_mbox(path: Path, *messages: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes("".join(messages).encode())
    return path


def write_maildir(folder: Path, *messages: str) -> Path:
    for sub in ("cur", "new", "tmp"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(messages):
        body = text.split("\n", 1)[1]  # Maildir files have no separator line
        (folder / ("cur" if i % 2 else "new") / f"1704189600.M{i}P1.host:2,S").write_text(body)
    return folder


def takeout_zip(path: Path, *messages: str) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Takeout/archive_browser.html", "<html></html>")
        archive.writestr(TAKEOUT_MBOX, "".join(messages))
    return path


def takeout_tgz(path: Path, *messages: str) -> Path:
    data = "".join(messages).encode()
    with tarfile.open(path, "w:gz") as archive:
        info = tarfile.TarInfo(TAKEOUT_MBOX)
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    return path


def attendee(address: str, name: str = "", status: str = "ACCEPTED", cutype: str = "") -> str:
    params = f";CUTYPE={cutype}" if cutype else ""
    cn = f";CN={name}" if name else ""
    return f"ATTENDEE{params};ROLE=REQ-PARTICIPANT;PARTSTAT={status}{cn}:mailto:{address}"


def event(
    uid: str,
    start: str,
    *lines: str,
    organizer: str = OWNER,
    summary: str = "Weekly sync",
) -> str:
    """A VEVENT; ``start`` is a DTSTART value with its parameters, e.g. ``:20240105T100000Z``."""
    body = [
        "BEGIN:VEVENT",
        f"DTSTART{start}",
        "DTSTAMP:20240101T000000Z",
        f"ORGANIZER;CN=Alex Morgan:mailto:{organizer}",
        f"UID:{uid}",
        *lines,
        f"SUMMARY:{summary}",
        "DESCRIPTION:Agenda: budget\\, hiring",
        "LOCATION:Room 4",
        "STATUS:CONFIRMED",
        "END:VEVENT",
    ]
    return "\n".join(body)


def calendar(*events: str) -> str:
    head = [
        "BEGIN:VCALENDAR",
        "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:alex@example.com",
        "X-WR-TIMEZONE:Europe/Berlin",
        "BEGIN:VTIMEZONE",
        "TZID:Europe/Berlin",
        "BEGIN:STANDARD",
        "TZOFFSETFROM:+0200",
        "TZOFFSETTO:+0100",
        "TZNAME:CET",
        "DTSTART:19701025T030000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
        "END:STANDARD",
        "BEGIN:DAYLIGHT",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0200",
        "TZNAME:CEST",
        "DTSTART:19700329T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        "END:DAYLIGHT",
        "END:VTIMEZONE",
    ]
    return "\r\n".join([*head, *"\n".join(events).split("\n"), "END:VCALENDAR"]) + "\r\n"
