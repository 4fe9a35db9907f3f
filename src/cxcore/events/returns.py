"""Return events: decided (from a [ReturnDecision][cxcore.returns.decision.ReturnDecision]),
authorised, received and refunded.

The lifecycle events carry generic fields (return id, order id, a reference such as the RMA
number or the parcel, an amount), so any return workflow can emit them; `return_decided`
builds the first from a decision.

Examples:
    >>> from datetime import datetime, timezone
    >>> from cxcore.money import Money
    >>> from cxcore.returns.decision import ReturnDecision
    >>> decision = ReturnDecision(order_id="O-1", jurisdiction="PL", outcome="rejected", lines=(),
    ...     decided_at=datetime(2026, 5, 12, tzinfo=timezone.utc), refund_total=Money.zero("PLN"))
    >>> return_decided(decision, return_id="R-1").outcome
    <Outcome.REJECTED: 'rejected'>
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from cxcore.events.base import DomainEvent, event_id
from cxcore.money import Money
from cxcore.returns.decision import Outcome, ReturnDecision

__all__ = [
    "ReturnAuthorised",
    "ReturnDecided",
    "ReturnEvent",
    "ReturnReceived",
    "ReturnRefunded",
    "return_decided",
]


class _ReturnEvent(DomainEvent):
    order_id: str
    reference: str = ""
    """The RMA number, the parcel's tracking number or the refund's payment reference."""


class ReturnDecided(_ReturnEvent):
    """The return policy decided a request: the outcome, refund total and deadlines, and the
    machine-readable reason codes of every line.

    Examples:
        >>> ReturnDecided.model_fields["type"].default
        'cxcore.return.decided'
    """

    type: Literal["cxcore.return.decided"] = "cxcore.return.decided"
    version: Literal[1] = 1
    outcome: Outcome
    jurisdiction: str
    refund_total: Money
    return_by: date | None = None
    refund_due_by: date | None = None
    reason_codes: tuple[str, ...] = ()


class ReturnAuthorised(_ReturnEvent):
    """The shop authorised sending the goods back (an RMA was issued).

    Examples:
        >>> ReturnAuthorised.model_fields["type"].default
        'cxcore.return.authorised'
    """

    type: Literal["cxcore.return.authorised"] = "cxcore.return.authorised"
    version: Literal[1] = 1
    return_by: date | None = None


class ReturnReceived(_ReturnEvent):
    """The returned goods arrived at the shop.

    Examples:
        >>> ReturnReceived.model_fields["type"].default
        'cxcore.return.received'
    """

    type: Literal["cxcore.return.received"] = "cxcore.return.received"
    version: Literal[1] = 1


class ReturnRefunded(_ReturnEvent):
    """The customer was refunded ``amount``.

    Examples:
        >>> ReturnRefunded.model_fields["type"].default
        'cxcore.return.refunded'
    """

    type: Literal["cxcore.return.refunded"] = "cxcore.return.refunded"
    version: Literal[1] = 1
    amount: Money


ReturnEvent = ReturnDecided | ReturnAuthorised | ReturnReceived | ReturnRefunded
"""Any return event."""


def return_decided(decision: ReturnDecision, *, return_id: str) -> ReturnDecided:
    """The event for ``decision`` on the return ``return_id`` (its id is stable for the same
    decision time)."""
    codes = sorted({str(reason.code) for line in decision.lines for reason in line.reasons})
    return ReturnDecided(
        id=event_id("cxcore.return.decided", return_id, decision.decided_at.isoformat()),
        subject=return_id,
        at=decision.decided_at,
        order_id=decision.order_id,
        outcome=decision.outcome,
        jurisdiction=decision.jurisdiction,
        refund_total=decision.refund_total,
        return_by=decision.return_by,
        refund_due_by=decision.refund_due_by,
        reason_codes=tuple(codes),
    )
