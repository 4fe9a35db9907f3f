"""A week's staffing plan: needed against rostered, per channel and hour, and the gap.

[plan_week][cxcore.capacity.plan.plan_week] takes each channel's setup (live or async, handle
time, hours, target, today's roster), its forecast for the week and an optional campaign, and
answers the questions a team lead asks before a peak: which hours break which target, how many
tickets overflow, and how many extra agent-hours close the gap.

* **live** channels: Erlang C (Erlang A with patience) per hour; an hour breaks the target
  when today's agents give a service level below the goal; overflow is the contacts not
  answered in time (arrivals x (1 - service level)).
* **async** channels: the FIFO queue over the business calendar; the week before (the forecast
  without the campaign) runs first, so the week starts with the backlog it leaves; today's
  roster is simulated
  for attainment, late tickets (the overflow) and the hours whose tickets are late; the needed
  roster is the smallest one at least as large as today's that meets the goal and every reply
  rule of the channel.

Rosters in a setup are people scheduled. Shrinkage turns them into agents on a live queue
(whole agents, rounded down: one person at 20% shrinkage is not one agent all hour); on an
async queue a person answers at ``(1 - shrinkage) / handle time``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field

from cxcore._model import CxModel
from cxcore.capacity.async_queue import PreparedQueue, spread_counts
from cxcore.capacity.erlang import erlang_c_service_level
from cxcore.capacity.erlang_a import erlang_a
from cxcore.capacity.forecast import HOURS_PER_WEEK
from cxcore.capacity.roster import AsyncGoal, open_hours, smallest_roster
from cxcore.capacity.scenario import Campaign, ReplyRule, apply_campaign, as_campaigns
from cxcore.capacity.staffing import LiveGoal, staff_live
from cxcore.errors import CapacityError
from cxcore.sla.calendar import BusinessCalendar
from cxcore.sla.policy import parse_duration
from cxcore.tickets import Channel

__all__ = ["ChannelOutcome", "ChannelSetup", "HourPlan", "RuleCheck", "WeekPlan", "plan_week"]

_Duration = Annotated[timedelta, BeforeValidator(parse_duration)]
LIVE_CHANNELS = frozenset({Channel.PHONE, Channel.LIVE_CHAT})


class ChannelSetup(CxModel):
    """How one channel is worked: ``mode``, ``handle_time`` per contact (per first reply for
    async), ``calendar`` (its hours; async targets count business time on it), ``target`` (the
    answer time for live, the first-reply target for async), ``share`` to meet, ``roster`` (168
    people scheduled per hour of week, Monday 00:00 first) and the live-only knobs.

    Examples:
        >>> from cxcore.sla import BusinessCalendar
        >>> ChannelSetup(channel="phone", mode="live", handle_time="5m", target="30s", share=0.8,
        ...              calendar=BusinessCalendar(timezone="UTC")).target.seconds
        30
    """

    channel: Channel
    mode: Literal["live", "async"]
    handle_time: _Duration
    calendar: BusinessCalendar
    target: _Duration
    share: Annotated[float, Field(gt=0.0, lt=1.0)]
    roster: tuple[Annotated[int, Field(ge=0)], ...] = (0,) * HOURS_PER_WEEK
    shrinkage: Annotated[float, Field(ge=0.0, lt=1.0)] = 0.0
    max_occupancy: Annotated[float, Field(gt=0.0, le=1.0)] = 0.85
    concurrency: Annotated[int, Field(ge=1)] = 1
    patience: _Duration | None = None
    rules: tuple[ReplyRule, ...] = ()


class HourPlan(CxModel):
    """One hour: forecast arrivals, people needed and rostered, and whether it breaks the
    target under today's roster.

    Examples:
        >>> from datetime import timezone
        >>> HourPlan(start=datetime(2026, 11, 27, 10, tzinfo=timezone.utc), forecast=12.0,
        ...          needed=3, rostered=2, breach=True).needed
        3
    """

    start: datetime
    forecast: float
    needed: int
    rostered: int
    breach: bool


class RuleCheck(CxModel):
    """A reply rule checked against today's roster: attainment and late tickets.

    Examples:
        >>> RuleCheck(rule="reply_24h_every_day", share=0.9, attainment=0.5, late=4, met=False).met
        False
    """

    rule: str
    share: float
    attainment: float
    late: int
    met: bool


class ChannelOutcome(CxModel):
    """A channel's week: hours, the attainment (async) or arrival-weighted service level
    (live) today's roster gives, tickets that overflow, people-hours needed and rostered, the
    extra people-hours that close the gap, and the reply rules checked.

    Examples:
        >>> ChannelOutcome(channel="email", mode="async", hours=(), attainment=1.0, overflow=0.0,
        ...                needed_hours=0, rostered_hours=0, extra_hours=0).breach_hours
        ()
    """

    channel: Channel
    mode: Literal["live", "async"]
    hours: tuple[HourPlan, ...]
    attainment: float
    overflow: float
    needed_hours: int
    rostered_hours: int
    extra_hours: int
    rules: tuple[RuleCheck, ...] = ()
    backlog_at_close: tuple[tuple[datetime, int], ...] = ()

    @property
    def breach_hours(self) -> tuple[datetime, ...]:
        """Starts of the hours that break the target under today's roster."""
        return tuple(h.start for h in self.hours if h.breach)


class WeekPlan(CxModel):
    """Every channel's outcome for the week from ``start``, under ``campaign`` if any.

    Examples:
        >>> from datetime import timezone
        >>> WeekPlan(start=datetime(2026, 11, 23, tzinfo=timezone.utc), campaign=None,
        ...          channels=()).extra_hours
        0
    """

    start: datetime
    campaign: str | None
    channels: tuple[ChannelOutcome, ...]

    @property
    def extra_hours(self) -> int:
        """People-hours to add across channels to keep every target."""
        return sum(c.extra_hours for c in self.channels)


def _live(
    setup: ChannelSetup, counts: tuple[float, ...], start: datetime, base: Sequence[float]
) -> ChannelOutcome:
    goal = LiveGoal(
        share=setup.share,
        within=setup.target,
        max_occupancy=setup.max_occupancy,
        shrinkage=setup.shrinkage,
        concurrency=setup.concurrency,
        patience=setup.patience,
    )
    is_open = open_hours(setup.calendar, start, HOURS_PER_WEEK)
    staffed = staff_live(
        [c if ok else 0.0 for c, ok in zip(counts, is_open, strict=True)],
        handle_time=setup.handle_time,
        goal=goal,
    )
    handle = setup.handle_time.total_seconds()
    within = setup.target.total_seconds()
    hours, served, offered, overflow = [], 0.0, 0.0, 0.0
    for h, (row, people) in enumerate(zip(staffed, setup.roster, strict=True)):
        arrivals = row.arrivals
        slots = math.floor(people * (1.0 - setup.shrinkage) + 1e-9) * setup.concurrency
        if arrivals == 0.0:
            level = 1.0
        elif setup.patience is None:
            level = erlang_c_service_level(arrivals * handle / 3600.0, slots, within, handle)
        else:
            level = erlang_a(
                arrival_rate=arrivals / 3600.0,
                handle=handle,
                patience=setup.patience.total_seconds(),
                servers=slots,
                within=within,
            ).service_level
        served += arrivals * level
        offered += arrivals
        overflow += arrivals * (1.0 - level)
        hours.append(
            HourPlan(
                start=start + timedelta(hours=h),
                forecast=counts[h],
                needed=row.scheduled,
                rostered=people,
                breach=level < setup.share,
            )
        )
    return ChannelOutcome(
        channel=setup.channel,
        mode="live",
        hours=tuple(hours),
        attainment=served / offered if offered else 1.0,
        overflow=overflow,
        needed_hours=sum(h.needed for h in hours),
        rostered_hours=sum(setup.roster),
        extra_hours=sum(max(0, h.needed - h.rostered) for h in hours),
    )


def _async(
    setup: ChannelSetup, counts: tuple[float, ...], start: datetime, base: Sequence[float]
) -> ChannelOutcome:
    arrivals = spread_counts(counts, start)
    before = spread_counts(base, start - timedelta(hours=HOURS_PER_WEEK))
    # A person loses ``shrinkage`` of the hour, so answers at (1 - shrinkage) / handle time:
    # the queue runs on people with a longer effective handle time, no rounding of people.
    handle = setup.handle_time / (1.0 - setup.shrinkage)
    today = list(setup.roster)

    def prepared(calendar: BusinessCalendar, target: timedelta) -> PreparedQueue:
        return PreparedQueue(
            arrivals,
            hours=HOURS_PER_WEEK,
            start=start,
            handle_time=handle,
            calendar=calendar,
            target=target,
            carry_hours=HOURS_PER_WEEK,
            warm_up=before,
        )

    now = prepared(setup.calendar, setup.target).run(today + today)
    staffable = open_hours(setup.calendar, start, HOURS_PER_WEEK)
    needed = smallest_roster(
        arrivals,
        hours=HOURS_PER_WEEK,
        start=start,
        handle_time=handle,
        calendar=setup.calendar,
        goal=AsyncGoal(share=setup.share, within=setup.target),
        staffable=staffable,
        minimum=today,
        before=before,
    ).roster
    checks = []
    for rule in setup.rules:
        clock = BusinessCalendar.always_open(setup.calendar.timezone)
        rule_calendar = clock if rule.every_day else setup.calendar
        checked = prepared(rule_calendar, rule.within).run(today + today)
        checks.append(
            RuleCheck(
                rule=rule.name,
                share=rule.share,
                attainment=checked.attainment,
                late=checked.late,
                met=checked.attainment >= rule.share,
            )
        )
        rule_staffable = [
            a or b
            for a, b in zip(
                staffable, open_hours(rule_calendar, start, HOURS_PER_WEEK), strict=True
            )
        ]
        needed = smallest_roster(
            arrivals,
            hours=HOURS_PER_WEEK,
            start=start,
            handle_time=handle,
            calendar=rule_calendar,
            goal=AsyncGoal(share=rule.share, within=rule.within),
            staffable=rule_staffable,
            minimum=needed,
            before=before,
        ).roster
    people = list(needed)
    late_hours = {h.start for h in now.hours if h.late}
    hours = tuple(
        HourPlan(
            start=start + timedelta(hours=h),
            forecast=counts[h],
            needed=max(people[h], 0),
            rostered=setup.roster[h],
            breach=(start + timedelta(hours=h)) in late_hours,
        )
        for h in range(HOURS_PER_WEEK)
    )
    return ChannelOutcome(
        channel=setup.channel,
        mode="async",
        hours=hours,
        attainment=now.attainment,
        overflow=float(now.late),
        needed_hours=sum(people),
        rostered_hours=sum(setup.roster),
        extra_hours=sum(max(0, n - r) for n, r in zip(people, setup.roster, strict=True)),
        rules=tuple(checks),
        backlog_at_close=now.backlog_at_close,
    )


def plan_week(
    setups: Sequence[ChannelSetup],
    forecasts: Mapping[Channel, Sequence[float]],
    *,
    start: datetime,
    campaign: Campaign | Sequence[Campaign] | None = None,
) -> WeekPlan:
    """Plan the week from ``start`` (Monday 00:00 in the shop's zone) for each setup, using its
    channel's 168-hour forecast, multiplied by ``campaign`` on its days (several campaigns,
    such as a holiday and a sale, multiply where they overlap).

    Examples:
        >>> from datetime import datetime
        >>> from zoneinfo import ZoneInfo
        >>> office = BusinessCalendar(timezone="Europe/Warsaw")
        >>> weekdays = ([0] * 9 + [1] * 8 + [0] * 7) * 5 + [0] * 48  # one person 09-17
        >>> email = ChannelSetup(channel="email", mode="async", handle_time="10m", calendar=office,
        ...                      target="8h", share=0.95, roster=weekdays)
        >>> monday = datetime(2026, 11, 23, tzinfo=ZoneInfo("Europe/Warsaw"))
        >>> week = plan_week([email], {"email": [0] * 9 + [4] * 8 + [0] * 151}, start=monday)
        >>> week.channels[0].attainment, week.channels[0].extra_hours
        (1.0, 0)
        >>> from datetime import date
        >>> rush = Campaign(name="BF", start=date(2026, 11, 23), end=date(2026, 11, 23),
        ...                 multipliers={"email": 4})
        >>> busy = plan_week([email], {"email": [0] * 9 + [4] * 8 + [0] * 151}, start=monday,
        ...                  campaign=rush).channels[0]
        >>> busy.overflow > 0, busy.extra_hours > 0, busy.breach_hours[0].hour
        (True, True, 13)
    """
    outcomes = []
    for setup in setups:
        forecast = forecasts.get(setup.channel)
        if forecast is None or len(forecast) != HOURS_PER_WEEK:
            raise CapacityError(
                f"channel {setup.channel.value} needs a forecast of 168 hourly counts"
            )
        if len(setup.roster) != HOURS_PER_WEEK:
            raise CapacityError(
                f"channel {setup.channel.value}: the roster must hold 168 hours, "
                f"got {len(setup.roster)}"
            )
        counts = apply_campaign(forecast, start, setup.channel, campaign)
        run = _live if setup.mode == "live" else _async
        outcomes.append(run(setup, counts, start, forecast))
    names = [one.name for one in as_campaigns(campaign)]
    return WeekPlan(
        start=start, campaign=" + ".join(names) if names else None, channels=tuple(outcomes)
    )
