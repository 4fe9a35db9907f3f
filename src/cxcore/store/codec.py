"""How a store turns events and folded states into JSON and back: explicit codecs, no registry.

An [EventCodec][cxcore.store.codec.EventCodec] names a stream type (``"complaint"``) and holds a
pydantic ``TypeAdapter`` over that stream's events, usually a tagged union such as
[ComplaintEvent][cxcore.complaints.events.ComplaintEvent]. A [Fold][cxcore.store.codec.Fold] says
how a stream's events build its state (start from the whole history, or apply one event to a state)
and how that state is kept as a snapshot. The store itself knows nothing about complaints or
returns: any stream of cxcore events works, given its codec.

>>> from pydantic import TypeAdapter
>>> from cxcore.complaints import ComplaintEvent
>>> codec = EventCodec("complaint", TypeAdapter(ComplaintEvent))
>>> from datetime import datetime, timezone
>>> from cxcore.complaints import Acknowledged
>>> event = Acknowledged(sequence=2, at=datetime(2026, 5, 4, 9, tzinfo=timezone.utc),
...                      actor="agent-7")
>>> document = codec.dump(event)
>>> document[:40]
'{"sequence":2,"at":"2026-05-04T09:00:00Z'
>>> codec.event_type(event), codec.load(document, where="example") == event
('acknowledged', True)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Generic, Protocol, TypeVar

from pydantic import TypeAdapter, ValidationError

from cxcore._model import translate_validation_error
from cxcore.errors import InvalidInputError

__all__ = ["EventCodec", "Fold", "StreamEvent"]


class StreamEvent(Protocol):
    """What the store needs from an event: when it happened (stored in the ``at`` column).

    The store numbers a stream's events 1, 2, 3, ... itself; events that carry their own
    ``sequence`` (complaint events do) must carry the number they are stored under.
    """

    @property
    def at(self) -> datetime:
        """When the event happened (aware)."""


E = TypeVar("E", bound=StreamEvent)
S = TypeVar("S")


@dataclass(frozen=True)
class EventCodec(Generic[E]):
    """The events of one stream type and how they read and write JSON.

    ``stream_type`` is stored with every event (several stream types share one table);
    ``adapter`` validates and dumps the events, normally a ``TypeAdapter`` over a tagged union;
    ``tag`` is the union's discriminator field, stored as the row's ``event_type``.

    >>> from pydantic import TypeAdapter
    >>> from cxcore.tickets import TicketEvent
    >>> EventCodec("ticket", TypeAdapter(TicketEvent)).stream_type
    'ticket'
    >>> EventCodec("", TypeAdapter(TicketEvent))
    Traceback (most recent call last):
    ...
    cxcore.errors.InvalidInputError: a stream type is 1 to 64 characters, got ''
    """

    stream_type: str
    adapter: TypeAdapter[E] = field(repr=False)
    tag: str = "kind"

    def __post_init__(self) -> None:
        if not 1 <= len(self.stream_type) <= 64:
            raise InvalidInputError(
                f"a stream type is 1 to 64 characters, got {self.stream_type!r}"
            )

    def dump(self, event: E) -> str:
        """The event as JSON text."""
        return self.adapter.dump_json(event).decode()

    def event_type(self, event: E) -> str:
        """The event's tag (its ``tag`` field), stored as the row's event type."""
        value = getattr(event, self.tag, None)
        if not isinstance(value, str):
            raise InvalidInputError(
                f"{self.stream_type} events need a string {self.tag!r} field to store as the "
                f"event type, got {value!r}"
            )
        return value

    def load(self, document: str | bytes, *, where: str) -> E:
        """The event in the JSON text ``document``; one that no longer validates raises the
        matching [CxError][cxcore.errors.CxError] with a note saying ``where`` it was stored.
        """
        try:
            return self.adapter.validate_json(document)
        except ValidationError as exc:
            error = translate_validation_error(exc)
            error.add_note(f"stored event {where}")
            raise error from None


@dataclass(frozen=True)
class Fold(Generic[S, E]):
    """How a stream's events build a state, and how that state is stored as a snapshot.

    ``name`` identifies the fold and its snapshot format: change it (``"complaint.v2"``) when
    the state or the folding changes, and old snapshots are ignored instead of misread.
    ``start`` builds the state from a stream's first events (at least one); ``apply`` moves a
    state on by one event; ``state`` is a ``TypeAdapter`` for the state's JSON.

    >>> from pydantic import TypeAdapter
    >>> from cxcore.complaints import Complaint
    >>> fold = Fold("complaint.v1", TypeAdapter(Complaint), Complaint.replay, Complaint.apply)
    >>> fold.name
    'complaint.v1'
    """

    name: str
    state: TypeAdapter[S] = field(repr=False)
    start: Callable[[Sequence[E]], S] = field(repr=False)
    apply: Callable[[S, E], S] = field(repr=False)

    def __post_init__(self) -> None:
        if not 1 <= len(self.name) <= 100:
            raise InvalidInputError(f"a fold name is 1 to 100 characters, got {self.name!r}")

    def dump(self, state: S) -> str:
        """The state as JSON text."""
        return self.state.dump_json(state).decode()

    def load(self, document: str | bytes, *, where: str) -> S:
        """The state in a snapshot's JSON text, validated again."""
        try:
            return self.state.validate_json(document)
        except ValidationError as exc:
            error = translate_validation_error(exc)
            error.add_note(f"snapshot {where}")
            raise error from None

    def fold(self, state: S | None, events: Sequence[E]) -> S | None:
        """``state`` moved on by ``events``; from [start][cxcore.store.codec.Fold.start] when there
        is no state yet.

        ``None`` only when there is neither a state nor an event.
        """
        if state is None:
            return self.start(events) if events else None
        for event in events:
            state = self.apply(state, event)
        return state
