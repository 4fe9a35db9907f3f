"""The complaint: a fold over its events.

A :class:`Complaint` is never edited. :meth:`Complaint.apply` checks an event against the
workflow table, its guards, the expected sequence number and the time order, and returns a new
complaint; :meth:`Complaint.replay` rebuilds one from its history. The complaint keeps its own
``events``, so the history and the state travel together and cannot disagree.

>>> from datetime import datetime, timedelta, timezone
>>> from cxcore.complaints.events import ComplaintReceived, Acknowledged, AccountCaptured
>>> from cxcore.tickets import Customer
>>> t0 = datetime(2026, 5, 4, 9, tzinfo=timezone.utc)
>>> complaint = Complaint.replay([
...     ComplaintReceived(sequence=1, at=t0, actor="web", complaint_id="CMP-1",
...                       customer=Customer(id="C-1"), channel="email",
...                       reason="damaged_in_transit"),
...     Acknowledged(sequence=2, at=t0 + timedelta(minutes=5), actor="agent-7"),
... ])
>>> complaint.stage, complaint.version
(<Stage.LISTEN: 'listen'>, 2)
>>> complaint.apply(Acknowledged(sequence=2, at=t0, actor="agent-9"))
Traceback (most recent call last):
...
cxcore.errors.SequenceConflictError: complaint 'CMP-1': expected sequence 3, got 2; ...
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any, Self

from pydantic import model_validator

from cxcore._model import CxModel
from cxcore._time import AwareDatetime, instant
from cxcore.complaints._fold import effects, initial_fields
from cxcore.complaints.events import ComplaintEvent, ComplaintReceived
from cxcore.complaints.records import RecordedRemedy, StageChange, VerificationResult
from cxcore.complaints.timers import ComplaintTimers
from cxcore.complaints.values import (
    ClosureKind,
    Compensation,
    CompensationKind,
    ComplaintReason,
    Recourse,
    Severity,
    Stage,
    UnverifiedReason,
)
from cxcore.complaints.workflow import check_guards, find_transition
from cxcore.errors import (
    InvalidInputError,
    InvalidTransitionError,
    SequenceConflictError,
    TimelineError,
)
from cxcore.money import Money
from cxcore.tickets import Channel, Customer

__all__ = [
    "Compensation",
    "CompensationKind",
    "Complaint",
    "ComplaintReason",
    "RecordedRemedy",
    "Severity",
    "StageChange",
    "VerificationResult",
]


class Complaint(CxModel):
    """A customer complaint and everything that happened to it.

    Build one with :meth:`replay` (or :meth:`start`) and move it on with :meth:`apply`; every
    field below ``desired_outcome`` is derived from ``events``. Constructing or loading a
    complaint whose fields disagree with its events raises
    :class:`~cxcore.errors.InvalidInputError`.

    ``open_offer`` is the proposal awaiting the customer's answer; ``awaiting_remedies`` were
    accepted but not yet carried out; ``remedy_recorded``, ``satisfied`` and
    ``customer_rejected`` describe the current round (a failed verification starts a new one).

    >>> Complaint.model_json_schema()["title"]
    'Complaint'
    """

    id: str
    ticket_id: str | None
    customer: Customer
    channel: Channel
    reason: ComplaintReason
    severity: Severity
    summary: str
    order_id: str | None
    order_line_ids: tuple[str, ...]
    received_at: AwareDatetime
    desired_outcome: Compensation | None
    account: str | None
    stage: Stage
    escalated_from: Stage | None
    escalated_to: str | None
    acknowledged_at: AwareDatetime | None
    apologised_at: AwareDatetime | None
    offered: tuple[Compensation, ...]
    open_offer: tuple[Compensation, ...]
    accepted: tuple[Compensation, ...]
    awaiting_remedies: tuple[Compensation, ...]
    carried_out: tuple[RecordedRemedy, ...]
    remedy_recorded: bool
    customer_rejected: bool
    satisfied: bool | None
    verifications: tuple[VerificationResult, ...]
    contact_attempts: int
    last_contact_at: AwareDatetime | None
    updates_sent: int
    reopen_count: int
    closure: ClosureKind | None
    closed_at: AwareDatetime | None
    closure_note: str
    recourse: Recourse | None
    unverified_reason: UnverifiedReason | None
    stage_history: tuple[StageChange, ...]
    events: tuple[ComplaintEvent, ...]

    @model_validator(mode="after")
    def _matches_events(self) -> Self:
        rebuilt = Complaint._fold(self.events)
        for name in type(self).model_fields:
            if getattr(rebuilt, name) != getattr(self, name):
                raise InvalidInputError(
                    f"complaint {self.id!r}: field {name!r} does not match its events "
                    f"(events give {getattr(rebuilt, name)!r})"
                )
        return self

    # -- building ------------------------------------------------------------------------------

    @classmethod
    def start(cls, event: ComplaintReceived) -> Complaint:
        """A new complaint from its received event.

        >>> from datetime import datetime, timezone
        >>> from cxcore.complaints.events import ComplaintReceived
        >>> Complaint.start(ComplaintReceived(sequence=1, actor="web", complaint_id="CMP-2",
        ...     at=datetime(2026, 5, 4, tzinfo=timezone.utc), customer=Customer(id="C"),
        ...     channel="chatbot", reason="late_delivery")).stage.value
        'listen'
        """
        if not isinstance(event, ComplaintReceived):
            raise InvalidTransitionError(
                f"a complaint's history starts with a 'received' event, got {event.kind!r}"
            )
        find_transition(None, event.trigger)
        return cls.model_construct(**initial_fields(event))

    @classmethod
    def _fold(cls, events: Iterable[ComplaintEvent]) -> Complaint:
        iterator = iter(events)
        first = next(iterator, None)
        if first is None:
            raise InvalidTransitionError("a complaint's history cannot be empty")
        if not isinstance(first, ComplaintReceived):
            raise InvalidTransitionError(
                f"a complaint's history starts with a 'received' event, got {first.kind!r}"
            )
        complaint = cls.start(first)
        # The history is collected once at the end: rebuilding the events tuple at every step
        # made replaying (and so loading) n events cost O(n^2).
        history: list[ComplaintEvent] = [first]
        for event in iterator:
            updates = complaint._step(event, history[-1], len(history) + 1)
            history.append(event)
            complaint = complaint.model_copy(update=updates)
        if len(history) == 1:
            return complaint
        return complaint.model_copy(update={"events": tuple(history)})

    @classmethod
    def replay(cls, events: Iterable[ComplaintEvent]) -> Complaint:
        """Rebuild a complaint from its whole history, checking every event as it goes.

        >>> Complaint.replay([])
        Traceback (most recent call last):
        ...
        cxcore.errors.InvalidTransitionError: a complaint's history cannot be empty
        """
        return cls._fold(events)

    # -- applying ------------------------------------------------------------------------------

    @property
    def version(self) -> int:
        """The sequence number of the last event."""
        return len(self.events)

    @property
    def next_sequence(self) -> int:
        """The sequence number the next event must carry."""
        return len(self.events) + 1

    @property
    def is_closed(self) -> bool:
        """True once the complaint reached ``closed``."""
        return self.stage is Stage.CLOSED

    def apply(self, event: ComplaintEvent) -> Complaint:
        """Check ``event`` and return the complaint after it.

        Raises :class:`~cxcore.errors.SequenceConflictError` unless ``event.sequence`` is
        :attr:`next_sequence` (someone else appended first: reload and retry),
        :class:`~cxcore.errors.TimelineError` if it is earlier than the last event, and
        :class:`~cxcore.errors.InvalidTransitionError` if the stage does not allow it or a
        guard refuses it.
        """
        updates = self._step(event, self.events[-1], self.next_sequence)
        # Concatenation copies the pointers in C; unpacking builds the tuple item by item,
        # ten times slower on a long history.
        updates["events"] = self.events + (event,)  # noqa: RUF005
        return self.model_copy(update=updates)

    def _step(self, event: ComplaintEvent, last: ComplaintEvent, expected: int) -> dict[str, Any]:
        """Check ``event`` against the state, the ``last`` event and the ``expected`` sequence;
        the field updates it makes, except ``events``."""
        if isinstance(event, ComplaintReceived):
            raise InvalidTransitionError(
                f"complaint {self.id!r} already exists; a 'received' event only starts a history"
            )
        if event.sequence != expected:
            raise SequenceConflictError(
                f"complaint {self.id!r}: expected sequence {expected}, got "
                f"{event.sequence}; someone else changed it first, reload the history and retry"
            )
        # Compare instants: datetimes sharing a tzinfo compare by wall time, which misorders
        # events in the hour repeated when clocks go back.
        if instant(event.at) < instant(last.at):
            raise TimelineError(
                f"complaint {self.id!r}: event {event.sequence} ({event.kind}) at "
                f"{event.at.isoformat()} is earlier than event {last.sequence} at "
                f"{last.at.isoformat()}"
            )
        row = find_transition(self.stage, event.trigger)
        check_guards(row, self, event)
        target = row.target if row.target is not None else self.escalated_from
        if target is None:  # pragma: no cover - the table only returns from escalated
            raise InvalidTransitionError(f"complaint {self.id!r}: nowhere to return to")
        updates = effects(self, event)
        updates["stage"] = target
        if target is not self.stage:
            change = StageChange.model_construct(at=event.at, stage=target)
            updates["stage_history"] = self.stage_history + (change,)  # noqa: RUF005
        if type(event).customer_facing:
            updates["last_contact_at"] = event.at
        return updates

    # -- deadlines -----------------------------------------------------------------------------

    def acknowledgement_due(self, timers: ComplaintTimers | None = None) -> datetime | None:
        """When the acknowledgement is due; ``None`` once acknowledged or closed."""
        if self.acknowledged_at is not None or self.is_closed:
            return None
        timers = timers or ComplaintTimers()
        return timers.due(self.received_at, timers.acknowledge_within)

    def next_update_due(self, timers: ComplaintTimers | None = None) -> datetime | None:
        """When the customer must next hear from the shop: ``update_every`` after the last
        message to them (or after receipt); ``None`` once closed.
        """
        if self.is_closed:
            return None
        timers = timers or ComplaintTimers()
        return timers.due(self.last_contact_at or self.received_at, timers.update_every)

    def is_update_late(self, at: datetime, timers: ComplaintTimers | None = None) -> bool:
        """True when, at ``at``, the next update (or the acknowledgement) is overdue."""
        due = [self.next_update_due(timers), self.acknowledgement_due(timers)]
        now = instant(at)
        return any(d is not None and now > instant(d) for d in due)

    @property
    def remedies_total(self) -> dict[str, Money]:
        """The value of carried-out remedies that have an amount, by currency."""
        totals: dict[str, Money] = {}
        for item in self.carried_out:
            amount = item.remedy.amount
            if amount is not None:
                previous = totals.get(amount.currency)
                totals[amount.currency] = amount if previous is None else previous + amount
        return totals

    def time_in_stage(self, stage: Stage, at: datetime) -> timedelta:
        """Total time spent in ``stage`` up to ``at`` (the current stage counts until ``at``).

        Real elapsed time: a stay over a DST change counts the hour gained or lost.
        """
        total = timedelta(0)
        history = self.stage_history
        for index, change in enumerate(history):
            if change.stage is not stage:
                continue
            start = instant(change.at)
            if index + 1 < len(history):
                end = instant(history[index + 1].at)
            elif change.stage is not Stage.CLOSED:
                end = instant(at)
            else:
                end = start
            total += max(end - start, timedelta(0))
        return total
