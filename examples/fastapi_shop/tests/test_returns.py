"""Return decisions over HTTP under the Polish preset, explained in the customer's language."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from cxcore import ManualClock
from cxcore.returns import ReturnDecision

from .conftest import warsaw

ORDER: dict[str, Any] = {
    "id": "O-100",
    "customer_id": "C-1",
    "ordered_at": "2026-04-27T10:00:00+02:00",
    "delivered_at": "2026-04-30T12:00:00+02:00",
    "country": "PL",
    "lines": [
        {"id": "1", "sku": "MUG-01", "name": "Kubek", "unit_price": {"amount": "39.00",
         "currency": "PLN"}, "quantity": 2},
        {"id": "2", "sku": "ENG-01", "name": "Grawerowany kubek", "category": "personalised",
         "unit_price": {"amount": "59.00", "currency": "PLN"}, "quantity": 1},
    ],
}  # fmt: skip


def put_order(client: TestClient) -> None:
    response = client.put(f"/orders/{ORDER['id']}", json=ORDER)
    assert response.status_code == 200, response.text


def test_changed_mind_within_14_days_is_approved(client: TestClient) -> None:
    put_order(client)
    response = client.post(
        "/orders/O-100/returns",
        json={"reason": "changed_mind", "lines": [{"line_id": "1", "quantity": 2}]},
    )
    assert response.status_code == 201, response.text
    body = response.json()
    decision = ReturnDecision.model_validate(body["decision"])
    assert decision.outcome.value == "approved"
    assert decision.refund_total.amount == 78
    # Delivered 30 April: the 14-day withdrawal period ends 14 May (Polish Consumer Rights Act
    # art. 27, counted under Regulation 1182/71); goods go back within 14 days of the
    # statement, made on 4 May, so by 18 May (art. 34).
    assert decision.lines[0].reasons[0].params["ends_on"] == "2026-05-14"
    assert decision.return_by is not None and decision.return_by.isoformat() == "2026-05-18"
    assert body["locale"] == "pl"
    assert "78,00\xa0zł" in body["text"]
    stored = client.get("/orders/O-100/returns").json()
    assert [ReturnDecision.model_validate(d) for d in stored] == [decision]


def test_personalised_item_is_rejected_explained_in_english(client: TestClient) -> None:
    put_order(client)
    body = client.post(
        "/orders/O-100/returns",
        json={"reason": "changed_mind", "lines": [{"line_id": "2", "quantity": 1}],
              "locale": "en"},
    ).json()  # fmt: skip
    assert body["decision"]["outcome"] == "rejected"
    assert body["subject"] == "About your return for order O-100"
    assert "Grawerowany kubek" in body["text"]


def test_window_closed_after_14_days(client: TestClient, clock: ManualClock) -> None:
    put_order(client)
    clock.set(warsaw(2026, 5, 20, 9, 0))
    body = client.post(
        "/orders/O-100/returns",
        json={"reason": "changed_mind", "lines": [{"line_id": "1", "quantity": 1}]},
    ).json()
    assert body["decision"]["outcome"] == "rejected"


def test_unknown_order_and_bad_lines(client: TestClient) -> None:
    request = {"reason": "changed_mind", "lines": [{"line_id": "9", "quantity": 1}]}
    assert client.post("/orders/O-NOPE/returns", json=request).status_code == 404
    put_order(client)
    response = client.post("/orders/O-100/returns", json=request)
    assert response.status_code == 422
    assert response.json()["error"] == "InvalidInputError"
    assert client.put("/orders/O-200", json=ORDER).status_code == 422


def _append(client: TestClient, return_id: str, version: int, event: dict[str, Any]) -> Any:
    return client.post(
        f"/returns/{return_id}/events",
        json={"expected_version": version, "actor": "agent-1", "event": event},
    )


def test_a_return_is_stored_as_events_from_request_to_refund(
    client: TestClient, clock: ManualClock
) -> None:
    # Decided on 4 May (the notice): refund due within 14 days, by 18 May (Polish Consumer
    # Rights Act art. 32 ust. 1), whatever happens to the parcel.
    put_order(client)
    body = client.post(
        "/orders/O-100/returns",
        json={"reason": "changed_mind", "lines": [{"line_id": "1", "quantity": 2}]},
    ).json()
    return_id = body["return_id"]
    case = client.get(f"/returns/{return_id}").json()
    assert (case["stage"], case["version"]) == ("decided", 2)
    refund, authorise = case["next_actions"]
    assert (refund["action"], refund["due_on"]) == ("refund", "2026-05-18")
    assert authorise["action"] == "authorise"
    authorised = _append(
        client, return_id, 2,
        {"kind": "authorised", "rma": "RMA-9", "carrier": "InPost",
         "return_shipping_paid_by": "consumer"},
    )  # fmt: skip
    assert authorised.status_code == 201, authorised.text
    assert "RMA-9" in authorised.json()["reply"]["text"]
    clock.set(warsaw(2026, 5, 6, 10, 0))
    assert _append(client, return_id, 3, {"kind": "goods_received"}).status_code == 201
    # Someone else already appended event 4: the stale write is refused.
    stale = _append(client, return_id, 3, {"kind": "goods_received"})
    assert stale.status_code == 409
    # Store credit instead of the refund the law gives needs the consumer's own choice.
    credit = {"kind": "store_credit", "amount": {"amount": "78.00", "currency": "PLN"}}
    assert _append(client, return_id, 4, credit).status_code == 409
    refunded = _append(
        client, return_id, 4,
        {"kind": "refunded", "amount": {"amount": "78.00", "currency": "PLN"}},
    )  # fmt: skip
    assert refunded.status_code == 201, refunded.text
    assert refunded.json()["stage"] == "refunded"
    assert (
        refunded.json()["reply"]["subject"] == "Zwrot pieniędzy za zamówienie O-100 jest w drodze"
    )
    history = client.get(f"/returns/{return_id}/events").json()
    assert [e["kind"] for e in history] == [
        "requested", "decided", "authorised", "goods_received", "refunded",
    ]  # fmt: skip
    assert client.get("/returns/R-404").status_code == 404
