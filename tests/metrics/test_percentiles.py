"""Percentile definitions against published examples and NumPy; the mergeable sketch."""

from __future__ import annotations

import pickle
from array import array
from datetime import timedelta
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cxcore.errors import InvalidInputError
from cxcore.metrics import PercentileMethod, QuantileSketch, percentile, percentiles
from cxcore.metrics.percentiles import _ddsketch_class

WIKI = [15, 20, 35, 40, 50]


def test_nearest_rank_worked_examples() -> None:
    # Wikipedia, "Percentile", section "The nearest-rank method": for {15, 20, 35, 40, 50} the
    # 5th, 30th, 40th, 50th and 100th percentiles are 15, 20, 20, 35 and 50; for
    # {3, 6, 7, 8, 8, 10, 13, 15, 16, 20} the 25th, 50th, 75th, 100th are 7, 8, 15, 20; for
    # {3, 6, 7, 8, 8, 9, 10, 13, 15, 16, 20} they are 7, 9, 15, 20.
    assert percentiles(WIKI, [5, 30, 40, 50, 100]) == (15, 20, 20, 35, 50)
    assert percentiles([3, 6, 7, 8, 8, 10, 13, 15, 16, 20], [25, 50, 75, 100]) == (7, 8, 15, 20)
    assert percentiles([3, 6, 7, 8, 8, 9, 10, 13, 15, 16, 20], [25, 50, 75, 100]) == (7, 9, 15, 20)


def test_interpolated_definitions_worked_examples() -> None:
    # Wikipedia, "Percentile", section "The linear interpolation between closest ranks method":
    # the 40th percentile of {15, 20, 35, 40, 50} is 29 with the C = 1 variant (Excel
    # PERCENTILE.INC, NumPy's default, Hyndman-Fan type 7) and 26 with the C = 0 variant, the
    # primary method of the NIST/SEMATECH e-Handbook of Statistical Methods, section 7.2.6.2
    # (Hyndman-Fan type 6, Excel PERCENTILE.EXC).
    assert percentile(WIKI, 40, "linear") == 29.0
    assert percentile(WIKI, 40, "weibull") == 26.0
    # the same page's C = 1 examples: 5th -> 16, 30th -> 23, 95th -> 48
    assert percentiles(WIKI, [5, 30, 95], "linear") == (16.0, 23.0, 48.0)
    # NIST clamps ranks outside 1..N to the extremes
    assert percentiles(WIKI, [1, 99], "weibull") == (15, 50)
    assert percentile(WIKI, 40, "lower") == 20


def test_ranks_are_exact_not_float_rounded() -> None:
    values = list(range(1, 101))
    # 0.07 * 100 is 7.000000000000001 in floating point; the 7th percentile is still rank 7
    assert percentile(values, 7) == 7
    assert percentile(values, Fraction(1, 3) * 100) == 34
    assert percentile([0, 1], 50, "linear") == 0.5


numbers = st.lists(
    st.one_of(st.integers(-(10**6), 10**6), st.floats(-1e6, 1e6, allow_nan=False)),
    min_size=1,
    max_size=40,
)
qs = st.one_of(st.integers(0, 100), st.floats(0, 100))


@given(numbers, qs, st.sampled_from(PercentileMethod))
def test_every_method_agrees_with_numpy(
    values: list[float], q: float, method: PercentileMethod
) -> None:
    expected = np.percentile(np.array(values, dtype=float), q, method=method.numpy_name)
    got = percentile(values, q, method)
    assert got == pytest.approx(float(expected), rel=1e-12, abs=1e-9)
    assert percentile(np.array(values, dtype=float), q, method) == pytest.approx(got, abs=1e-9)


@given(numbers, qs, st.randoms(use_true_random=False))
def test_order_independent_and_within_the_data(values: list[float], q: float, rnd: object) -> None:
    shuffled = list(values)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    for method in PercentileMethod:
        got = percentile(values, q, method)
        assert percentile(shuffled, q, method) == got
        assert min(values) <= got <= max(values)
    assert percentile(values, q) in values  # nearest rank is always one of the data


def test_durations_and_input_shapes() -> None:
    durations = [timedelta(minutes=m) for m in (10, 20, 30, 40)]
    assert percentile(durations, 50) == timedelta(minutes=20)
    assert percentile(durations, 50, "linear") == timedelta(minutes=25)
    as_numpy = np.array([600, 1200, 1800, 2400], dtype="timedelta64[s]")
    assert percentile(as_numpy, 50, "linear") == timedelta(minutes=25)
    assert percentile(array("d", [1.0, 2.0, 4.0]), 50) == 2.0
    assert percentile(memoryview(array("i", [5, 1, 3])), 100) == 5
    assert percentile(iter([3, 1, 2]), 0) == 1


def test_empty_and_bad_input() -> None:
    assert percentile([], 50) is None
    assert percentiles(np.array([]), [50, 90]) is None
    for q in (-1, 101, float("nan"), "50", True):
        with pytest.raises(InvalidInputError):
            percentile([1, 2], q)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="NaN"):
        percentile([1.0, float("nan")], 50)
    with pytest.raises(InvalidInputError, match="NaN"):
        percentile(np.array([1.0, np.nan]), 50)
    with pytest.raises(InvalidInputError, match="method"):
        percentile([1], 50, "hazen")
    with pytest.raises(InvalidInputError):
        percentile(["a", "b"], 50)


# --- sketch -------------------------------------------------------------------------------------

positive = st.lists(st.floats(min_value=0.0, max_value=1e7, allow_nan=False), max_size=200)


@pytest.mark.skipif(_ddsketch_class() is None, reason="ddsketch not installed")
@given(positive, st.sampled_from([0.01, 0.05]))
def test_ddsketch_meets_its_relative_accuracy_guarantee(values: list[float], alpha: float) -> None:
    # Masson, Rim and Lee, "DDSketch: a fast and fully-mergeable quantile sketch with
    # relative-error guarantees", PVLDB 12(12), 2019: |estimate - x_q| <= alpha * x_q for the
    # lower q-quantile x_q.
    sketch = QuantileSketch(alpha)
    sketch.update(values)
    assert not sketch.exact and sketch.count == len(values)
    for q in (0, 25, 50, 90, 95, 99, 100):
        estimate = sketch.percentile(q)
        exact = percentile(values, q, "lower")
        if exact is None:
            assert estimate is None
        else:
            assert estimate is not None
            assert abs(estimate - exact) <= alpha * exact + 1e-9


@given(positive, positive, positive)
def test_sketch_merge_equals_sketching_the_concatenation(
    a: list[float], b: list[float], c: list[float]
) -> None:
    for alpha in (0.02, None):
        parts = []
        for chunk in (a, b, c):
            sketch = QuantileSketch(alpha)
            sketch.update(chunk)
            parts.append(sketch)
        whole = QuantileSketch(alpha)
        whole.update(a + b + c)
        qs = [0, 10, 50, 90, 99, 100]
        left = parts[0].merge(parts[1]).merge(parts[2])
        right = parts[2].merge(parts[1].merge(parts[0]))
        assert left.percentiles(qs) == right.percentiles(qs) == whole.percentiles(qs)
        assert left.count == len(a) + len(b) + len(c)


def test_exact_sketch_and_pickling() -> None:
    exact = QuantileSketch(relative_accuracy=None)
    exact.update([4.0, 1.0, 3.0, 2.0])
    assert exact.exact and exact.percentile(50) == 2.0 and exact.percentiles([100]) == (4.0,)
    assert QuantileSketch(None).percentile(50) is None
    sketch = QuantileSketch(0.01)
    sketch.update([1.0, 10.0, 100.0])
    restored = pickle.loads(pickle.dumps(sketch))
    assert restored.percentiles([0, 50, 100]) == sketch.percentiles([0, 50, 100])
    with pytest.raises(InvalidInputError):
        sketch.merge(exact)
    with pytest.raises(InvalidInputError):
        QuantileSketch(1.5)
    with pytest.raises(InvalidInputError):
        sketch.add(float("nan"))
