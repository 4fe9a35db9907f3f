"""What moving a complaint on costs, and forks (issue 17, point 6).

``Complaint.apply`` used to rebuild the whole ``events`` tuple (and the fold the ``offered`` and
``stage_history`` tuples) on every event, so an apply cost O(n) and loading O(n^2). The growing
fields are now views of shared append-only lists. These tests count work instead of timing it:
apply copies nothing that came before, and loading folds each event exactly once. The timings
are in ``benchmarks/bench_complaint.py``.
"""

from __future__ import annotations

import copy
import pickle
from datetime import timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cxcore.complaints.complaint as complaint_module
from cxcore._history import History
from cxcore.complaints import (
    Complaint,
    ComplaintEvent,
    Reassessed,
    RemedyDeclined,
    RemedyOffered,
    UpdateSent,
)
from tests.complaints.strategies import DISCOUNT, REFUND, REPLACEMENT, apologised, step
from tests.roundtrip import assert_json_round_trip

_GROWING = ("events", "offered", "stage_history")


def _cycle(complaint: Complaint, rounds: int) -> Complaint:
    """Offer, hear "no", send an update: every growing field grows each round."""
    for _ in range(rounds):
        complaint = step(complaint, RemedyOffered, remedies=(DISCOUNT,))
        complaint = step(complaint, RemedyDeclined)
        complaint = step(complaint, UpdateSent, note="still looking")
    return complaint


def test_apply_shares_the_past_instead_of_copying_it() -> None:
    before = _cycle(apologised(), 20)
    after = _cycle(before, 1)
    for name in _GROWING:
        grown, old = getattr(after, name), getattr(before, name)
        assert isinstance(grown, History)
        assert grown._items is old._items, f"{name} was copied"
        assert grown[: len(old)] == old
    assert before.version == after.version - 3 and before.events[-1] is after.events[-4]
    assert Complaint.replay(before.events) == before


def test_a_replayed_history_is_one_list_per_field() -> None:
    complaint = _cycle(apologised(), 30)
    replayed = Complaint.replay(complaint.events)
    assert replayed == complaint
    # Every field grew from its start in place: its list holds exactly its items.
    for name in _GROWING:
        assert getattr(replayed, name)._items == list(getattr(complaint, name))


def _count_folds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    effects = complaint_module.effects

    def counted(complaint: Complaint, event: ComplaintEvent) -> dict[str, Any]:
        calls.append(event.sequence)
        return effects(complaint, event)

    monkeypatch.setattr(complaint_module, "effects", counted)
    return calls


@pytest.mark.parametrize("rounds", [1, 10, 200])
def test_loading_folds_each_event_once(monkeypatch: pytest.MonkeyPatch, rounds: int) -> None:
    complaint = _cycle(apologised(), rounds)
    text = complaint.model_dump_json()
    calls = _count_folds(monkeypatch)
    loaded = Complaint.model_validate_json(text)
    # The received event starts the fold; every later event is folded exactly once.
    assert calls == list(range(2, complaint.version + 1))
    calls.clear()
    assert Complaint.model_validate(complaint.model_dump()) == loaded == complaint
    assert calls == list(range(2, complaint.version + 1))
    calls.clear()
    assert Complaint.replay(complaint.events) == complaint
    assert len(calls) == complaint.version - 1
    calls.clear()
    # A complaint built by apply (or loading) is trusted: the next apply folds one event.
    step(loaded, Reassessed, severity="high")
    assert len(calls) == 1


def test_a_long_history_still_round_trips() -> None:
    complaint = _cycle(apologised(), 40)
    assert_json_round_trip(complaint)
    restored = pickle.loads(pickle.dumps(complaint))
    assert restored == complaint and hash(restored) == hash(complaint)
    assert copy.deepcopy(complaint) == complaint
    # Unpickled, it is still known to match its events: the next apply folds one event.
    assert step(restored, Reassessed, severity="low").version == complaint.version + 1


_MOVES = st.lists(
    st.tuples(st.integers(0, 30), st.sampled_from(["offer", "decline", "update", "reassess"])),
    min_size=1,
    max_size=25,
)


def _move(complaint: Complaint, move: str) -> Complaint | None:
    """``complaint`` after ``move``, or ``None`` when the workflow does not allow it there."""
    if move == "offer":
        remedy = (REPLACEMENT, REFUND, DISCOUNT)[complaint.version % 3]
        return step(complaint, RemedyOffered, 5, remedies=(remedy,))
    if move == "decline":
        return step(complaint, RemedyDeclined, 5) if complaint.open_offer else None
    if move == "update":
        return step(complaint, UpdateSent, 5, note="n") if complaint.offered else None
    return step(complaint, Reassessed, 5, severity=("low", "high")[complaint.version % 2])


@settings(max_examples=60, deadline=None)
@given(_MOVES)
def test_forks_never_see_each_others_events(moves: list[tuple[int, str]]) -> None:
    # Hosts move the same complaint on more than once (two agents, a retry, a what-if): each
    # result must be exactly its own line of events, as if every history were a fresh tuple.
    complaints = [apologised()]
    lines = [tuple(complaints[0].events)]
    for pick, move in moves:
        index = pick % len(complaints)
        moved = _move(complaints[index], move)
        if moved is None:
            continue
        complaints.append(moved)
        lines.append((*lines[index], moved.events[-1]))
        for complaint, line in zip(complaints, lines, strict=True):
            assert complaint.events == line
            assert complaint.version == len(line)
    for complaint in complaints:
        assert Complaint.replay(complaint.events) == complaint
        offered = [r for e in complaint.events if isinstance(e, RemedyOffered) for r in e.remedies]
        assert complaint.offered == tuple(offered)
        assert complaint.stage_history[-1].stage is complaint.stage
        assert Complaint.model_validate_json(complaint.model_dump_json()) == complaint


def test_a_fork_moves_on_from_its_own_past() -> None:
    base = apologised()
    first = step(base, RemedyOffered, remedies=(REFUND,))
    second = step(base, RemedyOffered, 60, remedies=(DISCOUNT,))
    assert first.offered == (REFUND,) and second.offered == (DISCOUNT,)
    assert first.events[-1].at + timedelta(minutes=30) == second.events[-1].at
    third = step(second, RemedyDeclined)
    assert third.events[:-1] == second.events and first.version == third.version - 1
    assert base.events == first.events[:-1] == second.events[:-1]


def test_a_copy_given_plain_tuples_still_moves_on() -> None:
    complaint = _cycle(apologised(), 2)
    plain = {name: tuple(getattr(complaint, name)) for name in _GROWING}
    copied = complaint.model_copy(update=plain)
    assert copied.events == complaint.events and not isinstance(copied.events, History)
    moved = step(copied, Reassessed, severity="high")
    assert moved == step(complaint, Reassessed, severity="high")
    assert isinstance(moved.events, History) and isinstance(moved.offered, History)
    built = Complaint.model_construct(**{**dict(complaint), **plain})
    assert step(built, Reassessed, severity="high").version == complaint.version + 1
