"""The complaint part of a playbook: deadlines, and conditional deadlines for some complaints.

``[complaints]`` sets how fast complaints are acknowledged and how often the customer hears from
the shop; ``[[complaints.rules]]`` tighten (or loosen) that for the complaints a condition
matches, the first matching rule winning:

Examples:
    >>> plan = ComplaintPlan(calendar="office", rules=[{
    ...     "name": "marketplace damaged",
    ...     "when": {"all": [{"path": "ticket.channel", "equals": "marketplace"},
    ...                      {"any_tag": "damaged"}]},
    ...     "acknowledge_within": "1h", "business_hours": False}])
    >>> plan.rules[0].when.describe()
    "(ticket.channel equals 'marketplace') and (ticket.tags has any of ['damaged'])"
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Annotated, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    Field,
    ValidationInfo,
    model_validator,
)

from cxcore._model import CxModel, WholeNumber
from cxcore.complaints.complaint import Complaint
from cxcore.complaints.timers import ComplaintTimers, DeadlineCalendar
from cxcore.complaints.values import Recourse
from cxcore.conditions import Condition, FieldProvider, check_paths
from cxcore.errors import ConditionError, PlaybookError, PolicyError
from cxcore.orders import Order
from cxcore.sla.policy import parse_duration
from cxcore.tickets import Customer, Ticket

__all__ = ["COMPLAINT_SUBJECT", "ComplaintPlan", "ComplaintTimerRule"]


def _positive(value: timedelta | None, info: ValidationInfo) -> timedelta | None:
    if value is not None and value <= timedelta(0):
        raise PolicyError(f"{info.field_name} must be longer than zero, got {value}")
    return value


Duration = Annotated[timedelta, BeforeValidator(parse_duration), AfterValidator(_positive)]

COMPLAINT_SUBJECT: dict[str, type[BaseModel]] = {
    "ticket": Ticket,
    "customer": Customer,
    "order": Order,
    "complaint": Complaint,
}
"""The roots a complaint rule's condition may read (checked when the plan is built)."""


class ComplaintTimerRule(CxModel):
    """Deadlines for the complaints ``when`` matches; what it leaves out comes from the plan.

    Examples:
        >>> vip = {"path": "customer.segment", "equals": "vip"}
        >>> rule = ComplaintTimerRule(name="vip", when=vip, update_every="4h")
        >>> rule.acknowledge_within is None
        True
    """

    name: Annotated[str, Field(min_length=1)]
    when: Condition
    acknowledge_within: Duration | None = None
    update_every: Duration | None = None
    business_hours: bool | None = None

    @model_validator(mode="after")
    def _check(self) -> Self:
        try:
            check_paths(self.when, COMPLAINT_SUBJECT)
        except ConditionError as exc:
            raise ConditionError(f"complaint rule {self.name!r}: {exc}") from None
        return self


class ComplaintPlan(CxModel):
    """How fast complaints are acknowledged and how often the customer hears from the shop.

    ``update_every`` is the periodic-update rhythm; a playbook that leaves it out takes the SLA
    policy's ``periodic_update`` target for normal-priority email. ``recourse`` is where a
    customer can turn when a complaint closes unresolved (an ADR body). ``rules`` override the
    deadlines for the complaints their condition matches (first match wins).

    Examples:
        >>> ComplaintPlan(calendar="office", update_every="1d").update_every
        datetime.timedelta(days=1)
    """

    acknowledge_within: Duration = timedelta(hours=1)
    update_every: Duration = timedelta(days=1)
    calendar: str
    business_hours: bool = True
    max_contact_attempts: Annotated[WholeNumber, Field(ge=1)] = 3
    recourse: Recourse | None = None
    rules: tuple[ComplaintTimerRule, ...] = ()

    @model_validator(mode="after")
    def _unique_names(self) -> Self:
        names = [rule.name for rule in self.rules]
        for name in names:
            if names.count(name) > 1:
                raise PlaybookError(f"two complaint rules are named {name!r}; rename one")
        return self

    def rule_for(
        self,
        *,
        complaint: Complaint | None = None,
        ticket: Ticket | None = None,
        order: Order | None = None,
        fields: Sequence[FieldProvider] = (),
    ) -> ComplaintTimerRule | None:
        """The first rule whose condition matches, if any.

        The condition reads ``complaint``, ``ticket``, ``order`` and the customer (the
        complaint's, else the ticket's); what is not given reads as absent.
        """
        customer = complaint.customer if complaint is not None else None
        if customer is None and ticket is not None:
            customer = ticket.customer
        subject = {"complaint": complaint, "ticket": ticket, "order": order, "customer": customer}
        for rule in self.rules:
            if rule.when.matches(subject, fields=fields):
                return rule
        return None

    def timers(
        self,
        calendar: DeadlineCalendar,
        *,
        complaint: Complaint | None = None,
        ticket: Ticket | None = None,
        order: Order | None = None,
        fields: Sequence[FieldProvider] = (),
    ) -> ComplaintTimers:
        """The deadlines, with the first matching rule's overrides; business-hours deadlines
        count on ``calendar``, the others round the clock.

        Examples:
            >>> from cxcore.sla.calendar_time import CalendarTime
            >>> plan = ComplaintPlan(calendar="office", update_every="4h")
            >>> plan.timers(CalendarTime()).update_every
            datetime.timedelta(seconds=14400)
        """
        acknowledge, update, business = (
            self.acknowledge_within,
            self.update_every,
            self.business_hours,
        )
        rule = self.rule_for(complaint=complaint, ticket=ticket, order=order, fields=fields)
        if rule is not None:
            acknowledge = rule.acknowledge_within or acknowledge
            update = rule.update_every or update
            business = business if rule.business_hours is None else rule.business_hours
        if business:
            return ComplaintTimers(
                acknowledge_within=acknowledge,
                update_every=update,
                calendar=calendar,
                max_contact_attempts=self.max_contact_attempts,
            )
        return ComplaintTimers(
            acknowledge_within=acknowledge,
            update_every=update,
            max_contact_attempts=self.max_contact_attempts,
        )
