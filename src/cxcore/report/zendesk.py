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
from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any

from cxcore.errors import CxError, InvalidInputError
from cxcore.report.readers import ReadResult, Row, RowProblem, collect, parse_time
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

__all__ = ["ZENDESK_CHANNELS", "iter_zendesk", "read_zendesk"]

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
        when = _shape(audit.get("created_at"), str, "audit 'created_at'", "an ISO 8601 string")
        at = parse_time(when, "audit time")
        items = _shape(audit.get("events") or [], list, "audit 'events'", "a list of objects")
        for index, item in enumerate(items):
            _shape(item, dict, "audit event", "an object")
            kind = item.get("type")
            if kind in ("Comment", "VoiceComment"):
                author = _key(item.get("author_id", audit.get("author_id")))
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
        when = _shape(item.get("time"), str, "metric event 'time'", "an ISO 8601 string")
        at = parse_time(when, "metric event time")
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


def _shape(value: Any, kind: type | tuple[type, ...], what: str, allowed: str) -> Any:
    if isinstance(value, bool) or not isinstance(value, kind):
        raise InvalidInputError(f"{what} is {value!r}; expected {allowed}")
    return value


def _records(document: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    value = document.get(key) or []
    _shape(value, list, f"'{key}'", "a list of objects")
    for index, item in enumerate(value, start=1):
        _shape(item, dict, f"'{key}' item {index}", "an object")
    return value


def iter_zendesk(document: Any) -> Iterator[Row]:
    """Stream tickets from a Zendesk incremental export document (already parsed JSON): a
    [Row][cxcore.report.readers.Row] per entry of ``tickets``, numbered by its 1-based
    position in the ``tickets`` array; its fields are ``brand``, ``group`` and ``agent``
    (Zendesk's ``brand_id``, ``group_id`` and ``assignee_id``) where present.

    Every field is checked for the shape Zendesk documents before it is used; a ticket with
    another shape is a problem that names the field, the value and what was expected. ``via``
    may be an object with ``channel`` or the channel name itself; ``tags`` a list of strings or
    one string of space-separated tags (never split into letters).

    Examples:
        >>> doc = {"tickets": [{"id": 1, "created_at": "2026-11-23T08:00:00Z", "via": 7}]}
        >>> [row.item.message for row in iter_zendesk(doc)]
        ["ticket 'via' is 7; expected an object with 'channel' or a channel name"]
    """
    if not isinstance(document, Mapping) or not isinstance(document.get("tickets"), list):
        raise InvalidInputError("not a Zendesk incremental export: no 'tickets' list")
    roles: dict[Any, AuthorRole] = {}
    locales: dict[Any, str] = {}
    for user in _records(document, "users"):
        roles[_key(user.get("id"))] = (
            AuthorRole.CUSTOMER if user.get("role") == "end-user" else AuthorRole.AGENT
        )
        if isinstance(user.get("locale"), str) and user["locale"]:
            locales[_key(user.get("id"))] = user["locale"]
    audits: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for audit in _records(document, "audits"):
        audits[str(audit.get("ticket_id"))].append(audit)
    metric_events: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for item in _records(document, "ticket_metric_events"):
        metric_events[str(item.get("ticket_id"))].append(item)
    for number, raw in enumerate(document["tickets"], start=1):
        try:
            _shape(raw, dict, "ticket", "an object")
            ticket = _ticket(raw, roles, locales, audits, metric_events)
        except (CxError, ValueError) as exc:
            yield Row(number, RowProblem(line=number, message=str(exc).splitlines()[0]))
        else:
            fields = {
                name: str(raw[key])
                for name, key in (
                    ("brand", "brand_id"),
                    ("group", "group_id"),
                    ("agent", "assignee_id"),
                )
                if isinstance(raw.get(key), int | str) and not isinstance(raw.get(key), bool)
            }
            yield Row(number, ticket, fields)


def read_zendesk(document: Mapping[str, Any]) -> ReadResult:
    """Build tickets from a Zendesk incremental export document (already parsed JSON); see
    `iter_zendesk`.

    Examples:
        >>> read_zendesk({"tickets": []}).rows
        0
    """
    return collect(iter_zendesk(document))


def _key(value: Any) -> Any:
    # Users and requesters are matched by id; ids must be hashable scalars.
    return value if isinstance(value, str | int) else repr(value)


def _channel(raw: Mapping[str, Any]) -> Channel:
    via = raw.get("via")
    if via is None:
        name: Any = "web"
    elif isinstance(via, str):
        name = via
    elif isinstance(via, dict):
        name = via.get("channel") or "web"
    else:
        name = None
    if not isinstance(name, str):
        raise InvalidInputError(
            f"ticket 'via' is {via!r}; expected an object with 'channel' or a channel name"
        )
    channel = ZENDESK_CHANNELS.get(name)
    if channel is None:
        raise InvalidInputError(
            f"unknown Zendesk channel {name!r}; known: {', '.join(sorted(ZENDESK_CHANNELS))}"
        )
    return channel


def _tags(raw: Mapping[str, Any]) -> frozenset[str]:
    tags = raw.get("tags")
    if tags is None:
        return frozenset()
    if isinstance(tags, str):
        return frozenset(tags.split())
    if isinstance(tags, list) and all(isinstance(t, str) for t in tags):
        return frozenset(tags)
    raise InvalidInputError(f"ticket 'tags' is {tags!r}; expected a list of strings")


def _ticket(
    raw: Mapping[str, Any],
    roles: Mapping[Any, AuthorRole],
    locales: Mapping[Any, str],
    audits: Mapping[str, list[Mapping[str, Any]]],
    metric_events: Mapping[str, list[Mapping[str, Any]]],
) -> Ticket:
    ticket_id = _shape(raw.get("id"), (int, str), "ticket 'id'", "a number or a string")
    ticket_id = str(ticket_id)
    created = parse_time(
        _shape(raw.get("created_at"), str, "ticket 'created_at'", "an ISO 8601 string"),
        "creation time",
    )
    channel = _channel(raw)
    requester = _key(raw.get("requester_id"))
    events: list[Event]
    if ticket_id in audits:
        ordered = sorted(audits[ticket_id], key=lambda a: str(a.get("created_at")))
        events = _audit_events(ticket_id, ordered, roles, requester, channel)
    elif ticket_id in metric_events:
        events = _metric_events(ticket_id, metric_events[ticket_id], channel)
    else:
        events = []
        status = _status(_shape(raw.get("status") or "new", str, "ticket 'status'", "a string"))
        if status is not TicketStatus.NEW:
            updated = raw.get("updated_at")
            at: datetime = (
                parse_time(
                    _shape(updated, str, "ticket 'updated_at'", "an ISO 8601 string"), "update time"
                )
                if updated
                else created
            )
            events.append(StatusChange(at=at, status=status))
    events.sort(key=lambda e: e.at)
    subject = raw.get("subject") or ""
    priority = raw.get("priority") or "normal"
    return Ticket(
        id=ticket_id,
        customer=Customer(
            id=str(raw.get("requester_id")) if raw.get("requester_id") is not None else "unknown",
            locale=locales.get(requester, "en"),
        ),
        channel=channel,
        subject=_shape(subject, str, "ticket 'subject'", "a string"),
        priority=Priority(_shape(priority, str, "ticket 'priority'", "a string")),
        tags=_tags(raw),
        created_at=created,
        events=tuple(events),
    )
