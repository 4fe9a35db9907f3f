"""CLDR date and time patterns compiled for one locale, and the Thai Buddhist calendar.

Babel knows only the Gregorian calendar. A locale tag with the Unicode extension
``-u-ca-buddhist`` switches the year to the Buddhist era (Gregorian year + 543) and, for Thai,
uses CLDR's Thai Buddhist date patterns.

Examples:
    >>> from datetime import date
    >>> from cxcore._locale import get_locale
    >>> DateFormats(get_locale("th"), "buddhist").format("date", date(2026, 5, 4), "long", None)
    '4 พฤษภาคม 2569'
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime, tzinfo
from typing import Any, cast

from babel import Locale
from babel.dates import (
    DateTimeFormat,
    DateTimePattern,
    get_day_names,
    get_month_names,
    get_timezone_gmt,
    get_timezone_name,
    parse_pattern,
    tokenize_pattern,
)

from cxcore._locale import _split_extension, normalize_locale
from cxcore._time import ensure_aware, get_zone
from cxcore.errors import TemplateError, TemplateSyntaxError, UnknownLocaleError
from cxcore.responses._skeletons import TIME_FIELDS, skeleton_pattern

__all__ = [
    "DATE_STYLES",
    "BuddhistDateTimeFormat",
    "DateFormats",
    "DatePattern",
    "calendar_of",
    "moment",
]

DATE_STYLES: tuple[str, ...] = ("short", "medium", "long", "full")
"""The CLDR date and time format lengths (``{d, date, long}``)."""

BUDDHIST_OFFSET = 543
"""Years between the Gregorian and the Thai Buddhist era (2026 is 2569)."""

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
_WIDTHS: dict[int, Any] = {3: "abbreviated", 4: "wide", 5: "narrow", 6: "short"}


def calendar_of(tag: str) -> str:
    """The calendar a locale tag asks for: ``gregorian`` unless ``-u-ca-`` names another.

    Supported: ``gregory`` (Gregorian) and ``buddhist``; other calendars raise
    [`UnknownLocaleError`][cxcore.errors.UnknownLocaleError].

    Examples:
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


class BuddhistDateTimeFormat(DateTimeFormat):
    """Babel's field formatter with Buddhist-era years and era names.

    Examples:
        >>> from cxcore._locale import get_locale
        >>> fields = BuddhistDateTimeFormat(date(2026, 1, 1), get_locale("th"))
        >>> fields["G"], fields["y"]
        ('พ.ศ.', '2569')
    """

    def format_year(self, char: str, num: int) -> str:
        moment: Any = self.value
        value = moment.year + BUDDHIST_OFFSET
        if char.isupper():
            week = self.get_week_of_year()
            if moment.month == 1 and moment.day < 7 and week >= 52:
                value -= 1
            elif moment.month == 12 and moment.day > 25 and week <= 2:
                value += 1
        year = str(self.format(value, num))
        return year[-2:] if num == 2 else year

    def format_era(self, char: str, num: int) -> str:
        width = _WIDTHS[max(3, min(num, 5))]
        names = _BUDDHIST_ERAS.get(self.locale.language, _BUDDHIST_ERAS["root"])
        return names[width]


# Moments that reach every directly formatted field: one- and two-digit days, months, hours,
# minutes and seconds, morning and afternoon, each weekday, two- and four-digit years.
_PROBES: tuple[datetime, ...] = tuple(
    datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    for year, month, day, hour, minute, second in (
        (2026, 1, 5, 0, 5, 7),
        (1999, 12, 31, 23, 59, 59),
        (2008, 6, 10, 12, 0, 0),
        (2030, 9, 18, 9, 30, 45),
        (2001, 3, 22, 13, 1, 2),
        (2024, 2, 29, 17, 45, 30),
        (2019, 11, 16, 8, 8, 8),
    )
)


def _padded(width: int) -> Callable[[int], str]:
    return str if width == 1 else ("%0" + str(width) + "d").__mod__


class DatePattern:
    """A CLDR date pattern compiled to a list of pieces: literal text, or a function of the
    value. Common fields read Babel's locale data directly; any other field is delegated to
    Babel's own field formatter.

    Examples:
        >>> from cxcore._locale import get_locale
        >>> DatePattern("EEEE d.M.y", get_locale("fi"), "gregorian")(date(2026, 5, 4))
        'maanantaina 4.5.2026'
    """

    __slots__ = ("_pieces", "has_time", "pattern")

    def __init__(self, pattern: str, locale: Locale, calendar: str) -> None:
        self.pattern = pattern
        self.has_time = any(
            kind == "field" and str(token[0]) in TIME_FIELDS
            for kind, token in tokenize_pattern(pattern)
        )
        self._pieces = self._compile(pattern, locale, calendar, direct=True)
        # The direct fields copy Babel's; prove them on probe moments against Babel's own field
        # formatter and use that throughout if the installed data makes any of them differ.
        babel = self._compile(pattern, locale, calendar, direct=False)
        if any(self._join(self._pieces, at) != self._join(babel, at) for at in _PROBES):
            self._pieces = babel

    @classmethod
    def _compile(
        cls, pattern: str, locale: Locale, calendar: str, *, direct: bool
    ) -> list[str | Callable[[Any], str]]:
        pieces: list[str | Callable[[Any], str]] = []
        token: Any
        for kind, token in tokenize_pattern(pattern):
            if kind == "chars":
                last = pieces[-1] if pieces else None
                if isinstance(last, str):
                    pieces[-1] = last + str(token)
                else:
                    pieces.append(str(token))
            else:
                char, width = token
                pieces.append(cls._field(str(char), int(width), locale, calendar, direct))
        return pieces

    @staticmethod
    def _join(pieces: list[str | Callable[[Any], str]], value: date) -> str:
        return "".join(
            [piece if type(piece) is str else piece(value) for piece in pieces]  # type: ignore[operator]
        )

    @staticmethod
    def _field(
        char: str, width: int, locale: Locale, calendar: str, direct: bool
    ) -> Callable[[Any], str]:
        if (char == "z" and width < 4) or (char == "O" and width == 1):
            # ICU's short zone names on purpose, not Babel's: see the conformance table.
            return lambda value: _short_zone(value, locale, char)
        make = BuddhistDateTimeFormat if calendar == "buddhist" else DateTimeFormat
        name = char * width
        if not direct:
            return lambda value: str(make(value, locale)[name])
        pad = _padded(width)
        offset = BUDDHIST_OFFSET if calendar == "buddhist" else 0
        if char == "d":
            return lambda value: pad(value.day)
        if char in "ML" and width <= 2:
            return lambda value: pad(value.month)
        if char in "ML":
            context: Any = "format" if char == "M" else "stand-alone"
            table = get_month_names(_WIDTHS[width], context, locale)
            months = {number: str(table[number]) for number in range(1, 13)}
            return lambda value: months[value.month]
        if char == "y":
            if width == 2:
                return lambda value: f"{(value.year + offset) % 100:02d}"
            return lambda value: pad(value.year + offset)
        if char == "E":
            table = get_day_names(_WIDTHS[min(max(3, width), 6)], "format", locale)
            days = [str(table[day]) for day in range(7)]
            return lambda value: days[value.weekday()]
        if char in "Hms":
            attribute = {"H": "hour", "m": "minute", "s": "second"}[char]
            return lambda value: pad(getattr(value, attribute))
        if char == "h":
            return lambda value: pad(value.hour % 12 or 12)
        return lambda value: str(make(value, locale)[name])

    def __call__(self, value: date) -> str:
        return "".join(
            [piece if type(piece) is str else piece(value) for piece in self._pieces]  # type: ignore[operator]
        )


def _short_gmt(value: datetime, locale: Locale) -> str:
    """CLDR's short localized GMT format (``GMT``, ``GMT+2``, ``GMT+5:30``), as ICU prints it
    for a zone without an abbreviation, from the locale's ``gmtFormat``."""
    offset = value.utcoffset()
    template = str(locale.zone_formats["gmt"])
    if not offset:
        return template % ""
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    # Babel has no CLDR hourFormat; its separator is the one between hours and minutes in
    # the locale's short time format (":" in en, "." in fi and da), as in CLDR's data.
    found = re.search(r"[Hhk]+([:.])mm", str(locale.time_formats["short"].pattern))
    separator = found.group(1) if found else ":"
    return template % (f"{sign}{hours}" + (f"{separator}{rest:02d}" if rest else ""))


def _short_zone(value: datetime, locale: Locale, char: str) -> str:
    """``z`` (the zone's short name, else the short GMT format) or ``O`` (short GMT)."""
    if not isinstance(value, datetime):
        raise TemplateError("a time zone needs a datetime with a time zone, got a date")
    if char == "z":
        name = str(get_timezone_name(value, "short", locale=locale))
        # Babel falls back to the offset (+0200) or, where CLDR marks the short name as not
        # inherited, to the long name; ICU falls back to the short localized GMT format.
        fallbacks = (
            get_timezone_gmt(value, "short", locale=locale),
            get_timezone_name(value, "long", locale=locale),
        )
        if name not in fallbacks:
            return name
    return _short_gmt(value, locale)


def moment(value: date, kind: str, tz: str | tzinfo | None) -> date:
    """The value a ``date``, ``time`` or ``datetime`` format shows: an aware datetime moved to
    ``tz`` when given (its date for ``date``), or a plain date (for ``date`` only).

    Examples:
        >>> from datetime import UTC
        >>> moment(datetime(2026, 5, 4, 23, 30, tzinfo=UTC), "date", "Europe/Warsaw")
        datetime.date(2026, 5, 5)
    """
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


class DateFormats:
    """The date, time and date-time formats of one locale and calendar, each compiled once per
    (kind, style). A style is a CLDR length, a ``::skeleton`` or a CLDR pattern.

    Examples:
        >>> from datetime import UTC
        >>> from cxcore._locale import get_locale
        >>> at = datetime(2026, 5, 4, 7, 5, tzinfo=UTC)
        >>> DateFormats(get_locale("en"), "gregorian").format("datetime", at, "::yMMMd", None)
        'May 4, 2026'
    """

    __slots__ = ("_cache", "calendar", "locale")

    def __init__(self, locale: Locale, calendar: str) -> None:
        self.locale = locale
        self.calendar = calendar
        self._cache: dict[tuple[str, str], DatePattern] = {}

    def format(self, kind: str, value: date, style: str, tz: str | tzinfo | None) -> str:
        """Format ``value`` as a ``date``, ``time`` or ``datetime`` in ``style``."""
        found = self._cache.get((kind, style)) or self.pattern(kind, style)
        if type(value) is date and kind == "date":
            if found.has_time:
                raise TemplateError(
                    f"date style {style!r} shows the time, which needs a datetime with a time "
                    "zone, got a date"
                )
            return found(value)
        return found(moment(value, "datetime" if found.has_time else kind, tz))

    def pattern(self, kind: str, style: str) -> DatePattern:
        """The compiled pattern for ``kind`` (``date``, ``time``, ``datetime``) and ``style``."""
        key = (kind, style)
        found = self._cache.get(key)
        if found is None:
            text = str(self._compile(kind, style).pattern)
            found = self._cache[key] = DatePattern(text, self.locale, self.calendar)
        return found

    def _compile(self, kind: str, style: str) -> DateTimePattern:
        locale = self.locale
        if style.startswith("::"):
            return parse_pattern(skeleton_pattern(locale, style[2:]))
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
        date_part = self.pattern("date", style).pattern
        time_part = self.pattern("time", style).pattern
        return parse_pattern(glue.replace("{1}", date_part).replace("{0}", time_part))
