"""Builders and hypothesis strategies for the metrics tests."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import strategies as st

from cxcore.tickets import (
    AuthorRole,
    Customer,
    Message,
    MessageAdded,
    StatusChange,
    Ticket,
    TicketStatus,
)

nps_scores = st.lists(st.integers(min_value=0, max_value=10), max_size=60)
five_point = st.lists(st.integers(min_value=1, max_value=5), max_size=60)
seven_point = st.lists(st.integers(min_value=1, max_value=7), max_size=60)


def ticket(
    created: datetime,
    steps: list[tuple[int, str]],
    ticket_id: str = "T-1",
    customer: str = "C-1",
    **fields: object,
) -> Ticket:
    """A ticket from ``(minutes after creation, what)`` steps: ``customer``/``agent``/``bot``/
    ``note`` add a message, a status name changes the status."""
    events: list[StatusChange | MessageAdded] = []
    for index, (minutes, what) in enumerate(steps):
        at = created + timedelta(minutes=minutes)
        if what in ("customer", "agent", "bot", "note"):
            role = AuthorRole.AGENT if what == "note" else AuthorRole(what)
            message = Message(
                id=f"M-{index}",
                author_role=role,
                public=what != "note",
                channel="email",
                body=what,
                at=at,
            )
            events.append(MessageAdded.of(message))
        else:
            events.append(StatusChange(at=at, status=TicketStatus(what)))
    return Ticket(
        id=ticket_id,
        customer=Customer(id=customer),
        channel=fields.pop("channel", "email"),  # type: ignore[arg-type]
        created_at=created,
        events=tuple(events),
        **fields,  # type: ignore[arg-type]
    )


def split(draw: st.DrawFn, items: list[object]) -> tuple[list[object], list[object]]:
    """Cut ``items`` in two at a drawn point."""
    cut = draw(st.integers(min_value=0, max_value=len(items)))
    return items[:cut], items[cut:]
