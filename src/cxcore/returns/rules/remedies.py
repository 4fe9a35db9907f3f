"""Remedies for goods not in conformity, in their legal order.

Directive (EU) 2019/771 art. 13 and the UK Consumer Rights Act 2015 s. 19-24 put repair or
replacement first. A price reduction or termination (in the UK the final right to reject) comes
only when a repair or replacement has been tried and the goods still do not conform
(2019/771 art. 13(4)(b); CRA s. 24(5)(a)) or, in the EU, when the defect is so serious that an
immediate price reduction or termination is justified (art. 13(4)(c)). The UK's 30-day
short-term right to reject is a right of its own (see the ``UK`` preset). A refund on final
rejection in the UK may be reduced for the use the consumer had of the goods, except within six
months of delivery (s. 24(8)-(10)). Turkish law lets the consumer choose freely among the
remedies (Law No. 6502 art. 11(1)).

[`RemedyHierarchy`][cxcore.returns.rules.remedies.RemedyHierarchy] sits in a conformity right next
to [`ConformityGuarantee`][cxcore.returns.rules.windows.ConformityGuarantee]: it says which remedy
the consumer gets for what they asked (``request.remedy``) and whether money comes back now. A
defect claim therefore never becomes a full refund unless the law gives one.

Examples:
    >>> RemedyHierarchy().scheme
    <RemedyScheme.EU: 'eu'>
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field

from cxcore._model import CxModel
from cxcore._time import instant
from cxcore.orders import Order
from cxcore.returns.legal_dates import DeadlineKind
from cxcore.returns.request import FAULT_REASONS, Remedy, ReturnRequest
from cxcore.returns.rules.base import RuleContext, RuleOutcome

__all__ = ["RemedyHierarchy", "RemedyScheme"]

_REPAIRS = (Remedy.REPAIR, Remedy.REPLACEMENT)
_FINAL = (Remedy.PRICE_REDUCTION, Remedy.TERMINATION)


class RemedyScheme(StrEnum):
    """Which order of remedies applies.

    Examples:
        >>> RemedyScheme("uk").value
        'uk'
    """

    EU = "eu"
    """Directive (EU) 2019/771 art. 13: repair or replacement first."""
    UK = "uk"
    """Consumer Rights Act 2015 s. 23-24: repair or replacement first, final right to reject
    after one failed attempt, deduction for use after six months."""
    FREE_CHOICE = "free_choice"
    """The consumer chooses any remedy (Turkish Law No. 6502 art. 11(1))."""


class RemedyHierarchy(CxModel):
    """The remedy the consumer gets for a lack of conformity.

    Codes: ``remedy.repair_or_replacement`` (pass, no money back),
    ``remedy.repair_or_replacement_first`` (pass, no money back: the consumer asked for money
    before the law gives it), ``remedy.termination`` (pass, money back),
    ``remedy.price_reduction`` (review: the amount is proportionate, art. 15),
    ``remedy.deduction_for_use`` (review, money back less a deduction, CRA s. 24(8)),
    ``remedy.not_a_fault`` and ``remedy.withdrawal_asked`` (not applicable).

    Examples:
        >>> RemedyHierarchy(scheme="uk", no_deduction_months=6).no_deduction_months
        6
    """

    kind: Literal["remedies"] = "remedies"
    scheme: RemedyScheme = RemedyScheme.EU
    repair_reference: str | None = "Directive (EU) 2019/771 art. 13(2)"
    final_reference: str | None = "Directive (EU) 2019/771 art. 13(4), 16(1)"
    deduction_reference: str | None = None
    no_deduction_months: Annotated[int, Field(ge=0, le=120)] = 0

    def evaluate(self, request: ReturnRequest, order: Order, context: RuleContext) -> RuleOutcome:
        """The remedy granted, with every remedy open to the consumer in ``remedies``."""
        if request.reason not in FAULT_REASONS:
            return RuleOutcome.not_applicable("remedy.not_a_fault", reason=request.reason.value)
        asked = request.remedy
        if asked is Remedy.WITHDRAWAL:
            return RuleOutcome.not_applicable("remedy.withdrawal_asked")
        if self.scheme is RemedyScheme.FREE_CHOICE:
            chosen = asked or Remedy.TERMINATION
            return self._grant(chosen, tuple(r for r in (*_REPAIRS, *_FINAL)), True)
        if self.scheme is RemedyScheme.UK:
            final_open = request.remedy_attempts >= 1
        else:
            final_open = request.remedy_attempts >= 1 or request.serious_defect
        open_remedies = (*_REPAIRS, *(_FINAL if final_open else ()))
        wants_money = asked in (Remedy.TERMINATION, Remedy.SHORT_TERM_REJECTION)
        if asked is Remedy.PRICE_REDUCTION or wants_money or (asked is None and final_open):
            if not final_open:
                outcome = RuleOutcome.passed(
                    "remedy.repair_or_replacement_first",
                    asked=(asked or Remedy.TERMINATION).value,
                    attempts=request.remedy_attempts,
                )
                return self._no_money(outcome, Remedy.REPAIR_OR_REPLACEMENT, open_remedies)
            if asked is Remedy.PRICE_REDUCTION:
                outcome = RuleOutcome.review("remedy.price_reduction")
                return self._no_money(outcome, Remedy.PRICE_REDUCTION, open_remedies)
            return self._terminate(request, order, context, open_remedies)
        remedy = asked if asked in _REPAIRS else Remedy.REPAIR_OR_REPLACEMENT
        outcome = RuleOutcome.passed("remedy.repair_or_replacement", remedy=remedy.value)
        return self._no_money(outcome, remedy or Remedy.REPAIR_OR_REPLACEMENT, open_remedies)

    def _no_money(
        self, outcome: RuleOutcome, remedy: Remedy, remedies: tuple[Remedy, ...]
    ) -> RuleOutcome:
        reference = (
            self.final_reference if remedy is Remedy.PRICE_REDUCTION else self.repair_reference
        )
        return outcome.model_copy(
            update={"remedy": remedy, "remedies": remedies, "money_back": False}
        ).cited(reference)

    def _grant(self, remedy: Remedy, remedies: tuple[Remedy, ...], money: bool) -> RuleOutcome:
        code = "remedy.termination" if remedy is Remedy.TERMINATION else "remedy.chosen"
        outcome = RuleOutcome.passed(code, remedy=remedy.value)
        return outcome.model_copy(
            update={"remedy": remedy, "remedies": remedies, "money_back": money}
        ).cited(self.final_reference)

    def _terminate(
        self,
        request: ReturnRequest,
        order: Order,
        context: RuleContext,
        remedies: tuple[Remedy, ...],
    ) -> RuleOutcome:
        if not self.no_deduction_months:
            return self._grant(Remedy.TERMINATION, remedies, True)
        start = _possession(order, context)
        if start is None:
            return self._grant(Remedy.TERMINATION, remedies, True)
        free = context.deadline(
            DeadlineKind.NO_DEDUCTION_FOR_USE_ENDS,
            start,
            self.no_deduction_months,
            months=True,
            event="delivery (or ownership passing or installation, if later)",
            source=self.deduction_reference,
        )
        if context.requested_on <= free.on:
            return self._grant(Remedy.TERMINATION, remedies, True).with_deadlines(free)
        outcome = RuleOutcome.review(
            "remedy.deduction_for_use", months=self.no_deduction_months, ends_on=free.on.isoformat()
        )
        return (
            outcome.model_copy(
                update={"remedy": Remedy.TERMINATION, "remedies": remedies, "money_back": True}
            )
            .with_deadlines(free)
            .cited(self.deduction_reference)
        )


def _possession(order: Order, context: RuleContext) -> datetime | None:
    delivered = order.delivered_at_for(context.line.line_id)
    if delivered is None:
        return None
    line = context.order_line
    events = [delivered, line.ownership_passed_at, line.installed_at]
    return max((e for e in events if e is not None), key=instant)
