"""Builders the jurisdiction presets share: a statutory withdrawal right, a conformity right and
national wording of the EU list of excluded goods.

Examples:
    >>> right = conformity_right("xx.conformity", "Act s. 1", title="Guarantee",
    ...     liability_months=24, presumption_months=12, reference="Act s. 2",
    ...     refund=RefundDeadline(clock=RefundClock.UNDUE_DELAY))
    >>> right.basis.statutory, [type(rule).__name__ for rule in right.rules]
    (True, ['ConformityGuarantee', 'RemedyHierarchy', 'RefundDeadline'])
"""

from __future__ import annotations

from cxcore.returns.legal_dates import DeadlineKind
from cxcore.returns.policy import ReturnRight
from cxcore.returns.rules import (
    BasisKind,
    CategoryExclusions,
    ConformityGuarantee,
    DeliveryCostRefund,
    DiminishedValue,
    LegalBasis,
    Party,
    RefundClock,
    RefundDeadline,
    ReturnDeadline,
    ReturnShipping,
    ReturnWindow,
)
from cxcore.returns.rules.remedies import RemedyHierarchy

__all__ = ["conformity_right", "national_exclusions", "withdrawal_right"]


def withdrawal_right(
    code: str,
    citation: str,
    *,
    title: str,
    days: int = 14,
    window_ref: str,
    exclusions: CategoryExclusions | None,
    diminished_ref: str | None,
    return_days: int | None,
    return_ref: str | None,
    shipping: Party | None,
    shipping_ref: str | None,
    refund_days: int,
    refund_clock: RefundClock,
    refund_ref: str,
    delivery_ref: str | None,
    extension_ref: str | None = None,
    sending_starts_refund_clock: bool = False,
) -> ReturnRight:
    window = ReturnWindow(
        days=days,
        reference=window_ref,
        deadline=DeadlineKind.WITHDRAWAL_DEADLINE,
        extends_without_info=extension_ref is not None,
        extension_reference=extension_ref,
    )
    rules: list[object] = [window]
    if exclusions is not None:
        rules.append(exclusions)
    if diminished_ref is not None:
        rules.append(DiminishedValue(reference=diminished_ref))
    if return_days is not None:
        rules.append(ReturnDeadline(days=return_days, reference=return_ref))
    if shipping is not None:
        rules.append(
            ReturnShipping(
                paid_by=shipping,
                reference=shipping_ref,
                only_if_informed=shipping is Party.CONSUMER,
            )
        )
    rules.append(
        RefundDeadline(
            days=refund_days,
            clock=refund_clock,
            reference=refund_ref,
            sending_starts_clock=sending_starts_refund_clock,
        )
    )
    if delivery_ref is not None:
        rules.append(DeliveryCostRefund(reference=delivery_ref))
    basis = LegalBasis(
        code=code, kind=BasisKind.WITHDRAWAL, title=title, citation=citation, statutory=True
    )
    return ReturnRight(basis=basis, rules=tuple(rules))


def conformity_right(
    code: str,
    citation: str,
    *,
    title: str,
    liability_months: int | None,
    presumption_months: int,
    reference: str,
    refund: RefundDeadline,
    remedies: RemedyHierarchy | None = None,
) -> ReturnRight:
    basis = LegalBasis(
        code=code, kind=BasisKind.CONFORMITY, title=title, citation=citation, statutory=True
    )
    rule = ConformityGuarantee(
        liability_months=liability_months,
        presumption_months=presumption_months,
        reference=reference,
    )
    return ReturnRight(basis=basis, rules=(rule, remedies or RemedyHierarchy(), refund))


def national_exclusions(act: str) -> CategoryExclusions:
    base = CategoryExclusions.eu()
    return CategoryExclusions(
        categories=base.categories,
        references={cat: f"{act}; {ref}" for cat, ref in base.references.items()},
    )
