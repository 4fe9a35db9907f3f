"""The facts the right of withdrawal turns on (Directive 2011/83/EU), each case citing its
provision. Dates: the helper order is delivered on Monday 4 May 2026 at noon (Warsaw time), so
the ordinary withdrawal period ends on Monday 18 May 2026 (art. 9(2)(b); Regulation 1182/71
art. 3(1))."""

from __future__ import annotations

from datetime import date

import pytest

from cxcore.errors import CurrencyMismatchError, InvalidInputError, TimelineError
from cxcore.money import Money
from cxcore.orders import ProductCategory
from cxcore.returns import Outcome, Party, Remedy, ReturnLine, ReturnReason
from cxcore.returns.presets import policy
from tests.returns.strategies import at, line, order_of, request_for


def decide(code: str, order, request):  # type: ignore[no-untyped-def]
    return policy(code).evaluate(request, order, at=request.requested_at)


def without_info(**update: object):  # type: ignore[no-untyped-def]
    return order_of(line()).model_copy(update={"withdrawal_info_given": False, **update})


@pytest.mark.parametrize(
    ("requested", "outcome"),
    [(date(2027, 5, 18), Outcome.APPROVED), (date(2027, 5, 19), Outcome.REJECTED)],
)
def test_art_10_1_period_runs_12_months_longer_without_withdrawal_information(
    requested: date, outcome: Outcome
) -> None:
    # Art. 10(1): 12 months from the end of the initial period (18 May 2026 -> 18 May 2027,
    # a Tuesday; Regulation 1182/71 art. 3(2)(c)).
    order = without_info()
    decision = decide("EU", order, request_for(order, requested))
    assert decision.outcome is outcome
    deadline = decision.withdrawal_deadline
    assert deadline is not None and deadline.on == date(2027, 5, 18)
    assert deadline.source == "Directive 2011/83/EU art. 10(1)-(2)"
    assert "12 months" in deadline.counting


@pytest.mark.parametrize(
    ("requested", "outcome"),
    [(date(2026, 6, 15), Outcome.APPROVED), (date(2026, 6, 16), Outcome.REJECTED)],
)
def test_art_10_2_late_information_ends_the_period_14_days_after_receipt(
    requested: date, outcome: Outcome
) -> None:
    # Art. 10(2): information received on Monday 1 June 2026 ends the period on 15 June.
    order = without_info(withdrawal_info_given_late_at=at(date(2026, 6, 1)))
    decision = decide("EU", order, request_for(order, requested))
    assert decision.outcome is outcome
    assert decision.withdrawal_deadline is not None
    assert decision.withdrawal_deadline.on == date(2026, 6, 15)


def test_uk_reg_31_extends_the_cancellation_period_too() -> None:
    # Consumer Contracts Regulations 2013 reg. 31(2): 12 months after the day the period would
    # have ended (18 May 2026 -> 18 May 2027), calendar days.
    order = without_info()
    decision = decide("UK", order, request_for(order, date(2027, 5, 18)))
    assert decision.lines[0].basis is not None
    assert decision.lines[0].basis.code == "uk.cancellation"


def test_art_11_2_notice_sent_in_time_is_in_time_even_if_received_later() -> None:
    # Art. 11(2): sent on the last day (18 May); art. 13(1): the refund period runs from the
    # day the trader is informed (received 20 May -> 3 June).
    order = order_of(line())
    request = request_for(
        order, date(2026, 5, 20), notice_sent_at=at(date(2026, 5, 18), 20),
        notice_received_at=at(date(2026, 5, 20), 9),
    )  # fmt: skip
    decision = decide("EU", order, request)
    assert decision.outcome is Outcome.APPROVED
    assert decision.refund_due is not None and decision.refund_due.on == date(2026, 6, 3)
    assert "notice reaching the trader" in decision.refund_due.counting
    assert decision.refund_due.source == "Directive 2011/83/EU art. 13(1), 13(3)"


def test_art_14_1_trader_pays_return_costs_if_consumer_was_not_told() -> None:
    # Art. 14(1) second subparagraph (and art. 6(1)(i)): the consumer bears the direct cost of
    # returning only if informed of it.
    order = order_of(line()).model_copy(update={"return_cost_info_given": False})
    decision = decide("EU", order, request_for(order, date(2026, 5, 12)))
    assert decision.return_shipping_paid_by is Party.MERCHANT
    reason = next(r for r in decision.reasons if r.code.startswith("shipping."))
    assert reason.code == "shipping.merchant_pays_not_informed"
    assert reason.legal_reference == "Directive 2011/83/EU art. 14(1)"


def test_art_13_2_only_the_cheapest_standard_delivery_is_refunded() -> None:
    # Art. 13(1)-(2): the consumer chose express delivery (30.00); the cheapest standard
    # delivery offered cost 10.00, so 10.00 of the delivery charge comes back.
    order = order_of(line(), shipping="30.00").model_copy(
        update={"cheapest_standard_delivery": Money.of("10.00", "PLN")}
    )
    decision = decide("EU", order, request_for(order, date(2026, 5, 12)))
    assert decision.delivery_refund == Money.of("10.00", "PLN")
    assert decision.refund_total == Money.of("110.00", "PLN")
    reason = next(r for r in decision.reasons if r.code == "refund.standard_delivery_cost")
    assert reason.params["refunded"] == Money.of("10.00", "PLN")


def test_art_13_3_withhold_until_the_earlier_of_goods_back_and_proof_of_dispatch() -> None:
    # Art. 13(3): proof of dispatch supplied on 18 May, goods received on 20 May: the trader
    # may withhold the refund until 18 May; it is still due 14 days after the notice (26 May).
    order = order_of(line())
    request = request_for(
        order, date(2026, 5, 12), dispatch_proof_at=at(date(2026, 5, 18)),
        goods_received_at=at(date(2026, 5, 20)),
    )  # fmt: skip
    decision = decide("EU", order, request)
    withhold = decision.withhold_refund_until
    assert withhold is not None and withhold.on == date(2026, 5, 18)
    assert withhold.source == "Directive 2011/83/EU art. 13(1), 13(3)"
    assert decision.refund_due is not None and decision.refund_due.on == date(2026, 5, 26)
    received_first = request.model_copy(update={"goods_received_at": at(date(2026, 5, 16))})
    withhold = decide("EU", order, received_first).withhold_refund_until
    assert withhold is not None and withhold.on == date(2026, 5, 16)


def test_art_13_3_no_withholding_date_before_anything_came_back() -> None:
    order = order_of(line())
    decision = decide("EU", order, request_for(order, date(2026, 5, 12)))
    # Art. 13(3): the trader may withhold the refund, but no date is known yet.
    assert decision.withhold_refund_until is None
    due = next(r for r in decision.reasons if r.code == "refund.due_by")
    assert due.params["may_hold_for_goods"] is True


def test_art_13_3_and_14_1_trader_who_collects_cannot_withhold() -> None:
    # Art. 13(3) "unless the trader has offered to collect the goods himself"; art. 14(1): the
    # consumer then has nothing to send back.
    order = order_of(line()).model_copy(update={"trader_collects": True})
    decision = decide("EU", order, request_for(order, date(2026, 5, 12)))
    assert decision.return_by is None
    assert "return.trader_collects" in [r.code for r in decision.reasons]
    due = next(r for r in decision.reasons if r.code == "refund.due_by")
    assert due.params["may_hold_for_goods"] is False
    assert not decision.refund_waits_for_goods


def test_art_16_e_slewo_mattress_with_film_removed_is_not_excluded() -> None:
    # Art. 16(e) read by CJEU C-681/17 Slewo (27 March 2019): a mattress whose protective film
    # was removed can be cleaned and sold again, so it is not excluded from withdrawal.
    mattress = order_of(line(category=ProductCategory.SEALED_HYGIENE, hygiene_cleanable=True))
    opened = [ReturnLine(line_id="1", quantity=1, condition="opened", seal_broken=True)]
    decision = decide("EU", mattress, request_for(mattress, date(2026, 5, 12), lines=opened))
    assert decision.outcome is Outcome.APPROVED
    reason = next(o for o in decision.lines[0].rights[0].outcomes if o.code.startswith("excl"))
    assert reason.code == "exclusion.hygiene_cleanable"
    assert reason.legal_reference is not None and "C-681/17" in reason.legal_reference


@pytest.mark.parametrize("cleanable", [False, None])
def test_art_16_e_unsealed_hygiene_goods_that_cannot_be_cleaned_are_excluded(
    cleanable: bool | None,
) -> None:
    # Art. 16(e): sealed goods not suitable for return for health or hygiene reasons once
    # unsealed after delivery; the reason names the condition that held.
    order = order_of(line(category=ProductCategory.SEALED_HYGIENE, hygiene_cleanable=cleanable))
    opened = [ReturnLine(line_id="1", quantity=1, seal_broken=True)]
    decision = decide("EU", order, request_for(order, date(2026, 5, 12), lines=opened))
    assert decision.outcome is Outcome.REJECTED
    reason = decision.lines[0].reasons[0]
    assert reason.code == "exclusion.unsealed_hygiene"
    assert reason.params["condition"] == "unsealed_after_delivery_not_cleanable"


def test_art_16_c_made_to_measure_goods_are_excluded_even_before_production() -> None:
    # Art. 16(c) read by CJEU C-529/19 Möbel Kraft (21 October 2020): the exception applies
    # whether or not the trader has begun making the goods, so withdrawing before delivery does
    # not help.
    order = order_of(line(category=ProductCategory.PERSONALISED), delivered=None)
    decision = decide("EU", order, request_for(order, date(2026, 4, 29)))
    assert decision.outcome is Outcome.REJECTED
    reason = decision.lines[0].reasons[0]
    assert reason.code == "exclusion.personalised"
    assert reason.params["condition"] == "made_to_specification"
    assert reason.legal_reference is not None and "C-529/19" in reason.legal_reference
    # The legal guarantee still covers such goods (Directive (EU) 2019/771 art. 10).


def test_withdrawal_deadline_carries_its_counting_rule() -> None:
    # Regulation 1182/71 art. 3: the day of delivery is not counted.
    order = order_of(line())
    deadline = decide("EU", order, request_for(order, date(2026, 5, 12))).withdrawal_deadline
    assert deadline is not None and deadline.on == date(2026, 5, 18)
    assert deadline.source == "Directive 2011/83/EU art. 9(1)-(2)"
    assert "Regulation (EEC, Euratom) No 1182/71" in deadline.counting
    uk = decide("UK", order, request_for(order, date(2026, 5, 12))).withdrawal_deadline
    assert uk is not None and "reg. 30" in uk.counting


def test_facts_are_checked_with_clear_errors() -> None:
    order = order_of(line())
    with pytest.raises(InvalidInputError, match="remedy 'repair' needs goods not in conformity"):
        request_for(order, date(2026, 5, 12), remedy=Remedy.REPAIR)
    with pytest.raises(TimelineError, match=r"notice_received_at .* is before notice_sent_at"):
        request_for(
            order, date(2026, 5, 12), notice_sent_at=at(date(2026, 5, 11)),
            notice_received_at=at(date(2026, 5, 10)),
        )  # fmt: skip
    with pytest.raises(TimelineError, match=r"notice_sent_at .* is after the request"):
        request_for(order, date(2026, 5, 12), notice_sent_at=at(date(2026, 5, 13)))
    with pytest.raises(InvalidInputError, match="set withdrawal_info_given=False"):
        type(order).model_validate(
            {**order.model_dump(), "withdrawal_info_given_late_at": at(date(2026, 6, 1))}
        )
    with pytest.raises(CurrencyMismatchError, match="cheapest standard delivery is in EUR"):
        type(order).model_validate(
            {**order.model_dump(), "cheapest_standard_delivery": Money.of(5, "EUR")}
        )
    with pytest.raises(TimelineError, match="installed at"):
        order_of(line(installed=date(2026, 4, 1)))
    withdrawal = request_for(
        order, date(2026, 5, 12), ReturnReason.DEFECTIVE, remedy=Remedy.WITHDRAWAL
    )
    assert withdrawal.remedy is Remedy.WITHDRAWAL


def test_uk_trader_who_collects_refunds_14_days_after_the_notice() -> None:
    # Consumer Contracts Regulations 2013 reg. 34(4)-(6): the clock from the goods coming back
    # applies only where the trader has not offered to collect them.
    order = order_of(line(currency="GBP"), currency="GBP").model_copy(
        update={"trader_collects": True}
    )
    decision = decide("UK", order, request_for(order, date(2026, 5, 12)))
    assert not decision.refund_waits_for_goods
    assert decision.refund_due is not None and decision.refund_due.on == date(2026, 5, 26)
