"""Typed, serialisable conditions over the field paths of a subject.

A condition is data: it reads fields by dotted path (``customer.segment``, ``ticket.tags``,
``order.total.amount``) from a *subject*, a mapping of root names to values, usually
``ticket``, ``customer``, ``order``, ``complaint`` and ``return``. The same condition is written
in Python, JSON or TOML. In TOML the operator is the key next to ``path``::

    when = { path = "customer.segment", equals = "vip" }
    when = { all = [{ path = "ticket.channel", equals = "marketplace" }, { any_tag = "damaged" }] }

Operators: ``equals``, ``in``, ``contains`` (a member of a collection or a substring),
``any_tag`` / ``all_tags`` (default path ``ticket.tags``), ``lt`` / ``le`` / ``gt`` / ``ge``
(priorities compare by rank), ``is_set``, and ``all`` / ``any`` / ``not`` to combine them.
Fields the library does not know come from a [FieldProvider][cxcore.conditions.FieldProvider]
passed in explicitly; a path nobody knows raises [ConditionError][cxcore.errors.ConditionError]
naming the path and the ones that exist.

>>> from cxcore.tickets import Customer
>>> vip = parse_condition({"path": "customer.segment", "equals": "vip"})
>>> vip.matches({"customer": Customer(id="C-1", segment="vip")})
True
>>> vip.describe()
"customer.segment equals 'vip'"
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Collection, Mapping, Sequence
from enum import Enum
from typing import Annotated, Literal, Protocol, runtime_checkable
from typing import Any as _Anything

from pydantic import BaseModel, BeforeValidator, Field, TypeAdapter, ValidationError

from cxcore._model import CxModel, translate_validation_error
from cxcore.errors import ConditionError

__all__ = [
    "All",
    "AllTags",
    "Any",
    "AnyTag",
    "Compare",
    "Condition",
    "Contains",
    "Equals",
    "FieldProvider",
    "In",
    "IsSet",
    "Not",
    "Scalar",
    "check_paths",
    "known_paths",
    "parse_condition",
    "resolve",
]

Scalar = str | bool | int | float
"""A value a condition compares with (what JSON and TOML can both write)."""

Subject = Mapping[str, object]

_SEGMENT = r"[A-Za-z_][A-Za-z0-9_]*"
FieldPathStr = Annotated[str, Field(pattern=rf"^{_SEGMENT}(\.{_SEGMENT})*$")]


@runtime_checkable
class FieldProvider(Protocol):
    """Integrator fields: the paths it answers and their value for a subject.

    Pass providers explicitly (``fields=[...]``); cxcore keeps no registry.

    >>> class Brand:
    ...     paths = ("shop.brand",)
    ...     def value(self, path, subject):
    ...         return "amber" if subject["ticket"].id.startswith("A") else "tea"
    >>> isinstance(Brand(), FieldProvider)
    True
    """

    @property
    def paths(self) -> Collection[str]:
        """The dotted paths this provider answers."""
        ...

    def value(self, path: str, subject: Subject) -> object:
        """The value of ``path`` for ``subject``."""
        ...


def _model_names(model: type[BaseModel]) -> list[str]:
    names = list(model.model_fields)
    for name in dir(model):
        if name.startswith(("_", "model_")):
            continue
        if isinstance(getattr(model, name, None), property):
            names.append(name)
    return sorted(set(names))


def _child_model(model: type[BaseModel], name: str) -> type[BaseModel] | None:
    field = model.model_fields.get(name)
    if field is None:
        return None
    annotation = field.annotation
    candidates = getattr(annotation, "__args__", None) or (annotation,)
    for candidate in candidates:
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def known_paths(
    schema: Mapping[str, type[BaseModel]], fields: Sequence[FieldProvider] = (), depth: int = 3
) -> tuple[str, ...]:
    """Every path conditions may read from subjects shaped like ``schema`` (root -> model).

    >>> from cxcore.tickets import Customer
    >>> [p for p in known_paths({"customer": Customer}) if p.startswith("customer.s")]
    ['customer.segment']
    """
    found: list[str] = [path for provider in fields for path in provider.paths]

    def walk(prefix: str, model: type[BaseModel], left: int) -> None:
        for name in _model_names(model):
            found.append(f"{prefix}.{name}")
            child = _child_model(model, name)
            if child is not None and left > 1:
                walk(f"{prefix}.{name}", child, left - 1)

    for root, model in schema.items():
        walk(root, model, depth)
    return tuple(sorted(set(found)))


def _unknown(path: str, known: Collection[str]) -> ConditionError:
    head = path.rsplit(".", 1)[0]
    near = [p for p in known if p.startswith(head + ".")] or list(known)
    return ConditionError(
        f"unknown field path {path!r}; known paths: {', '.join(sorted(near)) or 'none'}"
    )


def resolve(path: str, subject: Subject, fields: Sequence[FieldProvider] = ()) -> object:
    """The value at ``path`` in ``subject``: from a provider that answers it, else by walking
    the model fields and properties. An absent root or a ``None`` on the way gives ``None``.

    >>> from cxcore.tickets import Customer
    >>> resolve("customer.segment", {"customer": Customer(id="C", segment="vip")})
    'vip'
    >>> resolve("customer.colour", {"customer": Customer(id="C")})
    Traceback (most recent call last):
    ...
    cxcore.errors.ConditionError: unknown field path 'customer.colour'; known paths: ...
    """
    for provider in fields:
        if path in provider.paths:
            return provider.value(path, subject)
    root, *rest = path.split(".")
    if root not in subject:
        provided = [p for provider in fields for p in provider.paths]
        raise ConditionError(
            f"unknown field path {path!r}: the subject has no {root!r}; roots: "
            f"{', '.join(sorted(subject)) or 'none'}"
            + (f"; provided paths: {', '.join(sorted(provided))}" if provided else "")
        )
    value: object = subject[root]
    walked = root
    for name in rest:
        if value is None:
            return None
        walked = f"{walked}.{name}"
        if isinstance(value, Mapping):
            value = value.get(name)
            continue
        if isinstance(value, BaseModel) and name in _model_names(type(value)):
            value = getattr(value, name)
            continue
        if isinstance(value, BaseModel):
            prefix = walked.rsplit(".", 1)[0]
            known = [f"{prefix}.{n}" for n in _model_names(type(value))]
            raise _unknown(walked, known)
        raise ConditionError(
            f"unknown field path {path!r}: {walked.rsplit('.', 1)[0]!r} is a "
            f"{type(value).__name__} value and has no field {name!r}"
        )
    return value


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

    >>> AnyTag(tags=["damaged", "broken"]).describe()
    "ticket.tags has any of ['broken', 'damaged']"
    """

    op: Literal["any_tag"] = "any_tag"
    path: FieldPathStr = "ticket.tags"
    tags: Annotated[frozenset[str], Field(min_length=1)]

    def matches(self, subject: Subject, *, fields: Sequence[FieldProvider] = ()) -> bool:
        return bool(self.tags & _tags(self.path, subject, fields))

    def describe(self) -> str:
        return f"{self.path} has any of {sorted(self.tags)!r}"


class AllTags(_Base):
    """Every one of ``tags`` is among the tags at ``path`` (default ``ticket.tags``).

    >>> AllTags(tags=["vip", "damaged"]).describe()
    "ticket.tags has all of ['damaged', 'vip']"
    """

    op: Literal["all_tags"] = "all_tags"
    path: FieldPathStr = "ticket.tags"
    tags: Annotated[frozenset[str], Field(min_length=1)]

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


class All(_Base):
    """Every one of ``conditions`` holds (an empty list always holds).

    >>> All(conditions=[]).matches({})
    True
    """

    op: Literal["all"] = "all"
    conditions: tuple[Condition, ...]

    def matches(self, subject: Subject, *, fields: Sequence[FieldProvider] = ()) -> bool:
        return all(c.matches(subject, fields=fields) for c in self.conditions)

    def paths(self) -> frozenset[str]:
        return frozenset().union(*(c.paths() for c in self.conditions))

    def describe(self) -> str:
        return " and ".join(f"({c.describe()})" for c in self.conditions) or "always"


class Any(_Base):
    """At least one of ``conditions`` holds (an empty list never holds).

    >>> Any(conditions=[]).matches({})
    False
    """

    op: Literal["any"] = "any"
    conditions: tuple[Condition, ...]

    def matches(self, subject: Subject, *, fields: Sequence[FieldProvider] = ()) -> bool:
        return any(c.matches(subject, fields=fields) for c in self.conditions)

    def paths(self) -> frozenset[str]:
        return frozenset().union(*(c.paths() for c in self.conditions))

    def describe(self) -> str:
        return " or ".join(f"({c.describe()})" for c in self.conditions) or "never"


class Not(_Base):
    """``condition`` does not hold.

    >>> Not(condition={"op": "is_set", "path": "customer.email"}).describe()
    'not (customer.email is set)'
    """

    op: Literal["not"] = "not"
    condition: Condition

    def matches(self, subject: Subject, *, fields: Sequence[FieldProvider] = ()) -> bool:
        return not self.condition.matches(subject, fields=fields)

    def paths(self) -> frozenset[str]:
        return self.condition.paths()

    def describe(self) -> str:
        return f"not ({self.condition.describe()})"


_OPERATORS = ("equals", "in", "contains", "any_tag", "all_tags", "lt", "le", "gt", "ge")
_COMBINERS = ("all", "any", "not")


def _readable_form(data: object) -> object:
    """Accept ``{path = "x", equals = 1}`` and ``{all = [...]}`` next to the ``op`` form."""
    if not isinstance(data, Mapping) or "op" in data:
        return data
    present = [key for key in (*_OPERATORS, *_COMBINERS, "is_set") if key in data]
    if len(present) != 1:
        raise ConditionError(
            f"a condition names exactly one operator, got {sorted(present) or 'none'} in "
            f"{dict(data)!r}; operators: {', '.join((*_OPERATORS, 'is_set', *_COMBINERS))}"
        )
    key = present[0]
    rest = {k: v for k, v in data.items() if k != key}
    if key in ("all", "any"):
        return {"op": key, "conditions": data[key], **rest}
    if key == "not":
        return {"op": key, "condition": data[key], **rest}
    if key == "is_set":
        return {"op": key, "path": data[key], **rest}
    if key in ("any_tag", "all_tags"):
        tags = data[key]
        return {"op": key, "tags": [tags] if isinstance(tags, str) else tags, **rest}
    if key == "in":
        return {"op": key, "values": data[key], **rest}
    return {"op": key, "value": data[key], **rest}


Condition = Annotated[
    Equals | In | Contains | AnyTag | AllTags | Compare | IsSet | All | Any | Not,
    Field(discriminator="op"),
    BeforeValidator(_readable_form),
]
"""Any condition, tagged by ``op`` (the readable TOML form is accepted too)."""

for _model in (All, Any, Not):
    _model.model_rebuild()

_ADAPTER: TypeAdapter[Equals | In | Contains | AnyTag | AllTags | Compare | IsSet | All | Any | Not]
_ADAPTER = TypeAdapter(Condition)


def parse_condition(
    data: object,
) -> Equals | In | Contains | AnyTag | AllTags | Compare | IsSet | All | Any | Not:
    """A condition from plain data (parsed JSON or TOML) or a condition itself.

    >>> parse_condition({"any": [{"any_tag": "damaged"}, {"path": "ticket.priority",
    ...                                                  "ge": "high"}]}).describe()
    "(ticket.tags has any of ['damaged']) or (ticket.priority >= 'high')"
    >>> parse_condition({"path": "ticket.channel"})
    Traceback (most recent call last):
    ...
    cxcore.errors.ConditionError: a condition names exactly one operator, got none in ...
    """
    if isinstance(data, _Base):
        return data  # type: ignore[return-value]
    try:
        return _ADAPTER.validate_python(data)
    except ValidationError as exc:
        raise translate_validation_error(exc) from None


def check_paths(
    condition: _Base,
    schema: Mapping[str, type[BaseModel]],
    fields: Sequence[FieldProvider] = (),
) -> None:
    """Refuse a condition that reads a path no model in ``schema`` (nor a provider) has.

    Paths under roots the schema does not name are left for evaluation time.

    >>> from cxcore.tickets import Customer
    >>> check_paths(Equals(path="customer.tier", value="gold"), {"customer": Customer})
    Traceback (most recent call last):
    ...
    cxcore.errors.ConditionError: unknown field path 'customer.tier'; known paths: ...
    """
    provided = {path for provider in fields for path in provider.paths}
    for path in sorted(condition.paths()):
        if path in provided or path.split(".")[0] not in schema:
            continue
        model: type[BaseModel] | None = schema[path.split(".")[0]]
        prefix = path.split(".")[0]
        for name in path.split(".")[1:]:
            if model is None:
                break  # below a plain value (a dict, a tuple): checked when evaluated
            if name not in _model_names(model):
                raise _unknown(f"{prefix}.{name}", [f"{prefix}.{n}" for n in _model_names(model)])
            model, prefix = _child_model(model, name), f"{prefix}.{name}"
