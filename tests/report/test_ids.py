"""The compact id set behaves as a set of strings: adds, merges, pickles."""

from __future__ import annotations

import pickle

from hypothesis import given, settings
from hypothesis import strategies as st

from cxcore.report._ids import IdSet

IDS = st.lists(st.text(max_size=8), max_size=300)


def _of(ids: list[str]) -> IdSet:
    found = IdSet()
    for ticket_id in ids:
        found.add(ticket_id)
    return found


@settings(max_examples=60)
@given(IDS, IDS, st.text(max_size=8))
def test_merge_is_the_union_and_counts_the_shared_ids(
    left: list[str], right: list[str], extra: str
) -> None:
    union = set(left) | set(right)
    for one, other in ((_of(left), _of(right)), (_of(right), _of(left))):
        merged, shared = one.merge(other)
        assert len(merged) == len(union)
        assert shared == len(set(left) & set(right))
        assert all(not merged.add(ticket_id) for ticket_id in union)
        # the merged set is a set of its own: adding to it leaves both operands as they were
        assert merged.add(extra) == (extra not in union)
        assert sorted((len(one), len(other))) == sorted((len(set(left)), len(set(right))))


@settings(max_examples=60)
@given(IDS, st.lists(IDS, max_size=4))
def test_absorbing_parts_in_place_is_the_union(first: list[str], parts: list[list[str]]) -> None:
    """Folding parts into one set counts each id once and each repeat across parts once."""
    found = _of(first)
    seen = set(first)
    for part in parts:
        other = _of(part)
        assert found.absorb(other) == len(seen & set(part))
        assert len(other) == len(set(part))  # the absorbed part does not change
        seen |= set(part)
        assert len(found) == len(seen)
    assert all(not found.add(ticket_id) for ticket_id in seen)


def test_absorbing_a_large_part_grows_the_table_once() -> None:
    small, large = _of(["T-1"]), _of([f"T-{n}" for n in range(5000)])
    assert small.absorb(large) == 1
    assert len(small) == 5000 and len(small._slots) == 16384  # room for 5000 at half full
    assert not small.add("T-4999") and small.add("T-5000")


def test_a_small_set_merges_into_a_copy_of_a_large_one_with_room() -> None:
    large = _of([f"T-{n}" for n in range(100)])  # 1024 slots: room for 512 ids
    small = _of(["T-1", "T-new"])
    merged, shared = small.merge(large)
    assert (len(merged), shared) == (101, 1)
    assert merged.add("T-other") and not large.add("T-5") and large.add("T-other")
    assert len(merged) == 102 and len(large) == 101


def test_merging_past_the_table_grows_it() -> None:
    a = _of([f"A-{n}" for n in range(400)])
    b = _of([f"B-{n}" for n in range(400)])
    merged, shared = a.merge(b)
    assert (len(merged), shared) == (800, 0)
    assert not merged.add("A-399") and not merged.add("B-0") and merged.add("C-0")


@settings(max_examples=30)
@given(IDS)
def test_pickles_to_an_equal_set(ids: list[str]) -> None:
    found = _of(ids)
    back = pickle.loads(pickle.dumps(found))
    assert len(back) == len(found) == len(set(ids))
    assert all(not back.add(ticket_id) for ticket_id in ids)
