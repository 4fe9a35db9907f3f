"""Shared statistics for the metric calculators: intervals, rates, score counting, input shapes.

Inputs may be any iterable, an ``array.array``, a ``memoryview`` or a NumPy array. NumPy is
never imported here: an input is treated as an ``ndarray`` only when NumPy is already loaded
(a caller holding an ``ndarray`` has loaded it), so cxcore works without NumPy installed.

Examples:
    >>> wilson_interval(8, 10, 0.95)
    (0.4901..., 0.9433...)
"""

from __future__ import annotations

import math
import sys
from collections import Counter
from collections.abc import Callable, Hashable, Iterable
from statistics import NormalDist
from typing import Any, NoReturn, Protocol, Self, TypeVar

from cxcore._model import CxModel
from cxcore.errors import InvalidInputError, ScoreOutOfRangeError

__all__ = [
    "Accumulator",
    "RateResult",
    "attribute_getter",
    "count_scores",
    "numpy_array",
    "rate_result",
    "wilson_interval",
    "z_value",
]

In = TypeVar("In", contravariant=True)
Out = TypeVar("Out", covariant=True)


class Accumulator(Protocol[In, Out]):
    """What every metric accumulator offers: ``add`` one item, ``merge`` two partial states
    (associative and commutative; neither operand changes) and ``result``.

    Examples:
        >>> from cxcore.metrics import NpsAccumulator
        >>> acc: Accumulator[int, object] = NpsAccumulator()
        >>> acc.add(10)
        >>> acc.result().n
        1
    """

    def add(self, item: In) -> None:
        """Add one item to this accumulator."""
        ...

    def merge(self, other: Self) -> Self:
        """A new accumulator holding both states."""
        ...

    def result(self) -> Out:
        """The metric for everything added so far."""
        ...


def z_value(confidence: float) -> float:
    """The two-sided standard normal quantile for ``confidence`` (0.95 -> 1.95996...).

    Examples:
        >>> round(z_value(0.95), 4)
        1.96
    """
    if not isinstance(confidence, int | float) or not 0.0 < confidence < 1.0:
        raise InvalidInputError(
            f"confidence must be between 0 and 1 (exclusive), got {confidence!r}"
        )
    return NormalDist().inv_cdf(1.0 - (1.0 - confidence) / 2.0)


def wilson_interval(successes: int, n: int, confidence: float = 0.95) -> tuple[float, float] | None:
    """Wilson score interval for a proportion ``successes / n``; ``None`` when ``n`` is 0.

    Wilson (1927); it stays inside 0..1 and behaves well near 0 and 1, unlike the plain Wald
    interval.

    Examples:
        >>> low, high = wilson_interval(0, 20)
        >>> low, round(high, 4)
        (0.0, 0.1611)
    """
    if n == 0:
        return None
    z = z_value(confidence)
    p = successes / n
    z2 = z * z
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == n else min(1.0, centre + half)
    return (low, high)


class RateResult(CxModel):
    """A share of items that meet a definition: ``count`` of ``n``, as ``rate`` (0..1) and
    ``percent``, with a Wilson score interval (``ci_low``..``ci_high``) at ``confidence``.

    ``rate``, ``percent`` and the interval are ``None`` when ``n`` is 0.

    Examples:
        >>> r = rate_result(3, 4)
        >>> r.percent, r.n
        (75.0, 4)
    """

    count: int
    n: int
    rate: float | None
    percent: float | None
    ci_low: float | None
    ci_high: float | None
    confidence: float = 0.95
    definition: str = ""


def rate_result(count: int, n: int, confidence: float = 0.95, definition: str = "") -> RateResult:
    """Build a [`RateResult`][cxcore.metrics.RateResult] for ``count`` of ``n``.

    Examples:
        >>> rate_result(0, 0).rate is None
        True
    """
    interval = wilson_interval(count, n, confidence)
    rate = count / n if n else None
    return RateResult(
        count=count,
        n=n,
        rate=rate,
        percent=None if rate is None else 100.0 * rate,
        ci_low=None if interval is None else interval[0],
        ci_high=None if interval is None else interval[1],
        confidence=confidence,
        definition=definition,
    )


def numpy_array(values: object) -> Any | None:
    """``values`` if it is a NumPy ``ndarray`` (NumPy already loaded), else ``None``.

    Examples:
        >>> numpy_array([1, 2]) is None
        True
    """
    numpy = sys.modules.get("numpy")
    if numpy is not None and isinstance(values, numpy.ndarray):
        return values
    return None


def attribute_getter(key: str | Callable[[Any], Any]) -> Callable[[Any], Any]:
    """Turn a key spec into a function: a callable stays, a string reads that attribute (or
    that mapping key, for dicts).

    Examples:
        >>> attribute_getter("channel")({"channel": "email"})
        'email'
    """
    if callable(key):
        return key
    if not isinstance(key, str) or not key:
        raise InvalidInputError(f"a key must be a callable or an attribute name, got {key!r}")
    name = key

    def get(item: Any) -> Any:
        if isinstance(item, dict):
            return item[name]
        return getattr(item, name)

    return get


def _offender(values: Iterable[object], valid: frozenset[int]) -> tuple[int, object]:
    for index, value in enumerate(values):
        if not _is_valid(value, valid):
            return index, value
    raise AssertionError("no offending value found")  # pragma: no cover - callers check first


def _is_valid(value: object, valid: frozenset[int]) -> bool:
    if isinstance(value, str | bytes | bool):
        return False
    try:
        return value in valid
    except TypeError:
        return False


def _raise_out_of_range(what: str, lo: int, hi: int, index: int, value: object) -> NoReturn:
    raise ScoreOutOfRangeError(
        f"{what} score {value!r} at position {index} is not a whole number in {lo}..{hi}; "
        "scores are never clamped, fix or drop the response"
    )


def check_iterable(values: object, what: str) -> None:
    """Raise [InvalidInputError][cxcore.errors.InvalidInputError] unless ``values`` can be
    iterated as a collection (text is one value, not a collection).

    Examples:
        >>> check_iterable(None, "reports")
        Traceback (most recent call last):
        ...
        cxcore.errors.InvalidInputError: reports must be an iterable, got NoneType
    """
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise InvalidInputError(f"{what} must be an iterable, got {type(values).__name__}")


def check_score(value: object, lo: int, hi: int, what: str) -> int:
    """Validate one score on the ``lo..hi`` scale and return it as an ``int``.

    Any number equal to a whole scale point counts (``9`` and ``9.0`` are the same score).

    Examples:
        >>> check_score(9.0, 0, 10, "NPS")
        9
        >>> check_score(11, 0, 10, "NPS")
        Traceback (most recent call last):
        ...
        cxcore.errors.ScoreOutOfRangeError: NPS score 11 at position 0 is not a whole number in ...
    """
    valid = frozenset(range(lo, hi + 1))
    if not _is_valid(value, valid):
        _raise_out_of_range(what, lo, hi, 0, value)
    return int(value)  # type: ignore[call-overload,no-any-return]


def count_scores(values: Iterable[object], lo: int, hi: int, what: str) -> list[int]:
    """Count each whole score ``lo..hi``; anything else raises
    [`ScoreOutOfRangeError`][cxcore.errors.ScoreOutOfRangeError].

    Fast paths: ``np.bincount`` for NumPy arrays, ``bytes.count`` for one-byte buffers
    (``array('b')``, ``array('B')``, ``bytes``, ``memoryview``), one ``Counter`` pass otherwise.

    Examples:
        >>> count_scores([0, 10, 10, 9.0], 0, 10, "NPS")
        [1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2]
    """
    valid = frozenset(range(lo, hi + 1))
    array = numpy_array(values)
    if array is not None:
        return _count_ndarray(array, lo, hi, what)
    if isinstance(values, memoryview) or hasattr(values, "typecode"):
        view = memoryview(values)  # type: ignore[arg-type]
        if view.ndim != 1:
            raise InvalidInputError(f"{what} scores must be one-dimensional, got {view.ndim} dims")
        if view.format in ("B", "b", "c") and lo >= 0 and hi < 128:
            data = view.tobytes()
            counts = [data.count(v) for v in range(lo, hi + 1)]
            if sum(counts) == len(data):
                return counts
        values = view.tolist()
    elif isinstance(values, bytes | bytearray) and lo >= 0:
        counts = [values.count(v) for v in range(lo, hi + 1)]
        if sum(counts) == len(values):
            return counts
    if not isinstance(values, list | tuple):
        if not isinstance(values, Iterable) or isinstance(values, str):
            raise InvalidInputError(
                f"{what} scores are an iterable of numbers, got {type(values).__name__}"
            )
        values = list(values)
    try:  # Counter would count True as 1: look for a real bool when one may be there
        maybe_bool = True in values or False in values
    except ArithmeticError:  # a signalling NaN refuses comparison; the checks below report it
        maybe_bool = True
    if maybe_bool:
        for index, value in enumerate(values):
            if isinstance(value, bool):
                _raise_out_of_range(what, lo, hi, index, value)
    try:
        counter = Counter(values)
    except TypeError:  # an unhashable value is never a score
        _raise_out_of_range(what, lo, hi, *_offender(values, valid))
    counts = [0] * (hi - lo + 1)
    for key, count in counter.items():
        if not _is_valid(key, valid):
            index, value = _offender(values, valid)
            _raise_out_of_range(what, lo, hi, index, value)
        counts[int(key) - lo] += count
    return counts


def _count_ndarray(array: Any, lo: int, hi: int, what: str) -> list[int]:
    import numpy as np

    if array.ndim != 1:
        raise InvalidInputError(f"{what} scores must be one-dimensional, got {array.ndim} dims")
    width = hi - lo + 1
    if array.size == 0:
        return [0] * width
    flat = array
    kind = flat.dtype.kind
    if kind == "b":
        _raise_out_of_range(what, lo, hi, 0, flat[0].item())
    if kind == "f":
        with np.errstate(invalid="ignore"):
            whole = flat.astype(np.intp)
        mismatch = whole != flat
        if mismatch.any():
            bad = int(np.flatnonzero(mismatch)[0])
            _raise_out_of_range(what, lo, hi, bad, flat[bad].item())
        flat = whole
    elif kind not in "iu":
        raise InvalidInputError(f"{what} scores must be numbers, got an array of {flat.dtype}")

    def fail() -> None:
        bad = int(np.flatnonzero((flat < lo) | (flat > hi))[0])
        _raise_out_of_range(what, lo, hi, bad, flat[bad].item())

    if flat.dtype.itemsize == 1 and lo == 0:
        # one pass: every byte value gets a bin, so anything off the scale shows up above hi
        counts = np.bincount(flat.view(np.uint8), minlength=256)
        if counts[width:].any():
            fail()
        return [int(c) for c in counts[:width]]
    if flat.min() < lo or flat.max() > hi:
        fail()
    counts = np.bincount(flat - lo if lo else flat, minlength=width)
    return [int(c) for c in counts[:width]]


def keyed_groups(
    items: Iterable[Any], key: Callable[[Any], Hashable], value: Callable[[Any], Any]
) -> dict[Hashable, list[Any]]:
    """Group ``value(item)`` by ``key(item)``, keeping first-seen key order.

    Examples:
        >>> keyed_groups([("a", 1), ("b", 2), ("a", 3)], lambda p: p[0], lambda p: p[1])
        {'a': [1, 3], 'b': [2]}
    """
    groups: dict[Hashable, list[Any]] = {}
    for item in items:
        k = key(item)
        bucket = groups.get(k)
        if bucket is None:
            groups[k] = bucket = []
        bucket.append(value(item))
    return groups
