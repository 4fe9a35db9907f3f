"""Exact percentiles for data in memory and a mergeable quantile sketch for streams.

Definitions, for ``n`` sorted values ``x[1] <= ... <= x[n]`` and ``p = q / 100``
(Hyndman and Fan, "Sample quantiles in statistical packages", 1996, types in brackets):

- ``nearest_rank`` [type 1, NumPy ``inverted_cdf``]: ``x[ceil(p * n)]`` (``x[1]`` when
  ``p = 0``); always one of the data.
- ``linear`` [type 7, NumPy's default ``linear``, pandas, Excel ``PERCENTILE.INC``]:
  ``h = (n - 1) * p + 1``, ``x[floor(h)] + (h - floor(h)) * (x[floor(h) + 1] - x[floor(h)])``.
- ``weibull`` [type 6, the NIST/SEMATECH e-Handbook's primary method, Excel
  ``PERCENTILE.EXC``]: as ``linear`` with ``h = (n + 1) * p``, clamped to ``x[1]..x[n]``.
- ``lower`` [NumPy ``lower``]: ``x[floor((n - 1) * p) + 1]``; the definition DDSketch's
  guarantee refers to.

Ranks are computed with exact rational arithmetic (``q = 7`` over 100 values is rank 7, not 8
through a rounding error) and interpolation is correctly rounded.

Examples:
    >>> percentile([15, 20, 35, 40, 50], 40)
    20
    >>> percentile([15, 20, 35, 40, 50], 40, method="linear")
    29.0
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import timedelta
from enum import StrEnum
from fractions import Fraction
from functools import lru_cache
from typing import Any, overload

from cxcore.errors import InvalidInputError
from cxcore.metrics._stats import check_iterable, numpy_array

__all__ = ["PercentileMethod", "QuantileSketch", "percentile", "percentiles", "select_sorted"]

_US = timedelta(microseconds=1)


class PercentileMethod(StrEnum):
    """How a percentile is defined between data points (see the module docs).

    Examples:
        >>> PercentileMethod("linear").numpy_name
        'linear'
    """

    NEAREST_RANK = "nearest_rank"
    LINEAR = "linear"
    WEIBULL = "weibull"
    LOWER = "lower"

    @property
    def numpy_name(self) -> str:
        """The ``method=`` name NumPy uses for the same definition."""
        return "inverted_cdf" if self is PercentileMethod.NEAREST_RANK else self.value


Number = int | float


def _method(method: PercentileMethod | str) -> PercentileMethod:
    try:
        return PercentileMethod(method)
    except ValueError:
        known = ", ".join(m.value for m in PercentileMethod)
        raise InvalidInputError(
            f"unknown percentile method {method!r}; use one of {known}"
        ) from None


def _fraction(q: object) -> Fraction:
    if isinstance(q, bool) or not isinstance(q, int | float | Fraction):
        raise InvalidInputError(f"percentile must be a number in 0..100, got {q!r}")
    if isinstance(q, float) and not math.isfinite(q):
        raise InvalidInputError(f"percentile must be a number in 0..100, got {q!r}")
    p = Fraction(q) / 100
    if not 0 <= p <= 1:
        raise InvalidInputError(f"percentile must be in 0..100, got {q!r}")
    return p


def _positions(n: int, p: Fraction, method: PercentileMethod) -> tuple[int, int, Fraction]:
    """0-based ``(i, j)`` and weight ``w``: the percentile is ``x[i] + w * (x[j] - x[i])``."""
    if method is PercentileMethod.NEAREST_RANK:
        k = max(1, math.ceil(p * n))
        return k - 1, k - 1, Fraction(0)
    if method is PercentileMethod.LOWER:
        k = math.floor(p * (n - 1))
        return k, k, Fraction(0)
    if method is PercentileMethod.LINEAR:
        h = p * (n - 1)
        i = math.floor(h)
        return i, min(i + 1, n - 1), h - i
    h = p * (n + 1)  # weibull, 1-based
    if h <= 1:
        return 0, 0, Fraction(0)
    if h >= n:
        return n - 1, n - 1, Fraction(0)
    i = math.floor(h)
    return i - 1, i, h - i


def _interpolate(a: Number, b: Number, w: Fraction, whole: bool) -> Any:
    """``a + w * (b - a)`` correctly rounded: to an int when ``whole``, else to a float."""
    if w == 0 or a == b:
        return a
    value = Fraction(a) + w * (Fraction(b) - Fraction(a))
    return round(value) if whole else float(value)


_PLAIN_NUMBERS = frozenset({int, float})


def _prepare(values: Iterable[Any]) -> tuple[Any, bool, bool]:
    """``(data, is_timedelta, is_array)``: a sorted list, or a NumPy array of numbers."""
    check_iterable(values, "values")
    array = numpy_array(values)
    if array is not None:
        import numpy as np

        if array.ndim != 1:
            raise InvalidInputError(f"values must be one-dimensional, got {array.ndim} dims")
        kind = array.dtype.kind
        if kind == "m":
            return array.astype("timedelta64[us]").astype(np.int64), True, True
        if kind == "f":
            if np.isnan(array).any():
                raise InvalidInputError("values contain NaN; drop missing values first")
            return array, False, True
        if kind in "iub":
            return array, False, True
        raise InvalidInputError(
            f"values must be numbers or durations, got an array of {array.dtype}"
        )
    if isinstance(values, memoryview) or hasattr(values, "typecode"):
        values = memoryview(values).tolist()  # type: ignore[arg-type]
    data = list(values)
    if data and isinstance(data[0], timedelta):
        try:
            micros = [v // _US for v in data]
        except TypeError:
            raise InvalidInputError("values mix durations with other types") from None
        micros.sort()
        return micros, True, False
    kinds = set(map(type, data))
    if kinds <= _PLAIN_NUMBERS:
        # One C-level pass per check instead of a Python-level loop over every value.
        if float in kinds and any(map(math.isnan, data)):
            raise InvalidInputError("values contain NaN; drop missing values first")
    else:
        for v in data:
            if (isinstance(v, bool) or not isinstance(v, int | float | Fraction)) and type(
                v
            ).__name__ != "Decimal":
                raise InvalidInputError(f"values must be numbers or durations, got {v!r}")
            if v != v:
                raise InvalidInputError("values contain NaN; drop missing values first")
    data.sort()
    return data, False, False


@overload
def percentiles(
    values: Iterable[timedelta], qs: Sequence[float], method: PercentileMethod | str = ...
) -> tuple[timedelta, ...] | None: ...
@overload
def percentiles(
    values: Iterable[Any], qs: Sequence[float], method: PercentileMethod | str = ...
) -> tuple[Any, ...] | None: ...
def percentiles(
    values: Iterable[Any],
    qs: Sequence[float],
    method: PercentileMethod | str = PercentileMethod.NEAREST_RANK,
) -> tuple[Any, ...] | None:
    """Several percentiles of ``values`` at once (one sort); ``None`` for no values.

    ``values`` are numbers or ``timedelta`` durations (a list, any iterable, an
    ``array.array``, a ``memoryview`` or a NumPy array, including ``timedelta64``); durations
    come back as ``timedelta`` (rounded to the microsecond), interpolated numbers as ``float``.

    Examples:
        >>> percentiles([3, 6, 7, 8, 8, 10, 13, 15, 16, 20], [25, 50, 75, 100])
        (7, 8, 15, 20)
        >>> percentiles([], [50]) is None
        True
    """
    how = _method(method)
    ps = [_fraction(q) for q in qs]
    data, is_timedelta, is_array = _prepare(values)
    n = len(data)
    if n == 0:
        return None
    plan = [_positions(n, p, how) for p in ps]
    if is_array:
        import numpy as np

        needed = sorted({i for i, _, _ in plan} | {j for _, j, _ in plan})
        part = np.partition(data, needed)

        def get(i: int) -> Number:
            value: Number = part[i].item()
            return value
    else:
        get = data.__getitem__
    out: list[Any] = []
    for i, j, w in plan:
        value = _interpolate(get(i), get(j), w, is_timedelta)
        out.append(timedelta(microseconds=value) if is_timedelta else value)
    return tuple(out)


@overload
def percentile(
    values: Iterable[timedelta], q: float, method: PercentileMethod | str = ...
) -> timedelta | None: ...
@overload
def percentile(values: Iterable[Any], q: float, method: PercentileMethod | str = ...) -> Any: ...
def percentile(
    values: Iterable[Any], q: float, method: PercentileMethod | str = PercentileMethod.NEAREST_RANK
) -> Any:
    """The ``q``-th percentile (``q`` in 0..100) of ``values``, exactly; ``None`` for no values.

    ``nearest_rank`` (the default) returns one of the data; ``linear`` matches NumPy's and
    pandas' defaults. See the module docs for every method.

    Examples:
        >>> percentile([15, 20, 35, 40, 50], 5), percentile([15, 20, 35, 40, 50], 100)
        (15, 50)
        >>> from datetime import timedelta
        >>> percentile([timedelta(minutes=m) for m in (10, 20, 30, 40)], 50, "linear")
        datetime.timedelta(seconds=1500)
    """
    result = percentiles(values, (q,), method)
    return None if result is None else result[0]


def select_sorted(
    data: Sequence[Any], qs: Sequence[float], method: PercentileMethod | str, whole: bool = False
) -> tuple[Any, ...]:
    """Percentiles of already sorted, non-empty ``data`` (no copy, no sort); interpolated
    values are rounded to ``int`` when ``whole`` (e.g. microsecond counts).

    Examples:
        >>> select_sorted([1, 2, 3, 4], [50], "linear")
        (2.5,)
    """
    how = _method(method)
    n = len(data)
    if n == 0:
        raise InvalidInputError("cannot take percentiles of no values")
    out = []
    for q in qs:
        i, j, w = _positions(n, _fraction(q), how)
        out.append(_interpolate(data[i], data[j], w, whole))
    return tuple(out)


@lru_cache(maxsize=1)
def _ddsketch_class() -> Any | None:
    try:
        from ddsketch import DDSketch
    except ImportError:
        return None
    return DDSketch


class QuantileSketch:
    """A mergeable quantile summary of a stream of non-negative or negative numbers.

    With the optional ``ddsketch`` package installed (``pip install cxcore[sketch]``) and a
    ``relative_accuracy`` α, it is a DDSketch (Masson, Rim and Lee, VLDB 2019): for every
    percentile the answer ``v`` satisfies ``|v - x| <= α * |x|`` where ``x`` is the exact
    ``lower`` percentile of everything added, using memory that grows with the logarithm of the
    value range, not with the count. Without ``ddsketch``, or with ``relative_accuracy=None``,
    it keeps every value and answers exactly (same ``lower`` definition).
    [`exact`][cxcore.metrics.percentiles.QuantileSketch.exact] says which. Merging is associative
    and commutative (bin counts add up); sketches pickle, so partial sketches can come from other
    processes.

    Examples:
        >>> sketch = QuantileSketch(relative_accuracy=None)
        >>> sketch.update([1.0, 2.0, 3.0, 4.0])
        >>> sketch.percentile(50), sketch.count, sketch.exact
        (2.0, 4, True)
    """

    __slots__ = ("_count", "_sketch", "_values", "relative_accuracy")

    def __init__(self, relative_accuracy: float | None = 0.01) -> None:
        if relative_accuracy is not None and not 0.0 < relative_accuracy < 1.0:
            raise InvalidInputError(
                f"relative_accuracy must be between 0 and 1 (exclusive), got {relative_accuracy!r}"
            )
        factory = _ddsketch_class() if relative_accuracy is not None else None
        self.relative_accuracy: float | None = relative_accuracy if factory else None
        self._sketch: Any = factory(relative_accuracy) if factory else None
        self._values: list[float] = []
        self._count = 0

    @property
    def exact(self) -> bool:
        """True when every value is kept and percentiles are exact."""
        return self._sketch is None

    @property
    def count(self) -> int:
        """How many values were added."""
        return self._count

    def add(self, value: float) -> None:
        """Add one number (NaN is refused)."""
        if value != value:
            raise InvalidInputError("cannot add NaN to a quantile sketch")
        self._count += 1
        if self._sketch is None:
            self._values.append(float(value))
        else:
            self._sketch.add(float(value))

    def update(self, values: Iterable[float]) -> None:
        """Add every number in ``values``."""
        for value in values:
            self.add(value)

    def merge(self, other: QuantileSketch) -> QuantileSketch:
        """A new sketch holding both; the operands must have the same accuracy setting."""
        if (
            not isinstance(other, QuantileSketch)
            or other.relative_accuracy != self.relative_accuracy
        ):
            raise InvalidInputError(
                "can only merge quantile sketches with the same relative_accuracy"
            )
        merged = QuantileSketch(self.relative_accuracy)
        merged._count = self._count + other._count
        if self._sketch is None:
            merged._values = self._values + other._values
        else:
            merged._sketch.merge(self._sketch)
            merged._sketch.merge(other._sketch)
        return merged

    def percentile(self, q: float) -> float | None:
        """The ``lower`` ``q``-th percentile (0..100), approximate within the sketch's
        relative accuracy unless [`exact`][cxcore.metrics.percentiles.QuantileSketch.exact];
        ``None`` when empty."""
        p = _fraction(q)
        if self._count == 0:
            return None
        if self._sketch is None:
            i, _, _ = _positions(self._count, p, PercentileMethod.LOWER)
            return sorted(self._values)[i]
        value: float = self._sketch.get_quantile_value(float(p))
        return float(value)

    def percentiles(self, qs: Sequence[float]) -> tuple[float, ...] | None:
        """Several ``lower`` percentiles at once; ``None`` when empty."""
        if self._count == 0:
            return None
        if self._sketch is None:
            data = sorted(self._values)
            return tuple(
                data[_positions(self._count, _fraction(q), PercentileMethod.LOWER)[0]] for q in qs
            )
        return tuple(float(self._sketch.get_quantile_value(float(_fraction(q)))) for q in qs)
