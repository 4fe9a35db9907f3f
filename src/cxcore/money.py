"""Money: an exact Decimal amount in one ISO 4217 currency.

Currency codes and their minor units come from CLDR through Babel, so JPY has no decimals,
EUR two and KWD three. Arithmetic is allowed only within one currency.

Examples:
    >>> price = Money.of("19.99", "PLN")
    >>> (price * 3).amount
    Decimal('59.97')
    >>> Money.of("10.005", "EUR").rounded().amount
    Decimal('10.01')
    >>> Money.of("15000", "JPY").format("pl")
    '15\\xa0000\\xa0JPY'
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import total_ordering
from typing import Annotated, Any, Self

from babel.numbers import format_currency
from pydantic import AfterValidator, BeforeValidator

from cxcore._currency import check_currency, minor_digits
from cxcore._locale import get_locale
from cxcore._model import CxModel
from cxcore.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    LimitExceededError,
)

__all__ = ["MAX_AMOUNT_DIGITS", "CurrencyCode", "Money", "minor_digits"]


def _to_decimal(value: Any) -> Decimal:
    if isinstance(value, bool | float):
        raise InvalidInputError(
            f"money amounts must be exact: pass a str, int or Decimal, not {value!r} "
            f"({type(value).__name__})"
        )
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int | str):
        try:
            result = Decimal(value)
        except InvalidOperation:
            raise InvalidInputError(f"not a decimal amount: {value!r}") from None
    else:
        raise InvalidInputError(f"not a decimal amount: {value!r} ({type(value).__name__})")
    if not result.is_finite():
        raise InvalidInputError(f"money amounts must be finite, got {value!r}")
    if result and result.adjusted() >= MAX_AMOUNT_DIGITS:
        raise LimitExceededError(
            f"money amount {value!r} is too large: amounts must be below 10**{MAX_AMOUNT_DIGITS} "
            "(Decimal's 28 significant digits must still hold the minor units)"
        )
    return result


MAX_AMOUNT_DIGITS = 18
"""Money amounts are below ``10**MAX_AMOUNT_DIGITS`` in absolute value."""


CurrencyCode = Annotated[str, AfterValidator(check_currency)]
"""An ISO 4217 currency code known to CLDR (raises
[`UnknownCurrencyError`][cxcore.errors.UnknownCurrencyError])."""

ExactDecimal = Annotated[Decimal, BeforeValidator(_to_decimal)]


@total_ordering
class Money(CxModel):
    """An amount of money in one currency.

    Amounts are kept exact (no rounding on construction, so unit prices may carry sub-cent
    precision); [`rounded`][cxcore.money.Money.rounded] rounds to the currency's minor unit. Floats
    are refused.

    Examples:
        >>> Money.of(5, "EUR") + Money.of("2.50", "EUR")
        Money(amount=Decimal('7.50'), currency='EUR')
        >>> Money.of("3", "EUR") < Money.of("4", "EUR")
        True
    """

    amount: ExactDecimal
    currency: CurrencyCode

    @classmethod
    def of(cls, amount: Decimal | int | str, currency: str) -> Self:
        """Build from an amount and a currency code.

        Examples:
            >>> Money.of("0.10", "EUR").amount
            Decimal('0.10')
        """
        return cls(amount=amount, currency=currency)  # type: ignore[arg-type]

    @classmethod
    def zero(cls, currency: str) -> Self:
        """Zero in ``currency``.

        Examples:
            >>> Money.zero("TRY")
            Money(amount=Decimal('0'), currency='TRY')
        """
        return cls.of(0, currency)

    @classmethod
    def from_minor(cls, units: int, currency: str) -> Self:
        """Build from an integer count of minor units (cents, kuruş, satang).

        Examples:
            >>> Money.from_minor(1999, "PLN").amount
            Decimal('19.99')
            >>> Money.from_minor(1999, "KWD").amount
            Decimal('1.999')
        """
        if isinstance(units, bool) or not isinstance(units, int):
            raise InvalidInputError(
                f"minor units are a whole number, got {units!r} ({type(units).__name__})"
            )
        digits = minor_digits(currency)
        return cls.of(Decimal(units).scaleb(-digits), currency)

    @property
    def minor_units(self) -> int:
        """The amount in minor units, after rounding half up.

        Examples:
            >>> Money.of("19.995", "EUR").minor_units
            2000
        """
        return int(self.rounded().amount.scaleb(minor_digits(self.currency)))

    def rounded(self, rounding: str = ROUND_HALF_UP) -> Money:
        """Round to the currency's minor unit (half up by default, as shops and tax law do).

        Examples:
            >>> Money.of("1234.5", "JPY").rounded().amount
            Decimal('1235')
        """
        quantum = Decimal(1).scaleb(-minor_digits(self.currency))
        return Money(
            amount=self.amount.quantize(quantum, rounding=rounding), currency=self.currency
        )

    def _same_currency(self, other: object, verb: str) -> Money:
        if not isinstance(other, Money):
            raise CurrencyMismatchError(f"cannot {verb} Money and {type(other).__name__}")
        if other.currency != self.currency:
            raise CurrencyMismatchError(
                f"cannot {verb} {self.currency} and {other.currency} amounts; "
                "convert one of them first"
            )
        return other

    def __add__(self, other: Money) -> Money:
        other = self._same_currency(other, "add")
        return Money(amount=self.amount + other.amount, currency=self.currency)

    def __sub__(self, other: Money) -> Money:
        other = self._same_currency(other, "subtract")
        return Money(amount=self.amount - other.amount, currency=self.currency)

    def __mul__(self, factor: int | Decimal) -> Money:
        if isinstance(factor, bool) or not isinstance(factor, int | Decimal):
            raise InvalidInputError(f"Money can be multiplied by an int or Decimal, not {factor!r}")
        return Money(amount=self.amount * factor, currency=self.currency)

    __rmul__ = __mul__

    def __neg__(self) -> Money:
        return Money(amount=-self.amount, currency=self.currency)

    def __lt__(self, other: Money) -> bool:
        other = self._same_currency(other, "compare")
        return self.amount < other.amount

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        return self.currency == other.currency and self.amount == other.amount

    def __hash__(self) -> int:
        return hash((self.amount, self.currency))

    def __bool__(self) -> bool:
        return bool(self.amount)

    def is_negative(self) -> bool:
        """True when the amount is below zero.

        Examples:
            >>> (-Money.of(1, "EUR")).is_negative()
            True
        """
        return self.amount < 0

    def allocate(self, ratios: list[int]) -> list[Money]:
        """Split into parts proportional to ``ratios`` without losing a minor unit; the remainder
        goes to the first parts.

        Examples:
            >>> [m.amount for m in Money.of("10", "EUR").allocate([1, 1, 1])]
            [Decimal('3.34'), Decimal('3.33'), Decimal('3.33')]
        """
        if isinstance(ratios, str) or not isinstance(ratios, list | tuple):
            raise InvalidInputError(f"ratios are a list of whole numbers, got {ratios!r}")
        for ratio in ratios:
            if isinstance(ratio, bool) or not isinstance(ratio, int):
                raise InvalidInputError(
                    f"ratios are whole numbers (write [1, 1], not [0.5, 0.5]), got {ratio!r}"
                )
        if not ratios or any(r < 0 for r in ratios) or sum(ratios) == 0:
            raise InvalidInputError(f"ratios must be non-negative with a positive sum: {ratios}")
        total = self.minor_units
        total_ratio = sum(ratios)
        shares = [total * r // total_ratio for r in ratios]
        for index in range(total - sum(shares)):
            shares[index % len(shares)] += 1
        return [Money.from_minor(share, self.currency) for share in shares]

    def format(self, locale: str, *, rounded: bool = True) -> str:
        """Format for people with CLDR rules of ``locale`` (symbol, separators, digits).

        Examples:
            >>> Money.of("12345.5", "PLN").format("pl")
            '12\\xa0345,50\\xa0zł'
            >>> Money.of("1234.5", "EUR").format("en")
            '€1,234.50'
        """
        value = self.rounded() if rounded else self
        return str(format_currency(value.amount, value.currency, locale=get_locale(locale)))

    def __str__(self) -> str:
        return f"{self.amount} {self.currency}"
