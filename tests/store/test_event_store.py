"""EventStore on SQLite and PostgreSQL: append, load, load since, versions, snapshots."""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import uuid4

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter
from sqlalchemy import CheckConstraint, Engine, MetaData, select, text, update
from sqlalchemy.exc import IntegrityError

from cxcore.complaints import AccountCaptured, Acknowledged, Complaint, ComplaintEvent, Reassessed
from cxcore.errors import InvalidInputError, SequenceConflictError
from cxcore.store import COMPLAINT_EVENTS, COMPLAINT_FOLD, EventCodec, EventStore, EventTables, Fold
from cxcore.tickets import Message, MessageAdded, TicketEvent
from tests.complaints.strategies import T0, received
from tests.store.strategies import complaint_histories

TICKET_EVENTS: EventCodec[TicketEvent] = EventCodec("ticket", TypeAdapter(TicketEvent))


def make_store(engine: Engine) -> EventStore[ComplaintEvent]:
    store = EventStore(engine, COMPLAINT_EVENTS)
    store.create_tables()
    return store


def history(length: int, complaint_id: str = "CMP-1") -> list[ComplaintEvent]:
    """The first ``length`` (at most 2) events of a complaint: received, acknowledged."""
    complaint = Complaint.start(received(complaint_id=complaint_id))
    if length >= 2:
        complaint = complaint.apply(Acknowledged(sequence=2, at=T0, actor="agent-7"))
    return list(complaint.events)[:length]


def message(number: int, body: str = "hello") -> MessageAdded:
    at = datetime(2026, 5, 4, 9, tzinfo=UTC) + timedelta(minutes=number)
    return MessageAdded.of(
        Message(id=f"M-{number}", author_role="customer", channel="email", body=body, at=at)
    )


@settings(max_examples=20, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(events=complaint_histories(), cuts=st.lists(st.integers(1, 19), max_size=4))
def test_round_trip_load_equals_appended_and_replay_equals_the_fold(
    engine: Engine, events: list[ComplaintEvent], cuts: list[int]
) -> None:
    store = make_store(engine)
    stream = uuid4().hex  # the engine outlives one example; every example has its own stream
    bounds = sorted({0, len(events), *(c for c in cuts if c < len(events))})
    for start, stop in itertools.pairwise(bounds):  # appended in batches of random sizes
        assert store.append(stream, events[start:stop], expected_version=start) == stop
    assert store.load(stream) == tuple(events)
    assert store.version(stream) == len(events)
    for version in bounds:
        assert store.load_since(stream, version) == tuple(events[version:])
    expected = Complaint.replay(events)
    assert Complaint.replay(store.load(stream)) == expected
    folded = store.load_state(stream, COMPLAINT_FOLD)
    assert folded is not None
    assert (folded.state, folded.version, folded.replayed) == (expected, len(events), len(events))


def test_an_unknown_stream_is_empty_at_version_zero(engine: Engine) -> None:
    store = make_store(engine)
    assert store.load("CMP-404") == ()
    assert store.load_since("CMP-404", 3) == ()
    assert store.version("CMP-404") == 0
    assert store.load_state("CMP-404", COMPLAINT_FOLD) is None
    assert store.stream_ids() == []


def test_a_stale_version_is_refused_and_nothing_is_stored(engine: Engine) -> None:
    store = make_store(engine)
    first, second = history(2)
    store.append("CMP-1", [first, second], expected_version=0)
    late = Acknowledged(sequence=2, at=T0, actor="agent-9")
    with pytest.raises(SequenceConflictError, match="at version 2, not at the expected version 1"):
        store.append("CMP-1", [late], expected_version=1)
    with pytest.raises(SequenceConflictError, match="at version 2, not at the expected version 0"):
        store.append("CMP-1", [first], expected_version=0)
    assert store.load("CMP-1") == (first, second)


def test_a_gap_is_refused(engine: Engine) -> None:
    store = make_store(engine)
    tickets = EventStore(engine, TICKET_EVENTS)
    tickets.append("T-1", [message(1)], expected_version=0)
    with pytest.raises(SequenceConflictError, match="at version 1, not at the expected version 3"):
        tickets.append("T-1", [message(4)], expected_version=3)
    assert store.version("T-1") == 0  # another stream type: the complaint stream is empty
    assert tickets.version("T-1") == 1


@pytest.mark.parametrize(
    ("expected_version", "count", "problem"),
    [
        (0, 0, "nothing to append to complaint stream 'CMP-1'"),
        (-1, 1, "expected_version of complaint stream 'CMP-1' must be 0 or more, got -1"),
        (1, 1, "event 1 cannot be stored as event 2 of complaint stream 'CMP-1'"),
    ],
)
def test_bad_appends_are_invalid_input(
    engine: Engine, expected_version: int, count: int, problem: str
) -> None:
    store = make_store(engine)
    with pytest.raises(InvalidInputError, match=problem):
        store.append("CMP-1", history(count), expected_version=expected_version)
    assert store.version("CMP-1") == 0


def test_events_are_numbered_by_the_store_when_they_carry_no_sequence(engine: Engine) -> None:
    tickets = EventStore(engine, TICKET_EVENTS)
    tickets.create_tables()
    assert tickets.append("T-1", [message(1), message(2)], expected_version=0) == 2
    assert tickets.append("T-1", [message(3)], expected_version=2) == 3
    assert tickets.load_since("T-1", 1) == (message(2), message(3))
    rows = select(tickets.tables.events.c.sequence, tickets.tables.events.c.event_type)
    with engine.connect() as conn:
        assert conn.execute(rows.order_by("sequence")).all() == [(n, "message") for n in (1, 2, 3)]


def test_stream_types_share_the_tables_without_clashing(engine: Engine) -> None:
    complaints = make_store(engine)
    tickets = EventStore(engine, TICKET_EVENTS)
    complaints.append("X-1", history(1, "X-1"), expected_version=0)
    tickets.append("X-1", [message(1)], expected_version=0)
    assert complaints.load("X-1") == tuple(history(1, "X-1"))
    assert tickets.load("X-1") == (message(1),)
    assert complaints.stream_ids() == tickets.stream_ids() == ["X-1"]


def test_stream_ids_come_in_the_order_the_streams_began(engine: Engine) -> None:
    store = make_store(engine)
    for complaint_id in ("CMP-B", "CMP-A", "CMP-C"):
        store.append(complaint_id, history(1, complaint_id), expected_version=0)
    store.append("CMP-B", history(2, "CMP-B")[1:], expected_version=1)
    assert store.stream_ids() == ["CMP-B", "CMP-A", "CMP-C"]


def test_rows_keep_type_time_in_utc_and_the_json_document(engine: Engine) -> None:
    store = make_store(engine)
    events = history(2)
    store.append("CMP-1", events, expected_version=0)
    table = store.tables.events
    query = select(table.c.event_type, table.c.at, table.c.payload).order_by(table.c.sequence)
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    assert [row.event_type for row in rows] == ["received", "acknowledged"]
    assert [row.at for row in rows] == [event.at.astimezone(UTC) for event in events]
    assert all(row.at.utcoffset() == timedelta(0) for row in rows)
    assert rows[1].payload == events[1].model_dump_json()  # pydantic's own JSON text


def test_a_document_that_no_longer_validates_names_where_it_is(engine: Engine) -> None:
    store = make_store(engine)
    store.append("CMP-1", history(2), expected_version=0)
    table = store.tables.events
    broken = '{"kind": "acknowledged", "sequence": 2, "at": "yesterday", "actor": "x"}'
    with engine.begin() as conn:
        conn.execute(update(table).where(table.c.sequence == 2).values(payload=broken))
    with pytest.raises(InvalidInputError) as caught:
        store.load("CMP-1")
    assert "stored event complaint stream 'CMP-1' event 2" in caught.value.__notes__


def test_other_constraint_failures_stay_integrity_errors(engine: Engine) -> None:
    metadata = MetaData()
    tables = EventTables.define(metadata, prefix="host_")
    tables.events.append_constraint(CheckConstraint("length(stream_id) <= 5", name="short_ids"))
    store = EventStore(engine, COMPLAINT_EVENTS, tables=tables)
    store.create_tables()
    try:
        with pytest.raises(IntegrityError):
            store.append("CMP-LONG-ID", history(1), expected_version=0)
        assert store.version("CMP-LONG-ID") == 0
    finally:
        metadata.drop_all(engine)


def test_a_host_transaction_can_hold_the_append(engine: Engine) -> None:
    store = make_store(engine)
    with engine.connect() as conn:
        store.append("CMP-1", history(1), expected_version=0, connection=conn)
        assert store.version("CMP-1", connection=conn) == 1
        conn.rollback()  # the host changed its mind: nothing was stored
    assert store.version("CMP-1") == 0
    with engine.begin() as conn:
        store.append("CMP-1", history(1), expected_version=0, connection=conn)
    assert store.load("CMP-1") == tuple(history(1))


# -- snapshots ----------------------------------------------------------------------------------


def counting(fold: Fold[Complaint, ComplaintEvent], seen: list[Any]) -> Fold[Any, Any]:
    """``fold`` under the same name, recording every event it replays."""

    def start(events: Any) -> Complaint:
        seen.extend(events)
        return fold.start(events)

    def apply(state: Complaint, event: ComplaintEvent) -> Complaint:
        seen.append(event)
        return fold.apply(state, event)

    return Fold(fold.name, fold.state, start, apply)


def five_events() -> list[ComplaintEvent]:
    """Received, acknowledged, then three reassessments (all allowed while listening)."""
    complaint = Complaint.start(received())
    complaint = complaint.apply(Acknowledged(sequence=2, at=T0, actor="a"))
    for number, severity in zip((3, 4, 5), ("low", "high", "critical"), strict=True):
        at = T0 + timedelta(hours=number)
        event = Reassessed(sequence=number, at=at, actor="a", severity=severity)
        complaint = complaint.apply(event)
    return list(complaint.events)


def test_a_snapshot_is_moved_on_by_the_later_events_only(engine: Engine) -> None:
    store = make_store(engine)
    events = five_events()
    store.append("CMP-1", events[:3], expected_version=0)
    store.save_snapshot("CMP-1", COMPLAINT_FOLD, Complaint.replay(events[:3]), 3)
    store.append("CMP-1", events[3:], expected_version=3)
    seen: list[Any] = []
    folded = store.load_state("CMP-1", counting(COMPLAINT_FOLD, seen))
    assert folded is not None
    assert (folded.version, folded.replayed) == (5, 2)
    assert seen == events[3:]
    assert folded.state == Complaint.replay(events)


def test_a_snapshot_at_the_last_event_replays_nothing(engine: Engine) -> None:
    store = make_store(engine)
    events = five_events()
    store.append("CMP-1", events, expected_version=0)
    store.save_snapshot("CMP-1", COMPLAINT_FOLD, Complaint.replay(events), 5)
    folded = store.load_state("CMP-1", COMPLAINT_FOLD)
    assert folded is not None
    assert (folded.version, folded.replayed, folded.state) == (5, 0, Complaint.replay(events))


def test_a_snapshot_only_moves_forward(engine: Engine) -> None:
    store = make_store(engine)
    events = five_events()
    store.append("CMP-1", events, expected_version=0)
    store.save_snapshot("CMP-1", COMPLAINT_FOLD, Complaint.replay(events[:4]), 4)
    store.save_snapshot("CMP-1", COMPLAINT_FOLD, Complaint.replay(events[:2]), 2)  # late writer
    store.save_snapshot("CMP-1", COMPLAINT_FOLD, Complaint.replay(events[:4]), 4)  # again
    table = store.tables.snapshots
    with engine.connect() as conn:
        assert conn.execute(select(table.c.version)).scalars().all() == [4]
    folded = store.load_state("CMP-1", COMPLAINT_FOLD)
    assert folded is not None and folded.replayed == 1


def test_a_snapshot_of_another_fold_is_ignored(engine: Engine) -> None:
    store = make_store(engine)
    events = five_events()
    store.append("CMP-1", events, expected_version=0)
    store.save_snapshot("CMP-1", COMPLAINT_FOLD, Complaint.replay(events), 5)
    renamed = Fold("complaint.v2", COMPLAINT_FOLD.state, Complaint.replay, Complaint.apply)
    folded = store.load_state("CMP-1", renamed)
    assert folded is not None and (folded.version, folded.replayed) == (5, 5)


def test_a_snapshot_that_disagrees_with_its_events_is_refused(engine: Engine) -> None:
    store = make_store(engine)
    events = five_events()
    store.append("CMP-1", events, expected_version=0)
    store.save_snapshot("CMP-1", COMPLAINT_FOLD, Complaint.replay(events), 5)
    table = store.tables.snapshots
    with engine.connect() as conn:
        state = conn.execute(select(table.c.state)).scalar_one()
    with engine.begin() as conn:
        changed = {**json.loads(state), "stage": "closed"}
        conn.execute(update(table).values(state=json.dumps(changed)))
    with pytest.raises(InvalidInputError, match="field 'stage' does not match its events") as err:
        store.load_state("CMP-1", COMPLAINT_FOLD)
    assert "snapshot complaint stream 'CMP-1' (complaint.v1 at version 5)" in err.value.__notes__


def test_a_snapshot_needs_a_version_the_stream_has(engine: Engine) -> None:
    store = make_store(engine)
    events = five_events()
    store.append("CMP-1", events[:3], expected_version=0)
    with pytest.raises(InvalidInputError, match="version is at least 1, got 0"):
        store.save_snapshot("CMP-1", COMPLAINT_FOLD, Complaint.replay(events[:3]), 0)
    with pytest.raises(InvalidInputError, match="is at version 3; a snapshot at version 5"):
        store.save_snapshot("CMP-1", COMPLAINT_FOLD, Complaint.replay(events), 5)
    folded = store.load_state("CMP-1", COMPLAINT_FOLD)
    assert folded is not None and (folded.version, folded.replayed) == (3, 3)


def test_text_with_a_nul_character_is_stored(engine: Engine) -> None:
    """Regression: PostgreSQL's jsonb refuses U+0000 ("unsupported Unicode escape sequence"),
    found by the round-trip property with an account of "\\x00"; the payload column is json."""
    store = make_store(engine)
    events = [*history(2), AccountCaptured(sequence=3, at=T0, actor="a", account="a\x00b")]
    store.append("CMP-1", events, expected_version=0)
    assert store.load("CMP-1") == tuple(events)


def test_the_payload_is_queryable_json(engine: Engine) -> None:
    """PostgreSQL keeps it as ``json`` (``->>`` works); SQLite as text its JSON functions read."""
    store = make_store(engine)
    store.append("CMP-1", history(2), expected_version=0)
    if engine.dialect.name == "postgresql":
        actor = "payload->>'actor'"
        column_type = (
            "SELECT data_type FROM information_schema.columns WHERE column_name = 'payload'"
        )
    else:
        actor = "json_extract(payload, '$.actor')"
        column_type = "SELECT type FROM pragma_table_info('cxcore_events') WHERE name = 'payload'"
    with engine.connect() as conn:
        actors = conn.execute(text(f"SELECT {actor} FROM cxcore_events ORDER BY sequence"))
        declared = conn.execute(text(column_type)).scalar_one()
    assert list(actors.scalars()) == ["web-form", "agent-7"]
    assert declared.lower() == ("json" if engine.dialect.name == "postgresql" else "text")
