"""Erlang A (M/M/n+M): live chat where waiting customers give up.

Erlang C assumes everyone waits forever, so it overstates the agents a chat needs: a visitor who
waits too long closes the window. Erlang A adds *patience*: each waiting customer abandons after
an exponential time with mean ``patience``. The model (Palm 1943; Garnett, Mandelbaum and
Reiman, "Designing a call center with impatient customers", M&SOM 4(3), 2002) is a birth-death
chain; cxcore computes it exactly, without approximations and without factorials:

* the states up to ``n`` come from the Erlang B recursion, the queue states from the ratio
  ``lambda / (n mu + j theta)``, summed until they vanish below 1e-15 of the total;
* the share answered within ``T`` follows a tagged customer through the queue (it moves up at
  rate ``n mu + j theta`` while ``j`` customers are ahead, and leaves at its own rate ``theta``)
  by uniformisation, with Poisson weights from ``lgamma`` so nothing overflows.

With patience going to infinity the results tend to Erlang C's:

Examples:
    >>> r = erlang_a(arrival_rate=100 / 1800, handle=180.0, patience=1e9, servers=14, within=20.0)
    >>> round(r.service_level, 4), round(r.wait_probability, 4)
    (0.8884, 0.1741)
"""

from __future__ import annotations

import math

from cxcore._model import CxModel
from cxcore.capacity.erlang import erlang_b, erlang_c_agents
from cxcore.errors import CapacityError

__all__ = ["ErlangAResult", "erlang_a", "erlang_a_agents"]

_TAIL = 1e-15
_MAX_QUEUE = 100_000


class ErlangAResult(CxModel):
    """Steady-state performance of ``servers`` agents under Erlang A.

    ``service_level`` is the share of all arriving customers answered within the answer time
    (those who abandon count as not answered); ``abandon_share`` the share who give up;
    ``average_wait`` the mean time in queue over all arrivals, in seconds; ``occupancy`` the
    share of agent time spent handling.

    Examples:
        >>> erlang_a(arrival_rate=0.0, handle=60.0, patience=60.0, servers=1, within=10.0).occupancy
        0.0
    """

    servers: int
    wait_probability: float
    service_level: float
    abandon_share: float
    average_wait: float
    occupancy: float


def _queue_weights(arrival: float, drain: float, theta: float) -> list[float]:
    """``q_j`` relative to the state with every agent busy and nobody waiting (``q_0 = 1``)."""
    weights = [1.0]
    weight = 1.0
    total = 1.0
    j = 0
    if arrival - drain > _MAX_QUEUE * theta:
        raise CapacityError(
            f"the queue settles only beyond {_MAX_QUEUE} waiting customers ({arrival:g} "
            f"arrivals/s against {drain:g} answers/s and patience {1 / theta:g} s); "
            "add agents or give a shorter patience"
        )
    while True:
        j += 1
        weight *= arrival / (drain + j * theta)
        weights.append(weight)
        total += weight
        if weight < _TAIL * total and drain + j * theta > arrival:
            return weights


def _served_within(rates: list[float], theta: float, within: float) -> list[float]:
    """P(answered within ``within`` | ``j`` customers ahead) for each ``j`` by uniformisation."""
    top = len(rates) - 1
    uniform = rates[top] + theta
    mean = uniform * within
    last = int(mean + 10.0 * math.sqrt(mean) + 30.0)
    move = [r / uniform for r in rates]
    stay = [1.0 - (r + theta) / uniform for r in rates]
    served = [0.0] * (top + 1)
    result = [0.0] * (top + 1)
    log_mean = math.log(mean) if mean > 0.0 else -math.inf
    for m in range(last + 1):
        weight = math.exp(-mean + m * log_mean - math.lgamma(m + 1)) if mean > 0.0 else 0.0
        if m == 0 and mean == 0.0:
            weight = 1.0
        if weight > 0.0:
            for j in range(min(m, top + 1)):
                result[j] += weight * served[j]
        # one more uniformised step; j customers ahead need j + 1 moves to be answered
        reach = min(m + 1, top + 1)
        previous = 1.0
        for j in range(reach):
            current = served[j]
            served[j] = move[j] * previous + stay[j] * current
            previous = current
    return result


def erlang_a(
    *, arrival_rate: float, handle: float, patience: float, servers: int, within: float
) -> ErlangAResult:
    """Erlang A performance: ``arrival_rate`` customers per second, ``handle`` and ``patience``
    mean seconds, ``servers`` agents, answer-time goal ``within`` seconds.

    Examples:
        >>> r = erlang_a(arrival_rate=1 / 30, handle=300.0, patience=120.0, servers=10, within=30.0)
        >>> round(r.abandon_share, 3), round(r.service_level, 3)
        (0.152, 0.688)
    """
    if not (arrival_rate >= 0.0 and math.isfinite(arrival_rate)):
        raise CapacityError(f"arrival rate must be finite and >= 0, got {arrival_rate!r}")
    if handle <= 0.0 or patience <= 0.0 or within < 0.0 or servers < 0:
        raise CapacityError(
            "handle and patience must be > 0 seconds, within >= 0 and servers >= 0; got "
            f"handle={handle!r}, patience={patience!r}, within={within!r}, servers={servers!r}"
        )
    if arrival_rate == 0.0:
        return ErlangAResult(
            servers=servers,
            wait_probability=0.0,
            service_level=1.0,
            abandon_share=0.0,
            average_wait=0.0,
            occupancy=0.0,
        )
    traffic = arrival_rate * handle
    theta = 1.0 / patience
    drain = servers / handle
    blocking = erlang_b(traffic, servers)
    weights = _queue_weights(arrival_rate, drain, theta)
    below = 1.0 / blocking - 1.0 if blocking > 0.0 else math.inf
    total = below + sum(weights)
    wait_probability = sum(weights) / total
    queue_length = sum(j * w for j, w in enumerate(weights)) / total
    abandon_share = theta * queue_length / arrival_rate
    if within == 0.0:
        answered_in_time = 1.0 - wait_probability
    else:
        # keep the states that hold any mass at all; the tagged customer needs j + 1 moves
        keep = len(weights)
        while keep > 1 and weights[keep - 1] / total < _TAIL:
            keep -= 1
        rates = [drain + j * theta for j in range(keep)]
        served = _served_within(rates, theta, within)
        queued = sum(w * s for w, s in zip(weights[:keep], served, strict=True)) / total
        answered_in_time = 1.0 - wait_probability + queued
    occupancy = traffic * (1.0 - abandon_share) / servers if servers else 0.0
    return ErlangAResult(
        servers=servers,
        wait_probability=wait_probability,
        service_level=min(1.0, max(0.0, answered_in_time)),
        abandon_share=min(1.0, max(0.0, abandon_share)),
        average_wait=queue_length / arrival_rate,
        occupancy=min(1.0, occupancy),
    )


def erlang_a_agents(
    *,
    arrival_rate: float,
    handle: float,
    patience: float,
    share: float,
    within: float,
    max_occupancy: float = 1.0,
) -> ErlangAResult:
    """The fewest agents answering ``share`` of customers within ``within`` seconds under
    Erlang A, with occupancy at most ``max_occupancy``; returns their performance.

    Examples:
        >>> erlang_a_agents(
        ...     arrival_rate=100 / 1800, handle=180.0, patience=1e9, share=0.8, within=20.0
        ... ).servers
        14
    """
    if not 0.0 < share < 1.0:
        raise CapacityError(f"service goal share must be between 0 and 1 (exclusive), got {share}")
    if not 0.0 < max_occupancy <= 1.0:
        raise CapacityError(f"max_occupancy must be in (0, 1], got {max_occupancy}")

    def run(servers: int) -> ErlangAResult:
        return erlang_a(
            arrival_rate=arrival_rate,
            handle=handle,
            patience=patience,
            servers=servers,
            within=within,
        )

    def fits(servers: int) -> ErlangAResult | None:
        try:
            result = run(servers)
        except CapacityError:  # a queue that long answers nobody in time
            return None
        return result if good(result) else None

    def good(result: ErlangAResult) -> bool:
        return result.service_level >= share and result.occupancy <= max_occupancy

    if arrival_rate == 0.0:
        return run(0)
    traffic = arrival_rate * handle
    high = erlang_c_agents(
        traffic, share=share, within=within, handle=handle, max_occupancy=max_occupancy
    )
    best = run(high)
    while not good(best):
        high *= 2
        best = run(high)
    low = -1  # the largest count known to fail
    while high - low > 1:
        middle = (low + high) // 2
        result = fits(middle) if middle >= 0 else None
        if result is not None:
            high, best = middle, result
        else:
            low = middle
    return best
