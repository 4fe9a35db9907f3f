"""What an SLA measures and how long it may take: metrics, targets and the statuses that count.

Examples:
    >>> SlaTarget(metric="first_reply", duration="4h").thresholds
    (0.75, 1.0)
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import timedelta
from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import BeforeValidator, model_validator

from cxcore._model import CxModel
from cxcore.errors import PolicyError
from cxcore.sla._duration import parse_duration
from cxcore.tickets import TicketStatus

__all__ = ["DEFAULT_COUNTS_IN", "LIVE_STATUSES", "SlaMetric", "SlaTarget", "parse_duration"]


class SlaMetric(StrEnum):
    """What an SLA target measures.

    ``first_reply``: creation to the first public agent reply. ``next_reply`` (recurring): the
    oldest unanswered public customer message to the next public agent reply. ``periodic_update``
    (recurring): from one public agent update to the next while the ticket is open.
    ``resolution``: creation to solved; a reopened ticket resumes it. ``requester_wait`` and
    ``agent_work`` measure the same span as ``resolution`` but count different statuses by
    default (see `DEFAULT_COUNTS_IN`).

    Examples:
        >>> SlaMetric("next_reply").recurring
        True
    """

    FIRST_REPLY = "first_reply"
    NEXT_REPLY = "next_reply"
    PERIODIC_UPDATE = "periodic_update"
    RESOLUTION = "resolution"
    REQUESTER_WAIT = "requester_wait"
    AGENT_WORK = "agent_work"

    @property
    def recurring(self) -> bool:
        """True for metrics that start again after each completion (next reply, updates)."""
        return self in (SlaMetric.NEXT_REPLY, SlaMetric.PERIODIC_UPDATE)

    @property
    def is_reply(self) -> bool:
        """True for the metrics a public agent reply completes (what a customer waits for)."""
        return self in (SlaMetric.FIRST_REPLY, SlaMetric.NEXT_REPLY)


LIVE_STATUSES = (TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING, TicketStatus.ON_HOLD)
"""The statuses a metric's clock may count in (``solved`` and ``closed`` end measurements)."""
_TEAM = (TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.ON_HOLD)

DEFAULT_COUNTS_IN: Mapping[SlaMetric, tuple[TicketStatus, ...]] = {
    SlaMetric.FIRST_REPLY: _TEAM,
    SlaMetric.NEXT_REPLY: _TEAM,
    SlaMetric.PERIODIC_UPDATE: _TEAM,
    SlaMetric.RESOLUTION: _TEAM,
    SlaMetric.REQUESTER_WAIT: _TEAM,
    SlaMetric.AGENT_WORK: (TicketStatus.NEW, TicketStatus.OPEN),
}
"""The statuses in which each metric's clock runs; in any other status it is paused.

``pending`` (waiting on the customer) pauses every clock the team is measured by; the requester
wait counts ``new``, ``open`` and ``on_hold``; agent work counts ``new`` and ``open`` only.
``solved`` and ``closed`` end a measurement rather than pause it (a reopened ticket resumes
``resolution``, ``requester_wait`` and ``agent_work``).

Examples:
    >>> DEFAULT_COUNTS_IN[SlaMetric.AGENT_WORK]
    (<TicketStatus.NEW: 'new'>, <TicketStatus.OPEN: 'open'>)
"""

Duration = Annotated[timedelta, BeforeValidator(parse_duration)]

_HANDWRITTEN_DAYS = re.compile(r"^(?!\s*-?P)(?=.*\d\s*[dw])", re.IGNORECASE)


class SlaTarget(CxModel):
    """How long one metric may take, in business or calendar time, and its alert thresholds.

    ``warn_at`` is the share of the target at which a warning is due (0 < warn_at < 1);
    ``escalate_at`` lists further shares past the breach (each > 1, increasing) at which to
    escalate again. The thresholds, in order, are ``(warn_at, 1.0, *escalate_at)``. With
    ``business_hours=False`` the target runs in calendar time (every second counts).

    Examples:
        >>> target = SlaTarget(metric="first_reply", duration="4h", escalate_at=[1.5, 2])
        >>> target.thresholds
        (0.75, 1.0, 1.5, 2.0)
        >>> SlaTarget(metric="first_reply", duration="0m")
        Traceback (most recent call last):
        ...
        cxcore.errors.PolicyError: first_reply target must be longer than zero, got 0:00:00
    """

    metric: SlaMetric
    duration: Duration
    business_hours: bool = True
    warn_at: float = 0.75
    escalate_at: tuple[float, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _refuse_business_days(cls, data: Any) -> Any:
        # "3d" of business time is 72 open hours (nine 8-hour working days), never what the
        # writer meant; business targets are written in hours and minutes.
        if isinstance(data, dict) and data.get("business_hours", True):
            text = data.get("duration")
            # ISO 8601 ("P3D") is how a dumped policy writes any length; only the short
            # hand-written forms are refused.
            if isinstance(text, str) and _HANDWRITTEN_DAYS.match(text):
                raise PolicyError(
                    f"{data.get('metric', 'target')}: {text!r} in business time would count "
                    "24 open hours a day; write business targets in hours (e.g. '24h' for "
                    "three 8-hour working days) or set business_hours = false"
                )
        return data

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.duration <= timedelta(0):
            raise PolicyError(
                f"{self.metric.value} target must be longer than zero, got {self.duration}"
            )
        if not (math.isfinite(self.warn_at) and 0 < self.warn_at < 1):
            raise PolicyError(
                f"{self.metric.value}: warn_at must be a share between 0 and 1 (e.g. 0.75), "
                f"got {self.warn_at}"
            )
        previous = 1.0
        for share in self.escalate_at:
            if not (math.isfinite(share) and share > previous):
                raise PolicyError(
                    f"{self.metric.value}: escalate_at must be increasing shares above 1 "
                    f"(e.g. [1.5, 2.0]), got {list(self.escalate_at)}"
                )
            previous = share
        return self

    @property
    def thresholds(self) -> tuple[float, ...]:
        """Every threshold as a share of the target: warning, breach, then escalations."""
        return (self.warn_at, 1.0, *self.escalate_at)


def _targets_from_mapping(data: Any) -> Any:
    """Accept ``targets = {first_reply = "1h", resolution = {duration = "8h"}}`` as well."""
    if isinstance(data, Mapping) and isinstance(data.get("targets"), Mapping):
        targets = []
        for metric, spec in data["targets"].items():
            if isinstance(spec, Mapping):
                targets.append({"metric": metric, **spec})
            else:
                targets.append({"metric": metric, "duration": spec})
        return {**data, "targets": targets}
    return data
