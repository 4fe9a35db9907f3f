"""What the customer asks for: a return request with its lines, reason, condition and evidence.

A :class:`ReturnRequest` refers to an order by id and lists the lines (and how many units of each)
the customer wants to send back. ``requested_at`` is when the customer told the shop (the
withdrawal notice in EU terms); it decides whether a deadline was met.

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

from enum import StrEnum
from typing import Annotated, Self

from pydantic import Field, model_validator

from cxcore._model import CxModel, WholeNumber
from cxcore._time import AwareDatetime, instant
from cxcore.errors import InvalidInputError, TimelineError

__all__ = [
    "FAULT_REASONS",
    "Evidence",
    "ItemCondition",
    "ReturnLine",
    "ReturnReason",
    "ReturnRequest",
]


class ReturnReason(StrEnum):
    """Why the customer returns the goods.

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


class ItemCondition(StrEnum):
    """The state of the goods as the customer describes them.

    ``opened`` means handled only as far as needed to establish their nature, characteristics and
    functioning (Directive 2011/83/EU art. 14(2)); ``used`` goes beyond that.

    >>> ItemCondition.OPENED.value
    'opened'
    """

    UNOPENED = "unopened"
    OPENED = "opened"
    USED = "used"
    DAMAGED = "damaged"


class Evidence(StrEnum):
    """Evidence the customer supplied with the request.

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

    ``goods_sent_at`` (with proof of posting) and ``goods_received_at`` are filled in as the return
    travels; refund clocks that run from the goods coming back use them.

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
    evidence: frozenset[Evidence] = frozenset()
    goods_sent_at: AwareDatetime | None = None
    goods_received_at: AwareDatetime | None = None
    note: str = ""

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
        for name in ("goods_sent_at", "goods_received_at"):
            value = getattr(self, name)
            if value is not None and instant(value) < requested:
                raise TimelineError(
                    f"return request for order {self.order_id!r}: {name} "
                    f"{value.isoformat()} is before the request at "
                    f"{self.requested_at.isoformat()}"
                )
        return self
