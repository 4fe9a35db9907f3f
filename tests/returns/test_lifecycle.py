"""The return lifecycle: a fold over events with optimistic concurrency, statutory refund
timers and guards that follow the law. Dates: the helper order is delivered on Monday
4 May 2026; the customer withdraws on Tuesday 12 May."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from cxcore.errors import (
    InvalidInputError,
    InvalidTransitionError,
    SequenceConflictError,
    TimelineError,
)
from cxcore.money import Money
from cxcore.orders import Order
from cxcore.returns import ItemCondition, Party, ReturnLine, ReturnReason, ReturnRequest
from cxcore.returns.lifecycle import (
    EVENT_ADAPTER,
    ExchangeIssued,
    GoodsDispatched,
    GoodsReceived,
    InspectedLine,
    RefundIssued,
    ReturnActionKind,
    ReturnAuthorised,
    ReturnCancelled,
    ReturnCase,
    ReturnDecided,
    ReturnInspected,
    ReturnRejected,
    ReturnRequested,
    ReturnStage,
    StoreCreditIssued,
    next_actions,
)
from cxcore.returns.presets import policy
from tests.returns.strategies import at, line, order_of, request_for


def started(code: str, order: Order, request: ReturnRequest) -> ReturnCase:
    case = ReturnCase.start(
        ReturnRequested(
            sequence=1, at=request.requested_at, actor="web", return_id="R-1", request=request
        )
    )
    decision = policy(code).evaluate(request, order, at=request.requested_at)
    return case.apply(
        ReturnDecided(sequence=2, at=request.requested_at, actor="policy", decision=decision)
    )


def withdrawal(code: str = "EU", currency: str = "PLN"):  # type: ignore[no-untyped-def]
    order = order_of(line(currency=currency), currency=currency)
    return order, started(code, order, request_for(order, date(2026, 5, 12)))


def step(case: ReturnCase, event_type, day: date, **fields):  # type: ignore[no-untyped-def]
    return case.apply(event_type(sequence=case.next_sequence, at=at(day), actor="agent", **fields))


def test_eu_withdrawal_from_request_to_refund() -> None:
    # Directive 2011/83/EU art. 13(1): refund within 14 days of the notice (12 May -> 26 May);
    # art. 13(3): withheld at most until the proof of dispatch (15 May); art. 14(2): a deduction
    # for diminished value, with its amount, after inspection.
    order, case = withdrawal()
    eu = policy("EU")
    actions = next_actions(case, at=at(date(2026, 5, 12)), policy=eu, order=order)
    assert [a.action for a in actions] == [ReturnActionKind.REFUND, ReturnActionKind.AUTHORISE]
    assert actions[0].due_on == date(2026, 5, 26)
    assert actions[0].source == "Directive 2011/83/EU art. 13(1), 13(3)"
    assert actions[0].may_withhold_until is None
    case = step(
        case, ReturnAuthorised, date(2026, 5, 12), rma="RMA-1", carrier="InPost",
        return_shipping_paid_by=Party.CONSUMER,
    )  # fmt: skip
    case = step(case, GoodsDispatched, date(2026, 5, 15), proof_of_dispatch=True)
    refund = next_actions(case, at=at(date(2026, 5, 16)), policy=eu, order=order)[0]
    assert refund.may_withhold_until == date(2026, 5, 15)
    assert refund.due_on == date(2026, 5, 26) and not refund.late
    case = step(case, GoodsReceived, date(2026, 5, 18))
    assert [a.action for a in next_actions(case, at=at(date(2026, 5, 18)))] == [
        ReturnActionKind.REFUND,
        ReturnActionKind.INSPECT,
    ]
    used = InspectedLine(line_id="1", condition="used", deduction=Money.of("10.00", "PLN"))
    case = step(case, ReturnInspected, date(2026, 5, 19), lines=(used,))
    assert case.refund_expected == Money.of("90.00", "PLN")
    late = next_actions(case, at=at(date(2026, 5, 27)), policy=eu, order=order)[0]
    assert late.action is ReturnActionKind.REFUND and late.late
    case = step(case, RefundIssued, date(2026, 5, 20), amount=Money.of("90.00", "PLN"))
    assert case.stage is ReturnStage.REFUNDED and case.is_final
    assert next_actions(case, at=at(date(2026, 5, 20))) == ()
    # The history stores as JSON and rebuilds the same case.
    stored = [EVENT_ADAPTER.validate_json(e.model_dump_json()) for e in case.events]
    assert ReturnCase.replay(stored) == case


def test_uk_refund_timer_starts_when_the_goods_come_back() -> None:
    # Consumer Contracts Regulations 2013 reg. 34(5)-(6): 14 days after the goods are received
    # (19 May -> 2 June), calendar days.
    order, case = withdrawal("UK", "GBP")
    uk = policy("UK")
    first = next_actions(case, at=at(date(2026, 5, 12)), policy=uk, order=order)
    assert [a.action for a in first] == [ReturnActionKind.AUTHORISE]
    case = step(
        case, ReturnAuthorised, date(2026, 5, 12), rma="R", return_shipping_paid_by="consumer"
    )
    case = step(case, GoodsDispatched, date(2026, 5, 16))
    case = step(case, GoodsReceived, date(2026, 5, 19))
    refund = next_actions(case, at=at(date(2026, 5, 19)), policy=uk, order=order)[0]
    assert refund.action is ReturnActionKind.REFUND
    # Sent on 16 May without evidence of sending, so the clock runs from receipt (reg. 34(5)).
    assert refund.due_on == date(2026, 6, 2)
    assert "beginning" not in refund.source


def test_optimistic_concurrency_and_time_order() -> None:
    _, case = withdrawal()
    with pytest.raises(SequenceConflictError, match="expected sequence 3, got 2"):
        case.apply(ReturnCancelled(sequence=2, at=at(date(2026, 5, 13)), actor="web"))
    with pytest.raises(TimelineError, match="is earlier than event 2"):
        case.apply(ReturnCancelled(sequence=3, at=at(date(2026, 5, 11)), actor="web"))
    with pytest.raises(InvalidTransitionError, match="already exists"):
        case.apply(case.events[0])  # type: ignore[arg-type]


def test_cancellation_only_before_dispatch() -> None:
    _, case = withdrawal()
    assert step(case, ReturnCancelled, date(2026, 5, 13)).stage is ReturnStage.CANCELLED
    authorised = step(
        case, ReturnAuthorised, date(2026, 5, 12), rma="R", return_shipping_paid_by="consumer"
    )
    sent = step(authorised, GoodsDispatched, date(2026, 5, 13))
    with pytest.raises(InvalidTransitionError, match="'cancelled' is not possible in stage"):
        step(sent, ReturnCancelled, date(2026, 5, 14))


def test_store_credit_or_exchange_only_as_the_consumers_choice_where_the_law_refunds() -> None:
    # Directive 2011/83/EU art. 13(1): the refund uses the same means of payment unless the
    # consumer expressly agreed otherwise.
    _, case = withdrawal()
    credit = {"amount": Money.of("100.00", "PLN")}
    with pytest.raises(InvalidTransitionError, match="needs the consumer's own choice"):
        step(case, StoreCreditIssued, date(2026, 5, 13), **credit)
    with pytest.raises(InvalidTransitionError, match="needs the consumer's own choice"):
        step(case, ExchangeIssued, date(2026, 5, 13), sku="MUG-2")
    chosen = step(case, StoreCreditIssued, date(2026, 5, 13), consumer_chose=True, **credit)
    assert chosen.stage is ReturnStage.STORE_CREDIT


def test_uk_repair_or_replacement_can_be_exchanged_without_a_refund_choice() -> None:
    # Consumer Rights Act 2015 s. 23: day 31 gives repair or replacement, so a replacement is
    # the remedy itself, not a substitute for a refund.
    order = order_of(line(currency="GBP"), currency="GBP")
    case = started("UK", order, request_for(order, date(2026, 6, 4), ReturnReason.DEFECTIVE))
    assert case.decision is not None and case.decision.refund_total == Money.zero("GBP")
    case = step(case, ExchangeIssued, date(2026, 6, 5), sku="SKU-1")
    assert case.stage is ReturnStage.EXCHANGED


def test_guards_refuse_what_the_decision_does_not_allow() -> None:
    order = order_of(line(), ordered=date(2026, 3, 25), delivered=date(2026, 4, 1))
    late = started("EU", order, request_for(order, date(2026, 5, 12)))
    assert late.decision is not None and late.decision.outcome.value == "rejected"
    with pytest.raises(InvalidTransitionError, match="needs an approved"):
        step(late, ReturnAuthorised, date(2026, 5, 12), rma="R", return_shipping_paid_by="consumer")
    assert step(late, ReturnRejected, date(2026, 5, 12), reason="window.closed").is_final
    with pytest.raises(InvalidTransitionError, match="already decided"):
        step(late, ReturnDecided, date(2026, 5, 12), decision=late.decision)
    _, case = withdrawal()
    with pytest.raises(InvalidTransitionError, match="not rejected"):
        step(case, ReturnRejected, date(2026, 5, 12), reason="changed_our_mind")
    with pytest.raises(InvalidTransitionError, match=r"refund due is 100\.00 PLN"):
        step(case, RefundIssued, date(2026, 5, 13), amount=Money.of("50.00", "PLN"))
    faulty = order_of(line())
    claim = started("EU", faulty, request_for(faulty, date(2026, 6, 1), ReturnReason.DEFECTIVE))
    # Directive (EU) 2019/771 art. 14(1)(a): remedies free of charge, so the shop pays.
    with pytest.raises(InvalidTransitionError, match="the shop pays"):
        step(claim, ReturnAuthorised, date(2026, 6, 1), rma="R", return_shipping_paid_by="consumer")


def test_inspection_checks_lines_and_deductions() -> None:
    _, case = withdrawal()
    case = step(
        case, ReturnAuthorised, date(2026, 5, 12), rma="R", return_shipping_paid_by="consumer"
    )
    case = step(case, GoodsReceived, date(2026, 5, 14))
    with pytest.raises(InvalidTransitionError, match="line '9' is not in the request"):
        step(
            case,
            ReturnInspected,
            date(2026, 5, 15),
            lines=(InspectedLine(line_id="9", condition="used"),),
        )
    too_much = InspectedLine(line_id="1", condition="damaged", deduction=Money.of("500", "PLN"))
    with pytest.raises(InvalidTransitionError, match="more than the line's refund"):
        step(case, ReturnInspected, date(2026, 5, 15), lines=(too_much,))
    with pytest.raises(InvalidInputError, match=r"art\. 14"):
        InspectedLine(line_id="1", condition="opened", deduction=Money.of("5", "PLN"))
    inspected = step(
        case,
        ReturnInspected,
        date(2026, 5, 15),
        lines=(InspectedLine(line_id="1", condition="opened"),),
    )
    assert inspected.refund_expected == Money.of("100.00", "PLN")
    assert ReturnRejected(
        sequence=5, at=at(date(2026, 5, 16)), actor="a", reason="inspection.not_our_item"
    )
    assert step(
        inspected, ReturnRejected, date(2026, 5, 16), reason="inspection.not_our_item"
    ).is_final


def test_a_reviewed_decision_may_be_replaced() -> None:
    order = order_of(line())
    lines = [ReturnLine(line_id="1", quantity=1, condition=ItemCondition.USED)]
    used = request_for(order, date(2026, 5, 12), lines=lines)
    case = started("EU", order, used)
    assert case.decision is not None and case.decision.outcome.value == "needs_review"
    assert [a.action for a in next_actions(case, at=used.requested_at)][
        -1
    ] is ReturnActionKind.REVIEW
    again = policy("EU").evaluate(used, order, at=used.requested_at + timedelta(hours=1))
    case = case.apply(
        ReturnDecided(
            sequence=3, at=used.requested_at + timedelta(hours=1), actor="lead", decision=again
        )
    )
    assert case.version == 3


def test_replay_needs_a_requested_event_first() -> None:
    with pytest.raises(InvalidTransitionError, match="starts with a 'requested' event"):
        ReturnCase.replay(
            [
                GoodsReceived(
                    sequence=1,
                    at=datetime(2026, 5, 1, tzinfo=at(date(2026, 5, 1)).tzinfo),
                    actor="x",
                )
            ]
        )


def test_a_case_round_trips_through_json_and_exports_a_schema() -> None:
    _, case = withdrawal()
    case = step(
        case, ReturnAuthorised, date(2026, 5, 12), rma="R", return_shipping_paid_by="consumer"
    )
    case = step(case, GoodsReceived, date(2026, 5, 14))
    case = step(case, RefundIssued, date(2026, 5, 15), amount=Money.of("100.00", "PLN"))
    assert ReturnCase.model_validate_json(case.model_dump_json()) == case
    assert "properties" in ReturnCase.model_json_schema()
    tampered = case.model_dump(mode="json") | {"stage": "cancelled"}
    with pytest.raises(InvalidInputError, match="field 'stage' does not match its events"):
        ReturnCase.model_validate(tampered)
