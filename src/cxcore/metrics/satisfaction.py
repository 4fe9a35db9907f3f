"""Customer satisfaction (CSAT): the percent of 1..scale ratings at or above a threshold (the
top-2-box by default), with a Wilson score interval.

Examples:
    >>> csat([5, 4, 3, 1]).percent
    50.0
"""

from __future__ import annotations

from collections.abc import Iterable

from cxcore._model import CxModel
from cxcore.metrics._scale import ScaleCounts, check_scale
from cxcore.metrics._stats import wilson_interval, z_value

__all__ = ["CsatAccumulator", "CsatResult", "csat"]


class CsatResult(CxModel):
    """Customer satisfaction: the share of ratings at or above ``satisfied_min``.

    ``percent`` is ``100 * satisfied / n`` (``None`` when ``n`` is 0); the Wilson score interval
    ``ci_low``..``ci_high`` is in percent too.

    Examples:
        >>> csat([5, 5, 4, 2]).satisfied
        3
    """

    n: int
    satisfied: int
    percent: float | None
    mean: float | None
    scale: int
    satisfied_min: int
    ci_low: float | None
    ci_high: float | None
    confidence: float
    counts: tuple[int, ...]


class CsatAccumulator(ScaleCounts):
    """Streaming CSAT over ratings ``1..scale``.

    Examples:
        >>> acc = CsatAccumulator(scale=5)
        >>> acc.update([5, 4, 1])
        >>> round(acc.result().percent, 2)
        66.67
    """

    __slots__ = ("confidence", "satisfied_min", "scale")
    _what = "CSAT"

    def __init__(
        self, scale: int = 5, satisfied_min: int | None = None, confidence: float = 0.95
    ) -> None:
        minimum = scale - 1 if satisfied_min is None and isinstance(scale, int) else satisfied_min
        self.scale, self.satisfied_min = check_scale(scale, "satisfied_min", minimum)
        super().__init__(1, self.scale)
        z_value(confidence)
        self.confidence = confidence

    def _settings(self) -> tuple[object, ...]:
        return (self.scale, self.satisfied_min, self.confidence)

    def result(self) -> CsatResult:
        """CSAT of everything added so far."""
        counts = self._counts
        n = sum(counts)
        satisfied = sum(counts[self.satisfied_min - 1 :])
        interval = wilson_interval(satisfied, n, self.confidence)
        total = sum((i + 1) * c for i, c in enumerate(counts))
        return CsatResult(
            n=n,
            satisfied=satisfied,
            percent=100.0 * satisfied / n if n else None,
            mean=total / n if n else None,
            scale=self.scale,
            satisfied_min=self.satisfied_min,
            ci_low=None if interval is None else 100.0 * interval[0],
            ci_high=None if interval is None else 100.0 * interval[1],
            confidence=self.confidence,
            counts=tuple(counts),
        )


def csat(
    ratings: Iterable[object],
    scale: int = 5,
    satisfied_min: int | None = None,
    confidence: float = 0.95,
) -> CsatResult:
    """CSAT: percent of ``ratings`` (1..``scale``) at or above ``satisfied_min``.

    The default ``satisfied_min`` is ``scale - 1``: the top-2-box (4 and 5 on a 5-point scale).

    Examples:
        >>> csat([5, 4, 4, 3, 1]).percent
        60.0
        >>> csat([5, 4, 3], satisfied_min=5).satisfied
        1
        >>> csat([6], scale=5)
        Traceback (most recent call last):
        ...
        cxcore.errors.ScoreOutOfRangeError: CSAT score 6 at position 0 is not a whole number in ...
    """
    acc = CsatAccumulator(scale, satisfied_min, confidence)
    acc.update(ratings)
    return acc.result()
