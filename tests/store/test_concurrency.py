"""Writers racing on one stream, on SQLite and PostgreSQL: exactly one wins each sequence, the
others get SequenceConflictError, and nothing is lost.

The race is forced, not hoped for: each writer is held at a barrier right before its INSERT,
after it has read the stream's version, so both pass the version check before either writes
and only the database's unique constraint can tell them apart.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy import Engine, event

from cxcore.complaints import Acknowledged, Complaint, Reassessed
from cxcore.errors import SequenceConflictError
from cxcore.store import ComplaintStore, EventCodec, EventStore
from cxcore.tickets import Message, MessageAdded, TicketEvent
from tests.complaints.strategies import T0, received


@contextmanager
def held_before_insert(engine: Engine, barrier: threading.Barrier) -> Iterator[None]:
    """Make every event INSERT on ``engine`` wait at ``barrier`` first."""

    def hold(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO CXCORE_EVENTS"):
            barrier.wait()

    event.listen(engine, "before_cursor_execute", hold)
    try:
        yield
    finally:
        event.remove(engine, "before_cursor_execute", hold)


def race(writers: list[Callable[[], Any]]) -> list[Any]:
    """Run the writers at once; each returns its result or the SequenceConflictError it got."""

    def attempt(writer: Callable[[], Any]) -> Any:
        try:
            return writer()
        except SequenceConflictError as exc:
            return exc

    with ThreadPoolExecutor(len(writers)) as pool:
        return list(pool.map(attempt, writers))


def test_two_writers_race_to_the_same_sequence_one_wins(engine: Engine) -> None:
    store = ComplaintStore(engine)
    store.create_tables()
    store.start(received())

    def writer(actor: str) -> Callable[[], Complaint]:
        def write() -> Complaint:
            loaded = store.get("CMP-1")  # both load version 1
            acknowledged = Acknowledged(sequence=2, at=T0 + timedelta(minutes=5), actor=actor)
            return store.append(loaded, acknowledged)

        return write

    with held_before_insert(engine, threading.Barrier(2, timeout=30)):
        results = race([writer("agent-7"), writer("agent-9")])

    conflicts = [r for r in results if isinstance(r, SequenceConflictError)]
    winners = [r for r in results if isinstance(r, Complaint)]
    assert (len(winners), len(conflicts)) == (1, 1)
    assert "another writer stored event 2 at the same time" in str(conflicts[0])
    stored = store.history("CMP-1")
    assert [e.sequence for e in stored] == [1, 2]
    assert stored[1].actor == winners[0].events[1].actor
    assert store.get("CMP-1") == winners[0]

    # The loser reloads and decides again: its update is stored after the winner's event.
    loser = "agent-9" if stored[1].actor == "agent-7" else "agent-7"
    reloaded = store.get("CMP-1")
    retry = Reassessed(sequence=3, at=T0 + timedelta(minutes=6), actor=loser, severity="high")
    store.append(reloaded, retry)
    assert [(e.sequence, e.actor) for e in store.history("CMP-1")][1:] == [
        (2, stored[1].actor),
        (3, loser),
    ]


def test_many_writers_with_retries_lose_nothing(engine: Engine) -> None:
    """Four writers append five messages each to one stream, reloading after every conflict:
    all twenty are stored exactly once, numbered 1 to 20 without gaps."""
    store: EventStore[TicketEvent] = EventStore(
        engine, EventCodec("ticket", TypeAdapter(TicketEvent))
    )
    store.create_tables()

    def writer(name: str) -> Callable[[], None]:
        def write() -> None:
            for number in range(5):
                body = f"{name}-{number}"
                at = T0 + timedelta(seconds=number)
                added = MessageAdded.of(
                    Message(id=body, author_role="agent", channel="email", body=body, at=at)
                )
                while True:
                    try:
                        store.append("T-1", [added], expected_version=store.version("T-1"))
                        break
                    except SequenceConflictError:
                        continue  # someone else appended first: read the version again

        return write

    names = ["w1", "w2", "w3", "w4"]
    race([writer(name) for name in names])
    stored = store.load("T-1")
    bodies = sorted(e.message.body for e in stored if isinstance(e, MessageAdded))
    assert bodies == sorted(f"{name}-{n}" for name in names for n in range(5))
    assert store.version("T-1") == 20
