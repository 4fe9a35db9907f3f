"""Time helpers shared by every part of cxcore: aware datetimes, IANA zones, durations, clocks.

Library logic never reads the wall clock; it takes ``now``/``at`` as an argument or a
[`Clock`][cxcore.Clock]. [`SystemClock`][cxcore.SystemClock] is the one place that reads the real
time, for hosts.

Examples:
    >>> from datetime import datetime, timezone
    >>> clock = FixedClock(datetime(2026, 5, 4, 9, 0, tzinfo=timezone.utc))
    >>> clock.now().isoformat()
    '2026-05-04T09:00:00+00:00'
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta, tzinfo
from functools import lru_cache
from typing import Annotated, Protocol, runtime_checkable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from cxcore._after import AfterCheck
from cxcore.errors import (
    InvalidInputError,
    LimitExceededError,
    NaiveDatetimeError,
    NegativeDurationError,
    NegativeSpanError,
    UnknownTimezoneError,
)

__all__ = [
    "MAX_DURATION",
    "AwareDatetime",
    "Clock",
    "FixedClock",
    "ManualClock",
    "NonNegativeDuration",
    "SystemClock",
    "TimezoneName",
    "ensure_aware",
    "ensure_bounded",
    "ensure_non_negative",
    "get_zone",
    "instant",
    "later_by",
    "utc_pauses",
]


def ensure_aware(value: datetime, name: str = "datetime") -> datetime:
    """Return ``value`` unchanged if it carries a time zone, else raise NaiveDatetimeError.

    Examples:
        >>> from datetime import datetime, timezone
        >>> ensure_aware(datetime(2026, 1, 2, tzinfo=timezone.utc)).year
        2026
    """
    if not isinstance(value, datetime):
        raise NaiveDatetimeError(f"{name} must be a datetime, got {type(value).__name__}")
    if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
        raise NaiveDatetimeError(
            f"{name} {value.isoformat()} has no time zone; pass an aware datetime, "
            "e.g. datetime(..., tzinfo=ZoneInfo('Europe/Warsaw'))"
        )
    return value


def ensure_non_negative(value: timedelta, name: str = "duration") -> timedelta:
    """Return ``value`` if it is zero or positive, else raise NegativeDurationError.

    Examples:
        >>> from datetime import timedelta
        >>> ensure_non_negative(timedelta(hours=2))
        datetime.timedelta(seconds=7200)
    """
    if value < timedelta(0):
        raise NegativeDurationError(f"{name} must not be negative, got {value}")
    return value


MAX_DURATION = timedelta(days=3660)
"""The longest duration the SLA arithmetic takes (about ten years): a promise further away
than that is a mistake, and walking a business calendar that far would take minutes."""


def ensure_bounded(value: timedelta, name: str = "duration") -> timedelta:
    """Return ``value`` if it is a timedelta from zero up to ``MAX_DURATION``, else raise
    [NegativeDurationError][cxcore.errors.NegativeDurationError] or
    [LimitExceededError][cxcore.errors.LimitExceededError] (fast: nothing is walked).

    Examples:
        >>> ensure_bounded(timedelta(days=30))
        datetime.timedelta(days=30)
    """
    if not isinstance(value, timedelta):
        raise NegativeDurationError(f"{name} must be a timedelta, got {type(value).__name__}")
    ensure_non_negative(value, name)
    if value > MAX_DURATION:
        raise LimitExceededError(
            f"{name} {value} is longer than the cap of {MAX_DURATION.days} days (about ten "
            "years); an SLA duration that long is a mistake"
        )
    return value


def utc_pauses(pauses: Iterable[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    """Pauses as ``(start, end)`` pairs in UTC, sorted; each must be a pair of aware
    datetimes with the end not before the start.

    Examples:
        >>> t = datetime(2026, 5, 4, 9, tzinfo=UTC)
        >>> utc_pauses([(t, t)])[0][0].isoformat()
        '2026-05-04T09:00:00+00:00'
        >>> utc_pauses([t])
        Traceback (most recent call last):
        ...
        cxcore.errors.InvalidInputError: each pause must be a (start, end) pair of datetimes, ...
    """
    if isinstance(pauses, str | bytes) or not isinstance(pauses, Iterable):
        raise InvalidInputError(
            f"pauses must be (start, end) pairs of datetimes, got {type(pauses).__name__}"
        )
    found = []
    for pair in pauses:
        if not isinstance(pair, tuple | list) or len(pair) != 2:
            raise InvalidInputError(
                f"each pause must be a (start, end) pair of datetimes, got {type(pair).__name__}"
            )
        start = ensure_aware(pair[0], "pause start").astimezone(UTC)
        end = ensure_aware(pair[1], "pause end").astimezone(UTC)
        if end < start:
            raise NegativeSpanError(
                f"pause ends at {pair[1].isoformat()}, before it starts at {pair[0].isoformat()}"
            )
        found.append((start, end))
    found.sort()
    return found


def instant(value: datetime) -> datetime:
    """The same instant in UTC, for comparing and subtracting real time.

    Python compares and subtracts two datetimes that share a ``tzinfo`` by their wall-clock
    fields and ignores the offset, so in the hour repeated when clocks go back 01:30 (first)
    and 01:30 (second) compare equal. Converting both sides to UTC compares instants.

    Examples:
        >>> from datetime import datetime
        >>> from zoneinfo import ZoneInfo
        >>> warsaw = ZoneInfo("Europe/Warsaw")
        >>> first = datetime(2026, 10, 25, 2, 30, tzinfo=warsaw)
        >>> second = datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=warsaw)
        >>> first < second, instant(first) < instant(second)
        (False, True)
    """
    return ensure_aware(value).astimezone(UTC)


def later_by(value: datetime, delta: timedelta) -> datetime:
    """``value`` moved by ``delta`` of real elapsed time, in the zone of ``value``.

    ``value + delta`` is wall-clock arithmetic: across a DST change it lands an hour off.

    Examples:
        >>> from datetime import datetime, timedelta
        >>> from zoneinfo import ZoneInfo
        >>> start = datetime(2026, 3, 28, 12, tzinfo=ZoneInfo("Europe/Warsaw"))
        >>> later_by(start, timedelta(hours=24)).isoformat()
        '2026-03-29T13:00:00+02:00'
    """
    return (instant(value) + delta).astimezone(value.tzinfo)


@lru_cache(maxsize=512)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def get_zone(name: str | tzinfo) -> tzinfo:
    """Resolve an IANA zone name (cached); a ``tzinfo`` passes through unchanged.

    Examples:
        >>> get_zone("Europe/Warsaw")
        zoneinfo.ZoneInfo(key='Europe/Warsaw')
    """
    if isinstance(name, tzinfo):
        return name
    if not isinstance(name, str) or not name or name != name.strip():
        raise UnknownTimezoneError(f"unknown time zone {name!r}; use an IANA name")
    try:
        return _zone(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise UnknownTimezoneError(
            f"unknown time zone {name!r}; use an IANA name such as 'Europe/Warsaw' "
            "(see zoneinfo.available_timezones())"
        ) from None


def _check_zone_name(name: str) -> str:
    get_zone(name)
    if name not in _known_zone_names() and name != "UTC":
        raise UnknownTimezoneError(f"unknown time zone {name!r}; use an IANA name")
    return name


@lru_cache(maxsize=1)
def _known_zone_names() -> frozenset[str]:
    return frozenset(available_timezones())


def _check_aware(value: datetime) -> datetime:
    return ensure_aware(value)


def _check_duration(value: timedelta) -> timedelta:
    return ensure_non_negative(value)


AwareDatetime = Annotated[datetime, AfterCheck(_check_aware)]
"""A datetime field that must carry a time zone (raises
[`NaiveDatetimeError`][cxcore.errors.NaiveDatetimeError])."""

TimezoneName = Annotated[str, AfterCheck(_check_zone_name)]
"""A string field holding an IANA time zone name (raises
[`UnknownTimezoneError`][cxcore.errors.UnknownTimezoneError])."""

NonNegativeDuration = Annotated[timedelta, AfterCheck(_check_duration)]
"""A timedelta field that must be zero or positive (raises
[`NegativeDurationError`][cxcore.errors.NegativeDurationError])."""


@runtime_checkable
class Clock(Protocol):
    """Where library code gets "now" from when the caller does not pass it.

    Examples:
        >>> from datetime import datetime, timezone
        >>> isinstance(FixedClock(datetime(2026, 1, 1, tzinfo=timezone.utc)), Clock)
        True
    """

    def now(self) -> datetime:
        """The current instant, time zone aware."""
        ...


class SystemClock:
    """The real wall clock, in UTC. For hosts; tests use [`FixedClock`][cxcore.FixedClock] or
    [`ManualClock`][cxcore.ManualClock].

    Examples:
        >>> SystemClock().now().tzinfo is not None
        True
    """

    def now(self) -> datetime:
        """The current instant in UTC."""
        return datetime.now(UTC)


class FixedClock:
    """A clock that always says the same instant.

    Examples:
        >>> from datetime import datetime, timezone
        >>> FixedClock(datetime(2026, 3, 1, 12, tzinfo=timezone.utc)).now().hour
        12
    """

    __slots__ = ("_at",)

    def __init__(self, at: datetime) -> None:
        self._at = ensure_aware(at, "at")

    def now(self) -> datetime:
        """The fixed instant."""
        return self._at


class ManualClock:
    """A clock moved by hand, for simulations: [`advance`][cxcore.ManualClock.advance] and
    [`set`][cxcore.ManualClock.set].

    Examples:
        >>> from datetime import datetime, timedelta, timezone
        >>> clock = ManualClock(datetime(2026, 3, 1, 9, tzinfo=timezone.utc))
        >>> clock.advance(timedelta(minutes=30)).isoformat()
        '2026-03-01T09:30:00+00:00'
    """

    __slots__ = ("_at",)

    def __init__(self, start: datetime) -> None:
        self._at = ensure_aware(start, "start")

    def now(self) -> datetime:
        """The instant the clock was last moved to."""
        return self._at

    def advance(self, delta: timedelta) -> datetime:
        """Move forward by ``delta`` of real elapsed time (never backwards) and return the new
        instant, in the zone the clock started in."""
        ensure_non_negative(delta, "delta")
        self._at = later_by(self._at, delta)
        return self._at

    def set(self, at: datetime) -> datetime:
        """Move to ``at``, which must not be earlier than the current instant."""
        if instant(ensure_aware(at, "at")) < instant(self._at):
            raise NegativeDurationError(
                f"a clock cannot go back from {self._at.isoformat()} to {at.isoformat()}"
            )
        self._at = at
        return self._at
