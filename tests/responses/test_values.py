"""Limits: a dataclass (so compiling needs no pydantic) that refuses what the model refused."""

from __future__ import annotations

import dataclasses

import pytest

from cxcore.errors import CxError, InvalidInputError
from cxcore.responses import Limits
from cxcore.responses._values import DEFAULT_LIMITS


def test_defaults_are_the_documented_caps() -> None:
    assert Limits() == DEFAULT_LIMITS
    assert (Limits().max_depth, Limits().max_output) == (6, 100_000)
    assert (Limits().max_pattern, Limits().max_list_items) == (50_000, 1_000)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("max_depth", 0),
        ("max_depth", 41),
        ("max_depth", True),
        ("max_depth", "3"),
        ("max_depth", 3.0),
        ("max_output", 0),
        ("max_pattern", -1),
        ("max_list_items", None),
    ],
)
def test_bad_caps_are_refused_with_a_typed_error(field: str, value: object) -> None:
    with pytest.raises(InvalidInputError, match=f"{field} must be a whole number") as caught:
        Limits(**{field: value})  # type: ignore[arg-type]
    assert isinstance(caught.value, CxError) and isinstance(caught.value, ValueError)
    assert repr(value) in str(caught.value)


def test_limits_are_frozen_and_keyword_only() -> None:
    limits = Limits(max_depth=40)
    with pytest.raises(dataclasses.FrozenInstanceError):
        limits.max_depth = 3  # type: ignore[misc]
    with pytest.raises(TypeError):
        Limits(3)  # type: ignore[misc]
