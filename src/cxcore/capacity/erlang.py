"""Erlang B and Erlang C: how many agents a live channel (phone, chat) needs in an interval.

Customers arrive at random (Poisson) at ``arrivals`` per ``period``; each takes on average
``handle_time`` of an agent (talk plus wrap-up, exponentially distributed); nobody hangs up
(Erlang C; see [erlang_a][cxcore.capacity.erlang_a] when customers abandon). The offered
*traffic* is ``arrivals x handle_time / period`` erlangs: the number of agents that would be
busy all the time.

Everything is computed with the iterative Erlang B recursion ``B(0) = 1``,
``B(k) = a B(k-1) / (k + a B(k-1))``, never with powers and factorials, so it stays exact to
floating-point precision for thousands of agents:

Examples:
    >>> round(erlang_c(10.0, 11), 4)  # 100 calls / 30 min at 180 s, 11 agents
    0.6821
    >>> erlang_c(1500.0, 1520) < 1.0
    True
"""

from __future__ import annotations

import math

from cxcore.errors import CapacityError

__all__ = [
    "agents_and_wait",
    "average_speed_of_answer",
    "erlang_b",
    "erlang_c",
    "erlang_c_agents",
    "erlang_c_service_level",
]


def _check_traffic(traffic: float) -> None:
    if not (traffic >= 0.0 and math.isfinite(traffic)):
        raise CapacityError(f"traffic must be a finite number of erlangs >= 0, got {traffic!r}")


def _check_servers(servers: int) -> None:
    if servers < 0:
        raise CapacityError(f"the number of agents must be >= 0, got {servers!r}")


def erlang_b(traffic: float, servers: int) -> float:
    """Blocking probability of ``servers`` lines offered ``traffic`` erlangs (no queue).

    Examples:
        >>> round(erlang_b(10.0, 14), 4)  # the Erlang B table: 10 E on 14 lines blocks 5.68%
        0.0568
        >>> erlang_b(4.0, 0)
        1.0
    """
    _check_traffic(traffic)
    _check_servers(servers)
    blocking = 1.0
    for k in range(1, servers + 1):
        carried = traffic * blocking
        blocking = carried / (k + carried)
    return blocking


def _c_from_b(traffic: float, servers: int, blocking: float) -> float:
    if traffic >= servers:
        return 1.0
    return servers * blocking / (servers - traffic * (1.0 - blocking))


def erlang_c(traffic: float, servers: int) -> float:
    """Probability that a customer has to wait (all ``servers`` busy) under ``traffic`` erlangs.

    With ``traffic >= servers`` the queue grows without bound and everyone waits: 1.0.

    Examples:
        >>> round(erlang_c(48.0, 55), 4)  # 360 calls / 30 min at 240 s, 55 agents
        0.2387
        >>> erlang_c(12.0, 10)
        1.0
    """
    return _c_from_b(traffic, servers, erlang_b(traffic, servers))


def erlang_c_service_level(traffic: float, servers: int, within: float, handle: float) -> float:
    """Share of customers answered within ``within`` seconds when a contact takes ``handle``
    seconds on average: ``1 - C e^(-(n - a) within / handle)``.

    Examples:
        >>> round(erlang_c_service_level(10.0, 14, 20.0, 180.0), 4)
        0.8884
        >>> erlang_c_service_level(10.0, 10, 20.0, 180.0)
        0.0
    """
    if handle <= 0.0 or within < 0.0:
        raise CapacityError(
            f"handle time must be > 0 and the answer time >= 0 seconds, got {handle!r}, {within!r}"
        )
    if traffic >= servers:
        return 0.0 if traffic > 0.0 else 1.0
    wait = erlang_c(traffic, servers)
    return max(0.0, 1.0 - wait * math.exp(-(servers - traffic) * within / handle))


def average_speed_of_answer(traffic: float, servers: int, handle: float) -> float:
    """Mean wait in seconds over all customers: ``C handle / (n - a)`` (infinite when
    overloaded).

    Examples:
        >>> round(average_speed_of_answer(48.0, 55, 240.0), 2)
        8.18
    """
    if traffic >= servers:
        return math.inf if traffic > 0.0 else 0.0
    return erlang_c(traffic, servers) * handle / (servers - traffic)


def erlang_c_agents(
    traffic: float,
    *,
    share: float,
    within: float,
    handle: float,
    max_occupancy: float = 1.0,
) -> int:
    """The fewest agents answering ``share`` of customers within ``within`` seconds, with
    occupancy (``traffic / agents``) at most ``max_occupancy``.

    One pass of the Erlang B recursion finds it: the recursion visits every agent count once,
    so the cost grows with the answer, not with a search.

    Examples:
        >>> erlang_c_agents(10.0, share=0.8, within=20.0, handle=180.0)  # Call Centre Helper: 14
        14
        >>> erlang_c_agents(10.0, share=0.8, within=20.0, handle=180.0, max_occupancy=0.5)
        20
        >>> erlang_c_agents(0.0, share=0.8, within=20.0, handle=180.0)
        0
    """
    _check_traffic(traffic)
    if not 0.0 < share < 1.0:
        raise CapacityError(f"service goal share must be between 0 and 1 (exclusive), got {share}")
    if not 0.0 < max_occupancy <= 1.0:
        raise CapacityError(f"max_occupancy must be in (0, 1], got {max_occupancy}")
    if handle <= 0.0 or within < 0.0:
        raise CapacityError(
            f"handle time must be > 0 and the answer time >= 0 seconds, got {handle!r}, {within!r}"
        )
    return agents_and_wait(traffic, share, within, handle, max_occupancy)[0]


def agents_and_wait(
    traffic: float, share: float, within: float, handle: float, max_occupancy: float
) -> tuple[int, float, float]:
    """[erlang_c_agents][cxcore.capacity.erlang.erlang_c_agents] without the checks, also
    returning the probability of waiting and the service level at the answer.

    Examples:
        >>> agents_and_wait(10.0, 0.8, 20.0, 180.0, 1.0)[0]
        14
    """
    if traffic == 0.0:
        return 0, 0.0, 1.0
    floor = max(math.floor(traffic) + 1, math.ceil(traffic / max_occupancy - 1e-9))
    rate = within / handle
    blocking = 1.0
    k = 0
    while True:
        k += 1
        carried = traffic * blocking
        blocking = carried / (k + carried)
        if k < floor:
            continue
        wait = k * blocking / (k - traffic * (1.0 - blocking))
        level = 1.0 - wait * math.exp(-(k - traffic) * rate)
        if level >= share:
            return k, wait, level
