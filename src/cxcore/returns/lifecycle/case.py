"""The return's whole life as a fold over its events, with optimistic concurrency.

``requested -> decided -> authorised -> in_transit -> received -> inspected`` and then ``refunded``,
``exchanged``, ``store_credit`` or ``rejected``; ``cancelled`` before anything was sent. A
[`ReturnCase`][cxcore.returns.lifecycle.case.ReturnCase] is never edited:
[`ReturnCase.apply`][cxcore.returns.lifecycle.case.ReturnCase.apply] checks an event against
[`TRANSITIONS`][cxcore.returns.lifecycle.case.TRANSITIONS], the guards, the expected sequence number
and the time order, and returns a new case;
[`ReturnCase.replay`][cxcore.returns.lifecycle.case.ReturnCase.replay] rebuilds one from its
history, so a host stores the events append-only and always gets the same state back. The case's
``events`` read as a tuple but grow in place, sharing what came before with the case they came
from: an apply costs the same at any length, and replaying or loading folds each event once.

Examples:
    >>> from datetime import datetime, timezone
    >>> from cxcore.returns.request import ReturnLine, ReturnRequest
    >>> from cxcore.returns.lifecycle.events import ReturnRequested, ReturnCancelled
    >>> t = datetime(2026, 5, 12, 9, tzinfo=timezone.utc)
    >>> request = ReturnRequest(order_id="O-1", requested_at=t, reason="changed_mind",
    ...                         lines=[ReturnLine(line_id="1", quantity=1)])
    >>> case = ReturnCase.start(ReturnRequested(sequence=1, at=t, actor="web", return_id="R-1",
    ...                                         request=request))
    >>> case.stage, case.next_sequence
    (<ReturnStage.REQUESTED: 'requested'>, 2)
    >>> case.apply(ReturnCancelled(sequence=3, at=t, actor="web"))
    Traceback (most recent call last):
    ...
    cxcore.errors.SequenceConflictError: return 'R-1': expected sequence 2, got 3; ...
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from enum import StrEnum
from types import MappingProxyType
from typing import Any, Self

from pydantic import model_validator

from cxcore._history import History, check_next
from cxcore._model import CxModel
from cxcore.errors import (
    InvalidInputError,
    InvalidTransitionError,
)
from cxcore.money import Money
from cxcore.returns.decision import Outcome, ReturnDecision
from cxcore.returns.lifecycle.events import (
    ExchangeIssued,
    GoodsDispatched,
    GoodsReceived,
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
from cxcore.returns.lifecycle.rules import check_event
from cxcore.returns.request import ReturnRequest

__all__ = ["FINAL_STAGES", "TRANSITIONS", "ReturnCase", "ReturnStage"]


class ReturnStage(StrEnum):
    """Where a return is in its life.

    Examples:
        >>> ReturnStage.IN_TRANSIT.value
        'in_transit'
    """

    REQUESTED = "requested"
    DECIDED = "decided"
    AUTHORISED = "authorised"
    IN_TRANSIT = "in_transit"
    RECEIVED = "received"
    INSPECTED = "inspected"
    REFUNDED = "refunded"
    EXCHANGED = "exchanged"
    STORE_CREDIT = "store_credit"
    REJECTED = "rejected"
    CANCELLED = "cancelled"


FINAL_STAGES = frozenset(
    {
        ReturnStage.REFUNDED,
        ReturnStage.EXCHANGED,
        ReturnStage.STORE_CREDIT,
        ReturnStage.REJECTED,
        ReturnStage.CANCELLED,
    }
)
"""Stages a return does not leave."""

_S = ReturnStage
_SETTLE = {"refunded": _S.REFUNDED, "exchanged": _S.EXCHANGED, "store_credit": _S.STORE_CREDIT}
_GOODS_OUT = (_S.DECIDED, _S.AUTHORISED, _S.IN_TRANSIT, _S.RECEIVED, _S.INSPECTED)
TRANSITIONS: Mapping[tuple[ReturnStage, str], ReturnStage] = MappingProxyType(
    {
        (_S.REQUESTED, "decided"): _S.DECIDED,
        (_S.DECIDED, "decided"): _S.DECIDED,
        (_S.DECIDED, "authorised"): _S.AUTHORISED,
        (_S.DECIDED, "rejected"): _S.REJECTED,
        (_S.AUTHORISED, "goods_dispatched"): _S.IN_TRANSIT,
        (_S.AUTHORISED, "goods_received"): _S.RECEIVED,
        (_S.IN_TRANSIT, "goods_received"): _S.RECEIVED,
        (_S.RECEIVED, "inspected"): _S.INSPECTED,
        (_S.INSPECTED, "rejected"): _S.REJECTED,
        **{(_S.REQUESTED, "cancelled"): _S.CANCELLED},
        **{(s, "cancelled"): _S.CANCELLED for s in (_S.DECIDED, _S.AUTHORISED)},
        # A refund may be paid before the goods are back (it must be, once proof of dispatch
        # arrived: Directive 2011/83/EU art. 13(3)); exchanges and store credit too, and a
        # repair or replacement needs no inspection first.
        **{(s, kind): target for s in _GOODS_OUT for kind, target in _SETTLE.items()},
    }
)
"""Every allowed (stage, event kind) -> stage. Guards are in
[`cxcore.returns.lifecycle.rules`][cxcore.returns.lifecycle.rules]."""


class ReturnCase(CxModel):
    """A return: the request, the latest decision and what happened since, folded from events.

    ``refund_expected`` is the decided refund less the inspection's art. 14(2) deductions;
    [`current_request`][cxcore.returns.lifecycle.case.ReturnCase.current_request] is the request
    with the dispatch and receipt facts the events recorded, ready to be decided again (see
    [`next_actions`][cxcore.returns.lifecycle.actions.next_actions]).
    """

    id: str
    stage: ReturnStage
    request: ReturnRequest
    decision: ReturnDecision | None = None
    rma: str | None = None
    authorised: ReturnAuthorised | None = None
    dispatched_at: datetime | None = None
    proof_of_dispatch_at: datetime | None = None
    received_at: datetime | None = None
    inspection: ReturnInspected | None = None
    settled: RefundIssued | ExchangeIssued | StoreCreditIssued | None = None
    rejection: ReturnRejected | None = None
    events: History[ReturnEvent]

    @model_validator(mode="after")
    def _matches_events(self) -> Self:
        # A case read back from JSON must be exactly the fold of its events.
        rebuilt = ReturnCase.replay(self.events)
        for name in type(self).model_fields:
            if getattr(rebuilt, name) != getattr(self, name):
                raise InvalidInputError(
                    f"return {self.id!r}: field {name!r} does not match its events "
                    f"(events give {getattr(rebuilt, name)!r})"
                )
        return self

    # -- building ------------------------------------------------------------------------------

    @classmethod
    def start(cls, event: ReturnRequested) -> ReturnCase:
        """A new case from its requested event."""
        if not isinstance(event, ReturnRequested):
            raise InvalidTransitionError(
                f"a return's history starts with a 'requested' event, got {event.kind!r}"
            )
        fields = {name: info.get_default() for name, info in cls.model_fields.items()}
        fields.update(
            id=event.return_id,
            stage=ReturnStage.REQUESTED,
            request=event.request,
            events=History((event,)),
        )
        return cls.model_construct(**fields)

    @classmethod
    def replay(cls, events: Iterable[ReturnEvent]) -> ReturnCase:
        """Rebuild a case from its whole history, checking every event as it goes.

        Examples:
            >>> ReturnCase.replay([])
            Traceback (most recent call last):
            ...
            cxcore.errors.InvalidTransitionError: a return's history cannot be empty
        """
        iterator = iter(events)
        first = next(iterator, None)
        if first is None:
            raise InvalidTransitionError("a return's history cannot be empty")
        if not isinstance(first, ReturnRequested):
            raise InvalidTransitionError(
                f"a return's history starts with a 'requested' event, got {first.kind!r}"
            )
        case = cls.start(first)
        for event in iterator:
            case = case.apply(event)
        return case

    @property
    def version(self) -> int:
        """The sequence number of the last event."""
        return len(self.events)

    @property
    def next_sequence(self) -> int:
        """The sequence number the next event must carry."""
        return len(self.events) + 1

    @property
    def is_final(self) -> bool:
        """True once the return is refunded, exchanged, credited, rejected or cancelled."""
        return self.stage in FINAL_STAGES

    @property
    def refund_expected(self) -> Money | None:
        """The decided refund less the inspection's deductions, or ``None`` before a decision
        that gives money back."""
        if self.decision is None or self.decision.outcome not in (
            Outcome.APPROVED,
            Outcome.PARTIALLY_APPROVED,
        ):
            return None
        total = self.decision.refund_total
        if self.inspection is not None:
            for line in self.inspection.lines:
                if line.deduction is not None:
                    total = total - line.deduction
        return max(total, Money.zero(total.currency))

    @property
    def current_request(self) -> ReturnRequest:
        """The request with the dispatch, proof and receipt times the events recorded."""
        update: dict[str, Any] = {}
        if self.dispatched_at is not None:
            update["goods_sent_at"] = self.dispatched_at
        if self.proof_of_dispatch_at is not None:
            update["dispatch_proof_at"] = self.proof_of_dispatch_at
        if self.received_at is not None:
            update["goods_received_at"] = self.received_at
        return self.request.model_copy(update=update) if update else self.request

    # -- applying ------------------------------------------------------------------------------

    def apply(self, event: ReturnEvent) -> ReturnCase:
        """Check ``event`` and return the case after it.

        Raises [`SequenceConflictError`][cxcore.errors.SequenceConflictError] unless
        ``event.sequence`` is
        [`next_sequence`][cxcore.returns.lifecycle.case.ReturnCase.next_sequence] (someone else
        appended first: reload and retry),
        [`TimelineError`][cxcore.errors.TimelineError] if it is earlier than the last event, and
        [`InvalidTransitionError`][cxcore.errors.InvalidTransitionError] if the stage does not
        allow it or a guard refuses it.

        Examples:
            >>> from datetime import datetime, timezone
            >>> from cxcore.returns.request import ReturnLine, ReturnRequest
            >>> from cxcore.returns.lifecycle.events import GoodsReceived, ReturnRequested
            >>> t = datetime(2026, 5, 12, 9, tzinfo=timezone.utc)
            >>> request = ReturnRequest(order_id="O-1", requested_at=t, reason="changed_mind",
            ...                         lines=[ReturnLine(line_id="1", quantity=1)])
            >>> case = ReturnCase.start(ReturnRequested(sequence=1, at=t, actor="web",
            ...                                         return_id="R-1", request=request))
            >>> case.apply(GoodsReceived(sequence=2, at=t, actor="warehouse"))
            Traceback (most recent call last):
            ...
            cxcore.errors.InvalidTransitionError: return 'R-1': 'goods_received' is not possible ...
        """
        if isinstance(event, ReturnRequested):
            raise InvalidTransitionError(
                f"return {self.id!r} already exists; a 'requested' event only starts a history"
            )
        check_next(f"return {self.id!r}", event, self.events[-1], self.next_sequence)
        target = TRANSITIONS.get((self.stage, event.kind))
        if target is None:
            allowed = sorted(kind for (stage, kind) in TRANSITIONS if stage is self.stage)
            raise InvalidTransitionError(
                f"return {self.id!r}: {event.kind!r} is not possible in stage "
                f"{self.stage.value!r}; allowed: {', '.join(allowed) or 'nothing (it is final)'}"
            )
        check_event(self, event, self.stage.value)
        # The history grows in place: O(1) however long it is (a case made with
        # model_construct or model_copy may hold a plain tuple: that one is copied once).
        events = History.of(self.events).appended(event)
        update: dict[str, Any] = {"stage": target, "events": events}
        update.update(_effects(event))
        return self.model_copy(update=update)


def _effects(event: ReturnEvent) -> dict[str, Any]:
    if isinstance(event, ReturnDecided):
        return {"decision": event.decision}
    if isinstance(event, ReturnAuthorised):
        return {"rma": event.rma, "authorised": event}
    if isinstance(event, GoodsDispatched):
        proof = {"proof_of_dispatch_at": event.at} if event.proof_of_dispatch else {}
        return {"dispatched_at": event.at, **proof}
    if isinstance(event, GoodsReceived):
        return {"received_at": event.at}
    if isinstance(event, ReturnInspected):
        return {"inspection": event}
    if isinstance(event, RefundIssued | ExchangeIssued | StoreCreditIssued):
        return {"settled": event}
    if isinstance(event, ReturnRejected):
        return {"rejection": event}
    if isinstance(event, ReturnCancelled):
        return {}
    raise InvalidTransitionError(  # pragma: no cover - every kind is handled above
        f"unknown return event kind {event.kind!r}"
    )
