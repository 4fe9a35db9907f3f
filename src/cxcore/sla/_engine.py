"""The working parts behind BusinessCalendar: its compiled form, durations and pauses.

Examples:
    >>> from datetime import timedelta
    >>> duration_us(timedelta(seconds=1, microseconds=5))
    1000005
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from cxcore._time import MAX_DURATION, ensure_bounded, get_zone, utc_pauses
from cxcore.sla._holidays import CountryHolidays, ExtraDay, Holiday, HolidayIndex
from cxcore.sla._hours import validate_week
from cxcore.sla._timeline import Timeline, to_us

__all__ = ["Engine", "add_paused", "duration_us", "pause_list"]


def duration_us(duration: timedelta, name: str = "duration") -> int:
    """Whole microseconds of a timedelta from zero up to ``MAX_DURATION``
    (NegativeDurationError or LimitExceededError otherwise)."""
    if duration.__class__ is timedelta:
        micros = (duration.days * 86_400 + duration.seconds) * 1_000_000 + duration.microseconds
        if 0 <= micros <= MAX_DURATION_US:
            return micros
    duration = ensure_bounded(duration, name)
    return (duration.days * 86_400 + duration.seconds) * 1_000_000 + duration.microseconds


MAX_DURATION_US = MAX_DURATION.days * 86_400 * 1_000_000


def pause_list(pauses: Iterable[tuple[datetime, datetime]]) -> list[tuple[int, int]]:
    """Pauses as sorted, merged epoch-microsecond intervals."""
    merged: list[tuple[int, int]] = []
    for start, end in utc_pauses(pauses):
        start_us, end_us = to_us(start), to_us(end)
        if merged and start_us <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end_us, merged[-1][1]))
        else:
            merged.append((start_us, end_us))
    return merged


class Engine:
    """The compiled form of a calendar: weekly spans, the holiday index and the timeline.

    ``fields`` is the calendar's field dict, kept to tell whether the engine still belongs to it.

    Examples:
        >>> engine = Engine({}, "UTC", {"mon": [("09:00", "17:00")]}, (), (), None)
        >>> engine.day_spans(date(2026, 5, 4))
        [(32400000000, 61200000000)]
    """

    __slots__ = ("fields", "index", "timeline", "weekly", "zone")

    def __init__(
        self,
        fields: dict[str, Any],
        timezone: str,
        hours: Mapping[str, Iterable[Sequence[str]]],
        holidays: tuple[Holiday, ...],
        extra_days: tuple[ExtraDay, ...],
        country: CountryHolidays | None,
    ) -> None:
        self.fields = fields
        self.zone = get_zone(timezone)
        self.weekly = validate_week(hours)
        self.index = HolidayIndex(holidays, extra_days, country)
        self.timeline = Timeline(self.zone, self.day_spans)

    def day_spans(self, day: date) -> list[tuple[int, int]]:
        """Open spans of the local date ``day``, in microseconds after its midnight."""
        return self.index.day_spans(day, self.weekly[day.weekday()])


def add_paused(line: Timeline, moment: int, micros: int, pauses: list[tuple[int, int]]) -> int:
    """The earliest instant with ``micros`` of open, unpaused time after ``moment``; for zero,
    the first open, unpaused instant. ``pauses`` are merged and sorted (see ``pause_list``).

    Examples:
        >>> from zoneinfo import ZoneInfo
        >>> line = Timeline(ZoneInfo("UTC"), lambda day: [(0, 10)])
        >>> add_paused(line, 0, 5, [(2, 4)])
        7
    """
    if micros == 0:
        while True:
            moment = line.next_open(moment)
            holding = [end for start, end in pauses if start <= moment < end]
            if not holding:
                return moment
            moment = holding[0]
    left = micros
    for start, end in pauses:
        if end <= moment:
            continue
        if start > moment:
            available = line.elapsed(moment, start)
            if left <= available:
                return line.add(moment, left)
            left -= available
        moment = max(moment, end)
    return line.add(moment, left)
