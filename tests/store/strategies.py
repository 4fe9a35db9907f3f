"""Hypothesis strategies for store tests: valid complaint histories of random length."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from hypothesis import strategies as st

from cxcore.complaints import (
    AccountCaptured,
    Acknowledged,
    Apologised,
    Complaint,
    ComplaintEvent,
    Deescalated,
    Escalated,
    Reassessed,
    RemedyAccepted,
    RemedyCarriedOut,
    RemedyDeclined,
    RemedyOffered,
    UpdateSent,
    VerificationRecorded,
    VerificationRequested,
)
from cxcore.errors import InvalidTransitionError
from tests.complaints.strategies import compensations, received

KINDS: tuple[type[Any], ...] = (
    Acknowledged,
    AccountCaptured,
    Reassessed,
    Apologised,
    RemedyOffered,
    RemedyAccepted,
    RemedyDeclined,
    RemedyCarriedOut,
    UpdateSent,
    VerificationRequested,
    VerificationRecorded,
    Escalated,
    Deescalated,
)


def _fields(draw: st.DrawFn, complaint: Complaint, kind: type[Any]) -> dict[str, Any]:
    if kind is AccountCaptured:
        account = draw(st.text(min_size=1, max_size=40).filter(str.strip))
        return {"account": account, "desired_outcome": draw(compensations)}
    if kind is Reassessed:
        return {"severity": draw(st.sampled_from(["low", "high", "critical"]))}
    if kind is RemedyOffered:
        return {
            "remedies": tuple(draw(st.lists(compensations, min_size=1, max_size=3, unique=True)))
        }
    if kind is RemedyAccepted:
        pool = list(complaint.open_offer) or [draw(compensations)]
        return {"remedies": (draw(st.sampled_from(pool)),)}
    if kind is RemedyCarriedOut:
        pool = list(complaint.awaiting_remedies) or [draw(compensations)]
        return {"remedy": draw(st.sampled_from(pool)), "reference": draw(st.text(max_size=12))}
    if kind is UpdateSent:
        return {"note": draw(st.text(max_size=60))}
    if kind is VerificationRecorded:
        return {"satisfied": draw(st.booleans()), "score": draw(st.none() | st.integers(1, 5))}
    if kind is Escalated:
        return {"to": "team-lead", "reason": "customer asked"}
    return {}


@st.composite
def complaint_histories(draw: st.DrawFn, max_events: int = 20) -> list[ComplaintEvent]:
    """A history the workflow accepts: a received event, then up to ``max_events - 1`` more
    (kinds drawn at random; those the workflow refuses at that point are left out)."""
    complaint = Complaint.start(
        received(complaint_id=draw(st.from_regex(r"CMP-[0-9]{1,6}", fullmatch=True)))
    )
    attempts = draw(st.integers(0, 3 * (max_events - 1)))
    for _ in range(attempts):
        if complaint.version >= max_events:
            break
        kind = draw(st.sampled_from(KINDS))
        at = complaint.events[-1].at + timedelta(minutes=draw(st.integers(0, 3 * 24 * 60)))
        fields = _fields(draw, complaint, kind)
        try:
            event = kind(sequence=complaint.next_sequence, at=at, actor="agent-7", **fields)
            complaint = complaint.apply(event)
        except InvalidTransitionError:
            continue
    return list(complaint.events)
