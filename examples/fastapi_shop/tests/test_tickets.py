"""Tickets over HTTP: opening, messages, statuses, SLA status and canned replies."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient

from cxcore import ManualClock

from .conftest import ANNA, JANIS, warsaw


def open_ticket(client: TestClient, **fields: Any) -> dict[str, Any]:
    body = {"customer": ANNA, "channel": "email", "subject": "Paczka", "message": "Gdzie?"}
    body.update(fields)
    response = client.post("/tickets", json=body)
    assert response.status_code == 201, response.text
    return dict(response.json())


def measurement(sla: dict[str, Any], metric: str) -> dict[str, Any]:
    found = [m for m in sla["measurements"] if m["metric"] == metric]
    return dict(found[-1])


def test_open_ticket_with_first_message(client: TestClient) -> None:
    ticket = open_ticket(client)
    assert ticket["id"].startswith("T-")
    assert (ticket["status"], ticket["locale"], ticket["version"]) == ("new", "pl-PL", 1)
    assert ticket["messages"][0]["author_role"] == "customer"
    assert datetime.fromisoformat(ticket["created_at"]) == warsaw(2026, 5, 4, 14, 30)
    assert client.get(f"/tickets/{ticket['id']}").json() == ticket


def test_first_reply_due_counts_business_hours(client: TestClient) -> None:
    # Opened Monday 14:30, desk open 08:00-16:00: 1.5 h left on Monday, 2.5 h on Tuesday.
    ticket = open_ticket(client)
    sla = client.get(f"/tickets/{ticket['id']}/sla").json()
    first = measurement(sla, "first_reply")
    assert first["state"] == "active"
    assert datetime.fromisoformat(first["due_at"]) == warsaw(2026, 5, 5, 10, 30)
    assert datetime.fromisoformat(sla["expected_reply_by"]) == warsaw(2026, 5, 5, 10, 30)
    assert sla["promise"] == "Odpowiemy jutro do 10:30."
    assert sla["rule"] == "default"


def test_public_holiday_is_skipped(client: TestClient, clock: ManualClock) -> None:
    # Corpus Christi (Boże Ciało) is Thursday 4 June 2026, a public holiday in Poland:
    # Wednesday 15:00 + 4 business hours = 1 h on Wednesday, none on Thursday, 3 h on Friday.
    clock.set(warsaw(2026, 6, 3, 15, 0))
    ticket = open_ticket(client)
    first = measurement(client.get(f"/tickets/{ticket['id']}/sla").json(), "first_reply")
    assert datetime.fromisoformat(first["due_at"]) == warsaw(2026, 6, 5, 11, 0)


def test_agent_reply_achieves_first_reply(client: TestClient, clock: ManualClock) -> None:
    ticket = open_ticket(client)
    clock.advance(timedelta(minutes=20))
    response = client.post(
        f"/tickets/{ticket['id']}/messages",
        json={"author_role": "agent", "author_id": "agent-7", "body": "Sprawdzamy."},
    )
    assert response.status_code == 201
    assert response.json()["version"] == 2
    sla = client.get(f"/tickets/{ticket['id']}/sla").json()
    first = measurement(sla, "first_reply")
    assert first["state"] == "achieved"
    assert first["elapsed_seconds"] == 20 * 60
    assert sla["expected_reply_by"] is None
    assert sla["promise"] is None


def test_pending_pauses_and_breach_is_reported(client: TestClient, clock: ManualClock) -> None:
    ticket = open_ticket(client)
    url = f"/tickets/{ticket['id']}"
    client.post(f"{url}/status", json={"status": "pending", "actor": "agent-7"})
    clock.advance(timedelta(days=1))
    paused = measurement(client.get(f"{url}/sla").json(), "first_reply")
    assert paused["state"] == "paused"
    assert paused["elapsed_seconds"] == 0
    client.post(f"{url}/status", json={"status": "open", "actor": "agent-7"})
    clock.advance(timedelta(days=1))  # Wednesday 14:30: 1.5 h on Tuesday + 6.5 h today
    late = measurement(client.get(f"{url}/sla").json(), "first_reply")
    assert late["state"] == "breached"
    assert (late["elapsed_seconds"], late["breached_by_seconds"]) == (8 * 3600, 4 * 3600)


def test_urgent_priority_retargets(client: TestClient) -> None:
    ticket = open_ticket(client)
    client.post(f"/tickets/{ticket['id']}/priority", json={"priority": "urgent"})
    sla = client.get(f"/tickets/{ticket['id']}/sla").json()
    assert sla["rule"] == "urgent"
    due = datetime.fromisoformat(measurement(sla, "first_reply")["due_at"])
    assert due == warsaw(2026, 5, 4, 15, 30)


def test_acknowledgement_in_the_customers_language(client: TestClient) -> None:
    ticket = open_ticket(client)
    response = client.post(f"/tickets/{ticket['id']}/replies", json={"key": "ticket.acknowledged"})
    assert response.status_code == 200, response.text
    reply = response.json()
    assert (reply["locale"], reply["variant"]) == ("pl", "email")
    assert ticket["id"] in reply["text"]
    assert "5 maja 2026, godz. 10:30" in reply["text"]
    assert reply["html"].startswith("<p>")


def test_chat_reply_for_a_latvian_customer(client: TestClient) -> None:
    ticket = open_ticket(client, customer=JANIS, channel="live_chat", message="Sveiki")
    response = client.post(
        f"/tickets/{ticket['id']}/replies",
        json={"key": "order.delayed", "values": {"order_id": "O-9", "new_date": "2026-05-08"}},
    )
    reply = response.json()
    assert (reply["locale"], reply["variant"], reply["html"]) == ("lv", "chat", None)
    assert "O-9" in reply["text"]
    assert "2026" in reply["text"]


def test_errors_map_to_http(client: TestClient) -> None:
    assert client.get("/tickets/T-NOPE").status_code == 404
    ticket = open_ticket(client)
    bad_reply = client.post(
        f"/tickets/{ticket['id']}/messages",
        json={"author_role": "agent", "body": "Re", "in_reply_to": "no-such-message"},
    )
    assert bad_reply.status_code == 422
    assert bad_reply.json()["error"] == "TimelineError"
    missing = client.post(f"/tickets/{ticket['id']}/replies", json={"key": "order.delayed"})
    assert missing.status_code == 422
    assert client.post("/tickets", json={"customer": ANNA, "channel": "fax"}).status_code == 422
