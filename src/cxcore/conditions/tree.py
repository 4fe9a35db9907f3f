"""Combining conditions (all, any, not), the tagged union, parsing and path checks.

Examples:
    >>> parse_condition({"not": {"any_tag": "spam"}}).describe()
    "not (ticket.tags has any of ['spam'])"
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, Field, TypeAdapter, ValidationError

from cxcore._model import translate_validation_error
from cxcore.conditions.leaves import (
    AllTags,
    AnyTag,
    Compare,
    Contains,
    Equals,
    In,
    IsSet,
    _Base,
)
from cxcore.conditions.paths import (
    FieldProvider,
    Subject,
    _child_model,
    _model_names,
    _unknown,
)
from cxcore.errors import ConditionError

__all__ = ["All", "Any", "Condition", "Not", "check_paths", "parse_condition"]


class All(_Base):
    """Every one of ``conditions`` holds (an empty list always holds).

    Examples:
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

    Examples:
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

    Examples:
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

    Examples:
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

    Examples:
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
