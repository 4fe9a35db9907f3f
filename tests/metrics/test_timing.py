"""Per-ticket timing metrics, duration summaries and their accumulators."""

from __future__ import annotations

import pickle
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxcore.errors import InvalidInputError, NaiveDatetimeError, NegativeDurationError
from cxcore.metrics import (
    TIMING_DEFINITIONS,
    DurationAccumulator,
    TimingAccumulator,
    durations_between,
    percentile,
    summarize_durations,
    ticket_timing,
    timing_summary,
)
from cxcore.sla.calendar_time import CalendarTime
from tests.metrics.strategies import ticket
from tests.strategies import tickets

T0 = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)  # a Monday
MIN = timedelta(minutes=1)


def conversation() -> object:
    return ticket(
        T0,
        [
            (5, "open"),
            (10, "customer"),  # before the first reply: covered by first reply time
            (30, "note"),  # internal note: not a reply
            (40, "bot"),  # bot: not a reply
            (60, "agent"),  # first reply: 60 min
            (70, "pending"),
            (90, "customer"),
            (95, "customer"),
            (100, "open"),
            (150, "agent"),  # next reply: 90 -> 150 = 60 min
            (160, "agent"),  # no customer message in between: not a next reply
            (170, "solved"),  # first resolution: 170 min
            (200, "open"),  # reopened
            (210, "customer"),
            (230, "agent"),  # next reply: 20 min
            (240, "on_hold"),
            (250, "solved"),  # full resolution: 250 min
            (300, "closed"),
        ],
    )


def test_ticket_timing_definitions() -> None:
    timing = ticket_timing(conversation())  # type: ignore[arg-type]
    assert timing.first_reply == 60 * MIN
    assert timing.next_replies == (60 * MIN, 20 * MIN)
    assert timing.first_resolution == 170 * MIN
    assert timing.full_resolution == 250 * MIN
    assert timing.reopens == 1
    # new 0-5, open 5-70, (pending 70-100), open 100-170, (solved 170-200), open 200-240,
    # on_hold 240-250: 5 + 65 + 70 + 40 + 10
    assert timing.requester_wait == 190 * MIN
    assert not timing.business_time


def test_unsolved_and_reopened_tickets_have_no_full_resolution() -> None:
    reopened = ticket(T0, [(10, "agent"), (20, "solved"), (30, "open")])
    timing = ticket_timing(reopened)
    assert timing.first_resolution == 20 * MIN
    assert timing.full_resolution is None and timing.requester_wait is None
    fresh = ticket_timing(ticket(T0, []))
    assert (fresh.first_reply, fresh.first_resolution, fresh.next_replies) == (None, None, ())


def test_calendar_time_is_correct_across_dst() -> None:
    warsaw = ZoneInfo("Europe/Warsaw")
    before = datetime(2026, 10, 25, 1, 0, tzinfo=warsaw)  # clocks go back at 03:00 -> 02:00
    after = datetime(2026, 10, 25, 4, 0, tzinfo=warsaw)
    assert after - before == timedelta(hours=3)  # Python's wall-clock subtraction
    assert CalendarTime().elapsed(before, after) == timedelta(hours=4)  # real elapsed time
    with pytest.raises(NegativeDurationError):
        CalendarTime().elapsed(after, before)
    with pytest.raises(NaiveDatetimeError):
        CalendarTime().elapsed(datetime(2026, 1, 1), after)
    # one fixed offset on both sides takes a shortcut; it refuses negative spans the same way
    assert CalendarTime().elapsed(T0, T0 + timedelta(hours=4)) == timedelta(hours=4)
    with pytest.raises(NegativeDurationError):
        CalendarTime().elapsed(T0 + timedelta(hours=4), T0)


class Workday:
    """A stand-in calendar: only 09:00-17:00 UTC counts, every day."""

    def elapsed(self, start: datetime, end: datetime) -> timedelta:
        total = timedelta(0)
        day = start.replace(hour=0, minute=0, second=0, microsecond=0)
        while day < end:
            lo, hi = max(start, day.replace(hour=9)), min(end, day.replace(hour=17))
            total += max(hi - lo, timedelta(0))
            day += timedelta(days=1)
        return total


def test_business_time_through_any_calendar_object() -> None:
    evening = T0.replace(hour=16)
    late = ticket(evening, [(18 * 60, "agent"), (18 * 60 + 30, "solved")])  # replied 10:00 next day
    timing = ticket_timing(late, Workday())
    assert timing.first_reply == timedelta(hours=2)
    assert timing.full_resolution == timedelta(hours=2, minutes=30)
    assert timing.business_time
    assert ticket_timing(late).first_reply == timedelta(hours=18)


def test_business_time_with_the_sla_business_calendar() -> None:
    calendar_module = pytest.importorskip("cxcore.sla.calendar")
    week = {day: [("09:00", "17:00")] for day in ("mon", "tue", "wed", "thu", "fri")}
    calendar = calendar_module.BusinessCalendar(timezone="Europe/Warsaw", hours=week)
    friday = datetime(2026, 5, 8, 16, 0, tzinfo=ZoneInfo("Europe/Warsaw"))
    monday_reply = datetime(2026, 5, 11, 10, 0, tzinfo=ZoneInfo("Europe/Warsaw"))
    minutes = int((monday_reply - friday) / MIN)
    weekend = ticket(friday, [(minutes, "agent"), (minutes + 60, "solved")])
    timing = ticket_timing(weekend, calendar)
    assert timing.first_reply == timedelta(hours=2)  # Fri 16-17 + Mon 9-10
    assert timing.full_resolution == timedelta(hours=3)
    report = timing_summary([weekend], calendar)
    assert report.business_time and report.first_reply.median == timedelta(hours=2)


def test_summary_carries_definitions_and_known_percentiles() -> None:
    durations = [timedelta(minutes=m) for m in range(1, 101)]
    summary = summarize_durations(durations, metric="first_reply", definition="demo")
    assert summary.n == 100 and summary.mean == timedelta(minutes=50, seconds=30)
    assert summary.median == timedelta(minutes=50, seconds=30)  # linear: halfway 50..51
    assert summary.p90 == timedelta(minutes=90, seconds=6)  # h = 0.9 * 99 = 89.1
    assert summary.p95 == timedelta(minutes=95, seconds=3)
    assert (summary.minimum, summary.maximum) == (MIN, 100 * MIN)
    assert summary.method == "linear" and summary.exact and summary.definition == "demo"
    nearest = summarize_durations(durations, method="nearest_rank")
    assert (nearest.median, nearest.p90) == (50 * MIN, 90 * MIN)
    report = timing_summary([conversation()])  # type: ignore[list-item]
    assert report.first_reply.definition == TIMING_DEFINITIONS["first_reply"]
    assert report.next_reply.n == 2 and report.tickets == 1


def test_summary_matches_pandas_for_every_input_shape() -> None:
    rng = np.random.default_rng(7)
    seconds = rng.exponential(3600, 1001).round(3)
    series = pd.Series(pd.to_timedelta(seconds, unit="s"))
    expected = summarize_durations([timedelta(seconds=float(s)) for s in seconds])
    assert abs(expected.mean - series.mean().to_pytimedelta()) <= timedelta(microseconds=1)
    for q, got in ((0.5, expected.median), (0.9, expected.p90), (0.95, expected.p95)):
        assert abs(got - series.quantile(q).to_pytimedelta()) <= timedelta(microseconds=1)
    millis = (seconds * 1000).round().astype("timedelta64[ms]")
    for shape in (list(seconds), seconds, millis, iter(seconds.tolist())):
        got = summarize_durations(shape)
        assert got.n == expected.n
        for name in ("mean", "median", "p90", "p95", "minimum", "maximum"):
            assert abs(getattr(got, name) - getattr(expected, name)) <= timedelta(microseconds=1)


def test_summary_edge_cases() -> None:
    empty = summarize_durations([])
    assert (empty.n, empty.mean, empty.p95) == (0, None, None)
    assert summarize_durations(np.array([], dtype="timedelta64[s]")).n == 0
    assert summarize_durations(np.array([np.timedelta64("NaT"), 5], dtype="timedelta64[s]")).n == 1
    with pytest.raises(NegativeDurationError):
        summarize_durations([timedelta(minutes=-1)])
    ages = [timedelta(days=12_000, microseconds=1), timedelta(days=12_000, microseconds=2)]
    assert summarize_durations(ages).median == timedelta(days=12_000, microseconds=2)  # half-even
    with pytest.raises(NegativeDurationError):
        summarize_durations(np.array([-1.0]))
    with pytest.raises(InvalidInputError):
        summarize_durations(["soon"])
    with pytest.raises(NegativeDurationError):
        DurationAccumulator().add(-1.0)


def test_durations_between_columns() -> None:
    starts = [T0, T0, None, T0.astimezone(ZoneInfo("Asia/Bangkok"))]
    ends = [T0 + MIN, None, T0, T0 + 2 * MIN]
    assert durations_between(starts, ends) == [MIN, 2 * MIN]
    assert durations_between(starts[:1], ends[:1], Workday()) == [MIN]
    warsaw = ZoneInfo("Europe/Warsaw")  # one zone object on both sides, across the DST change
    night = datetime(2026, 10, 25, 1, 0, tzinfo=warsaw)
    assert durations_between([night], [night.replace(hour=4)]) == [timedelta(hours=4)]
    as_np = np.array(["2026-05-04T09:00", "NaT"], dtype="datetime64[s]")
    spans = durations_between(as_np, as_np + np.timedelta64(90, "s"))
    assert spans.tolist() == [timedelta(seconds=90)]
    with pytest.raises(NegativeDurationError):
        durations_between([T0 + MIN], [T0])
    with pytest.raises(NegativeDurationError):
        durations_between(as_np[:1], as_np[:1] - np.timedelta64(1, "s"))


durations = st.lists(st.timedeltas(timedelta(0), timedelta(days=30)), max_size=50)


@given(durations, durations, durations)
def test_duration_merge_equals_concatenation(
    a: list[timedelta], b: list[timedelta], c: list[timedelta]
) -> None:
    parts = []
    for chunk in (a, b, c):
        acc = DurationAccumulator()
        acc.update(chunk)
        parts.append(acc)
    whole = summarize_durations(a + b + c)
    assert parts[0].merge(parts[1]).merge(parts[2]).result() == whole
    assert parts[2].merge(parts[0].merge(parts[1])).result() == whole


@given(durations, durations)
def test_sketched_summary_is_mergeable_and_close(a: list[timedelta], b: list[timedelta]) -> None:
    x, y = DurationAccumulator(sketch=True), DurationAccumulator(sketch=True)
    x.update(a)
    y.update(b)
    merged = x.merge(y).result()
    assert merged == y.merge(x).result()
    exact = summarize_durations(a + b)
    assert (merged.n, merged.mean, merged.minimum, merged.maximum) == (
        exact.n,
        exact.mean,
        exact.minimum,
        exact.maximum,
    )
    if merged.n and not merged.exact:
        assert merged.method == "lower" and merged.relative_accuracy == 0.01
        lower = percentile(a + b, 90, "lower")
        assert abs(merged.p90 - lower) <= 0.01 * lower + timedelta(microseconds=2)  # type: ignore[operator]


@settings(max_examples=40)
@given(st.lists(tickets(max_events=8), max_size=6), st.data())
def test_timing_accumulator_merge_equals_one_pass(batch: list[object], data: st.DataObject) -> None:
    cut = data.draw(st.integers(0, len(batch)))
    left, right = TimingAccumulator(), TimingAccumulator()
    left.update(batch[:cut])  # type: ignore[arg-type]
    right.update(batch[cut:])  # type: ignore[arg-type]
    whole = timing_summary(batch)  # type: ignore[arg-type]
    assert left.merge(right).result() == whole == right.merge(left).result()
    restored = pickle.loads(pickle.dumps(left))
    assert restored.result() == left.result()
    for summary in (whole.first_reply, whole.full_resolution, whole.requester_wait):
        if summary.n:
            assert (
                summary.minimum <= summary.median <= summary.p90 <= summary.p95 <= summary.maximum
            )  # type: ignore[operator]


def test_timing_accumulators_with_other_settings_do_not_merge() -> None:
    with pytest.raises(InvalidInputError):
        TimingAccumulator().merge(TimingAccumulator(Workday()))
    with pytest.raises(InvalidInputError):
        DurationAccumulator().merge(DurationAccumulator(sketch=True))
