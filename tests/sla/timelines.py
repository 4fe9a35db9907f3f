"""Helpers for SLA clock tests: a ticket timeline builder, an office calendar, policies."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Self
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from cxcore.sla.calendar import BusinessCalendar
from cxcore.sla.policy import SlaPolicy
from cxcore.tickets import (
    Customer,
    Message,
    MessageAdded,
    PriorityChange,
    StatusChange,
    Ticket,
)
from tests.strategies import FIRST_CLASS_ZONES

WARSAW = ZoneInfo("Europe/Warsaw")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")

OFFICE = BusinessCalendar(
    timezone="Europe/Warsaw", hours={day: [("09:00", "17:00")] for day in WEEKDAYS}
)
"""Monday to Friday, 09:00-17:00 in Warsaw, no holidays."""


def may(day: int, hour: int, minute: int = 0) -> datetime:
    """An instant in May 2026, Warsaw time (4 May is a Monday, 9-10 May a weekend)."""
    return datetime(2026, 5, day, hour, minute, tzinfo=WARSAW)


class Timeline:
    """Builds a valid ticket event by event: ``Timeline(t0).customer(t0).agent(t1).ticket``."""

    def __init__(
        self,
        created: datetime,
        *,
        priority: str = "normal",
        channel: str = "email",
        customer: Customer | None = None,
    ) -> None:
        self.created = created
        self.priority = priority
        self.channel = channel
        self.customer_ = customer or Customer(id="C-1")
        self.events: list[StatusChange | PriorityChange | MessageAdded] = []
        self.count = 0

    def _message(self, role: str, at: datetime, public: bool) -> Self:
        self.count += 1
        message = Message(
            id=f"M-{self.count}",
            author_role=role,
            public=public,
            channel=self.channel,
            body="...",
            at=at,
        )
        self.events.append(MessageAdded.of(message))
        return self

    def customer(self, at: datetime, public: bool = True) -> Self:
        return self._message("customer", at, public)

    def agent(self, at: datetime, public: bool = True) -> Self:
        return self._message("agent", at, public)

    def status(self, at: datetime, status: str) -> Self:
        self.events.append(StatusChange(at=at, status=status))
        return self

    def priority_to(self, at: datetime, priority: str) -> Self:
        self.events.append(PriorityChange(at=at, priority=priority))
        return self

    @property
    def ticket(self) -> Ticket:
        return Ticket(
            id="T-1",
            customer=self.customer_,
            channel=self.channel,
            priority=self.priority,
            created_at=self.created,
            events=tuple(self.events),
        )


def policy(**targets: object) -> SlaPolicy:
    """A one-rule policy with the given targets (``first_reply="1h"`` etc.)."""
    return SlaPolicy(name="Test", rules=[{"name": "all", "targets": targets}])


def minutes(n: float) -> timedelta:
    return timedelta(minutes=n)


@st.composite
def conversations(draw: st.DrawFn, max_steps: int = 14) -> Ticket:
    """Tickets whose timelines look like real support conversations.

    The customer writes first; agents answer (publicly or in internal notes), set ``pending``
    while they wait for the customer, put tickets ``on_hold``, solve them; customers write back
    and reopen; priorities change. Gaps range from seconds to two days, so measurements are
    achieved, paused, breached and escalated.
    """
    zone = ZoneInfo(draw(st.sampled_from(FIRST_CLASS_ZONES)))
    # Created in a local zone, events in UTC: adding to a zoned datetime moves its wall time
    # (into DST gaps), and Ticket compares datetimes sharing a zone by wall time, which
    # misorders the repeated hour when clocks go back.
    created = (
        datetime(2026, 1, 1, tzinfo=UTC) + timedelta(seconds=draw(st.integers(0, 360 * 86400)))
    ).astimezone(zone)
    line = Timeline(
        created,
        priority=draw(st.sampled_from(["low", "normal", "high", "urgent"])),
        channel=draw(st.sampled_from(["email", "live_chat", "web_form"])),
    ).customer(created)
    moment = created.astimezone(UTC)
    status = "new"
    for _ in range(draw(st.integers(0, max_steps))):
        moment = moment.astimezone(UTC) + timedelta(seconds=draw(st.integers(0, 2 * 86400)))
        step = draw(
            st.sampled_from(
                [
                    "reply",
                    "reply",
                    "ask",
                    "customer",
                    "customer",
                    "note",
                    "hold",
                    "solve",
                    "priority",
                ]
            )
        )
        if status == "closed":
            break
        if step == "reply":
            line.agent(moment)
            if status == "new":
                status = "open"
                line.status(moment, status)
        elif step == "ask":
            line.agent(moment).status(moment, "pending")
            status = "pending"
        elif step == "customer":
            line.customer(moment)
            if status in ("pending", "solved"):
                status = "open"
                line.status(moment, status)
        elif step == "note":
            line.agent(moment, public=False)
        elif step == "hold":
            status = draw(st.sampled_from(["on_hold", "open"]))
            line.status(moment, status)
        elif step == "solve":
            status = draw(st.sampled_from(["solved", "solved", "closed"]))
            line.status(moment, status)
        else:
            line.priority_to(moment, draw(st.sampled_from(["low", "normal", "high", "urgent"])))
    return line.ticket
