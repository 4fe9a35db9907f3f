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

from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta, tzinfo
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from typing import Any, cast

from babel import Locale
from babel.dates import (
    DateTimeFormat,
    DateTimePattern,
    get_day_names,
    get_month_names,
    match_skeleton,
    parse_pattern,
    tokenize_pattern,
)
from babel.numbers import NumberPattern, get_currency_symbol
from babel.numbers import parse_pattern as parse_number_pattern
from babel.plural import to_python

from cxcore._locale import _split_extension, get_locale, normalize_locale
from cxcore._time import ensure_aware, get_zone
from cxcore.errors import (
    NegativeDurationError,
    TemplateError,
    TemplateSyntaxError,
    UnknownLocaleError,
)
from cxcore.money import Money, minor_digits

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

DATE_STYLES: tuple[str, ...] = ("short", "medium", "long", "full")
"""The CLDR date and time format lengths (``{d, date, long}``)."""

_BUDDHIST_OFFSET = 543
# CLDR common/main/th.xml, <calendar type="buddhist">: dateFormats (full is inherited from the
# generic calendar) and the era names; common/main/root.xml gives the era "BE" to other languages.
_THAI_BUDDHIST_DATES = {
    "full": "EEEEที่ d MMMM G y",
    "long": "d MMMM y",
    "medium": "d MMM y",
    "short": "d/M/yy",
}
_BUDDHIST_ERAS = {
    "th": {"abbreviated": "พ.ศ.", "wide": "พุทธศักราช", "narrow": "พ.ศ."},
    "root": {"abbreviated": "BE", "wide": "BE", "narrow": "BE"},
}
_CALENDARS = {"gregory": "gregorian", "gregorian": "gregorian", "buddhist": "buddhist"}
_DURATION_UNITS = (
    ("duration-day", 86400),
    ("duration-hour", 3600),
    ("duration-minute", 60),
    ("duration-second", 1),
)
_LIST_STYLES = {
    "standard": "standard",
    "conjunction": "standard",
    "or": "or",
    "disjunction": "or",
    "unit": "unit",
    "short": "standard-short",
    "narrow": "standard-narrow",
}
_LIST_ALIASES = {
    "standard": "",
    "standard-short": "standard",
    "standard-narrow": "standard-short",
    "or": "",
    "or-short": "or",
    "or-narrow": "or-short",
    "unit": "",
    "unit-short": "unit",
    "unit-narrow": "unit-short",
}
# CLDR common/main/root.xml listPattern type="unit" (Babel's root data leaves it out).
_ROOT_UNIT_LISTS = {"unit": dict.fromkeys(("start", "middle", "end", "2"), "{0}, {1}")}
_PLURAL_MEMO_LIMIT = 4096


def calendar_of(tag: str) -> str:
    """The calendar a locale tag asks for: ``gregorian`` unless ``-u-ca-`` names another.

    Supported: ``gregory`` (Gregorian) and ``buddhist``; other calendars raise
    :class:`~cxcore.errors.UnknownLocaleError`.

    >>> calendar_of("th-TH-u-ca-buddhist"), calendar_of("pl-PL")
    ('buddhist', 'gregorian')
    """
    _base, extension = _split_extension(normalize_locale(tag))
    parts = extension.split("-")
    for index, part in enumerate(parts):
        if part == "ca" and index + 1 < len(parts):
            name = parts[index + 1]
            if name not in _CALENDARS:
                raise UnknownLocaleError(
                    f"calendar {name!r} in locale {tag!r} is not supported; "
                    "use 'gregory' or 'buddhist'"
                )
            return _CALENDARS[name]
    return "gregorian"


class _BuddhistDateTimeFormat(DateTimeFormat):
    """Babel's field formatter with Buddhist-era years and era names."""

    def format_year(self, char: str, num: int) -> str:
        moment: Any = self.value
        value = moment.year + _BUDDHIST_OFFSET
        if char.isupper():
            week = self.get_week_of_year()
            if moment.month == 1 and moment.day < 7 and week >= 52:
                value -= 1
            elif moment.month == 12 and moment.day > 25 and week <= 2:
                value += 1
        year = str(self.format(value, num))
        return year[-2:] if num == 2 else year

    def format_era(self, char: str, num: int) -> str:
        width = {3: "abbreviated", 4: "wide", 5: "narrow"}[max(3, min(num, 5))]
        names = _BUDDHIST_ERAS.get(self.locale.language, _BUDDHIST_ERAS["root"])
        return names[width]


class _NumberFormat:
    """A CLDR number pattern compiled for one locale (and currency): a fast equivalent of
    ``NumberPattern.apply`` for plain patterns, delegating unusual ones to Babel."""

    __slots__ = (
        "_babel",
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
    )

    def __init__(self, pattern: NumberPattern, locale: Locale, currency: str | None) -> None:
        self._pattern = pattern
        self._locale = locale
        self._currency = currency
        frac = (minor_digits(currency),) * 2 if currency else pattern.frac_prec
        self._frac = frac
        self._quantum = Decimal(1).scaleb(-frac[1])
        self._fast = not (
            pattern.exp_prec or pattern.scale or "@" in pattern.pattern or "¤¤¤" in pattern.pattern
        )
        symbol = get_currency_symbol(currency, locale) if currency else ""
        self._prefix = tuple(self._affix(text, currency, symbol) for text in pattern.prefix)
        self._suffix = tuple(self._affix(text, currency, symbol) for text in pattern.suffix)
        self._grouping = pattern.grouping
        self._int_min = pattern.int_prec[0]
        self._group: str = str(locale.number_symbols["latn"]["group"])
        self._decimal: str = str(locale.number_symbols["latn"]["decimal"])

    @staticmethod
    def _affix(text: str, currency: str | None, symbol: str) -> str:
        if currency is not None and "¤" in text:
            text = text.replace("¤¤", currency).replace("¤", symbol)
        if "'" in text:
            text = text.replace("''", "\0").replace("'", "").replace("\0", "'")
        return text

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

    def money(self, amount: Decimal) -> str:
        """Format a currency amount after rounding it half up to the currency's minor unit."""
        rounded = amount.quantize(self._quantum, rounding=ROUND_HALF_UP)
        if not self._fast:
            return str(self._pattern.apply(rounded, self._locale, currency=self._currency))
        negative = rounded.is_signed()
        whole, _sep, fraction = f"{-rounded if negative else rounded:f}".partition(".")
        text = self._group_int(whole) + self._fraction(fraction or "0")
        return self._prefix[negative] + text + self._suffix[negative]

    def __call__(self, value: int | Decimal | float) -> str:
        if not self._fast:
            return str(self._pattern.apply(value, self._locale, currency=self._currency))
        if type(value) is int:
            negative = value < 0
            whole, fraction = str(-value if negative else value), "0"
        else:
            number = value if isinstance(value, Decimal) else Decimal(str(value))
            if not number.is_finite():
                raise TemplateError(f"cannot format the number {value!r}")
            negative = number.is_signed()
            try:
                rounded = abs(number).normalize().quantize(self._quantum)
            except InvalidOperation:
                raise TemplateError(f"number {value!r} is too large to format") from None
            whole, _sep, fraction = f"{rounded:f}".partition(".")
        text = self._group_int(whole) + self._fraction(fraction or "0")
        return self._prefix[negative] + text + self._suffix[negative]


def _padded(width: int) -> Callable[[int], str]:
    return str if width == 1 else ("%0" + str(width) + "d").__mod__


class _DatePattern:
    """A CLDR date pattern compiled to a list of pieces: literal text, or a function of the
    value. Common fields read Babel's locale data directly; any other field is delegated to
    Babel's own field formatter."""

    __slots__ = ("_pieces", "pattern")

    def __init__(self, pattern: str, fmt: LocaleFormatter) -> None:
        self.pattern = pattern
        self._pieces: list[str | Callable[[Any], str]] = []
        token: Any
        for kind, token in tokenize_pattern(pattern):
            if kind == "chars":
                last = self._pieces[-1] if self._pieces else None
                if isinstance(last, str):
                    self._pieces[-1] = last + str(token)
                else:
                    self._pieces.append(str(token))
            else:
                char, width = token
                self._pieces.append(self._field(str(char), int(width), fmt))

    @staticmethod
    def _field(char: str, width: int, fmt: LocaleFormatter) -> Callable[[Any], str]:
        locale = fmt.locale
        words: dict[int, Any] = {3: "abbreviated", 4: "wide", 5: "narrow", 6: "short"}
        pad = _padded(width)
        offset = _BUDDHIST_OFFSET if fmt.calendar == "buddhist" else 0
        if char == "d":
            return lambda value: pad(value.day)
        if char in "ML" and width <= 2:
            return lambda value: pad(value.month)
        if char in "ML":
            context: Any = "format" if char == "M" else "stand-alone"
            table = get_month_names(words[width], context, locale)
            months = {number: str(table[number]) for number in range(1, 13)}
            return lambda value: months[value.month]
        if char == "y":
            if width == 2:
                return lambda value: f"{(value.year + offset) % 100:02d}"
            return lambda value: pad(value.year + offset)
        if char == "E":
            table = get_day_names(words[min(max(3, width), 6)], "format", locale)
            days = [str(table[day]) for day in range(7)]
            return lambda value: days[value.weekday()]
        if char in "Hms":
            attribute = {"H": "hour", "m": "minute", "s": "second"}[char]
            return lambda value: pad(getattr(value, attribute))
        if char == "h":
            return lambda value: pad(value.hour % 12 or 12)
        name = char * width
        make = fmt._date_class
        return lambda value: str(make(value, locale)[name])

    def __call__(self, value: date) -> str:
        return "".join(
            [piece if type(piece) is str else piece(value) for piece in self._pieces]  # type: ignore[operator]
        )


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
        self._numbers: dict[tuple[str | None, str | None], _NumberFormat] = {}
        self._dates: dict[tuple[str, str], _DatePattern] = {}
        self._lists: dict[str, dict[str, str]] = {}
        self._date_class = (
            _BuddhistDateTimeFormat if self.calendar == "buddhist" else DateTimeFormat
        )

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
        if isinstance(number, bool) or not isinstance(number, int | Decimal | float):
            raise TemplateError(f"plural needs a number, got {type(number).__name__}")
        return str((self._ordinal if ordinal else self._cardinal)(number))

    def _number_format(self, style: str | None, currency: str | None) -> _NumberFormat:
        key = (style, currency)
        found = self._numbers.get(key)
        if found is None:
            found = _NumberFormat(self._number_pattern(style, currency), self.locale, currency)
            self._numbers[key] = found
        return found

    def _number_pattern(self, style: str | None, currency: str | None) -> NumberPattern:
        if style is None or style == "decimal":
            if currency:
                return cast(NumberPattern, self.locale.currency_formats["standard"])
            return cast(NumberPattern, self.locale.decimal_formats[None])
        if style == "integer":
            return parse_number_pattern("#,##0")
        if style == "percent":
            return cast(NumberPattern, self.locale.percent_formats[None])
        if style == "currency":
            return cast(NumberPattern, self.locale.currency_formats["standard"])
        try:
            return parse_number_pattern(style)
        except (ValueError, TypeError) as exc:
            raise TemplateSyntaxError(f"invalid number pattern {style!r}: {exc}") from None

    def number(self, value: int | Decimal | float, style: str | None = None) -> str:
        """Format a number: ``style`` is ``None``, ``integer``, ``percent`` or a CLDR pattern.

        >>> LocaleFormatter("en").number(0.256, "percent")
        '26%'
        """
        if isinstance(value, bool) or not isinstance(value, int | Decimal | float):
            raise TemplateError(f"expected a number, got {type(value).__name__}")
        if style == "currency":
            raise TemplateError("a currency amount must be a Money value (it names its currency)")
        return self._number_format(style, None)(value)

    def money(self, value: Money, style: str | None = None) -> str:
        """Format ``value`` in its own currency, rounded half up to the currency's minor unit.

        >>> LocaleFormatter("th").money(Money.of("1250", "THB"))
        '฿1,250.00'
        """
        if not isinstance(value, Money):
            raise TemplateError(f"expected a Money value, got {type(value).__name__}")
        custom = style if style not in (None, "decimal", "currency", "integer", "percent") else None
        return self._number_format(custom, value.currency).money(value.amount)

    def _date_pattern(self, kind: str, style: str) -> _DatePattern:
        key = (kind, style)
        found = self._dates.get(key)
        if found is None:
            found = _DatePattern(self._pattern_text(kind, style), self)
            self._dates[key] = found
        return found

    def _pattern_text(self, kind: str, style: str) -> str:
        return str(self._compile_date(kind, style).pattern)

    def _compile_date(self, kind: str, style: str) -> DateTimePattern:
        locale = self.locale
        if style.startswith("::"):
            skeleton = style[2:].strip()
            best = match_skeleton(skeleton, locale.datetime_skeletons)
            if best is None:
                raise TemplateSyntaxError(f"no {locale} date format matches skeleton {skeleton!r}")
            return parse_pattern(str(locale.datetime_skeletons[best]))
        if style not in DATE_STYLES:
            try:
                return parse_pattern(style)
            except (ValueError, TypeError) as exc:
                raise TemplateSyntaxError(f"invalid date pattern {style!r}: {exc}") from None
        if kind == "time":
            return cast(DateTimePattern, locale.time_formats[style])
        if kind == "date":
            if self.calendar == "buddhist" and locale.language == "th":
                return parse_pattern(_THAI_BUDDHIST_DATES[style])
            return cast(DateTimePattern, locale.date_formats[style])
        glue = str(locale.datetime_formats.get(style) or locale.datetime_formats["medium"])
        date_part = self._date_pattern("date", style).pattern
        time_part = self._date_pattern("time", style).pattern
        return parse_pattern(glue.replace("{1}", date_part).replace("{0}", time_part))

    def _when(self, value: date, kind: str, tz: str | tzinfo | None) -> date:
        if isinstance(value, datetime):
            ensure_aware(value, "date value")
            if tz is not None:
                value = value.astimezone(get_zone(tz))
            return value if kind != "date" else value.date()
        if not isinstance(value, date):
            raise TemplateError(f"expected a date or datetime, got {type(value).__name__}")
        if kind != "date":
            raise TemplateError(f"a {kind} needs a datetime with a time zone, got a date")
        return value

    def date(self, value: date, style: str = "medium", tz: str | tzinfo | None = None) -> str:
        """Format the date of ``value`` (a datetime is first moved to ``tz`` when given).

        >>> LocaleFormatter("fi").date(date(2026, 5, 4), "long")
        '4. toukokuuta 2026'
        """
        moment = self._when(value, "date", tz)
        return self._date_pattern("date", style)(moment)

    def time(self, value: datetime, style: str = "medium", tz: str | tzinfo | None = None) -> str:
        """Format the time of an aware datetime, in ``tz`` when given.

        >>> from datetime import UTC
        >>> at = datetime(2026, 5, 4, 7, 5, tzinfo=UTC)
        >>> LocaleFormatter("pl").time(at, "short", "Europe/Warsaw")
        '09:05'
        """
        moment = self._when(value, "time", tz)
        return self._date_pattern("time", style)(moment)

    def datetime(
        self, value: datetime, style: str = "medium", tz: str | tzinfo | None = None
    ) -> str:
        """Format date and time of an aware datetime, in ``tz`` when given.

        >>> from datetime import UTC
        >>> LocaleFormatter("en").datetime(datetime(2026, 5, 4, 7, 5, tzinfo=UTC), "short")
        '5/4/26, 7:05\\u202fAM'
        """
        moment = self._when(value, "datetime", tz)
        return self._date_pattern("datetime", style)(moment)

    def _list_parts(self, style: str) -> dict[str, str]:
        # CLDR inheritance: the locale, then root, for the style; then the style root aliases
        # it to (unit-narrow -> unit-short -> unit), again locale first.
        name = _LIST_STYLES.get(style, style)
        if name not in _LIST_ALIASES:
            raise TemplateSyntaxError(
                f"list style {style!r} is not one of " + ", ".join(sorted(_LIST_STYLES))
            )
        chain = [name]
        while chain[-1] in _LIST_ALIASES and _LIST_ALIASES[chain[-1]]:
            chain.append(_LIST_ALIASES[chain[-1]])
        sources = (self.locale.list_patterns, _root().list_patterns, _ROOT_UNIT_LISTS)
        parts: dict[str, str] = {}
        for part in ("start", "middle", "end", "2"):
            parts[part] = next(
                str(source[name][part])
                for name in chain
                for source in sources
                if part in source.get(name, {})
            )
        return parts

    def list(self, items: Sequence[str], style: str = "standard") -> str:
        """Join strings as a CLDR list: ``standard`` (and), ``or``, ``unit``, ``short``, ``narrow``.

        >>> LocaleFormatter("tr").list(["elma", "armut"], "or")
        'elma veya armut'
        """
        if not items:
            return ""
        if len(items) == 1:
            return items[0]
        parts = self._lists.get(style)
        if parts is None:
            parts = self._lists[style] = self._list_parts(style)
        if len(items) == 2:
            return parts["2"].replace("{0}", items[0]).replace("{1}", items[1])
        text = parts["end"].replace("{0}", items[-2]).replace("{1}", items[-1])
        for item in reversed(items[1:-2]):
            text = parts["middle"].replace("{0}", item).replace("{1}", text)
        return parts["start"].replace("{0}", items[0]).replace("{1}", text)

    def _unit(self, unit: str, count: int, length: str) -> str:
        patterns = self.locale._data["unit_patterns"].get(unit, {})
        category = self.plural(count)
        number = self.number(count)
        for width in (length, "short", "long", "narrow"):
            table = patterns.get(width, {})
            pattern = table.get(category) or table.get("other")
            if pattern:
                return str(pattern).replace("{0}", number)
        return f"{number} {unit.removeprefix('duration-')}"

    def duration(self, value: timedelta, style: str = "long") -> str:
        """Spell out a duration in days, hours, minutes and seconds (``long``, ``short``,
        ``narrow``), leaving out zero parts and sub-second remainders. Parts are joined with the
        CLDR ``unit`` list patterns, as ECMA-402 ``Intl.DurationFormat`` does.

        >>> LocaleFormatter("pl").duration(timedelta(hours=2, minutes=30))
        '2 godziny, 30 minut'
        >>> LocaleFormatter("en").duration(timedelta(minutes=90), "short")
        '1 hr, 30 min'
        """
        if not isinstance(value, timedelta):
            raise TemplateError(f"expected a timedelta, got {type(value).__name__}")
        if value < timedelta(0):
            raise NegativeDurationError(f"duration must not be negative, got {value}")
        if style not in ("long", "short", "narrow"):
            raise TemplateSyntaxError(f"duration style {style!r} is not one of long, short, narrow")
        seconds = int(value.total_seconds())
        parts = []
        for unit, size in _DURATION_UNITS:
            count, seconds = divmod(seconds, size)
            if count:
                parts.append(self._unit(unit, count, style))
        if not parts:
            parts.append(self._unit("duration-minute", 0, style))
        list_style = "unit" if style == "long" else f"unit-{style}"
        return self.list(parts, list_style)


@lru_cache(maxsize=1)
def _root() -> Locale:
    return Locale("root")


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
