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

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from cxcore._currency import is_money
from cxcore.errors import InvalidInputError, UnsafeTemplateError

__all__ = ["DEFAULT_LIMITS", "Limits", "plain"]

_RANGES = {
    "max_depth": (1, 40),
    "max_output": (1, None),
    "max_pattern": (1, None),
    "max_list_items": (1, None),
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Limits:
    """Safety caps for compiling and rendering templates.

    A frozen dataclass rather than a model: every compile uses one, and a message must be
    able to render without loading pydantic (see "Cold start" in the responses guide). Each
    cap is a whole number (``True`` or ``"3"`` is refused, as the models refuse them) of at
    least 1; ``max_depth`` is at most 40.

    Examples:
        >>> Limits().max_output
        100000
        >>> Limits(max_depth=3).max_depth
        3
        >>> Limits(max_depth=0)
        Traceback (most recent call last):
        ...
        cxcore.errors.InvalidInputError: invalid Limits: max_depth must be a whole number \
from 1 to 40, got 0
    """

    max_depth: int = 6
    """Deepest nesting of plural/select sub-messages."""
    max_output: int = 100_000
    """Longest rendered text, in characters (and longest single text value)."""
    max_pattern: int = 50_000
    """Longest template source, in characters."""
    max_list_items: int = 1_000
    """Most items in one list value."""

    def __post_init__(self) -> None:
        for name, (low, high) in _RANGES.items():
            value = getattr(self, name)
            within = type(value) is int and value >= low and (high is None or value <= high)
            if not within:
                allowed = f"from {low} to {high}" if high is not None else f"of at least {low}"
                raise InvalidInputError(
                    f"invalid Limits: {name} must be a whole number {allowed}, got {value!r}"
                )


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
    if kind in _SCALARS or is_money(value):
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
    if isinstance(value, _SCALARS[3:]):
        return value
    raise UnsafeTemplateError(
        f"value for {name!r} is a {kind.__name__}; values must be plain data: text, numbers, "
        "dates, datetimes, durations, Money, or lists of those"
    )
