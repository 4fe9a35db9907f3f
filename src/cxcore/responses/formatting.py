"""Locale-aware formatting for messages: numbers, money, dates, lists, durations, plural rules.

Every locale-sensitive step uses CLDR data through Babel. A :class:`LocaleFormatter` binds one
locale and caches what it compiles (number patterns, date patterns, plural functions), so a warm
formatter renders quickly; :func:`formatter_for` hands out cached formatters.

Thai shops write Buddhist-era years. Babel knows only the Gregorian calendar, so a locale tag
with the Unicode extension ``-u-ca-buddhist`` switches the year to the Buddhist era (Gregorian
year + 543) and uses CLDR's Thai Buddhist date patterns:

>>> from datetime import date
>>> format_date(date(2026, 5, 4), "th-TH-u-ca-buddhist", "long")
'4 พฤษภาคม 2569'
>>> format_date(date(2026, 5, 4), "th", "long")
'4 พฤษภาคม ค.ศ. 2026'
>>> plural_category("pl", 5), plural_category("en", 2, ordinal=True)
('many', 'two')
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta, tzinfo
from decimal import Decimal
from functools import lru_cache

from babel.plural import to_python

from cxcore._locale import get_locale, normalize_locale
from cxcore.errors import TemplateError
from cxcore.money import Money
from cxcore.responses._dates import DATE_STYLES, DateFormats, calendar_of
from cxcore.responses._durations_lists import (
    duration_units,
    join_list,
    list_parts,
    unit_pattern,
)
from cxcore.responses._numbers import NUMBER_STYLES, NumberFormat, NumberFormats, is_number

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

        >>> sorted(LocaleFormatter("pl").plural_categories)
        ['few', 'many', 'one', 'other']
        """
        return frozenset(self.locale.plural_form.tags | {"other"})

    @property
    def ordinal_categories(self) -> frozenset[str]:
        """The CLDR ordinal plural categories of this locale (always including ``other``).

        >>> sorted(LocaleFormatter("en").ordinal_categories)
        ['few', 'one', 'other', 'two']
        """
        return frozenset(self.locale.ordinal_form.tags | {"other"})

    def plural(self, number: int | Decimal | float, *, ordinal: bool = False) -> str:
        """The CLDR plural category of ``number`` (``one``, ``few``, ``many``, ``other``...).

        Visible fraction digits count, as CLDR says: ``Decimal("1.0")`` is not ``one`` in
        English.

        >>> LocaleFormatter("en").plural(Decimal("1.0"))
        'other'
        """
        if type(number) is int:
            memo_key = (ordinal, number)
            found = self._memo.get(memo_key)
            if found is None:
                found = str((self._ordinal if ordinal else self._cardinal)(number))
                if len(self._memo) < _PLURAL_MEMO_LIMIT:
                    self._memo[memo_key] = found
            return found
        if not is_number(number):
            raise TemplateError(f"plural needs a number, got {type(number).__name__}")
        return str((self._ordinal if ordinal else self._cardinal)(number))

    def number(self, value: int | Decimal | float, style: str | None = None) -> str:
        """Format a number: ``style`` is ``None``, ``integer``, ``percent``, ``currency`` (in
        the currency of the tag's region, as ICU does), a CLDR pattern or a ``::skeleton``.

        >>> LocaleFormatter("en").number(0.256, "percent")
        '26%'
        >>> LocaleFormatter("pl-PL").number(1234.5, "currency")
        '1\xa0234,50\xa0zł'
        """
        if style is None and type(value) is int:
            return self._decimal(value)
        if not is_number(value):
            raise TemplateError(f"expected a number, got {type(value).__name__}")
        return self._numbers.get(style, None)(value)

    def money(self, value: Money, style: str | None = None) -> str:
        """Format ``value`` in its own currency, rounded half up to the currency's minor unit.

        >>> LocaleFormatter("th").money(Money.of("1250", "THB"))
        '฿1,250.00'
        """
        if type(value) is not Money and not isinstance(value, Money):
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

        >>> LocaleFormatter("lv").moment("date", date(2026, 5, 4), "long")
        '2026. gada 4. maijs'
        """
        return self._dates.format(kind, value, style, tz)

    def date(self, value: date, style: str = "medium", tz: str | tzinfo | None = None) -> str:
        """Format the date of ``value`` (a datetime is first moved to ``tz`` when given).

        >>> LocaleFormatter("fi").date(date(2026, 5, 4), "long")
        '4. toukokuuta 2026'
        """
        return self._dates.format("date", value, style, tz)

    def time(self, value: datetime, style: str = "medium", tz: str | tzinfo | None = None) -> str:
        """Format the time of an aware datetime, in ``tz`` when given.

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

        >>> from datetime import UTC
        >>> LocaleFormatter("en").datetime(datetime(2026, 5, 4, 7, 5, tzinfo=UTC), "short")
        '5/4/26, 7:05\\u202fAM'
        """
        return self._dates.format("datetime", value, style, tz)

    def list(self, items: Sequence[str], style: str = "standard") -> str:
        """Join strings as a CLDR list: ``standard`` (and), ``or``, ``unit``, ``short``, ``narrow``.

        >>> LocaleFormatter("tr").list(["elma", "armut"], "or")
        'elma veya armut'
        """
        if len(items) < 2:
            return items[0] if items else ""
        parts = self._lists.get(style)
        if parts is None:
            parts = self._lists[style] = list_parts(self.locale, style)
        return join_list(parts, items)

    def duration(self, value: timedelta, style: str = "long") -> str:
        """Spell out a duration in days, hours, minutes and seconds (``long``, ``short``,
        ``narrow``), leaving out zero parts and sub-second remainders. Parts are joined with the
        CLDR ``unit`` list patterns, as ECMA-402 ``Intl.DurationFormat`` does.

        >>> LocaleFormatter("pl").duration(timedelta(hours=2, minutes=30))
        '2 godziny, 30 minut'
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


@lru_cache(maxsize=256)
def formatter_for(tag: str) -> LocaleFormatter:
    """The shared, cached :class:`LocaleFormatter` for ``tag``.

    >>> formatter_for("lv") is formatter_for("lv")
    True
    """
    return LocaleFormatter(tag)


def plural_category(locale: str, number: int | Decimal | float, *, ordinal: bool = False) -> str:
    """The CLDR plural category of ``number`` in ``locale``; ``ordinal=True`` uses the ordinal
    rules that ``selectordinal`` uses.

    >>> plural_category("lv", 0), plural_category("en", 3, ordinal=True)
    ('zero', 'few')
    """
    return formatter_for(locale).plural(number, ordinal=ordinal)


def format_number(value: int | Decimal | float, locale: str, style: str | None = None) -> str:
    """Format a number for ``locale``.

    >>> format_number(1234567.891, "tr")
    '1.234.567,891'
    """
    return formatter_for(locale).number(value, style)


def format_money(value: Money, locale: str) -> str:
    """Format a :class:`~cxcore.money.Money` in its own currency for ``locale``.

    >>> format_money(Money.of("49.9", "EUR"), "lv")
    '49,90\\xa0€'
    """
    return formatter_for(locale).money(value)


def format_date(
    value: date, locale: str, style: str = "medium", tz: str | tzinfo | None = None
) -> str:
    """Format a date (or the date of an aware datetime in ``tz``).

    >>> format_date(date(2026, 5, 4), "en", "full")
    'Monday, May 4, 2026'
    """
    return formatter_for(locale).date(value, style, tz)


def format_time(
    value: datetime, locale: str, style: str = "medium", tz: str | tzinfo | None = None
) -> str:
    """Format the time of an aware datetime (in ``tz`` when given).

    >>> from datetime import UTC
    >>> format_time(datetime(2026, 5, 4, 12, 0, tzinfo=UTC), "fi", "short", "Europe/Helsinki")
    '15.00'
    """
    return formatter_for(locale).time(value, style, tz)


def format_datetime(
    value: datetime, locale: str, style: str = "medium", tz: str | tzinfo | None = None
) -> str:
    """Format the date and time of an aware datetime (in ``tz`` when given).

    >>> from datetime import UTC
    >>> format_datetime(datetime(2026, 5, 4, 12, 0, tzinfo=UTC), "th-TH-u-ca-buddhist", "medium")
    '4 พ.ค. 2569 12:00:00'
    """
    return formatter_for(locale).datetime(value, style, tz)


def format_list(items: Sequence[str], locale: str, style: str = "standard") -> str:
    """Join strings as a list the way ``locale`` does.

    >>> format_list(["kirja", "kynä", "paperi"], "fi")
    'kirja, kynä ja paperi'
    """
    return formatter_for(locale).list(items, style)


def format_duration(value: timedelta, locale: str, style: str = "long") -> str:
    """Spell out a duration for ``locale``.

    >>> format_duration(timedelta(days=1, hours=3), "tr")
    '1 gün, 3 saat'
    """
    return formatter_for(locale).duration(value, style)
