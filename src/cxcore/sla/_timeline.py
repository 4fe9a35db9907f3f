"""The absolute-time index behind BusinessCalendar: open intervals as UTC microseconds.

Local wall-time hours become absolute intervals ``[start, end)`` in integer microseconds since
the Unix epoch, built lazily in blocks of 16 weeks, merged where they touch, with a running
total of open time before each interval. ``add`` and ``elapsed`` are then two binary searches.

DST convention: a wall time that occurs twice (fall-back) means its first occurrence; a wall time
that does not exist (spring-forward gap) means the first real instant after the gap. Business
time is real elapsed time, so a shift that contains a DST change is an hour shorter or longer.

Examples:
    >>> from zoneinfo import ZoneInfo
    >>> warsaw = ZoneInfo("Europe/Warsaw")
    >>> gap = wall_to_us(warsaw, to_us(datetime(2026, 3, 29, 2, 30, tzinfo=UTC)))
    >>> from_us(gap, warsaw).isoformat()
    '2026-03-29T03:00:00+02:00'
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

from cxcore.errors import CalendarError, NoOpenTimeError

__all__ = ["BLOCK_US", "HORIZON_US", "Span", "Timeline", "from_us", "to_us", "wall_to_us"]

DAY_US = 86_400_000_000
BLOCK_US = 16 * 7 * DAY_US
HORIZON_US = 732 * DAY_US
"""How far (about two years) a search for open time looks before giving up."""
_FAR_US = 4 * 366 * DAY_US
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_EPOCH_NAIVE = datetime(1970, 1, 1)  # noqa: DTZ001 - local wall-time origin
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_MIN_ORDINAL = date(1, 1, 3).toordinal()
_MAX_ORDINAL = date(9999, 12, 29).toordinal()
_ONE_US = timedelta(microseconds=1)


def to_us(moment: datetime) -> int:
    """Microseconds since the Unix epoch of an aware datetime (exact, no floats).

    Examples:
        >>> to_us(datetime(1970, 1, 1, 0, 0, 1, 5, tzinfo=UTC))
        1000005
    """
    delta = moment - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def from_us(micros: int, zone: tzinfo | None) -> datetime:
    """The aware datetime of an epoch-microsecond count, in ``zone``.

    Examples:
        >>> from_us(1000005, UTC).isoformat()
        '1970-01-01T00:00:01.000005+00:00'
    """
    seconds, micro = divmod(micros, 1_000_000)
    try:
        result = datetime.fromtimestamp(seconds, zone)
    except (OverflowError, OSError, ValueError):
        try:
            return (_EPOCH + timedelta(microseconds=micros)).astimezone(zone)
        except OverflowError:
            raise NoOpenTimeError(f"result lies outside the years 1-9999 ({micros} us)") from None
    return result.replace(microsecond=micro) if micro else result


def wall_to_us(zone: tzinfo, wall: int) -> int:
    """Epoch microseconds of a local wall time given as microseconds since local 1970-01-01.

    Repeated wall times map to their first occurrence, missing ones to the end of the gap.

    Examples:
        >>> from zoneinfo import ZoneInfo
        >>> ny = ZoneInfo("America/New_York")
        >>> fold = wall_to_us(ny, to_us(datetime(2026, 11, 1, 1, 30, tzinfo=UTC)))
        >>> from_us(fold, ny).isoformat()
        '2026-11-01T01:30:00-04:00'
    """
    naive = _EPOCH_NAIVE + timedelta(microseconds=wall)
    before = naive.replace(tzinfo=zone).utcoffset()
    assert before is not None
    candidate = wall - before // _ONE_US
    back = (_EPOCH + timedelta(microseconds=candidate)).astimezone(zone)
    if back.replace(tzinfo=None) == naive:
        return candidate
    after = naive.replace(tzinfo=zone, fold=1).utcoffset()
    assert after is not None
    low, high = wall - after // _ONE_US, candidate
    first = _offset_at(zone, low)
    while high - low > 1:
        middle = (low + high) // 2
        if _offset_at(zone, middle) == first:
            low = middle
        else:
            high = middle
    return high


def _offset_at(zone: tzinfo, micros: int) -> timedelta | None:
    return (_EPOCH + timedelta(microseconds=micros)).astimezone(zone).utcoffset()


DaySpans = Callable[[date], Sequence[tuple[int, int]]]


class Span:
    """An immutable snapshot of the index over ``[lo, hi)``: merged open intervals and the open
    time before each one (``cum``) and at its end (``cum_end``), relative to ``lo``.

    Examples:
        >>> span = Span(0, 100, [(10, 20), (30, 40)])
        >>> span.cum, span.cum_end, span.total, span.open_before(35)
        ([0, 10], [10, 20], 20, 15)
    """

    __slots__ = ("_arrays", "cum", "cum_end", "ends", "hi", "lo", "starts", "total")

    def __init__(self, lo: int, hi: int, spans: Sequence[tuple[int, int]]) -> None:
        self.lo, self.hi = lo, hi
        self.starts = [start for start, _ in spans]
        self.ends = [end for _, end in spans]
        self.cum: list[int] = []
        self.cum_end: list[int] = []
        running = 0
        for start, end in spans:
            self.cum.append(running)
            running += end - start
            self.cum_end.append(running)
        self.total = running
        self._arrays: Any = None

    def open_before(self, moment: int) -> int:
        """Open time in ``[lo, moment)``."""
        index = bisect_right(self.starts, moment) - 1
        if index < 0:
            return 0
        end = self.ends[index]
        return self.cum[index] + (moment if moment < end else end) - self.starts[index]

    def open_between(self, start: int, end: int) -> int:
        """Open time in ``[start, end)`` (``open_before`` twice, written out: it runs for
        every SLA instance measured)."""
        starts, ends, cum = self.starts, self.ends, self.cum
        index = bisect_right(starts, end) - 1
        if index < 0:
            return 0
        stop = ends[index]
        total = cum[index] + (end if end < stop else stop) - starts[index]
        index = bisect_right(starts, start, 0, index + 1) - 1
        if index < 0:
            return total
        stop = ends[index]
        return total - (cum[index] + (start if start < stop else stop) - starts[index])

    def arrays(self) -> Any:
        """NumPy int64 copies of ``starts, ends, cum, cum_end`` (built once per snapshot)."""
        if self._arrays is None:
            import numpy as np

            self._arrays = tuple(
                np.asarray(values, dtype=np.int64)
                for values in (self.starts, self.ends, self.cum, self.cum_end)
            )
        return self._arrays


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


class Timeline:
    """Lazily built, cached open intervals of one calendar, with the arithmetic on them.

    ``day_spans(date)`` gives a local date's open spans in microseconds after its midnight.

    Examples:
        >>> from zoneinfo import ZoneInfo
        >>> line = Timeline(ZoneInfo("UTC"), lambda day: [(0, 3_600_000_000)])
        >>> line.add(0, 3_600_000_000) == 3_600_000_000, line.is_open(DAY_US)
        (True, True)
    """

    def __init__(self, zone: tzinfo, day_spans: DaySpans) -> None:
        self._zone = zone
        self._day_spans = day_spans
        self._span = Span(0, 0, ())

    # --- building -------------------------------------------------------------------------

    def _block(self, block: int) -> list[tuple[int, int]]:
        lo, hi = block * BLOCK_US, (block + 1) * BLOCK_US
        first = max(_EPOCH_ORDINAL + lo // DAY_US - 3, _MIN_ORDINAL)
        last = min(_EPOCH_ORDINAL + hi // DAY_US + 1, _MAX_ORDINAL)
        found: list[tuple[int, int]] = []
        for ordinal in range(first, last + 1):
            midnight = (ordinal - _EPOCH_ORDINAL) * DAY_US
            for start, end in self._day_spans(date.fromordinal(ordinal)):
                real_start = max(wall_to_us(self._zone, midnight + start), lo)
                real_end = min(wall_to_us(self._zone, midnight + end), hi)
                if real_start < real_end:
                    found.append((real_start, real_end))
        return _merge(found)

    def _blocks(self, first: int, last: int) -> list[tuple[int, int]]:
        if not _MIN_ORDINAL <= _EPOCH_ORDINAL + first * BLOCK_US // DAY_US <= _MAX_ORDINAL - 120:
            raise NoOpenTimeError("calendar arithmetic is limited to the years 1-9999")
        found: list[tuple[int, int]] = []
        for block in range(first, last + 1):
            found.extend(self._block(block))
        return found

    def cover(self, lo: int, hi: int) -> Span:
        """A snapshot whose range holds ``lo`` and ``hi`` (built and cached if needed)."""
        span = self._span
        if span.lo <= lo and hi < span.hi:
            return span
        first, last = lo // BLOCK_US, hi // BLOCK_US
        if span.lo == span.hi or first * BLOCK_US > span.hi + _FAR_US or hi < span.lo - _FAR_US:
            span = Span(first * BLOCK_US, (last + 1) * BLOCK_US, _merge(self._blocks(first, last)))
        else:
            first = min(first, span.lo // BLOCK_US)
            last = max(last, span.hi // BLOCK_US - 1)
            prefix = (
                self._blocks(first, span.lo // BLOCK_US - 1) if first * BLOCK_US < span.lo else []
            )
            suffix = (
                self._blocks(span.hi // BLOCK_US, last) if (last + 1) * BLOCK_US > span.hi else []
            )
            middle = list(zip(span.starts, span.ends, strict=True))
            span = Span(first * BLOCK_US, (last + 1) * BLOCK_US, _merge(prefix + middle + suffix))
        self._span = span
        return span

    # --- arithmetic on epoch microseconds -----------------------------------------------------

    def is_open(self, moment: int) -> bool:
        """Whether ``moment`` lies in an open interval."""
        span = self.cover(moment, moment)
        index = bisect_right(span.starts, moment) - 1
        return index >= 0 and moment < span.ends[index]

    def elapsed(self, start: int, end: int) -> int:
        """Open time in ``[start, end)``; ``start <= end``."""
        span = self._span
        if not (span.lo <= start and end < span.hi):
            span = self.cover(start, end)
        return span.open_between(start, end)

    def next_open(self, moment: int) -> int:
        """``moment`` if open, else the start of the next open interval."""
        span = self.cover(moment, moment)
        while True:
            index = bisect_right(span.starts, moment) - 1
            if index >= 0 and moment < span.ends[index]:
                return moment
            if index + 1 < len(span.starts):
                return span.starts[index + 1]
            span = self._ahead(span, moment, span.hi)

    def next_close(self, moment: int) -> int:
        """The end of the open period that holds ``moment``, or else of the next one."""
        start = self.next_open(moment)
        while True:
            span = self.cover(start, start)
            end = span.ends[bisect_right(span.starts, start) - 1]
            if end < span.hi:
                return end
            if end - moment > HORIZON_US:
                raise CalendarError(
                    "the calendar never closes within two years after "
                    f"{from_us(moment, UTC).isoformat()}; it has no closing time"
                )
            self.cover(start, end)

    def add(self, start: int, duration: int) -> int:
        """The earliest instant with ``duration`` of open time after ``start``; for a zero
        duration, ``next_open(start)``."""
        if duration == 0:
            return self.next_open(start)
        span = self._span
        if not span.lo <= start < span.hi:
            span = self.cover(start, start)
        starts = span.starts
        index = bisect_right(starts, start) - 1
        if index < 0:
            target = duration
        else:
            end = span.ends[index]
            target = span.cum[index] + (start if start < end else end) - starts[index] + duration
        while target > span.total:
            span = self._ahead(span, start, span.hi + (target - span.total))
            target = span.open_before(start) + duration
        index = bisect_left(span.cum_end, target)
        return span.starts[index] + target - span.cum[index]

    def subtract(self, end: int, duration: int) -> int:
        """The latest instant with ``duration`` of open time before ``end``."""
        if duration == 0:
            return end
        span = self.cover(end, end)
        target = span.open_before(end) - duration
        while target < 0:
            earliest = span.starts[0] if span.starts else end
            if min(earliest, end) - span.lo > HORIZON_US:
                self._no_open_time(end, "before")
            span = self.cover(span.lo + target, end)
            target = span.open_before(end) - duration
        index = bisect_right(span.cum, target) - 1
        return span.starts[index] + target - span.cum[index]

    def _ahead(self, span: Span, moment: int, reach: int) -> Span:
        last_open = span.ends[-1] if span.ends else span.lo
        if span.hi - max(moment, last_open) > HORIZON_US:
            self._no_open_time(moment, "after")
        return self.cover(min(span.lo, moment), max(reach, span.hi))

    @staticmethod
    def _no_open_time(moment: int, where: str) -> None:
        raise NoOpenTimeError(
            f"calendar has no open time within two years {where} {from_us(moment, UTC).isoformat()}"
        )
