"""Aware datetimes, IANA zones, durations and clocks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from cxcore._time import (
    Clock,
    FixedClock,
    ManualClock,
    SystemClock,
    ensure_aware,
    ensure_non_negative,
    get_zone,
)
from cxcore.errors import NaiveDatetimeError, NegativeDurationError, UnknownTimezoneError


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(NaiveDatetimeError, match="has no time zone"):
        ensure_aware(datetime(2026, 3, 29, 2, 30))


def test_aware_datetimes_pass_through() -> None:
    at = datetime(2026, 3, 29, 1, 30, tzinfo=ZoneInfo("Europe/Warsaw"))
    assert ensure_aware(at) is at


def test_non_datetimes_are_refused() -> None:
    with pytest.raises(NaiveDatetimeError, match="must be a datetime"):
        ensure_aware("2026-01-01")  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["Europe/Atlantis", "", " Europe/Warsaw", "../etc/passwd"])
def test_unknown_zones(name: str) -> None:
    with pytest.raises(UnknownTimezoneError):
        get_zone(name)


@pytest.mark.parametrize(
    "name",
    ["Europe/Warsaw", "Europe/Riga", "Europe/Istanbul", "Europe/Helsinki", "Asia/Bangkok"],
)
def test_first_class_zones_resolve(name: str) -> None:
    assert str(get_zone(name)) == name


def test_tzinfo_passes_through() -> None:
    assert get_zone(UTC) is UTC


def test_negative_durations() -> None:
    assert ensure_non_negative(timedelta(0)) == timedelta(0)
    with pytest.raises(NegativeDurationError):
        ensure_non_negative(timedelta(seconds=-1))


def test_clocks() -> None:
    t0 = datetime(2026, 11, 23, 9, tzinfo=UTC)
    fixed = FixedClock(t0)
    manual = ManualClock(t0)
    assert isinstance(fixed, Clock) and isinstance(manual, Clock)
    assert isinstance(SystemClock(), Clock)
    assert fixed.now() == t0
    assert manual.advance(timedelta(hours=1)) == t0 + timedelta(hours=1)
    assert manual.set(t0 + timedelta(hours=2)) == manual.now()
    with pytest.raises(NegativeDurationError):
        manual.advance(timedelta(seconds=-1))
    with pytest.raises(NegativeDurationError):
        manual.set(t0)
    with pytest.raises(NaiveDatetimeError):
        FixedClock(datetime(2026, 1, 1))
    assert SystemClock().now().utcoffset() == timedelta(0)


def test_manual_clock_moves_by_real_time_over_dst_changes() -> None:
    warsaw = ZoneInfo("Europe/Warsaw")
    # One real hour after 01:30 CET on 29 March 2026 (spring forward) is 03:30 CEST.
    clock = ManualClock(datetime(2026, 3, 29, 1, 30, tzinfo=warsaw))
    assert clock.advance(timedelta(hours=1)).isoformat() == "2026-03-29T03:30:00+02:00"
    # On 25 October 2026 (fall back) 02:10 second pass is 20 minutes after 02:50 first pass.
    clock = ManualClock(datetime(2026, 10, 25, 2, 50, tzinfo=warsaw))
    second_pass = datetime(2026, 10, 25, 2, 10, fold=1, tzinfo=warsaw)
    assert clock.set(second_pass).isoformat() == "2026-10-25T02:10:00+01:00"
    with pytest.raises(NegativeDurationError):
        clock.set(datetime(2026, 10, 25, 2, 50, tzinfo=warsaw))
