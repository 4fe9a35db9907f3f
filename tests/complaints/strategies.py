"""Builders and hypothesis strategies for complaint tests."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from cxcore.complaints import (
    AccountCaptured,
    Acknowledged,
    Apologised,
    Compensation,
    Complaint,
    ComplaintReceived,
    Recourse,
    RemedyAccepted,
    RemedyCarriedOut,
    RemedyOffered,
    VerificationRecorded,
    VerificationRequested,
)
from cxcore.money import Money
from cxcore.tickets import Customer

WARSAW = ZoneInfo("Europe/Warsaw")
T0 = datetime(2026, 5, 4, 9, 0, tzinfo=WARSAW)
CUSTOMER = Customer(id="C-1042", name="Anna Nowak", locale="pl-PL", timezone="Europe/Warsaw")
REPLACEMENT = Compensation(kind="replacement", order_line_ids=("1",))
REFUND = Compensation.refund(Money.of("149.00", "PLN"), order_line_ids=("1",))
DISCOUNT = Compensation(kind="discount_code", code="SORRY15")
RECOURSE = Recourse(name="Inspekcja Handlowa", url="https://www.uokik.gov.pl")


def received(**fields: Any) -> ComplaintReceived:
    """A received event for a damaged parcel, with overridable fields."""
    values: dict[str, Any] = {
        "sequence": 1,
        "at": T0,
        "actor": "web-form",
        "complaint_id": "CMP-1",
        "ticket_id": "T-1",
        "customer": CUSTOMER,
        "channel": "email",
        "reason": "damaged_in_transit",
        "order_id": "O-77",
        "order_line_ids": ("1",),
        "desired_outcome": REPLACEMENT,
    }
    values.update(fields)
    return ComplaintReceived(**values)


def step(complaint: Complaint, kind: type[Any], minutes: int = 30, **fields: Any) -> Complaint:
    """Apply a ``kind`` event ``minutes`` after the last one, with the right sequence."""
    at = complaint.events[-1].at + timedelta(minutes=minutes)
    event = kind(sequence=complaint.next_sequence, at=at, actor="agent-7", **fields)
    return complaint.apply(event)


def new_complaint(**fields: Any) -> Complaint:
    return Complaint.start(received(**fields))


def apologised() -> Complaint:
    """Acknowledged, listened to and apologised."""
    complaint = step(new_complaint(), Acknowledged, 5)
    complaint = step(complaint, AccountCaptured, account="The box was crushed, the lamp broke.")
    return step(complaint, Apologised)


def remedy_recorded() -> Complaint:
    """A replacement offered, accepted and shipped: ready for verification."""
    complaint = step(apologised(), RemedyOffered, remedies=(REPLACEMENT, REFUND))
    complaint = step(complaint, RemedyAccepted, remedies=(REPLACEMENT,))
    return step(complaint, RemedyCarriedOut, 24 * 60, remedy=REPLACEMENT, reference="TRACK-1")


def verifying() -> Complaint:
    return step(remedy_recorded(), VerificationRequested, 48 * 60)


def verified(satisfied: bool = True) -> Complaint:
    return step(verifying(), VerificationRecorded, satisfied=satisfied, score=5 if satisfied else 2)


compensations = st.one_of(
    st.just(REPLACEMENT),
    st.just(REFUND),
    st.just(DISCOUNT),
    st.just(Compensation(kind="apology_only")),
    st.builds(
        Compensation.partial_refund,
        st.integers(1, 500).map(lambda n: Money.of(n, "PLN")),
    ),
)
