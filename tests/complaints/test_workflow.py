"""The transition table, its diagram, deadlines, next actions and outcome data."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from cxcore.complaints import (
    TRANSITIONS,
    AccountCaptured,
    Acknowledged,
    ActionKind,
    ComplaintClosed,
    ComplaintTimers,
    DeadlineCalendar,
    Escalated,
    Guard,
    RemedyAccepted,
    RemedyDeclined,
    RemedyOffered,
    Stage,
    Trigger,
    UpdateSent,
    VerificationRequested,
    complaint_outcome,
    mermaid_diagram,
    next_actions,
)
from cxcore.complaints.workflow import OPEN_STAGES, WORKING_STAGES, find_transition
from cxcore.errors import InvalidInputError, NaiveDatetimeError, PolicyError, TimelineError
from cxcore.sla.calendar import BusinessCalendar
from cxcore.sla.calendar_time import CalendarTime
from tests.complaints.strategies import (
    REFUND,
    REPLACEMENT,
    T0,
    apologised,
    new_complaint,
    remedy_recorded,
    step,
    verified,
    verifying,
)

DOCS = Path(__file__).resolve().parents[2] / "docs" / "complaints.md"


def test_table_has_one_row_per_stage_and_trigger() -> None:
    keys = [(row.source, row.trigger) for row in TRANSITIONS]
    assert len(keys) == len(set(keys))


def test_every_open_stage_can_escalate_or_close_and_closed_is_final() -> None:
    for stage in WORKING_STAGES:
        assert find_transition(stage, Trigger.ESCALATED).target is Stage.ESCALATED
    for stage in OPEN_STAGES:
        assert find_transition(stage, Trigger.CLOSED_WITHOUT_VERIFICATION).target is Stage.CLOSED
    assert not [row for row in TRANSITIONS if row.source is Stage.CLOSED]
    closing = [row for row in TRANSITIONS if row.target is Stage.CLOSED]
    for row in closing:  # the only unguarded way to close records a reason in its event
        assert row.guards or row.trigger is Trigger.CLOSED_WITHOUT_VERIFICATION


def test_every_stage_is_reachable_from_a_new_complaint() -> None:
    reached: set[Stage | None] = {None}
    frontier: list[Stage | None] = [None]
    while frontier:
        source = frontier.pop()
        for row in TRANSITIONS:
            if row.source == source:
                targets = [row.target] if row.target is not None else list(WORKING_STAGES)
                for target in targets:
                    if target not in reached:
                        reached.add(target)
                        frontier.append(target)
    assert reached == {None, *Stage}


def test_guards_are_where_the_process_needs_them() -> None:
    assert find_transition(Stage.LISTEN, Trigger.APOLOGISED).guards == (
        Guard.ACCOUNT_CAPTURED,
        Guard.DESIRED_OUTCOME_RECORDED,
    )
    assert (
        Guard.REMEDY_RECORDED
        in find_transition(Stage.INFORM, Trigger.VERIFICATION_REQUESTED).guards
    )
    assert find_transition(Stage.VERIFY, Trigger.CLOSED).guards == (Guard.CUSTOMER_SATISFIED,)
    assert find_transition(Stage.VERIFY, Trigger.VERIFIED_UNSATISFIED).target is Stage.RESOLVE


def test_diagram_in_docs_is_generated_from_the_table() -> None:
    page = DOCS.read_text(encoding="utf-8")
    blocks = re.findall(r"```mermaid\n(.*?)```", page, re.DOTALL)
    assert blocks == [mermaid_diagram()]


def test_diagram_shape() -> None:
    diagram = mermaid_diagram()
    assert diagram.splitlines()[0] == "stateDiagram-v2"
    assert (
        "    listen --> apologise : apologised if account captured and desired outcome recorded"
        in diagram
    )
    assert "    escalated --> verify : deescalated (back)" in diagram
    assert "listen --> listen" not in diagram
    assert (
        "listen --> listen : account_captured; acknowledged if not yet acknowledged"
        in mermaid_diagram(self_loops=True)
    )


# --- deadlines -------------------------------------------------------------------------------


def test_acknowledgement_and_update_deadlines_in_elapsed_time() -> None:
    complaint = new_complaint()
    timers = ComplaintTimers(
        acknowledge_within=timedelta(minutes=30), update_every=timedelta(hours=4)
    )
    assert complaint.acknowledgement_due(timers) == T0 + timedelta(minutes=30)
    assert complaint.next_update_due(timers) == T0 + timedelta(hours=4)
    assert not complaint.is_update_late(T0 + timedelta(minutes=30), timers)
    assert complaint.is_update_late(T0 + timedelta(minutes=31), timers)
    acknowledged = step(complaint, Acknowledged, 10)
    assert acknowledged.acknowledgement_due(timers) is None
    assert acknowledged.next_update_due(timers) == T0 + timedelta(minutes=10, hours=4)
    closed = step(verified(True), ComplaintClosed)
    assert closed.next_update_due(timers) is None and not closed.is_update_late(T0, timers)


def test_internal_events_do_not_restart_the_update_clock() -> None:
    complaint = step(apologised(), RemedyOffered, remedies=(REPLACEMENT,))
    last_contact = complaint.last_contact_at
    complaint = step(complaint, RemedyAccepted, 600, remedies=(REPLACEMENT,))
    assert complaint.last_contact_at == last_contact
    complaint = step(complaint, UpdateSent, 60)
    assert complaint.last_contact_at == complaint.events[-1].at


def test_deadlines_follow_a_business_calendar() -> None:
    # Warsaw office, Mon-Fri 09:00-17:00; 2026-05-01 (Friday) is a public holiday.
    office = BusinessCalendar(timezone="Europe/Warsaw", holidays=[date(2026, 5, 1)])
    assert isinstance(office, DeadlineCalendar)
    timers = ComplaintTimers(
        acknowledge_within=timedelta(hours=1), update_every=timedelta(hours=8), calendar=office
    )
    thursday_evening = datetime(2026, 4, 30, 16, 30, tzinfo=ZoneInfo("Europe/Warsaw"))
    complaint = new_complaint(at=thursday_evening)
    # 30 minutes on Thursday, then the long weekend, then 30 minutes on Monday
    assert complaint.acknowledgement_due(timers) == datetime(
        2026, 5, 4, 9, 30, tzinfo=ZoneInfo("Europe/Warsaw")
    )
    assert complaint.next_update_due(timers) == datetime(
        2026, 5, 4, 16, 30, tzinfo=ZoneInfo("Europe/Warsaw")
    )


def test_default_calendar_is_real_time_across_dst() -> None:
    start = datetime(2026, 10, 24, 12, tzinfo=ZoneInfo("Europe/Warsaw"))
    assert CalendarTime().add(start, timedelta(hours=24)).hour == 11
    assert CalendarTime() == CalendarTime() and hash(CalendarTime()) == hash(CalendarTime())
    with pytest.raises(NaiveDatetimeError):
        CalendarTime().add(start.replace(tzinfo=None), timedelta(hours=1))
    assert ComplaintTimers().calendar == CalendarTime()
    assert ComplaintTimers().due(start, timedelta(hours=24)).hour == 11


def test_timer_settings_are_validated() -> None:
    with pytest.raises(PolicyError, match="acknowledge_within"):
        ComplaintTimers(acknowledge_within=timedelta(minutes=-1))
    with pytest.raises(PolicyError, match="max_contact_attempts"):
        ComplaintTimers(max_contact_attempts=0)
    with pytest.raises(PolicyError, match="calendar must have add"):
        ComplaintTimers(calendar="office")  # type: ignore[arg-type]


# --- next actions ----------------------------------------------------------------------------


def _actions(complaint, at=None, timers=None):  # type: ignore[no-untyped-def]
    at = at or complaint.events[-1].at
    return [a.action for a in next_actions(complaint, at=at, timers=timers)]


def test_next_actions_follow_the_process() -> None:
    assert _actions(new_complaint()) == [ActionKind.ACKNOWLEDGE, ActionKind.CAPTURE_ACCOUNT]
    listened = step(step(new_complaint(), Acknowledged), AccountCaptured, account="crushed")
    assert _actions(listened) == [ActionKind.APOLOGISE]
    assert _actions(apologised()) == [ActionKind.OFFER_REMEDY]
    offered = step(apologised(), RemedyOffered, remedies=(REPLACEMENT,))
    assert _actions(offered) == [ActionKind.SEND_UPDATE]
    accepted = step(offered, RemedyAccepted, remedies=(REPLACEMENT,))
    assert _actions(accepted) == [ActionKind.CARRY_OUT_REMEDY, ActionKind.SEND_UPDATE]
    declined = step(offered, RemedyDeclined)
    assert _actions(declined) == [ActionKind.OFFER_REMEDY, ActionKind.CLOSE_UNRESOLVED]
    assert _actions(remedy_recorded()) == [ActionKind.REQUEST_VERIFICATION]
    assert _actions(verifying()) == [ActionKind.REQUEST_VERIFICATION]
    assert _actions(verified(True)) == [ActionKind.CLOSE]
    escalated = step(apologised(), Escalated, to="lead", reason="vip")
    assert _actions(escalated) == [ActionKind.SEND_UPDATE, ActionKind.DEESCALATE]
    assert _actions(step(verified(True), ComplaintClosed)) == []


def test_unanswered_verification_suggests_closing_with_a_reason() -> None:
    complaint = verifying()
    for _ in range(2):
        complaint = step(complaint, VerificationRequested, 48 * 60)
    assert _actions(complaint) == [ActionKind.CLOSE_WITHOUT_VERIFICATION]
    assert _actions(complaint, timers=ComplaintTimers(max_contact_attempts=5)) == [
        ActionKind.REQUEST_VERIFICATION
    ]


def test_next_action_deadline_lateness_and_key() -> None:
    complaint = step(apologised(), RemedyOffered, remedies=(REFUND,))
    due = complaint.events[-1].at + timedelta(hours=24)
    (action,) = next_actions(complaint, at=due)
    assert (action.due_at, action.late, action.response_key) == (due, False, "complaint.update")
    (late,) = next_actions(complaint, at=due + timedelta(seconds=1))
    assert late.late and late.trigger is Trigger.UPDATE_SENT
    with pytest.raises(NaiveDatetimeError):
        next_actions(complaint, at=due.replace(tzinfo=None))


# --- outcome ---------------------------------------------------------------------------------


def test_outcome_of_a_closed_complaint() -> None:
    complaint = step(verified(True), ComplaintClosed)
    outcome = complaint_outcome(complaint)
    assert outcome.closure == "resolved" and outcome.satisfied is True
    assert outcome.satisfaction_score == 5 and outcome.reopen_count == 0
    assert outcome.time_to_acknowledge == timedelta(minutes=5)
    assert outcome.time_to_close == complaint.closed_at - complaint.received_at
    assert sum(outcome.time_in_stage.values(), timedelta(0)) == outcome.time_to_close
    assert outcome.remedies == ("replacement",)
    # the replacement took 24 h to ship and verification came 48 h later: two gaps over 24 h
    assert outcome.late_updates == 2 and outcome.updates_sent == 0
    assert outcome.messages_sent == 6  # ack, apology, offer, shipped, verify, closed
    assert type(outcome).model_validate_json(outcome.model_dump_json()) == outcome


def test_outcome_of_an_open_complaint_counts_the_current_gap() -> None:
    complaint = step(apologised(), RemedyOffered, remedies=(REFUND,))
    last = complaint.events[-1].at
    on_time = complaint_outcome(complaint, at=last + timedelta(hours=24))
    assert on_time.late_updates == 0 and on_time.closure is None
    late = complaint_outcome(complaint, at=last + timedelta(hours=25))
    assert late.late_updates == 1
    assert late.time_in_stage[Stage.RESOLVE] == timedelta(hours=25)
    with pytest.raises(TimelineError):
        complaint_outcome(complaint, at=last - timedelta(seconds=1))
    with pytest.raises(InvalidInputError, match="is open"):
        complaint_outcome(complaint)


def test_outcome_counts_reopens_and_escalations() -> None:
    complaint = verified(False)
    complaint = step(complaint, Escalated, to="lead", reason="second failure")
    outcome = complaint_outcome(complaint, at=complaint.events[-1].at)
    assert outcome.reopen_count == 1 and outcome.escalations == 1
    assert outcome.satisfied is False and outcome.satisfaction_score == 2
    assert Stage.ESCALATED in outcome.time_in_stage


def test_timers_from_an_sla_policy() -> None:
    from cxcore.sla.policy import SlaPolicy

    office = BusinessCalendar(timezone="Europe/Warsaw")
    policy = SlaPolicy(
        name="Shop",
        rules=[
            {"name": "all", "targets": {"first_reply": "4h", "periodic_update": "8h"}},
            {"name": "chat", "channels": ["live_chat"], "targets": {"first_reply": "5m"}},
        ],
    )
    timers = ComplaintTimers.from_sla(policy, office, priority="high", channel="email")
    assert timers.acknowledge_within == timedelta(hours=4)
    assert timers.update_every == timedelta(hours=8) and timers.calendar is office
    with pytest.raises(PolicyError, match="no periodic_update target"):
        ComplaintTimers.from_sla(policy, office, channel="live_chat")
