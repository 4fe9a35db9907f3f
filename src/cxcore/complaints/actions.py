"""What an agent should do next on a complaint, by when, and with which canned response.

Examples:
    >>> from datetime import datetime, timedelta, timezone
    >>> from cxcore.complaints import Complaint, ComplaintReceived
    >>> from cxcore.tickets import Customer
    >>> t0 = datetime(2026, 5, 4, 9, tzinfo=timezone.utc)
    >>> complaint = Complaint.start(ComplaintReceived(sequence=1, at=t0, actor="web",
    ...     complaint_id="CMP-3", customer=Customer(id="C-1"), channel="email",
    ...     reason="late_delivery"))
    >>> first = next_actions(complaint, at=t0 + timedelta(minutes=90))[0]
    >>> first.action.value, first.response_key, first.due_at.isoformat(), first.late
    ('acknowledge', 'complaint.acknowledge', '2026-05-04T10:00:00+00:00', True)
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from cxcore._model import CxModel
from cxcore._time import AwareDatetime, ensure_aware, instant
from cxcore.complaints.complaint import Complaint
from cxcore.complaints.events import Trigger
from cxcore.complaints.timers import ComplaintTimers, timers_or_default
from cxcore.complaints.values import Stage

__all__ = ["ActionKind", "NextAction", "next_actions"]


class ActionKind(StrEnum):
    """Something an agent can do on a complaint.

    Examples:
        >>> ActionKind.SEND_UPDATE.value
        'send_update'
    """

    ACKNOWLEDGE = "acknowledge"
    CAPTURE_ACCOUNT = "capture_account"
    APOLOGISE = "apologise"
    OFFER_REMEDY = "offer_remedy"
    CARRY_OUT_REMEDY = "carry_out_remedy"
    SEND_UPDATE = "send_update"
    REQUEST_VERIFICATION = "request_verification"
    CLOSE = "close"
    CLOSE_UNRESOLVED = "close_unresolved"
    CLOSE_WITHOUT_VERIFICATION = "close_without_verification"
    DEESCALATE = "deescalate"


_SPEC: dict[ActionKind, tuple[Trigger, str | None, str]] = {
    ActionKind.ACKNOWLEDGE: (
        Trigger.ACKNOWLEDGED,
        "complaint.acknowledge",
        "Confirm to the customer that the complaint arrived and say when they will hear back.",
    ),
    ActionKind.CAPTURE_ACCOUNT: (
        Trigger.ACCOUNT_CAPTURED,
        None,
        "Let the customer explain in their own words; record the facts and the outcome they want.",
    ),
    ActionKind.APOLOGISE: (
        Trigger.APOLOGISED,
        "complaint.apology",
        "Apologise sincerely for what went wrong.",
    ),
    ActionKind.OFFER_REMEDY: (
        Trigger.REMEDY_OFFERED,
        "complaint.resolution_proposed",
        "Find the cause and propose a remedy from the action plan.",
    ),
    ActionKind.CARRY_OUT_REMEDY: (
        Trigger.REMEDY_CARRIED_OUT,
        "complaint.remedy_completed",
        "Carry out the accepted remedy and record its reference.",
    ),
    ActionKind.SEND_UPDATE: (
        Trigger.UPDATE_SENT,
        "complaint.update",
        "Tell the customer where things stand, even if nothing changed.",
    ),
    ActionKind.REQUEST_VERIFICATION: (
        Trigger.VERIFICATION_REQUESTED,
        "complaint.verify",
        "Ask the customer whether they are satisfied and everything is settled.",
    ),
    ActionKind.CLOSE: (
        Trigger.CLOSED,
        "complaint.closed",
        "Close the complaint and thank the customer.",
    ),
    ActionKind.CLOSE_UNRESOLVED: (
        Trigger.CLOSED_UNRESOLVED,
        "complaint.closed_unresolved",
        "If nothing more can be offered, close with the customer's disagreement recorded and "
        "name the dispute resolution body they can turn to.",
    ),
    ActionKind.CLOSE_WITHOUT_VERIFICATION: (
        Trigger.CLOSED_WITHOUT_VERIFICATION,
        "complaint.closed_no_reply",
        "The customer has not answered; close with the reason recorded.",
    ),
    ActionKind.DEESCALATE: (
        Trigger.DEESCALATED,
        None,
        "When the escalation is settled, hand the complaint back to its stage.",
    ),
}


class NextAction(CxModel):
    """One suggested step: what to do, the event to record when done, the canned response to
    send (if any), the deadline and whether it has passed.

    Examples:
        >>> NextAction(action="close", trigger="closed", response_key="complaint.closed",
        ...            description="Close it.").due_at is None
        True
    """

    action: ActionKind
    trigger: Trigger
    response_key: str | None
    description: str
    due_at: AwareDatetime | None = None
    late: bool = False


def _action(kind: ActionKind, due: datetime | None, now: datetime) -> NextAction:
    trigger, key, description = _SPEC[kind]
    return NextAction(
        action=kind,
        trigger=trigger,
        response_key=key,
        description=description,
        due_at=due,
        late=due is not None and now > instant(due),
    )


def _stage_actions(complaint: Complaint, timers: ComplaintTimers) -> list[ActionKind]:
    stage = complaint.stage
    if stage is Stage.LISTEN:
        if complaint.account is None or complaint.desired_outcome is None:
            return [ActionKind.CAPTURE_ACCOUNT]
        return [ActionKind.APOLOGISE]
    if stage is Stage.APOLOGISE:
        return [ActionKind.OFFER_REMEDY]
    if stage in (Stage.RESOLVE, Stage.INFORM):
        if complaint.open_offer:
            return [ActionKind.SEND_UPDATE]
        if complaint.awaiting_remedies:
            return [ActionKind.CARRY_OUT_REMEDY, ActionKind.SEND_UPDATE]
        if complaint.remedy_recorded:
            return [ActionKind.REQUEST_VERIFICATION]
        if complaint.customer_rejected:
            return [ActionKind.OFFER_REMEDY, ActionKind.CLOSE_UNRESOLVED]
        return [ActionKind.OFFER_REMEDY]
    if stage is Stage.VERIFY:
        if complaint.satisfied is True:
            return [ActionKind.CLOSE]
        if complaint.contact_attempts >= timers.max_contact_attempts:
            return [ActionKind.CLOSE_WITHOUT_VERIFICATION]
        return [ActionKind.REQUEST_VERIFICATION]
    if stage is Stage.ESCALATED:
        return [ActionKind.SEND_UPDATE, ActionKind.DEESCALATE]
    return []


def next_actions(
    complaint: Complaint, *, at: datetime, timers: ComplaintTimers | None = None
) -> tuple[NextAction, ...]:
    """The steps that move ``complaint`` forward at ``at``, soonest deadline first.

    Every message to the customer is due by
    [`Complaint.next_update_due`][cxcore.complaints.complaint.Complaint.next_update_due] (the
    periodic update rhythm of ``timers``); the acknowledgement has its own, shorter target. A closed
    complaint needs nothing.

    Examples:
        >>> from datetime import datetime, timezone
        >>> from cxcore.complaints import Complaint, ComplaintReceived, Acknowledged
        >>> from cxcore.tickets import Customer
        >>> t0 = datetime(2026, 5, 4, 9, tzinfo=timezone.utc)
        >>> c = Complaint.start(ComplaintReceived(sequence=1, at=t0, actor="web",
        ...     complaint_id="CMP-4", customer=Customer(id="C-1"), channel="email",
        ...     reason="defective")).apply(Acknowledged(sequence=2, at=t0, actor="agent-7"))
        >>> [a.action.value for a in next_actions(c, at=t0)]
        ['capture_account']
    """
    # Compare instants: datetimes sharing a tzinfo compare by wall time.
    now = instant(ensure_aware(at, "at"))
    if complaint.is_closed:
        return ()
    timers = timers_or_default(timers)
    update_due = complaint.next_update_due(timers)
    actions: list[NextAction] = []
    if complaint.acknowledged_at is None:
        actions.append(_action(ActionKind.ACKNOWLEDGE, complaint.acknowledgement_due(timers), now))
    for kind in _stage_actions(complaint, timers):
        due = None if kind is ActionKind.DEESCALATE else update_due
        actions.append(_action(kind, due, now))
    actions.sort(key=lambda a: (a.due_at is None, now if a.due_at is None else instant(a.due_at)))
    return tuple(actions)
