"""The playbook's ``[capacity]`` section: how each channel is worked, today's roster, scenarios.

``[capacity.channels.CHANNEL]`` gives the handle time, the share of contacts to answer in
time, shrinkage and, for live channels, the answer time, occupancy cap, chat concurrency and
patience; ``roster.mon`` .. ``roster.sun`` list ``[start, end, people]`` shifts in whole hours;
``rules`` names marketplace reply-rule presets the channel must also keep. The target of an
async channel is the SLA policy's first-reply target for the channel unless ``within`` says
otherwise. ``[capacity.scenarios.NAME]`` is a campaign: days and multipliers per channel.

Examples:
    >>> email = {"handle_time": "6m", "roster": {"mon": [["09:00", "17:00", 2]]}}
    >>> plan = CapacityPlan.model_validate({
    ...     "channels": {"email": email},
    ...     "scenarios": {"bf": {"name": "Black Friday", "start": "2026-11-27",
    ...                          "end": "2026-11-30", "multipliers": {"email": 2}}},
    ... })
    >>> friday = plan.scenarios["bf"].start
    >>> plan.channels["email"].roster_hours()[9], plan.scenarios["bf"].factor("email", friday)
    (2, 2.0)
"""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, model_validator

from cxcore._model import CxModel, ReadOnlyDict
from cxcore.capacity.forecast import HOURS_PER_WEEK
from cxcore.capacity.scenario import Campaign
from cxcore.errors import CapacityError
from cxcore.sla.policy import parse_duration
from cxcore.tickets import Channel

__all__ = ["WEEKDAYS", "CapacityPlan", "ChannelCapacity", "Shift"]

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
"""The day keys of a roster table, Monday first (as ``datetime.weekday()`` counts).

Examples:
    >>> WEEKDAYS[0], len(WEEKDAYS)
    ('mon', 7)
"""
_Duration = Annotated[timedelta, BeforeValidator(parse_duration)]


def _hour(text: str) -> int:
    hours, _, minutes = str(text).partition(":")
    if not (hours.isdigit() and minutes == "00" and 0 <= int(hours) <= 24):
        raise CapacityError(f"roster shifts start and end on whole hours (HH:00), got {text!r}")
    return int(hours)


def _shift(value: object) -> object:
    if isinstance(value, list | tuple) and len(value) == 3:
        start, end, people = value
        return {"start": start, "end": end, "people": people}
    return value


class Shift(CxModel):
    """``people`` working from ``start`` to ``end`` (whole hours, local wall time).

    Examples:
        >>> Shift(start="09:00", end="17:00", people=2).hours()
        range(9, 17)
    """

    start: str
    end: str
    people: Annotated[int, Field(ge=0)]

    @model_validator(mode="after")
    def _whole_hours(self) -> Shift:
        self.hours()
        return self

    def hours(self) -> range:
        """The hours of the day the shift covers."""
        first, last = _hour(self.start), _hour(self.end)
        if last <= first:
            raise CapacityError(
                f"a roster shift must end after it starts, got {self.start}-{self.end}"
            )
        return range(first, last)


class ChannelCapacity(CxModel):
    """How one channel is worked (see the module for the keys).

    Examples:
        >>> ChannelCapacity(handle_time="5m").share is None
        True
    """

    mode: Literal["live", "async"] | None = None
    handle_time: _Duration
    share: Annotated[float, Field(gt=0.0, lt=1.0)] | None = None
    within: _Duration | None = None
    shrinkage: Annotated[float, Field(ge=0.0, lt=1.0)] = 0.0
    max_occupancy: Annotated[float, Field(gt=0.0, le=1.0)] = 0.85
    concurrency: Annotated[int, Field(ge=1)] = 1
    patience: _Duration | None = None
    roster: ReadOnlyDict[
        Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
        tuple[Annotated[Shift, BeforeValidator(_shift)], ...],
    ] = Field(default_factory=dict)
    rules: tuple[str, ...] = ()

    def roster_hours(self) -> tuple[int, ...]:
        """People per hour of week (168, Monday 00:00 first); overlapping shifts add up."""
        hours = [0] * HOURS_PER_WEEK
        for day, shifts in self.roster.items():
            base = WEEKDAYS.index(day) * 24
            for shift in shifts:
                for hour in shift.hours():
                    hours[base + hour] += shift.people
        return tuple(hours)


class CapacityPlan(CxModel):
    """Per-channel capacity settings and named campaign scenarios.

    Examples:
        >>> CapacityPlan().channels
        {}
    """

    channels: ReadOnlyDict[Channel, ChannelCapacity] = Field(default_factory=dict)
    scenarios: ReadOnlyDict[str, Campaign] = Field(default_factory=dict)
