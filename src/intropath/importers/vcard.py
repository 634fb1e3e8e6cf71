"""Reading vCard address books (.vcf, versions 2.1, 3.0 and 4.0).

LinkedIn profiles appear as ``URL`` lines, as Apple's grouped
``item1.URL`` + ``item1.X-ABLabel:LinkedIn`` pairs, and as
``X-SOCIALPROFILE;TYPE=linkedin:...`` (with a URL, or a user name in
``x-user=``). Quoted-printable values (vCard 2.1) are decoded in the
``CHARSET`` they declare (Outlook writes ISO-8859-1 or Windows-1252).
"""

from __future__ import annotations

import codecs
import os
import quopri
import re
from datetime import date
from pathlib import Path

from ..errors import ImportFileError
from ..model import GraphDocument
from ..strength import DEFAULT_PARAMS, StrengthParams
from .addressbook import merge_contacts
from .csvutil import decode, read_bytes
from .merge import Record
from .report import ImportReport
from .urls import profile_key

_FOLD = re.compile(r"\r?\n[ \t]")


def import_vcard(
    path: str | os.PathLike[str],
    document: GraphDocument | None = None,
    *,
    owner: str | None = None,
    params: StrengthParams = DEFAULT_PARAMS,
    as_of: date | None = None,
) -> tuple[GraphDocument, ImportReport]:
    """Merge the contacts of a vCard file into ``document`` (changed in place).

    Raises
    ------
    ImportFileError
        When the file cannot be read or holds no vCard.
    """
    path = Path(path)
    report = ImportReport(source=str(path))
    records = read_vcards(_text(path, report), str(path), report)
    merged = merge_contacts(
        records, document, "vcard", report, owner=owner, params=params, as_of=as_of
    )
    return merged, report


_CHARSET = re.compile(rb"^[^:]*;CHARSET=\"?([\w.-]+)", re.IGNORECASE)


def _text(path: Path, report: ImportReport) -> str:
    """The file as text: whole when one encoding reads it, else line by line.

    Address books merged over the years hold cards in UTF-8 beside cards in
    Latin-1; a line that is not UTF-8 is read in the ``CHARSET`` it declares,
    else as Windows-1252.
    """
    data = read_bytes(path)
    text, encoding = decode(data)
    if encoding != "Windows-1252":
        if encoding != "UTF-8":
            report.read_as(str(path), encoding)
        return text
    used: set[str] = set()
    lines: list[str] = []
    for raw in data.split(b"\n"):
        try:
            lines.append(raw.decode("utf-8"))
            if not raw.isascii():
                used.add("utf-8")
        except UnicodeDecodeError:
            declared = _CHARSET.match(raw)
            charset = declared.group(1).decode("ascii") if declared else "cp1252"
            lines.append(_charset(raw, charset))
            used.add(codecs.lookup(charset).name if _known(charset) else "cp1252")
    report.read_as(str(path), " and ".join(sorted(_LABELS.get(u, u) for u in used)))
    return "\n".join(lines).replace("\x00", "")


_LABELS = {"cp1252": "Windows-1252", "iso8859-1": "ISO-8859-1", "utf-8": "UTF-8"}


def _known(charset: str) -> bool:
    try:
        codecs.lookup(charset)
    except LookupError:
        return False
    return True


def read_vcards(text: str, where: str, report: ImportReport) -> list[Record]:
    """Every card with a name, as records; cards without one are skipped and reported."""
    if "BEGIN:VCARD" not in text.upper():
        raise ImportFileError(where, "not a vCard file (no BEGIN:VCARD)")
    records: list[Record] = []
    card: list[tuple[str, dict[str, str], str]] | None = None
    start = 0
    line_no = 0
    for raw in _logical_lines(text):
        line_no, line = raw
        upper = line.upper()
        if upper.startswith("BEGIN:VCARD"):
            card, start = [], line_no
            continue
        if upper.startswith("END:VCARD"):
            if card is not None:
                record = _record(card, f"{where}:{start}")
                if record is None:
                    report.skip(where, start, "a card with no name")
                else:
                    records.append(record)
            card = None
            continue
        if card is not None:
            parsed = _property(line)
            if parsed is not None:
                card.append(parsed)
    if card is not None:
        report.skip(where, start, "a card that is never closed (no END:VCARD)")
    return records


def _logical_lines(text: str) -> list[tuple[int, str]]:
    """Unfolded lines with the physical line each starts on."""
    out: list[tuple[int, str]] = []
    physical = 0
    for chunk in re.split(r"\r?\n(?![ \t])", text):
        physical += 1
        out.append((physical, _FOLD.sub("", chunk)))
        physical += len(_FOLD.findall(chunk))
    merged: list[tuple[int, str]] = []
    for number, line in out:  # quoted-printable soft breaks (vCard 2.1)
        if merged and merged[-1][1].endswith("=") and "QUOTED-PRINTABLE" in merged[-1][1].upper():
            merged[-1] = (merged[-1][0], merged[-1][1][:-1] + line)
        else:
            merged.append((number, line))
    return merged


def _property(line: str) -> tuple[str, dict[str, str], str] | None:
    """``item1.URL;TYPE=work:https://...`` as (name, params, value); group in params."""
    colon = _value_start(line)
    if colon < 0:
        return None
    head, value = line[:colon], line[colon + 1 :]
    parts = head.split(";")
    group, _, name = parts[0].rpartition(".")
    params: dict[str, str] = {"group": group.casefold()}
    for part in parts[1:]:
        key, eq, val = part.partition("=")
        if eq:
            params[key.strip().casefold()] = val.strip().strip('"')
        else:
            params.setdefault("type", key.strip())
    if params.get("encoding", "").upper() in ("QUOTED-PRINTABLE", "QP"):
        value = _charset(quopri.decodestring(value.encode("utf-8")), params.get("charset"))
    return name.strip().upper(), params, _unescape(value)


def _charset(raw: bytes, charset: str | None) -> str:
    """``raw`` in the declared charset; undeclared or unknown, as :func:`decode` reads files."""
    if charset and _known(charset):
        return raw.decode(codecs.lookup(charset).name, errors="replace")
    return decode(raw)[0]


def _value_start(line: str) -> int:
    quoted = False
    for i, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == ":" and not quoted:
            return i
    return -1


def _unescape(value: str) -> str:
    return (
        value.replace("\\n", " ")
        .replace("\\N", " ")
        .replace("\\,", ",")
        .replace("\\;", ";")
        .replace("\\\\", "\\")
        .strip()
    )


def _record(card: list[tuple[str, dict[str, str], str]], where: str) -> Record | None:
    props: dict[str, list[tuple[dict[str, str], str]]] = {}
    labels: dict[str, str] = {}
    for name, params, value in card:
        props.setdefault(name, []).append((params, value))
        if name == "X-ABLABEL" and params["group"]:
            labels[params["group"]] = value.casefold()
    name = _first(props, "FN")
    if not name:
        parts = (_first(props, "N") or "").split(";")
        name = " ".join(p for p in (parts[1:2] + parts[2:3] + parts[:1]) if p).strip()
    if not name:
        return None
    org = (_first(props, "ORG") or "").split(";")[0].strip() or None
    return Record(
        name=name,
        url=_linkedin(props, labels),
        email=_first(props, "EMAIL") or None,
        company=org,
        title=_first(props, "TITLE") or None,
        where=where,
    )


def _first(props: dict[str, list[tuple[dict[str, str], str]]], name: str) -> str:
    return next((value for _, value in props.get(name, []) if value), "")


def _linkedin(
    props: dict[str, list[tuple[dict[str, str], str]]], labels: dict[str, str]
) -> str | None:
    for params, value in props.get("X-SOCIALPROFILE", []):
        is_linkedin = "linkedin" in params.get("type", "").casefold()
        key = profile_key(value) or profile_key(value.removeprefix("x-apple:"))
        if key:
            return key
        user = params.get("x-user") or value.removeprefix("x-apple:")
        if is_linkedin and user and "/" not in user and " " not in user:
            return profile_key(f"linkedin.com/in/{user}")
    for params, value in props.get("URL", []):
        key = profile_key(value)
        if key:
            return key
        if "linkedin" in labels.get(params["group"], "") and value:
            key = profile_key(f"linkedin.com/in/{value.rstrip('/').rsplit('/', 1)[-1]}")
            if key:
                return key
    return None
