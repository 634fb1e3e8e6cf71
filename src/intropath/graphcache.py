"""Opening a graph file as a store, through a cache beside the user's data.

Validating a graph file of millions of ties takes seconds, and every CLI call
would pay it again. So the store built from a large file is also written to
``<data dir>/cache/`` as numpy arrays, and the next call on the same content
reads that instead (well under a second for two million ties).

The cache can never serve a stale or damaged answer: it is found by the file's
path but used only when the SHA-256 of the file's bytes, the cache format and
the intropath version all match; anything unreadable or inconsistent is
ignored, removed, and rebuilt from the file. People are kept as validated JSON
and made into objects when a plan needs them. Like graph files, cache files
hold personal data: the folder is 0700 and the files 0600.
"""

from __future__ import annotations

import bisect
import contextlib
import gc
import hashlib
import io
import json
import os
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import TypeAdapter

from .companies import CompanyIndex
from .config import data_dir
from .graphfile import CHUNK, load_document, read_file, read_pieces
from .model import Company, Evidence, Group
from .progress import Progress
from .stores.memory import MemoryStore

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from .stores.people import People

# numpy and the compact graph are imported where a large file needs them: a
# small file (the bundled sample, a person's own network) loads without them.

CACHE_FROM = 1 << 20
"""Files smaller than this (bytes) load fast enough without a cache."""
FORMAT = 4

_EVIDENCE = TypeAdapter(list[Evidence])
_COMPANIES = TypeAdapter(list[Company])
_GROUPS = TypeAdapter(list[Group])


def open_graph(
    path: str | os.PathLike[str],
    *,
    cache_from: int = CACHE_FROM,
    progress: Progress | None = None,
) -> MemoryStore:
    """A graph file in memory, ready to plan (through the cache when it is large).

    Errors and ``progress`` reports are those of :func:`~intropath.graphfile.load_document`.
    """
    path = Path(path)
    description = str(path)
    with _gc_paused():
        size = path.stat().st_size if path.is_file() else 0
        if size < cache_from:  # named pipes and other non-files go here, to be refused
            return MemoryStore(load_document(path, progress), description)
        where = cache_path(path)
        if where.is_file():  # hash without holding the file: the cache is likely good
            store = _read(where, _digest(path, progress), description)
            if store is not None:
                return store
        # GraphML is parsed as a stream: held in pieces, each freed once parsed.
        held = _held(path, progress, pieces=path.suffix.lower() == ".graphml")
        hashing = _Hashing(held)  # beside the parsing: hashlib lets go of the GIL
        store = _from_bytes(held, path, progress)
        with contextlib.suppress(OSError):  # a cache that cannot be written is no error
            _write(store, where, hashing.hexdigest())
        return store


def _digest(path: Path, progress: Progress | None) -> str:
    """The SHA-256 of the file, read in pieces of :data:`CHUNK` bytes (one-line errors)."""
    sha = hashlib.sha256()
    read_pieces(path, sha.update, progress, CHUNK)
    return sha.hexdigest()


def _held(path: Path, progress: Progress | None, pieces: bool) -> list[Any]:
    """The file's bytes in a list: one buffer, or with ``pieces`` pieces of :data:`CHUNK`
    bytes (one-line errors)."""
    held: list[Any] = []
    if pieces:
        read_pieces(path, held.append, progress, CHUNK)
        return held

    def reading(handle: io.BufferedReader) -> None:
        size = os.fstat(handle.fileno()).st_size
        data = bytearray(size)
        view = memoryview(data)
        done = 0
        while done < size:
            got = handle.readinto(view[done : done + CHUNK])
            if not got:
                break
            done += got
            if progress:
                progress("reading", done, size)
        view.release()
        del data[done:]  # the file shrank while being read
        held.append(data)

    read_file(path, reading, progress)
    return held


class _Hashing(threading.Thread):
    """The SHA-256 of bytes held in a list, computed in a thread of its own."""

    def __init__(self, held: list[Any]) -> None:
        super().__init__(daemon=True)
        self._pieces = list(held)  # the list is emptied as its bytes are parsed
        self._sha = hashlib.sha256()
        self._error: BaseException | None = None
        self.start()

    def run(self) -> None:
        try:
            for i, piece in enumerate(self._pieces):
                self._sha.update(piece)
                self._pieces[i] = b""  # hashed: the parser alone decides when it goes
        except BaseException as exc:  # raised where the digest is asked for
            self._error = exc
        self._pieces = []

    def hexdigest(self) -> str:
        self.join()
        if self._error is not None:
            raise self._error
        return self._sha.hexdigest()


def cache_path(path: Path) -> Path:
    """Where the cache of the graph file at ``path`` lives."""
    name = hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:32]
    return data_dir() / "cache" / f"graph-{name}.npz"


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while millions of objects are made and dropped."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _from_bytes(held: list[Any], path: Path, progress: Progress | None) -> MemoryStore:
    """The store of a file's bytes (``held``, emptied: the caller keeps no copy)."""
    if path.suffix.lower() == ".json":
        from . import columnar, nodelink

        # Each reader leaves the bytes in `held` if they are not its format.
        store = columnar.read_store(held, str(path)) or nodelink.read_store(held, str(path))
        if store is not None:
            return store
    elif path.suffix.lower() == ".graphml":
        from . import graphml

        store = graphml.read_store(held, str(path))
        if store is not None:
            return store
    held.clear()
    return MemoryStore(load_document(path, progress), str(path))


def _write(store: MemoryStore, where: Path, digest: str) -> None:
    import numpy as np

    from .stores.people import offsets_of

    people = store._people
    blob, offsets = people.to_blob()
    n = len(people)
    keys = list(store._employees)
    members = [np.asarray(store._employees[k], dtype=np.int32) for k in keys]
    evidence = sorted(
        (min(i, j) * n + max(i, j), _EVIDENCE.dump_json(found))
        for (a, b), found in store._evidence.items()
        if (i := people.number.get(a)) is not None and (j := people.number.get(b)) is not None
    )
    header = {
        "format": FORMAT,
        "version": _version(),
        "sha256": digest,
        "me": store.owner,
        "ids": people.ids,
        "employers": keys,
    }
    g = store.compact
    arrays: dict[str, npt.NDArray[Any]] = {
        "header": _bytes(json.dumps(header).encode()),
        "people": _bytes(blob),
        "people_at": offsets,
        "companies": _bytes(_COMPANIES.dump_json(store.companies())),
        "groups": _bytes(_GROUPS.dump_json(store._group_list)),
        "employees": np.concatenate(members) if members else np.zeros(0, np.int32),
        "employees_at": offsets_of([len(m) for m in members]),
        "do_not_ask": np.asarray(sorted(store._do_not_ask), dtype=np.int64),
        "indptr": g.indptr,
        "nbr": g.nbr,
        "tie": g.tie,
        "values": g.values,
        "blocked": g.blocked,
        "evidence_keys": np.asarray([k for k, _ in evidence], dtype=np.int64),
        "evidence": _bytes(b"".join(e for _, e in evidence)),
        "evidence_at": offsets_of([len(e) for _, e in evidence]),
    }
    where.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    _clean_stale_temps(where.parent)
    fd, tmp = tempfile.mkstemp(dir=where.parent, prefix=f".{where.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            np.savez(handle, **arrays)  # type: ignore[arg-type]
        os.replace(tmp, where)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _read(where: Path, digest: str, description: str) -> MemoryStore | None:
    """The cached store, if the cache is there, whole and for this very content."""
    if not where.is_file():
        return None
    import numpy as np

    try:
        with np.load(where, allow_pickle=False) as npz:
            header = json.loads(bytes(npz["header"]))
            if (header["format"], header["version"], header["sha256"]) != (
                FORMAT,
                _version(),
                digest,
            ):
                raise ValueError("a cache of other content")
            data = {name: npz[name] for name in npz.files}  # reads all: checks every CRC
        return _store(header, data, description)
    except Exception:  # whatever is wrong with a cache, the file itself is the answer
        with contextlib.suppress(OSError):
            where.unlink()
        return None


def _store(
    header: dict[str, Any], data: dict[str, npt.NDArray[Any]], description: str
) -> MemoryStore:
    import numpy as np

    from .stores.compact import CompactGraph
    from .stores.people import People

    ids: list[str] = header["ids"]
    n = len(ids)
    indptr, nbr, tie = data["indptr"], data["nbr"], data["tie"]
    people_at, employees_at, evidence_at = (
        data["people_at"],
        data["employees_at"],
        data["evidence_at"],
    )
    consistent = (
        ids == sorted(ids)
        and len(indptr) == n + 1
        and int(indptr[-1]) == len(nbr) == len(tie)
        and data["values"].dtype == np.float64
        and data["values"].ndim == 2
        and data["values"].shape[1] == 2
        and (len(tie) == 0 or (int(tie.min()) >= 0 and int(tie.max()) < len(data["values"])))
        and len(data["blocked"]) == n
        and len(people_at) == n + 1
        and int(people_at[-1]) == len(data["people"])
        and len(employees_at) == len(header["employers"]) + 1
        and int(employees_at[-1]) == len(data["employees"])
        and len(evidence_at) == len(data["evidence_keys"]) + 1
        and (n == 0 or (len(nbr) == 0 or (int(nbr.min()) >= 0 and int(nbr.max()) < n)))
    )
    if not consistent:
        raise ValueError("an inconsistent cache")
    people = People(ids, blob=bytes(data["people"]), offsets=people_at)
    members = data["employees"]
    employees = {
        key: members[int(employees_at[i]) : int(employees_at[i + 1])].tolist()
        for i, key in enumerate(header["employers"])
    }
    graph = CompactGraph.from_csr(indptr, nbr, tie, data["values"], data["blocked"])
    evidence = _CachedEvidence(people, data["evidence_keys"], bytes(data["evidence"]), evidence_at)
    return MemoryStore.from_parts(
        people,
        CompanyIndex.build(_COMPANIES.validate_json(bytes(data["companies"]))),
        employees,
        _GROUPS.validate_json(bytes(data["groups"])),
        header["me"],
        description,
        graph,
        set(data["do_not_ask"].tolist()),
        evidence,
    )


class _CachedEvidence(Mapping[tuple[str, str], list[Evidence]]):
    """Tie evidence kept as JSON, validated when a tie is explained."""

    def __init__(
        self,
        people: People,
        keys: npt.NDArray[np.int64],
        blob: bytes,
        offsets: npt.NDArray[np.int64],
    ) -> None:
        self._people, self._keys, self._blob, self._offsets = people, keys, blob, offsets

    def __getitem__(self, pair: tuple[str, str]) -> list[Evidence]:
        i, j = (self._people.number.get(x) for x in pair)
        if i is None or j is None:
            raise KeyError(pair)
        key = min(i, j) * len(self._people) + max(i, j)
        at = bisect.bisect_left(self._keys, key)
        if at == len(self._keys) or int(self._keys[at]) != key:
            raise KeyError(pair)
        return _EVIDENCE.validate_json(self._blob[self._offsets[at] : self._offsets[at + 1]])

    def __iter__(self) -> Iterator[tuple[str, str]]:
        ids, n = self._people.ids, len(self._people)
        return ((ids[k // n], ids[k % n]) for k in self._keys.tolist())

    def __len__(self) -> int:
        return len(self._keys)


def _bytes(data: bytes) -> npt.NDArray[np.uint8]:
    import numpy as np

    return np.frombuffer(data, dtype=np.uint8)


def _version() -> str:
    from . import __version__

    return __version__


def _clean_stale_temps(folder: Path) -> None:
    """Temp files a killed process left behind (an hour old: not a writer's at work)."""
    for stale in folder.glob(".graph-*.tmp"):
        with contextlib.suppress(OSError):
            if stale.stat().st_mtime < time.time() - 3600:
                stale.unlink()
