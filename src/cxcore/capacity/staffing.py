"""Agents per interval for a live channel: the service goal, shrinkage and chat concurrency.

A [LiveGoal][cxcore.capacity.staffing.LiveGoal] says what the channel promises ("80% answered
within 20 seconds"), how busy an agent may be kept (occupancy cap), how much paid time is lost
to breaks, meetings and absence (shrinkage), how many chats one agent holds at once
(concurrency) and, for chat, how long visitors wait before giving up (patience: Erlang A;
without it Erlang C).

Concurrency: each agent is ``concurrency`` parallel slots; the handle time is how long one chat
occupies a slot, so the queue is sized in slots and the agents are the slots divided by the
concurrency, rounded up.

Examples:
    >>> from datetime import timedelta
    >>> goal = LiveGoal(share=0.8, within=timedelta(seconds=20), shrinkage=0.3)
    >>> [s.scheduled for s in staff_live([100, 0], period=timedelta(minutes=30),
    ...                                   handle_time=timedelta(seconds=180), goal=goal)]
    [20, 0]
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import timedelta
from typing import Annotated

from pydantic import BeforeValidator, Field

from cxcore._model import CxModel
from cxcore.capacity.erlang import agents_and_wait
from cxcore.capacity.erlang_a import erlang_a_agents
from cxcore.errors import CapacityError
from cxcore.sla.policy import parse_duration

__all__ = ["IntervalStaffing", "LiveGoal", "staff_live"]

_Duration = Annotated[timedelta, BeforeValidator(parse_duration)]


class LiveGoal(CxModel):
    """What a live channel promises and the facts of its agents' time.

    Examples:
        >>> LiveGoal().share, LiveGoal().within.seconds, LiveGoal().max_occupancy
        (0.8, 20, 0.85)
    """

    share: Annotated[float, Field(gt=0.0, lt=1.0)] = 0.8
    within: _Duration = timedelta(seconds=20)
    max_occupancy: Annotated[float, Field(gt=0.0, le=1.0)] = 0.85
    shrinkage: Annotated[float, Field(ge=0.0, lt=1.0)] = 0.0
    concurrency: Annotated[int, Field(ge=1)] = 1
    patience: _Duration | None = None


class IntervalStaffing(CxModel):
    """One interval's answer: ``agents`` taking contacts, ``scheduled`` once shrinkage is added,
    and the service level, occupancy and abandonment those agents give.

    Examples:
        >>> IntervalStaffing(arrivals=0, agents=0, scheduled=0, service_level=1, occupancy=0).agents
        0
    """

    arrivals: float
    agents: int
    scheduled: int
    service_level: float
    occupancy: float
    wait_probability: float = 0.0
    abandon_share: float = 0.0


def _one(arrivals: float, period: float, handle: float, goal: LiveGoal) -> IntervalStaffing:
    if arrivals < 0 or not math.isfinite(arrivals):
        raise CapacityError(f"arrivals per interval must be finite and >= 0, got {arrivals!r}")
    within = goal.within.total_seconds()
    if arrivals == 0:
        return IntervalStaffing(
            arrivals=0.0, agents=0, scheduled=0, service_level=1.0, occupancy=0.0
        )
    per = goal.concurrency
    if goal.patience is None:
        traffic = arrivals * handle / period
        slots, wait, level = agents_and_wait(
            traffic, goal.share, within, handle, goal.max_occupancy
        )
        occupancy, abandon = (traffic / slots if slots else 0.0), 0.0
    else:
        found = erlang_a_agents(
            arrival_rate=arrivals / period,
            handle=handle,
            patience=goal.patience.total_seconds(),
            share=goal.share,
            within=within,
            max_occupancy=goal.max_occupancy,
        )
        slots, level, occupancy = found.servers, found.service_level, found.occupancy
        wait, abandon = found.wait_probability, found.abandon_share
    agents = math.ceil(slots / per)
    return IntervalStaffing(
        arrivals=float(arrivals),
        agents=agents,
        scheduled=math.ceil(agents / (1.0 - goal.shrinkage) - 1e-9),
        service_level=level,
        occupancy=occupancy,
        wait_probability=wait,
        abandon_share=abandon,
    )


def staff_live(
    arrivals: Sequence[float],
    *,
    period: timedelta = timedelta(hours=1),
    handle_time: timedelta,
    goal: LiveGoal,
) -> tuple[IntervalStaffing, ...]:
    """Agents for each interval of ``arrivals`` (contacts per ``period``) under ``goal``.

    Examples:
        >>> from datetime import timedelta
        >>> chat = LiveGoal(within=timedelta(seconds=60), concurrency=2,
        ...                 patience=timedelta(minutes=3))
        >>> staff_live([40], handle_time=timedelta(minutes=8), goal=chat)[0].agents
        4
    """
    seconds = period.total_seconds()
    handle = handle_time.total_seconds()
    if seconds <= 0 or handle <= 0:
        raise CapacityError(
            f"period and handle time must be longer than zero, got {period} and {handle_time}"
        )
    return tuple(_one(float(count), seconds, handle, goal) for count in arrivals)
