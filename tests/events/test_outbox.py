"""The outbox: deduplication, due entries, backoff and dead letters."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxcore.errors import InvalidInputError
from cxcore.events import Outbox, SlaBreached

T0 = datetime(2026, 5, 4, 10, tzinfo=UTC)


def event(n: int) -> SlaBreached:
    return SlaBreached(
        id=f"e-{n}", subject="T-1", at=T0, metric="first_reply", rule="r", target=timedelta(1)
    )


def test_backoff_doubles_up_to_the_cap_then_the_entry_is_dead() -> None:
    box = Outbox(backoff=timedelta(seconds=10), max_backoff=timedelta(seconds=35), max_attempts=4)
    box = box.add([event(1)], at=T0)
    waits = []
    at = T0
    for _ in range(4):
        box = box.failed("e-1", at=at, error="503")
        entry = box.entries[0]
        waits.append((entry.next_attempt_at - at).total_seconds())
        at = entry.next_attempt_at
    assert waits == [10, 20, 35, 35]
    assert box.due(at + timedelta(days=1)) == ()
    assert [e.event.id for e in box.dead] == ["e-1"]


def test_unknown_ids_are_refused() -> None:
    with pytest.raises(InvalidInputError, match="no event 'e-9'"):
        Outbox().delivered("e-9", at=T0)


def test_the_outbox_round_trips_through_json() -> None:
    box = Outbox().add([event(1), event(2)], at=T0).failed("e-2", at=T0, error="timeout")
    assert Outbox.model_validate_json(box.model_dump_json()) == box


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 6), max_size=20), st.sets(st.integers(0, 6)))
def test_each_event_is_held_once_and_delivered_ones_are_never_due(
    ids: list[int], done: set[int]
) -> None:
    box = Outbox().add([event(n) for n in ids], at=T0)
    assert [e.event.id for e in box.entries] == [f"e-{n}" for n in dict.fromkeys(ids)]
    for n in done & set(ids):
        box = box.delivered(f"e-{n}", at=T0)
    due = {e.event.id for e in box.due(T0)}
    assert due == {f"e-{n}" for n in set(ids) - done}
    assert len(box.prune().entries) == len(set(ids) - done)
