"""Reply and resolution times per ticket, and their summaries, in calendar or business time.

Definitions (the meanings mature helpdesks use; a "reply" is a public message by an agent,
[`cxcore.tickets.Message.is_public_agent_reply`][cxcore.tickets.Message.is_public_agent_reply]; bots
and internal notes do not count):

- **first reply**: ticket creation -> first reply.
- **next reply**: after the first reply, each time the customer writes again: their oldest
  unanswered message -> the next reply. A ticket has zero or more of these.
- **first resolution**: creation -> the first time the ticket became solved (or closed).
- **full resolution**: creation -> the last time it became solved; only for tickets that are
  solved or closed now (a reopened, unsolved ticket has none).
- **requester wait**: time spent in ``new``, ``open`` and ``on_hold`` (waiting on the team, not
  on the customer) from creation to the final resolution; only for solved or closed tickets.

Each is measured with a calendar: [`CalendarTime`][cxcore.sla.CalendarTime] (every hour
counts; the default) or a business calendar with ``elapsed(start, end)`` such as
``cxcore.sla.calendar.BusinessCalendar`` (open hours only).

Examples:
    >>> from datetime import datetime, timedelta, timezone
    >>> from cxcore.tickets import Customer, Message, MessageAdded, StatusChange, Ticket
    >>> t0 = datetime(2026, 5, 4, 9, tzinfo=timezone.utc)
    >>> reply = Message(id="M-2", author_role="agent", channel="email", body="Hi",
    ...                 at=t0 + timedelta(minutes=30))
    >>> ticket = Ticket(id="T-1", customer=Customer(id="C-1"), channel="email", created_at=t0,
    ...                 events=(MessageAdded.of(reply),
    ...                         StatusChange(at=t0 + timedelta(hours=2), status="solved")))
    >>> timing = ticket_timing(ticket)
    >>> timing.first_reply, timing.full_resolution
    (datetime.timedelta(seconds=1800), datetime.timedelta(seconds=7200))
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from cxcore._model import CxModel
from cxcore._time import instant
from cxcore.errors import InvalidInputError
from cxcore.metrics._stats import check_iterable
from cxcore.metrics.durations import DurationAccumulator, DurationSummary, ElapsedCalendar
from cxcore.metrics.percentiles import PercentileMethod
from cxcore.sla.calendar_time import CalendarTime
from cxcore.tickets import AuthorRole, Ticket, TicketStatus

__all__ = [
    "TIMING_DEFINITIONS",
    "TicketTiming",
    "TimingAccumulator",
    "TimingReport",
    "ticket_timing",
    "timing_summary",
]

TIMING_DEFINITIONS: dict[str, str] = {
    "first_reply": "creation -> first public agent reply",
    "next_reply": "oldest unanswered customer message after the first reply -> next public "
    "agent reply",
    "first_resolution": "creation -> first time solved or closed",
    "full_resolution": "creation -> last time solved or closed (tickets solved or closed now)",
    "requester_wait": "time in new, open and on_hold from creation to the final resolution "
    "(tickets solved or closed now)",
}
"""The exact definition of each timing metric, as carried by each summary."""

_RESOLVED = frozenset({TicketStatus.SOLVED, TicketStatus.CLOSED})
_TEAM_OWES = frozenset({TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.ON_HOLD})


class TicketTiming(CxModel):
    """The timing metrics of one ticket (``None`` where the event has not happened).

    Examples:
        >>> TicketTiming(ticket_id="T-1").next_replies
        ()
    """

    ticket_id: str
    first_reply: timedelta | None = None
    next_replies: tuple[timedelta, ...] = ()
    first_resolution: timedelta | None = None
    full_resolution: timedelta | None = None
    requester_wait: timedelta | None = None
    reopens: int = 0
    business_time: bool = False


def ticket_timing(ticket: Ticket, calendar: ElapsedCalendar | None = None) -> TicketTiming:
    """Measure one ticket (see the module docs for each definition).

    With ``calendar`` (anything with ``elapsed(start, end)``) durations count its open time
    only; without it, every hour counts.
    """
    clock = calendar or CalendarTime()
    created = ticket.created_at
    first_reply: timedelta | None = None
    next_replies: list[timedelta] = []
    waiting_since: datetime | None = None
    for message in ticket.messages:
        if message.is_public_agent_reply:
            if first_reply is None:
                first_reply = clock.elapsed(created, message.at)
            elif waiting_since is not None:
                next_replies.append(clock.elapsed(waiting_since, message.at))
            waiting_since = None
        elif (
            message.author_role is AuthorRole.CUSTOMER
            and first_reply is not None
            and waiting_since is None
        ):
            waiting_since = message.at

    history = ticket.status_history
    first_solved: datetime | None = None
    last_solved: datetime | None = None
    reopens = 0
    resolved = False
    for at, status in history:
        if status in _RESOLVED:
            if not resolved:
                last_solved = at
                if first_solved is None:
                    first_solved = at
            resolved = True
        elif resolved:
            reopens += 1
            resolved = False
    solved_now = resolved and last_solved is not None
    wait: timedelta | None = None
    if solved_now and last_solved is not None:
        wait = timedelta(0)
        # Compare instants: datetimes sharing a tzinfo compare by wall time, which misorders
        # the hour repeated when clocks go back.
        solved_at = instant(last_solved)
        for (at, status), (until, _) in zip(
            history, (*history[1:], (last_solved, None)), strict=True
        ):
            if status in _TEAM_OWES:
                start, stop = instant(at), instant(until)
                if stop > start and start < solved_at:
                    wait += clock.elapsed(at, until if stop <= solved_at else last_solved)
    return TicketTiming(
        ticket_id=ticket.id,
        first_reply=first_reply,
        next_replies=tuple(next_replies),
        first_resolution=None if first_solved is None else clock.elapsed(created, first_solved),
        full_resolution=(
            clock.elapsed(created, last_solved) if solved_now and last_solved is not None else None
        ),
        requester_wait=wait,
        reopens=reopens,
        business_time=calendar is not None and not isinstance(calendar, CalendarTime),
    )


class TimingReport(CxModel):
    """Summaries of every timing metric over a set of tickets.

    Examples:
        >>> timing_summary([]).first_reply.n
        0
    """

    tickets: int
    business_time: bool
    first_reply: DurationSummary
    next_reply: DurationSummary
    first_resolution: DurationSummary
    full_resolution: DurationSummary
    requester_wait: DurationSummary


_METRICS = tuple(TIMING_DEFINITIONS)


class TimingAccumulator:
    """Streaming timing summaries: ``add`` tickets, ``merge`` partial accumulators (same
    calendar and settings), ``result`` a [`TimingReport`][cxcore.metrics.TimingReport]. Exact by
    default; with ``sketch=True`` percentiles come from a mergeable sketch (see
    [`DurationAccumulator`][cxcore.metrics.DurationAccumulator]).

    Examples:
        >>> acc = TimingAccumulator()
        >>> acc.merge(TimingAccumulator()).result().tickets
        0
    """

    __slots__ = (
        "_parts",
        "_tickets",
        "calendar",
        "exact_limit",
        "method",
        "relative_accuracy",
        "sketch",
    )

    def __init__(
        self,
        calendar: ElapsedCalendar | None = None,
        sketch: bool = False,
        relative_accuracy: float = 0.01,
        method: PercentileMethod | str = PercentileMethod.LINEAR,
        exact_limit: int | None = None,
    ) -> None:
        self.calendar = calendar
        self.exact_limit = exact_limit
        self.sketch = sketch
        self.relative_accuracy = relative_accuracy
        self.method = PercentileMethod(method)
        self._tickets = 0
        self._parts = {
            name: DurationAccumulator(sketch, relative_accuracy, self.method, exact_limit)
            for name in _METRICS
        }

    def add(self, ticket: Ticket) -> None:
        """Measure ``ticket`` and add its durations."""
        if not isinstance(ticket, Ticket):
            raise InvalidInputError(f"expected a Ticket, got {type(ticket).__name__}")
        self.add_timing(ticket_timing(ticket, self.calendar))

    def add_timing(self, timing: TicketTiming) -> None:
        """Add an already measured ticket."""
        self._tickets += 1
        parts = self._parts
        for name in ("first_reply", "first_resolution", "full_resolution", "requester_wait"):
            value = getattr(timing, name)
            if value is not None:
                parts[name].add(value)
        parts["next_reply"].update(timing.next_replies)

    def add_micros(
        self,
        first_reply: int | None,
        next_replies: Iterable[int],
        first_resolution: int | None,
        full_resolution: int | None,
        requester_wait: int | None,
    ) -> None:
        """Add one ticket measured in whole microseconds (``None`` where the event has not
        happened), as [`add_timing`][cxcore.metrics.timing.TimingAccumulator.add_timing] does.

        Examples:
            >>> acc = TimingAccumulator()
            >>> acc.add_micros(60_000_000, (), None, None, None)
            >>> acc.result().first_reply.median
            datetime.timedelta(seconds=60)
        """
        self._tickets += 1
        parts = self._parts  # spelled out: this runs once per ticket of a report
        if first_reply is not None:
            parts["first_reply"].add_micros(first_reply)
        if first_resolution is not None:
            parts["first_resolution"].add_micros(first_resolution)
        if full_resolution is not None:
            parts["full_resolution"].add_micros(full_resolution)
        if requester_wait is not None:
            parts["requester_wait"].add_micros(requester_wait)
        if next_replies:
            add = parts["next_reply"].add_micros
            for value in next_replies:
                add(value)

    def update(self, tickets: Iterable[Ticket]) -> None:
        """Add every ticket."""
        check_iterable(tickets, "tickets")
        for ticket in tickets:
            self.add(ticket)

    def merge(self, other: TimingAccumulator) -> TimingAccumulator:
        """A new accumulator holding both; neither operand changes."""
        self._check_same(other)
        merged = TimingAccumulator(
            self.calendar, self.sketch, self.relative_accuracy, self.method, self.exact_limit
        )
        merged._tickets = self._tickets + other._tickets
        merged._parts = {name: self._parts[name].merge(other._parts[name]) for name in _METRICS}
        return merged

    def _check_same(self, other: object) -> None:
        if (
            not isinstance(other, TimingAccumulator)
            or self.calendar != other.calendar
            or (self.sketch, self.relative_accuracy, self.method, self.exact_limit)
            != (other.sketch, other.relative_accuracy, other.method, other.exact_limit)
        ):
            raise InvalidInputError("can only merge timing accumulators with the same settings")

    def absorb(self, other: TimingAccumulator) -> None:
        """Add everything ``other`` holds to this accumulator in place (see
        [DurationAccumulator.absorb][cxcore.metrics.durations.DurationAccumulator.absorb]);
        ``other`` does not change.

        Examples:
            >>> a, b = TimingAccumulator(), TimingAccumulator()
            >>> b.add_micros(60_000_000, (), None, None, None)
            >>> a.absorb(b)
            >>> a.result().first_reply.n
            1
        """
        self._check_same(other)
        self._tickets += other._tickets
        for name in _METRICS:
            self._parts[name].absorb(other._parts[name])

    def result(self) -> TimingReport:
        """The timing report of everything added so far."""
        summaries = {
            name: self._parts[name].result(name, TIMING_DEFINITIONS[name]) for name in _METRICS
        }
        return TimingReport(
            tickets=self._tickets,
            business_time=self.calendar is not None and not isinstance(self.calendar, CalendarTime),
            **summaries,
        )


def timing_summary(
    tickets: Iterable[Ticket],
    calendar: ElapsedCalendar | None = None,
    method: PercentileMethod | str = PercentileMethod.LINEAR,
) -> TimingReport:
    """Exact timing summaries (mean, median, p90, p95) of ``tickets``.

    Examples:
        >>> from datetime import datetime, timezone
        >>> from cxcore.tickets import Customer, Ticket
        >>> t = Ticket(id="T", customer=Customer(id="C"), channel="email",
        ...            created_at=datetime(2026, 5, 4, tzinfo=timezone.utc))
        >>> timing_summary([t]).first_reply.n
        0
    """
    acc = TimingAccumulator(calendar, method=method)
    acc.update(tickets)
    return acc.result()
