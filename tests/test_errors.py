"""The error hierarchy: one root, ValueError where the caller passed a bad value."""

from __future__ import annotations

import inspect

import cxcore.errors as errors
from cxcore.errors import CxError


def error_classes() -> list[type[CxError]]:
    return [
        obj
        for _, obj in inspect.getmembers(errors, inspect.isclass)
        if issubclass(obj, BaseException) and obj.__module__ == errors.__name__
    ]


def test_every_error_is_a_cxerror_with_a_docstring() -> None:
    classes = error_classes()
    assert len(classes) >= 15
    for cls in classes:
        assert issubclass(cls, CxError), cls
        assert cls.__doc__ and ">>>" in cls.__doc__, f"{cls.__name__} needs a docstring example"


def test_all_lists_every_error() -> None:
    assert {c.__name__ for c in error_classes()} == set(errors.__all__)


def test_bad_value_errors_are_value_errors() -> None:
    # Not about a value the caller passed: someone else changed the history first, or the
    # store has no such stream (a LookupError, like a missing key).
    not_values = {"SequenceConflictError", "StreamNotFoundError"}
    for cls in error_classes():
        if cls is CxError or cls.__name__ in not_values:
            continue
        assert issubclass(cls, ValueError), cls
    assert issubclass(errors.StreamNotFoundError, LookupError)
