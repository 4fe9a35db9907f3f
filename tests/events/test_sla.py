"""SLA events from diffing two reports of one ticket."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from cxcore.errors import InvalidInputError
from cxcore.events import SlaAchieved, SlaBreached, SlaPaused, SlaResumed, SlaWarning, sla_events
from cxcore.events.schema import parse_event
from cxcore.sla import CalendarTime, SlaPolicy, evaluate
from cxcore.tickets import Customer, Message, MessageAdded, StatusChange, Ticket

T0 = datetime(2026, 5, 4, 9, tzinfo=UTC)
POLICY = SlaPolicy(
    name="P", rules=[{"name": "all", "targets": {"first_reply": "1h", "resolution": "8h"}}]
)


def ticket(*events: object) -> Ticket:
    base = Ticket(id="T-1", customer=Customer(id="C-1"), channel="email", created_at=T0)
    return base.with_events(tuple(events))  # type: ignore[arg-type]


def report(t: Ticket, minutes: int):  # type: ignore[no-untyped-def]
    return evaluate(t, POLICY, CalendarTime(), T0 + timedelta(minutes=minutes))


def kinds(events: tuple[object, ...]) -> list[tuple[str, str]]:
    return [(type(e).__name__, e.metric.value) for e in events]  # type: ignore[attr-defined]


def test_warning_then_breach_each_once() -> None:
    t = ticket()
    r0, r50, r55, r70 = (report(t, m) for m in (0, 50, 55, 70))
    assert sla_events(r0, r50) == (
        SlaWarning.model_validate(
            {**sla_events(r0, r50)[0].model_dump(), "type": "cxcore.sla.warning"}
        ),
    )
    assert kinds(sla_events(r0, r50)) == [("SlaWarning", "first_reply")]
    assert sla_events(r50, r55) == ()
    breached = sla_events(r55, r70)
    assert kinds(breached) == [("SlaBreached", "first_reply")]
    assert breached[0].at == T0 + timedelta(hours=1)  # at the due time, not when noticed
    # diffing the same pair again gives the same ids: a host can deduplicate deliveries
    assert [e.id for e in sla_events(r55, r70)] == [e.id for e in breached]


def test_a_jump_straight_past_the_due_time_reports_the_breach_only() -> None:
    t = ticket()
    assert kinds(sla_events(report(t, 0), report(t, 120))) == [("SlaBreached", "first_reply")]


def test_achieved_paused_and_resumed() -> None:
    reply = Message(
        id="M-1", author_role="agent", channel="email", body="hi", at=T0 + timedelta(minutes=20)
    )
    t = ticket(
        MessageAdded.of(reply),
        StatusChange(at=T0 + timedelta(minutes=30), status="pending"),
        StatusChange(at=T0 + timedelta(minutes=90), status="open"),
    )
    r10, r40, r100 = report(t, 10), report(t, 40), report(t, 100)
    first = sla_events(r10, r40)
    assert kinds(first) == [("SlaAchieved", "first_reply"), ("SlaPaused", "resolution")]
    assert isinstance(first[0], SlaAchieved) and first[0].elapsed == timedelta(minutes=20)
    assert isinstance(first[1], SlaPaused)
    resumed = sla_events(r40, r100)
    assert kinds(resumed) == [("SlaResumed", "resolution")]
    assert isinstance(resumed[0], SlaResumed)


def test_nothing_seen_yet_counts_from_scratch() -> None:
    t = ticket()
    assert kinds(sla_events(None, report(t, 70))) == [("SlaBreached", "first_reply")]


def test_events_round_trip_through_json_and_the_union() -> None:
    t = ticket()
    (event,) = sla_events(None, report(t, 70))
    assert isinstance(event, SlaBreached)
    assert parse_event(event.model_dump_json()) == event
    assert parse_event(event.model_dump(mode="json")) == event


def test_reports_of_two_tickets_are_refused() -> None:
    other = Ticket(id="T-2", customer=Customer(id="C-1"), channel="email", created_at=T0)
    with pytest.raises(InvalidInputError, match="two tickets"):
        sla_events(report(ticket(), 0), report(other, 0))
