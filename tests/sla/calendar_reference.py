"""A slow, obviously correct reference for BusinessCalendar, and hypothesis strategies.

The reference steps through time one minute at a time. It reads the raw calendar definition
itself (its own time parsing, holiday and extra-day precedence) and finds where a wall time
starts by looking at real instants, so it shares no code with the cached interval index.
Convention: a wall time ``w`` starts at the earliest real instant whose wall reading is >= ``w``
(first occurrence in a fold, end of the gap in a spring-forward gap).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from cxcore.errors import CalendarError
from cxcore.sla import BusinessCalendar, ExtraDay

MINUTE = timedelta(minutes=1)
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
ZONES = (
    "Europe/Warsaw",
    "Europe/Riga",
    "Europe/Istanbul",
    "Europe/Helsinki",
    "Asia/Bangkok",
    "America/New_York",
    "UTC",
)


def _minutes(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


class MinuteReference:
    """Open/closed decided minute by minute from the raw definition."""

    def __init__(
        self,
        zone: str,
        hours: dict[str, list[tuple[str, str]]],
        holidays: frozenset[date],
        extra: dict[date, list[tuple[str, str]]],
    ) -> None:
        self.zone = ZoneInfo(zone)
        self.hours = hours
        self.holidays = holidays
        self.extra = extra
        self._real = cache(self._real_intervals)
        self.weekly_minutes = sum(
            (end if end > start else end + 1440) - start
            for spans in hours.values()
            for start, end in ((_minutes(a), _minutes(b)) for a, b in spans)
        )

    def _spans(self, day: date) -> list[tuple[int, int]]:
        if day in self.extra:
            raw = self.extra[day]
        elif day in self.holidays:
            return []
        else:
            raw = self.hours.get(DAYS[day.weekday()], [])
        spans = []
        for start_text, end_text in raw:
            start, end = _minutes(start_text), _minutes(end_text)
            spans.append((start, end if end > start else end + 24 * 60))
        return spans

    def first_instant(self, wall: datetime) -> datetime:
        """Earliest real instant whose local wall reading is at or after ``wall`` (naive)."""
        valid = []
        for fold in (0, 1):
            instant = wall.replace(tzinfo=self.zone, fold=fold).astimezone(UTC)
            if instant.astimezone(self.zone).replace(tzinfo=None) == wall:
                valid.append(instant)
        if valid:
            return min(valid)
        instant = wall.replace(tzinfo=self.zone).astimezone(UTC) - timedelta(hours=3)
        while instant.astimezone(self.zone).replace(tzinfo=None) < wall:
            instant += MINUTE
        return instant

    def _real_intervals(self, day: date) -> list[tuple[datetime, datetime]]:
        midnight = datetime(day.year, day.month, day.day)
        return [
            (
                self.first_instant(midnight + timedelta(minutes=start)),
                self.first_instant(midnight + timedelta(minutes=end)),
            )
            for start, end in self._spans(day)
        ]

    def is_open(self, instant: datetime) -> bool:
        local_day = instant.astimezone(self.zone).date()
        for back in range(3):
            for start, end in self._real(local_day - timedelta(days=back)):
                if start <= instant < end:
                    return True
        return False

    def add(self, start: datetime, minutes: int) -> datetime:
        moment = start.astimezone(UTC)
        if minutes == 0:
            while not self.is_open(moment):
                moment += MINUTE
            return moment
        counted = 0
        while True:
            if self.is_open(moment):
                counted += 1
                if counted == minutes:
                    return moment + MINUTE
            moment += MINUTE

    def elapsed(self, start: datetime, end: datetime) -> timedelta:
        moment, last = start.astimezone(UTC), end.astimezone(UTC)
        counted = 0
        while moment < last:
            counted += self.is_open(moment)
            moment += MINUTE
        return counted * MINUTE


# --- strategies --------------------------------------------------------------------------------

_half_hours = st.integers(min_value=0, max_value=47).map(lambda n: f"{n // 2:02d}:{n % 2 * 30:02d}")


@st.composite
def day_hours(draw: st.DrawFn) -> list[tuple[str, str]]:
    """Zero to two intervals on half-hour boundaries, the last one possibly overnight."""
    count = draw(st.integers(min_value=0, max_value=2))
    points = sorted(draw(st.sets(_half_hours, min_size=2 * count, max_size=2 * count)))
    pairs = [(points[i], points[i + 1]) for i in range(0, len(points), 2)]
    if pairs and draw(st.booleans()):
        start, end = pairs[-1]
        pairs[-1] = (end, start) if len(pairs) == 1 else (end, "00:00")
    return pairs


_DST_SENSITIVE = [
    ("02:30", "05:00"),
    ("03:30", "08:00"),
    ("05:00", "02:30"),
    ("02:00", "02:30"),
    ("03:00", "03:30"),
]


@st.composite
def calendars(draw: st.DrawFn) -> tuple[BusinessCalendar, MinuteReference]:
    """A valid calendar with some open time, and the reference built from the same data."""
    zone = draw(st.sampled_from(ZONES))
    hours = {day: draw(day_hours()) for day in DAYS}
    if draw(st.booleans()):
        # Boundaries inside the spring gaps and autumn folds (02:00-04:00 local on Sundays).
        hours["sun"] = [draw(st.sampled_from(_DST_SENSITIVE))]
        hours["sat"] = [("23:00", draw(st.sampled_from(["02:30", "03:00", "03:30"])))]
    hours = {day: spans for day, spans in hours.items() if spans}
    holidays = draw(
        st.frozensets(
            st.dates(min_value=date(2026, 3, 1), max_value=date(2026, 11, 30)), max_size=6
        )
    )
    extra = {}
    if draw(st.booleans()):
        extra[draw(st.dates(date(2026, 3, 1), date(2026, 11, 30)))] = [("10:00", "12:30")]
    try:
        cal = BusinessCalendar(
            timezone=zone,
            hours=hours,
            holidays=sorted(holidays),
            extra_days=[ExtraDay(day=day, hours=spans) for day, spans in extra.items()],
        )
    except CalendarError:  # overlapping draws: fall back to a plain calendar
        hours, holidays, extra = {}, frozenset(), {}
        cal = BusinessCalendar(timezone=zone, hours=hours)
    if not hours:
        hours = {"wed": [("09:00", "17:00")]}
        cal = cal.model_copy(update={"hours": hours})
    return cal, MinuteReference(zone, hours, holidays, extra)


# Starts cluster around the 2026 DST changes of Europe and New York, and cover the year.
_near_changes = st.sampled_from(
    [datetime(2026, 3, 6), datetime(2026, 3, 27), datetime(2026, 10, 23), datetime(2026, 10, 30)]
)


@st.composite
def minute_starts(draw: st.DrawFn, zone: str) -> datetime:
    """Whole-minute aware datetimes in ``zone`` near DST changes (or anywhere in 2026)."""
    base = draw(st.one_of(_near_changes, st.just(datetime(2026, 3, 1))))
    span = 5 * 24 * 60 if base.day != 1 else 270 * 24 * 60
    instant = base.replace(tzinfo=UTC) + draw(st.integers(0, span)) * MINUTE
    return instant.astimezone(ZoneInfo(zone))


@st.composite
def instants(draw: st.DrawFn) -> datetime:
    """Aware datetimes with microseconds in 2026, in a first-class zone."""
    micros = draw(st.integers(0, 365 * 86_400_000_000))
    instant = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(microseconds=micros)
    return instant.astimezone(ZoneInfo(draw(st.sampled_from(ZONES))))


durations = st.integers(0, 40 * 86_400_000_000).map(lambda n: timedelta(microseconds=n))
