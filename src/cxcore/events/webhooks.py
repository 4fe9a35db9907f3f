"""Deliver events as webhooks: a CloudEvents envelope, signed and verified the Standard Webhooks
way. Needs the optional extra ``webhooks`` (``pip install "cxcore[webhooks]"``: the
``cloudevents`` and ``standardwebhooks`` packages).

`sign_webhook` wraps an event in a structured-mode CloudEvent (JSON) and signs it; the
receiver calls `verify_webhook`, which checks the signature and the timestamp against the
time it is given (never the wall clock) and returns the typed event.

Examples:
    >>> from datetime import datetime, timedelta, timezone
    >>> from cxcore.events import SlaBreached
    >>> t0 = datetime(2026, 5, 4, 10, tzinfo=timezone.utc)
    >>> event = SlaBreached(id="e-1", subject="T-1", at=t0, metric="first_reply", rule="r",
    ...                     target=timedelta(hours=1))
    >>> secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    >>> message = sign_webhook(event, secret=secret, source="https://shop.example/support", at=t0)
    >>> sorted(message.headers)
    ['content-type', 'webhook-id', 'webhook-signature', 'webhook-timestamp']
    >>> verify_webhook(message.body, message.headers, secret=secret, now=t0) == event
    True
"""

from __future__ import annotations

import base64
import hmac
import json
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from importlib import import_module
from types import ModuleType
from typing import Any

from cxcore._model import CxModel, ReadOnlyDict
from cxcore._time import ensure_aware
from cxcore.errors import MissingExtraError, WebhookVerificationError
from cxcore.events.base import DomainEvent
from cxcore.events.schema import Event, parse_event

__all__ = ["WebhookMessage", "sign_webhook", "to_cloudevent", "verify_webhook"]

CONTENT_TYPE = "application/cloudevents+json"


def _need(module: str) -> ModuleType:
    try:
        return import_module(module)
    except ImportError:
        raise MissingExtraError(
            f"{module.split('.')[0]} is not installed; webhook delivery needs the optional "
            'extra: pip install "cxcore[webhooks]"'
        ) from None


def to_cloudevent(event: DomainEvent, *, source: str) -> Any:
    """``event`` as a CloudEvents 1.0 event (``cloudevents.core.v1.event.CloudEvent``): the
    event's ``type``, ``id``, ``subject`` and ``at`` become its attributes, the event its data.
    """
    core = _need("cloudevents.core.v1.event")
    data = event.model_dump(mode="json")
    attributes = {
        "specversion": "1.0",
        "id": event.id,
        "source": source,
        "type": data["type"],
        "subject": event.subject,
        "time": event.at.astimezone(UTC),
        "datacontenttype": "application/json",
        "cxversion": data.get("version", 1),
    }
    return core.CloudEvent(attributes=attributes, data=data)


class WebhookMessage(CxModel):
    """A webhook ready to POST: the body and its headers (``webhook-id``,
    ``webhook-timestamp``, ``webhook-signature``, ``content-type``).

    Examples:
        >>> WebhookMessage(body="{}", headers={"webhook-id": "e-1"}).headers["webhook-id"]
        'e-1'
    """

    body: str
    headers: ReadOnlyDict[str, str]


def _signer(secret: str | bytes) -> Any:
    webhooks = _need("standardwebhooks.webhooks")
    try:
        return webhooks.Webhook(secret)
    except (ValueError, webhooks.EmptyWebhookSecretError) as exc:
        raise WebhookVerificationError(f"not a usable webhook secret: {exc}") from None


def sign_webhook(
    event: DomainEvent, *, secret: str | bytes, source: str, at: datetime
) -> WebhookMessage:
    """Wrap ``event`` in a structured CloudEvent and sign it (Standard Webhooks, ``v1``
    HMAC-SHA256) as sent at ``at``; the event id is the webhook id, so retries deduplicate.
    """
    ensure_aware(at, "at")
    http = _need("cloudevents.core.bindings.http")
    message = http.to_structured_event(to_cloudevent(event, source=source))
    body = message.body.decode("utf-8")
    # standardwebhooks replaces (rather than converts) the zone of the time it signs: give UTC.
    sent = at.astimezone(UTC)
    signature = _signer(secret).sign(msg_id=event.id, timestamp=sent, data=body)
    return WebhookMessage(
        body=body,
        headers={
            "webhook-id": event.id,
            "webhook-timestamp": str(int(sent.timestamp())),
            "webhook-signature": signature,
            "content-type": CONTENT_TYPE,
        },
    )


def verify_webhook(
    body: str | bytes,
    headers: Mapping[str, str],
    *,
    secret: str | bytes,
    now: datetime,
    tolerance: timedelta = timedelta(minutes=5),
) -> Event:
    """Check a received webhook and return its typed event.

    Raises `WebhookVerificationError` when a header is missing, the
    timestamp is further than ``tolerance`` from ``now`` (replays), or no ``v1`` signature
    matches; only then is the body trusted and parsed.
    """
    ensure_aware(now, "now")
    text = body.decode("utf-8") if isinstance(body, bytes) else body
    lowered = {key.lower(): value for key, value in headers.items()}
    missing = [
        h for h in ("webhook-id", "webhook-timestamp", "webhook-signature") if not lowered.get(h)
    ]
    if missing:
        raise WebhookVerificationError(f"missing webhook header(s): {', '.join(missing)}")
    try:
        sent = datetime.fromtimestamp(int(lowered["webhook-timestamp"]), tz=UTC)
    except (ValueError, OverflowError):
        raise WebhookVerificationError(
            f"webhook-timestamp must be whole seconds since 1970, got "
            f"{lowered['webhook-timestamp']!r}"
        ) from None
    skew = abs(sent - now.astimezone(UTC))
    if skew > tolerance:
        raise WebhookVerificationError(
            f"webhook sent at {sent.isoformat()} is {skew} away from now "
            f"({now.astimezone(UTC).isoformat()}); allowed: {tolerance}"
        )
    expected = _signer(secret).sign(msg_id=lowered["webhook-id"], timestamp=sent, data=text)
    wanted = base64.b64decode(expected.split(",", 1)[1])
    for candidate in lowered["webhook-signature"].split():
        version, _, encoded = candidate.partition(",")
        if version != "v1":
            continue
        try:
            given = base64.b64decode(encoded, validate=True)
        except ValueError:
            continue
        if hmac.compare_digest(wanted, given):
            envelope = json.loads(text)
            if envelope.get("id") != lowered["webhook-id"]:
                raise WebhookVerificationError("the CloudEvent id differs from the webhook-id")
            return parse_event(envelope.get("data"))
    raise WebhookVerificationError("no webhook signature matches the body")
