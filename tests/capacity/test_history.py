"""Forecasting each channel of an export for the week to plan."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from cxcore.capacity import forecast_channels
from cxcore.errors import CapacityError
from cxcore.tickets import Customer, Ticket

WARSAW = ZoneInfo("Europe/Warsaw")


def _tickets(weeks: int, per_week: int, channel: str = "email") -> list[Ticket]:
    monday = datetime(2026, 10, 26, 10, tzinfo=WARSAW)
    return [
        Ticket(
            id=f"{channel}-{w}-{n}",
            customer=Customer(id="C"),
            channel=channel,
            created_at=monday + timedelta(weeks=w, minutes=n),
        )
        for w in range(weeks)
        for n in range(per_week * (w + 1))
    ]


def test_the_week_after_the_history_with_trend_and_backtest() -> None:
    found = forecast_channels(_tickets(4, 5), "Europe/Warsaw", weeks=4)
    assert found.start == datetime(2026, 11, 23, tzinfo=WARSAW)
    assert found.ahead == 1
    # 5, 10, 15, 20 tickets a week at Monday 10:00 -> 25 next week
    assert sum(found.week("email")) == pytest.approx(25.0)
    assert found.backtests["email"].mase == pytest.approx(0.0, abs=1e-9)
    assert sum(found.week("phone")) == 0.0


def test_a_later_campaign_week_is_forecast_further_ahead() -> None:
    found = forecast_channels(
        _tickets(4, 5), "Europe/Warsaw", weeks=4, plan_week=date(2026, 12, 10)
    )
    assert found.start.date() == date(2026, 12, 7) and found.ahead == 3
    assert sum(found.week("email")) == pytest.approx(35.0)


def test_short_history_uses_the_last_weeks_and_pads_quiet_channels() -> None:
    tickets = _tickets(4, 5) + _tickets(1, 3, "phone")  # phone only in the first week
    found = forecast_channels(tickets, "Europe/Warsaw", weeks=2)
    assert sum(found.week("email")) == pytest.approx(25.0)
    assert sum(found.week("phone")) == 0.0  # not seen in the last two weeks
    assert found.backtests == {}


def test_bad_input() -> None:
    with pytest.raises(CapacityError, match="at least one week"):
        forecast_channels(_tickets(1, 1), "UTC", weeks=0)
