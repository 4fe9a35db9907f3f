"""Orders: one currency, delivery after ordering, multi-parcel deliveries."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given

from cxcore.errors import CurrencyMismatchError, InvalidInputError, TimelineError
from cxcore.money import Money
from cxcore.orders import Order, OrderLine, ProductCategory
from tests.roundtrip import assert_json_round_trip
from tests.strategies import orders

T0 = datetime(2026, 5, 4, 10, tzinfo=UTC)


def line(lid: str, price: str = "10", currency: str = "EUR", **extra: object) -> OrderLine:
    return OrderLine(
        id=lid,
        sku=f"SKU-{lid}",
        name="Thing",
        unit_price=Money.of(price, currency),
        **({"quantity": 1} | extra),  # type: ignore[arg-type]
    )


def test_total_includes_shipping() -> None:
    order = Order(
        id="O",
        customer_id="C",
        ordered_at=T0,
        lines=(line("1", "10"), line("2", "5.5")),
        shipping_fee=Money.of("4.99", "EUR"),
    )
    assert order.total == Money.of("20.49", "EUR")
    assert order.currency == "EUR"


def test_multi_parcel_delivery_runs_from_last_parcel() -> None:
    order = Order(
        id="O",
        customer_id="C",
        ordered_at=T0,
        delivered_at=T0 + timedelta(days=2),
        lines=(line("1", delivered_at=T0 + timedelta(days=5)), line("2")),
    )
    assert order.delivered_at_for("1") == T0 + timedelta(days=5)
    assert order.delivered_at_for("2") == T0 + timedelta(days=2)
    assert order.last_delivery_at == T0 + timedelta(days=5)


def test_undelivered_line_means_no_last_delivery() -> None:
    order = Order(id="O", customer_id="C", ordered_at=T0, lines=(line("1"),))
    assert order.last_delivery_at is None


def test_bad_orders() -> None:
    with pytest.raises(CurrencyMismatchError):
        Order(id="O", customer_id="C", ordered_at=T0, lines=(line("1"), line("2", currency="PLN")))
    with pytest.raises(TimelineError, match="before it was ordered"):
        Order(
            id="O",
            customer_id="C",
            ordered_at=T0,
            delivered_at=T0 - timedelta(days=1),
            lines=(line("1"),),
        )
    with pytest.raises(TimelineError, match="line '1' delivered"):
        Order(
            id="O",
            customer_id="C",
            ordered_at=T0,
            lines=(line("1", delivered_at=T0 - timedelta(days=1)),),
        )
    with pytest.raises(InvalidInputError, match="used twice"):
        Order(id="O", customer_id="C", ordered_at=T0, lines=(line("1"), line("1")))
    with pytest.raises(InvalidInputError, match="no line"):
        Order(id="O", customer_id="C", ordered_at=T0, lines=(line("1"),)).line("9")
    with pytest.raises(InvalidInputError, match="quantity"):
        OrderLine(id="1", sku="A", name="A", unit_price=Money.of("1", "EUR"), quantity=0)
    with pytest.raises(CurrencyMismatchError, match="shipping"):
        Order(
            id="O",
            customer_id="C",
            ordered_at=T0,
            lines=(line("1"),),
            shipping_fee=Money.of("1", "PLN"),
        )


def test_categories_cover_the_directive_exceptions() -> None:
    # Directive 2011/83/EU art. 16 (b), (c), (d), (e), (i), (j), (m) and services (art. 9(2)(a)).
    assert {c.value for c in ProductCategory} >= {
        "personalised",
        "perishable",
        "sealed_hygiene",
        "sealed_media",
        "digital_content",
        "periodical",
        "price_fluctuating",
        "service",
    }


@given(orders())
def test_order_json_round_trip(value: Order) -> None:
    assert_json_round_trip(value)


def test_last_parcel_is_the_latest_instant_across_the_autumn_dst_change() -> None:
    # Warsaw, 2026-10-25: 02:50 CEST comes 20 minutes before 02:10 CET (fold=1).
    from zoneinfo import ZoneInfo

    warsaw = ZoneInfo("Europe/Warsaw")
    early = datetime(2026, 10, 25, 2, 50, tzinfo=warsaw)
    late = datetime(2026, 10, 25, 2, 10, fold=1, tzinfo=warsaw)
    order = Order(
        id="O",
        customer_id="C",
        ordered_at=early,
        lines=(line("1", delivered_at=late), line("2", delivered_at=early)),
    )
    assert order.last_delivery_at is late


@pytest.mark.parametrize("quantity", [True, 2.0, "2"])
def test_a_quantity_must_be_a_real_integer(quantity: object) -> None:
    # OrderLine(quantity=True) used to make a line of one item.
    with pytest.raises(InvalidInputError, match="quantity"):
        line("1", quantity=quantity)
