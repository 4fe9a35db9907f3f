"""Live staffing per interval: shrinkage, occupancy cap, chat concurrency, Erlang A."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxcore.capacity import LiveGoal, staff_live
from cxcore.errors import CapacityError, InvalidInputError


def test_call_centre_helper_example_with_shrinkage() -> None:
    # Call Centre Helper's worked example: 14 agents on the phones, 30% shrinkage -> 20.
    goal = LiveGoal(share=0.8, within=timedelta(seconds=20), shrinkage=0.3, max_occupancy=0.85)
    (row,) = staff_live(
        [100], period=timedelta(minutes=30), handle_time=timedelta(minutes=3), goal=goal
    )
    assert (row.agents, row.scheduled) == (14, 20)
    assert row.service_level == pytest.approx(0.8884, abs=1e-4)
    assert row.occupancy == pytest.approx(10 / 14)


def test_occupancy_cap_adds_agents() -> None:
    loose = LiveGoal(max_occupancy=1.0)
    tight = LiveGoal(max_occupancy=0.6)
    (a,) = staff_live(
        [100], period=timedelta(minutes=30), handle_time=timedelta(minutes=3), goal=loose
    )
    (b,) = staff_live(
        [100], period=timedelta(minutes=30), handle_time=timedelta(minutes=3), goal=tight
    )
    assert b.agents == 17 > a.agents  # ceil(10 / 0.6)
    assert b.occupancy <= 0.6


def test_concurrency_divides_slots_between_agents() -> None:
    one = LiveGoal(within=timedelta(seconds=60))
    three = LiveGoal(within=timedelta(seconds=60), concurrency=3)
    (a,) = staff_live([120], handle_time=timedelta(minutes=10), goal=one)
    (b,) = staff_live([120], handle_time=timedelta(minutes=10), goal=three)
    assert b.agents == -(-a.agents // 3)


def test_patience_switches_to_erlang_a() -> None:
    patient = LiveGoal(within=timedelta(seconds=30))
    impatient = LiveGoal(within=timedelta(seconds=30), patience=timedelta(minutes=1))
    (c,) = staff_live([200], handle_time=timedelta(minutes=6), goal=patient)
    (a,) = staff_live([200], handle_time=timedelta(minutes=6), goal=impatient)
    assert a.abandon_share > 0.0 == c.abandon_share
    assert a.agents <= c.agents


def test_bad_input() -> None:
    with pytest.raises(CapacityError, match="arrivals"):
        staff_live([-1], handle_time=timedelta(minutes=3), goal=LiveGoal())
    with pytest.raises(CapacityError, match="handle time"):
        staff_live([1], handle_time=timedelta(0), goal=LiveGoal())
    with pytest.raises(InvalidInputError, match="shrinkage"):
        LiveGoal(shrinkage=1.0)


@settings(max_examples=40)
@given(st.floats(0, 500), st.floats(0, 100), st.integers(1, 4), st.floats(0, 0.5))
def test_more_arrivals_never_need_fewer_agents(
    count: float, extra: float, concurrency: int, shrinkage: float
) -> None:
    goal = LiveGoal(concurrency=concurrency, shrinkage=shrinkage)
    low, high = staff_live([count, count + extra], handle_time=timedelta(minutes=4), goal=goal)
    assert high.agents >= low.agents and high.scheduled >= low.scheduled
