"""Example tests: the happy path, every guard and every error of Complaint.apply/replay."""

from __future__ import annotations

from datetime import timedelta

import pytest

from cxcore.complaints import (
    AccountCaptured,
    Acknowledged,
    Apologised,
    ClosedUnresolved,
    ClosedWithoutVerification,
    ClosureKind,
    Compensation,
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
    UpdateSent,
    VerificationRecorded,
    VerificationRequested,
)
from cxcore.errors import (
    InvalidInputError,
    InvalidTransitionError,
    NaiveDatetimeError,
    ScoreOutOfRangeError,
    SequenceConflictError,
    TimelineError,
)
from tests.complaints.strategies import (
    DISCOUNT,
    RECOURSE,
    REFUND,
    REPLACEMENT,
    T0,
    apologised,
    new_complaint,
    received,
    remedy_recorded,
    step,
    verified,
    verifying,
)


def test_happy_path_walks_the_five_steps() -> None:
    complaint = step(verified(True), ComplaintClosed, note="customer happy")
    stages = [change.stage for change in complaint.stage_history]
    assert stages == [
        Stage.LISTEN,
        Stage.APOLOGISE,
        Stage.RESOLVE,
        Stage.VERIFY,
        Stage.CLOSED,
    ]
    assert complaint.closure is ClosureKind.RESOLVED
    assert complaint.accepted == (REPLACEMENT,)
    assert complaint.offered == (REPLACEMENT, REFUND)
    assert complaint.carried_out[0].reference == "TRACK-1"
    assert complaint.is_closed and complaint.closed_at == complaint.events[-1].at


def test_received_must_be_first_and_only_first() -> None:
    with pytest.raises(InvalidTransitionError, match="starts with a 'received' event"):
        Complaint.replay([Acknowledged(sequence=1, at=T0, actor="a")])
    with pytest.raises(InvalidTransitionError, match="already exists"):
        new_complaint().apply(received())
    with pytest.raises(InvalidInputError, match="sequence 1"):
        received(sequence=2)


def test_empty_history_is_refused() -> None:
    with pytest.raises(InvalidTransitionError, match="cannot be empty"):
        Complaint.replay([])


def test_wrong_sequence_is_a_conflict() -> None:
    complaint = new_complaint()
    for sequence in (1, 3, 7):
        with pytest.raises(SequenceConflictError, match="expected sequence 2"):
            complaint.apply(Acknowledged(sequence=sequence, at=T0, actor="agent-9"))


def test_events_must_not_go_back_in_time() -> None:
    complaint = step(new_complaint(), Acknowledged, 60)
    with pytest.raises(TimelineError, match="earlier than event 2"):
        complaint.apply(Reassessed(sequence=3, at=T0, actor="a", severity="high"))


def test_naive_time_and_empty_actor_are_refused() -> None:
    with pytest.raises(NaiveDatetimeError):
        Acknowledged(sequence=2, at=T0.replace(tzinfo=None), actor="a")
    with pytest.raises(InvalidInputError, match="actor"):
        Acknowledged(sequence=2, at=T0, actor="")


def test_guard_no_apology_before_account() -> None:
    with pytest.raises(InvalidTransitionError, match="customer's account is captured"):
        step(new_complaint(), Apologised)


def test_guard_no_apology_before_desired_outcome() -> None:
    complaint = step(new_complaint(desired_outcome=None), AccountCaptured, account="late")
    with pytest.raises(InvalidTransitionError, match="outcome the customer wants"):
        step(complaint, Apologised)
    complaint = step(complaint, AccountCaptured, account="late", desired_outcome=DISCOUNT)
    assert step(complaint, Apologised).stage is Stage.APOLOGISE


def test_guard_acknowledge_once() -> None:
    complaint = step(new_complaint(), Acknowledged)
    with pytest.raises(InvalidTransitionError, match="already acknowledged"):
        step(complaint, Acknowledged)


def test_guard_accept_only_what_is_on_offer() -> None:
    complaint = step(apologised(), RemedyOffered, remedies=(REPLACEMENT,))
    with pytest.raises(InvalidTransitionError, match="not on offer"):
        step(complaint, RemedyAccepted, remedies=(REFUND,))
    answered = step(complaint, RemedyDeclined, note="wants money back")
    with pytest.raises(InvalidTransitionError, match="no remedy is on offer"):
        step(answered, RemedyAccepted, remedies=(REPLACEMENT,))
    with pytest.raises(InvalidTransitionError, match="no remedy is on offer"):
        step(answered, RemedyDeclined)


def test_guard_carry_out_only_accepted_remedies_once() -> None:
    complaint = step(apologised(), RemedyOffered, remedies=(REPLACEMENT, REFUND))
    with pytest.raises(InvalidTransitionError, match="has not accepted it"):
        step(complaint, RemedyCarriedOut, remedy=REPLACEMENT)
    complaint = step(complaint, RemedyAccepted, remedies=(REPLACEMENT,))
    complaint = step(complaint, RemedyCarriedOut, remedy=REPLACEMENT, reference="TRACK-1")
    with pytest.raises(InvalidTransitionError, match="already recorded"):
        step(complaint, RemedyCarriedOut, remedy=REPLACEMENT)


def test_guard_no_verify_before_remedy_recorded() -> None:
    complaint = step(apologised(), RemedyOffered, remedies=(REPLACEMENT, REFUND))
    with pytest.raises(InvalidTransitionError, match="before a remedy is carried out"):
        step(complaint, VerificationRequested)
    complaint = step(complaint, RemedyAccepted, remedies=(REPLACEMENT, REFUND))
    complaint = step(complaint, RemedyCarriedOut, remedy=REFUND, reference="RF-1")
    with pytest.raises(InvalidTransitionError, match="outstanding: replacement"):
        step(complaint, VerificationRequested)
    complaint = step(complaint, RemedyCarriedOut, remedy=REPLACEMENT, reference="TRACK-2")
    assert step(complaint, VerificationRequested).stage is Stage.VERIFY


def test_guard_no_close_without_verification_outcome() -> None:
    complaint = verifying()
    with pytest.raises(InvalidTransitionError, match="without a verification outcome"):
        step(complaint, ComplaintClosed)
    with pytest.raises(InvalidTransitionError, match="'closed' is not possible in stage"):
        step(remedy_recorded(), ComplaintClosed)


def test_failed_verification_reopens_resolve_and_needs_a_new_remedy() -> None:
    complaint = verified(False)
    assert complaint.stage is Stage.RESOLVE
    assert complaint.reopen_count == 1 and complaint.customer_rejected
    with pytest.raises(InvalidTransitionError, match="before a remedy is carried out"):
        step(complaint, VerificationRequested)
    complaint = step(complaint, RemedyOffered, remedies=(REFUND,))
    assert not complaint.customer_rejected
    complaint = step(complaint, RemedyAccepted, remedies=(REFUND,))
    complaint = step(complaint, RemedyCarriedOut, remedy=REFUND, reference="RF-9")
    complaint = step(complaint, VerificationRequested)
    assert complaint.satisfied is None
    with pytest.raises(InvalidTransitionError, match="without a verification outcome"):
        step(complaint, ComplaintClosed)


def test_guard_close_unresolved_needs_recorded_non_acceptance() -> None:
    complaint = step(apologised(), RemedyOffered, remedies=(DISCOUNT,))
    with pytest.raises(InvalidTransitionError, match="non-acceptance"):
        step(complaint, ClosedUnresolved, recourse=RECOURSE)
    complaint = step(complaint, RemedyDeclined, note="not enough")
    closed = step(complaint, ClosedUnresolved, recourse=RECOURSE, note="final offer declined")
    assert closed.closure is ClosureKind.UNRESOLVED and closed.recourse == RECOURSE
    unsatisfied = verified(False)
    assert step(unsatisfied, ClosedUnresolved, recourse=RECOURSE).stage is Stage.CLOSED


def test_close_without_verification_needs_a_reason() -> None:
    with pytest.raises(InvalidInputError, match="note"):
        step(verifying(), ClosedWithoutVerification, reason="customer_withdrew", note="")
    with pytest.raises(InvalidInputError, match="at least one recorded contact attempt"):
        step(verifying(), ClosedWithoutVerification, reason="customer_unreachable", note="x")
    asked_twice = step(verifying(), VerificationRequested)
    closed = step(
        asked_twice,
        ClosedWithoutVerification,
        reason="customer_unreachable",
        note="no answer to two e-mails",
        contact_attempts=2,
    )
    assert closed.closure is ClosureKind.UNVERIFIED
    assert closed.unverified_reason == "customer_unreachable"


def test_closed_is_final() -> None:
    closed = step(verified(True), ComplaintClosed)
    for kind, fields in [
        (UpdateSent, {}),
        (Escalated, {"to": "lead", "reason": "x"}),
        (ClosedWithoutVerification, {"reason": "duplicate", "note": "dup"}),
    ]:
        with pytest.raises(InvalidTransitionError, match="nothing \\(it is final\\)"):
            step(closed, kind, **fields)


def test_escalation_returns_to_the_stage_it_came_from() -> None:
    for start in (new_complaint(), apologised(), remedy_recorded(), verifying()):
        escalated = step(start, Escalated, to="team-lead", reason="customer asked for a manager")
        assert escalated.stage is Stage.ESCALATED
        assert escalated.escalated_from is start.stage
        updated = step(escalated, UpdateSent, note="still looking")
        assert updated.stage is Stage.ESCALATED and updated.updates_sent == 1
        back = step(updated, Deescalated)
        assert back.stage is start.stage and back.escalated_from is None
    with pytest.raises(InvalidTransitionError, match="'deescalated' is not possible"):
        step(new_complaint(), Deescalated)
    escalated = step(new_complaint(), Escalated, to="lead", reason="vip")
    with pytest.raises(InvalidTransitionError, match="'escalated' is not possible"):
        step(escalated, Escalated, to="director", reason="again")


def test_inform_loop_and_new_offer_from_inform() -> None:
    complaint = step(apologised(), RemedyOffered, remedies=(REPLACEMENT,))
    complaint = step(complaint, RemedyAccepted, remedies=(REPLACEMENT,))
    for _ in range(3):
        complaint = step(complaint, UpdateSent, 24 * 60, note="waiting for stock")
    assert complaint.stage is Stage.INFORM and complaint.updates_sent == 3
    complaint = step(complaint, RemedyOffered, remedies=(REFUND,), note="out of stock")
    assert complaint.stage is Stage.RESOLVE and complaint.open_offer == (REFUND,)


def test_account_only_in_listen_and_update_not_before_resolve() -> None:
    with pytest.raises(InvalidTransitionError, match="'account_captured' is not possible"):
        step(apologised(), AccountCaptured, account="more")
    with pytest.raises(InvalidTransitionError, match="'update_sent' is not possible"):
        step(apologised(), UpdateSent)


def test_reassessed_changes_severity_anywhere_open() -> None:
    complaint = step(verifying(), Reassessed, severity="critical")
    assert complaint.severity == "critical" and complaint.stage is Stage.VERIFY


def test_verification_attempts_are_counted() -> None:
    complaint = verifying()
    assert complaint.contact_attempts == 1
    complaint = step(complaint, VerificationRequested, 48 * 60)
    complaint = step(complaint, VerificationRequested, 48 * 60)
    assert complaint.contact_attempts == 3 and complaint.stage is Stage.VERIFY


def test_satisfaction_score_range() -> None:
    with pytest.raises(ScoreOutOfRangeError):
        step(verifying(), VerificationRecorded, satisfied=True, score=0)


def test_compensation_rules() -> None:
    with pytest.raises(InvalidInputError, match="positive amount"):
        Compensation(kind="partial_refund")
    with pytest.raises(InvalidInputError, match="has no amount"):
        Compensation(kind="apology_only", amount={"amount": "1", "currency": "EUR"})
    with pytest.raises(InvalidInputError, match="needs its code"):
        Compensation(kind="discount_code")
    with pytest.raises(InvalidInputError, match="negative"):
        Compensation(kind="gift", amount={"amount": "-1", "currency": "EUR"})


def test_state_that_disagrees_with_events_is_refused() -> None:
    complaint = remedy_recorded()
    data = complaint.model_dump()
    data["reopen_count"] = 5
    with pytest.raises(InvalidInputError, match="'reopen_count' does not match"):
        Complaint.model_validate(data)
    assert Complaint.model_validate(complaint.model_dump()) == complaint


def test_remedies_total_and_time_in_stage() -> None:
    complaint = step(apologised(), RemedyOffered, remedies=(REFUND, DISCOUNT))
    complaint = step(complaint, RemedyAccepted, remedies=(REFUND, DISCOUNT))
    complaint = step(complaint, RemedyCarriedOut, remedy=REFUND, reference="RF-1")
    complaint = step(complaint, RemedyCarriedOut, remedy=DISCOUNT, reference="SORRY15")
    assert [str(m) for m in complaint.remedies_total.values()] == ["149.00 PLN"]
    at = complaint.events[-1].at + timedelta(hours=1)
    assert complaint.time_in_stage(Stage.RESOLVE, at) == timedelta(hours=2, minutes=30)
    assert complaint.time_in_stage(Stage.LISTEN, at) == timedelta(minutes=65)
    assert complaint.time_in_stage(Stage.INFORM, at) == timedelta(0)


# -- guards derive from the complaint's own history (issue 16) ------------------------------------


def test_a_remedy_listed_twice_in_one_event_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="accepted twice in one event"):
        step(
            step(apologised(), RemedyOffered, remedies=(REFUND,)),
            RemedyAccepted,
            remedies=(REFUND, REFUND),
        )
    with pytest.raises(InvalidInputError, match="offered twice in one event"):
        step(apologised(), RemedyOffered, remedies=(REFUND, REFUND))


def test_the_remedies_total_counts_each_accepted_remedy_once() -> None:
    complaint = step(apologised(), RemedyOffered, remedies=(REFUND,))
    complaint = step(complaint, RemedyAccepted, remedies=(REFUND,))
    complaint = step(complaint, RemedyCarriedOut, remedy=REFUND)
    with pytest.raises(InvalidTransitionError, match="already recorded"):
        step(complaint, RemedyCarriedOut, remedy=REFUND)
    assert REFUND.amount is not None
    assert complaint.remedies_total == {REFUND.amount.currency: REFUND.amount}


def test_closing_as_unreachable_uses_the_complaints_own_attempts() -> None:
    # The event said 5 attempts; the complaint in listen had recorded none.
    with pytest.raises(InvalidTransitionError, match="records no contact attempt"):
        step(
            new_complaint(),
            ClosedWithoutVerification,
            reason="customer_unreachable",
            note="no answer",
            contact_attempts=5,
        )
    with pytest.raises(InvalidTransitionError, match=r"claims 5 contact attempts .* records 1"):
        step(
            verifying(),
            ClosedWithoutVerification,
            reason="customer_unreachable",
            note="no answer",
            contact_attempts=5,
        )
    with pytest.raises(InvalidTransitionError, match=r"claims 2 contact attempts .* records 0"):
        step(
            new_complaint(), ClosedWithoutVerification, reason="duplicate", note="dup",
            contact_attempts=2,
        )  # fmt: skip


def test_apply_checks_a_complaint_changed_outside_apply() -> None:
    complaint = new_complaint()
    forged = complaint.model_copy(update={"stage": Stage.VERIFY, "satisfied": True})
    with pytest.raises(InvalidInputError, match="field 'stage' does not match its events"):
        step(forged, ComplaintClosed)
    relabelled = complaint.model_copy(update={"stage": "verify"})
    with pytest.raises(InvalidInputError, match="does not match its events"):
        step(relabelled, ComplaintClosed)
    # An unchanged copy, and one loaded from JSON, still move on.
    assert step(complaint.model_copy(), Acknowledged).acknowledged_at is not None
    loaded = type(complaint).model_validate_json(complaint.model_dump_json())
    assert step(loaded, Acknowledged).version == 2


def test_long_history_replays_and_loads_to_the_applied_state() -> None:
    # Replay grows the history in place instead of rebuilding it per event (issue 17: loading
    # 20k events was quadratic); the result must be the same complaint.
    from datetime import UTC, datetime

    from cxcore.complaints import Complaint
    from cxcore.complaints.events import ComplaintReceived, Reassessed
    from cxcore.tickets import Customer

    at = datetime(2026, 5, 4, 9, tzinfo=UTC)
    complaint = Complaint.start(
        ComplaintReceived(
            sequence=1,
            at=at,
            actor="web",
            complaint_id="CMP-L",
            customer=Customer(id="C"),
            channel="email",
            reason="late_delivery",
        )
    )
    for number in range(2, 1_500):
        severity = "high" if number % 2 else "low"
        complaint = complaint.apply(
            Reassessed(sequence=number, at=at, actor="lead", severity=severity)
        )
    assert Complaint.replay(complaint.events) == complaint
    assert Complaint.model_validate_json(complaint.model_dump_json()) == complaint
    assert complaint.next_sequence == 1_500
