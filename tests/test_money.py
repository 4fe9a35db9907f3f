"""Money: exact amounts, CLDR minor units, one-currency arithmetic."""

from __future__ import annotations

from decimal import Decimal

import pytest
from babel.numbers import get_currency_precision
from hypothesis import given
from hypothesis import strategies as st

from cxcore.errors import (
    CurrencyMismatchError,
    CxError,
    InvalidInputError,
    LimitExceededError,
    UnknownCurrencyError,
)
from cxcore.money import Money, minor_digits
from tests.strategies import money


# Minor units per ISO 4217 (JPY 0, EUR 2, KWD 3), checked against Babel's CLDR data.
@pytest.mark.parametrize(
    ("currency", "digits", "amount", "rounded"),
    [
        ("JPY", 0, "1234.5", "1235"),
        ("JPY", 0, "1234.49", "1234"),
        ("EUR", 2, "10.005", "10.01"),
        ("EUR", 2, "10.004", "10.00"),
        ("KWD", 3, "1.2345", "1.235"),
        ("KWD", 3, "-1.2345", "-1.235"),
    ],
)
def test_rounding_follows_minor_units(
    currency: str, digits: int, amount: str, rounded: str
) -> None:
    assert minor_digits(currency) == digits == get_currency_precision(currency)
    assert Money.of(amount, currency).rounded().amount == Decimal(rounded)


def test_minor_units_round_trip() -> None:
    assert Money.from_minor(1999, "PLN") == Money.of("19.99", "PLN")
    assert Money.of("19.99", "PLN").minor_units == 1999
    assert Money.from_minor(500, "JPY").amount == Decimal(500)


def test_arithmetic_within_one_currency() -> None:
    a, b = Money.of("10.50", "EUR"), Money.of("0.25", "EUR")
    assert a + b == Money.of("10.75", "EUR")
    assert a - b == Money.of("10.25", "EUR")
    assert a * 2 == 2 * a == Money.of("21.00", "EUR")
    assert -a == Money.of("-10.50", "EUR")
    assert b < a
    assert max(a, b) is a


@pytest.mark.parametrize(
    "operation",
    [
        lambda a, b: a + b,
        lambda a, b: a - b,
        lambda a, b: a < b,
    ],
)
def test_mixing_currencies_is_refused(operation: object) -> None:
    with pytest.raises(CurrencyMismatchError) as info:
        operation(Money.of("1", "EUR"), Money.of("1", "PLN"))  # type: ignore[operator]
    assert "EUR" in str(info.value) and "PLN" in str(info.value)
    assert isinstance(info.value, ValueError) and isinstance(info.value, CxError)


def test_money_never_equals_other_currency_or_types() -> None:
    assert Money.of("1", "EUR") != Money.of("1", "USD")
    assert Money.of("1", "EUR") != Decimal(1)


@pytest.mark.parametrize("code", ["XYZ", "eur", "EURO", "", "€"])
def test_unknown_currency(code: str) -> None:
    with pytest.raises(UnknownCurrencyError, match="unknown currency"):
        Money.of("1", code)


@pytest.mark.parametrize("amount", [1.5, float("nan"), "abc", "Infinity", True, None])
def test_inexact_or_bad_amounts_are_refused(amount: object) -> None:
    with pytest.raises(InvalidInputError):
        Money.of(amount, "EUR")  # type: ignore[arg-type]


def test_multiplying_by_float_is_refused() -> None:
    with pytest.raises(InvalidInputError):
        Money.of("1", "EUR") * 1.5  # type: ignore[operator]


def test_formatting_through_babel() -> None:
    # Known strings from CLDR data as Babel renders it.
    assert Money.of("1234.5", "EUR").format("en") == "€1,234.50"
    assert Money.of("1234.5", "EUR").format("fi") == "1\xa0234,50\xa0€"
    assert Money.of("99.9", "THB").format("th") == "฿99.90"
    assert Money.of("99.9", "TRY").format("tr") == "₺99,90"


@given(money(), st.lists(st.integers(min_value=0, max_value=9), min_size=1, max_size=6))
def test_allocate_never_loses_a_minor_unit(value: Money, ratios: list[int]) -> None:
    if sum(ratios) == 0:
        ratios[0] = 1
    value = abs_money(value)
    parts = value.allocate(ratios)
    assert sum(p.minor_units for p in parts) == value.minor_units
    assert all(p.currency == value.currency for p in parts)


def abs_money(value: Money) -> Money:
    return -value if value.is_negative() else value


@given(money())
def test_json_round_trip(value: Money) -> None:
    assert Money.model_validate_json(value.model_dump_json()) == value


@given(money(currency="EUR"), money(currency="EUR"), money(currency="EUR"))
def test_addition_is_associative_and_commutative(a: Money, b: Money, c: Money) -> None:
    assert (a + b) + c == a + (b + c)
    assert a + b == b + a


@given(money())
def test_rounding_is_idempotent(value: Money) -> None:
    assert value.rounded().rounded() == value.rounded()
    assert (
        abs(value.rounded().amount - value.amount)
        <= Decimal(1).scaleb(-minor_digits(value.currency)) / 2
    )


# -- bad input raises CxError, never a bare exception or a silent result (issue 16) -------------


def test_an_amount_too_large_for_decimal_is_refused_when_made() -> None:
    # Money.of("1e30", "EUR").format("en") used to raise decimal.InvalidOperation.
    with pytest.raises(LimitExceededError, match=r"below 10\*\*18"):
        Money.of("1e30", "EUR")
    big = Money.of("999999999999999999", "EUR")
    assert big.format("en") == "€999,999,999,999,999,999.00"
    with pytest.raises(LimitExceededError):
        big + Money.of("1", "EUR")


@pytest.mark.parametrize("units", [1.5, True, "15", Decimal("15")])
def test_minor_units_must_be_a_whole_number(units: object) -> None:
    # Money.from_minor(1.5, "EUR") used to give 0.015 EUR silently.
    with pytest.raises(InvalidInputError, match="minor units are a whole number"):
        Money.from_minor(units, "EUR")  # type: ignore[arg-type]


@pytest.mark.parametrize("ratios", [[0.5, 0.5], [True, 1], "11", None])
def test_allocation_ratios_must_be_whole_numbers(ratios: object) -> None:
    with pytest.raises(InvalidInputError, match="ratios"):
        Money.of("10", "EUR").allocate(ratios)  # type: ignore[arg-type]
