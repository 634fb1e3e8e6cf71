"""Evidence from mail archives: whom the owner wrote to and heard from, how
often, in how many conversations, and when.

>>> from intropath.importers import import_mail                       # doctest: +SKIP
>>> document, report = import_mail(["takeout.zip"], owner=["alex@example.com"])  # doctest: +SKIP

Only header blocks are read (:mod:`~intropath.importers.mail_read`), and
only counts, dates and the people involved are kept: never subjects, bodies
or attachments. Mailing lists, bulk mail, automated senders, drafts, spam
and duplicates are left out and counted. Each correspondent gets one
``email`` item on their tie with the owner (sent, received, threads where
both wrote, first and last date), stamped ``mail:<owner id>``; importing
again replaces it, so give every archive to one import. People merge by
email, then by name; someone the owner only wrote to, or only heard from,
is added as evidence when already in the network and otherwise left out.
"""

from __future__ import annotations

import os
import re
from array import array
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, timedelta
from email.utils import getaddresses, parsedate_to_datetime
from functools import lru_cache

from ..model import Evidence, EvidenceKind, GraphDocument
from ..strength import DEFAULT_PARAMS, StrengthParams
from .correspondents import Correspondent, finish_import, is_automated, normalise, start_import
from .mail_read import RawMessage, iter_messages
from .report import ImportReport

_ADDRESS_FIELDS = frozenset({"from", "to", "cc", "bcc"})
_WANTED = _ADDRESS_FIELDS | {
    "date",
    "message-id",
    "in-reply-to",
    "references",
    "list-id",
    "list-unsubscribe",
    "precedence",
    "auto-submitted",
    "x-gmail-labels",
    "x-gm-thrid",
    "x-mozilla-draft-info",
}
_MESSAGE_ID = re.compile(r"<[^<>\s]+>")
_OWNER = -1
"""The author index of messages the owner wrote."""


def parse_headers(block: bytes) -> dict[str, str]:
    """The header fields intropath reads, unfolded; address fields met twice are joined."""
    try:
        text = block.decode("utf-8")
    except UnicodeDecodeError:
        text = block.decode("latin-1")  # raw 8-bit headers: keep every byte as a character
    fields: dict[str, str] = {}
    name: str | None = None
    for line in text.split("\n"):
        line = line.rstrip("\r")
        if line[:1] in (" ", "\t"):
            if name is not None:
                fields[name] += " " + line.strip()
            continue
        key, colon, value = line.partition(":")
        key = key.strip().casefold()
        name = key if colon and key in _WANTED else None
        if name is None:
            continue
        if name not in fields:
            fields[name] = value.strip()
        elif name in _ADDRESS_FIELDS:
            fields[name] += ", " + value.strip()
        else:
            name = None  # a repeated single field: the first one counts
    return fields


@dataclass
class _Mail(Correspondent):
    sent: int = 0
    received: int = 0
    threads: int = 0

    def evidence(self) -> Evidence:
        s = "" if self.threads == 1 else "s"
        return Evidence(
            kind=EvidenceKind.EMAIL,
            count=self.sent + self.received,
            sent=self.sent,
            received=self.received,
            threads=self.threads,
            **self.span(),
            detail=f"{self.sent} sent, {self.received} received, "
            f"{self.threads} thread{s} where you both wrote",
        )

    def addable(self) -> bool:
        """Only people the owner exchanged mail with, both ways, become new people."""
        return bool(self.sent and self.received)


class MailTally:
    """Counts per correspondent, built one message at a time in little memory."""

    def __init__(self, owner: frozenset[str], report: ImportReport, as_of: date) -> None:
        self.owner = owner
        self.report = report
        self.latest = as_of + timedelta(days=1)  # later dates are wrong clocks
        self.people: dict[str, _Mail] = {}
        self.owner_names: Counter[str] = Counter()
        self._ids: set[int] = set()
        self._order: list[str] = []  # address of each author index
        self._index: dict[str, int] = {}
        self._parent: dict[int, int] = {}  # message-id hashes, joined into threads
        self._nodes = array("q")
        self._authors = array("q")

    def add(self, message: RawMessage) -> None:
        """Count one message, or skip it and say why."""
        counts = self.report.counts
        if message.header is None:
            self.report.skip(message.file, None, f"{message.position}: header longer than 1 MiB")
            return
        fields = parse_headers(message.header)
        senders = _addresses(fields.get("from", ""))
        if not senders:
            self.report.skip(message.file, None, f"{message.position}: no sender address (From)")
            return
        counts["messages read"] += 1
        labels = {label.strip().casefold() for label in fields.get("x-gmail-labels", "").split(",")}
        if labels & {"spam", "draft", "drafts"} or "x-mozilla-draft-info" in fields:
            counts["drafts and spam left out"] += 1
            return
        mid = _MESSAGE_ID.search(fields.get("message-id", ""))
        if mid is not None:
            key = hash(mid.group())
            if key in self._ids:
                counts["duplicates left out"] += 1
                return
            self._ids.add(key)
        day = self._day(fields.get("date"))
        sender, sender_name = senders[0]
        if sender in self.owner:
            author = self._sent(fields, day, sender_name)
        else:
            author = self._received(fields, day, sender, sender_name)
        if author is not None:
            self._thread(fields, mid.group() if mid else f"\0{len(self._nodes)}", author)

    def _sent(self, fields: dict[str, str], day: date | None, name: str) -> int | None:
        counts = self.report.counts
        if "list-id" in fields:
            counts["mailing-list messages left out"] += 1
            return None
        recipients = {
            address: raw
            for field in ("to", "cc", "bcc")
            for address, raw in _addresses(fields.get(field, ""))
            if address not in self.owner and not is_automated(address)
        }
        if not recipients:
            counts["messages to yourself left out"] += 1
            return None
        counts["sent"] += 1
        if name:
            self.owner_names[name] += 1
        for address, raw in recipients.items():
            person = self._person(address)
            person.sent += 1
            person.seen(day, raw)
        return _OWNER

    def _received(
        self, fields: dict[str, str], day: date | None, sender: str, name: str
    ) -> int | None:
        counts = self.report.counts
        if "list-id" in fields:
            counts["mailing-list messages left out"] += 1
            return None
        precedence = fields.get("precedence", "").casefold()
        if precedence in {"bulk", "list", "junk"} or "list-unsubscribe" in fields:
            counts["bulk messages left out"] += 1
            return None
        auto = fields.get("auto-submitted", "no").casefold()
        if not auto.startswith("no") or is_automated(sender):
            counts["automated messages left out"] += 1
            return None
        counts["received"] += 1
        person = self._person(sender)
        person.received += 1
        person.seen(day, name)
        return self._index[sender]

    def _person(self, address: str) -> _Mail:
        found = self.people.get(address)
        if found is None:
            found = self.people[address] = _Mail()
            self._index[address] = len(self._order)
            self._order.append(address)
        return found

    def _day(self, text: str | None) -> date | None:
        if not text:
            return None
        try:
            moment = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
        if moment.tzinfo is not None:
            moment = moment.astimezone(UTC)
        day = moment.date()
        return day if date(1971, 1, 1) <= day <= self.latest else None

    # -- threads: union-find over message-id hashes -----------------------------

    def _root(self, node: int) -> int:
        parent = self._parent
        root = node
        while (up := parent.get(root, root)) != root:
            root = up
        while node != root:
            parent[node], node = root, parent[node]
        return root

    def _join(self, a: int, b: int) -> None:
        ra, rb = self._root(a), self._root(b)
        if ra != rb:
            self._parent[ra] = rb

    def _thread(self, fields: dict[str, str], mid: str, author: int) -> None:
        node = hash(mid)
        refs = fields.get("references", "") + " " + fields.get("in-reply-to", "")
        for ref in _MESSAGE_ID.findall(refs):
            self._join(node, hash(ref))
        if fields.get("x-gm-thrid"):  # Gmail's own thread id
            self._join(node, hash("thrid:" + fields["x-gm-thrid"].strip()))
        self._nodes.append(node)
        self._authors.append(author)

    def count_threads(self) -> None:
        """Credit each correspondent with the threads where both they and the owner wrote."""
        writers: dict[int, set[int]] = {}
        for node, author in zip(self._nodes, self._authors, strict=True):
            writers.setdefault(self._root(node), set()).add(author)
        for authors in writers.values():
            if _OWNER in authors:
                for author in authors - {_OWNER}:
                    self.people[self._order[author]].threads += 1


@lru_cache(maxsize=1 << 14)  # the same fields recur (your own address above all)
def _addresses(text: str) -> tuple[tuple[str, str], ...]:
    """(address, raw display name) of each valid address in an address field."""
    found = []
    for raw_name, raw in getaddresses([text]):
        address = normalise(raw)
        if address is not None:
            found.append((address, raw_name))
    return tuple(found)


def import_mail(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    document: GraphDocument | None = None,
    *,
    owner: Iterable[str] = (),
    owner_name: str | None = None,
    params: StrengthParams = DEFAULT_PARAMS,
    as_of: date | None = None,
) -> tuple[GraphDocument, ImportReport]:
    """Merge the evidence of mail archives into ``document`` (or a new network).

    Parameters
    ----------
    paths
        mbox files, Maildir folders, Google Takeout archives, or folders of them.
    document
        The network to merge into; changed in place (use the returned one).
    owner
        The owner's addresses. Default: the email of the network's owner.
    owner_name
        The owner's name if they are new to the network. Default: the name
        on the mail they sent.

    Raises
    ------
    ConfigError
        When the owner's addresses are not known.
    ImportFileError
        When a path is missing, is not mail, or cannot be read.
    """
    files, merger, addresses = start_import(paths, document, owner)
    merger.report.unit = "message"
    tally = MailTally(addresses, merger.report, as_of or date.today())
    for path in files:
        for message in iter_messages(path, merger.report):
            tally.add(message)
    tally.count_threads()
    named = owner_name or next((n for n, _ in tally.owner_names.most_common(1)), None)
    labels = ("correspondents", "one-way correspondents left out")
    return finish_import(merger, addresses, named, "mail", tally.people, labels, params, as_of)
