"""Tickets: open, add messages, change status or priority, read SLA status, render replies."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any
from uuid import uuid4
from zoneinfo import ZoneInfo

from fastapi import APIRouter

from cxcore import AuthorRole, Message, MessageAdded, PriorityChange, StatusChange, Ticket
from cxcore.sla import evaluate, expected_reply_by, promise_text

from ..deps import ClockDep, Services, ServicesDep, TicketStoreDep
from ..schemas import (
    MessageCreate,
    PriorityUpdate,
    ReplyOut,
    ReplyRequest,
    SlaStatusOut,
    StatusUpdate,
    TicketCreate,
    TicketOut,
)
from ..values import from_json

router = APIRouter(prefix="/tickets", tags=["tickets"])


@router.post("", status_code=201)
def open_ticket(body: TicketCreate, store: TicketStoreDep, clock: ClockDep) -> TicketOut:
    """Open a ticket now; a first message from the customer is added with it."""
    now = clock.now()
    ticket = Ticket(
        id=f"T-{uuid4().hex[:10].upper()}",
        customer=body.customer,
        channel=body.channel,
        subject=body.subject,
        priority=body.priority,
        order_id=body.order_id,
        locale=body.locale,
        created_at=now,
    )
    if body.message:
        first = Message(
            id=f"{ticket.id}-1",
            author_role=AuthorRole.CUSTOMER,
            author_id=body.customer.id,
            channel=body.channel,
            body=body.message,
            at=now,
        )
        ticket = ticket.with_event(MessageAdded.of(first))
    store.add(ticket)
    store.session.commit()
    return TicketOut.of(ticket)


@router.get("/{ticket_id}")
def read_ticket(ticket_id: str, store: TicketStoreDep) -> TicketOut:
    """The ticket with its messages."""
    return TicketOut.of(store.get(ticket_id))


@router.post("/{ticket_id}/messages", status_code=201)
def add_message(
    ticket_id: str, body: MessageCreate, store: TicketStoreDep, clock: ClockDep
) -> TicketOut:
    """Add a message now. A public agent message is what SLA reply targets count."""
    ticket = store.get(ticket_id)
    message = Message(
        id=f"{ticket.id}-{len(ticket.events) + 1}",
        author_role=body.author_role,
        author_id=body.author_id,
        public=body.public,
        channel=body.channel or ticket.channel,
        body=body.body,
        at=clock.now(),
        in_reply_to=body.in_reply_to,
    )
    ticket = store.append(ticket, MessageAdded.of(message, actor=body.author_id))
    store.session.commit()
    return TicketOut.of(ticket)


@router.post("/{ticket_id}/status")
def change_status(
    ticket_id: str, body: StatusUpdate, store: TicketStoreDep, clock: ClockDep
) -> TicketOut:
    """Change the status now."""
    ticket = store.get(ticket_id)
    event = StatusChange(at=clock.now(), actor=body.actor, status=body.status)
    ticket = store.append(ticket, event)
    store.session.commit()
    return TicketOut.of(ticket)


@router.post("/{ticket_id}/priority")
def change_priority(
    ticket_id: str, body: PriorityUpdate, store: TicketStoreDep, clock: ClockDep
) -> TicketOut:
    """Change the priority now."""
    ticket = store.get(ticket_id)
    event = PriorityChange(at=clock.now(), actor=body.actor, priority=body.priority)
    ticket = store.append(ticket, event)
    store.session.commit()
    return TicketOut.of(ticket)


@router.get("/{ticket_id}/sla")
def sla_status(
    ticket_id: str, store: TicketStoreDep, services: ServicesDep, clock: ClockDep
) -> SlaStatusOut:
    """Every SLA clock of the ticket as of now, with the reply promise for the customer."""
    ticket = store.get(ticket_id)
    at = clock.now().astimezone(ZoneInfo(services.calendar.timezone))
    report = evaluate(ticket, services.policy, services.calendar, at)
    expected = expected_reply_by(ticket, services.policy, services.calendar, at, report=report)
    promise = promise_text(ticket, services.policy, services.calendar, at, report=report)
    return SlaStatusOut.of(report, expected, promise)


@router.post("/{ticket_id}/replies")
def render_reply(
    ticket_id: str,
    body: ReplyRequest,
    store: TicketStoreDep,
    services: ServicesDep,
    clock: ClockDep,
) -> ReplyOut:
    """Render a canned response for the ticket's customer, in their language and time zone.

    Nothing is sent or stored: the agent reviews the text and posts it as a message.
    """
    ticket = store.get(ticket_id)
    catalog = services.catalog
    declared = catalog.get(body.key).variables
    values: dict[str, Any] = dict(_ticket_values(ticket, services, clock.now(), declared))
    values.update(from_json(declared, body.values))
    rendered = catalog.render(
        body.key,
        locale=ticket.effective_locale,
        channel=body.channel or ticket.channel,
        values=values,
        tz=ticket.customer.timezone,
    )
    return ReplyOut.of(rendered)


def _ticket_values(
    ticket: Ticket, services: Services, now: datetime, declared: Mapping[str, object]
) -> dict[str, object]:
    """Values a response can take from the ticket itself."""
    values: dict[str, object] = {}
    if "ticket_id" in declared:
        values["ticket_id"] = ticket.id
    if "order_id" in declared and ticket.order_id:
        values["order_id"] = ticket.order_id
    if "reply_by" in declared:
        due = expected_reply_by(ticket, services.policy, services.calendar, now)
        if due is not None:
            values["reply_by"] = due
    if "opens_at" in declared:
        values["opens_at"] = services.calendar.next_open(now)
    return values
