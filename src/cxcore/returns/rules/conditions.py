"""Conditions on what may come back: category exclusions, the state of the goods, final-sale
items, proof of purchase, evidence and partial quantities.

Examples:
    >>> CategoryExclusions.eu().categories == frozenset(EXCLUSION_CODES)
    True
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Literal

from pydantic import Field

from cxcore._model import CxModel, ReadOnlyDict, SortedSet
from cxcore.orders import Order, ProductCategory
from cxcore.returns.request import (
    Evidence,
    ItemCondition,
    ReturnLine,
    ReturnReason,
    ReturnRequest,
)
from cxcore.returns.rules.base import RuleContext, RuleOutcome

__all__ = [
    "EXCLUSION_CODES",
    "CategoryExclusions",
    "ConditionRequirement",
    "DiminishedValue",
    "EvidenceRequirement",
    "FinalSale",
    "PartialReturns",
    "ProofOfPurchase",
]

EXCLUSION_CODES = MappingProxyType(
    {
        ProductCategory.PERSONALISED: "exclusion.personalised",
        ProductCategory.PERISHABLE: "exclusion.perishable",
        ProductCategory.SEALED_HYGIENE: "exclusion.unsealed_hygiene",
        ProductCategory.SEALED_MEDIA: "exclusion.unsealed_media",
        ProductCategory.DIGITAL_CONTENT: "exclusion.download_started",
        ProductCategory.SERVICE: "exclusion.service_completed",
        ProductCategory.PERIODICAL: "exclusion.periodical",
        ProductCategory.PRICE_FLUCTUATING: "exclusion.price_fluctuating",
    }
)
"""The reason code used when a line of each excludable category is excluded."""

_EU_POINTS = MappingProxyType(
    {
        ProductCategory.PRICE_FLUCTUATING: "b",
        ProductCategory.PERSONALISED: "c",
        ProductCategory.PERISHABLE: "d",
        ProductCategory.SEALED_HYGIENE: "e",
        ProductCategory.SEALED_MEDIA: "i",
        ProductCategory.PERIODICAL: "j",
        ProductCategory.DIGITAL_CONTENT: "m",
        ProductCategory.SERVICE: "a",
    }
)


_CONDITIONS = MappingProxyType(
    {
        ProductCategory.PRICE_FLUCTUATING: "price_depends_on_market",
        ProductCategory.PERSONALISED: "made_to_specification",
        ProductCategory.PERISHABLE: "liable_to_deteriorate",
        ProductCategory.SEALED_HYGIENE: "unsealed_after_delivery_not_cleanable",
        ProductCategory.SEALED_MEDIA: "unsealed_after_delivery",
        ProductCategory.PERIODICAL: "single_issue",
        ProductCategory.DIGITAL_CONTENT: "supply_began_with_consent",
        ProductCategory.SERVICE: "fully_performed_with_consent",
    }
)
"""The condition of the art. 16 exception that held, named in the ``condition`` parameter of
an exclusion reason."""

SLEWO = "CJEU C-681/17 Slewo (27 March 2019)"
MOBEL_KRAFT = "CJEU C-529/19 Möbel Kraft (21 October 2020)"


def _excluded(category: ProductCategory, line: ReturnLine) -> bool:
    if category in (ProductCategory.SEALED_HYGIENE, ProductCategory.SEALED_MEDIA):
        return line.seal_broken
    if category is ProductCategory.DIGITAL_CONTENT:
        return line.download_started
    if category is ProductCategory.SERVICE:
        return line.service_completed
    return True


class CategoryExclusions(CxModel):
    """Lines of the listed categories cannot be returned on this basis.

    Sealed hygiene goods and sealed media are excluded only once unsealed (``seal_broken``),
    digital content once the download began, services once fully performed; the other
    categories always. ``references`` maps a category to the provision that excludes it.

    Each exception applies only where its conditions hold, and the reason names the condition
    (``condition``). Unsealed ``sealed_hygiene`` goods that the trader can make fit for sale
    again by cleaning or disinfecting (``OrderLine.hygiene_cleanable``), such as a mattress
    whose protective film was removed, are not excluded (art. 16(e) as read by CJEU C-681/17
    *Slewo*): the code is ``exclusion.hygiene_cleanable`` (pass). Goods made to the consumer's
    specifications are excluded even before the trader has begun making them (art. 16(c) as
    read by CJEU C-529/19 *Möbel Kraft*), so the personalised exclusion does not depend on
    delivery or production.

    Examples:
        >>> from cxcore.orders import ProductCategory
        >>> rule = CategoryExclusions(categories=[ProductCategory.PERISHABLE])
        >>> ProductCategory.PERISHABLE in rule.categories
        True
    """

    kind: Literal["exclusions"] = "exclusions"
    categories: SortedSet[ProductCategory]
    references: ReadOnlyDict[ProductCategory, str] = Field(default_factory=dict)

    @classmethod
    def eu(cls, act: str = "Directive 2011/83/EU art. 16") -> CategoryExclusions:
        """The exceptions of Directive 2011/83/EU art. 16 (or a national act with the same
        points, named by ``act``).

        Examples:
            >>> CategoryExclusions.eu().references[ProductCategory.PERSONALISED]
            'Directive 2011/83/EU art. 16(c)'
        """
        return cls(
            categories=frozenset(EXCLUSION_CODES),
            references={cat: f"{act}({point})" for cat, point in _EU_POINTS.items()},
        )

    def evaluate(self, request: ReturnRequest, order: Order, context: RuleContext) -> RuleOutcome:
        """Fail with ``exclusion.<what>`` for an excluded line, else ``exclusion.none``."""
        category = context.order_line.category
        if category not in self.categories or not _excluded(category, context.line):
            return RuleOutcome.passed("exclusion.none")
        reference = self.references.get(category)
        if category is ProductCategory.SEALED_HYGIENE and context.order_line.hygiene_cleanable:
            outcome = RuleOutcome.passed("exclusion.hygiene_cleanable", category=category.value)
            return outcome.cited(f"{reference}; {SLEWO}" if reference else SLEWO)
        if category is ProductCategory.PERSONALISED and reference:
            reference = f"{reference}; {MOBEL_KRAFT}"
        return RuleOutcome.failed(
            EXCLUSION_CODES[category], category=category.value, condition=_CONDITIONS[category]
        ).cited(reference)


class ConditionRequirement(CxModel):
    """Only goods in one of the ``allowed`` conditions may come back (a store rule).

    Examples:
        >>> ConditionRequirement().allowed == {ItemCondition.UNOPENED, ItemCondition.OPENED}
        True
    """

    kind: Literal["condition"] = "condition"
    allowed: SortedSet[ItemCondition] = frozenset({ItemCondition.UNOPENED, ItemCondition.OPENED})

    def evaluate(self, request: ReturnRequest, order: Order, context: RuleContext) -> RuleOutcome:
        """``condition.ok`` or ``condition.not_accepted``."""
        condition = context.line.condition
        if condition in self.allowed:
            return RuleOutcome.passed("condition.ok", condition=condition.value)
        return RuleOutcome.failed("condition.not_accepted", condition=condition.value)


class DiminishedValue(CxModel):
    """Withdrawal stays possible for used goods, but the consumer is liable for any diminished
    value from handling beyond what was needed to establish their nature, characteristics and
    functioning (Directive 2011/83/EU art. 14(2)): used or damaged goods need review to assess
    the deduction.

    Examples:
        >>> DiminishedValue().kind
        'diminished_value'
    """

    kind: Literal["diminished_value"] = "diminished_value"
    reference: str | None = None

    def evaluate(self, request: ReturnRequest, order: Order, context: RuleContext) -> RuleOutcome:
        """``condition.ok`` or ``condition.diminished_value`` (review)."""
        condition = context.line.condition
        if condition in (ItemCondition.USED, ItemCondition.DAMAGED):
            return RuleOutcome.review(
                "condition.diminished_value", condition=condition.value
            ).cited(self.reference)
        return RuleOutcome.passed("condition.ok", condition=condition.value)


class FinalSale(CxModel):
    """Lines sold as final sale cannot be returned on this basis (a store rule: it cannot limit
    a statutory right).

    Examples:
        >>> FinalSale().kind
        'final_sale'
    """

    kind: Literal["final_sale"] = "final_sale"

    def evaluate(self, request: ReturnRequest, order: Order, context: RuleContext) -> RuleOutcome:
        """``final_sale.excluded`` or ``final_sale.no``."""
        if context.order_line.final_sale:
            return RuleOutcome.failed("final_sale.excluded")
        return RuleOutcome.passed("final_sale.no")


class ProofOfPurchase(CxModel):
    """The purchase must be proven: the requester is the buyer on record, or sent a receipt.
    Otherwise (a gift, an unknown requester) a person checks.

    Examples:
        >>> ProofOfPurchase().kind
        'proof_of_purchase'
    """

    kind: Literal["proof_of_purchase"] = "proof_of_purchase"

    def evaluate(self, request: ReturnRequest, order: Order, context: RuleContext) -> RuleOutcome:
        """``proof.order_on_record``, ``proof.receipt`` or ``proof.missing`` (review)."""
        if request.customer_id is not None and request.customer_id == order.customer_id:
            return RuleOutcome.passed("proof.order_on_record")
        if Evidence.RECEIPT in request.evidence:
            return RuleOutcome.passed("proof.receipt")
        return RuleOutcome.review("proof.missing")


class EvidenceRequirement(CxModel):
    """Requests for some reasons must come with evidence (e.g. photos of transit damage);
    without it a person reviews the request.

    Examples:
        >>> rule = EvidenceRequirement(required={"damaged_in_transit": ["photos"]})
        >>> rule.required[ReturnReason.DAMAGED_IN_TRANSIT] == {Evidence.PHOTOS}
        True
    """

    kind: Literal["evidence"] = "evidence"
    required: ReadOnlyDict[ReturnReason, SortedSet[Evidence]]

    def evaluate(self, request: ReturnRequest, order: Order, context: RuleContext) -> RuleOutcome:
        """``evidence.ok`` or ``evidence.missing`` (review) naming what is missing."""
        needed = self.required.get(request.reason, frozenset())
        missing = sorted(e.value for e in needed - request.evidence)
        if missing:
            return RuleOutcome.review("evidence.missing", missing=", ".join(missing))
        return RuleOutcome.passed("evidence.ok")


class PartialReturns(CxModel):
    """Whether fewer units than bought may be returned on a line. Sets and multipacks listed in
    ``whole_line_skus`` (or every line when ``allow_partial_quantity`` is false) must come back
    complete.

    Examples:
        >>> PartialReturns(whole_line_skus=["SET-3"]).allow_partial_quantity
        True
    """

    kind: Literal["partial_returns"] = "partial_returns"
    allow_partial_quantity: bool = True
    whole_line_skus: SortedSet[str] = frozenset()

    def evaluate(self, request: ReturnRequest, order: Order, context: RuleContext) -> RuleOutcome:
        """``partial.ok`` or ``partial.whole_line_required``."""
        bought = context.order_line.quantity
        partial = context.line.quantity < bought
        whole_only = not self.allow_partial_quantity or (
            context.order_line.sku in self.whole_line_skus
        )
        if partial and whole_only:
            return RuleOutcome.failed(
                "partial.whole_line_required", quantity=context.line.quantity, bought=bought
            )
        return RuleOutcome.passed("partial.ok", quantity=context.line.quantity, bought=bought)
