"""Repositories: cxcore values in, cxcore values out; rows stay in here.

Each store works inside one SQLAlchemy session (one request). Ticket, complaint and return histories
are streams in cxcore's event store (``cxcore.store``), written through the session's own
connection, so they commit or roll back with the rest of the request. Appends only insert; when
someone else appended first, the store raises ``SequenceConflictError``, which the app answers
with HTTP 409 (and the session is rolled back).
"""

from __future__ import annotations

import json

from pydantic import TypeAdapter
from sqlalchemy import Engine, select

from cxcore import Order, Ticket
from cxcore.complaints import Complaint, ComplaintEvent, ComplaintReceived
from cxcore.returns import ReturnDecision
from cxcore.returns.lifecycle import EVENT_ADAPTER, ReturnCase, ReturnEvent
from cxcore.store import ComplaintStore as EventComplaintStore
from cxcore.store import EventCodec, EventStore
from cxcore.tickets import TicketEvent

from .db import EVENT_TABLES, OrderRow, ReturnDecisionRow, Session, TicketRow

TICKET_EVENTS: EventCodec[TicketEvent] = EventCodec("ticket", TypeAdapter(TicketEvent))


class NotFoundError(LookupError):
    """The ticket or order does not exist (HTTP 404); an unknown complaint raises cxcore's
    ``StreamNotFoundError``, answered the same way."""


def _engine(session: Session) -> Engine:
    bind = session.get_bind()
    return bind if isinstance(bind, Engine) else bind.engine


class TicketStore:
    """Tickets: a head row plus the event stream ``ticket``/``<id>``."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.events = EventStore(_engine(session), TICKET_EVENTS, tables=EVENT_TABLES)

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
        if ticket.events:
            self.events.append(
                ticket.id, ticket.events, expected_version=0, connection=self.session.connection()
            )

    def get(self, ticket_id: str) -> Ticket:
        """The ticket with its whole timeline; :class:`NotFoundError` if unknown."""
        row = self.session.get(TicketRow, ticket_id)
        if row is None:
            raise NotFoundError(f"no ticket {ticket_id!r}")
        return self._build(row)

    def append(self, ticket: Ticket, event: TicketEvent) -> Ticket:
        """Validate ``event`` against the ticket's timeline and store it as the next event."""
        updated = ticket.with_event(event)
        self.events.append(
            ticket.id,
            [event],
            expected_version=len(ticket.events),
            connection=self.session.connection(),
        )
        return updated

    def all(self) -> list[Ticket]:
        """Every ticket, oldest first."""
        rows = self.session.scalars(select(TicketRow).order_by(TicketRow.created_at)).all()
        return [self._build(row) for row in rows]

    def _build(self, row: TicketRow) -> Ticket:
        data = json.loads(row.head)
        events = self.events.load(row.id, connection=self.session.connection())
        data["events"] = list(events)
        return Ticket.model_validate(data)


class ComplaintStore:
    """Complaints as event streams: the state is always ``Complaint.replay(history)``."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.complaints = EventComplaintStore(_engine(session), tables=EVENT_TABLES)

    def history(self, complaint_id: str) -> tuple[ComplaintEvent, ...]:
        """Every event of the complaint, in sequence order."""
        return self.complaints.history(complaint_id, connection=self.session.connection())

    def load(self, complaint_id: str) -> Complaint:
        """The complaint rebuilt from its history (every event checked again)."""
        return self.complaints.get(complaint_id, connection=self.session.connection())

    def start(self, event: ComplaintReceived) -> Complaint:
        """Store a new complaint's first event."""
        return self.complaints.start(event, connection=self.session.connection())

    def append(self, complaint: Complaint, event: ComplaintEvent) -> Complaint:
        """Check ``event`` against the workflow and store it as the complaint's next event."""
        return self.complaints.append(complaint, event, connection=self.session.connection())

    def ids(self) -> list[str]:
        """Every complaint id, oldest first."""
        return self.complaints.ids(connection=self.session.connection())


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


RETURN_EVENTS: EventCodec[ReturnEvent] = EventCodec("return", EVENT_ADAPTER)


class ReturnStore:
    """Returns as event streams (``return``/``<id>``): the state is ``ReturnCase.replay``."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.events = EventStore(_engine(session), RETURN_EVENTS, tables=EVENT_TABLES)

    def history(self, return_id: str) -> tuple[ReturnEvent, ...]:
        """Every event of the return, in sequence order; :class:`NotFoundError` if none."""
        events = self.events.load(return_id, connection=self.session.connection())
        if not events:
            raise NotFoundError(f"no return {return_id!r}")
        return events

    def load(self, return_id: str) -> ReturnCase:
        """The return rebuilt from its history (every event checked again)."""
        return ReturnCase.replay(self.history(return_id))

    def append(self, case: ReturnCase, event: ReturnEvent) -> None:
        """Store ``event`` (already checked by ``case.apply``) as the return's next event;
        ``SequenceConflictError`` if someone else appended first."""
        self.events.append(
            case.id,
            [event],
            expected_version=event.sequence - 1,
            connection=self.session.connection(),
        )
