"""Batch forms: NumPy and plain Python give the same answers as the one-at-a-time methods."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from cxcore.errors import NaiveDatetimeError, NegativeDurationError, NoOpenTimeError
from cxcore.sla import BusinessCalendar, Holiday, _batch

WARSAW = ZoneInfo("Europe/Warsaw")


def calendar() -> BusinessCalendar:
    return BusinessCalendar(
        timezone="Europe/Warsaw",
        hours={
            "mon": [("09:00", "17:00")],
            "tue": [("09:00", "12:00"), ("13:00", "17:00")],
            "wed": [("09:00", "17:00")],
            "thu": [("09:00", "17:00")],
            "fri": [("09:00", "13:00"), ("22:00", "06:00")],
        },
        holidays=[date(2026, 5, 1), Holiday(day=date(2026, 12, 24), hours=[("00:00", "13:00")])],
    )


def sample(count: int, seed: int = 7) -> tuple[list[datetime], list[timedelta]]:
    rng = random.Random(seed)
    zones = [WARSAW, ZoneInfo("America/New_York"), UTC]
    base = datetime(2026, 1, 1, tzinfo=UTC)
    starts = [
        (base + timedelta(seconds=rng.randrange(365 * 86_400))).astimezone(rng.choice(zones))
        for _ in range(count)
    ]
    durations = [timedelta(seconds=rng.choice([0, rng.randrange(40 * 3600)])) for _ in starts]
    return starts, durations


@pytest.mark.parametrize("numpy_installed", [True, False])
def test_add_many_and_elapsed_many_match_single_calls(
    numpy_installed: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not numpy_installed:
        monkeypatch.setattr(_batch, "np", None)
    cal = calendar()
    starts, durations = sample(400)
    expected = [cal.add(s, d) for s, d in zip(starts, durations, strict=True)]
    ends = cal.add_many(starts, durations)
    assert ends == expected
    assert [e.tzinfo for e in ends] == [s.tzinfo for s in starts]
    assert cal.elapsed_many(starts, ends) == durations
    assert cal.add_many(starts, timedelta(hours=1)) == [
        cal.add(s, timedelta(hours=1)) for s in starts
    ]
    assert cal.add_many([], []) == [] and cal.elapsed_many([], []) == []


def test_datetime64_arrays_in_and_out() -> None:
    cal = calendar()
    starts, durations = sample(300, seed=3)
    as_utc = np.array([s.astimezone(UTC).replace(tzinfo=None) for s in starts], "datetime64[us]")
    spans = np.array(durations, dtype="timedelta64[us]")
    ends = cal.add_many(as_utc, spans)
    assert ends.dtype == np.dtype("datetime64[us]")
    expected = [
        cal.add(s, d).astimezone(UTC).replace(tzinfo=None)
        for s, d in zip(starts, durations, strict=True)
    ]
    assert ends.tolist() == expected
    back = cal.elapsed_many(as_utc, ends)
    assert back.dtype == np.dtype("timedelta64[us]") and back.tolist() == durations


def test_batch_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    cal = calendar()
    start = datetime(2026, 5, 4, 9, tzinfo=WARSAW)
    with pytest.raises(NaiveDatetimeError):
        cal.add_many([datetime(2026, 5, 4, 9)], timedelta(hours=1))
    with pytest.raises(NegativeDurationError):
        cal.add_many([start], [timedelta(hours=-1)])
    with pytest.raises(NegativeDurationError):
        cal.add_many([start, start], [timedelta(hours=1)])
    with pytest.raises(NegativeDurationError):
        cal.elapsed_many([start], [start - timedelta(hours=1)])
    with pytest.raises(NaiveDatetimeError):
        cal.add_many(np.array([np.datetime64("NaT")], "datetime64[us]"), timedelta(hours=1))
    with pytest.raises(NegativeDurationError):
        cal.add_many(
            np.array(["2026-05-04T09"], "datetime64[us]"), np.array([-5], "timedelta64[s]")
        )
    closed = BusinessCalendar(timezone="UTC", hours={})
    with pytest.raises(NoOpenTimeError):
        closed.add_many([start], timedelta(hours=1))
    monkeypatch.setattr(_batch, "np", None)
    with pytest.raises(NoOpenTimeError):
        closed.add_many([start], timedelta(hours=1))
