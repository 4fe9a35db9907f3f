"""Arrivals forecast per hour of week: a weekly profile scaled by a level and a trend.

History is a list of weeks, each 168 counts (Monday 00:00 first, local wall hours of the shop's
zone, as [busiest_hours][cxcore.metrics.busiest_hours] counts them). The default model is the
classical decomposition for a short, strongly seasonal series: the *profile* is each hour's
share of all history's tickets, the weekly *total* follows a least-squares line through the
history's weekly totals (level and trend), and the forecast of hour ``h`` in week ``k`` is
``total(k) x profile[h]``. With one week of history there is no trend.

[backtest][cxcore.capacity.forecast.backtest] holds out the last weeks, forecasts them from the
rest and states the error as MASE (Hyndman and Koehler 2006, scaled by the in-sample seasonal
naive forecast, lag 168) and MAPE (over hours that had tickets). An optional statistical model,
Holt-Winters exponential smoothing from ``statsmodels`` (extra ``forecast``) with fixed smoothing
weights (level 0.05, trend 0.01, season 0.2), goes through the same backtest.

Examples:
    >>> week = [0.0] * 168
    >>> week[9], week[10] = 10.0, 30.0
    >>> f = forecast_weeks([week, [2 * c for c in week]], weeks=1)
    >>> f.weeks[0][9], f.weeks[0][10], f.trend
    (30.0, 90.0, 40.0)
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta, tzinfo
from typing import Literal, Protocol

from cxcore._model import CxModel
from cxcore._time import ensure_aware, get_zone
from cxcore.errors import CapacityError

__all__ = [
    "HOURS_PER_WEEK",
    "Backtest",
    "Forecast",
    "HourGrid",
    "backtest",
    "forecast_from_hours",
    "forecast_weeks",
    "weekly_counts",
]

HOURS_PER_WEEK = 168
"""Hours in a week: a weekly profile has one slot per hour, Monday 00:00 first.

Examples:
    >>> HOURS_PER_WEEK == 7 * 24
    True
"""
Method = Literal["profile", "holt_winters"]
_ALPHA, _BETA, _GAMMA = 0.05, 0.01, 0.2


class Forecast(CxModel):
    """Forecast counts: ``weeks[k][h]`` tickets in hour ``h`` (Monday 00:00 = 0) of the ``k``-th
    week after the history, with the model's ``profile``, ``level`` (the last history week's
    fitted total) and ``trend`` (tickets per week per week).

    Examples:
        >>> Forecast(method="profile", weeks=(), profile=(), level=0.0, trend=0.0).method
        'profile'
    """

    method: Method
    weeks: tuple[tuple[float, ...], ...]
    profile: tuple[float, ...]
    level: float
    trend: float


class Backtest(CxModel):
    """The error of a method on held-out weeks: MASE (below 1 beats the seasonal naive
    forecast), MAPE in percent over hours that had tickets, and the weeks held out.

    Examples:
        >>> Backtest(method="profile", held_out=1, mase=0.5, mape=12.0).mase
        0.5
    """

    method: Method
    held_out: int
    mase: float
    mape: float


class HourGrid(Protocol):
    """Anything with counts by weekday (Monday first) and hour, such as the
    [HourCounts][cxcore.metrics.HourCounts] that [busiest_hours][cxcore.metrics.busiest_hours]
    returns."""

    @property
    def by_hour_of_week(self) -> Sequence[Sequence[int]]: ...


def forecast_from_hours(counts: HourGrid, weeks_observed: int, weeks: int = 1) -> Forecast:
    """A flat forecast from hour-of-week counts gathered over ``weeks_observed`` weeks (no
    trend: the counts carry no week-by-week history).

    Examples:
        >>> from datetime import datetime, timezone
        >>> from cxcore.metrics import busiest_hours
        >>> stamps = [datetime(2026, 11, d, 9, tzinfo=timezone.utc) for d in (2, 9, 16, 23)]
        >>> forecast_from_hours(busiest_hours(stamps, "UTC"), weeks_observed=4).weeks[0][9]
        1.0
    """
    if weeks_observed < 1:
        raise CapacityError(f"weeks_observed must be at least 1, got {weeks_observed}")
    grid = [float(c) / weeks_observed for row in counts.by_hour_of_week for c in row]
    return forecast_weeks([grid], weeks=weeks, trend=False)


def _check(history: Sequence[Sequence[float]]) -> list[list[float]]:
    weeks = [list(map(float, week)) for week in history]
    if not weeks:
        raise CapacityError("the history needs at least one week of 168 hourly counts")
    for index, week in enumerate(weeks):
        if len(week) != HOURS_PER_WEEK or any(c < 0 or not math.isfinite(c) for c in week):
            raise CapacityError(
                f"history week {index} must hold 168 finite counts >= 0, got {len(week)} values"
            )
    return weeks


def weekly_counts(
    timestamps: Iterable[datetime], tz: str | tzinfo, *, first_week: date | None = None
) -> tuple[tuple[int, ...], ...]:
    """Tickets per local hour of week, one row per week from the Monday of the first timestamp
    (or ``first_week``'s Monday) to the last, empty weeks included.

    Examples:
        >>> from datetime import timezone
        >>> rows = weekly_counts([datetime(2026, 5, 4, 7, 30, tzinfo=timezone.utc),
        ...                       datetime(2026, 5, 12, 8, tzinfo=timezone.utc)], "Europe/Warsaw")
        >>> len(rows), rows[0][9], rows[1][24 + 10]
        (2, 1, 1)
    """
    zone = get_zone(tz)
    cells: list[tuple[date, int]] = []
    for at in timestamps:
        local = ensure_aware(at, "timestamp").astimezone(zone)
        monday = local.date() - timedelta(days=local.weekday())
        cells.append((monday, local.weekday() * 24 + local.hour))
    if not cells:
        return ()
    start = min(monday for monday, _ in cells)
    if first_week is not None:
        start = min(start, first_week - timedelta(days=first_week.weekday()))
    count = (max(monday for monday, _ in cells) - start).days // 7 + 1
    grid = [[0] * HOURS_PER_WEEK for _ in range(count)]
    for monday, hour in cells:
        grid[(monday - start).days // 7][hour] += 1
    return tuple(tuple(row) for row in grid)


def _line(totals: list[float]) -> tuple[float, float]:
    """Least-squares level at the last point and slope per step."""
    n = len(totals)
    if n == 1:
        return totals[0], 0.0
    mean_x = (n - 1) / 2
    mean_y = sum(totals) / n
    sxx = sum((x - mean_x) ** 2 for x in range(n))
    slope = sum((x - mean_x) * (y - mean_y) for x, y in enumerate(totals)) / sxx
    return mean_y + slope * (n - 1 - mean_x), slope


def forecast_weeks(
    history: Sequence[Sequence[float]], weeks: int = 1, *, trend: bool = True
) -> Forecast:
    """Forecast ``weeks`` weeks after ``history`` with the weekly profile, level and trend
    (``trend=False`` keeps the level flat). A falling trend never forecasts below zero.

    Examples:
        >>> forecast_weeks([[1.0] * 168], weeks=2).weeks[1][0]
        1.0
    """
    rows = _check(history)
    if weeks < 1:
        raise CapacityError(f"forecast at least one week, got {weeks}")
    totals = [sum(row) for row in rows]
    grand = sum(totals)
    profile = (
        [sum(row[h] for row in rows) / grand for h in range(HOURS_PER_WEEK)]
        if grand
        else [0.0] * HOURS_PER_WEEK
    )
    level, slope = _line(totals)
    if not trend:
        level, slope = sum(totals) / len(totals), 0.0
    out = []
    for k in range(1, weeks + 1):
        total = max(0.0, level + slope * k)
        out.append(tuple(total * share for share in profile))
    return Forecast(
        method="profile", weeks=tuple(out), profile=tuple(profile), level=level, trend=slope
    )


def _holt_winters(rows: list[list[float]], weeks: int) -> Forecast:
    try:
        from statsmodels.tsa.holtwinters import ExponentialSmoothing
    except ImportError:
        raise CapacityError(
            "the holt_winters method needs statsmodels: pip install 'cxcore[forecast]'"
        ) from None
    if len(rows) < 4:
        raise CapacityError(
            f"holt_winters needs at least four weeks of history to start from, got {len(rows)}"
        )
    series = [c for row in rows for c in row]
    # Fixed smoothing weights: with a few weeks of 168-hour seasons the likelihood is too flat
    # to estimate 170 states reliably (statsmodels' optimiser does not converge there), and the
    # backtest states the error of these weights on the shop's own data anyway.
    fitted = ExponentialSmoothing(
        series,
        trend="add",
        seasonal="add",
        seasonal_periods=HOURS_PER_WEEK,
        initialization_method="heuristic",
    ).fit(smoothing_level=_ALPHA, smoothing_trend=_BETA, smoothing_seasonal=_GAMMA, optimized=False)
    values = [max(0.0, float(v)) for v in fitted.forecast(weeks * HOURS_PER_WEEK)]
    out = tuple(tuple(values[k * HOURS_PER_WEEK : (k + 1) * HOURS_PER_WEEK]) for k in range(weeks))
    total = sum(out[0]) or 1.0
    return Forecast(
        method="holt_winters",
        weeks=out,
        profile=tuple(v / total for v in out[0]),
        level=sum(out[0]),
        trend=sum(out[1]) - sum(out[0]) if weeks > 1 else 0.0,
    )


def _forecast(rows: list[list[float]], weeks: int, method: Method) -> Forecast:
    if method == "holt_winters":
        return _holt_winters(rows, weeks)
    return forecast_weeks(rows, weeks)


def backtest(
    history: Sequence[Sequence[float]], *, held_out: int = 1, method: Method = "profile"
) -> Backtest:
    """Forecast the last ``held_out`` weeks from the weeks before them and state the error.

    MASE divides the mean absolute error by the in-sample mean absolute error of the seasonal
    naive forecast (each hour equals the same hour a week earlier), so it needs two training
    weeks that differ somewhere.

    Examples:
        >>> week = [float(h % 24 > 8) for h in range(168)]
        >>> backtest([week, week, week], held_out=1).mase
        0.0
    """
    rows = _check(history)
    if held_out < 1 or len(rows) - held_out < 2:
        raise CapacityError(
            f"a backtest needs two training weeks besides the {held_out} held out; "
            f"the history has {len(rows)}"
        )
    train, test = rows[:-held_out], rows[-held_out:]
    predicted = _forecast(train, held_out, method).weeks
    flat_train = [c for row in train for c in row]
    naive = [
        abs(flat_train[i] - flat_train[i - HOURS_PER_WEEK])
        for i in range(HOURS_PER_WEEK, len(flat_train))
    ]
    scale = sum(naive) / len(naive)
    errors = [
        abs(a - f)
        for actual, guess in zip(test, predicted, strict=True)
        for a, f in zip(actual, guess, strict=True)
    ]
    mae = sum(errors) / len(errors)
    if scale == 0.0:
        if mae:
            raise CapacityError(
                "MASE is undefined: the training weeks are identical, so the seasonal naive "
                "forecast has no error to scale by"
            )
        mase = 0.0
    else:
        mase = mae / scale
    ratios = [
        abs(a - f) / a
        for actual, guess in zip(test, predicted, strict=True)
        for a, f in zip(actual, guess, strict=True)
        if a > 0
    ]
    mape = 100.0 * sum(ratios) / len(ratios) if ratios else 0.0
    return Backtest(method=method, held_out=held_out, mase=mase, mape=mape)
