"""The narrated walkthrough behind ``cxcore demo``: fixed data, fixed clock, stable output.

>>> lines = list(demo_lines())
>>> lines[0]
'cxcore demo: a walk through the core models'
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from cxcore.errors import CxError
from cxcore.money import Money
from cxcore.orders import Order, OrderLine, ProductCategory
from cxcore.tickets import (
    AuthorRole,
    Channel,
    Customer,
    Message,
    MessageAdded,
    Priority,
    StatusChange,
    Ticket,
    TicketStatus,
)

__all__ = ["demo_lines"]

WARSAW = ZoneInfo("Europe/Warsaw")


def demo_lines() -> Iterator[str]:
    """Yield the lines of the walkthrough, one at a time."""
    start = datetime(2026, 11, 23, 9, 12, tzinfo=WARSAW)
    yield "cxcore demo: a walk through the core models"
    yield ""
    customer = Customer(
        id="C-1042",
        name="Anna Nowak",
        email="anna.nowak@example.pl",
        locale="pl_PL",
        timezone="Europe/Warsaw",
    )
    yield f"1. A customer writes in: {customer.name} <{customer.email}>, locale {customer.locale}"
    order = Order(
        id="PL-2026-0815",
        customer_id=customer.id,
        ordered_at=start - timedelta(days=6),
        delivered_at=start - timedelta(days=1),
        lines=(
            OrderLine(
                id="1",
                sku="MUG-CER-01",
                name="Ceramic mug",
                unit_price=Money.of("39.90", "PLN"),
                quantity=2,
            ),
            OrderLine(
                id="2",
                sku="TEA-GRN-100",
                name="Green tea 100 g",
                category=ProductCategory.PERISHABLE,
                unit_price=Money.of("24.50", "PLN"),
                quantity=1,
            ),
        ),
        shipping_fee=Money.of("12.99", "PLN"),
    )
    yield f"   Order {order.id}: {len(order.lines)} lines, total {order.total.format('pl')}"
    first = Message(
        id="M-1",
        author_role=AuthorRole.CUSTOMER,
        channel=Channel.EMAIL,
        body="Dzień dobry, jeden kubek przyszedł stłuczony.",
        at=start,
    )
    ticket = Ticket(
        id="T-7001",
        customer=customer,
        channel=Channel.EMAIL,
        subject="Stłuczony kubek",
        priority=Priority.HIGH,
        order_id=order.id,
        created_at=start,
        events=(MessageAdded.of(first),),
    )
    yield f"2. Ticket {ticket.id} opened on {ticket.channel} with priority {ticket.priority}"
    yield f"   status is derived from events: {ticket.status}"
    reply = Message(
        id="M-2",
        author_role=AuthorRole.AGENT,
        author_id="agent-ola",
        channel=Channel.EMAIL,
        body="Przepraszamy! Wyślemy nowy kubek jeszcze dziś.",
        at=start + timedelta(minutes=38),
        in_reply_to="M-1",
    )
    ticket = ticket.with_events(
        (
            StatusChange(at=reply.at, status=TicketStatus.OPEN, actor="agent-ola"),
            MessageAdded.of(reply, actor="agent-ola"),
            StatusChange(at=reply.at, status=TicketStatus.PENDING, actor="agent-ola"),
        )
    )
    waited = reply.at - first.at
    yield f"3. An agent replies after {int(waited.total_seconds() // 60)} minutes; status now"
    yield f"   {ticket.status}; history: " + " -> ".join(s for _, s in ticket.status_history)
    yield ""
    yield "4. Bad input is refused with a typed error, never a silent wrong answer:"
    for label, attempt in _bad_inputs(ticket, start):
        try:
            attempt()
        except CxError as exc:
            yield f"   {label}: {type(exc).__name__}: {str(exc).splitlines()[0]}"
    yield ""
    dumped = ticket.model_dump_json()
    same = Ticket.model_validate_json(dumped) == ticket
    yield f"5. The ticket dumps to {len(dumped)} bytes of JSON and reloads equal: {same}"
    schema = Ticket.model_json_schema()
    yield f"   JSON Schema title {schema['title']!r} with {len(schema['properties'])} properties:"
    yield "   " + ", ".join(schema["properties"])
    yield "   first message as JSON:"
    yield "   " + json.dumps(json.loads(first.model_dump_json()), ensure_ascii=False)


def _bad_inputs(ticket: Ticket, start: datetime) -> list[tuple[str, Callable[[], None]]]:
    def naive() -> None:
        Message(
            id="M-x",
            author_role=AuthorRole.AGENT,
            channel=Channel.EMAIL,
            body="x",
            at=datetime(2026, 11, 23, 10, 0),  # noqa: DTZ001 - the point of the example
        )

    def currency() -> None:
        Money.of("10", "EUR") + Money.of("10", "PLN")

    def early() -> None:
        ticket.with_event(StatusChange(at=start - timedelta(hours=1), status=TicketStatus.OPEN))

    def locale() -> None:
        Customer(id="C-2", locale="xx-QQ")

    return [
        ("naive datetime", naive),
        ("mixed currencies", currency),
        ("event before creation", early),
        ("unknown locale", locale),
    ]
