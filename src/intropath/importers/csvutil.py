"""Reading CSV files from an export: a zip, a folder or one file.

Headers are found, never assumed: LinkedIn puts a ``Notes:`` preamble before
the header of Connections.csv, spreadsheets drop it. Columns are read by name
(case, spaces and underscores ignored), unknown ones are ignored, and every
row keeps the line it started on so problems can be reported precisely.
"""

from __future__ import annotations

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

csv.field_size_limit(2**31 - 1)  # message bodies can be long; they are never kept

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
        self._files: dict[str, str] = {}
        if path.is_dir():
            for child in sorted(path.rglob("*"), key=lambda p: (len(p.parts), str(p))):
                if child.is_file():
                    self._files.setdefault(file_key(child.name), str(child))
        elif path.is_file():
            if zipfile.is_zipfile(path):
                try:
                    self._zip = zipfile.ZipFile(path)
                    names = sorted(self._zip.namelist(), key=lambda n: (n.count("/"), n))
                except _READ_ERRORS as exc:
                    raise ImportFileError(str(path), f"not a readable zip file ({exc})") from None
                for name in names:
                    if not name.endswith("/"):
                        self._files.setdefault(file_key(name), name)
            elif path.suffix.lower() == ".zip":
                raise ImportFileError(str(path), "not a readable zip file")
            else:
                self._files[file_key(path.name)] = str(path)
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

    def find(self, *names: str) -> str | None:
        """The stored name of the first of ``names`` present (matched loosely)."""
        for name in names:
            found = self._files.get(file_key(name))
            if found is not None:
                return found
        return None

    def csv_names(self) -> list[str]:
        """The (loose) names of the CSV files present."""
        return sorted(k for k in self._files if k.endswith(".csv"))

    def label(self, stored: str) -> str:
        """How to name a member in messages: ``export.zip:Connections.csv`` or its path."""
        return f"{self.path}:{stored}" if self._zip is not None else stored

    def read_text(self, stored: str) -> str:
        """The whole text of a member, as :func:`decode` gives it."""
        try:
            data = self._read_member(stored) if self._zip is not None else read_bytes(Path(stored))
        except _READ_ERRORS as exc:
            raise ImportFileError(self.label(stored), f"cannot read ({exc})") from None
        return decode(data)

    def _read_member(self, stored: str) -> bytes:
        """A zip member, decompressed as a stream and refused beyond :data:`MAX_FILE_BYTES`.

        The size the zip's directory gives is checked first; the read is
        bounded too, so no member ever costs more memory than the limit.
        """
        assert self._zip is not None
        if self._zip.getinfo(stored).file_size > MAX_FILE_BYTES:
            raise ImportFileError(self.label(stored), _too_big())
        with self._zip.open(stored) as member:
            return _bounded(member, self.label(stored))


def decode(data: bytes) -> str:
    """Text from an export or address book: BOM dropped, bad bytes replaced, NULs dropped.

    A NUL byte is never part of a name or a company; it only comes from a
    damaged file, and would otherwise end up in the graph.

    >>> decode(b"\\xef\\xbb\\xbfAc\\x00me")
    'Acme'
    """
    return data.decode("utf-8-sig", errors="replace").replace("\x00", "")


MAX_FILE_BYTES = 256 * 2**20
"""Largest file an import reads (a LinkedIn messages.csv of a busy decade is ~100 MB)."""


def _too_big() -> str:
    return f"larger than {MAX_FILE_BYTES // 2**20} MiB, the most an import reads from one file"


def _bounded(stream: IO[bytes], where: str) -> bytes:
    data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError(where, _too_big())
    return data


def read_bytes(path: Path) -> bytes:
    """The bytes of one file, refused beyond :data:`MAX_FILE_BYTES` or if not a file."""
    what = not_a_file(path)
    if what:  # a named pipe would block the read forever
        raise ImportFileError(str(path), f"{what}, not a file to import")
    with path.open("rb") as handle:
        return _bounded(handle, str(path))


def read_file(path: Path) -> str:
    """The text of one file, as :func:`decode` gives it.

    Raises
    ------
    ImportFileError
        When the file cannot be read.
    """
    try:
        return decode(read_bytes(path))
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

    Raises
    ------
    ImportFileError
        When no such header is found in the first rows.
    """
    needed = set(required)
    lines = _Lines(io.StringIO(text, newline=""))
    reader = csv.reader(lines)
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
            return Table(where, start, keys, _rows(reader, lines, index, where, report))
    wanted = ", ".join(sorted(needed))
    raise ImportFileError(where, f"no header with the columns {wanted} was found")


class _Lines:
    """A line iterator that counts physical lines, so rows know where they start."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream
        self.count = 0

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = self._stream.readline()
        if not line:
            raise StopIteration
        self.count += 1
        return line


def _rows(
    reader: Iterator[list[str]],
    lines: _Lines,
    index: dict[str, int],
    where: str,
    report: ImportReport | None,
) -> Iterator[Row]:
    while True:
        start = lines.count + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if report is not None:
                report.skip(where, start, f"malformed CSV ({exc})")
            continue
        if any(cell.strip() for cell in cells):
            yield Row(start, cells, index)
