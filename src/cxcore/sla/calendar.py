"""Business calendars: opening hours in a time zone, holidays, and exact business-time arithmetic.

A [`BusinessCalendar`][cxcore.BusinessCalendar] is a frozen value (JSON in, JSON out) describing
when a team works. It answers deadline questions exactly to the microsecond, DST-correct, with
results in the time zone of the argument:

Examples:
    >>> from datetime import datetime, timedelta
    >>> from zoneinfo import ZoneInfo
    >>> cal = BusinessCalendar(timezone="Europe/Warsaw", holidays=[date(2026, 5, 1)])
    >>> friday_evening = datetime(2026, 4, 30, 16, 30, tzinfo=ZoneInfo("Europe/Warsaw"))
    >>> cal.add(friday_evening, timedelta(hours=1)).isoformat()
    '2026-05-04T09:30:00+02:00'

Conventions: business time is real elapsed time (a shift that contains a DST change is an hour
shorter or longer); a wall time that occurs twice means its first occurrence; an interval that
starts in a DST gap starts at the first real instant after the gap.
"""

from __future__ import annotations

import os
import tomllib
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Annotated, Any, Self

from pydantic import BeforeValidator, PrivateAttr

from cxcore._model import CxModel, ReadOnlyDict
from cxcore._time import TimezoneName, ensure_aware
from cxcore.errors import CalendarError, NegativeDurationError, NoOpenTimeError
from cxcore.sla._engine import MAX_DURATION_US, Engine, add_paused, duration_us, pause_list
from cxcore.sla._holidays import (
    CountryHolidays,
    ExtraDay,
    Holiday,
    HolidayInput,
    country_zone,
    holiday_item,
    switch_off,
)
from cxcore.sla._hours import WEEKDAYS, Interval, normalize_hours
from cxcore.sla._timeline import from_us, to_us, wall_to_us

__all__ = ["BusinessCalendar"]

_DAY_US = 86_400_000_000
_ONE_US = timedelta(microseconds=1)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_WeekHours = dict[str, tuple[tuple[str, str], ...]]
_NINE_TO_FIVE: _WeekHours = dict.fromkeys(WEEKDAYS[:5], (("09:00", "17:00"),))
_ALL_DAY: _WeekHours = dict.fromkeys(WEEKDAYS, (("00:00", "24:00"),))
TimeText = str | time
"""A wall time: ``"HH:MM"`` text (``"24:00"`` allowed as a closing time) or ``datetime.time``."""


def _as_tuple(values: Any, name: str) -> Any:
    if isinstance(values, str | bytes | Mapping) or not isinstance(values, Iterable):
        raise CalendarError(f"{name} must be a list, got {values!r}")
    return tuple(values)


Hours = Annotated[ReadOnlyDict[str, tuple[Interval, ...]], BeforeValidator(normalize_hours)]


def _instants(start: datetime, end: datetime) -> tuple[int, int]:
    """Epoch microseconds of two aware datetimes (NaiveDatetimeError otherwise)."""
    if start.__class__ is datetime and end.__class__ is datetime:
        try:  # subtracting the aware epoch fails for a naive datetime
            head, tail = start - _EPOCH, end - _EPOCH
        except TypeError:
            pass
        else:
            return (
                (head.days * 86_400 + head.seconds) * 1_000_000 + head.microseconds,
                (tail.days * 86_400 + tail.seconds) * 1_000_000 + tail.microseconds,
            )
    return to_us(ensure_aware(start, "start")), to_us(ensure_aware(end, "end"))


class BusinessCalendar(CxModel):
    """When a team works: a time zone, weekly hours, holidays and extra working days.

    ``hours`` maps ``mon``..``sun`` to lists of ``(start, end)`` wall times (``"HH:MM"`` text or
    ``datetime.time``; ``"24:00"`` closes at midnight); an interval whose end is not after its
    start crosses midnight and belongs to its start day. Left out: Monday-Friday 09:00-17:00.
    ``holidays`` takes dates, ``(first, last)`` date pairs and [`Holiday`][cxcore.sla.Holiday]
    values (ranges, partial days, recurring rules); ``extra_days`` one-off working days; ``country``
    public holidays from the ``holidays`` package.

    Examples:
        >>> cal = BusinessCalendar(
        ...     timezone="Europe/Warsaw",
        ...     hours={
        ...         "mon": [("09:00", "17:00")],
        ...         "fri": [("09:00", "13:00"), ("14:00", "18:00")],
        ...     },
        ...     holidays=[date(2026, 5, 1)],
        ... )
        >>> cal.is_working_day(date(2026, 5, 1)), cal.is_working_day(date(2026, 5, 4))
        (False, True)
        >>> BusinessCalendar.model_validate_json(cal.model_dump_json()) == cal
        True
    """

    timezone: TimezoneName
    hours: Hours = _NINE_TO_FIVE
    holidays: tuple[Annotated[Holiday, BeforeValidator(holiday_item)], ...] = ()
    extra_days: tuple[ExtraDay, ...] = ()
    country: CountryHolidays | None = None

    _engine: Engine | None = PrivateAttr(default=None)

    def __init__(
        self,
        *,
        timezone: str,
        hours: Mapping[str, Iterable[tuple[TimeText, TimeText]]] | None = None,
        holidays: Iterable[HolidayInput] = (),
        extra_days: Iterable[ExtraDay | Mapping[str, Any]] = (),
        country: CountryHolidays | Mapping[str, Any] | None = None,
        **unknown: Any,
    ) -> None:
        super().__init__(
            timezone=timezone,
            hours=_NINE_TO_FIVE if hours is None else hours,
            holidays=_as_tuple(holidays, "holidays"),
            extra_days=_as_tuple(extra_days, "extra_days"),
            country=country,
            **unknown,
        )

    def model_post_init(self, context: Any, /) -> None:
        self._engine = Engine(
            self.__dict__,
            self.timezone,
            self.hours,
            self.holidays,
            self.extra_days,
            self.country,
        )

    @property
    def _compiled(self) -> Engine:
        # Read the private slot directly: pydantic's attribute hook is slow on the hot path.
        engine: Engine | None = self.__pydantic_private__["_engine"]  # type: ignore[index]
        if engine is None or engine.fields is not self.__dict__:
            engine = self._engine = Engine(
                self.__dict__,
                self.timezone,
                self.hours,
                self.holidays,
                self.extra_days,
                self.country,
            )
        return engine

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BusinessCalendar):
            return NotImplemented
        return self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        hours = tuple((day, spans) for day, spans in self.hours.items())
        return hash((self.timezone, hours, self.holidays, self.extra_days, self.country))

    def __getstate__(self) -> dict[Any, Any]:
        state = super().__getstate__()
        state["__pydantic_private__"] = {"_engine": None}
        return state

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy with some fields replaced; the result is validated like a new calendar.

        Examples:
            >>> cal = BusinessCalendar(timezone="UTC")
            >>> cal.model_copy(update={"timezone": "Asia/Bangkok"}).timezone
            'Asia/Bangkok'
        """
        data = {name: getattr(self, name) for name in type(self).model_fields}
        data.update(update or {})
        return type(self)(**data)

    # --- constructors ---------------------------------------------------------------------------

    @classmethod
    def always_open(cls, tz: str = "UTC") -> BusinessCalendar:
        """A 24/7 calendar: business time equals real time.

        Examples:
            >>> from datetime import datetime, timedelta, timezone
            >>> start = datetime(2026, 1, 1, 23, 0, tzinfo=timezone.utc)
            >>> BusinessCalendar.always_open().add(start, timedelta(hours=2)).isoformat()
            '2026-01-02T01:00:00+00:00'
        """
        return cls(timezone=tz, hours=_ALL_DAY)

    @classmethod
    def for_country(
        cls,
        country: str,
        subdiv: str | None = None,
        *,
        hours: Mapping[str, Any] | None = None,
        timezone: str | None = None,
        language: str | None = None,
        holidays: Sequence[Any] = (),
        extra_days: Sequence[ExtraDay] = (),
    ) -> BusinessCalendar:
        """A calendar with a country's public holidays (needs ``cxcore[holidays]``).

        The zone defaults to the country's only IANA zone; give ``timezone`` for countries with
        several. ``hours`` defaults to Monday-Friday 09:00-17:00.

        Examples:
            >>> cal = BusinessCalendar.for_country("PL")
            >>> cal.timezone, cal.is_working_day(date(2026, 11, 11))
            ('Europe/Warsaw', False)
        """
        return cls(
            timezone=country_zone(country) if timezone is None else timezone,
            hours=hours,
            holidays=tuple(holidays),
            extra_days=tuple(extra_days),
            country=CountryHolidays(country=country, subdiv=subdiv, language=language),
        )

    @classmethod
    def from_json(cls, source: str | bytes | os.PathLike[str]) -> BusinessCalendar:
        """Load from JSON text, or from a file when given a ``Path``.

        Examples:
            >>> BusinessCalendar.from_json('{"timezone": "Europe/Riga"}').hours["mon"]
            (('09:00', '17:00'),)
        """
        text = Path(source).read_text("utf-8") if isinstance(source, os.PathLike) else source
        return cls.model_validate_json(text)

    @classmethod
    def from_toml(cls, source: str | os.PathLike[str]) -> BusinessCalendar:
        """Load from TOML text, or from a file when given a ``Path``.

        Examples:
            >>> text = '''
            ... timezone = "Europe/Helsinki"
            ... holidays = [2026-12-24]
            ... [hours]
            ... sat = [["10:00", "14:00"]]
            ... '''
            >>> BusinessCalendar.from_toml(text).holidays[0].day
            datetime.date(2026, 12, 24)
        """
        text = Path(source).read_text("utf-8") if isinstance(source, os.PathLike) else source
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise CalendarError(f"calendar TOML does not parse: {exc}") from None
        return cls.model_validate(data)

    def without_holidays(self, *keys: str | date) -> BusinessCalendar:
        """A copy with the holidays named (or dated) ``keys`` switched off.

        Matches explicit holidays by name or ``day``; with country holidays, keys are also added
        to their ``skip`` list.

        Examples:
            >>> audit = Holiday(name="Audit", day=date(2026, 6, 1))
            >>> cal = BusinessCalendar(timezone="UTC", holidays=[audit])
            >>> cal.without_holidays("Audit").is_working_day(date(2026, 6, 1))
            True
        """
        holidays, country = switch_off(self.holidays, self.country, keys)
        return self.model_copy(update={"holidays": holidays, "country": country})

    # --- arithmetic ----------------------------------------------------------------------------

    def add(
        self, start: datetime, duration: timedelta, pauses: Iterable[tuple[datetime, datetime]] = ()
    ) -> datetime:
        """The deadline ``duration`` of open time after ``start`` (pauses do not count).

        A duration that uses up exactly the rest of an open interval lands on its closing
        instant; a zero duration gives ``start`` if open, else the next opening.

        Examples:
            >>> from zoneinfo import ZoneInfo
            >>> cal = BusinessCalendar(timezone="Europe/Warsaw")
            >>> start = datetime(2026, 5, 4, 16, 0, tzinfo=ZoneInfo("Europe/Warsaw"))
            >>> cal.add(start, timedelta(hours=1)).isoformat()
            '2026-05-04T17:00:00+02:00'
            >>> cal.add(start, timedelta(hours=2)).isoformat()
            '2026-05-05T10:00:00+02:00'
        """
        if pauses == () and start.__class__ is datetime and duration.__class__ is timedelta:
            # The hot path, with the checks and conversions inlined: subtracting the aware epoch
            # fails for a naive start, and the engine belongs to these very fields.
            engine = self.__pydantic_private__["_engine"]  # type: ignore[index]
            if start.tzinfo is not None and engine is not None and engine.fields is self.__dict__:
                try:
                    delta = start - _EPOCH
                except TypeError:
                    delta = None
                micros = (duration.days * 86_400 + duration.seconds) * 1_000_000
                micros += duration.microseconds
                if delta is not None and 0 <= micros <= MAX_DURATION_US:
                    moment = (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
                    return from_us(engine.timeline.add(moment, micros), start.tzinfo)
        ensure_aware(start, "start")
        micros = duration_us(duration)
        line = self._compiled.timeline
        moment = to_us(start)
        paused = pause_list(pauses)
        if not paused:
            return from_us(line.add(moment, micros), start.tzinfo)
        return from_us(add_paused(line, moment, micros, paused), start.tzinfo)

    def subtract(self, end: datetime, duration: timedelta) -> datetime:
        """The latest instant ``duration`` of open time before ``end``.

        Examples:
            >>> from zoneinfo import ZoneInfo
            >>> cal = BusinessCalendar(timezone="Europe/Warsaw")
            >>> end = datetime(2026, 5, 5, 10, 0, tzinfo=ZoneInfo("Europe/Warsaw"))
            >>> cal.subtract(end, timedelta(hours=2)).isoformat()
            '2026-05-04T16:00:00+02:00'
        """
        ensure_aware(end, "end")
        micros = duration_us(duration)
        return from_us(self._compiled.timeline.subtract(to_us(end), micros), end.tzinfo)

    def elapsed(
        self, start: datetime, end: datetime, pauses: Iterable[tuple[datetime, datetime]] = ()
    ) -> timedelta:
        """Open time between ``start`` and ``end``, less any overlap with ``pauses``.

        Examples:
            >>> from zoneinfo import ZoneInfo
            >>> cal = BusinessCalendar(timezone="Europe/Warsaw")
            >>> warsaw = ZoneInfo("Europe/Warsaw")
            >>> friday = datetime(2026, 5, 8, 15, tzinfo=warsaw)
            >>> monday = datetime(2026, 5, 11, 10, tzinfo=warsaw)
            >>> cal.elapsed(friday, monday)
            datetime.timedelta(seconds=10800)
        """
        first, last = _instants(start, end)
        if last < first:
            raise NegativeDurationError(
                f"end {end.isoformat()} is before start {start.isoformat()}"
            )
        line = self._compiled.timeline
        total = line.elapsed(first, last)
        for pause_start, pause_end in pause_list(pauses) if pauses != () else ():
            low, high = max(pause_start, first), min(pause_end, last)
            if low < high:
                total -= line.elapsed(low, high)
        return timedelta(microseconds=total)

    def is_open(self, at: datetime) -> bool:
        """Whether the calendar is open at the instant ``at``.

        Examples:
            >>> from datetime import timezone
            >>> cal = BusinessCalendar(timezone="UTC")
            >>> cal.is_open(datetime(2026, 5, 4, 17, 0, tzinfo=timezone.utc))
            False
        """
        ensure_aware(at, "at")
        return self._compiled.timeline.is_open(to_us(at))

    def next_open(self, at: datetime) -> datetime:
        """``at`` itself if open, else the next opening instant.

        Examples:
            >>> from datetime import timezone
            >>> cal = BusinessCalendar(timezone="UTC")
            >>> cal.next_open(datetime(2026, 5, 9, 12, 0, tzinfo=timezone.utc)).isoformat()
            '2026-05-11T09:00:00+00:00'
        """
        ensure_aware(at, "at")
        return from_us(self._compiled.timeline.next_open(to_us(at)), at.tzinfo)

    def next_close(self, at: datetime) -> datetime:
        """The closing instant of the open period holding ``at``, or else of the next one.

        Raises [`CalendarError`][cxcore.errors.CalendarError] if the calendar stays open for two
        years (24/7).

        Examples:
            >>> from datetime import timezone
            >>> cal = BusinessCalendar(timezone="UTC")
            >>> cal.next_close(datetime(2026, 5, 9, 12, 0, tzinfo=timezone.utc)).isoformat()
            '2026-05-11T17:00:00+00:00'
        """
        ensure_aware(at, "at")
        return from_us(self._compiled.timeline.next_close(to_us(at)), at.tzinfo)

    def open_intervals(self, start: datetime, end: datetime) -> list[tuple[datetime, datetime]]:
        """The open periods within ``[start, end)``, clipped to it, in the zone of ``start``.

        Examples:
            >>> from datetime import timezone
            >>> cal = BusinessCalendar(
            ...     timezone="UTC", hours={"mon": [("09:00", "12:00"), ("13:00", "17:00")]}
            ... )
            >>> start = datetime(2026, 5, 4, 10, tzinfo=timezone.utc)
            >>> end = datetime(2026, 5, 5, tzinfo=timezone.utc)
            >>> [(a.hour, b.hour) for a, b in cal.open_intervals(start, end)]
            [(10, 12), (13, 17)]
        """
        first, last = _instants(start, end)
        if last < first:
            raise NegativeDurationError(
                f"end {end.isoformat()} is before start {start.isoformat()}"
            )
        span = self._compiled.timeline.cover(first, last)
        zone = start.tzinfo
        found = []
        index = max(bisect_right(span.starts, first) - 1, 0)
        for low, high in zip(span.starts[index:], span.ends[index:], strict=True):
            if low >= last:
                break
            low, high = max(low, first), min(high, last)
            if low < high:
                found.append((from_us(low, zone), from_us(high, zone)))
        return found

    def is_working_day(self, day: date) -> bool:
        """Whether intervals that start on the local date ``day`` give any open time.

        An aware datetime counts as its date in the calendar's zone. Weekends, full-day holidays
        and days whose only hours fall in a DST gap are not working days.

        Examples:
            >>> BusinessCalendar(timezone="UTC").is_working_day(date(2026, 5, 9))
            False
        """
        day = self._local_date(day)
        engine = self._compiled
        midnight = (day.toordinal() - _EPOCH_ORDINAL) * _DAY_US
        return any(
            wall_to_us(engine.zone, midnight + start) < wall_to_us(engine.zone, midnight + end)
            for start, end in engine.day_spans(day)
        )

    def next_working_day(self, day: date) -> date:
        """``day`` itself if it is a working day, else the next one (within two years).

        Examples:
            >>> cal = BusinessCalendar(timezone="UTC", holidays=[date(2026, 5, 11)])
            >>> cal.next_working_day(date(2026, 5, 9))
            datetime.date(2026, 5, 12)
        """
        day = self._local_date(day)
        for offset in range(733):
            candidate = day + timedelta(days=offset)
            if self.is_working_day(candidate):
                return candidate
        raise NoOpenTimeError(f"no working day within two years after {day.isoformat()}")

    def _local_date(self, day: date) -> date:
        if isinstance(day, datetime):
            return ensure_aware(day, "day").astimezone(self._compiled.zone).date()
        if not isinstance(day, date):
            raise CalendarError(f"expected a date, got {type(day).__name__}")
        return day

    # --- batches -------------------------------------------------------------------------------

    def add_many(self, starts: Any, durations: Any) -> Any:
        """``add`` for many starts (one duration or one per start), vectorised with NumPy when
        it is installed. A NumPy ``datetime64`` array of UTC instants gives one back.

        Examples:
            >>> from datetime import timezone
            >>> cal = BusinessCalendar(timezone="UTC")
            >>> [d.hour for d in cal.add_many([datetime(2026, 5, 4, 9, tzinfo=timezone.utc)] * 2,
            ...                                [timedelta(hours=1), timedelta(hours=9)])]
            [10, 10]
        """
        from cxcore.sla import _batch  # NumPy, when installed, only when asked for

        return _batch.add_many(self._compiled.timeline, starts, durations)

    def elapsed_many(self, starts: Any, ends: Any) -> Any:
        """``elapsed`` for many pairs; timedeltas back (``timedelta64`` for NumPy input).

        Examples:
            >>> from datetime import timezone
            >>> cal = BusinessCalendar(timezone="UTC")
            >>> cal.elapsed_many([datetime(2026, 5, 4, 9, tzinfo=timezone.utc)],
            ...                  [datetime(2026, 5, 5, 10, tzinfo=timezone.utc)])
            [datetime.timedelta(seconds=32400)]
        """
        from cxcore.sla import _batch

        return _batch.elapsed_many(self._compiled.timeline, starts, ends)
