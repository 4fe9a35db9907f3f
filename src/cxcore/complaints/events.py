"""Complaint events: the append-only history a [`Complaint`][cxcore.Complaint] folds over.

Every event carries ``sequence`` (1, 2, 3, ... with no gaps: the optimistic-concurrency check),
``at`` (aware) and ``actor`` (who did it), plus a ``kind`` tag, so the union
[`ComplaintEvent`][cxcore.complaints.ComplaintEvent] reads and writes plain JSON.
[`dump_jsonl`][cxcore.complaints.dump_jsonl] and [`load_jsonl`][cxcore.complaints.load_jsonl] store
a history as JSON lines and read it back unchanged. The event classes themselves are defined in
[`cxcore.complaints.event_kinds`][cxcore.complaints.event_kinds] and re-exported here, with
[`Trigger`][cxcore.complaints.Trigger].

Examples:
    >>> import io
    >>> from datetime import datetime, timezone
    >>> event = UpdateSent(sequence=5, at=datetime(2026, 5, 6, 9, tzinfo=timezone.utc),
    ...                    actor="agent-7", note="replacement shipped, tracking sent")
    >>> stream = io.StringIO()
    >>> dump_jsonl([event], stream)
    1
    >>> _ = stream.seek(0)
    >>> load_jsonl(stream) == (event,)
    True
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO, Annotated

from pydantic import Field, TypeAdapter, ValidationError

from cxcore._model import translate_validation_error
from cxcore.complaints.event_kinds import (
    AccountCaptured,
    Acknowledged,
    Apologised,
    ClosedUnresolved,
    ClosedWithoutVerification,
    ComplaintClosed,
    ComplaintReceived,
    Deescalated,
    Escalated,
    Reassessed,
    RemedyAccepted,
    RemedyCarriedOut,
    RemedyDeclined,
    RemedyOffered,
    UpdateSent,
    VerificationRecorded,
    VerificationRequested,
)
from cxcore.complaints.values import Trigger

__all__ = [
    "AccountCaptured",
    "Acknowledged",
    "Apologised",
    "ClosedUnresolved",
    "ClosedWithoutVerification",
    "ComplaintClosed",
    "ComplaintEvent",
    "ComplaintReceived",
    "Deescalated",
    "Escalated",
    "Reassessed",
    "RemedyAccepted",
    "RemedyCarriedOut",
    "RemedyDeclined",
    "RemedyOffered",
    "Trigger",
    "UpdateSent",
    "VerificationRecorded",
    "VerificationRequested",
    "dump_jsonl",
    "load_jsonl",
]

ComplaintEvent = Annotated[
    ComplaintReceived
    | Acknowledged
    | AccountCaptured
    | Reassessed
    | Apologised
    | RemedyOffered
    | RemedyAccepted
    | RemedyDeclined
    | RemedyCarriedOut
    | UpdateSent
    | VerificationRequested
    | VerificationRecorded
    | Escalated
    | Deescalated
    | ComplaintClosed
    | ClosedUnresolved
    | ClosedWithoutVerification,
    Field(discriminator="kind"),
]
"""Any complaint event, tagged by ``kind``."""

_ADAPTER: TypeAdapter[ComplaintEvent] = TypeAdapter(ComplaintEvent)


def dump_jsonl(events: Iterable[ComplaintEvent], stream: IO[str]) -> int:
    """Write ``events`` to ``stream`` as JSON lines, one event a line; return how many.

    Examples:
        >>> import io
        >>> dump_jsonl([], io.StringIO())
        0
    """
    count = 0
    for event in events:
        stream.write(event.model_dump_json())
        stream.write("\n")
        count += 1
    return count


def load_jsonl(stream: IO[str]) -> tuple[ComplaintEvent, ...]:
    """Read events written by [`dump_jsonl`][cxcore.complaints.dump_jsonl]; blank lines are skipped.
    A bad line raises a [`CxError`][cxcore.CxError] with a note naming the line.

    Examples:
        >>> import io
        >>> load_jsonl(io.StringIO('{"kind": "rumour"}\\n'))
        Traceback (most recent call last):
        ...
        cxcore.errors.InvalidInputError: invalid ...
    """
    events: list[ComplaintEvent] = []
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            events.append(_ADAPTER.validate_json(line))
        except ValidationError as exc:
            error = translate_validation_error(exc)
            error.add_note(f"in JSON lines at line {number}")
            raise error from None
    return tuple(events)
