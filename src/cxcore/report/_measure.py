"""One ticket measured for the report: a flat `Measured` record that the accumulators count.

Two ways lead to the same record. `measure_ticket` runs the library's own definitions on a
``Ticket`` ([evaluate][cxcore.sla.clock.evaluate],
[ticket_timing][cxcore.metrics.timing.ticket_timing] and the quality tests);
`LeanMeasurer.measure` computes the same figures from a ``LeanTicket`` on epoch microseconds,
cutting SLA instances with the clock's own ``Instances`` and measuring open time on the
calendar's own compiled timeline.
The lean way serves policies whose rules choose targets by priority and channel, and calendars
that are a ``BusinessCalendar`` or ``CalendarTime``; `LeanMeasurer.for_settings` returns ``None``
otherwise and the report measures every ticket the first way. ``tests/report/test_lean.py``
checks that both give equal records on generated tickets.

Examples:
    >>> from datetime import UTC, datetime
    >>> from cxcore.sla import CalendarTime, SlaPolicy
    >>> from cxcore.tickets import Customer, Ticket
    >>> policy = SlaPolicy(name="P", rules=[{"name": "all", "targets": {"first_reply": "1h"}}])
    >>> at = datetime(2026, 11, 24, tzinfo=UTC)
    >>> ticket = Ticket(id="T-1", customer=Customer(id="C"), channel="email",
    ...                 created_at=datetime(2026, 11, 23, 9, tzinfo=UTC))
    >>> record = measure_ticket(ticket, policy, CalendarTime(), None, at)
    >>> [(metric.value, state.value) for metric, state in record.sla]
    [('first_reply', 'breached')]
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from cxcore.metrics.durations import ElapsedCalendar
from cxcore.metrics.quality import is_first_contact_resolution, is_reopened, was_solved
from cxcore.metrics.timing import ticket_timing
from cxcore.report._lean import ASSIGNMENT, MESSAGE, PRIORITY, STATUS, LeanTicket, field
from cxcore.sla._engine import add_paused
from cxcore.sla._instances import Instance, Instances, clip, pauses_outside
from cxcore.sla._timeline import Timeline, to_us
from cxcore.sla.calendar import BusinessCalendar
from cxcore.sla.calendar_time import CalendarTime
from cxcore.sla.clock import SlaCalendar, evaluate
from cxcore.sla.policy import SlaMetric, SlaPolicy
from cxcore.sla.report import SlaState
from cxcore.tickets import Assignment, AuthorRole, Channel, Priority, Ticket, TicketStatus

__all__ = ["LeanMeasurer", "Measured", "measure_ticket"]

_RESOLVED = frozenset({TicketStatus.SOLVED, TicketStatus.CLOSED})
_TEAM_OWES = frozenset({TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.ON_HOLD})
_AGENT, _CUSTOMER = AuthorRole.AGENT, AuthorRole.CUSTOMER


@dataclass(slots=True)
class Measured:
    """Everything the report counts of one ticket (durations in microseconds)."""

    id: str
    created: datetime
    created_us: int
    channel: Channel
    status: TicketStatus
    priority: Priority
    sla: tuple[tuple[SlaMetric, SlaState], ...]
    first_reply: int | None
    next_replies: tuple[int, ...]
    first_resolution: int | None
    full_resolution: int | None
    requester_wait: int | None
    solved: bool
    first_contact: bool
    reopened: bool
    replies: int
    tags: tuple[str, ...]
    locale: str
    segment: str | None
    group: str | None
    agent: str | None


def _us(value: timedelta | None) -> int | None:
    if value is None:
        return None
    return (value.days * 86_400 + value.seconds) * 1_000_000 + value.microseconds


def measure_ticket(
    ticket: Ticket,
    policy: SlaPolicy,
    calendar: SlaCalendar,
    timing_calendar: ElapsedCalendar | None,
    at: datetime,
) -> Measured:
    """Measure ``ticket`` with the library's definitions (raises what ``evaluate`` raises)."""
    report = evaluate(ticket, policy, calendar, at)
    timing = ticket_timing(ticket, timing_calendar)
    group = None
    for event in reversed(ticket.events):
        if isinstance(event, Assignment) and event.group is not None:
            group = event.group
            break
    return Measured(
        id=ticket.id,
        created=ticket.created_at,
        created_us=to_us(ticket.created_at),
        channel=ticket.channel,
        status=ticket.status,
        priority=ticket.current_priority,
        sla=tuple((m.metric, m.state) for m in report.measurements),
        first_reply=_us(timing.first_reply),
        next_replies=tuple(_us(d) or 0 for d in timing.next_replies),
        first_resolution=_us(timing.first_resolution),
        full_resolution=_us(timing.full_resolution),
        requester_wait=_us(timing.requester_wait),
        solved=was_solved(ticket),
        first_contact=is_first_contact_resolution(ticket),
        reopened=is_reopened(ticket),
        replies=sum(1 for m in ticket.messages if m.is_public_agent_reply),
        tags=tuple(sorted(ticket.tags)),
        locale=ticket.effective_locale,
        segment=ticket.customer.segment,
        group=group,
        agent=ticket.assignee,
    )


class _Clock(Protocol):
    def elapsed(self, start: int, end: int, pauses: list[tuple[int, int]]) -> int: ...

    def add(self, start: int, micros: int, pauses: list[tuple[int, int]]) -> int: ...


class _Wall:
    """``CalendarTime`` on epoch microseconds: every instant counts, less the pauses."""

    __slots__ = ()

    def elapsed(self, start: int, end: int, pauses: list[tuple[int, int]]) -> int:
        total, cursor = end - start, start
        for first, last in pauses:
            first, last = max(first, cursor), min(last, end)
            if last > first:
                total -= last - first
                cursor = last
        return total

    def add(self, start: int, micros: int, pauses: list[tuple[int, int]]) -> int:
        moment, left = start, micros
        for first, last in pauses:
            if last <= moment:
                continue
            if first > moment:
                gap = first - moment
                if left <= gap:
                    break
                left -= gap
            moment = last
        return moment + left


class _Open:
    """A ``BusinessCalendar`` on epoch microseconds, through its compiled timeline."""

    __slots__ = ("line",)

    def __init__(self, line: Timeline) -> None:
        self.line = line

    def elapsed(self, start: int, end: int, pauses: list[tuple[int, int]]) -> int:
        line = self.line
        total = line.elapsed(start, end)
        for first, last in pauses:
            low, high = max(first, start), min(last, end)
            if low < high:
                total -= line.elapsed(low, high)
        return total

    def add(self, start: int, micros: int, pauses: list[tuple[int, int]]) -> int:
        if pauses:
            return add_paused(self.line, start, micros, pauses)
        return self.line.add(start, micros)


_WALL = _Wall()


def _clock(calendar: object) -> _Clock | None:
    if type(calendar) is CalendarTime:
        return _WALL
    if type(calendar) is BusinessCalendar:
        return _Open(calendar._compiled.timeline)
    return None


Targets = dict[SlaMetric, tuple[int, bool]]
_MISSING = object()
_MEMO_LIMIT = 4096


def _customer(ticket: LeanTicket, name: str, default: object = None) -> object:
    return field(field(ticket.source, "customer"), name, default)


_PATHS: dict[str, Callable[[LeanTicket], object]] = {
    "ticket.id": lambda t: t.id,
    "ticket.channel": lambda t: t.channel,
    "ticket.priority": lambda t: t.priority,
    "ticket.tags": lambda t: frozenset(t.tags),
    "ticket.locale": lambda t: t.locale,
    "ticket.subject": lambda t: field(t.source, "subject", ""),
    "ticket.order_id": lambda t: field(t.source, "order_id"),
    "ticket.created_at": lambda t: t.created,
    "customer.id": lambda t: _customer(t, "id"),
    "customer.name": lambda t: _customer(t, "name", ""),
    "customer.email": lambda t: _customer(t, "email"),
    "customer.locale": lambda t: t.customer_locale,
    "customer.timezone": lambda t: _customer(t, "timezone"),
    "customer.segment": lambda t: t.segment,
    "customer.tags": lambda t: frozenset(field(field(t.source, "customer"), "tags", ())),
}
"""The condition paths the lean measurer reads from a lean ticket, as the model holds them."""


def _condition_paths(policy: SlaPolicy) -> tuple[str, ...] | None:
    """The paths the policy's conditions read (``ticket.customer.x`` read as ``customer.x``),
    or ``None`` if one of them is not in `_PATHS`."""
    found: set[str] = set()
    for rule in policy.rules:
        if rule.when is not None:
            found |= rule.when.paths()
    paths = tuple(sorted(found))
    if any(_path(p) not in _PATHS for p in paths):
        return None
    return paths


def _path(path: str) -> str:
    return path.removeprefix("ticket.") if path.startswith("ticket.customer.") else path


def _roots(paths: tuple[str, ...], values: tuple[object, ...]) -> dict[str, object]:
    roots: dict[str, dict[str, object]] = {"ticket": {}, "customer": {}}
    for path, value in zip(paths, values, strict=True):
        *parents, name = path.split(".")
        node = roots[parents[0]]
        for parent in parents[1:]:
            node = node.setdefault(parent, {})  # type: ignore[assignment]
        node[name] = value
    return {"order": None, **roots}


class LeanMeasurer:
    """Measures lean tickets for one report's settings (see the module docs)."""

    def __init__(
        self,
        policy: SlaPolicy,
        clocks: Mapping[Channel, _Clock],
        default: _Clock,
        timing: _Clock,
        at: datetime,
        paths: tuple[str, ...] = (),
    ) -> None:
        self.policy = policy
        self.paths = paths
        self._getters = [_PATHS[_path(p)] for p in paths]
        self.clocks = clocks
        self.default = default
        self.timing = timing
        self.now = to_us(at)
        self._targets: dict[tuple[object, ...], Targets | object | None] = {}
        self.metrics = policy.metrics

    @classmethod
    def for_settings(
        cls,
        policy: SlaPolicy,
        calendar: SlaCalendar,
        channel_calendars: Mapping[Channel, SlaCalendar],
        timing_calendar: ElapsedCalendar | None,
        at: datetime,
    ) -> LeanMeasurer | None:
        """The measurer, or ``None`` when these settings need the ``Ticket`` way."""
        paths = _condition_paths(policy)
        if paths is None:
            return None
        default = _clock(calendar)
        timing = _WALL if timing_calendar is None else _clock(timing_calendar)
        clocks = {channel: _clock(found) for channel, found in channel_calendars.items()}
        if default is None or timing is None or any(c is None for c in clocks.values()):
            return None
        found = {k: v for k, v in clocks.items() if v is not None}
        return cls(policy, found, default, timing, at, paths)

    def _targets_for(
        self, priority: Priority, channel: Channel, values: tuple[object, ...]
    ) -> Targets | None:
        key = (priority, channel, *values)
        found = self._targets.get(key, _MISSING)
        if found is _MISSING:
            chosen = self.policy.select_for(priority, channel, _roots(self.paths, values))
            found = (
                None
                if chosen.rule is None
                else {t.metric: (_us(t.duration) or 0, t.business_hours) for t in chosen.targets}
            )
            if len(self._targets) < _MEMO_LIMIT:  # bounded, whatever the condition reads
                self._targets[key] = found
        return found  # type: ignore[return-value]

    def measure(self, ticket: LeanTicket) -> Measured:
        """The ticket's record; the caller has checked it was created by the report time.

        One walk over the events: the timing and quality figures read all of them (as
        ``ticket_timing`` and the quality tests do), the SLA clock those up to the report
        time (as ``evaluate`` does).
        """
        created, now = ticket.created_us, self.now
        status = TicketStatus.NEW
        priority = ticket.priority
        first_reply: int | None = None
        next_replies: list[int] = []
        waiting: int | None = None
        replies = 0
        agent = group = None
        wall = self.timing is _WALL
        elapsed = self.timing.elapsed
        history: list[tuple[int, TicketStatus]] = [(created, TicketStatus.NEW)]
        # The SLA clock's view: events up to the report time.
        cut: Instances[int] = Instances(created)
        changes, priorities = [created], [priority]
        solved = reopened = resolved = False
        first_solved = last_solved = None
        for at, code, a, b, c in ticket.events:
            clocked = at <= now
            if code == MESSAGE:
                if b and a is _AGENT:
                    replies += 1
                    if first_reply is None:
                        first_reply = at - created if wall else elapsed(created, at, [])
                    elif waiting is not None:
                        next_replies.append(at - waiting if wall else elapsed(waiting, at, []))
                    waiting = None
                    if clocked:
                        cut.agent_reply(at, c)
                elif a is _CUSTOMER:
                    if first_reply is not None and waiting is None:
                        waiting = at
                    if b and clocked:
                        cut.customer_message(at)
            elif code == STATUS:
                status = a
                history.append((at, a))
                if a in _RESOLVED:
                    solved = True
                    if not resolved:
                        last_solved = at
                        if first_solved is None:
                            first_solved = at
                    resolved = True
                elif resolved:
                    reopened = True
                    resolved = False
                if clocked:
                    cut.status_change(at, a)
            elif code == PRIORITY:
                priority = a
                if clocked:
                    changes.append(at)
                    priorities.append(a)
            elif code == ASSIGNMENT:
                agent = a
                group = b if b is not None else group
        wait = full = None
        if resolved and last_solved is not None:
            full = elapsed(created, last_solved, [])
            wait = 0
            for (start, state), (stop, _) in zip(
                history, (*history[1:], (last_solved, None)), strict=True
            ):
                if state in _TEAM_OWES and stop > start and start < last_solved:
                    wait += elapsed(start, min(stop, last_solved), [])
        states = self._states(ticket, cut, changes, priorities)
        return Measured(
            ticket.id,
            ticket.created,
            created,
            ticket.channel,
            status,
            priority,
            states,
            first_reply,
            tuple(next_replies),
            None if first_solved is None else elapsed(created, first_solved, []),
            full,
            wait,
            solved,
            solved and not reopened and replies == 1,
            reopened,
            replies,
            ticket.tags,
            ticket.locale or ticket.customer_locale,
            ticket.segment,
            group,
            agent,
        )

    def _states(
        self,
        ticket: LeanTicket,
        cut: Instances[int],
        changes: list[int],
        priorities: list[Priority],
    ) -> tuple[tuple[SlaMetric, SlaState], ...]:
        """The states ``evaluate`` gives, from the instances cut up to the report time."""
        now, channel, status, history = self.now, ticket.channel, cut.status, cut.history
        # No rule has a target for the metrics left out: skip them early.
        instances: list[Instance[int]] = cut.ordered(self.metrics)
        clock = self.clocks.get(channel, self.default)
        values = tuple([get(ticket) for get in self._getters]) if self._getters else ()
        # One priority all along (the usual case): one lookup for every instance.
        fixed = self._targets_for(priorities[0], channel, values) if len(changes) == 1 else None
        counts_in = self.policy.counts_in
        pause_cache: dict[tuple[TicketStatus, ...], tuple[list[tuple[int, int]], list[int]]] = {}
        states: list[tuple[SlaMetric, SlaState]] = []
        for instance in instances:
            start: int = instance.start
            done = instance.end is not None
            end = now if instance.end is None else instance.end
            if len(changes) == 1:
                targets = fixed
            else:
                priority = priorities[bisect_right(changes, end) - 1]
                targets = self._targets_for(priority, channel, values)
            target = None if targets is None else targets.get(instance.metric)
            if target is None:
                continue
            goal, business = target
            counts = counts_in[instance.metric]
            cached = pause_cache.get(counts)
            if cached is None:
                pauses = pauses_outside(history, counts, now)
                cached = pause_cache[counts] = (pauses, [p[1] for p in pauses])
            spans: list[tuple[int, int]] = clip(*cached, start, end) if cached[0] else []
            on = clock if business else _WALL
            elapsed = on.elapsed(start, end, spans)
            # ``evaluate`` calls it breached when the goal is reached before the end. More
            # open time than the goal means that; exactly the goal needs the instant.
            breached = elapsed > goal or (elapsed == goal and on.add(start, goal, spans) < end)
            if done:
                state = SlaState.BREACHED if breached else SlaState.ACHIEVED
            elif breached:
                state = SlaState.BREACHED
            else:
                state = SlaState.ACTIVE if status in counts else SlaState.PAUSED
            states.append((instance.metric, state))
        return tuple(states)
