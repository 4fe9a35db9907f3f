"""Net Promoter Score: the share of promoters (9-10) minus the share of detractors (0-6) among
0..10 likelihood-to-recommend scores, with a Wald or adjusted-Wald confidence interval.

Examples:
    >>> nps([10, 9, 8, 7, 3]).score
    20.0
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Literal, Self

from cxcore._model import CxModel
from cxcore.errors import InvalidInputError
from cxcore.metrics._scale import ScaleCounts
from cxcore.metrics._stats import z_value

__all__ = ["NpsAccumulator", "NpsInterval", "NpsResult", "nps"]

NpsInterval = Literal["wald", "adjusted_wald"]
"""How the confidence interval is computed: ``wald`` or ``adjusted_wald`` (Rocks 2016)."""


class NpsResult(CxModel):
    """A Net Promoter Score with its counts and a confidence interval.

    ``score`` = %promoters (9-10) - %detractors (0-6), in -100..100, ``None`` when ``n`` is 0.
    ``margin_of_error`` is ``z * sqrt(Var / n) * 100`` with the trinomial variance
    ``Var = p + d - (p - d)^2`` (``p``, ``d``: promoter and detractor shares); ``ci_low`` and
    ``ci_high`` are the score -/+ the margin, kept inside -100..100. With
    ``interval="adjusted_wald"`` the interval is centred on the adjusted score with 3/4 added
    to promoters and detractors and 3 to ``n`` (Rocks 2016), which covers better for small
    samples and extreme scores.

    Examples:
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


class NpsAccumulator(ScaleCounts):
    """Streaming NPS: ``add`` scores 0..10, ``merge`` partial accumulators, then ``result``.

    Examples:
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

    Examples:
        >>> r = nps([9, 10, 7, 6, 10])
        >>> r.score, r.n, round(r.margin_of_error, 1)
        (40.0, 5, 70.1)
        >>> nps([]).score is None
        True
    """
    acc = NpsAccumulator(confidence, interval)
    acc.update(scores)
    return acc.result()
