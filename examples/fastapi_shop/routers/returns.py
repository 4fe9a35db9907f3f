"""Returns as event streams: replay a return, see what is due, append the next step.

The decision is taken in ``POST /orders/{id}/returns``, which also starts the return's history
(``requested`` and ``decided``). Here the shop records the rest of its life (label, parcel,
inspection, refund) one event at a time, with the same optimistic concurrency as complaints.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from fastapi import APIRouter, HTTPException
from pydantic import ValidationError

from cxcore.returns.lifecycle import EVENT_ADAPTER, ReturnCase, ReturnEvent, next_actions, reply

from ..deps import ClockDep, OrderStoreDep, ReturnStoreDep, Services, ServicesDep
from ..schemas import EventAppend, ReplyOut, ReturnCaseOut

router = APIRouter(prefix="/returns", tags=["orders and returns"])

_SERVER_FIELDS = frozenset({"sequence", "at", "actor"})


def case_out(
    case: ReturnCase,
    services: Services,
    orders: OrderStoreDep,
    at: datetime,
    event: ReturnEvent | None = None,
    locale: str | None = None,
) -> ReturnCaseOut:
    """The API view of ``case`` at ``at``, with the reply for ``event`` if it has one."""
    order = orders.get(case.request.order_id)
    actions = next_actions(
        case, at=at, policy=services.return_policy, order=order, calendar=services.calendar
    )
    rendered = None
    if event is not None and type(event).response_key is not None:
        language = locale or services.settings.default_locale
        rendered = ReplyOut.of(reply(case, event, services.catalog, language))
    return ReturnCaseOut(
        id=case.id,
        order_id=case.request.order_id,
        version=case.version,
        stage=case.stage,
        decision=case.decision,
        refund_expected=case.refund_expected,
        next_actions=list(actions),
        reply=rendered,
    )


@router.get("/{return_id}")
def read_return(
    return_id: str,
    store: ReturnStoreDep,
    orders: OrderStoreDep,
    services: ServicesDep,
    clock: ClockDep,
) -> ReturnCaseOut:
    """The return replayed from its events, with the next steps and the refund deadline."""
    return case_out(store.load(return_id), services, orders, clock.now())


@router.get("/{return_id}/events")
def read_return_history(return_id: str, store: ReturnStoreDep) -> list[dict[str, Any]]:
    """The return's whole history, as stored."""
    return [json.loads(event.model_dump_json()) for event in store.history(return_id)]


@router.post("/{return_id}/events", status_code=201)
def append_return_event(
    return_id: str,
    body: EventAppend,
    store: ReturnStoreDep,
    orders: OrderStoreDep,
    services: ServicesDep,
    clock: ClockDep,
    locale: str | None = None,
) -> ReturnCaseOut:
    """Append one event (e.g. ``{"kind": "authorised", "rma": "RMA-1",
    "return_shipping_paid_by": "consumer"}``) as number ``expected_version + 1``.

    409 when the return changed since ``expected_version`` or the step is not allowed now
    (for example store credit instead of a refund the law gives, without the consumer's
    choice); the response carries the reply for the customer, in ``locale``.
    """
    case = store.load(return_id)
    given = _SERVER_FIELDS & body.event.keys()
    if given:
        raise HTTPException(422, f"the server sets {', '.join(sorted(given))}; leave them out")
    now = clock.now()
    data = {**body.event, "sequence": body.expected_version + 1, "at": now, "actor": body.actor}
    try:
        event = EVENT_ADAPTER.validate_python(data)
    except ValidationError as exc:
        raise HTTPException(422, json.loads(exc.json(include_url=False))) from None
    updated = case.apply(event)
    store.append(case, event)
    store.session.commit()
    return case_out(updated, services, orders, now, event, locale)
