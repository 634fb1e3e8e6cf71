"""The people of an in-memory store, as objects or as JSON made into objects on demand.

A plan reads a few hundred people; a pooled network holds hundreds of
thousands. Read from a large graph file or from the graph cache, people stay
one JSON record each (about a tenth of the memory of a pydantic object) and
become :class:`Person` objects the first time they are asked for.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from ..model import Person

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt


class Numbers(Mapping[str, int]):
    """Each id's position in a sorted list of ids, found by bisection.

    A dict of 200,000 ids takes a fifth of a second to build, longer than a
    plan's few hundred lookups take this way.
    """

    def __init__(self, ids: list[str]) -> None:
        self._ids = ids

    def __getitem__(self, person_id: object) -> int:
        if isinstance(person_id, str):
            i = bisect.bisect_left(self._ids, person_id)
            if i < len(self._ids) and self._ids[i] == person_id:
                return i
        raise KeyError(person_id)

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


class People:
    """People numbered by the sort order of their ids."""

    def __init__(
        self,
        ids: list[str],
        objects: Sequence[Person] | None = None,
        blob: bytes = b"",
        offsets: npt.NDArray[np.int64] | None = None,
    ) -> None:
        """``ids`` sorted; either ``objects`` in that order, or ``blob`` cut at ``offsets``.

        The blob's records are checked :class:`~intropath.stores.records.PersonRecord` JSON (or a
        person's ``model_dump_json``), one per id.
        """
        self.ids = ids
        self.number = Numbers(ids)
        self._objects: dict[int, Person] = dict(enumerate(objects)) if objects is not None else {}
        self._blob = blob
        self._offsets: Sequence[int] | npt.NDArray[np.int64] = (
            offsets if offsets is not None else [0]
        )

    @classmethod
    def of(cls, people: Sequence[Person]) -> People:
        ordered = sorted(people, key=lambda p: p.id)
        return cls([p.id for p in ordered], ordered)

    def __len__(self) -> int:
        return len(self.ids)

    def at(self, i: int) -> Person:
        """The person numbered ``i``."""
        return self.many([i])[0]

    def many(self, numbers: Sequence[int]) -> list[Person]:
        """The people numbered ``numbers`` (made into objects in one go: much faster)."""
        missing = [i for i in numbers if i not in self._objects]
        if missing:
            cut = self._offsets
            records = b",".join(self._blob[int(cut[i]) : int(cut[i + 1])] for i in missing)
            from .records import RECORDS, to_person  # msgspec: only for people kept as JSON

            made = map(to_person, RECORDS.decode(b"[" + records + b"]"))
            self._objects.update(zip(missing, made, strict=True))
        return [self._objects[i] for i in numbers]

    def get(self, person_id: str) -> Person | None:
        i = self.number.get(person_id)
        return None if i is None else self.at(i)

    def __iter__(self) -> Iterator[Person]:
        return iter(self.many(range(len(self.ids))))

    def to_blob(self) -> tuple[bytes, npt.NDArray[np.int64]]:
        """Every person as JSON, one after the other, and where each starts and ends."""
        import numpy as np

        if not self._objects:
            return self._blob, np.asarray(self._offsets, dtype=np.int64)
        records = [
            self._blob[int(self._offsets[i]) : int(self._offsets[i + 1])]
            if i not in self._objects
            else self._objects[i].model_dump_json().encode()
            for i in range(len(self.ids))
        ]
        return b"".join(records), offsets_of([len(r) for r in records])


def offsets_of(lengths: Sequence[int]) -> npt.NDArray[np.int64]:
    """Where each piece of ``lengths``, laid end to end, starts (and where the last ends)."""
    import numpy as np  # only large networks keep their people as JSON

    at = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=at[1:])
    return at
