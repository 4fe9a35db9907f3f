"""Every foundation model exports a JSON Schema that accepts its own dumps."""

from __future__ import annotations

import pytest

from cxcore._model import CxModel
from cxcore.money import Money
from cxcore.orders import Order, OrderLine
from cxcore.tickets import Customer, Message, Ticket


@pytest.mark.parametrize("model", [Money, Customer, Message, Ticket, Order, OrderLine])
def test_json_schema_export(model: type[CxModel]) -> None:
    schema = model.model_json_schema()
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) <= set(schema["properties"])


def test_ticket_schema_tags_events_by_kind() -> None:
    schema = Ticket.model_json_schema()
    events = schema["properties"]["events"]["items"]
    assert events["discriminator"]["propertyName"] == "kind"
    assert set(events["discriminator"]["mapping"]) == {
        "status",
        "priority",
        "message",
        "assignment",
    }
