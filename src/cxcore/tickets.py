"""Tickets, customers, messages and the events that make up a ticket's timeline.

A [`Ticket`][cxcore.Ticket] stores what happened as an ordered list of events; its current status,
its current priority and its message list are derived from them, never stored twice.

Examples:
    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> at = datetime(2026, 5, 4, 9, 0, tzinfo=ZoneInfo("Europe/Warsaw"))
    >>> ticket = Ticket(
    ...     id="T-1",
    ...     customer=Customer(id="C-1", name="Anna Nowak", locale="pl-PL"),
    ...     channel=Channel.EMAIL,
    ...     subject="Gdzie jest moja paczka?",
    ...     created_at=at,
    ... )
    >>> ticket.status
    <TicketStatus.NEW: 'new'>
    >>> ticket = ticket.with_event(StatusChange(at=at, status=TicketStatus.OPEN))
    >>> ticket.status
    <TicketStatus.OPEN: 'open'>
"""

from __future__ import annotations

import re
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Literal, Self

from pydantic import AfterValidator, Field, model_validator

from cxcore._locale import LocaleTag
from cxcore._model import CxModel, SortedSet
from cxcore._time import AwareDatetime, TimezoneName, instant
from cxcore.errors import InvalidInputError, TimelineError

__all__ = [
    "Assignment",
    "AuthorRole",
    "Channel",
    "Customer",
    "Message",
    "MessageAdded",
    "Priority",
    "PriorityChange",
    "StatusChange",
    "Ticket",
    "TicketEvent",
    "TicketStatus",
]


class Channel(StrEnum):
    """Where a conversation happens.

    Examples:
        >>> Channel("live_chat") is Channel.LIVE_CHAT
        True
    """

    EMAIL = "email"
    PHONE = "phone"
    LIVE_CHAT = "live_chat"
    CHATBOT = "chatbot"
    SOCIAL = "social"
    WHATSAPP = "whatsapp"
    WEB_FORM = "web_form"
    MARKETPLACE = "marketplace"


class Priority(StrEnum):
    """Ticket priority, lowest first.

    Examples:
        >>> Priority.URGENT.rank > Priority.LOW.rank
        True
    """

    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"

    @property
    def rank(self) -> int:
        """0 for low up to 3 for urgent."""
        return _PRIORITY_RANK[self]


_PRIORITY_RANK = {p: i for i, p in enumerate(Priority)}


class TicketStatus(StrEnum):
    """Lifecycle status, with the meanings users know from mature helpdesks.

    ``pending`` waits on the customer; ``on_hold`` waits on a third party; ``solved`` may be
    reopened; ``closed`` is final.

    Examples:
        >>> TicketStatus.PENDING.value
        'pending'
    """

    NEW = "new"
    OPEN = "open"
    PENDING = "pending"
    ON_HOLD = "on_hold"
    SOLVED = "solved"
    CLOSED = "closed"


class AuthorRole(StrEnum):
    """Who wrote a message.

    Examples:
        >>> AuthorRole.AGENT.is_team
        True
    """

    CUSTOMER = "customer"
    AGENT = "agent"
    BOT = "bot"
    SYSTEM = "system"

    @property
    def is_team(self) -> bool:
        """True for people on the shop's side (agents)."""
        return self is AuthorRole.AGENT


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _check_email(value: str | None) -> str | None:
    if value is not None and not _EMAIL.match(value):
        raise InvalidInputError(f"not an e-mail address: {value!r}")
    return value


NonEmptyStr = Annotated[str, Field(min_length=1)]


class Customer(CxModel):
    """A shop's customer as support sees them.

    ``timezone`` is ``None`` when the shop does not know it. cxcore then never assumes UTC:
    whatever shows the customer a time asks for the zone, and
    [Playbook.customer_timezone][cxcore.playbook.model.Playbook.customer_timezone] falls back to the
    shop's zone explicitly. ``segment`` (e.g. ``"vip"``) and ``tags`` are what policy conditions
    usually select customers by.

    Examples:
        >>> ayse = Customer(
        ...     id="C-7", name="Ayşe Yılmaz", locale="tr_TR", timezone="Europe/Istanbul"
        ... )
        >>> ayse.locale
        'tr-TR'
        >>> Customer(id="C-8").timezone_or("Europe/Warsaw")
        'Europe/Warsaw'
    """

    id: NonEmptyStr
    name: str = ""
    email: Annotated[str | None, AfterValidator(_check_email)] = None
    locale: LocaleTag = "en"
    timezone: TimezoneName | None = None
    segment: str | None = None
    tags: SortedSet[str] = frozenset()

    def timezone_or(self, fallback: str) -> str:
        """The customer's zone, else ``fallback`` (say which one: usually the shop's zone)."""
        return self.timezone if self.timezone is not None else fallback


class Message(CxModel):
    """One message in a conversation.

    ``in_reply_to`` names the message it answers; a reply cannot be earlier than that message.

    Examples:
        >>> from datetime import datetime, timezone
        >>> m = Message(id="M-1", author_role="agent", body="Hello!", channel="email",
        ...             at=datetime(2026, 5, 4, 9, tzinfo=timezone.utc))
        >>> m.public, m.author_role
        (True, <AuthorRole.AGENT: 'agent'>)
    """

    id: NonEmptyStr
    author_role: AuthorRole
    author_id: str | None = None
    public: bool = True
    channel: Channel
    body: str
    at: AwareDatetime
    in_reply_to: str | None = None

    @property
    def is_public_agent_reply(self) -> bool:
        """True for a public message by an agent: what SLA reply targets count."""
        return self.public and self.author_role is AuthorRole.AGENT


class _Event(CxModel):
    at: AwareDatetime
    actor: str | None = None


class StatusChange(_Event):
    """The ticket's status became ``status``.

    Examples:
        >>> from datetime import datetime, timezone
        >>> StatusChange(at=datetime(2026, 1, 1, tzinfo=timezone.utc), status="pending").kind
        'status'
    """

    kind: Literal["status"] = "status"
    status: TicketStatus


class PriorityChange(_Event):
    """The ticket's priority became ``priority``.

    Examples:
        >>> from datetime import datetime, timezone
        >>> PriorityChange(at=datetime(2026, 1, 1, tzinfo=timezone.utc), priority="urgent").priority
        <Priority.URGENT: 'urgent'>
    """

    kind: Literal["priority"] = "priority"
    priority: Priority


class MessageAdded(_Event):
    """A message was added; ``at`` equals the message's own time.

    Examples:
        >>> from datetime import datetime, timezone
        >>> t = datetime(2026, 1, 1, tzinfo=timezone.utc)
        >>> MessageAdded.of(Message(id="M-1", author_role="customer", channel="email", body="Hi",
        ...                         at=t)).at == t
        True
    """

    kind: Literal["message"] = "message"
    message: Message

    @classmethod
    def of(cls, message: Message, actor: str | None = None) -> Self:
        """Wrap ``message`` in an event at the message's own time."""
        return cls(at=message.at, actor=actor, message=message)

    @model_validator(mode="after")
    def _same_time(self) -> Self:
        # Compare instants: datetimes sharing a tzinfo compare by wall time (ignoring fold),
        # and an ambiguous local time never equals a time in another zone (PEP 495).
        if instant(self.at) != instant(self.message.at):
            raise TimelineError(
                f"message event at {self.at.isoformat()} differs from its message's time "
                f"{self.message.at.isoformat()}"
            )
        return self


class Assignment(_Event):
    """The ticket was assigned to an agent and/or a group (``None`` unassigns).

    Examples:
        >>> from datetime import datetime, timezone
        >>> at = datetime(2026, 1, 1, tzinfo=timezone.utc)
        >>> Assignment(at=at, assignee="agent-3").group is None
        True
    """

    kind: Literal["assignment"] = "assignment"
    assignee: str | None = None
    group: str | None = None


TicketEvent = Annotated[
    StatusChange | PriorityChange | MessageAdded | Assignment, Field(discriminator="kind")
]
"""Any event on a ticket's timeline, tagged by ``kind``."""


def _message_problem(message: Message, seen: dict[str, datetime]) -> str | None:
    """What is wrong with ``message`` given the earlier messages (id -> instant), if anything;
    records it in ``seen`` when it is fine."""
    if message.id in seen:
        return f": message id {message.id!r} is used twice"
    at = instant(message.at)
    if message.in_reply_to is not None:
        answered = seen.get(message.in_reply_to)
        if answered is None:
            return (
                f": message {message.id!r} replies to {message.in_reply_to!r},"
                " which is not an earlier message of this ticket"
            )
        if at < answered:
            return f": reply {message.id!r} is before the message it answers"
    seen[message.id] = at
    return None


class Ticket(CxModel):
    """A support ticket: who, where, about what, and its timeline of events.

    ``priority`` is the priority the ticket was created with;
    [`current_priority`][cxcore.tickets.Ticket.current_priority] and
    [`status`][cxcore.tickets.Ticket.status] are derived from the events. A new ticket's status is
    ``new``. Events must be in time order, none before ``created_at``, nothing after ``closed``, and
    a reply never before the message it answers; otherwise
    [`TimelineError`][cxcore.errors.TimelineError].

    Examples:
        >>> from datetime import datetime, timedelta, timezone
        >>> t0 = datetime(2026, 5, 4, 9, tzinfo=timezone.utc)
        >>> ticket = Ticket(id="T-2", customer=Customer(id="C-1"), channel="email", subject="Hi",
        ...                 created_at=t0)
        >>> ticket.with_event(StatusChange(at=t0 - timedelta(minutes=1), status="open"))
        Traceback (most recent call last):
        ...
        cxcore.errors.TimelineError: event 0 (status) at 2026-05-04T08:59:00+00:00 is before ...
    """

    id: NonEmptyStr
    customer: Customer
    channel: Channel
    subject: str = ""
    priority: Priority = Priority.NORMAL
    tags: SortedSet[str] = frozenset()
    locale: LocaleTag | None = None
    order_id: str | None = None
    created_at: AwareDatetime
    events: tuple[TicketEvent, ...] = ()

    @model_validator(mode="after")
    def _check_timeline(self) -> Self:
        # Compare instants: in the hour repeated when clocks go back, wall-clock comparison
        # (Python's rule for datetimes sharing a tzinfo) would misorder valid events.
        created = instant(self.created_at)
        previous, previous_at = created, self.created_at
        seen_messages: dict[str, datetime] = {}
        closed = False
        for index, event in enumerate(self.events):
            at = instant(event.at)
            problem: str | None = None
            if at < created:
                problem = f" is before the ticket was created at {self.created_at.isoformat()}"
            elif at < previous:
                problem = (
                    f" is earlier than the event before it ({previous_at.isoformat()}); "
                    "events must be in time order"
                )
            elif closed:
                problem = " comes after the ticket was closed"
            elif isinstance(event, MessageAdded):
                problem = _message_problem(event.message, seen_messages)
            elif isinstance(event, StatusChange) and event.status is TicketStatus.CLOSED:
                closed = True
            if problem is not None:
                # Described only on failure: formatting every event doubled the cost.
                raise TimelineError(
                    f"event {index} ({event.kind}) at {event.at.isoformat()}{problem}"
                )
            previous, previous_at = at, event.at
        return self

    @property
    def effective_locale(self) -> str:
        """The ticket's locale, else the customer's."""
        return self.locale or self.customer.locale

    @property
    def status(self) -> TicketStatus:
        """The current status: the last status change, or ``new``."""
        for event in reversed(self.events):
            if isinstance(event, StatusChange):
                return event.status
        return TicketStatus.NEW

    @property
    def current_priority(self) -> Priority:
        """The current priority: the last priority change, or the creation priority."""
        for event in reversed(self.events):
            if isinstance(event, PriorityChange):
                return event.priority
        return self.priority

    @property
    def status_history(self) -> tuple[tuple[datetime, TicketStatus], ...]:
        """``(at, status)`` pairs from creation on, derived from the events.

        Examples:
            >>> from datetime import datetime, timezone
            >>> t0 = datetime(2026, 5, 4, 9, tzinfo=timezone.utc)
            >>> Ticket(id="T", customer=Customer(id="C"), channel="email",
            ...        created_at=t0).status_history[0][1]
            <TicketStatus.NEW: 'new'>
        """
        history = [(self.created_at, TicketStatus.NEW)]
        for event in self.events:
            if isinstance(event, StatusChange):
                history.append((event.at, event.status))
        return tuple(history)

    @property
    def messages(self) -> tuple[Message, ...]:
        """Every message, in time order."""
        return tuple(e.message for e in self.events if isinstance(e, MessageAdded))

    @property
    def assignee(self) -> str | None:
        """The current assignee, if any."""
        for event in reversed(self.events):
            if isinstance(event, Assignment):
                return event.assignee
        return None

    def with_event(
        self, event: StatusChange | PriorityChange | MessageAdded | Assignment
    ) -> Ticket:
        """Return a new ticket with ``event`` appended (validated like the whole timeline)."""
        return self.with_events((event,))

    def with_events(
        self, events: tuple[StatusChange | PriorityChange | MessageAdded | Assignment, ...]
    ) -> Ticket:
        """Return a new ticket with ``events`` appended, validated."""
        data = dict(self.__dict__)
        data["events"] = self.events + tuple(events)
        return Ticket(**data)
