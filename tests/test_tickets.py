"""Tickets: derived status, timeline checks, JSON round trips."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given

from cxcore.errors import (
    InvalidInputError,
    NaiveDatetimeError,
    TimelineError,
    UnknownLocaleError,
    UnknownTimezoneError,
)
from cxcore.tickets import (
    Assignment,
    AuthorRole,
    Channel,
    Customer,
    Message,
    MessageAdded,
    Priority,
    PriorityChange,
    StatusChange,
    Ticket,
    TicketStatus,
)
from tests.roundtrip import assert_json_round_trip
from tests.strategies import customers, tickets

WARSAW = ZoneInfo("Europe/Warsaw")
T0 = datetime(2026, 11, 23, 9, 0, tzinfo=WARSAW)


def message(mid: str, role: AuthorRole, minutes: int, reply_to: str | None = None) -> Message:
    return Message(
        id=mid,
        author_role=role,
        channel=Channel.EMAIL,
        body="…",
        at=T0 + timedelta(minutes=minutes),
        in_reply_to=reply_to,
    )


def ticket(*events: StatusChange | PriorityChange | MessageAdded | Assignment) -> Ticket:
    return Ticket(
        id="T-1",
        customer=Customer(id="C-1", locale="pl"),
        channel=Channel.EMAIL,
        subject="Paczka",
        created_at=T0,
        events=events,
    )


def test_status_and_priority_are_derived_from_events() -> None:
    t = ticket(
        MessageAdded.of(message("M-1", AuthorRole.CUSTOMER, 0)),
        StatusChange(at=T0 + timedelta(minutes=5), status=TicketStatus.OPEN),
        PriorityChange(at=T0 + timedelta(minutes=6), priority=Priority.URGENT),
        Assignment(at=T0 + timedelta(minutes=7), assignee="agent-1", group="tier-2"),
        MessageAdded.of(message("M-2", AuthorRole.AGENT, 9, reply_to="M-1")),
        StatusChange(at=T0 + timedelta(minutes=9), status=TicketStatus.SOLVED),
    )
    assert t.status is TicketStatus.SOLVED
    assert t.priority is Priority.NORMAL
    assert t.current_priority is Priority.URGENT
    assert t.assignee == "agent-1"
    assert [s for _, s in t.status_history] == ["new", "open", "solved"]
    assert [m.id for m in t.messages] == ["M-1", "M-2"]
    assert t.messages[1].is_public_agent_reply
    assert t.effective_locale == "pl"


def test_new_ticket_is_new() -> None:
    assert ticket().status is TicketStatus.NEW


def test_event_before_creation() -> None:
    with pytest.raises(TimelineError, match="before the ticket was created"):
        ticket(StatusChange(at=T0 - timedelta(seconds=1), status=TicketStatus.OPEN))


def test_events_out_of_order() -> None:
    with pytest.raises(TimelineError, match="time order"):
        ticket(
            StatusChange(at=T0 + timedelta(minutes=5), status=TicketStatus.OPEN),
            StatusChange(at=T0 + timedelta(minutes=4), status=TicketStatus.PENDING),
        )


def test_reply_before_the_message_it_answers() -> None:
    # The answered message is recorded first but carries a later time than the reply: the
    # reply's own event is then out of time order, so either check may fire; both are timeline
    # errors and name the problem.
    with pytest.raises(TimelineError):
        ticket(
            MessageAdded.of(message("M-1", AuthorRole.CUSTOMER, 10)),
            MessageAdded.of(message("M-2", AuthorRole.AGENT, 5, reply_to="M-1")),
        )


def test_reply_to_unknown_or_later_message() -> None:
    with pytest.raises(TimelineError, match="not an earlier message"):
        ticket(MessageAdded.of(message("M-2", AuthorRole.AGENT, 5, reply_to="M-9")))


def test_duplicate_message_ids() -> None:
    with pytest.raises(TimelineError, match="used twice"):
        ticket(
            MessageAdded.of(message("M-1", AuthorRole.CUSTOMER, 1)),
            MessageAdded.of(message("M-1", AuthorRole.AGENT, 2)),
        )


def test_nothing_after_closed() -> None:
    with pytest.raises(TimelineError, match="after the ticket was closed"):
        ticket(
            StatusChange(at=T0 + timedelta(minutes=1), status=TicketStatus.CLOSED),
            StatusChange(at=T0 + timedelta(minutes=2), status=TicketStatus.OPEN),
        )


def test_message_event_time_must_match_message() -> None:
    with pytest.raises(TimelineError, match="differs"):
        MessageAdded(at=T0, message=message("M-1", AuthorRole.CUSTOMER, 3))


def test_message_event_time_is_compared_as_an_instant() -> None:
    # 02:30 on 25 October 2026 happens twice in Warsaw: first at +02:00, then at +01:00.
    first = datetime(2026, 10, 25, 2, 30, tzinfo=WARSAW)
    second = datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=WARSAW)
    said = Message(id="M-1", author_role=AuthorRole.CUSTOMER, channel="email", body="Hi", at=second)
    # The same instant written in UTC matches (an ambiguous time never equals another zone's).
    assert MessageAdded(at=second.astimezone(UTC), message=said).message is said
    # An hour apart, though the wall clock reads the same.
    with pytest.raises(TimelineError, match="differs"):
        MessageAdded(at=first, message=said)


def test_with_event_validates_and_returns_new_ticket() -> None:
    t = ticket()
    t2 = t.with_event(StatusChange(at=T0, status=TicketStatus.OPEN))
    assert t.status is TicketStatus.NEW and t2.status is TicketStatus.OPEN
    with pytest.raises(TimelineError):
        t2.with_event(StatusChange(at=T0 - timedelta(hours=1), status=TicketStatus.PENDING))


def test_naive_datetimes_refused_everywhere() -> None:
    with pytest.raises(NaiveDatetimeError):
        Ticket(id="T", customer=Customer(id="C"), channel="email", created_at=datetime(2026, 1, 1))
    with pytest.raises(NaiveDatetimeError):
        Ticket.model_validate_json(
            '{"id":"T","customer":{"id":"C"},"channel":"email","created_at":"2026-01-01T10:00:00"}'
        )


def test_customer_validation() -> None:
    with pytest.raises(UnknownLocaleError):
        Customer(id="C", locale="klingon")
    with pytest.raises(UnknownTimezoneError):
        Customer(id="C", timezone="Mars/Olympus")
    with pytest.raises(InvalidInputError, match="e-mail"):
        Customer(id="C", email="not-an-address")
    with pytest.raises(InvalidInputError, match="id"):
        Customer(id="")


def test_unknown_fields_and_values_are_refused() -> None:
    with pytest.raises(InvalidInputError, match="Extra inputs"):
        Customer(id="C", nickname="x")  # type: ignore[call-arg]
    with pytest.raises(InvalidInputError, match="channel"):
        Ticket(id="T", customer=Customer(id="C"), channel="pigeon", created_at=T0)  # type: ignore[arg-type]


def test_models_are_frozen() -> None:
    t = ticket()
    with pytest.raises(Exception, match="frozen"):
        t.subject = "changed"  # type: ignore[misc]


@given(tickets())
def test_ticket_json_round_trip(value: Ticket) -> None:
    assert_json_round_trip(value)


@given(customers)
def test_customer_json_round_trip(value: Customer) -> None:
    assert Customer.model_validate_json(value.model_dump_json()) == value


@given(tickets())
def test_status_history_starts_new_and_ends_at_status(value: Ticket) -> None:
    history = value.status_history
    assert history[0] == (value.created_at, TicketStatus.NEW)
    assert history[-1][1] is value.status


def test_timeline_order_is_real_time_across_the_autumn_dst_change() -> None:
    # 2026-10-25 in Warsaw: 03:00 CEST goes back to 02:00 CET, so 02:30 happens twice.
    # Events 02:50 (first pass, CEST) then 02:10 (second pass, CET) are 20 minutes apart in
    # real time and in order, although the wall clock goes backwards.
    first = datetime(2026, 10, 25, 2, 50, tzinfo=WARSAW)
    second = datetime(2026, 10, 25, 2, 10, fold=1, tzinfo=WARSAW)
    valid = Ticket(
        id="T-DST",
        customer=Customer(id="C-1"),
        channel=Channel.EMAIL,
        created_at=first,
        events=(StatusChange(at=second, status=TicketStatus.OPEN),),
    )
    assert valid.status is TicketStatus.OPEN
    # The reverse, 02:10 CET then 02:50 CEST, goes back 40 minutes in real time.
    with pytest.raises(TimelineError, match="before the ticket was created"):
        Ticket(
            id="T-DST",
            customer=Customer(id="C-1"),
            channel=Channel.EMAIL,
            created_at=second,
            events=(StatusChange(at=first, status=TicketStatus.OPEN),),
        )


def test_ticket_in_a_dst_fold_keeps_its_instant_and_offset_through_json() -> None:
    # 2021-11-07 01:00 happens twice in New York; fold=1 is the second time (UTC-5).
    second = datetime(2021, 11, 7, 1, 0, fold=1, tzinfo=ZoneInfo("America/New_York"))
    value = Ticket(id="T", customer=Customer(id="C"), channel=Channel.EMAIL, created_at=second)
    restored = Ticket.model_validate_json(value.model_dump_json())
    assert restored.created_at.utcoffset() == timedelta(hours=-5)
    assert restored.created_at.timestamp() == second.timestamp()
    assert_json_round_trip(value)


def test_set_fields_write_the_same_json_in_every_process() -> None:
    # A set's order follows string hashing, which changes with PYTHONHASHSEED; JSON must not.
    code = (
        "from datetime import datetime, timezone; from cxcore import Customer, Ticket; "
        "print(Ticket(id='T', customer=Customer(id='C', tags={'vip', 'b2b', 'pl', 'eu'}), "
        "channel='email', tags={'damaged', 'refund', 'vip', 'late', 'a', 'z'}, "
        "created_at=datetime(2026, 5, 4, tzinfo=timezone.utc)).model_dump_json())"
    )
    texts = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(texts) == 1
    assert '"tags":["a","damaged","late","refund","vip","z"]' in texts.pop()
