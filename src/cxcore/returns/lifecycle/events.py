"""Return events: the append-only history a [`ReturnCase`][cxcore.returns.lifecycle.case.ReturnCase]
folds over.

Every event carries ``sequence`` (1, 2, 3, ... with no gaps: the optimistic-concurrency check),
``at`` (aware), ``actor`` (who did it) and a ``kind`` tag, so the union
[`ReturnEvent`][cxcore.returns.lifecycle.events.ReturnEvent] reads and writes plain JSON. Events
that are messages to the customer name their built-in reply (``response_key``, in
``cxcore/responses/library/returns``).

Examples:
    >>> from datetime import datetime, timezone
    >>> event = GoodsReceived(sequence=5, at=datetime(2026, 5, 20, 9, tzinfo=timezone.utc),
    ...                       actor="warehouse")
    >>> event.kind, event.response_key
    ('goods_received', 'returns.lifecycle.received')
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal, Self

from pydantic import Field, TypeAdapter, model_validator

from cxcore._model import CxModel
from cxcore._time import AwareDatetime
from cxcore.errors import InvalidInputError
from cxcore.money import Money
from cxcore.returns.decision import ReturnDecision
from cxcore.returns.request import ItemCondition, ReturnRequest
from cxcore.returns.rules.base import Party

__all__ = [
    "EVENT_ADAPTER",
    "ExchangeIssued",
    "GoodsDispatched",
    "GoodsReceived",
    "InspectedLine",
    "RefundIssued",
    "ReturnAuthorised",
    "ReturnCancelled",
    "ReturnDecided",
    "ReturnEvent",
    "ReturnInspected",
    "ReturnRejected",
    "ReturnRequested",
    "StoreCreditIssued",
]

NonEmpty = Annotated[str, Field(min_length=1)]


class _Event(CxModel):
    sequence: Annotated[int, Field(ge=1)]
    at: AwareDatetime
    actor: NonEmpty

    response_key: ClassVar[str | None] = None
    """The built-in reply that goes with the event, if it is a message to the customer."""


class ReturnRequested(_Event):
    """A return was requested: always the first event (sequence 1).

    Examples:
        >>> from datetime import datetime, timezone
        >>> from cxcore.returns.request import ReturnLine
        >>> t = datetime(2026, 5, 12, 9, tzinfo=timezone.utc)
        >>> ReturnRequested(sequence=2, at=t, actor="web", return_id="R-1",
        ...     request=ReturnRequest(order_id="O-1", requested_at=t, reason="changed_mind",
        ...                           lines=[ReturnLine(line_id="1", quantity=1)]))
        Traceback (most recent call last):
        ...
        cxcore.errors.InvalidInputError: a requested event starts a history and has sequence 1, ...
    """

    kind: Literal["requested"] = "requested"
    return_id: NonEmpty
    request: ReturnRequest

    @model_validator(mode="after")
    def _first(self) -> Self:
        if self.sequence != 1:
            raise InvalidInputError(
                f"a requested event starts a history and has sequence 1, got {self.sequence}"
            )
        return self


class ReturnDecided(_Event):
    """The policy's decision on the request (again after a review: the latest one counts)."""

    kind: Literal["decided"] = "decided"
    decision: ReturnDecision


class ReturnAuthorised(_Event):
    """The return is authorised: RMA number, label, carrier and who pays for sending it back."""

    kind: Literal["authorised"] = "authorised"
    rma: NonEmpty
    carrier: str = ""
    label_url: str = ""
    return_shipping_paid_by: Party
    response_key: ClassVar[str | None] = "returns.lifecycle.authorised"


class ReturnCancelled(_Event):
    """The customer withdrew the return request before sending anything."""

    kind: Literal["cancelled"] = "cancelled"
    note: str = ""
    response_key: ClassVar[str | None] = "returns.lifecycle.cancelled"


class GoodsDispatched(_Event):
    """The goods are on their way back. ``proof_of_dispatch`` says the consumer supplied
    evidence of sending them (Directive 2011/83/EU art. 13(3)): from then on the trader may no
    longer withhold the refund."""

    kind: Literal["goods_dispatched"] = "goods_dispatched"
    carrier: str = ""
    tracking: str = ""
    proof_of_dispatch: bool = False


class GoodsReceived(_Event):
    """The goods came back to the shop."""

    kind: Literal["goods_received"] = "goods_received"
    response_key: ClassVar[str | None] = "returns.lifecycle.received"


class InspectedLine(CxModel):
    """The inspection of one returned line: its condition and the deduction for diminished
    value from handling beyond what was needed to establish the nature, characteristics and
    functioning of the goods (Directive 2011/83/EU art. 14(2)).

    Examples:
        >>> InspectedLine(line_id="1", condition="unopened", deduction=Money.of(5, "EUR"))
        Traceback (most recent call last):
        ...
        cxcore.errors.InvalidInputError: line '1': a deduction for diminished value (art. 14(2)) ...
    """

    line_id: NonEmpty
    condition: ItemCondition
    deduction: Money | None = None
    note: str = ""

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.deduction is not None and self.deduction.amount < 0:
            raise InvalidInputError(
                f"line {self.line_id!r}: a deduction cannot be negative, got {self.deduction}"
            )
        if (
            self.deduction
            and self.deduction.amount > 0
            and self.condition not in (ItemCondition.USED, ItemCondition.DAMAGED)
        ):
            raise InvalidInputError(
                f"line {self.line_id!r}: a deduction for diminished value (art. 14(2)) needs "
                "goods handled beyond testing (condition 'used' or 'damaged'), not "
                f"{self.condition.value!r}"
            )
        return self


class ReturnInspected(_Event):
    """The returned goods were inspected, line by line."""

    kind: Literal["inspected"] = "inspected"
    lines: tuple[InspectedLine, ...]
    response_key: ClassVar[str | None] = "returns.lifecycle.inspected"


class RefundIssued(_Event):
    """The money was paid back (``reference``: the payment's id)."""

    kind: Literal["refunded"] = "refunded"
    amount: Money
    reference: str = ""
    response_key: ClassVar[str | None] = "returns.lifecycle.refunded"


class ExchangeIssued(_Event):
    """A replacement or another item was sent instead of a refund. Where the law gives a
    refund, only the consumer may choose this (``consumer_chose``)."""

    kind: Literal["exchanged"] = "exchanged"
    sku: NonEmpty
    reference: str = ""
    consumer_chose: bool = False
    response_key: ClassVar[str | None] = "returns.lifecycle.exchanged"


class StoreCreditIssued(_Event):
    """Store credit instead of a refund; where the law gives a refund, only the consumer may
    choose it (``consumer_chose``)."""

    kind: Literal["store_credit"] = "store_credit"
    amount: Money
    reference: str = ""
    consumer_chose: bool = False
    response_key: ClassVar[str | None] = "returns.lifecycle.store_credit"


class ReturnRejected(_Event):
    """The return was refused (``reason``: a reason code, e.g. ``inspection.not_our_item``)."""

    kind: Literal["rejected"] = "rejected"
    reason: NonEmpty
    note: str = ""
    response_key: ClassVar[str | None] = "returns.lifecycle.rejected"


ReturnEvent = Annotated[
    ReturnRequested
    | ReturnDecided
    | ReturnAuthorised
    | ReturnCancelled
    | GoodsDispatched
    | GoodsReceived
    | ReturnInspected
    | RefundIssued
    | ExchangeIssued
    | StoreCreditIssued
    | ReturnRejected,
    Field(discriminator="kind"),
]
"""Any return event, tagged by ``kind``."""

EVENT_ADAPTER: TypeAdapter[ReturnEvent] = TypeAdapter(ReturnEvent)
"""Reads one event from JSON: ``EVENT_ADAPTER.validate_json(text)``."""
