"""The return's whole life, event-sourced: request, decision, authorisation (RMA, label,
carrier, who pays), transit, receipt, inspection (with the art. 14(2) deduction) and the
settlement (refund, exchange, store credit) or rejection, with cancellation before dispatch.

Like complaints, a [`ReturnCase`][cxcore.returns.lifecycle.case.ReturnCase] is a fold over its
events, each with ``sequence``, ``at`` and ``actor``;
[`ReturnCase.apply`][cxcore.returns.lifecycle.case.ReturnCase.apply] checks the expected sequence
(optimistic concurrency), the time order, the transition table and the guards.
[`next_actions`][cxcore.returns.lifecycle.actions.next_actions] turns the statutory refund deadline
into a timer the host can query.

Examples:
    >>> from cxcore.returns.lifecycle import ReturnStage
    >>> ReturnStage.RECEIVED.value
    'received'
"""

from __future__ import annotations

from cxcore.returns.lifecycle.actions import ReturnAction, ReturnActionKind, next_actions
from cxcore.returns.lifecycle.case import FINAL_STAGES, TRANSITIONS, ReturnCase, ReturnStage
from cxcore.returns.lifecycle.events import (
    EVENT_ADAPTER,
    ExchangeIssued,
    GoodsDispatched,
    GoodsReceived,
    InspectedLine,
    RefundIssued,
    ReturnAuthorised,
    ReturnCancelled,
    ReturnDecided,
    ReturnEvent,
    ReturnInspected,
    ReturnRejected,
    ReturnRequested,
    StoreCreditIssued,
)
from cxcore.returns.lifecycle.replies import reply, reply_values
from cxcore.returns.lifecycle.rules import law_gives_refund

__all__ = [
    "EVENT_ADAPTER",
    "FINAL_STAGES",
    "TRANSITIONS",
    "ExchangeIssued",
    "GoodsDispatched",
    "GoodsReceived",
    "InspectedLine",
    "RefundIssued",
    "ReturnAction",
    "ReturnActionKind",
    "ReturnAuthorised",
    "ReturnCancelled",
    "ReturnCase",
    "ReturnDecided",
    "ReturnEvent",
    "ReturnInspected",
    "ReturnRejected",
    "ReturnRequested",
    "ReturnStage",
    "StoreCreditIssued",
    "law_gives_refund",
    "next_actions",
    "reply",
    "reply_values",
]
