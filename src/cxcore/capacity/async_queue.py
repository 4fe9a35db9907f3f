"""The queue of an async channel (email, web form, marketplace) over the business calendar.

Tickets wait first in, first out; in each hour of the roster the team answers at the rate
``agents x 1 hour / handle_time``. The team works as one pool: ticket ``i`` is answered when the
team's cumulative capacity since ``start`` reaches ``max(capacity at its arrival, capacity at
the previous answer) + 1``. That is exact for a pooled FIFO queue with deterministic work per
ticket, and it is what an async queue is: hours of targets, minutes of work per ticket.

Each answer is checked against the first-reply target counted in *business time* on the SLA
calendar (the same arithmetic as [BusinessCalendar.elapsed][cxcore.sla.BusinessCalendar]), so a
ticket sent on Friday evening is late only after the target's worth of Monday.

Examples:
    >>> from datetime import datetime, timedelta, timezone
    >>> from cxcore.sla import BusinessCalendar
    >>> cal = BusinessCalendar(timezone="UTC")  # Monday-Friday 09:00-17:00
    >>> monday = datetime(2026, 5, 4, tzinfo=timezone.utc)
    >>> arrivals = [monday + timedelta(hours=9, minutes=m) for m in range(0, 60, 6)]  # 10 tickets
    >>> roster = [0] * 9 + [1] * 8 + [0] * 7  # one agent 09:00-17:00
    >>> result = simulate_queue(
    ...     arrivals, roster, start=monday, handle_time=timedelta(minutes=30),
    ...     calendar=cal, target=timedelta(hours=4),
    ... )
    >>> result.answered, result.in_time, result.late  # the tenth waits 09:54 -> 14:00
    (10, 9, 1)
    >>> result.backlog_at_close[0][1], result.breach_hours[0].hour
    (0, 9)
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from itertools import accumulate

from cxcore._model import CxModel
from cxcore._time import ensure_aware
from cxcore.errors import CapacityError
from cxcore.sla.calendar import BusinessCalendar

__all__ = ["HourOutcome", "PreparedQueue", "QueueResult", "simulate_queue", "spread_counts"]

_HOUR = 3600.0


class HourOutcome(CxModel):
    """The tickets that arrived in one hour of the horizon and how many were answered late
    (or are still waiting past their target when the horizon ends).

    Examples:
        >>> from datetime import datetime, timezone
        >>> HourOutcome(start=datetime(2026, 5, 4, tzinfo=timezone.utc), arrived=3, late=1).late
        1
    """

    start: datetime
    arrived: int
    late: int


class QueueResult(CxModel):
    """What the simulated week looked like.

    ``answered`` tickets got a reply within the horizon (``in_time`` of them within the target);
    ``late`` counts those answered late plus those still waiting past their target at the end;
    ``pending`` those still waiting but not yet late. ``attainment`` is
    ``in_time / (in_time + late)`` (1.0 with nothing decided). ``backlog_at_close`` lists, at
    every close of the calendar, the tickets still unanswered. ``hours`` has one entry per
    roster hour; ``breach_hours`` are the starts of the hours whose arrivals were answered late.

    Examples:
        >>> QueueResult(tickets=0, answered=0, in_time=0, late=0, pending=0, attainment=1.0,
        ...             backlog_at_close=(), hours=()).breach_hours
        ()
    """

    tickets: int
    answered: int
    in_time: int
    late: int
    pending: int
    attainment: float
    backlog_at_close: tuple[tuple[datetime, int], ...]
    hours: tuple[HourOutcome, ...]

    @property
    def breach_hours(self) -> tuple[datetime, ...]:
        """Starts of the hours with at least one late ticket, in order."""
        return tuple(hour.start for hour in self.hours if hour.late)


def _seconds(at: datetime) -> float:
    return ensure_aware(at, "arrival").timestamp()


def spread_counts(counts: Sequence[float], start: datetime) -> list[datetime]:
    """Arrival instants for hourly ticket counts (a forecast): ``n`` tickets in an hour arrive
    evenly, at the middles of ``n`` equal slices; fractional counts round half up per hour.

    Examples:
        >>> from datetime import datetime, timezone
        >>> [t.minute for t in spread_counts([2], datetime(2026, 5, 4, tzinfo=timezone.utc))]
        [15, 45]
    """
    ensure_aware(start, "start")
    instants: list[datetime] = []
    for hour, count in enumerate(counts):
        if count < 0:
            raise CapacityError(f"hourly counts must be >= 0, got {count!r} at hour {hour}")
        n = math.floor(count + 0.5)
        base = start + timedelta(hours=hour)
        instants.extend(base + timedelta(seconds=_HOUR * (k + 0.5) / n) for k in range(n))
    return instants


class _OpenClock:
    """Business seconds since the horizon start, as a piecewise-linear function of epoch time."""

    def __init__(self, calendar: BusinessCalendar, start: datetime, end: datetime) -> None:
        starts: list[float] = []
        ends: list[float] = []
        for low, high in calendar.open_intervals(start, end):
            a, b = low.timestamp(), high.timestamp()
            if ends and a <= ends[-1]:
                ends[-1] = b
            else:
                starts.append(a)
                ends.append(b)
        self.starts = starts
        self.ends = ends
        self.before = [0.0, *accumulate(b - a for a, b in zip(starts, ends, strict=True))]

    def at(self, t: float) -> float:
        i = bisect_right(self.starts, t) - 1
        if i < 0:
            return 0.0
        return self.before[i] + min(t, self.ends[i]) - self.starts[i]


class PreparedQueue:
    """Arrivals, calendar and target made ready once, to run many rosters over them (what the
    roster search does).

    Examples:
        >>> from datetime import datetime, timedelta, timezone
        >>> from cxcore.sla import BusinessCalendar
        >>> monday = datetime(2026, 5, 4, tzinfo=timezone.utc)
        >>> queue = PreparedQueue(
        ...     [monday + timedelta(hours=10)], hours=24, start=monday,
        ...     handle_time=timedelta(minutes=10), calendar=BusinessCalendar(timezone="UTC"),
        ...     target=timedelta(hours=1),
        ... )
        >>> queue.run([0] * 10 + [1] + [0] * 13).in_time
        1
    """

    def __init__(
        self,
        arrivals: Iterable[datetime],
        *,
        hours: int,
        start: datetime,
        handle_time: timedelta,
        calendar: BusinessCalendar,
        target: timedelta,
        carry_hours: int = 0,
        warm_up: Iterable[datetime] | None = None,
    ) -> None:
        self.origin = _seconds(start)
        self.start = start
        self.hours = hours
        self.work = handle_time.total_seconds()
        if self.work <= 0.0:
            raise CapacityError(f"handle time must be longer than zero, got {handle_time}")
        if target <= timedelta(0):
            raise CapacityError(f"the first-reply target must be longer than zero, got {target}")
        measured = sorted(_seconds(at) for at in arrivals)
        self.horizon_end = self.origin + hours * _HOUR
        if measured and (measured[0] < self.origin or measured[-1] >= self.horizon_end):
            raise CapacityError(
                f"arrivals must fall within the roster's {hours} hours from {start.isoformat()}; "
                f"got {datetime.fromtimestamp(measured[0], UTC).isoformat()} .. "
                f"{datetime.fromtimestamp(measured[-1], UTC).isoformat()}"
            )
        # warm_up: the arrivals of the ``hours`` before ``start``, answered by the same roster
        # first, so the measured horizon starts with the backlog they leave behind.
        self.warm = hours if warm_up is not None else 0
        shift = self.warm * _HOUR
        before = sorted(_seconds(at) for at in warm_up or ())
        if before and (before[0] < self.origin - shift or before[-1] >= self.origin):
            raise CapacityError(f"warm-up arrivals must fall in the {hours} hours before start")
        self.first = len(before)
        self.times = before + measured
        self.sim_origin = self.origin - shift
        self.total_hours = hours + carry_hours
        self.clock = _OpenClock(
            calendar,
            start - timedelta(hours=self.warm),
            start + timedelta(hours=self.total_hours) + 8 * target,
        )
        self.goal = target.total_seconds()
        self.opened = [self.clock.at(t) for t in self.times]
        self.hour_of = [int((t - self.origin) // _HOUR) for t in self.times]
        self.sim_hour = [int((t - self.sim_origin) // _HOUR) for t in self.times]
        self.into_hour = [
            t - self.sim_origin - h * _HOUR for t, h in zip(self.times, self.sim_hour, strict=True)
        ]
        self.deadline = self.clock.at(self.origin + self.total_hours * _HOUR)

    def run(self, plan: Sequence[float]) -> QueueResult:
        """Answer the arrivals with ``plan`` agents per hour (``hours`` plus carry-over hours;
        with ``warm_up`` the first ``hours`` of the plan also staff the hours before)."""
        if len(plan) != self.total_hours:
            raise CapacityError(
                f"the roster must give {self.total_hours} hours of agents, got {len(plan)}"
            )
        if any(agents < 0 for agents in plan):
            raise CapacityError(f"a roster holds agents per hour >= 0, got {list(plan)!r}")
        full = [*plan[: self.warm], *plan]
        origin, work = self.sim_origin, self.work
        rates = [agents / work for agents in full]  # tickets per second in each hour
        capacity = [0.0, *accumulate(rate * _HOUR for rate in rates)]
        top = capacity[-1]
        goal = self.goal + 1e-6
        first = self.first
        done = 0.0
        answers: list[float] = []
        in_time = late = pending = answered_count = 0
        late_by_hour = [0] * self.hours
        arrived_by_hour = [0] * self.hours
        starts, ends, before = self.clock.starts, self.clock.ends, self.clock.before
        hour_of = self.hour_of
        for index, (t, h, into, opened) in enumerate(
            zip(self.times, self.sim_hour, self.into_hour, self.opened, strict=True)
        ):
            level = capacity[h] + rates[h] * into
            if level < done:
                level = done
            level += 1.0
            counted = index >= first
            if counted:
                arrived_by_hour[hour_of[index]] += 1
            if level <= top + 1e-9:
                done = level
                k = bisect_left(capacity, level, 1) - 1
                answered = origin + k * _HOUR + (level - capacity[k]) / rates[k]
                if answered < t:
                    answered = t
                answers.append(answered)
                if not counted:
                    continue
                answered_count += 1
                i = bisect_right(starts, answered) - 1  # the open clock, inlined
                spent = before[i] + min(answered, ends[i]) - starts[i] if i >= 0 else 0.0
                if spent - opened <= goal:
                    in_time += 1
                    continue
            else:
                done = math.inf
                if not counted:
                    continue
                if self.deadline - opened <= goal:
                    pending += 1
                    continue
            late += 1
            late_by_hour[hour_of[index]] += 1
        decided = in_time + late
        zone = self.start.tzinfo
        times = self.times
        closes = [c for c in self.clock.ends if self.origin < c <= self.horizon_end]
        backlog = tuple(
            (
                datetime.fromtimestamp(c, UTC).astimezone(zone),
                bisect_right(times, c) - bisect_right(answers, c),
            )
            for c in closes
        )
        outcome = tuple(
            HourOutcome(
                start=self.start + timedelta(hours=h), arrived=arrived_by_hour[h], late=count
            )
            for h, count in enumerate(late_by_hour)
        )
        return QueueResult(
            tickets=len(times) - first,
            answered=answered_count,
            in_time=in_time,
            late=late,
            pending=pending,
            attainment=in_time / decided if decided else 1.0,
            backlog_at_close=backlog,
            hours=outcome,
        )


def simulate_queue(
    arrivals: Iterable[datetime],
    roster: Sequence[float],
    *,
    start: datetime,
    handle_time: timedelta,
    calendar: BusinessCalendar,
    target: timedelta,
    carry_over: Sequence[float] | None = None,
) -> QueueResult:
    """Run the FIFO queue of ``arrivals`` through ``roster`` (agents in each hour from
    ``start``), checking first replies against ``target`` business time on ``calendar``.

    ``carry_over`` is a roster for the hours after the horizon (usually the same week again),
    used only to answer what is still waiting: tickets that arrived near the end are then
    judged on the following week's staffing instead of being left pending.
    """
    extra = list(carry_over or ())
    queue = PreparedQueue(
        arrivals,
        hours=len(roster),
        start=start,
        handle_time=handle_time,
        calendar=calendar,
        target=target,
        carry_hours=len(extra),
    )
    return queue.run([*roster, *extra])
