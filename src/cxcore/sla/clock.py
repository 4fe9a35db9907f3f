"""The SLA clock: evaluate a ticket's timeline against a policy at an instant.

[`evaluate`][cxcore.evaluate] walks the ticket's events once (only those at or before ``at``), cuts
them into metric instances, and measures each on its target's clock:

* ``first_reply`` runs from creation to the first public agent reply;
* ``next_reply`` runs from the oldest unanswered public customer message after the first reply
  to the next public agent reply (a new instance for each such message);
* ``periodic_update`` runs from one public agent reply to the next while the ticket is open;
* ``resolution``, ``requester_wait`` and ``agent_work`` run from creation to solved, and resume
  when a solved ticket is reopened.

Solving (or closing) a ticket completes every running reply and update instance; a reopened
ticket starts a ``next_reply`` instance if the customer wrote while it was solved and a new
``periodic_update`` instance if an agent had replied before. Statuses a metric does not count
([`SlaPolicy.counts_in`][cxcore.SlaPolicy]) pause it; the pauses
go to the calendar as ``pauses=``. A running instance is measured against the target of the
ticket's priority at ``at``, from its start (a priority change re-targets running clocks); a
completed one keeps the target of the priority it completed under.

Examples:
    >>> from datetime import datetime, timedelta, timezone
    >>> from cxcore.sla.policy import SlaPolicy
    >>> from cxcore.tickets import Customer, Ticket
    >>> policy = SlaPolicy(name="P", rules=[
    ...     {"name": "all",
    ...      "targets": {"first_reply": {"duration": "1h", "business_hours": False}}}])
    >>> t0 = datetime(2026, 5, 4, 9, tzinfo=timezone.utc)
    >>> ticket = Ticket(id="T-1", customer=Customer(id="C-1"), channel="email", created_at=t0)
    >>> report = evaluate(ticket, policy, CalendarTime(), t0 + timedelta(minutes=50))
    >>> m = report.current("first_reply")
    >>> m.state.value, m.remaining, m.level
    ('active', datetime.timedelta(seconds=600), 1)
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any, Protocol, TypeVar

from cxcore._time import ensure_aware
from cxcore.conditions import FieldProvider
from cxcore.errors import InvalidInputError, TimelineError
from cxcore.orders import Order
from cxcore.sla._instances import Instance, Instances, clip, pauses_outside
from cxcore.sla.calendar_time import CalendarTime, Pause
from cxcore.sla.policy import SlaMetric, SlaPolicy, SlaSelection, SlaTarget
from cxcore.sla.report import SlaMeasurement, SlaReport, SlaState
from cxcore.tickets import (
    AuthorRole,
    MessageAdded,
    Priority,
    PriorityChange,
    StatusChange,
    Ticket,
    TicketStatus,
)

__all__ = ["CalendarTime", "SlaCalendar", "evaluate"]


class SlaCalendar(Protocol):
    """What the clock needs from a calendar; [`BusinessCalendar`][cxcore.BusinessCalendar]
    and [`CalendarTime`][cxcore.sla.CalendarTime] both fit.

    Examples:
        >>> from datetime import datetime, timedelta, timezone
        >>> calendar: SlaCalendar = CalendarTime()
        >>> calendar.add(datetime(2026, 5, 4, 9, tzinfo=timezone.utc), timedelta(hours=1)).hour
        10
    """

    def add(self, start: datetime, duration: timedelta, pauses: Iterable[Pause] = ()) -> datetime:
        """The instant ``duration`` of open, unpaused time after ``start``."""
        ...

    def elapsed(self, start: datetime, end: datetime, pauses: Iterable[Pause] = ()) -> timedelta:
        """The open, unpaused time between ``start`` and ``end``."""
        ...


_CALENDAR_TIME = CalendarTime()


def evaluate(
    ticket: Ticket,
    policy: SlaPolicy,
    calendar: SlaCalendar,
    at: datetime,
    *,
    previous: SlaReport | None = None,
    order: Order | None = None,
    fields: Sequence[FieldProvider] = (),
) -> SlaReport:
    """Measure every SLA metric instance of ``ticket`` under ``policy`` as of ``at``.

    Business-hours targets use ``calendar``; calendar-time targets use
    [`CalendarTime`][cxcore.sla.CalendarTime]. Events after ``at`` are ignored, so a report can be
    taken at any past instant. Pass the ``previous`` report of the same ticket and policy (taken at
    an earlier ``at``, with events only appended since) to reuse its completed measurements instead
    of measuring them again.
    ``order`` and integrator ``fields`` are what rules with a ``when`` condition may read (see
    [SlaPolicy.select][cxcore.sla.policy.SlaPolicy.select]).

    Raises [`NaiveDatetimeError`][cxcore.errors.NaiveDatetimeError] for a naive ``at`` and
    [`TimelineError`][cxcore.errors.TimelineError] for an ``at`` before the ticket was created.
    """
    ensure_aware(at, "at")
    # Compare instants in UTC: Python compares datetimes sharing a tzinfo by wall time.
    if at.astimezone(UTC) < ticket.created_at.astimezone(UTC):
        raise TimelineError(
            f"cannot evaluate ticket {ticket.id!r} at {at.isoformat()}, before it was created "
            f"at {ticket.created_at.isoformat()}"
        )
    reuse = _reusable(previous, ticket, policy, at)
    zone = at.tzinfo
    assert zone is not None
    now = at.astimezone(UTC)
    created = ticket.created_at.astimezone(UTC)
    priorities: list[tuple[datetime, Priority]] = [(created, ticket.priority)]
    cut = Instances(created)
    previous_at = created
    for event in ticket.events:
        when = event.at.astimezone(UTC)
        if when > now:
            break
        if when < previous_at:
            raise TimelineError(f"event at {event.at.isoformat()} is out of time order")
        previous_at = when
        if isinstance(event, StatusChange):
            cut.status_change(when, event.status)
        elif isinstance(event, MessageAdded):
            message = event.message
            if not message.public:
                continue
            if message.author_role is AuthorRole.AGENT:
                cut.agent_reply(when, message.id)
            elif message.author_role is AuthorRole.CUSTOMER:
                cut.customer_message(when)
        elif isinstance(event, PriorityChange):
            priorities.append((when, event.priority))
    status, history = cut.status, cut.history

    selections: dict[Priority, tuple[SlaSelection, dict[SlaMetric, SlaTarget]]] = {}
    change_times = [t for t, _ in priorities]

    def selection_at(when: datetime) -> tuple[SlaSelection, dict[SlaMetric, SlaTarget]]:
        priority = priorities[bisect_right(change_times, when) - 1][1]
        found = selections.get(priority)
        if found is None:
            chosen = policy.select(ticket, priority=priority, order=order, fields=fields)
            found = selections[priority] = (chosen, {t.metric: t for t in chosen.targets})
        return found

    pause_cache: dict[tuple[TicketStatus, ...], tuple[list[Pause], list[datetime]]] = {}
    measurements: list[SlaMeasurement] = []
    for instance in cut.ordered():
        selection, targets = selection_at(instance.end if instance.end is not None else now)
        target = targets.get(instance.metric)
        if target is None or selection.rule is None:
            continue
        old = reuse.get((instance.metric, instance.index))
        if (
            old is not None
            # Compare in UTC: an ambiguous local time never equals a UTC one (PEP 495).
            and _utc(old.completed_at) == instance.end  # a reopened span has moved on
            and old.started_at.astimezone(UTC) == instance.start
            and old.target == target.duration
        ):
            measurements.append(old)
            continue
        counts = policy.counts_in[instance.metric]
        cached = pause_cache.get(counts)
        if cached is None:
            pauses = pauses_outside(history, counts, now)
            cached = pause_cache[counts] = (pauses, [p[1] for p in pauses])
        measurements.append(
            _measure(
                instance,
                target,
                selection.rule,
                calendar if target.business_hours else _CALENDAR_TIME,
                clip(*cached, instance.start, instance.end or now),
                now,
                status in counts,
                zone,
            )
        )
    current = selection_at(now)[0]
    return _construct(
        SlaReport,
        ticket_id=ticket.id,
        priority=current.priority,
        channel=ticket.channel,
        at=at,
        policy=policy.name,
        rule=current.rule,
        measurements=tuple(measurements),
    )


_Built = TypeVar("_Built", SlaReport, SlaMeasurement)


def _construct(cls: type[_Built], **values: Any) -> _Built:
    """``cls.model_construct(**values)`` for values the engine built itself, four times faster:
    the same instance state pydantic's ``model_construct`` sets (fields, fields set, no extra,
    no private), without its per-call bookkeeping. Missing fields take their defaults."""
    fields_set = set(values)
    for name, field in cls.model_fields.items():
        if name not in values:
            values[name] = field.get_default(call_default_factory=True)
    built = cls.__new__(cls)
    object.__setattr__(built, "__dict__", values)
    object.__setattr__(built, "__pydantic_fields_set__", fields_set)
    object.__setattr__(built, "__pydantic_extra__", None)
    object.__setattr__(built, "__pydantic_private__", None)
    return built


def _utc(moment: datetime | None) -> datetime | None:
    return None if moment is None else moment.astimezone(UTC)


def _reusable(
    previous: SlaReport | None, ticket: Ticket, policy: SlaPolicy, at: datetime
) -> dict[tuple[SlaMetric, int], SlaMeasurement]:
    if previous is None:
        return {}
    if previous.ticket_id != ticket.id or previous.policy != policy.name:
        raise InvalidInputError(
            f"previous report is for ticket {previous.ticket_id!r} under policy "
            f"{previous.policy!r}, not ticket {ticket.id!r} under {policy.name!r}"
        )
    if previous.at.astimezone(UTC) > at.astimezone(UTC):
        raise TimelineError(
            f"previous report at {previous.at.isoformat()} is later than {at.isoformat()}"
        )
    if previous.at.tzinfo != at.tzinfo:
        return {}
    return {
        (m.metric, m.index): m
        for m in previous.measurements
        if m.completed_at is not None
        and m.completed_at.astimezone(UTC) <= previous.at.astimezone(UTC)
    }


def _measure(
    instance: Instance[datetime],
    target: SlaTarget,
    rule: str,
    calendar: SlaCalendar,
    pauses: list[Pause],
    now: datetime,
    counting_now: bool,
    zone: tzinfo,
) -> SlaMeasurement:
    goal = target.duration
    start = instance.start
    done = instance.end is not None
    end = instance.end if instance.end is not None else now
    elapsed = calendar.elapsed(start, end, pauses)
    paused = not done and not counting_now
    breached = False
    due: datetime | None
    if elapsed < goal:
        due = None if paused else calendar.add(end, goal - elapsed).astimezone(UTC)
    else:
        due = calendar.add(start, goal, pauses).astimezone(UTC)
        breached = due < end
    level, threshold = 0, None
    if elapsed >= goal * target.warn_at:
        level, threshold = 1, target.warn_at
    if breached:
        level, threshold = 2, 1.0
        for share in target.escalate_at:
            if elapsed >= goal * share:
                level, threshold = level + 1, share
    upcoming = None
    if not done and not paused and level < len(target.thresholds):
        share = target.thresholds[level]
        upcoming = due if share == 1.0 else calendar.add(now, goal * share - elapsed)
    if done:
        state = SlaState.BREACHED if breached else SlaState.ACHIEVED
    elif breached:
        state = SlaState.BREACHED
    else:
        state = SlaState.PAUSED if paused else SlaState.ACTIVE
    return _construct(
        SlaMeasurement,
        metric=instance.metric,
        index=instance.index,
        rule=rule,
        target=goal,
        business_hours=target.business_hours,
        state=state,
        started_at=start.astimezone(zone),
        due_at=None if due is None or state is SlaState.PAUSED else due.astimezone(zone),
        completed_at=None if instance.end is None else instance.end.astimezone(zone),
        completed_by=instance.by,
        elapsed=elapsed,
        remaining=max(goal - elapsed, timedelta(0)),
        breached_by=max(elapsed - goal, timedelta(0)) if breached else None,
        paused=paused,
        level=level,
        threshold=threshold,
        next_threshold_at=None if upcoming is None else upcoming.astimezone(zone),
    )
