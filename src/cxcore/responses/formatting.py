"""Locale-aware formatting for messages: numbers, money, dates, lists, durations, plural rules.

Every locale-sensitive step uses CLDR data through Babel. A
[`LocaleFormatter`][cxcore.responses.LocaleFormatter] binds one locale and caches what it compiles
(number patterns, date patterns, plural functions), so a warm formatter renders quickly;
[`formatter_for`][cxcore.responses.formatter_for] hands out cached formatters.

Thai shops write Buddhist-era years. Babel knows only the Gregorian calendar, so a locale tag
with the Unicode extension ``-u-ca-buddhist`` switches the year to the Buddhist era (Gregorian
year + 543) and uses CLDR's Thai Buddhist date patterns:

Examples:
    >>> from datetime import date
    >>> format_date(date(2026, 5, 4), "th-TH-u-ca-buddhist", "long")
    '4 พฤษภาคม 2569'
    >>> format_date(date(2026, 5, 4), "th", "long")
    '4 พฤษภาคม ค.ศ. 2026'
    >>> plural_category("pl", 5), plural_category("en", 2, ordinal=True)
    ('many', 'two')
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime, timedelta, tzinfo
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

from babel.plural import to_python

from cxcore._currency import is_money
from cxcore._locale import get_locale, normalize_locale
from cxcore.errors import TemplateError, UnknownLocaleError
from cxcore.responses._dates import DATE_STYLES, DateFormats, calendar_of
from cxcore.responses._durations_lists import (
    duration_units,
    join_list,
    list_parts,
    unit_pattern,
)
from cxcore.responses._numbers import NUMBER_STYLES, NumberFormat, NumberFormats, is_number

if TYPE_CHECKING:
    from cxcore.money import Money

__all__ = [
    "DATE_STYLES",
    "LocaleFormatter",
    "calendar_of",
    "format_date",
    "format_datetime",
    "format_duration",
    "format_list",
    "format_money",
    "format_number",
    "format_time",
    "formatter_for",
    "plural_category",
]

_PLURAL_MEMO_LIMIT = 4096


class LocaleFormatter:
    """Formats values for one locale tag and caches every compiled pattern.

    Examples:
        >>> from decimal import Decimal
        >>> pl = LocaleFormatter("pl-PL")
        >>> pl.number(Decimal("1234.5")), pl.plural(22), pl.list(["a", "b", "c"])
        ('1\\xa0234,5', 'few', 'a, b i c')
    """

    def __init__(self, tag: str) -> None:
        self.tag = normalize_locale(tag)
        self.locale = get_locale(self.tag)
        self.calendar = calendar_of(self.tag)
        self._cardinal = to_python(self.locale.plural_form)
        self._ordinal = to_python(self.locale.ordinal_form)
        self._memo: dict[tuple[bool, int], str] = {}
        self._numbers = NumberFormats(self.locale)
        self._decimal = self._numbers.get(None, None)
        self._money: dict[tuple[str | None, str], NumberFormat] = {}
        self._dates = DateFormats(self.locale, self.calendar)
        self._lists: dict[str, dict[str, str]] = {}

    def __repr__(self) -> str:
        return f"LocaleFormatter({self.tag!r})"

    @property
    def plural_categories(self) -> frozenset[str]:
        """The CLDR cardinal plural categories of this locale (always including ``other``).

        Examples:
            >>> sorted(LocaleFormatter("pl").plural_categories)
            ['few', 'many', 'one', 'other']
        """
        return frozenset(self.locale.plural_form.tags | {"other"})

    @property
    def ordinal_categories(self) -> frozenset[str]:
        """The CLDR ordinal plural categories of this locale (always including ``other``).

        Examples:
            >>> sorted(LocaleFormatter("en").ordinal_categories)
            ['few', 'one', 'other', 'two']
        """
        return frozenset(self.locale.ordinal_form.tags | {"other"})

    def plural(self, number: int | Decimal | float, *, ordinal: bool = False) -> str:
        """The CLDR plural category of ``number`` (``one``, ``few``, ``many``, ``other``...).

        Visible fraction digits count, as CLDR says: ``Decimal("1.0")`` is not ``one`` in
        English.

        Examples:
            >>> LocaleFormatter("en").plural(Decimal("1.0"))
            'other'
        """
        if type(number) is int and -_BIG_INT < number < _BIG_INT:
            memo_key = (ordinal, number)
            found = self._memo.get(memo_key)
            if found is None:
                found = str((self._ordinal if ordinal else self._cardinal)(number))
                if len(self._memo) < _PLURAL_MEMO_LIMIT:
                    self._memo[memo_key] = found
            return found
        if not is_number(number):
            raise TemplateError(f"plural needs a number, got {type(number).__name__}")
        check_number(number)
        return str((self._ordinal if ordinal else self._cardinal)(number))

    def number(self, value: int | Decimal | float, style: str | None = None) -> str:
        """Format a number: ``style`` is ``None``, ``integer``, ``percent``, ``currency`` (in
        the currency of the tag's region, as ICU does), a CLDR pattern or a ``::skeleton``.

        Examples:
            >>> LocaleFormatter("en").number(0.256, "percent")
            '26%'
            >>> LocaleFormatter("pl-PL").number(1234.5, "currency")
            '1\xa0234,50\xa0zł'
        """
        if style is None and type(value) is int and -_BIG_INT < value < _BIG_INT:
            return self._decimal(value)
        if not is_number(value):
            raise TemplateError(f"expected a number, got {type(value).__name__}")
        check_number(value)
        if style is not None and not isinstance(style, str):
            raise TemplateError(f"a number style is text, got {type(style).__name__}")
        return self._numbers.get(style, None)(value)

    def money(self, value: Money, style: str | None = None) -> str:
        """Format ``value`` in its own currency, rounded half up to the currency's minor unit.

        Examples:
            >>> from cxcore.money import Money
            >>> LocaleFormatter("th").money(Money.of("1250", "THB"))
            '฿1,250.00'
        """
        if not is_money(value):
            raise TemplateError(f"expected a Money value, got {type(value).__name__}")
        found = self._money.get((style, value.currency))
        if found is None:
            custom = None if style in NUMBER_STYLES else style
            found = self._money[(style, value.currency)] = self._numbers.get(custom, value.currency)
        return found.money(value.amount)

    def moment(
        self, kind: str, value: date, style: str = "medium", tz: str | tzinfo | None = None
    ) -> str:
        """Format ``value`` as a ``date``, ``time`` or ``datetime`` (what ``{d, <kind>}`` shows).

        Examples:
            >>> LocaleFormatter("lv").moment("date", date(2026, 5, 4), "long")
            '2026. gada 4. maijs'
        """
        return self._dates.format(kind, value, style, tz)

    def date(self, value: date, style: str = "medium", tz: str | tzinfo | None = None) -> str:
        """Format the date of ``value`` (a datetime is first moved to ``tz`` when given).

        Examples:
            >>> LocaleFormatter("fi").date(date(2026, 5, 4), "long")
            '4. toukokuuta 2026'
        """
        return self._dates.format("date", value, style, tz)

    def date_pattern(self, kind: str, style: str) -> str:
        """The CLDR pattern this locale formats a ``date``, ``time`` or ``datetime`` with, for a
        length, ``::skeleton`` or pattern ``style``, as the installed Babel's data has it.

        Examples:
            >>> LocaleFormatter("fi").date_pattern("date", "short")
            'd.M.y'
        """
        return self._dates.pattern(kind, style).pattern

    def time(self, value: datetime, style: str = "medium", tz: str | tzinfo | None = None) -> str:
        """Format the time of an aware datetime, in ``tz`` when given.

        Examples:
            >>> from datetime import UTC
            >>> at = datetime(2026, 5, 4, 7, 5, tzinfo=UTC)
            >>> LocaleFormatter("pl").time(at, "short", "Europe/Warsaw")
            '09:05'
        """
        return self._dates.format("time", value, style, tz)

    def datetime(
        self, value: datetime, style: str = "medium", tz: str | tzinfo | None = None
    ) -> str:
        """Format date and time of an aware datetime, in ``tz`` when given.

        Examples:
            >>> from datetime import UTC
            >>> LocaleFormatter("en").datetime(datetime(2026, 5, 4, 7, 5, tzinfo=UTC), "short")
            '5/4/26, 7:05\\u202fAM'
        """
        return self._dates.format("datetime", value, style, tz)

    def list(self, items: Sequence[str], style: str = "standard", limit: int | None = None) -> str:
        """Join strings as a CLDR list: ``standard`` (and), ``or``, ``unit``, ``short``, ``narrow``.
        With ``limit``, stop with [UnsafeTemplateError][cxcore.errors.UnsafeTemplateError] once
        the text would be longer than ``limit`` characters.

        Examples:
            >>> LocaleFormatter("tr").list(["elma", "armut"], "or")
            'elma veya armut'
            >>> LocaleFormatter("en").list([1, 2])
            Traceback (most recent call last):
            ...
            cxcore.errors.TemplateError: a list to join holds text items, got int at position 0
        """
        if isinstance(items, str) or not isinstance(items, Sequence):
            raise TemplateError(f"a list to join is a sequence of text, got {type(items).__name__}")
        for index, item in enumerate(items):
            if not isinstance(item, str):
                raise TemplateError(
                    f"a list to join holds text items, got {type(item).__name__} at position "
                    f"{index}"
                )
        if not isinstance(style, str):
            raise TemplateError(f"a list style is text, got {type(style).__name__}")
        if len(items) < 2:
            return items[0] if items else ""
        parts = self._lists.get(style)
        if parts is None:
            parts = self._lists[style] = list_parts(self.locale, style)
        return join_list(parts, items, limit)

    def duration(self, value: timedelta, style: str = "long") -> str:
        """Spell out a duration in days, hours, minutes and seconds (``long``, ``short``,
        ``narrow``), leaving out zero parts and sub-second remainders. Parts are joined with the
        CLDR ``unit`` list patterns, as ECMA-402 ``Intl.DurationFormat`` does.

        Examples:
            >>> LocaleFormatter("fi").duration(timedelta(hours=2, minutes=30))
            '2 tuntia ja 30 minuuttia'
            >>> LocaleFormatter("en").duration(timedelta(minutes=90), "short")
            '1 hr, 30 min'
        """
        parts = []
        for unit, count in duration_units(value, style):
            number = self.number(count)
            pattern = unit_pattern(self.locale, unit, self.plural(count), style)
            if pattern is None:
                parts.append(f"{number} {unit.removeprefix('duration-')}")
            else:
                parts.append(pattern.replace("{0}", number))
        return self.list(parts, "unit" if style == "long" else f"unit-{style}")


MAX_NUMBER_DIGITS = 1000
"""The most integer digits a template formats (Python refuses to print ints past 4300)."""

_BIG_INT = 10**MAX_NUMBER_DIGITS


def check_number(value: int | Decimal | float) -> None:
    """Raise [TemplateError][cxcore.errors.TemplateError] for NaN, infinity, or a number with
    more than ``MAX_NUMBER_DIGITS`` integer digits.

    Examples:
        >>> check_number(float("nan"))
        Traceback (most recent call last):
        ...
        cxcore.errors.TemplateError: cannot format nan: a template number must be finite
    """
    if isinstance(value, float):
        if not math.isfinite(value):
            raise TemplateError(f"cannot format {value!r}: a template number must be finite")
    elif isinstance(value, Decimal):
        if not value.is_finite():
            raise TemplateError(f"cannot format {value}: a template number must be finite")
        if value and value.adjusted() >= MAX_NUMBER_DIGITS:
            raise TemplateError(
                f"number {value:.3e} has more than {MAX_NUMBER_DIGITS} digits; too large to format"
            )
    elif not -_BIG_INT < value < _BIG_INT:
        raise TemplateError(
            f"an integer of {value.bit_length()} bits has more than {MAX_NUMBER_DIGITS} digits; "
            "too large to format"
        )


def formatter_for(tag: str) -> LocaleFormatter:
    """The shared, cached [`LocaleFormatter`][cxcore.responses.LocaleFormatter] for ``tag``.

    Examples:
        >>> formatter_for("lv") is formatter_for("lv")
        True
    """
    if not isinstance(tag, str):
        raise UnknownLocaleError(f"a locale is a tag such as 'pl-PL', got {type(tag).__name__}")
    return _formatter_for(tag)


@lru_cache(maxsize=256)
def _formatter_for(tag: str) -> LocaleFormatter:
    return LocaleFormatter(tag)


def plural_category(locale: str, number: int | Decimal | float, *, ordinal: bool = False) -> str:
    """The CLDR plural category of ``number`` in ``locale``; ``ordinal=True`` uses the ordinal
    rules that ``selectordinal`` uses.

    Examples:
        >>> plural_category("lv", 0), plural_category("en", 3, ordinal=True)
        ('zero', 'few')
    """
    return formatter_for(locale).plural(number, ordinal=ordinal)


def format_number(value: int | Decimal | float, locale: str, style: str | None = None) -> str:
    """Format a number for ``locale``.

    Examples:
        >>> format_number(1234567.891, "tr")
        '1.234.567,891'
    """
    return formatter_for(locale).number(value, style)


def format_money(value: Money, locale: str) -> str:
    """Format a [`Money`][cxcore.Money] in its own currency for ``locale``.

    Examples:
        >>> from cxcore.money import Money
        >>> format_money(Money.of("49.9", "EUR"), "lv")
        '49,90\\xa0€'
    """
    return formatter_for(locale).money(value)


def format_date(
    value: date, locale: str, style: str = "medium", tz: str | tzinfo | None = None
) -> str:
    """Format a date (or the date of an aware datetime in ``tz``).

    Examples:
        >>> format_date(date(2026, 5, 4), "en", "full")
        'Monday, May 4, 2026'
    """
    return formatter_for(locale).date(value, style, tz)


def format_time(
    value: datetime, locale: str, style: str = "medium", tz: str | tzinfo | None = None
) -> str:
    """Format the time of an aware datetime (in ``tz`` when given).

    Examples:
        >>> from datetime import UTC
        >>> format_time(datetime(2026, 5, 4, 12, 0, tzinfo=UTC), "fi", "short", "Europe/Helsinki")
        '15.00'
    """
    return formatter_for(locale).time(value, style, tz)


def format_datetime(
    value: datetime, locale: str, style: str = "medium", tz: str | tzinfo | None = None
) -> str:
    """Format the date and time of an aware datetime (in ``tz`` when given).

    Examples:
        >>> from datetime import UTC
        >>> noon = datetime(2026, 5, 4, 12, 0, tzinfo=UTC)
        >>> format_datetime(noon, "th-TH-u-ca-buddhist", "medium")
        '4 พ.ค. 2569 12:00:00'
    """
    return formatter_for(locale).datetime(value, style, tz)


def format_list(items: Sequence[str], locale: str, style: str = "standard") -> str:
    """Join strings as a list the way ``locale`` does.

    Examples:
        >>> format_list(["kirja", "kynä", "paperi"], "fi")
        'kirja, kynä ja paperi'
    """
    return formatter_for(locale).list(items, style)


def format_duration(value: timedelta, locale: str, style: str = "long") -> str:
    """Spell out a duration for ``locale``.

    Examples:
        >>> format_duration(timedelta(days=1, hours=3), "fi")
        '1 päivä ja 3 tuntia'
    """
    return formatter_for(locale).duration(value, style)
