"""CLDR number patterns compiled for one locale: plain numbers, percentages and money.

Babel's ``NumberPattern.apply`` re-reads the locale's symbols and re-parses affixes on every
call. `NumberFormat` does that work once per (locale, pattern, currency) and formats
plain patterns with string operations only, delegating unusual patterns (significant digits,
scientific notation, scaling, currency names) to Babel.

The string path is a shortcut through the general formatter (`format_spec`, which reads
every symbol and pattern from the installed Babel's CLDR data), and CLDR data changes under it
(new symbols, new patterns). So each compiled format proves itself against the general
formatter on a set of probe values when it is built, and uses the general formatter for every
call if any probe differs, whatever Babel release is installed.

Examples:
    >>> from cxcore._locale import get_locale
    >>> NumberFormats(get_locale("pl")).get(None, None)(1234.5)
    '1\\xa0234,5'
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import TypeGuard, cast

from babel import Locale
from babel.numbers import NumberPattern, parse_pattern

from cxcore._currency import minor_digits
from cxcore.errors import TemplateError
from cxcore.responses._number_patterns import (
    NumberSpec,
    format_spec,
    parse_number_pattern,
    render_affix,
)
from cxcore.responses._number_skeletons import skeleton_spec

__all__ = [
    "NUMBER_STYLES",
    "NumberFormat",
    "NumberFormats",
    "is_number",
    "number_pattern",
    "number_spec",
]

NUMBER_STYLES: tuple[str, ...] = ("integer", "percent", "currency", "decimal")
"""The named number styles (``{n, number, percent}``); any other style is a CLDR pattern."""


def is_number(value: object) -> TypeGuard[int | Decimal | float]:
    """Whether ``value`` is a number a template can format (``bool`` is not).

    Examples:
        >>> is_number(3), is_number(Decimal("2.5")), is_number(True), is_number("3")
        (True, True, False, False)
    """
    return isinstance(value, int | Decimal | float) and not isinstance(value, bool)


def number_pattern(locale: Locale, style: str | None, currency: str | None) -> NumberPattern:
    """The CLDR pattern for ``style``: the locale's decimal, percent or currency format, the
    integer pattern, or ``style`` itself parsed as a pattern.

    Examples:
        >>> from cxcore._locale import get_locale
        >>> number_pattern(get_locale("en"), "percent", None).pattern
        '#,##0%'
    """
    return number_spec(locale, style, currency).pattern


def number_spec(locale: Locale, style: str | None, currency: str | None) -> NumberSpec:
    """The full format for ``style`` (see
    [number_pattern][cxcore.responses._numbers.number_pattern]), ICU's additions included.

    Examples:
        >>> from cxcore._locale import get_locale
        >>> number_spec(get_locale("en"), "#,##0.05", None).increment
        Decimal('0.05')
    """
    if style is None or style == "decimal":
        if currency:
            return _spec(locale.currency_formats["standard"])
        return _spec(locale.decimal_formats[None])
    if style == "integer":
        return _spec(parse_pattern("#,##0"))
    if style == "percent":
        return _spec(locale.percent_formats[None])
    if style == "currency":
        return _spec(locale.currency_formats["standard"])
    if style.startswith("::"):
        return skeleton_spec(locale, style[2:])
    return parse_number_pattern(style)


def _spec(pattern: object) -> NumberSpec:
    found = cast(NumberPattern, pattern)
    return NumberSpec(found, tuple(found.prefix), tuple(found.suffix))


# Values that exercise every part of the string path: zero, signs, one to seven whole digits
# (grouping and CLDR's minimum grouping digits), fractions that round, trailing zeros.
_NUMBER_PROBES: tuple[int | Decimal, ...] = (
    0,
    7,
    -42,
    1000,
    12345,
    -1234567,
    10**12,
    Decimal("0.5"),
    Decimal("-1234.5678"),
    Decimal("1000000.25"),
    Decimal("12.3000"),
)
_MONEY_PROBES: tuple[Decimal, ...] = (
    Decimal("0"),
    Decimal("0.5"),
    Decimal("-3"),
    Decimal("1234.567"),
    Decimal("-1234567.891"),
    Decimal("1000000"),
)


class NumberFormat:
    """A CLDR number pattern compiled for one locale (and currency): a fast equivalent of
    ``NumberPattern.apply`` for plain patterns, delegating unusual ones to Babel.

    Examples:
        >>> from cxcore._locale import get_locale
        >>> lv = get_locale("lv")
        >>> NumberFormat(number_spec(lv, None, "EUR"), lv, "EUR").money(Decimal("-1234.567"))
        '-1\\xa0234,57\\xa0€'
    """

    __slots__ = (
        "_currency",
        "_decimal",
        "_fast",
        "_frac",
        "_group",
        "_grouping",
        "_int_min",
        "_locale",
        "_pattern",
        "_prefix",
        "_quantum",
        "_suffix",
        "_symbols",
        "_thousands",
    )

    def __init__(self, spec: NumberSpec, locale: Locale, currency: str | None) -> None:
        pattern = spec.pattern
        self._pattern = spec
        self._locale = locale
        self._currency = currency
        frac = (minor_digits(currency),) * 2 if currency else pattern.frac_prec
        self._frac = frac
        self._quantum = Decimal(1).scaleb(-frac[1])
        self._fast = not (
            pattern.exp_prec
            or pattern.scale
            or "@" in pattern.pattern
            or "¤¤¤" in pattern.pattern
            or (currency is None and "¤" in pattern.pattern)
            or spec != NumberSpec(pattern, spec.prefixes, spec.suffixes)
        )
        self._prefix = tuple(self._affix(text, locale, currency) for text in pattern.prefix)
        self._suffix = tuple(self._affix(text, locale, currency, True) for text in pattern.suffix)
        self._grouping = pattern.grouping
        self._int_min = pattern.int_prec[0]
        self._group: str = str(locale.number_symbols["latn"]["group"])
        self._decimal: str = str(locale.number_symbols["latn"]["decimal"])
        # Groups of three with no zero padding: Python's own "," grouping gives the digits,
        # then the locale's symbols replace "," and ".".
        self._thousands = pattern.grouping == (3, 3) and self._int_min <= 1
        self._symbols = str.maketrans({",": self._group, ".": self._decimal})
        if self._fast and not self._proven():
            self._fast = False

    def _proven(self) -> bool:
        """Whether the string path gives the general formatter's output (Babel's data through
        `format_spec`) on every probe value."""
        spec, locale, currency = self._pattern, self._locale, self._currency
        if currency is not None:
            return all(
                self.money(amount)
                == format_spec(
                    spec, amount.quantize(self._quantum, rounding=ROUND_HALF_UP), locale, currency
                )
                for amount in _MONEY_PROBES
            )
        return all(
            self(value) == format_spec(spec, value, locale, None) for value in _NUMBER_PROBES
        )

    @staticmethod
    def _affix(text: str, locale: Locale, currency: str | None, suffix: bool = False) -> str:
        """An affix with its signs and currency resolved, spaced from the digits as CLDR's
        currency spacing says (the fast path's digits always start and end with a digit)."""
        rendered, starts, ends = render_affix(text, locale, currency, 1)
        if suffix and starts:
            return "\xa0" + rendered
        return rendered + "\xa0" if ends and not suffix else rendered

    def _group_int(self, digits: str) -> str:
        if len(digits) < self._int_min:
            digits = "0" * (self._int_min - len(digits)) + digits
        size, later = self._grouping
        if len(digits) <= size:
            return digits
        parts = [digits[-size:]]
        digits = digits[:-size]
        while len(digits) > later:
            parts.append(digits[-later:])
            digits = digits[:-later]
        parts.append(digits)
        return self._group.join(reversed(parts))

    def _fraction(self, digits: str) -> str:
        low, high = self._frac
        if len(digits) < low:
            digits += "0" * (low - len(digits))
        if high == 0 or (low == 0 and int(digits) == 0):
            return ""
        while len(digits) > low and digits[-1] == "0":
            digits = digits[:-1]
        return self._decimal + digits

    def _assemble(self, negative: bool, digits: str) -> str:
        """Group the whole part of a plain decimal string, add the fraction and the affixes."""
        whole, _sep, fraction = digits.partition(".")
        text = self._group_int(whole) + self._fraction(fraction or "0")
        return self._prefix[negative] + text + self._suffix[negative]

    def money(self, amount: Decimal) -> str:
        """Format a currency amount after rounding it half up to the currency's minor unit."""
        rounded = amount.quantize(self._quantum, rounding=ROUND_HALF_UP)
        if not self._fast:
            return format_spec(self._pattern, rounded, self._locale, self._currency)
        negative = rounded.is_signed()
        if negative:
            rounded = -rounded
        if self._thousands:  # the amount has exactly the currency's digits after the point
            text = f"{rounded:,f}".translate(self._symbols)
            return self._prefix[negative] + text + self._suffix[negative]
        return self._assemble(negative, f"{rounded:f}")

    def __call__(self, value: int | Decimal | float) -> str:
        if not self._fast:
            return format_spec(self._pattern, value, self._locale, self._currency)
        if type(value) is int:
            negative = value < 0
            if negative:
                value = -value
            if self._thousands and not self._frac[0]:
                text = f"{value:,}".translate(self._symbols)
                return self._prefix[negative] + text + self._suffix[negative]
            return self._assemble(negative, str(value))
        number = value if isinstance(value, Decimal) else Decimal(str(value))
        if not number.is_finite():
            raise TemplateError(f"cannot format the number {value!r}")
        try:
            rounded = abs(number).normalize().quantize(self._quantum)
        except InvalidOperation:
            raise TemplateError(f"number {value!r} is too large to format") from None
        return self._assemble(number.is_signed(), f"{rounded:f}")


class NumberFormats:
    """The number formats of one locale, each compiled once per (style, currency).

    Examples:
        >>> from cxcore._locale import get_locale
        >>> formats = NumberFormats(get_locale("tr"))
        >>> formats.get("percent", None) is formats.get("percent", None)
        True
    """

    __slots__ = ("_cache", "locale")

    def __init__(self, locale: Locale) -> None:
        self.locale = locale
        self._cache: dict[tuple[str | None, str | None], NumberFormat] = {}

    def get(self, style: str | None, currency: str | None) -> NumberFormat:
        """The compiled format for ``style`` (``None`` for the locale's decimal format) and
        ``currency`` (``None`` for a plain number)."""
        key = (style, currency)
        found = self._cache.get(key)
        if found is None:
            spec = number_spec(self.locale, style, currency)
            found = self._cache[key] = NumberFormat(spec, self.locale, currency)
        return found
