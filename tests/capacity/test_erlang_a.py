"""Erlang A: its exact special cases, a simulation with abandonment, and its laws."""

from __future__ import annotations

import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxcore.capacity.erlang import erlang_c, erlang_c_service_level
from cxcore.capacity.erlang_a import erlang_a, erlang_a_agents
from cxcore.errors import CapacityError


def test_endless_patience_is_erlang_c() -> None:
    # Garnett, Mandelbaum & Reiman (2002), section 2: as patience grows without bound, M/M/n+M
    # becomes M/M/n, so the Call Centre Helper example (10 E, 14 agents, 80/20) must reappear.
    result = erlang_a(arrival_rate=100 / 1800, handle=180.0, patience=1e9, servers=14, within=20.0)
    assert result.service_level == pytest.approx(erlang_c_service_level(10.0, 14, 20, 180), 1e-6)
    assert result.wait_probability == pytest.approx(erlang_c(10.0, 14), rel=1e-6)
    assert result.abandon_share == pytest.approx(0.0, abs=1e-6)


@pytest.mark.parametrize(("traffic", "servers"), [(5.0, 3), (10.0, 10), (40.0, 45), (80.0, 70)])
def test_patience_equal_to_handle_time_is_an_infinite_server_queue(
    traffic: float, servers: int
) -> None:
    # With abandonment rate theta = mu every customer leaves the system at rate mu whether
    # served or waiting, so the number present is Poisson(a) (Palm; Garnett et al. 2002,
    # remark after eq. 2.2): P(wait) = P(K >= n), abandonment = E[(K - n)+] / a.
    handle = 120.0
    pmf = [math.exp(-traffic + k * math.log(traffic) - math.lgamma(k + 1)) for k in range(600)]
    wait = sum(pmf[servers:])
    queued = sum((k - servers) * p for k, p in enumerate(pmf) if k > servers)
    result = erlang_a(
        arrival_rate=traffic / handle, handle=handle, patience=handle, servers=servers, within=0.0
    )
    assert result.wait_probability == pytest.approx(wait, rel=1e-9)
    assert result.abandon_share == pytest.approx(queued / traffic, rel=1e-9)
    assert result.service_level == pytest.approx(1 - wait, rel=1e-9)


def test_agrees_with_a_discrete_event_simulation() -> None:
    # M/M/n+M in simpy: 10 erlangs on 10 chat agents, patience 120 s, 30 000 customers after a
    # warm-up. Tolerance 0.02 absolute on service level (30 s), abandonment and P(wait).
    simpy = pytest.importorskip("simpy")
    rng = random.Random(7)
    handle, patience, rate, agents, within = 300.0, 120.0, 1 / 30, 10, 30.0
    env = simpy.Environment()
    team = simpy.Resource(env, capacity=agents)
    outcomes: list[tuple[bool, float]] = []  # (answered, wait)

    def customer() -> object:
        arrived = env.now
        give_up = rng.expovariate(1 / patience)
        with team.request() as slot:
            got = yield slot | env.timeout(give_up)
            if slot in got:
                outcomes.append((True, env.now - arrived))
                yield env.timeout(rng.expovariate(1 / handle))
            else:
                outcomes.append((False, env.now - arrived))

    def source() -> object:
        for _ in range(33_000):
            yield env.timeout(rng.expovariate(rate))
            env.process(customer())

    env.process(source())
    env.run()
    measured = outcomes[3_000:]
    n = len(measured)
    model = erlang_a(
        arrival_rate=rate, handle=handle, patience=patience, servers=agents, within=within
    )
    assert sum(a and w <= within for a, w in measured) / n == pytest.approx(
        model.service_level, abs=0.02
    )
    assert sum(not a for a, _ in measured) / n == pytest.approx(model.abandon_share, abs=0.02)
    assert sum(w > 0 for _, w in measured) / n == pytest.approx(model.wait_probability, abs=0.02)


def test_hundreds_of_agents() -> None:
    result = erlang_a_agents(arrival_rate=3.0, handle=300.0, patience=120.0, share=0.8, within=30.0)
    assert 700 < result.servers < 900
    assert result.service_level >= 0.8


def test_abandonment_needs_no_more_agents_than_erlang_c_here() -> None:
    # 100 chats / 30 min at 180 s: Erlang C needs 14 for 80/20; impatient customers leave the
    # queue, which shortens it, so Erlang A needs no more.
    result = erlang_a_agents(
        arrival_rate=100 / 1800, handle=180.0, patience=60.0, share=0.8, within=20.0
    )
    assert result.servers <= 14


def test_occupancy_cap_and_bad_inputs() -> None:
    capped = erlang_a_agents(
        arrival_rate=0.1, handle=100.0, patience=60.0, share=0.5, within=10.0, max_occupancy=0.5
    )
    assert capped.occupancy <= 0.5
    with pytest.raises(CapacityError, match="patience"):
        erlang_a(arrival_rate=0.1, handle=100.0, patience=0.0, servers=3, within=10.0)
    with pytest.raises(CapacityError, match="share"):
        erlang_a_agents(arrival_rate=0.1, handle=100.0, patience=60.0, share=0.0, within=10.0)
    with pytest.raises(CapacityError, match="settles"):
        erlang_a(arrival_rate=1.0, handle=100.0, patience=1e9, servers=3, within=10.0)


@settings(max_examples=40)
@given(
    st.floats(0.001, 0.2),
    st.floats(30.0, 600.0),
    st.floats(10.0, 600.0),
    st.integers(0, 60),
    st.floats(0.0, 60.0),
)
def test_more_agents_never_lower_the_service_level(
    rate: float, handle: float, patience: float, n: int, within: float
) -> None:
    def level(servers: int) -> float:
        return erlang_a(
            arrival_rate=rate, handle=handle, patience=patience, servers=servers, within=within
        ).service_level

    assert level(n + 1) >= level(n) - 1e-9


@settings(max_examples=30)
@given(st.floats(0.001, 0.1), st.floats(0.0, 0.05), st.floats(0.5, 0.95))
def test_more_arrivals_never_need_fewer_agents(rate: float, extra: float, share: float) -> None:
    def need(r: float) -> int:
        return erlang_a_agents(
            arrival_rate=r, handle=180.0, patience=90.0, share=share, within=20.0
        ).servers

    assert need(rate + extra) >= need(rate)
