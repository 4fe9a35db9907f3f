"""Return rules: the [`ReturnRule`][cxcore.returns.ReturnRule] protocol, the values rules produce
and the built-in rules that policies and presets are made of.

Windows ([`windows`][cxcore.returns.rules.windows]):
[`ReturnWindow`][cxcore.returns.rules.ReturnWindow],
[`ConformityGuarantee`][cxcore.returns.rules.ConformityGuarantee]. Conditions
([`conditions`][cxcore.returns.rules.conditions]):
[`CategoryExclusions`][cxcore.returns.rules.CategoryExclusions],
[`ConditionRequirement`][cxcore.returns.rules.ConditionRequirement],
[`DiminishedValue`][cxcore.returns.rules.DiminishedValue],
[`FinalSale`][cxcore.returns.rules.FinalSale],
[`ProofOfPurchase`][cxcore.returns.rules.ProofOfPurchase],
[`EvidenceRequirement`][cxcore.returns.rules.EvidenceRequirement],
[`PartialReturns`][cxcore.returns.rules.PartialReturns]. Terms
([`terms`][cxcore.returns.rules.terms]): [`RestockingFee`][cxcore.returns.rules.RestockingFee],
[`ReturnShipping`][cxcore.returns.rules.ReturnShipping],
[`ReturnDeadline`][cxcore.returns.rules.ReturnDeadline],
[`RefundDeadline`][cxcore.returns.rules.RefundDeadline],
[`DeliveryCostRefund`][cxcore.returns.rules.DeliveryCostRefund]. Remedies
([`remedies`][cxcore.returns.rules.remedies]):
[`RemedyHierarchy`][cxcore.returns.rules.RemedyHierarchy].

Examples:
    >>> sorted(BUILTIN_RULES)[:3]
    ['condition', 'conformity', 'delivery_cost_refund']
"""

from __future__ import annotations

from types import MappingProxyType

from cxcore._model import CxModel
from cxcore.returns.rules.base import (
    BasisKind,
    Fee,
    LegalBasis,
    ParamValue,
    Party,
    ReturnRule,
    RuleContext,
    RuleOutcome,
    RuleStatus,
)
from cxcore.returns.rules.conditions import (
    EXCLUSION_CODES,
    CategoryExclusions,
    ConditionRequirement,
    DiminishedValue,
    EvidenceRequirement,
    FinalSale,
    PartialReturns,
    ProofOfPurchase,
)
from cxcore.returns.rules.remedies import RemedyHierarchy, RemedyScheme
from cxcore.returns.rules.terms import (
    DeliveryCostRefund,
    RefundClock,
    RefundDeadline,
    RestockingFee,
    ReturnDeadline,
    ReturnShipping,
)
from cxcore.returns.rules.windows import ConformityGuarantee, ReturnWindow, WindowStart

__all__ = [
    "BUILTIN_RULES",
    "EXCLUSION_CODES",
    "BasisKind",
    "CategoryExclusions",
    "ConditionRequirement",
    "ConformityGuarantee",
    "DeliveryCostRefund",
    "DiminishedValue",
    "EvidenceRequirement",
    "Fee",
    "FinalSale",
    "LegalBasis",
    "ParamValue",
    "PartialReturns",
    "Party",
    "ProofOfPurchase",
    "RefundClock",
    "RefundDeadline",
    "RemedyHierarchy",
    "RemedyScheme",
    "RestockingFee",
    "ReturnDeadline",
    "ReturnRule",
    "ReturnShipping",
    "ReturnWindow",
    "RuleContext",
    "RuleOutcome",
    "RuleStatus",
    "WindowStart",
]

BUILTIN_RULES: MappingProxyType[str, type[CxModel]] = MappingProxyType(
    {
        cls.model_fields["kind"].default: cls
        for cls in (
            ReturnWindow,
            ConformityGuarantee,
            CategoryExclusions,
            ConditionRequirement,
            DiminishedValue,
            FinalSale,
            ProofOfPurchase,
            EvidenceRequirement,
            PartialReturns,
            RestockingFee,
            ReturnShipping,
            ReturnDeadline,
            RefundDeadline,
            DeliveryCostRefund,
            RemedyHierarchy,
        )
    }
)
"""The built-in rule classes by their ``kind`` (read-only), for loading policies from data."""
