"""What the shop should do next on a return, by when, and with which built-in reply.

The statutory refund deadline is a timer:
[`next_actions`][cxcore.returns.lifecycle.actions.next_actions] gives a ``refund`` action due on the
decision's ``refund_due`` day, marked ``late`` once that day has passed. Given the ``policy`` and
``order``, the request is decided again with the facts the events recorded (goods sent, proof of
dispatch, goods received), so refund clocks that run from the goods coming back (UK Consumer
Contracts Regulations 2013 reg. 34(5)-(6), Turkish Distance Contracts Regulation art. 12) get their
date as soon as the goods or the proof arrive, and ``may_withhold_until`` shows the day the trader
may hold the refund to (Directive 2011/83/EU art. 13(3)).
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from cxcore._model import CxModel
from cxcore._time import ensure_aware
from cxcore.orders import Order
from cxcore.returns.deadlines import WorkingDays
from cxcore.returns.decision import Outcome, ReturnDecision
from cxcore.returns.lifecycle.case import ReturnCase, ReturnStage
from cxcore.returns.policy import ReturnPolicy

__all__ = ["ReturnAction", "ReturnActionKind", "next_actions"]


class ReturnActionKind(StrEnum):
    """Something the shop can do on a return.

    Examples:
        >>> ReturnActionKind.REFUND.value
        'refund'
    """

    DECIDE = "decide"
    REVIEW = "review"
    AUTHORISE = "authorise"
    REJECT = "reject"
    AWAIT_GOODS = "await_goods"
    INSPECT = "inspect"
    REFUND = "refund"


class ReturnAction(CxModel):
    """One next step: ``due_on`` is the last day (``None``: no legal deadline), ``late`` says
    it has passed, ``source`` cites the law behind the date, ``response_key`` names the reply
    to send when it is done.

    Examples:
        >>> ReturnAction(action="inspect").late
        False
    """

    action: ReturnActionKind
    due_on: date | None = None
    late: bool = False
    source: str = ""
    response_key: str | None = None
    may_withhold_until: date | None = None


def _current(
    case: ReturnCase,
    policy: ReturnPolicy | None,
    order: Order | None,
    calendar: WorkingDays | None,
) -> ReturnDecision | None:
    decision = case.decision
    if decision is None or policy is None or order is None:
        return decision
    return policy.evaluate(case.current_request, order, at=decision.decided_at, calendar=calendar)


def next_actions(
    case: ReturnCase,
    *,
    at: datetime,
    policy: ReturnPolicy | None = None,
    order: Order | None = None,
    calendar: WorkingDays | None = None,
) -> tuple[ReturnAction, ...]:
    """The next steps on ``case`` as of ``at``, the statutory refund timer first.

    Without ``policy`` and ``order`` the stored decision's dates are used as they are.

    Examples:
        >>> from datetime import datetime, timezone
        >>> from cxcore.returns.request import ReturnLine, ReturnRequest
        >>> from cxcore.returns.lifecycle.events import ReturnRequested
        >>> t = datetime(2026, 5, 12, 9, tzinfo=timezone.utc)
        >>> request = ReturnRequest(order_id="O-1", requested_at=t, reason="changed_mind",
        ...                         lines=[ReturnLine(line_id="1", quantity=1)])
        >>> case = ReturnCase.start(ReturnRequested(sequence=1, at=t, actor="web",
        ...                                         return_id="R-1", request=request))
        >>> [a.action.value for a in next_actions(case, at=t)]
        ['decide']
    """
    ensure_aware(at, "at")
    if case.is_final:
        return ()
    today = policy.jurisdiction.counting.local_date(at) if policy is not None else at.date()
    decision = _current(case, policy, order, calendar)
    actions: list[ReturnAction] = []
    if decision is not None and decision.outcome in (
        Outcome.APPROVED,
        Outcome.PARTIALLY_APPROVED,
    ):
        due = decision.refund_due
        withhold = decision.withhold_refund_until
        if due is not None or case.stage is ReturnStage.INSPECTED:
            actions.append(
                ReturnAction(
                    action=ReturnActionKind.REFUND,
                    due_on=due.on if due else None,
                    late=due is not None and today > due.on,
                    source=due.source if due else "",
                    response_key="returns.lifecycle.refunded",
                    may_withhold_until=withhold.on if withhold else None,
                )
            )
    actions.extend(_stage_actions(case, decision, today))
    return tuple(actions)


def _stage_actions(
    case: ReturnCase, decision: ReturnDecision | None, today: date
) -> list[ReturnAction]:
    stage = case.stage
    if stage is ReturnStage.REQUESTED:
        return [ReturnAction(action=ReturnActionKind.DECIDE)]
    if stage is ReturnStage.DECIDED and decision is not None:
        if decision.outcome is Outcome.NEEDS_REVIEW:
            return [ReturnAction(action=ReturnActionKind.REVIEW)]
        if decision.outcome is Outcome.REJECTED:
            return [
                ReturnAction(
                    action=ReturnActionKind.REJECT, response_key="returns.lifecycle.rejected"
                )
            ]
        return [
            ReturnAction(
                action=ReturnActionKind.AUTHORISE, response_key="returns.lifecycle.authorised"
            )
        ]
    if stage in (ReturnStage.AUTHORISED, ReturnStage.IN_TRANSIT):
        send_by = decision.return_by if decision is not None else None
        waiting = stage is ReturnStage.AUTHORISED and send_by is not None
        return [
            ReturnAction(
                action=ReturnActionKind.AWAIT_GOODS,
                due_on=send_by if waiting else None,
                late=waiting and send_by is not None and today > send_by,
            )
        ]
    if stage is ReturnStage.RECEIVED:
        return [
            ReturnAction(
                action=ReturnActionKind.INSPECT, response_key="returns.lifecycle.inspected"
            )
        ]
    return []
