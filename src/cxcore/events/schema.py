"""Every domain event type in one tagged union, parsing by ``type`` and the JSON Schema.

Examples:
    >>> sorted(EVENT_TYPES)[:2]
    ['cxcore.complaint.action_overdue', 'cxcore.complaint.stage_changed']
    >>> schema = event_schema()
    >>> "cxcore.sla.breached" in str(schema)
    True
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, TypeAdapter, ValidationError

from cxcore._model import translate_validation_error
from cxcore.errors import InvalidInputError
from cxcore.events.complaints import ComplaintActionOverdue, ComplaintStageChanged
from cxcore.events.returns import ReturnAuthorised, ReturnDecided, ReturnReceived, ReturnRefunded
from cxcore.events.sla import SlaAchieved, SlaBreached, SlaPaused, SlaResumed, SlaWarning

__all__ = ["EVENT_TYPES", "AnyEvent", "Event", "event_schema", "parse_event"]

_KINDS = (
    SlaWarning,
    SlaBreached,
    SlaAchieved,
    SlaPaused,
    SlaResumed,
    ComplaintStageChanged,
    ComplaintActionOverdue,
    ReturnDecided,
    ReturnAuthorised,
    ReturnReceived,
    ReturnRefunded,
)

Event = (
    SlaWarning
    | SlaBreached
    | SlaAchieved
    | SlaPaused
    | SlaResumed
    | ComplaintStageChanged
    | ComplaintActionOverdue
    | ReturnDecided
    | ReturnAuthorised
    | ReturnReceived
    | ReturnRefunded
)
"""Any domain event (the plain union, for annotations)."""

AnyEvent = Annotated[Event, Field(discriminator="type")]
"""Any domain event, tagged by its ``type``."""

EVENT_TYPES: frozenset[str] = frozenset(kind.model_fields["type"].default for kind in _KINDS)
"""The stable ``type`` name of every event cxcore produces."""

_ADAPTER: TypeAdapter[Event] = TypeAdapter(AnyEvent)


def parse_event(data: object) -> Event:
    """An event from its JSON text, bytes, or parsed JSON (a dict with ``type``).

    Examples:
        >>> parse_event({"type": "cxcore.sla.nope"})
        Traceback (most recent call last):
        ...
        cxcore.errors.InvalidInputError: unknown event type 'cxcore.sla.nope'; known: ...
    """
    try:
        if isinstance(data, str | bytes):
            return _ADAPTER.validate_json(data)
        if isinstance(data, dict) and data.get("type") not in EVENT_TYPES:
            raise InvalidInputError(
                f"unknown event type {data.get('type')!r}; known: {', '.join(sorted(EVENT_TYPES))}"
            )
        return _ADAPTER.validate_python(data)
    except ValidationError as exc:
        raise translate_validation_error(exc) from None


def event_schema() -> dict[str, Any]:
    """The JSON Schema of every event (a ``oneOf`` tagged by ``type``), for consumers."""
    return _ADAPTER.json_schema()
