"""What a complaint's handling looked like, as data for metrics.

[`complaint_outcome`][cxcore.complaint_outcome] reads a complaint's history and returns a
[`ComplaintOutcome`][cxcore.complaints.ComplaintOutcome]: time spent in each stage, how fast it was
acknowledged and closed, how many updates were sent and how many were late, how often verification
failed (reopens), escalations, the remedies carried out and the customer's final satisfaction.

Examples:
    >>> from datetime import datetime, timedelta, timezone
    >>> from cxcore.complaints import Complaint, ComplaintReceived, Acknowledged
    >>> from cxcore.tickets import Customer
    >>> t0 = datetime(2026, 5, 4, 9, tzinfo=timezone.utc)
    >>> c = Complaint.start(ComplaintReceived(sequence=1, at=t0, actor="web",
    ...     complaint_id="CMP-5", customer=Customer(id="C-1"), channel="email",
    ...     reason="billing")).apply(Acknowledged(sequence=2, at=t0 + timedelta(minutes=20),
    ...     actor="agent-7"))
    >>> outcome = complaint_outcome(c, at=t0 + timedelta(hours=2))
    >>> outcome.time_to_acknowledge, outcome.time_in_stage["listen"]
    (datetime.timedelta(seconds=1200), datetime.timedelta(seconds=7200))
"""

from __future__ import annotations

from datetime import datetime, timedelta

from cxcore._model import CxModel, ReadOnlyDict
from cxcore._time import AwareDatetime, ensure_aware, instant
from cxcore.complaints.complaint import Complaint
from cxcore.complaints.events import Escalated, UpdateSent
from cxcore.complaints.timers import ComplaintTimers, timers_or_default
from cxcore.complaints.values import (
    ClosureKind,
    CompensationKind,
    ComplaintReason,
    Severity,
    Stage,
)
from cxcore.errors import InvalidInputError, TimelineError
from cxcore.money import Money
from cxcore.tickets import Channel

__all__ = ["ComplaintOutcome", "complaint_outcome"]


class ComplaintOutcome(CxModel):
    """A complaint's handling in numbers, measured up to ``measured_at``.

    ``late_updates`` counts the gaps between messages to the customer that ran past the
    periodic-update target (including the current gap of an open complaint).
    ``satisfied`` and ``satisfaction_score`` are the customer's last verification answer.

    Examples:
        >>> ComplaintOutcome.model_fields["reopen_count"].annotation
        <class 'int'>
    """

    complaint_id: str
    reason: ComplaintReason
    severity: Severity
    channel: Channel
    stage: Stage
    closure: ClosureKind | None
    received_at: AwareDatetime
    closed_at: AwareDatetime | None
    measured_at: AwareDatetime
    time_in_stage: ReadOnlyDict[Stage, timedelta]
    time_to_acknowledge: timedelta | None
    time_to_close: timedelta | None
    messages_sent: int
    updates_sent: int
    late_updates: int
    reopen_count: int
    escalations: int
    remedies: tuple[CompensationKind, ...]
    compensation: tuple[Money, ...]
    satisfied: bool | None
    satisfaction_score: int | None


def complaint_outcome(
    complaint: Complaint, *, at: datetime | None = None, timers: ComplaintTimers | None = None
) -> ComplaintOutcome:
    """Summarise ``complaint``. A closed complaint is measured at its closing time (``at`` is
    optional); an open one needs ``at``, no earlier than its last event.

    Examples:
        >>> from datetime import datetime, timezone
        >>> from cxcore.complaints import Complaint, ComplaintReceived
        >>> from cxcore.tickets import Customer
        >>> c = Complaint.start(ComplaintReceived(sequence=1, actor="web", complaint_id="CMP-6",
        ...     at=datetime(2026, 5, 4, tzinfo=timezone.utc), customer=Customer(id="C"),
        ...     channel="email", reason="other"))
        >>> complaint_outcome(c)
        Traceback (most recent call last):
        ...
        cxcore.errors.InvalidInputError: complaint 'CMP-6' is open; pass at= to measure it
    """
    timers = timers_or_default(timers)
    if at is None:
        if complaint.closed_at is None:
            raise InvalidInputError(f"complaint {complaint.id!r} is open; pass at= to measure it")
        at = complaint.closed_at
    # Compare and subtract instants: datetimes sharing a tzinfo do both by wall time.
    now = instant(ensure_aware(at, "at"))
    last = complaint.events[-1].at
    if now < instant(last):
        raise TimelineError(
            f"cannot measure complaint {complaint.id!r} at {at.isoformat()}, before its last "
            f"event at {last.isoformat()}"
        )
    contacts = [e.at for e in complaint.events if type(e).customer_facing]
    late = 0
    previous = complaint.received_at
    for contact in contacts:
        if instant(contact) > instant(timers.due(previous, timers.update_every)):
            late += 1
        previous = contact
    if not complaint.is_closed and now > instant(timers.due(previous, timers.update_every)):
        late += 1
    visited = dict.fromkeys(change.stage for change in complaint.stage_history)
    last_answer = complaint.verifications[-1] if complaint.verifications else None
    return ComplaintOutcome(
        complaint_id=complaint.id,
        reason=complaint.reason,
        severity=complaint.severity,
        channel=complaint.channel,
        stage=complaint.stage,
        closure=complaint.closure,
        received_at=complaint.received_at,
        closed_at=complaint.closed_at,
        measured_at=at,
        time_in_stage={
            stage: complaint.time_in_stage(stage, at)
            for stage in visited
            if stage is not Stage.CLOSED
        },
        time_to_acknowledge=None
        if complaint.acknowledged_at is None
        else instant(complaint.acknowledged_at) - instant(complaint.received_at),
        time_to_close=None
        if complaint.closed_at is None
        else instant(complaint.closed_at) - instant(complaint.received_at),
        messages_sent=len(contacts),
        updates_sent=sum(isinstance(e, UpdateSent) for e in complaint.events),
        late_updates=late,
        reopen_count=complaint.reopen_count,
        escalations=sum(isinstance(e, Escalated) for e in complaint.events),
        remedies=tuple(item.remedy.kind for item in complaint.carried_out),
        compensation=tuple(complaint.remedies_total.values()),
        satisfied=None if last_answer is None else last_answer.satisfied,
        satisfaction_score=None if last_answer is None else last_answer.score,
    )
