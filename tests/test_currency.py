"""Currency look-ups without the Money model, and telling Money apart without importing it."""

from __future__ import annotations

import subprocess
import sys

import pytest
from babel.numbers import get_currency_precision

from cxcore._currency import check_currency, is_money, minor_digits
from cxcore.errors import UnknownCurrencyError
from cxcore.money import Money


@pytest.mark.parametrize("code", ["EUR", "JPY", "KWD", "PLN", "THB"])
def test_minor_digits_follow_cldr(code: str) -> None:
    assert minor_digits(code) == get_currency_precision(code)


@pytest.mark.parametrize("code", ["eur", "XYZ", "", 978])
def test_unknown_codes_are_refused(code: object) -> None:
    with pytest.raises(UnknownCurrencyError, match="unknown currency"):
        check_currency(code)  # type: ignore[arg-type]


def test_is_money_recognises_money_and_its_subclasses() -> None:
    class Price(Money):
        pass

    assert is_money(Money.of("1", "EUR"))
    assert is_money(Price.of("1", "EUR"))
    assert not is_money("1 EUR") and not is_money(None) and not is_money(Money)


def test_is_money_imports_nothing() -> None:
    code = (
        "import sys\nfrom cxcore._currency import is_money\n"
        "assert not is_money(3)\nassert 'cxcore.money' not in sys.modules\n"
        "assert 'pydantic' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
