"""Complaint stage changes and overdue actions as events."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from cxcore.complaints import Compensation, Complaint, ComplaintTimers
from cxcore.complaints.events import AccountCaptured, Acknowledged, Apologised, ComplaintReceived
from cxcore.errors import InvalidInputError
from cxcore.events import complaint_events, overdue_events

T0 = datetime(2026, 5, 4, 9, tzinfo=UTC)


def received() -> Complaint:
    from cxcore.tickets import Customer

    return Complaint.start(
        ComplaintReceived(
            sequence=1,
            at=T0,
            actor="web",
            complaint_id="CMP-1",
            customer=Customer(id="C-1"),
            channel="email",
            reason="late_delivery",
        )
    )


def test_every_stage_change_once() -> None:
    first = received()
    later, _ = first.record(Acknowledged, actor="a", at=T0)
    later, _ = later.record(
        AccountCaptured,
        actor="a",
        at=T0,
        account="late",
        desired_outcome=Compensation(kind="replacement"),
    )
    later, _ = later.record(Apologised, actor="a", at=T0 + timedelta(minutes=5))
    events = complaint_events(first, later)
    assert [(e.from_stage, e.to_stage, e.trigger, e.sequence) for e in events] == [
        ("listen", "apologise", "apologised", 4),
    ]
    assert complaint_events(None, later)[1:] == events
    assert complaint_events(later, later) == ()


def test_a_complaint_that_does_not_follow_is_refused() -> None:
    later, _ = received().record(Acknowledged, actor="a", at=T0)
    with pytest.raises(InvalidInputError, match="does not follow"):
        complaint_events(later, received())


def test_overdue_actions_are_reported_with_stable_ids() -> None:
    complaint = received()
    timers = ComplaintTimers(acknowledge_within=timedelta(hours=1), update_every=timedelta(days=1))
    assert overdue_events(complaint, T0 + timedelta(minutes=30), timers) == ()
    late = overdue_events(complaint, T0 + timedelta(hours=2), timers)
    assert [e.action.value for e in late] == ["acknowledge"]
    assert late[0].due_at == T0 + timedelta(hours=1)
    again = overdue_events(complaint, T0 + timedelta(hours=3), timers)
    assert [e.id for e in again] == [e.id for e in late]
