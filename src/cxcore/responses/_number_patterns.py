"""The full CLDR/ICU number pattern: what the fast path in ``_numbers`` leaves to this module.

Babel parses the pattern and formats the digits (grouping, fraction and significant digits,
scientific notation); this module adds what ICU's ``DecimalFormat`` does on top and Babel does
not: rounding increments (``#,##0.65``), padding (``*x#,##0``), engineering notation
(``##0.##E0``), localized signs in affixes (Finnish ``−``), CLDR currency spacing
(``CAD 12.00``), the currency signs ``¤`` to ``¤¤¤¤¤``, sign display and minimum grouping.

Examples:
    >>> from cxcore._locale import get_locale
    >>> en = get_locale("en")
    >>> spec = parse_number_pattern("#,##0.65")
    >>> format_spec(spec, Decimal("3.3"), en, None)
    '3.25'
    >>> format_spec(parse_number_pattern("¤¤#,##0.00"), Decimal(12), en, "CAD")
    'CAD\\xa012.00'
"""

from __future__ import annotations

import re
import unicodedata
from copy import copy
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from typing import Any, Literal

from babel import Locale
from babel.numbers import (
    NumberPattern,
    format_compact_decimal,
    get_currency_name,
    get_currency_symbol,
    get_currency_unit_pattern,
    get_territory_currencies,
    parse_pattern,
)

from cxcore.errors import TemplateError, TemplateSyntaxError
from cxcore.responses._durations_lists import unit_pattern

__all__ = [
    "NumberSpec",
    "default_currency",
    "format_spec",
    "parse_number_pattern",
    "render_affix",
]

_PAD = re.compile(r"\*(.)")
_CURRENCY = re.compile(r"¤{1,5}")


@dataclass(frozen=True, slots=True)
class NumberSpec:
    """A number format: Babel's parsed pattern plus what ICU adds.

    ``prefixes``/``suffixes`` are the raw affixes (positive, negative) with quotes, ``¤``,
    ``-``, ``%`` still in; ``multiplier`` scales the value first (a skeleton's ``scale/100``),
    ``sign`` is ICU's sign display, ``min_grouping`` the digits a number needs before it is
    grouped, ``pad`` the padding character, width and position (0 before the prefix, 1 after
    it, 2 before the suffix, 3 after it); ``currency_digits`` is false for a skeleton, whose
    precision is its own (and rounds a scientific mantissa to fraction digits, where a
    pattern rounds it to significant digits); ``currency`` is a skeleton's own currency,
    ``notation`` ``compact-short`` or ``compact-long``, ``unit`` a CLDR measure unit shown at
    ``unit_width``.
    """

    pattern: NumberPattern
    prefixes: tuple[str, ...]
    suffixes: tuple[str, ...]
    increment: Decimal | None = None
    pad: tuple[str, int, int] | None = None
    multiplier: Decimal = Decimal(1)
    sign: str = "auto"
    rounding: str = ROUND_HALF_EVEN
    min_grouping: int = 1
    grouping: bool = True
    currency: str | None = None
    currency_digits: bool = True
    notation: str = ""
    unit: str = ""
    unit_width: str = "short"


def _unquoted_length(text: str) -> int:
    return len(text.replace("''", "\0").replace("'", ""))


def parse_number_pattern(text: str) -> NumberSpec:
    """Parse an ICU/CLDR decimal pattern, with the features Babel's parser leaves out.

    Examples:
        >>> spec = parse_number_pattern("*x#,##0")
        >>> spec.pad
        ('x', 5, 0)
    """
    pad: tuple[str, int, int] | None = None
    found = _PAD.search(text.split(";")[0]) if "*" in text else None
    if found is not None and text.count("'", 0, found.start()) % 2 == 0:
        text = text[: found.start()] + text[found.end() :]
        positive = text.split(";")[0]
        width = _unquoted_length(positive)
        after_number = any(c in "#0123456789@" for c in positive[: found.start()])
        if found.start() == 0:
            position = 0
        elif found.start() >= len(positive):
            position = 3
        else:
            position = 2 if after_number else 1
        pad = (found.group(1), width, position)
    increment = None
    number = re.search(r"[#0-9,.@]*[0-9@][#0-9,.]*", text)
    if number is not None and re.search(r"[1-9]", number.group()):
        digits = number.group()
        increment = Decimal(digits.replace(",", "").replace("#", "0"))
        text = text[: number.start()] + re.sub(r"[1-9]", "0", digits) + text[number.end() :]
        if not increment:
            increment = None
    try:
        pattern = parse_pattern(text)
    except (ValueError, TypeError) as exc:
        raise TemplateSyntaxError(f"invalid number pattern {text!r}: {exc}") from None
    # Babel scales for a "%" even inside quotes; a quoted "%" is plain text.
    bare = re.sub(r"'[^']*'", "", "".join([*pattern.prefix, *pattern.suffix]))
    scale: Literal[0, 2, 3] = 2 if "%" in bare else 3 if "‰" in bare else 0
    if scale != pattern.scale:
        pattern = copy(pattern)  # Babel may share its parsed patterns
        pattern.scale = scale
    return NumberSpec(pattern, tuple(pattern.prefix), tuple(pattern.suffix), increment, pad)


_PLAIN = NumberSpec(parse_pattern("#,##0.######"), ("", "-"), ("", ""))


def default_currency(locale: Locale) -> str:
    """The currency ICU uses for a currency format without one: the locale's region's
    (CLDR ``currencyData``), or ``XXX`` when the tag names no region.

    Examples:
        >>> from cxcore._locale import get_locale
        >>> default_currency(get_locale("pl-PL")), default_currency(get_locale("pl"))
        ('PLN', 'XXX')
    """
    if not locale.territory:
        return "XXX"
    found = get_territory_currencies(locale.territory, tender=True)
    return str(found[0]) if found else "XXX"


def _is_spaced(char: str) -> bool:
    """CLDR root ``currencySpacing``: ``currencyMatch`` is ``[[:^S:]&[:^Z:]]``."""
    category = unicodedata.category(char)
    return not category.startswith(("S", "Z"))


def render_affix(
    raw: str, locale: Locale, currency: str | None, count: Any, *, plus: bool = False
) -> tuple[str, bool, bool]:
    """A pattern affix as text: quotes resolved, ``-``, ``+``, ``%``, ``‰`` replaced by the
    locale's symbols, ``¤`` signs by the currency. Returns the text and whether it starts and
    ends with a currency text that CLDR's currency spacing separates from digits.

    Examples:
        >>> from cxcore._locale import get_locale
        >>> render_affix("-", get_locale("fi"), None, 1)
        ('−', False, False)
    """
    symbols = locale.number_symbols["latn"]
    out: list[str] = []
    starts = ends = False
    index = 0
    while index < len(raw):
        char = raw[index]
        if char == "'":
            end = raw.find("'", index + 1)
            if end == index + 1:
                out.append("'")
                index += 2
                continue
            end = len(raw) if end == -1 else end
            out.append(raw[index + 1 : end].replace("''", "'"))
            index = end + 1
            continue
        if char == "¤":
            run = _CURRENCY.match(raw, index)
            assert run is not None
            size = len(run.group())
            code = currency or "XXX"
            if size == 2:
                text = code
            elif size == 3:
                text = str(get_currency_name(code, count, locale))
            else:
                text = str(get_currency_symbol(code, locale))
            if text:
                if index == 0 and _is_spaced(text[0]):
                    starts = True
                if run.end() == len(raw) and _is_spaced(text[-1]):
                    ends = True
            out.append(text)
            index = run.end()
            continue
        if char == "-":
            out.append(str(symbols["plusSign" if plus else "minusSign"]))
        elif char == "+":
            out.append(str(symbols["plusSign"]))
        elif char == "%":
            out.append(str(symbols["percentSign"]))
        elif char == "‰":
            out.append(str(symbols["perMille"]))
        else:
            out.append(char)
        index += 1
    return "".join(out), starts, ends


def _scientific(
    value: Decimal, pattern: NumberPattern, locale: Locale, by_fraction: bool = False
) -> str:
    """ICU's scientific notation: the mantissa rounded to (minimum integer + maximum fraction)
    significant digits; with more maximum than minimum integer digits (``##0.##E0``) the
    exponent is a multiple of the maximum (engineering notation), else the mantissa has the
    minimum integer digits. With ``by_fraction`` (a skeleton's notation) the mantissa is rounded
    to the maximum fraction digits instead, as ICU's number skeletons do."""
    low_int, high_int = pattern.int_prec
    step = high_int if high_int > max(1, low_int) else 1
    shift = 0 if step > 1 else max(1, low_int) - 1
    digits = max(1, low_int + pattern.frac_prec[1])
    least = low_int + pattern.frac_prec[0]
    exponent = 0
    mantissa = value
    for _ in range(2):
        if not value:
            break
        exponent = value.adjusted() - shift
        exponent -= exponent % step
        mantissa = value.scaleb(-exponent)
        if by_fraction:
            mantissa = mantissa.quantize(Decimal(1).scaleb(-pattern.frac_prec[1]))
        else:
            mantissa = mantissa.quantize(Decimal(1).scaleb(mantissa.adjusted() - digits + 1))
        value = mantissa.scaleb(exponent)
    text = f"{mantissa:f}"
    whole, _, fraction = text.partition(".")
    shown = len(whole.lstrip("0")) + len(fraction)
    while fraction and fraction[-1] == "0" and shown > max(least, 1):
        fraction = fraction[:-1]
        shown -= 1
    if len(fraction) < pattern.frac_prec[0]:
        fraction += "0" * (pattern.frac_prec[0] - len(fraction))
    whole = whole.rjust(max(1, low_int), "0")
    symbols = locale.number_symbols["latn"]
    text = whole + (str(symbols["decimal"]) + fraction if fraction else "")
    sign = str(symbols["minusSign"]) if exponent < 0 else ""
    if not sign and pattern.exp_plus:
        sign = str(symbols["plusSign"])
    power = str(abs(exponent)).rjust(pattern.exp_prec[0] if pattern.exp_prec else 1, "0")
    return f"{text}{symbols['exponential']}{sign}{power}"


def _rounded(value: Decimal, pattern: NumberPattern) -> Decimal:
    """``value`` rounded as the pattern will show it (9999.999 at two digits is 10000.00)."""
    if not value:
        return value
    if "@" in pattern.pattern:
        return value.quantize(Decimal(1).scaleb(value.adjusted() - pattern.int_prec[1] + 1))
    return value.quantize(Decimal(1).scaleb(-pattern.frac_prec[1]))


def _body(spec: NumberSpec, value: Decimal, locale: Locale, currency: str | None) -> str:
    pattern = spec.pattern
    if pattern.exp_prec:
        return _scientific(value, pattern, locale, not spec.currency_digits)
    grouping = pattern.grouping
    if not spec.grouping or (
        spec.min_grouping > 1
        and _rounded(value, pattern).adjusted() + 1 < grouping[0] + spec.min_grouping
    ):
        grouping = (1000, 1000)
    digits = NumberPattern(
        pattern.pattern,
        ("", ""),
        ("", ""),
        grouping,
        pattern.int_prec,
        pattern.frac_prec,
        pattern.exp_prec,
        pattern.exp_plus,
        pattern.number_pattern,
    )
    return str(
        digits.apply(
            value,
            locale,
            currency=currency,
            currency_digits=spec.currency_digits
            and currency is not None
            and "@" not in pattern.pattern,
        )
    )


def _shown(body: str, locale: Locale) -> Decimal:
    """The number a formatted body shows (its visible fraction digits count for plurals)."""
    symbols = locale.number_symbols["latn"]
    plain = body.replace(str(symbols["group"]), "").replace(str(symbols["decimal"]), ".")
    try:
        return Decimal("".join(c for c in plain if c.isdigit() or c == "."))
    except InvalidOperation:
        return Decimal(0)


def _concise(spec: NumberSpec, number: Decimal, locale: Locale, currency: str | None) -> str:
    """Compact notation (``12K``) and measure units (``5 km``), by Babel. Compact numbers keep
    two significant digits below 100, as ICU's default compact precision does."""
    kind: Any = "short" if spec.notation == "compact-short" else "long"
    if abs(number) < 100:
        # Not compacted: rounded to a whole number, keeping two significant digits.
        if number and abs(number) < 10:
            number = number.quantize(Decimal(1).scaleb(number.adjusted() - 1)).normalize()
        else:
            number = number.quantize(Decimal(1))
        return format_spec(_PLAIN, number, locale, None)
    # Rounded before the magnitude is chosen, as ICU does: 999.999 is "1K", not "1000".
    number = number.quantize(Decimal(1))
    whole = str(format_compact_decimal(number, format_type=kind, locale=locale))
    if not any(c.isalpha() for c in whole):
        # The locale does not compact this magnitude: a whole number, grouped from five
        # digits on (ICU groups compact notation with a minimum of two grouping digits).
        spec = NumberSpec(_PLAIN.pattern, _PLAIN.prefixes, _PLAIN.suffixes, min_grouping=2)
        return format_spec(spec, number.quantize(Decimal(1)), locale, None)
    finer = str(format_compact_decimal(number, format_type=kind, locale=locale, fraction_digits=1))
    decimal = str(locale.number_symbols["latn"]["decimal"])
    leading = re.search(r"\d+", finer.split(decimal)[0] if decimal in finer else finer)
    if leading is not None and len(leading.group()) == 1:
        # A one-digit mantissa keeps a second significant digit (9.9M, not 10M).
        whole = finer
    if whole.startswith("-"):
        whole = str(locale.number_symbols["latn"]["minusSign"]) + whole[1:]
    return whole


def _with_unit(
    spec: NumberSpec, number: str, shown: Decimal, locale: Locale, code: str | None
) -> str:
    """A number with its measure unit, or with a currency's full name (ICU's
    ``unit-width-full-name``): the CLDR unit pattern for the plural category of the number as
    shown, by Babel's data."""
    category = str(locale.plural_form(shown))
    if spec.unit:
        pattern = unit_pattern(locale, spec.unit, category, spec.unit_width)
        if pattern is None:
            raise TemplateError(f"CLDR has no {spec.unit_width} pattern for the unit {spec.unit}")
        return pattern.replace("{0}", number)
    currency = code or "XXX"
    pattern = str(get_currency_unit_pattern(currency, shown, locale))
    name = str(get_currency_name(currency, shown, locale))
    return pattern.replace("{0}", number).replace("{1}", name)


def format_spec(
    spec: NumberSpec, value: int | Decimal | float, locale: Locale, currency: str | None
) -> str:
    """Format ``value`` with ``spec`` for ``locale``; ``currency`` fills the ``¤`` signs (and
    sets the fraction digits), else the locale's default currency does."""
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
        if not number.is_finite():
            raise TemplateError(f"cannot format the number {value!r}")
        number = number * spec.multiplier * Decimal(10) ** spec.pattern.scale
        if spec.notation:
            return _concise(spec, number, locale, currency)
        negative = number.is_signed()
        number = abs(number)
        if spec.increment is not None:
            steps = (number / spec.increment).to_integral_value(rounding=spec.rounding)
            number = steps * spec.increment
        elif spec.rounding != ROUND_HALF_EVEN and "@" not in spec.pattern.pattern:
            high = spec.pattern.frac_prec[1]
            number = number.quantize(Decimal(1).scaleb(-high), rounding=spec.rounding)
        has_currency = spec.currency is not None or any(
            "¤" in affix for affix in spec.prefixes + spec.suffixes
        )
        code = (spec.currency or currency or default_currency(locale)) if has_currency else None
        body = _body(spec, number, locale, code)
    except InvalidOperation:
        raise TemplateError(f"number {value!r} is too large to format") from None
    zero = not any(c.isdigit() and c != "0" for c in body)
    shown_negative = negative and spec.sign != "never"
    plus = not negative and (
        spec.sign in ("always", "accounting-always") or (spec.sign == "except-zero" and not zero)
    )
    if spec.sign == "except-zero" and zero:
        shown_negative = False
    side = 1 if shown_negative or plus else 0
    shown = _shown(body, locale)
    prefix, _, spaced_prefix = render_affix(spec.prefixes[side], locale, code, shown, plus=plus)
    suffix, spaced_suffix, _ = render_affix(spec.suffixes[side], locale, code, shown, plus=plus)
    if spec.unit or spec.unit_width == "full-name":
        return _with_unit(spec, prefix + body + suffix, shown, locale, code)
    if spaced_prefix and body[:1].isdigit():
        prefix += "\xa0"
    if spaced_suffix and body[-1:].isdigit():
        suffix = "\xa0" + suffix
    text = prefix + body + suffix
    if spec.pad is not None:
        char, width, position = spec.pad
        fill = char * max(0, width - len(text))
        if fill:
            pieces = [prefix, body, suffix]
            pieces.insert(position, fill)
            text = "".join(pieces)
    return text
