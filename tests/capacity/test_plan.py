"""A week's plan under a campaign: breaches, overflow, extra hours and marketplace rules."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from cxcore.capacity import Campaign, ChannelSetup, plan_week, preset_rule
from cxcore.errors import CapacityError, InvalidInputError
from cxcore.sla import BusinessCalendar

WARSAW = ZoneInfo("Europe/Warsaw")
MONDAY = datetime(2026, 11, 23, tzinfo=WARSAW)  # Black Friday is 27 November 2026
OFFICE = BusinessCalendar(timezone="Europe/Warsaw")
CHAT = BusinessCalendar(
    timezone="Europe/Warsaw",
    hours={day: [("08:00", "20:00")] for day in ("mon", "tue", "wed", "thu", "fri")},
)
DAY = [0] * 9 + [1] * 8 + [0] * 7
WEEKDAYS = DAY * 5 + [0] * 48
BLACK_FRIDAY = Campaign(
    name="Black Friday",
    start=date(2026, 11, 27),
    end=date(2026, 11, 30),
    multipliers={"live_chat": 3, "email": 2},
)


def _hours(per_hour: float, day: list[int]) -> list[float]:
    return [per_hour * flag for flag in day * 7]


def test_live_chat_breaks_on_black_friday_and_says_how_much_to_add() -> None:
    chat_day = [0] * 8 + [1] * 12 + [0] * 4
    setup = ChannelSetup(
        channel="live_chat",
        mode="live",
        handle_time="6m",
        calendar=CHAT,
        target="60s",
        share=0.8,
        roster=[2 * f for f in chat_day] * 5 + [0] * 48,
        concurrency=2,
        patience="3m",
    )
    forecast = _hours(20.0, chat_day)
    quiet = plan_week([setup], {"live_chat": forecast}, start=MONDAY).channels[0]
    busy = plan_week([setup], {"live_chat": forecast}, start=MONDAY, campaign=BLACK_FRIDAY)
    peak = busy.channels[0]
    assert quiet.breach_hours == () and quiet.extra_hours == 0
    assert peak.breach_hours and all(h.weekday() == 4 for h in peak.breach_hours)
    assert peak.extra_hours > 0 and peak.overflow > quiet.overflow
    friday_10 = peak.hours[4 * 24 + 10]
    assert (friday_10.forecast, friday_10.rostered) == (60.0, 2)
    assert friday_10.needed > friday_10.rostered
    assert busy.campaign == "Black Friday" and busy.extra_hours == peak.extra_hours


def test_email_backlog_and_gap_under_the_campaign() -> None:
    setup = ChannelSetup(
        channel="email",
        mode="async",
        handle_time="10m",
        calendar=OFFICE,
        target="4h",
        share=0.95,
        roster=WEEKDAYS,
    )
    forecast = [5.0 * flag for flag in WEEKDAYS]  # 40 a day = 400 of 480 agent-minutes a day
    quiet = plan_week([setup], {"email": forecast}, start=MONDAY).channels[0]
    peak = plan_week([setup], {"email": forecast}, start=MONDAY, campaign=BLACK_FRIDAY).channels[0]
    assert quiet.attainment >= 0.95 and quiet.extra_hours == 0
    assert peak.hours[4 * 24 + 9].forecast == 10.0
    # Friday x2 is more than one person answers: tickets wait over the weekend and run late
    assert peak.backlog_at_close[4][1] > 0 and peak.overflow > 0 and peak.extra_hours > 0
    assert all(h.weekday() == 4 for h in peak.breach_hours)
    assert peak.needed_hours >= quiet.needed_hours


def test_marketplace_rule_needs_weekend_cover() -> None:
    setup = ChannelSetup(
        channel="marketplace",
        mode="async",
        handle_time="5m",
        calendar=OFFICE,
        target="8h",
        share=0.95,
        roster=WEEKDAYS,
        rules=(preset_rule("reply_24h_every_day"),),
    )
    every_day = [0] * 10 + [2] * 8 + [0] * 6
    outcome = plan_week([setup], {"marketplace": every_day * 7}, start=MONDAY).channels[0]
    (check,) = outcome.rules
    assert check.rule == "reply_24h_every_day" and not check.met and check.late > 0
    weekend = outcome.hours[5 * 24 :]
    assert sum(h.needed for h in weekend) > 0 == sum(h.rostered for h in weekend)
    assert outcome.extra_hours >= sum(h.needed for h in weekend)


def test_bad_setups() -> None:
    setup = ChannelSetup(
        channel="email", mode="async", handle_time="5m", calendar=OFFICE, target="8h", share=0.9
    )
    with pytest.raises(CapacityError, match="168"):
        plan_week([setup], {"email": [1.0] * 24}, start=MONDAY)
    with pytest.raises(CapacityError, match="168"):
        plan_week([setup.model_copy(update={"roster": (1,)})], {"email": [0] * 168}, start=MONDAY)
    with pytest.raises(InvalidInputError):
        ChannelSetup(
            channel="email", mode="async", handle_time="5m", calendar=OFFICE, target="8h", share=1.5
        )
    with pytest.raises(CapacityError, match="ends"):
        Campaign(name="x", start=date(2026, 1, 2), end=date(2026, 1, 1))
    with pytest.raises(CapacityError, match="presets"):
        preset_rule("nope")


def test_campaign_days_follow_the_shops_zone() -> None:
    from cxcore.capacity import apply_campaign

    start = MONDAY + timedelta(days=3, hours=23)  # Thursday 23:00 in Warsaw
    assert apply_campaign([1.0, 1.0], start, "email", BLACK_FRIDAY) == (1.0, 2.0)
