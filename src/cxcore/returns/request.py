"""What the customer asks for: a return request with its lines, reason, condition and evidence.

A [`ReturnRequest`][cxcore.ReturnRequest] refers to an order by id and lists the lines (and how many
units of each) the customer wants to send back. ``requested_at`` is when the customer told the shop
(the withdrawal notice in EU terms); it decides whether a deadline was met.

Examples:
    >>> from datetime import datetime, timezone
    >>> request = ReturnRequest(
    ...     order_id="O-100",
    ...     requested_at=datetime(2026, 5, 12, 9, tzinfo=timezone.utc),
    ...     reason=ReturnReason.CHANGED_MIND,
    ...     lines=[ReturnLine(line_id="1", quantity=1)],
    ... )
    >>> request.lines[0].condition
    <ItemCondition.UNOPENED: 'unopened'>
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Self

from pydantic import Field, model_validator

from cxcore._model import CxModel, SortedSet, WholeNumber
from cxcore._time import AwareDatetime, instant
from cxcore.errors import InvalidInputError, TimelineError

__all__ = [
    "FAULT_REASONS",
    "MONEY_REMEDIES",
    "Evidence",
    "ItemCondition",
    "Remedy",
    "ReturnLine",
    "ReturnReason",
    "ReturnRequest",
]


class ReturnReason(StrEnum):
    """Why the customer returns the goods.

    Examples:
        >>> ReturnReason("defective") in FAULT_REASONS
        True
    """

    CHANGED_MIND = "changed_mind"
    DEFECTIVE = "defective"
    DAMAGED_IN_TRANSIT = "damaged_in_transit"
    WRONG_ITEM = "wrong_item"
    NOT_AS_DESCRIBED = "not_as_described"
    ARRIVED_LATE = "arrived_late"
    OTHER = "other"


FAULT_REASONS: frozenset[ReturnReason] = frozenset(
    {
        ReturnReason.DEFECTIVE,
        ReturnReason.DAMAGED_IN_TRANSIT,
        ReturnReason.WRONG_ITEM,
        ReturnReason.NOT_AS_DESCRIBED,
    }
)
"""Reasons that describe goods not in conformity with the contract (Directive 2019/771 art. 5-7):
the legal guarantee and short-term rejection rights cover these."""


class Remedy(StrEnum):
    """What the consumer asks for.

    ``withdrawal`` is the right to withdraw without reasons (Directive 2011/83/EU art. 9);
    ``short_term_rejection`` the UK's 30-day right to reject faulty goods for a refund (Consumer
    Rights Act 2015 s. 20, 22); ``repair``, ``replacement``, ``price_reduction`` and
    ``termination`` the remedies for goods not in conformity (Directive (EU) 2019/771 art. 13;
    CRA s. 23-24, where termination is the final right to reject). A shop's own return policy
    counts as ``withdrawal`` here.

    Examples:
        >>> Remedy("termination") in MONEY_REMEDIES
        True
    """

    WITHDRAWAL = "withdrawal"
    SHORT_TERM_REJECTION = "short_term_rejection"
    REPAIR = "repair"
    REPLACEMENT = "replacement"
    REPAIR_OR_REPLACEMENT = "repair_or_replacement"
    """Either, as the consumer or (where one is impossible or disproportionate) the seller
    chooses (Directive (EU) 2019/771 art. 13(2)-(3); CRA s. 23(3))."""
    PRICE_REDUCTION = "price_reduction"
    TERMINATION = "termination"


MONEY_REMEDIES: frozenset[Remedy] = frozenset(
    {Remedy.WITHDRAWAL, Remedy.SHORT_TERM_REJECTION, Remedy.TERMINATION}
)
"""Remedies that end the contract for the returned goods and give the price back."""


class ItemCondition(StrEnum):
    """The state of the goods as the customer describes them.

    ``opened`` means handled only as far as needed to establish their nature, characteristics and
    functioning (Directive 2011/83/EU art. 14(2)); ``used`` goes beyond that.

    Examples:
        >>> ItemCondition.OPENED.value
        'opened'
    """

    UNOPENED = "unopened"
    OPENED = "opened"
    USED = "used"
    DAMAGED = "damaged"


class Evidence(StrEnum):
    """Evidence the customer supplied with the request.

    Examples:
        >>> Evidence("proof_of_posting")
        <Evidence.PROOF_OF_POSTING: 'proof_of_posting'>
    """

    RECEIPT = "receipt"
    """A receipt or invoice (proof of purchase for someone other than the buyer on record)."""
    PHOTOS = "photos"
    CARRIER_REPORT = "carrier_report"
    """A damage report signed with the carrier."""
    PROOF_OF_POSTING = "proof_of_posting"
    """Evidence of having sent the goods back (starts some refund clocks)."""
    EXPERT_REPORT = "expert_report"


class ReturnLine(CxModel):
    """One order line in a return request, with the units returned and their state.

    ``seal_broken`` matters for sealed hygiene goods and sealed media; ``download_started`` for
    digital content supplied with the customer's prior express consent and acknowledgement
    that the right of withdrawal is lost (Directive 2011/83/EU art. 16(m));
    ``service_completed`` for a service fully performed with such consent (art. 16(a)).

    Examples:
        >>> ReturnLine(line_id="2", quantity=0)
        Traceback (most recent call last):
        ...
        cxcore.errors.InvalidInputError: invalid ReturnLine, 1 problem: quantity: ...
    """

    line_id: Annotated[str, Field(min_length=1)]
    quantity: Annotated[WholeNumber, Field(gt=0)]
    condition: ItemCondition = ItemCondition.UNOPENED
    seal_broken: bool = False
    download_started: bool = False
    service_completed: bool = False


class ReturnRequest(CxModel):
    """A customer's request to return some or all of an order.

    ``requested_at`` is when the request was made. The facts the law turns on, with their
    defaults (the table in ``docs/returns.md`` lists them all):

    - ``notice_sent_at``: when the consumer sent the notice; it is in time if sent before the
      period ends (Directive 2011/83/EU art. 11(2)). Default: ``requested_at``.
    - ``notice_received_at``: when the notice reached the trader; the refund period runs from it
      (art. 13(1)). Default: ``requested_at``.
    - ``goods_sent_at``: when the goods were sent back; ``dispatch_proof_at``: when the consumer
      supplied evidence of sending them; ``goods_received_at``: when they came back. The trader may
      withhold the refund until the earlier of the last two (art. 13(3)). A ``goods_sent_at`` with
      [`Evidence.PROOF_OF_POSTING`][cxcore.returns.request.Evidence.PROOF_OF_POSTING] counts as
      proof supplied then.
    - ``defect_apparent_at``: when a lack of conformity became apparent (Directive (EU) 2019/771
      art. 10(1), 11(1)). Default: ``requested_at``.
    - ``remedy``: what the consumer asks for ([`Remedy`][cxcore.returns.request.Remedy]).
      Default: ``withdrawal`` for a change of mind; for a fault, the first remedy the law gives.
    - ``remedy_attempts``: repairs or replacements already made for this fault (2019/771
      art. 13(4)(b); CRA s. 24(5)(a)); ``serious_defect``: the lack of conformity is so serious
      that an immediate price reduction or termination is justified (art. 13(4)(c)).

    Examples:
        >>> from datetime import datetime, timezone
        >>> ReturnRequest(order_id="O", requested_at=datetime(2026, 5, 1, tzinfo=timezone.utc),
        ...               reason="changed_mind",
        ...               lines=[ReturnLine(line_id="1", quantity=1),
        ...                      ReturnLine(line_id="1", quantity=1)])
        Traceback (most recent call last):
        ...
        cxcore.errors.InvalidInputError: return request for order 'O' lists line '1' twice
    """

    order_id: Annotated[str, Field(min_length=1)]
    requested_at: AwareDatetime
    reason: ReturnReason
    lines: tuple[ReturnLine, ...]
    customer_id: str | None = None
    evidence: SortedSet[Evidence] = frozenset()
    goods_sent_at: AwareDatetime | None = None
    goods_received_at: AwareDatetime | None = None
    note: str = ""
    notice_sent_at: AwareDatetime | None = None
    notice_received_at: AwareDatetime | None = None
    dispatch_proof_at: AwareDatetime | None = None
    defect_apparent_at: AwareDatetime | None = None
    remedy: Remedy | None = None
    remedy_attempts: Annotated[int, Field(ge=0, le=100)] = 0
    serious_defect: bool = False

    @property
    def notice_sent(self) -> datetime:
        """When the notice was sent (``notice_sent_at``, else ``requested_at``)."""
        return self.notice_sent_at or self.requested_at

    @property
    def notice_received(self) -> datetime:
        """When the notice reached the trader (``notice_received_at``, else ``requested_at``)."""
        return self.notice_received_at or self.requested_at

    @property
    def proof_of_dispatch_at(self) -> datetime | None:
        """When evidence of sending the goods back was supplied: ``dispatch_proof_at``, else
        ``goods_sent_at`` when the request carries
        [`Evidence.PROOF_OF_POSTING`][cxcore.returns.request.Evidence.PROOF_OF_POSTING]."""
        if self.dispatch_proof_at is not None:
            return self.dispatch_proof_at
        if self.goods_sent_at is not None and Evidence.PROOF_OF_POSTING in self.evidence:
            return self.goods_sent_at
        return None

    @model_validator(mode="after")
    def _check(self) -> Self:
        if not self.lines:
            raise InvalidInputError(f"return request for order {self.order_id!r} has no lines")
        seen: set[str] = set()
        for line in self.lines:
            if line.line_id in seen:
                raise InvalidInputError(
                    f"return request for order {self.order_id!r} lists line {line.line_id!r} twice"
                )
            seen.add(line.line_id)
        # Compare instants: datetimes sharing a tzinfo compare by wall time.
        requested = instant(self.requested_at)
        sent = self.notice_sent_at
        if sent is not None and instant(sent) > requested:
            raise TimelineError(
                f"return request for order {self.order_id!r}: notice_sent_at {sent.isoformat()} "
                f"is after the request at {self.requested_at.isoformat()}; the request records "
                "a notice already sent"
            )
        received = self.notice_received_at
        if received is not None and sent is not None and instant(received) < instant(sent):
            raise TimelineError(
                f"return request for order {self.order_id!r}: notice_received_at "
                f"{received.isoformat()} is before notice_sent_at {sent.isoformat()}"
            )
        # Withdrawal needs no reason (art. 9), so it suits faulty goods too; the other
        # remedies need goods not in conformity.
        remedy = self.remedy
        if remedy not in (None, Remedy.WITHDRAWAL) and self.reason not in FAULT_REASONS:
            allowed = ", ".join(sorted(r.value for r in FAULT_REASONS))
            raise InvalidInputError(
                f"return request for order {self.order_id!r}: remedy '{remedy}' needs goods "
                f"not in conformity, but the reason is {self.reason.value!r}; use one of "
                f"{allowed} or remedy 'withdrawal'"
            )
        for name in ("goods_sent_at", "goods_received_at", "dispatch_proof_at"):
            value = getattr(self, name)
            if value is not None and instant(value) < requested:
                raise TimelineError(
                    f"return request for order {self.order_id!r}: {name} "
                    f"{value.isoformat()} is before the request at "
                    f"{self.requested_at.isoformat()}"
                )
        return self
