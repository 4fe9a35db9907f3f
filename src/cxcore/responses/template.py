"""Canned responses: a key, staff-facing metadata, declared variables, and per-locale,
per-channel variants.

Examples:
    >>> reply = CannedResponse(
    ...     key="order.delayed",
    ...     title="Shipping delay",
    ...     variables={"order_id": VariableSpec(type="text")},
    ...     variants={"en": {"chat": Variant(text="Order {order_id} is late, sorry!")}},
    ... )
    >>> reply.variant_for("en", "whatsapp")
    ('chat', Variant(subject=None, text='Order {order_id} is late, sorry!', html=None, empty=False))
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from pydantic import Field, TypeAdapter, ValidationError, field_validator, model_validator

from cxcore._locale import LocaleTag
from cxcore._model import CxModel, ReadOnlyDict
from cxcore._time import ensure_aware
from cxcore.errors import CatalogError, TemplateError
from cxcore.money import Money
from cxcore.responses._numbers import is_number
from cxcore.responses.urls import check_url

__all__ = [
    "CHANNEL_GROUPS",
    "VARIANT_NAMES",
    "CannedResponse",
    "VariableSpec",
    "VariableType",
    "Variant",
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

_KEY = re.compile(r"[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*\Z")
_VARIABLE = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")


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


_DATE = TypeAdapter(date)
_DATETIME = TypeAdapter(datetime)
_DURATION = TypeAdapter(timedelta)


def _coerce(kind: VariableType, value: Any, choices: tuple[str, ...], where: str) -> Any:
    """Turn a value (or a fallback read from a file) into the declared type, or raise."""
    if kind is VariableType.URL:
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
            if isinstance(value, Money):
                return value
            if isinstance(value, str):
                amount, _sep, currency = value.strip().partition(" ")
                return Money.of(amount, currency.strip())
            if isinstance(value, Mapping):
                return Money.model_validate(dict(value))
            raise TypeError("expected Money (or '12.50 EUR')")
        if kind is VariableType.DATE:
            if isinstance(value, datetime):
                return value
            return _DATE.validate_python(value)
        if kind is VariableType.DATETIME:
            return ensure_aware(_DATETIME.validate_python(value), where)
        if kind is VariableType.DURATION:
            if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
                value = timedelta(seconds=float(value))
            result = _DURATION.validate_python(value)
            if result < timedelta(0):
                raise ValueError("a duration must not be negative")
            return result
        if isinstance(value, str) or not isinstance(value, list | tuple):
            raise TypeError("expected a list")
        return tuple(value)
    except (TypeError, ValueError, ValidationError, InvalidOperation) as exc:
        raise TemplateError(f"{where}: {value!r} is not a valid {kind.value} ({exc})") from None


class VariableSpec(CxModel):
    """A declared variable: its type, an optional fallback used when no value is given, enum
    choices, and a description for staff.

    Examples:
        >>> VariableSpec(type="money", fallback="0 EUR").fallback
        Money(amount=Decimal('0'), currency='EUR')
        >>> VariableSpec(type="enum", choices=("weather", "carrier")).check("reason", "weather")
        'weather'
    """

    type: VariableType = VariableType.TEXT
    fallback: Money | datetime | date | timedelta | Decimal | int | str | tuple[str, ...] | None = (
        None
    )
    choices: tuple[str, ...] = ()
    description: str = ""

    @model_validator(mode="before")
    @classmethod
    def _coerce_fallback(cls, data: Any) -> Any:
        if isinstance(data, Mapping) and data.get("fallback") is not None:
            kind = VariableType(data.get("type", "text"))
            choices = tuple(data.get("choices") or ())
            data = {**data, "fallback": _coerce(kind, data["fallback"], choices, "fallback")}
        return data

    @model_validator(mode="after")
    def _check_choices(self) -> VariableSpec:
        if self.type is VariableType.ENUM and not self.choices:
            raise CatalogError("an enum variable needs its choices")
        if self.type is not VariableType.ENUM and self.choices:
            raise CatalogError(f"only enum variables have choices, not {self.type.value}")
        return self

    def check(self, name: str, value: Any) -> Any:
        """Return ``value`` if it fits the declared type (text may be given as a number),
        else raise [`TemplateError`][cxcore.errors.TemplateError].

        Examples:
            >>> VariableSpec(type="date").check("due", "tomorrow")
            Traceback (most recent call last):
            ...
            cxcore.errors.TemplateError: variable 'due' must be a date, got str
        """
        kind = self.type
        ok: bool
        if kind is VariableType.TEXT:
            ok = isinstance(value, str | int) and not isinstance(value, bool)
        elif kind is VariableType.ENUM:
            ok = isinstance(value, str) and value in self.choices
        elif kind is VariableType.URL:
            return check_url(value, f"variable {name!r}")
        elif kind is VariableType.NUMBER:
            ok = is_number(value)
        elif kind is VariableType.MONEY:
            ok = isinstance(value, Money)
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
                raise TemplateError(
                    f"variable {name!r} must be one of {list(self.choices)}, got {value!r}"
                )
            raise TemplateError(
                f"variable {name!r} must be a {kind.value}, got {type(value).__name__}"
            )
        return value


class Variant(CxModel):
    """The text of one response for one locale and one channel group.

    ``email`` variants have a subject, plain text and optional HTML (without HTML the HTML
    rendition is the escaped text in paragraphs); ``chat`` variants are short plain text.
    ``empty=True`` says that nothing is sent on this channel, on purpose.

    Examples:
        >>> Variant(empty=True).empty
        True
        >>> Variant(text="")
        Traceback (most recent call last):
        ...
        cxcore.errors.CatalogError: a variant needs text unless it is marked empty
    """

    subject: str | None = None
    text: str = ""
    html: str | None = None
    empty: bool = False

    @model_validator(mode="after")
    def _check_text(self) -> Variant:
        if self.empty and (self.text or self.subject or self.html):
            raise CatalogError("an empty variant must not have a subject, text or html")
        if not self.empty and not self.text.strip():
            raise CatalogError("a variant needs text unless it is marked empty")
        return self

    def fields(self) -> dict[str, str]:
        """The message fields that are present (``subject``, ``text``, ``html``).

        Examples:
            >>> list(Variant(subject="Hi", text="Hello").fields())
            ['subject', 'text']
        """
        found = {"subject": self.subject, "text": self.text, "html": self.html}
        return {name: value for name, value in found.items() if value}


class CannedResponse(CxModel):
    """A pre-written reply: key, metadata for staff, declared variables and its variants
    (``variants[locale][variant_name]``).

    Examples:
        >>> CannedResponse(key="bad key!")
        Traceback (most recent call last):
        ...
        cxcore.errors.CatalogError: response key 'bad key!' must be dotted words such as ...
        at CannedResponse.key
    """

    key: str
    title: str = ""
    description: str = ""
    tags: tuple[str, ...] = ()
    variables: ReadOnlyDict[str, VariableSpec] = Field(default_factory=dict)
    variants: ReadOnlyDict[LocaleTag, dict[str, Variant]] = Field(default_factory=dict)

    @field_validator("key")
    @classmethod
    def _check_key(cls, key: str) -> str:
        if not _KEY.match(key):
            raise CatalogError(f"response key {key!r} must be dotted words such as 'order.delayed'")
        return key

    @field_validator("variables")
    @classmethod
    def _check_names(cls, variables: dict[str, VariableSpec]) -> dict[str, VariableSpec]:
        for name in variables:
            if not _VARIABLE.match(name):
                raise CatalogError(f"variable name {name!r} must be letters, digits and '_'")
        return variables

    @property
    def locales(self) -> tuple[str, ...]:
        """Locales that have at least one variant, sorted.

        Examples:
            >>> CannedResponse(key="a", variants={"pl": {"chat": Variant(text="x")}}).locales
            ('pl',)
        """
        return tuple(sorted(self.variants))

    def variant_for(self, locale: str, channel: str) -> tuple[str, Variant] | None:
        """The variant name and variant that serve ``channel`` in exactly ``locale``, or None.

        Examples:
            >>> response = CannedResponse(key="a", variants={"en": {"default": Variant(text="x")}})
            >>> response.variant_for("en", "email")[0]
            'default'
        """
        table = self.variants.get(locale)
        if not table:
            return None
        for name in variant_chain(channel):
            found = table.get(name)
            if found is not None:
                return name, found
        return None

    def values_with_fallbacks(self, values: Mapping[str, object]) -> dict[str, object]:
        """``values`` checked against the declared types, with declared fallbacks filled in for
        missing (or ``None``) values. Undeclared values pass through unchanged.

        Examples:
            >>> spec = VariableSpec(fallback="there")
            >>> CannedResponse(key="a", variables={"name": spec}).values_with_fallbacks({})
            {'name': 'there'}
        """
        merged = dict(ValueChecks(self.variables)(values))
        for name in self.variables:
            if name in merged and merged[name] is None:
                del merged[name]
        return merged


# Types whose values always fit a declared type; any other value gets the full check.
_FITTING: dict[VariableType, frozenset[type]] = {
    VariableType.TEXT: frozenset({str, int}),
    VariableType.NUMBER: frozenset({int, Decimal, float}),
    VariableType.MONEY: frozenset({Money}),
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
        >>> number, name = VariableSpec(type="number"), VariableSpec(fallback="you")
        >>> checks = ValueChecks({"n": number, "who": name})
        >>> checks({"n": 2, "who": "Ada"}), checks({"n": 2})
        ({'n': 2, 'who': 'Ada'}, {'n': 2, 'who': 'you'})
    """

    __slots__ = ("_checks",)

    def __init__(self, variables: Mapping[str, VariableSpec]) -> None:
        self._checks = tuple(
            (name, spec, _FITTING.get(spec.type, frozenset()), spec.fallback)
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
