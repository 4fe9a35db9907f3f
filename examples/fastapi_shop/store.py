"""Repositories: cxcore values in, cxcore values out; rows stay in here.

Each store works inside one SQLAlchemy session (one request). Appends only insert; a clash on
the (owner, sequence) constraint means someone else appended first and becomes
:class:`ConcurrentEditError`, which the app answers with HTTP 409.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from pydantic import TypeAdapter
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from cxcore import Order, Ticket
from cxcore.complaints import Complaint, ComplaintEvent
from cxcore.returns import ReturnDecision
from cxcore.returns.lifecycle import EVENT_ADAPTER, ReturnCase, ReturnEvent
from cxcore.tickets import TicketEvent

from .db import (
    ComplaintEventRow,
    OrderRow,
    ReturnDecisionRow,
    ReturnEventRow,
    Session,
    TicketEventRow,
    TicketRow,
)

_TICKET_EVENT: TypeAdapter[TicketEvent] = TypeAdapter(TicketEvent)
_COMPLAINT_EVENT: TypeAdapter[ComplaintEvent] = TypeAdapter(ComplaintEvent)


class NotFoundError(LookupError):
    """The ticket, complaint or order does not exist (HTTP 404)."""


class ConcurrentEditError(Exception):
    """Another request appended an event with the same sequence first (HTTP 409)."""

    def __init__(self, what: str, sequence: int) -> None:
        super().__init__(
            f"{what} was changed by someone else (event {sequence} already exists); "
            "reload it and try again"
        )
        self.sequence = sequence


def _insert_or_conflict(
    session: Session,
    row: TicketEventRow | ComplaintEventRow | ReturnEventRow,
    what: str,
    sequence: int,
) -> None:
    """Insert an event row now; a taken (owner, sequence) pair rolls the request back."""
    session.add(row)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        raise ConcurrentEditError(what, sequence) from None


class TicketStore:
    """Tickets: a head row plus an append-only event table."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, ticket: Ticket) -> None:
        """Insert a new ticket with its events."""
        head = ticket.model_dump_json(exclude={"events"})
        self.session.add(
            TicketRow(
                id=ticket.id,
                customer_id=ticket.customer.id,
                channel=ticket.channel.value,
                created_at=ticket.created_at,
                head=head,
            )
        )
        self.session.flush()
        for index, event in enumerate(ticket.events, start=1):
            self._insert(ticket.id, index, event)

    def get(self, ticket_id: str) -> Ticket:
        """The ticket with its whole timeline; :class:`NotFoundError` if unknown."""
        row = self.session.get(TicketRow, ticket_id)
        if row is None:
            raise NotFoundError(f"no ticket {ticket_id!r}")
        return self._build(row, self._events_of([ticket_id]).get(ticket_id, []))

    def append(self, ticket: Ticket, event: TicketEvent) -> Ticket:
        """Validate ``event`` against the ticket's timeline and store it as the next event."""
        updated = ticket.with_event(event)
        self._insert(ticket.id, len(updated.events), event)
        return updated

    def all(self) -> list[Ticket]:
        """Every ticket, oldest first."""
        rows = self.session.scalars(select(TicketRow).order_by(TicketRow.created_at)).all()
        events = self._events_of([row.id for row in rows])
        return [self._build(row, events.get(row.id, [])) for row in rows]

    def _insert(self, ticket_id: str, sequence: int, event: TicketEvent) -> None:
        row = TicketEventRow(
            ticket_id=ticket_id,
            sequence=sequence,
            kind=event.kind,
            at=event.at,
            payload=event.model_dump_json(),
        )
        _insert_or_conflict(self.session, row, f"ticket {ticket_id!r}", sequence)

    def _events_of(self, ticket_ids: Sequence[str]) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        if not ticket_ids:
            return found
        rows = self.session.execute(
            select(TicketEventRow.ticket_id, TicketEventRow.payload)
            .where(TicketEventRow.ticket_id.in_(ticket_ids))
            .order_by(TicketEventRow.ticket_id, TicketEventRow.sequence)
        ).all()
        for ticket_id, payload in rows:
            found.setdefault(ticket_id, []).append(payload)
        return found

    @staticmethod
    def _build(row: TicketRow, payloads: list[str]) -> Ticket:
        data = json.loads(row.head)
        data["events"] = [json.loads(payload) for payload in payloads]
        return Ticket.model_validate(data)


class ComplaintStore:
    """Complaints as event streams: the state is always ``Complaint.replay(history)``."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def history(self, complaint_id: str) -> tuple[ComplaintEvent, ...]:
        """Every event of the complaint, in sequence order; :class:`NotFoundError` if none."""
        payloads = self.session.scalars(
            select(ComplaintEventRow.payload)
            .where(ComplaintEventRow.complaint_id == complaint_id)
            .order_by(ComplaintEventRow.sequence)
        ).all()
        if not payloads:
            raise NotFoundError(f"no complaint {complaint_id!r}")
        return tuple(_COMPLAINT_EVENT.validate_json(payload) for payload in payloads)

    def load(self, complaint_id: str) -> Complaint:
        """The complaint rebuilt from its history (every event checked again)."""
        return Complaint.replay(self.history(complaint_id))

    def append(self, complaint_id: str, event: ComplaintEvent) -> None:
        """Insert one event; :class:`ConcurrentEditError` if its sequence is taken."""
        row = ComplaintEventRow(
            complaint_id=complaint_id,
            sequence=event.sequence,
            kind=event.kind,
            at=event.at,
            actor=event.actor,
            payload=event.model_dump_json(),
        )
        _insert_or_conflict(self.session, row, f"complaint {complaint_id!r}", event.sequence)

    def ids(self) -> list[str]:
        """Every complaint id, oldest first."""
        first = (
            select(ComplaintEventRow.complaint_id)
            .where(ComplaintEventRow.sequence == 1)
            .order_by(ComplaintEventRow.at, ComplaintEventRow.id)
        )
        return list(self.session.scalars(first).all())


class OrderStore:
    """Orders as the shop system reported them, and the return decisions taken on them."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def put(self, order: Order) -> None:
        """Insert or replace an order."""
        self.session.merge(
            OrderRow(id=order.id, customer_id=order.customer_id, payload=order.model_dump_json())
        )
        self.session.flush()

    def get(self, order_id: str) -> Order:
        """The order; :class:`NotFoundError` if unknown."""
        row = self.session.get(OrderRow, order_id)
        if row is None:
            raise NotFoundError(f"no order {order_id!r}")
        return Order.model_validate_json(row.payload)

    def record_decision(self, decision: ReturnDecision) -> int:
        """Keep a decision exactly as taken; returns its id."""
        row = ReturnDecisionRow(
            order_id=decision.order_id,
            decided_at=decision.decided_at,
            outcome=decision.outcome.value,
            payload=decision.model_dump_json(),
        )
        self.session.add(row)
        self.session.flush()
        return row.id

    def decisions(self, order_id: str) -> list[ReturnDecision]:
        """Every decision taken on the order, oldest first."""
        payloads = self.session.scalars(
            select(ReturnDecisionRow.payload)
            .where(ReturnDecisionRow.order_id == order_id)
            .order_by(ReturnDecisionRow.id)
        ).all()
        return [ReturnDecision.model_validate_json(p) for p in payloads]


class ReturnStore:
    """Returns as event streams, like complaints: the state is ``ReturnCase.replay(history)``."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def history(self, return_id: str) -> tuple[ReturnEvent, ...]:
        """Every event of the return, in sequence order; :class:`NotFoundError` if none."""
        payloads = self.session.scalars(
            select(ReturnEventRow.payload)
            .where(ReturnEventRow.return_id == return_id)
            .order_by(ReturnEventRow.sequence)
        ).all()
        if not payloads:
            raise NotFoundError(f"no return {return_id!r}")
        return tuple(EVENT_ADAPTER.validate_json(payload) for payload in payloads)

    def load(self, return_id: str) -> ReturnCase:
        """The return rebuilt from its history (every event checked again)."""
        return ReturnCase.replay(self.history(return_id))

    def append(self, case: ReturnCase, event: ReturnEvent) -> None:
        """Insert one event; :class:`ConcurrentEditError` if its sequence is taken."""
        row = ReturnEventRow(
            return_id=case.id,
            order_id=case.request.order_id,
            sequence=event.sequence,
            kind=event.kind,
            at=event.at,
            actor=event.actor,
            payload=event.model_dump_json(),
        )
        _insert_or_conflict(self.session, row, f"return {case.id!r}", event.sequence)
