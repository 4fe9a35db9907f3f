"""Event builders that fill sequence and time, and the reply that belongs to an event."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from cxcore._time import ManualClock
from cxcore.complaints import Compensation
from cxcore.complaints.complaint import Complaint
from cxcore.complaints.events import (
    AccountCaptured,
    Acknowledged,
    Apologised,
    ComplaintReceived,
    RemedyCarriedOut,
    UpdateSent,
    VerificationRequested,
)
from cxcore.errors import InvalidInputError, MissingTimezoneError, SequenceConflictError
from cxcore.money import Money
from cxcore.playbook import builtin_playbook
from cxcore.responses import builtin_catalog
from cxcore.tickets import Customer

T0 = datetime(2026, 5, 4, 7, tzinfo=UTC)  # 09:00 in Warsaw


def start(customer: Customer) -> Complaint:
    return Complaint.start(
        ComplaintReceived(
            sequence=1,
            at=T0,
            actor="web",
            complaint_id="CMP-9",
            customer=customer,
            channel="email",
            reason="damaged_in_transit",
        )
    )


def test_record_fills_sequence_and_time_from_an_injected_clock() -> None:
    clock = ManualClock(T0)
    complaint = start(Customer(id="C-1", timezone="Europe/Warsaw"))
    clock.advance(timedelta(minutes=10))
    complaint, event = complaint.record(Acknowledged, actor="agent-1", clock=clock)
    assert (event.sequence, event.at) == (2, T0 + timedelta(minutes=10))
    later = T0 + timedelta(hours=1)
    stale = complaint.next_event(Apologised, actor="agent-1", at=later)
    complaint, _ = complaint.record(AccountCaptured, actor="agent-2", at=later, account="x")
    with pytest.raises(SequenceConflictError):
        complaint.apply(stale)


def test_the_time_comes_from_exactly_one_source() -> None:
    complaint = start(Customer(id="C-1", timezone="UTC"))
    with pytest.raises(InvalidInputError, match="exactly one of at= or clock="):
        complaint.next_event(Acknowledged, actor="a")
    with pytest.raises(InvalidInputError, match="exactly one of at= or clock="):
        complaint.next_event(Acknowledged, actor="a", at=T0, clock=ManualClock(T0))


def test_reply_for_renders_with_what_the_complaint_knows() -> None:
    catalog = builtin_catalog()
    complaint = start(Customer(id="C-1", locale="pl", timezone="Europe/Warsaw"))
    complaint, ack = complaint.record(Acknowledged, actor="agent-1", at=T0)
    reply = complaint.reply_for(ack, catalog)
    assert reply is not None and "CMP-9" in reply.text
    # the acknowledgement promises the next update at 10:00 Warsaw time (1h, round the clock)
    assert "10:00" in reply.text or "9:00" in reply.text


def test_the_remedy_amount_and_reference_come_from_the_event() -> None:
    from cxcore.complaints.events import RemedyAccepted, RemedyOffered

    refund = Compensation(kind="refund", amount=Money.of("39", "PLN"))
    complaint = start(Customer(id="C-1", locale="en", timezone="Europe/Warsaw"))
    steps: list[tuple[type, dict[str, object]]] = [
        (Acknowledged, {}),
        (AccountCaptured, {"account": "broken", "desired_outcome": refund}),
        (Apologised, {}),
        (RemedyOffered, {"remedies": (refund,)}),
        (RemedyAccepted, {"remedies": (refund,)}),
    ]
    for kind, fields in steps:
        complaint, _ = complaint.record(kind, actor="agent", at=T0, **fields)
    complaint, done = complaint.record(
        RemedyCarriedOut, actor="agent", at=T0, remedy=refund, reference="RF-1"
    )
    reply = complaint.reply_for(done, builtin_catalog())
    assert reply is not None
    assert "RF-1" in reply.text and "39" in reply.text
    complaint, update = complaint.record(UpdateSent, actor="agent", at=T0, note="on its way")
    assert complaint.reply_for(update, builtin_catalog()) is not None
    complaint, verify = complaint.record(VerificationRequested, actor="agent", at=T0)
    assert complaint.reply_for(verify, builtin_catalog()) is not None


def test_a_customer_without_a_zone_needs_one_given() -> None:
    complaint = start(Customer(id="C-1", locale="pl"))
    complaint, ack = complaint.record(Acknowledged, actor="agent-1", at=T0)
    with pytest.raises(MissingTimezoneError, match="customer 'C-1' has no time zone"):
        complaint.reply_for(ack, builtin_catalog())
    zone = builtin_playbook().customer_timezone(complaint.customer)
    warsaw = complaint.reply_for(ack, builtin_catalog(), timezone=zone)
    assert warsaw is not None


def test_events_without_a_response_render_nothing() -> None:
    complaint = start(Customer(id="C-1", timezone="UTC"))
    complaint, _ = complaint.record(Acknowledged, actor="a", at=T0)
    complaint, event = complaint.record(AccountCaptured, actor="a", at=T0, account="x")
    assert complaint.reply_for(event, builtin_catalog()) is None
