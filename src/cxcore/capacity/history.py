"""From a ticket export to a forecast per channel: weekly counts, the forecast, its backtest.

Examples:
    >>> from datetime import datetime, timedelta
    >>> from zoneinfo import ZoneInfo
    >>> from cxcore.tickets import Customer, Ticket
    >>> monday = datetime(2026, 11, 2, 10, tzinfo=ZoneInfo("Europe/Warsaw"))
    >>> tickets = [Ticket(id=f"T{w}", customer=Customer(id="C"), channel="email",
    ...                   created_at=monday + timedelta(weeks=w)) for w in range(3)]
    >>> found = forecast_channels(tickets, "Europe/Warsaw", weeks=3)
    >>> found.start.date().isoformat(), round(found.forecasts["email"].weeks[0][10], 6)
    ('2026-11-23', 1.0)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from contextlib import suppress
from datetime import date, datetime, time, timedelta

from cxcore._model import CxModel, ReadOnlyDict
from cxcore._time import get_zone
from cxcore.capacity.forecast import Backtest, Forecast, backtest, forecast_weeks, weekly_counts
from cxcore.errors import CapacityError
from cxcore.tickets import Channel, Ticket

__all__ = ["ChannelForecasts", "forecast_channels"]


class ChannelForecasts(CxModel):
    """Forecasts per channel for the week from ``start`` (a Monday 00:00 in the shop's zone),
    ``ahead`` weeks after the last history week, with the backtest of each channel where the
    history is long enough (three weeks or more).

    Examples:
        >>> from datetime import timezone
        >>> empty = ChannelForecasts(start=datetime(2026, 11, 23, tzinfo=timezone.utc), ahead=1,
        ...                          history_weeks=1, forecasts={}, backtests={})
        >>> sum(empty.week("email"))
        0.0
    """

    start: datetime
    ahead: int
    history_weeks: int
    forecasts: ReadOnlyDict[Channel, Forecast]
    backtests: ReadOnlyDict[Channel, Backtest]

    def week(self, channel: Channel | str) -> tuple[float, ...]:
        """The 168 forecast counts of ``channel`` for the planned week (zeros if unseen)."""
        found = self.forecasts.get(Channel(channel))
        return found.weeks[-1] if found else (0.0,) * 168


def forecast_channels(
    tickets: Iterable[Ticket],
    tz: str,
    *,
    weeks: int,
    plan_week: date | None = None,
) -> ChannelForecasts:
    """Count each channel's tickets per hour of week over the last ``weeks`` weeks of the
    export (by creation time in ``tz``) and forecast the week after them, or the week that
    contains ``plan_week`` if later.

    Examples:
        >>> forecast_channels([], "UTC", weeks=2)
        Traceback (most recent call last):
        ...
        cxcore.errors.CapacityError: the export holds no tickets to forecast from
    """
    if weeks < 1:
        raise CapacityError(f"use at least one week of history, got {weeks}")
    by_channel: dict[Channel, list[datetime]] = defaultdict(list)
    for ticket in tickets:
        by_channel[ticket.channel].append(ticket.created_at)
    if not by_channel:
        raise CapacityError("the export holds no tickets to forecast from")
    zone = get_zone(tz)
    latest = max(max(stamps) for stamps in by_channel.values()).astimezone(zone).date()
    last_monday = latest - timedelta(days=latest.weekday())
    first_monday = last_monday - timedelta(weeks=weeks - 1)
    target = last_monday + timedelta(weeks=1)
    if plan_week is not None:
        wanted = plan_week - timedelta(days=plan_week.weekday())
        if wanted > target:
            target = wanted
    ahead = (target - last_monday).days // 7
    forecasts: dict[Channel, Forecast] = {}
    backtests: dict[Channel, Backtest] = {}
    for channel, stamps in by_channel.items():
        rows = weekly_counts(stamps, zone, first_week=first_monday)
        earliest = min(stamps).astimezone(zone).date()
        row_start = min(first_monday, earliest - timedelta(days=earliest.weekday()))
        rows = rows[(first_monday - row_start).days // 7 :][:weeks]
        if len(rows) < weeks:
            rows = rows + ((0,) * 168,) * (weeks - len(rows))
        forecasts[channel] = forecast_weeks(rows, weeks=ahead)
        if weeks >= 3:
            # identical training weeks leave MASE undefined: that channel gets no backtest
            with suppress(CapacityError):
                backtests[channel] = backtest(rows, held_out=1)
    start = datetime.combine(target, time(0), tzinfo=zone)
    return ChannelForecasts(
        start=start,
        ahead=ahead,
        history_weeks=weeks,
        forecasts=forecasts,
        backtests=backtests,
    )
