"""Channels, variant names and declared variables: what rendering needs, without the models.

The rules live here so that [`ResponseCatalog.render`][cxcore.ResponseCatalog.render] uses the
same ones whether a response is a [`CannedResponse`][cxcore.CannedResponse] model or a
response of the built-in library read lazily (see `cxcore.responses._library`), and so that
rendering imports no pydantic. `cxcore.responses.template` re-exports the public names.

Examples:
    >>> variant_chain("whatsapp")
    ('whatsapp', 'chat', 'default')
    >>> ValueChecks({"who": DeclaredVariable(VariableType.TEXT, "you")})({})
    {'who': 'you'}
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from cxcore._currency import is_money
from cxcore._time import ensure_aware
from cxcore.errors import TemplateError
from cxcore.responses._numbers import is_number

if TYPE_CHECKING:
    from pydantic import TypeAdapter

__all__ = [
    "CHANNEL_GROUPS",
    "VARIANT_NAMES",
    "DeclaredVariable",
    "ValueChecks",
    "VariableType",
    "check_value",
    "coerce_value",
    "pick_variant",
    "variant_chain",
]

CHANNEL_GROUPS: dict[str, str] = {
    "email": "email",
    "web_form": "email",
    "marketplace": "email",
    "live_chat": "chat",
    "chatbot": "chat",
    "social": "chat",
    "whatsapp": "chat",
    "phone": "chat",
    "sms": "chat",
}
"""Which variant group serves each channel: ``email`` (subject, text, HTML) or ``chat``."""

VARIANT_NAMES: frozenset[str] = frozenset({"email", "chat", "default", *CHANNEL_GROUPS})
"""Names a variant may have: the groups, ``default``, and exact channel names."""

V = TypeVar("V")


def variant_chain(channel: str) -> tuple[str, ...]:
    """The variant names tried for ``channel``, in order: the channel itself, its group, then
    ``default``.

    Examples:
        >>> variant_chain("whatsapp")
        ('whatsapp', 'chat', 'default')
        >>> variant_chain("email")
        ('email', 'default')
    """
    name = str.__str__(channel) if isinstance(channel, str) else str(channel)
    chain = [name]
    group = CHANNEL_GROUPS.get(name)
    if group and group != name:
        chain.append(group)
    if name != "default":
        chain.append("default")
    return tuple(chain)


def pick_variant(table: Mapping[str, V] | None, channel: str) -> tuple[str, V] | None:
    """The first variant of ``table`` (variant name -> variant) in ``channel``'s chain.

    Examples:
        >>> pick_variant({"chat": "short", "default": "long"}, "sms")
        ('chat', 'short')
        >>> pick_variant({}, "sms") is None
        True
    """
    if not table:
        return None
    for name in variant_chain(channel):
        found = table.get(name)
        if found is not None:
            return name, found
    return None


class VariableType(StrEnum):
    """The type of a declared template variable.

    Examples:
        >>> VariableType("money").value
        'money'
    """

    TEXT = "text"
    NUMBER = "number"
    MONEY = "money"
    DATE = "date"
    DATETIME = "datetime"
    DURATION = "duration"
    LIST = "list"
    ENUM = "enum"
    URL = "url"
    """An absolute http/https URL, or a mailto:/tel: link (see
    [`cxcore.responses.urls`][cxcore.responses.urls])."""


@cache
def _adapter(kind: type[Any]) -> TypeAdapter[Any]:
    from pydantic import TypeAdapter

    return TypeAdapter(kind)


def coerce_value(kind: VariableType, value: Any, choices: tuple[str, ...], where: str) -> Any:
    """Turn a value (or a fallback read from a file) into the declared type, or raise
    [`TemplateError`][cxcore.errors.TemplateError]. Dates, datetimes and durations given as
    text are read by pydantic, imported here only when such a value comes.

    Examples:
        >>> coerce_value(VariableType.NUMBER, "2.50", (), "fallback")
        Decimal('2.50')
        >>> coerce_value(VariableType.ENUM, "x", ("a",), "fallback")
        Traceback (most recent call last):
        ...
        cxcore.errors.TemplateError: fallback: 'x' is not a valid enum ('x' is not one of ['a'])
    """
    if kind is VariableType.URL:
        from cxcore.responses.urls import check_url  # loaded by the first URL variable

        return check_url(value, where)
    try:
        if kind in (VariableType.TEXT, VariableType.ENUM):
            if isinstance(value, bool) or not isinstance(value, str | int):
                raise TypeError("expected text")
            text = str.__str__(value) if isinstance(value, str) else str(value)
            if kind is VariableType.ENUM and text not in choices:
                raise ValueError(f"{text!r} is not one of {list(choices)}")
            return text
        if kind is VariableType.NUMBER:
            if isinstance(value, bool) or not isinstance(value, int | Decimal | float | str):
                raise TypeError("expected a number")
            if isinstance(value, str | float):
                value = Decimal(str(value))
            return value
        if kind is VariableType.MONEY:
            if is_money(value):
                return value
            from cxcore.money import Money

            if isinstance(value, str):
                amount, _sep, currency = value.strip().partition(" ")
                return Money.of(amount, currency.strip())
            if isinstance(value, Mapping):
                return Money.model_validate(dict(value))
            raise TypeError("expected Money (or '12.50 EUR')")
        if kind is VariableType.DATE:
            if isinstance(value, datetime):
                return value
            return _adapter(date).validate_python(value)
        if kind is VariableType.DATETIME:
            return ensure_aware(_adapter(datetime).validate_python(value), where)
        if kind is VariableType.DURATION:
            if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
                value = timedelta(seconds=float(value))
            result = _adapter(timedelta).validate_python(value)
            if result < timedelta(0):
                raise ValueError("a duration must not be negative")
            return result
        if isinstance(value, str) or not isinstance(value, list | tuple):
            raise TypeError("expected a list")
        return tuple(value)
    # pydantic's ValidationError is a ValueError.
    except (TypeError, ValueError, InvalidOperation) as exc:
        raise TemplateError(f"{where}: {value!r} is not a valid {kind.value} ({exc})") from None


def check_value(kind: VariableType, choices: tuple[str, ...], name: str, value: Any) -> Any:
    """``value`` if it fits the declared type (text may be given as a number), else
    [`TemplateError`][cxcore.errors.TemplateError].

    Examples:
        >>> check_value(VariableType.DATE, (), "due", "tomorrow")
        Traceback (most recent call last):
        ...
        cxcore.errors.TemplateError: variable 'due' must be a date, got str
    """
    ok: bool
    if kind is VariableType.TEXT:
        ok = isinstance(value, str | int) and not isinstance(value, bool)
    elif kind is VariableType.ENUM:
        ok = isinstance(value, str) and value in choices
    elif kind is VariableType.URL:
        from cxcore.responses.urls import check_url

        return check_url(value, f"variable {name!r}")
    elif kind is VariableType.NUMBER:
        ok = is_number(value)
    elif kind is VariableType.MONEY:
        ok = is_money(value)
    elif kind is VariableType.DATE:
        ok = isinstance(value, date)
    elif kind is VariableType.DATETIME:
        ok = isinstance(value, datetime)
    elif kind is VariableType.DURATION:
        ok = isinstance(value, timedelta)
    else:
        ok = isinstance(value, list | tuple)
    if not ok:
        if kind is VariableType.ENUM and isinstance(value, str):
            raise TemplateError(f"variable {name!r} must be one of {list(choices)}, got {value!r}")
        raise TemplateError(f"variable {name!r} must be a {kind.value}, got {type(value).__name__}")
    return value


class Declared(Protocol):
    """What checking values needs of a declared variable (a
    [`VariableSpec`][cxcore.responses.VariableSpec] or a
    [`DeclaredVariable`][cxcore.responses._variables.DeclaredVariable])."""

    @property
    def type(self) -> VariableType: ...

    @property
    def fallback(self) -> Any: ...

    def check(self, name: str, value: Any) -> Any: ...


@dataclass(frozen=True, slots=True)
class DeclaredVariable:
    """A declared variable of the built-in library, read without building a model: its type,
    its fallback (already coerced) and its enum choices.

    Examples:
        >>> DeclaredVariable(VariableType.ENUM, None, ("a", "b")).check("x", "a")
        'a'
    """

    type: VariableType
    fallback: Any = None
    choices: tuple[str, ...] = ()

    @classmethod
    def read(cls, spec: Any) -> DeclaredVariable:
        """A variable as ``catalog.toml`` declares it (a table, or just a type name).

        Examples:
            >>> DeclaredVariable.read({"type": "number", "fallback": 1})
            DeclaredVariable(type=<VariableType.NUMBER: 'number'>, fallback=1, choices=())
        """
        table = spec if isinstance(spec, Mapping) else {"type": spec}
        kind = VariableType(table.get("type", "text"))
        choices = tuple(table.get("choices") or ())
        fallback = table.get("fallback")
        if fallback is not None:
            fallback = coerce_value(kind, fallback, choices, "fallback")
        return cls(kind, fallback, choices)

    def check(self, name: str, value: Any) -> Any:
        """``value`` if it fits (see [`check_value`][cxcore.responses._variables.check_value])."""
        return check_value(self.type, self.choices, name, value)


# Types whose values always fit a declared type; any other value gets the full check. Money
# joins them only once cxcore.money is loaded: checking values never imports the model.
_FITTING: dict[VariableType, frozenset[type]] = {
    VariableType.TEXT: frozenset({str, int}),
    VariableType.NUMBER: frozenset({int, Decimal, float}),
    VariableType.DATE: frozenset({date, datetime}),
    VariableType.DATETIME: frozenset({datetime}),
    VariableType.DURATION: frozenset({timedelta}),
    VariableType.LIST: frozenset({list, tuple}),
}


class ValueChecks:
    """The declared variables of one response, prepared for checking values on every render:
    calling it checks each declared value against its type
    ([`VariableSpec.check`][cxcore.responses.template.VariableSpec.check]) and fills in fallbacks.
    It returns ``values`` itself when no fallback was needed, else a copy.

    Examples:
        >>> number = DeclaredVariable(VariableType.NUMBER)
        >>> name = DeclaredVariable(VariableType.TEXT, "you")
        >>> checks = ValueChecks({"n": number, "who": name})
        >>> checks({"n": 2, "who": "Ada"}), checks({"n": 2})
        ({'n': 2, 'who': 'Ada'}, {'n': 2, 'who': 'you'})
    """

    __slots__ = ("_checks",)

    def __init__(self, variables: Mapping[str, Declared]) -> None:
        fitting = _FITTING
        money = sys.modules.get("cxcore.money")
        if money is not None:  # Money values exist: let them pass without a call
            fitting = {**_FITTING, VariableType.MONEY: frozenset({money.Money})}
        self._checks = tuple(
            (name, spec, fitting.get(spec.type, frozenset()), spec.fallback)
            for name, spec in variables.items()
        )

    def __call__(self, values: Mapping[str, object]) -> Mapping[str, object]:
        merged: dict[str, object] | None = None
        for name, spec, fitting, fallback in self._checks:
            value = values.get(name)
            if value is None:
                if fallback is not None:
                    if merged is None:
                        merged = dict(values)
                    merged[name] = fallback
            elif type(value) not in fitting:
                spec.check(name, value)
        return values if merged is None else merged
