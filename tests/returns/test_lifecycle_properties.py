"""Invariants of the return fold: whatever events a host tries, the accepted ones rebuild the
same case, a final stage is never left, and the refund paid never exceeds the decided refund."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from cxcore.errors import CxError
from cxcore.money import Money
from cxcore.returns.lifecycle import (
    EVENT_ADAPTER,
    FINAL_STAGES,
    TRANSITIONS,
    ReturnCase,
    ReturnDecided,
    ReturnRequested,
)
from cxcore.returns.presets import policy
from tests.returns.strategies import at, line, order_of, request_for

ORDER = order_of(line(price="80.00"))
REQUEST = request_for(ORDER, date(2026, 5, 12))

ATTEMPTS: list[dict[str, Any]] = [
    {"kind": "authorised", "rma": "R-1", "return_shipping_paid_by": "consumer"},
    {"kind": "authorised", "rma": "R-2", "return_shipping_paid_by": "merchant"},
    {"kind": "cancelled"},
    {"kind": "goods_dispatched", "proof_of_dispatch": True},
    {"kind": "goods_dispatched"},
    {"kind": "goods_received"},
    {"kind": "inspected", "lines": [{"line_id": "1", "condition": "opened"}]},
    {"kind": "inspected", "lines": [{"line_id": "1", "condition": "used",
                                     "deduction": {"amount": "5.00", "currency": "PLN"}}]},
    {"kind": "refunded", "amount": {"amount": "80.00", "currency": "PLN"}},
    {"kind": "refunded", "amount": {"amount": "75.00", "currency": "PLN"}},
    {"kind": "store_credit", "amount": {"amount": "80.00", "currency": "PLN"}},
    {"kind": "store_credit", "amount": {"amount": "80.00", "currency": "PLN"},
     "consumer_chose": True},
    {"kind": "exchanged", "sku": "X"},
    {"kind": "rejected", "reason": "inspection.not_our_item"},
]  # fmt: skip


def _start() -> ReturnCase:
    case = ReturnCase.start(
        ReturnRequested(sequence=1, at=REQUEST.requested_at, actor="web", return_id="R",
                        request=REQUEST)
    )  # fmt: skip
    decision = policy("PL").evaluate(REQUEST, ORDER, at=REQUEST.requested_at)
    return case.apply(
        ReturnDecided(sequence=2, at=REQUEST.requested_at, actor="p", decision=decision)
    )


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(range(len(ATTEMPTS))), max_size=12))
def test_accepted_events_replay_to_the_same_case(choices: list[int]) -> None:
    case = _start()
    when = at(date(2026, 5, 12))
    for index in choices:
        when = when + timedelta(hours=5)
        data = {**ATTEMPTS[index], "sequence": case.next_sequence, "at": when, "actor": "a"}
        event = EVENT_ADAPTER.validate_python(data)
        before = case.stage
        try:
            case = case.apply(event)
        except CxError:
            continue
        assert before not in FINAL_STAGES
        assert (before, event.kind) in TRANSITIONS
        assert case.stage is TRANSITIONS[(before, event.kind)]
    assert ReturnCase.replay(case.events) == case
    assert ReturnCase.model_validate_json(case.model_dump_json()) == case
    settled = case.settled
    if settled is not None and settled.kind == "refunded":
        assert case.refund_expected is not None
        assert settled.amount == case.refund_expected <= Money.of("80.00", "PLN")
