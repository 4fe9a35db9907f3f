"""The leaf conditions: one field path compared with a value.

Examples:
    >>> Equals(path="ticket.channel", value="email").describe()
    "ticket.channel equals 'email'"
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Collection, Sequence
from enum import Enum
from typing import Annotated, Literal
from typing import Any as _Anything

from pydantic import Field

from cxcore._model import CxModel, SortedSet
from cxcore.conditions.paths import FieldPathStr, FieldProvider, Scalar, Subject, resolve
from cxcore.errors import ConditionError

__all__ = ["AllTags", "AnyTag", "Compare", "Contains", "Equals", "In", "IsSet"]


class _Base(CxModel):
    def matches(self, subject: Subject, *, fields: Sequence[FieldProvider] = ()) -> bool:
        """True if the condition holds for ``subject``."""
        raise ConditionError(f"{type(self).__name__} cannot be evaluated on its own")

    def paths(self) -> frozenset[str]:
        """Every field path the condition reads."""
        return frozenset({getattr(self, "path")})  # noqa: B009

    def describe(self) -> str:
        """The condition in words, for the reasons rules and policies give."""
        return repr(self)


def _as_enum_peer(actual: object, expected: object) -> object:
    """Convert ``expected`` to ``actual``'s enum type so ranks and members compare."""
    if isinstance(actual, Enum) and not isinstance(expected, Enum):
        try:
            return type(actual)(expected)
        except ValueError:
            return expected
    return expected


def _same(actual: object, expected: object) -> bool:
    return bool(actual == _as_enum_peer(actual, expected))


class Equals(_Base):
    """``path`` equals ``value``.

    Examples:
        >>> Equals(path="ticket.channel", value="email").describe()
        "ticket.channel equals 'email'"
    """

    op: Literal["equals"] = "equals"
    path: FieldPathStr
    value: Scalar

    def matches(self, subject: Subject, *, fields: Sequence[FieldProvider] = ()) -> bool:
        return _same(resolve(self.path, subject, fields), self.value)

    def describe(self) -> str:
        return f"{self.path} equals {self.value!r}"


class In(_Base):
    """``path`` is one of ``values``.

    Examples:
        >>> from cxcore.tickets import Customer
        >>> In(path="customer.locale", values=["pl", "en"]).matches({"customer": Customer(id="C")})
        True
    """

    op: Literal["in"] = "in"
    path: FieldPathStr
    values: Annotated[tuple[Scalar, ...], Field(min_length=1)]

    def matches(self, subject: Subject, *, fields: Sequence[FieldProvider] = ()) -> bool:
        actual = resolve(self.path, subject, fields)
        return any(_same(actual, v) for v in self.values)

    def describe(self) -> str:
        return f"{self.path} in {list(self.values)!r}"


class Contains(_Base):
    """``path`` (a collection) holds ``value``, or (a string) contains it as a substring.

    Examples:
        >>> from cxcore.tickets import Customer
        >>> Contains(path="customer.name", value="Nowak").matches(
        ...     {"customer": Customer(id="C", name="Anna Nowak")})
        True
    """

    op: Literal["contains"] = "contains"
    path: FieldPathStr
    value: Scalar

    def matches(self, subject: Subject, *, fields: Sequence[FieldProvider] = ()) -> bool:
        actual = resolve(self.path, subject, fields)
        if actual is None:
            return False
        if isinstance(actual, str):
            return isinstance(self.value, str) and self.value in actual
        if isinstance(actual, Collection):
            return any(_same(item, self.value) for item in actual)
        raise ConditionError(
            f"{self.path}: 'contains' needs a text or a collection, got {type(actual).__name__}"
        )

    def describe(self) -> str:
        return f"{self.path} contains {self.value!r}"


def _tags(path: str, subject: Subject, fields: Sequence[FieldProvider]) -> frozenset[str]:
    actual = resolve(path, subject, fields)
    if actual is None:
        return frozenset()
    if isinstance(actual, str) or not isinstance(actual, Collection):
        raise ConditionError(f"{path}: tags must be a collection, got {type(actual).__name__}")
    return frozenset(str(tag) for tag in actual)


class AnyTag(_Base):
    """At least one of ``tags`` is among the tags at ``path`` (default ``ticket.tags``).

    Examples:
        >>> AnyTag(tags=["damaged", "broken"]).describe()
        "ticket.tags has any of ['broken', 'damaged']"
    """

    op: Literal["any_tag"] = "any_tag"
    path: FieldPathStr = "ticket.tags"
    tags: Annotated[SortedSet[str], Field(min_length=1)]

    def matches(self, subject: Subject, *, fields: Sequence[FieldProvider] = ()) -> bool:
        return bool(self.tags & _tags(self.path, subject, fields))

    def describe(self) -> str:
        return f"{self.path} has any of {sorted(self.tags)!r}"


class AllTags(_Base):
    """Every one of ``tags`` is among the tags at ``path`` (default ``ticket.tags``).

    Examples:
        >>> AllTags(tags=["vip", "damaged"]).describe()
        "ticket.tags has all of ['damaged', 'vip']"
    """

    op: Literal["all_tags"] = "all_tags"
    path: FieldPathStr = "ticket.tags"
    tags: Annotated[SortedSet[str], Field(min_length=1)]

    def matches(self, subject: Subject, *, fields: Sequence[FieldProvider] = ()) -> bool:
        return self.tags <= _tags(self.path, subject, fields)

    def describe(self) -> str:
        return f"{self.path} has all of {sorted(self.tags)!r}"


_COMPARE: dict[str, Callable[[_Anything, _Anything], bool]] = {
    "lt": operator.lt,
    "le": operator.le,
    "gt": operator.gt,
    "ge": operator.ge,
}
_SYMBOL = {"lt": "<", "le": "<=", "gt": ">", "ge": ">="}


class Compare(_Base):
    """``path`` compared with ``value`` (``lt``, ``le``, ``gt``, ``ge``). Values with a
    ``rank`` (priorities) compare by rank; an absent value never matches.

    Examples:
        >>> from cxcore.tickets import Ticket, Customer
        >>> from datetime import datetime, timezone
        >>> t = Ticket(id="T", customer=Customer(id="C"), channel="email", priority="urgent",
        ...            created_at=datetime(2026, 5, 4, tzinfo=timezone.utc))
        >>> Compare(op="ge", path="ticket.priority", value="high").matches({"ticket": t})
        True
    """

    op: Literal["lt", "le", "gt", "ge"]
    path: FieldPathStr
    value: Scalar

    def matches(self, subject: Subject, *, fields: Sequence[FieldProvider] = ()) -> bool:
        actual = resolve(self.path, subject, fields)
        if actual is None:
            return False
        expected = _as_enum_peer(actual, self.value)
        rank = getattr(actual, "rank", None)
        if rank is not None:
            actual, expected = rank, getattr(expected, "rank", expected)
        try:
            return _COMPARE[self.op](actual, expected)
        except TypeError:
            raise ConditionError(
                f"{self.path}: cannot compare {type(actual).__name__} {actual!r} with "
                f"{self.value!r}"
            ) from None

    def describe(self) -> str:
        return f"{self.path} {_SYMBOL[self.op]} {self.value!r}"


class IsSet(_Base):
    """``path`` has a value (not ``None``, not an empty text or collection).

    Examples:
        >>> from cxcore.tickets import Customer
        >>> IsSet(path="customer.email").matches({"customer": Customer(id="C")})
        False
    """

    op: Literal["is_set"] = "is_set"
    path: FieldPathStr

    def matches(self, subject: Subject, *, fields: Sequence[FieldProvider] = ()) -> bool:
        actual = resolve(self.path, subject, fields)
        if isinstance(actual, str | Collection):
            return len(actual) > 0
        return actual is not None

    def describe(self) -> str:
        return f"{self.path} is set"
