"""Invariants of the return fold: whatever events a host tries, the accepted ones rebuild the
same case, a final stage is never left, and the refund paid never exceeds the decided refund."""

from __future__ import annotations

import pickle
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cxcore.returns.lifecycle.case as case_module
from cxcore.errors import CxError
from cxcore.money import Money
from cxcore.returns import ReturnLine
from cxcore.returns.decision import Outcome
from cxcore.returns.lifecycle import (
    EVENT_ADAPTER,
    FINAL_STAGES,
    TRANSITIONS,
    ReturnCase,
    ReturnDecided,
    ReturnRequested,
    ReturnStage,
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


# -- the history grows in place (issue 17, point 6) ------------------------------------------


USED = request_for(
    ORDER, date(2026, 5, 12), lines=[ReturnLine(line_id="1", quantity=1, condition="used")]
)


def _under_review() -> ReturnCase:
    """A case whose decision needs a person's review (used goods), so it may be decided again."""
    case = ReturnCase.start(
        ReturnRequested(sequence=1, at=USED.requested_at, actor="web", return_id="R",
                        request=USED)
    )  # fmt: skip
    decision = policy("EU").evaluate(USED, ORDER, at=USED.requested_at)
    assert decision.outcome is Outcome.NEEDS_REVIEW
    return case.apply(ReturnDecided(sequence=2, at=USED.requested_at, actor="p", decision=decision))


def _redecided(case: ReturnCase, times: int) -> ReturnCase:
    """``case`` decided again ``times`` times, still for review."""
    decision = case.decision
    assert decision is not None
    for _ in range(times):
        event = ReturnDecided(
            sequence=case.next_sequence,
            at=case.events[-1].at + timedelta(minutes=1),
            actor="reviewer",
            decision=decision,
        )
        case = case.apply(event)
    return case


def test_apply_shares_the_past_and_loading_folds_each_event_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = _redecided(_under_review(), 50)
    after = _redecided(before, 1)
    assert after.events._items is before.events._items  # appended in place, not copied
    assert after.events[:-1] == before.events and before.version == 52
    checked: list[int] = []
    check_event = case_module.check_event

    def counted(case: ReturnCase, event: Any, stage: str) -> None:
        checked.append(event.sequence)
        check_event(case, event, stage)

    monkeypatch.setattr(case_module, "check_event", counted)
    loaded = ReturnCase.model_validate_json(after.model_dump_json())
    assert loaded == after and checked == list(range(2, after.version + 1))
    restored = pickle.loads(pickle.dumps(after))
    assert restored == after and restored.events == tuple(after.events)
    # A copy given a plain tuple still moves on (its history is copied once, then grows).
    plain = after.model_copy(update={"events": tuple(after.events)})
    assert _redecided(plain, 1) == _redecided(after, 1)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 20), st.booleans()), min_size=1, max_size=15))
def test_forks_of_a_return_never_see_each_others_events(moves: list[tuple[int, bool]]) -> None:
    cases = [_under_review()]
    lines = [tuple(cases[0].events)]
    for pick, cancel in moves:
        index = pick % len(cases)
        case = cases[index]
        if cancel and not case.is_final:
            moved = case.apply(
                EVENT_ADAPTER.validate_python(
                    {"kind": "cancelled", "sequence": case.next_sequence, "actor": "web",
                     "at": case.events[-1].at + timedelta(minutes=pick)}
                )
            )  # fmt: skip
        elif case.stage is ReturnStage.DECIDED:
            moved = _redecided(case, 1)
        else:
            continue
        cases.append(moved)
        lines.append((*lines[index], moved.events[-1]))
        assert [c.events for c in cases] == lines
    for case in cases:
        assert ReturnCase.replay(case.events) == case
