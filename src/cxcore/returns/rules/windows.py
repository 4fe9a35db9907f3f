"""Time windows: a return window counted from delivery or ordering, and the legal guarantee.

Examples:
    >>> ReturnWindow(days=14).starts_from
    <WindowStart.DELIVERY: 'delivery'>
    >>> ConformityGuarantee().liability_months
    24
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Literal, Self

from pydantic import Field, model_validator

from cxcore._model import CxModel, SortedSet, WholeNumber
from cxcore._time import instant
from cxcore.errors import PolicyError
from cxcore.orders import Order, ProductCategory
from cxcore.returns.legal_dates import Deadline, DeadlineKind
from cxcore.returns.request import (
    FAULT_REASONS,
    MONEY_REMEDIES,
    ReturnReason,
    ReturnRequest,
)
from cxcore.returns.rules.base import Party, RuleContext, RuleOutcome, iso

__all__ = ["ConformityGuarantee", "ReturnWindow", "WindowStart"]

_FROM_CONTRACT = frozenset({ProductCategory.SERVICE, ProductCategory.DIGITAL_CONTENT})


class WindowStart(StrEnum):
    """The event a return window counts from.

    Examples:
        >>> WindowStart("order").value
        'order'
    """

    DELIVERY = "delivery"
    """Delivery of the last parcel of the order (Directive 2011/83/EU art. 9(2)(b)(i))."""
    LINE_DELIVERY = "line_delivery"
    """Delivery of the parcel that held this line."""
    ORDER = "order"
    """The order (conclusion of the contract)."""


class ReturnWindow(CxModel):
    """The line may be returned within ``days`` days of an event.

    Used for the statutory withdrawal period (14 days in the EU, Turkey and the UK, 7 in
    Thailand), the UK short-term right to reject (30 days, faults only) and store windows.
    Services and digital content count from the order when ``services_from_order`` is set
    (art. 9(2)(a) and (c)); goods not yet delivered may be returned before the period starts
    when ``allow_before_delivery`` is set (Directive 2011/83/EU recital 40; UK Consumer
    Contracts Regulations 2013 reg. 29(2): the period begins when the contract is entered
    into; art. 9(3), cited here before, is about performing the contract during the period).
    ``reasons`` limits the window to some
    reasons; for others it is ``not_applicable``, as it is when the consumer asks for a repair,
    a replacement or a price reduction rather than their money back.

    The notice is in time when *sent* on or before the last day (``notice_sent_at``,
    Directive 2011/83/EU art. 11(2)). ``extends_without_info`` applies art. 10: without the
    withdrawal information the period ends 12 months after the end of the initial period
    (art. 10(1)); information given within those 12 months ends it 14 days after the consumer
    received it (art. 10(2)). ``after_possession`` starts the period after the latest of
    delivery, ownership passing and installation (UK Consumer Rights Act 2015 s. 22(3)(a)-(c)).
    ``deadline`` names the [`Deadline`][cxcore.returns.legal_dates.Deadline] it reports.

    Codes: ``window.open`` (pass), ``window.before_delivery`` (pass), ``window.closed`` (fail),
    ``window.not_delivered`` (review), ``window.reason_not_covered`` and
    ``window.remedy_not_covered`` (not applicable).

    Examples:
        >>> ReturnWindow(days=0)
        Traceback (most recent call last):
        ...
        cxcore.errors.InvalidInputError: invalid ReturnWindow, 1 problem: days: ...
    """

    kind: Literal["window"] = "window"
    days: Annotated[WholeNumber, Field(gt=0, le=3650)]
    starts_from: WindowStart = WindowStart.DELIVERY
    services_from_order: bool = True
    allow_before_delivery: bool = True
    reasons: SortedSet[ReturnReason] | None = None
    reference: str | None = None
    deadline: DeadlineKind = DeadlineKind.RETURN_WINDOW_ENDS
    extends_without_info: bool = False
    after_possession: bool = False
    extension_reference: str | None = None

    def _start(
        self, order: Order, context: RuleContext, starts_from: WindowStart
    ) -> datetime | None:
        if starts_from is WindowStart.ORDER:
            return order.ordered_at
        if starts_from is WindowStart.LINE_DELIVERY:
            start = order.delivered_at_for(context.line.line_id)
        else:
            start = order.last_delivery_at
        if start is None or not self.after_possession:
            return start
        line = context.order_line
        events = [start, line.ownership_passed_at, line.installed_at]
        return max((e for e in events if e is not None), key=instant)

    def evaluate(self, request: ReturnRequest, order: Order, context: RuleContext) -> RuleOutcome:
        """Open, closed or not started yet, with the last day as ``ends_on``."""
        if self.reasons is not None and request.reason not in self.reasons:
            return RuleOutcome.not_applicable(
                "window.reason_not_covered", reason=request.reason.value
            )
        if request.remedy is not None and request.remedy not in MONEY_REMEDIES:
            return RuleOutcome.not_applicable(
                "window.remedy_not_covered", remedy=request.remedy.value
            )
        starts_from = self.starts_from
        if self.services_from_order and context.order_line.category in _FROM_CONTRACT:
            starts_from = WindowStart.ORDER
        start = self._start(order, context, starts_from)
        if start is None:
            if self.allow_before_delivery:
                outcome = RuleOutcome.passed("window.before_delivery", days=self.days)
            else:
                outcome = RuleOutcome.review("window.not_delivered", days=self.days)
            return outcome.cited(self.reference)
        event = "delivery" if starts_from is not WindowStart.ORDER else "the contract"
        deadline = context.deadline(
            self.deadline, start, self.days, event=event, source=self.reference
        )
        params: dict[str, int | str | bool] = {
            "days": self.days,
            "ends_on": iso(deadline.on),
            "starts_from": starts_from.value,
        }
        if self.extends_without_info and not order.withdrawal_info_given:
            deadline = self._extended(order, context, deadline.on)
            params["ends_on"] = iso(deadline.on)
            params["info_given"] = False
        if context.requested_on <= deadline.on:
            outcome = RuleOutcome.passed("window.open", **params)
        else:
            outcome = RuleOutcome.failed("window.closed", **params)
        return outcome.with_deadlines(deadline).cited(self.reference)

    def _extended(self, order: Order, context: RuleContext, initial_end: date) -> Deadline:
        # Directive 2011/83/EU art. 10(1): 12 months after the end of the initial period;
        # art. 10(2): information given within those 12 months ends it 14 days after the day
        # the consumer receives it.
        source = self.extension_reference or self.reference
        extended = context.deadline(
            self.deadline,
            initial_end,
            12,
            months=True,
            event="the end of the initial period, the withdrawal information not given",
            source=source,
        )
        late = order.withdrawal_info_given_late_at
        if late is not None and context.local_date(late) <= extended.on:
            return context.deadline(
                self.deadline,
                late,
                14,
                event="the day the withdrawal information was received",
                source=source,
            )
        return extended


class ConformityGuarantee(CxModel):
    """The legal guarantee: the seller answers for a lack of conformity that becomes apparent
    within ``liability_months`` of delivery (Directive 2019/771 art. 10(1): two years), and one
    that shows within ``presumption_months`` is presumed to have existed at delivery
    (art. 11: at least one year). After the presumption the consumer has to show the defect
    existed at delivery, so the claim needs review. ``liability_months=None`` means no fixed
    limit (Finland: liability follows the expected durability of the goods).

    Both periods are judged on the day the lack of conformity became apparent
    (``defect_apparent_at``, else the request). Remedies are free of charge and the seller takes
    the goods back at its own expense (art. 14(1)(a), 14(2)), so a passing outcome says the
    merchant pays return shipping. Which remedy the consumer gets is
    [`RemedyHierarchy`][cxcore.returns.rules.remedies.RemedyHierarchy]'s job.

    Codes: ``conformity.presumed`` (pass), ``conformity.burden_on_consumer`` (review),
    ``conformity.expired`` (fail), ``conformity.not_delivered`` (review),
    ``conformity.not_a_fault`` (not applicable: the reason is not a lack of conformity).

    Examples:
        >>> ConformityGuarantee(liability_months=6, presumption_months=12)
        Traceback (most recent call last):
        ...
        cxcore.errors.PolicyError: the presumption period (12 months) cannot be longer than ...
    """

    kind: Literal["conformity"] = "conformity"
    liability_months: Annotated[int, Field(gt=0, le=1200)] | None = 24
    presumption_months: Annotated[int, Field(ge=0, le=1200)] = 12
    reasons: SortedSet[ReturnReason] = FAULT_REASONS
    reference: str | None = None

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.liability_months is not None and self.presumption_months > self.liability_months:
            raise PolicyError(
                f"the presumption period ({self.presumption_months} months) cannot be longer "
                f"than the liability period ({self.liability_months} months)"
            )
        return self

    def evaluate(self, request: ReturnRequest, order: Order, context: RuleContext) -> RuleOutcome:
        """Presumed, for the consumer to prove, or expired."""
        if request.reason not in self.reasons:
            return RuleOutcome.not_applicable("conformity.not_a_fault", reason=request.reason.value)
        delivered = order.delivered_at_for(context.line.line_id)
        if delivered is None:
            return RuleOutcome.review("conformity.not_delivered").cited(self.reference)
        params: dict[str, int | str] = {}
        apparent = context.local_date(request.defect_apparent_at or request.requested_at)
        deadlines = []
        liability_ends = None
        if self.liability_months is not None:
            guarantee = context.deadline(
                DeadlineKind.GUARANTEE_ENDS,
                delivered,
                self.liability_months,
                months=True,
                event="delivery",
                source=self.reference,
            )
            deadlines.append(guarantee)
            liability_ends = guarantee.on
            params["guarantee_months"] = self.liability_months
            params["guarantee_ends_on"] = iso(liability_ends)
        if liability_ends is not None and apparent > liability_ends:
            outcome = RuleOutcome.failed("conformity.expired", **params)
            return outcome.with_deadlines(*deadlines).cited(self.reference)
        presumed = False
        if self.presumption_months:
            burden = context.deadline(
                DeadlineKind.REVERSE_BURDEN_ENDS,
                delivered,
                self.presumption_months,
                months=True,
                event="delivery",
                source=self.reference,
            )
            deadlines.append(burden)
            params["presumption_months"] = self.presumption_months
            params["presumption_ends_on"] = iso(burden.on)
            presumed = apparent <= burden.on
        if presumed:
            outcome = RuleOutcome.passed("conformity.presumed", **params)
        else:
            outcome = RuleOutcome.review("conformity.burden_on_consumer", **params)
        return (
            outcome.model_copy(update={"return_shipping_paid_by": Party.MERCHANT})
            .with_deadlines(*deadlines)
            .cited(self.reference)
        )
