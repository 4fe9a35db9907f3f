"""The complaint: a fold over its events.

A [`Complaint`][cxcore.Complaint] is never edited.
[`Complaint.apply`][cxcore.complaints.complaint.Complaint.apply] checks an event against the
workflow table, its guards, the expected sequence number and the time order, and returns a new
complaint; [`Complaint.replay`][cxcore.complaints.complaint.Complaint.replay] rebuilds one from its
history. The complaint keeps its own ``events``, so the history and the state travel together and
cannot disagree. Its ``events`` and the other lists that only grow (``offered``, ``accepted``,
``carried_out``, ``verifications``, ``stage_history``) read as tuples but grow in place, sharing
what came before with the complaint they came from, so an apply costs the same at the 100 000th
event as at the second and loading folds each event once. Building the next event and rendering
its reply are in [`cxcore.complaints.replies`][cxcore.complaints.replies].

Examples:
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
from operator import is_
from typing import Any, Self

from pydantic import PrivateAttr, model_validator

from cxcore._history import History, check_next
from cxcore._model import CxModel
from cxcore._time import AwareDatetime, instant
from cxcore.complaints._fold import effects, initial_fields
from cxcore.complaints.event_kinds import _Event
from cxcore.complaints.events import ComplaintEvent, ComplaintReceived
from cxcore.complaints.records import RecordedRemedy, StageChange, VerificationResult
from cxcore.complaints.replies import ComplaintReplies
from cxcore.complaints.timers import ComplaintTimers, timers_or_default
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


class Complaint(ComplaintReplies, CxModel):
    """A customer complaint and everything that happened to it.

    Build one with [`replay`][cxcore.complaints.complaint.Complaint.replay] (or
    [`start`][cxcore.complaints.complaint.Complaint.start]) and move it on with
    [`apply`][cxcore.complaints.complaint.Complaint.apply]; every field below ``desired_outcome`` is
    derived from ``events``. Constructing or loading a complaint whose fields disagree with its
    events raises [`InvalidInputError`][cxcore.errors.InvalidInputError].

    ``open_offer`` is the proposal awaiting the customer's answer; ``awaiting_remedies`` were
    accepted but not yet carried out; ``remedy_recorded``, ``satisfied`` and
    ``customer_rejected`` describe the current round (a failed verification starts a new one).

    Examples:
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
    offered: History[Compensation]
    open_offer: tuple[Compensation, ...]
    accepted: History[Compensation]
    awaiting_remedies: tuple[Compensation, ...]
    carried_out: History[RecordedRemedy]
    remedy_recorded: bool
    customer_rejected: bool
    satisfied: bool | None
    verifications: History[VerificationResult]
    contact_attempts: int
    last_contact_at: AwareDatetime | None
    updates_sent: int
    reopen_count: int
    closure: ClosureKind | None
    closed_at: AwareDatetime | None
    closure_note: str
    recourse: Recourse | None
    unverified_reason: UnverifiedReason | None
    stage_history: History[StageChange]
    events: History[ComplaintEvent]

    # The field values of a complaint that start/apply/validation built, by identity: a copy
    # changed by ``model_copy(update=...)`` no longer matches and is checked again by apply.
    _seal: tuple[object, ...] | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _matches_events(self) -> Self:
        self._rebuilt()
        return self._sealed()

    def _rebuilt(self) -> Complaint:
        """The fold of this complaint's events, once every field is checked to match it."""
        rebuilt = Complaint._fold(self.events)
        for name in type(self).model_fields:
            if getattr(rebuilt, name) != getattr(self, name):
                raise InvalidInputError(
                    f"complaint {self.id!r}: field {name!r} does not match its events "
                    f"(events give {getattr(rebuilt, name)!r})"
                )
        return rebuilt

    def _sealed(self) -> Self:
        # Written straight into pydantic's private store: this runs once per applied event.
        self.__pydantic_private__["_seal"] = tuple(self.__dict__.values())  # type: ignore[index]
        return self

    def _is_sealed(self) -> bool:
        seal = self.__pydantic_private__.get("_seal")  # type: ignore[union-attr]
        values = self.__dict__.values()
        return seal is not None and len(seal) == len(values) and all(map(is_, seal, values))

    # -- building ------------------------------------------------------------------------------

    @classmethod
    def start(cls, event: ComplaintReceived) -> Complaint:
        """A new complaint from its received event.

        Examples:
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
        return cls.model_construct(**initial_fields(event))._sealed()

    @classmethod
    def _fold(cls, events: Iterable[ComplaintEvent]) -> Complaint:
        if not isinstance(events, Iterable) or isinstance(events, str | bytes):
            raise InvalidInputError(
                f"a complaint's history is an iterable of events, got {type(events).__name__}"
            )
        iterator = iter(events)
        first = next(iterator, None)
        if first is None:
            raise InvalidTransitionError("a complaint's history cannot be empty")
        if not isinstance(first, ComplaintReceived):
            raise InvalidTransitionError(
                "a complaint's history starts with a 'received' event, got "
                f"{getattr(first, 'kind', type(first).__name__)!r}"
            )
        complaint = cls.start(first)
        for event in iterator:
            complaint = complaint._applied(event)
        return complaint

    @classmethod
    def replay(cls, events: Iterable[ComplaintEvent]) -> Complaint:
        """Rebuild a complaint from its whole history, checking every event as it goes.

        Examples:
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

        Raises [`SequenceConflictError`][cxcore.errors.SequenceConflictError] unless
        ``event.sequence`` is [`next_sequence`][cxcore.complaints.complaint.Complaint.next_sequence]
        (someone else appended first: reload and retry),
        [`TimelineError`][cxcore.errors.TimelineError] if it is earlier than the last event, and
        [`InvalidTransitionError`][cxcore.errors.InvalidTransitionError] if the stage does not allow
        it or a guard refuses it. A complaint not built by `replay`, `start`, this method or
        validation (say, one changed with ``model_copy(update=...)``) is first checked against its
        own events, and [`InvalidInputError`][cxcore.errors.InvalidInputError] says which field
        disagrees.

        It costs the same however long the history is: the new complaint shares the events (and
        the other lists that only grow) with this one instead of copying them, and moving an
        older complaint on a second time (a fork) copies only that complaint's own history, so
        two complaints never see each other's events.
        """
        # A changed copy is moved on from the fold of its events: equal to it field by field,
        # and holding histories that grow in place even if the copy was given plain tuples.
        known = self if self._is_sealed() else self._rebuilt()
        return known._applied(event)

    def _applied(self, event: ComplaintEvent) -> Complaint:
        """The complaint after ``event``, for a complaint known to match its events. Every
        growing field is a ``History``, so this costs the same at any length: nothing before
        the new event is copied."""
        if not isinstance(event, _Event):
            raise InvalidInputError(
                f"complaint {self.id!r}: expected a complaint event, got {type(event).__name__}"
            )
        updates = self._step(event)
        updates["events"] = self.events.appended(event)
        # Built from a checked event, so sealed: the next apply need not check it again.
        return self.model_copy(update=updates)._sealed()

    def _step(self, event: ComplaintEvent) -> dict[str, Any]:
        """Check ``event`` against the state, the last event and the expected sequence; the
        field updates it makes, except ``events``."""
        if isinstance(event, ComplaintReceived):
            raise InvalidTransitionError(
                f"complaint {self.id!r} already exists; a 'received' event only starts a history"
            )
        check_next(f"complaint {self.id!r}", event, self.events[-1], self.next_sequence)
        row = find_transition(self.stage, event.trigger)
        check_guards(row, self, event)
        target = row.target if row.target is not None else self.escalated_from
        if target is None:  # pragma: no cover - the table only returns from escalated
            raise InvalidTransitionError(f"complaint {self.id!r}: nowhere to return to")
        updates = effects(self, event)
        updates["stage"] = target
        if target is not self.stage:
            change = StageChange.model_construct(at=event.at, stage=target)
            updates["stage_history"] = self.stage_history.appended(change)
        if type(event).customer_facing:
            updates["last_contact_at"] = event.at
        return updates

    # -- deadlines -----------------------------------------------------------------------------

    def acknowledgement_due(self, timers: ComplaintTimers | None = None) -> datetime | None:
        """When the acknowledgement is due; ``None`` once acknowledged or closed."""
        if self.acknowledged_at is not None or self.is_closed:
            return None
        timers = timers_or_default(timers)
        return timers.due(self.received_at, timers.acknowledge_within)

    def next_update_due(self, timers: ComplaintTimers | None = None) -> datetime | None:
        """When the customer must next hear from the shop: ``update_every`` after the last
        message to them (or after receipt); ``None`` once closed.
        """
        if self.is_closed:
            return None
        timers = timers_or_default(timers)
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
