"""The checks every event-sourced history makes before it appends an event.

A complaint and a return each keep an append-only history whose events carry ``sequence``,
``at`` and ``kind``. Appending needs the same two checks in both: the sequence the writer
expected (optimistic concurrency) and time order by instant.

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

from datetime import datetime
from typing import Protocol

from cxcore._time import instant
from cxcore.errors import SequenceConflictError, TimelineError

__all__ = ["HistoryEvent", "check_next"]


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
