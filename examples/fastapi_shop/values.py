"""JSON values for canned responses: turn request JSON into the types a response declares.

JSON has no dates or money, so ``"2026-05-08"`` becomes a ``date`` when the variable is declared
as a date, ``"12.50 PLN"`` (or ``{"amount": "12.50", "currency": "PLN"}``) a ``Money``, a
number of seconds or an ISO 8601 duration a ``timedelta``. Anything else passes unchanged and
the catalog checks it.

>>> from cxcore.responses import VariableSpec
>>> declared = {"new_date": VariableSpec(type="date"), "refund": VariableSpec(type="money")}
>>> values = from_json(declared, {"new_date": "2026-05-08", "refund": "12.50 PLN", "extra": 1})
>>> values["new_date"], values["refund"].format("pl"), values["extra"]
(datetime.date(2026, 5, 8), '12,50\xa0zł', 1)
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from pydantic import TypeAdapter, ValidationError

from cxcore import Money
from cxcore.errors import InvalidInputError
from cxcore.responses import VariableSpec, VariableType

_DURATION: TypeAdapter[timedelta] = TypeAdapter(timedelta)


def from_json(declared: Mapping[str, VariableSpec], values: Mapping[str, Any]) -> dict[str, Any]:
    """``values`` with every declared date, datetime, money, duration and number converted;
    :class:`~cxcore.errors.InvalidInputError` when a value cannot be."""
    converted: dict[str, Any] = {}
    for name, value in values.items():
        spec = declared.get(name)
        try:
            converted[name] = value if spec is None else _convert(spec.type, value)
        except (ValueError, TypeError, ValidationError) as exc:
            raise InvalidInputError(
                f"variable {name!r}: {value!r} is not a valid {spec.type.value if spec else ''} "
                f"({exc})"
            ) from None
    return converted


def _convert(kind: VariableType, value: Any) -> Any:
    if kind is VariableType.DATE and isinstance(value, str):
        return date.fromisoformat(value)
    if kind is VariableType.DATETIME and isinstance(value, str):
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is None:
            raise ValueError("a datetime needs its UTC offset")
        return moment
    if kind is VariableType.MONEY and isinstance(value, str):
        amount, _, currency = value.strip().partition(" ")
        return Money.of(amount, currency.strip())
    if kind is VariableType.MONEY and isinstance(value, Mapping):
        return Money.model_validate(dict(value))
    if kind is VariableType.DURATION and isinstance(value, int | float | str):
        if isinstance(value, str):
            return _DURATION.validate_python(value)
        return timedelta(seconds=value)
    if kind is VariableType.NUMBER and isinstance(value, float):
        return Decimal(str(value))
    return value
