"""Typed, versioned domain events and the helpers to deliver them.

Evaluators and workflows say what happened as values a host can store, queue or send:

- SLA: [sla_events][cxcore.events.sla.sla_events] diffs two SLA reports into warning,
  breached, achieved, paused and resumed events;
- complaints: [complaint_events][cxcore.events.complaints.complaint_events] gives every stage
  change, [overdue_events][cxcore.events.complaints.overdue_events] the late next actions;
- returns: [return_decided][cxcore.events.returns.return_decided] and the authorised, received
  and refunded events.

Every event has a stable ``type`` (``cxcore.sla.breached``), a ``version``, an ``id`` derived
from the facts (the same fact always gets the same id), a ``subject`` and ``at``;
[event_schema][cxcore.events.schema.event_schema] is their JSON Schema. Delivery belongs to the
host, helped by the [Outbox][cxcore.events.outbox.Outbox] value and, with the ``webhooks`` extra,
a CloudEvents envelope signed the Standard Webhooks way
([sign_webhook][cxcore.events.webhooks.sign_webhook],
[verify_webhook][cxcore.events.webhooks.verify_webhook]).

Examples:
    >>> from cxcore.events import EVENT_TYPES
    >>> "cxcore.complaint.stage_changed" in EVENT_TYPES
    True
"""

from __future__ import annotations

from cxcore.events.base import DomainEvent, event_id
from cxcore.events.complaints import (
    ComplaintActionOverdue,
    ComplaintStageChanged,
    complaint_events,
    overdue_events,
)
from cxcore.events.outbox import Outbox, OutboxEntry
from cxcore.events.returns import (
    ReturnAuthorised,
    ReturnDecided,
    ReturnReceived,
    ReturnRefunded,
    return_decided,
)
from cxcore.events.schema import EVENT_TYPES, AnyEvent, Event, event_schema, parse_event
from cxcore.events.sla import (
    SlaAchieved,
    SlaBreached,
    SlaPaused,
    SlaResumed,
    SlaWarning,
    sla_events,
)
from cxcore.events.webhooks import WebhookMessage, sign_webhook, to_cloudevent, verify_webhook

__all__ = [
    "EVENT_TYPES",
    "AnyEvent",
    "ComplaintActionOverdue",
    "ComplaintStageChanged",
    "DomainEvent",
    "Event",
    "Outbox",
    "OutboxEntry",
    "ReturnAuthorised",
    "ReturnDecided",
    "ReturnReceived",
    "ReturnRefunded",
    "SlaAchieved",
    "SlaBreached",
    "SlaPaused",
    "SlaResumed",
    "SlaWarning",
    "WebhookMessage",
    "complaint_events",
    "event_id",
    "event_schema",
    "overdue_events",
    "parse_event",
    "return_decided",
    "sign_webhook",
    "sla_events",
    "to_cloudevent",
    "verify_webhook",
]
