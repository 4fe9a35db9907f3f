"""Known-answer cases for every preset, each citing the provision it checks.

Dates: 1 May 2026 is a Friday, 4 May a Monday. Polish public holidays used below (Act of
18 January 1951 on public holidays): 4 June 2026 (Corpus Christi).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from cxcore.orders import ProductCategory
from cxcore.returns import (
    Evidence,
    ItemCondition,
    Outcome,
    Party,
    ReturnLine,
    ReturnReason,
)
from cxcore.returns.presets import jurisdiction, policy
from cxcore.sla.calendar import BusinessCalendar
from tests.returns.strategies import at, line, order_of, request_for

PL_HOLIDAYS_2026 = BusinessCalendar(
    timezone="Europe/Warsaw",
    holidays=[date(2026, 1, 1), date(2026, 1, 6), date(2026, 4, 5), date(2026, 4, 6),
              date(2026, 5, 1), date(2026, 5, 3), date(2026, 5, 24), date(2026, 6, 4),
              date(2026, 8, 15), date(2026, 11, 1), date(2026, 11, 11), date(2026, 12, 24),
              date(2026, 12, 25), date(2026, 12, 26)]
)  # fmt: skip


def decide(code: str, order, request, calendar=None):  # type: ignore[no-untyped-def]
    return policy(code).evaluate(request, order, at=request.requested_at, calendar=calendar)


# --- EU: Directive 2011/83/EU and Directive 2019/771 ------------------------------------------


@pytest.mark.parametrize(
    ("requested", "outcome"),
    [(date(2026, 5, 18), Outcome.APPROVED), (date(2026, 5, 19), Outcome.REJECTED)],
)
def test_eu_window_counts_14_days_from_delivery(requested: date, outcome: Outcome) -> None:
    # Directive 2011/83/EU art. 9(1), 9(2)(b); Regulation 1182/71 art. 3(1): delivery on Monday
    # 4 May is not counted, day 14 is Monday 18 May.
    order = order_of(line())
    decision = decide("EU", order, request_for(order, requested))
    assert decision.outcome is outcome
    reason = decision.lines[0].reasons[0]
    assert reason.params["ends_on"] == "2026-05-18"
    assert reason.code == ("window.open" if outcome is Outcome.APPROVED else "window.closed")
    assert reason.legal_reference == "Directive 2011/83/EU art. 9(1)-(2)"


def test_eu_window_ending_on_saturday_runs_to_monday() -> None:
    # Regulation 1182/71 art. 3(4): delivered Saturday 2 May, day 14 is Saturday 16 May, so the
    # period ends at the end of Monday 18 May.
    order = order_of(line(), delivered=date(2026, 5, 2))
    assert decide("EU", order, request_for(order, date(2026, 5, 18))).outcome is Outcome.APPROVED
    assert decide("EU", order, request_for(order, date(2026, 5, 19))).outcome is Outcome.REJECTED


def test_pl_window_ending_on_a_public_holiday_runs_to_the_next_working_day() -> None:
    # Polish Civil Code art. 115; Regulation 1182/71 art. 3(4): delivered Thursday 21 May 2026,
    # day 14 is Thursday 4 June (Corpus Christi), so the period ends on Friday 5 June.
    order = order_of(line(), delivered=date(2026, 5, 21))
    late = request_for(order, date(2026, 6, 5))
    assert decide("PL", order, late, PL_HOLIDAYS_2026).outcome is Outcome.APPROVED
    assert decide("PL", order, late).outcome is Outcome.REJECTED  # without the holiday
    reason = decide("PL", order, late, PL_HOLIDAYS_2026).lines[0].reasons[0]
    assert reason.params["ends_on"] == "2026-06-05"


def test_pl_window_with_the_holidays_package_calendar() -> None:
    # Same case with the public holidays of the `holidays` package (Poland, 2026).
    holidays = pytest.importorskip("holidays")
    calendar = BusinessCalendar(
        timezone="Europe/Warsaw", holidays=list(holidays.country_holidays("PL", years=2026))
    )
    order = order_of(line(), delivered=date(2026, 5, 21))
    decision = decide("PL", order, request_for(order, date(2026, 6, 5)), calendar)
    assert decision.outcome is Outcome.APPROVED


def test_window_runs_from_the_last_parcel() -> None:
    # Directive 2011/83/EU art. 9(2)(b)(i); Polish Consumer Rights Act art. 28 pkt 1 lit. a:
    # goods of one order delivered separately: the period runs from the last one (Monday 11 May).
    order = order_of(line("1"), line("2", delivered=date(2026, 5, 11)))
    request = request_for(order, date(2026, 5, 25), lines=[ReturnLine(line_id="1", quantity=1)])
    decision = decide("PL", order, request)
    assert decision.outcome is Outcome.APPROVED
    assert decision.lines[0].reasons[0].params["ends_on"] == "2026-05-25"


def test_withdrawal_before_delivery() -> None:
    # Directive 2011/83/EU art. 9(3): the consumer may withdraw before the goods arrive.
    order = order_of(line(), delivered=None)
    decision = decide("EU", order, request_for(order, date(2026, 4, 30)))
    assert decision.outcome is Outcome.APPROVED
    assert decision.lines[0].reasons[0].code == "window.before_delivery"


def test_services_count_from_the_order() -> None:
    # Directive 2011/83/EU art. 9(2)(a): for services the period runs from the contract.
    order = order_of(line(category=ProductCategory.SERVICE), ordered=date(2026, 5, 4))
    assert decide("EU", order, request_for(order, date(2026, 5, 18))).outcome is Outcome.APPROVED
    assert decide("EU", order, request_for(order, date(2026, 5, 19))).outcome is Outcome.REJECTED


@pytest.mark.parametrize(
    ("category", "flags", "code", "point"),
    [
        (ProductCategory.PERSONALISED, {}, "exclusion.personalised", "16(c)"),
        (ProductCategory.PERISHABLE, {}, "exclusion.perishable", "16(d)"),
        (ProductCategory.SEALED_HYGIENE, {"seal_broken": True}, "exclusion.unsealed_hygiene",
         "16(e)"),
        (ProductCategory.SEALED_MEDIA, {"seal_broken": True}, "exclusion.unsealed_media",
         "16(i)"),
        (ProductCategory.DIGITAL_CONTENT, {"download_started": True},
         "exclusion.download_started", "16(m)"),
        (ProductCategory.PERIODICAL, {}, "exclusion.periodical", "16(j)"),
    ],
)  # fmt: skip
def test_eu_exceptions(
    category: ProductCategory, flags: dict[str, bool], code: str, point: str
) -> None:
    # Directive 2011/83/EU art. 16: no right of withdrawal for these goods.
    order = order_of(line(category=category))
    request = request_for(
        order, date(2026, 5, 6), lines=[ReturnLine(line_id="1", quantity=1, **flags)]
    )
    decision = decide("EU", order, request)
    assert decision.outcome is Outcome.REJECTED
    reason = decision.lines[0].reasons[0]
    assert reason.code == code
    assert reason.legal_reference is not None
    assert reason.legal_reference.startswith(f"Directive 2011/83/EU art. {point}")


def test_sealed_goods_still_sealed_can_be_returned() -> None:
    # Directive 2011/83/EU art. 16(e): the exception needs the seal broken after delivery.
    order = order_of(line(category=ProductCategory.SEALED_HYGIENE))
    decision = decide("EU", order, request_for(order, date(2026, 5, 6)))
    assert decision.outcome is Outcome.APPROVED


def test_excluded_goods_keep_the_legal_guarantee() -> None:
    # Directive 2019/771 art. 10: the guarantee covers personalised goods too.
    order = order_of(line(category=ProductCategory.PERSONALISED))
    decision = decide("EU", order, request_for(order, date(2026, 5, 6), ReturnReason.DEFECTIVE))
    assert decision.outcome is Outcome.APPROVED
    assert decision.lines[0].basis is not None
    assert decision.lines[0].basis.code == "eu.conformity"


def test_used_goods_need_review_for_diminished_value() -> None:
    # Directive 2011/83/EU art. 14(2): liability for diminished value, not loss of the right.
    order = order_of(line())
    request = request_for(
        order,
        date(2026, 5, 6),
        lines=[ReturnLine(line_id="1", quantity=1, condition=ItemCondition.USED)],
    )
    decision = decide("EU", order, request)
    assert decision.outcome is Outcome.NEEDS_REVIEW
    assert decision.lines[0].reasons[0].code == "condition.diminished_value"


@pytest.mark.parametrize(
    ("code", "requested", "outcome", "reason"),
    [
        # Directive 2019/771 art. 11(1): one-year presumption (EU minimum).
        ("EU", date(2027, 3, 1), Outcome.APPROVED, "conformity.presumed"),
        ("EU", date(2027, 12, 1), Outcome.NEEDS_REVIEW, "conformity.burden_on_consumer"),
        # art. 10(1): liability for two years from delivery (4 May 2028 is a Thursday).
        ("EU", date(2028, 5, 4), Outcome.NEEDS_REVIEW, "conformity.burden_on_consumer"),
        ("EU", date(2028, 5, 5), Outcome.REJECTED, "conformity.expired"),
        # Polish Consumer Rights Act art. 43c: two-year presumption.
        ("PL", date(2027, 12, 1), Outcome.APPROVED, "conformity.presumed"),
        # Finnish Consumer Protection Act ch. 5 s. 15: one-year presumption, no fixed end.
        ("FI", date(2031, 1, 5), Outcome.NEEDS_REVIEW, "conformity.burden_on_consumer"),
        # Turkish Law No. 6502 art. 10 and 12: six-month presumption, two-year limitation.
        ("TR", date(2026, 12, 1), Outcome.NEEDS_REVIEW, "conformity.burden_on_consumer"),
        ("TR", date(2028, 5, 10), Outcome.REJECTED, "conformity.expired"),
        # UK Consumer Rights Act 2015 s. 19(14)-(15): six-month presumption.
        ("UK", date(2026, 10, 1), Outcome.APPROVED, "conformity.presumed"),
        ("UK", date(2027, 1, 4), Outcome.NEEDS_REVIEW, "conformity.burden_on_consumer"),
        # Thai Civil and Commercial Code s. 472: no presumption, always a person's judgement.
        ("TH", date(2026, 6, 1), Outcome.NEEDS_REVIEW, "conformity.burden_on_consumer"),
    ],
)
def test_defect_within_and_after_the_guarantee(
    code: str, requested: date, outcome: Outcome, reason: str
) -> None:
    order = order_of(line())
    decision = decide(code, order, request_for(order, requested, ReturnReason.DEFECTIVE))
    assert decision.outcome is outcome
    assert reason in [r.code for r in decision.lines[0].reasons]


def test_defect_claim_return_is_at_the_sellers_cost() -> None:
    # Directive 2019/771 art. 14(1)(a) and 14(2): remedies free of charge. This test used to
    # expect a full refund for a first defect claim; art. 13(2) and 13(4) put repair or
    # replacement first, so the first claim gets no refund (see tests/returns/test_remedies.py).
    order = order_of(line())
    decision = decide("EU", order, request_for(order, date(2026, 9, 1), ReturnReason.DEFECTIVE))
    assert decision.return_shipping_paid_by is Party.MERCHANT
    assert decision.lines[0].refund is None
    # After one failed repair (art. 13(4)(b)) termination refunds the full price (art. 16(3)).
    failed = request_for(order, date(2026, 9, 1), ReturnReason.DEFECTIVE).model_copy(
        update={"remedy_attempts": 1, "remedy": "termination"}
    )
    decision = decide("EU", order, failed)
    assert decision.return_shipping_paid_by is Party.MERCHANT
    assert decision.lines[0].refund is not None
    assert decision.lines[0].refund.net == decision.lines[0].refund.gross


def test_eu_refund_due_14_days_after_notice_and_delivery_costs_refunded() -> None:
    # Directive 2011/83/EU art. 13(1): within 14 days of the notice (Tuesday 12 May -> 26 May),
    # including the delivery cost when the whole order is withdrawn; art. 13(3): the trader may
    # hold the refund until the goods or proof of sending arrive; art. 14(1): goods sent back
    # within 14 days at the consumer's cost.
    order = order_of(line(price="50.00", quantity=2), shipping="15.00")
    decision = decide("EU", order, request_for(order, date(2026, 5, 12)))
    assert decision.refund_due_by == date(2026, 5, 26)
    assert decision.return_by == date(2026, 5, 26)
    assert decision.return_shipping_paid_by is Party.CONSUMER
    assert str(decision.refund_total) == "115.00 PLN"
    due = next(r for r in decision.reasons if r.code == "refund.due_by")
    assert due.params["may_hold_for_goods"] is True


def test_partial_withdrawal_does_not_refund_delivery() -> None:
    # Directive 2011/83/EU art. 13(1): delivery cost follows the whole contract.
    order = order_of(line(price="50.00", quantity=2), shipping="15.00")
    request = request_for(order, date(2026, 5, 12), lines=[ReturnLine(line_id="1", quantity=1)])
    decision = decide("EU", order, request)
    assert str(decision.refund_total) == "50.00 PLN"
    assert decision.delivery_refund is None


def test_pl_refund_deadline_over_a_holiday() -> None:
    # Polish Consumer Rights Act art. 32 ust. 1; Civil Code art. 115: notice on Thursday 21 May,
    # day 14 is Corpus Christi (4 June), so the refund is due on Friday 5 June.
    order = order_of(line(), delivered=date(2026, 5, 18))
    decision = decide("PL", order, request_for(order, date(2026, 5, 21)), PL_HOLIDAYS_2026)
    assert decision.refund_due_by == date(2026, 6, 5)


def test_fi_window_over_christmas() -> None:
    # Finnish Consumer Protection Act ch. 6 s. 14; Act 150/1930 s. 5: delivered Thursday
    # 10 December 2026, day 14 is Christmas Eve; with 24-26 December off it ends Monday 28th.
    calendar = BusinessCalendar(
        timezone="Europe/Helsinki",
        holidays=[date(2026, 12, 24), date(2026, 12, 25), date(2026, 12, 26)],
    )
    order = order_of(line(), ordered=date(2026, 12, 1), delivered=date(2026, 12, 10))
    request = request_for(order, date(2026, 12, 28))
    assert decide("FI", order, request, calendar).outcome is Outcome.APPROVED


def test_lv_window_and_exception() -> None:
    # Latvian Consumer Rights Protection Law art. 12; Cabinet Regulation No. 255 para. 22.
    order = order_of(line(category=ProductCategory.PERISHABLE), line("2"))
    decision = decide("LV", order, request_for(order, date(2026, 5, 18)))
    assert decision.outcome is Outcome.PARTIALLY_APPROVED
    assert decision.line("1").outcome is Outcome.REJECTED
    assert decision.line("2").outcome is Outcome.APPROVED


def test_tr_goods_back_within_10_days_and_refund_from_sending() -> None:
    # Turkish Distance Contracts Regulation art. 9 (14 days from delivery on Wednesday 6 May ->
    # 20 May), art. 13 (goods sent back within 10 days of the notice -> 30 May, a Saturday,
    # which is a working day in Turkey), art. 12 (refund within 14 days of handing the goods to
    # the carrier: 22 May -> 5 June).
    order = order_of(line(), delivered=date(2026, 5, 6))
    request = request_for(order, date(2026, 5, 20))
    decision = decide("TR", order, request)
    assert decision.outcome is Outcome.APPROVED
    assert decision.return_by == date(2026, 5, 30)
    assert decision.refund_due_by is None and decision.refund_waits_for_goods
    sent = request_for(order, date(2026, 5, 20), goods_sent_at=at(date(2026, 5, 22)))
    assert decide("TR", order, sent).refund_due_by == date(2026, 6, 5)


def test_tr_saturday_is_a_working_day() -> None:
    # Turkish Code of Obligations art. 93 extends only over official holidays (Sunday and
    # public holidays): delivered Saturday 2 May, the window ends Saturday 16 May.
    order = order_of(line(), delivered=date(2026, 5, 2))
    assert decide("TR", order, request_for(order, date(2026, 5, 16))).outcome is Outcome.APPROVED
    assert decide("TR", order, request_for(order, date(2026, 5, 18))).outcome is Outcome.REJECTED


def test_uk_counts_calendar_days_without_extension() -> None:
    # Consumer Contracts Regulations 2013 reg. 30(3): ends 14 days after delivery on Saturday
    # 2 May, i.e. Saturday 16 May, with no working-day extension.
    order = order_of(line(), delivered=date(2026, 5, 2))
    assert decide("UK", order, request_for(order, date(2026, 5, 16))).outcome is Outcome.APPROVED
    assert decide("UK", order, request_for(order, date(2026, 5, 18))).outcome is Outcome.REJECTED


def test_uk_refund_clock_runs_from_goods_back_or_proof_of_sending() -> None:
    # Consumer Contracts Regulations 2013 reg. 34(5): 14 days after the goods come back or the
    # consumer supplies evidence of sending them, whichever is earlier.
    order = order_of(line())
    request = request_for(order, date(2026, 5, 10))
    assert decide("UK", order, request).refund_waits_for_goods
    back = request_for(
        order,
        date(2026, 5, 10),
        goods_sent_at=at(date(2026, 5, 15)),
        goods_received_at=at(date(2026, 5, 19)),
        evidence=frozenset({Evidence.PROOF_OF_POSTING}),
    )
    assert decide("UK", order, back).refund_due_by == date(2026, 5, 29)


def test_uk_30_day_short_term_right_to_reject() -> None:
    # Consumer Rights Act 2015 s. 22(3): 30 days from delivery (4 May -> 3 June) for faulty
    # goods, after the 14-day cancellation period has ended; the trader pays for the return.
    order = order_of(line())
    decision = decide("UK", order, request_for(order, date(2026, 6, 3), ReturnReason.DEFECTIVE))
    assert decision.outcome is Outcome.APPROVED
    assert decision.lines[0].basis is not None
    assert decision.lines[0].basis.code == "uk.short_term_rejection"
    assert decision.return_shipping_paid_by is Party.MERCHANT
    later = decide("UK", order, request_for(order, date(2026, 6, 4), ReturnReason.DEFECTIVE))
    assert later.lines[0].basis is not None
    assert later.lines[0].basis.code == "uk.conformity"


def test_th_seven_day_cancellation_and_15_day_refund() -> None:
    # Thai Direct Sales and Direct Marketing Act B.E. 2545, chapter 3: cancel within 7 days of
    # receiving the goods (4 May -> 11 May); refund within 15 days of the notice (26 May).
    order = order_of(line(currency="THB"))
    decision = decide("TH", order, request_for(order, date(2026, 5, 11)))
    assert decision.outcome is Outcome.APPROVED
    assert decision.refund_due_by == date(2026, 5, 26)
    assert decide("TH", order, request_for(order, date(2026, 5, 12))).outcome is Outcome.REJECTED


def test_us_store_policy_30_days() -> None:
    # No federal right for online sales; the preset is a 30-day store policy for unused goods.
    order = order_of(line(currency="USD"))
    assert decide("US", order, request_for(order, date(2026, 6, 3))).outcome is Outcome.APPROVED
    assert decide("US", order, request_for(order, date(2026, 6, 4))).outcome is Outcome.REJECTED
    used = request_for(
        order,
        date(2026, 5, 10),
        lines=[ReturnLine(line_id="1", quantity=1, condition=ItemCondition.USED)],
    )
    assert decide("US", order, used).lines[0].reasons[0].code == "condition.not_accepted"
    final = order_of(line(currency="USD", final_sale=True))
    decision = decide("US", final, request_for(final, date(2026, 5, 10)))
    assert [r.code for r in decision.lines[0].reasons] == ["final_sale.excluded"]


def test_us_has_no_statutory_rights() -> None:
    assert jurisdiction("US").rights == ()
    assert "16 CFR Part 429" in " ".join(jurisdiction("US").sources)


@pytest.mark.parametrize("code", ["EU", "PL", "LV", "FI", "TR", "UK", "TH", "US"])
def test_every_preset_cites_its_sources(code: str) -> None:
    juris = jurisdiction(code)
    assert juris.sources and juris.scope
    for right in juris.rights:
        assert right.basis.statutory and right.basis.citation


@pytest.mark.parametrize("code", ["EU", "PL", "LV", "FI", "TR", "UK", "TH", "US"])
def test_default_calendar_is_the_jurisdictions_weekend_without_holidays(code: str) -> None:
    juris = jurisdiction(code)
    calendar = juris.default_calendar()
    assert calendar.timezone == juris.counting.timezone
    assert calendar is juris.default_calendar()  # built once
    days = [date(2026, 3, 23) + timedelta(days=n) for n in range(14)]  # over the DST change
    assert [calendar.is_working_day(day) for day in days] == [
        day.weekday() not in juris.weekend for day in days
    ]


def test_business_calendar_counts_polish_holidays() -> None:
    # The SLA BusinessCalendar satisfies the WorkingDays protocol; with Polish public holidays
    # (Corpus Christi, 4 June 2026) the period of Polish Civil Code art. 115 ends on 5 June.
    pytest.importorskip("holidays")
    from cxcore.returns import WorkingDays
    from cxcore.sla.calendar import BusinessCalendar

    calendar = BusinessCalendar.for_country("PL")
    assert isinstance(calendar, WorkingDays)
    order = order_of(line(), delivered=date(2026, 5, 21))
    decision = decide("PL", order, request_for(order, date(2026, 6, 5)), calendar)
    assert decision.outcome is Outcome.APPROVED
    assert decision.lines[0].reasons[0].params["ends_on"] == "2026-06-05"
    # 11 November 2026 (Independence Day) is a Wednesday: a refund due that day moves to the 12th.
    notice = order_of(line(), ordered=date(2026, 10, 20), delivered=date(2026, 10, 26))
    decision = decide("PL", notice, request_for(notice, date(2026, 10, 28)), calendar)
    assert decision.refund_due_by == date(2026, 11, 12)
