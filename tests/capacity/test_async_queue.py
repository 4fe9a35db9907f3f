"""The async FIFO queue over the business calendar and the smallest-roster search."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxcore.capacity.async_queue import PreparedQueue, simulate_queue, spread_counts
from cxcore.capacity.roster import AsyncGoal, open_hours, smallest_roster
from cxcore.errors import CapacityError
from cxcore.sla import BusinessCalendar

MONDAY = datetime(2026, 5, 4, tzinfo=UTC)
OFFICE = BusinessCalendar(timezone="UTC")  # Monday-Friday 09:00-17:00
ALWAYS = BusinessCalendar.always_open("UTC")


def test_one_agent_always_open_is_lindleys_recursion() -> None:
    # Lindley (1952), "The theory of queues with a single server": the wait of customer n + 1
    # is max(0, W_n + S - (A_{n+1} - A_n)). One agent on an always-open calendar is exactly
    # that single-server FIFO queue with service time S = the handle time.
    rng = random.Random(3)
    service = 600.0
    gaps = [rng.expovariate(1 / 700) for _ in range(400)]
    arrivals, t = [], 0.0
    for gap in gaps:
        t += gap
        arrivals.append(MONDAY + timedelta(seconds=t))
    hours = int(t // 3600) + 1
    waits, wait = [], 0.0
    for i in range(len(gaps)):
        if i:
            wait = max(0.0, wait + service - gaps[i])
        waits.append(wait)
    target = timedelta(minutes=30)
    expected = sum(w + service <= target.total_seconds() + 1e-6 for w in waits)
    result = simulate_queue(
        arrivals,
        [1] * hours,
        start=MONDAY,
        handle_time=timedelta(seconds=service),
        calendar=ALWAYS,
        target=target,
        carry_over=[1] * 48,
    )
    assert result.answered == len(arrivals)
    assert result.in_time == expected
    assert result.late == len(arrivals) - expected


def test_a_friday_ticket_is_judged_on_mondays_hours() -> None:
    friday = MONDAY + timedelta(days=4)
    arrivals = [friday + timedelta(hours=16, minutes=45)]  # 15 min before the weekend
    roster = [0] * (24 * 7)
    for day in (0, 1, 2, 3, 4):
        for hour in range(9, 17):
            roster[24 * day + hour] = 1
    # 15 minutes of work on Friday, 15 on Monday: answered 09:15 Monday, 30 business minutes.
    result = simulate_queue(
        arrivals,
        roster[4 * 24 :] + roster[: 4 * 24],
        start=friday,
        handle_time=timedelta(minutes=30),
        calendar=OFFICE,
        target=timedelta(hours=2),
    )
    assert (result.answered, result.in_time, result.late) == (1, 1, 0)
    # backlog at Friday's close: the ticket waits over the weekend
    assert result.backlog_at_close[0] == (friday.replace(hour=17), 1)


def test_waiting_tickets_at_the_end_are_pending_or_late() -> None:
    arrivals = [MONDAY + timedelta(hours=10)]
    result = simulate_queue(
        arrivals,
        [0] * 24,
        start=MONDAY,
        handle_time=timedelta(minutes=5),
        calendar=OFFICE,
        target=timedelta(hours=1),
    )
    assert (result.answered, result.late, result.pending) == (0, 1, 0)
    assert result.breach_hours == (MONDAY + timedelta(hours=10),)
    quiet = simulate_queue(
        [MONDAY + timedelta(hours=16, minutes=30)],
        [0] * 17,
        start=MONDAY,
        handle_time=timedelta(minutes=5),
        calendar=OFFICE,
        target=timedelta(hours=1),
    )
    assert (quiet.pending, quiet.late, quiet.attainment) == (1, 0, 1.0)


def test_hours_follow_the_calendars_zone_across_dst() -> None:
    warsaw = BusinessCalendar(timezone="Europe/Warsaw")
    start = datetime(2026, 3, 29, tzinfo=ZoneInfo("Europe/Warsaw"))  # clocks go forward
    flags = open_hours(warsaw, start, 48)
    # Sunday closed; Monday 09:00-17:00 local is hours 32..39 of a 47-hour real day pair
    assert flags.count(True) == 8 and flags.index(True) == 32


def test_spread_counts_and_bad_input() -> None:
    assert len(spread_counts([1.4, 1.5, 0], MONDAY)) == 3
    with pytest.raises(CapacityError, match=">= 0"):
        spread_counts([-1], MONDAY)
    with pytest.raises(CapacityError, match="within the roster"):
        simulate_queue(
            [MONDAY + timedelta(hours=30)],
            [1] * 24,
            start=MONDAY,
            handle_time=timedelta(minutes=5),
            calendar=OFFICE,
            target=timedelta(hours=1),
        )
    with pytest.raises(CapacityError, match="handle time"):
        PreparedQueue(
            [],
            hours=1,
            start=MONDAY,
            handle_time=timedelta(0),
            calendar=OFFICE,
            target=timedelta(hours=1),
        )
    with pytest.raises(CapacityError, match="roster must give"):
        PreparedQueue(
            [],
            hours=2,
            start=MONDAY,
            handle_time=timedelta(minutes=1),
            calendar=OFFICE,
            target=timedelta(hours=1),
        ).run([1])


def test_smallest_roster_is_minimal_and_meets_the_goal() -> None:
    rng = random.Random(5)
    arrivals = [MONDAY + timedelta(hours=rng.uniform(0, 120)) for _ in range(300)]
    goal = AsyncGoal(share=0.9, within=timedelta(hours=4))
    plan = smallest_roster(
        arrivals,
        hours=168,
        start=MONDAY,
        handle_time=timedelta(minutes=12),
        calendar=OFFICE,
        goal=goal,
        shrinkage=0.25,
    )
    assert plan.result is not None and plan.result.attainment >= 0.9
    staffable = open_hours(OFFICE, MONDAY, 168)
    assert all(agents == 0 for agents, ok in zip(plan.roster, staffable, strict=True) if not ok)
    assert all(s >= r for s, r in zip(plan.scheduled, plan.roster, strict=True))
    queue = PreparedQueue(
        arrivals,
        hours=168,
        start=MONDAY,
        handle_time=timedelta(minutes=12),
        calendar=OFFICE,
        target=goal.within,
        carry_hours=168,
        warm_up=[at - timedelta(hours=168) for at in arrivals],
    )
    for h, agents in enumerate(plan.roster):
        if agents:
            fewer = list(plan.roster)
            fewer[h] -= 1
            assert queue.run(fewer + fewer).attainment < 0.9 or queue.run(fewer + fewer).pending


def test_roster_search_refuses_an_impossible_setting() -> None:
    with pytest.raises(CapacityError, match="staffable"):
        smallest_roster(
            [],
            hours=24,
            start=MONDAY + timedelta(days=5),  # Saturday: closed
            handle_time=timedelta(minutes=5),
            calendar=OFFICE,
            goal=AsyncGoal(within=timedelta(hours=1)),
        )
    with pytest.raises(CapacityError, match="shrinkage"):
        smallest_roster(
            [],
            hours=24,
            start=MONDAY,
            handle_time=timedelta(minutes=5),
            calendar=OFFICE,
            goal=AsyncGoal(within=timedelta(hours=1)),
            shrinkage=1.0,
        )


offsets = st.lists(st.floats(0, 47.99), min_size=1, max_size=40)
rosters = st.lists(st.integers(0, 3), min_size=48, max_size=48)


@settings(max_examples=50)
@given(offsets, rosters, st.lists(st.integers(0, 2), min_size=48, max_size=48))
def test_more_agents_never_lower_attainment(
    hours: list[float], roster: list[int], extra: list[int]
) -> None:
    queue = PreparedQueue(
        [MONDAY + timedelta(hours=h) for h in hours],
        hours=48,
        start=MONDAY,
        handle_time=timedelta(minutes=40),
        calendar=OFFICE,
        target=timedelta(hours=3),
    )
    base = queue.run(roster)
    more = queue.run([a + b for a, b in zip(roster, extra, strict=True)])
    assert more.in_time >= base.in_time
    assert more.late <= base.late
    assert more.answered >= base.answered


@settings(max_examples=50)
@given(offsets, offsets, rosters)
def test_more_arrivals_never_lower_the_late_count(
    hours: list[float], more: list[float], roster: list[int]
) -> None:
    # FIFO: a ticket added anywhere can only push the others' answers later.
    def late(stamps: list[float]) -> int:
        return simulate_queue(
            [MONDAY + timedelta(hours=h) for h in stamps],
            roster,
            start=MONDAY,
            handle_time=timedelta(minutes=40),
            calendar=OFFICE,
            target=timedelta(hours=3),
        ).late

    assert late(hours + more) >= late(hours)
