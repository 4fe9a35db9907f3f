"""Field paths: how conditions read values from a subject, and integrator fields.

Examples:
    >>> from cxcore.tickets import Customer
    >>> resolve("customer.segment", {"customer": Customer(id="C", segment="vip")})
    'vip'
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from functools import cache
from typing import Annotated, Protocol, runtime_checkable

from pydantic import BaseModel, Field

from cxcore.errors import ConditionError

__all__ = ["FieldPathStr", "FieldProvider", "Scalar", "Subject", "known_paths", "resolve"]

Scalar = str | bool | int | float
"""A value a condition compares with (what JSON and TOML can both write)."""

Subject = Mapping[str, object]
"""What a condition reads: roots (``ticket``, ``customer``, ``order``...) mapped to their values.

Examples:
    >>> from cxcore.tickets import Customer
    >>> subject: Subject = {"customer": Customer(id="C-1", segment="vip")}
    >>> sorted(subject)
    ['customer']
"""

_SEGMENT = r"[A-Za-z_][A-Za-z0-9_]*"
FieldPathStr = Annotated[str, Field(pattern=rf"^{_SEGMENT}(\.{_SEGMENT})*$")]
"""A dotted field path (``customer.segment``, ``ticket.tags``): identifiers joined by dots.

Examples:
    >>> from pydantic import TypeAdapter
    >>> TypeAdapter(FieldPathStr).validate_python("customer.segment")
    'customer.segment'
"""


@runtime_checkable
class FieldProvider(Protocol):
    """Integrator fields: the paths it answers and their value for a subject.

    Pass providers explicitly (``fields=[...]``); cxcore keeps no registry.

    Examples:
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


@cache
def _model_names(model: type[BaseModel]) -> frozenset[str]:
    """The fields and public properties of ``model`` (cached: classes do not change)."""
    names = list(model.model_fields)
    for name in dir(model):
        if name.startswith(("_", "model_")):
            continue
        if isinstance(getattr(model, name, None), property):
            names.append(name)
    return frozenset(names)


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

    Examples:
        >>> from cxcore.tickets import Customer
        >>> [p for p in known_paths({"customer": Customer}) if p.startswith("customer.s")]
        ['customer.segment']
    """
    found: list[str] = [path for provider in fields for path in provider.paths]

    def walk(prefix: str, model: type[BaseModel], left: int) -> None:
        for name in sorted(_model_names(model)):
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

    Examples:
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
