"""Customer effort score (CES): the mean of 1..scale agreement ratings (7 points by default)
with a normal-approximation interval, and the percent that agree.

Examples:
    >>> ces([7, 6, 2]).mean
    5.0
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from cxcore._model import CxModel
from cxcore.metrics._scale import ScaleCounts, check_scale
from cxcore.metrics._stats import z_value

__all__ = ["CesAccumulator", "CesResult", "ces"]


class CesResult(CxModel):
    """Customer effort score: the mean rating on ``1..scale`` and the share that agree (rate
    ``agree_min`` or higher, i.e. above the scale's midpoint by default).

    ``ci_low``..``ci_high`` is a normal-approximation interval for the mean,
    ``mean -/+ z * sd / sqrt(n)`` with the sample standard deviation ``sd`` (``None`` below
    two responses).

    Examples:
        >>> r = ces([7, 6, 5, 2])
        >>> r.mean, r.percent_agree, r.agree
        (5.0, 75.0, 3)
    """

    n: int
    mean: float | None
    sd: float | None
    percent_agree: float | None
    agree: int
    scale: int
    agree_min: int
    ci_low: float | None
    ci_high: float | None
    confidence: float
    counts: tuple[int, ...]


class CesAccumulator(ScaleCounts):
    """Streaming CES over ratings ``1..scale`` (7-point agreement scale by default).

    Examples:
        >>> acc = CesAccumulator()
        >>> acc.update([7, 5, 3])
        >>> acc.result().mean
        5.0
    """

    __slots__ = ("agree_min", "confidence", "scale")
    _what = "CES"

    def __init__(
        self, scale: int = 7, agree_min: int | None = None, confidence: float = 0.95
    ) -> None:
        minimum = (
            (scale + 1) // 2 + 1 if agree_min is None and isinstance(scale, int) else agree_min
        )
        self.scale, self.agree_min = check_scale(scale, "agree_min", minimum)
        super().__init__(1, self.scale)
        z_value(confidence)
        self.confidence = confidence

    def _settings(self) -> tuple[object, ...]:
        return (self.scale, self.agree_min, self.confidence)

    def result(self) -> CesResult:
        """CES of everything added so far."""
        counts = self._counts
        n = sum(counts)
        agree = sum(counts[self.agree_min - 1 :])
        mean = sd = low = high = None
        if n:
            mean = sum((i + 1) * c for i, c in enumerate(counts)) / n
        if n >= 2 and mean is not None:
            squares = sum(c * (i + 1 - mean) ** 2 for i, c in enumerate(counts))
            sd = math.sqrt(squares / (n - 1))
            half = z_value(self.confidence) * sd / math.sqrt(n)
            low, high = mean - half, mean + half
        return CesResult(
            n=n,
            mean=mean,
            sd=sd,
            percent_agree=100.0 * agree / n if n else None,
            agree=agree,
            scale=self.scale,
            agree_min=self.agree_min,
            ci_low=low,
            ci_high=high,
            confidence=self.confidence,
            counts=tuple(counts),
        )


def ces(
    scores: Iterable[object],
    scale: int = 7,
    agree_min: int | None = None,
    confidence: float = 0.95,
) -> CesResult:
    """Customer effort score: mean of ``scores`` (1..``scale``) and the percent that agree.

    ``agree_min`` defaults to the first point above the midpoint (5 on a 7-point scale, 4 on a
    5-point scale).

    Examples:
        >>> r = ces([7, 6, 4, 1], scale=7)
        >>> r.mean, r.percent_agree
        (4.5, 50.0)
    """
    acc = CesAccumulator(scale, agree_min, confidence)
    acc.update(scores)
    return acc.result()
