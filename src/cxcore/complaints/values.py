"""The vocabulary of complaints: reasons, severity, stages, triggers, remedies and recourse.

These values are shared by the events, the workflow table and the [`Complaint`][cxcore.Complaint]
itself, so they live apart from all three (``cxcore.complaints.complaint`` re-exports them).

Examples:
    >>> Compensation.refund(Money.of("49.90", "PLN")).kind
    <CompensationKind.REFUND: 'refund'>
    >>> Stage.INFORM.is_working
    True
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Self

from pydantic import Field, model_validator

from cxcore._model import CxModel
from cxcore.errors import InvalidInputError
from cxcore.money import Money

__all__ = [
    "ClosureKind",
    "Compensation",
    "CompensationKind",
    "ComplaintReason",
    "Recourse",
    "Severity",
    "Stage",
    "Trigger",
    "UnverifiedReason",
]


class ComplaintReason(StrEnum):
    """What the complaint is about (for routing and for the complaint-reason metrics).

    Examples:
        >>> ComplaintReason("damaged_in_transit") is ComplaintReason.DAMAGED_IN_TRANSIT
        True
    """

    LATE_DELIVERY = "late_delivery"
    DAMAGED_IN_TRANSIT = "damaged_in_transit"
    DEFECTIVE = "defective"
    WRONG_ITEM = "wrong_item"
    NOT_AS_DESCRIBED = "not_as_described"
    MISSING_ITEM = "missing_item"
    BILLING = "billing"
    POOR_SERVICE = "poor_service"
    OTHER = "other"


class Severity(StrEnum):
    """How serious the complaint is, lowest first (the initial assessment).

    Examples:
        >>> Severity.CRITICAL.rank > Severity.LOW.rank
        True
    """

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        """0 for low up to 3 for critical."""
        return list(Severity).index(self)


class Stage(StrEnum):
    """Where a complaint is in its handling: the five steps, escalation, and the end.

    The working stages are the steps themselves; ``escalated`` parks the complaint with a senior
    handler and returns it to the stage it came from; ``closed`` is final.

    Examples:
        >>> [s.value for s in Stage if s.is_working]
        ['listen', 'apologise', 'resolve', 'inform', 'verify']
    """

    LISTEN = "listen"
    APOLOGISE = "apologise"
    RESOLVE = "resolve"
    INFORM = "inform"
    VERIFY = "verify"
    ESCALATED = "escalated"
    CLOSED = "closed"

    @property
    def is_working(self) -> bool:
        """True for the five handling steps (not ``escalated``, not ``closed``)."""
        return self not in (Stage.ESCALATED, Stage.CLOSED)

    @property
    def is_open(self) -> bool:
        """True for every stage but ``closed``."""
        return self is not Stage.CLOSED


class CompensationKind(StrEnum):
    """The kinds of remedy a shop can offer; those marked in
    [`needs_amount`][cxcore.complaints.complaint.CompensationKind.needs_amount] carry Money.

    Examples:
        >>> sorted(k.value for k in CompensationKind if k.needs_amount)
        ['partial_refund', 'refund']
    """

    REFUND = "refund"
    PARTIAL_REFUND = "partial_refund"
    REPLACEMENT = "replacement"
    REPAIR = "repair"
    DISCOUNT_CODE = "discount_code"
    GIFT = "gift"
    APOLOGY_ONLY = "apology_only"

    @property
    def needs_amount(self) -> bool:
        """True for refunds, which are meaningless without an amount."""
        return self in (CompensationKind.REFUND, CompensationKind.PARTIAL_REFUND)

    @property
    def allows_amount(self) -> bool:
        """False only for ``apology_only``, ``replacement`` and ``repair``."""
        return self not in (
            CompensationKind.APOLOGY_ONLY,
            CompensationKind.REPLACEMENT,
            CompensationKind.REPAIR,
        )


class Compensation(CxModel):
    """One remedy: what kind, how much (for refunds, a discount's or gift's value), and details.

    Refunds need a positive amount; ``apology_only``, ``replacement`` and ``repair`` take none;
    a discount code needs its ``code``. ``order_line_ids`` says which order lines it covers.

    Examples:
        >>> Compensation(kind="replacement", order_line_ids=("2",)).kind.value
        'replacement'
        >>> Compensation(kind="refund")
        Traceback (most recent call last):
        ...
        cxcore.errors.InvalidInputError: a refund needs a positive amount
    """

    kind: CompensationKind
    amount: Money | None = None
    code: str | None = None
    description: str = ""
    order_line_ids: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _check(self) -> Self:
        label = self.kind.value.replace("_", " ")
        if self.kind.needs_amount and (self.amount is None or self.amount.amount <= 0):
            raise InvalidInputError(f"a {label} needs a positive amount")
        if not self.kind.allows_amount and self.amount is not None:
            raise InvalidInputError(f"a {label} has no amount; describe it instead")
        if self.amount is not None and self.amount.is_negative():
            raise InvalidInputError(f"a {label} cannot have a negative amount: {self.amount}")
        if self.kind is CompensationKind.DISCOUNT_CODE and not self.code:
            raise InvalidInputError("a discount code needs its code")
        return self

    @classmethod
    def refund(cls, amount: Money, *, order_line_ids: tuple[str, ...] = ()) -> Compensation:
        """A full refund of ``amount``.

        Examples:
            >>> Compensation.refund(Money.of(10, "EUR")).amount
            Money(amount=Decimal('10'), currency='EUR')
        """
        return cls(kind=CompensationKind.REFUND, amount=amount, order_line_ids=order_line_ids)

    @classmethod
    def partial_refund(cls, amount: Money, *, order_line_ids: tuple[str, ...] = ()) -> Compensation:
        """A partial refund of ``amount`` (keep the item, get money back).

        Examples:
            >>> Compensation.partial_refund(Money.of(5, "EUR")).kind.value
            'partial_refund'
        """
        return cls(
            kind=CompensationKind.PARTIAL_REFUND, amount=amount, order_line_ids=order_line_ids
        )


class Recourse(CxModel):
    """Where a customer who does not accept the outcome can turn: an alternative dispute
    resolution (ADR) body, or another external route, offered when a complaint closes unresolved.

    Examples:
        >>> Recourse(name="Kuluttajariitalautakunta", url="https://www.kuluttajariita.fi").name
        'Kuluttajariitalautakunta'
    """

    name: Annotated[str, Field(min_length=1)]
    url: str | None = None
    contact: str | None = None


class ClosureKind(StrEnum):
    """How a complaint ended.

    ``resolved``: the customer confirmed they are satisfied; ``unresolved``: the customer did not
    accept the final outcome and was told where else to turn; ``unverified``: closed without the
    customer's confirmation, for a recorded reason.

    Examples:
        >>> ClosureKind.UNVERIFIED.value
        'unverified'
    """

    RESOLVED = "resolved"
    UNRESOLVED = "unresolved"
    UNVERIFIED = "unverified"


class UnverifiedReason(StrEnum):
    """Why a complaint was closed without verifying the customer's satisfaction.

    Examples:
        >>> UnverifiedReason.CUSTOMER_UNREACHABLE.value
        'customer_unreachable'
    """

    CUSTOMER_UNREACHABLE = "customer_unreachable"
    CUSTOMER_WITHDREW = "customer_withdrew"
    DUPLICATE = "duplicate"
    OTHER = "other"


class Trigger(StrEnum):
    """What an event asks the workflow to do: the keys of the transition table.

    Most events have a trigger of their own kind; a verification outcome splits into
    ``verified_satisfied`` and ``verified_unsatisfied`` because the two lead to different stages.

    Examples:
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
