"""CloudEvents envelope and Standard Webhooks signing and verification."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from cxcore.errors import WebhookVerificationError
from cxcore.events import SlaBreached, sign_webhook, to_cloudevent, verify_webhook

T0 = datetime(2026, 5, 4, 10, tzinfo=UTC)
SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
EVENT = SlaBreached(
    id="e-1", subject="T-1", at=T0, metric="first_reply", rule="r", target=timedelta(hours=1)
)


def test_the_envelope_is_a_cloudevent() -> None:
    message = sign_webhook(EVENT, secret=SECRET, source="https://shop.example", at=T0)
    envelope = json.loads(message.body)
    assert envelope["specversion"] == "1.0"
    assert envelope["type"] == "cxcore.sla.breached"
    assert envelope["id"] == message.headers["webhook-id"] == "e-1"
    assert envelope["subject"] == "T-1"
    assert envelope["data"]["metric"] == "first_reply"
    assert to_cloudevent(EVENT, source="x").get_type() == "cxcore.sla.breached"


def test_signed_in_any_zone_verifies() -> None:
    # standardwebhooks replaces the zone of the time it signs; cxcore converts to UTC first
    warsaw = T0.astimezone(ZoneInfo("Europe/Warsaw"))
    message = sign_webhook(EVENT, secret=SECRET, source="s", at=warsaw)
    assert message.headers["webhook-timestamp"] == str(int(T0.timestamp()))
    assert verify_webhook(message.body.encode(), message.headers, secret=SECRET, now=T0) == EVENT


def test_tampering_a_wrong_secret_and_replays_are_refused() -> None:
    message = sign_webhook(EVENT, secret=SECRET, source="s", at=T0)
    tampered = message.body.replace("first_reply", "resolution")
    with pytest.raises(WebhookVerificationError, match="no webhook signature matches"):
        verify_webhook(tampered, message.headers, secret=SECRET, now=T0)
    with pytest.raises(WebhookVerificationError, match="no webhook signature matches"):
        verify_webhook(message.body, message.headers, secret="whsec_c2VjcmV0", now=T0)
    with pytest.raises(WebhookVerificationError, match="away from now"):
        verify_webhook(message.body, message.headers, secret=SECRET, now=T0 + timedelta(hours=1))
    headers = {k: v for k, v in message.headers.items() if k != "webhook-signature"}
    with pytest.raises(WebhookVerificationError, match="missing webhook header"):
        verify_webhook(message.body, headers, secret=SECRET, now=T0)


def test_known_answer_vector_of_the_standard() -> None:
    # The signing example of the Standard Webhooks reference libraries (standard-webhooks/
    # standard-webhooks, libraries' tests): this secret, id, timestamp and payload sign to
    # v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=. The signature verifies; the payload is
    # not a CloudEvent with that id, so cxcore then refuses it for that reason.
    headers = {
        "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek",
        "webhook-timestamp": "1614265330",
        "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
    }
    now = datetime.fromtimestamp(1614265330, tz=UTC)
    with pytest.raises(WebhookVerificationError, match="CloudEvent id differs"):
        verify_webhook('{"test": 2432232314}', headers, secret=SECRET, now=now)
    headers["webhook-signature"] = "v1,g1hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
    with pytest.raises(WebhookVerificationError, match="no webhook signature matches"):
        verify_webhook('{"test": 2432232314}', headers, secret=SECRET, now=now)


def test_a_missing_extra_names_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from cxcore.errors import MissingExtraError

    monkeypatch.setitem(sys.modules, "cloudevents.core.v1.event", None)
    with pytest.raises(MissingExtraError, match=r'pip install "cxcore\[webhooks\]"'):
        to_cloudevent(EVENT, source="s")
