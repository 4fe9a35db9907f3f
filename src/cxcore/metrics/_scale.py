"""The state behind every survey metric: how many times each whole point of a scale was given.

Merging two such states is adding their counts, so it is associative, commutative and exact.

Examples:
    >>> from cxcore.metrics.satisfaction import CsatAccumulator
    >>> a, b = CsatAccumulator(), CsatAccumulator()
    >>> a.update([5, 4]); b.update([1])
    >>> a.merge(b).counts
    (1, 0, 0, 1, 1)
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Self

from cxcore.errors import InvalidInputError
from cxcore.metrics._stats import check_score, count_scores

__all__ = ["ScaleCounts", "check_scale"]


class ScaleCounts:
    """Counts of each whole score ``lo..hi``: the mergeable state behind every survey metric."""

    __slots__ = ("_counts", "_hi", "_lo")

    _what = "survey"

    def __init__(self, lo: int, hi: int) -> None:
        self._lo = lo
        self._hi = hi
        self._counts = [0] * (hi - lo + 1)

    @property
    def counts(self) -> tuple[int, ...]:
        """How many times each scale point was given, lowest first."""
        return tuple(self._counts)

    @property
    def n(self) -> int:
        """How many scores were added."""
        return sum(self._counts)

    def add(self, score: object) -> None:
        """Add one score (validated against the scale)."""
        self._counts[check_score(score, self._lo, self._hi, self._what) - self._lo] += 1

    def update(self, scores: Iterable[object]) -> None:
        """Add many scores at once (fast paths for lists, byte buffers and NumPy arrays)."""
        for index, count in enumerate(count_scores(scores, self._lo, self._hi, self._what)):
            self._counts[index] += count

    def merge(self, other: Self) -> Self:
        """A new accumulator holding both; neither operand changes (same settings only)."""
        merged = copy.copy(self)
        merged._counts = self._merged_counts(other)
        return merged

    def _same_setup(self, other: object) -> bool:
        return (
            isinstance(other, ScaleCounts)
            and type(other) is type(self)
            and (self._settings() == other._settings())
        )

    def _settings(self) -> tuple[object, ...]:
        return (self._lo, self._hi)

    def _merged_counts(self, other: ScaleCounts) -> list[int]:
        if not self._same_setup(other):
            raise InvalidInputError(
                f"cannot merge {type(self).__name__} {self._settings()} with "
                f"{type(other).__name__} {other._settings()}"
            )
        return [a + b for a, b in zip(self._counts, other._counts, strict=True)]


def check_scale(scale: object, minimum_name: str, minimum: object) -> tuple[int, int]:
    """``(scale, minimum)`` if the scale has 2..100 points and ``minimum`` lies on it.

    Examples:
        >>> check_scale(5, "satisfied_min", 4)
        (5, 4)
        >>> check_scale(5, "satisfied_min", 6)
        Traceback (most recent call last):
        ...
        cxcore.errors.InvalidInputError: satisfied_min must be a whole number in 1..5, got 6
    """
    if isinstance(scale, bool) or not isinstance(scale, int) or not 2 <= scale <= 100:
        raise InvalidInputError(f"scale must be a whole number of points 2..100, got {scale!r}")
    if isinstance(minimum, bool) or not isinstance(minimum, int) or not 1 <= minimum <= scale:
        raise InvalidInputError(
            f"{minimum_name} must be a whole number in 1..{scale}, got {minimum!r}"
        )
    return scale, minimum
