"""A compact set of ticket ids for finding duplicates in a stream: 16 bytes per id.

Each id is kept as a 64-bit BLAKE2b digest in an open-addressing table of ``array('Q')`` slots
at most half full, instead of a Python ``set`` of strings (70-120 bytes per id). Two different
ids share a digest with probability about n^2 / 2^65 (about 3e-8 for a million ids); such a
pair would be reported as a duplicate. Digests do not depend on the process (unlike ``hash``),
so sets built in different processes merge.

Examples:
    >>> ids = IdSet()
    >>> ids.add("T-1"), ids.add("T-2"), ids.add("T-1"), len(ids)
    (True, True, False, 2)
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from hashlib import blake2b

__all__ = ["IdSet"]

_EMPTY = 0


def _digest(ticket_id: str) -> int:
    value = int.from_bytes(
        blake2b(ticket_id.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    )
    return value or 1  # 0 marks an empty slot


class IdSet:
    """Ids seen so far; `add` says whether an id is new. Picklable and mergeable."""

    __slots__ = ("_mask", "_size", "_slots")

    def __init__(self, capacity: int = 1024) -> None:
        size = 1024
        while size < 2 * capacity:
            size *= 2
        self._slots = array("Q", bytes(8 * size))
        self._mask = size - 1
        self._size = 0

    def __len__(self) -> int:
        return self._size

    def add(self, ticket_id: str) -> bool:
        """Add ``ticket_id``; False when it was already there."""
        return self._insert(_digest(ticket_id))

    def _insert(self, digest: int) -> bool:
        slots, mask = self._slots, self._mask
        index = digest & mask
        while True:
            found = slots[index]
            if found == _EMPTY:
                break
            if found == digest:
                return False
            index = (index + 1) & mask
        slots[index] = digest
        self._size += 1
        if 2 * self._size > len(slots):
            self._reserve(self._size)
        return True

    def _reserve(self, count: int) -> None:
        """Make the table big enough for ``count`` ids at most half full."""
        size = len(self._slots)
        if 2 * count <= size:
            return
        while 2 * count > size:
            size *= 2
        old = self._slots
        self._slots = array("Q", bytes(8 * size))
        self._mask = size - 1
        self._size = 0
        self._put_all(filter(None, old))  # the non-empty slots, skipped over at C speed

    def _put_all(self, digests: Iterable[int]) -> int:
        """Add digests without growing (the caller reserved room); how many were here."""
        slots, mask = self._slots, self._mask
        added = shared = 0
        for digest in digests:  # _insert written out: this runs once per id of a part
            index = digest & mask
            while True:
                found = slots[index]
                if found == _EMPTY:
                    slots[index] = digest
                    added += 1
                    break
                if found == digest:
                    shared += 1
                    break
                index = (index + 1) & mask
        self._size += added
        return shared

    def absorb(self, other: IdSet) -> int:
        """Add the ids of ``other`` to this set in place; how many were already here.

        Examples:
            >>> a, b = IdSet(), IdSet()
            >>> _ = a.add("T-1"), b.add("T-1"), b.add("T-2")
            >>> a.absorb(b), len(a)
            (1, 2)
        """
        self._reserve(len(self) + len(other))
        return self._put_all(filter(None, other._slots))

    def merge(self, other: IdSet) -> tuple[IdSet, int]:
        """A new set holding both, and how many ids of ``other`` were already in this one.

        The larger set's table is copied whole (into a larger table if it lacks room for
        both), then the smaller set's digests are added: merging parts of very different sizes
        costs about the smaller one.

        Examples:
            >>> a, b = IdSet(), IdSet()
            >>> _ = a.add("T-1"), b.add("T-1"), b.add("T-2")
            >>> merged, shared = a.merge(b)
            >>> len(merged), shared
            (2, 1)
        """
        big, small = (self, other) if len(self) >= len(other) else (other, self)
        merged = IdSet.__new__(IdSet)
        merged._slots = array("Q", big._slots)
        merged._mask = big._mask
        merged._size = big._size
        return merged, merged.absorb(small)
