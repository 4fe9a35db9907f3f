"""The two tables of the event store: events (append-only) and snapshots.

Every event is one row of ``events``: the stream it belongs to (``stream_type`` and
``stream_id``), its ``sequence`` in that stream (1, 2, 3, ...), its ``event_type`` (the union's
tag, e.g. ``acknowledged``), when it happened (``at``, in UTC) and the event itself as JSON
(``payload``; ``json`` on PostgreSQL, so hosts can query it with ``->>``). A unique constraint on
``(stream_type, stream_id, sequence)`` makes the database refuse a second event with a taken
number: that is the optimistic-concurrency guard, and it holds however many processes write.
``position`` numbers every row of every stream in insertion order.

``snapshots`` keeps, per stream and fold, the folded state at one version, so loading a long
stream can start there and replay only the later events.

Define the tables in your own ``MetaData`` to manage them with the rest of your schema (for
example with Alembic), or let the store create them:

>>> from sqlalchemy import MetaData
>>> tables = EventTables.define(MetaData(), prefix="shop_")
>>> tables.events.name, tables.snapshots.name
('shop_events', 'shop_snapshots')
>>> [c.name for c in tables.events.columns]
['position', 'stream_type', 'stream_id', 'sequence', 'event_type', 'at', 'payload']
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Connection,
    DateTime,
    Engine,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
    cast,
)
from sqlalchemy import Column as _Column
from sqlalchemy.engine.interfaces import Dialect
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.types import TypeDecorator, TypeEngine, UserDefinedType

__all__ = ["EventTables", "JsonText", "UtcDateTime"]

# SQLite only numbers rows by itself for a column declared exactly INTEGER PRIMARY KEY.
_POSITION = BigInteger().with_variant(Integer(), "sqlite")


class _Json(UserDefinedType[str]):
    """PostgreSQL's ``json`` column type, with the document passed through as text."""

    cache_ok = True

    def get_col_spec(self, **_kw: Any) -> str:
        return "JSON"


class JsonText(TypeDecorator[str]):
    """A JSON document kept as its text: ``json`` on PostgreSQL (queryable with ``->>``), text
    elsewhere. Values go in and come out as JSON text, so pydantic writes and parses them
    directly, without a detour through Python dicts.

    ``json``, not ``jsonb``: jsonb cannot hold the character U+0000, which is valid in any
    cxcore text (a customer's account of what happened), so it would refuse such an event.

    >>> JsonText().process_bind_param('{"kind": "acknowledged"}', None)
    '{"kind": "acknowledged"}'
    """

    impl = Text
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(_Json())
        return dialect.type_descriptor(Text())

    def process_bind_param(self, value: str | None, dialect: Dialect | None) -> str | None:
        return value

    def column_expression(self, column: ColumnElement[str]) -> ColumnElement[str]:
        # PostgreSQL drivers parse json into dicts; ask for the stored text instead.
        return cast(column, Text)


_DOCUMENT = JsonText()


class UtcDateTime(TypeDecorator[datetime]):
    """An aware datetime stored in UTC and read back aware (in UTC), on any database.

    PostgreSQL keeps it as ``timestamp with time zone``; SQLite, which has no time zone type,
    as UTC text, so text order is time order. A naive datetime is refused.

    >>> from zoneinfo import ZoneInfo
    >>> column = UtcDateTime()
    >>> column.process_bind_param(datetime(2026, 5, 4, 9, tzinfo=ZoneInfo("Europe/Warsaw")),
    ...                           None)
    datetime.datetime(2026, 5, 4, 7, 0, tzinfo=datetime.timezone.utc)
    >>> column.process_result_value(datetime(2026, 5, 4, 7, 0), None).isoformat()
    '2026-05-04T07:00:00+00:00'
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(
        self, value: datetime | None, dialect: Dialect | None
    ) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value.isoformat()} cannot be stored; give a zone")
        return value.astimezone(UTC)

    def process_result_value(
        self, value: datetime | None, dialect: Dialect | None
    ) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:  # SQLite hands back the UTC wall time it stored
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


@dataclass(frozen=True)
class EventTables:
    """The event and snapshot tables of one store, in one ``MetaData``.

    Build them with [define][cxcore.store.tables.EventTables.define]; several stores (complaints,
    returns) share one pair of tables, told apart by ``stream_type``.

    >>> tables = EventTables.define()
    >>> sorted(tables.metadata.tables)
    ['cxcore_events', 'cxcore_snapshots']
    """

    metadata: MetaData
    events: Table
    snapshots: Table

    @classmethod
    def define(cls, metadata: MetaData | None = None, *, prefix: str = "cxcore_") -> EventTables:
        """Add the tables ``<prefix>events`` and ``<prefix>snapshots`` to ``metadata`` (a new
        ``MetaData`` when not given) and return them.

        >>> EventTables.define(prefix="crm_").events.name
        'crm_events'
        """
        metadata = metadata if metadata is not None else MetaData()
        events = Table(
            f"{prefix}events",
            metadata,
            _Column("position", _POSITION, primary_key=True, autoincrement=True),
            _Column("stream_type", String(64), nullable=False),
            _Column("stream_id", String(200), nullable=False),
            _Column("sequence", Integer, nullable=False),
            _Column("event_type", String(100), nullable=False),
            _Column("at", UtcDateTime(), nullable=False),
            _Column("payload", _DOCUMENT, nullable=False),
            UniqueConstraint(
                "stream_type", "stream_id", "sequence", name=f"uq_{prefix}events_sequence"
            ),
            CheckConstraint("sequence >= 1", name=f"ck_{prefix}events_sequence_positive"),
            Index(f"ix_{prefix}events_type_position", "stream_type", "position"),
        )
        snapshots = Table(
            f"{prefix}snapshots",
            metadata,
            _Column("stream_type", String(64), nullable=False),
            _Column("stream_id", String(200), nullable=False),
            _Column("fold", String(100), nullable=False),
            _Column("version", Integer, nullable=False),
            _Column("state", _DOCUMENT, nullable=False),
            PrimaryKeyConstraint("stream_type", "stream_id", "fold", name=f"pk_{prefix}snapshots"),
            CheckConstraint("version >= 1", name=f"ck_{prefix}snapshots_version_positive"),
        )
        return cls(metadata=metadata, events=events, snapshots=snapshots)

    def create(self, bind: Engine | Connection) -> None:
        """Create both tables where they do not exist yet (other tables are left alone).

        >>> from sqlalchemy import create_engine, inspect
        >>> engine = create_engine("sqlite://")
        >>> EventTables.define().create(engine)
        >>> sorted(inspect(engine).get_table_names())
        ['cxcore_events', 'cxcore_snapshots']
        """
        self.metadata.create_all(bind, tables=[self.events, self.snapshots])
