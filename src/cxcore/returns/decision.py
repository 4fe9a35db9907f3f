"""The result of evaluating a return request: per-line decisions, refunds, deadlines, and the
legal basis each line was decided on, with every reason kept machine-readable.

A [`ReturnDecision`][cxcore.ReturnDecision] round-trips through JSON unchanged, so it can be stored
with the ticket and shown again later exactly as decided.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from cxcore._model import CxModel
from cxcore._time import AwareDatetime
from cxcore.errors import InvalidInputError
from cxcore.money import Money
from cxcore.returns.legal_dates import Deadline, DeadlineKind
from cxcore.returns.request import Remedy
from cxcore.returns.rules.base import Fee, LegalBasis, Party, RuleOutcome, RuleStatus

if TYPE_CHECKING:
    from cxcore.orders import Order
    from cxcore.responses import ResponseCatalog
    from cxcore.returns.explain import DecisionText

__all__ = ["LineDecision", "Outcome", "RefundLine", "ReturnDecision", "RightResult"]


class Outcome(StrEnum):
    """The outcome of a line or a whole request.

    ``partially_approved`` is used for a request where some lines are approved and the others
    rejected.

    Examples:
        >>> Outcome("needs_review").value
        'needs_review'
    """

    APPROVED = "approved"
    PARTIALLY_APPROVED = "partially_approved"
    NEEDS_REVIEW = "needs_review"
    REJECTED = "rejected"


class RightResult(CxModel):
    """How one right (one legal basis) judged one line: its combined status and each rule's
    outcome, in rule order.

    Examples:
        >>> from cxcore.returns.rules.base import BasisKind
        >>> basis = LegalBasis(code="store.returns", kind=BasisKind.STORE_POLICY, title="Returns")
        >>> RightResult(basis=basis, status="pass", outcomes=()).status
        <RuleStatus.PASS: 'pass'>
    """

    basis: LegalBasis
    status: RuleStatus
    outcomes: tuple[RuleOutcome, ...]


class RefundLine(CxModel):
    """The money for one line: the price of the returned units, the fees, and what remains.

    Examples:
        >>> line = RefundLine(line_id="1", quantity=1, gross=Money.of(10, "EUR"), fees=(),
        ...                   net=Money.of(10, "EUR"))
        >>> line.net.amount
        Decimal('10')
    """

    line_id: str
    quantity: int
    gross: Money
    fees: tuple[Fee, ...] = ()
    net: Money
    provisional: bool = False
    """True while the line needs review: the amount applies if it is approved."""


class LineDecision(CxModel):
    """The decision for one requested line.

    ``basis`` is the right the line is decided on (``None`` when rejected); ``reasons`` are the
    outcomes worth telling the customer; ``rights`` keeps every right's full result for audit.
    For a line that needs review, ``refund`` (marked ``provisional``) and the dates are what
    applies if it is approved. ``remedy`` is what the consumer gets (a repair or replacement has
    ``refund=None``), ``remedies`` every remedy open to them, and ``deadlines`` the dated
    deadlines with their legal source and counting rule.

    Examples:
        >>> LineDecision(line_id="1", outcome="rejected", basis=None, reasons=(), refund=None,
        ...              rights=()).outcome
        <Outcome.REJECTED: 'rejected'>
    """

    line_id: str
    outcome: Outcome
    basis: LegalBasis | None
    reasons: tuple[RuleOutcome, ...]
    refund: RefundLine | None
    return_by: date | None = None
    refund_due_by: date | None = None
    refund_waits_for_goods: bool = False
    return_shipping_paid_by: Party | None = None
    refunds_delivery_cost: bool = False
    rights: tuple[RightResult, ...]
    remedy: Remedy | None = None
    remedies: tuple[Remedy, ...] = ()
    deadlines: tuple[Deadline, ...] = ()


class ReturnDecision(CxModel):
    """The decision on a whole request.

    ``refund_total`` sums the approved lines' net refunds plus ``delivery_refund`` (the original
    delivery cost, refunded when the whole order comes back on a basis that refunds it).
    ``return_by`` is the earliest last day to send goods back and ``refund_due_by`` the earliest
    refund date over the approved and pending lines. ``provisional_refund_total`` adds the lines
    that need review to ``refund_total``: what is refunded if they are approved (``None`` when no
    line is pending). ``deadlines`` are the earliest deadline of each kind, each with its source and
    counting rule;
    [`withdrawal_deadline`][cxcore.returns.decision.ReturnDecision.withdrawal_deadline],
    [`withhold_refund_until`][cxcore.returns.decision.ReturnDecision.withhold_refund_until],
    [`refund_due`][cxcore.returns.decision.ReturnDecision.refund_due],
    [`guarantee_ends`][cxcore.returns.decision.ReturnDecision.guarantee_ends] and
    [`reverse_burden_ends`][cxcore.returns.decision.ReturnDecision.reverse_burden_ends] pick them
    out.

    Examples:
        >>> from datetime import datetime, timezone
        >>> decision = ReturnDecision(
        ...     order_id="O-1", jurisdiction="EU", outcome="rejected", lines=(),
        ...     decided_at=datetime(2026, 5, 12, tzinfo=timezone.utc),
        ...     refund_total=Money.zero("EUR"))
        >>> ReturnDecision.model_validate_json(decision.model_dump_json()) == decision
        True
    """

    order_id: str
    jurisdiction: str
    decided_at: AwareDatetime
    outcome: Outcome
    lines: tuple[LineDecision, ...]
    refund_total: Money
    delivery_refund: Money | None = None
    return_by: date | None = None
    refund_due_by: date | None = None
    refund_waits_for_goods: bool = False
    return_shipping_paid_by: Party | None = None
    provisional_refund_total: Money | None = None
    deadlines: tuple[Deadline, ...] = ()

    def deadline(self, kind: DeadlineKind | str) -> Deadline | None:
        """The earliest deadline of ``kind`` over the lines that are not rejected (else over
        all lines), or ``None``.

        Examples:
            >>> from datetime import datetime, timezone
            >>> ReturnDecision(order_id="O", jurisdiction="EU", outcome="rejected", lines=(),
            ...     decided_at=datetime(2026, 5, 12, tzinfo=timezone.utc),
            ...     refund_total=Money.zero("EUR")).deadline("refund_due") is None
            True
        """
        wanted = DeadlineKind(kind)
        return next((d for d in self.deadlines if d.kind is wanted), None)

    @property
    def withdrawal_deadline(self) -> Deadline | None:
        """Last day to withdraw (Directive 2011/83/EU art. 9-11)."""
        return self.deadline(DeadlineKind.WITHDRAWAL_DEADLINE)

    @property
    def withhold_refund_until(self) -> Deadline | None:
        """The day until which the trader may withhold the refund (art. 13(3))."""
        return self.deadline(DeadlineKind.WITHHOLD_REFUND_UNTIL)

    @property
    def refund_due(self) -> Deadline | None:
        """Last day for the refund."""
        return self.deadline(DeadlineKind.REFUND_DUE)

    @property
    def guarantee_ends(self) -> Deadline | None:
        """Last day of the legal guarantee (Directive (EU) 2019/771 art. 10(1))."""
        return self.deadline(DeadlineKind.GUARANTEE_ENDS)

    @property
    def reverse_burden_ends(self) -> Deadline | None:
        """Last day of the presumption of non-conformity at delivery (2019/771 art. 11)."""
        return self.deadline(DeadlineKind.REVERSE_BURDEN_ENDS)

    @property
    def reasons(self) -> tuple[RuleOutcome, ...]:
        """Every line's reasons, in line order."""
        return tuple(reason for line in self.lines for reason in line.reasons)

    @property
    def bases(self) -> tuple[LegalBasis, ...]:
        """The distinct bases the lines were decided on, in line order."""
        seen: dict[str, LegalBasis] = {}
        for line in self.lines:
            if line.basis is not None:
                seen.setdefault(line.basis.code, line.basis)
        return tuple(seen.values())

    def line(self, line_id: str) -> LineDecision:
        """The decision for ``line_id``; [`InvalidInputError`][cxcore.errors.InvalidInputError] if
        the request did not include that line."""
        for line in self.lines:
            if line.line_id == line_id:
                return line
        raise InvalidInputError(f"decision for order {self.order_id!r} has no line {line_id!r}")

    def explain(
        self,
        catalog: ResponseCatalog,
        locale: str,
        *,
        channel: str = "email",
        order: Order | None = None,
    ) -> DecisionText:
        """Render this decision for the customer (see
        [`cxcore.returns.explain.explain`][cxcore.returns.explain.explain]).

        Examples:
            >>> from datetime import datetime, timezone
            >>> from cxcore.responses import ResponseCatalog
            >>> from cxcore.responses.catalog import library_path
            >>> catalog = ResponseCatalog(library_path() / "returns")
            >>> decision = ReturnDecision(
            ...     order_id="O-1", jurisdiction="EU", outcome="rejected", lines=(),
            ...     decided_at=datetime(2026, 5, 12, tzinfo=timezone.utc),
            ...     refund_total=Money.zero("EUR"))
            >>> decision.explain(catalog, "en").subject
            'About your return for order O-1'
        """
        from cxcore.returns.explain import explain

        return explain(self, catalog, locale, channel=channel, order=order)
