"""Time-based triggers: when a rule becomes due, as an instant the host can schedule.

A trigger computes ``due_at`` for a subject: the rule fires once ``now`` reaches it, and until
then ``due_at`` is the rule's contribution to ``next_run_at``. ``None`` means the trigger does
not apply now (the base time is missing, the SLA clock is paused or done, the customer replied).

Examples:
    >>> parse_trigger({"since": "ticket.created_at", "duration": "4h"}).describe()
    '4:00:00 after ticket.created_at'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, TypeAdapter, ValidationError

from cxcore._model import CxModel, translate_validation_error
from cxcore.conditions import FieldProvider, resolve
from cxcore.errors import RuleError
from cxcore.sla.clock import CalendarTime, SlaCalendar
from cxcore.sla.policy import SlaMetric, parse_duration
from cxcore.sla.report import SlaReport, SlaState
from cxcore.tickets import AuthorRole, Ticket

__all__ = ["HoursSince", "NoCustomerReply", "SlaElapsed", "Trigger", "parse_trigger"]

Duration = Annotated[timedelta, BeforeValidator(parse_duration)]
Subject = Mapping[str, object]


def _calendar(business_hours: bool, calendar: SlaCalendar | None, what: str) -> SlaCalendar:
    if not business_hours:
        return CalendarTime()
    if calendar is None:
        raise RuleError(f"{what} counts business hours; pass calendar= to evaluate_rules")
    return calendar


class HoursSince(CxModel):
    """Due ``duration`` after the time at ``since`` (a datetime field path).

    Examples:
        >>> HoursSince(since="complaint.received_at", duration="2h", business_hours=True).describe()
        '2:00:00 of business time after complaint.received_at'
    """

    after: Literal["since"] = "since"
    since: str
    duration: Duration
    business_hours: bool = False

    def due_at(
        self, subject: Subject, calendar: SlaCalendar | None, fields: Sequence[FieldProvider]
    ) -> datetime | None:
        """When the rule becomes due for ``subject``."""
        base = resolve(self.since, subject, fields)
        if base is None:
            return None
        if not isinstance(base, datetime):
            raise RuleError(f"{self.since} is a {type(base).__name__}, not a time")
        return _calendar(self.business_hours, calendar, self.describe()).add(base, self.duration)

    def describe(self) -> str:
        """The trigger in words."""
        kind = " of business time" if self.business_hours else ""
        return f"{self.duration}{kind} after {self.since}"


class SlaElapsed(CxModel):
    """Due when ``share`` of the running ``metric`` target has elapsed (0.8 = 80%).

    Reads the subject's ``sla`` report; a paused, completed or missing target is not due.

    Examples:
        >>> SlaElapsed(metric="first_reply", share=0.8).describe()
        '80% of the first_reply target elapsed'
    """

    after: Literal["sla_elapsed"] = "sla_elapsed"
    metric: SlaMetric
    share: Annotated[float, Field(gt=0)]

    def due_at(
        self, subject: Subject, calendar: SlaCalendar | None, fields: Sequence[FieldProvider]
    ) -> datetime | None:
        """When the share is reached, from the report's elapsed time and its ``at``."""
        report = subject.get("sla")
        if report is None:
            return None
        if not isinstance(report, SlaReport):
            raise RuleError(
                f"the subject's 'sla' must be an SlaReport, got {type(report).__name__}"
            )
        measurement = report.current(self.metric)
        if measurement is None or measurement.completed or measurement.paused:
            return None
        if measurement.state is SlaState.BREACHED and self.share <= 1:
            return measurement.due_at
        left = measurement.target * self.share - measurement.elapsed
        clock = _calendar(measurement.business_hours, calendar, self.describe())
        if left <= timedelta(0):
            return report.at
        return clock.add(report.at, left)

    def describe(self) -> str:
        """The trigger in words."""
        return f"{self.share:.0%} of the {self.metric.value} target elapsed"


class NoCustomerReply(CxModel):
    """Due ``duration`` after the last public agent message when the customer has not
    answered since (not due while the customer has the last word).

    Examples:
        >>> NoCustomerReply(duration="16h", business_hours=True).describe()
        'no customer reply for 16:00:00 of business time'
    """

    after: Literal["no_customer_reply"] = "no_customer_reply"
    duration: Duration
    business_hours: bool = False

    def due_at(
        self, subject: Subject, calendar: SlaCalendar | None, fields: Sequence[FieldProvider]
    ) -> datetime | None:
        """When the silence reaches ``duration``."""
        ticket = subject.get("ticket")
        if not isinstance(ticket, Ticket):
            return None
        last_agent: datetime | None = None
        for message in ticket.messages:
            if not message.public:
                continue
            if message.author_role is AuthorRole.AGENT:
                last_agent = message.at
            elif message.author_role is AuthorRole.CUSTOMER:
                last_agent = None
        if last_agent is None:
            return None
        return _calendar(self.business_hours, calendar, self.describe()).add(
            last_agent, self.duration
        )

    def describe(self) -> str:
        """The trigger in words."""
        kind = " of business time" if self.business_hours else ""
        return f"no customer reply for {self.duration}{kind}"


def _readable(data: object) -> object:
    if isinstance(data, Mapping) and "after" not in data:
        if "since" in data:
            return {"after": "since", **data}
        if "metric" in data:
            return {"after": "sla_elapsed", **data}
        if data.get("no_customer_reply") is not None:
            rest = {k: v for k, v in data.items() if k != "no_customer_reply"}
            return {"after": "no_customer_reply", "duration": data["no_customer_reply"], **rest}
    return data


Trigger = Annotated[
    HoursSince | SlaElapsed | NoCustomerReply,
    Field(discriminator="after"),
    BeforeValidator(_readable),
]
"""Any time trigger, tagged by ``after`` (or recognised by ``since``, ``metric`` or
``no_customer_reply``)."""

_ADAPTER: TypeAdapter[HoursSince | SlaElapsed | NoCustomerReply] = TypeAdapter(Trigger)


def parse_trigger(data: object) -> HoursSince | SlaElapsed | NoCustomerReply:
    """A trigger from plain data."""
    try:
        return _ADAPTER.validate_python(data)
    except ValidationError as exc:
        raise translate_validation_error(exc) from None
