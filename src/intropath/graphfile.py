"""Reading and writing graph files.

Four formats, chosen by extension or content:

- intropath JSON (``.json``): the documented, human-editable format
  (:class:`~intropath.model.GraphDocument`; ``intropath schema`` prints its
  JSON Schema);
- the same document in YAML (``.yaml``, ``.yml``), for writing by hand with
  comments;
- node-link JSON (``.json`` with ``nodes`` and ``edges``/``links``), as
  written by :func:`networkx.node_link_data`;
- GraphML (``.graphml``), which Gephi and :func:`networkx.read_graphml` open.

Every load is validated; a problem raises :class:`GraphFileError` whose message
names the file and the line, or the offending record.
"""

from __future__ import annotations

import functools
import io
import json
import logging
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import ValidationError

from .companies import CompanyIndex, company_key
from .errors import GraphFileError
from .files import not_a_file, private_dir
from .model import Company, GraphDocument
from .progress import Progress
from .terminal import short

if TYPE_CHECKING:
    import yaml
    from filelock import FileLock

# PyYAML and filelock are imported when a YAML file is read or written and when a
# file is locked: reading a JSON graph (every `find`) needs neither.

Format = Literal["json", "yaml", "node-link", "graphml"]
YAML_SUFFIXES = (".yaml", ".yml")
log = logging.getLogger(__name__)


@functools.cache
def _yaml_loader() -> type[yaml.SafeLoader]:
    import yaml

    class Loader(yaml.SafeLoader):
        """Safe YAML that keeps dates as text ("since: 2020-02-01" is a string here)."""

    Loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return Loader


CHUNK = 1 << 22
"""Bytes read at a time, so that reading a large file can report progress."""


def load_document(path: str | os.PathLike[str], progress: Progress | None = None) -> GraphDocument:
    """Load, validate and normalise a graph file, reporting ``reading`` and ``checking``."""
    path = Path(path)
    raw = read_bytes(path, progress)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise GraphFileError(f"{path}: cannot read: {exc}") from None
    del raw  # the decoded text is all that is needed from here on
    try:
        return _parse_text(text, path)
    except RecursionError:
        raise GraphFileError(f"{path}: nested too deeply to be a graph file") from None


def _parse_text(text: str, path: Path) -> GraphDocument:
    # interchange needs networkx, slow to import: only the formats that use it pay for it.
    if path.suffix.lower() == ".graphml":
        from . import interchange

        return _checked(interchange.from_graphml(text, str(path)), str(path))
    if path.suffix.lower() in YAML_SUFFIXES:
        data = _load_yaml(text, path)
        if not isinstance(data, dict):
            raise GraphFileError(f"{path}: a YAML graph file holds a mapping at the top")
        return parse_document(data, str(path))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise GraphFileError(f"{path}:{exc.lineno}:{exc.colno}: invalid JSON: {exc.msg}") from None
    if isinstance(data, dict) and "nodes" in data and ("edges" in data or "links" in data):
        from . import interchange

        return _checked(interchange.from_node_link(data, str(path)), str(path))
    return parse_document(data, str(path))


def read_bytes(path: Path, progress: Progress | None = None) -> bytes:
    """A graph file's bytes, reporting ``reading`` then ``checking`` (one-line errors)."""
    chunks: list[bytes] = []
    read_pieces(path, chunks.append, progress)
    return b"".join(chunks)


def read_pieces(
    path: Path,
    take: Callable[[bytes], object],
    progress: Progress | None = None,
    chunk: int = CHUNK,
) -> None:
    """Hand a graph file to ``take`` in pieces of ``chunk`` bytes, reporting ``reading``
    then ``checking`` (one-line errors)."""

    def reading(handle: io.BufferedReader) -> None:
        size = os.fstat(handle.fileno()).st_size
        done = 0
        while piece := handle.read(chunk):
            take(piece)
            done += len(piece)
            if progress:
                progress("reading", done, size)

    read_file(path, reading, progress)


def read_file(
    path: Path, reading: Callable[[io.BufferedReader], None], progress: Progress | None = None
) -> None:
    """Open a graph file and hand it to ``reading``, then report ``checking`` (one-line errors).

    Only regular files are opened: a named pipe would block the read forever.
    """
    if not path.exists():
        raise GraphFileError(f"{path}: no such graph file")
    if path.is_dir():
        raise GraphFileError(f"{path}: is a directory, not a graph file")
    problem = not_a_file(path)
    if problem:
        raise GraphFileError(f"{path}: {problem}, not a graph file")
    try:
        with path.open("rb") as handle:
            reading(handle)
    except OSError as exc:
        raise GraphFileError(f"{path}: cannot read: {exc}") from None
    log.info("read %s", path)
    if progress:
        progress("checking", 0, 0)


def _load_yaml(text: str, path: Path) -> Any:
    import yaml

    try:
        return yaml.load(text, Loader=_yaml_loader())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise GraphFileError(f"{where}: invalid YAML: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise GraphFileError(f"{path}: invalid YAML: {exc}") from None


def parse_document(data: Any, source: str = "<graph>") -> GraphDocument:
    """Validate already-parsed data (a dict) as a graph document."""
    if not isinstance(data, dict):
        raise GraphFileError(
            f"{source}: a graph file holds a JSON object, got {type(data).__name__}"
        )
    try:
        document = GraphDocument.model_validate(data)
    except ValidationError as exc:
        raise GraphFileError(f"{source}: {_describe(exc, data)}") from None
    return _checked(document, source)


def save_document(
    document: GraphDocument, path: str | os.PathLike[str], format: Format | None = None
) -> None:
    """Write a graph file atomically (a reader never sees half a file)."""
    from . import interchange

    path = Path(path)
    suffix = path.suffix.lower()
    chosen = format or (
        "graphml" if suffix == ".graphml" else "yaml" if suffix in YAML_SUFFIXES else "json"
    )
    if chosen == "graphml":
        text = interchange.to_graphml(document)
    elif chosen == "yaml":
        import yaml

        data = document.model_dump(mode="json", exclude_defaults=True)
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    elif chosen == "node-link":
        text = json.dumps(interchange.to_node_link(document), indent=1, ensure_ascii=False)
    else:
        text = document.model_dump_json(indent=2, exclude_defaults=True)
    write_atomic(path, text)
    log.info(
        "wrote %s (%s, %d people, %d ties)", path, chosen, len(document.people), len(document.ties)
    )


LOCK_TIMEOUT = 60.0
"""Seconds a writer waits for another one to finish with the same file."""


_LOCKS: dict[str, FileLock] = {}


def _lock(path: Path) -> FileLock:
    # One lock object per file in this process, so a writer that holds the lock
    # can call save_document (which takes it again) without waiting on itself.
    # Kept here rather than by filelock's is_singleton: filelock 3.13.0 (our lowest)
    # re-initialised a held singleton when asked for it again, then waited on itself.
    name = os.path.abspath(path.parent / f".{path.name}.lock")
    if name not in _LOCKS:
        from filelock import FileLock

        _LOCKS[name] = FileLock(name, mode=0o600)
    return _LOCKS[name]


@contextmanager
def locked(path: str | os.PathLike[str]) -> Iterator[None]:
    """Hold the lock of graph file ``path``: wrap every load-modify-save in it.

    Writers queue for up to :data:`LOCK_TIMEOUT` seconds; after that the file
    is reported busy rather than overwritten with a stale copy.
    """
    from filelock import Timeout

    path = Path(path)
    private_dir(path.parent)
    lock = _lock(path)
    try:
        lock.acquire(timeout=LOCK_TIMEOUT)
    except Timeout:
        raise GraphFileError(
            f"{path}: busy: another intropath command is changing it; try again when it is done"
        ) from None
    except OSError as exc:
        raise GraphFileError(f"{path}: cannot lock: {exc.strerror or exc}") from None
    try:
        yield
    finally:
        lock.release()


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` in one step, holding the file's lock.

    Temp files left by a killed writer are removed first; a failed write
    (a full disk, say) names the file and leaves it as it was.
    """
    with locked(path):
        for stale in path.parent.iterdir():
            if stale.name.startswith(f".{path.name}.") and stale.name.endswith(".tmp"):
                stale.unlink(missing_ok=True)
        tmp: str | None = None
        try:
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.write("\n")
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except OSError as exc:
            raise GraphFileError(
                f"{path}: cannot write: {exc.strerror or exc}; the file was not changed"
            ) from None
        finally:
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)


def _describe(exc: ValidationError, data: dict[str, Any]) -> str:
    """Name the first offending record, e.g. ``people[3] (id 'dana'): email: ...``."""
    error = exc.errors()[0]
    loc = list(error["loc"])
    where = ""
    if len(loc) >= 2 and isinstance(loc[0], str) and isinstance(loc[1], int):
        section, index = loc[0], loc[1]
        where = f"{section}[{index}]"
        record = data.get(section, [])[index] if isinstance(data.get(section), list) else None
        label = _label(record)
        if label:
            where += f" ({label})"
        loc = loc[2:]
    field = ".".join(str(part) for part in loc)
    message = error["msg"].removeprefix("Value error, ")
    parts = [p for p in (where, field) if p]
    more = len(exc.errors()) - 1
    tail = f" (and {more} more problem{'s' * (more > 1)})" if more else ""
    return f"{': '.join(parts)}: {message}{tail}" if parts else f"{message}{tail}"


def _label(record: Any) -> str:
    # short(): a value here is unvalidated and may be a YAML alias bomb.
    if not isinstance(record, dict):
        return ""
    if "id" in record:
        return f"id {short(record['id'])}"
    if "a" in record and "b" in record:
        return f"{_text(record['a'])} - {_text(record['b'])}"
    if "name" in record:
        return f"name {short(record['name'])}"
    return ""


def _text(value: Any) -> str:
    return value if isinstance(value, str) else short(value)


def _checked(document: GraphDocument, source: str) -> GraphDocument:
    """Check references between records and fill in implied companies and groups."""
    ids: dict[str, int] = {}
    for i, person in enumerate(document.people):
        if person.id in ids:
            raise GraphFileError(
                f"{source}: people[{i}] (id {person.id!r}): duplicate id, first used by "
                f"people[{ids[person.id]}]"
            )
        ids[person.id] = i
    if document.me is not None and document.me not in ids:
        raise GraphFileError(f"{source}: me: {document.me!r} is not one of the people")
    pairs: dict[tuple[str, str], int] = {}
    for i, tie in enumerate(document.ties):
        for end in (tie.a, tie.b):
            if end not in ids:
                raise GraphFileError(
                    f"{source}: ties[{i}] ({tie.a} - {tie.b}): unknown person {end!r}"
                )
        pair = (min(tie.a, tie.b), max(tie.a, tie.b))
        if pair in pairs:
            raise GraphFileError(
                f"{source}: ties[{i}] ({tie.a} - {tie.b}): duplicate of ties[{pairs[pair]}]"
            )
        pairs[pair] = i

    index = CompanyIndex()
    seen: dict[str, int] = {}
    for i, company in enumerate(document.companies):
        key = company_key(company.name)
        if key in seen:
            raise GraphFileError(
                f"{source}: companies[{i}] (name {company.name!r}): same company as "
                f"companies[{seen[key]}]"
            )
        seen[key] = i
        index.add(company)
    for person in document.people:
        for position in person.positions:
            if index.key_of(position.company) is None:
                index.add(Company(name=position.company))
    document.companies = list(index.companies.values())

    groups = {g.id: g for g in document.groups}
    for i, group in enumerate(document.groups):
        for member in group.members:
            if member not in ids:
                raise GraphFileError(
                    f"{source}: groups[{i}] (id {group.id!r}): unknown member {member!r}"
                )
    for i, person in enumerate(document.people):
        for group_id in person.groups:
            found = groups.get(group_id)
            if found is None:
                raise GraphFileError(
                    f"{source}: people[{i}] (id {person.id!r}): unknown group {group_id!r}"
                )
            if person.id not in found.members:
                found.members.append(person.id)
        person.groups = []
    return document
