"""Survey metrics: Net Promoter Score, customer satisfaction (CSAT) and customer effort (CES).

Every metric is a pure function over scores and an accumulator (``add``, ``update``,
``merge``, ``result``) whose state is the count of each scale point, so merging is plain
addition: associative, commutative and exact. Scores off the scale raise
:class:`~cxcore.errors.ScoreOutOfRangeError`; they are never clamped. Any number equal to a
whole scale point counts as that point (``9.0`` is ``9``).

>>> nps([10, 9, 8, 7, 3]).score
20.0
>>> csat([5, 4, 3, 1]).percent
50.0
>>> ces([7, 6, 2]).mean
5.0
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Literal, Self

from cxcore._model import CxModel
from cxcore.errors import InvalidInputError
from cxcore.metrics._stats import check_score, count_scores, wilson_interval, z_value

__all__ = [
    "CesAccumulator",
    "CesResult",
    "CsatAccumulator",
    "CsatResult",
    "NpsAccumulator",
    "NpsResult",
    "ces",
    "csat",
    "nps",
]

NpsInterval = Literal["wald", "adjusted_wald"]


class NpsResult(CxModel):
    """A Net Promoter Score with its counts and a confidence interval.

    ``score`` = %promoters (9-10) - %detractors (0-6), in -100..100, ``None`` when ``n`` is 0.
    ``margin_of_error`` is ``z * sqrt(Var / n) * 100`` with the trinomial variance
    ``Var = p + d - (p - d)^2`` (``p``, ``d``: promoter and detractor shares); ``ci_low`` and
    ``ci_high`` are the score -/+ the margin, kept inside -100..100. With
    ``interval="adjusted_wald"`` the interval is centred on the adjusted score with 3/4 added
    to promoters and detractors and 3 to ``n`` (Rocks 2016), which covers better for small
    samples and extreme scores.

    >>> r = nps([10] * 6 + [8] * 2 + [0] * 2)
    >>> r.score, r.promoters, r.passives, r.detractors
    (40.0, 6, 2, 2)
    """

    n: int
    promoters: int
    passives: int
    detractors: int
    score: float | None
    promoter_percent: float | None
    passive_percent: float | None
    detractor_percent: float | None
    margin_of_error: float | None
    ci_low: float | None
    ci_high: float | None
    confidence: float
    interval: NpsInterval
    counts: tuple[int, ...]


class CsatResult(CxModel):
    """Customer satisfaction: the share of ratings at or above ``satisfied_min``.

    ``percent`` is ``100 * satisfied / n`` (``None`` when ``n`` is 0); the Wilson score interval
    ``ci_low``..``ci_high`` is in percent too.

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


class CesResult(CxModel):
    """Customer effort score: the mean rating on ``1..scale`` and the share that agree (rate
    ``agree_min`` or higher, i.e. above the scale's midpoint by default).

    ``ci_low``..``ci_high`` is a normal-approximation interval for the mean,
    ``mean -/+ z * sd / sqrt(n)`` with the sample standard deviation ``sd`` (``None`` below
    two responses).

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


class _ScaleCounts:
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

    def _same_setup(self, other: object) -> bool:
        return (
            isinstance(other, _ScaleCounts)
            and type(other) is type(self)
            and (self._settings() == other._settings())
        )

    def _settings(self) -> tuple[object, ...]:
        return (self._lo, self._hi)

    def _merged_counts(self, other: _ScaleCounts) -> list[int]:
        if not self._same_setup(other):
            raise InvalidInputError(
                f"cannot merge {type(self).__name__} {self._settings()} with "
                f"{type(other).__name__} {other._settings()}"
            )
        return [a + b for a, b in zip(self._counts, other._counts, strict=True)]


class NpsAccumulator(_ScaleCounts):
    """Streaming NPS: ``add`` scores 0..10, ``merge`` partial accumulators, then ``result``.

    >>> a, b = NpsAccumulator(), NpsAccumulator()
    >>> a.update([10, 10, 3]); b.update([9, 0])
    >>> a.merge(b).result().score
    20.0
    """

    __slots__ = ("confidence", "interval")
    _what = "NPS"

    def __init__(self, confidence: float = 0.95, interval: NpsInterval = "wald") -> None:
        super().__init__(0, 10)
        z_value(confidence)
        if interval not in ("wald", "adjusted_wald"):
            raise InvalidInputError(f"interval must be 'wald' or 'adjusted_wald', got {interval!r}")
        self.confidence = confidence
        self.interval: NpsInterval = interval

    def _settings(self) -> tuple[object, ...]:
        return (self.confidence, self.interval)

    def merge(self, other: NpsAccumulator) -> NpsAccumulator:
        """A new accumulator holding both; neither operand changes."""
        merged = NpsAccumulator(self.confidence, self.interval)
        merged._counts = self._merged_counts(other)
        return merged

    @classmethod
    def of(cls, scores: Iterable[object], confidence: float = 0.95) -> Self:
        """An accumulator already holding ``scores``."""
        acc = cls(confidence)
        acc.update(scores)
        return acc

    def result(self) -> NpsResult:
        """The NPS of everything added so far."""
        counts = self._counts
        n = sum(counts)
        promoters = counts[9] + counts[10]
        passives = counts[7] + counts[8]
        detractors = n - promoters - passives
        common = {
            "n": n,
            "promoters": promoters,
            "passives": passives,
            "detractors": detractors,
            "confidence": self.confidence,
            "interval": self.interval,
            "counts": tuple(counts),
        }
        if n == 0:
            empty = dict.fromkeys(
                ("score", "promoter_percent", "passive_percent", "detractor_percent"), None
            )
            bounds = dict.fromkeys(("margin_of_error", "ci_low", "ci_high"), None)
            return NpsResult(**common, **empty, **bounds)  # type: ignore[arg-type]
        p, d = promoters / n, detractors / n
        score = 100.0 * (promoters - detractors) / n
        z = z_value(self.confidence)
        if self.interval == "wald":
            centre, size = score / 100.0, n
            var = p + d - (p - d) ** 2
        else:
            size = n + 3
            pa, da = (promoters + 0.75) / size, (detractors + 0.75) / size
            centre = pa - da
            var = pa + da - centre**2
        margin = 100.0 * z * math.sqrt(max(var, 0.0) / size)
        return NpsResult(
            **common,  # type: ignore[arg-type]
            score=score,
            promoter_percent=100.0 * p,
            passive_percent=100.0 * passives / n,
            detractor_percent=100.0 * d,
            margin_of_error=margin,
            ci_low=max(-100.0, 100.0 * centre - margin),
            ci_high=min(100.0, 100.0 * centre + margin),
        )


def nps(
    scores: Iterable[object], confidence: float = 0.95, interval: NpsInterval = "wald"
) -> NpsResult:
    """Net Promoter Score of 0..10 likelihood-to-recommend ``scores``.

    >>> r = nps([9, 10, 7, 6, 10])
    >>> r.score, r.n, round(r.margin_of_error, 1)
    (40.0, 5, 70.1)
    >>> nps([]).score is None
    True
    """
    acc = NpsAccumulator(confidence, interval)
    acc.update(scores)
    return acc.result()


def _check_scale(scale: object, minimum_name: str, minimum: object) -> tuple[int, int]:
    if isinstance(scale, bool) or not isinstance(scale, int) or not 2 <= scale <= 100:
        raise InvalidInputError(f"scale must be a whole number of points 2..100, got {scale!r}")
    if isinstance(minimum, bool) or not isinstance(minimum, int) or not 1 <= minimum <= scale:
        raise InvalidInputError(
            f"{minimum_name} must be a whole number in 1..{scale}, got {minimum!r}"
        )
    return scale, minimum


class CsatAccumulator(_ScaleCounts):
    """Streaming CSAT over ratings ``1..scale``.

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
        self.scale, self.satisfied_min = _check_scale(scale, "satisfied_min", minimum)
        super().__init__(1, self.scale)
        z_value(confidence)
        self.confidence = confidence

    def _settings(self) -> tuple[object, ...]:
        return (self.scale, self.satisfied_min, self.confidence)

    def merge(self, other: CsatAccumulator) -> CsatAccumulator:
        """A new accumulator holding both; neither operand changes."""
        merged = CsatAccumulator(self.scale, self.satisfied_min, self.confidence)
        merged._counts = self._merged_counts(other)
        return merged

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


class CesAccumulator(_ScaleCounts):
    """Streaming CES over ratings ``1..scale`` (7-point agreement scale by default).

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
        self.scale, self.agree_min = _check_scale(scale, "agree_min", minimum)
        super().__init__(1, self.scale)
        z_value(confidence)
        self.confidence = confidence

    def _settings(self) -> tuple[object, ...]:
        return (self.scale, self.agree_min, self.confidence)

    def merge(self, other: CesAccumulator) -> CesAccumulator:
        """A new accumulator holding both; neither operand changes."""
        merged = CesAccumulator(self.scale, self.agree_min, self.confidence)
        merged._counts = self._merged_counts(other)
        return merged

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

    >>> r = ces([7, 6, 4, 1], scale=7)
    >>> r.mean, r.percent_agree
    (4.5, 50.0)
    """
    acc = CesAccumulator(scale, agree_min, confidence)
    acc.update(scores)
    return acc.result()
