"""Any metric per segment (channel, agent, month, ...) in one call, and as one accumulator.

Examples:
    >>> responses = [
    ...     {"channel": "email", "score": 10},
    ...     {"channel": "chat", "score": 3},
    ...     {"channel": "email", "score": 9},
    ... ]
    >>> {k: r.score for k, r in nps_by(responses, key="channel").items()}
    {'email': 100.0, 'chat': -100.0}
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from functools import partial
from typing import Any, Generic, Protocol, Self, TypeVar

from cxcore.metrics._stats import attribute_getter, keyed_groups
from cxcore.metrics.surveys import (
    CesAccumulator,
    CesResult,
    CsatAccumulator,
    CsatResult,
    NpsAccumulator,
    NpsResult,
)

__all__ = ["Segmented", "by_segment", "ces_by", "csat_by", "nps_by"]

R = TypeVar("R", covariant=True)
K = TypeVar("K", bound=Hashable)
Result = TypeVar("Result")


class _Mergeable(Protocol[R]):
    def add(self, item: Any) -> None: ...
    def update(self, items: Iterable[Any]) -> None: ...
    def merge(self, other: Any) -> Any: ...
    def result(self) -> R: ...


Key = str | Callable[[Any], Any]


class Segmented(Generic[K, Result]):
    """One accumulator per segment key, made by ``factory`` (a class or a
    ``functools.partial``; keep it picklable to merge across processes).

    ``merge`` merges the accumulators key by key, so it is associative and commutative when
    the per-key merge is.

    Examples:
        >>> a, b = Segmented(NpsAccumulator), Segmented(NpsAccumulator)
        >>> a.add("email", 10); b.add("email", 0); b.add("chat", 9)
        >>> {k: r.n for k, r in a.merge(b).result().items()}
        {'email': 2, 'chat': 1}
    """

    __slots__ = ("_factory", "_parts")

    def __init__(self, factory: Callable[[], _Mergeable[Result]]) -> None:
        self._factory = factory
        self._parts: dict[K, _Mergeable[Result]] = {}

    def _part(self, key: K) -> _Mergeable[Result]:
        part = self._parts.get(key)
        if part is None:
            self._parts[key] = part = self._factory()
        return part

    def add(self, key: K, value: Any) -> None:
        """Add ``value`` to segment ``key``."""
        self._part(key).add(value)

    def update(self, key: K, values: Iterable[Any]) -> None:
        """Add many values to segment ``key`` at once (uses the metric's fast path)."""
        self._part(key).update(values)

    def merge(self, other: Self) -> Self:
        """A new segmented accumulator holding both; neither operand changes."""
        merged = type(self)(self._factory)
        for key in [*self._parts, *(k for k in other._parts if k not in self._parts)]:
            mine, theirs = self._parts.get(key), other._parts.get(key)
            if mine is not None and theirs is not None:
                merged._parts[key] = mine.merge(theirs)
            else:
                only = mine if mine is not None else theirs
                merged._parts[key] = only.merge(self._factory())  # type: ignore[union-attr]
        return merged

    def result(self) -> dict[K, Result]:
        """The metric of each segment, in first-seen key order."""
        return {key: part.result() for key, part in self._parts.items()}


def by_segment(
    items: Iterable[Any],
    key: Key,
    value: Key,
    factory: Callable[[], _Mergeable[Result]],
) -> dict[Any, Result]:
    """Group ``items`` by ``key`` and compute the metric ``factory`` builds on each group's
    ``value``; ``key`` and ``value`` are callables or attribute (or dict key) names.

    Examples:
        >>> rows = [("a", 5), ("b", 1), ("a", 4)]
        >>> res = by_segment(
        ...     rows, key=lambda r: r[0], value=lambda r: r[1], factory=CsatAccumulator
        ... )
        >>> {k: r.percent for k, r in res.items()}
        {'a': 100.0, 'b': 0.0}
    """
    groups = keyed_groups(items, attribute_getter(key), attribute_getter(value))
    out: dict[Any, Result] = {}
    for k, values in groups.items():
        acc = factory()
        acc.update(values)
        out[k] = acc.result()
    return out


def nps_by(
    items: Iterable[Any], key: Key, score: Key = "score", confidence: float = 0.95
) -> dict[Any, NpsResult]:
    """NPS per segment: ``key`` picks the segment, ``score`` the 0..10 score of each item.

    Examples:
        >>> from datetime import date
        >>> rows = [
        ...     {"month": date(2026, 5, 1), "score": 10},
        ...     {"month": date(2026, 6, 1), "score": 6},
        ... ]
        >>> [r.score for r in nps_by(rows, key="month").values()]
        [100.0, -100.0]
    """
    return by_segment(items, key, score, partial(NpsAccumulator, confidence))


def csat_by(
    items: Iterable[Any],
    key: Key,
    rating: Key = "rating",
    scale: int = 5,
    satisfied_min: int | None = None,
) -> dict[Any, CsatResult]:
    """CSAT per segment (see [`csat`][cxcore.csat]).

    Examples:
        >>> rows = [{"agent": "ola", "rating": 5}, {"agent": "eero", "rating": 2}]
        >>> {k: r.percent for k, r in csat_by(rows, key="agent").items()}
        {'ola': 100.0, 'eero': 0.0}
    """
    return by_segment(items, key, rating, partial(CsatAccumulator, scale, satisfied_min))


def ces_by(
    items: Iterable[Any],
    key: Key,
    score: Key = "score",
    scale: int = 7,
    agree_min: int | None = None,
) -> dict[Any, CesResult]:
    """CES per segment (see [`ces`][cxcore.ces]).

    Examples:
        >>> rows = [{"channel": "chat", "score": 7}, {"channel": "chat", "score": 5}]
        >>> ces_by(rows, key="channel")["chat"].mean
        6.0
    """
    return by_segment(items, key, score, partial(CesAccumulator, scale, agree_min))
