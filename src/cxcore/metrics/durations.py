"""Summaries of durations (mean, median, p90, p95) exact in memory or sketched in streams.

Durations are measured by a calendar object: anything with ``elapsed(start, end)``, such as
[`CalendarTime`][cxcore.sla.CalendarTime] (real elapsed time, correct across DST changes;
the default) or a business calendar (``cxcore.sla.calendar.BusinessCalendar``) that counts only
open hours.

Examples:
    >>> from datetime import timedelta
    >>> s = summarize_durations([timedelta(minutes=m) for m in (5, 10, 15, 60)])
    >>> s.median, s.p90, s.n
    (datetime.timedelta(seconds=750), datetime.timedelta(seconds=2790), 4)
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta, timezone
from fractions import Fraction
from typing import Any, Protocol, overload, runtime_checkable

from cxcore._model import CxModel
from cxcore.errors import InvalidInputError, NegativeDurationError
from cxcore.metrics._stats import numpy_array
from cxcore.metrics.percentiles import (
    PercentileMethod,
    QuantileSketch,
    percentiles,
    select_sorted,
)
from cxcore.sla.calendar_time import CalendarTime

__all__ = [
    "DurationAccumulator",
    "DurationSummary",
    "ElapsedCalendar",
    "durations_between",
    "summarize_durations",
]

_US = timedelta(microseconds=1)
_QS = (50, 90, 95)


@runtime_checkable
class ElapsedCalendar(Protocol):
    """What timing metrics need from a calendar: the time counted between two instants.

    Examples:
        >>> from cxcore.sla.calendar_time import CalendarTime
        >>> isinstance(CalendarTime(), ElapsedCalendar)
        True
    """

    def elapsed(self, start: datetime, end: datetime) -> timedelta:
        """Counted time from ``start`` to ``end``."""
        ...


class DurationSummary(CxModel):
    """Mean, median, p90, p95, min and max of some durations, with the definitions used.

    ``method`` names the percentile definition (see
    [`cxcore.metrics.percentiles`][cxcore.metrics.percentiles]); ``exact`` is False when the
    percentiles come from a sketch, then each is within ``relative_accuracy`` of the exact ``lower``
    percentile. The mean, min, max and ``n`` are always exact. Everything but ``n`` is ``None`` when
    ``n`` is 0.

    Examples:
        >>> summarize_durations([]).mean is None
        True
    """

    metric: str = "duration"
    definition: str = ""
    n: int
    mean: timedelta | None
    median: timedelta | None
    p90: timedelta | None
    p95: timedelta | None
    minimum: timedelta | None
    maximum: timedelta | None
    method: PercentileMethod
    exact: bool = True
    relative_accuracy: float | None = None


def _empty(
    metric: str, definition: str, method: PercentileMethod, exact: bool, alpha: float | None
) -> DurationSummary:
    return DurationSummary(
        metric=metric,
        definition=definition,
        n=0,
        mean=None,
        median=None,
        p90=None,
        p95=None,
        minimum=None,
        maximum=None,
        method=method,
        exact=exact,
        relative_accuracy=alpha,
    )


def _micros(value: object) -> int:
    if isinstance(value, timedelta):
        return value // _US
    if isinstance(value, int | float) and not isinstance(value, bool) and value == value:
        return round(value * 1_000_000)
    raise InvalidInputError(f"a duration must be a timedelta or a number of seconds, got {value!r}")


def _td(micros: float) -> timedelta:
    return timedelta(microseconds=round(micros))


def summarize_durations(
    durations: Iterable[timedelta] | Iterable[float] | Any,
    metric: str = "duration",
    definition: str = "",
    method: PercentileMethod | str = PercentileMethod.LINEAR,
) -> DurationSummary:
    """Exact summary of ``durations``: ``timedelta`` values, numbers of seconds, or a NumPy
    array (``timedelta64`` or seconds). Negative durations are refused.

    Examples:
        >>> summarize_durations([30.0, 90.0], metric="first_reply").mean
        datetime.timedelta(seconds=60)
    """
    how = PercentileMethod(method)
    array_in = numpy_array(durations)
    if array_in is not None:
        return _summarize_array(array_in, metric, definition, how)
    if isinstance(durations, memoryview) or hasattr(durations, "typecode"):
        durations = memoryview(durations).tolist()  # type: ignore[arg-type]
    items = durations if isinstance(durations, list) else list(durations)
    if not items:
        return _empty(metric, definition, how, True, None)
    if set(map(type, items)) == {timedelta}:
        # Sort float seconds (CPython's fastest sort); below 10**9 s every microsecond count
        # is a distinct float and comes back exactly. Sum the timedeltas themselves (exact).
        seconds = list(map(timedelta.total_seconds, items))
        seconds.sort()
        total = sum(items, timedelta(0)) // _US
        if seconds[0] > -_EXACT_SECONDS and seconds[-1] < _EXACT_SECONDS:
            return _from_sorted_micros(_MicroView(seconds), total, metric, definition, how)
        micros = sorted(v // _US for v in items)
        return _from_sorted_micros(micros, total, metric, definition, how)
    micros = sorted(_micros(v) for v in items)
    return _from_sorted_micros(micros, sum(micros), metric, definition, how)


_EXACT_SECONDS = 1e9


class _MicroView(Sequence[int]):
    """Sorted float seconds (each a whole number of microseconds, under 10**9 s) seen as
    whole microseconds, converted on access."""

    __slots__ = ("_items",)

    def __init__(self, items: list[float]) -> None:
        self._items = items

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, index: int) -> int: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[int]: ...
    def __getitem__(self, index: int | slice) -> int | Sequence[int]:
        if isinstance(index, slice):
            return [round(v * 1_000_000) for v in self._items[index]]
        return round(self._items[index] * 1_000_000)


def _from_sorted_micros(
    micros: Sequence[int], total: int, metric: str, definition: str, how: PercentileMethod
) -> DurationSummary:
    if micros[0] < 0:
        raise NegativeDurationError(f"durations must not be negative, got {_td(micros[0])}")
    median, p90, p95 = select_sorted(micros, _QS, how, whole=True)
    n = len(micros)
    return DurationSummary(
        metric=metric,
        definition=definition,
        n=n,
        mean=timedelta(microseconds=round(Fraction(total, n))),
        median=_td(median),
        p90=_td(p90),
        p95=_td(p95),
        minimum=_td(micros[0]),
        maximum=_td(micros[-1]),
        method=how,
    )


def _summarize_array(
    array_in: Any, metric: str, definition: str, how: PercentileMethod
) -> DurationSummary:
    import numpy as np

    if array_in.ndim != 1:
        raise InvalidInputError(f"durations must be one-dimensional, got {array_in.ndim} dims")
    kind = array_in.dtype.kind
    if kind == "m":
        values = array_in.astype("timedelta64[us]").view(np.int64)
        values = values[values != np.iinfo(np.int64).min]  # drop NaT
        scale = 1
    elif kind in "iuf":
        values = array_in[~np.isnan(array_in)] if kind == "f" else array_in
        scale = 1_000_000
    else:
        raise InvalidInputError(f"durations must be timedelta64 or seconds, got {array_in.dtype}")
    if values.size == 0:
        return _empty(metric, definition, how, True, None)
    low, high = values.min(), values.max()
    if low < 0:
        raise NegativeDurationError(f"durations must not be negative, got {low.item()}")
    picked = percentiles(values, _QS, how)
    assert picked is not None
    mean = (
        values.mean(dtype=np.float64)
        if kind == "f"
        else int(values.sum(dtype=np.int64)) / values.size
    )
    return DurationSummary(
        metric=metric,
        definition=definition,
        n=int(values.size),
        mean=_td(float(mean) * scale),
        median=_td(float(picked[0]) * scale),
        p90=_td(float(picked[1]) * scale),
        p95=_td(float(picked[2]) * scale),
        minimum=_td(low.item() * scale),
        maximum=_td(high.item() * scale),
        method=how,
    )


def durations_between(
    starts: Iterable[datetime | None] | Any,
    ends: Iterable[datetime | None] | Any,
    calendar: ElapsedCalendar | None = None,
) -> list[timedelta] | Any:
    """Durations from each start to the matching end, skipping pairs with a missing side
    (``None``, or ``NaT`` in NumPy arrays). With NumPy ``datetime64`` arrays and no calendar
    the result is a ``timedelta64`` array; otherwise a list of ``timedelta``.

    Examples:
        >>> from datetime import datetime, timezone
        >>> t = datetime(2026, 5, 4, 9, tzinfo=timezone.utc)
        >>> durations_between([t, t], [t + timedelta(hours=1), None])
        [datetime.timedelta(seconds=3600)]
    """
    start_array, end_array = numpy_array(starts), numpy_array(ends)
    if calendar is None and start_array is not None and end_array is not None:
        import numpy as np

        spans = end_array - start_array
        spans = spans[~np.isnat(spans)]
        if (spans < np.timedelta64(0)).any():
            raise NegativeDurationError("an end is before its start")
        return spans
    counter = calendar or CalendarTime()
    if isinstance(counter, CalendarTime):
        start_list, end_list = list(starts), list(ends)
        if len(start_list) != len(end_list):
            raise InvalidInputError("starts and ends differ in length")
        zones = {t.tzinfo for t in start_list if t is not None}
        zones.update(t.tzinfo for t in end_list if t is not None)
        if all(isinstance(zone, timezone) for zone in zones):
            # fixed offsets only: plain subtraction is exact, so do it in one C-level pass
            pairs = zip(start_list, end_list, strict=True)
            spans = [e - s for s, e in pairs if s is not None and e is not None]
            if spans and min(spans) < timedelta(0):
                for s, e in zip(start_list, end_list, strict=True):
                    if s is not None and e is not None and e < s:
                        raise NegativeDurationError(
                            f"end {e.isoformat()} is before start {s.isoformat()}"
                        )
            return spans
        starts, ends = start_list, end_list
    return [
        counter.elapsed(start, end)
        for start, end in zip(starts, ends, strict=True)
        if start is not None and end is not None
    ]


class DurationAccumulator:
    """Streaming duration summary. Exact by default (keeps each duration as whole
    microseconds, 8 bytes each); with ``sketch=True`` it keeps a
    [`QuantileSketch`][cxcore.metrics.QuantileSketch] instead (DDSketch when installed: percentiles
    within ``relative_accuracy``), while the count, mean, min and max stay exact. Merging is
    associative and commutative.

    With ``exact_limit`` it stays exact up to that many durations and then moves them into a
    sketch, so memory stops growing (only when DDSketch is installed; without it the exact
    array is already the smaller form and is kept).

    Examples:
        >>> acc = DurationAccumulator()
        >>> acc.add(timedelta(minutes=10)); acc.add(timedelta(minutes=20))
        >>> acc.result().mean
        datetime.timedelta(seconds=900)
    """

    __slots__ = (
        "_alpha",
        "_asked",
        "_max",
        "_micros",
        "_min",
        "_n",
        "_sketch",
        "_total",
        "exact_limit",
        "method",
        "relative_accuracy",
    )

    def __init__(
        self,
        sketch: bool = False,
        relative_accuracy: float = 0.01,
        method: PercentileMethod | str = PercentileMethod.LINEAR,
        exact_limit: int | None = None,
    ) -> None:
        if exact_limit is not None and (
            isinstance(exact_limit, bool) or not isinstance(exact_limit, int) or exact_limit < 1
        ):
            raise InvalidInputError(f"exact_limit must be a whole number >= 1, got {exact_limit!r}")
        self._sketch = QuantileSketch(relative_accuracy) if sketch else None
        self._alpha = relative_accuracy
        self._asked = PercentileMethod(method)
        self.exact_limit = exact_limit
        self.relative_accuracy = self._sketch.relative_accuracy if self._sketch else None
        self.method = PercentileMethod.LOWER if self._sketch else self._asked
        self._micros = array("q")
        self._n = 0
        self._total = 0
        self._min: int | None = None
        self._max: int | None = None

    def _settings(self) -> tuple[object, ...]:
        if self.exact_limit is not None:
            return (self.exact_limit, self._alpha, self._asked)
        return (self._sketch is None, self.relative_accuracy, self.method)

    def add(self, duration: timedelta | float) -> None:
        """Add one duration (a ``timedelta`` or seconds); negative ones are refused."""
        micros = _micros(duration)
        if micros < 0:
            raise NegativeDurationError(f"durations must not be negative, got {duration}")
        self.add_micros(micros)

    def add_micros(self, micros: int) -> None:
        """Add one duration given in whole microseconds (not negative; not checked here, so
        for callers that measured it themselves).

        Examples:
            >>> acc = DurationAccumulator()
            >>> acc.add_micros(90_000_000)
            >>> acc.result("wait").median
            datetime.timedelta(seconds=90)
        """
        self._n += 1
        self._total += micros
        if self._min is None or micros < self._min:
            self._min = micros
        if self._max is None or micros > self._max:
            self._max = micros
        if self._sketch is None:
            self._micros.append(micros)
            if self.exact_limit is not None and self._n > self.exact_limit:
                self._to_sketch()
        else:
            self._sketch.add(micros / 1_000_000)

    def _to_sketch(self) -> None:
        sketch = QuantileSketch(self._alpha)
        if sketch.exact:
            return  # no DDSketch installed: the exact array is the smaller form
        for micros in self._micros:
            sketch.add(micros / 1_000_000)
        self._sketch = sketch
        self._micros = array("q")
        self.method = PercentileMethod.LOWER
        self.relative_accuracy = sketch.relative_accuracy

    def update(self, durations: Iterable[timedelta | float]) -> None:
        """Add every duration."""
        for duration in durations:
            self.add(duration)

    def merge(self, other: DurationAccumulator) -> DurationAccumulator:
        """A new accumulator holding both; the operands must have the same settings."""
        if not isinstance(other, DurationAccumulator) or other._settings() != self._settings():
            raise InvalidInputError("can only merge duration accumulators with the same settings")
        merged = DurationAccumulator.__new__(DurationAccumulator)
        merged._alpha, merged._asked, merged.exact_limit = (
            self._alpha,
            self._asked,
            self.exact_limit,
        )
        merged.method = self.method
        merged.relative_accuracy = self.relative_accuracy
        merged._micros = array("q")
        merged._sketch = None
        if self._sketch is None and other._sketch is None:
            merged._micros = self._micros + other._micros
        else:
            parts = []
            for part in (self, other):
                if part._sketch is None:
                    part = part._copy()
                    part._to_sketch()
                parts.append(part._sketch)
            merged._sketch = parts[0].merge(parts[1])  # type: ignore[union-attr,arg-type]
            merged.method = PercentileMethod.LOWER
            merged.relative_accuracy = merged._sketch.relative_accuracy
        merged._n = self._n + other._n
        merged._total = self._total + other._total
        mins = [m for m in (self._min, other._min) if m is not None]
        maxs = [m for m in (self._max, other._max) if m is not None]
        merged._min = min(mins) if mins else None
        merged._max = max(maxs) if maxs else None
        if (
            merged._sketch is None
            and merged.exact_limit is not None
            and merged._n > merged.exact_limit
        ):
            merged._to_sketch()
        return merged

    def absorb(self, other: DurationAccumulator) -> None:
        """Add everything ``other`` holds to this accumulator in place (as
        [merge][cxcore.metrics.durations.DurationAccumulator.merge] would, without copying
        this one's exact values); ``other`` does not change.

        Examples:
            >>> a, b = DurationAccumulator(), DurationAccumulator()
            >>> a.add(60); b.add(120)
            >>> a.absorb(b)
            >>> a.result().n, b.result().n
            (2, 1)
        """
        if (
            isinstance(other, DurationAccumulator)
            and other._settings() == self._settings()
            and self._sketch is None
            and other._sketch is None
            and (self.exact_limit is None or self._n + other._n <= self.exact_limit)
        ):
            self._micros.extend(other._micros)
            self._n += other._n
            self._total += other._total
            for bound, pick in (("_min", min), ("_max", max)):
                ends = [e for e in (getattr(self, bound), getattr(other, bound)) if e is not None]
                setattr(self, bound, pick(ends) if ends else None)
            return
        merged = self.merge(other)  # checks the settings; moves to a sketch past the limit
        for name in self.__slots__:
            setattr(self, name, getattr(merged, name))

    def _copy(self) -> DurationAccumulator:
        copy = DurationAccumulator.__new__(DurationAccumulator)
        for name in self.__slots__:
            setattr(copy, name, getattr(self, name))
        copy._micros = array("q", self._micros)
        return copy

    def result(self, metric: str = "duration", definition: str = "") -> DurationSummary:
        """The summary of everything added so far."""
        if self._n == 0:
            return _empty(
                metric, definition, self.method, self._sketch is None, self.relative_accuracy
            )
        if self._sketch is None:
            return _from_sorted_micros(
                sorted(self._micros), self._total, metric, definition, self.method
            )
        qs = self._sketch.percentiles(_QS)
        assert qs is not None and self._min is not None and self._max is not None
        return DurationSummary(
            metric=metric,
            definition=definition,
            n=self._n,
            mean=timedelta(microseconds=round(Fraction(self._total, self._n))),
            median=_td(qs[0] * 1_000_000),
            p90=_td(qs[1] * 1_000_000),
            p95=_td(qs[2] * 1_000_000),
            minimum=_td(self._min),
            maximum=_td(self._max),
            method=self.method,
            exact=self._sketch.exact,
            relative_accuracy=self.relative_accuracy,
        )
