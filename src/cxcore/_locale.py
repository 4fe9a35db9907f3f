"""Locale identifiers: parse and normalise BCP 47 / CLDR tags through Babel.

Examples:
    >>> normalize_locale("pl_PL")
    'pl-PL'
    >>> normalize_locale("th-TH-u-ca-buddhist")
    'th-TH-u-ca-buddhist'
"""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated

from babel import Locale
from babel import UnknownLocaleError as BabelUnknownLocaleError

from cxcore._after import AfterCheck
from cxcore.errors import UnknownLocaleError

__all__ = ["FIRST_CLASS_LOCALES", "LocaleTag", "get_locale", "normalize_locale"]

FIRST_CLASS_LOCALES: tuple[str, ...] = ("en", "pl", "lv", "tr", "fi", "th")
"""Locales that every built-in text and format supports."""


def _split_extension(tag: str) -> tuple[str, str]:
    lowered = tag.replace("_", "-")
    marker = lowered.lower().find("-u-")
    if marker == -1:
        return lowered, ""
    return lowered[:marker], lowered[marker:].lower()


def _parse(tag: str) -> tuple[str, Locale]:
    if not isinstance(tag, str):
        raise UnknownLocaleError(
            f"a locale is a tag such as 'pl' or 'pl-PL', got {type(tag).__name__}"
        )
    return _parse_text(tag)


@lru_cache(maxsize=1024)
def _parse_text(tag: str) -> tuple[str, Locale]:
    if not tag.strip():
        raise UnknownLocaleError(f"unknown locale {tag!r}; use a tag such as 'pl' or 'pl-PL'")
    base, extension = _split_extension(tag.strip())
    try:
        locale = Locale.parse(base, sep="-")
    except (BabelUnknownLocaleError, ValueError, TypeError):
        raise UnknownLocaleError(
            f"unknown locale {tag!r}; use a BCP 47 tag known to CLDR such as 'pl', 'pl-PL', "
            "'th-TH' (first-class: " + ", ".join(FIRST_CLASS_LOCALES) + ")"
        ) from None
    parts = [locale.language]
    if locale.script:
        parts.append(locale.script)
    if locale.territory:
        parts.append(locale.territory)
    if locale.variant:
        parts.append(locale.variant)
    return "-".join(parts) + extension, locale


def normalize_locale(tag: str) -> str:
    """Return the canonical BCP 47 spelling of ``tag`` (``pl_pl`` becomes ``pl-PL``).

    Unicode extensions such as ``-u-ca-buddhist`` are kept. Unknown tags raise
    [`UnknownLocaleError`][cxcore.errors.UnknownLocaleError].

    Examples:
        >>> normalize_locale("FI")
        'fi'
    """
    return _parse(tag)[0]


def get_locale(tag: str) -> Locale:
    """Return the (cached) Babel ``Locale`` for ``tag``, ignoring Unicode extensions.

    Examples:
        >>> get_locale("tr-TR").territory
        'TR'
    """
    return _parse(tag)[1]


LocaleTag = Annotated[str, AfterCheck(normalize_locale)]
"""A string field holding a locale tag, normalised on validation."""
