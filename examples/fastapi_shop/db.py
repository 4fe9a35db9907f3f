"""Tables and the engine. Histories are append-only: a ticket's and a complaint's events are
rows numbered 1, 2, 3, ... with a UNIQUE (owner, sequence) constraint, so two writers that both
think they append event 5 cannot both succeed; the database refuses the second.

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
    UniqueConstraint,
    create_engine,
    event,
)
from sqlalchemy.engine.interfaces import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker
from sqlalchemy.orm import Session as Session
from sqlalchemy.pool import StaticPool
from sqlalchemy.types import TypeDecorator


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


class TicketRow(Base):
    """A ticket's fixed part (who, where, about what); its timeline is in ``ticket_events``."""

    __tablename__ = "tickets"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    customer_id: Mapped[str] = mapped_column(String(80), index=True)
    channel: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    head: Mapped[str] = mapped_column(Text)
    """The ticket's JSON without its events."""


class TicketEventRow(Base):
    """One event of a ticket's timeline (a message, a status or priority change)."""

    __tablename__ = "ticket_events"
    __table_args__ = (UniqueConstraint("ticket_id", "sequence", name="uq_ticket_event_sequence"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ticket_id: Mapped[str] = mapped_column(ForeignKey("tickets.id"), index=True)
    sequence: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    payload: Mapped[str] = mapped_column(Text)


class ComplaintEventRow(Base):
    """One event of a complaint's history; the complaint itself is the fold of these rows."""

    __tablename__ = "complaint_events"
    __table_args__ = (
        UniqueConstraint("complaint_id", "sequence", name="uq_complaint_event_sequence"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    complaint_id: Mapped[str] = mapped_column(String(40), index=True)
    sequence: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(40))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    actor: Mapped[str] = mapped_column(String(80))
    payload: Mapped[str] = mapped_column(Text)


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


class ReturnEventRow(Base):
    """One event of a return's life; the return itself is the fold of these rows."""

    __tablename__ = "return_events"
    __table_args__ = (UniqueConstraint("return_id", "sequence", name="uq_return_event_sequence"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    return_id: Mapped[str] = mapped_column(String(40), index=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id"), index=True)
    sequence: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(40))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    actor: Mapped[str] = mapped_column(String(80))
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
