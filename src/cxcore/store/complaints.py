"""Complaints in the event store: the codec, the fold, and a small repository.

[ComplaintStore][cxcore.store.complaints.ComplaintStore] is what a host usually wants:
[get][cxcore.store.complaints.ComplaintStore.get] rebuilds a complaint from its stored history,
[append][cxcore.store.complaints.ComplaintStore.append] checks new events against the workflow
([Complaint.apply][cxcore.complaints.complaint.Complaint.apply]) and stores them, and a writer that
lost a race gets [SequenceConflictError][cxcore.errors.SequenceConflictError].

>>> from datetime import datetime, timedelta, timezone
>>> from sqlalchemy import create_engine
>>> from cxcore import Customer
>>> from cxcore.complaints import Acknowledged, ComplaintReceived
>>> complaints = ComplaintStore(create_engine("sqlite://"))
>>> complaints.create_tables()
>>> t0 = datetime(2026, 5, 4, 9, tzinfo=timezone.utc)
>>> complaint = complaints.start(ComplaintReceived(sequence=1, at=t0, actor="web",
...     complaint_id="CMP-1", customer=Customer(id="C-1"), channel="email", reason="defective"))
>>> complaint = complaints.append(complaint, Acknowledged(sequence=2,
...     at=t0 + timedelta(minutes=5), actor="agent-7"))
>>> complaints.get("CMP-1") == complaint
True
>>> complaints.get("CMP-404")
Traceback (most recent call last):
...
cxcore.errors.StreamNotFoundError: no complaint 'CMP-404' in the store
"""

from __future__ import annotations

from pydantic import TypeAdapter
from sqlalchemy import Connection, Engine

from cxcore.complaints import Complaint, ComplaintEvent, ComplaintReceived
from cxcore.errors import InvalidInputError, StreamNotFoundError
from cxcore.store.codec import EventCodec, Fold
from cxcore.store.event_store import EventStore
from cxcore.store.tables import EventTables

__all__ = ["COMPLAINT_EVENTS", "COMPLAINT_FOLD", "ComplaintStore"]

COMPLAINT_EVENTS: EventCodec[ComplaintEvent] = EventCodec("complaint", TypeAdapter(ComplaintEvent))
"""Complaint events, stored under the stream type ``complaint``."""

COMPLAINT_FOLD: Fold[Complaint, ComplaintEvent] = Fold(
    "complaint.v1", TypeAdapter(Complaint), Complaint.replay, Complaint.apply
)
"""A complaint is the fold of its events
([Complaint.replay][cxcore.complaints.complaint.Complaint.replay], then
[Complaint.apply][cxcore.complaints.complaint.Complaint.apply] for events after a snapshot). A
complaint carries its own history, and loading one checks its fields against it, so a complaint
snapshot is verified when read: it saves reading rows, not folding."""


class ComplaintStore:
    """Complaint histories in a SQL database, read and written as
    [Complaint][cxcore.complaints.complaint.Complaint] values.

    ``snapshot_every`` (default: never) keeps a snapshot of the complaint each time its history
    passes a multiple of that many events; [get][cxcore.store.complaints.ComplaintStore.get] then
    starts there.

    >>> from sqlalchemy import create_engine
    >>> ComplaintStore(create_engine("sqlite://"), snapshot_every=0)
    Traceback (most recent call last):
    ...
    cxcore.errors.InvalidInputError: snapshot_every must be a positive number of events, got 0
    """

    def __init__(
        self,
        engine: Engine,
        *,
        tables: EventTables | None = None,
        snapshot_every: int | None = None,
    ) -> None:
        if snapshot_every is not None and snapshot_every < 1:
            raise InvalidInputError(
                f"snapshot_every must be a positive number of events, got {snapshot_every}"
            )
        self.events: EventStore[ComplaintEvent] = EventStore(
            engine, COMPLAINT_EVENTS, tables=tables
        )
        self.snapshot_every = snapshot_every

    def create_tables(self) -> None:
        """Create the store's tables where missing."""
        self.events.create_tables()

    def start(self, event: ComplaintReceived, *, connection: Connection | None = None) -> Complaint:
        """Store a new complaint's first event and return the complaint. A complaint id that
        is already taken raises [SequenceConflictError][cxcore.errors.SequenceConflictError]."""
        complaint = Complaint.start(event)
        self.events.append(complaint.id, [event], expected_version=0, connection=connection)
        return complaint

    def get(self, complaint_id: str, *, connection: Connection | None = None) -> Complaint:
        """The complaint rebuilt from its stored history (every event checked again);
        [StreamNotFoundError][cxcore.errors.StreamNotFoundError] when it has none."""
        folded = self.events.load_state(complaint_id, COMPLAINT_FOLD, connection=connection)
        if folded is None:
            raise StreamNotFoundError(f"no complaint {complaint_id!r} in the store")
        return folded.state

    def history(
        self, complaint_id: str, *, connection: Connection | None = None
    ) -> tuple[ComplaintEvent, ...]:
        """Every stored event of the complaint, in order;
        [StreamNotFoundError][cxcore.errors.StreamNotFoundError] when it has none."""
        events = self.events.load(complaint_id, connection=connection)
        if not events:
            raise StreamNotFoundError(f"no complaint {complaint_id!r} in the store")
        return events

    def append(
        self,
        complaint: Complaint,
        *events: ComplaintEvent,
        connection: Connection | None = None,
    ) -> Complaint:
        """Check ``events`` against ``complaint`` (the workflow, the sequence, the time order),
        store them together and return the complaint after them.

        Raises what [Complaint.apply][cxcore.complaints.complaint.Complaint.apply] raises, and
        [SequenceConflictError][cxcore.errors.SequenceConflictError] when another writer stored an
        event after ``complaint`` was loaded: reload it with
        [get][cxcore.store.complaints.ComplaintStore.get] and decide again.
        """
        updated = complaint
        for event in events:
            updated = updated.apply(event)
        version = self.events.append(
            complaint.id, events, expected_version=complaint.version, connection=connection
        )
        every = self.snapshot_every
        if every is not None and version // every > complaint.version // every:
            self.events.save_snapshot(
                complaint.id, COMPLAINT_FOLD, updated, version, connection=connection
            )
        return updated

    def ids(self, *, connection: Connection | None = None) -> list[str]:
        """Every stored complaint's id, in the order they were opened."""
        return self.events.stream_ids(connection=connection)
