"""Reusable hypothesis strategies for the foundation models.

Later parts import these (``from tests.strategies import tickets``) to build their own inputs.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from cxcore._time import later_by
from cxcore.money import Money
from cxcore.orders import Order, OrderLine, ProductCategory
from cxcore.tickets import (
    Assignment,
    AuthorRole,
    Channel,
    Customer,
    Message,
    MessageAdded,
    Priority,
    PriorityChange,
    StatusChange,
    Ticket,
    TicketStatus,
)

FIRST_CLASS_ZONES = (
    "Europe/Warsaw",
    "Europe/Riga",
    "Europe/Istanbul",
    "Europe/Helsinki",
    "Asia/Bangkok",
    "America/New_York",
    "UTC",
)
CURRENCIES = ("PLN", "EUR", "TRY", "THB", "USD", "GBP", "JPY", "KWD")
LOCALES = ("en", "pl", "lv", "tr", "fi", "th", "pl-PL", "en-GB", "th-TH", "tr-TR")

zone_names = st.sampled_from(FIRST_CLASS_ZONES)
ids = st.text(alphabet="ABCDEFGHJKLMNPQRSTUVWXYZ0123456789-", min_size=1, max_size=12)


@st.composite
def aware_datetimes(
    draw: st.DrawFn,
    min_value: datetime = datetime(2020, 1, 1),
    max_value: datetime = datetime(2030, 12, 31),
) -> datetime:
    """Aware datetimes in the first-class zones, whole seconds, DST gaps and folds included."""
    naive = draw(st.datetimes(min_value=min_value, max_value=max_value)).replace(microsecond=0)
    return naive.replace(tzinfo=ZoneInfo(draw(zone_names)))


amounts = st.decimals(
    min_value=Decimal("-100000"), max_value=Decimal("100000"), places=3, allow_nan=False
)


@st.composite
def money(draw: st.DrawFn, currency: str | None = None) -> Money:
    """Money in a common currency with up to three decimal places."""
    return Money.of(draw(amounts), currency or draw(st.sampled_from(CURRENCIES)))


customers = st.builds(
    Customer,
    id=ids,
    name=st.text(max_size=30),
    email=st.one_of(st.none(), st.just("someone@example.com")),
    locale=st.sampled_from(LOCALES),
    timezone=zone_names,
    segment=st.one_of(st.none(), st.sampled_from(["vip", "new", "b2b"])),
)


@st.composite
def orders(draw: st.DrawFn) -> Order:
    """Valid orders: one currency, delivery after ordering, unique line ids."""
    currency = draw(st.sampled_from(CURRENCIES))
    ordered_at = draw(aware_datetimes())
    count = draw(st.integers(min_value=1, max_value=4))
    lines = []
    for index in range(count):
        delivered = draw(st.one_of(st.none(), st.timedeltas(timedelta(0), timedelta(days=20))))
        lines.append(
            OrderLine(
                id=str(index + 1),
                sku=draw(ids),
                name=draw(st.text(max_size=20)),
                category=draw(st.sampled_from(ProductCategory)),
                unit_price=Money.of(draw(amounts.map(abs)), currency),
                quantity=draw(st.integers(min_value=1, max_value=5)),
                delivered_at=None if delivered is None else later_by(ordered_at, delivered),
                final_sale=draw(st.booleans()),
            )
        )
    shipping = draw(st.one_of(st.none(), money(currency=currency)))
    return Order(
        id=draw(ids),
        customer_id=draw(ids),
        ordered_at=ordered_at,
        delivered_at=later_by(ordered_at, timedelta(days=draw(st.integers(0, 10)))),
        lines=tuple(lines),
        shipping_fee=shipping,
    )


@st.composite
def tickets(draw: st.DrawFn, max_events: int = 12) -> Ticket:
    """Valid tickets with realistic timelines: messages, replies, status and priority changes."""
    created = draw(aware_datetimes())
    at = created
    events: list[StatusChange | PriorityChange | MessageAdded | Assignment] = []
    message_ids: list[str] = []
    channel = draw(st.sampled_from(Channel))
    closed = False
    for index in range(draw(st.integers(min_value=0, max_value=max_events))):
        if closed:
            break
        at = later_by(at, timedelta(seconds=draw(st.integers(0, 30 * 3600))))
        kind = draw(st.sampled_from(["message", "status", "priority", "assignment"]))
        if kind == "message":
            role = draw(st.sampled_from(AuthorRole))
            reply_to = None
            if message_ids:
                reply_to = draw(st.one_of(st.none(), st.sampled_from(message_ids)))
            message = Message(
                id=f"M-{index}",
                author_role=role,
                public=draw(st.booleans()),
                channel=channel,
                body=draw(st.text(max_size=40)),
                at=at,
                in_reply_to=reply_to,
            )
            message_ids.append(message.id)
            events.append(MessageAdded.of(message))
        elif kind == "status":
            status = draw(st.sampled_from(TicketStatus))
            closed = status is TicketStatus.CLOSED
            events.append(StatusChange(at=at, status=status))
        elif kind == "priority":
            events.append(PriorityChange(at=at, priority=draw(st.sampled_from(Priority))))
        else:
            events.append(Assignment(at=at, assignee=draw(st.one_of(st.none(), ids))))
    return Ticket(
        id=draw(ids),
        customer=draw(customers),
        channel=channel,
        subject=draw(st.text(max_size=30)),
        priority=draw(st.sampled_from(Priority)),
        tags=frozenset(draw(st.lists(st.sampled_from(["vip", "refund", "damaged"])))),
        locale=draw(st.one_of(st.none(), st.sampled_from(LOCALES))),
        order_id=draw(st.one_of(st.none(), ids)),
        created_at=created,
        events=tuple(events),
    )


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """Shorthand for a UTC datetime in tests."""
    return datetime(year, month, day, hour, minute, tzinfo=UTC)
