"""Tables and the engine. Histories are append-only and live in cxcore's event store
(``cxcore.store``): a ticket's and a complaint's events are rows of ``cxcore_events`` numbered
1, 2, 3, ... per stream with a UNIQUE (stream_type, stream_id, sequence) constraint, so two
writers that both think they append event 5 cannot both succeed; the database refuses the
second. The store's tables are defined in this app's ``MetaData``, so ``create_all`` makes them
with the others.

Datetimes are stored as ISO 8601 text in UTC (SQLite has no time zone type) and come back
aware; cxcore values are stored as their own JSON, which round-trips unchanged.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Engine,
    ForeignKey,
    Integer,
    String,
    Text,
    create_engine,
    event,
)
from sqlalchemy.engine.interfaces import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker
from sqlalchemy.orm import Session as Session
from sqlalchemy.pool import StaticPool
from sqlalchemy.types import TypeDecorator

from cxcore.store import EventTables


# --8<-- [start:utc]
class UtcDateTime(TypeDecorator[datetime]):
    """An aware datetime kept as UTC ISO text, so text order is time order.

    >>> column = UtcDateTime()
    >>> from zoneinfo import ZoneInfo
    >>> stored = column.process_bind_param(
    ...     datetime(2026, 5, 4, 9, tzinfo=ZoneInfo("Europe/Warsaw")), None)
    >>> stored
    '2026-05-04T07:00:00.000000+00:00'
    >>> column.process_result_value(stored, None).isoformat()
    '2026-05-04T07:00:00+00:00'
    """

    impl = String(32)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect | None) -> str | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value.isoformat()} cannot be stored")
        return value.astimezone(UTC).isoformat(timespec="microseconds")

    def process_result_value(self, value: str | None, dialect: Dialect | None) -> datetime | None:
        return None if value is None else datetime.fromisoformat(value)


# --8<-- [end:utc]


class Base(DeclarativeBase):
    """Declarative base of the shop's tables."""


EVENT_TABLES = EventTables.define(Base.metadata)
"""cxcore's event and snapshot tables, created with the shop's own."""


class TicketRow(Base):
    """A ticket's fixed part (who, where, about what); its timeline is the event stream
    ``ticket``/``<id>`` in the event store."""

    __tablename__ = "tickets"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    customer_id: Mapped[str] = mapped_column(String(80), index=True)
    channel: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    head: Mapped[str] = mapped_column(Text)
    """The ticket's JSON without its events."""


class OrderRow(Base):
    """An order as the shop system sent it (the JSON of a ``cxcore.Order``)."""

    __tablename__ = "orders"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    customer_id: Mapped[str] = mapped_column(String(80), index=True)
    payload: Mapped[str] = mapped_column(Text)


class ReturnDecisionRow(Base):
    """A return decision exactly as decided (the JSON of a ``ReturnDecision``), for audit."""

    __tablename__ = "return_decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id"), index=True)
    decided_at: Mapped[datetime] = mapped_column(UtcDateTime)
    outcome: Mapped[str] = mapped_column(String(20))
    payload: Mapped[str] = mapped_column(Text)


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets settings that let the app's worker threads share it.

    >>> make_engine("sqlite://").dialect.name
    'sqlite'
    """
    if not url.startswith("sqlite"):
        return create_engine(url)
    options: dict[str, Any] = {"connect_args": {"check_same_thread": False, "timeout": 15}}
    if url in ("sqlite://", "sqlite:///:memory:"):
        options["poolclass"] = StaticPool  # one shared connection, or each would see no tables
    engine = create_engine(url, **options)

    @event.listens_for(engine, "connect")
    def _foreign_keys(connection: object, _record: object) -> None:
        cursor = connection.cursor()  # type: ignore[attr-defined]
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    return engine


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    """Create the tables (if missing) and return a session factory bound to ``engine``."""
    Base.metadata.create_all(engine)
    return sessionmaker(engine, expire_on_commit=False)
