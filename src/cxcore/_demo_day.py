"""The simulated shop day behind ``cxcore demo``: customers, orders and tickets.

Everything here is fixed data (the background traffic comes from a seeded random stream), so
the walkthrough in `cxcore._demo` prints the same lines on every run.

Examples:
    >>> len(story_tickets()), len(background(random.Random(SEED)))
    (6, 30)
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

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

__all__ = [
    "ANNA",
    "DEMO_DAY",
    "JONAS",
    "SEED",
    "WARSAW",
    "anna_order",
    "at",
    "background",
    "jonas_order",
    "make_ticket",
    "message",
    "story_tickets",
]

WARSAW = ZoneInfo("Europe/Warsaw")
DEMO_DAY = date(2026, 11, 10)
"""The simulated day: a Tuesday; Wednesday 11 November is Polish Independence Day."""
SEED = 20261110
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def at(hour: int, minute: int, day: date = DEMO_DAY) -> datetime:
    """A Warsaw wall time on the demo day (or ``day``).

    Examples:
        >>> at(9, 30).isoformat()
        '2026-11-10T09:30:00+01:00'
    """
    return datetime.combine(day, time(hour, minute), tzinfo=WARSAW)


def message(
    ticket: str, number: int, role: AuthorRole, channel: Channel, at: datetime, body: str = ""
) -> MessageAdded:
    """A public message on ``channel`` by an agent (``agent-ola``) or the customer."""
    message = Message(
        id=f"{ticket}-m{number}",
        author_role=role,
        author_id="agent-ola" if role is AuthorRole.AGENT else None,
        channel=channel,
        body=body,
        at=at,
    )
    return MessageAdded.of(message)


def make_ticket(
    ticket_id: str,
    customer: Customer,
    channel: Channel,
    created: datetime,
    subject: str,
    reply_after: timedelta | None,
    solve_after: timedelta | None = None,
    priority: Priority = Priority.NORMAL,
) -> Ticket:
    """A ticket opened by the customer's message, answered after ``reply_after`` and solved
    after ``solve_after`` (either may be ``None``)."""
    events: list[StatusChange | MessageAdded] = [
        message(ticket_id, 1, AuthorRole.CUSTOMER, channel, created, subject)
    ]
    if reply_after is not None:
        events.append(StatusChange(at=created + reply_after, status=TicketStatus.OPEN))
        events.append(message(ticket_id, 2, AuthorRole.AGENT, channel, created + reply_after))
        if solve_after is not None:
            events.append(StatusChange(at=created + solve_after, status=TicketStatus.SOLVED))
    return Ticket(
        id=ticket_id,
        customer=customer,
        channel=channel,
        subject=subject,
        priority=priority,
        created_at=created,
        events=tuple(events),
    )


ANNA = Customer(
    id="C-1042",
    name="Anna Nowak",
    email="anna@example.pl",
    locale="pl-PL",
    timezone="Europe/Warsaw",
)
LIAM = Customer(id="C-2210", name="Liam Byrne", locale="en-IE", timezone="Europe/Dublin")
JONAS = Customer(id="C-3377", name="Jonas Weber", locale="de-DE", timezone="Europe/Berlin")
SOFIA = Customer(id="C-4120", name="Sofia Rossi", locale="it-IT", timezone="Europe/Rome")
PIOTR = Customer(id="C-5051", name="Piotr Zieliński", locale="pl", timezone="Europe/Warsaw")


def story_tickets() -> list[Ticket]:
    """The six tickets the demo narrates, in arrival order."""
    minutes = timedelta(minutes=1)
    return [
        make_ticket(
            "T-1001",
            LIAM,
            Channel.LIVE_CHAT,
            at(8, 41),
            "Do you ship to Ireland?",
            3 * minutes,
            9 * minutes,
        ),
        make_ticket(
            "T-1002",
            ANNA,
            Channel.EMAIL,
            at(9, 20),
            "Stłuczony kubek w paczce",
            11 * minutes,
            None,
            Priority.HIGH,
        ),
        make_ticket(
            "T-1003",
            PIOTR,
            Channel.PHONE,
            at(10, 5),
            "Faktura na firmę",
            2 * minutes,
            14 * minutes,
        ),
        make_ticket(
            "T-1004",
            JONAS,
            Channel.MARKETPLACE,
            at(13, 10),
            "Return of a necklace",
            210 * minutes,
            260 * minutes,
        ),
        make_ticket("T-1005", SOFIA, Channel.EMAIL, at(16, 40), "Gift wrapping?", None),
        make_ticket(
            "T-1006", LIAM, Channel.LIVE_CHAT, at(19, 58), "Is the amber ring real amber?", None
        ),
    ]


def background(rng: random.Random) -> list[Ticket]:
    """Thirty more tickets of the day, drawn from ``rng`` (answers, follow-ups, solutions)."""
    channels = [Channel.EMAIL] * 5 + [Channel.LIVE_CHAT] * 4 + [Channel.WEB_FORM] * 2
    channels += [Channel.PHONE]
    tickets = []
    for number in range(1, 31):
        channel = rng.choice(channels)
        hour = (
            rng.choice([8, 9, 9, 10, 10, 11, 12, 13, 14, 14, 15, 16])
            if channel is not (Channel.PHONE)
            else rng.choice([10, 11, 14, 15])
        )
        created = at(hour, rng.randrange(60))
        chat = channel is Channel.LIVE_CHAT
        if rng.random() < 0.1:
            reply = None
        elif chat:
            reply = timedelta(seconds=rng.randrange(20, 480))
        else:
            reply = timedelta(minutes=rng.randrange(5, 300))
        solve = None
        if reply is not None and rng.random() < 0.7:
            solve = reply + timedelta(minutes=rng.randrange(2, 120))
        customer = Customer(id=f"C-{9000 + number}", locale=rng.choice(["pl", "pl", "en", "de"]))
        ticket = make_ticket(f"T-{2000 + number}", customer, channel, created, "", reply, None)
        if reply is not None and rng.random() < 0.3:
            # the customer writes again; the second answer settles it
            again = created + reply + timedelta(minutes=rng.randrange(5, 60))
            answer = again + timedelta(minutes=rng.randrange(3, 90))
            ticket = ticket.with_events(
                (
                    message(ticket.id, 3, AuthorRole.CUSTOMER, channel, again),
                    message(ticket.id, 4, AuthorRole.AGENT, channel, answer),
                )
            )
            solve = answer - created + timedelta(minutes=rng.randrange(1, 30))
        if solve is not None:
            ticket = ticket.with_event(StatusChange(at=created + solve, status=TicketStatus.SOLVED))
        tickets.append(ticket)
    return tickets


def anna_order() -> Order:
    """Anna's order: two mugs (one arrived broken) and a perishable tea."""
    return Order(
        id="PL-2026-0815",
        customer_id=ANNA.id,
        ordered_at=at(18, 2, date(2026, 11, 5)),
        delivered_at=at(15, 10, date(2026, 11, 9)),
        country="PL",
        shipping_fee=Money.of("14.99", "PLN"),
        lines=(
            OrderLine(
                id="1",
                sku="MUG-CER-01",
                name="Kubek ceramiczny",
                quantity=2,
                unit_price=Money.of("39.90", "PLN"),
            ),
            OrderLine(
                id="2",
                sku="TEA-GRN-100",
                name="Zielona herbata 100 g",
                quantity=1,
                category=ProductCategory.PERISHABLE,
                unit_price=Money.of("24.50", "PLN"),
            ),
        ),
    )


def jonas_order() -> Order:
    """Jonas's order from Berlin: an amber necklace and a perishable tea."""
    return Order(
        id="PL-2026-0702",
        customer_id=JONAS.id,
        ordered_at=at(20, 15, date(2026, 10, 14)),
        delivered_at=at(11, 40, date(2026, 10, 20)),
        country="DE",
        shipping_fee=Money.of("9.90", "EUR"),
        lines=(
            OrderLine(
                id="1",
                sku="AMB-NECK-07",
                name="Amber necklace",
                quantity=1,
                unit_price=Money.of("59.00", "EUR"),
            ),
            OrderLine(
                id="2",
                sku="TEA-BLK-050",
                name="Black tea 50 g",
                quantity=1,
                category=ProductCategory.PERISHABLE,
                unit_price=Money.of("6.50", "EUR"),
            ),
        ),
    )
