"""The base of every cxcore value: a frozen pydantic model whose validation errors are CxErrors.

Pydantic wraps errors raised inside validators in its own ``ValidationError``. cxcore promises
typed errors, so `CxModel` unwraps them: when validation fails because of a
[`CxError`][cxcore.CxError] (a naive datetime, an unknown currency), that error is raised with
a note saying where it happened; any other failure becomes an
[`InvalidInputError`][cxcore.errors.InvalidInputError] that lists every problem.
"""

from __future__ import annotations

import copy
from typing import Annotated, Any, NoReturn, Self, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, PlainSerializer, Strict, ValidationError

from cxcore.errors import CxError, FrozenValueError, InvalidInputError

__all__ = [
    "CxModel",
    "FrozenDict",
    "ReadOnlyDict",
    "SortedSet",
    "WholeNumber",
    "freeze",
    "translate_validation_error",
]

K = TypeVar("K")
V = TypeVar("V")

WholeNumber = Annotated[int, Strict()]
"""An ``int`` field that takes only integers: pydantic's lax mode would read ``True`` as 1
and ``"3"`` or ``3.0`` as 3 (a quantity of ``True`` is a bug in the caller, not one item)."""


T = TypeVar("T")


def _sorted_items(items: frozenset[Any]) -> list[Any]:
    return sorted(items)


SortedSet = Annotated[frozenset[T], PlainSerializer(_sorted_items, when_used="json")]
"""A ``frozenset`` field written to JSON as a sorted array.

A set's iteration order depends on string hashing, which changes from process to process, so
plain set fields gave the same value different JSON texts: different event ids and webhook
signatures for the same fact. Sorted, the JSON of a value is always the same text.

Examples:
    >>> class Tagged(CxModel):
    ...     tags: SortedSet[str] = frozenset()
    >>> Tagged(tags={"vip", "damaged", "b2b"}).model_dump_json()
    '{"tags":["b2b","damaged","vip"]}'
"""


_FROZEN = (
    "this mapping belongs to a frozen cxcore value and cannot change; make a changed copy with "
    "model_copy(update=...)"
)


class FrozenDict(dict[K, V]):
    """A ``dict`` that cannot change after it is made: what frozen models hold instead of a
    dict, so ``calendar.hours["sat"] = ...`` raises
    [FrozenValueError][cxcore.errors.FrozenValueError] instead of changing a frozen value
    behind its caches and its hash. It stays a ``dict`` for pydantic, JSON and ``isinstance``;
    equal contents hash equal.

    Examples:
        >>> hours = FrozenDict({"mon": (("09:00", "17:00"),)})
        >>> hours == {"mon": (("09:00", "17:00"),)}, hash(hours) == hash(FrozenDict(hours))
        (True, True)
        >>> hours.pop("mon")
        Traceback (most recent call last):
        ...
        cxcore.errors.FrozenValueError: this mapping belongs to a frozen cxcore value and cannot \
    change; make a changed copy with model_copy(update=...)
    """

    __slots__ = ()

    def _refuse(self, *args: object, **kwargs: object) -> NoReturn:
        raise FrozenValueError(_FROZEN)

    __setitem__ = _refuse
    __delitem__ = _refuse
    __ior__ = _refuse
    clear = _refuse
    pop = _refuse
    popitem = _refuse
    setdefault = _refuse
    update = _refuse

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(frozenset(self.items()))

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenDict, (dict(self),))

    def __copy__(self) -> Self:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> FrozenDict[K, V]:
        return FrozenDict(copy.deepcopy(dict(self), memo))


def freeze(value: Any) -> Any:
    """``value`` with every dict in it (and in dicts within) made a ``FrozenDict``.

    Examples:
        >>> type(freeze({"a": {"b": 1}})["a"]).__name__
        'FrozenDict'
    """
    if isinstance(value, dict) and not isinstance(value, FrozenDict):
        return FrozenDict({key: freeze(item) for key, item in value.items()})
    return value


ReadOnlyDict = Annotated[dict[K, V], AfterValidator(freeze)]
"""A model field holding a mapping: validated as a ``dict``, kept as a ``FrozenDict``."""


def translate_validation_error(exc: ValidationError) -> CxError:
    """Turn pydantic's ``ValidationError`` into the most specific [`CxError`][cxcore.CxError].

    Examples:
        >>> from pydantic import ValidationError
        >>> from cxcore.money import Money
        >>> try:
        ...     Money.model_validate({"amount": "1"})
        ... except InvalidInputError as err:
        ...     print(err.problems[0]["loc"])
        ('currency',)
    """
    problems = exc.errors(include_url=False)
    for problem in problems:
        cause = (problem.get("ctx") or {}).get("error")
        if isinstance(cause, CxError):
            where = ".".join(str(part) for part in problem["loc"])
            if where:
                cause.add_note(f"at {exc.title}.{where}")
            return cause
    lines = []
    for problem in problems:
        where = ".".join(str(part) for part in problem["loc"]) or "(root)"
        lines.append(f"{where}: {problem['msg']}")
    count = len(problems)
    noun = "problem" if count == 1 else "problems"
    message = f"invalid {exc.title}, {count} {noun}: " + "; ".join(lines)
    return InvalidInputError(message, problems=problems)


class CxModel(BaseModel):
    """Frozen, strict-keyed pydantic model whose validation failures raise
    [`CxError`][cxcore.CxError].

    Examples:
        >>> class Point(CxModel):
        ...     x: int
        >>> Point(x=1).model_dump_json()
        '{"x":1}'
        >>> Point(x=1, y=2)
        Traceback (most recent call last):
        ...
        cxcore.errors.InvalidInputError: invalid Point, 1 problem: y: Extra inputs are not permitted
    """

    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=True)

    def __setattr__(self, name: str, value: Any) -> None:
        if name.startswith("_"):  # private attributes (caches) are not part of the value
            super().__setattr__(name, value)
            return
        raise FrozenValueError(
            f"{type(self).__name__} is frozen: cannot set {name!r}; make a changed copy with "
            "model_copy(update=...)"
        )

    def __delattr__(self, name: str) -> None:
        if name.startswith("_"):
            super().__delattr__(name)
            return
        raise FrozenValueError(f"{type(self).__name__} is frozen: cannot delete {name!r}")

    def __init__(self, /, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as exc:
            raise translate_validation_error(exc) from None

    # This __init__ only translates errors at the top level; marking it as pydantic's own base
    # __init__ keeps pydantic-core building nested models natively instead of calling back into
    # Python once per nested value (three times faster on a ticket with a few messages).
    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]

    @classmethod
    def model_validate(
        cls,
        obj: Any,
        *,
        strict: bool | None = None,
        from_attributes: bool | None = None,
        context: Any | None = None,
        **kwargs: Any,
    ) -> Self:
        try:
            return super().model_validate(
                obj, strict=strict, from_attributes=from_attributes, context=context, **kwargs
            )
        except ValidationError as exc:
            raise translate_validation_error(exc) from None

    @classmethod
    def model_validate_json(
        cls,
        json_data: str | bytes | bytearray,
        *,
        strict: bool | None = None,
        context: Any | None = None,
        **kwargs: Any,
    ) -> Self:
        try:
            return super().model_validate_json(json_data, strict=strict, context=context, **kwargs)
        except ValidationError as exc:
            raise translate_validation_error(exc) from None
