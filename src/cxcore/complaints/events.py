"""Complaint events: the append-only history a :class:`~cxcore.complaints.Complaint` folds over.

Every event carries ``sequence`` (1, 2, 3, ... with no gaps: the optimistic-concurrency check),
``at`` (aware) and ``actor`` (who did it), plus a ``kind`` tag, so the union
:data:`ComplaintEvent` reads and writes plain JSON. :func:`dump_jsonl` and :func:`load_jsonl`
store a history as JSON lines and read it back unchanged.

>>> import io
>>> from datetime import datetime, timezone
>>> event = UpdateSent(sequence=5, at=datetime(2026, 5, 6, 9, tzinfo=timezone.utc),
...                    actor="agent-7", note="replacement shipped, tracking sent")
>>> stream = io.StringIO()
>>> dump_jsonl([event], stream)
1
>>> _ = stream.seek(0)
>>> load_jsonl(stream) == (event,)
True
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import IO, Annotated, ClassVar, Literal, Self

from pydantic import Field, TypeAdapter, ValidationError, model_validator

from cxcore._model import CxModel, translate_validation_error
from cxcore._time import AwareDatetime
from cxcore.complaints.values import (
    Compensation,
    ComplaintReason,
    Recourse,
    Severity,
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
    "ComplaintEvent",
    "ComplaintReceived",
    "Deescalated",
    "Escalated",
    "Reassessed",
    "RemedyAccepted",
    "RemedyCarriedOut",
    "RemedyDeclined",
    "RemedyOffered",
    "Trigger",
    "UpdateSent",
    "VerificationRecorded",
    "VerificationRequested",
    "dump_jsonl",
    "load_jsonl",
]

NonEmpty = Annotated[str, Field(min_length=1)]


class Trigger(StrEnum):
    """What an event asks the workflow to do: the keys of the transition table.

    Most events have a trigger of their own kind; a verification outcome splits into
    ``verified_satisfied`` and ``verified_unsatisfied`` because the two lead to different stages.

    >>> Trigger.VERIFIED_UNSATISFIED.value
    'verified_unsatisfied'
    """

    RECEIVED = "received"
    ACKNOWLEDGED = "acknowledged"
    ACCOUNT_CAPTURED = "account_captured"
    REASSESSED = "reassessed"
    APOLOGISED = "apologised"
    REMEDY_OFFERED = "remedy_offered"
    REMEDY_ACCEPTED = "remedy_accepted"
    REMEDY_DECLINED = "remedy_declined"
    REMEDY_CARRIED_OUT = "remedy_carried_out"
    UPDATE_SENT = "update_sent"
    VERIFICATION_REQUESTED = "verification_requested"
    VERIFIED_SATISFIED = "verified_satisfied"
    VERIFIED_UNSATISFIED = "verified_unsatisfied"
    ESCALATED = "escalated"
    DEESCALATED = "deescalated"
    CLOSED = "closed"
    CLOSED_UNRESOLVED = "closed_unresolved"
    CLOSED_WITHOUT_VERIFICATION = "closed_without_verification"


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

    >>> AccountCaptured.model_fields["account"].is_required()
    True
    """

    kind: Literal["account_captured"] = "account_captured"
    account: NonEmpty
    desired_outcome: Compensation | None = None


class Reassessed(_Event):
    """The severity was assessed again (ISO 10002 7.5, initial assessment).

    >>> Reassessed.model_fields["severity"].is_required()
    True
    """

    kind: Literal["reassessed"] = "reassessed"
    severity: Severity
    note: str = ""


class Apologised(_Event):
    """The customer received a sincere apology (the ``apologise`` step).

    >>> Apologised.response_key
    'complaint.apology'
    """

    kind: Literal["apologised"] = "apologised"
    note: str = ""
    customer_facing: ClassVar[bool] = True
    response_key: ClassVar[str | None] = "complaint.apology"


class RemedyOffered(_Event):
    """The shop proposed one or more remedies (ISO 10002 7.7, response; 7.8, the decision is
    communicated). A new offer replaces an unanswered earlier one.

    >>> RemedyOffered.response_key
    'complaint.resolution_proposed'
    """

    kind: Literal["remedy_offered"] = "remedy_offered"
    remedies: Annotated[tuple[Compensation, ...], Field(min_length=1)]
    note: str = ""
    customer_facing: ClassVar[bool] = True
    response_key: ClassVar[str | None] = "complaint.resolution_proposed"


class RemedyAccepted(_Event):
    """The customer accepted some or all of the remedies on offer.

    >>> RemedyAccepted.model_fields["remedies"].is_required()
    True
    """

    kind: Literal["remedy_accepted"] = "remedy_accepted"
    remedies: Annotated[tuple[Compensation, ...], Field(min_length=1)]
    note: str = ""


class RemedyDeclined(_Event):
    """The customer declined the remedies on offer.

    >>> RemedyDeclined.model_fields["note"].default
    ''
    """

    kind: Literal["remedy_declined"] = "remedy_declined"
    note: str = ""


class RemedyCarriedOut(_Event):
    """An accepted remedy was carried out and recorded (refund issued, replacement shipped):
    ISO 10002 7.9, "the decision or action should be carried out and recorded".

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

    >>> VerificationRequested.response_key
    'complaint.verify'
    """

    kind: Literal["verification_requested"] = "verification_requested"
    note: str = ""
    customer_facing: ClassVar[bool] = True
    response_key: ClassVar[str | None] = "complaint.verify"


class VerificationRecorded(_Event):
    """The customer's answer: satisfied or not, with an optional 1-5 satisfaction score.

    >>> from datetime import datetime, timezone
    >>> VerificationRecorded(sequence=9, at=datetime(2026, 5, 9, tzinfo=timezone.utc),
    ...                      actor="agent-7", satisfied=True, score=6)
    Traceback (most recent call last):
    ...
    cxcore.errors.ScoreOutOfRangeError: satisfaction score 6 is outside 1..5
    """

    kind: Literal["verification_recorded"] = "verification_recorded"
    satisfied: bool
    score: int | None = None
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

    >>> Deescalated.model_fields["note"].default
    ''
    """

    kind: Literal["deescalated"] = "deescalated"
    note: str = ""


class ComplaintClosed(_Event):
    """Closed as resolved, after the customer confirmed they are satisfied (ISO 10002 7.9).

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

    >>> from datetime import datetime, timezone
    >>> ClosedWithoutVerification(sequence=8, at=datetime(2026, 5, 20, tzinfo=timezone.utc),
    ...     actor="agent-7", reason="customer_unreachable", note="no answer", contact_attempts=0)
    Traceback (most recent call last):
    ...
    cxcore.errors.InvalidInputError: closing as customer_unreachable needs at least one ...
    """

    kind: Literal["closed_without_verification"] = "closed_without_verification"
    reason: UnverifiedReason
    note: NonEmpty
    contact_attempts: Annotated[int, Field(ge=0)] = 0
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


ComplaintEvent = Annotated[
    ComplaintReceived
    | Acknowledged
    | AccountCaptured
    | Reassessed
    | Apologised
    | RemedyOffered
    | RemedyAccepted
    | RemedyDeclined
    | RemedyCarriedOut
    | UpdateSent
    | VerificationRequested
    | VerificationRecorded
    | Escalated
    | Deescalated
    | ComplaintClosed
    | ClosedUnresolved
    | ClosedWithoutVerification,
    Field(discriminator="kind"),
]
"""Any complaint event, tagged by ``kind``."""

_ADAPTER: TypeAdapter[ComplaintEvent] = TypeAdapter(ComplaintEvent)


def dump_jsonl(events: Iterable[ComplaintEvent], stream: IO[str]) -> int:
    """Write ``events`` to ``stream`` as JSON lines, one event a line; return how many.

    >>> import io
    >>> dump_jsonl([], io.StringIO())
    0
    """
    count = 0
    for event in events:
        stream.write(event.model_dump_json())
        stream.write("\n")
        count += 1
    return count


def load_jsonl(stream: IO[str]) -> tuple[ComplaintEvent, ...]:
    """Read events written by :func:`dump_jsonl`; blank lines are skipped. A bad line raises a
    :class:`~cxcore.errors.CxError` with a note naming the line.

    >>> import io
    >>> load_jsonl(io.StringIO('{"kind": "rumour"}\\n'))
    Traceback (most recent call last):
    ...
    cxcore.errors.InvalidInputError: invalid ...
    """
    events: list[ComplaintEvent] = []
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            events.append(_ADAPTER.validate_json(line))
        except ValidationError as exc:
            error = translate_validation_error(exc)
            error.add_note(f"in JSON lines at line {number}")
            raise error from None
    return tuple(events)
