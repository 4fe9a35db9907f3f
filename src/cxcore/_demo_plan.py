"""Six weeks of a shop's ticket history and the Black Friday plan the demo closes with.

The history is synthetic and seeded: arrivals per channel and hour of week with a weekday
office peak, chat in the evenings, marketplace buyers every day, and 3% growth a week, so the
demo, the tests and the tutorial see the same export.

Examples:
    >>> tickets = history_tickets()
    >>> len(tickets) > 3000, tickets[0].created_at.date().isoformat()
    (True, '2026-10-12')
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

from cxcore._demo_day import WARSAW
from cxcore.capacity.history import forecast_channels
from cxcore.capacity.plan import WeekPlan, plan_week
from cxcore.playbook import Playbook
from cxcore.playbook.planning import channel_setups, scenario
from cxcore.report.plan import format_plan
from cxcore.tickets import Channel, Customer, Ticket

__all__ = ["HISTORY_START", "history_tickets", "plan_lines", "shop_plan"]

HISTORY_START = date(2026, 10, 12)
"""The first Monday of the demo history; six weeks run to Sunday 22 November 2026."""
_SEED = 20261127
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _rate(channel: Channel, day: int, hour: int) -> float:
    weekday = day < 5
    if channel is Channel.EMAIL:
        if weekday:
            return 3.0 if 9 <= hour < 17 else 1.0 if 7 <= hour < 23 else 0.2
        return 1.0 if 9 <= hour < 21 else 0.2
    if channel is Channel.LIVE_CHAT:
        if weekday:
            return 4.0 if 8 <= hour < 20 else 0.0
        return 3.0 if day == 5 and 10 <= hour < 14 else 0.0
    if channel is Channel.PHONE:
        return 2.0 if weekday and 10 <= hour < 16 else 0.0
    if channel is Channel.WEB_FORM:
        return 1.0 if 8 <= hour < 22 else 0.1
    return 1.0 if 8 <= hour < 22 else 0.1  # marketplace buyers write every day


def _poisson(rng: random.Random, mean: float) -> int:
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def history_tickets(weeks: int = 6, seed: int = _SEED) -> list[Ticket]:
    """Tickets created over ``weeks`` weeks from ``HISTORY_START`` (only the opening message
    matters to a forecast)."""
    rng = random.Random(seed)
    start = datetime.combine(HISTORY_START, time(0), tzinfo=WARSAW)
    customer = Customer(id="C-history", locale="pl")
    tickets: list[Ticket] = []
    for week in range(weeks):
        growth = 1.03**week
        for day in range(7):
            for hour in range(24):
                base = start + timedelta(weeks=week, days=day, hours=hour)
                for channel in Channel:
                    if channel in (Channel.CHATBOT, Channel.SOCIAL, Channel.WHATSAPP):
                        continue
                    for _ in range(_poisson(rng, _rate(channel, day, hour) * growth)):
                        created = base + timedelta(seconds=rng.randrange(3600))
                        tickets.append(
                            Ticket(
                                id=f"H-{len(tickets) + 1}",
                                customer=customer,
                                channel=channel,
                                created_at=created,
                            )
                        )
    tickets.sort(key=lambda t: t.created_at)
    return tickets


def shop_plan(playbook: Playbook, name: str | None = "black_friday") -> WeekPlan:
    """The week of Black Friday 2026 (or the week after the history without ``name``)."""
    campaign = scenario(playbook, name) if name else None
    found = forecast_channels(
        history_tickets(),
        playbook.sla_calendar().timezone,
        weeks=6,
        plan_week=campaign.start if campaign else None,
    )
    setups = channel_setups(playbook)
    forecasts = {s.channel: found.week(s.channel) for s in setups}
    return plan_week(setups, forecasts, start=found.start, campaign=campaign)


def plan_lines(playbook: Playbook) -> Iterator[str]:
    """The demo's last section: the Black Friday week against today's roster."""
    if "black_friday" not in playbook.capacity.scenarios:
        return
    plan = shop_plan(playbook)
    first = plan.start.date()
    yield ""
    yield (
        f"Looking ahead: Black Friday week ({first:%d} to {first + timedelta(days=6):%d %B %Y}) "
        "against today's roster"
    )
    yield "   forecast from six weeks of history; `cxcore plan EXPORT --scenario black_friday`"
    table = list(format_plan(plan))[3 : 4 + len(plan.channels)]
    yield from (f"   {line}" for line in table)
    for outcome in plan.channels:
        breaches = outcome.breach_hours
        if breaches:
            days = sorted({_DAYS[b.weekday()] for b in breaches}, key=_DAYS.index)
            yield (
                f"   {outcome.channel.value} breaks its target in {len(breaches)} hours "
                f"({', '.join(days)})"
            )
        for check in outcome.rules:
            state = "kept" if check.met else "missed"
            yield (
                f"   {outcome.channel.value} {check.rule}: {state}, "
                f"{100 * check.attainment:.1f}% in time (needs {100 * check.share:.0f}%)"
            )
    yield f"   extra people-hours to keep every promise: {plan.extra_hours}"
