"""Batch deadlines and business-time spans: NumPy ``searchsorted`` when NumPy is installed,
plain Python otherwise; both give identical results.

Examples:
    >>> from datetime import UTC, datetime, timedelta
    >>> from cxcore.sla.calendar import BusinessCalendar
    >>> cal = BusinessCalendar(timezone="UTC")
    >>> start = datetime(2026, 5, 4, 16, tzinfo=UTC)
    >>> add_many(cal._compiled.timeline, [start], timedelta(hours=2))[0].isoformat()
    '2026-05-05T10:00:00+00:00'
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from cxcore._time import ensure_aware
from cxcore.errors import NaiveDatetimeError, NegativeDurationError
from cxcore.sla._timeline import Timeline, from_us, to_us

np: Any
try:
    import numpy

    np = numpy
except ImportError:  # pragma: no cover - exercised by forcing np = None in tests
    np = None

__all__ = ["add_many", "elapsed_many"]

_ONE_US = timedelta(microseconds=1)


def _durations(durations: Any, count: int) -> list[int]:
    if isinstance(durations, timedelta):
        values = [durations] * count
    else:
        values = list(durations)
        if len(values) != count:
            raise NegativeDurationError(f"got {count} starts but {len(values)} durations")
    result = []
    for value in values:
        if not isinstance(value, timedelta):
            raise NegativeDurationError(f"durations must be timedeltas, got {value!r}")
        micros = (value.days * 86_400 + value.seconds) * 1_000_000 + value.microseconds
        if micros < 0:
            raise NegativeDurationError(f"duration must not be negative, got {value}")
        result.append(micros)
    return result


def _instants(values: Any, name: str) -> Any:
    array = np.asarray(values)
    if array.dtype.kind != "M":
        raise NaiveDatetimeError(f"{name} must be datetime64 values (UTC instants)")
    array = array.astype("datetime64[us]")
    if np.isnat(array).any():
        raise NaiveDatetimeError(f"{name} holds NaT (not a time)")
    return array.view(np.int64)


def _spans(values: Any, count: int) -> Any:
    if isinstance(values, timedelta):
        return np.full(count, values // _ONE_US, dtype=np.int64)
    array = np.asarray(values)
    if array.dtype.kind == "O":
        return np.asarray(_durations(array.tolist(), count), dtype=np.int64)
    array = array.astype("timedelta64[us]")
    if np.isnat(array).any() or array.shape != (count,):
        raise NegativeDurationError(f"durations must be {count} timedelta64 values without NaT")
    result = array.view(np.int64)
    if (result < 0).any():
        raise NegativeDurationError("durations must not be negative")
    return result


def _open_before(arrays: Any, moments: Any) -> Any:
    starts, ends, cum, _ = arrays
    if starts.size == 0:
        return np.zeros_like(moments)
    index = np.searchsorted(starts, moments, side="right") - 1
    safe = np.maximum(index, 0)
    value = cum[safe] + np.minimum(moments, ends[safe]) - starts[safe]
    return np.where(index < 0, 0, value)


def _add_vector(line: Timeline, moments: Any, spans: Any) -> Any:
    if moments.size == 0:
        return moments.copy()
    lo, hi = int(moments.min()), int(moments.max())
    zero = spans == 0
    if zero.any():
        line.next_open(hi)
    span = line.cover(lo, hi)
    targets = _open_before(span.arrays(), moments) + spans
    while (~zero).any() and int(targets[~zero].max()) > span.total:
        worst = int(np.argmax(np.where(zero, -1, targets)))
        line.add(int(moments[worst]), int(spans[worst]))
        span = line.cover(lo, hi)
        targets = _open_before(span.arrays(), moments) + spans
    starts, ends, cum, cum_end = span.arrays()
    last = len(span.starts) - 1
    pick = np.minimum(np.searchsorted(cum_end, targets, side="left"), last)
    result = starts[pick] + targets - cum[pick]
    if zero.any():
        index = np.searchsorted(starts, moments, side="right") - 1
        inside = (index >= 0) & (moments < ends[np.maximum(index, 0)])
        opening = np.where(inside, moments, starts[np.minimum(index + 1, last)])
        result = np.where(zero, opening, result)
    return result


def add_many(line: Timeline, starts: Any, durations: Any) -> Any:
    """Deadlines for many starts: datetimes back in each start's zone, or ``datetime64[us]``
    (UTC) for a NumPy ``datetime64`` input."""
    if np is not None and isinstance(starts, np.ndarray):
        moments = _instants(starts, "starts")
        result = _add_vector(line, moments, _spans(durations, moments.size))
        return result.view("datetime64[us]")
    items: Sequence[datetime] = list(starts)
    moments_list = [to_us(ensure_aware(start, "start")) for start in items]
    spans_list = _durations(durations, len(items))
    if np is not None and items:
        ends = _add_vector(
            line, np.asarray(moments_list, dtype=np.int64), np.asarray(spans_list, dtype=np.int64)
        ).tolist()
    else:
        ends = [
            line.add(moment, span) for moment, span in zip(moments_list, spans_list, strict=True)
        ]
    return [from_us(end, start.tzinfo) for end, start in zip(ends, items, strict=True)]


def _check_order(first: Any, last: Any) -> None:
    if (last < first).any():
        raise NegativeDurationError("an end is before its start")


def elapsed_many(line: Timeline, starts: Any, ends: Any) -> Any:
    """Business time for many ``(start, end)`` pairs: timedeltas, or ``timedelta64[us]`` for
    NumPy ``datetime64`` input."""
    if np is not None and isinstance(starts, np.ndarray):
        first, last = _instants(starts, "starts"), _instants(ends, "ends")
        if first.shape != last.shape:
            raise NegativeDurationError("starts and ends differ in length")
        if first.size == 0:
            return np.zeros(0, dtype="timedelta64[us]")
        _check_order(first, last)
        span = line.cover(int(first.min()), int(last.max()))
        arrays = span.arrays()
        return (_open_before(arrays, last) - _open_before(arrays, first)).view("timedelta64[us]")
    first_list = [to_us(ensure_aware(start, "start")) for start in starts]
    last_list = [to_us(ensure_aware(end, "end")) for end in ends]
    if len(first_list) != len(last_list):
        raise NegativeDurationError("starts and ends differ in length")
    if any(b < a for a, b in zip(first_list, last_list, strict=True)):
        raise NegativeDurationError("an end is before its start")
    if np is not None and first_list:
        head, tail = np.asarray(first_list), np.asarray(last_list)
        span = line.cover(int(head.min()), int(tail.max()))
        arrays = span.arrays()
        values = (_open_before(arrays, tail) - _open_before(arrays, head)).tolist()
    else:
        values = [line.elapsed(a, b) for a, b in zip(first_list, last_list, strict=True)]
    return [timedelta(microseconds=value) for value in values]
