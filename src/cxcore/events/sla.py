"""SLA events, found by comparing two SLA reports of the same ticket.

`sla_events` diffs the report a host kept from its last look with a fresh one and returns
what happened in between: a warning threshold reached, a target breached or achieved, a clock
paused or resumed. Run it whenever the ticket changes and at ``report.next_threshold_at``.

Examples:
    >>> from datetime import datetime, timedelta, timezone
    >>> from cxcore.sla import CalendarTime, SlaPolicy, evaluate
    >>> from cxcore.tickets import Customer, Ticket
    >>> t0 = datetime(2026, 5, 4, 9, tzinfo=timezone.utc)
    >>> policy = SlaPolicy(name="P", rules=[{"name": "all", "targets": {"first_reply": "1h"}}])
    >>> ticket = Ticket(id="T-1", customer=Customer(id="C-1"), channel="email", created_at=t0)
    >>> before = evaluate(ticket, policy, CalendarTime(), t0)
    >>> after = evaluate(ticket, policy, CalendarTime(), t0 + timedelta(hours=2))
    >>> [e.type for e in sla_events(before, after)]
    ['cxcore.sla.breached']
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Literal

from cxcore._time import instant
from cxcore.errors import InvalidInputError
from cxcore.events.base import DomainEvent, event_id
from cxcore.sla.policy import SlaMetric
from cxcore.sla.report import SlaMeasurement, SlaReport, SlaState

__all__ = [
    "SlaAchieved",
    "SlaBreached",
    "SlaEvent",
    "SlaPaused",
    "SlaResumed",
    "SlaWarning",
    "sla_events",
]


class _SlaEvent(DomainEvent):
    metric: SlaMetric
    index: int = 0
    rule: str
    target: timedelta
    due_at: datetime | None = None


class SlaWarning(_SlaEvent):
    """A running target reached its warning threshold (``warn_at`` of the target).

    Examples:
        >>> SlaWarning.model_fields["type"].default
        'cxcore.sla.warning'
    """

    type: Literal["cxcore.sla.warning"] = "cxcore.sla.warning"
    version: Literal[1] = 1
    remaining: timedelta


class SlaBreached(_SlaEvent):
    """A target's due time passed before it was met; ``at`` is the due time.

    Examples:
        >>> SlaBreached.model_fields["version"].default
        1
    """

    type: Literal["cxcore.sla.breached"] = "cxcore.sla.breached"
    version: Literal[1] = 1


class SlaAchieved(_SlaEvent):
    """A target was met in time; ``at`` is when (the reply, the update or solving).

    Examples:
        >>> SlaAchieved.model_fields["type"].default
        'cxcore.sla.achieved'
    """

    type: Literal["cxcore.sla.achieved"] = "cxcore.sla.achieved"
    version: Literal[1] = 1
    elapsed: timedelta


class SlaPaused(_SlaEvent):
    """A target's clock stopped (the ticket waits on the customer); ``remaining`` is kept.

    Examples:
        >>> SlaPaused.model_fields["type"].default
        'cxcore.sla.paused'
    """

    type: Literal["cxcore.sla.paused"] = "cxcore.sla.paused"
    version: Literal[1] = 1
    remaining: timedelta


class SlaResumed(_SlaEvent):
    """A paused target's clock runs again; ``due_at`` is the new due time.

    Examples:
        >>> SlaResumed.model_fields["type"].default
        'cxcore.sla.resumed'
    """

    type: Literal["cxcore.sla.resumed"] = "cxcore.sla.resumed"
    version: Literal[1] = 1
    remaining: timedelta


SlaEvent = SlaWarning | SlaBreached | SlaAchieved | SlaPaused | SlaResumed
"""Any SLA event."""


def _common(report: SlaReport, m: SlaMeasurement, kind: str, at: datetime) -> dict[str, object]:
    parts: tuple[object, ...] = (m.metric.value, m.index)
    if kind in ("cxcore.sla.paused", "cxcore.sla.resumed"):
        parts = (*parts, at.isoformat())  # a clock may pause and resume many times
    return {
        "id": event_id(kind, report.ticket_id, *parts),
        "subject": report.ticket_id,
        "at": at,
        "metric": m.metric,
        "index": m.index,
        "rule": m.rule,
        "target": m.target,
        "due_at": m.due_at,
    }


def _changes(report: SlaReport, old: SlaMeasurement | None, new: SlaMeasurement) -> list[SlaEvent]:
    found: list[SlaEvent] = []
    was_breached = old is not None and old.state is SlaState.BREACHED
    if new.state is SlaState.BREACHED and not was_breached:
        at = new.due_at or report.at
        found.append(SlaBreached.model_validate(_common(report, new, "cxcore.sla.breached", at)))
        return found
    if new.state is SlaState.ACHIEVED and (old is None or old.state is not SlaState.ACHIEVED):
        at = new.completed_at or report.at
        common = _common(report, new, "cxcore.sla.achieved", at)
        found.append(SlaAchieved.model_validate({**common, "elapsed": new.elapsed}))
        return found
    if new.completed:
        return found
    if new.level >= 1 and (old is None or old.level < 1) and new.state is not SlaState.BREACHED:
        common = _common(report, new, "cxcore.sla.warning", report.at)
        found.append(SlaWarning.model_validate({**common, "remaining": new.remaining}))
    if new.paused and (old is None or not old.paused):
        common = _common(report, new, "cxcore.sla.paused", report.at)
        found.append(SlaPaused.model_validate({**common, "remaining": new.remaining}))
    elif old is not None and old.paused and not new.paused:
        common = _common(report, new, "cxcore.sla.resumed", report.at)
        found.append(SlaResumed.model_validate({**common, "remaining": new.remaining}))
    return found


def sla_events(before: SlaReport | None, after: SlaReport) -> tuple[SlaEvent, ...]:
    """What happened to the ticket's SLA targets between ``before`` (``None``: nothing seen
    yet) and ``after``, oldest first. Event ids depend only on the facts, so diffing the same
    pair again gives the same events.
    """
    if before is not None and before.ticket_id != after.ticket_id:
        raise InvalidInputError(
            f"cannot diff SLA reports of two tickets: {before.ticket_id!r} and {after.ticket_id!r}"
        )
    old = {} if before is None else {(m.metric, m.index): m for m in before.measurements}
    events: list[SlaEvent] = []
    for measurement in after.measurements:
        events.extend(
            _changes(after, old.get((measurement.metric, measurement.index)), measurement)
        )
    events.sort(key=lambda e: instant(e.at))
    return tuple(events)
