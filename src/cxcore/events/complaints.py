"""Complaint events: every stage change, and actions that are past their deadline.

`complaint_events` compares the complaint a host had with the one after new events were
applied; `overdue_events` says which next actions are late at a given time.

Examples:
    >>> from datetime import datetime, timedelta, timezone
    >>> from cxcore.complaints import Complaint
    >>> from cxcore.complaints.events import ComplaintReceived, Acknowledged, Apologised
    >>> from cxcore.tickets import Customer
    >>> t0 = datetime(2026, 5, 4, 9, tzinfo=timezone.utc)
    >>> complaint = Complaint.start(ComplaintReceived(sequence=1, at=t0, actor="web",
    ...     complaint_id="CMP-1", customer=Customer(id="C-1"), channel="email",
    ...     reason="late_delivery"))
    >>> [(e.from_stage, e.to_stage) for e in complaint_events(None, complaint)]
    [(None, <Stage.LISTEN: 'listen'>)]
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from cxcore._time import instant
from cxcore.complaints.actions import ActionKind, next_actions
from cxcore.complaints.complaint import Complaint
from cxcore.complaints.events import ComplaintReceived
from cxcore.complaints.timers import ComplaintTimers
from cxcore.complaints.values import Stage
from cxcore.errors import InvalidInputError
from cxcore.events.base import DomainEvent, event_id

__all__ = [
    "ComplaintActionOverdue",
    "ComplaintEventKind",
    "ComplaintStageChanged",
    "complaint_events",
    "overdue_events",
]


class ComplaintStageChanged(DomainEvent):
    """The complaint moved from ``from_stage`` (``None``: it was just received) to
    ``to_stage`` because of its event number ``sequence`` (of kind ``trigger``).

    Examples:
        >>> ComplaintStageChanged.model_fields["type"].default
        'cxcore.complaint.stage_changed'
    """

    type: Literal["cxcore.complaint.stage_changed"] = "cxcore.complaint.stage_changed"
    version: Literal[1] = 1
    from_stage: Stage | None
    to_stage: Stage
    trigger: str
    sequence: int
    actor: str


class ComplaintActionOverdue(DomainEvent):
    """A next action (acknowledge, update, verify, ...) passed its deadline ``due_at``.

    Examples:
        >>> ComplaintActionOverdue.model_fields["type"].default
        'cxcore.complaint.action_overdue'
    """

    type: Literal["cxcore.complaint.action_overdue"] = "cxcore.complaint.action_overdue"
    version: Literal[1] = 1
    action: ActionKind
    stage: Stage
    due_at: datetime
    response_key: str | None = None


ComplaintEventKind = ComplaintStageChanged | ComplaintActionOverdue
"""Any complaint domain event."""


def complaint_events(
    before: Complaint | None, after: Complaint
) -> tuple[ComplaintStageChanged, ...]:
    """The stage changes the events of ``after`` made since ``before`` (``None``: all)."""
    if before is not None and (before.id != after.id or before.version > after.version):
        raise InvalidInputError(
            f"complaint {after.id!r} at version {after.version} does not follow "
            f"{before.id!r} at version {before.version}"
        )
    found: list[ComplaintStageChanged] = []
    state = before
    start = 0 if before is None else before.version
    for event in after.events[start:]:
        previous = None if state is None else state.stage
        if state is not None:
            state = state.apply(event)
        elif isinstance(event, ComplaintReceived):
            state = Complaint.start(event)
        else:
            raise InvalidInputError(
                f"complaint {after.id!r}: history does not start with 'received'"
            )
        if state.stage is not previous:
            found.append(
                ComplaintStageChanged(
                    id=event_id("cxcore.complaint.stage_changed", after.id, event.sequence),
                    subject=after.id,
                    at=event.at,
                    from_stage=previous,
                    to_stage=state.stage,
                    trigger=event.kind,
                    sequence=event.sequence,
                    actor=event.actor,
                )
            )
    return tuple(found)


def overdue_events(
    complaint: Complaint, at: datetime, timers: ComplaintTimers | None = None
) -> tuple[ComplaintActionOverdue, ...]:
    """One event per next action whose deadline is before ``at``. The id is derived from the
    action and its deadline, so a host that emits these on every check delivers each once.
    """
    now = instant(at)
    found = []
    for action in next_actions(complaint, at=at, timers=timers):
        if action.due_at is None or instant(action.due_at) >= now:
            continue
        found.append(
            ComplaintActionOverdue(
                id=event_id(
                    "cxcore.complaint.action_overdue",
                    complaint.id,
                    action.action.value,
                    instant(action.due_at).isoformat(),
                ),
                subject=complaint.id,
                at=action.due_at,
                action=action.action,
                stage=complaint.stage,
                due_at=action.due_at,
                response_key=action.response_key,
            )
        )
    return tuple(found)
