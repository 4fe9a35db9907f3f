"""Weekly opening hours: wall-clock times, weekday keys, intervals and their validation.

Times are kept as canonical strings (``"09:00"``, ``"17:30:15"``, ``"24:00"``) so a calendar
stays readable JSON; internally a time is a count of microseconds since local midnight. An
interval whose end is not after its start crosses midnight and belongs to its start day, so its
end lies on the next day (up to 48 hours after the start day's midnight).

Examples:
    >>> parse_interval(("22:00", "06:00"))
    (79200000000, 108000000000)
    >>> parse_interval(("09:00", "24:00"))[1] == DAY_US
    True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import time
from itertools import pairwise
from typing import Annotated, Any

from pydantic import BeforeValidator

from cxcore.errors import CalendarError

__all__ = [
    "DAY_US",
    "WEEKDAYS",
    "Interval",
    "WallTime",
    "format_interval",
    "intersect",
    "normalize_hours",
    "normalize_time",
    "parse_interval",
    "parse_time",
    "validate_day",
    "validate_week",
]

SECOND_US = 1_000_000
DAY_US = 86_400 * SECOND_US
WEEK_US = 7 * DAY_US
WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
"""Weekday keys of ``BusinessCalendar.hours``, Monday first (``date.weekday()`` order)."""

_LONG_NAMES = {
    "monday": "mon",
    "tuesday": "tue",
    "wednesday": "wed",
    "thursday": "thu",
    "friday": "fri",
    "saturday": "sat",
    "sunday": "sun",
}
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?$")


def parse_time(value: str) -> int:
    """Microseconds since midnight of an ``"HH:MM[:SS[.ffffff]]"`` string; ``"24:00"`` is a day.

    Examples:
        >>> parse_time("09:30"), parse_time("24:00") // 3_600_000_000
        (34200000000, 24)
    """
    match = _TIME.match(value.strip()) if isinstance(value, str) else None
    if match is None:
        raise CalendarError(
            f"bad time {value!r}; write times as 'HH:MM' or 'HH:MM:SS' (00:00 to 24:00)"
        )
    hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
    micro = int((match[4] or "0").ljust(6, "0"))
    if minute > 59 or second > 59 or hour > 24 or (hour == 24 and (minute or second or micro)):
        raise CalendarError(f"bad time {value!r}; hours run 00-23 (or 24:00), minutes 00-59")
    return ((hour * 60 + minute) * 60 + second) * SECOND_US + micro


def _format_time(micros: int) -> str:
    seconds, micro = divmod(micros, SECOND_US)
    minutes, second = divmod(seconds, 60)
    hour, minute = divmod(minutes, 60)
    text = f"{hour:02d}:{minute:02d}"
    if second or micro:
        text += f":{second:02d}"
    if micro:
        text += f".{micro:06d}"
    return text


def normalize_time(value: Any) -> str:
    """Canonical string for a time given as text or as a naive ``datetime.time``.

    Examples:
        >>> normalize_time("9:00"), normalize_time(time(17, 30, 15))
        ('09:00', '17:30:15')
    """
    if isinstance(value, time):
        if value.tzinfo is not None:
            raise CalendarError(
                f"opening times are wall-clock times; got {value!r} with a time zone "
                "(the calendar's timezone applies)"
            )
        return _format_time(
            ((value.hour * 60 + value.minute) * 60 + value.second) * SECOND_US + value.microsecond
        )
    if not isinstance(value, str):
        raise CalendarError(f"bad time {value!r}; give 'HH:MM' text or a datetime.time")
    return _format_time(parse_time(value))


WallTime = Annotated[str, BeforeValidator(normalize_time)]
"""A wall-clock time as canonical ``"HH:MM[:SS[.ffffff]]"`` text; ``"24:00"`` closes a day."""

Interval = tuple[WallTime, WallTime]
"""An opening interval ``(start, end)`` of wall-clock times."""


def parse_interval(pair: Sequence[str]) -> tuple[int, int]:
    """Day-relative microseconds ``(start, end)``; an end not after the start is on the next day.

    Examples:
        >>> parse_interval(("00:00", "00:00")) == (0, DAY_US)
        True
    """
    start, end = parse_time(pair[0]), parse_time(pair[1])
    if start == DAY_US:
        raise CalendarError(f"interval {pair[0]}-{pair[1]} starts at 24:00; start at 00:00 instead")
    if end <= start:
        end += DAY_US
    return start, end


def format_interval(span: tuple[int, int]) -> str:
    """``"HH:MM-HH:MM"`` text of a day-relative interval, for messages.

    Examples:
        >>> format_interval((79200000000, 108000000000))
        '22:00-06:00'
    """
    end = span[1] - DAY_US if span[1] > DAY_US else span[1]
    return f"{_format_time(span[0])}-{_format_time(end)}"


def _normalize_intervals(where: str, value: Any) -> tuple[tuple[str, str], ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise CalendarError(
            f"{where}: give a list of (start, end) pairs such as [('09:00', '17:00')], "
            f"got {value!r}"
        )
    result = []
    for pair in value:
        if isinstance(pair, str | bytes) or not isinstance(pair, Sequence) or len(pair) != 2:
            raise CalendarError(
                f"{where}: each interval is a (start, end) pair like ('09:00', '17:00'), "
                f"got {pair!r}"
            )
        result.append((normalize_time(pair[0]), normalize_time(pair[1])))
    return tuple(result)


def _weekday_key(key: Any) -> str:
    name = key.strip().lower() if isinstance(key, str) else key
    if name in WEEKDAYS:
        return str(name)
    if name in _LONG_NAMES:
        return _LONG_NAMES[name]
    raise CalendarError(f"bad weekday key {key!r}; use one of {', '.join(WEEKDAYS)}")


def normalize_hours(value: Any) -> dict[str, tuple[tuple[str, str], ...]]:
    """Weekly hours with canonical keys and times, Monday first, closed days left out.

    Examples:
        >>> normalize_hours({"Friday": [("22:00", "6:00")], "mon": [("9:00", "17:00")]})
        {'mon': (('09:00', '17:00'),), 'fri': (('22:00', '06:00'),)}
    """
    if not isinstance(value, Mapping):
        raise CalendarError(
            f"hours must map weekday keys ({', '.join(WEEKDAYS)}) to interval lists, got {value!r}"
        )
    found: dict[str, tuple[tuple[str, str], ...]] = {}
    for key, intervals in value.items():
        day = _weekday_key(key)
        if day in found:
            raise CalendarError(f"weekday {day!r} is given twice in hours")
        found[day] = _normalize_intervals(day, intervals)
    hours = {day: found[day] for day in WEEKDAYS if found.get(day)}
    validate_week(hours)
    return hours


def validate_day(where: str, intervals: Iterable[Sequence[str]]) -> list[tuple[int, int]]:
    """Parse one day's intervals, sorted; raise CalendarError if two of them overlap.

    Examples:
        >>> validate_day("mon", [("09:00", "12:00"), ("11:00", "13:00")])
        Traceback (most recent call last):
        ...
        cxcore.errors.CalendarError: mon: intervals 09:00-12:00 and 11:00-13:00 overlap
    """
    spans = sorted(parse_interval(pair) for pair in intervals)
    for first, second in pairwise(spans):
        if second[0] < first[1]:
            raise CalendarError(
                f"{where}: intervals {format_interval(first)} and {format_interval(second)} overlap"
            )
    return spans


def validate_week(hours: Mapping[str, Iterable[Sequence[str]]]) -> list[list[tuple[int, int]]]:
    """Parse weekly hours into seven lists (Monday first); raise on any overlap, including an
    overnight interval that runs into the next day's hours (Sunday night wraps to Monday).

    Examples:
        >>> validate_week({"fri": [("22:00", "06:00")], "sat": [("05:00", "09:00")]})
        Traceback (most recent call last):
        ...
        cxcore.errors.CalendarError: fri 22:00-06:00 runs into sat 05:00-09:00
    """
    week = [validate_day(day, hours.get(day, ())) for day in WEEKDAYS]
    placed: list[tuple[int, int, int, tuple[int, int]]] = []
    for index, spans in enumerate(week):
        for span in spans:
            start, end = index * DAY_US + span[0], index * DAY_US + span[1]
            placed.append((start, min(end, WEEK_US), index, span))
            if end > WEEK_US:
                placed.append((0, end - WEEK_US, index, span))
    placed.sort()
    for first, second in pairwise(placed):
        if second[0] < first[1]:
            raise CalendarError(
                f"{WEEKDAYS[first[2]]} {format_interval(first[3])} runs into "
                f"{WEEKDAYS[second[2]]} {format_interval(second[3])}"
            )
    return week


def intersect(
    first: Sequence[tuple[int, int]], second: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Intersection of two sorted lists of disjoint intervals.

    Examples:
        >>> intersect([(9, 17)], [(0, 13), (15, 20)])
        [(9, 13), (15, 17)]
    """
    result = []
    i = j = 0
    while i < len(first) and j < len(second):
        start = max(first[i][0], second[j][0])
        end = min(first[i][1], second[j][1])
        if start < end:
            result.append((start, end))
        if first[i][1] < second[j][1]:
            i += 1
        else:
            j += 1
    return result
