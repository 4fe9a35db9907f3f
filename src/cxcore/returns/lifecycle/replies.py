"""The built-in reply for each customer-facing step of a return.

Each customer-facing event names its response (``event.response_key``, in
``cxcore/responses/library/returns`` in en, pl, lv, tr, fi and th);
[`reply`][cxcore.returns.lifecycle.replies.reply] fills it with the values the case knows: the
order, the RMA and carrier, the last day to send the goods, who pays, the art. 14(2) deduction and
the amount refunded or credited. The decision itself is told with
[`explain`][cxcore.returns.decision.ReturnDecision.explain].
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cxcore.errors import InvalidInputError
from cxcore.money import Money
from cxcore.returns.lifecycle.case import ReturnCase
from cxcore.returns.lifecycle.events import (
    RefundIssued,
    ReturnAuthorised,
    ReturnEvent,
    ReturnInspected,
    StoreCreditIssued,
)

if TYPE_CHECKING:
    from cxcore.responses import ResponseCatalog
    from cxcore.responses.catalog import RenderedResponse

__all__ = ["reply", "reply_values"]


def reply_values(case: ReturnCase, event: ReturnEvent) -> dict[str, object]:
    """The values for ``event``'s reply, from the event and the case it belongs to.

    Examples:
        >>> from datetime import datetime, timezone
        >>> from cxcore.returns.request import ReturnLine, ReturnRequest
        >>> from cxcore.returns.lifecycle.events import GoodsReceived, ReturnRequested
        >>> t = datetime(2026, 5, 12, 9, tzinfo=timezone.utc)
        >>> request = ReturnRequest(order_id="O-1", requested_at=t, reason="changed_mind",
        ...                         lines=[ReturnLine(line_id="1", quantity=1)])
        >>> case = ReturnCase.start(ReturnRequested(sequence=1, at=t, actor="web",
        ...                                         return_id="R-1", request=request))
        >>> reply_values(case, GoodsReceived(sequence=2, at=t, actor="warehouse"))
        {'order_id': 'O-1'}
    """
    values: dict[str, object] = {"order_id": case.request.order_id}
    if isinstance(event, ReturnAuthorised):
        return_by = case.decision.return_by if case.decision is not None else None
        values.update(
            rma=event.rma,
            carrier=event.carrier,
            has_carrier="yes" if event.carrier else "no",
            has_return_by="yes" if return_by is not None else "no",
            paid_by=event.return_shipping_paid_by.value,
        )
        if return_by is not None:
            values["return_by"] = return_by
    elif isinstance(event, ReturnInspected):
        deductions = [line.deduction for line in event.lines if line.deduction]
        total: Money | None = None
        for deduction in deductions:
            total = deduction if total is None else total + deduction
        values["has_deduction"] = "yes" if total else "no"
        if total is not None:
            values["deduction"] = total
    elif isinstance(event, RefundIssued | StoreCreditIssued):
        values["amount"] = event.amount
    return values


def reply(
    case: ReturnCase,
    event: ReturnEvent,
    catalog: ResponseCatalog,
    locale: str,
    *,
    channel: str = "email",
) -> RenderedResponse:
    """Render the built-in reply for ``event`` of ``case`` in ``locale``.

    Raises [`InvalidInputError`][cxcore.errors.InvalidInputError] for an event that is not a message
    to the customer (it has no ``response_key``).

    Examples:
        >>> from datetime import datetime, timezone
        >>> from cxcore.responses import builtin_catalog
        >>> from cxcore.returns.request import ReturnLine, ReturnRequest
        >>> from cxcore.returns.lifecycle.events import ReturnCancelled, ReturnRequested
        >>> t = datetime(2026, 5, 12, 9, tzinfo=timezone.utc)
        >>> request = ReturnRequest(order_id="O-1", requested_at=t, reason="changed_mind",
        ...                         lines=[ReturnLine(line_id="1", quantity=1)])
        >>> case = ReturnCase.start(ReturnRequested(sequence=1, at=t, actor="web",
        ...                                         return_id="R-1", request=request))
        >>> cancelled = ReturnCancelled(sequence=2, at=t, actor="web")
        >>> reply(case.apply(cancelled), cancelled, builtin_catalog(), "en").subject
        'Your return for order O-1 is cancelled'
    """
    key = type(event).response_key
    if key is None:
        raise InvalidInputError(
            f"return {case.id!r}: event {event.kind!r} is not a message to the customer"
        )
    declared = catalog.get(key).variables
    values = {k: v for k, v in reply_values(case, event).items() if k in declared}
    return catalog.render(key, locale=locale, channel=channel, values=values)
