"""How rule outcomes combine into a right's status and rights into a line decision.

Within a right every rule must pass (AND). Across rights the customer gets the best available
(OR): a line is approved if any right passes, needs review if none passes but one needs review,
and is rejected otherwise. Among the rights that pass, the line is decided on the one giving the
highest net refund (ties: a statutory basis, then the merchant paying return shipping, then the
policy's order), and each term is the most favourable that any passing right gives: no return
deadline beats a later one, the earliest refund date applies, the merchant pays return shipping
if any right says so, and the delivery cost is refunded if any right refunds it. Adding a right
can therefore never take anything away.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from cxcore.money import Money
from cxcore.returns.decision import LineDecision, Outcome, RefundLine, RightResult
from cxcore.returns.legal_dates import Deadline, DeadlineKind
from cxcore.returns.request import Remedy
from cxcore.returns.rules.base import (
    BasisKind,
    Fee,
    LegalBasis,
    Party,
    RuleContext,
    RuleOutcome,
    RuleStatus,
)

_TERM_PREFIXES = ("shipping.", "return.", "refund.", "fee.")


def right_status(outcomes: Sequence[RuleOutcome]) -> RuleStatus:
    """The combined status of one right: not applicable if any rule says so, else the worst."""
    worst = RuleStatus.PASS
    for outcome in outcomes:
        if outcome.status.rank > worst.rank:
            worst = outcome.status
    return worst


@dataclass(frozen=True, slots=True)
class _Terms:
    fees: tuple[Fee, ...]
    return_by: date | None
    refund_due_by: date | None
    waits: bool
    shipping: Party | None
    delivery: bool
    money_back: bool = True
    remedy: Remedy | None = None
    remedies: tuple[Remedy, ...] = ()
    deadlines: tuple[Deadline, ...] = ()


_BASIS_REMEDY = {
    BasisKind.WITHDRAWAL: Remedy.WITHDRAWAL,
    BasisKind.STORE_POLICY: Remedy.WITHDRAWAL,
    BasisKind.SHORT_TERM_REJECTION: Remedy.SHORT_TERM_REJECTION,
    BasisKind.CONFORMITY: Remedy.TERMINATION,
}


def _terms(result: RightResult) -> _Terms:
    outs = [o for o in result.outcomes if o.status is not RuleStatus.NOT_APPLICABLE]
    returns = [o.return_by for o in outs if o.return_by is not None]
    refunds = [o.refund_due_by for o in outs if o.refund_due_by is not None]
    payers = {o.return_shipping_paid_by for o in outs}
    shipping = (
        Party.MERCHANT
        if Party.MERCHANT in payers
        else Party.CONSUMER
        if Party.CONSUMER in payers
        else None
    )
    remedy = next((o.remedy for o in outs if o.remedy is not None), None)
    remedy = remedy or _BASIS_REMEDY[result.basis.kind]
    return _Terms(
        fees=tuple(fee for o in outs for fee in o.fees),
        return_by=min(returns) if returns else None,
        refund_due_by=min(refunds) if refunds else None,
        waits=any(o.refund_waits_for_goods for o in outs),
        shipping=shipping,
        delivery=any(o.refunds_delivery_cost for o in outs),
        money_back=all(o.money_back is not False for o in outs),
        remedy=remedy,
        remedies=next((o.remedies for o in outs if o.remedies), (remedy,)),
        deadlines=tuple(d for o in outs for d in o.deadlines),
    )


_MONEY_DEADLINES = frozenset({DeadlineKind.REFUND_DUE, DeadlineKind.WITHHOLD_REFUND_UNTIL})


def _pending_agreement(result: RightResult) -> RightResult:
    # A refund that runs from the trader's agreement (UK CRA s. 20(15)) has no date while the
    # line still needs review: no agreement has been given yet.
    outcomes = []
    for o in result.outcomes:
        if o.code == "refund.due_by" and o.params.get("on_agreement") is True:
            o = RuleOutcome.passed("refund.after_agreement", days=o.params["days"]).cited(
                o.legal_reference
            )
        outcomes.append(o)
    return result.model_copy(update={"outcomes": tuple(outcomes)})


def _merge_deadlines(chosen: _Terms, others: Sequence[_Terms]) -> tuple[Deadline, ...]:
    # The chosen right's deadlines first; kinds it lacks come from the other candidate rights.
    merged: dict[DeadlineKind, Deadline] = {}
    for terms in (chosen, *others):
        for deadline in terms.deadlines:
            if not chosen.money_back and deadline.kind in _MONEY_DEADLINES:
                continue
            merged.setdefault(deadline.kind, deadline)
    return tuple(sorted(merged.values(), key=lambda d: (d.on, d.kind.value)))


def _net(gross: Money, fees: Sequence[Fee]) -> Money:
    net = gross
    for fee in fees:
        net = net - fee.amount
    return max(net, Money.zero(gross.currency))


def _keep_term(outcome: RuleOutcome, merged: _Terms, kept: set[str]) -> bool:
    code = outcome.code
    if code.startswith("shipping."):
        group, ok = "shipping", outcome.return_shipping_paid_by == merged.shipping
    elif code == "return.send_by":
        group, ok = "return", merged.return_by is not None and outcome.return_by == merged.return_by
    elif code.startswith("return."):
        group, ok = "return", merged.return_by is None
    elif code == "refund.standard_delivery_cost":
        group, ok = "delivery", bool(outcome.refunds_delivery_cost) == merged.delivery
    elif code == "refund.no_delivery_cost":
        group, ok = "delivery", True
    elif code == "refund.delivery_cost":
        group, ok = "delivery", bool(outcome.refunds_delivery_cost) == merged.delivery
    elif code == "refund.due_by":
        group, ok = "refund", outcome.refund_due_by == merged.refund_due_by
    elif code == "refund.after_goods_back":
        group, ok = "refund", merged.refund_due_by is None and merged.waits
    elif code.startswith("refund."):
        group, ok = "refund", merged.refund_due_by is None and not merged.waits
    else:
        return False
    if ok and group not in kept:
        kept.add(group)
        return True
    return False


def _unique(outcomes: Sequence[RuleOutcome]) -> tuple[RuleOutcome, ...]:
    seen: list[RuleOutcome] = []
    for outcome in outcomes:
        if outcome not in seen:
            seen.append(outcome)
    return tuple(seen)


def decide_line(context: RuleContext, results: Sequence[RightResult]) -> LineDecision:
    """Combine every right's result for one line into the line's decision."""
    gross = context.line_total
    applicable = [r for r in results if r.status is not RuleStatus.NOT_APPLICABLE]
    passing = [r for r in applicable if r.status is RuleStatus.PASS]
    review = [r for r in applicable if r.status is RuleStatus.NEEDS_REVIEW]
    if not passing:
        review = [_pending_agreement(r) for r in review]
    candidates = passing or review
    line_id = context.line.line_id
    if not candidates:
        fails = [o for r in applicable for o in r.outcomes if o.status is RuleStatus.FAIL]
        if not applicable:
            fails = [RuleOutcome.failed("basis.none")]
        known = [_terms(r) for r in applicable]
        return LineDecision(
            line_id=line_id,
            outcome=Outcome.REJECTED,
            basis=None,
            reasons=_unique(fails),
            refund=None,
            rights=tuple(results),
            deadlines=_merge_deadlines(known[0], known[1:]) if known else (),
        )
    order = {r.basis.code: index for index, r in enumerate(results)}
    terms = {id(r): _terms(r) for r in candidates}

    def preference(r: RightResult) -> tuple[object, ...]:
        t = terms[id(r)]
        return (
            _net(gross, t.fees).amount if t.money_back else Decimal(-1),
            r.basis.statutory,
            t.shipping is Party.MERCHANT,
            -order[r.basis.code],
        )

    chosen = max(candidates, key=preference)
    # Money terms come only from rights that give money back now; a repair or replacement
    # must not pick up a refund date or a delivery refund from another right. Who pays for
    # sending the goods and by when are merged over every candidate.
    chosen_terms = terms[id(chosen)]
    all_terms = list(terms.values())
    money_terms = [t for t in all_terms if t.money_back == chosen_terms.money_back]
    returns = [t.return_by for t in all_terms]
    refunds = [t.refund_due_by for t in money_terms if t.refund_due_by is not None]
    payers = {t.shipping for t in all_terms}
    merged = _Terms(
        fees=terms[id(chosen)].fees,
        return_by=None if None in returns else max(d for d in returns if d is not None),
        refund_due_by=min(refunds) if refunds else None,
        waits=not refunds and any(t.waits for t in money_terms),
        shipping=Party.MERCHANT
        if Party.MERCHANT in payers
        else Party.CONSUMER
        if Party.CONSUMER in payers
        else None,
        delivery=any(t.delivery for t in money_terms),
    )
    ordered = [chosen, *[r for r in candidates if r is not chosen]]
    if passing:
        outcome = Outcome.APPROVED
        main = [
            o
            for o in chosen.outcomes
            if o.status is RuleStatus.PASS and not o.code.startswith(_TERM_PREFIXES)
        ]
        main += [o for o in chosen.outcomes if o.code.startswith("fee.") and o.fees]
    else:
        outcome = Outcome.NEEDS_REVIEW
        main = [o for r in ordered for o in r.outcomes if o.status is RuleStatus.NEEDS_REVIEW]
    kept: set[str] = set()
    if not chosen_terms.money_back:
        kept.update({"refund", "delivery"})  # no money comes back, so no refund terms
    term_reasons = [o for r in ordered for o in r.outcomes if _keep_term(o, merged, kept)]
    refund = None
    if chosen_terms.money_back:
        refund = RefundLine(
            line_id=line_id,
            quantity=context.line.quantity,
            gross=gross,
            fees=merged.fees,
            net=_net(gross, merged.fees),
            provisional=outcome is Outcome.NEEDS_REVIEW,
        )
    others = [terms[id(r)] for r in ordered[1:]]
    return LineDecision(
        line_id=line_id,
        outcome=outcome,
        basis=chosen.basis,
        reasons=_unique([*main, *term_reasons]),
        refund=refund,
        return_by=merged.return_by,
        refund_due_by=merged.refund_due_by,
        refund_waits_for_goods=merged.waits,
        return_shipping_paid_by=merged.shipping,
        refunds_delivery_cost=merged.delivery and chosen_terms.money_back,
        rights=tuple(results),
        remedy=chosen_terms.remedy,
        remedies=chosen_terms.remedies,
        deadlines=_merge_deadlines(chosen_terms, others),
    )


def basis_result(basis: LegalBasis, outcomes: Sequence[RuleOutcome]) -> RightResult:
    """A right's result from its rules' outcomes."""
    return RightResult(basis=basis, status=right_status(outcomes), outcomes=tuple(outcomes))
