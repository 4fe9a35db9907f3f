"""Benchmark: cxcore metrics against a plain pandas implementation, measured in the same run.

NPS and CSAT over 10 million scores and timing summaries (first reply and resolution: mean,
median, p90, p95) over 1 million tickets, each from plain Python lists and from NumPy arrays.
Both sides start from the same input and do the same work, including validating the scores.
``--quick`` uses 100 000 scores and 10 000 tickets. Results are checked to agree.

    python benchmarks/bench_metrics.py [--quick]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd

from cxcore.metrics import csat, durations_between, nps, summarize_durations


def best_of(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def pandas_nps(scores: Any) -> tuple[int, int, int, float]:
    s = pd.Series(scores)
    if not (s.between(0, 10).all() and (s % 1 == 0).all()):
        raise ValueError("score out of range")
    n = len(s)
    promoters = int((s >= 9).sum())
    detractors = int((s <= 6).sum())
    return n, promoters, detractors, 100.0 * (promoters - detractors) / n


def pandas_csat(ratings: Any) -> tuple[int, int, float]:
    s = pd.Series(ratings)
    if not (s.between(1, 5).all() and (s % 1 == 0).all()):
        raise ValueError("rating out of range")
    satisfied = int((s >= 4).sum())
    return len(s), satisfied, 100.0 * satisfied / len(s)


def pandas_timing(starts: Any, ends: Any) -> tuple[int, timedelta, timedelta, timedelta, timedelta]:
    spans = (
        pd.to_datetime(pd.Series(ends), utc=True) - pd.to_datetime(pd.Series(starts), utc=True)
    ).dropna()
    median, p90, p95 = spans.quantile([0.5, 0.9, 0.95])
    return (
        len(spans),
        spans.mean().to_pytimedelta(),
        median.to_pytimedelta(),
        p90.to_pytimedelta(),
        p95.to_pytimedelta(),
    )


def cxcore_timing(starts: Any, ends: Any) -> tuple[int, Any, Any, Any, Any]:
    s = summarize_durations(durations_between(starts, ends))
    return s.n, s.mean, s.median, s.p90, s.p95


def close(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    for x, y in zip(a, b, strict=True):
        if isinstance(x, timedelta):
            if abs(x - y) > timedelta(microseconds=1):
                return False
        elif isinstance(x, float):
            if abs(x - y) > 1e-9:
                return False
        elif x != y:
            return False
    return True


def report(name: str, items: int, ours: float, theirs: float) -> None:
    print(
        f"{name:<34} cxcore {ours * 1e9 / items:8.1f} ns/item   pandas {theirs * 1e9 / items:8.1f} "
        f"ns/item   ratio cxcore/pandas {ours / theirs:5.2f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes (for CI)")
    args = parser.parse_args(argv)
    n_scores, n_tickets, repeat = (100_000, 10_000, 3) if args.quick else (10_000_000, 1_000_000, 3)
    rng = np.random.default_rng(2026)
    failures = 0

    scores = rng.integers(0, 11, n_scores)
    ratings = rng.integers(1, 6, n_scores)
    score_list, rating_list = scores.tolist(), ratings.tolist()
    print(f"scores: {n_scores:,}   tickets: {n_tickets:,}   best of {repeat}")

    for label, data in (("NPS, Python list", score_list), ("NPS, NumPy int64 array", scores)):
        ours_t, ours = best_of(lambda d=data: nps(d), repeat)
        theirs_t, theirs = best_of(lambda d=data: pandas_nps(d), repeat)
        if not close((ours.n, ours.promoters, ours.detractors, ours.score), theirs):
            print(f"MISMATCH {label}: {ours} vs {theirs}")
            failures += 1
        report(label, n_scores, ours_t, theirs_t)

    small = scores.astype(np.int8)
    ours_t, ours = best_of(lambda: nps(small), repeat)
    theirs_t, theirs = best_of(lambda: pandas_nps(small), repeat)
    failures += not close((ours.n, ours.promoters, ours.detractors, ours.score), theirs)
    report("NPS, NumPy int8 array", n_scores, ours_t, theirs_t)

    for label, data in (("CSAT, Python list", rating_list), ("CSAT, NumPy int64 array", ratings)):
        ours_t, ours_c = best_of(lambda d=data: csat(d), repeat)
        theirs_t, theirs_c = best_of(lambda d=data: pandas_csat(d), repeat)
        if not close((ours_c.n, ours_c.satisfied, ours_c.percent), theirs_c):
            print(f"MISMATCH {label}: {ours_c} vs {theirs_c}")
            failures += 1
        report(label, n_scores, ours_t, theirs_t)

    base = np.datetime64("2026-01-01T00:00:00", "us")
    created = base + rng.integers(0, 90 * 86_400, n_tickets).astype("timedelta64[s]")
    first_reply = created + rng.exponential(3_600, n_tickets).astype("timedelta64[s]")
    solved = first_reply + rng.exponential(20_000, n_tickets).astype("timedelta64[s]")
    solved[rng.random(n_tickets) < 0.1] = np.datetime64("NaT")  # 10 % still open

    def as_python(column: Any) -> list[datetime | None]:
        return [None if v is None else v.replace(tzinfo=UTC) for v in column.astype(object)]

    columns = {
        name: as_python(c)
        for name, c in (("created", created), ("reply", first_reply), ("solved", solved))
    }
    for metric, end in (("first reply", "reply"), ("resolution", "solved")):
        ours_t, ours_s = best_of(
            lambda e=end: cxcore_timing(columns["created"], columns[e]), repeat
        )
        theirs_t, theirs_s = best_of(
            lambda e=end: pandas_timing(columns["created"], columns[e]), repeat
        )
        if not close(ours_s, theirs_s):
            print(f"MISMATCH timing {metric} (lists): {ours_s} vs {theirs_s}")
            failures += 1
        report(f"timing {metric}, Python datetimes", n_tickets, ours_t, theirs_t)
        end_array = first_reply if end == "reply" else solved
        ours_t, ours_a = best_of(lambda a=end_array: cxcore_timing(created, a), repeat)
        theirs_t, theirs_a = best_of(lambda a=end_array: pandas_timing(created, a), repeat)
        if not close(ours_a, theirs_a):
            print(f"MISMATCH timing {metric} (arrays): {ours_a} vs {theirs_a}")
            failures += 1
        report(f"timing {metric}, NumPy datetime64", n_tickets, ours_t, theirs_t)

    print("all results agree" if not failures else f"{failures} mismatches")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
