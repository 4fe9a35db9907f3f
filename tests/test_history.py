"""History: an immutable sequence that grows in O(1) and reads as a tuple (issue 17, point 6)."""

from __future__ import annotations

import copy
import pickle
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from cxcore._history import History
from cxcore._model import CxModel


def test_it_reads_as_a_tuple() -> None:
    history = History(("a", "b", "c"))
    assert history == ("a", "b", "c") and ("a", "b", "c") == history  # noqa: SIM300 (both sides)
    assert history != ("a", "b") and history != ["a", "b", "c"] and history != "abc"
    assert hash(history) == hash(("a", "b", "c"))
    assert repr(history) == "('a', 'b', 'c')" and str(History()) == "()"
    assert len(history) == 3 and history[0] == "a" and history[-1] == "c"
    assert history[1:] == ("b", "c") and history[::-1] == ("c", "b", "a")
    assert history[5:] == () and history[-2::-2] == ("b",)
    assert list(reversed(history)) == ["c", "b", "a"]
    assert "b" in history and "z" not in history
    assert history.index("c") == 2 and history.count("a") == 1
    # Concatenation is what is under test here.
    assert history + ("d",) == ("a", "b", "c", "d")  # noqa: RUF005
    assert ("z",) + history == ("z", "a", "b", "c")  # noqa: RUF005
    assert history + History(("d",)) == ("a", "b", "c", "d")
    with pytest.raises(IndexError, match="out of range"):
        history[3]
    with pytest.raises(IndexError, match="out of range"):
        history[-4]
    with pytest.raises(TypeError):
        history + ["d"]  # type: ignore[operator]  # noqa: RUF005
    with pytest.raises(TypeError):
        history[0] = "z"  # type: ignore[index]


def test_a_view_reads_only_its_own_items() -> None:
    short = History(("a",))
    longer = short.appended("b")
    # The two share one list, which now holds two items; the short view still has one.
    assert short._items is longer._items
    assert short == ("a",) and list(short) == ["a"] and short[-1] == "a" and short[:] == ("a",)
    assert list(reversed(short)) == ["a"] and hash(short) == hash(("a",))
    assert short != longer and longer == History(("a", "b"))
    with pytest.raises(IndexError):
        short[1]


def test_appending_from_the_newest_view_does_not_copy() -> None:
    history: History[int] = History()
    backing = history._items
    for number in range(1_000):
        history = history.appended(number).extended((number, number))
    assert history._items is backing
    assert history == tuple(n for number in range(1_000) for n in (number, number, number))
    assert history.extended(()) is history


def test_appending_from_an_older_view_forks() -> None:
    start = History((1,))
    left = start.appended(2)
    right = start.appended(3)
    assert right._items is not left._items
    assert (start, left, right) == ((1,), (1, 2), (1, 3))
    # The fork's own list is the newest for it: the next append shares it.
    assert right.appended(4)._items is right._items
    wide = start.extended((5, 6))
    assert wide == (1, 5, 6) and left == (1, 2)


def test_the_same_item_appended_by_two_forks_is_the_same_history() -> None:
    item = object()
    start = History(("x",))
    first = start.appended(item)
    second = start.appended(item)
    assert first == second == ("x", item)
    assert first.appended("y") == ("x", item, "y") and second.appended("z") == ("x", item, "z")
    assert first.extended(("y",)) == ("x", item, "y")


class _RacingList(list[Any]):
    """A list that another writer appends to just before ours lands (a thread switch between
    the length check and the append)."""

    def append(self, item: Any) -> None:
        super().append("other writer")
        super().append(item)

    def extend(self, items: Any) -> None:
        super().append("other writer")
        super().extend(items)


def test_losing_a_race_for_the_next_slot_forks() -> None:
    history = History(("a",))
    history._items = _RacingList(["a"])
    assert history.appended("b") == ("a", "b")
    history._items = _RacingList(["a"])
    assert history.extended(("b", "c")) == ("a", "b", "c")


class _NoScan(list[Any]):
    """A list that refuses to be iterated: growing a history must not walk its past."""

    def __iter__(self) -> Any:
        raise AssertionError("the history's past was walked")


def test_growing_never_walks_the_past() -> None:
    history = History(range(10_000))
    history._items = _NoScan(history._items)
    longer = history.appended(-1).extended((-2, -3)).appended(-4)
    assert len(longer) == 10_004 and longer[-4:] == (-1, -2, -3, -4)
    assert longer._items is history._items


_OPERATIONS = st.lists(
    st.tuples(
        st.integers(0, 50),
        st.one_of(st.integers(), st.lists(st.integers(), max_size=3)),
    ),
    max_size=60,
)


@settings(max_examples=150, deadline=None)
@given(_OPERATIONS)
def test_forks_never_see_each_others_items(operations: list[tuple[int, int | list[int]]]) -> None:
    # Any history may be moved on, any number of times, in any order: each must keep exactly
    # the items of its own line, as tuples would.
    views: list[History[int]] = [History()]
    models: list[tuple[int, ...]] = [()]
    for pick, new in operations:
        index = pick % len(views)
        if isinstance(new, int):
            views.append(views[index].appended(new))
            models.append((*models[index], new))
        else:
            views.append(views[index].extended(new))
            models.append((*models[index], *new))
        assert views == models
    assert [pickle.loads(pickle.dumps(view)) for view in views] == models


def test_pickle_and_copy_keep_only_the_views_items() -> None:
    short = History(("a",))
    short.appended("b")
    for restored in (pickle.loads(pickle.dumps(short)), copy.copy(short), copy.deepcopy(short)):
        assert restored == ("a",) and isinstance(restored, History)
        assert restored._items == ["a"]


class _Tuple(CxModel):
    items: tuple[int, ...]


class _History(CxModel):
    items: History[int]


def test_a_history_field_is_a_tuple_field_in_json_and_schema() -> None:
    model = _History(items=[1, 2])
    assert isinstance(model.items, History) and model.items == (1, 2)
    assert _History(items=History((3,))).items == (3,)
    assert model.model_dump() == {"items": (1, 2)} == _Tuple(items=(1, 2)).model_dump()
    assert model.model_dump_json() == _Tuple(items=(1, 2)).model_dump_json() == '{"items":[1,2]}'
    assert _History.model_validate_json('{"items":[1,2]}') == model
    assert pickle.loads(pickle.dumps(model)) == model
    for mode in ("validation", "serialization"):
        schema: dict[str, Any] = _History.model_json_schema(mode=mode)  # type: ignore[arg-type]
        schema["title"] = "_Tuple"
        assert schema == _Tuple.model_json_schema(mode=mode)  # type: ignore[arg-type]
    assert hash(model) == hash(_History(items=(1, 2)))


def test_a_history_field_validates_its_items() -> None:
    with pytest.raises(ValueError, match="items"):
        _History(items=["one"])

    class Loose(BaseModel):
        items: History[Any]

    assert Loose(items=("x", 1)).items == ("x", 1)
