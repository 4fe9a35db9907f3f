"""Append and load throughput of cxcore.store on SQLite and PostgreSQL.

Workload: complaints with a realistic 11-event history each (received ... closed). Measured:

- append, one event per transaction (what a request does: version check + insert + commit),
- append, a whole history per transaction (an import),
- load, typed events per stream (``EventStore.load``),
- load and replay, whole complaints (``ComplaintStore.get``: load + ``Complaint.replay``).

Peer: the FastAPI example's previous hand-written code (an ORM row per event with a
UNIQUE (complaint_id, sequence) constraint, the payload as ``model_dump_json`` text, read back
with ``TypeAdapter.validate_json``), run on the same database in the same run.

SQLite is a file in a temporary directory, with its default settings (a disk sync per commit)
and in WAL mode with ``synchronous=NORMAL`` (what a busy host would choose). PostgreSQL is a
throwaway cluster (Debian's server binaries, a Unix socket, default durability settings)
started and stopped by this script; it is left out with the reason when the binaries are
missing.
``--quick`` runs small sizes (used by the tests).
"""

from __future__ import annotations

import argparse
import functools
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy import (
    Engine,
    Integer,
    String,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    select,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from cxcore import Customer
from cxcore.complaints import (
    AccountCaptured,
    Acknowledged,
    Apologised,
    Compensation,
    Complaint,
    ComplaintClosed,
    ComplaintEvent,
    ComplaintReceived,
    RemedyAccepted,
    RemedyCarriedOut,
    RemedyOffered,
    UpdateSent,
    VerificationRecorded,
    VerificationRequested,
)
from cxcore.store import ComplaintStore

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.store.pg_cluster import missing_reason, start_cluster  # noqa: E402

EVENT: TypeAdapter[ComplaintEvent] = TypeAdapter(ComplaintEvent)
T0 = datetime(2026, 5, 4, 9, tzinfo=UTC)


def history(complaint_id: str) -> list[ComplaintEvent]:
    """A damaged-parcel complaint from receipt to closing: 11 events."""
    replacement = Compensation(kind="replacement", order_line_ids=("1",))
    steps: list[tuple[type, dict[str, object]]] = [
        (Acknowledged, {}),
        (AccountCaptured, {"account": "The box was crushed.", "desired_outcome": replacement}),
        (Apologised, {}),
        (RemedyOffered, {"remedies": (replacement,)}),
        (RemedyAccepted, {"remedies": (replacement,)}),
        (UpdateSent, {"note": "replacement packed"}),
        (RemedyCarriedOut, {"remedy": replacement, "reference": "TRACK-1"}),
        (VerificationRequested, {}),
        (VerificationRecorded, {"satisfied": True, "score": 5}),
        (ComplaintClosed, {"note": "happy"}),
    ]
    complaint = Complaint.start(
        ComplaintReceived(
            sequence=1, at=T0, actor="web", complaint_id=complaint_id,
            customer=Customer(id="C-1", name="Anna Nowak", locale="pl-PL",
                              timezone="Europe/Warsaw"),
            channel="email", reason="damaged_in_transit", order_id="O-1",
            order_line_ids=("1",),
        )
    )  # fmt: skip
    for number, (kind, fields) in enumerate(steps, start=2):
        at = T0 + timedelta(hours=number)
        complaint = complaint.apply(kind(sequence=number, at=at, actor="agent-7", **fields))
    return list(complaint.events)


# -- the peer: the FastAPI example's hand-written tables and code before cxcore.store --------


class Base(DeclarativeBase):
    pass


class ComplaintEventRow(Base):
    __tablename__ = "peer_complaint_events"
    __table_args__ = (UniqueConstraint("complaint_id", "sequence"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    complaint_id: Mapped[str] = mapped_column(String(40), index=True)
    sequence: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(40))
    at: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(String(80))
    payload: Mapped[str] = mapped_column(Text)


def peer_append(engine: Engine, complaint_id: str, events: list[ComplaintEvent]) -> None:
    with Session(engine) as session:
        for event in events:
            session.add(
                ComplaintEventRow(
                    complaint_id=complaint_id, sequence=event.sequence, kind=event.kind,
                    at=event.at.astimezone(UTC).isoformat(timespec="microseconds"),
                    actor=event.actor, payload=event.model_dump_json(),
                )
            )  # fmt: skip
            session.flush()
        session.commit()


def peer_load(engine: Engine, complaint_id: str) -> tuple[ComplaintEvent, ...]:
    with Session(engine) as session:
        payloads = session.scalars(
            select(ComplaintEventRow.payload)
            .where(ComplaintEventRow.complaint_id == complaint_id)
            .order_by(ComplaintEventRow.sequence)
        ).all()
    return tuple(EVENT.validate_json(payload) for payload in payloads)


# -- measuring --------------------------------------------------------------------------------


def rate(count: int, run: Callable[[], object]) -> float:
    """Items per second of one run of ``run`` over ``count`` items."""
    started = time.perf_counter()
    run()
    return count / (time.perf_counter() - started)


def measure(name: str, engine: Engine, streams: int, rounds: int) -> dict[str, float]:
    """Best rate over ``rounds`` rounds; cxcore and the peer take turns going first, so neither
    always meets a cold cache or a checkpoint."""
    store = ComplaintStore(engine)
    store.create_tables()
    Base.metadata.create_all(engine)
    template = history("CMP-0")
    per_stream = len(template)
    events = streams * per_stream
    results: dict[str, float] = {}

    def ids(kind: str, turn: int) -> list[str]:
        return [f"{kind}-{turn}-{n}" for n in range(streams)]

    def append_single(turn: int) -> None:
        for number in range(per_stream):
            for complaint_id in ids("single", turn):
                store.events.append(complaint_id, [template[number]], expected_version=number)

    def append_batch(turn: int) -> None:
        for complaint_id in ids("batch", turn):
            store.events.append(complaint_id, template, expected_version=0)

    def peer_single(turn: int) -> None:
        for number in range(per_stream):
            for complaint_id in ids("single", turn):
                peer_append(engine, complaint_id, [template[number]])

    def peer_batch(turn: int) -> None:
        for complaint_id in ids("batch", turn):
            peer_append(engine, complaint_id, template)

    def load_all(turn: int) -> None:
        for complaint_id in ids("single", 0):
            assert store.events.load(complaint_id) == tuple(template)

    def peer_load_all(turn: int) -> None:
        for complaint_id in ids("single", 0):
            assert peer_load(engine, complaint_id) == tuple(template)

    def get_all(turn: int) -> None:
        for complaint_id in ids("single", 0):
            assert store.get(complaint_id).is_closed

    pairs: list[tuple[str, Callable[[int], None], Callable[[int], None] | None]] = [
        ("append 1/tx", append_single, peer_single),
        ("append 11/tx", append_batch, peer_batch),
        ("load", load_all, peer_load_all),
        ("load+replay", get_all, None),
    ]
    for label, ours, peer in pairs:
        for turn in range(rounds):
            runs = [(label, ours), (f"peer {label}", peer)] if peer else [(label, ours)]
            for key, run in runs if turn % 2 == 0 else runs[::-1]:
                if run is not None:
                    speed = rate(events, functools.partial(run, turn))
                    results[key] = max(results.get(key, 0.0), speed)
    print(f"\n{name}: {streams} complaints x {per_stream} events = {events} events per run,")
    print(f"  best of {rounds} rounds")
    for label, value in results.items():
        print(f"  {label:<20} {value:>10,.0f} events/s")
    for what in ("append 1/tx", "append 11/tx", "load"):
        ratio = results[what] / results[f"peer {what}"]
        print(f"  ratio cxcore.store / hand-written, {what}: {ratio:.2f}x")
    return results


def _wal(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, for the tests")
    parser.add_argument("--streams", type=int, default=200, help="complaints per run")
    parser.add_argument("--rounds", type=int, default=2, help="rounds; the best one counts")
    args = parser.parse_args()
    streams, rounds = (10, 1) if args.quick else (args.streams, args.rounds)

    with tempfile.TemporaryDirectory() as tmp:
        engine = create_engine(f"sqlite:///{Path(tmp) / 'bench.db'}")
        measure("SQLite (file, default settings: a disk sync per commit)", engine, streams, rounds)
        engine.dispose()
        engine = create_engine(f"sqlite:///{Path(tmp) / 'wal.db'}")
        event.listen(engine, "connect", _wal)
        measure("SQLite (file, journal_mode=WAL, synchronous=NORMAL)", engine, streams, rounds)
        engine.dispose()

    reason = missing_reason()
    if reason is not None:
        print(f"\nPostgreSQL left out: {reason}")
        return 0
    cluster = start_cluster("cxcore_bench", durable=True)
    try:
        engine = create_engine(cluster.url)
        measure("PostgreSQL (Unix socket, default durability)", engine, streams, rounds)
        engine.dispose()
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
