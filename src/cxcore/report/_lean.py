"""The report's lean reader: a JSON-lines ticket checked and read without building a ``Ticket``.

[`Ticket.model_validate_json`][cxcore.tickets.Ticket] builds a frozen model per event, which
costs far more than a report needs. `LeanReader.read` takes the decoded JSON object of one line
and either returns a `LeanTicket` (plain values, times as epoch microseconds) or ``None``.

The contract is one-sided and is what keeps the two readers from ever disagreeing: the lean
reader accepts only the plain shape ``Ticket.model_dump_json`` writes (every key known, every
value of its exact JSON type, RFC 3339 times with an offset) and only when every rule the model
checks holds: non-empty ids, known enum values, e-mail, locale and time-zone checks (run by the
model's own validators, remembered per distinct value), the same instant on a message event and
its message, and the timeline rules (time order, nothing before creation or after ``closed``,
message ids used once, replies after what they answer). Anything else, valid or not, returns
``None`` and the caller validates the line with the ``Ticket`` model, which accepts it or
explains what is wrong exactly as before. ``tests/report/test_lean.py`` checks the contract
against the model on generated and mutated tickets.

Examples:
    >>> import json
    >>> reader = LeanReader()
    >>> line = ('{"id":"T-1","customer":{"id":"C-1"},"channel":"email",'
    ...         '"created_at":"2026-11-23T09:00:00Z","events":[{"kind":"status",'
    ...         '"at":"2026-11-23T10:00:00+01:00","status":"solved"}]}')
    >>> lean = reader.read(json.loads(line))
    >>> lean.id, lean.channel.value, lean.events[0][0] - lean.created_us
    ('T-1', 'email', 0)
    >>> reader.read(json.loads('{"id":"T-1","customer":{"id":"C-1"},"channel":"fax"}')) is None
    True
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import datetime
from typing import Any, NamedTuple, TypeVar

from cxcore._locale import normalize_locale
from cxcore._time import _check_zone_name
from cxcore.errors import CxError
from cxcore.sla._timeline import to_us
from cxcore.tickets import AuthorRole, Channel, Priority, TicketStatus, _check_email

__all__ = [
    "ASSIGNMENT",
    "MESSAGE",
    "PRIORITY",
    "STATUS",
    "Checks",
    "LeanReader",
    "LeanTicket",
    "LineReader",
    "field",
    "latest",
]

STATUS, MESSAGE, PRIORITY, ASSIGNMENT = 0, 1, 2, 3
"""Event codes: an event is ``(at_us, code, a, b, c)`` with ``(status, None, None)``,
``(author_role, public, message_id)``, ``(priority, None, None)`` or ``(assignee, group, None)``."""

Event = tuple[int, int, Any, Any, Any]

_SURROGATE = re.compile(r"\\[uU][dD][89a-fA-F]")
_STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,6})?(?:Z|[+-]\d\d:\d\d)")
_TICKET_KEYS = frozenset(
    {"id", "customer", "channel", "subject", "priority", "tags", "locale", "order_id"}
    | {"created_at", "events"}
)
_CUSTOMER_KEYS = frozenset({"id", "name", "email", "locale", "timezone", "segment", "tags"})
_MESSAGE_KEYS = frozenset(
    {"id", "author_role", "author_id", "public", "channel", "body", "at", "in_reply_to"}
)
_EVENT_KEYS = {
    "status": frozenset({"at", "actor", "kind", "status"}),
    "message": frozenset({"at", "actor", "kind", "message"}),
    "priority": frozenset({"at", "actor", "kind", "priority"}),
    "assignment": frozenset({"at", "actor", "kind", "assignee", "group"}),
}
_CHANNELS = {c.value: c for c in Channel}
_PRIORITIES = {p.value: p for p in Priority}
_STATUSES = {s.value: s for s in TicketStatus}
_ROLES = {r.value: r for r in AuthorRole}
_MEMO_LIMIT = 4096
_Found = TypeVar("_Found")


class LeanTicket(NamedTuple):
    """What the report reads of one ticket; ``events`` in time order (see the event codes)."""

    id: str
    created: datetime
    created_us: int
    channel: Channel
    priority: Priority
    tags: tuple[str, ...]
    locale: str | None
    customer_locale: str
    segment: str | None
    events: list[Event]
    source: Any
    """The decoded line (a dict, or the msgspec structure), for fields read rarely; see
    `field`."""


def _member(table: dict[str, _Found], value: object) -> _Found | None:
    """``table[value]`` for a string ``value`` that is a key (lists and dicts are not)."""
    return table.get(value) if type(value) is str else None


def _text(value: object) -> bool:
    return value is None or type(value) is str


def _strings(value: object) -> bool:
    return type(value) is list and all(type(item) is str for item in value)


class Checks:
    """The model's own e-mail, locale and time-zone checks, remembered per distinct value (at
    most a few thousand of each, so memory stays bounded); both lean readers use them.

    Examples:
        >>> checks = Checks()
        >>> checks.locale("pl_pl"), checks.email("nope"), checks.zone("Europe/Warsaw")
        ('pl-PL', False, True)
    """

    __slots__ = ("_emails", "_locales", "_zones")

    def __init__(self) -> None:
        self._locales: dict[str, str | None] = {}
        self._zones: dict[str, bool] = {}
        self._emails: dict[str, bool] = {}

    def locale(self, value: str) -> str | None:
        """The normalised tag, or ``None`` for one the model refuses."""
        found = self._locales.get(value, "")
        if found != "":
            return found
        try:
            found = normalize_locale(value)
        except CxError:
            found = None
        if len(self._locales) < _MEMO_LIMIT:
            self._locales[value] = found
        return found

    def email(self, value: str) -> bool:
        """Whether the model accepts ``value`` as an e-mail address."""
        return _remembered(self._emails, _check_email, value)

    def zone(self, value: str) -> bool:
        """Whether the model accepts ``value`` as a time-zone name."""
        return _remembered(self._zones, _check_zone_name, value)


def _remembered(memo: dict[str, bool], check: Callable[[str], object], value: str) -> bool:
    found = memo.get(value)
    if found is None:
        try:
            check(value)
            found = True
        except CxError:
            found = False
        if len(memo) < _MEMO_LIMIT:
            memo[value] = found
    return found


class LeanReader:
    """Reads decoded JSON-lines tickets the lean way (see the module docs)."""

    def __init__(self) -> None:
        self.checks = Checks()

    def read(self, doc: object) -> LeanTicket | None:
        """The lean ticket, or ``None`` when the ``Ticket`` model must decide."""
        if type(doc) is not dict or not doc.keys() <= _TICKET_KEYS:
            return None
        ticket_id = doc.get("id")
        channel = _member(_CHANNELS, doc.get("channel"))
        priority = _member(_PRIORITIES, doc.get("priority", "normal"))
        tags = doc.get("tags", [])
        locale = doc.get("locale")
        if (
            type(ticket_id) is not str
            or not ticket_id
            or channel is None
            or priority is None
            or type(doc.get("subject", "")) is not str
            or not _text(doc.get("order_id"))
            or not _strings(tags)
            or not _text(locale)
        ):
            return None
        if locale is not None:
            locale = self.checks.locale(locale)
            if locale is None:
                return None
        customer = self._customer(doc.get("customer"))
        created = _stamp(doc.get("created_at"))
        if customer is None or created is None:
            return None
        events = self._events(doc.get("events", []), created[0])
        if events is None:
            return None
        return LeanTicket(
            ticket_id,
            created[1],
            created[0],
            channel,
            priority,
            tuple(sorted(set(tags))),
            locale,
            customer[0],
            customer[1],
            events,
            doc,
        )

    def _customer(self, doc: object) -> tuple[str, str | None] | None:
        if type(doc) is not dict or not doc.keys() <= _CUSTOMER_KEYS:
            return None
        customer_id, email, zone, locale = (
            doc.get("id"),
            doc.get("email"),
            doc.get("timezone"),
            doc.get("locale", "en"),
        )
        segment = doc.get("segment")
        if (
            type(customer_id) is not str
            or not customer_id
            or type(doc.get("name", "")) is not str
            or not _text(email)
            or not _text(zone)
            or not _text(segment)
            or type(locale) is not str
            or not _strings(doc.get("tags", []))
        ):
            return None
        if email is not None and not self.checks.email(email):
            return None
        if zone is not None and not self.checks.zone(zone):
            return None
        normal = self.checks.locale(locale)
        return None if normal is None else (normal, segment)

    def _events(self, docs: object, created: int) -> list[Event] | None:
        if type(docs) is not list:
            return None
        events: list[Event] = []
        previous = created
        closed = False
        seen: dict[str, int] = {}
        for doc in docs:
            if type(doc) is not dict:
                return None
            kind = doc.get("kind")
            keys = _member(_EVENT_KEYS, kind)
            if keys is None or not doc.keys() <= keys or not _text(doc.get("actor")):
                return None
            stamp = _stamp(doc.get("at"))
            if stamp is None or closed:
                return None
            at = stamp[0]
            if at < previous:  # before creation or out of time order
                return None
            previous = at
            event: Event
            if kind == "status":
                status = _member(_STATUSES, doc.get("status"))
                if status is None:
                    return None
                closed = status is TicketStatus.CLOSED
                event = (at, STATUS, status, None, None)
            elif kind == "message":
                found = self._message(doc.get("message"), doc.get("at"), at, seen)
                if found is None:
                    return None
                event = found
            elif kind == "priority":
                priority = _member(_PRIORITIES, doc.get("priority"))
                if priority is None:
                    return None
                event = (at, PRIORITY, priority, None, None)
            else:
                assignee, group = doc.get("assignee"), doc.get("group")
                if not _text(assignee) or not _text(group):
                    return None
                event = (at, ASSIGNMENT, assignee, group, None)
            events.append(event)
        return events

    @staticmethod
    def _message(doc: object, event_at: object, at: int, seen: dict[str, int]) -> Event | None:
        if type(doc) is not dict or not doc.keys() <= _MESSAGE_KEYS:
            return None
        message_id = doc.get("id")
        role = _member(_ROLES, doc.get("author_role"))
        public = doc.get("public", True)
        answered = doc.get("in_reply_to")
        message_at = doc.get("at")
        if (
            type(message_id) is not str
            or not message_id
            or role is None
            or type(public) is not bool
            or _member(_CHANNELS, doc.get("channel")) is None
            or type(doc.get("body")) is not str
            or not _text(doc.get("author_id"))
            or not _text(answered)
            or message_id in seen
        ):
            return None
        if message_at != event_at:
            stamp = _stamp(message_at)
            if stamp is None or stamp[0] != at:  # a message event and its message share a time
                return None
        if answered is not None:
            earlier = seen.get(answered)
            if earlier is None or at < earlier:
                return None
        seen[message_id] = at
        return (at, MESSAGE, role, public, message_id)


def _stamp(value: object) -> tuple[int, datetime] | None:
    """Epoch microseconds and the datetime of an RFC 3339 time with an offset."""
    if type(value) is not str:
        return None
    size = len(value)
    if (
        not (
            # the two shapes Ticket.model_dump_json writes, checked by position; others by pattern
            (
                (size == 25 and value[19] in "+-" and value[22] == ":")
                or (size == 20 and value[19] == "Z")
            )
            and value[10] == "T"
            and value[4] == value[7] == "-"
            and value[13] == value[16] == ":"
            and value.isascii()
        )
        and _STAMP.fullmatch(value) is None
    ):
        return None
    try:
        moment = datetime.fromisoformat(value)
        return to_us(moment), moment
    except (ValueError, OverflowError):
        return None


class LineReader:
    """One JSON line to a `LeanTicket` or ``None``. With the ``fast`` extra (msgspec) the line
    is decoded and shape-checked in C by [StructReader][cxcore.report._lean_structs.StructReader];
    without it ``json.loads`` decodes and a `LeanReader` checks. A line with a ``\\u`` escape
    of a surrogate goes to the model, whose JSON parser is stricter about them.

    Examples:
        >>> LineReader().read('{"id": "T"}') is None
        True
    """

    __slots__ = ("_read",)

    def __init__(self, *, use_msgspec: bool | None = None) -> None:
        self._read = _line_reader(use_msgspec)

    def read(self, text: str) -> LeanTicket | None:
        """The lean ticket of one line, or ``None`` when the ``Ticket`` model must decide."""
        if "\\u" in text and _SURROGATE.search(text) is not None:
            return None
        return self._read(text)


def _line_reader(use_msgspec: bool | None) -> Callable[[str], LeanTicket | None]:
    """msgspec's reader when installed (or required), else the standard library's."""
    if use_msgspec is not False:
        try:
            from cxcore.report._lean_structs import StructReader
        except ImportError:
            if use_msgspec:
                raise
        else:
            return StructReader().read
    reader = LeanReader()

    def read(text: str) -> LeanTicket | None:
        try:
            doc = json.loads(text)
        except (ValueError, RecursionError):
            return None
        return reader.read(doc)

    return read


def field(source: Any, name: str, default: Any = None) -> Any:
    """Field ``name`` of a decoded line or part of one, whichever decoder made it.

    Examples:
        >>> field({"subject": "Hi"}, "subject", ""), field({}, "subject", "")
        ('Hi', '')
    """
    if type(source) is dict:
        return source.get(name, default)
    return getattr(source, name, default)


def latest(ticket: LeanTicket) -> tuple[int, datetime]:
    """The later of creation and the last event, as epoch microseconds and as written."""
    if not ticket.events or ticket.events[-1][0] <= ticket.created_us:
        return ticket.created_us, ticket.created
    written = field(field(ticket.source, "events")[-1], "at")
    moment = written if isinstance(written, datetime) else datetime.fromisoformat(written)
    return ticket.events[-1][0], moment
