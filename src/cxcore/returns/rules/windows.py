"""Time windows: a return window counted from delivery or ordering, and the legal guarantee.

>>> ReturnWindow(days=14).starts_from
<WindowStart.DELIVERY: 'delivery'>
>>> ConformityGuarantee().liability_months
24
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Literal, Self

from pydantic import Field, model_validator

from cxcore._model import CxModel, WholeNumber
from cxcore.errors import PolicyError
from cxcore.orders import Order, ProductCategory
from cxcore.returns.request import FAULT_REASONS, ReturnReason, ReturnRequest
from cxcore.returns.rules.base import Party, RuleContext, RuleOutcome, iso

__all__ = ["ConformityGuarantee", "ReturnWindow", "WindowStart"]

_FROM_CONTRACT = frozenset({ProductCategory.SERVICE, ProductCategory.DIGITAL_CONTENT})


class WindowStart(StrEnum):
    """The event a return window counts from.

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
    when ``allow_before_delivery`` is set (art. 9(3)). ``reasons`` limits the window to some
    reasons; for others it is ``not_applicable``.

    Codes: ``window.open`` (pass), ``window.before_delivery`` (pass), ``window.closed`` (fail),
    ``window.not_delivered`` (review), ``window.reason_not_covered`` (not applicable).

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
    reasons: frozenset[ReturnReason] | None = None
    reference: str | None = None

    def evaluate(self, request: ReturnRequest, order: Order, context: RuleContext) -> RuleOutcome:
        """Open, closed or not started yet, with the last day as ``ends_on``."""
        if self.reasons is not None and request.reason not in self.reasons:
            return RuleOutcome.not_applicable(
                "window.reason_not_covered", reason=request.reason.value
            )
        starts_from = self.starts_from
        if self.services_from_order and context.order_line.category in _FROM_CONTRACT:
            starts_from = WindowStart.ORDER
        start: datetime | None
        if starts_from is WindowStart.ORDER:
            start = order.ordered_at
        elif starts_from is WindowStart.LINE_DELIVERY:
            start = order.delivered_at_for(context.line.line_id)
        else:
            start = order.last_delivery_at
        if start is None:
            if self.allow_before_delivery:
                outcome = RuleOutcome.passed("window.before_delivery", days=self.days)
            else:
                outcome = RuleOutcome.review("window.not_delivered", days=self.days)
            return outcome.cited(self.reference)
        ends_on = context.days_after(start, self.days)
        params: dict[str, int | str] = {
            "days": self.days,
            "ends_on": iso(ends_on),
            "starts_from": starts_from.value,
        }
        if context.requested_on <= ends_on:
            return RuleOutcome.passed("window.open", **params).cited(self.reference)
        return RuleOutcome.failed("window.closed", **params).cited(self.reference)


class ConformityGuarantee(CxModel):
    """The legal guarantee: the seller answers for a lack of conformity that becomes apparent
    within ``liability_months`` of delivery (Directive 2019/771 art. 10(1): two years), and one
    that shows within ``presumption_months`` is presumed to have existed at delivery
    (art. 11: at least one year). After the presumption the consumer has to show the defect
    existed at delivery, so the claim needs review. ``liability_months=None`` means no fixed
    limit (Finland: liability follows the expected durability of the goods).

    Remedies are free of charge and the seller takes the goods back at its own expense
    (art. 14(1)(a), 14(2)), so a passing outcome says the merchant pays return shipping.

    Codes: ``conformity.presumed`` (pass), ``conformity.burden_on_consumer`` (review),
    ``conformity.expired`` (fail), ``conformity.not_delivered`` (review),
    ``conformity.not_a_fault`` (not applicable: the reason is not a lack of conformity).

    >>> ConformityGuarantee(liability_months=6, presumption_months=12)
    Traceback (most recent call last):
    ...
    cxcore.errors.PolicyError: the presumption period (12 months) cannot be longer than ...
    """

    kind: Literal["conformity"] = "conformity"
    liability_months: Annotated[int, Field(gt=0, le=1200)] | None = 24
    presumption_months: Annotated[int, Field(ge=0, le=1200)] = 12
    reasons: frozenset[ReturnReason] = FAULT_REASONS
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
        liability_ends = None
        if self.liability_months is not None:
            liability_ends = context.months_after(delivered, self.liability_months)
            params["guarantee_months"] = self.liability_months
            params["guarantee_ends_on"] = iso(liability_ends)
        if liability_ends is not None and context.requested_on > liability_ends:
            return RuleOutcome.failed("conformity.expired", **params).cited(self.reference)
        if self.presumption_months:
            presumption_ends = context.months_after(delivered, self.presumption_months)
            params["presumption_months"] = self.presumption_months
            params["presumption_ends_on"] = iso(presumption_ends)
            if context.requested_on <= presumption_ends:
                outcome = RuleOutcome.passed("conformity.presumed", **params)
                return outcome.model_copy(update={"return_shipping_paid_by": Party.MERCHANT}).cited(
                    self.reference
                )
        outcome = RuleOutcome.review("conformity.burden_on_consumer", **params)
        return outcome.model_copy(update={"return_shipping_paid_by": Party.MERCHANT}).cited(
            self.reference
        )
