"""Complaint event kinds: what can happen to a complaint, one class per kind.

Every event carries ``sequence`` (1, 2, 3, ... with no gaps: the optimistic-concurrency check),
``at`` (aware) and ``actor`` (who did it), plus a ``kind`` tag. Events that are messages to the
customer say so (``customer_facing``: they restart the update clock) and name the canned
response that goes with them (``response_key``). The tagged union of all kinds and its JSON-lines
storage are in [`cxcore.complaints.events`][cxcore.complaints.events], which also re-exports every
class here.

Examples:
    >>> from datetime import datetime, timezone
    >>> event = Apologised(sequence=3, at=datetime(2026, 5, 4, 9, tzinfo=timezone.utc),
    ...                    actor="agent-7")
    >>> event.trigger, event.customer_facing
    (<Trigger.APOLOGISED: 'apologised'>, True)
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal, Self

from pydantic import Field, model_validator

from cxcore._model import CxModel, WholeNumber
from cxcore._time import AwareDatetime
from cxcore.complaints.values import (
    Compensation,
    ComplaintReason,
    Recourse,
    Severity,
    Trigger,
    UnverifiedReason,
)
from cxcore.errors import InvalidInputError, ScoreOutOfRangeError
from cxcore.tickets import Channel, Customer

__all__ = [
    "AccountCaptured",
    "Acknowledged",
    "Apologised",
    "ClosedUnresolved",
    "ClosedWithoutVerification",
    "ComplaintClosed",
    "ComplaintReceived",
    "Deescalated",
    "Escalated",
    "Reassessed",
    "RemedyAccepted",
    "RemedyCarriedOut",
    "RemedyDeclined",
    "RemedyOffered",
    "UpdateSent",
    "VerificationRecorded",
    "VerificationRequested",
]

NonEmpty = Annotated[str, Field(min_length=1)]


class _Event(CxModel):
    sequence: Annotated[int, Field(ge=1)]
    at: AwareDatetime
    actor: NonEmpty

    customer_facing: ClassVar[bool] = False
    """True when the event is a message to the customer (it restarts the update clock)."""
    response_key: ClassVar[str | None] = None
    """The canned response that goes with the event, if any."""

    @property
    def trigger(self) -> Trigger:
        """The transition-table key of this event."""
        return Trigger(getattr(self, "kind"))  # noqa: B009


class ComplaintReceived(_Event):
    """A complaint arrived: who, about what, and (ISO 10002 7.2) the remedy the customer seeks.

    Always the first event (sequence 1). ``desired_outcome`` may also be recorded later, with
    the customer's account, but the complaint cannot move past ``listen`` without it.

    Examples:
        >>> from datetime import datetime, timezone
        >>> ComplaintReceived(sequence=1, at=datetime(2026, 5, 4, 9, tzinfo=timezone.utc),
        ...                   actor="agent-7", complaint_id="CMP-1", customer=Customer(id="C-1"),
        ...                   channel="email", reason="damaged_in_transit").severity
        <Severity.MEDIUM: 'medium'>
    """

    kind: Literal["received"] = "received"
    complaint_id: NonEmpty
    ticket_id: str | None = None
    customer: Customer
    channel: Channel
    reason: ComplaintReason
    severity: Severity = Severity.MEDIUM
    summary: str = ""
    order_id: str | None = None
    order_line_ids: tuple[str, ...] = ()
    desired_outcome: Compensation | None = None

    @model_validator(mode="after")
    def _first(self) -> Self:
        if self.sequence != 1:
            raise InvalidInputError(
                f"a received event starts a history and has sequence 1, got {self.sequence}"
            )
        return self


class Acknowledged(_Event):
    """The customer was told at once that the complaint arrived (ISO 10002 7.4).

    Examples:
        >>> Acknowledged.response_key
        'complaint.acknowledge'
    """

    kind: Literal["acknowledged"] = "acknowledged"
    note: str = ""
    customer_facing: ClassVar[bool] = True
    response_key: ClassVar[str | None] = "complaint.acknowledge"


class AccountCaptured(_Event):
    """The customer's own account of what happened, in their words (the ``listen`` step), and
    the outcome they want if it was not recorded at receipt.

    Examples:
        >>> AccountCaptured.model_fields["account"].is_required()
        True
    """

    kind: Literal["account_captured"] = "account_captured"
    account: NonEmpty
    desired_outcome: Compensation | None = None


class Reassessed(_Event):
    """The severity was assessed again (ISO 10002 7.5, initial assessment).

    Examples:
        >>> Reassessed.model_fields["severity"].is_required()
        True
    """

    kind: Literal["reassessed"] = "reassessed"
    severity: Severity
    note: str = ""


class Apologised(_Event):
    """The customer received a sincere apology (the ``apologise`` step).

    Examples:
        >>> Apologised.response_key
        'complaint.apology'
    """

    kind: Literal["apologised"] = "apologised"
    note: str = ""
    customer_facing: ClassVar[bool] = True
    response_key: ClassVar[str | None] = "complaint.apology"


def _refuse_duplicates(remedies: tuple[Compensation, ...], verb: str) -> None:
    """One event lists each remedy once: a remedy listed twice would be counted twice."""
    for index, remedy in enumerate(remedies):
        if remedy in remedies[:index]:
            raise InvalidInputError(
                f"the remedy {remedy.kind.value!r} is {verb} twice in one event; list each "
                "remedy once (two of the same kind differ in amount or description)"
            )


class RemedyOffered(_Event):
    """The shop proposed one or more remedies (ISO 10002 7.7, response; 7.8, the decision is
    communicated). A new offer replaces an unanswered earlier one.

    Examples:
        >>> RemedyOffered.response_key
        'complaint.resolution_proposed'
    """

    kind: Literal["remedy_offered"] = "remedy_offered"
    remedies: Annotated[tuple[Compensation, ...], Field(min_length=1)]
    note: str = ""
    customer_facing: ClassVar[bool] = True
    response_key: ClassVar[str | None] = "complaint.resolution_proposed"

    @model_validator(mode="after")
    def _distinct(self) -> Self:
        _refuse_duplicates(self.remedies, "offered")
        return self


class RemedyAccepted(_Event):
    """The customer accepted some or all of the remedies on offer.

    Examples:
        >>> RemedyAccepted.model_fields["remedies"].is_required()
        True
    """

    kind: Literal["remedy_accepted"] = "remedy_accepted"
    remedies: Annotated[tuple[Compensation, ...], Field(min_length=1)]
    note: str = ""

    @model_validator(mode="after")
    def _distinct(self) -> Self:
        _refuse_duplicates(self.remedies, "accepted")
        return self


class RemedyDeclined(_Event):
    """The customer declined the remedies on offer.

    Examples:
        >>> RemedyDeclined.model_fields["note"].default
        ''
    """

    kind: Literal["remedy_declined"] = "remedy_declined"
    note: str = ""


class RemedyCarriedOut(_Event):
    """An accepted remedy was carried out and recorded (refund issued, replacement shipped):
    ISO 10002 7.9, "the decision or action should be carried out and recorded".

    Examples:
        >>> RemedyCarriedOut.response_key
        'complaint.remedy_completed'
    """

    kind: Literal["remedy_carried_out"] = "remedy_carried_out"
    remedy: Compensation
    reference: str = ""
    customer_facing: ClassVar[bool] = True
    response_key: ClassVar[str | None] = "complaint.remedy_completed"


class UpdateSent(_Event):
    """The customer received a status update (the ``inform`` step; ISO 10002 7.3: status at
    regular intervals).

    Examples:
        >>> UpdateSent.response_key
        'complaint.update'
    """

    kind: Literal["update_sent"] = "update_sent"
    note: str = ""
    customer_facing: ClassVar[bool] = True
    response_key: ClassVar[str | None] = "complaint.update"


class VerificationRequested(_Event):
    """The customer was asked whether they are satisfied (the ``verify`` step). Asking again
    counts as another contact attempt.

    Examples:
        >>> VerificationRequested.response_key
        'complaint.verify'
    """

    kind: Literal["verification_requested"] = "verification_requested"
    note: str = ""
    customer_facing: ClassVar[bool] = True
    response_key: ClassVar[str | None] = "complaint.verify"


class VerificationRecorded(_Event):
    """The customer's answer: satisfied or not, with an optional 1-5 satisfaction score.

    Examples:
        >>> from datetime import datetime, timezone
        >>> VerificationRecorded(sequence=9, at=datetime(2026, 5, 9, tzinfo=timezone.utc),
        ...                      actor="agent-7", satisfied=True, score=6)
        Traceback (most recent call last):
        ...
        cxcore.errors.ScoreOutOfRangeError: satisfaction score 6 is outside 1..5
    """

    kind: Literal["verification_recorded"] = "verification_recorded"
    satisfied: bool
    score: WholeNumber | None = None
    note: str = ""

    @model_validator(mode="after")
    def _score(self) -> Self:
        if self.score is not None and not 1 <= self.score <= 5:
            raise ScoreOutOfRangeError(f"satisfaction score {self.score} is outside 1..5")
        return self

    @property
    def trigger(self) -> Trigger:
        """``verified_satisfied`` or ``verified_unsatisfied``."""
        return Trigger.VERIFIED_SATISFIED if self.satisfied else Trigger.VERIFIED_UNSATISFIED


class Escalated(_Event):
    """Handed to a senior handler or another team, with the reason.

    Examples:
        >>> Escalated.response_key
        'complaint.escalated'
    """

    kind: Literal["escalated"] = "escalated"
    to: NonEmpty
    reason: NonEmpty
    customer_facing: ClassVar[bool] = True
    response_key: ClassVar[str | None] = "complaint.escalated"


class Deescalated(_Event):
    """Handed back: the complaint returns to the stage it was escalated from.

    Examples:
        >>> Deescalated.model_fields["note"].default
        ''
    """

    kind: Literal["deescalated"] = "deescalated"
    note: str = ""


class ComplaintClosed(_Event):
    """Closed as resolved, after the customer confirmed they are satisfied (ISO 10002 7.9).

    Examples:
        >>> ComplaintClosed.response_key
        'complaint.closed'
    """

    kind: Literal["closed"] = "closed"
    note: str = ""
    customer_facing: ClassVar[bool] = True
    response_key: ClassVar[str | None] = "complaint.closed"


class ClosedUnresolved(_Event):
    """Closed with the customer's non-acceptance recorded and the recourse they were offered
    (ISO 10002 7.9: inform the complainant of the internal and external recourse available).

    Examples:
        >>> ClosedUnresolved.response_key
        'complaint.closed_unresolved'
    """

    kind: Literal["closed_unresolved"] = "closed_unresolved"
    recourse: Recourse
    note: str = ""
    customer_facing: ClassVar[bool] = True
    response_key: ClassVar[str | None] = "complaint.closed_unresolved"


class ClosedWithoutVerification(_Event):
    """Closed without the customer's confirmation, for a recorded reason.

    ``note`` must say what happened; ``customer_unreachable`` needs at least one recorded
    contact attempt.

    Examples:
        >>> from datetime import datetime, timezone
        >>> ClosedWithoutVerification(sequence=8, at=datetime(2026, 5, 20, tzinfo=timezone.utc),
        ...     actor="agent-7", reason="customer_unreachable", note="no answer",
        ...     contact_attempts=0)
        Traceback (most recent call last):
        ...
        cxcore.errors.InvalidInputError: closing as customer_unreachable needs at least one ...
    """

    kind: Literal["closed_without_verification"] = "closed_without_verification"
    reason: UnverifiedReason
    note: NonEmpty
    contact_attempts: Annotated[WholeNumber, Field(ge=0)] = 0
    customer_facing: ClassVar[bool] = True
    response_key: ClassVar[str | None] = "complaint.closed_no_reply"

    @model_validator(mode="after")
    def _attempts(self) -> Self:
        if self.reason is UnverifiedReason.CUSTOMER_UNREACHABLE and self.contact_attempts < 1:
            raise InvalidInputError(
                "closing as customer_unreachable needs at least one recorded contact attempt, "
                f"got {self.contact_attempts}"
            )
        return self
