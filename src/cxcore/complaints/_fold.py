"""How events change a complaint: the fields a history starts with and what each event changes.

[`Complaint.start`][cxcore.complaints.complaint.Complaint.start] and
[`Complaint.apply`][cxcore.complaints.complaint.Complaint.apply] check an event against the workflow
and then take the new field values from here, so the fold over the events is one table of
effects, kept apart from the checks.

Examples:
    >>> from datetime import datetime, timezone
    >>> from cxcore.complaints.event_kinds import ComplaintReceived
    >>> from cxcore.tickets import Customer
    >>> received = ComplaintReceived(sequence=1, at=datetime(2026, 5, 4, 9, tzinfo=timezone.utc),
    ...     actor="web", complaint_id="CMP-1", customer=Customer(id="C-1"), channel="email",
    ...     reason="late_delivery")
    >>> fields = initial_fields(received)
    >>> fields["stage"], fields["events"] == (received,)
    (<Stage.LISTEN: 'listen'>, True)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cxcore._history import History
from cxcore.complaints.event_kinds import (
    AccountCaptured,
    Acknowledged,
    Apologised,
    ClosedUnresolved,
    ClosedWithoutVerification,
    ComplaintClosed,
    ComplaintReceived,
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
from cxcore.complaints.records import RecordedRemedy, StageChange, VerificationResult
from cxcore.complaints.state import ComplaintState
from cxcore.complaints.values import ClosureKind, Compensation, Stage
from cxcore.errors import InvalidTransitionError

if TYPE_CHECKING:
    from cxcore.complaints.events import ComplaintEvent

__all__ = ["effects", "initial_fields"]


def initial_fields(event: ComplaintReceived) -> dict[str, Any]:
    """Every field of a new complaint, from the event that starts its history."""
    return {
        "id": event.complaint_id,
        "ticket_id": event.ticket_id,
        "customer": event.customer,
        "channel": event.channel,
        "reason": event.reason,
        "severity": event.severity,
        "summary": event.summary,
        "order_id": event.order_id,
        "order_line_ids": event.order_line_ids,
        "received_at": event.at,
        "desired_outcome": event.desired_outcome,
        "account": None,
        "stage": Stage.LISTEN,
        "escalated_from": None,
        "escalated_to": None,
        "acknowledged_at": None,
        "apologised_at": None,
        "offered": History[Compensation](),
        "open_offer": (),
        "accepted": History[Compensation](),
        "awaiting_remedies": (),
        "carried_out": History[RecordedRemedy](),
        "remedy_recorded": False,
        "customer_rejected": False,
        "satisfied": None,
        "verifications": History[VerificationResult](),
        "contact_attempts": 0,
        "last_contact_at": None,
        "updates_sent": 0,
        "reopen_count": 0,
        "closure": None,
        "closed_at": None,
        "closure_note": "",
        "recourse": None,
        "unverified_reason": None,
        "stage_history": History((StageChange.model_construct(at=event.at, stage=Stage.LISTEN),)),
        "events": History((event,)),
    }


def effects(complaint: ComplaintState, event: ComplaintEvent) -> dict[str, Any]:
    """The fields ``event`` changes on ``complaint`` (stage, history and contact time aside).

    Examples:
        >>> from datetime import datetime, timezone
        >>> from cxcore.complaints.event_kinds import ComplaintReceived, Reassessed
        >>> from cxcore.complaints.complaint import Complaint
        >>> from cxcore.tickets import Customer
        >>> at = datetime(2026, 5, 4, 9, tzinfo=timezone.utc)
        >>> complaint = Complaint.start(ComplaintReceived(sequence=1, at=at, actor="web",
        ...     complaint_id="CMP-1", customer=Customer(id="C-1"), channel="email",
        ...     reason="defective"))
        >>> effects(complaint, Reassessed(sequence=2, at=at, actor="lead", severity="high"))
        {'severity': <Severity.HIGH: 'high'>}
    """
    if isinstance(event, Acknowledged):
        return {"acknowledged_at": event.at}
    if isinstance(event, AccountCaptured):
        return {
            "account": event.account,
            "desired_outcome": event.desired_outcome or complaint.desired_outcome,
        }
    if isinstance(event, Reassessed):
        return {"severity": event.severity}
    if isinstance(event, Apologised):
        return {"apologised_at": event.at}
    if isinstance(event, RemedyOffered):
        return {
            "offered": complaint.offered.extended(event.remedies),
            "open_offer": event.remedies,
            "customer_rejected": False,
        }
    if isinstance(event, RemedyAccepted):
        return {
            "accepted": complaint.accepted.extended(event.remedies),
            "awaiting_remedies": (*complaint.awaiting_remedies, *event.remedies),
            "open_offer": (),
            "customer_rejected": False,
        }
    if isinstance(event, RemedyDeclined):
        return {"open_offer": (), "customer_rejected": True}
    if isinstance(event, RemedyCarriedOut):
        awaiting = list(complaint.awaiting_remedies)
        awaiting.remove(event.remedy)
        recorded = RecordedRemedy.model_construct(
            remedy=event.remedy, at=event.at, reference=event.reference
        )
        return {
            "awaiting_remedies": tuple(awaiting),
            "carried_out": complaint.carried_out.appended(recorded),
            "remedy_recorded": True,
        }
    if isinstance(event, UpdateSent):
        return {"updates_sent": complaint.updates_sent + 1}
    if isinstance(event, VerificationRequested):
        if complaint.stage is Stage.VERIFY:
            return {"contact_attempts": complaint.contact_attempts + 1}
        return {"contact_attempts": 1, "satisfied": None}
    if isinstance(event, VerificationRecorded):
        result = VerificationResult.model_construct(
            at=event.at, satisfied=event.satisfied, score=event.score, note=event.note
        )
        updates: dict[str, Any] = {
            "verifications": complaint.verifications.appended(result),
            "satisfied": event.satisfied,
            "customer_rejected": not event.satisfied,
        }
        if not event.satisfied:
            updates["reopen_count"] = complaint.reopen_count + 1
            updates["remedy_recorded"] = False
        return updates
    if isinstance(event, Escalated):
        return {"escalated_from": complaint.stage, "escalated_to": event.to}
    if isinstance(event, Deescalated):
        return {"escalated_from": None, "escalated_to": None}
    if isinstance(event, ComplaintClosed):
        return {
            "closure": ClosureKind.RESOLVED,
            "closed_at": event.at,
            "closure_note": event.note,
        }
    if isinstance(event, ClosedUnresolved):
        return {
            "closure": ClosureKind.UNRESOLVED,
            "closed_at": event.at,
            "closure_note": event.note,
            "recourse": event.recourse,
        }
    if isinstance(event, ClosedWithoutVerification):
        return {
            "closure": ClosureKind.UNVERIFIED,
            "closed_at": event.at,
            "closure_note": event.note,
            "unverified_reason": event.reason,
        }
    raise InvalidTransitionError(  # pragma: no cover - every event kind is handled above
        f"complaint {complaint.id!r}: unknown event kind {event.kind!r}"
    )
