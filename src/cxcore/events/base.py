"""What every domain event carries: a stable ``type``, a schema ``version``, an ``id`` that is the
same every time the same fact is derived (so re-running an evaluator never duplicates a
delivery), the ``subject`` it is about and when it happened.

Examples:
    >>> from datetime import datetime, timezone
    >>> event_id("cxcore.sla.breached", "T-1", "first_reply", 0)
    '...'
    >>> event_id("cxcore.sla.breached", "T-1", "first_reply", 0) == event_id(
    ...     "cxcore.sla.breached", "T-1", "first_reply", 0)
    True
"""

from __future__ import annotations

from typing import Annotated
from uuid import NAMESPACE_URL, uuid5

from pydantic import Field

from cxcore._model import CxModel
from cxcore._time import AwareDatetime

__all__ = ["DomainEvent", "event_id"]


def event_id(event_type: str, subject: str, *parts: object) -> str:
    """A UUID (version 5) derived from the event's type, subject and distinguishing parts."""
    name = "/".join(["cxcore", event_type, subject, *(str(part) for part in parts)])
    return str(uuid5(NAMESPACE_URL, name))


class DomainEvent(CxModel):
    """Fields shared by every domain event; concrete events add a literal ``type`` and
    ``version`` and their own facts.

    ``subject`` is the id of the ticket, complaint or return the event is about; ``at`` is when
    it happened (when only observed, the time of the evaluation that noticed it).
    """

    id: Annotated[str, Field(min_length=1)]
    subject: Annotated[str, Field(min_length=1)]
    at: AwareDatetime
