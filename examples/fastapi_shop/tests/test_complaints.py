"""Complaints over HTTP: the five steps end to end, and edits that race each other."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import TypeAdapter

from cxcore import ManualClock
from cxcore.complaints import Complaint, ComplaintEvent
from fastapi_shop.deps import SessionDep, get_complaint_store
from fastapi_shop.store import ComplaintStore

from .conftest import ANNA, warsaw

EVENT: TypeAdapter[ComplaintEvent] = TypeAdapter(ComplaintEvent)


def open_complaint(client: TestClient, **fields: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "actor": "agent-7",
        "reason": "damaged_in_transit",
        "customer": ANNA,
        "channel": "email",
        "summary": "Parcel arrived crushed",
        "order_id": "O-100",
    }
    body.update(fields)
    response = client.post("/complaints", json=body)
    assert response.status_code == 201, response.text
    return dict(response.json())


def append(
    client: TestClient, complaint: dict[str, Any], event: dict[str, Any], actor: str = "agent-7"
) -> dict[str, Any]:
    response = client.post(
        f"/complaints/{complaint['id']}/events",
        json={"expected_version": complaint["version"], "actor": actor, "event": event},
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


REPLACEMENT = {"kind": "replacement", "order_line_ids": ["1"]}


def test_complaint_end_to_end(client: TestClient, clock: ManualClock) -> None:
    complaint = open_complaint(client)
    assert (complaint["stage"], complaint["version"]) == ("listen", 1)
    assert complaint["next_actions"][0]["action"] == "acknowledge"
    assert datetime.fromisoformat(complaint["next_actions"][0]["due_at"]) == warsaw(
        2026, 5, 4, 15, 30
    )

    clock.advance(timedelta(minutes=10))
    complaint = append(client, complaint, {"kind": "acknowledged"})
    reply = complaint["reply"]
    assert (reply["key"], reply["locale"]) == ("complaint.acknowledge", "pl")
    assert complaint["id"] in reply["subject"]

    steps: list[dict[str, Any]] = [
        {
            "kind": "account_captured",
            "account": "Karton zgnieciony",
            "desired_outcome": REPLACEMENT,
        },
        {"kind": "apologised"},
        {"kind": "remedy_offered", "remedies": [REPLACEMENT]},
        {"kind": "remedy_accepted", "remedies": [REPLACEMENT]},
        {"kind": "update_sent", "note": "Wymiana jest w drodze."},
        {"kind": "remedy_carried_out", "remedy": REPLACEMENT, "reference": "INPOST-42"},
        {"kind": "verification_requested"},
        {"kind": "verification_recorded", "satisfied": True, "score": 5},
        {"kind": "closed"},
    ]
    stages = []
    for step in steps:
        clock.advance(timedelta(hours=1))
        complaint = append(client, complaint, step)
        stages.append(complaint["stage"])
    assert stages == [
        "listen", "apologise", "resolve", "resolve", "inform",
        "inform", "verify", "verify", "closed",
    ]  # fmt: skip
    assert (complaint["closure"], complaint["version"], complaint["next_actions"]) == (
        "resolved",
        11,
        [],
    )
    assert complaint["reply"]["key"] == "complaint.closed"

    history = client.get(f"/complaints/{complaint['id']}/events").json()
    assert [event["sequence"] for event in history] == list(range(1, 12))
    rebuilt = Complaint.replay(EVENT.validate_python(event) for event in history)
    assert (rebuilt.stage.value, rebuilt.carried_out[0].reference) == ("closed", "INPOST-42")
    assert client.get(f"/complaints/{complaint['id']}").json() == {**complaint, "reply": None}


def test_complaint_from_a_ticket_takes_its_customer(client: TestClient) -> None:
    ticket = client.post(
        "/tickets", json={"customer": ANNA, "channel": "live_chat", "order_id": "O-7"}
    ).json()
    complaint = open_complaint(
        client, ticket_id=ticket["id"], customer=None, channel=None, order_id=None
    )
    assert (complaint["customer"], complaint["order_id"]) == (ticket["customer"], "O-7")
    assert client.post("/complaints", json={"actor": "a", "reason": "other"}).status_code == 422


def test_stale_version_is_refused_not_lost(client: TestClient) -> None:
    complaint = open_complaint(client)
    seen = complaint  # two agents open the same complaint at version 1
    first = append(client, seen, {"kind": "acknowledged", "note": "agent 7"})
    assert first["version"] == 2
    second = client.post(
        f"/complaints/{complaint['id']}/events",
        json={"expected_version": seen["version"], "actor": "agent-9", "event": {
            "kind": "acknowledged", "note": "agent 9"}},
    )  # fmt: skip
    assert second.status_code == 409
    assert second.json()["error"] == "SequenceConflictError"
    history = client.get(f"/complaints/{complaint['id']}/events").json()
    assert [(e["sequence"], e.get("note")) for e in history[1:]] == [(2, "agent 7")]


def test_simultaneous_appends_one_wins_one_gets_409(app: FastAPI, client: TestClient) -> None:
    """Both requests read version 1 before either writes, so both pass cxcore's sequence check
    on the complaint they loaded; the event store refuses the second append (its version check,
    or the database's UNIQUE (stream_type, stream_id, sequence) constraint when both checked at
    the same instant: tests/store/test_concurrency.py forces that case)."""
    complaint = open_complaint(client)
    both_loaded = threading.Barrier(2, timeout=10)

    class RacingStore(ComplaintStore):
        def load(self, complaint_id: str) -> Complaint:
            loaded = super().load(complaint_id)
            both_loaded.wait()
            return loaded

    def racing_store(session: SessionDep) -> ComplaintStore:
        return RacingStore(session)

    app.dependency_overrides[get_complaint_store] = racing_store

    def post(actor: str) -> Any:
        return client.post(
            f"/complaints/{complaint['id']}/events",
            json={"expected_version": 1, "actor": actor, "event": {"kind": "acknowledged"}},
        )

    with ThreadPoolExecutor(2) as pool:
        responses = list(pool.map(post, ["agent-7", "agent-9"]))
    del app.dependency_overrides[get_complaint_store]

    assert sorted(r.status_code for r in responses) == [201, 409]
    refused = next(r for r in responses if r.status_code == 409)
    assert refused.json()["error"] == "SequenceConflictError"
    history = client.get(f"/complaints/{complaint['id']}/events").json()
    assert [e["sequence"] for e in history] == [1, 2]
    winner = next(r for r in responses if r.status_code == 201).json()
    assert client.get(f"/complaints/{complaint['id']}").json()["version"] == winner["version"]


def test_workflow_order_is_enforced(client: TestClient) -> None:
    complaint = open_complaint(client)
    early = client.post(
        f"/complaints/{complaint['id']}/events",
        json={"expected_version": 1, "actor": "agent-7", "event": {"kind": "apologised"}},
    )
    assert early.status_code == 409
    assert early.json()["error"] == "InvalidTransitionError"


def test_malformed_events_are_422(client: TestClient) -> None:
    complaint = open_complaint(client)
    url = f"/complaints/{complaint['id']}/events"
    for event in (
        {"kind": "acknowledged", "sequence": 2},
        {"kind": "rumour"},
        {"kind": "remedy_offered", "remedies": [{"kind": "refund"}]},
    ):
        response = client.post(
            url, json={"expected_version": 1, "actor": "agent-7", "event": event}
        )
        assert response.status_code == 422, (event, response.text)
    assert client.get("/complaints/CMP-NOPE").status_code == 404
    assert len(client.get(url).json()) == 1
