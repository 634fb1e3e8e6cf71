"""Reading large intropath JSON graph files without an object per person or tie.

Two million ties and 200,000 people as pydantic objects take half a minute
and gigabytes. Here msgspec decodes the file into small typed records, the
checks the full reader makes are made over whole columns (numbers in [0, 1],
known people, no loops, no duplicates, no blank ids, nothing to strip), and
the store is built from the columns: people stay JSON records until a plan
asks for them (:class:`~intropath.stores.people.People`).

The fast path only accepts what the full reader accepts, with the same store
as a result. Anything it is not sure of (a problem, an id with spaces around
it, a number written as text) makes it give up, and the caller reads the file
the full way (:mod:`intropath.graphfile`), which then accepts it or names the
problem with the file and record.
"""

from __future__ import annotations

import itertools
import operator
import re
from collections.abc import Iterable
from typing import Any, Literal, TypeVar

import msgspec
import numpy as np
import numpy.typing as npt
from pydantic import TypeAdapter, ValidationError

from .companies import CompanyIndex, company_key
from .model import Company, ContactPolicy, Evidence, Group
from .stores.compact import CompactGraph, Floats, Ints, pair_order
from .stores.memory import MemoryStore
from .stores.people import People, offsets_of
from .stores.records import PersonRecord, PositionRecord, shortcut

_EVIDENCE = TypeAdapter(list[Evidence])
_COMPANIES = TypeAdapter(list[Company])
_GROUPS = TypeAdapter(list[Group])
# A string the full reader would strip (str.isspace is a superset of what pydantic strips),
# in texts laid end to end after NULs: a literal first lets the regex skip ahead.
_LEADING_SPACE = re.compile(r"\x00\s")


class _Tie(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    a: str
    b: str
    trust: float
    familiarity: float
    evidence: list[Any] | msgspec.UnsetType = msgspec.UNSET


class _File(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    version: Literal[1] = 1
    me: str | None = None
    people: msgspec.Raw = msgspec.Raw(b"[]")
    companies: list[Any] = msgspec.field(default_factory=list)
    groups: list[Any] = msgspec.field(default_factory=list)
    ties: list[_Tie] = msgspec.field(default_factory=list)


T = TypeVar("T")


class Unsure(Exception):
    """The fast path cannot vouch for the file: read it the full way."""


def read_store(content: bytes | bytearray | list[Any], source: str) -> MemoryStore | None:
    """The graph file's content as a store, or None to read it the full way.

    Given the content in a list, the list is emptied once the bytes are
    decoded, so that they can be freed (and left as they were if they do not
    decode as an intropath graph file).
    """
    try:
        return _store(decode(content, _File), source)
    except (msgspec.MsgspecError, RecursionError, ValidationError, Unsure):
        return None


def decode(content: bytes | bytearray | list[Any], kind: type[T]) -> T:
    """Decode JSON bytes, or the bytes held in a list (emptied once they are decoded)."""
    held = content if isinstance(content, list) else [content]
    decoded = msgspec.json.decode(held[-1], type=kind)
    held.clear()
    return decoded


def _store(parsed: _File, source: str) -> MemoryStore:
    records = msgspec.json.decode(parsed.people, type=list[PersonRecord])
    texts = msgspec.json.decode(parsed.people, type=list[msgspec.Raw])
    del parsed.people
    positions = list(map(shortcut, records))  # each person's
    _check_people(records, positions)
    ids = [r.id for r in records]
    order = sorted(range(len(ids)), key=ids.__getitem__)
    people = People(
        [ids[i] for i in order],
        blob=b"".join(texts[i] for i in order),
        offsets=offsets_of([len(texts[i]) for i in order]),
    )
    del texts
    known = set(ids)
    if len(known) != len(ids) or (parsed.me is not None and parsed.me not in known):
        raise Unsure  # a duplicate id, or an owner who is not one of the people
    rank = np.empty(len(ids), dtype=np.int64)
    rank[np.asarray(order, dtype=np.int64)] = np.arange(len(ids), dtype=np.int64)
    index, employees = _companies(_COMPANIES.validate_python(parsed.companies), positions, rank)
    groups = _groups(_GROUPS.validate_python(parsed.groups), records, known)
    graph, evidence = _ties(parsed.ties, people, records, rank)
    do_not_ask = {int(rank[i]) for i, r in enumerate(records) if r.do_not_ask}
    return MemoryStore.from_parts(
        people, index, employees, groups, parsed.me, source, graph, do_not_ask, evidence
    )


def _check_people(records: list[PersonRecord], positions: list[list[PositionRecord]]) -> None:
    """What the full reader checks beyond types: no blank names, nothing to strip.

    ``positions``: each person's, the ``company``/``title`` shortcut first.
    """
    get, chain = operator.attrgetter, itertools.chain
    every = list(chain.from_iterable(positions))
    required = [*map(get("id"), records), *map(get("name"), records)]
    required += map(get("company"), every)
    if not all(required) or any(r.title for r in records if not r.company):
        raise Unsure  # a blank id, name or company; a title without a company
    optional = chain(
        *(map(get(name), records) for name in ("headline", "email", "profile_url")),
        *(map(get(name), every) for name in ("title", "team", "start", "end")),
        *(chain.from_iterable(map(get(name), records)) for name in ("groups", "sources")),
    )
    # A blank or missing one has nothing to strip.
    joined = "\x00" + "\x00".join(chain(required, filter(None, optional))) + "\x00"
    # Trailing spaces lead once the text is read backwards.
    if _LEADING_SPACE.search(joined) or _LEADING_SPACE.search(joined[::-1]):
        raise Unsure


def _companies(
    declared: list[Company], positions: list[list[PositionRecord]], rank: Any
) -> tuple[CompanyIndex, dict[str, list[int]]]:
    """The company index (declared, then implied by positions) and each one's employees.

    ``positions``: each person's, in file order. Each written name is looked
    up once, in the order names first appear: a name's key never changes as
    implied companies are added (only a name with no company gets one).
    """
    index = CompanyIndex()
    seen: set[str] = set()
    for company in declared:
        key = company_key(company.name)
        if key in seen:
            raise Unsure  # the same company twice
        seen.add(key)
        index.add(company)
    code: dict[str, int] = {}  # written name -> its company's number in `keys`
    keys: list[str] = []
    key_code: dict[str, int] = {}
    names = [p.company for p in itertools.chain.from_iterable(positions)]
    for name in dict.fromkeys(names):
        known = index.key_of(name)
        key = index.add(Company(name=name)) if known is None else known
        code[name] = key_code.setdefault(key, len(keys))
        if code[name] == len(keys):
            keys.append(key)
    written = np.fromiter(map(code.__getitem__, names), np.int64, len(names))
    person = np.repeat(np.arange(len(positions), dtype=np.int64), list(map(len, positions)))
    # Employees in file order, each once per company, numbered as the store numbers them.
    n = max(len(positions), 1)
    pairs = np.sort(written * n + person)
    pairs = pairs[np.diff(pairs, prepend=-1) != 0]
    firm, who = np.divmod(pairs, n)
    cuts = np.flatnonzero(np.diff(firm)) + 1
    employees = {
        keys[int(c[0])]: rank[w].tolist()
        for c, w in zip(np.split(firm, cuts), np.split(who, cuts), strict=True)
        if len(c)
    }
    return index, employees


def _groups(groups: list[Group], records: list[PersonRecord], known: set[str]) -> list[Group]:
    """Groups with their members, those named by people records added (as the full reader)."""
    by_id = {g.id: g for g in groups}
    members = {gid: set(g.members) for gid, g in by_id.items()}
    for group in groups:
        if not known.issuperset(group.members):
            raise Unsure  # an unknown member
    for record in records:
        for group_id in record.groups:
            if group_id not in by_id:
                raise Unsure  # an unknown group
            if record.id not in members[group_id]:
                members[group_id].add(record.id)
                by_id[group_id].members.append(record.id)
    return groups


def _ties(
    ties: list[_Tie], people: People, records: list[PersonRecord], rank: Any
) -> tuple[CompactGraph, dict[tuple[str, str], list[Evidence]]]:
    get = operator.attrgetter
    some = itertools.compress(ties, map(get("evidence"), ties))  # unset or [] is false
    a, b, trust, familiarity, evidence = tie_columns(
        list(map(get("a"), ties)),
        list(map(get("b"), ties)),
        list(map(get("trust"), ties)),
        list(map(get("familiarity"), ties)),
        ((t.a, t.b, t.evidence) for t in some if t.evidence),  # `if`: for the type checker
        people,
    )
    blocked = np.zeros(len(people), dtype=bool)
    closed = [i for i, r in enumerate(records) if r.contact_policy is ContactPolicy.DO_NOT_CONTACT]
    blocked[rank[np.asarray(closed, dtype=np.int64)]] = True
    return CompactGraph(len(people), a, b, trust, familiarity, blocked), evidence


def tie_columns(
    a: list[str],
    b: list[str],
    trust: list[float],
    familiarity: list[float],
    evidence: Iterable[tuple[str, str, list[Any]]],
    people: People,
) -> tuple[Ints, Ints, Floats, Floats, dict[tuple[str, str], list[Evidence]]]:
    """Ties checked as the full reader checks them, numbered as ``people`` numbers them.

    ``evidence`` gives the raw evidence of the ties that have some. Raises
    :class:`Unsure` on anything the full reader would refuse. The ties come
    back smaller number first, sorted, as :class:`CompactGraph` numbers them
    (it then need not sort them again).
    """
    numbers = _Numbers(people)
    a_at, b_at = numbers.of(a), numbers.of(b)
    t = np.fromiter(trust, np.float64, len(trust))
    f = np.fromiter(familiarity, np.float64, len(familiarity))
    numbers_ok = all(bool(np.all((x >= 0.0) & (x <= 1.0))) for x in (t, f))  # NaN fails both
    if not numbers_ok or (a_at == b_at).any():
        raise Unsure
    lo, hi = np.minimum(a_at, b_at), np.maximum(a_at, b_at)
    order = pair_order(lo, hi, len(people))
    lo, hi = lo[order], hi[order]
    if ((lo[1:] == lo[:-1]) & (hi[1:] == hi[:-1])).any():
        raise Unsure  # a duplicate tie
    found: dict[tuple[str, str], list[Evidence]] = {}
    for x, y, raw in evidence:
        found[(x, y) if x <= y else (y, x)] = _EVIDENCE.validate_python(raw)
    return lo, hi, t[order], f[order], found


class _Numbers:
    """People numbers of many ids at once (an unknown id is a problem).

    ASCII ids, as generated ones are, are looked up as fixed-width bytes in a
    hash table in numpy: several times faster than a dict lookup per id, or a
    binary search. Others go through the dict.
    """

    def __init__(self, people: People) -> None:
        ids = people.ids
        self._ids = ids
        if ids and _plain("".join(ids)):
            # Wider than the longest id, so that an id cut to this width by
            # numpy is still longer than every person's, and matches none.
            self._width = (max(map(len, ids)) // 8 + 1) * 8
            self._table = _Table(self._words(ids))

    def _words(self, ids: list[str]) -> npt.NDArray[np.uint64]:
        words: npt.NDArray[np.uint64] = np.array(ids, dtype=f"S{self._width}").view(np.uint64)
        return words.reshape(len(ids), self._width // 8)

    def of(self, ids: list[str]) -> Ints:
        if hasattr(self, "_table") and _plain("".join(ids)):
            return self._table.find(self._words(ids))
        number = {pid: i for i, pid in enumerate(self._ids)}
        try:
            return np.fromiter(map(number.__getitem__, ids), np.int64, len(ids))
        except KeyError:
            raise Unsure from None  # an unknown person


def _plain(text: str) -> bool:
    """ASCII without NUL: numpy pads bytes with NUL, so "p0" and "p0\0" would look alike."""
    return text.isascii() and "\x00" not in text


class _Table:
    """Distinct rows of words, each found at its position among them by open addressing.

    Linear probing, done for all rows at once: each round, every row not yet
    placed (or found) looks at its next slot. A quarter full, rounds are few.
    """

    def __init__(self, keys: npt.NDArray[np.uint64]) -> None:
        self._bits = max(4 * len(keys) - 1, 1).bit_length()
        size = 1 << self._bits
        self._key_words = np.zeros((keys.shape[1], size), dtype=np.uint64)  # word by word
        self._at = np.full(size, -1, dtype=np.int32)  # -1: an empty slot
        rows, slot = np.arange(len(keys)), self._slots(keys)
        while len(rows):
            free = np.flatnonzero(self._at[slot] < 0)
            # The first row to reach a free slot takes it; the others move on.
            taken, first = np.unique(slot[free], return_index=True)
            placed = free[first]
            self._key_words[:, taken], self._at[taken] = keys[rows[placed]].T, rows[placed]
            moving = np.ones(len(rows), dtype=bool)
            moving[placed] = False
            rows, slot = rows[moving], (slot[moving] + 1) & (size - 1)

    def _slots(self, keys: npt.NDArray[np.uint64]) -> Ints:
        mix = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing: the top bits are well mixed
        h = keys[:, 0] * mix
        for w in range(1, keys.shape[1]):
            h = (h ^ keys[:, w]) * mix
        slots: Ints = (h >> np.uint64(64 - self._bits)).astype(np.int64)
        return slots

    def find(self, keys: npt.NDArray[np.uint64]) -> Ints:
        """The position of each row of ``keys``; :class:`Unsure` if one is not in the table."""
        rows, slot = np.arange(len(keys)), self._slots(keys)
        found = np.empty(len(keys), dtype=np.int64)
        while len(rows):
            at = self._at[slot]
            if (at < 0).any():
                raise Unsure  # an empty slot before the row: an unknown person
            hit = self._key_words[0][slot] == keys[:, 0]
            for w in range(1, len(self._key_words)):
                hit &= self._key_words[w][slot] == keys[:, w]
            found[rows[hit]] = at[hit]
            miss = ~hit
            rows, keys, slot = rows[miss], keys[miss], (slot[miss] + 1) & (len(self._at) - 1)
        return found
