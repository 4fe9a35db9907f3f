"""Complaint handling: listen, apologise, resolve, inform, verify, close.

A [`Complaint`][cxcore.Complaint] is a fold over
[`ComplaintEvent`][cxcore.complaints.ComplaintEvent] values; the workflow table in
[`cxcore.complaints.workflow`][cxcore.complaints.workflow] decides which event may come next,
[`next_actions`][cxcore.next_actions] tells an agent what to do and by when, and
[`complaint_outcome`][cxcore.complaint_outcome] summarises a complaint for metrics.

Examples:
    >>> from cxcore.complaints import Stage, mermaid_diagram
    >>> mermaid_diagram().startswith("stateDiagram-v2")
    True
"""

from cxcore.complaints.actions import ActionKind, NextAction, next_actions
from cxcore.complaints.complaint import (
    Complaint,
    RecordedRemedy,
    StageChange,
    VerificationResult,
)
from cxcore.complaints.events import (
    AccountCaptured,
    Acknowledged,
    Apologised,
    ClosedUnresolved,
    ClosedWithoutVerification,
    ComplaintClosed,
    ComplaintEvent,
    ComplaintReceived,
    Deescalated,
    Escalated,
    Reassessed,
    RemedyAccepted,
    RemedyCarriedOut,
    RemedyDeclined,
    RemedyOffered,
    Trigger,
    UpdateSent,
    VerificationRecorded,
    VerificationRequested,
    dump_jsonl,
    load_jsonl,
)
from cxcore.complaints.outcome import ComplaintOutcome, complaint_outcome
from cxcore.complaints.timers import ComplaintTimers, DeadlineCalendar
from cxcore.complaints.values import (
    ClosureKind,
    Compensation,
    CompensationKind,
    ComplaintReason,
    Recourse,
    Severity,
    Stage,
    UnverifiedReason,
)
from cxcore.complaints.workflow import (
    STAGE_RESPONSE_KEYS,
    TRANSITIONS,
    Guard,
    Transition,
    allowed_triggers,
    mermaid_diagram,
)

__all__ = [
    "STAGE_RESPONSE_KEYS",
    "TRANSITIONS",
    "AccountCaptured",
    "Acknowledged",
    "ActionKind",
    "Apologised",
    "ClosedUnresolved",
    "ClosedWithoutVerification",
    "ClosureKind",
    "Compensation",
    "CompensationKind",
    "Complaint",
    "ComplaintClosed",
    "ComplaintEvent",
    "ComplaintOutcome",
    "ComplaintReason",
    "ComplaintReceived",
    "ComplaintTimers",
    "DeadlineCalendar",
    "Deescalated",
    "Escalated",
    "Guard",
    "NextAction",
    "Reassessed",
    "RecordedRemedy",
    "Recourse",
    "RemedyAccepted",
    "RemedyCarriedOut",
    "RemedyDeclined",
    "RemedyOffered",
    "Severity",
    "Stage",
    "StageChange",
    "Transition",
    "Trigger",
    "UnverifiedReason",
    "UpdateSent",
    "VerificationRecorded",
    "VerificationRequested",
    "VerificationResult",
    "allowed_triggers",
    "complaint_outcome",
    "dump_jsonl",
    "load_jsonl",
    "mermaid_diagram",
    "next_actions",
]
