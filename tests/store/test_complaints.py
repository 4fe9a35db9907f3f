"""ComplaintStore: complaints in and out of the event store, with the workflow checked."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine, select

from cxcore.complaints import Acknowledged, Apologised, Complaint, Reassessed
from cxcore.errors import (
    InvalidInputError,
    InvalidTransitionError,
    SequenceConflictError,
    StreamNotFoundError,
)
from cxcore.store import COMPLAINT_FOLD, ComplaintStore
from tests.complaints.strategies import T0, apologised, received


def make_store(engine: Engine, **options: int) -> ComplaintStore:
    store = ComplaintStore(engine, **options)
    store.create_tables()
    return store


def test_a_complaint_is_stored_and_rebuilt(engine: Engine) -> None:
    store = make_store(engine)
    expected = apologised()
    complaint = store.start(expected.events[0])  # type: ignore[arg-type]
    complaint = store.append(complaint, *expected.events[1:])
    assert complaint == expected
    assert store.get("CMP-1") == expected
    assert store.history("CMP-1") == expected.events
    assert store.ids() == ["CMP-1"]


def test_unknown_complaints_are_not_found(engine: Engine) -> None:
    store = make_store(engine)
    with pytest.raises(StreamNotFoundError, match="no complaint 'CMP-9' in the store"):
        store.get("CMP-9")
    with pytest.raises(StreamNotFoundError, match="no complaint 'CMP-9' in the store"):
        store.history("CMP-9")


def test_an_id_is_taken_once(engine: Engine) -> None:
    store = make_store(engine)
    store.start(received())
    with pytest.raises(SequenceConflictError, match="at version 1, not at the expected version 0"):
        store.start(received(actor="someone-else"))
    assert store.history("CMP-1")[0].actor == "web-form"


def test_an_event_the_workflow_refuses_is_not_stored(engine: Engine) -> None:
    store = make_store(engine)
    complaint = store.start(received())
    too_early = Apologised(sequence=2, at=T0, actor="agent-7")
    with pytest.raises(InvalidTransitionError):
        store.append(complaint, too_early)
    assert store.get("CMP-1").version == 1


def test_a_stale_complaint_cannot_be_appended_to(engine: Engine) -> None:
    store = make_store(engine)
    seen = store.start(received())
    store.append(seen, Acknowledged(sequence=2, at=T0, actor="agent-7"))
    again = Reassessed(sequence=2, at=T0, actor="agent-9", severity="high")
    with pytest.raises(SequenceConflictError, match="at version 2, not at the expected version 1"):
        store.append(seen, again)
    assert [e.actor for e in store.history("CMP-1")] == ["web-form", "agent-7"]


def test_snapshots_are_kept_every_n_events(engine: Engine) -> None:
    store = make_store(engine, snapshot_every=2)
    complaint = store.start(received())
    versions = []
    table = store.events.tables.snapshots
    for number, severity in enumerate(["low", "high", "critical", "low", "high"], start=2):
        event = Reassessed(
            sequence=number, at=T0 + timedelta(minutes=number), actor="a", severity=severity
        )
        complaint = store.append(complaint, event)
        with engine.connect() as conn:
            versions.append(conn.execute(select(table.c.version)).scalar_one_or_none())
    assert versions == [2, 2, 4, 4, 6]
    folded = store.events.load_state("CMP-1", COMPLAINT_FOLD)
    assert folded is not None and folded.replayed == 0
    assert store.get("CMP-1") == complaint == Complaint.replay(complaint.events)


def test_a_batch_crossing_a_multiple_keeps_a_snapshot(engine: Engine) -> None:
    store = make_store(engine, snapshot_every=3)
    complaint = store.start(received())
    events = [Reassessed(sequence=n, at=T0, actor="a", severity="high") for n in (2, 3, 4, 5)]
    complaint = store.append(complaint, *events)
    folded = store.events.load_state("CMP-1", COMPLAINT_FOLD)
    assert folded is not None and (folded.version, folded.replayed) == (5, 0)


def test_snapshot_every_must_be_positive(engine: Engine) -> None:
    with pytest.raises(InvalidInputError, match="got -2"):
        ComplaintStore(engine, snapshot_every=-2)


def test_appends_join_the_hosts_transaction(engine: Engine) -> None:
    store = make_store(engine)
    with engine.connect() as conn:
        complaint = store.start(received(), connection=conn)
        store.append(complaint, Acknowledged(sequence=2, at=T0, actor="a"), connection=conn)
        assert store.get("CMP-1", connection=conn).version == 2
        conn.rollback()
    assert store.ids() == []
