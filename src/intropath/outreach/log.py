"""The outreach log: every ask the user sends, durably, in SQLite.

An ask moves ``sent -> followed_up -> introduced | declined | silent |
withdrawn``. The log stores what happened and when; what an ask *is* on a
given day (for example that a followed-up ask with no answer has become
silent) is derived by :mod:`intropath.outreach.rules`, so ``--as-of`` can
plan for any day.

The database uses WAL journaling with ``synchronous=FULL`` and one
transaction per change: a killed process leaves either the whole change or
none of it, and concurrent CLI runs wait for each other instead of corrupting
the file.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from ..errors import IntropathError

SCHEMA = """
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


class AskStatus(StrEnum):
    SENT = "sent"
    FOLLOWED_UP = "followed_up"
    INTRODUCED = "introduced"
    DECLINED = "declined"
    SILENT = "silent"
    WITHDRAWN = "withdrawn"

    @property
    def is_open(self) -> bool:
        return self in (AskStatus.SENT, AskStatus.FOLLOWED_UP)


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
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, timeout=30.0, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.executescript(SCHEMA)  # idempotent: IF NOT EXISTS
        except (sqlite3.Error, OSError) as exc:
            raise AskLogError(f"{path}: cannot open the outreach log: {exc}") from None

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
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        else:
            self._db.execute("COMMIT")

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
        row = self._db.execute("SELECT * FROM asks WHERE id = ?", (ask_id,)).fetchone()
        if row is None:
            raise AskLogError(f"no ask with id {ask_id}")
        return _row(row)


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
