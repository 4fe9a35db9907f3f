"""Legal deadline counting: periods of days, months and years, counted as the law counts them.

Regulation (EEC, Euratom) No 1182/71, which the Consumer Rights Directive applies to its periods
(recital 41 of Directive 2011/83/EU):

- art. 3(1): the day of the event that starts a period is not counted;
- art. 3(2)(b): a period in days ends at the end of its last day;
- art. 3(2)(c): a period in months or years ends at the end of the day with the same number as
  the starting day (the last day of the month if that month is shorter);
- art. 3(4): a period that would end on a Saturday, Sunday or public holiday ends at the end of
  the next working day.

National laws count the same way (Polish Civil Code art. 111 § 2 and art. 115; Finnish Act on
the Calculation of Statutory Periods 150/1930 s. 5; Thai Civil and Commercial Code s. 193/3 and
193/8), except that the UK Consumer Contracts Regulations 2013 (reg. 30) count plain calendar
days with no working-day extension.

Which days are working days comes from any object with ``is_working_day(day) -> bool``
([`WorkingDays`][cxcore.returns.WorkingDays]), such as ``cxcore.sla.calendar.BusinessCalendar``: its
default hours (Monday to Friday) give the Saturday-and-Sunday weekend, and its holidays (dates,
ranges or a country's public holidays) extend periods over holidays too.

Examples:
    >>> from datetime import date
    >>> from cxcore.sla.calendar import BusinessCalendar
    >>> counting = PeriodCounting(timezone="Europe/Warsaw")
    >>> weekdays = BusinessCalendar(timezone="Europe/Warsaw")
    >>> # Delivered Monday 4 May 2026: day 14 is Monday 18 May.
    >>> counting.end_of_days(date(2026, 5, 4), 14, weekdays)
    datetime.date(2026, 5, 18)
    >>> # Delivered Saturday 2 May 2026: day 14 is Saturday 16 May, so it runs to Monday 18 May.
    >>> counting.end_of_days(date(2026, 5, 2), 14, weekdays)
    datetime.date(2026, 5, 18)
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Protocol, runtime_checkable

from dateutil.relativedelta import relativedelta

from cxcore._model import CxModel
from cxcore._time import TimezoneName, ensure_aware, get_zone
from cxcore.errors import NoOpenTimeError

__all__ = ["PeriodCounting", "WorkingDays"]

_MAX_SEARCH_DAYS = 366


@runtime_checkable
class WorkingDays(Protocol):
    """Anything that says whether a calendar day is a working day.

    ``cxcore.sla.calendar.BusinessCalendar`` satisfies it.

    Examples:
        >>> from cxcore.sla.calendar import BusinessCalendar
        >>> isinstance(BusinessCalendar(timezone="UTC"), WorkingDays)
        True
    """

    def is_working_day(self, day: date) -> bool:
        """True when ``day`` is a working day."""
        ...


class PeriodCounting(CxModel):
    """How a jurisdiction counts periods: its time zone and whether a period that ends on a
    non-working day runs on to the next working day.

    Events are converted to local dates in ``timezone`` before counting, so a parcel delivered at
    23:30 in Warsaw counts from that Warsaw day, whatever zone the timestamp was recorded in.

    Examples:
        >>> from datetime import date
        >>> from cxcore.sla.calendar import BusinessCalendar
        >>> PeriodCounting(timezone="Europe/London", extend_to_working_day=False).end_of_days(
        ...     date(2026, 5, 2), 14, BusinessCalendar(timezone="Europe/London"))
        datetime.date(2026, 5, 16)
    """

    timezone: TimezoneName = "UTC"
    extend_to_working_day: bool = True
    source: str = "Regulation (EEC, Euratom) No 1182/71 art. 3"

    def describe(self, amount: int, unit: str, event: str, *, beginning_with: bool = False) -> str:
        """The counting rule in words, for a [`Deadline`][cxcore.returns.legal_dates.Deadline].

        Examples:
            >>> print(PeriodCounting().describe(14, "days", "delivery"))  # doctest: +ELLIPSIS
            14 days after delivery, the day of delivery not counted; ... No 1182/71 art. 3)
            >>> PeriodCounting(extend_to_working_day=False, source="CRA 2015 s. 20(15)").describe(
            ...     14, "days", "agreement", beginning_with=True)
            '14 days beginning with the day of agreement (CRA 2015 s. 20(15))'
        """
        if beginning_with:
            text = f"{amount} {unit} beginning with the day of {event}"
        else:
            text = f"{amount} {unit} after {event}, the day of {event} not counted"
            if self.extend_to_working_day:
                text += "; a period ending on a non-working day runs to the next working day"
        return f"{text} ({self.source})" if self.source else text

    def local_date(self, at: datetime) -> date:
        """The calendar date of ``at`` in this counting's time zone.

        Examples:
            >>> from datetime import datetime, timezone
            >>> PeriodCounting(timezone="Asia/Bangkok").local_date(
            ...     datetime(2026, 5, 4, 20, tzinfo=timezone.utc))
            datetime.date(2026, 5, 5)
        """
        ensure_aware(at, "at")
        return at.astimezone(get_zone(self.timezone)).date()

    def _extend(self, day: date, calendar: WorkingDays) -> date:
        if not self.extend_to_working_day:
            return day
        for _ in range(_MAX_SEARCH_DAYS):
            if calendar.is_working_day(day):
                return day
            day = day + timedelta(days=1)
        raise NoOpenTimeError(
            f"no working day within {_MAX_SEARCH_DAYS} days after {day.isoformat()}; "
            "check the calendar's weekend and holidays"
        )

    def end_of_days(self, event_day: date, days: int, calendar: WorkingDays) -> date:
        """Last day (inclusive) of a period of ``days`` days that starts with an event on
        ``event_day`` (Regulation 1182/71 art. 3(1), 3(2)(b), 3(4)).

        Examples:
            >>> from datetime import date
            >>> from cxcore.sla.calendar import BusinessCalendar
            >>> PeriodCounting().end_of_days(date(2026, 5, 4), 0, BusinessCalendar(timezone="UTC"))
            datetime.date(2026, 5, 4)
        """
        return self._extend(event_day + timedelta(days=days), calendar)

    def end_beginning_with(self, event_day: date, days: int, calendar: WorkingDays) -> date:
        """Last day of a period of ``days`` days *beginning with* ``event_day`` (the UK wording,
        e.g. Consumer Rights Act 2015 s. 20(15)): the event day is day 1.

        Examples:
            >>> from datetime import date
            >>> from cxcore.sla.calendar import BusinessCalendar
            >>> PeriodCounting(extend_to_working_day=False).end_beginning_with(
            ...     date(2026, 6, 4), 14, BusinessCalendar(timezone="UTC"))
            datetime.date(2026, 6, 17)
        """
        return self._extend(event_day + timedelta(days=days - 1), calendar)

    def end_of_months(self, event_day: date, months: int, calendar: WorkingDays) -> date:
        """Last day (inclusive) of a period of ``months`` months from ``event_day``
        (Regulation 1182/71 art. 3(2)(c)); 31 January plus one month ends on 28 or 29 February.

        Examples:
            >>> from datetime import date
            >>> from cxcore.sla.calendar import BusinessCalendar
            >>> utc = BusinessCalendar(timezone="UTC")
            >>> PeriodCounting().end_of_months(date(2024, 2, 29), 24, utc)
            datetime.date(2026, 3, 2)
        """
        return self._extend(event_day + relativedelta(months=months), calendar)
