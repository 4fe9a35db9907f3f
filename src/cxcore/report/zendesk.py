"""Read a Zendesk incremental ticket export into cxcore tickets.

The input is the JSON object of Zendesk's incremental ticket export (``tickets``), optionally
with sideloaded ``users`` and, for the timeline, either ``audits`` (ticket audits with Comment
and Change events) or ``ticket_metric_events`` (the incremental ticket metric event export).
Field meanings follow Zendesk's API reference: ticket ``status`` ``hold`` is cxcore's
``on_hold``; ``via.channel`` maps to a [`Channel`][cxcore.Channel] as in
[`ZENDESK_CHANNELS`][cxcore.report.zendesk.ZENDESK_CHANNELS].

Examples:
    >>> doc = {"tickets": [{"id": 35436, "created_at": "2026-11-23T08:00:00Z", "status": "open",
    ...                     "priority": None, "requester_id": 7, "via": {"channel": "web"},
    ...                     "subject": "Help", "tags": ["vip"]}]}
    >>> result = read_zendesk(doc)
    >>> ticket = result.tickets[0]
    >>> ticket.id, ticket.channel, ticket.status, ticket.priority
    ('35436', <Channel.WEB_FORM: 'web_form'>, <TicketStatus.OPEN: 'open'>,
     <Priority.NORMAL: 'normal'>)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from cxcore.errors import CxError, InvalidInputError
from cxcore.report.readers import ReadResult, RowProblem, parse_time
from cxcore.tickets import (
    Assignment,
    AuthorRole,
    Channel,
    Customer,
    Message,
    MessageAdded,
    Priority,
    PriorityChange,
    StatusChange,
    Ticket,
    TicketStatus,
)

__all__ = ["ZENDESK_CHANNELS", "read_zendesk"]

ZENDESK_CHANNELS: Mapping[str, Channel] = {
    "email": Channel.EMAIL,
    "web": Channel.WEB_FORM,
    "api": Channel.WEB_FORM,
    "mobile_sdk": Channel.WEB_FORM,
    "any_channel": Channel.WEB_FORM,
    "sample_ticket": Channel.WEB_FORM,
    "chat": Channel.LIVE_CHAT,
    "native_messaging": Channel.LIVE_CHAT,
    "messaging": Channel.LIVE_CHAT,
    "voice": Channel.PHONE,
    "sms": Channel.PHONE,
    "twitter": Channel.SOCIAL,
    "facebook": Channel.SOCIAL,
    "instagram_dm": Channel.SOCIAL,
    "whatsapp": Channel.WHATSAPP,
}
"""How Zendesk ``via.channel`` values map to cxcore channels."""

_STATUSES = {"hold": TicketStatus.ON_HOLD}

Event = StatusChange | PriorityChange | MessageAdded | Assignment


def _status(value: Any) -> TicketStatus:
    text = str(value)
    return _STATUSES.get(text) or TicketStatus(text)


def _audit_events(
    ticket_id: str,
    audits: list[Mapping[str, Any]],
    roles: Mapping[Any, AuthorRole],
    requester: Any,
    channel: Channel,
) -> list[Event]:
    events: list[Event] = []
    for audit in audits:
        at = parse_time(str(audit["created_at"]), "audit time")
        for index, item in enumerate(audit.get("events") or ()):
            kind = item.get("type")
            if kind in ("Comment", "VoiceComment"):
                author = item.get("author_id", audit.get("author_id"))
                role = roles.get(author) or (
                    AuthorRole.CUSTOMER if author == requester else AuthorRole.AGENT
                )
                message = Message(
                    id=str(item.get("id") or f"{ticket_id}-{audit.get('id')}-{index}"),
                    author_role=role,
                    author_id=None if author is None else str(author),
                    public=bool(item.get("public", True)),
                    channel=channel,
                    body=str(item.get("plain_body") or item.get("body") or ""),
                    at=at,
                )
                events.append(MessageAdded.of(message))
            elif kind in ("Change", "Create"):
                field, value = item.get("field_name"), item.get("value")
                if field == "status" and value is not None:
                    events.append(StatusChange(at=at, status=_status(value)))
                elif field == "priority" and value is not None:
                    events.append(PriorityChange(at=at, priority=Priority(str(value))))
                elif field == "assignee_id":
                    events.append(Assignment(at=at, assignee=None if value is None else str(value)))
    return events


def _metric_events(ticket_id: str, items: list[Mapping[str, Any]], channel: Channel) -> list[Event]:
    # Incremental ticket metric events: reply_time "fulfill" is a public agent reply;
    # agent_work_time "pause" means pending/on-hold, "activate" open again, "fulfill" solved.
    events: list[Event] = []
    for number, item in enumerate(items):
        at = parse_time(str(item["time"]), "metric event time")
        metric, kind = item.get("metric"), item.get("type")
        if metric == "reply_time" and kind == "fulfill":
            reply = Message(
                id=f"{ticket_id}-reply-{number}",
                author_role=AuthorRole.AGENT,
                channel=channel,
                body="",
                at=at,
            )
            events.append(MessageAdded.of(reply))
        elif metric == "agent_work_time":
            status = {
                "pause": TicketStatus.PENDING,
                "activate": TicketStatus.OPEN,
                "fulfill": TicketStatus.SOLVED,
            }.get(str(kind))
            if status is not None:
                events.append(StatusChange(at=at, status=status))
    return events


def read_zendesk(document: Mapping[str, Any]) -> ReadResult:
    """Build tickets from a Zendesk incremental export document (already parsed JSON).

    Line numbers in problems are 1-based positions in the ``tickets`` array.
    """
    if not isinstance(document, Mapping) or not isinstance(document.get("tickets"), list):
        raise InvalidInputError("not a Zendesk incremental export: no 'tickets' list")
    roles: dict[Any, AuthorRole] = {}
    locales: dict[Any, str] = {}
    for user in document.get("users") or ():
        roles[user.get("id")] = (
            AuthorRole.CUSTOMER if user.get("role") == "end-user" else AuthorRole.AGENT
        )
        if user.get("locale"):
            locales[user.get("id")] = str(user["locale"])
    audits: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for audit in document.get("audits") or ():
        audits[str(audit.get("ticket_id"))].append(audit)
    metric_events: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for item in document.get("ticket_metric_events") or ():
        metric_events[str(item.get("ticket_id"))].append(item)
    tickets: list[Ticket] = []
    problems: list[RowProblem] = []
    for number, raw in enumerate(document["tickets"], start=1):
        try:
            tickets.append(_ticket(raw, roles, locales, audits, metric_events))
        except (CxError, ValueError, KeyError, TypeError) as exc:
            problems.append(RowProblem(line=number, message=str(exc).splitlines()[0]))
    return ReadResult(
        tickets=tuple(tickets), problems=tuple(problems), rows=len(document["tickets"])
    )


def _ticket(
    raw: Mapping[str, Any],
    roles: Mapping[Any, AuthorRole],
    locales: Mapping[Any, str],
    audits: Mapping[str, list[Mapping[str, Any]]],
    metric_events: Mapping[str, list[Mapping[str, Any]]],
) -> Ticket:
    ticket_id = str(raw["id"])
    created = parse_time(str(raw["created_at"]), "creation time")
    via = (raw.get("via") or {}).get("channel") or "web"
    channel = ZENDESK_CHANNELS.get(str(via))
    if channel is None:
        raise InvalidInputError(f"unknown Zendesk channel {via!r}")
    requester = raw.get("requester_id")
    events: list[Event]
    if ticket_id in audits:
        ordered = sorted(audits[ticket_id], key=lambda a: str(a.get("created_at")))
        events = _audit_events(ticket_id, ordered, roles, requester, channel)
    elif ticket_id in metric_events:
        events = _metric_events(ticket_id, metric_events[ticket_id], channel)
    else:
        events = []
        status = _status(raw.get("status") or "new")
        if status is not TicketStatus.NEW:
            updated = raw.get("updated_at")
            at: datetime = parse_time(str(updated), "update time") if updated else created
            events.append(StatusChange(at=at, status=status))
    events.sort(key=lambda e: e.at)
    return Ticket(
        id=ticket_id,
        customer=Customer(
            id=str(requester) if requester is not None else "unknown",
            locale=locales.get(requester, "en"),
        ),
        channel=channel,
        subject=str(raw.get("subject") or ""),
        priority=Priority(str(raw.get("priority") or "normal")),
        tags=frozenset(str(t) for t in raw.get("tags") or ()),
        created_at=created,
        events=tuple(events),
    )
