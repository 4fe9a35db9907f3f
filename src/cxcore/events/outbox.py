"""An outbox: the events a host still has to deliver, with retries and backoff, as a value.

The transactional-outbox pattern: store new events in the same transaction as the state change
that produced them, then deliver from the outbox until each is acknowledged. `Outbox`
keeps that bookkeeping pure: `add` ignores events it already holds (ids are
stable), `due` lists what to send now, `delivered` and
`failed` record the outcome (a failure waits ``backoff * 2**attempts``, capped).

Examples:
    >>> from datetime import datetime, timedelta, timezone
    >>> from cxcore.events import SlaBreached
    >>> t0 = datetime(2026, 5, 4, 10, tzinfo=timezone.utc)
    >>> event = SlaBreached(id="e-1", subject="T-1", at=t0, metric="first_reply", rule="r",
    ...                     target=timedelta(hours=1))
    >>> box = Outbox().add([event, event], at=t0)
    >>> len(box.pending), [e.event.id for e in box.due(t0)]
    (1, ['e-1'])
    >>> box = box.failed("e-1", at=t0, error="HTTP 503")
    >>> box.due(t0), box.due(t0 + timedelta(minutes=1))[0].attempts
    ((), 1)
    >>> box.delivered("e-1", at=t0 + timedelta(minutes=1)).pending
    ()
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Annotated, Self

from pydantic import Field

from cxcore._model import CxModel
from cxcore._time import AwareDatetime, ensure_aware, instant
from cxcore.errors import InvalidInputError
from cxcore.events.schema import AnyEvent

__all__ = ["Outbox", "OutboxEntry"]


class OutboxEntry(CxModel):
    """One event waiting for delivery (or delivered, until pruned).

    Examples:
        >>> OutboxEntry.model_fields["attempts"].default
        0
    """

    event: AnyEvent
    added_at: AwareDatetime
    next_attempt_at: AwareDatetime
    attempts: Annotated[int, Field(ge=0)] = 0
    last_error: str = ""
    delivered_at: AwareDatetime | None = None


class Outbox(CxModel):
    """The events to deliver, in the order they were added.

    ``backoff`` is the wait after the first failure, doubled after each further one up to
    ``max_backoff``; after ``max_attempts`` failures an entry is `dead` and no longer due.
    """

    entries: tuple[OutboxEntry, ...] = ()
    backoff: timedelta = timedelta(seconds=30)
    max_backoff: timedelta = timedelta(hours=6)
    max_attempts: Annotated[int, Field(ge=1)] = 12

    def add(self, events: Iterable[AnyEvent], *, at: datetime) -> Self:
        """Add ``events`` not yet in the outbox (by id), due at ``at``."""
        ensure_aware(at, "at")
        known = {entry.event.id for entry in self.entries}
        new = []
        for event in events:
            if event.id not in known:
                known.add(event.id)
                new.append(OutboxEntry(event=event, added_at=at, next_attempt_at=at))
        return self.model_copy(update={"entries": (*self.entries, *new)})

    @property
    def pending(self) -> tuple[OutboxEntry, ...]:
        """Entries not delivered yet (dead ones included)."""
        return tuple(e for e in self.entries if e.delivered_at is None)

    @property
    def dead(self) -> tuple[OutboxEntry, ...]:
        """Entries that failed ``max_attempts`` times: a person should look at them."""
        return tuple(e for e in self.pending if e.attempts >= self.max_attempts)

    def due(self, at: datetime, limit: int | None = None) -> tuple[OutboxEntry, ...]:
        """Pending, live entries whose next attempt is at or before ``at``, oldest first."""
        now = instant(ensure_aware(at, "at"))
        found = [
            e
            for e in self.pending
            if e.attempts < self.max_attempts and instant(e.next_attempt_at) <= now
        ]
        return tuple(found[:limit] if limit is not None else found)

    def _update(self, event_id: str, **changes: object) -> Self:
        for index, entry in enumerate(self.entries):
            if entry.event.id == event_id:
                entries = list(self.entries)
                entries[index] = entry.model_copy(update=changes)
                return self.model_copy(update={"entries": tuple(entries)})
        raise InvalidInputError(f"the outbox holds no event {event_id!r}")

    def delivered(self, event_id: str, *, at: datetime) -> Self:
        """Record that ``event_id`` was delivered at ``at``."""
        return self._update(event_id, delivered_at=ensure_aware(at, "at"))

    def failed(self, event_id: str, *, at: datetime, error: str = "") -> Self:
        """Record a failed attempt at ``at``; the next one waits for the backoff."""
        ensure_aware(at, "at")
        entry = next((e for e in self.entries if e.event.id == event_id), None)
        attempts = 1 if entry is None else entry.attempts + 1
        wait = min(self.backoff * 2 ** (attempts - 1), self.max_backoff)
        return self._update(
            event_id, attempts=attempts, last_error=error, next_attempt_at=at + wait
        )

    def prune(self) -> Self:
        """Drop delivered entries."""
        return self.model_copy(update={"entries": self.pending})
