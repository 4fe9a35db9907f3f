"""Return events built from a decision and for the lifecycle."""

from __future__ import annotations

from datetime import UTC, date, datetime

from cxcore.events import ReturnRefunded, parse_event, return_decided
from cxcore.money import Money
from cxcore.orders import Order, OrderLine
from cxcore.playbook import builtin_playbook
from cxcore.returns.request import ReturnRequest


def test_a_decision_becomes_an_event_with_its_reason_codes() -> None:
    order = Order(
        id="O-1",
        customer_id="C-1",
        ordered_at=datetime(2026, 5, 1, 10, tzinfo=UTC),
        delivered_at=datetime(2026, 5, 4, 10, tzinfo=UTC),
        lines=[
            OrderLine(id="1", sku="MUG", name="Mug", unit_price=Money.of("39", "PLN"), quantity=1)
        ],
    )
    request = ReturnRequest.model_validate(
        {
            "order_id": "O-1",
            "requested_at": datetime(2026, 5, 6, tzinfo=UTC),
            "lines": [{"line_id": "1", "quantity": 1}],
            "reason": "changed_mind",
        }
    )
    decision = builtin_playbook().decide_return(request, order, datetime(2026, 5, 6, tzinfo=UTC))
    event = return_decided(decision, return_id="R-1")
    assert (event.subject, event.order_id, event.outcome) == ("R-1", "O-1", decision.outcome)
    assert event.refund_total == decision.refund_total
    assert event.reason_codes
    assert parse_event(event.model_dump_json()) == event
    assert return_decided(decision, return_id="R-1").id == event.id


def test_lifecycle_events_round_trip() -> None:
    event = ReturnRefunded(
        id="r-1",
        subject="R-1",
        at=datetime(2026, 5, 20, tzinfo=UTC),
        order_id="O-1",
        reference="PAY-7",
        amount=Money.of("39", "PLN"),
    )
    assert parse_event(event.model_dump(mode="json")) == event
    assert date(2026, 5, 20) == event.at.date()
