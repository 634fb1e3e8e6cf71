"""The outreach log: every ask the user sends, durably, in SQLite.

An ask moves ``sent -> followed_up -> introduced | declined | silent |
withdrawn``. The log stores what happened and when; what an ask *is* on a
given day (for example that a followed-up ask with no answer has become
silent) is derived by :mod:`intropath.outreach.rules`, so ``--as-of`` can
plan for any day.

The database uses WAL journaling with ``synchronous=FULL`` and one
transaction per change: a killed process leaves either the whole change or
none of it, and concurrent CLI runs wait for each other instead of corrupting
the file. It is created readable by the user only (SQLite gives its -wal and
-shm files the same mode). ``PRAGMA user_version`` holds the schema version;
opening an older log applies the :data:`MIGRATIONS` it lacks, in order.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from ..errors import IntropathError
from ..files import private_dir
from .status import MAX_ASK_ID as MAX_ASK_ID
from .status import AskStatus as AskStatus

if TYPE_CHECKING:
    import sqlite3

SCHEMA_V1 = """
CREATE TABLE IF NOT EXISTS asks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    me TEXT NOT NULL,
    via TEXT NOT NULL,
    target TEXT NOT NULL,
    company TEXT NOT NULL,
    channel TEXT,
    status TEXT NOT NULL,
    sent_on TEXT NOT NULL,
    followed_up_on TEXT,
    closed_on TEXT,
    note TEXT
);
CREATE INDEX IF NOT EXISTS asks_via ON asks (me, via);
CREATE TABLE IF NOT EXISTS events (
    ask_id INTEGER NOT NULL REFERENCES asks (id),
    status TEXT NOT NULL,
    happened_on TEXT NOT NULL,
    recorded_at TEXT NOT NULL DEFAULT (datetime('now'))
);
"""

MIGRATIONS: tuple[str, ...] = (SCHEMA_V1,)
"""``MIGRATIONS[i]`` takes a log from version ``i`` to ``i + 1``.

Version 0 is a new file or a log written before versions were recorded, which
already has version 1's tables (hence ``IF NOT EXISTS``). A change to the
schema appends a script here; scripts already released never change.
"""
SCHEMA_VERSION = len(MIGRATIONS)


class AskLogError(IntropathError):
    """An outreach-log operation that cannot be done (unknown ask, bad transition)."""


class AskRecord(BaseModel):
    """One ask as stored."""

    model_config = ConfigDict(frozen=True)

    id: int
    me: str
    via: str
    target: str
    company: str
    channel: str | None = None
    status: AskStatus
    sent_on: date
    followed_up_on: date | None = None
    closed_on: date | None = None
    note: str | None = None


_ALLOWED: dict[AskStatus, set[AskStatus]] = {
    AskStatus.SENT: {
        AskStatus.FOLLOWED_UP,
        AskStatus.INTRODUCED,
        AskStatus.DECLINED,
        AskStatus.SILENT,
        AskStatus.WITHDRAWN,
    },
    AskStatus.FOLLOWED_UP: {
        AskStatus.INTRODUCED,
        AskStatus.DECLINED,
        AskStatus.SILENT,
        AskStatus.WITHDRAWN,
    },
    # A silent ask can still be answered late.
    AskStatus.SILENT: {AskStatus.INTRODUCED, AskStatus.DECLINED},
}


class AskLog:
    """The SQLite outreach log at ``path`` (created on first use)."""

    def __init__(self, path: Path) -> None:
        import sqlite3  # here: a plan with no log yet (the usual `find`) needs no SQLite

        self.path = path
        try:
            private_dir(path.parent)
            _private_files(path)
            self._db = sqlite3.connect(path, timeout=30.0, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except (sqlite3.Error, OSError) as exc:
            raise AskLogError(f"{path}: cannot open the outreach log: {exc}") from None

    @property
    def version(self) -> int:
        """The schema version stored in the file."""
        (found,) = self._db.execute("PRAGMA user_version").fetchone()
        return int(found)

    def _migrate(self) -> None:
        found = self.version
        if found > SCHEMA_VERSION:
            self._db.close()
            raise AskLogError(
                f"{self.path}: the outreach log has schema version {found}, newer than "
                f"this intropath understands ({SCHEMA_VERSION}); upgrade intropath"
            )
        while self.version < SCHEMA_VERSION:
            step = self.version
            with self._transaction() as db:
                if self.version == step:  # another process may have migrated meanwhile
                    for statement in MIGRATIONS[step].split(";"):
                        if statement.strip():
                            db.execute(statement)
                    db.execute(f"PRAGMA user_version = {step + 1}")  # a literal, never data

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> AskLog:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        # BEGIN IMMEDIATE takes the write lock up front, so two writers queue
        # instead of one failing half-way with "database is locked".
        import sqlite3

        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
                self._db.execute("COMMIT")
            except BaseException:
                if self._db.in_transaction:  # SQLite may have rolled back already
                    self._db.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:  # a full disk, say: name the file
            raise AskLogError(f"{self.path}: cannot write the outreach log: {exc}") from None

    def record(
        self,
        *,
        me: str,
        via: str,
        target: str,
        company: str,
        on: date,
        channel: str | None = None,
        note: str | None = None,
    ) -> AskRecord:
        """Record an ask sent on ``on``."""
        with self._transaction() as db:
            cursor = db.execute(
                "INSERT INTO asks (me, via, target, company, channel, status, sent_on, note) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (me, via, target, company, channel, AskStatus.SENT.value, on.isoformat(), note),
            )
            ask_id = cursor.lastrowid
            assert ask_id is not None
            db.execute(
                "INSERT INTO events (ask_id, status, happened_on) VALUES (?, ?, ?)",
                (ask_id, AskStatus.SENT.value, on.isoformat()),
            )
        return self.get(ask_id)

    def update(self, ask_id: int, status: AskStatus, on: date) -> AskRecord:
        """Move an ask to ``status`` on ``on``; refuses impossible moves."""
        with self._transaction() as db:
            current = self.get(ask_id)
            if status not in _ALLOWED.get(current.status, set()):
                raise AskLogError(
                    f"ask {ask_id} is {current.status.value}; it cannot become {status.value}"
                )
            if on < current.sent_on:
                raise AskLogError(f"ask {ask_id} was sent on {current.sent_on}, before {on}")
            if status is AskStatus.FOLLOWED_UP:
                db.execute(
                    "UPDATE asks SET status = ?, followed_up_on = ? WHERE id = ?",
                    (status.value, on.isoformat(), ask_id),
                )
            else:
                db.execute(
                    "UPDATE asks SET status = ?, closed_on = ? WHERE id = ?",
                    (status.value, on.isoformat(), ask_id),
                )
            db.execute(
                "INSERT INTO events (ask_id, status, happened_on) VALUES (?, ?, ?)",
                (ask_id, status.value, on.isoformat()),
            )
        return self.get(ask_id)

    def all(self, me: str | None = None) -> list[AskRecord]:
        """Every ask (of ``me``, if given), oldest first."""
        query = "SELECT * FROM asks" + (" WHERE me = ?" if me else "") + " ORDER BY id"
        return [_row(r) for r in self._db.execute(query, (me,) if me else ())]

    def get(self, ask_id: int) -> AskRecord:
        """The ask numbered ``ask_id``; raises AskLogError if there is none."""
        if not 1 <= ask_id <= MAX_ASK_ID:
            raise AskLogError(f"no ask with id {ask_id}")
        row = self._db.execute("SELECT * FROM asks WHERE id = ?", (ask_id,)).fetchone()
        if row is None:
            raise AskLogError(f"no ask with id {ask_id}")
        return _row(row)


def _private_files(path: Path) -> None:
    """Create the log readable by the user only; tighten one an older version left open."""
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        if name.exists():
            os.chmod(name, 0o600)


def _row(row: tuple[object, ...]) -> AskRecord:
    keys = (
        "id",
        "me",
        "via",
        "target",
        "company",
        "channel",
        "status",
        "sent_on",
        "followed_up_on",
        "closed_on",
        "note",
    )
    return AskRecord.model_validate(dict(zip(keys, row, strict=True)))
