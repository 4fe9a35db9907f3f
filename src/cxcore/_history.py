"""An event-sourced history: how it is kept and the checks it makes before it appends an event.

A complaint and a return each keep an append-only history whose events carry ``sequence``,
``at`` and ``kind``. Appending needs the same two checks in both: the sequence the writer
expected (optimistic concurrency) and time order by instant. Both keep the history (and the
other lists that only grow) as a [`History`][cxcore._history.History], so that appending one
event costs the same at the thousandth event as at the first.

Examples:
    >>> from datetime import datetime, timezone
    >>> from types import SimpleNamespace
    >>> t = datetime(2026, 5, 4, 9, tzinfo=timezone.utc)
    >>> last = SimpleNamespace(sequence=1, at=t, kind="received")
    >>> check_next("complaint 'C-1'", SimpleNamespace(sequence=3, at=t, kind="x"), last, 2)
    Traceback (most recent call last):
    ...
    cxcore.errors.SequenceConflictError: complaint 'C-1': expected sequence 2, got 3; ...
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from itertools import islice
from operator import is_
from types import GenericAlias
from typing import Any, Protocol, SupportsIndex, TypeVar, get_args, overload

from pydantic import GetCoreSchemaHandler
from pydantic_core import core_schema

from cxcore._time import instant
from cxcore.errors import SequenceConflictError, TimelineError

__all__ = ["History", "HistoryEvent", "check_next"]

T = TypeVar("T")


class HistoryEvent(Protocol):
    """What the checks read of an event: its sequence number, time and kind."""

    @property
    def sequence(self) -> int:
        """The event's place in its history, from 1."""
        ...

    @property
    def at(self) -> datetime:
        """When the event happened (aware)."""
        ...

    @property
    def kind(self) -> str:
        """The event's type name."""
        ...


def check_next(where: str, event: HistoryEvent, last: HistoryEvent, expected: int) -> None:
    """Raise unless ``event`` may follow ``last`` as number ``expected`` of the history named
    ``where``: [SequenceConflictError][cxcore.errors.SequenceConflictError] for another
    sequence (someone else appended first), [TimelineError][cxcore.errors.TimelineError] for an
    event earlier than the last one.
    """
    if event.sequence != expected:
        raise SequenceConflictError(
            f"{where}: expected sequence {expected}, got {event.sequence}; someone else "
            "changed it first, reload the history and retry"
        )
    # Compare instants: datetimes sharing a tzinfo compare by wall time, which misorders
    # events in the hour repeated when clocks go back.
    if instant(event.at) < instant(last.at):
        raise TimelineError(
            f"{where}: event {event.sequence} ({event.kind}) at {event.at.isoformat()} is "
            f"earlier than event {last.sequence} at {last.at.isoformat()}"
        )


class History(Sequence[T]):
    """An immutable sequence of a value's past that grows in O(1): what a complaint's and a
    return's ``events`` (and a complaint's ``offered``, ``stage_history``, ...) are.

    A history is a view of the first ``len(history)`` items of a list it may share with other
    histories. [`appended`][cxcore._history.History.appended] from the newest view adds the item
    to that list in place and returns a longer view, so moving a value on by one event no longer
    copies everything before it; appending from an older view (a fork: two writers moving the
    same value on) copies the items it sees first, so forks never see each other's items. The
    shared list only ever grows, and a view reads only its own first items, so no view ever
    changes.

    It reads as a tuple: it indexes, slices (to a tuple), iterates, hashes and compares equal to
    a tuple with the same items, adds to tuples, prints like one, pickles and copies; in a
    pydantic model it validates from any sequence and writes the same JSON and JSON Schema as a
    ``tuple[T, ...]`` field.

    Examples:
        >>> start = History(("received",))
        >>> left = start.appended("acknowledged")
        >>> right = start.appended("escalated")
        >>> left, right, start
        (('received', 'acknowledged'), ('received', 'escalated'), ('received',))
        >>> left == ("received", "acknowledged"), left[-1], len(left.extended(("a", "b")))
        (True, 'acknowledged', 4)
    """

    __slots__ = ("_items", "_size")

    _items: list[T]
    _size: int

    def __init__(self, items: Iterable[T] = ()) -> None:
        self._items = list(items)
        self._size = len(self._items)

    @classmethod
    def of(cls, items: Iterable[T]) -> History[T]:
        """``items`` itself if it is a history, else a new history of them.

        Examples:
            >>> history = History((1, 2))
            >>> History.of(history) is history, History.of([1, 2]) == history
            (True, True)
        """
        return items if isinstance(items, History) else cls(items)

    @classmethod
    def _view(cls, items: list[T], size: int) -> History[T]:
        view: History[T] = object.__new__(cls)
        view._items = items
        view._size = size
        return view

    # -- growing -------------------------------------------------------------------------------

    def appended(self, item: T) -> History[T]:
        """This history with ``item`` after its last item, in O(1) amortised; ``self`` is
        unchanged.

        Examples:
            >>> History((1, 2)).appended(3)
            (1, 2, 3)
        """
        items, size = self._items, self._size
        if len(items) == size:
            items.append(item)
            # Another view of the same length may have appended first (another thread): the
            # slot is ours only if it holds our item (the same object is the same history).
            if items[size] is item:
                return self._view(items, size + 1)
        forked = items[:size]
        forked.append(item)
        return self._view(forked, size + 1)

    def extended(self, new: Iterable[T]) -> History[T]:
        """This history with ``new`` after its last item, in O(len(new)) amortised; ``self`` is
        unchanged.

        Examples:
            >>> History((1,)).extended([2, 3]), History((1,)).extended(())
            ((1, 2, 3), (1,))
        """
        added = tuple(new)
        if not added:
            return self
        items, size = self._items, self._size
        end = size + len(added)
        if len(items) == size:
            items.extend(added)
            if all(map(is_, items[size:end], added)):
                return self._view(items, end)
        forked = items[:size]
        forked.extend(added)
        return self._view(forked, end)

    # -- reading -------------------------------------------------------------------------------

    def __len__(self) -> int:
        return self._size

    @overload
    def __getitem__(self, index: SupportsIndex) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[T, ...]: ...

    def __getitem__(self, index: SupportsIndex | slice) -> T | tuple[T, ...]:
        if isinstance(index, slice):
            start, stop, step = index.indices(self._size)
            if step > 0:  # the bounds are inside the view: slice the shared list directly
                return tuple(self._items[start:stop:step])
            return self._tuple()[index]
        position = operator.index(index)
        if position < 0:
            position += self._size
        if not 0 <= position < self._size:
            raise IndexError("history index out of range")
        return self._items[position]

    def __iter__(self) -> Iterator[T]:
        return islice(self._items, self._size)

    def __reversed__(self) -> Iterator[T]:
        items = self._items
        return (items[position] for position in range(self._size - 1, -1, -1))

    def _tuple(self) -> tuple[T, ...]:
        return tuple(islice(self._items, self._size))

    # -- behaving like a tuple -----------------------------------------------------------------

    def __eq__(self, other: object) -> bool:
        if isinstance(other, History):
            if other._items is self._items:
                return other._size == self._size
            return other._size == self._size and self._tuple() == other._tuple()
        if isinstance(other, tuple):
            return len(other) == self._size and self._tuple() == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._tuple())

    def __add__(self, other: tuple[T, ...] | History[T]) -> tuple[T, ...]:
        if isinstance(other, History | tuple):
            return self._tuple() + tuple(other)
        return NotImplemented

    def __radd__(self, other: tuple[T, ...]) -> tuple[T, ...]:
        if isinstance(other, tuple):
            return other + self._tuple()
        return NotImplemented

    def __repr__(self) -> str:
        return repr(self._tuple())

    def __reduce__(self) -> tuple[type[History[T]], tuple[tuple[T, ...]]]:
        return (type(self), (self._tuple(),))

    # -- pydantic ------------------------------------------------------------------------------

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        """Validate and write a ``History[X]`` field exactly as a ``tuple[X, ...]`` one."""
        args = get_args(source)
        as_tuple = handler.generate_schema(GenericAlias(tuple, (args[0] if args else Any, ...)))
        return core_schema.no_info_after_validator_function(
            cls,
            core_schema.no_info_before_validator_function(_plain, as_tuple),
            # No return_schema: pydantic 2.6 (the lowest release supported) recurses without end
            # on one here. The tuple's items serialize as themselves either way, and the JSON
            # Schema in serialization mode is the tuple's (tested).
            serialization=core_schema.plain_serializer_function_ser_schema(_plain),
        )


def _plain(value: Any) -> Any:
    """A history as a tuple (anything else as it is), for pydantic to validate or write."""
    return value._tuple() if isinstance(value, History) else value
