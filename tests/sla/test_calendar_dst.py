"""Known answers around DST changes in the first-class zones.

Convention under test (documented in docs/sla.md): business time is real elapsed time; a wall
time that occurs twice means its first occurrence; a wall time inside a gap means the first
real instant after the gap. Transition dates are from the IANA tz database (2026): EU zones
change on the last Sunday of March and October at 01:00 UTC; New York on 8 March and 1 November
at 02:00 local; Europe/Istanbul and Asia/Bangkok have no DST.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from cxcore.sla import BusinessCalendar, Holiday

H = timedelta(hours=1)


def at(zone: str, *args: int, fold: int = 0) -> datetime:
    return datetime(*args, tzinfo=ZoneInfo(zone), fold=fold)  # type: ignore[misc]


def day_only(zone: str, day: str, start: str, end: str) -> BusinessCalendar:
    return BusinessCalendar(timezone=zone, hours={day: [(start, end)]})


@pytest.mark.parametrize(
    ("zone", "day", "hours"),
    [
        ("Europe/Warsaw", date(2026, 3, 29), 23),
        ("Europe/Warsaw", date(2026, 10, 25), 25),
        ("Europe/Riga", date(2026, 3, 29), 23),
        ("Europe/Riga", date(2026, 10, 25), 25),
        ("Europe/Helsinki", date(2026, 3, 29), 23),
        ("Europe/Helsinki", date(2026, 10, 25), 25),
        ("Europe/Istanbul", date(2026, 3, 29), 24),
        ("Europe/Istanbul", date(2026, 10, 25), 24),
        ("Asia/Bangkok", date(2026, 3, 29), 24),
        ("America/New_York", date(2026, 3, 8), 23),
        ("America/New_York", date(2026, 11, 1), 25),
    ],
)
def test_a_whole_sunday_is_as_long_as_the_real_day(zone: str, day: date, hours: int) -> None:
    cal = day_only(zone, "sun", "00:00", "24:00")
    midnight = datetime(day.year, day.month, day.day, tzinfo=ZoneInfo(zone))
    next_midnight = midnight + timedelta(days=1)  # wall-clock arithmetic: next local midnight
    assert cal.elapsed(midnight, next_midnight) == hours * H
    assert cal.add(midnight, hours * H) == next_midnight
    assert cal.open_intervals(midnight, next_midnight + H) == [(midnight, next_midnight)]


@pytest.mark.parametrize(
    ("zone", "day", "shift", "hours"),
    [
        # Night shifts from Saturday 22:00 to Sunday 06:00 across the change.
        ("Europe/Warsaw", date(2026, 3, 28), ("22:00", "06:00"), 7),
        ("Europe/Warsaw", date(2026, 10, 24), ("22:00", "06:00"), 9),
        ("Europe/Riga", date(2026, 3, 28), ("22:00", "06:00"), 7),
        ("Europe/Riga", date(2026, 10, 24), ("22:00", "06:00"), 9),
        ("America/New_York", date(2026, 3, 7), ("22:00", "06:00"), 7),
        ("America/New_York", date(2026, 10, 31), ("22:00", "06:00"), 9),
        ("Europe/Istanbul", date(2026, 3, 28), ("22:00", "06:00"), 8),
    ],
)
def test_overnight_shift_across_a_change(
    zone: str, day: date, shift: tuple[str, str], hours: int
) -> None:
    cal = day_only(zone, "sat", *shift)
    start = datetime(day.year, day.month, day.day, 22, tzinfo=ZoneInfo(zone))
    after = day + timedelta(days=1)
    end = datetime(after.year, after.month, after.day, 6, tzinfo=ZoneInfo(zone))
    assert cal.elapsed(start - H, end + H) == hours * H
    assert cal.add(start, hours * H) == end
    assert cal.next_close(start) == end


def test_shift_inside_the_spring_gap_starts_after_it() -> None:
    # Warsaw 2026-03-29: 02:00 CET jumps to 03:00 CEST.
    cal = day_only("Europe/Warsaw", "sun", "02:30", "05:00")
    assert cal.next_open(at("Europe/Warsaw", 2026, 3, 29, 0)) == at("Europe/Warsaw", 2026, 3, 29, 3)
    assert cal.elapsed(at("Europe/Warsaw", 2026, 3, 29), at("Europe/Warsaw", 2026, 3, 30)) == 2 * H
    lost = day_only("Europe/Warsaw", "sun", "02:00", "02:45")
    assert not lost.is_working_day(date(2026, 3, 29))
    assert lost.is_working_day(date(2026, 4, 5))
    # New York 2026-03-08: 02:00 EST jumps to 03:00 EDT.
    ny = day_only("America/New_York", "sun", "02:30", "04:00")
    start = ny.next_open(datetime(2026, 3, 8, 5, tzinfo=UTC))
    assert start == datetime(2026, 3, 8, 7, tzinfo=UTC)  # 03:00 EDT


def test_shift_ending_in_the_autumn_fold_uses_the_first_occurrence() -> None:
    # Warsaw 2026-10-25: 03:00 CEST falls back to 02:00 CET; 02:30 happens twice.
    cal = day_only("Europe/Warsaw", "sun", "02:30", "03:30")
    first = at("Europe/Warsaw", 2026, 10, 25, 2, 30)
    assert first.utcoffset() == 2 * H
    assert cal.next_open(at("Europe/Warsaw", 2026, 10, 25)) == first
    assert (
        cal.elapsed(at("Europe/Warsaw", 2026, 10, 25), at("Europe/Warsaw", 2026, 10, 26)) == 2 * H
    )


def test_results_in_the_fold_keep_the_right_offset() -> None:
    cal = BusinessCalendar.always_open("Europe/Warsaw")
    start = at("Europe/Warsaw", 2026, 10, 25, 0)
    first = cal.add(start, timedelta(hours=2, minutes=30))
    second = cal.add(start, timedelta(hours=3, minutes=30))
    assert (first.hour, first.minute, first.fold, first.utcoffset()) == (2, 30, 0, 2 * H)
    assert (second.hour, second.minute, second.fold, second.utcoffset()) == (2, 30, 1, H)
    assert cal.elapsed(first, second) == H


def test_office_hours_around_the_changes() -> None:
    helsinki = BusinessCalendar(timezone="Europe/Helsinki")
    friday = at("Europe/Helsinki", 2026, 3, 27, 16)
    monday = helsinki.add(friday, 2 * H)
    assert monday == at("Europe/Helsinki", 2026, 3, 30, 10)
    assert monday.utcoffset() == 3 * H
    ny = BusinessCalendar(timezone="America/New_York")
    start = at("America/New_York", 2026, 10, 30, 16)
    assert ny.add(start, 2 * H) == at("America/New_York", 2026, 11, 2, 10)
    assert ny.elapsed(start, at("America/New_York", 2026, 11, 2, 10)) == 2 * H
    # The same deadline asked from UTC comes back in UTC.
    assert ny.add(start.astimezone(UTC), 2 * H) == datetime(2026, 11, 2, 15, tzinfo=UTC)


def test_bangkok_songkran_and_istanbul_without_dst() -> None:
    songkran = Holiday(name="Songkran", day=date(2026, 4, 13), until=date(2026, 4, 15))
    bangkok = BusinessCalendar(timezone="Asia/Bangkok", holidays=[songkran])
    friday = at("Asia/Bangkok", 2026, 4, 10, 16)
    assert bangkok.add(friday, 2 * H) == at("Asia/Bangkok", 2026, 4, 16, 10)
    istanbul = BusinessCalendar(timezone="Europe/Istanbul")
    start = at("Europe/Istanbul", 2026, 10, 23, 16)
    assert istanbul.add(start, 2 * H) == at("Europe/Istanbul", 2026, 10, 26, 10)
    assert istanbul.add(start, 2 * H).utcoffset() == 3 * H
