"""The event store: append with optimistic concurrency, load, load since a version, snapshots.

An [EventStore][cxcore.store.event_store.EventStore] keeps the streams of one stream type
(complaints, returns, ...) in the tables of [EventTables][cxcore.store.tables.EventTables], through
a SQLAlchemy 2 ``Engine``. A writer appends with the version it last saw (``expected_version``); the
store refuses the append with [SequenceConflictError][cxcore.errors.SequenceConflictError] when the
stream is at another version, and when two writers pass that check at the same instant the
database's unique ``(stream_type, stream_id, sequence)`` constraint lets only one of them in; the
other gets the same error. The loser reloads and decides again: nothing is overwritten, nothing is
lost.

The API is synchronous. Every method runs in its own transaction, or in the caller's when given
``connection=`` (then the caller commits, and after a conflict must roll back).

>>> from datetime import datetime, timezone
>>> from pydantic import TypeAdapter
>>> from sqlalchemy import create_engine
>>> from cxcore.tickets import MessageAdded, Message, TicketEvent
>>> store = EventStore(create_engine("sqlite://"), EventCodec("ticket", TypeAdapter(TicketEvent)))
>>> store.create_tables()
>>> at = datetime(2026, 5, 4, 9, tzinfo=timezone.utc)
>>> hello = MessageAdded.of(Message(id="M-1", author_id="C-1", author_role="customer",
...                                 channel="email", at=at, body="Hello"), actor="C-1")
>>> store.append("T-1", [hello], expected_version=0)
1
>>> store.append("T-1", [hello], expected_version=0)
Traceback (most recent call last):
...
cxcore.errors.SequenceConflictError: ticket stream 'T-1' is at version 1, not at the expected ...
>>> store.load("T-1") == (hello,)
True
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from sqlalchemy import (
    Connection,
    Engine,
    UniqueConstraint,
    bindparam,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError

from cxcore.errors import InvalidInputError, SequenceConflictError
from cxcore.store.codec import EventCodec, Fold, StreamEvent
from cxcore.store.tables import EventTables

__all__ = ["EventStore", "Folded"]

E = TypeVar("E", bound=StreamEvent)
S = TypeVar("S")


@dataclass(frozen=True)
class Folded(Generic[S]):
    """A stream's ``state`` at ``version``, and how many events were ``replayed`` to get it
    (the events after the snapshot; all of them when there was none).

    >>> Folded("state", version=7, replayed=2)
    Folded(version=7, replayed=2)
    """

    state: S = field(repr=False)
    version: int
    replayed: int


class EventStore(Generic[E]):
    """The streams of one stream type in a SQL database (SQLite or PostgreSQL).

    ``codec`` says what the events are; ``tables`` where they live (default: the tables
    ``cxcore_events`` and ``cxcore_snapshots``; see
    [EventTables.define][cxcore.store.tables.EventTables.define] to put them in your own
    ``MetaData``).
    """

    def __init__(
        self, engine: Engine, codec: EventCodec[E], *, tables: EventTables | None = None
    ) -> None:
        self.engine = engine
        self.codec = codec
        self.tables = tables if tables is not None else EventTables.define()
        # Statements are built once, with bound parameters: building them per call cost more
        # than running them.
        events = self.tables.events
        in_stream = (
            events.c.stream_type == bindparam("stream_type"),
            events.c.stream_id == bindparam("stream_id"),
        )
        self._version_query = select(func.coalesce(func.max(events.c.sequence), 0)).where(
            *in_stream
        )
        self._since_query = (
            select(events.c.sequence, events.c.payload)
            .where(*in_stream, events.c.sequence > bindparam("version"))
            .order_by(events.c.sequence)
        )
        self._insert = insert(events)

    def create_tables(self) -> None:
        """Create the store's tables where missing."""
        self.tables.create(self.engine)

    # -- writing -------------------------------------------------------------------------------

    def append(
        self,
        stream_id: str,
        events: Sequence[E],
        *,
        expected_version: int,
        connection: Connection | None = None,
    ) -> int:
        """Store ``events`` at the end of the stream, all or none; return the new version.

        ``expected_version`` is the version the writer saw (0 for a new stream): the events become
        ``expected_version + 1``, ``+ 2``, ... Raises
        [SequenceConflictError][cxcore.errors.SequenceConflictError] when the stream is at another
        version or another writer stored the same sequence first (reload and decide again), and
        [InvalidInputError][cxcore.errors.InvalidInputError] for an empty batch or events that carry
        their own ``sequence`` (as cxcore's complaint events do) with other numbers.
        """
        name = self._name(stream_id)
        if expected_version < 0:
            raise InvalidInputError(
                f"expected_version of {name} must be 0 or more, got {expected_version}"
            )
        if not events:
            raise InvalidInputError(f"nothing to append to {name}")
        numbers = range(expected_version + 1, expected_version + 1 + len(events))
        for number, event in zip(numbers, events, strict=True):
            own = getattr(event, "sequence", number)
            if own != number:
                raise InvalidInputError(
                    f"event {own} cannot be stored as event {number} of {name}: appending "
                    f"after version {expected_version}, the events must be numbered "
                    f"{numbers.start} to {numbers.stop - 1}"
                )
        rows = []
        for number, event in zip(numbers, events, strict=True):
            document = self.codec.dump(event)
            rows.append(
                {
                    "stream_type": self.codec.stream_type,
                    "stream_id": stream_id,
                    "sequence": number,
                    "event_type": self.codec.event_type(event),
                    "at": event.at,
                    "payload": document,
                }
            )
        with self._transaction(connection) as conn:
            current = self._version(conn, stream_id)
            if current != expected_version:
                raise SequenceConflictError(
                    f"{name} is at version {current}, not at the expected version "
                    f"{expected_version}; someone else changed it first, reload the stream "
                    "and retry"
                )
            try:
                conn.execute(self._insert, rows)
            except IntegrityError as exc:
                if not self._is_sequence_clash(exc):
                    raise
                raise SequenceConflictError(
                    f"{name}: another writer stored event {numbers.start} at the same time; "
                    "reload the stream and retry"
                ) from None
        return numbers.stop - 1

    def save_snapshot(
        self,
        stream_id: str,
        fold: Fold[S, E],
        state: S,
        version: int,
        *,
        connection: Connection | None = None,
    ) -> None:
        """Keep ``state`` as the stream's folded state at ``version`` (the number of its last
        event). A snapshot only ever moves forward: an older one than the kept one is ignored.
        A version the stream has not reached raises
        [InvalidInputError][cxcore.errors.InvalidInputError] (later events would be skipped).
        """
        if version < 1:
            raise InvalidInputError(f"a snapshot's version is at least 1, got {version}")
        table = self.tables.snapshots
        values = {
            "stream_type": self.codec.stream_type,
            "stream_id": stream_id,
            "fold": fold.name,
            "version": version,
            "state": fold.dump(state),
        }
        with self._transaction(connection) as conn:
            current = self._version(conn, stream_id)
            if current < version:
                raise InvalidInputError(
                    f"{self._name(stream_id)} is at version {current}; a snapshot at version "
                    f"{version} would claim events it does not have"
                )
            dialect = conn.dialect.name
            if dialect in ("postgresql", "sqlite"):
                upsert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)
                conn.execute(
                    upsert.values(values).on_conflict_do_update(
                        index_elements=["stream_type", "stream_id", "fold"],
                        set_={"version": upsert.excluded.version, "state": upsert.excluded.state},
                        where=table.c.version < upsert.excluded.version,
                    )
                )
                return
            key = self._snapshot_key(stream_id, fold)  # other databases: update, else insert
            kept = conn.execute(select(table.c.version).where(*key)).scalar_one_or_none()
            if kept is None:
                conn.execute(insert(table).values(values))
            elif kept < version:
                conn.execute(
                    update(table).where(*key).values(version=version, state=values["state"])
                )

    # -- reading -------------------------------------------------------------------------------

    def version(self, stream_id: str, *, connection: Connection | None = None) -> int:
        """The sequence of the stream's last event; 0 for a stream with no events."""
        with self._transaction(connection) as conn:
            return self._version(conn, stream_id)

    def load(self, stream_id: str, *, connection: Connection | None = None) -> tuple[E, ...]:
        """Every event of the stream in sequence order; empty for an unknown stream."""
        return self.load_since(stream_id, 0, connection=connection)

    def load_since(
        self, stream_id: str, version: int, *, connection: Connection | None = None
    ) -> tuple[E, ...]:
        """The events after ``version`` (those with a larger sequence), in order."""
        params = {"stream_type": self.codec.stream_type, "stream_id": stream_id, "version": version}
        with self._transaction(connection) as conn:
            rows = conn.execute(self._since_query, params).all()
        name = self._name(stream_id)
        return tuple(self.codec.load(doc, where=f"{name} event {seq}") for seq, doc in rows)

    def load_state(
        self, stream_id: str, fold: Fold[S, E], *, connection: Connection | None = None
    ) -> Folded[S] | None:
        """The stream's state now: its latest snapshot (if any) moved on by the later events.
        ``None`` for a stream with no events.
        """
        table = self.tables.snapshots
        query = select(table.c.version, table.c.state).where(*self._snapshot_key(stream_id, fold))
        with self._transaction(connection) as conn:
            snapshot = conn.execute(query).one_or_none()
            since = 0 if snapshot is None else snapshot.version
            later = self.load_since(stream_id, since, connection=conn)
        state = None
        if snapshot is not None:
            where = f"{self._name(stream_id)} ({fold.name} at version {since})"
            state = fold.load(snapshot.state, where=where)
        folded = fold.fold(state, later)
        if folded is None:
            return None
        version = since + len(later)
        return Folded(folded, version=version, replayed=len(later))

    def stream_ids(self, *, connection: Connection | None = None) -> list[str]:
        """Every stream of this type that has events, in the order the streams began."""
        events = self.tables.events
        query = (
            select(events.c.stream_id)
            .where(events.c.stream_type == self.codec.stream_type, events.c.sequence == 1)
            .order_by(events.c.position)
        )
        with self._transaction(connection) as conn:
            return list(conn.execute(query).scalars())

    # -- helpers -------------------------------------------------------------------------------

    @contextmanager
    def _transaction(self, connection: Connection | None) -> Iterator[Connection]:
        if connection is not None:
            yield connection
            return
        with self.engine.begin() as conn:
            yield conn

    def _version(self, conn: Connection, stream_id: str) -> int:
        params = {"stream_type": self.codec.stream_type, "stream_id": stream_id}
        version: int = conn.execute(self._version_query, params).scalar_one()
        return version

    def _snapshot_key(self, stream_id: str, fold: Fold[Any, E]) -> tuple[Any, ...]:
        table = self.tables.snapshots
        return (
            table.c.stream_type == self.codec.stream_type,
            table.c.stream_id == stream_id,
            table.c.fold == fold.name,
        )

    def _name(self, stream_id: str) -> str:
        return f"{self.codec.stream_type} stream {stream_id!r}"

    def _is_sequence_clash(self, exc: IntegrityError) -> bool:
        """True when the database refused a row because its sequence was taken (and not for
        another broken constraint, which stays an ``IntegrityError``)."""
        table = self.tables.events
        unique = {str(c.name) for c in table.constraints if isinstance(c, UniqueConstraint)}
        diag = getattr(exc.orig, "diag", None)  # psycopg names the constraint
        if diag is not None:
            return getattr(diag, "constraint_name", None) in unique
        message = str(exc.orig)  # sqlite3: "UNIQUE constraint failed: t.stream_type, ..."
        return (
            message.startswith("UNIQUE constraint failed") and f"{table.name}.sequence" in message
        )
