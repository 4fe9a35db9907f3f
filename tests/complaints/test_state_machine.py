"""A hypothesis state machine drives random event sequences through the workflow.

Invariants checked after every step: a closed complaint was verified as satisfied or carries a
recorded reason (an unverified closure with its note, or an unresolved one with the customer's
non-acceptance and the recourse offered); replaying the log gives the live object; sequence
numbers are dense; the JSON lines and JSON model round trips are lossless.
"""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from cxcore.complaints import (
    AccountCaptured,
    Acknowledged,
    Apologised,
    ClosedUnresolved,
    ClosedWithoutVerification,
    ClosureKind,
    Complaint,
    ComplaintClosed,
    Deescalated,
    Escalated,
    Reassessed,
    RemedyAccepted,
    RemedyCarriedOut,
    RemedyDeclined,
    RemedyOffered,
    Stage,
    Trigger,
    UpdateSent,
    VerificationRecorded,
    VerificationRequested,
    dump_jsonl,
    load_jsonl,
    next_actions,
)
from cxcore.complaints.workflow import TRANSITIONS
from cxcore.errors import InvalidTransitionError, SequenceConflictError, TimelineError
from tests.complaints.strategies import RECOURSE, compensations, new_complaint

ROWS = {(row.source, row.trigger): row for row in TRANSITIONS}
KINDS = [  # roughly in workflow order: hypothesis favours early entries
    AccountCaptured,
    Apologised,
    RemedyOffered,
    RemedyAccepted,
    RemedyCarriedOut,
    VerificationRequested,
    VerificationRecorded,
    ComplaintClosed,
    UpdateSent,
    Escalated,
    Deescalated,
    RemedyDeclined,
    ClosedUnresolved,
    Acknowledged,
    Reassessed,
    ClosedWithoutVerification,
]


def _triggers(kind: type[Any]) -> tuple[Trigger, ...]:
    if kind is VerificationRecorded:
        return (Trigger.VERIFIED_SATISFIED, Trigger.VERIFIED_UNSATISFIED)
    return (Trigger(kind.model_fields["kind"].default),)


BY_TRIGGER = {
    trigger: kind
    for kind in KINDS
    for trigger in _triggers(kind)
    if kind is not VerificationRecorded
}


class ComplaintMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.complaint: Complaint = new_complaint(desired_outcome=None)
        self.applied = 1
        self.refused = 0

    def _fields(self, data: st.DataObject, kind: type[Any]) -> dict[str, Any]:
        c = self.complaint
        if kind is AccountCaptured:
            return {
                "account": data.draw(st.sampled_from(["crushed box", "lamp broken"])),
                "desired_outcome": data.draw(st.one_of(compensations, st.none())),
            }
        if kind is Reassessed:
            return {"severity": data.draw(st.sampled_from(["low", "high", "critical"]))}
        if kind is RemedyOffered:
            offer = data.draw(st.lists(compensations, min_size=1, max_size=3, unique=True))
            return {"remedies": tuple(offer)}
        if kind is RemedyAccepted:
            pool = list(c.open_offer) or [data.draw(compensations)]
            chosen = data.draw(
                st.lists(st.sampled_from(pool), min_size=1, max_size=len(pool), unique=True)
            )
            return {"remedies": tuple(chosen)}
        if kind is RemedyCarriedOut:
            pool = list(c.awaiting_remedies) or [data.draw(compensations)]
            return {"remedy": data.draw(st.sampled_from(pool)), "reference": "REF"}
        if kind is VerificationRecorded:
            return {
                "satisfied": data.draw(st.booleans()),
                "score": data.draw(st.one_of(st.none(), st.integers(1, 5))),
            }
        if kind is Escalated:
            return {"to": "team-lead", "reason": "customer asked"}
        if kind is ClosedUnresolved:
            return {"recourse": RECOURSE, "note": "final offer declined"}
        if kind is ClosedWithoutVerification:
            return {
                "reason": data.draw(st.sampled_from(["customer_unreachable", "duplicate"])),
                "note": "recorded reason",
                "contact_attempts": data.draw(st.integers(1, max(1, c.contact_attempts))),
            }
        return {}

    def _kind(self, data: st.DataObject) -> type[Any]:
        """Mostly a kind the table allows in the current stage (so runs get far), sometimes
        any kind (so refusals are exercised); closing without verification stays rare."""
        stage = self.complaint.stage
        allowed = [k for k in KINDS if any(key == (stage, t) for key in ROWS for t in _triggers(k))]
        common = [k for k in allowed if k is not ClosedWithoutVerification]
        if common and data.draw(st.integers(0, 9)) < 8:
            return data.draw(st.sampled_from(common))
        return data.draw(st.sampled_from(KINDS))

    @rule(data=st.data(), minutes=st.integers(0, 72 * 60))
    def append(self, data: st.DataObject, minutes: int) -> None:
        kind = self._kind(data)
        before = self.complaint
        at = before.events[-1].at + timedelta(minutes=minutes)
        event = kind(
            sequence=before.next_sequence, at=at, actor="agent", **self._fields(data, kind)
        )
        row = ROWS.get((before.stage, event.trigger))
        try:
            after = before.apply(event)
        except InvalidTransitionError:
            # refused: either the table has no such row or one of its guards failed
            assert row is None or row.guards
            self.refused += 1
            return
        assert row is not None
        expected = row.target if row.target is not None else before.escalated_from
        assert after.stage is expected
        assert after.events[:-1] == before.events
        self.complaint = after
        self.applied += 1

    @rule(data=st.data(), minutes=st.integers(0, 48 * 60))
    def follow_advice(self, data: st.DataObject, minutes: int) -> None:
        """Do what next_actions suggests (or let the customer answer), so runs get deep."""
        c = self.complaint
        at = c.events[-1].at + timedelta(minutes=minutes)
        kinds = [BY_TRIGGER[a.trigger] for a in next_actions(c, at=at)]
        if c.stage is Stage.VERIFY and c.satisfied is None:
            kinds.append(VerificationRecorded)
        if c.open_offer and c.stage in (Stage.RESOLVE, Stage.INFORM):
            kinds.extend([RemedyAccepted, RemedyDeclined])
        if not kinds:
            return
        kind = data.draw(st.sampled_from(kinds))
        event = kind(sequence=c.next_sequence, at=at, actor="agent", **self._fields(data, kind))
        try:
            self.complaint = c.apply(event)
        except InvalidTransitionError as exc:
            raise AssertionError(f"next_actions suggested a refused step: {exc}") from exc
        self.applied += 1

    @rule(offset=st.sampled_from([-1, 0, 2, 5]))
    def stale_sequence_is_a_conflict(self, offset: int) -> None:
        c = self.complaint
        sequence = max(1, c.next_sequence + offset) if offset else c.version
        if sequence == c.next_sequence:
            return
        event = Reassessed(sequence=sequence, at=c.events[-1].at, actor="other", severity="low")
        try:
            c.apply(event)
        except SequenceConflictError:
            return
        raise AssertionError(f"sequence {sequence} accepted, expected {c.next_sequence}")

    @rule()
    def going_back_in_time_is_refused(self) -> None:
        c = self.complaint
        if len(c.events) < 2 or c.events[-1].at == c.events[0].at:
            return
        event = Reassessed(
            sequence=c.next_sequence,
            at=c.events[0].at - timedelta(seconds=1),
            actor="x",
            severity="low",
        )
        try:
            c.apply(event)
        except TimelineError:
            return
        raise AssertionError("an event earlier than the last one was accepted")

    @invariant()
    def closed_only_with_verification_or_a_recorded_reason(self) -> None:
        c = self.complaint
        if c.stage is not Stage.CLOSED:
            assert c.closure is None and c.closed_at is None
            return
        if c.closure is ClosureKind.RESOLVED:
            assert c.satisfied is True and c.verifications[-1].satisfied
        elif c.closure is ClosureKind.UNRESOLVED:
            assert c.recourse is not None and c.customer_rejected
        else:
            assert c.closure is ClosureKind.UNVERIFIED
            assert c.unverified_reason is not None and c.closure_note

    @invariant()
    def replay_equals_live_object(self) -> None:
        assert Complaint.replay(self.complaint.events) == self.complaint

    @invariant()
    def sequences_are_dense(self) -> None:
        sequences = [e.sequence for e in self.complaint.events]
        assert sequences == list(range(1, len(sequences) + 1))
        assert self.complaint.version == len(sequences) == self.applied

    @invariant()
    def jsonl_round_trip_is_lossless(self) -> None:
        stream = io.StringIO()
        dump_jsonl(self.complaint.events, stream)
        text = stream.getvalue()
        stream.seek(0)
        loaded = load_jsonl(stream)
        assert loaded == self.complaint.events
        again = io.StringIO()
        dump_jsonl(loaded, again)
        assert again.getvalue() == text
        assert Complaint.replay(loaded) == self.complaint

    @invariant()
    def model_json_round_trip_is_lossless(self) -> None:
        text = self.complaint.model_dump_json()
        assert Complaint.model_validate_json(text) == self.complaint

    @invariant()
    def stage_history_ends_in_current_stage(self) -> None:
        assert self.complaint.stage_history[-1].stage is self.complaint.stage


ComplaintMachine.TestCase.settings = settings(
    max_examples=60, stateful_step_count=40, deadline=None
)
TestComplaintMachine = ComplaintMachine.TestCase
