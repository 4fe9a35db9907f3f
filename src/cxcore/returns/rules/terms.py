"""Terms of a return: fees, who pays return shipping, when the goods must be sent and when the
refund is due.

Examples:
    >>> RefundDeadline(days=14).clock
    <RefundClock.NOTICE: 'notice'>
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field

from cxcore._model import CxModel
from cxcore._time import instant
from cxcore.money import ExactDecimal, Money
from cxcore.orders import Order, ProductCategory
from cxcore.returns.request import ReturnReason, ReturnRequest
from cxcore.returns.rules.base import Fee, Party, RuleContext, RuleOutcome, iso

__all__ = [
    "DeliveryCostRefund",
    "RefundClock",
    "RefundDeadline",
    "RestockingFee",
    "ReturnDeadline",
    "ReturnShipping",
]

_NOTHING_TO_SEND = frozenset({ProductCategory.SERVICE, ProductCategory.DIGITAL_CONTENT})


class RestockingFee(CxModel):
    """A fee of ``percent`` of the returned units' price (at least ``minimum``) for returns for
    the listed reasons. A store rule: statutory withdrawal allows no such fee.

    Examples:
        >>> RestockingFee(percent="10").reasons == {ReturnReason.CHANGED_MIND}
        True
    """

    kind: Literal["restocking_fee"] = "restocking_fee"
    percent: Annotated[ExactDecimal, Field(ge=0, le=100)]
    minimum: Money | None = None
    reasons: frozenset[ReturnReason] = frozenset({ReturnReason.CHANGED_MIND})

    def evaluate(self, request: ReturnRequest, order: Order, context: RuleContext) -> RuleOutcome:
        """``fee.restocking`` with the fee, or ``fee.none``."""
        if request.reason not in self.reasons or not self.percent:
            return RuleOutcome.passed("fee.none")
        total = context.line_total
        amount = (total * (self.percent / Decimal(100))).rounded()
        if self.minimum is not None:
            amount = max(amount, self.minimum)
        amount = min(amount, total)
        outcome = RuleOutcome.passed("fee.restocking", percent=str(self.percent), fee=amount)
        return outcome.model_copy(update={"fees": (Fee(code="restocking", amount=amount),)})


class ReturnShipping(CxModel):
    """Who pays for sending the goods back. When the consumer pays and the shop sells a return
    label, ``label_fee`` is deducted once per request.

    Examples:
        >>> ReturnShipping(paid_by="merchant").paid_by
        <Party.MERCHANT: 'merchant'>
    """

    kind: Literal["return_shipping"] = "return_shipping"
    paid_by: Party
    label_fee: Money | None = None
    reference: str | None = None

    def evaluate(self, request: ReturnRequest, order: Order, context: RuleContext) -> RuleOutcome:
        """``shipping.consumer_pays`` or ``shipping.merchant_pays``."""
        if self.paid_by is Party.MERCHANT:
            outcome = RuleOutcome.passed("shipping.merchant_pays")
        else:
            outcome = RuleOutcome.passed("shipping.consumer_pays")
            if self.label_fee is not None and context.first_line:
                outcome = outcome.model_copy(
                    update={"fees": (Fee(code="return_label", amount=self.label_fee),)}
                )
        return outcome.model_copy(update={"return_shipping_paid_by": self.paid_by}).cited(
            self.reference
        )


class ReturnDeadline(CxModel):
    """The goods must be sent back within ``days`` days of the notice (Directive 2011/83/EU
    art. 14(1): 14 days; Turkish Distance Contracts Regulation: 10 days).

    Examples:
        >>> ReturnDeadline(days=10).days
        10
    """

    kind: Literal["return_deadline"] = "return_deadline"
    days: Annotated[int, Field(gt=0, le=3650)]
    reference: str | None = None

    def evaluate(self, request: ReturnRequest, order: Order, context: RuleContext) -> RuleOutcome:
        """``return.send_by`` with ``return_by``, or ``return.nothing_to_send`` for services and
        digital content."""
        if context.order_line.category in _NOTHING_TO_SEND:
            return RuleOutcome.passed("return.nothing_to_send")
        return_by = context.days_after(request.requested_at, self.days)
        outcome = RuleOutcome.passed("return.send_by", days=self.days, return_by_on=iso(return_by))
        return outcome.model_copy(update={"return_by": return_by}).cited(self.reference)


class RefundClock(StrEnum):
    """When the refund period starts.

    Examples:
        >>> RefundClock("goods_back").value
        'goods_back'
    """

    NOTICE = "notice"
    """From the notice; the merchant may hold the refund until the goods or proof of sending
    them arrive (Directive 2011/83/EU art. 13(1) and 13(3))."""
    GOODS_BACK = "goods_back"
    """From the goods coming back or proof of sending, whichever is earlier (UK Consumer
    Contracts Regulations 2013 reg. 34(5)-(6); Turkish Distance Contracts Regulation art. 12
    as amended in 2022). Services, digital content and undelivered goods run from the notice."""
    AGREEMENT = "agreement"
    """From the day the trader agrees the consumer is entitled to a refund (UK Consumer Rights
    Act 2015 s. 20(15)); no date can be given in advance."""
    UNDUE_DELAY = "undue_delay"
    """No fixed number of days: without undue delay (Directive 2019/771 art. 16(3))."""


class RefundDeadline(CxModel):
    """When the refund is due.

    Codes: ``refund.due_by`` (with ``refund_due_by``), ``refund.after_goods_back`` (the clock
    has not started yet), ``refund.after_agreement``, ``refund.without_undue_delay``.

    Examples:
        >>> RefundDeadline(days=15, clock="notice").days
        15
    """

    kind: Literal["refund_deadline"] = "refund_deadline"
    days: Annotated[int, Field(gt=0, le=3650)] = 14
    clock: RefundClock = RefundClock.NOTICE
    reference: str | None = None

    def evaluate(self, request: ReturnRequest, order: Order, context: RuleContext) -> RuleOutcome:
        """The refund date, or why it cannot be given yet."""
        if self.clock is RefundClock.UNDUE_DELAY:
            return RuleOutcome.passed("refund.without_undue_delay").cited(self.reference)
        if self.clock is RefundClock.AGREEMENT:
            return RuleOutcome.passed("refund.after_agreement", days=self.days).cited(
                self.reference
            )
        goods = context.order_line.category not in _NOTHING_TO_SEND
        delivered = order.delivered_at_for(context.line.line_id) is not None
        if self.clock is RefundClock.GOODS_BACK and goods and delivered:
            known = [t for t in (request.goods_sent_at, request.goods_received_at) if t]
            if not known:
                outcome = RuleOutcome.passed("refund.after_goods_back", days=self.days)
                return outcome.model_copy(update={"refund_waits_for_goods": True}).cited(
                    self.reference
                )
            # The earlier instant (datetimes sharing a tzinfo compare by wall time).
            due = context.days_after(min(known, key=instant), self.days)
            hold = False
        else:
            due = context.days_after(request.requested_at, self.days)
            hold = goods and delivered
        outcome = RuleOutcome.passed(
            "refund.due_by", days=self.days, refund_due_by_on=iso(due), may_hold_for_goods=hold
        )
        return outcome.model_copy(update={"refund_due_by": due}).cited(self.reference)


class DeliveryCostRefund(CxModel):
    """The original (standard) delivery cost is refunded when the whole order comes back
    (Directive 2011/83/EU art. 13(1)-(2)).

    Examples:
        >>> DeliveryCostRefund().kind
        'delivery_cost_refund'
    """

    kind: Literal["delivery_cost_refund"] = "delivery_cost_refund"
    reference: str | None = None

    def evaluate(self, request: ReturnRequest, order: Order, context: RuleContext) -> RuleOutcome:
        """``refund.delivery_cost`` saying whether the delivery cost is refunded, or
        ``refund.no_delivery_cost`` when the order had no delivery charge."""
        if order.shipping_fee is None or not order.shipping_fee:
            return RuleOutcome.passed("refund.no_delivery_cost")
        outcome = RuleOutcome.passed("refund.delivery_cost", included=context.whole_order)
        return outcome.model_copy(update={"refunds_delivery_cost": context.whole_order}).cited(
            self.reference
        )
