"""Benchmark: SLA evaluation of many tickets with realistic timelines.

cxcore's ``evaluate`` (one pass over the events, binary searches in the business calendar) is
compared with a straightforward implementation of the same rules that walks each measurement
minute by minute, checking the office hours and the ticket's status at every minute. Both run in
this process on the same tickets; the script checks that they agree on every measurement (state,
elapsed time, due time, completion) and prints per-ticket timings and the ratio.

It also measures incremental use: evaluating a ticket after each new event, from scratch and
with the previous report.

    python benchmarks/bench_sla_evaluate.py            # 100 000 tickets (peer on a sample)
    python benchmarks/bench_sla_evaluate.py --quick    # a few thousand
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from cxcore.sla import BusinessCalendar, SlaPolicy, SlaReport, evaluate
from cxcore.tickets import (
    Customer,
    Message,
    MessageAdded,
    PriorityChange,
    StatusChange,
    Ticket,
)

ZONE = ZoneInfo("Europe/Warsaw")
CALENDAR = BusinessCalendar(
    timezone="Europe/Warsaw",
    hours={day: [("09:00", "17:00")] for day in ("mon", "tue", "wed", "thu", "fri")},
)
POLICY = SlaPolicy.from_dict(
    {
        "name": "Shop standard",
        "rules": [
            {
                "name": "default",
                "targets": {
                    "first_reply": "4h",
                    "next_reply": "8h",
                    "periodic_update": "24h",
                    "resolution": "72h",
                    "agent_work": "24h",
                },
            },
            {
                "name": "urgent",
                "priorities": ["urgent", "high"],
                "targets": {
                    "first_reply": "1h",
                    "next_reply": "2h",
                    "periodic_update": "4h",
                    "resolution": "24h",
                },
            },
            {"name": "chat", "channels": ["live_chat"], "targets": {"first_reply": "10m"}},
        ],
    }
)
LIVE = {"new", "open", "pending", "on_hold"}
MINUTE = timedelta(minutes=1)


# --- realistic tickets -------------------------------------------------------------------------


def make_ticket(
    rng: random.Random, number: int, steps: int | None = None
) -> tuple[Ticket, datetime]:
    """A conversation: the customer writes, agents reply, ask and wait, solve; customers reopen."""
    # Event times are kept in UTC: Ticket compares datetimes sharing a zone by wall time, which
    # misorders the repeated hour when Warsaw's clocks go back. The calendar works in Warsaw.
    start = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=rng.randrange(360 * 24 * 60))
    priority = rng.choices(["low", "normal", "high", "urgent"], [2, 5, 2, 1])[0]
    channel = rng.choices(["email", "live_chat", "web_form"], [6, 2, 2])[0]
    events: list[StatusChange | PriorityChange | MessageAdded] = []
    count = 0

    def message(role: str, at: datetime, public: bool = True) -> None:
        nonlocal count
        count += 1
        events.append(
            MessageAdded.of(
                Message(
                    id=f"M{count}",
                    author_role=role,
                    public=public,
                    channel=channel,
                    body="",
                    at=at,
                )
            )
        )

    message("customer", start)
    moment, status = start, "new"
    for _ in range(rng.randint(2, 12) if steps is None else steps):
        gap = timedelta(minutes=min(int(rng.expovariate(1 / 240)), 3 * 24 * 60))
        moment = moment + gap
        step = rng.choices(
            ["reply", "ask", "customer", "note", "hold", "solve", "priority"], [4, 3, 4, 1, 1, 2, 1]
        )[0]
        if step == "reply":
            message("agent", moment)
            if status == "new":
                status = "open"
                events.append(StatusChange(at=moment, status=status))
        elif step == "ask":
            message("agent", moment)
            status = "pending"
            events.append(StatusChange(at=moment, status=status))
        elif step == "customer":
            message("customer", moment)
            if status in ("pending", "solved"):
                status = "open"
                events.append(StatusChange(at=moment, status=status))
        elif step == "note":
            message("agent", moment, public=False)
        elif step == "hold":
            status = "on_hold" if status != "on_hold" else "open"
            events.append(StatusChange(at=moment, status=status))
        elif step == "solve":
            status = "solved"
            events.append(StatusChange(at=moment, status=status))
        else:
            events.append(
                PriorityChange(at=moment, priority=rng.choice(["low", "normal", "high", "urgent"]))
            )
    ticket = Ticket(
        id=f"T{number}",
        customer=Customer(id=f"C{number}"),
        channel=channel,
        priority=priority,
        created_at=start,
        events=tuple(events),
    )
    at = moment + timedelta(minutes=rng.randrange(2 * 24 * 60))
    return ticket, at


# --- the naive peer: the same rules, walking minute by minute ---------------------------------


@dataclass
class Span:
    metric: str
    index: int
    start: datetime
    end: datetime | None = None


def naive_spans(ticket: Ticket, at: datetime) -> list[Span]:
    """The metric instances, by the rules in the docs, written out plainly."""
    spans = [Span("first_reply", 0, ticket.created_at)]
    first = spans[0]
    next_reply: Span | None = None
    update: Span | None = None
    waiting: datetime | None = None
    replied = False
    counters = {"next_reply": 0, "periodic_update": 0}
    status = "new"

    def begin(metric: str, when: datetime) -> Span:
        span = Span(metric, counters[metric], when)
        counters[metric] += 1
        spans.append(span)
        return span

    for event in ticket.events:
        if event.at.astimezone(UTC) > at.astimezone(UTC):
            break
        if isinstance(event, StatusChange):
            new = event.status.value
            if status in LIVE and new not in LIVE:
                for span in (first, next_reply, update):
                    if span is not None and span.end is None:
                        span.end = event.at
                next_reply = update = None
            elif status not in LIVE and new in LIVE:
                if waiting is not None:
                    next_reply, waiting = begin("next_reply", event.at), None
                if replied:
                    update = begin("periodic_update", event.at)
            status = new
        elif isinstance(event, MessageAdded) and event.message.public:
            role = event.message.author_role.value
            if role == "agent":
                if first.end is None:
                    first.end = event.at
                if next_reply is not None:
                    next_reply.end, next_reply = event.at, None
                waiting = None
                if status in LIVE:
                    if update is not None:
                        update.end = event.at
                    update = begin("periodic_update", event.at)
                    replied = True
            elif role == "customer" and first.end is not None and next_reply is None:
                if status in LIVE:
                    next_reply = begin("next_reply", event.at)
                elif waiting is None:
                    waiting = event.at
    solved_at = None
    for when, value in ticket.status_history:
        if when.astimezone(UTC) > at.astimezone(UTC):
            break
        if value.value not in LIVE and solved_at is None:
            solved_at = when
        elif value.value in LIVE:
            solved_at = None
    spans += [Span(m, 0, ticket.created_at, solved_at) for m in ("resolution", "agent_work")]
    return spans


def naive_evaluate(ticket: Ticket, at: datetime) -> dict[tuple[str, int], tuple[object, ...]]:
    """Walk every measurement minute by minute: open office minute and counting status."""
    # Every comparison in UTC: Python compares datetimes sharing a tzinfo by wall time.
    at = at.astimezone(UTC)
    history = [
        (when.astimezone(UTC), status.value)
        for when, status in ticket.status_history
        if when.astimezone(UTC) <= at
    ]
    priorities = [(ticket.created_at.astimezone(UTC), ticket.priority)] + [
        (e.at.astimezone(UTC), e.priority)
        for e in ticket.events
        if isinstance(e, PriorityChange) and e.at.astimezone(UTC) <= at
    ]
    results: dict[tuple[str, int], tuple[object, ...]] = {}
    for span in naive_spans(ticket, at):
        end = (span.end or at).astimezone(UTC)
        priority = [p for when, p in priorities if when <= end][-1]
        target = POLICY.targets_for(priority, ticket.channel).target(span.metric)
        if target is None:
            continue
        counted = {status.value for status in POLICY.counts_in[target.metric]}
        goal = int(target.duration / MINUTE)
        paused_now = span.end is None and history[-1][1] not in counted

        def counting(moment: datetime, end: datetime = end, counted: set[str] = counted) -> bool:
            if moment >= end:
                return True  # past the end, a due time assumes the clock keeps running
            return [s for when, s in history if when <= moment][-1] in counted

        def office_open(moment: datetime) -> bool:
            local = moment.astimezone(ZONE)
            return local.weekday() < 5 and 9 <= local.hour < 17

        used, moment, elapsed, due = 0, span.start.astimezone(UTC), -1, None
        while True:
            if elapsed < 0 and moment >= end:
                elapsed = used
                if paused_now and used < goal:
                    break  # paused before the goal: no due time yet
            if due is None and used >= goal:
                due = moment
            if elapsed >= 0 and due is not None:
                break
            if office_open(moment) and counting(moment):
                used += 1
            moment += MINUTE
        breached = due is not None and due < end
        if span.end is not None:
            state = "breached" if breached else "achieved"
        elif breached:
            state = "breached"
        elif paused_now:
            state, due = "paused", None
        else:
            state = "active"
        results[(span.metric, span.index)] = (state, elapsed * MINUTE, due, span.end)
    return results


def cxcore_results(report: SlaReport) -> dict[tuple[str, int], tuple[object, ...]]:
    return {
        (m.metric.value, m.index): (m.state.value, m.elapsed, m.due_at, m.completed_at)
        for m in report.measurements
    }


# --- timing -------------------------------------------------------------------------------------


def timed(action: Callable[[], object], repeat: int = 1) -> float:
    best = float("inf")
    for _ in range(repeat):
        began = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - began)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a few thousand tickets")
    args = parser.parse_args()
    count, peer_count, incremental_count = (
        (2_000, 150, 150) if args.quick else (100_000, 2_000, 2_000)
    )
    rng = random.Random(20260504)
    began = time.perf_counter()
    work = [make_ticket(rng, n) for n in range(count)]
    print(
        f"built {count} tickets in {time.perf_counter() - began:.1f} s "
        f"({sum(len(t.events) for t, _ in work) / count:.1f} events each on average)"
    )

    reports: list[SlaReport] = []

    def run_cxcore() -> None:
        reports.clear()
        reports.extend(evaluate(t, POLICY, CALENDAR, at) for t, at in work)

    cx_seconds = timed(run_cxcore, repeat=1 if count > 10_000 else 3)
    measurements = sum(len(r.measurements) for r in reports)
    cx_us = cx_seconds / count * 1e6

    sample = work[:peer_count]
    peer_results: list[dict[tuple[str, int], tuple[object, ...]]] = []

    def run_peer() -> None:
        peer_results.clear()
        peer_results.extend(naive_evaluate(t, at) for t, at in sample)

    peer_us = timed(run_peer) / peer_count * 1e6
    mismatches = 0
    for report, expected in zip(reports, peer_results, strict=False):
        if cxcore_results(report) != expected:
            mismatches += 1
            if mismatches <= 3:
                print("MISMATCH", report.ticket_id, cxcore_results(report), expected)
    if mismatches:
        raise SystemExit(f"{mismatches} of {peer_count} tickets disagree with the peer")

    # Incremental use: evaluate after every event (a ticket prefix per event).
    prefixes = []
    for ticket, _ in work[:incremental_count]:
        steps = [
            ticket.model_copy(update={"events": ticket.events[:k]})
            for k in range(1, len(ticket.events) + 1)
        ]
        prefixes.append(steps)
    events = sum(len(steps) for steps in prefixes)

    def after_each_event(reuse: bool) -> Callable[[], None]:
        def run() -> None:
            for steps in prefixes:
                previous = None
                for step in steps:
                    at = step.events[-1].at
                    previous = evaluate(
                        step, POLICY, CALENDAR, at, previous=previous if reuse else None
                    )

        return run

    fresh_us = timed(after_each_event(False)) / events * 1e6
    reuse_us = timed(after_each_event(True)) / events * 1e6

    # One long conversation: the cost of one more event late in its life.
    long_ticket, _ = make_ticket(random.Random(7), 0, steps=300)
    last = long_ticket.events[-1].at
    before = long_ticket.model_copy(update={"events": long_ticket.events[:-1]})
    earlier = evaluate(before, POLICY, CALENDAR, long_ticket.events[-2].at)
    long_fresh_us = timed(lambda: evaluate(long_ticket, POLICY, CALENDAR, last), 20) * 1e6
    long_reuse_us = (
        timed(lambda: evaluate(long_ticket, POLICY, CALENDAR, last, previous=earlier), 20) * 1e6
    )
    long_measurements = len(evaluate(long_ticket, POLICY, CALENDAR, last).measurements)

    print(
        f"cxcore evaluate: {count} tickets, {measurements} measurements, "
        f"{cx_us:.1f} us per ticket ({cx_seconds:.2f} s total)"
    )
    print(
        f"naive minute-walk peer: {peer_count} tickets, {peer_us:.1f} us per ticket; "
        f"all {peer_count} agree with cxcore"
    )
    print(f"ratio (peer / cxcore per ticket): {peer_us / cx_us:.0f}x")
    print(
        f"after each event ({events} events on {incremental_count} tickets): "
        f"{fresh_us:.1f} us from scratch, {reuse_us:.1f} us with the previous report "
        f"(ratio {fresh_us / reuse_us:.2f}x)"
    )
    print(
        f"one more event on a ticket with {len(long_ticket.events)} events and "
        f"{long_measurements} measurements: {long_fresh_us:.0f} us from scratch, "
        f"{long_reuse_us:.0f} us with the previous report "
        f"(ratio {long_fresh_us / long_reuse_us:.1f}x)"
    )


if __name__ == "__main__":
    main()
