"""Complaints as event streams: open one, append workflow events, read its state.

The state is never stored: every read replays the history kept in cxcore's event store, and
every append checks the event against the workflow on the replayed complaint before inserting
it. Two guards stop concurrent edits from being lost. A client sends the ``version`` it last
saw; if the complaint moved on since, cxcore's sequence check refuses the event (409). If two
requests read the same version at the same moment, both pass that check, and the database's
UNIQUE (stream_type, stream_id, sequence) constraint refuses the second insert (409 as well).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from uuid import uuid4

from fastapi import APIRouter, HTTPException
from pydantic import TypeAdapter, ValidationError

from cxcore.complaints import (
    ClosedUnresolved,
    ClosedWithoutVerification,
    Complaint,
    ComplaintEvent,
    ComplaintReceived,
    RemedyCarriedOut,
    RemedyOffered,
    UpdateSent,
    next_actions,
)

from ..deps import ClockDep, ComplaintStoreDep, Services, ServicesDep, TicketStoreDep
from ..schemas import ComplaintCreate, ComplaintOut, EventAppend, ReplyOut

router = APIRouter(prefix="/complaints", tags=["complaints"])

_EVENT: TypeAdapter[ComplaintEvent] = TypeAdapter(ComplaintEvent)
_SERVER_FIELDS = frozenset({"sequence", "at", "actor"})


@router.post("", status_code=201)
def open_complaint(
    body: ComplaintCreate,
    store: ComplaintStoreDep,
    tickets: TicketStoreDep,
    services: ServicesDep,
    clock: ClockDep,
) -> ComplaintOut:
    """Record a new complaint (event 1, ``received``); it starts in ``listen``."""
    customer, channel, order_id = body.customer, body.channel, body.order_id
    if body.ticket_id is not None:
        ticket = tickets.get(body.ticket_id)
        customer = customer or ticket.customer
        channel = channel or ticket.channel
        order_id = order_id or ticket.order_id
    if customer is None or channel is None:
        raise HTTPException(422, "give a ticket_id, or both customer and channel")
    now = clock.now()
    event = ComplaintReceived(
        sequence=1,
        at=now,
        actor=body.actor,
        complaint_id=f"CMP-{uuid4().hex[:10].upper()}",
        ticket_id=body.ticket_id,
        customer=customer,
        channel=channel,
        reason=body.reason,
        severity=body.severity,
        summary=body.summary,
        order_id=order_id,
        order_line_ids=tuple(body.order_line_ids),
        desired_outcome=body.desired_outcome,
    )
    complaint = store.start(event)
    store.session.commit()
    return _out(complaint, services, clock.now())


@router.get("/{complaint_id}")
def read_complaint(
    complaint_id: str, store: ComplaintStoreDep, services: ServicesDep, clock: ClockDep
) -> ComplaintOut:
    """The complaint rebuilt from its history, with the next steps and their deadlines."""
    return _out(store.load(complaint_id), services, clock.now())


@router.get("/{complaint_id}/events")
def read_history(complaint_id: str, store: ComplaintStoreDep) -> list[dict[str, Any]]:
    """The complaint's whole history, as stored."""
    return [json.loads(event.model_dump_json()) for event in store.history(complaint_id)]


# --8<-- [start:append]
@router.post("/{complaint_id}/events", status_code=201)
def append_event(
    complaint_id: str,
    body: EventAppend,
    store: ComplaintStoreDep,
    services: ServicesDep,
    clock: ClockDep,
) -> ComplaintOut:
    """Append one workflow event as number ``expected_version + 1``.

    409 when the complaint changed since ``expected_version`` or the workflow does not allow
    the event in the current stage; 422 when the event itself is malformed. The response
    carries the canned reply that goes with the event, in the customer's language.
    """
    complaint = store.load(complaint_id)
    event = _event(body, clock.now())
    updated = store.append(complaint, event)  # the workflow's checks, then the insert
    store.session.commit()
    return _out(updated, services, event.at, reply=_reply(updated, event, services))


# --8<-- [end:append]


def _event(body: EventAppend, now: datetime) -> ComplaintEvent:
    given = _SERVER_FIELDS & body.event.keys()
    if given:
        raise HTTPException(422, f"the server sets {', '.join(sorted(given))}; leave them out")
    data = {**body.event, "sequence": body.expected_version + 1, "at": now, "actor": body.actor}
    try:
        return _EVENT.validate_python(data)
    except ValidationError as exc:
        raise HTTPException(422, json.loads(exc.json(include_url=False))) from None


def _out(
    complaint: Complaint, services: Services, at: datetime, reply: ReplyOut | None = None
) -> ComplaintOut:
    return ComplaintOut.of(
        complaint,
        complaint.next_update_due(services.timers),
        next_actions(complaint, at=at, timers=services.timers),
        reply,
    )


def _reply(complaint: Complaint, event: ComplaintEvent, services: Services) -> ReplyOut | None:
    """The canned response that goes with ``event``, rendered for the complaint's customer."""
    key = type(event).response_key
    if key is None or key not in services.catalog:
        return None
    values: dict[str, object] = {
        "customer_name": complaint.customer.name,
        "complaint_id": complaint.id,
        "reason": complaint.reason.value,
    }
    due = complaint.next_update_due(services.timers)
    if due is not None:
        values["reply_by"] = values["next_update_by"] = due
    if isinstance(event, RemedyOffered | RemedyCarriedOut):
        remedy = event.remedies[0] if isinstance(event, RemedyOffered) else event.remedy
        values["remedy"] = remedy.kind.value
        if remedy.amount is not None:
            values["amount"] = remedy.amount
    if isinstance(event, RemedyCarriedOut):
        values["reference"] = event.reference
    if isinstance(event, UpdateSent):
        values["progress"] = event.note
    if isinstance(event, ClosedUnresolved):
        values["recourse_name"] = event.recourse.name
        values["recourse_url"] = event.recourse.url or ""
    if isinstance(event, ClosedWithoutVerification):
        values["attempts"] = event.contact_attempts
    declared = services.catalog.get(key).variables
    rendered = services.catalog.render(
        key,
        locale=complaint.customer.locale,
        channel=complaint.channel,
        values={name: value for name, value in values.items() if name in declared},
        tz=complaint.customer.timezone,
    )
    return ReplyOut.of(rendered)
