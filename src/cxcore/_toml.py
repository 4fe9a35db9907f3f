"""A bound on how deeply TOML text nests, checked before ``tomllib`` parses it.

``tomllib`` reads nested inline tables and arrays recursively, so text such as ``a = [[[[...``
5,000 levels deep ends in ``RecursionError`` (or worse) instead of a clear error. No real
configuration nests more than a handful of levels; `check_toml_depth` counts the
brackets and braces outside strings and comments and refuses text deeper than
``MAX_TOML_DEPTH``.

Examples:
    >>> check_toml_depth('a = [[1, 2], {b = "[[[["}]  # ]]]')
    >>> check_toml_depth("a = " + "[" * 100 + "]" * 100, "deep.toml")
    Traceback (most recent call last):
    ...
    cxcore.errors.LimitExceededError: deep.toml: TOML nested deeper than 64 arrays and inline \
    tables (line 1)
"""

from __future__ import annotations

from cxcore.errors import LimitExceededError

__all__ = ["MAX_TOML_DEPTH", "check_toml_depth"]

MAX_TOML_DEPTH = 64
"""The deepest nesting of arrays and inline tables a TOML file may use."""

_OPEN = frozenset("[{")
_CLOSE = frozenset("]}")


def check_toml_depth(text: str, source: str = "<toml>", limit: int = MAX_TOML_DEPTH) -> None:
    """Raise [LimitExceededError][cxcore.errors.LimitExceededError] if ``text`` nests arrays
    and inline tables deeper than ``limit``. Strings (basic, literal, multi-line) and
    comments are skipped; a table header ``[a.b]`` counts one level on its own line.
    """
    depth = 0
    line = 1
    index = 0
    size = len(text)
    while index < size:
        char = text[index]
        if char == "\n":
            line += 1
        elif char == "#":
            end = text.find("\n", index)
            index = size if end < 0 else end
            continue
        elif char in "\"'":
            quote = text[index : index + 3] if text[index : index + 3] in ('"""', "'''") else char
            end = _string_end(text, index + len(quote), quote)
            line += text.count("\n", index, end)
            index = end
            continue
        elif char in _OPEN:
            depth += 1
            if depth > limit:
                raise LimitExceededError(
                    f"{source}: TOML nested deeper than {limit} arrays and inline tables "
                    f"(line {line})"
                )
        elif char in _CLOSE:
            depth = max(depth - 1, 0)
        index += 1


def _string_end(text: str, index: int, quote: str) -> int:
    """The index just after the string that opened with ``quote`` before ``index``."""
    escapes = quote[0] == '"'
    size = len(text)
    while index < size:
        if escapes and text[index] == "\\":
            index += 2
            continue
        if text.startswith(quote, index):
            return index + len(quote)
        if len(quote) == 1 and text[index] == "\n":
            return index  # an unterminated one-line string: tomllib reports it
        index += 1
    return size
