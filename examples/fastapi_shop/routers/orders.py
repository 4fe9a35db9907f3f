"""Orders and return decisions under the shop's jurisdiction preset."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException

from cxcore import Order
from cxcore.returns import ReturnDecision, ReturnRequest
from cxcore.returns.lifecycle import ReturnCase, ReturnDecided, ReturnRequested

from ..deps import ClockDep, OrderStoreDep, ReturnStoreDep, ServicesDep
from ..schemas import ReturnCreate, ReturnOut

router = APIRouter(prefix="/orders", tags=["orders and returns"])


@router.put("/{order_id}")
def put_order(order_id: str, order: Order, store: OrderStoreDep) -> Order:
    """Record an order as the shop system sees it (deliveries included)."""
    if order.id != order_id:
        raise HTTPException(422, f"the body is order {order.id!r}, the path says {order_id!r}")
    store.put(order)
    store.session.commit()
    return order


@router.get("/{order_id}")
def read_order(order_id: str, store: OrderStoreDep) -> Order:
    """The order."""
    return store.get(order_id)


@router.post("/{order_id}/returns", status_code=201)
def request_return(
    order_id: str,
    body: ReturnCreate,
    store: OrderStoreDep,
    returns: ReturnStoreDep,
    services: ServicesDep,
    clock: ClockDep,
) -> ReturnOut:
    """Decide a return request now, keep the decision, start the return's event history
    (``/returns/{return_id}``), and explain the decision to the customer.

    Deadlines count working days on the shop's business calendar, so its public holidays
    extend a deadline that ends on one.
    """
    order = store.get(order_id)
    now = clock.now()
    request = ReturnRequest(
        order_id=order.id,
        customer_id=order.customer_id,
        requested_at=now,
        reason=body.reason,
        lines=tuple(body.lines),
        evidence=frozenset(body.evidence),
        note=body.note,
    )
    decision = services.return_policy.evaluate(request, order, at=now, calendar=services.calendar)
    decision_id = store.record_decision(decision)
    return_id = f"R-{decision_id}"
    requested = ReturnRequested(
        sequence=1, at=now, actor="web", return_id=return_id, request=request
    )
    case = ReturnCase.start(requested)
    decided = ReturnDecided(sequence=2, at=now, actor="policy", decision=decision)
    returns.append(case, requested)
    returns.append(case.apply(decided), decided)
    store.session.commit()
    locale = body.locale or services.settings.default_locale
    text = decision.explain(services.catalog, locale, channel=body.channel, order=order)
    return ReturnOut(
        decision_id=decision_id,
        return_id=return_id,
        decision=decision,
        locale=locale,
        subject=text.subject,
        text=text.text,
    )


@router.get("/{order_id}/returns")
def read_decisions(order_id: str, store: OrderStoreDep) -> list[ReturnDecision]:
    """Every return decision taken on the order, exactly as taken."""
    store.get(order_id)
    return store.decisions(order_id)
