"""Invariants of BusinessCalendar (hypothesis), including agreement with a minute-stepping
reference that shares no code with the cached interval index."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from cxcore._time import instant
from cxcore.sla import BusinessCalendar
from tests.sla.calendar_reference import (
    MinuteReference,
    calendars,
    durations,
    instants,
    minute_starts,
)

MINUTE = timedelta(minutes=1)


def u(moment: datetime) -> datetime:
    """The instant in UTC: Python compares datetimes sharing a tzinfo by wall time."""
    return moment.astimezone(UTC)


def shift(moment: datetime, delta: timedelta) -> datetime:
    """Real-time arithmetic (Python's aware arithmetic is wall-clock and drops ``fold``)."""
    return (moment.astimezone(UTC) + delta).astimezone(moment.tzinfo)


CAL = calendars()


@settings(max_examples=60)
@given(data=st.data(), pair=CAL, minutes=st.integers(0, 2 * 24 * 60))
def test_add_agrees_with_the_minute_reference(
    data: st.DataObject, pair: tuple[BusinessCalendar, MinuteReference], minutes: int
) -> None:
    cal, reference = pair
    start = data.draw(minute_starts(cal.timezone))
    minutes %= 2 * reference.weekly_minutes + 1  # keeps the stepping to a few weeks
    # Compare instants: Python (PEP 495) says an ambiguous local time never equals a time in
    # another zone, so 02:00 (first pass) in Warsaw != 00:00 UTC although they are one instant.
    assert instant(cal.add(start, minutes * MINUTE)) == instant(reference.add(start, minutes))


@settings(max_examples=40)
@given(data=st.data(), pair=CAL, minutes=st.integers(0, 3 * 24 * 60))
def test_elapsed_and_is_open_agree_with_the_minute_reference(
    data: st.DataObject, pair: tuple[BusinessCalendar, MinuteReference], minutes: int
) -> None:
    cal, reference = pair
    start = data.draw(minute_starts(cal.timezone))
    end = shift(start, minutes * MINUTE)
    assert cal.elapsed(start, end) == reference.elapsed(start, end)
    assert cal.is_open(start) == reference.is_open(start)


@settings(max_examples=100)
@given(pair=CAL, start=instants(), duration=durations)
def test_elapsed_inverts_add_and_subtract(
    pair: tuple[BusinessCalendar, MinuteReference], start: datetime, duration: timedelta
) -> None:
    cal, _ = pair
    end = cal.add(start, duration)
    assert u(end) >= u(start) and end.tzinfo is start.tzinfo
    assert cal.elapsed(start, end) == duration
    begin = cal.subtract(start, duration)
    assert cal.elapsed(begin, start) == duration


@settings(max_examples=60)
@given(pair=CAL, start=instants(), first=durations, second=durations)
def test_monotonic_and_additive(
    pair: tuple[BusinessCalendar, MinuteReference],
    start: datetime,
    first: timedelta,
    second: timedelta,
) -> None:
    cal, _ = pair
    small, large = sorted((first, second))
    assert u(cal.add(start, small)) <= u(cal.add(start, large))
    later = shift(start, small)
    assert u(cal.add(start, second)) <= u(cal.add(later, second))
    if second > timedelta(0):
        # Additivity needs a positive second step: a zero step from a closing instant moves on
        # to the next opening by definition.
        assert u(cal.add(cal.add(start, first), second)) == u(cal.add(start, first + second))


@settings(max_examples=50)
@given(
    pair=CAL,
    start=instants(),
    duration=durations,
    gaps=st.lists(st.tuples(durations, durations), max_size=4),
)
def test_pauses_are_consistent(
    pair: tuple[BusinessCalendar, MinuteReference],
    start: datetime,
    duration: timedelta,
    gaps: list[tuple[timedelta, timedelta]],
) -> None:
    cal, _ = pair
    pauses = [(shift(start, a), shift(start, a + b)) for a, b in gaps]
    end = cal.add(start, duration, pauses=pauses)
    assert cal.elapsed(start, end, pauses=pauses) == duration
    assert u(end) >= u(cal.add(start, duration))


@settings(max_examples=40)
@given(pair=CAL, start=instants(), span=durations)
def test_open_intervals_next_open_and_next_close_fit_together(
    pair: tuple[BusinessCalendar, MinuteReference], start: datetime, span: timedelta
) -> None:
    cal, _ = pair
    end = shift(start, span)
    found = cal.open_intervals(start, end)
    assert sum((b - a for a, b in found), timedelta(0)) == cal.elapsed(start, end)
    for a, b in found:
        assert cal.is_open(a) and u(a) < u(b)
    opening = cal.next_open(start)
    assert cal.is_open(opening)
    assert cal.elapsed(start, opening) == timedelta(0)
    closing = cal.next_close(start)
    assert u(closing) > u(opening) and not cal.is_open(closing)
    assert cal.elapsed(opening, closing) == closing - opening
