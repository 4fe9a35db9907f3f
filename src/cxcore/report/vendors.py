"""Readers for Freshdesk, HubSpot and Gorgias ticket exports (their REST APIs' JSON).

Each vendor's ticket becomes the same row a CSV export gives (creation, channel, priority,
status, first reply, solution time, tags, requester), checked the same way: a reply before
creation or a solution before the first reply is a refused row, never repaired. Fields are
checked for the documented shape; anything else is a problem naming the field and the value.
The row's ``brand``, ``group`` and ``agent`` fields feed ``--by``.

- **Freshdesk** (``GET /api/v2/tickets?include=stats``, a JSON list): ``status`` 2 open,
  3 pending, 4 resolved, 5 closed; ``priority`` 1 low, 2 medium, 3 high, 4 urgent; ``source``
  1 email, 2 portal, 3 phone, 7 chat, 9 feedback widget, 10 outbound email; first reply and
  solution from ``stats.first_responded_at`` and ``stats.resolved_at`` / ``closed_at``
  (``updated_at`` when stats were not included). ``group_id`` and ``responder_id`` are the
  group and agent; ``product_id`` the brand.
- **HubSpot** (``GET /crm/v3/objects/tickets``: ``{"results": [{"id", "properties"}]}``):
  ``createdate``, ``closed_date``, ``first_agent_reply_date``, ``hs_ticket_priority`` (LOW,
  MEDIUM, HIGH, URGENT), ``source_type`` (EMAIL, CHAT, FORM, PHONE), ``hs_pipeline_stage`` of
  the default pipeline (1 new, 2 waiting on contact, 3 waiting on us, 4 closed; a ticket with a
  ``closed_date`` is solved whatever its stage), ``hubspot_owner_id`` the agent.
- **Gorgias** (``GET /api/tickets``: ``{"data": [...]}``): ``created_datetime``,
  ``closed_datetime``, ``status`` (open, closed), ``channel``, ``priority``, ``tags`` (objects
  with ``name``), ``assignee_user`` and ``assignee_team``; the first reply is the first message
  ``from_agent`` in ``messages`` when they are included.

Examples:
    >>> doc = [{"id": 7, "created_at": "2026-11-23T08:00:00Z", "status": 4, "priority": 2,
    ...         "source": 7, "requester_id": 3, "tags": ["vip"],
    ...         "stats": {"first_responded_at": "2026-11-23T08:05:00Z",
    ...                   "resolved_at": "2026-11-23T08:30:00Z"}}]
    >>> (row,) = iter_freshdesk(doc)
    >>> row.item.channel, row.item.status, row.item.tags
    (<Channel.LIVE_CHAT: 'live_chat'>, <TicketStatus.SOLVED: 'solved'>, frozenset({'vip'}))
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from cxcore.errors import CxError, InvalidInputError
from cxcore.report.readers import CsvMapping, Row, RowProblem, ticket_from_row

__all__ = ["VENDORS", "iter_freshdesk", "iter_gorgias", "iter_hubspot"]

_PLAIN = CsvMapping()

FRESHDESK_STATUS = {2: "open", 3: "pending", 4: "solved", 5: "closed"}
FRESHDESK_PRIORITY = {1: "low", 2: "normal", 3: "high", 4: "urgent"}
FRESHDESK_SOURCE = {
    1: "email",
    2: "web_form",
    3: "phone",
    7: "live_chat",
    9: "web_form",
    10: "email",
}
HUBSPOT_STAGE = {"1": "new", "2": "pending", "3": "open", "4": "closed"}
HUBSPOT_PRIORITY = {"LOW": "low", "MEDIUM": "normal", "HIGH": "high", "URGENT": "urgent"}
HUBSPOT_SOURCE = {"EMAIL": "email", "CHAT": "live_chat", "FORM": "web_form", "PHONE": "phone"}
GORGIAS_CHANNEL = {
    "email": "email",
    "chat": "live_chat",
    "phone": "phone",
    "sms": "phone",
    "aircall": "phone",
    "api": "web_form",
    "help-center": "web_form",
    "contact_form": "web_form",
    "internal-note": "web_form",
    "facebook": "social",
    "facebook-mention": "social",
    "facebook-messenger": "social",
    "instagram-comment": "social",
    "instagram-direct-message": "social",
    "instagram-mention": "social",
    "twitter": "social",
    "twitter-direct-message": "social",
    "whatsapp": "whatsapp",
}


def _get(raw: Mapping[str, Any], key: str, kind: type | tuple[type, ...], what: str) -> Any:
    value = raw.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, kind):
        raise InvalidInputError(f"{what} {key!r} is {value!r}; expected {_names(kind)}")
    return value


def _names(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(
        {int: "a number", str: "a string", dict: "an object", list: "a list"}.get(k, k.__name__)
        for k in kinds
    )


def _lookup(table: Mapping[Any, str], value: Any, what: str) -> str:
    found = table.get(value)
    if found is None:
        known = ", ".join(str(k) for k in table)
        raise InvalidInputError(f"unknown {what} {value!r}; known: {known}")
    return found


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _rows(
    items: Any, convert: Callable[[Mapping[str, Any]], dict[str, str]], what: str
) -> Iterator[Row]:
    if not isinstance(items, list):
        raise InvalidInputError(f"not a {what} export: expected a list of tickets")
    for number, raw in enumerate(items, start=1):
        try:
            if not isinstance(raw, dict):
                raise InvalidInputError(f"{what} ticket is {raw!r}; expected an object")
            row = convert(raw)
            tags = row.pop("tags_list", "")
            ticket = ticket_from_row(row, _PLAIN)
            if tags:
                ticket = ticket.model_copy(update={"tags": frozenset(tags.split("\x1f"))})
        except (CxError, ValueError) as exc:
            yield Row(number, RowProblem(line=number, message=str(exc).splitlines()[0]))
        else:
            fields = {k: row[k] for k in ("brand", "group", "agent") if row.get(k)}
            yield Row(number, ticket, fields)


def _freshdesk(raw: Mapping[str, Any]) -> dict[str, str]:
    stats = _get(raw, "stats", dict, "Freshdesk ticket") or {}
    status = _lookup(FRESHDESK_STATUS, raw.get("status"), "Freshdesk status")
    solved = None
    if status in ("solved", "closed"):
        solved = stats.get("resolved_at") or stats.get("closed_at") or raw.get("updated_at")
    tags = _get(raw, "tags", list, "Freshdesk ticket") or []
    return {
        "id": _text(_get(raw, "id", (int, str), "Freshdesk ticket")),
        "created_at": _text(_get(raw, "created_at", str, "Freshdesk ticket")),
        "channel": _lookup(FRESHDESK_SOURCE, raw.get("source", 1), "Freshdesk source"),
        "priority": _lookup(FRESHDESK_PRIORITY, raw.get("priority", 2), "Freshdesk priority"),
        "status": status,
        "customer_id": _text(raw.get("requester_id")),
        "subject": _text(_get(raw, "subject", str, "Freshdesk ticket")),
        "tags_list": "\x1f".join(str(t) for t in tags),
        "first_reply_at": _text(stats.get("first_responded_at")),
        "solved_at": _text(solved),
        "brand": _text(raw.get("product_id")),
        "group": _text(raw.get("group_id")),
        "agent": _text(raw.get("responder_id")),
    }


def _hubspot(raw: Mapping[str, Any]) -> dict[str, str]:
    props = _get(raw, "properties", dict, "HubSpot ticket")
    if props is None:
        raise InvalidInputError("HubSpot ticket has no 'properties' object")
    closed = props.get("closed_date") or None
    status = "closed" if closed else HUBSPOT_STAGE.get(str(props.get("hs_pipeline_stage")), "open")
    priority = props.get("hs_ticket_priority") or "MEDIUM"
    return {
        "id": _text(_get(raw, "id", (int, str), "HubSpot ticket")),
        "created_at": _text(props.get("createdate") or raw.get("createdAt")),
        "channel": _lookup(HUBSPOT_SOURCE, props.get("source_type") or "FORM", "HubSpot source"),
        "priority": _lookup(HUBSPOT_PRIORITY, priority, "HubSpot priority"),
        "status": status,
        "customer_id": "",
        "subject": _text(props.get("subject")),
        "first_reply_at": _text(props.get("first_agent_reply_date")),
        "solved_at": _text(closed),
        "brand": "",
        "group": _text(props.get("hubspot_team_id")),
        "agent": _text(props.get("hubspot_owner_id")),
    }


def _gorgias_reply(raw: Mapping[str, Any]) -> str:
    messages = _get(raw, "messages", list, "Gorgias ticket") or []
    for message in messages:
        if isinstance(message, dict) and message.get("from_agent") is True:
            return _text(message.get("sent_datetime") or message.get("created_datetime"))
    return ""


def _gorgias(raw: Mapping[str, Any]) -> dict[str, str]:
    status = _get(raw, "status", str, "Gorgias ticket") or "open"
    if status not in ("open", "closed"):
        raise InvalidInputError(f"unknown Gorgias status {status!r}; known: open, closed")
    tags = _get(raw, "tags", list, "Gorgias ticket") or []
    names = [t.get("name") if isinstance(t, dict) else t for t in tags]
    if not all(isinstance(n, str) for n in names):
        raise InvalidInputError(f"Gorgias ticket 'tags' is {tags!r}; expected tag objects")
    customer = _get(raw, "customer", dict, "Gorgias ticket") or {}
    user = _get(raw, "assignee_user", dict, "Gorgias ticket") or {}
    team = _get(raw, "assignee_team", dict, "Gorgias ticket") or {}
    priority = _get(raw, "priority", str, "Gorgias ticket") or "normal"
    return {
        "id": _text(_get(raw, "id", (int, str), "Gorgias ticket")),
        "created_at": _text(_get(raw, "created_datetime", str, "Gorgias ticket")),
        "channel": _lookup(GORGIAS_CHANNEL, raw.get("channel") or "email", "Gorgias channel"),
        "priority": "urgent" if priority == "critical" else priority,
        "status": "solved" if status == "closed" else "open",
        "customer_id": _text(customer.get("id")),
        "subject": _text(raw.get("subject")),
        "tags_list": "\x1f".join(str(n) for n in names),
        "first_reply_at": _gorgias_reply(raw),
        "solved_at": _text(raw.get("closed_datetime")) if status == "closed" else "",
        "brand": "",
        "group": _text(team.get("name") or team.get("id")),
        "agent": _text(user.get("email") or user.get("id")),
    }


def iter_freshdesk(document: Any) -> Iterator[Row]:
    """Rows from a Freshdesk ticket list (``include=stats`` for reply and solution times)."""
    return _rows(document, _freshdesk, "Freshdesk")


def iter_hubspot(document: Any) -> Iterator[Row]:
    """Rows from a HubSpot CRM tickets response (``results``) or a list of its tickets."""
    items = document.get("results") if isinstance(document, dict) else document
    return _rows(items, _hubspot, "HubSpot")


def iter_gorgias(document: Any) -> Iterator[Row]:
    """Rows from a Gorgias tickets response (``data``) or a list of its tickets."""
    items = document.get("data") if isinstance(document, dict) else document
    return _rows(items, _gorgias, "Gorgias")


VENDORS: Mapping[str, Callable[[Any], Iterator[Row]]] = {
    "freshdesk": iter_freshdesk,
    "hubspot": iter_hubspot,
    "gorgias": iter_gorgias,
}
"""The vendor JSON readers by export format name."""
