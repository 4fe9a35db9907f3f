"""Return times in the hour repeated when clocks go back in Europe/Warsaw (2026-10-25:
02:00-03:00 local happens twice, first at +02:00, then at +01:00): their order is the order of
instants, not of wall-clock fields."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from cxcore.errors import TimelineError
from cxcore.orders import Order
from cxcore.returns import Evidence, ReturnLine, ReturnReason, ReturnRequest
from cxcore.returns.deadlines import PeriodCounting
from cxcore.returns.presets import policy
from cxcore.returns.rules.base import RuleContext
from cxcore.returns.rules.terms import RefundClock, RefundDeadline
from cxcore.sla.calendar import BusinessCalendar
from tests.returns.strategies import WARSAW, at, line, order_of

FIRST_0240 = datetime(2026, 10, 25, 2, 40, tzinfo=WARSAW)  # 00:40 UTC
FIRST_0250 = datetime(2026, 10, 25, 2, 50, tzinfo=WARSAW)  # 00:50 UTC
SECOND_0210 = datetime(2026, 10, 25, 2, 10, fold=1, tzinfo=WARSAW)  # 01:10 UTC


def _request(requested_at: datetime, **fields: Any) -> ReturnRequest:
    return ReturnRequest(
        order_id="O-1",
        requested_at=requested_at,
        reason=ReturnReason.CHANGED_MIND,
        lines=[ReturnLine(line_id="1", quantity=1)],
        **fields,
    )


def test_goods_sent_after_the_request_in_the_repeated_hour() -> None:
    # 02:10 second pass is 20 minutes after 02:50 first pass.
    assert _request(FIRST_0250, goods_sent_at=SECOND_0210).goods_sent_at == SECOND_0210
    with pytest.raises(TimelineError, match="before the request"):
        _request(SECOND_0210, goods_sent_at=FIRST_0250)


def test_request_and_decision_times_are_ordered_by_instant() -> None:
    order = Order(id="O-1", customer_id="C-1", ordered_at=FIRST_0250, lines=(line(),))
    decision = policy("EU").evaluate(_request(SECOND_0210), order, at=SECOND_0210)
    assert decision.decided_at == SECOND_0210
    order = order.model_copy(update={"ordered_at": FIRST_0240})
    decision = policy("EU").evaluate(_request(FIRST_0250), order, at=SECOND_0210)
    assert decision.decided_at == SECOND_0210
    with pytest.raises(TimelineError, match="before order"):
        policy("EU").evaluate(
            _request(FIRST_0240),
            order.model_copy(update={"ordered_at": FIRST_0250}),
            at=SECOND_0210,
        )


def test_goods_back_clock_starts_from_the_earlier_instant() -> None:
    # Sent 00:50 UTC (23:50 on 24 October at -01:00 in Cape Verde), received 01:10 UTC
    # (00:10 on 25 October there). The earlier instant counts, whatever the wall clock says.
    order = order_of(line())
    request = _request(
        at(date(2026, 10, 24)),
        goods_sent_at=FIRST_0250,
        goods_received_at=SECOND_0210,
        evidence=frozenset({Evidence.PROOF_OF_POSTING}),  # sending counts with evidence
    )
    context = RuleContext(
        at=SECOND_0210,
        requested_on=date(2026, 10, 24),
        line=request.lines[0],
        order_line=order.lines[0],
        counting=PeriodCounting(timezone="Atlantic/Cape_Verde", extend_to_working_day=False),
        calendar=BusinessCalendar(timezone="Atlantic/Cape_Verde"),
    )
    outcome = RefundDeadline(days=14, clock=RefundClock.GOODS_BACK).evaluate(
        request, order, context
    )
    assert outcome.refund_due_by == date(2026, 11, 7)
