"""ISO 4217 currency codes and their minor units (CLDR through Babel), without the Money model.

Formatting a number with a currency (``{n, number, ::currency/EUR}``) needs the currency's
minor unit but not [`Money`][cxcore.Money]; keeping these look-ups out of `cxcore.money` lets a
message render without building pydantic models. [`is_money`][cxcore._currency.is_money] tells
a `Money` value apart without importing its module: no `Money` can exist before
`cxcore.money` has been imported.

Examples:
    >>> minor_digits("JPY"), minor_digits("EUR"), minor_digits("KWD")
    (0, 2, 3)
    >>> is_money(3)
    False
"""

from __future__ import annotations

import sys
from functools import lru_cache
from typing import TYPE_CHECKING, TypeGuard

from babel.numbers import get_currency_precision, list_currencies

from cxcore.errors import UnknownCurrencyError

if TYPE_CHECKING:
    from cxcore.money import Money

__all__ = ["check_currency", "is_money", "minor_digits"]


@lru_cache(maxsize=1)
def _currencies() -> frozenset[str]:
    return frozenset(list_currencies())


def check_currency(code: str) -> str:
    """``code`` if it is an ISO 4217 code known to CLDR, else
    [`UnknownCurrencyError`][cxcore.errors.UnknownCurrencyError].

    Examples:
        >>> check_currency("eur")
        Traceback (most recent call last):
        ...
        cxcore.errors.UnknownCurrencyError: unknown currency 'eur'; use an ISO 4217 code in \
upper case, e.g. 'EUR', 'PLN', 'TRY', 'THB'
    """
    if not isinstance(code, str) or code not in _currencies():
        raise UnknownCurrencyError(
            f"unknown currency {code!r}; use an ISO 4217 code in upper case, e.g. 'EUR', "
            "'PLN', 'TRY', 'THB'"
        )
    return code


@lru_cache(maxsize=512)
def minor_digits(currency: str) -> int:
    """Number of minor-unit digits of ``currency`` according to CLDR.

    Examples:
        >>> minor_digits("JPY"), minor_digits("EUR"), minor_digits("KWD")
        (0, 2, 3)
    """
    return int(get_currency_precision(check_currency(currency)))


def is_money(value: object) -> TypeGuard[Money]:
    """Whether ``value`` is a [`Money`][cxcore.Money] (or a subclass), importing nothing.

    Examples:
        >>> from cxcore.money import Money
        >>> is_money(Money.of("1", "EUR")), is_money("1 EUR")
        (True, False)
    """
    module = sys.modules.get("cxcore.money")
    return module is not None and isinstance(value, module.Money)
