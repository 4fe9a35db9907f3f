"""Calendar time: every second counts except paused ones.

SLA targets with ``business_hours=False`` are measured with
[`CalendarTime`][cxcore.sla.CalendarTime]; it offers the same ``add``/``elapsed`` shape as
[`BusinessCalendar`][cxcore.BusinessCalendar].

Examples:
    >>> from datetime import datetime, timedelta, timezone
    >>> CalendarTime().add(datetime(2026, 5, 4, 23, tzinfo=timezone.utc), timedelta(hours=2)).day
    5
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta, timezone

from cxcore._time import ensure_aware, ensure_bounded, utc_pauses
from cxcore.errors import NegativeSpanError

__all__ = ["CalendarTime", "Pause"]

_ZERO = timedelta(0)

Pause = tuple[datetime, datetime]
"""An interval ``(start, end)`` of instants during which an SLA clock does not run."""


def _tzinfo(value: object) -> object:
    return value.tzinfo if isinstance(value, datetime) else None


class CalendarTime:
    """Calendar time: every second counts except paused ones. Targets with
    ``business_hours=False`` use it; it also serves as a 24/7 calendar.

    Arithmetic happens on absolute time, so a day that contains a DST change is 23 or 25 hours
    long; results come back in the zone of ``start``.

    Examples:
        >>> from datetime import datetime, timedelta, timezone
        >>> t = datetime(2026, 5, 4, 9, tzinfo=timezone.utc)
        >>> CalendarTime().add(t, timedelta(hours=2), pauses=[(t, t + timedelta(hours=1))]).hour
        12
        >>> CalendarTime().elapsed(t, t + timedelta(hours=3), pauses=[(t, t + timedelta(hours=1))])
        datetime.timedelta(seconds=7200)

        All instances are equal (the class has no settings), so values that hold one compare equal.

        >>> CalendarTime() == CalendarTime(), CalendarTime()
        (True, CalendarTime())
    """

    __slots__ = ()

    def add(self, start: datetime, duration: timedelta, pauses: Iterable[Pause] = ()) -> datetime:
        """The instant ``duration`` of unpaused time after ``start``."""
        ensure_aware(start, "start")
        ensure_bounded(duration)
        zone = start.tzinfo
        at = start.astimezone(UTC)
        left = duration
        for first, last in utc_pauses(pauses):
            if last <= at:
                continue
            if first > at:
                gap = first - at
                if left <= gap:
                    break
                left -= gap
            at = last
        return (at + left).astimezone(zone)

    def elapsed(self, start: datetime, end: datetime, pauses: Iterable[Pause] = ()) -> timedelta:
        """The unpaused time between ``start`` and ``end`` (overlapping pauses count once).

        An ``end`` before ``start`` raises [`NegativeSpanError`][cxcore.errors.NegativeSpanError].
        """
        zone = start.tzinfo if isinstance(start, datetime) else None
        if pauses == () and isinstance(zone, timezone) and _tzinfo(end) is zone:
            # one fixed offset and no pauses: plain subtraction is exact, and fastest
            span = end - start
            if span < _ZERO:
                raise NegativeSpanError(
                    f"end {end.isoformat()} is before start {start.isoformat()}"
                )
            return span
        first = ensure_aware(start, "start").astimezone(UTC)
        last = ensure_aware(end, "end").astimezone(UTC)
        if last < first:
            raise NegativeSpanError(f"end {end.isoformat()} is before start {start.isoformat()}")
        total = last - first
        cursor = first
        for a, b in utc_pauses(pauses):
            a, b = max(a, cursor), min(b, last)
            if b > a:
                total -= b - a
                cursor = b
        return total

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CalendarTime)

    def __hash__(self) -> int:
        return hash(CalendarTime)

    def __repr__(self) -> str:
        return "CalendarTime()"
