"""The SLA clock: known-answer timelines for every rule, bad input, and invariants.

Calendar: Monday-Friday 09:00-17:00 in Warsaw (``OFFICE``); 4 May 2026 is a Monday.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxcore.errors import InvalidInputError, NaiveDatetimeError, TimelineError
from cxcore.sla.calendar import BusinessCalendar
from cxcore.sla.clock import CalendarTime, evaluate
from cxcore.sla.policy import SlaMetric, SlaPolicy
from cxcore.sla.report import SlaMeasurement, SlaReport, SlaState
from cxcore.tickets import Ticket, TicketStatus
from tests.sla.timelines import OFFICE, WARSAW, Timeline, conversations, may, minutes, policy
from tests.strategies import tickets

H = timedelta(hours=1)


def only(report: SlaReport, metric: str, index: int = 0) -> SlaMeasurement:
    found = [m for m in report.of(metric) if m.index == index]
    assert len(found) == 1, report.measurements
    return found[0]


# --- first reply over a weekend ---------------------------------------------------------------


def test_first_reply_runs_in_business_hours_only() -> None:
    # Created Friday 16:00 with a 2-hour target: one hour on Friday, one on Monday.
    line = Timeline(may(8, 16)).customer(may(8, 16))
    sla = policy(first_reply="2h")
    saturday = only(evaluate(line.ticket, sla, OFFICE, may(9, 12)), "first_reply")
    assert saturday.state is SlaState.ACTIVE
    assert (saturday.elapsed, saturday.remaining) == (H, H)
    assert saturday.due_at == may(11, 10)
    assert saturday.level == 0
    assert saturday.next_threshold_at == may(11, 9, 30)  # 75 % of 2 h = 1 h 30 min

    line.agent(may(11, 9, 30))
    monday = only(evaluate(line.ticket, sla, OFFICE, may(11, 12)), "first_reply")
    assert monday.state is SlaState.ACHIEVED
    assert monday.completed_at == may(11, 9, 30)
    assert monday.completed_by == "M-2"
    assert monday.elapsed == minutes(90)
    assert monday.due_at == may(11, 10)
    assert (monday.level, monday.threshold) == (1, 0.75)  # the warning was reached
    assert monday.breached_by is None
    assert monday.next_threshold_at is None


def test_due_at_closing_time_and_a_reply_after_hours_is_a_breach_by_zero_business_time() -> None:
    # 1 h from Friday 16:00 is due at the closing instant, 17:00; a Saturday reply is late
    # although no business time passed after the due time.
    line = Timeline(may(8, 16)).customer(may(8, 16))
    sla = policy(first_reply="1h")
    on_time = Timeline(may(8, 16)).customer(may(8, 16)).agent(may(8, 17)).ticket
    assert only(evaluate(on_time, sla, OFFICE, may(9, 9)), "first_reply").state is SlaState.ACHIEVED
    waiting = only(evaluate(line.ticket, sla, OFFICE, may(9, 9)), "first_reply")
    assert waiting.state is SlaState.BREACHED
    assert (waiting.due_at, waiting.breached_by, waiting.remaining) == (
        may(8, 17),
        minutes(0),
        minutes(0),
    )
    late = only(evaluate(line.agent(may(9, 10)).ticket, sla, OFFICE, may(9, 11)), "first_reply")
    assert late.state is SlaState.BREACHED
    assert late.completed_at == may(9, 10)
    assert late.breached_by == timedelta(0)


def test_calendar_time_target_ignores_business_hours_and_handles_dst() -> None:
    # Warsaw springs forward on 29 March 2026: 24 real hours from Saturday noon end at 13:00.
    created = datetime(2026, 3, 28, 12, tzinfo=WARSAW)
    line = Timeline(created).customer(created)
    sla = policy(resolution={"duration": "24h", "business_hours": False})
    m = only(evaluate(line.ticket, sla, OFFICE, created + H), "resolution")
    assert m.due_at == datetime(2026, 3, 29, 13, tzinfo=WARSAW)
    assert m.elapsed == H


# --- pending pauses, reopening resumes --------------------------------------------------------


def resolution_story() -> Timeline:
    return (
        Timeline(may(4, 9))
        .customer(may(4, 9))
        .agent(may(4, 10))
        .status(may(4, 10), "pending")
        .customer(may(5, 9))
        .status(may(5, 9), "open")
        .status(may(5, 14), "solved")
    )


def test_pending_pauses_resolution() -> None:
    sla = policy(resolution="8h")
    paused = only(evaluate(resolution_story().ticket, sla, OFFICE, may(4, 15)), "resolution")
    assert paused.state is SlaState.PAUSED
    assert paused.paused
    assert (paused.elapsed, paused.remaining) == (H, 7 * H)
    assert paused.due_at is None
    assert paused.next_threshold_at is None

    running = only(evaluate(resolution_story().ticket, sla, OFFICE, may(5, 12)), "resolution")
    assert running.state is SlaState.ACTIVE
    assert running.elapsed == 4 * H
    assert running.due_at == may(5, 16)
    assert running.next_threshold_at == may(5, 14)  # 6 h = 75 % of 8 h

    solved = only(evaluate(resolution_story().ticket, sla, OFFICE, may(5, 15)), "resolution")
    assert solved.state is SlaState.ACHIEVED
    assert solved.completed_at == may(5, 14)
    assert solved.elapsed == 6 * H


def test_reopening_resumes_resolution_and_breach_says_by_how_much() -> None:
    sla = policy(resolution="8h")
    line = resolution_story().status(may(6, 10), "open")
    reopened = only(evaluate(line.ticket, sla, OFFICE, may(6, 11)), "resolution")
    assert reopened.state is SlaState.ACTIVE
    assert reopened.completed_at is None
    assert reopened.elapsed == 7 * H
    assert reopened.due_at == may(6, 12)

    line.status(may(6, 13), "solved")
    done = only(evaluate(line.ticket, sla, OFFICE, may(6, 16)), "resolution")
    assert done.state is SlaState.BREACHED
    assert (done.due_at, done.completed_at) == (may(6, 12), may(6, 13))
    assert done.breached_by == H
    assert (done.level, done.threshold) == (2, 1.0)


def test_on_hold_counts_for_requester_wait_but_not_for_agent_work() -> None:
    line = (
        Timeline(may(4, 9))
        .customer(may(4, 9))
        .status(may(4, 10), "on_hold")
        .status(may(4, 12), "open")
    )
    sla = policy(requester_wait="24h", agent_work="24h", resolution="24h")
    report = evaluate(line.ticket, sla, OFFICE, may(4, 13))
    assert only(report, "requester_wait").elapsed == 4 * H
    assert only(report, "resolution").elapsed == 4 * H
    assert only(report, "agent_work").elapsed == 2 * H


def test_which_statuses_pause_is_configurable() -> None:
    line = Timeline(may(4, 9)).customer(may(4, 9)).status(may(4, 10), "pending")
    strict = SlaPolicy(
        name="P",
        rules=[{"name": "all", "targets": {"resolution": "24h"}}],
        counts_in={"resolution": ["new", "open", "pending", "on_hold"]},
    )
    m = only(evaluate(line.ticket, strict, OFFICE, may(4, 12)), "resolution")
    assert m.state is SlaState.ACTIVE
    assert m.elapsed == 3 * H


# --- priority changes re-target running clocks -------------------------------------------------

TIERED = SlaPolicy(
    name="Tiered",
    rules=[
        {"name": "default", "targets": {"first_reply": "8h"}},
        {"name": "urgent", "priorities": ["urgent"], "targets": {"first_reply": "1h"}},
    ],
)


def test_raising_priority_retargets_from_the_start() -> None:
    line = Timeline(may(4, 9)).customer(may(4, 9)).priority_to(may(4, 9, 45), "urgent")
    before = only(evaluate(line.ticket, TIERED, OFFICE, may(4, 9, 40)), "first_reply")
    assert (before.rule, before.target, before.due_at) == ("default", 8 * H, may(4, 17))
    after = evaluate(line.ticket, TIERED, OFFICE, may(4, 10, 30))
    assert (after.priority.value, after.rule) == ("urgent", "urgent")
    m = only(after, "first_reply")
    assert (m.rule, m.target, m.due_at) == ("urgent", H, may(4, 10))
    assert m.state is SlaState.BREACHED
    assert m.breached_by == minutes(30)


def test_lowering_priority_lifts_a_running_breach() -> None:
    line = Timeline(may(4, 9), priority="urgent").customer(may(4, 9))
    assert only(evaluate(line.ticket, TIERED, OFFICE, may(4, 10, 30)), "first_reply").is_breached
    line.priority_to(may(4, 10, 40), "normal")
    m = only(evaluate(line.ticket, TIERED, OFFICE, may(4, 10, 45)), "first_reply")
    assert m.state is SlaState.ACTIVE
    assert (m.elapsed, m.due_at) == (minutes(105), may(4, 17))


def test_completed_measurements_keep_the_target_they_completed_under() -> None:
    line = (
        Timeline(may(4, 9), priority="urgent")
        .customer(may(4, 9))
        .agent(may(4, 9, 30))
        .priority_to(may(4, 11), "low")
    )
    m = only(evaluate(line.ticket, TIERED, OFFICE, may(4, 12)), "first_reply")
    assert (m.rule, m.target, m.state) == ("urgent", H, SlaState.ACHIEVED)


# --- warning and escalation levels -------------------------------------------------------------


@pytest.mark.parametrize(
    ("after", "state", "level", "threshold", "next_at", "breached_by"),
    [
        (30, SlaState.ACTIVE, 0, None, 45, None),
        (45, SlaState.ACTIVE, 1, 0.75, 60, None),
        (60, SlaState.ACTIVE, 1, 0.75, 60, None),  # due now: a reply now is still on time
        (61, SlaState.BREACHED, 2, 1.0, 90, 1),
        (90, SlaState.BREACHED, 3, 1.5, 120, 30),
        (150, SlaState.BREACHED, 4, 2.0, None, 90),
    ],
)
def test_escalation_levels(
    after: int,
    state: SlaState,
    level: int,
    threshold: float | None,
    next_at: int | None,
    breached_by: int | None,
) -> None:
    t0 = datetime(2026, 5, 9, 22, tzinfo=UTC)  # a Saturday night: calendar time ignores that
    line = Timeline(t0).customer(t0)
    sla = policy(first_reply={"duration": "1h", "business_hours": False, "escalate_at": [1.5, 2.0]})
    m = only(evaluate(line.ticket, sla, OFFICE, t0 + minutes(after)), "first_reply")
    assert (m.state, m.level, m.threshold) == (state, level, threshold)
    assert m.next_threshold_at == (None if next_at is None else t0 + minutes(next_at))
    assert m.breached_by == (None if breached_by is None else minutes(breached_by))


# --- recurring metrics --------------------------------------------------------------------------

T0 = datetime(2026, 5, 4, 8, tzinfo=UTC)


def at(n: int) -> datetime:
    return T0 + minutes(n)


def test_next_reply_runs_from_the_oldest_unanswered_customer_message() -> None:
    line = (
        Timeline(T0)
        .customer(at(0))
        .customer(at(5))  # before the first reply: first_reply covers it
        .agent(at(10))
        .customer(at(20))  # starts next_reply #0
        .customer(at(25))  # still unanswered: no second instance
        .agent(at(60), public=False)  # an internal note answers nobody
        .agent(at(70))
        .customer(at(90))  # starts next_reply #1
    )
    sla = policy(
        first_reply={"duration": "1h", "business_hours": False},
        next_reply={"duration": "30m", "business_hours": False},
    )
    report = evaluate(line.ticket, sla, OFFICE, at(140))
    first, second = report.of("next_reply")
    assert (first.started_at, first.completed_at, first.completed_by) == (at(20), at(70), "M-7")
    assert first.state is SlaState.BREACHED
    assert first.breached_by == minutes(20)
    assert (second.index, second.started_at, second.state) == (1, at(90), SlaState.BREACHED)
    assert second.elapsed == minutes(50)
    assert only(report, "first_reply").completed_at == at(10)


def test_periodic_updates_pause_stop_on_solve_and_restart_on_reopen() -> None:
    line = (
        Timeline(T0)
        .customer(at(0))
        .agent(at(10))  # update #0 starts
        .agent(at(60))  # #0 met; #1 starts
        .status(at(70), "pending")
        .status(at(100), "open")
        .status(at(200), "solved")  # #1 ends (solving completes it)
        .customer(at(250))  # the customer writes while it is solved
        .status(at(300), "open")  # reopened: #2 starts, and next_reply for that message
    )
    sla = policy(
        periodic_update={"duration": "2h", "business_hours": False},
        next_reply={"duration": "1h", "business_hours": False},
    )
    report = evaluate(line.ticket, sla, OFFICE, at(400))
    u0, u1, u2 = report.of("periodic_update")
    assert (u0.started_at, u0.completed_at, u0.completed_by) == (at(10), at(60), "M-3")
    assert (u1.started_at, u1.completed_at, u1.completed_by) == (at(60), at(200), None)
    assert u1.elapsed == minutes(10 + 100)
    assert u1.state is SlaState.ACHIEVED
    assert (u2.started_at, u2.elapsed, u2.state) == (at(300), minutes(100), SlaState.ACTIVE)
    (reply,) = report.of("next_reply")
    assert (reply.started_at, reply.state) == (at(300), SlaState.BREACHED)


def test_solving_completes_a_first_reply_that_never_came() -> None:
    line = Timeline(T0).customer(at(0)).status(at(30), "solved")
    m = only(evaluate(line.ticket, policy(first_reply="1h"), CalendarTime(), at(90)), "first_reply")
    assert (m.state, m.completed_at, m.completed_by) == (SlaState.ACHIEVED, at(30), None)


def test_bot_replies_do_not_count() -> None:
    line = Timeline(T0).customer(at(0))._message("bot", at(1), True)
    m = only(evaluate(line.ticket, policy(first_reply="1h"), CalendarTime(), at(5)), "first_reply")
    assert m.completed_at is None


# --- the report ---------------------------------------------------------------------------------


def test_events_after_at_are_ignored() -> None:
    line = Timeline(T0).customer(at(0)).agent(at(30)).status(at(40), "solved")
    report = evaluate(line.ticket, policy(first_reply="1h"), CalendarTime(), at(20))
    assert only(report, "first_reply").state is SlaState.ACTIVE


def test_report_times_are_in_the_zone_of_at_and_round_trip() -> None:
    line = Timeline(may(4, 9)).customer(may(4, 9))
    bangkok = may(4, 10).astimezone(ZoneInfo("Asia/Bangkok"))
    report = evaluate(line.ticket, policy(first_reply="4h", resolution="48h"), OFFICE, bangkok)
    m = only(report, "first_reply")
    assert m.started_at.tzinfo == bangkok.tzinfo
    assert m.due_at is not None and m.due_at.hour == 18  # 13:00 in Warsaw is 18:00 in Bangkok
    assert SlaReport.model_validate_json(report.model_dump_json()) == report
    assert report.next_threshold_at == m.next_threshold_at
    assert report.running == report.measurements
    assert report.breached == ()
    assert report.total_elapsed("first_reply") == H
    assert report.current("next_reply") is None


def test_no_matching_rule_means_an_empty_report() -> None:
    chat_only = SlaPolicy(
        name="P", rules=[{"name": "c", "channels": ["live_chat"], "targets": {"first_reply": "1m"}}]
    )
    report = evaluate(Timeline(T0).ticket, chat_only, OFFICE, at(10))
    assert (report.rule, report.measurements) == (None, ())


# --- bad input ----------------------------------------------------------------------------------


def test_naive_at_is_refused() -> None:
    with pytest.raises(NaiveDatetimeError):
        evaluate(Timeline(T0).ticket, policy(first_reply="1h"), OFFICE, datetime(2026, 5, 4, 9))


def test_at_before_creation_is_refused() -> None:
    with pytest.raises(TimelineError, match="before it was created"):
        evaluate(Timeline(T0).ticket, policy(first_reply="1h"), OFFICE, at(-1))


def test_events_out_of_order_are_refused_even_if_the_ticket_was_not_validated() -> None:
    valid = Timeline(T0).customer(at(10)).agent(at(20)).ticket
    shuffled = Ticket.model_construct(**{**dict(valid), "events": valid.events[::-1]})
    with pytest.raises(TimelineError, match="out of time order"):
        evaluate(shuffled, policy(first_reply="1h"), OFFICE, at(30))


def test_events_in_wall_order_but_not_in_time_order_are_refused() -> None:
    # 02:30 on 29 March 2026 does not exist in Warsaw (clocks jump from 02:00 to 03:00); Python
    # reads it as 02:30+01:00, which is later than 03:10+02:00. Python compares datetimes that
    # share a tzinfo by wall time; the ticket compares instants, so it refuses the pair.
    gap = datetime(2026, 3, 29, 2, 30, tzinfo=WARSAW)
    after = datetime(2026, 3, 29, 3, 10, tzinfo=WARSAW)
    assert after.astimezone(UTC) < gap.astimezone(UTC)
    with pytest.raises(TimelineError, match="time order"):
        _ = Timeline(datetime(2026, 3, 29, 1, tzinfo=WARSAW)).customer(gap).agent(after).ticket


def test_a_reused_report_notices_a_reopened_span() -> None:
    # Found by hypothesis: resolution completed at the solve, then the ticket was reopened.
    line = Timeline(T0).customer(at(0)).status(at(10), "solved")
    sla = policy(resolution={"duration": "1h", "business_hours": False})
    solved = evaluate(line.ticket, sla, OFFICE, at(20))
    line.status(at(30), "open")
    again = evaluate(line.ticket, sla, OFFICE, at(40), previous=solved)
    assert again == evaluate(line.ticket, sla, OFFICE, at(40))
    assert only(again, "resolution").completed_at is None


def test_previous_report_must_match() -> None:
    sla = policy(first_reply="1h")
    ticket = Timeline(T0).customer(at(0)).ticket
    report = evaluate(ticket, sla, OFFICE, at(10))
    other = ticket.model_copy(update={"id": "T-2"})
    with pytest.raises(InvalidInputError, match="previous report is for ticket"):
        evaluate(other, sla, OFFICE, at(20), previous=report)
    with pytest.raises(TimelineError, match="later than"):
        evaluate(ticket, sla, OFFICE, at(5), previous=report)


# --- invariants ---------------------------------------------------------------------------------

FULL = SlaPolicy(
    name="Full",
    rules=[
        {
            "name": "default",
            "targets": {
                "first_reply": {"duration": "4h", "escalate_at": [1.5, 2]},
                "next_reply": "8h",
                "periodic_update": {"duration": "1d", "business_hours": False},
                "resolution": {"duration": "72h", "warn_at": 0.5},
                "requester_wait": "48h",
                "agent_work": "24h",
            },
        },
        {"name": "urgent", "priorities": ["urgent"], "targets": {"first_reply": "30m"}},
    ],
)
MORE_PAUSES = FULL.model_copy(update={"counts_in": dict.fromkeys(SlaMetric, (TicketStatus.OPEN,))})
offsets = st.integers(min_value=0, max_value=10 * 24 * 3600).map(lambda s: timedelta(seconds=s))


def in_time_order(ticket: Ticket) -> bool:
    """The shared strategy adds to zoned datetimes (wall time), which can cross a DST gap."""
    instants = [ticket.created_at.astimezone(UTC)] + [e.at.astimezone(UTC) for e in ticket.events]
    return instants == sorted(instants)


def end_of(m: SlaMeasurement, report: SlaReport) -> datetime:
    return m.completed_at if m.completed_at is not None else report.at


@settings(max_examples=60)
@given(st.one_of(tickets().filter(in_time_order), conversations()), offsets)
def test_measurements_are_consistent(ticket: Ticket, offset: timedelta) -> None:
    when = ticket.created_at + offset
    report = evaluate(ticket, FULL, OFFICE, when)
    for m in report.measurements:
        end = end_of(m, report)
        assert m.elapsed <= end - m.started_at  # never more than wall time
        assert m.remaining == max(m.target - m.elapsed, timedelta(0))
        if m.state is SlaState.BREACHED:
            assert m.due_at is not None and m.due_at < end
            assert m.breached_by == m.elapsed - m.target
            assert m.level >= 2
        else:
            assert m.breached_by is None and m.level <= 1
            assert m.due_at is None or m.due_at >= end
        assert (m.state is SlaState.PAUSED) == (m.paused and not m.is_breached)
        assert m.due_at is not None or m.state is SlaState.PAUSED
        if m.next_threshold_at is not None:
            assert m.next_threshold_at >= report.at


@settings(max_examples=60)
@given(conversations(), offsets, offsets)
def test_completed_measurements_never_change_later(
    ticket: Ticket, first: timedelta, later: timedelta
) -> None:
    early = evaluate(ticket, FULL, OFFICE, ticket.created_at + first)
    late = evaluate(ticket, FULL, OFFICE, ticket.created_at + first + later)
    reopened = any(
        early.at < moment <= late.at and status not in (TicketStatus.SOLVED, TicketStatus.CLOSED)
        for moment, status in ticket.status_history
    )
    spans = (SlaMetric.RESOLUTION, SlaMetric.REQUESTER_WAIT, SlaMetric.AGENT_WORK)
    after = {(m.metric, m.index): m for m in late.measurements}
    for m in early.measurements:
        if m.completed_at is None or (m.metric in spans and reopened):
            continue  # running clocks move on; a reopened ticket resumes its spans
        assert after[(m.metric, m.index)] == m


@settings(max_examples=60)
@given(conversations(), offsets)
def test_pausing_never_makes_a_due_time_earlier(ticket: Ticket, offset: timedelta) -> None:
    when = ticket.created_at + offset
    plain = {(m.metric, m.index): m for m in evaluate(ticket, FULL, OFFICE, when).measurements}
    for m in evaluate(ticket, MORE_PAUSES, OFFICE, when).measurements:
        base = plain[(m.metric, m.index)]
        assert m.elapsed <= base.elapsed
        if m.due_at is not None and base.due_at is not None:
            assert m.due_at >= base.due_at


@settings(max_examples=40)
@given(conversations(), st.lists(offsets, min_size=1, max_size=4))
def test_incremental_evaluation_equals_a_fresh_one(ticket: Ticket, steps: list[timedelta]) -> None:
    previous = None
    moment = ticket.created_at
    for step in steps:
        moment = moment + step
        fresh = evaluate(ticket, FULL, OFFICE, moment)
        previous = evaluate(ticket, FULL, OFFICE, moment, previous=previous)
        assert previous == fresh


@settings(max_examples=40)
@given(conversations(), offsets)
def test_a_24_7_calendar_agrees_with_calendar_time(ticket: Ticket, offset: timedelta) -> None:
    when = ticket.created_at + offset
    always = BusinessCalendar.always_open("Europe/Helsinki")
    assert evaluate(ticket, FULL, always, when) == evaluate(ticket, FULL, CalendarTime(), when)


@pytest.mark.parametrize("model", [SlaReport, SlaMeasurement])
def test_report_models_export_a_json_schema(model: type[SlaReport] | type[SlaMeasurement]) -> None:
    schema = model.model_json_schema()
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) <= set(schema["properties"])


def test_a_report_completed_in_the_repeated_hour_is_reused() -> None:
    # Replied at 02:10 on 25 October 2026, the second pass of the hour repeated in Warsaw
    # (01:10 UTC). An ambiguous local time never equals a UTC time (PEP 495), so comparing the
    # stored completion time with the UTC one measured again missed the reusable measurement.
    created = datetime(2026, 10, 25, 1, 30, tzinfo=WARSAW)
    replied = datetime(2026, 10, 25, 2, 10, fold=1, tzinfo=WARSAW)
    ticket = Timeline(created).customer(created).agent(replied).ticket
    sla = policy(first_reply={"duration": "1h", "business_hours": False})
    earlier = evaluate(ticket, sla, OFFICE, datetime(2026, 10, 25, 2, 20, fold=1, tzinfo=WARSAW))
    later = evaluate(
        ticket, sla, OFFICE, datetime(2026, 10, 25, 4, tzinfo=WARSAW), previous=earlier
    )
    assert only(later, "first_reply") is only(earlier, "first_reply")
    assert only(later, "first_reply").completed_at.isoformat() == "2026-10-25T02:10:00+01:00"
