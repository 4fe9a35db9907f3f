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

from cxcore._model import CxModel, SortedSet
from cxcore._time import instant
from cxcore.money import ExactDecimal, Money
from cxcore.orders import Order, ProductCategory
from cxcore.returns.legal_dates import DeadlineKind
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
    reasons: SortedSet[ReturnReason] = frozenset({ReturnReason.CHANGED_MIND})

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
    only_if_informed: bool = False
    uninformed_reference: str | None = None

    def evaluate(self, request: ReturnRequest, order: Order, context: RuleContext) -> RuleOutcome:
        """``shipping.consumer_pays``, ``shipping.merchant_pays``, or
        ``shipping.merchant_pays_not_informed`` when ``only_if_informed`` is set and the order
        says the consumer was not told they bear the cost (Directive 2011/83/EU art. 14(1))."""
        if (
            self.paid_by is Party.CONSUMER
            and self.only_if_informed
            and not order.return_cost_info_given
        ):
            outcome = RuleOutcome.passed("shipping.merchant_pays_not_informed")
            return outcome.model_copy(update={"return_shipping_paid_by": Party.MERCHANT}).cited(
                self.uninformed_reference or self.reference
            )
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
        """``return.send_by`` with ``return_by`` (counted from the day the notice was sent),
        ``return.trader_collects`` when the shop offered to collect the goods (art. 14(1)), or
        ``return.nothing_to_send`` for services and digital content."""
        if context.order_line.category in _NOTHING_TO_SEND:
            return RuleOutcome.passed("return.nothing_to_send")
        if order.trader_collects:
            return RuleOutcome.passed("return.trader_collects").cited(self.reference)
        deadline = context.deadline(
            DeadlineKind.RETURN_GOODS_BY,
            request.notice_sent,
            self.days,
            event="the notice",
            source=self.reference,
        )
        outcome = RuleOutcome.passed(
            "return.send_by", days=self.days, return_by_on=iso(deadline.on)
        ).with_deadlines(deadline)
        return outcome.model_copy(update={"return_by": deadline.on}).cited(self.reference)


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
    sending_starts_clock: bool = False

    def evaluate(self, request: ReturnRequest, order: Order, context: RuleContext) -> RuleOutcome:
        """The refund date, or why it cannot be given yet.

        Goods come back when received or when the consumer supplies evidence of sending them
        (``dispatch_proof_at``, or ``goods_sent_at`` with proof of posting). With
        ``sending_starts_clock`` handing them to the carrier is enough (Turkish Distance
        Contracts Regulation art. 12 as amended in 2022)."""
        if self.clock is RefundClock.UNDUE_DELAY:
            return RuleOutcome.passed("refund.without_undue_delay").cited(self.reference)
        if self.clock is RefundClock.AGREEMENT:
            # The decision approving the refund is the trader's agreement; the period begins
            # with that day (UK Consumer Rights Act 2015 s. 20(15)). A line that needs review
            # has no agreement yet, so the combination drops this date for it.
            due = context.deadline(
                DeadlineKind.REFUND_DUE,
                context.at,
                self.days,
                event="the trader agreeing to the refund",
                source=self.reference,
                beginning_with=True,
            )
            outcome = RuleOutcome.passed(
                "refund.due_by",
                days=self.days,
                refund_due_by_on=iso(due.on),
                may_hold_for_goods=False,
                on_agreement=True,
            ).with_deadlines(due)
            return outcome.model_copy(update={"refund_due_by": due.on}).cited(self.reference)
        goods = context.order_line.category not in _NOTHING_TO_SEND
        delivered = order.delivered_at_for(context.line.line_id) is not None
        # The goods come back, or evidence of sending them arrives: the earlier instant
        # (datetimes sharing a tzinfo compare by wall time).
        # Sending without evidence does not count (art. 13(3); UK reg. 34(5)(b)).
        known = [t for t in (request.proof_of_dispatch_at, request.goods_received_at) if t]
        if self.sending_starts_clock and request.goods_sent_at is not None:
            known.append(request.goods_sent_at)
        back = min(known, key=instant) if known else None
        # A trader who offered to collect the goods refunds from the notice (UK Consumer
        # Contracts Regulations 2013 reg. 34(5)-(6) apply only where it did not).
        waits_for_goods = goods and delivered and not order.trader_collects
        if self.clock is RefundClock.GOODS_BACK and waits_for_goods:
            if back is None:
                outcome = RuleOutcome.passed("refund.after_goods_back", days=self.days)
                return outcome.model_copy(update={"refund_waits_for_goods": True}).cited(
                    self.reference
                )
            due = context.deadline(
                DeadlineKind.REFUND_DUE,
                back,
                self.days,
                event="the goods or evidence of sending them coming back",
                source=self.reference,
            )
            hold = False
        else:
            due = context.deadline(
                DeadlineKind.REFUND_DUE,
                request.notice_received,
                self.days,
                event="the notice reaching the trader",
                source=self.reference,
            )
            hold = goods and delivered and not order.trader_collects
        outcome = RuleOutcome.passed(
            "refund.due_by", days=self.days, refund_due_by_on=iso(due.on), may_hold_for_goods=hold
        ).with_deadlines(due)
        if hold and back is not None:
            # Directive 2011/83/EU art. 13(3): until the goods are back or the consumer has
            # supplied evidence of sending them, whichever is earliest.
            outcome = outcome.with_deadlines(
                due.model_copy(
                    update={
                        "kind": DeadlineKind.WITHHOLD_REFUND_UNTIL,
                        "on": context.local_date(back),
                        "counting": "the earlier of the goods coming back and the consumer "
                        "supplying evidence of sending them",
                    }
                )
            )
        return outcome.model_copy(update={"refund_due_by": due.on}).cited(self.reference)


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
        cheapest = order.cheapest_standard_delivery
        if cheapest is not None and cheapest < order.shipping_fee:
            # Art. 13(2): the supplementary cost of a more expensive delivery is not refunded.
            outcome = RuleOutcome.passed(
                "refund.standard_delivery_cost",
                included=context.whole_order,
                refunded=cheapest,
                paid=order.shipping_fee,
            )
        else:
            outcome = RuleOutcome.passed("refund.delivery_cost", included=context.whole_order)
        return outcome.model_copy(update={"refunds_delivery_cost": context.whole_order}).cited(
            self.reference
        )
