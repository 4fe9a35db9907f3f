"""Complaint times across DST changes in Europe/Warsaw: order, durations and lateness are
measured in real elapsed time, not wall-clock time (2026-03-29 spring forward,
2026-10-25 fall back: 02:00-03:00 local happens twice, first at +02:00, then at +01:00)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest

from cxcore.complaints import (
    AccountCaptured,
    Acknowledged,
    ActionKind,
    Apologised,
    Complaint,
    ComplaintTimers,
    Stage,
    complaint_outcome,
    next_actions,
)
from cxcore.errors import TimelineError
from tests.complaints.strategies import WARSAW, received

# The hour repeated on 2026-10-25: fold=0 is the first pass (CEST), fold=1 the second (CET).
FIRST_0250 = datetime(2026, 10, 25, 2, 50, tzinfo=WARSAW)  # 00:50 UTC
SECOND_0210 = datetime(2026, 10, 25, 2, 10, fold=1, tzinfo=WARSAW)  # 01:10 UTC, 20 min later
HOURLY = ComplaintTimers(acknowledge_within=timedelta(minutes=90), update_every=timedelta(hours=1))


def _at(complaint: Complaint, kind: type[Any], at: datetime, **fields: Any) -> Complaint:
    return complaint.apply(kind(sequence=complaint.next_sequence, at=at, actor="a", **fields))


def test_time_in_stage_counts_the_hour_lost_in_spring() -> None:
    # 28 March 12:00 CET to 29 March 12:00 CEST is 23 real hours (wall clock says 24).
    complaint = Complaint.start(received(at=datetime(2026, 3, 28, 12, tzinfo=WARSAW)))
    complaint = _at(
        complaint, AccountCaptured, datetime(2026, 3, 28, 12, 30, tzinfo=WARSAW), account="x"
    )
    complaint = _at(complaint, Apologised, datetime(2026, 3, 29, 12, tzinfo=WARSAW))
    at = datetime(2026, 3, 29, 14, tzinfo=WARSAW)
    assert complaint.time_in_stage(Stage.LISTEN, at) == timedelta(hours=23)
    assert complaint_outcome(complaint, at=at).time_in_stage[Stage.LISTEN] == timedelta(hours=23)


def test_time_to_acknowledge_is_real_time_over_the_spring_gap() -> None:
    # 01:30 CET to 03:10 CEST is 40 real minutes (wall clock says 1 h 40 min).
    complaint = Complaint.start(received(at=datetime(2026, 3, 29, 1, 30, tzinfo=WARSAW)))
    complaint = _at(complaint, Acknowledged, datetime(2026, 3, 29, 3, 10, tzinfo=WARSAW))
    outcome = complaint_outcome(complaint, at=datetime(2026, 3, 29, 4, tzinfo=WARSAW))
    assert outcome.time_to_acknowledge == timedelta(minutes=40)


def test_events_in_the_repeated_hour_are_ordered_by_instant() -> None:
    complaint = Complaint.start(received(at=FIRST_0250))
    # 02:10 (second pass) is 20 minutes after 02:50 (first pass): a valid next event.
    later = _at(complaint, Acknowledged, SECOND_0210)
    assert later.acknowledged_at == SECOND_0210
    # The other way round it goes back 40 minutes: refused.
    complaint = Complaint.start(received(at=SECOND_0210))
    with pytest.raises(TimelineError, match="earlier than event 1"):
        _at(complaint, Acknowledged, FIRST_0250)


def test_update_lateness_in_the_repeated_hour() -> None:
    # Acknowledged 01:45 CEST (23:45 UTC); the hourly update is due 02:45 CEST (00:45 UTC).
    start = datetime(2026, 10, 25, 1, 45, tzinfo=WARSAW)
    complaint = _at(Complaint.start(received(at=start)), Acknowledged, start)
    assert complaint.is_update_late(SECOND_0210, HOURLY)  # 01:10 UTC: 25 min late
    outcome = complaint_outcome(complaint, at=SECOND_0210, timers=HOURLY)
    assert outcome.late_updates == 1


def test_outcome_may_be_measured_after_the_last_event_in_the_repeated_hour() -> None:
    complaint = _at(Complaint.start(received(at=FIRST_0250)), Acknowledged, FIRST_0250)
    outcome = complaint_outcome(complaint, at=SECOND_0210)
    assert outcome.time_in_stage[Stage.LISTEN] == timedelta(minutes=20)


def test_next_actions_sort_and_lateness_by_instant() -> None:
    # Received 01:45 CEST (23:45 UTC), not acknowledged: the update is due 02:45 CEST
    # (00:45 UTC), the acknowledgement 02:15 CET (01:15 UTC, wall clock earlier).
    complaint = Complaint.start(received(at=datetime(2026, 10, 25, 1, 45, tzinfo=WARSAW)))
    actions = next_actions(complaint, at=FIRST_0250, timers=HOURLY)  # 00:50 UTC
    assert [a.action for a in actions] == [ActionKind.CAPTURE_ACCOUNT, ActionKind.ACKNOWLEDGE]
    assert [a.late for a in actions] == [True, False]
