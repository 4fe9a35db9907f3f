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
from decimal import Decimal
from typing import Any

from pydantic import Field, field_validator, model_validator

from cxcore._locale import LocaleTag
from cxcore._model import CxModel, ReadOnlyDict
from cxcore.errors import CatalogError
from cxcore.money import Money
from cxcore.responses._variables import (
    CHANNEL_GROUPS,
    VARIANT_NAMES,
    ValueChecks,
    VariableType,
    check_value,
    coerce_value,
    pick_variant,
    variant_chain,
)

__all__ = [
    "CHANNEL_GROUPS",
    "VARIANT_NAMES",
    "CannedResponse",
    "VariableSpec",
    "VariableType",
    "Variant",
    "variant_chain",
]

_KEY = re.compile(r"[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*\Z")
_VARIABLE = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")


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
            data = {**data, "fallback": coerce_value(kind, data["fallback"], choices, "fallback")}
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
        return check_value(self.type, self.choices, name, value)


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
        return pick_variant(self.variants.get(locale), channel)

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
