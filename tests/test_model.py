"""Frozen means frozen: cxcore values hold read-only mappings, keep their hash, and refuse
writes with a CxError (issue 16)."""

from __future__ import annotations

import copy
import importlib
import pickle
import pkgutil
import typing
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cxcore
from cxcore._model import CxModel, FrozenDict, freeze
from cxcore.errors import CxError, FrozenValueError
from cxcore.playbook import builtin_playbook
from cxcore.responses.template import CannedResponse, VariableSpec, Variant
from cxcore.sla.policy import SlaPolicy


def _models() -> Iterator[type[CxModel]]:
    for module in pkgutil.walk_packages(cxcore.__path__, "cxcore."):
        if module.name.endswith(("__main__", ".cli")):
            continue
        importlib.import_module(module.name)
    seen: set[type[CxModel]] = set()
    todo = list(CxModel.__subclasses__())
    while todo:
        cls = todo.pop()
        if cls not in seen:
            seen.add(cls)
            todo.extend(cls.__subclasses__())
            yield cls


def _mutable(annotation: object, frozen: bool) -> bool:
    """Does ``annotation`` hold a list, a set, or a dict that is not frozen (``frozen``: the
    field freezes its dicts, nested ones included)?"""
    origin = typing.get_origin(annotation)
    if annotation in (list, set) or origin in (list, set):
        return True
    if (annotation is dict or origin is dict) and not frozen:
        return True
    return any(_mutable(arg, frozen) for arg in typing.get_args(annotation))


def test_no_model_field_holds_a_mutable_container() -> None:
    found = [
        f"{cls.__name__}.{name}: {field.annotation}"
        for cls in _models()
        for name, field in cls.model_fields.items()
        if _mutable(
            field.annotation, any(getattr(m, "func", None) is freeze for m in field.metadata)
        )
    ]
    assert found == []


def test_mappings_inside_models_cannot_be_edited() -> None:
    # SlaPolicy.counts_in could be edited past validation.
    policy = SlaPolicy(name="p", counts_in={"resolution": ["new", "open"]})
    with pytest.raises(FrozenValueError):
        policy.counts_in[next(iter(policy.counts_in))] = ()
    reply = CannedResponse(
        key="k",
        variables={"n": VariableSpec(type="number")},
        variants={"en": {"chat": Variant(text="{n}")}},
    )
    with pytest.raises(FrozenValueError):
        reply.variables["m"] = VariableSpec()
    with pytest.raises(FrozenValueError):
        reply.variants["en"]["email"] = Variant(text="x")
    playbook = builtin_playbook()
    with pytest.raises(FrozenValueError):
        playbook.calendars.clear()
    with pytest.raises(FrozenValueError):
        playbook.channels.popitem()


def test_writing_to_a_frozen_model_is_a_cxerror() -> None:
    policy = SlaPolicy(name="p")
    with pytest.raises(FrozenValueError, match="SlaPolicy is frozen: cannot set 'name'"):
        policy.name = "q"  # type: ignore[misc]
    with pytest.raises(CxError):
        del policy.name
    assert isinstance(FrozenValueError("x"), TypeError | ValueError)


@given(st.dictionaries(st.text(max_size=3), st.integers(), max_size=5))
def test_a_frozen_dict_is_a_dict_with_a_stable_hash(data: dict[str, int]) -> None:
    frozen = FrozenDict(data)
    assert frozen == data and isinstance(frozen, dict)
    assert hash(frozen) == hash(FrozenDict(dict(reversed(list(data.items())))))
    assert copy.copy(frozen) is frozen
    assert copy.deepcopy(frozen) == frozen and type(copy.deepcopy(frozen)) is FrozenDict
    restored = pickle.loads(pickle.dumps(frozen))
    assert restored == frozen and type(restored) is FrozenDict
    for write in (
        lambda: frozen.__setitem__("k", 1),
        lambda: frozen.setdefault("k", 1),
        lambda: frozen.pop("k", None),
        frozen.clear,
        frozen.popitem,
        lambda: frozen.update({"k": 1}),
        lambda: frozen.__ior__({"k": 1}),
    ):
        with pytest.raises(FrozenValueError):
            write()
    assert frozen == data
