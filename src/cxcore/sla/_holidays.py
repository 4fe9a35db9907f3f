"""Days when a calendar's weekly hours do not apply: holidays, partial days and extra days.

A [`Holiday`][cxcore.sla.Holiday] closes a day (or, with ``hours``, keeps it open at most those
hours) on one date, a date range or every date of an RFC 5545 recurrence rule. An
[`ExtraDay`][cxcore.sla.ExtraDay] is a one-off working day with its own hours; it wins over every
holiday on that date. [`CountryHolidays`][cxcore.sla.CountryHolidays] brings public holidays from
the optional ``holidays`` package.

Examples:
    >>> Holiday(name="Labour Day", rule="FREQ=YEARLY;BYMONTH=5;BYMONTHDAY=1").dates_in(2026)
    [datetime.date(2026, 5, 1)]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Annotated, Any, Self

from dateutil.rrule import DAILY, rrule, rruleset, rrulestr
from pydantic import BeforeValidator, model_validator

from cxcore._model import CxModel
from cxcore.errors import CalendarError
from cxcore.sla._hours import Interval, intersect, validate_day

__all__ = [
    "CountryHolidays",
    "ExtraDay",
    "Holiday",
    "HolidayIndex",
    "HolidayInput",
    "country_zone",
    "holiday_item",
    "switch_off",
]

_RULE_START = datetime(1900, 1, 1)  # noqa: DTZ001 - rules work on naive local dates


@lru_cache(maxsize=256)
def _parse_rule(text: str) -> rrule | rruleset:
    if not isinstance(text, str):
        raise CalendarError(f"a recurrence rule is text, got {type(text).__name__}")
    try:
        parsed = rrulestr(text, dtstart=_RULE_START)
        _check_frequency(text, parsed)
        parsed.between(_RULE_START, _RULE_START + timedelta(days=1))
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        if isinstance(exc, CalendarError):
            raise
        raise CalendarError(
            f"bad recurrence rule {text!r} ({exc}); write an RFC 5545 RRULE such as "
            "'FREQ=YEARLY;BYMONTH=5;BYMONTHDAY=1', optionally after a 'DTSTART:YYYYMMDD' line "
            "(no time zones)"
        ) from None
    return parsed


def _check_frequency(text: str, parsed: rrule | rruleset) -> None:
    """Holidays are days: refuse rules that repeat more than once a day (``FREQ=HOURLY``,
    ``MINUTELY``, ``SECONDLY``, or ``BYHOUR``/``BYMINUTE``/``BYSECOND`` lists), which would
    make every date lookup walk hundreds of thousands of occurrences a year."""
    rules = [parsed] if isinstance(parsed, rrule) else [
        *getattr(parsed, "_rrule", []), *getattr(parsed, "_exrule", [])
    ]  # fmt: skip
    for rule in rules:
        frequency = getattr(rule, "_freq", DAILY)
        per_day = 1
        for name in ("_byhour", "_byminute", "_bysecond"):
            per_day *= len(getattr(rule, name, None) or (0,))
        if frequency > DAILY or per_day > 1:
            raise CalendarError(
                f"recurrence rule {text!r} repeats more than once a day; a holiday rule must be "
                "FREQ=DAILY or coarser (YEARLY, MONTHLY, WEEKLY) without BYHOUR, BYMINUTE or "
                "BYSECOND"
            )


@lru_cache(maxsize=256)
def _rule_near(text: str, year: int) -> rrule | rruleset:
    """The rule of ``text``, started close to ``year`` when that gives the same dates.

    dateutil walks a rule from its start, so a rule started in 1900 costs a century of steps
    on every lookup. A plain rule (one RRULE, no COUNT, INTERVAL=1, no DTSTART of its own)
    gives the same dates from any start that shares what the rule takes from its start:
    January 1st (the month and day of YEARLY and MONTHLY rules without their own), a Monday
    (the weekday of WEEKLY rules without BYDAY) and midnight. January 1st, 1900 was a Monday,
    so the rule restarts on the last January 1st before ``year`` that is a Monday.
    """
    parsed = _parse_rule(text)
    state = vars(parsed)  # dateutil has no public accessor for COUNT and INTERVAL
    if (
        not isinstance(parsed, rrule)
        or "DTSTART" in text.upper()
        or state.get("_count") is not None
        or state.get("_interval") != 1
    ):
        return parsed
    start = year - 1
    while start > _RULE_START.year and date(start, 1, 1).weekday() != _RULE_START.weekday():
        start -= 1
    if start <= _RULE_START.year:
        return parsed
    return parsed.replace(dtstart=_RULE_START.replace(year=start))


def _plain_date(value: Any) -> Any:
    if isinstance(value, datetime):
        raise CalendarError(f"holiday dates are calendar dates; got the datetime {value!r}")
    return value


PlainDate = Annotated[date, BeforeValidator(_plain_date)]


class Holiday(CxModel):
    """A closed day (or a day with shorter hours): one date, a date range or a recurring rule.

    ``day`` alone is one date; ``day`` with ``until`` an inclusive range; ``rule`` an RFC 5545
    RRULE (stored as text, so calendars stay JSON). ``hours`` empty closes the whole day;
    otherwise the calendar is open at most those hours that day (a partial day). A holiday with
    ``enabled=False`` is kept but ignored.

    Examples:
        >>> eve = Holiday(name="Christmas Eve", day=date(2026, 12, 24), hours=[("00:00", "13:00")])
        >>> eve.hours
        (('00:00', '13:00'),)
        >>> Holiday(day=date(2026, 7, 3), until=date(2026, 7, 1))
        Traceback (most recent call last):
        ...
        cxcore.errors.CalendarError: holiday '': until 2026-07-01 is before day 2026-07-03
    """

    name: str = ""
    day: PlainDate | None = None
    until: PlainDate | None = None
    rule: str | None = None
    hours: tuple[Interval, ...] = ()
    enabled: bool = True

    @model_validator(mode="after")
    def _check(self) -> Self:
        where = f"holiday {self.name!r}"
        if (self.day is None) == (self.rule is None):
            raise CalendarError(f"{where}: give either day (with optional until) or rule")
        if self.until is not None:
            if self.day is None:
                raise CalendarError(f"{where}: until needs day; a rule sets its own end (UNTIL)")
            if self.until < self.day:
                raise CalendarError(f"{where}: until {self.until} is before day {self.day}")
        if self.rule is not None:
            _parse_rule(self.rule)
        validate_day(where, self.hours)
        return self

    def dates_in(self, year: int) -> list[date]:
        """The dates this holiday covers in ``year`` (whether or not it is enabled).

        Examples:
            >>> Holiday(day=date(2026, 12, 31), until=date(2027, 1, 1)).dates_in(2027)
            [datetime.date(2027, 1, 1)]
        """
        if self.rule is not None:
            opening = _RULE_START.replace(year=year)
            closing = opening.replace(month=12, day=31, hour=23, minute=59, second=59)
            found = _rule_near(self.rule, year).between(
                opening, closing.replace(microsecond=999_999), inc=True
            )
            return sorted({moment.date() for moment in found})
        assert self.day is not None
        first = max(self.day, date(year, 1, 1))
        last = min(self.until or self.day, date(year, 12, 31))
        return [first + timedelta(days=n) for n in range((last - first).days + 1)]


class ExtraDay(CxModel):
    """A one-off working day with its own hours (a worked Saturday); wins over holidays.

    Examples:
        >>> ExtraDay(day=date(2026, 11, 14), hours=[("10:00", "14:00")]).hours
        (('10:00', '14:00'),)
    """

    day: PlainDate
    hours: tuple[Interval, ...]
    name: str = ""

    @model_validator(mode="after")
    def _check(self) -> Self:
        if not self.hours:
            raise CalendarError(f"extra day {self.day}: give its opening hours")
        validate_day(f"extra day {self.day}", self.hours)
        return self


def _skip_key(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


class CountryHolidays(CxModel):
    """Public holidays of a country (and subdivision) from the optional ``holidays`` package.

    ``skip`` switches single holidays off, by name (as the package spells it in ``language``)
    or by date. Needs ``pip install cxcore[holidays]``.

    Examples:
        >>> pl = CountryHolidays(country="PL", language="en_US", skip=["Easter Monday"])
        >>> pl.occurrences(2026)[date(2026, 5, 3)]
        'National Day of the Third of May'
        >>> date(2026, 4, 6) in pl.occurrences(2026)
        False
    """

    country: str
    subdiv: str | None = None
    language: str | None = None
    skip: tuple[Annotated[str, BeforeValidator(_skip_key)], ...] = ()

    @model_validator(mode="after")
    def _check(self) -> Self:
        _country_year(self.country, self.subdiv, self.language, 2000)
        return self

    def occurrences(self, year: int) -> dict[date, str]:
        """Date -> name of the holidays in ``year`` that are not skipped."""
        skipped = set(self.skip)
        found = {}
        for day, name in _country_year(self.country, self.subdiv, self.language, year):
            parts = {part.strip() for part in name.split(";")}
            if day.isoformat() in skipped or name in skipped or parts & skipped:
                continue
            found[day] = name
        return found


@lru_cache(maxsize=256)
def _country_year(
    country: str, subdiv: str | None, language: str | None, year: int
) -> tuple[tuple[date, str], ...]:
    try:
        import holidays
    except ImportError:
        raise CalendarError(
            "country holidays need the optional 'holidays' package: pip install 'cxcore[holidays]'"
        ) from None
    try:
        table = holidays.country_holidays(country, subdiv=subdiv, years=year, language=language)
    except NotImplementedError as exc:
        raise CalendarError(f"no public holidays for country {country!r}: {exc}") from None
    return tuple(sorted((day, str(name)) for day, name in table.items()))


class HolidayIndex:
    """Which dates are holidays or extra days, with their hours, computed a year at a time.

    Per-calendar helper; the years it has seen stay cached in the instance.

    Examples:
        >>> index = HolidayIndex((Holiday(day=date(2026, 5, 1)),), (), None)
        >>> index.day_spans(date(2026, 5, 1), [(0, 10)]), index.day_spans(
        ...     date(2026, 5, 4), [(0, 10)])
        ([], [(0, 10)])
    """

    def __init__(
        self,
        holidays: tuple[Holiday, ...],
        extra_days: tuple[ExtraDay, ...],
        country: CountryHolidays | None,
    ) -> None:
        self._holidays = [holiday for holiday in holidays if holiday.enabled]
        self._country = country
        self._extra: dict[date, list[tuple[int, int]]] = {}
        for extra in extra_days:
            if extra.day in self._extra:
                raise CalendarError(f"extra day {extra.day} is given twice")
            self._extra[extra.day] = validate_day(f"extra day {extra.day}", extra.hours)
        self._years: dict[int, dict[date, list[list[tuple[int, int]]]]] = {}

    def _year(self, year: int) -> dict[date, list[list[tuple[int, int]]]]:
        table = self._years.get(year)
        if table is None:
            table = {}
            for holiday in self._holidays:
                spans = validate_day("holiday", holiday.hours)
                for day in holiday.dates_in(year):
                    table.setdefault(day, []).append(spans)
            if self._country is not None:
                for day in self._country.occurrences(year):
                    table.setdefault(day, []).append([])
            self._years[year] = table
        return table

    def day_spans(self, day: date, weekly: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Open spans of ``day`` (day-relative microseconds) given its weekday's hours."""
        extra = self._extra.get(day)
        if extra is not None:
            return extra
        limits = self._year(day.year).get(day)
        if not limits:
            return weekly
        spans = weekly
        for allowed in limits:
            spans = intersect(spans, allowed)
        return spans


HolidayInput = date | str | tuple[date, date] | Holiday | Mapping[str, Any]
"""A holiday: a date, an ISO date text, an inclusive ``(first, last)`` pair, a Holiday, or its
fields as a mapping."""


def holiday_item(value: Any) -> Any:
    """Turn the short holiday forms (a date, ISO text, a date pair) into Holiday fields.

    Examples:
        >>> holiday_item((date(2026, 7, 1), date(2026, 7, 3)))
        {'day': datetime.date(2026, 7, 1), 'until': datetime.date(2026, 7, 3)}
    """
    if isinstance(value, datetime):
        raise CalendarError(f"holidays are calendar dates; got the datetime {value!r}")
    if isinstance(value, date | str):
        return {"day": value}
    if isinstance(value, tuple | list) and len(value) == 2:
        return {"day": value[0], "until": value[1]}
    return value


def switch_off(
    holidays: tuple[Holiday, ...], country: CountryHolidays | None, keys: Iterable[str | date]
) -> tuple[tuple[Holiday, ...], CountryHolidays | None]:
    """Disable the holidays named or dated ``keys``; add the keys to the country's ``skip``.

    Examples:
        >>> found, _ = switch_off((Holiday(name="Audit", day=date(2026, 6, 1)),), None, ["Audit"])
        >>> found[0].enabled
        False
    """
    wanted = set(keys)
    matched: set[str | date] = set()
    result = []
    for holiday in holidays:
        hit = wanted & {holiday.name, holiday.day}
        matched |= hit
        result.append(holiday.model_copy(update={"enabled": False}) if hit else holiday)
    if country is not None:
        skip = country.skip + tuple(k.isoformat() if isinstance(k, date) else k for k in wanted)
        country = CountryHolidays(**{**country.__dict__, "skip": skip})
    elif wanted - matched:
        raise CalendarError(f"no holiday named or dated {sorted(map(str, wanted - matched))}")
    return tuple(result), country


def country_zone(country: str) -> str:
    """The only IANA zone of a country (CLDR territory zones), else a CalendarError.

    Examples:
        >>> country_zone("PL")
        'Europe/Warsaw'
    """
    from babel.core import get_global

    if not isinstance(country, str):
        raise CalendarError(
            f"a country is an ISO 3166 code such as 'PL', got {country!r} "
            f"({type(country).__name__})"
        )
    zones = get_global("territory_zones").get(country.upper(), [])
    if len(zones) != 1:
        raise CalendarError(f"country {country!r} has {len(zones)} time zones; pass timezone=...")
    return str(zones[0])
