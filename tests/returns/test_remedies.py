"""Remedies for goods not in conformity in their legal order, each case citing its provision.

Dates: the helper order is delivered on Monday 4 May 2026 at noon (Warsaw time).
"""

from __future__ import annotations

from datetime import date

from cxcore.money import Money
from cxcore.responses import builtin_catalog
from cxcore.returns import Outcome, Party, Remedy, ReturnReason
from cxcore.returns.presets import policy
from tests.returns.strategies import at, line, order_of, request_for


def decide(code: str, order, request):  # type: ignore[no-untyped-def]
    return policy(code).evaluate(request, order, at=request.requested_at)


def gbp_order(**kwargs):  # type: ignore[no-untyped-def]
    return order_of(line(price="50.00", currency="GBP", **kwargs), currency="GBP")


def test_uk_day_31_faulty_item_gets_repair_or_replacement_not_a_refund() -> None:
    # Consumer Rights Act 2015 s. 22(3): the short-term right to reject lasts 30 days
    # beginning with the first day after delivery (5 May -> 3 June). On day 31 (4 June) the
    # consumer's remedy is repair or replacement (s. 23); a refund needs the final right to
    # reject after one failed repair or replacement (s. 24(5)(a)).
    order = gbp_order()
    decision = decide("UK", order, request_for(order, date(2026, 6, 4), ReturnReason.DEFECTIVE))
    line_decision = decision.lines[0]
    assert decision.outcome is Outcome.APPROVED
    assert line_decision.basis is not None and line_decision.basis.code == "uk.conformity"
    assert line_decision.remedy is Remedy.REPAIR_OR_REPLACEMENT
    assert line_decision.refund is None
    assert decision.refund_total == Money.zero("GBP")
    assert decision.provisional_refund_total is None
    assert decision.return_shipping_paid_by is Party.MERCHANT  # s. 23(2)(a): free of charge
    codes = [r.code for r in line_decision.reasons]
    assert "remedy.repair_or_replacement" in codes
    text = decision.explain(builtin_catalog(), "en", order=order).text
    assert "refund" not in text.split("\n\n")[1].lower()
    assert "£50.00" not in text
    assert "repair" in text.lower()


def test_uk_day_31_asking_for_money_gets_repair_first() -> None:
    # CRA s. 24(5): the final right to reject needs a repair or replacement first.
    order = gbp_order()
    request = request_for(
        order, date(2026, 6, 4), ReturnReason.DEFECTIVE, remedy=Remedy.TERMINATION
    )
    decision = decide("UK", order, request)
    assert decision.lines[0].refund is None
    assert decision.lines[0].remedy is Remedy.REPAIR_OR_REPLACEMENT
    first = next(r for r in decision.reasons if r.code == "remedy.repair_or_replacement_first")
    assert first.legal_reference == "Consumer Rights Act 2015 s. 23"


def test_uk_day_30_faulty_item_may_be_rejected_for_a_full_refund() -> None:
    # CRA s. 22(3): day 30 is 3 June; s. 20(15): refund within 14 days beginning with the day
    # the trader agrees (the decision on 3 June), so by 16 June.
    order = gbp_order()
    decision = decide("UK", order, request_for(order, date(2026, 6, 3), ReturnReason.DEFECTIVE))
    assert decision.lines[0].basis is not None
    assert decision.lines[0].basis.code == "uk.short_term_rejection"
    assert decision.lines[0].remedy is Remedy.SHORT_TERM_REJECTION
    assert decision.refund_total == Money.of("50.00", "GBP")
    assert decision.refund_due is not None
    assert decision.refund_due.on == date(2026, 6, 16)
    assert "beginning with the day" in decision.refund_due.counting
    assert decision.refund_due.source == "Consumer Rights Act 2015 s. 20(15)"
    ends = decision.deadline("short_term_rejection_ends")
    assert ends is not None and ends.on == date(2026, 6, 3)


def test_uk_short_term_right_starts_after_installation() -> None:
    # CRA s. 22(3)(c): the 30 days begin after the trader said installation was done (10 May), so
    # they run to 9 June.
    order = gbp_order(installed=date(2026, 5, 10))
    decision = decide("UK", order, request_for(order, date(2026, 6, 9), ReturnReason.DEFECTIVE))
    assert decision.lines[0].basis is not None
    assert decision.lines[0].basis.code == "uk.short_term_rejection"
    ends = decision.deadline("short_term_rejection_ends")
    assert ends is not None and ends.on == date(2026, 6, 9)


def test_uk_consumer_asking_for_repair_within_30_days_gets_a_repair() -> None:
    # CRA s. 23(2): the consumer may require repair or replacement; no refund is forced on them.
    order = gbp_order()
    request = request_for(order, date(2026, 5, 10), ReturnReason.DEFECTIVE, remedy=Remedy.REPAIR)
    decision = decide("UK", order, request)
    assert decision.lines[0].remedy is Remedy.REPAIR
    assert decision.lines[0].refund is None


def test_uk_final_rejection_within_six_months_has_no_deduction() -> None:
    # CRA s. 24(5)(a) after one repair; s. 24(10)-(11): no deduction for use in the first
    # 6 months (beginning with 5 May 2026, so to 4 November 2026).
    order = gbp_order()
    request = request_for(
        order, date(2026, 11, 4), ReturnReason.DEFECTIVE, remedy_attempts=1,
        remedy=Remedy.TERMINATION,
    )  # fmt: skip
    decision = decide("UK", order, request)
    assert decision.outcome is Outcome.APPROVED
    assert decision.lines[0].remedy is Remedy.TERMINATION
    assert decision.refund_total == Money.of("50.00", "GBP")
    free = decision.deadline("no_deduction_for_use_ends")
    assert free is not None and free.on == date(2026, 11, 4)


def test_uk_final_rejection_after_six_months_is_provisional_pending_deduction() -> None:
    # CRA s. 24(8): the refund may be reduced for the use had; the amount needs a person, so
    # the total is shown as provisional (not 0) and no refund date runs before agreement.
    order = gbp_order()
    request = request_for(
        order, date(2026, 11, 5), ReturnReason.DEFECTIVE, remedy_attempts=1,
        remedy=Remedy.TERMINATION,
    )  # fmt: skip
    decision = decide("UK", order, request)
    assert decision.outcome is Outcome.NEEDS_REVIEW
    # CRA s. 19(14)-(15): after six months the consumer shows the fault was there at delivery.
    codes = [r.code for r in decision.lines[0].reasons]
    assert codes[:2] == ["conformity.burden_on_consumer", "remedy.deduction_for_use"]
    refund = decision.lines[0].refund
    assert refund is not None and refund.provisional
    assert decision.refund_total == Money.zero("GBP")
    assert decision.provisional_refund_total == Money.of("50.00", "GBP")
    assert decision.refund_due is None


def test_eu_first_defect_claim_gets_repair_or_replacement() -> None:
    # Directive (EU) 2019/771 art. 13(2): repair or replacement first; art. 13(4) lists when a
    # price reduction or termination is available.
    order = order_of(line())
    decision = decide("EU", order, request_for(order, date(2026, 9, 1), ReturnReason.DEFECTIVE))
    assert decision.lines[0].remedy is Remedy.REPAIR_OR_REPLACEMENT
    assert decision.lines[0].remedies == (Remedy.REPAIR, Remedy.REPLACEMENT)
    assert decision.refund_total == Money.zero("PLN")


def test_eu_serious_defect_allows_immediate_termination() -> None:
    # Directive (EU) 2019/771 art. 13(4)(c): serious lack of conformity; art. 16(1) termination.
    order = order_of(line())
    request = request_for(
        order, date(2026, 9, 1), ReturnReason.DEFECTIVE, serious_defect=True,
        remedy=Remedy.TERMINATION,
    )  # fmt: skip
    decision = decide("EU", order, request)
    assert decision.lines[0].remedy is Remedy.TERMINATION
    assert decision.refund_total == Money.of("100.00", "PLN")
    assert Remedy.PRICE_REDUCTION in decision.lines[0].remedies


def test_eu_price_reduction_after_failed_repair_needs_review_without_a_made_up_amount() -> None:
    # Directive (EU) 2019/771 art. 13(4)(b) and art. 15: the reduction is proportionate to the
    # decrease in value, which a person assesses.
    order = order_of(line())
    request = request_for(
        order, date(2026, 9, 1), ReturnReason.DEFECTIVE, remedy_attempts=1,
        remedy=Remedy.PRICE_REDUCTION,
    )  # fmt: skip
    decision = decide("EU", order, request)
    assert decision.outcome is Outcome.NEEDS_REVIEW
    assert decision.lines[0].remedy is Remedy.PRICE_REDUCTION
    assert decision.lines[0].refund is None


def test_pl_first_defect_claim_cites_the_polish_act() -> None:
    # Polish Consumer Rights Act art. 43d: repair or replacement first.
    order = order_of(line())
    decision = decide("PL", order, request_for(order, date(2026, 9, 1), ReturnReason.DEFECTIVE))
    reason = next(r for r in decision.reasons if r.code == "remedy.repair_or_replacement")
    assert reason.legal_reference == "Polish Consumer Rights Act of 30 May 2014 art. 43d"


def test_tr_consumer_chooses_the_remedy_freely() -> None:
    # Turkish Law No. 6502 art. 11(1): the consumer may choose to withdraw from the contract.
    order = order_of(line(currency="TRY"), currency="TRY")
    decision = decide("TR", order, request_for(order, date(2026, 6, 1), ReturnReason.DEFECTIVE))
    assert decision.lines[0].remedy is Remedy.TERMINATION
    assert decision.refund_total == Money.of("100.00", "TRY")


def test_defect_apparent_date_decides_the_presumption() -> None:
    # Directive (EU) 2019/771 art. 11(1): a defect that *becomes apparent* within a year of
    # delivery (4 May 2027) is presumed to have existed, even if claimed later.
    order = order_of(line())
    request = request_for(
        order, date(2027, 6, 1), ReturnReason.DEFECTIVE, defect_apparent_at=at(date(2027, 4, 1))
    )
    decision = decide("EU", order, request)
    assert "conformity.presumed" in [r.code for r in decision.reasons]
    burden = decision.reverse_burden_ends
    assert burden is not None and burden.on == date(2027, 5, 4)
    guarantee = decision.guarantee_ends
    assert guarantee is not None and guarantee.on == date(2028, 5, 4)
    assert guarantee.source == "Directive (EU) 2019/771 art. 10(1), 11(1)"
    assert "12 months" in burden.counting and "1182/71" in burden.counting


def test_provisional_refund_is_shown_to_the_customer_not_zero() -> None:
    # CRA s. 24(8): the deduction needs a person, so the letter states the provisional refund.
    order = gbp_order()
    request = request_for(
        order, date(2026, 11, 5), ReturnReason.DEFECTIVE, remedy_attempts=1,
        remedy=Remedy.TERMINATION,
    )  # fmt: skip
    decision = decide("UK", order, request)
    for locale in ("en", "pl", "lv", "fi", "tr", "th"):
        opening = decision.explain(builtin_catalog(), locale, order=order).opening
        assert "50" in opening, locale
        assert "{" not in opening
