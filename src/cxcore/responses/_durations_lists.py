"""CLDR list patterns (``a, b and c``) and the parts of a spelled-out duration.

Durations are joined the way ECMA-402 ``Intl.DurationFormat`` does it: each non-zero unit
(days, hours, minutes, seconds) with its own CLDR unit pattern, the parts joined with the
locale's ``unit`` list pattern.

Examples:
    >>> from cxcore._locale import get_locale
    >>> join_list(list_parts(get_locale("pl"), "or"), ["kurier", "paczkomat", "poczta"])
    'kurier, paczkomat lub poczta'
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from functools import lru_cache

from babel import Locale

from cxcore.errors import (
    NegativeDurationError,
    TemplateError,
    TemplateSyntaxError,
    UnsafeTemplateError,
)

__all__ = [
    "DURATION_STYLES",
    "LIST_STYLES",
    "duration_units",
    "join_list",
    "list_parts",
    "unit_pattern",
]

LIST_STYLES: tuple[str, ...] = ("standard", "or", "unit", "short", "narrow")
"""The documented list styles (``{items, list, or}``); ``conjunction`` and ``disjunction``
are also accepted as the CLDR names of ``standard`` and ``or``."""

DURATION_STYLES: tuple[str, ...] = ("long", "short", "narrow")
"""The duration styles (``{wait, duration, short}``)."""

_CLDR_LISTS = {
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
_DURATION_UNITS = (
    ("duration-day", 86400),
    ("duration-hour", 3600),
    ("duration-minute", 60),
    ("duration-second", 1),
)


@lru_cache(maxsize=1)
def _root() -> Locale:
    return Locale("root")


def list_parts(locale: Locale, style: str) -> dict[str, str]:
    """The four CLDR list patterns (``start``, ``middle``, ``end``, ``2``) of ``style``.

    CLDR inheritance: the locale, then root, for the style; then the style root aliases it to
    (``unit-narrow -> unit-short -> unit``), again locale first.

    Examples:
        >>> from cxcore._locale import get_locale
        >>> list_parts(get_locale("fi"), "standard")["end"]
        '{0} ja {1}'
    """
    name = _CLDR_LISTS.get(style, style)
    if name not in _LIST_ALIASES:
        raise TemplateSyntaxError(
            f"list style {style!r} is not one of " + ", ".join(sorted(_CLDR_LISTS))
        )
    chain = [name]
    while chain[-1] in _LIST_ALIASES and _LIST_ALIASES[chain[-1]]:
        chain.append(_LIST_ALIASES[chain[-1]])
    sources = (locale.list_patterns, _root().list_patterns, _ROOT_UNIT_LISTS)
    parts: dict[str, str] = {}
    for part in ("start", "middle", "end", "2"):
        parts[part] = next(
            str(source[name][part])
            for name in chain
            for source in sources
            if part in source.get(name, {})
        )
    return parts


def join_list(parts: dict[str, str], items: Sequence[str], limit: int | None = None) -> str:
    """Join ``items`` with the list patterns ``parts`` (see `list_parts`), in time and
    memory linear in the output; an item's own text is never read as a pattern. With
    ``limit``, raise [UnsafeTemplateError][cxcore.errors.UnsafeTemplateError] as soon as the
    output would grow past ``limit`` characters.

    Examples:
        >>> join_list({"start": "{0}, {1}", "middle": "{0}, {1}", "end": "{0} & {1}",
        ...            "2": "{0} & {1}"}, ["a", "{1}", "c"])
        'a, {1} & c'
    """
    count = len(items)
    if count == 0:
        return ""
    if count == 1:
        return items[0]
    out: list[str] = []
    tails: list[str] = []
    total = 0

    def emit(text: str) -> None:
        nonlocal total
        total += len(text)
        if limit is not None and total > limit:
            raise UnsafeTemplateError(f"a list renders longer than {limit} characters")
        out.append(text)

    def nest(pattern: str, item: str) -> None:
        # "A{0}B{1}C": emit A, the item, B; C comes after everything nested at {1}.
        # "A{1}B{0}C": emit A; B, the item and C come after the nested text.
        first, second = pattern.find("{0}"), pattern.find("{1}")
        if first < second:
            emit(pattern[:first])
            emit(item)
            emit(pattern[first + 3 : second])
            tails.append(pattern[second + 3 :])
        else:
            emit(pattern[:second])
            tails.append(pattern[second + 3 : first] + item + pattern[first + 3 :])

    if count == 2:
        nest(parts["2"], items[0])
    else:
        nest(parts["start"], items[0])
        for item in items[1:-2]:
            nest(parts["middle"], item)
        nest(parts["end"], items[-2])
    emit(items[-1])
    for tail in reversed(tails):
        emit(tail)
    return "".join(out)


def duration_units(value: timedelta, style: str) -> list[tuple[str, int]]:
    """The CLDR units and counts a duration is spelled out with: its non-zero days, hours,
    minutes and seconds (sub-second remainders left out), or zero minutes.

    Examples:
        >>> duration_units(timedelta(days=1, seconds=61), "long")
        [('duration-day', 1), ('duration-minute', 1), ('duration-second', 1)]
    """
    if not isinstance(value, timedelta):
        raise TemplateError(f"expected a timedelta, got {type(value).__name__}")
    if value < timedelta(0):
        raise NegativeDurationError(f"duration must not be negative, got {value}")
    if style not in DURATION_STYLES:
        raise TemplateSyntaxError(f"duration style {style!r} is not one of long, short, narrow")
    seconds = int(value.total_seconds())
    units = []
    for unit, size in _DURATION_UNITS:
        count, seconds = divmod(seconds, size)
        if count:
            units.append((unit, count))
    return units or [("duration-minute", 0)]


def unit_pattern(locale: Locale, unit: str, category: str, length: str) -> str | None:
    """The CLDR pattern (``{0} minutes``) of ``unit`` for a plural ``category``, preferring the
    ``length`` asked for, then ``short``, ``long`` and ``narrow``; ``None`` if CLDR has none.

    Examples:
        >>> from cxcore._locale import get_locale
        >>> unit_pattern(get_locale("en"), "duration-hour", "other", "short")
        '{0} hr'
    """
    patterns = locale._data["unit_patterns"].get(unit, {})
    for width in (length, "short", "long", "narrow"):
        table = patterns.get(width, {})
        pattern = table.get(category) or table.get("other")
        if pattern:
            return str(pattern)
    return None
