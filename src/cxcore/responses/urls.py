"""Links in templates: which URLs a ``url`` variable accepts, and which HTML attributes take one.

HTML-escaping a value keeps it inside its attribute, but in ``href="{label_url}"`` the value
still chooses where the link goes and what it does: ``javascript:alert(1)`` runs script when
clicked, ``data:`` embeds a page, ``//evil.example`` goes to a host of the sender's choosing.
A variable declared ``type = "url"`` therefore only takes an absolute ``http``/``https`` URL
with a host, or a ``mailto:`` or ``tel:`` link, written without spaces or control characters
(browsers drop tabs and line breaks inside URLs, so ``java\\tscript:`` would run as
``javascript:``). [`lint`][cxcore.responses.lint.lint] flags a non-``url`` argument placed where
it could set the scheme of a link.

Examples:
    >>> check_url("https://shop.example/returns/label/R-77")
    'https://shop.example/returns/label/R-77'
    >>> check_url("JavaScript:alert(1)")
    Traceback (most recent call last):
    ...
    cxcore.errors.UnsafeUrlError: 'JavaScript:alert(1)' uses the scheme 'javascript'; a link must \
be http, https, mailto or tel
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from cxcore.errors import UnsafeUrlError

__all__ = ["URL_ATTRIBUTES", "URL_SCHEMES", "check_url", "literal_scheme", "scheme_setters"]

URL_SCHEMES: tuple[str, ...] = ("http", "https", "mailto", "tel")
"""The schemes a ``url`` variable may use."""

URL_ATTRIBUTES: frozenset[str] = frozenset(
    {"href", "src", "action", "formaction", "cite", "poster", "background", "xlink:href"}
)
"""HTML attributes whose value is a URL the browser follows or loads."""

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_NEEDS_HOST = ("http", "https")
_SHOWN = 80
_DROPPED = dict.fromkeys(map(ord, "\t\n\r"))


def _shown(value: str) -> str:
    return repr(value if len(value) <= _SHOWN else value[:_SHOWN] + "…")


def check_url(value: object, what: str = "") -> str:
    """Return ``value`` if it is a safe link for an HTML attribute, else raise
    [`UnsafeUrlError`][cxcore.errors.UnsafeUrlError]. ``what`` names the value in the message.

    Accepted: ``http``/``https`` URLs with a host, ``mailto:`` and ``tel:`` links (any letter
    case), without whitespace or control characters anywhere.

    Examples:
        >>> check_url("mailto:care@shop.example"), check_url("tel:+48221234567")
        ('mailto:care@shop.example', 'tel:+48221234567')
        >>> check_url("//evil.example/login", "variable 'survey_url'")
        Traceback (most recent call last):
        ...
        cxcore.errors.UnsafeUrlError: variable 'survey_url': '//evil.example/login' is not an \
absolute URL; a link must start with http://, https://, mailto: or tel:
    """
    prefix = f"{what}: " if what else ""
    if not isinstance(value, str):
        raise UnsafeUrlError(f"{prefix}a URL must be text, got {type(value).__name__}")
    for index, char in enumerate(value):
        if char.isspace() or not char.isprintable():
            raise UnsafeUrlError(
                f"{prefix}{_shown(value)} has a space or control character (U+{ord(char):04X}) "
                f"at position {index}; encode it (%20) or remove it"
            )
    found = _SCHEME.match(value)
    if found is None:
        raise UnsafeUrlError(
            f"{prefix}{_shown(value)} is not an absolute URL; a link must start with http://, "
            "https://, mailto: or tel:"
        )
    scheme = found.group(1).lower()
    if scheme not in URL_SCHEMES:
        raise UnsafeUrlError(
            f"{prefix}{_shown(value)} uses the scheme {scheme!r}; a link must be "
            + ", ".join(URL_SCHEMES[:-1])
            + f" or {URL_SCHEMES[-1]}"
        )
    rest = value[found.end() :]
    if scheme in _NEEDS_HOST:
        try:
            host = urlsplit(value).hostname if rest.startswith("//") else None
        except ValueError:
            host = None
        if not host:
            raise UnsafeUrlError(f"{prefix}{_shown(value)} has no host after {scheme}://")
    elif not rest:
        raise UnsafeUrlError(f"{prefix}{_shown(value)} is an empty {scheme}: link")
    return value


def literal_scheme(text: str) -> str | None:
    """The scheme (lower case) that a template's own attribute text starts with, read the way
    a browser reads it (leading spaces and controls skipped, tabs and line breaks removed), or
    ``None`` for a relative URL.

    Examples:
        >>> literal_scheme(" Java\\tScript:void(0)"), literal_scheme("/account")
        ('javascript', None)
    """
    cleaned = text.translate(_DROPPED).lstrip("".join(map(chr, range(33))))
    found = _SCHEME.match(cleaned)
    return found.group(1).lower() if found else None


def scheme_setters(pieces: list[tuple[bool, str]], urls: frozenset[str]) -> list[str]:
    """The arguments that could set the scheme of a URL attribute value, given as ``pieces``
    ``(is_argument, literal text or argument name)`` in order; ``urls`` are the arguments
    declared as ``url`` (checked values, so they fix the scheme themselves).

    A URL's scheme ends at the first ``:`` before any ``/``, ``?`` or ``#``, so once the
    template's own text holds one of ``:/?#`` (``https://shop.example/{path}``,
    ``/orders/{id}``) later arguments cannot change it.

    Examples:
        >>> scheme_setters([(True, "link")], frozenset())
        ['link']
        >>> scheme_setters([(False, "https://shop.example/r/"), (True, "id")], frozenset())
        []
        >>> scheme_setters([(True, "base"), (True, "path")], frozenset({"base"}))
        []
    """
    found: list[str] = []
    for is_argument, text in pieces:
        if not is_argument:
            if any(char in text for char in ":/?#"):
                break
        elif text in urls:
            break
        else:
            found.append(text)
    return found
