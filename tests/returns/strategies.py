"""Hypothesis strategies and small builders for return-policy tests."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from cxcore.money import Money
from cxcore.orders import Order, OrderLine, ProductCategory
from cxcore.returns import (
    ItemCondition,
    ReturnLine,
    ReturnReason,
    ReturnRequest,
)
from cxcore.returns.presets import JURISDICTIONS, store_right
from cxcore.returns.rules import (
    ConditionRequirement,
    FinalSale,
    RestockingFee,
    ReturnShipping,
    ReturnWindow,
)
from tests.strategies import orders

WARSAW = ZoneInfo("Europe/Warsaw")


def at(day: date, hour: int = 12, zone: ZoneInfo = WARSAW) -> datetime:
    """Noon (or ``hour``) local time on ``day``."""
    return datetime(day.year, day.month, day.day, hour, tzinfo=zone)


def order_of(
    *lines: OrderLine,
    ordered: date = date(2026, 4, 28),
    delivered: date | None = date(2026, 5, 4),
    shipping: str | None = None,
    currency: str = "PLN",
) -> Order:
    """An order with the given lines, ordered and delivered at noon Warsaw time."""
    return Order(
        id="O-1",
        customer_id="C-1",
        ordered_at=at(ordered),
        delivered_at=None if delivered is None else at(delivered),
        lines=lines,
        shipping_fee=None if shipping is None else Money.of(shipping, currency),
    )


def line(
    line_id: str = "1",
    *,
    price: str = "100.00",
    quantity: int = 1,
    category: ProductCategory = ProductCategory.STANDARD,
    delivered: date | None = None,
    final_sale: bool = False,
    sku: str | None = None,
    currency: str = "PLN",
    installed: date | None = None,
    hygiene_cleanable: bool | None = None,
) -> OrderLine:
    """An order line."""
    return OrderLine(
        id=line_id,
        sku=sku or f"SKU-{line_id}",
        name=f"Item {line_id}",
        category=category,
        unit_price=Money.of(price, currency),
        quantity=quantity,
        delivered_at=None if delivered is None else at(delivered),
        final_sale=final_sale,
        installed_at=None if installed is None else at(installed),
        hygiene_cleanable=hygiene_cleanable,
    )


def request_for(
    order: Order,
    on: date,
    reason: ReturnReason = ReturnReason.CHANGED_MIND,
    *,
    lines: list[ReturnLine] | None = None,
    hour: int = 12,
    **extra: object,
) -> ReturnRequest:
    """A request for every unit of every line (or ``lines``) made on ``on``."""
    chosen = lines or [ReturnLine(line_id=ol.id, quantity=ol.quantity) for ol in order.lines]
    return ReturnRequest(
        order_id=order.id,
        requested_at=at(on, hour),
        reason=reason,
        lines=chosen,
        customer_id="C-1",
        **extra,  # type: ignore[arg-type]
    )


preset_codes = st.sampled_from(sorted(JURISDICTIONS))


@st.composite
def return_requests(draw: st.DrawFn, order: Order, days_after_order: int) -> ReturnRequest:
    """A request for a random subset of ``order``'s lines, ``days_after_order`` days later."""
    picked = draw(
        st.lists(st.sampled_from(order.lines), min_size=1, max_size=len(order.lines), unique=True)
    )
    lines = [
        ReturnLine(
            line_id=ol.id,
            quantity=draw(st.integers(1, ol.quantity)),
            condition=draw(st.sampled_from(ItemCondition)),
            seal_broken=draw(st.booleans()),
            download_started=draw(st.booleans()),
            service_completed=draw(st.booleans()),
        )
        for ol in picked
    ]
    return ReturnRequest(
        order_id=order.id,
        requested_at=order.ordered_at + timedelta(days=days_after_order),
        reason=draw(st.sampled_from(ReturnReason)),
        lines=lines,
        customer_id=draw(st.sampled_from([order.customer_id, "someone-else"])),
    )


@st.composite
def order_and_days(draw: st.DrawFn) -> tuple[Order, int, int]:
    """A valid order and two request offsets in days after ordering, the first not later."""
    order = draw(orders())
    first = draw(st.integers(0, 900))
    second = draw(st.integers(first, 1200))
    return order, first, second


@st.composite
def store_rights(draw: st.DrawFn):  # type: ignore[no-untyped-def]
    """A store right: the standard template with random terms, or a hand-built one."""
    if draw(st.booleans()):
        return store_right(
            code="store.random",
            days=draw(st.integers(1, 400)),
            free_return_shipping=draw(st.booleans()),
            restocking_percent=draw(st.sampled_from([None, "5", "15"])),
            unused_only=draw(st.booleans()),
        )
    from cxcore.returns import BasisKind, LegalBasis, ReturnRight

    rules: list[object] = [ReturnWindow(days=draw(st.integers(1, 90)))]
    if draw(st.booleans()):
        rules.append(ConditionRequirement())
    if draw(st.booleans()):
        rules.append(FinalSale())
    if draw(st.booleans()):
        rules.append(RestockingFee(percent=draw(st.sampled_from(["0", "10", "100"]))))  # type: ignore[arg-type]
    if draw(st.booleans()):
        rules.append(ReturnShipping(paid_by=draw(st.sampled_from(["consumer", "merchant"]))))  # type: ignore[arg-type]
    basis = LegalBasis(code="store.custom", kind=BasisKind.STORE_POLICY, title="Custom")
    return ReturnRight(basis=basis, rules=tuple(rules))
