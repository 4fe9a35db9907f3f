"""Benchmark: cxcore capacity against pyworkforce (Erlang C) and simpy (queue simulation).

1. Staffing a week of hourly intervals (168) on 5 live channels with Erlang C: cxcore's
   ``staff_live`` against ``pyworkforce.queuing.ErlangC.required_positions`` per interval, on the
   same arrivals; the agents found must agree. Target: under 50 ms for cxcore.
2. The async queue over a business calendar: 100 000 tickets in a week through an hourly
   roster, first replies checked against 8 business hours. cxcore's ``simulate_queue`` against a
   simpy discrete-event model (one process per agent taking tickets first in, first out while
   on shift). The two models differ in one detail (cxcore pools the team's capacity; simpy
   agents finish a ticket past the end of their shift), so their attainment must agree within
   two percentage points. Target: under 2 s for cxcore.

``--quick`` staffs 168 x 5 intervals once and simulates 5 000 tickets.

    python benchmarks/bench_capacity.py [--quick]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import simpy
from pyworkforce.queuing import ErlangC

from cxcore.capacity import LiveGoal, simulate_queue, staff_live
from cxcore.sla import BusinessCalendar


def best_of(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def staffing(repeat: int) -> bool:
    rng = random.Random(1)
    handle_minutes = [3.0, 5.0, 6.0, 8.0, 4.0]
    weeks = [[rng.uniform(0, 400) for _ in range(168)] for _ in handle_minutes]
    goal = LiveGoal(share=0.8, within=timedelta(seconds=20), max_occupancy=0.85)

    def ours() -> list[int]:
        found = []
        for aht, week in zip(handle_minutes, weeks, strict=True):
            rows = staff_live(week, handle_time=timedelta(minutes=aht), goal=goal)
            found.extend(row.agents for row in rows)
        return found

    def peer() -> list[int]:
        found = []
        for aht, week in zip(handle_minutes, weeks, strict=True):
            for calls in week:
                model = ErlangC(transactions=calls, aht=aht, asa=20 / 60, interval=60)
                found.append(
                    model.required_positions(service_level=0.8, max_occupancy=0.85)["raw_positions"]
                )
        return found

    ours_time, ours_agents = best_of(ours, repeat)
    peer_time, peer_agents = best_of(peer, repeat)
    agree = ours_agents == peer_agents
    print(
        f"Erlang C, 168 intervals x 5 channels: cxcore {ours_time * 1000:.1f} ms, "
        f"pyworkforce {peer_time * 1000:.1f} ms, ratio {peer_time / ours_time:.1f}x "
        f"(target < 50 ms: {'met' if ours_time < 0.05 else 'MISSED'}); "
        f"agents agree: {agree} ({sum(ours_agents)} agent-hours)"
    )
    return agree


def _roster() -> list[int]:
    roster = [0] * 168
    for day in range(5):
        for hour in range(8, 18):
            roster[day * 24 + hour] = 150
        for hour in range(18, 22):
            roster[day * 24 + hour] = 60
    return roster


def simpy_queue(
    arrivals: list[float], roster: list[int], handle: float, horizon_hours: int
) -> list[float]:
    """Reply times (seconds from the start) per ticket, in arrival order; inf if unanswered."""
    env = simpy.Environment()
    queue: simpy.Store = simpy.Store(env)
    replies = [float("inf")] * len(arrivals)
    hours = roster + roster

    def source() -> Any:
        for index, at in enumerate(arrivals):
            yield env.timeout(at - env.now)
            queue.put(index)

    def agent(number: int) -> Any:
        while env.now < horizon_hours * 3600:
            hour = int(env.now // 3600)
            if hour >= len(hours):
                return
            if number >= hours[hour]:
                yield env.timeout((hour + 1) * 3600 - env.now)
                continue
            ticket = yield queue.get()
            if int(env.now // 3600) < len(hours) and number < hours[int(env.now // 3600)]:
                yield env.timeout(handle)
                replies[ticket] = env.now
            else:  # the shift ended while waiting: hand the ticket back at the front
                queue.items.insert(0, ticket)

    env.process(source())
    for number in range(max(roster)):
        env.process(agent(number))
    env.run(until=len(hours) * 3600)
    return replies


def simulation(tickets: int, repeat: int) -> bool:
    rng = random.Random(2)
    start = datetime(2026, 11, 23, tzinfo=UTC)
    calendar = BusinessCalendar(
        timezone="UTC",
        hours={d: [("08:00", "22:00")] for d in ("mon", "tue", "wed", "thu", "fri")},
    )
    seconds = sorted(rng.uniform(0, 168 * 3600) for _ in range(tickets))
    arrivals = [start + timedelta(seconds=s) for s in seconds]
    roster = _roster()
    scale = tickets / 100_000
    roster = [max(1, round(r * scale)) if r else 0 for r in roster]
    handle = timedelta(minutes=6)
    target = timedelta(hours=8)

    def ours() -> float:
        result = simulate_queue(
            arrivals,
            roster,
            start=start,
            handle_time=handle,
            calendar=calendar,
            target=target,
            carry_over=roster,
        )
        return result.attainment

    def peer() -> list[float]:
        return simpy_queue(seconds, roster, handle.total_seconds(), 2 * 168)

    ours_time, attainment = best_of(ours, repeat)
    peer_time, replies = best_of(peer, 1)
    answered = [
        (a, start + timedelta(seconds=r))
        for a, r in zip(arrivals, replies, strict=True)
        if r != float("inf")
    ]
    elapsed = calendar.elapsed_many([a for a, _ in answered], [r for _, r in answered])
    in_time = sum(1 for e in elapsed if e <= target)
    peer_attainment = in_time / len(arrivals)
    agree = abs(attainment - peer_attainment) <= 0.02
    print(
        f"async queue, {tickets} tickets in a week: cxcore {ours_time:.3f} s, simpy "
        f"{peer_time:.3f} s, ratio {peer_time / ours_time:.1f}x "
        f"(target < 2 s: {'met' if ours_time < 2 else 'MISSED'}); attainment cxcore "
        f"{100 * attainment:.2f}%, simpy {100 * peer_attainment:.2f}%: "
        f"{'agree' if agree else 'DISAGREE'} within 2 points"
    )
    return agree


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, one repetition")
    args = parser.parse_args()
    repeat = 1 if args.quick else 5
    ok = staffing(repeat)
    ok = simulation(5_000 if args.quick else 100_000, 1 if args.quick else 3) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
