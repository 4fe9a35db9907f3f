"""The lean reader on msgspec (extra ``fast``): the ticket's JSON shape declared once as
structures that msgspec checks in C while it decodes, then the rules a shape cannot say.

The structures mirror the ``Ticket`` model field for field: the same names, defaults and JSON
types, unknown keys refused, events told apart by ``kind``. msgspec parses the times too, and
it reads every RFC 3339 time the model reads to the same instant and offset, except that it
rounds fractions of more than six digits where the model cuts them: a line with such a fraction
goes to the model. What msgspec cannot check here is checked after decoding exactly as
``LeanReader`` checks it: non-empty ids, the e-mail, locale and time-zone validators (the same
``Checks``), and the timeline rules. A line msgspec refuses goes to the ``Ticket`` model like
any line the lean reader steps aside from.

Examples:
    >>> reader = StructReader()
    >>> lean = reader.read('{"id":"T-1","customer":{"id":"C-1"},"channel":"email",'
    ...                    '"created_at":"2026-11-23T09:00:00Z"}')
    >>> lean.id, lean.events
    ('T-1', [])
    >>> reader.read('{"id":"T-1","customer":{"id":"C-1"},"channel":"fax"}') is None
    True
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Annotated

import msgspec

from cxcore.report._lean import (
    ASSIGNMENT,
    MESSAGE,
    PRIORITY,
    STATUS,
    Checks,
    Event,
    LeanTicket,
)
from cxcore.sla._timeline import to_us
from cxcore.tickets import AuthorRole, Channel, Priority, TicketStatus

__all__ = ["StructReader"]

_CLOSED = TicketStatus.CLOSED
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# msgspec reads only "." before a fraction. Any "." before seven digits sends the line to the
# model: a body such as "v1.2345678" goes there too, which costs time, never a wrong figure.
_LONG_FRACTION = re.compile(r"\.\d{7}")
_Aware = Annotated[datetime, msgspec.Meta(tz=True)]


class _Customer(msgspec.Struct, forbid_unknown_fields=True):
    id: str
    name: str = ""
    email: str | None = None
    locale: str = "en"
    timezone: str | None = None
    segment: str | None = None
    tags: list[str] = []


class _Message(msgspec.Struct, forbid_unknown_fields=True):
    id: str
    author_role: AuthorRole
    channel: Channel
    body: str
    at: _Aware
    author_id: str | None = None
    public: bool = True
    in_reply_to: str | None = None


class _MessageAdded(msgspec.Struct, tag_field="kind", tag="message", forbid_unknown_fields=True):
    at: _Aware
    message: _Message
    actor: str | None = None


class _StatusChange(msgspec.Struct, tag_field="kind", tag="status", forbid_unknown_fields=True):
    at: _Aware
    status: TicketStatus
    actor: str | None = None


class _PriorityChange(msgspec.Struct, tag_field="kind", tag="priority", forbid_unknown_fields=True):
    at: _Aware
    priority: Priority
    actor: str | None = None


class _Assignment(msgspec.Struct, tag_field="kind", tag="assignment", forbid_unknown_fields=True):
    at: _Aware
    actor: str | None = None
    assignee: str | None = None
    group: str | None = None


class _Ticket(msgspec.Struct, forbid_unknown_fields=True):
    id: str
    customer: _Customer
    channel: Channel
    created_at: _Aware
    subject: str = ""
    priority: Priority = Priority.NORMAL
    tags: list[str] = []
    locale: str | None = None
    order_id: str | None = None
    events: list[_MessageAdded | _StatusChange | _PriorityChange | _Assignment] = []


class StructReader:
    """Reads one JSON line into a [LeanTicket][cxcore.report._lean.LeanTicket], or ``None``
    when the ``Ticket`` model must decide (see the module docs)."""

    __slots__ = ("_checks", "_decode")

    def __init__(self) -> None:
        self._decode = msgspec.json.Decoder(_Ticket).decode
        self._checks = Checks()

    def read(self, text: str) -> LeanTicket | None:
        """The lean ticket of one line, or ``None``."""
        if _LONG_FRACTION.search(text) is not None:
            return None
        try:
            doc = self._decode(text)
        except (msgspec.DecodeError, RecursionError):
            return None
        customer = doc.customer
        checks = self._checks
        if not doc.id or not customer.id:
            return None
        if customer.email is not None and not checks.email(customer.email):
            return None
        if customer.timezone is not None and not checks.zone(customer.timezone):
            return None
        customer_locale = checks.locale(customer.locale)
        locale = doc.locale
        if customer_locale is None or (
            locale is not None and (locale := checks.locale(locale)) is None
        ):
            return None
        created = to_us(doc.created_at)
        events = _events(doc, created)
        if events is None:
            return None
        return LeanTicket(
            doc.id,
            doc.created_at,
            created,
            doc.channel,
            doc.priority,
            tuple(sorted(set(doc.tags))) if doc.tags else (),
            locale,
            customer_locale,
            customer.segment,
            events,
            doc,
        )


def _events(doc: _Ticket, created: int) -> list[Event] | None:
    """The events as lean tuples, checked as the model's timeline rules say."""
    events: list[Event] = []
    previous = created
    closed = False
    seen: dict[str, int] = {}
    for event in doc.events:
        delta = event.at - _EPOCH  # to_us inlined: this loop runs for every event
        at = (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
        if closed or at < previous:
            return None
        previous = at
        kind = type(event)
        if kind is _MessageAdded:
            message = event.message  # type: ignore[union-attr]
            message_id, answered = message.id, message.in_reply_to
            if not message_id or message_id in seen or message.at != event.at:
                return None  # the same instant on both (aware datetimes compare as instants)
            if answered is not None:
                earlier = seen.get(answered)
                if earlier is None or at < earlier:
                    return None
            seen[message_id] = at
            events.append((at, MESSAGE, message.author_role, message.public, message_id))
        elif kind is _StatusChange:
            status = event.status  # type: ignore[union-attr]
            closed = status is _CLOSED
            events.append((at, STATUS, status, None, None))
        elif kind is _PriorityChange:
            events.append((at, PRIORITY, event.priority, None, None))  # type: ignore[union-attr]
        else:
            assignee, group = event.assignee, event.group  # type: ignore[union-attr]
            events.append((at, ASSIGNMENT, assignee, group, None))
    return events
