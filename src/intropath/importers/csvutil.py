"""Reading CSV files from an export: a zip, a folder or one file.

Headers are found, never assumed: LinkedIn puts a ``Notes:`` preamble before
the header of Connections.csv, spreadsheets drop it. Columns are read by name
(case, spaces and underscores ignored), unknown ones are ignored, and every
row keeps the line it started on so problems can be reported precisely.

Files come as UTF-8 (with or without a BOM), UTF-16 (older endorsement files,
tab-separated) or Windows-1252 (Outlook, Excel), separated by commas,
semicolons (Excel in German or Swedish) or tabs; the encoding and separator
are detected and, when unusual, named in the import report.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from ..errors import ImportFileError
from ..files import not_a_file
from .report import ImportReport

MAX_CELL = 1_000_000
"""Characters in one cell: LinkedIn caps a message at 8,000; anything longer is damage."""

csv.field_size_limit(MAX_CELL)  # above the csv module's default, so no other reader loses

DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab"}
"""Separators tried, in order, until a header is found."""

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),  # before UTF-16 LE: its BOM starts the same
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)

HEADER_SCAN_ROWS = 50
"""How many rows are searched for the header before giving up."""

_READ_ERRORS = (
    OSError,
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    NotImplementedError,
    RuntimeError,
    ValueError,
)


def file_key(name: str) -> str:
    """``Endorsement_Received_Info.csv`` and ``endorsement received info.CSV`` are the same."""
    return re.sub(r"[\s_\-]+", "", Path(name).name).casefold()


def column_key(name: str) -> str:
    """``CONVERSATION ID``, ``Conversation Id`` and ``conversation_id`` are the same column."""
    return re.sub(r"[^0-9a-z]+", "", name.casefold())


class ExportSource:
    """The files of an export, found by name whatever the container."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._zip: zipfile.ZipFile | None = None
        self._files: dict[str, list[str]] = {}
        if path.is_dir():
            for child in sorted(path.rglob("*"), key=lambda p: (len(p.parts), str(p))):
                if child.is_file():
                    self._files.setdefault(file_key(child.name), []).append(str(child))
        elif path.is_file():
            if zipfile.is_zipfile(path):
                try:
                    self._zip = zipfile.ZipFile(path)
                    names = sorted(self._zip.namelist(), key=lambda n: (n.count("/"), n))
                except _READ_ERRORS as exc:
                    raise ImportFileError(str(path), f"not a readable zip file ({exc})") from None
                for name in names:
                    if not name.endswith("/"):
                        self._files.setdefault(file_key(name), []).append(name)
            elif path.suffix.lower() == ".zip":
                raise ImportFileError(str(path), "not a readable zip file")
            else:
                self._files[file_key(path.name)] = [str(path)]
        else:
            what = not_a_file(path)
            raise ImportFileError(
                str(path), f"{what}, not an export" if what else "no such file or folder"
            )

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()

    def __enter__(self) -> ExportSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def find(self, *names: str) -> list[str]:
        """The stored names matching the first of ``names`` present (loosely): twins and all."""
        for name in names:
            found = self._files.get(file_key(name))
            if found:
                return found
        return []

    def csv_names(self) -> list[str]:
        """The (loose) names of the CSV files present."""
        return sorted(k for k in self._files if k.endswith(".csv"))

    def label(self, stored: str) -> str:
        """How to name a member in messages: ``export.zip:Connections.csv`` or its path."""
        return f"{self.path}:{stored}" if self._zip is not None else stored

    def read_text(self, stored: str, report: ImportReport | None = None) -> str:
        """The whole text of a member, as :func:`decode` gives it."""
        try:
            if self._zip is not None:
                data = read_member(self._zip, stored, self.label(stored))
            else:
                data = read_bytes(Path(stored))
        except _READ_ERRORS as exc:
            raise ImportFileError(self.label(stored), f"cannot read ({exc})") from None
        return _decoded(data, self.label(stored), report)

    def table(
        self, names: tuple[str, ...], required: Iterable[str], report: ImportReport
    ) -> Table | None:
        """The table of the file called one of ``names``; None when there is none.

        When twins are present (``Endorsement Received Info.csv`` beside
        ``Endorsement_Received_Info.csv``) the readable one with the most
        lines is read, and the report says which.

        Raises
        ------
        ImportFileError
            When the file is present but no copy of it has the header.
        """
        required = list(required)
        stored = self.find(*names)
        if len(stored) > 1:
            stored = [self._twin(stored, required, report)]
        if not stored:
            return None
        return read_table(
            self.read_text(stored[0], report), self.label(stored[0]), required, report
        )

    def _twin(self, stored: list[str], required: list[str], report: ImportReport) -> str:
        """Of several copies of a file, the readable one with the most lines (noted)."""
        readable: list[tuple[int, str]] = []
        failure: ImportFileError | None = None
        for name in stored:
            text = self.read_text(name)
            try:
                read_table(text, self.label(name), required)
            except ImportFileError as exc:
                failure = failure or exc
                continue
            readable.append((text.count("\n"), name))
        if not readable:
            assert failure is not None
            raise failure
        _, chosen = max(readable)
        others = ", ".join(repr(Path(n).name) for n in stored if n != chosen)
        why = "it has no readable header" if len(readable) == 1 else "a copy with fewer lines"
        report.note(f"{self.label(chosen)}: read this file; its twin {others} was not ({why})")
        return chosen


def decode(data: bytes) -> tuple[str, str]:
    """Text from an export or address book, and the encoding it was read with.

    A BOM decides first (UTF-8, UTF-16, UTF-32), unless what follows a UTF-16
    or UTF-32 one cannot be such text (those BOMs also spell "þÿ" and "ÿþ" in
    Windows-1252: "þÿÀ" is no UTF-16); then UTF-16 without a BOM (every other
    byte NUL), then strict UTF-8, then Windows-1252 (Outlook and Excel's "CSV"
    on Windows), whose superset of Latin-1 reads any byte. NUL bytes left over
    come only from damaged files and are dropped, so they never reach the graph.

    >>> decode(b"\\xef\\xbb\\xbfAc\\x00me")
    ('Acme', 'UTF-8')
    >>> decode("Jürgen".encode("cp1252"))
    ('Jürgen', 'Windows-1252')
    """
    for bom, codec, label in _BOMS:
        text = _after_bom(data[len(bom) :], codec) if data.startswith(bom) else None
        if text is not None:
            return text.replace("\x00", ""), label
    utf16 = _bomless_utf16(data)
    if utf16 is not None:
        return data.decode(utf16, errors="replace").replace("\x00", ""), "UTF-16"
    try:
        return data.decode("utf-8").replace("\x00", ""), "UTF-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace").replace("\x00", ""), "Windows-1252"


def _after_bom(body: bytes, codec: str) -> str | None:
    """The text after a BOM, or None if it cannot be in the encoding the BOM names.

    UTF-8: always (damage is read as damage). UTF-16 and UTF-32: text that
    decodes, or damaged text with the NUL bytes such text is full of (the line
    ends and separators of every format read here). A guess, as any: Windows-1252
    text after "ÿþ" that happens to decode as UTF-16 is read as UTF-16.
    """
    try:
        return body.decode(codec)
    except UnicodeDecodeError:
        if codec == "utf-8" or 0 in body:
            return body.decode(codec, errors="replace")
        return None


def _bomless_utf16(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when text without a BOM has a NUL in every other byte."""
    head = data[:4096]
    if len(head) < 4:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _decoded(data: bytes, where: str, report: ImportReport | None) -> str:
    text, encoding = decode(data)
    if report is not None and encoding != "UTF-8":
        report.read_as(where, encoding)
    return text


def read_file(path: Path, report: ImportReport | None = None) -> str:
    """The text of one file, as :func:`decode` gives it (an unusual encoding is reported).

    Raises
    ------
    ImportFileError
        When the file cannot be read.
    """
    return _decoded(read_bytes(path), str(path), report)


MAX_FILE_BYTES = 256 * 2**20
"""Largest file an import reads (a LinkedIn messages.csv of a busy decade is ~100 MB)."""


def _too_big() -> str:
    return f"larger than {MAX_FILE_BYTES // 2**20} MiB, the most an import reads from one file"


def _bounded(stream: IO[bytes], where: str) -> bytes:
    data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError(where, _too_big())
    return data


def read_member(archive: zipfile.ZipFile, stored: str, where: str) -> bytes:
    """A zip member, decompressed as a stream and refused beyond :data:`MAX_FILE_BYTES`.

    The size the zip's directory gives is checked first; the read is bounded
    too (the directory may lie), so no member costs more memory than the limit.
    """
    if archive.getinfo(stored).file_size > MAX_FILE_BYTES:
        raise ImportFileError(where, _too_big())
    with archive.open(stored) as member:
        return _bounded(member, where)


def read_bytes(path: Path) -> bytes:
    """The bytes of one file, refused beyond :data:`MAX_FILE_BYTES` or if not a file.

    Raises
    ------
    ImportFileError
        When the file cannot be read.
    """
    what = not_a_file(path)
    if what:  # a named pipe would block the read forever
        raise ImportFileError(str(path), f"{what}, not a file to import")
    try:
        with path.open("rb") as handle:
            return _bounded(handle, str(path))
    except OSError as exc:
        raise ImportFileError(str(path), f"cannot read ({exc.strerror or exc})") from None


@dataclass
class Row:
    """One CSV record, its cells read by column key."""

    line: int
    cells: list[str]
    index: dict[str, int]

    def get(self, *columns: str) -> str:
        """The first non-empty cell among ``columns`` (keys), stripped; '' if none."""
        for column in columns:
            i = self.index.get(column)
            if i is not None and i < len(self.cells):
                value = self.cells[i].strip()
                if value:
                    return value
        return ""


@dataclass
class Table:
    """The rows of one CSV file after its header."""

    where: str
    header_line: int
    columns: list[str]
    rows: Iterator[Row]

    def has(self, column: str) -> bool:
        return column in self.columns


def read_table(
    text: str, where: str, required: Iterable[str], report: ImportReport | None = None
) -> Table:
    """Find the header (a row holding every ``required`` column key) and read on.

    Commas are tried first, then semicolons, then tabs; a separator other than
    the comma is named in the report.

    Raises
    ------
    ImportFileError
        When no such header is found in the first rows.
    """
    needed = set(required)
    for delimiter, label in DELIMITERS.items():
        table = _header(text, where, needed, delimiter, report)
        if table is not None:
            if report is not None and delimiter != ",":
                report.read_as(where, f"{label}-separated")
            return table
    wanted = ", ".join(sorted(needed))
    raise ImportFileError(where, f"no header with the columns {wanted} was found")


def _header(
    text: str, where: str, needed: set[str], delimiter: str, report: ImportReport | None
) -> Table | None:
    if delimiter != "," and delimiter not in text[:65536]:
        return None
    lines = _Lines(text)
    reader = csv.reader(lines, delimiter=delimiter)
    for _ in range(HEADER_SCAN_ROWS):
        start = lines.count + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error:
            continue
        keys = [column_key(c) for c in cells]
        if needed <= set(keys):
            index: dict[str, int] = {}
            for i, key in enumerate(keys):
                index.setdefault(key, i)
            rows = _rows(reader, lines, index, where, delimiter, report)
            return Table(where, start, keys, rows)
    return None


class _Lines:
    """Physical lines, counted so rows know where they start, and kept per record.

    The lines of the record being read are kept so that a record found broken
    (an unterminated quote) can be skipped and the lines after its first read
    again.
    """

    def __init__(self, text: str) -> None:
        self._stream = io.StringIO(text, newline="")
        self._again: list[str] = []  # lines to read again, last first
        self.count = 0
        self.record: list[str] = []
        self.ended = False

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = self._again.pop() if self._again else self._stream.readline()
        if not line:
            self.ended = True
            raise StopIteration
        self.count += 1
        self.record.append(line)
        return line

    def start_record(self) -> int:
        """Forget the last record's lines; the number of the line the next one starts on."""
        self.record = []
        return self.count + 1

    def close_quote(self) -> bool:
        """Read on to the line that closes an open quote; False if the file ends first."""
        open_quote = sum(line.count('"') for line in self.record) % 2
        while open_quote:
            try:
                open_quote ^= next(self).count('"') % 2
            except StopIteration:
                return False
        return True

    def reread_after(self, start: int) -> None:
        """Read the record's lines after its first one again, as lines ``start + 1``..."""
        self._again.extend(reversed(self.record[1:]))
        self.count = start
        self.ended = False


def _unterminated(record: list[str], delimiter: str) -> bool:
    """True when the record opens a quote it never closes (csv would read to the end)."""
    text = "".join(record)
    if '"' not in text:
        return False
    try:
        list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as exc:
        return "unexpected end of data" in str(exc)
    return False


def _rows(
    reader: Iterator[list[str]],
    lines: _Lines,
    index: dict[str, int],
    where: str,
    delimiter: str,
    report: ImportReport | None,
) -> Iterator[Row]:
    """The rows after the header; broken ones are skipped and reported with their line.

    An unterminated quote would make the rest of the file one cell, and a cell
    longer than :data:`MAX_CELL` is damage: both are row errors, and reading
    goes on after them.
    """
    while True:
        start = lines.start_record()
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if "field limit" not in str(exc):
                reason = f"malformed CSV ({exc})"
            elif lines.close_quote():
                reason = f"a cell longer than {MAX_CELL:,} characters"
            else:
                reason = "a quote that is never closed; read on from the next line"
                lines.reread_after(start)
            if report is not None:
                report.skip(where, start, reason)
            continue
        if lines.ended and _unterminated(lines.record, delimiter):
            if report is not None:
                report.skip(
                    where, start, "a quote that is never closed; read on from the next line"
                )
            lines.reread_after(start)
            continue
        if any(cell.strip() for cell in cells):
            yield Row(start, cells, index)
