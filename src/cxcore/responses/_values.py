"""What a template may be given: plain data, within the safety caps of
[`Limits`][cxcore.responses.Limits].

Values are data, never objects a template could reach into: text, numbers, dates, datetimes,
durations, [`Money`][cxcore.Money], or lists of those. Subclasses of ``str`` and ``int``
(such as StrEnum members) are reduced to their plain value.

Examples:
    >>> plain(("a", "b"), "items", Limits())
    ('a', 'b')
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from pydantic import Field

from cxcore._model import CxModel, WholeNumber
from cxcore.errors import UnsafeTemplateError
from cxcore.money import Money

__all__ = ["DEFAULT_LIMITS", "Limits", "plain"]


class Limits(CxModel):
    """Safety caps for compiling and rendering templates.

    Examples:
        >>> Limits().max_output
        100000
        >>> Limits(max_depth=3).max_depth
        3
    """

    max_depth: WholeNumber = Field(default=6, ge=1, le=40)
    """Deepest nesting of plural/select sub-messages."""
    max_output: WholeNumber = Field(default=100_000, ge=1)
    """Longest rendered text, in characters (and longest single text value)."""
    max_pattern: WholeNumber = Field(default=50_000, ge=1)
    """Longest template source, in characters."""
    max_list_items: WholeNumber = Field(default=1_000, ge=1)
    """Most items in one list value."""


DEFAULT_LIMITS = Limits()
"""The caps used when none are given."""

_SCALARS = (str, bool, int, Decimal, float, datetime, date, timedelta)


def plain(value: object, name: str, limits: Limits, nested: bool = False) -> Any:
    """``value`` as plain data (a list becomes a tuple), or
    [`UnsafeTemplateError`][cxcore.errors.UnsafeTemplateError].

    Examples:
        >>> plain(object(), "x", Limits())
        Traceback (most recent call last):
        ...
        cxcore.errors.UnsafeTemplateError: value for 'x' is a object; values must be plain data: \
text, numbers, dates, datetimes, durations, Money, or lists of those
    """
    kind = type(value)
    if kind is str:
        if len(value) > limits.max_output:  # type: ignore[arg-type]
            raise UnsafeTemplateError(
                f"value for {name!r} is longer than {limits.max_output} characters"
            )
        return value
    if kind in _SCALARS or kind is Money:
        return value
    if kind in (list, tuple) and not nested:
        items: tuple[Any, ...] = tuple(value)  # type: ignore[arg-type]
        if len(items) > limits.max_list_items:
            raise UnsafeTemplateError(
                f"list value for {name!r} has more than {limits.max_list_items} items"
            )
        return tuple(plain(item, name, limits, nested=True) for item in items)
    if isinstance(value, str):  # StrEnum members and other str subclasses: their text only
        return plain(str.__str__(value), name, limits, nested)
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int.__index__(value)
    if isinstance(value, (*_SCALARS[3:], Money)):
        return value
    raise UnsafeTemplateError(
        f"value for {name!r} is a {kind.__name__}; values must be plain data: text, numbers, "
        "dates, datetimes, durations, Money, or lists of those"
    )
