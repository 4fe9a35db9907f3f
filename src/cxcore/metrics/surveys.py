"""Survey metrics: Net Promoter Score, customer satisfaction (CSAT) and customer effort (CES).

Each metric has a module of its own ([`cxcore.metrics.net_promoter`][cxcore.metrics.net_promoter],
[`cxcore.metrics.satisfaction`][cxcore.metrics.satisfaction],
[`cxcore.metrics.effort`][cxcore.metrics.effort]); this module gathers them. Every metric is a pure
function over scores and an accumulator (``add``, ``update``, ``merge``, ``result``) whose state is
the count of each scale point, so merging is plain addition: associative, commutative and exact.
Scores off the scale raise [`ScoreOutOfRangeError`][cxcore.errors.ScoreOutOfRangeError]; they are
never clamped. Any number equal to a whole scale point counts as that point (``9.0`` is ``9``).

Examples:
    >>> nps([10, 9, 8, 7, 3]).score
    20.0
    >>> csat([5, 4, 3, 1]).percent
    50.0
    >>> ces([7, 6, 2]).mean
    5.0
"""

from cxcore.metrics.effort import CesAccumulator, CesResult, ces
from cxcore.metrics.net_promoter import NpsAccumulator, NpsResult, nps
from cxcore.metrics.satisfaction import CsatAccumulator, CsatResult, csat

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
