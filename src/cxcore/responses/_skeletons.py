"""Date skeletons (``{d, date, ::yMMMd}``) turned into a locale's pattern the way ICU's
``DateTimePatternGenerator`` does it, with Babel's CLDR ``availableFormats`` and
``match_skeleton``.

ICU's steps, followed here: ``j``/``J``/``C`` become the locale's preferred hour; numeric
fields match whatever width they ask for (``yyyyMMMdd`` matches ``yMMMd``); the best pattern's
fields are then widened to the widths asked for (hours, minutes and seconds keep the
pattern's); a skeleton with both date and time fields that no single pattern covers is split,
each half matched, and the halves joined with the locale's date-time glue; fields that no
pattern has (an era beside a numeric month) are appended with CLDR's ``appendItems``.

Examples:
    >>> from cxcore._locale import get_locale
    >>> skeleton_pattern(get_locale("en"), "yyyyMMMdd")
    'MMM dd, yyyy'
    >>> skeleton_pattern(get_locale("en"), "jjmmss")
    'h:mm:ss\\u202fa'
"""

from __future__ import annotations

from functools import lru_cache
from itertools import groupby

from babel import Locale
from babel.dates import match_skeleton, tokenize_pattern

from cxcore.errors import TemplateSyntaxError

__all__ = ["DATE_FIELDS", "TIME_FIELDS", "skeleton_pattern"]

DATE_FIELDS = "GyYuUrQqMLlwWdDFgEec"
"""Pattern letters that show a part of the date."""

TIME_FIELDS = "aAbBhHkKjJCmsSzZOvVXx"
"""Pattern letters that show a part of the time (or the zone)."""

# Letters of the same ICU field type: a skeleton letter matches a pattern letter of its type.
_TYPE = {
    **dict.fromkeys("yYuUr", "y"),
    **dict.fromkeys("Qq", "Q"),
    **dict.fromkeys("MLl", "M"),
    **dict.fromkeys("Eec", "E"),
    **dict.fromkeys("hHkK", "h"),
    **dict.fromkeys("abB", "a"),
    **dict.fromkeys("zZOvVXx", "z"),
}
# Skeleton letters read as the letter CLDR's availableFormats use for that field.
_CANONICAL = {"Y": "y", "u": "y", "U": "y", "r": "y", "L": "M", "l": "", "q": "Q", "c": "E"}
_CANONICAL.update({"e": "E", "A": "", "Z": "z", "O": "z", "V": "v", "X": "z", "x": "z"})
_NUMERIC = frozenset("yYuUrdDFgwWhHkKmsS")
_KEEP_WIDTH = frozenset("hHkKms")
# CLDR <appendItems>: how a field that no pattern has is added. root.xml puts an era or a
# year in front ("{1} {0}"); en.xml (and so every en-* locale) puts them after ("{0} {1}").
_APPEND = {"G": "{1} {0}", "y": "{1} {0}", "z": "{0} {1}", "E": "{0} {1}"}
_APPEND_EN = {**_APPEND, "G": "{0} {1}", "y": "{0} {1}"}


def _numeric(char: str, width: int) -> bool:
    return char in _NUMERIC or (char in "MLec" and width <= 2)


def _fields(skeleton: str) -> list[tuple[str, int]]:
    return [(char, len(list(run))) for char, run in groupby(skeleton)]


def _canonical(char: str, width: int) -> str:
    """The letters a field is matched by: numeric fields at width 1, texts at their width."""
    char = _CANONICAL.get(char, char)
    if not char:
        return ""
    if char in _NUMERIC:
        return char
    if char == "M":
        return "M" if width <= 2 else "M" * min(width, 5)
    if char == "E":
        return "E" if width <= 3 else "E" * min(width, 6)
    if char == "a":
        return "a"
    return char * width


@lru_cache(maxsize=64)
def _options(locale: Locale) -> dict[str, list[str]]:
    """The locale's availableFormats skeletons grouped by canonical skeleton."""
    found: dict[str, list[str]] = {}
    for key in sorted(locale.datetime_skeletons, key=lambda k: (len(k), k)):
        canonical = "".join(_canonical(c, w) for c, w in _fields(key))
        found.setdefault(canonical, []).append(key)
    return found


def _closest(keys: list[str], fields: list[tuple[str, int]]) -> str:
    """Of skeletons equal but for numeric widths, the one whose widths are nearest those
    asked for (``MMd`` for ``MMd`` where a locale has both ``Md`` and ``MMd``)."""
    asked = {_TYPE.get(c, c): w for c, w in fields if c not in "yYuUr"}

    def distance(key: str) -> tuple[int, int]:
        widths = sum(abs(asked.get(_TYPE.get(c, c), w) - w) for c, w in _fields(key))
        return widths, len(key)

    return min(keys, key=distance)


def _preferred_hour(locale: Locale) -> str:
    """The hour letter of the locale's short time format (``h`` in en, ``H`` in pl)."""
    pattern = str(locale.time_formats["short"].pattern)
    for char in "hHkK":
        if char in pattern:
            return char
    return "H"


def _not_ascii(pattern: str, locale: Locale) -> str:
    """CLDR writes a narrow no-break space before the day period (``h:mm\u202fa``) and keeps
    a plain-space copy marked ``alt="ascii"``; Babel's import keeps the ASCII copy of some
    availableFormats. Where the locale's other patterns have the narrow space, the skeleton's
    pattern gets it back, as ICU shows it."""
    if " a" in pattern and _narrow_day_period(locale):
        return pattern.replace(" a", "\u202fa")
    return pattern


@lru_cache(maxsize=64)
def _narrow_day_period(locale: Locale) -> bool:
    patterns: list[str] = []
    for source in (locale, Locale(locale.language)):
        patterns += [str(p.pattern) for p in source.time_formats.values()]
        patterns += [str(p) for p in source.datetime_skeletons.values()]
    return any("\u202fa" in text or "\u202fB" in text for text in patterns)


def _adjust(pattern: str, wanted: dict[str, tuple[str, int]], matched: dict[str, int]) -> str:
    """Widen ``pattern``'s fields to the widths the skeleton asked for, where they differ from
    the widths of the availableFormats skeleton that matched (ICU's ``adjustFieldTypes``)."""
    out: list[str] = []
    for kind, token in tokenize_pattern(pattern):
        if kind == "chars":
            text = str(token)
            if any(c.isalpha() for c in text) or "'" in text:
                text = "'" + text.replace("'", "''") + "'"
            out.append(text)
            continue
        char, width = str(token[0]), int(token[1])
        asked = wanted.get(_TYPE.get(char, char))
        if asked is not None and char not in _KEEP_WIDTH:
            asked_char, asked_width = asked
            kept = matched.get(_TYPE.get(char, char)) == asked_width
            if not kept and _numeric(char, width) == _numeric(asked_char, asked_width):
                width = asked_width
            # ICU keeps the pattern's letter for hours, months, weekdays and years (unless a
            # week-based year is asked for) and takes the skeleton's letter for the rest.
            if _TYPE.get(char, char) not in "hME" and (char != "y" or asked_char == "Y"):
                char = asked_char
        out.append(char * width)
    return "".join(out)


def _best(locale: Locale, fields: list[tuple[str, int]]) -> str | None:
    options = _options(locale)
    canonical = "".join(_canonical(c, w) for c, w in fields)
    key = match_skeleton(canonical, tuple(options))
    if key is None:
        return None
    original = _closest(options[key], fields)
    pattern = _not_ascii(str(locale.datetime_skeletons[original]), locale)
    wanted = {_TYPE.get(c, c): (c, w) for c, w in fields}
    matched = {_TYPE.get(c, c): w for c, w in _fields(original)}
    return _adjust(pattern, wanted, matched)


def _appending(locale: Locale, fields: list[tuple[str, int]]) -> str:
    """The best pattern for ``fields``, appending the fields no pattern covers."""
    found = _best(locale, fields)
    if found is not None:
        return found
    for index in range(len(fields)):
        rest = fields[:index] + fields[index + 1 :]
        char, width = fields[index]
        if not rest:
            break
        base = _best(locale, rest)
        alone = _best(locale, [(char, width)]) or char * width
        append = (_APPEND_EN if locale.language == "en" else _APPEND).get(_TYPE.get(char, char))
        if base is not None and append is not None:
            return append.replace("{0}", base).replace("{1}", alone)
    raise TemplateSyntaxError(
        f"no {locale} date format matches the skeleton {''.join(c * w for c, w in fields)!r}"
    )


def _glue(locale: Locale, date_fields: list[tuple[str, int]]) -> str:
    """The date-time glue ICU picks from the date half: full with a long month and weekday,
    long with a long month, medium with an abbreviated month, else short."""
    widths = dict(date_fields)
    month = max(widths.get("M", 0), widths.get("L", 0))
    if month >= 4:
        length = "full" if any(c in widths for c in "Eec") else "long"
    else:
        length = "medium" if month == 3 else "short"
    return str(locale.datetime_formats.get(length) or locale.datetime_formats["medium"])


def skeleton_pattern(locale: Locale, skeleton: str) -> str:
    """The CLDR pattern ICU would give for ``skeleton`` in ``locale``.

    Examples:
        >>> from cxcore._locale import get_locale
        >>> skeleton_pattern(get_locale("en"), "GMMd")
        'MM/d G'
        >>> skeleton_pattern(get_locale("en"), "Mk")
        'L, HH'
    """
    text = skeleton.strip()
    if not text or not all(c in DATE_FIELDS or c in TIME_FIELDS for c in text):
        raise TemplateSyntaxError(
            f"date skeleton {skeleton!r} may hold only the pattern letters "
            f"{DATE_FIELDS}{TIME_FIELDS}"
        )
    hour = _preferred_hour(locale)
    text = text.replace("j", hour).replace("J", "H" if hour in "Hk" else "h").replace("C", hour)
    fields = _fields(text)
    whole = _best(locale, [f for f in fields if _canonical(*f)])
    if whole is not None:
        return whole
    date_fields = [f for f in fields if f[0] in DATE_FIELDS]
    time_fields = [f for f in fields if f[0] in TIME_FIELDS]
    if date_fields and time_fields:
        return (
            _glue(locale, date_fields)
            .replace("{1}", _appending(locale, date_fields))
            .replace("{0}", _appending(locale, time_fields))
        )
    return _appending(locale, fields)
