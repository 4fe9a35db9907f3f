"""The arrivals forecast: exact on a trend with a fixed profile, the MASE of Hyndman and Koehler,
the optional Holt-Winters model, and its laws."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxcore.capacity.forecast import backtest, forecast_weeks, weekly_counts
from cxcore.errors import CapacityError

PROFILE = [float((h % 24) in range(9, 17)) * (2.0 if h // 24 == 0 else 1.0) for h in range(168)]


def _week(total: float) -> list[float]:
    scale = total / sum(PROFILE)
    return [scale * p for p in PROFILE]


def test_trend_and_profile_are_recovered_exactly() -> None:
    # Classical decomposition (Hyndman & Athanasopoulos, "Forecasting: Principles and
    # Practice", 3rd ed., sections 3.4 and 7.4): a series that is exactly a linear trend times a
    # fixed seasonal profile is forecast without error.
    history = [_week(480 + 48 * w) for w in range(5)]  # 480, 528, ..., 672 tickets a week
    forecast = forecast_weeks(history, weeks=2)
    assert forecast.trend == pytest.approx(48.0)
    assert forecast.level == pytest.approx(672.0)
    assert sum(forecast.weeks[0]) == pytest.approx(720.0)
    assert sum(forecast.weeks[1]) == pytest.approx(768.0)
    assert forecast.weeks[0] == pytest.approx(_week(720.0))
    assert backtest(history, held_out=2).mase == pytest.approx(0.0, abs=1e-9)


def test_mase_matches_a_hand_computation() -> None:
    # Hyndman & Koehler (2006), "Another look at measures of forecast accuracy", IJF 22(4),
    # eq. for MASE with the seasonal naive scale: training weeks 10 then 20 tickets in one hour
    # -> in-sample naive MAE = 10/168 per hour; the flat-trend forecast of week 3 is 30 in that
    # hour; actual 36 -> MAE 6/168; MASE = 0.6. MAPE over hours with tickets: 6/36 = 16.67%.
    one, two, three = [0.0] * 168, [0.0] * 168, [0.0] * 168
    one[9], two[9], three[9] = 10.0, 20.0, 36.0
    result = backtest([one, two, three], held_out=1)
    assert result.mase == pytest.approx(0.6)
    assert result.mape == pytest.approx(100 * 6 / 36)


def test_weekly_counts_by_local_hour() -> None:
    stamps = [
        datetime(2026, 11, 23, 9, 30, tzinfo=UTC),  # Monday 10:30 in Warsaw (CET, +1)
        datetime(2026, 12, 6, 22, 0, tzinfo=UTC),  # Sunday 23:00 in Warsaw, two weeks later
    ]
    rows = weekly_counts(stamps, "Europe/Warsaw", first_week=date(2026, 11, 18))
    assert len(rows) == 3  # weeks of 16 Nov (Monday before the 18th), 23 Nov, 30 Nov
    assert rows[1][10] == 1 and rows[2][6 * 24 + 23] == 1 and sum(map(sum, rows)) == 2
    assert weekly_counts([], "UTC") == ()


def test_bad_history() -> None:
    with pytest.raises(CapacityError, match="168"):
        forecast_weeks([[1.0] * 10])
    with pytest.raises(CapacityError, match="at least one week"):
        forecast_weeks([])
    with pytest.raises(CapacityError, match="two training weeks"):
        backtest([[1.0] * 168] * 2, held_out=1)
    with pytest.raises(CapacityError, match="identical"):
        backtest([[1.0] * 168, [1.0] * 168, [2.0] * 168], held_out=1)


def test_a_falling_trend_stops_at_zero() -> None:
    forecast = forecast_weeks([_week(300), _week(200), _week(100)], weeks=3)
    assert [round(sum(w)) for w in forecast.weeks] == [0, 0, 0]


def test_holt_winters_backtest_states_its_error() -> None:
    pytest.importorskip("statsmodels")
    history = [[c + (h % 7) for h, c in enumerate(_week(400 + 40 * w))] for w in range(5)]
    result = backtest(history, held_out=1, method="holt_winters")
    assert result.method == "holt_winters"
    assert 0.0 < result.mase < 5.0 and result.mape < 25.0  # stated, not hidden
    with pytest.raises(CapacityError, match="four weeks"):
        backtest(history[:4], held_out=1, method="holt_winters")


counts = st.lists(st.integers(0, 50), min_size=168, max_size=168)


@settings(max_examples=30)
@given(st.lists(counts, min_size=1, max_size=4), st.integers(0, 167), st.integers(1, 40))
def test_more_recent_arrivals_never_lower_the_forecast(
    history: list[list[int]], hour: int, extra: int
) -> None:
    more = [list(row) for row in history]
    more[-1][hour] += extra
    assert sum(forecast_weeks(more).weeks[0]) >= sum(forecast_weeks(history).weeks[0]) - 1e-9


@settings(max_examples=30)
@given(st.lists(counts, min_size=1, max_size=4), st.integers(2, 5))
def test_scaling_history_scales_the_forecast(history: list[list[int]], factor: int) -> None:
    base = forecast_weeks(history).weeks[0]
    scaled = forecast_weeks([[factor * c for c in row] for row in history]).weeks[0]
    assert scaled == pytest.approx([factor * c for c in base], abs=1e-6)


def test_weekly_counts_reject_naive_times() -> None:
    from cxcore.errors import NaiveDatetimeError

    with pytest.raises(NaiveDatetimeError):
        weekly_counts([datetime(2026, 5, 4) + timedelta(hours=1)], "UTC")
