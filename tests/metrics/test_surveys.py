"""NPS, CSAT and CES: published worked examples, input shapes, validation and merge laws."""

from __future__ import annotations

import math
import pickle
from array import array
from functools import reduce

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cxcore.errors import CxError, InvalidInputError, ScoreOutOfRangeError
from cxcore.metrics import (
    CesAccumulator,
    CsatAccumulator,
    NpsAccumulator,
    Segmented,
    ces,
    ces_by,
    csat,
    csat_by,
    nps,
    nps_by,
    wilson_interval,
)
from tests.metrics.strategies import five_point, nps_scores, seven_point

Z95 = 1.959963984540054


# --- known answers -------------------------------------------------------------------------------


def test_nps_margin_of_error_talkstats_worked_example() -> None:
    # Talk Stats forum, "Net Promoter Score - Calculating Confidence Intervals and Margin of
    # Error" (thread 58500): n = 1162 with 291 promoters, 476 passives, 395 detractors gives an
    # NPS of -9 and a 95 % margin of error of 4.4 points.
    result = nps([10] * 291 + [8] * 476 + [0] * 395)
    assert (result.promoters, result.passives, result.detractors) == (291, 476, 395)
    assert round(result.score) == -9
    assert round(result.margin_of_error, 1) == 4.4
    assert result.ci_low == pytest.approx(result.score - result.margin_of_error)
    assert result.ci_high == pytest.approx(result.score + result.margin_of_error)


def test_nps_variance_matches_the_trinomial_worked_example() -> None:
    # whuber's answer to "How can I calculate margin of error in a NPS result?" (Cross
    # Validated, stats.stackexchange.com/a/18609): promoters 1/2, passives 1/3, detractors 1/6
    # give NPS = 1/3 and Var = (1-1/3)^2/2 + (1/3)^2/3 + (4/3)^2/6 = 5/9; SE = sqrt(Var / n).
    n = 600
    result = nps([9] * 300 + [7] * 200 + [6] * 100)
    assert result.score == pytest.approx(100 / 3)
    assert result.margin_of_error == pytest.approx(100 * Z95 * math.sqrt((5 / 9) / n))


def test_nps_adjusted_wald_follows_the_published_recipe() -> None:
    # MeasuringU (Sauro and Lewis, "Confidence Intervals for Net Promoter Scores", 2021) after
    # Rocks (2016): add 3 to n and 3/4 to promoters and detractors, then use the variance of the
    # difference of the two proportions.
    promoters, detractors, n = 10, 5, 20
    size = n + 3
    p, d = (promoters + 0.75) / size, (detractors + 0.75) / size
    margin = Z95 * math.sqrt((p + d - (p - d) ** 2) / size)
    result = nps([10] * promoters + [7] * 5 + [3] * detractors, interval="adjusted_wald")
    assert result.score == 25.0
    assert result.margin_of_error == pytest.approx(100 * margin)
    assert result.ci_low == pytest.approx(100 * (p - d - margin))
    assert result.ci_high == pytest.approx(100 * (p - d + margin))


@pytest.mark.parametrize(
    ("successes", "n", "low", "high"),
    [
        # Newcombe (1998), "Two-sided confidence intervals for the single proportion: comparison
        # of seven methods", Statistics in Medicine 17:857-872, Table II, method 3 (Wilson score
        # interval without continuity correction).
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0000, 0.1611),
        (1, 29, 0.0061, 0.1718),
    ],
)
def test_wilson_interval_matches_newcombe(successes: int, n: int, low: float, high: float) -> None:
    got = wilson_interval(successes, n, 0.95)
    assert got is not None
    assert got[0] == pytest.approx(low, abs=5e-5)
    assert got[1] == pytest.approx(high, abs=5e-5)


def test_csat_is_top_two_box_by_default_with_a_wilson_interval() -> None:
    ratings = [5] * 50 + [4] * 31 + [3] * 100 + [2] * 50 + [1] * 32  # 81 of 263 satisfied
    result = csat(ratings)
    assert (result.satisfied, result.n, result.satisfied_min) == (81, 263, 4)
    assert result.percent == pytest.approx(100 * 81 / 263)
    assert result.ci_low == pytest.approx(25.53, abs=5e-3)
    assert result.ci_high == pytest.approx(36.62, abs=5e-3)


def test_csat_threshold_and_scale_are_configurable() -> None:
    assert csat([5, 4, 3], satisfied_min=5).satisfied == 1
    assert csat([1, 2, 3], scale=3).satisfied == 2  # top-2-box of a 3-point scale
    assert csat([10, 9, 8, 1], scale=10, satisfied_min=8).percent == 75.0


def test_ces_mean_share_agree_and_interval() -> None:
    result = ces([7, 6, 5, 4, 3, 2, 1])
    assert result.mean == 4.0
    assert (result.agree, result.agree_min) == (3, 5)
    assert result.percent_agree == pytest.approx(300 / 7)
    sd = math.sqrt(28 / 6)  # sum of squared deviations 9+4+1+0+1+4+9 over n - 1
    assert result.sd == pytest.approx(sd)
    assert result.ci_low == pytest.approx(4.0 - Z95 * sd / math.sqrt(7))
    assert ces([5, 4], scale=5).agree == 2  # 4 and 5 agree on a 5-point scale


# --- edge cases and validation ------------------------------------------------------------------


def test_no_responses_give_n_zero_not_an_error() -> None:
    empty = nps([])
    assert (empty.n, empty.score, empty.margin_of_error, empty.ci_low) == (0, None, None, None)
    assert csat([]).percent is None and csat([]).n == 0
    assert ces([]).mean is None and ces([]).percent_agree is None
    assert ces([4]).sd is None  # one response has no spread


@pytest.mark.parametrize("bad", [11, -1, 9.5, "9", None, float("nan"), 10**20, [9]])
def test_out_of_range_scores_raise_and_are_never_clamped(bad: object) -> None:
    with pytest.raises(ScoreOutOfRangeError) as info:
        nps([10, 9, bad])
    assert isinstance(info.value, CxError) and isinstance(info.value, ValueError)
    assert "position 2" in str(info.value)
    acc = NpsAccumulator()
    with pytest.raises(ScoreOutOfRangeError):
        acc.add(bad)
    assert acc.n == 0


def test_out_of_range_found_in_generators_and_arrays() -> None:
    with pytest.raises(ScoreOutOfRangeError, match="position 3"):
        nps(s for s in [1, 2, 3, 12])
    with pytest.raises(ScoreOutOfRangeError, match="position 1"):
        nps(np.array([3, -2, 5]))
    with pytest.raises(ScoreOutOfRangeError, match="position 2"):
        nps(np.array([3, 5, 200], dtype=np.uint8))
    with pytest.raises(ScoreOutOfRangeError, match="position 0"):
        nps(np.array([-1, 5], dtype=np.int8))
    with pytest.raises(ScoreOutOfRangeError, match="position 1"):
        nps(np.array([3.0, 4.5]))
    with pytest.raises(ScoreOutOfRangeError, match="position 1"):
        nps(array("b", [3, -1]))
    with pytest.raises(ScoreOutOfRangeError):
        csat(np.array([0, 5]))
    with pytest.raises(ScoreOutOfRangeError):
        csat(np.array([6], dtype=np.uint64))
    with pytest.raises(ScoreOutOfRangeError):
        ces([8])


def test_bad_settings_are_refused() -> None:
    with pytest.raises(InvalidInputError):
        csat([5], scale=1)
    with pytest.raises(InvalidInputError):
        csat([5], satisfied_min=6)
    with pytest.raises(InvalidInputError):
        ces([5], agree_min=0)
    with pytest.raises(InvalidInputError):
        nps([5], confidence=1.5)
    with pytest.raises(InvalidInputError):
        nps([5], interval="bootstrap")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        nps(np.array([[1, 2]]))
    with pytest.raises(InvalidInputError):
        NpsAccumulator().merge(NpsAccumulator(confidence=0.9))


def test_every_input_shape_gives_the_same_result() -> None:
    scores = [0, 3, 6, 7, 8, 9, 10, 10, 9, 2, 7]
    expected = nps(scores)
    shapes: list[object] = [
        tuple(scores),
        iter(scores),
        array("b", scores),
        array("B", scores),
        array("i", scores),
        array("d", scores),
        bytes(scores),
        bytearray(scores),
        memoryview(bytes(scores)),
        memoryview(array("q", scores)),
        np.array(scores),
        np.array(scores, dtype=np.int8),
        np.array(scores, dtype=np.uint8),
        np.array(scores, dtype=np.float32),
        [float(s) for s in scores],
    ]
    for shape in shapes:
        assert nps(shape) == expected, type(shape)  # type: ignore[arg-type]
    assert csat(np.array([5, 4, 1], dtype=np.uint8)) == csat([5, 4, 1])
    assert ces(array("B", [7, 1])) == ces([7, 1])


# --- laws ---------------------------------------------------------------------------------------


@given(nps_scores, nps_scores, nps_scores)
def test_nps_merge_is_concatenation_associative_and_commutative(
    a: list[int], b: list[int], c: list[int]
) -> None:
    parts = [NpsAccumulator.of(x) for x in (a, b, c)]
    whole = nps(a + b + c)
    assert parts[0].merge(parts[1]).merge(parts[2]).result() == whole
    assert parts[0].merge(parts[1].merge(parts[2])).result() == whole
    assert parts[2].merge(parts[0]).merge(parts[1]).result() == whole
    assert parts[0].result() == nps(a)  # merging leaves the operands unchanged


@given(nps_scores, st.randoms(use_true_random=False))
def test_nps_is_order_independent_and_bounded(scores: list[int], rnd: object) -> None:
    shuffled = list(scores)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    result = nps(scores)
    assert nps(shuffled) == result
    if result.n:
        assert result.score is not None and -100 <= result.score <= 100
        assert result.ci_low is not None and result.ci_high is not None
        assert -100 <= result.ci_low <= result.score <= result.ci_high <= 100
        assert result.promoters + result.passives + result.detractors == result.n
        assert result.margin_of_error is not None and result.margin_of_error >= 0


@given(five_point, five_point, seven_point, seven_point)
def test_csat_and_ces_merge_equals_concatenation(
    a: list[int], b: list[int], c: list[int], d: list[int]
) -> None:
    left, right = CsatAccumulator(), CsatAccumulator()
    left.update(a)
    right.update(b)
    assert left.merge(right).result() == csat(a + b) == right.merge(left).result()
    x, y = CesAccumulator(), CesAccumulator()
    for s in c:
        x.add(s)
    y.update(d)
    assert x.merge(y).result() == ces(c + d) == y.merge(x).result()
    result = csat(a)
    if result.n:
        assert result.ci_low is not None and result.ci_high is not None
        assert 0 <= result.ci_low <= result.percent <= result.ci_high <= 100  # type: ignore[operator]


def test_accumulators_pickle_for_multiprocessing() -> None:
    acc = NpsAccumulator(confidence=0.9)
    acc.update([10, 3, 8])
    restored = pickle.loads(pickle.dumps(acc))
    assert restored.result() == acc.result()
    seg: Segmented[str, object] = Segmented(CsatAccumulator)
    seg.add("email", 5)
    assert pickle.loads(pickle.dumps(seg)).result() == seg.result()


# --- segments -----------------------------------------------------------------------------------


def test_segment_by_any_key_in_one_call() -> None:
    responses = [
        {"channel": "email", "agent": "ola", "score": 10, "rating": 5},
        {"channel": "chat", "agent": "ola", "score": 3, "rating": 2},
        {"channel": "email", "agent": "eero", "score": 6, "rating": 4},
    ]
    by_channel = nps_by(responses, key="channel")
    assert by_channel["email"] == nps([10, 6]) and by_channel["chat"] == nps([3])
    by_agent = csat_by(responses, key=lambda r: r["agent"])
    assert by_agent["ola"].percent == 50.0 and by_agent["eero"].percent == 100.0
    assert ces_by(responses, key="channel", score="rating", scale=5)["email"].mean == 4.5


@given(st.lists(st.tuples(st.sampled_from("abc"), st.integers(0, 10)), max_size=40), st.data())
def test_segmented_merge_equals_one_pass(pairs: list[tuple[str, int]], data: st.DataObject) -> None:
    cut = data.draw(st.integers(0, len(pairs)))
    parts = []
    for chunk in (pairs[:cut], pairs[cut:]):
        seg: Segmented[str, object] = Segmented(NpsAccumulator)
        for key, score in chunk:
            seg.add(key, score)
        parts.append(seg)
    merged = reduce(lambda x, y: x.merge(y), parts)
    assert merged.result() == nps_by(pairs, key=lambda p: p[0], score=lambda p: p[1])
    assert parts[1].merge(parts[0]).result() == merged.result()


@pytest.mark.parametrize("scores", [[True, False], [10, True], (False,)])
def test_booleans_are_not_scores(scores: list[object]) -> None:
    # nps([True, False]) used to be -100: True and False counted as 1 and 0.
    with pytest.raises(ScoreOutOfRangeError, match=r"score (True|False) at position"):
        nps(scores)
    with pytest.raises(ScoreOutOfRangeError):
        csat(scores)
    acc = NpsAccumulator()
    with pytest.raises(ScoreOutOfRangeError):
        acc.add(True)


def test_a_boolean_numpy_array_is_not_scores() -> None:
    np = pytest.importorskip("numpy")
    with pytest.raises(ScoreOutOfRangeError):
        nps(np.array([True, False]))
