"""The smallest roster per hour that keeps an async channel's first-reply attainment at goal.

The search starts from half of the work spread evenly over the open hours and runs the FIFO
queue of [async_queue][cxcore.capacity.async_queue] again and again: while attainment is below
the goal it adds one agent in the hour that helps the first hour whose tickets are late (the
least staffed open hour between their arrival and their deadline, the earliest on a tie); once
the goal holds it tries to take each agent-hour away again, latest first, and keeps every
removal that still meets the goal. No single agent-hour of the result can
be removed without missing the goal.

The roster repeats, as a steady week: the previous week's arrivals (by default the same ones)
run through the same roster first, so the week starts with the backlog they leave (a roster
that cannot keep up with the week's work never passes), and tickets still waiting when it
ends are answered by the same roster in the following hours, so Friday's late tickets count
against Monday's staff.

Examples:
    >>> from datetime import datetime, timedelta, timezone
    >>> from cxcore.sla import BusinessCalendar
    >>> cal = BusinessCalendar(timezone="UTC")
    >>> monday = datetime(2026, 5, 4, tzinfo=timezone.utc)
    >>> arrivals = [monday + timedelta(hours=9, minutes=m) for m in range(0, 60, 5)]
    >>> plan = smallest_roster(
    ...     arrivals, hours=24, start=monday, handle_time=timedelta(minutes=30),
    ...     calendar=cal, goal=AsyncGoal(share=0.95, within=timedelta(hours=2)),
    ... )
    >>> sum(plan.roster), plan.result.attainment
    (7, 1.0)
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Annotated

from pydantic import BeforeValidator, Field

from cxcore._model import CxModel
from cxcore.capacity.async_queue import PreparedQueue, QueueResult
from cxcore.errors import CapacityError
from cxcore.sla.calendar import BusinessCalendar
from cxcore.sla.policy import parse_duration

__all__ = ["AsyncGoal", "AsyncStaffing", "open_hours", "smallest_roster"]

_Duration = Annotated[timedelta, BeforeValidator(parse_duration)]

Share = Annotated[float, Field(gt=0.0, le=1.0)]


class AsyncGoal(CxModel):
    """``share`` of tickets get a first reply within ``within`` business time.

    Examples:
        >>> AsyncGoal(share=0.95, within=timedelta(hours=8)).within
        datetime.timedelta(seconds=28800)
    """

    share: Share = 0.95
    within: _Duration


class AsyncStaffing(CxModel):
    """The roster found: productive agents per hour, the agents to schedule once ``shrinkage``
    (breaks, meetings, absence) is added, and the simulated week under that roster.

    Examples:
        >>> AsyncStaffing(roster=(2,), scheduled=(3,), agent_hours=2, result=None).agent_hours
        2
    """

    roster: tuple[int, ...]
    scheduled: tuple[int, ...]
    agent_hours: int
    result: QueueResult | None


def open_hours(calendar: BusinessCalendar, start: datetime, hours: int) -> tuple[bool, ...]:
    """For each hour from ``start``: is the calendar open at any moment of it?

    Examples:
        >>> from datetime import timezone
        >>> cal = BusinessCalendar(timezone="UTC")
        >>> flags = open_hours(cal, datetime(2026, 5, 4, tzinfo=timezone.utc), 24)
        >>> flags.index(True), flags.count(True)
        (9, 8)
    """
    flags = [False] * hours
    origin = start.timestamp()
    for low, high in calendar.open_intervals(start, start + timedelta(hours=hours)):
        first = int((low.timestamp() - origin) // 3600)
        last = math.ceil((high.timestamp() - origin) / 3600)
        for h in range(first, min(last, hours)):
            flags[h] = True
    return tuple(flags)


def _scheduled(roster: Sequence[int], shrinkage: float) -> tuple[int, ...]:
    return tuple(math.ceil(agents / (1.0 - shrinkage) - 1e-9) for agents in roster)


def smallest_roster(
    arrivals: Iterable[datetime],
    *,
    hours: int,
    start: datetime,
    handle_time: timedelta,
    calendar: BusinessCalendar,
    goal: AsyncGoal,
    staffable: Sequence[bool] | None = None,
    shrinkage: float = 0.0,
    minimum: Sequence[int] | None = None,
    max_agents: int = 10_000,
    before: Iterable[datetime] | None = None,
) -> AsyncStaffing:
    """The fewest agents per hour (over ``hours`` from ``start``) that answer ``goal.share``
    of ``arrivals`` within ``goal.within`` business time on ``calendar``.

    ``staffable`` marks the hours people can work (default: the calendar's open hours);
    ``minimum`` is a floor per hour (today's roster, say, when asking what to add);
    ``shrinkage`` turns productive agents into agents to schedule. ``before`` are the
    arrivals of the ``hours`` before ``start`` (default: the same arrivals a horizon earlier,
    a steady week), answered by the same roster first.
    """
    if not 0.0 <= shrinkage < 1.0:
        raise CapacityError(f"shrinkage must be in [0, 1), got {shrinkage}")
    allowed = tuple(staffable) if staffable is not None else open_hours(calendar, start, hours)
    floor = list(minimum) if minimum is not None else [0] * hours
    if len(allowed) != hours or len(floor) != hours:
        raise CapacityError(
            f"staffable hours and minimum roster must have {hours} entries, got "
            f"{len(allowed)} and {len(floor)}"
        )
    if not any(allowed):
        raise CapacityError("no hour is staffable: the calendar is never open in the horizon")
    arrivals = list(arrivals)
    if before is None:
        before = [at - timedelta(hours=hours) for at in arrivals]
    queue = PreparedQueue(
        arrivals,
        hours=hours,
        start=start,
        handle_time=handle_time,
        calendar=calendar,
        target=goal.within,
        carry_hours=hours,
        warm_up=before,
    )
    deadline_hour = []
    origin = start.timestamp()
    for h in range(hours):
        due = calendar.add(start + timedelta(hours=h + 1), goal.within)
        deadline_hour.append(math.ceil((due.timestamp() - origin) / 3600))
    # Start from half the even spread of the week's work over the staffable hours (a roster
    # that meets the goal needs at least the work itself), so the climb is short.
    work = len(queue.times) * handle_time.total_seconds() / 3600.0
    even = int(0.5 * work / allowed.count(True))
    roster = [max(low, even if ok else 0) for low, ok in zip(floor, allowed, strict=True)]

    def run() -> QueueResult:
        return queue.run(roster + roster)

    per_agent_hour = 3600.0 / handle_time.total_seconds()
    tickets = len(arrivals)

    def meets(result: QueueResult) -> bool:
        # a repeating week must also answer as many tickets as arrive, or its backlog grows
        keeps_up = sum(roster) * per_agent_hour >= tickets - 1e-9
        return keeps_up and result.attainment >= goal.share - 1e-12 and result.pending == 0

    result = run()
    while not meets(result):
        late = [h for h, hour in enumerate(result.hours) if hour.late]
        first = late[0] if late else next(h for h in range(hours) if allowed[h])
        window = [
            h % hours
            for h in range(first, max(deadline_hour[first], first + 1))
            if allowed[h % hours]
        ]
        if not window:
            raise CapacityError(
                f"tickets arriving at {start + timedelta(hours=first)} cannot be answered within "
                f"{goal.within} in any staffable hour; allow more hours or a longer target"
            )
        pick = min(window, key=lambda h: (roster[h], (h - first) % hours))
        if roster[pick] >= max_agents:
            raise CapacityError(
                f"the goal needs more than {max_agents} agents in hour {pick}; "
                "check the arrivals and the handle time"
            )
        roster[pick] += 1
        result = run()
    for h in reversed(range(hours)):
        while roster[h] > floor[h]:
            roster[h] -= 1
            trial = run()
            if meets(trial):
                result = trial
            else:
                roster[h] += 1
                break
    return AsyncStaffing(
        roster=tuple(roster),
        scheduled=_scheduled(roster, shrinkage),
        agent_hours=sum(roster),
        result=result,
    )
