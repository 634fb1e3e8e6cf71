"""Finding mail in archives and streaming each message's header block.

Reads mbox files (Thunderbird folders, Google Takeout's ``.mbox``, also inside
the Takeout ``.zip`` or ``.tgz`` as downloaded), Maildir folders, single
``.eml`` files and folders holding any of these. Only header blocks are ever
held in memory: bodies are skipped by searching for the next ``From `` line
in large blocks, so memory stays flat whatever the archive's size. Nothing
here seeks, so members of compressed archives stream too.
"""

from __future__ import annotations

import re
import tarfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from ..errors import ImportFileError
from .report import ImportReport

CHUNK = 1 << 22
"""Bytes read at a time (4 MiB)."""

MAX_HEADER = 1 << 20
"""A header block longer than this (1 MiB) is malformed: the message is skipped."""

SEPARATOR = b"\nFrom "
"""Like the standard library's ``mailbox.mbox``, every line starting ``From `` starts a message."""

_EOL = re.compile(rb"\n")
_BLANK_LINE = re.compile(rb"\n\r?\n")
_HEADER_END = re.compile(rb"\n\r?\n|\nFrom ")
_ARCHIVES = (".zip", ".tgz", ".tar.gz")
_UNSENT = frozenset({"junk", "spam", "drafts", "templates", "outbox", "unsent messages"})
"""Folders (Thunderbird, Maildir++) whose mail was never exchanged."""
_READ_ERRORS = (OSError, zipfile.BadZipFile, tarfile.TarError, zlib.error, EOFError, ValueError)


@dataclass(frozen=True)
class RawMessage:
    """One message's header block, and where it was found (for skip messages)."""

    file: str
    position: str
    header: bytes | None
    """None when the header block is too long to be mail."""


class _Blocks:
    """A byte stream read in blocks, addressed by absolute offsets."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.buf = b""
        self.base = 0  # the offset of buf[0]

    @property
    def end(self) -> int:
        return self.base + len(self.buf)

    def refill(self, keep: int) -> bool:
        """Forget what lies before offset ``keep`` and read a block; False at the end."""
        data = self.raw.read(CHUNK)
        if not data:
            return False
        self.buf = self.buf[keep - self.base :] + data
        self.base = keep
        return True

    def search(self, pattern: re.Pattern[bytes], start: int, keep: int) -> int:
        """The offset of ``pattern`` within ``MAX_HEADER`` bytes of ``start``, or -1.

        Reads on as needed, keeping the bytes from offset ``keep`` on.
        """
        while True:
            rel = start - self.base
            found = pattern.search(self.buf, rel, rel + MAX_HEADER)
            if found:
                return found.start() + self.base
            if self.end - start >= MAX_HEADER or not self.refill(keep):
                return -1

    def skip_to_separator(self, start: int) -> int:
        """The offset of the next ``SEPARATOR`` at or after ``start``, or -1 at the end."""
        while True:
            found = self.buf.find(SEPARATOR, start - self.base)
            if found >= 0:
                return found + self.base
            start = max(start, self.end - len(SEPARATOR) + 1)
            if not self.refill(start):
                return -1

    def slice(self, start: int, stop: int) -> bytes:
        return self.buf[start - self.base : stop - self.base]


def split_mbox(raw: IO[bytes]) -> Iterator[tuple[int, bytes | None]]:
    """The byte offset and header block of each message of an mbox stream.

    Text before the first ``From `` line is ignored, as the standard library does.
    """
    blocks = _Blocks(raw)
    if not blocks.refill(0):
        return
    start = 0 if blocks.buf.startswith(b"From ") else _after(blocks.skip_to_separator(0))
    while start >= 0:
        eol = blocks.search(_EOL, start, keep=start)
        if eol < 0:  # a last "From " line with nothing after it, or a monstrous one
            yield start, (b"" if blocks.end - start <= MAX_HEADER else None)
            return
        stop = blocks.search(_HEADER_END, eol, keep=start)
        if stop < 0 and blocks.end - eol < MAX_HEADER:
            stop = blocks.end  # the headers run to the end of the file
        yield start, (blocks.slice(eol + 1, stop + 1) if stop >= 0 else None)
        start = _after(blocks.skip_to_separator(max(stop, eol)))


def _after(separator: int) -> int:
    """Where the message starts: after the newline of its separator (-1 stays -1)."""
    return separator + 1 if separator >= 0 else -1


def read_header(raw: IO[bytes]) -> bytes | None:
    """The header block of one message file (Maildir, .eml); None if too long."""
    blocks = _Blocks(raw)
    if not blocks.refill(0):
        return b""
    stop = blocks.search(_BLANK_LINE, 0, keep=0)
    if stop < 0:
        return blocks.buf if blocks.end < MAX_HEADER else None
    return blocks.slice(0, stop + 1)


def iter_messages(path: Path, report: ImportReport) -> Iterator[RawMessage]:
    """Every message in ``path``: an mbox, a Takeout archive, a Maildir, an .eml or a folder.

    Raises
    ------
    ImportFileError
        When ``path`` is missing, not mail, or cannot be read.
    """
    if path.is_dir():
        yield from _folder(path, report)
    elif path.is_file():
        if not _is_mail_file(path):
            raise ImportFileError(
                str(path), "not mail: expected an mbox file, a Maildir or Takeout archive"
            )
        yield from _file(path)
    else:
        raise ImportFileError(str(path), "no such file or folder")


def _folder(folder: Path, report: ImportReport) -> Iterator[RawMessage]:
    for child in sorted(folder.rglob("*")):
        if not child.is_file() or child.name.startswith("."):
            continue
        inside = child.relative_to(folder).parts
        if _UNSENT.intersection(part.casefold().lstrip(".") for part in inside):
            report.counts["files in spam and draft folders left out"] += 1
        elif _in_maildir(child) or _is_mail_file(child):
            yield from _file(child)
        elif child.suffix.casefold() not in {".msf", ".dat", ".json", ".sqlite", ".html"}:
            report.note(f"{child}: not mail; not read")


def _in_maildir(path: Path) -> bool:
    box = path.parent.parent
    return path.parent.name in {"cur", "new"} and (box / "cur").is_dir() and (box / "new").is_dir()


def _is_mail_file(path: Path) -> bool:
    name = path.name.casefold()
    if name.endswith(_ARCHIVES) or name.endswith(".eml"):
        return True
    try:
        with open(path, "rb") as head:
            return head.read(5) in {b"From ", b""}
    except OSError as exc:
        raise ImportFileError(str(path), f"cannot read: {exc.strerror or exc}") from None


def _file(path: Path) -> Iterator[RawMessage]:
    name = path.name.casefold()
    try:
        if name.endswith(".zip"):
            yield from _zip(path)
        elif name.endswith(_ARCHIVES):
            yield from _tar(path)
        else:
            with open(path, "rb") as raw:
                if name.endswith(".eml") or _in_maildir(path):
                    yield RawMessage(str(path), "message 1", read_header(raw))
                else:
                    yield from _mbox(str(path), raw)
    except _READ_ERRORS as exc:
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        raise ImportFileError(str(path), f"cannot read: {reason}") from None


def _mbox(where: str, raw: IO[bytes]) -> Iterator[RawMessage]:
    for number, (offset, header) in enumerate(split_mbox(raw), 1):
        yield RawMessage(where, f"message {number} at byte {offset}", header)


def _zip(path: Path) -> Iterator[RawMessage]:
    with zipfile.ZipFile(path) as archive:
        for member in archive.infolist():
            if member.filename.casefold().endswith(".mbox"):
                with archive.open(member) as raw:
                    yield from _mbox(f"{path}!{member.filename}", raw)


def _tar(path: Path) -> Iterator[RawMessage]:
    with tarfile.open(path, "r|*") as archive:  # streamed: a tgz cannot seek cheaply
        for member in archive:
            if member.isfile() and member.name.casefold().endswith(".mbox"):
                raw = archive.extractfile(member)
                if raw is not None:
                    yield from _mbox(f"{path}!{member.name}", raw)
