"""Busiest hours in the shop's zone, channel mix, Pareto reasons and backlog."""

from __future__ import annotations

import pickle
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cxcore.errors import InvalidInputError, NaiveDatetimeError, UnknownTimezoneError
from cxcore.metrics import (
    BacklogAccumulator,
    CountAccumulator,
    HourAccumulator,
    backlog,
    busiest_hours,
    channel_mix,
    top_reasons,
)
from tests.metrics.strategies import ticket
from tests.strategies import aware_datetimes

T0 = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)  # Monday


def test_hours_are_local_to_the_shop() -> None:
    stamps = [
        datetime(2026, 5, 4, 7, 30, tzinfo=UTC),  # 09:30 Monday in Warsaw (CEST, +2)
        datetime(2026, 5, 3, 22, 15, tzinfo=UTC),  # 00:15 Monday in Warsaw
        datetime(2026, 5, 4, 9, 0, tzinfo=ZoneInfo("Asia/Bangkok")),  # 04:00 Monday in Warsaw
    ]
    hours = busiest_hours(stamps, "Europe/Warsaw")
    assert hours.n == 3
    assert (hours.by_hour[9], hours.by_hour[0], hours.by_hour[4]) == (1, 1, 1)
    assert hours.by_hour_of_week[0][9] == 1 and sum(hours.by_hour_of_week[6]) == 0
    assert hours.busiest(1) == [("mon", 0, 1)]


def test_dst_nights_in_the_shop_zone() -> None:
    # Europe/Warsaw: clocks went forward 2026-03-29 02:00 -> 03:00 and go back 2026-10-25
    # 03:00 -> 02:00.
    spring = [datetime(2026, 3, 29, 0, 0, tzinfo=UTC) + timedelta(minutes=30 * i) for i in range(4)]
    hours = busiest_hours(spring, "Europe/Warsaw").by_hour
    assert hours[2] == 0 and hours[1] == 2 and hours[3] == 2
    autumn = [datetime(2026, 10, 25, 0, 0, tzinfo=UTC), datetime(2026, 10, 25, 1, 0, tzinfo=UTC)]
    assert busiest_hours(autumn, "Europe/Warsaw").by_hour[2] == 2  # the repeated hour


def test_tickets_count_by_creation_time_and_bad_input() -> None:
    assert busiest_hours([ticket(T0, [])], "UTC").by_hour[9] == 1
    with pytest.raises(NaiveDatetimeError):
        busiest_hours([datetime(2026, 5, 4, 9)], "UTC")
    with pytest.raises(UnknownTimezoneError):
        busiest_hours([], "Europe/Atlantis")
    with pytest.raises(InvalidInputError):
        HourAccumulator("UTC").merge(HourAccumulator("Europe/Riga"))


@given(st.lists(aware_datetimes(), max_size=30), st.data())
def test_hour_counts_merge_and_total(stamps: list[datetime], data: st.DataObject) -> None:
    cut = data.draw(st.integers(0, len(stamps)))
    left, right = HourAccumulator("Europe/Helsinki"), HourAccumulator("Europe/Helsinki")
    left.update(stamps[:cut])
    for s in stamps[cut:]:
        right.add(s)
    whole = busiest_hours(stamps, "Europe/Helsinki")
    assert left.merge(right).result() == whole == right.merge(left).result()
    assert whole.n == len(stamps) == sum(map(sum, whole.by_hour_of_week))
    assert pickle.loads(pickle.dumps(left)).result() == left.result()


def test_pareto_ordering_and_vital_few() -> None:
    reasons = ["late"] * 50 + ["damaged"] * 25 + ["wrong size"] * 15 + ["other"] * 10
    b = top_reasons(reasons, k=3)
    assert [(i.key, i.count) for i in b.items] == [
        ("late", 50),
        ("damaged", 25),
        ("wrong size", 15),
    ]
    assert [i.cumulative_share for i in b.items] == [0.5, 0.75, 0.9]
    assert (b.n, b.other) == (100, 10)
    assert b.vital_few(0.8) == ["late", "damaged", "wrong size"]
    assert b.vital_few(0.75) == ["late", "damaged"]
    ties = top_reasons(["b", "a", "b", "a", "c"])
    assert [i.key for i in ties.items] == ["a", "b", "c"]  # equal counts: by key
    assert top_reasons([]).items == () and top_reasons(["x"], k=0).other == 1
    with pytest.raises(InvalidInputError):
        top_reasons(["x"], k=-1)


@given(st.lists(st.sampled_from(["late", "damaged", "lost"]), max_size=40), st.data())
def test_count_merge_equals_concatenation(keys: list[str], data: st.DataObject) -> None:
    cut = data.draw(st.integers(0, len(keys)))
    left, right = CountAccumulator(), CountAccumulator()
    left.update(keys[:cut])
    right.update(keys[cut:])
    assert left.merge(right).result(2) == top_reasons(keys, 2) == right.merge(left).result(2)


def test_channel_mix() -> None:
    mix = channel_mix(
        [
            ticket(T0, [], channel="email"),
            ticket(T0, [], channel="live_chat"),
            ticket(T0, [], channel="email"),
        ]
    )
    assert [(i.key, i.count) for i in mix.items] == [("email", 2), ("live_chat", 1)]


def test_backlog_over_time_follows_status_history() -> None:
    hour = timedelta(hours=1)
    a = ticket(T0, [(60, "pending"), (120, "solved"), (180, "open"), (240, "closed")], "A")
    b = ticket(T0 + hour, [(30, "solved")], "B")
    samples = [T0 - hour, T0, T0 + hour, T0 + 2 * hour, T0 + 3 * hour, T0 + 4 * hour]
    assert [p.open for p in backlog([a, b], samples)] == [0, 1, 2, 0, 1, 0]
    only_pending = backlog([a, b], samples, statuses=["pending"])
    assert [p.open for p in only_pending] == [0, 0, 1, 0, 0, 0]
    left, right = BacklogAccumulator(samples), BacklogAccumulator(samples)
    left.add(a)
    right.add(b)
    assert left.merge(right).result() == backlog([b, a], samples)
    with pytest.raises(InvalidInputError):
        backlog([a], [T0, T0 - hour])
    with pytest.raises(InvalidInputError):
        left.merge(BacklogAccumulator(samples[:2]))
