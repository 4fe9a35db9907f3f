"""Metrics over HTTP: volumes, business-time timing, SLA attainment and complaint reasons."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient

from cxcore import ManualClock

from .conftest import ANNA, JANIS


def test_metrics_of_a_small_day(client: TestClient, clock: ManualClock) -> None:
    answered = client.post(
        "/tickets", json={"customer": ANNA, "channel": "email", "message": "Faktura?"}
    ).json()
    late = client.post(
        "/tickets", json={"customer": JANIS, "channel": "live_chat", "message": "Sveiki"}
    ).json()
    clock.advance(timedelta(minutes=30))
    client.post(
        f"/tickets/{answered['id']}/messages", json={"author_role": "agent", "body": "Już."}
    )
    client.post(
        "/complaints",
        json={"actor": "agent-7", "reason": "late_delivery", "ticket_id": late["id"]},
    )
    clock.advance(timedelta(minutes=30))

    metrics = client.get("/metrics").json()
    assert metrics["tickets"] == 2
    assert {i["key"]: i["count"] for i in metrics["channel_mix"]["items"]} == {
        "email": 1,
        "live_chat": 1,
    }
    # The e-mail was answered after 30 business minutes; the chat's 5-minute (calendar-time)
    # first-reply target is breached and still open.
    assert metrics["timing"]["first_reply"]["n"] == 1
    first_reply = next(r for r in metrics["sla"]["rows"] if r["metric"] == "first_reply")
    assert (first_reply["achieved"], first_reply["breached"]) == (1, 1)
    assert metrics["complaints"] == 1
    assert metrics["complaint_reasons"]["items"][0]["key"] == "late_delivery"
    assert metrics["complaint_stages"] == {"listen": 1}
