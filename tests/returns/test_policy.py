"""Policy composition: store rights on top of the statutory tier, custom rules, validation."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

import pytest

from cxcore._model import CxModel
from cxcore.errors import InvalidInputError, PolicyError, TimelineError
from cxcore.orders import Order
from cxcore.returns import (
    BasisKind,
    Evidence,
    LegalBasis,
    Outcome,
    Party,
    ReturnDecision,
    ReturnLine,
    ReturnPolicy,
    ReturnReason,
    ReturnRequest,
    ReturnRight,
    RuleContext,
    RuleOutcome,
)
from cxcore.returns.presets import jurisdiction, policy, store_right
from cxcore.returns.rules import (
    EvidenceRequirement,
    PartialReturns,
    ProofOfPurchase,
    ReturnWindow,
)
from tests.returns.strategies import at, line, order_of, request_for


class FlashSaleRule(CxModel):
    """No returns of items bought in a flash sale more than ``days`` days after the order."""

    kind: Literal["flash_sale"] = "flash_sale"
    skus: frozenset[str]
    days: int = 7

    def evaluate(self, request: ReturnRequest, order: Order, context: RuleContext) -> RuleOutcome:
        if context.order_line.sku not in self.skus:
            return RuleOutcome.passed("flash_sale.not_flash_sale")
        ends = context.days_after(order.ordered_at, self.days)
        if context.requested_on <= ends:
            return RuleOutcome.passed("flash_sale.open", ends_on=ends.isoformat())
        return RuleOutcome.failed("flash_sale.closed", days=self.days, ends_on=ends.isoformat())


def flash_policy(code: str) -> ReturnPolicy:
    right = store_right(days=30)
    right = ReturnRight(basis=right.basis, rules=(*right.rules, FlashSaleRule(skus={"FLASH"})))
    return ReturnPolicy(jurisdiction=jurisdiction(code), store_rights=(right,))


def test_flash_sale_rule_limits_the_store_policy_only() -> None:
    order = order_of(line(sku="FLASH", currency="USD"), ordered=date(2026, 5, 1))
    us = flash_policy("US")
    ok = request_for(order, date(2026, 5, 8))
    late = request_for(order, date(2026, 5, 11))
    assert us.evaluate(ok, order, at=ok.requested_at).outcome is Outcome.APPROVED
    rejected = us.evaluate(late, order, at=late.requested_at)
    assert rejected.outcome is Outcome.REJECTED
    assert rejected.lines[0].reasons[0].code == "flash_sale.closed"
    # In the EU the same store rule cannot take away the 14-day right of withdrawal.
    eu = flash_policy("EU").evaluate(late, order, at=late.requested_at)
    assert eu.outcome is Outcome.APPROVED
    assert eu.lines[0].basis is not None and eu.lines[0].basis.code == "eu.withdrawal"


def test_store_right_extends_the_window_and_is_named_as_basis() -> None:
    order = order_of(line())
    extended = policy("PL").with_store_right(store_right(days=30, free_return_shipping=True))
    day_20 = request_for(order, date(2026, 5, 24))
    decision = extended.evaluate(day_20, order, at=day_20.requested_at)
    assert decision.outcome is Outcome.APPROVED
    assert decision.lines[0].basis is not None
    assert decision.lines[0].basis.code == "store.returns"
    assert not decision.lines[0].basis.statutory
    assert policy("PL").evaluate(day_20, order, at=day_20.requested_at).outcome is Outcome.REJECTED


def test_statutory_basis_preferred_and_store_terms_added() -> None:
    # Within 14 days both rights apply: the decision names the statutory basis, and the store's
    # free return shipping still applies.
    order = order_of(line())
    extended = policy("PL").with_store_right(store_right(days=30, free_return_shipping=True))
    day_5 = request_for(order, date(2026, 5, 9))
    decision = extended.evaluate(day_5, order, at=day_5.requested_at)
    line_decision = decision.lines[0]
    assert line_decision.basis is not None and line_decision.basis.code == "pl.withdrawal"
    assert line_decision.return_shipping_paid_by is Party.MERCHANT
    assert "shipping.merchant_pays" in [r.code for r in line_decision.reasons]


def test_restocking_fee_never_applies_under_withdrawal() -> None:
    order = order_of(line(price="200.00"))
    extended = policy("EU").with_store_right(store_right(days=60, restocking_percent="10"))
    day_5 = request_for(order, date(2026, 5, 9))
    within = extended.evaluate(day_5, order, at=day_5.requested_at)
    assert str(within.refund_total) == "200.00 PLN"
    day_40 = request_for(order, date(2026, 6, 13))
    later = extended.evaluate(day_40, order, at=day_40.requested_at)
    assert later.lines[0].refund is not None
    assert [f.code for f in later.lines[0].refund.fees] == ["restocking"]
    assert str(later.refund_total) == "180.00 PLN"


def test_store_rights_cannot_be_statutory_or_reuse_codes() -> None:
    statutory = LegalBasis(code="x.y", kind=BasisKind.WITHDRAWAL, title="x", statutory=True)
    with pytest.raises(PolicyError, match="claims a statutory basis"):
        ReturnPolicy(
            jurisdiction=jurisdiction("EU"),
            store_rights=[ReturnRight(basis=statutory, rules=())],
        )
    dup = LegalBasis(code="eu.withdrawal", kind=BasisKind.STORE_POLICY, title="x")
    with pytest.raises(PolicyError, match="used twice"):
        ReturnPolicy(
            jurisdiction=jurisdiction("EU"), store_rights=[ReturnRight(basis=dup, rules=())]
        )


def test_jurisdiction_rejects_non_statutory_rights() -> None:
    basis = LegalBasis(code="store.x", kind=BasisKind.STORE_POLICY, title="x")
    with pytest.raises(PolicyError, match="not statutory"):
        jurisdiction("EU").model_copy().model_validate(
            {**jurisdiction("EU").model_dump(), "rights": [ReturnRight(basis=basis, rules=())]}
        )


def test_partial_returns_and_proof_and_evidence() -> None:
    basis = LegalBasis(code="store.strict", kind=BasisKind.STORE_POLICY, title="Strict")
    rules = (
        ReturnWindow(days=30),
        PartialReturns(whole_line_skus={"SET"}),
        ProofOfPurchase(),
        EvidenceRequirement(required={ReturnReason.DAMAGED_IN_TRANSIT: {Evidence.PHOTOS}}),
    )
    strict = ReturnPolicy(
        jurisdiction=jurisdiction("US"), store_rights=[ReturnRight(basis=basis, rules=rules)]
    )
    order = order_of(line(sku="SET", quantity=3, currency="USD"), line("2", currency="USD"))
    part = request_for(order, date(2026, 5, 10), lines=[ReturnLine(line_id="1", quantity=1)])
    assert strict.evaluate(part, order, at=part.requested_at).lines[0].reasons[0].code == (
        "partial.whole_line_required"
    )
    stranger = part.model_copy(
        update={"customer_id": "C-9", "lines": (ReturnLine(line_id="2", quantity=1),)}
    )
    assert strict.evaluate(stranger, order, at=stranger.requested_at).outcome is (
        Outcome.NEEDS_REVIEW
    )
    with_receipt = stranger.model_copy(update={"evidence": frozenset({Evidence.RECEIPT})})
    assert strict.evaluate(with_receipt, order, at=stranger.requested_at).outcome is (
        Outcome.APPROVED
    )
    damaged = with_receipt.model_copy(update={"reason": ReturnReason.DAMAGED_IN_TRANSIT})
    review = strict.evaluate(damaged, order, at=damaged.requested_at)
    assert review.outcome is Outcome.NEEDS_REVIEW
    assert review.lines[0].reasons[0].params["missing"] == "photos"


def test_no_basis_applies() -> None:
    basis = LegalBasis(code="store.faults", kind=BasisKind.STORE_POLICY, title="Faults only")
    only_faults = ReturnRight(
        basis=basis, rules=(ReturnWindow(days=30, reasons={ReturnReason.DEFECTIVE}),)
    )
    p = ReturnPolicy(jurisdiction=jurisdiction("US"), store_rights=[only_faults])
    order = order_of(line(currency="USD"))
    request = request_for(order, date(2026, 5, 10))
    decision = p.evaluate(request, order, at=request.requested_at)
    assert decision.outcome is Outcome.REJECTED
    assert [r.code for r in decision.reasons] == ["basis.none"]


def test_request_must_match_the_order() -> None:
    order = order_of(line(quantity=2))
    p = policy("EU")
    wrong_order = request_for(order, date(2026, 5, 6)).model_copy(update={"order_id": "O-2"})
    with pytest.raises(InvalidInputError, match="not 'O-1'"):
        p.evaluate(wrong_order, order, at=wrong_order.requested_at)
    too_many = request_for(order, date(2026, 5, 6), lines=[ReturnLine(line_id="1", quantity=3)])
    with pytest.raises(InvalidInputError, match="cannot return 3 units"):
        p.evaluate(too_many, order, at=too_many.requested_at)
    unknown = request_for(order, date(2026, 5, 6), lines=[ReturnLine(line_id="9", quantity=1)])
    with pytest.raises(InvalidInputError, match="no line '9'"):
        p.evaluate(unknown, order, at=unknown.requested_at)
    request = request_for(order, date(2026, 5, 6))
    with pytest.raises(TimelineError):
        p.evaluate(request, order, at=request.requested_at - timedelta(hours=1))
    early = request_for(order, date(2026, 4, 1))
    with pytest.raises(TimelineError):
        p.evaluate(early, order, at=early.requested_at)


def test_goods_sent_before_the_request_is_refused() -> None:
    with pytest.raises(TimelineError):
        ReturnRequest(
            order_id="O-1",
            requested_at=at(date(2026, 5, 6)),
            reason=ReturnReason.OTHER,
            lines=[ReturnLine(line_id="1", quantity=1)],
            goods_sent_at=at(date(2026, 5, 5)),
        )


def test_decision_json_round_trip_and_schema() -> None:
    order = order_of(line(), line("2", category="personalised"), shipping="9.99")
    extended = policy("PL").with_store_right(store_right(restocking_percent="5"))
    request = request_for(order, date(2026, 5, 20))
    decision = extended.evaluate(request, order, at=request.requested_at)
    again = ReturnDecision.model_validate_json(decision.model_dump_json())
    assert again == decision
    schema = ReturnDecision.model_json_schema()
    assert schema["additionalProperties"] is False
    assert decision.bases and decision.decided_at == request.requested_at
