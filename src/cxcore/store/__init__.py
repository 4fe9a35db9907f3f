"""A SQL event store for cxcore's event-sourced values (optional: the ``sql`` extra).

``pip install 'cxcore[sql]'`` brings SQLAlchemy 2 and the PostgreSQL driver ``psycopg``; SQLite
needs nothing more. [EventStore][cxcore.store.event_store.EventStore] keeps streams of any cxcore
events (complaints, returns, tickets) given an explicit [EventCodec][cxcore.store.codec.EventCodec];
[ComplaintStore][cxcore.store.complaints.ComplaintStore] reads and writes complaints directly.
Appends are guarded by the database: a unique ``(stream_type, stream_id, sequence)`` constraint lets
exactly one of two racing writers in, and the other gets
[SequenceConflictError][cxcore.errors.SequenceConflictError].

>>> from sqlalchemy import create_engine
>>> store = ComplaintStore(create_engine("sqlite://"))
>>> store.create_tables()
>>> store.ids()
[]
"""

from __future__ import annotations

try:
    import sqlalchemy as _sqlalchemy
except ImportError as exc:  # pragma: no cover - depends on what is installed
    raise ImportError(
        "cxcore.store needs SQLAlchemy 2: install the extra with pip install 'cxcore[sql]'"
    ) from exc

from cxcore.store.codec import EventCodec, Fold, StreamEvent
from cxcore.store.complaints import COMPLAINT_EVENTS, COMPLAINT_FOLD, ComplaintStore
from cxcore.store.event_store import EventStore, Folded
from cxcore.store.tables import EventTables, JsonText, UtcDateTime

del _sqlalchemy

__all__ = [
    "COMPLAINT_EVENTS",
    "COMPLAINT_FOLD",
    "ComplaintStore",
    "EventCodec",
    "EventStore",
    "EventTables",
    "Fold",
    "Folded",
    "JsonText",
    "StreamEvent",
    "UtcDateTime",
]
