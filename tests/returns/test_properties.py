"""Invariants of return decisions, checked with hypothesis."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from cxcore.returns import Outcome, Party, ReturnDecision
from cxcore.returns.presets import policy
from tests.returns.strategies import order_and_days, preset_codes, return_requests, store_rights

RANK = {Outcome.REJECTED: 0, Outcome.NEEDS_REVIEW: 1, Outcome.APPROVED: 2}


@settings(max_examples=120)
@given(data=st.data(), facts=order_and_days(), code=preset_codes)
def test_a_later_request_is_never_more_eligible(data: st.DataObject, facts, code: str) -> None:  # type: ignore[no-untyped-def]
    order, first, second = facts
    early = data.draw(return_requests(order, first))
    later = early.model_copy(
        update={"requested_at": early.requested_at + timedelta(second - first)}
    )
    p = policy(code)
    a = p.evaluate(early, order, at=early.requested_at)
    b = p.evaluate(later, order, at=later.requested_at)
    for line_a, line_b in zip(a.lines, b.lines, strict=True):
        assert RANK[line_b.outcome] <= RANK[line_a.outcome], (line_a.reasons, line_b.reasons)


@settings(max_examples=120)
@given(data=st.data(), facts=order_and_days(), code=preset_codes, extra=store_rights())
def test_adding_a_store_right_never_removes_a_statutory_right(  # type: ignore[no-untyped-def]
    data: st.DataObject, facts, code: str, extra
) -> None:
    order, days, _ = facts
    request = data.draw(return_requests(order, days))
    base = policy(code)
    if code == "US":
        base = base.model_copy(update={"store_rights": ()})
    more = base.with_store_right(extra)
    a = base.evaluate(request, order, at=request.requested_at)
    b = more.evaluate(request, order, at=request.requested_at)
    for line_a, line_b in zip(a.lines, b.lines, strict=True):
        assert RANK[line_b.outcome] >= RANK[line_a.outcome]
        # The statutory rights are judged exactly as before.
        assert line_b.rights[: len(line_a.rights)] == line_a.rights
        if line_a.outcome is Outcome.APPROVED:
            # A repair or replacement (Directive (EU) 2019/771 art. 13) gives no refund.
            if line_a.refund is not None:
                assert line_b.refund is not None
                assert line_b.refund.net >= line_a.refund.net
            if line_a.return_by is None:
                assert line_b.return_by is None
            elif line_b.return_by is not None:
                assert line_b.return_by >= line_a.return_by
            if line_a.refund_due_by is not None:
                assert line_b.refund_due_by is not None
                assert line_b.refund_due_by <= line_a.refund_due_by
            if line_a.return_shipping_paid_by is Party.MERCHANT:
                assert line_b.return_shipping_paid_by is Party.MERCHANT


@settings(max_examples=60)
@given(data=st.data(), facts=order_and_days(), code=preset_codes)
def test_decisions_round_trip_through_json(data: st.DataObject, facts, code: str) -> None:  # type: ignore[no-untyped-def]
    order, days, _ = facts
    request = data.draw(return_requests(order, days))
    decision = policy(code).evaluate(request, order, at=request.requested_at)
    assert ReturnDecision.model_validate_json(decision.model_dump_json()) == decision
