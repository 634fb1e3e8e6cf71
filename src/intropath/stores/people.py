"""The people of an in-memory store, as objects or as JSON made into objects on demand.

A plan reads a few hundred people; a pooled network holds hundreds of
thousands. Read from the graph cache, people stay one JSON record each (about
a tenth of the memory of a pydantic object) and become :class:`Person` objects
the first time they are asked for.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from ..model import ContactPolicy, Person, Position


class People:
    """People numbered by the sort order of their ids."""

    def __init__(
        self,
        ids: list[str],
        objects: Sequence[Person] | None = None,
        blob: bytes = b"",
        offsets: npt.NDArray[np.int64] | None = None,
    ) -> None:
        """``ids`` sorted; either ``objects`` in that order, or ``blob`` cut at ``offsets``."""
        self.ids = ids
        self.number = {pid: i for i, pid in enumerate(ids)}
        self._objects: dict[int, Person] = dict(enumerate(objects)) if objects is not None else {}
        self._blob = blob
        self._offsets = offsets if offsets is not None else np.zeros(1, dtype=np.int64)

    @classmethod
    def of(cls, people: Sequence[Person]) -> People:
        ordered = sorted(people, key=lambda p: p.id)
        return cls([p.id for p in ordered], ordered)

    def __len__(self) -> int:
        return len(self.ids)

    def at(self, i: int) -> Person:
        """The person numbered ``i``."""
        person = self._objects.get(i)
        if person is None:
            import msgspec  # only people read from the cache are JSON

            start, stop = int(self._offsets[i]), int(self._offsets[i + 1])
            person = self._objects[i] = _person(msgspec.json.decode(self._blob[start:stop]))
        return person

    def many(self, numbers: Sequence[int]) -> list[Person]:
        """The people numbered ``numbers`` (made into objects in one go: much faster)."""
        missing = [i for i in numbers if i not in self._objects]
        if missing:
            import msgspec

            cut = self._offsets
            records = b",".join(self._blob[int(cut[i]) : int(cut[i + 1])] for i in missing)
            made = map(_person, msgspec.json.decode(b"[" + records + b"]"))
            self._objects.update(zip(missing, made, strict=True))
        return [self._objects[i] for i in numbers]

    def get(self, person_id: str) -> Person | None:
        i = self.number.get(person_id)
        return None if i is None else self.at(i)

    def __iter__(self) -> Iterator[Person]:
        return iter(self.many(range(len(self.ids))))

    def to_blob(self) -> tuple[bytes, npt.NDArray[np.int64]]:
        """Every person as JSON, one after the other, and where each starts and ends."""
        records = [
            self._blob[int(self._offsets[i]) : int(self._offsets[i + 1])]
            if i not in self._objects
            else self._objects[i].model_dump_json().encode()
            for i in range(len(self.ids))
        ]
        offsets = np.zeros(len(records) + 1, dtype=np.int64)
        np.cumsum([len(r) for r in records], out=offsets[1:])
        return b"".join(records), offsets


def _person(record: dict[str, Any]) -> Person:
    # Built without validation, as the store builds ties: these records were
    # validated people, dumped whole, and the cache that holds them is checked.
    record["contact_policy"] = ContactPolicy(record["contact_policy"])
    record["positions"] = [Position.model_construct(**p) for p in record["positions"]]
    return Person.model_construct(**record)
