"""ICU number skeletons (``{n, number, ::currency/EUR}``) read into a
[NumberSpec][cxcore.responses._number_patterns.NumberSpec] built on the locale's CLDR patterns.

Supported stems and their concise forms, per ICU's number-skeleton syntax: ``percent`` (``%``),
``%x100``, ``scale/N``, ``currency/XYZ``, ``measure-unit/type-name``, ``unit-width-short``,
``unit-width-iso-code``, ``unit-width-full-name``, ``unit-width-hidden``, ``compact-short``
(``K``), ``compact-long`` (``KK``), precision (``.00``, ``.0#``, ``.##*``, ``@@#``, ``@@*``,
``precision-integer``, ``precision-unlimited``, ``precision-increment/0.05``,
``precision-currency-standard``), ``integer-width/*000`` (``000``), ``group-off`` (``,_``),
``group-min2`` (``,?``), ``group-auto``, ``group-on-aligned`` (``,!``), ``group-thousands``
(``,=``), ``scientific`` (``E0``), ``engineering`` (``EE0``), the sign displays
(``sign-always`` ``+!``, ``sign-never`` ``+_``,
``sign-except-zero`` ``+?``, ``sign-accounting`` ``()``, ``sign-accounting-always`` ``()!``,
``sign-auto``), ``rounding-mode-*``, ``notation-simple`` and ``numbering-system/latn``.
Anything else raises [TemplateSyntaxError][cxcore.errors.TemplateSyntaxError] naming the stem.

Examples:
    >>> from decimal import Decimal
    >>> from cxcore._locale import get_locale
    >>> from cxcore.responses._number_patterns import format_spec
    >>> en = get_locale("en")
    >>> format_spec(skeleton_spec(en, "percent scale/100"), Decimal(3), en, None)
    '300%'
    >>> format_spec(skeleton_spec(en, "currency/EUR"), Decimal("3"), en, None)
    '€3.00'
"""

from __future__ import annotations

import re
from decimal import (
    ROUND_CEILING,
    ROUND_DOWN,
    ROUND_FLOOR,
    ROUND_HALF_DOWN,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    ROUND_UP,
    Decimal,
    InvalidOperation,
)
from typing import Any, cast

from babel import Locale
from babel.numbers import NumberPattern
from babel.units import get_unit_name

from cxcore._currency import minor_digits
from cxcore.errors import TemplateSyntaxError, UnknownCurrencyError
from cxcore.responses._number_patterns import NumberSpec

__all__ = ["min_grouping", "skeleton_spec"]

_ROUNDING = {
    "ceiling": ROUND_CEILING,
    "floor": ROUND_FLOOR,
    "down": ROUND_DOWN,
    "up": ROUND_UP,
    "half-even": ROUND_HALF_EVEN,
    "half-down": ROUND_HALF_DOWN,
    "half-up": ROUND_HALF_UP,
}
_SIGNS = {
    "sign-auto": "auto",
    "sign-always": "always",
    "+!": "always",
    "sign-never": "never",
    "+_": "never",
    "sign-except-zero": "except-zero",
    "+?": "except-zero",
    "sign-accounting": "accounting",
    "()": "accounting",
    "sign-accounting-always": "accounting-always",
    "()!": "accounting-always",
}
_GROUPS = {
    "group-off": 0,
    ",_": 0,
    "group-min2": 2,
    ",?": 2,
    "group-auto": -1,
    "group-on-aligned": 1,
    ",!": 1,
    "group-thousands": 1,
    ",=": 1,
}
_CONCISE = {"%": "percent", "K": "compact-short", "KK": "compact-long"}
_FRACTION = re.compile(r"\.(0*)(#*)(\*?)\Z")
_SIGNIFICANT = re.compile(r"(@+)(#*)(\*?)\Z")
_INTEGER = re.compile(r"(?:integer-width/[*+]|)(0+)\Z")
# CLDR 47 <minimumGroupingDigits>2 (common/main/*.xml), read from ICU 77, which ships it;
# Babel does not carry this datum. Spanish and Portuguese: only the regions listed.
_MIN2_LANGUAGES = frozenset(
    ["be", "bg", "ee", "es", "et", "hu", "ia", "ie", "it", "ka", "lv", "pl", "pt", "ru", "sl", "sq"]
)
_MIN2_REGIONS = {
    "es": frozenset({None, "ES", "IC", "PH", "GQ", "EA"}),
    "pt": frozenset({"PT", "LU", "GW", "MZ", "TL", "CH", "CV", "GQ", "ST", "MO"}),
    "ru": frozenset({"UA"}),
}


def min_grouping(locale: Locale) -> int:
    """CLDR's minimum grouping digits of ``locale``: 2 where 1234 stays ungrouped.

    Examples:
        >>> from cxcore._locale import get_locale
        >>> min_grouping(get_locale("pl")), min_grouping(get_locale("en"))
        (2, 1)
    """
    if locale.language not in _MIN2_LANGUAGES:
        return 1
    regions = _MIN2_REGIONS.get(locale.language)
    return 2 if regions is None or locale.territory in regions else 1


def _pattern(found: object) -> NumberPattern:
    return cast(NumberPattern, found)


def _with(base: NumberPattern, **changes: Any) -> NumberPattern:
    pattern = base
    fields: dict[str, Any] = {
        "pattern": pattern.pattern,
        "prefix": pattern.prefix,
        "suffix": pattern.suffix,
        "grouping": pattern.grouping,
        "int_prec": pattern.int_prec,
        "frac_prec": pattern.frac_prec,
        "exp_prec": pattern.exp_prec,
        "exp_plus": pattern.exp_plus,
        "number_pattern": pattern.number_pattern,
    }
    fields.update(changes)
    return NumberPattern(**fields)


def _mark(affix: str, mark: str) -> str:
    """An affix with its ``¤`` replaced by ``mark``; an empty mark takes its spacing along."""
    if mark:
        return affix.replace("¤", mark)
    return affix.replace("¤", "").strip(" \xa0\u202f")


def _bad(token: str, skeleton: str, why: str) -> TemplateSyntaxError:
    return TemplateSyntaxError(f"number skeleton {skeleton!r}: {token!r} {why}")


def skeleton_spec(locale: Locale, skeleton: str) -> NumberSpec:
    """Read an ICU number skeleton (without its ``::``) for ``locale``."""
    tokens = skeleton.split()
    base = "decimal"
    settings: dict[str, Any] = {}
    precision: tuple[str, int, int] | None = None
    integer_min: int | None = None
    increment: Decimal | None = None
    grouping = -1
    width = "short"
    for token in tokens:
        stem, _, option = token.partition("/")
        stem = _CONCISE.get(stem, stem) if not option else stem
        if token in ("percent", "%"):
            base = "percent"
        elif token == "%x100":
            base = "percent-scaled"
        elif stem == "scale" and option:
            try:
                settings["multiplier"] = Decimal(option)
            except InvalidOperation:
                raise _bad(token, skeleton, "is not a number") from None
        elif stem == "currency" and option:
            try:
                minor_digits(option)
            except UnknownCurrencyError:
                raise _bad(token, skeleton, "names no ISO 4217 currency") from None
            base = "currency"
            settings["currency"] = option.upper()
        elif stem == "measure-unit" and option:
            try:
                get_unit_name(option, locale=locale)
            except (ValueError, KeyError):
                raise _bad(token, skeleton, "is a unit CLDR (in Babel) does not know") from None
            if get_unit_name(option, locale=locale) is None:
                raise _bad(token, skeleton, "is a unit CLDR (in Babel) does not know")
            settings["unit"] = option
        elif token.startswith("unit-width-"):
            width = token.removeprefix("unit-width-")
            if width not in ("short", "iso-code", "full-name", "hidden", "narrow"):
                raise _bad(token, skeleton, "is not an ICU unit width")
        elif token in ("scientific", "E0", "engineering", "EE0"):
            settings["_notation"] = "engineering" if token in ("engineering", "EE0") else "sci"
        elif token in ("compact-short", "compact-long", "K", "KK"):
            settings["notation"] = _CONCISE.get(token, token)
        elif token in _SIGNS:
            settings["sign"] = _SIGNS[token]
        elif token in _GROUPS:
            grouping = _GROUPS[token]
        elif stem == "rounding-mode" or token.startswith("rounding-mode-"):
            mode = token.removeprefix("rounding-mode-")
            if mode not in _ROUNDING:
                raise _bad(token, skeleton, "is not an ICU rounding mode")
            settings["rounding"] = _ROUNDING[mode]
        elif token in ("precision-integer", "."):
            precision = ("fraction", 0, 0)
        elif token == "precision-unlimited":
            precision = ("fraction", 0, 100)
        elif token == "precision-currency-standard":
            precision = None
        elif stem == "precision-increment" and option:
            try:
                increment = Decimal(option)
            except InvalidOperation:
                raise _bad(token, skeleton, "is not a number") from None
        elif found := _FRACTION.match(token):
            low = len(found.group(1))
            high = 100 if found.group(3) else low + len(found.group(2))
            precision = ("fraction", low, high)
        elif found := _SIGNIFICANT.match(token):
            low = len(found.group(1))
            high = 100 if found.group(3) else low + len(found.group(2))
            precision = ("significant", low, high)
        elif found := _INTEGER.match(token):
            integer_min = len(found.group(1))
        elif token in ("notation-simple", "numbering-system/latn", "latin"):
            continue
        else:
            raise _bad(token, skeleton, "is not a stem cxcore supports")
    return _build(
        locale, skeleton, base, settings, precision, integer_min, increment, grouping, width
    )


def _build(
    locale: Locale,
    skeleton: str,
    base: str,
    settings: dict[str, Any],
    precision: tuple[str, int, int] | None,
    integer_min: int | None,
    increment: Decimal | None,
    grouping: int,
    width: str,
) -> NumberSpec:
    if base == "currency":
        kind = "accounting" if str(settings.get("sign", "")).startswith("accounting") else None
        pattern = _pattern(locale.currency_formats[kind or "standard"])
    elif base.startswith("percent"):
        pattern = _pattern(locale.percent_formats[None])
        if base == "percent":
            settings["multiplier"] = settings.get("multiplier", Decimal(1)) / 100
    else:
        pattern = _pattern(locale.decimal_formats[None])
    prefixes, suffixes = tuple(pattern.prefix), tuple(pattern.suffix)
    if base == "currency" and width == "narrow":
        raise TemplateSyntaxError(
            f"number skeleton {skeleton!r}: 'unit-width-narrow' needs CLDR's narrow currency "
            "symbols, which Babel does not ship; use unit-width-short or unit-width-iso-code"
        )
    if base == "currency" and width != "short":
        mark = {"iso-code": "¤¤", "full-name": "", "hidden": ""}[width]
        prefixes = tuple(_mark(text, mark) for text in prefixes)
        suffixes = tuple(_mark(text, mark) for text in suffixes)
        settings["unit_width"] = width
    if base != "currency" and "unit" in settings:
        settings["unit_width"] = {"full-name": "long", "narrow": "narrow"}.get(width, "short")
    if precision is not None:
        kind, low, high = precision
        if kind == "fraction":
            pattern = _with(pattern, frac_prec=(low, high))
        else:
            pattern = _with(pattern, pattern="@" * low, int_prec=(low, high), frac_prec=(0, 0))
    elif base == "currency":
        digits = minor_digits(settings["currency"])
        pattern = _with(pattern, frac_prec=(digits, digits))
    else:
        # ICU's default precision for a number skeleton: up to six fraction digits.
        pattern = _with(pattern, frac_prec=(0, 6))
    notation = settings.pop("_notation", None)
    if (
        notation is not None
        and precision is not None
        and (precision[0] == "significant" or notation == "engineering")
    ):
        raise TemplateSyntaxError(
            f"number skeleton {skeleton!r}: cxcore rounds a {notation} mantissa only to "
            "fraction digits of scientific notation (::scientific .00)"
        )
    if notation is not None:
        high = 3 if notation == "engineering" else 1
        pattern = _with(pattern, int_prec=(1, high), exp_prec=(1, 1), exp_plus=False)
    if integer_min is not None:
        pattern = _with(pattern, int_prec=(integer_min, max(integer_min, pattern.int_prec[1])))
    if grouping == 0:
        settings["grouping"] = False
    elif grouping == -1:
        settings["min_grouping"] = min_grouping(locale)
    else:
        settings["min_grouping"] = grouping
    return NumberSpec(pattern, prefixes, suffixes, increment, currency_digits=False, **settings)
