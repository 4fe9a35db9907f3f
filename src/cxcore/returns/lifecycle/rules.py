"""The guards of the return lifecycle: what an event needs besides the right stage.

- a new decision replaces one only while that one still needs review;
- authorising needs an approved (or partly approved) decision, and cannot make the consumer pay
  for sending goods back where the decision says the shop pays (Directive 2011/83/EU art. 14(1);
  Directive (EU) 2019/771 art. 14(1)(a); CRA s. 23(2)(a));
- refusing at the decision stage needs a decision that refused;
- an inspection names requested lines, and its art. 14(2) deductions are in the order's currency
  and no larger than the line's price;
- a refund pays exactly what is expected (the decided refund less the deductions);
- exchanges and store credit replace a refund the law gives only when the consumer chose them.

Examples:
    >>> sorted(MONEY_BASES)
    ['short_term_rejection', 'withdrawal']
"""

from __future__ import annotations

from typing import Protocol

from cxcore.errors import InvalidTransitionError
from cxcore.money import Money
from cxcore.returns.decision import Outcome, ReturnDecision
from cxcore.returns.lifecycle.events import (
    ExchangeIssued,
    RefundIssued,
    ReturnAuthorised,
    ReturnDecided,
    ReturnEvent,
    ReturnInspected,
    ReturnRejected,
    StoreCreditIssued,
)
from cxcore.returns.request import MONEY_REMEDIES, ReturnRequest
from cxcore.returns.rules.base import BasisKind, Party

__all__ = ["MONEY_BASES", "CaseView", "check_event", "law_gives_refund"]

MONEY_BASES = frozenset({BasisKind.WITHDRAWAL.value, BasisKind.SHORT_TERM_REJECTION.value})
"""Statutory bases whose remedy is the money back."""

_GRANTED = (Outcome.APPROVED, Outcome.PARTIALLY_APPROVED)


class CaseView(Protocol):
    """What the guards read from a return case."""

    @property
    def id(self) -> str: ...

    @property
    def request(self) -> ReturnRequest: ...

    @property
    def decision(self) -> ReturnDecision | None: ...

    @property
    def refund_expected(self) -> Money | None: ...


def law_gives_refund(decision: ReturnDecision) -> bool:
    """True when an approved line is decided on a statutory right whose remedy is the money back
    (withdrawal, the UK short-term right to reject, or termination for a lack of conformity).

    Examples:
        >>> from datetime import datetime, timezone
        >>> law_gives_refund(ReturnDecision(order_id="O", jurisdiction="EU", outcome="rejected",
        ...     lines=(), decided_at=datetime(2026, 5, 1, tzinfo=timezone.utc),
        ...     refund_total=Money.zero("EUR")))
        False
    """
    for line in decision.lines:
        if line.outcome is not Outcome.APPROVED or line.basis is None:
            continue
        if line.basis.statutory and line.remedy in MONEY_REMEDIES:
            return True
    return False


def _fail(case: CaseView, event: ReturnEvent, problem: str) -> InvalidTransitionError:
    return InvalidTransitionError(f"return {case.id!r}: cannot record {event.kind!r}: {problem}")


def _granted(case: CaseView, event: ReturnEvent) -> ReturnDecision:
    decision = case.decision
    if decision is None or decision.outcome not in _GRANTED:
        outcome = "no decision" if decision is None else f"the decision is {decision.outcome}"
        raise _fail(case, event, f"{outcome}; it needs an approved or partly approved decision")
    return decision


def check_event(case: CaseView, event: ReturnEvent, stage: str) -> None:
    """Raise [`InvalidTransitionError`][cxcore.errors.InvalidTransitionError] if a guard refuses
    ``event`` on ``case`` in ``stage`` (the stage value before the event).

    Examples:
        >>> from datetime import datetime, timezone
        >>> from cxcore.returns.request import ReturnLine, ReturnRequest
        >>> from cxcore.returns.lifecycle.events import RefundIssued
        >>> t = datetime(2026, 5, 12, 9, tzinfo=timezone.utc)
        >>> class Case:
        ...     id = "R-1"
        ...     decision = None
        ...     refund_expected = None
        ...     request = ReturnRequest(order_id="O-1", requested_at=t, reason="changed_mind",
        ...                             lines=[ReturnLine(line_id="1", quantity=1)])
        >>> check_event(Case(), RefundIssued(sequence=3, at=t, actor="a",
        ...             amount=Money.of(5, "EUR")), "decided")
        Traceback (most recent call last):
        ...
        cxcore.errors.InvalidTransitionError: return 'R-1': cannot record 'refunded': no ...
    """
    if isinstance(event, ReturnDecided):
        previous = case.decision
        if previous is not None and previous.outcome is not Outcome.NEEDS_REVIEW:
            raise _fail(case, event, f"the return is already decided ({previous.outcome})")
        if event.decision.order_id != case.request.order_id:
            raise _fail(
                case,
                event,
                f"the decision is for order {event.decision.order_id!r}, the request for "
                f"{case.request.order_id!r}",
            )
    elif isinstance(event, ReturnAuthorised):
        decision = _granted(case, event)
        if (
            decision.return_shipping_paid_by is Party.MERCHANT
            and event.return_shipping_paid_by is Party.CONSUMER
        ):
            raise _fail(case, event, "the decision says the shop pays for sending the goods back")
    elif isinstance(event, ReturnRejected) and stage == "decided":
        # At the decision stage only a refusing decision can be carried out; after inspection
        # the rejection carries its own reason (e.g. not the goods that were sold).
        refused = case.decision
        if refused is not None and refused.outcome is not Outcome.REJECTED:
            raise _fail(case, event, f"the decision is {refused.outcome}, not rejected")
    elif isinstance(event, ReturnInspected):
        _check_inspection(case, event)
    elif isinstance(event, RefundIssued):
        _granted(case, event)
        expected = case.refund_expected
        if expected is not None and event.amount != expected:
            raise _fail(case, event, f"the refund due is {expected}, not {event.amount}")
    elif isinstance(event, ExchangeIssued | StoreCreditIssued):
        decision = _granted(case, event)
        if law_gives_refund(decision) and not event.consumer_chose:
            raise _fail(
                case,
                event,
                "the law gives the consumer their money back; an exchange or store credit "
                "needs the consumer's own choice (consumer_chose=True)",
            )


def _check_inspection(case: CaseView, event: ReturnInspected) -> None:
    requested = {line.line_id: line for line in case.request.lines}
    decision = case.decision
    for inspected in event.lines:
        if inspected.line_id not in requested:
            raise _fail(case, event, f"line {inspected.line_id!r} is not in the request")
        if inspected.deduction is None or decision is None:
            continue
        if inspected.deduction.currency != decision.refund_total.currency:
            raise _fail(
                case,
                event,
                f"line {inspected.line_id!r}: deduction in {inspected.deduction.currency}, the "
                f"refund is in {decision.refund_total.currency}",
            )
        line = next((x for x in decision.lines if x.line_id == inspected.line_id), None)
        if line is not None and line.refund is not None and inspected.deduction > line.refund.net:
            raise _fail(
                case,
                event,
                f"line {inspected.line_id!r}: deduction {inspected.deduction} is more than the "
                f"line's refund {line.refund.net}",
            )
