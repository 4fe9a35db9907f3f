"""Return policies: explainable eligibility decisions under the law where the shop sells.

A [`ReturnPolicy`][cxcore.ReturnPolicy] combines the statutory rights of a jurisdiction (see
[`cxcore.returns.presets`][cxcore.returns.presets]) with the shop's own rights;
[`ReturnPolicy.evaluate`][cxcore.returns.policy.ReturnPolicy.evaluate] turns a
[`ReturnRequest`][cxcore.ReturnRequest] for an [`Order`][cxcore.Order] into a
[`ReturnDecision`][cxcore.ReturnDecision] with an outcome, every reason (code and parameters),
deadlines, refunds and the legal basis used.

Examples:
    >>> from cxcore.returns import presets
    >>> presets.policy("EU").jurisdiction.name
    'European Union'
"""

from __future__ import annotations

from cxcore.returns.deadlines import PeriodCounting, WorkingDays
from cxcore.returns.decision import LineDecision, Outcome, RefundLine, ReturnDecision, RightResult
from cxcore.returns.legal_dates import Deadline, DeadlineKind
from cxcore.returns.loader import load_policy, load_policy_file, policy_to_dict
from cxcore.returns.policy import Jurisdiction, ReturnPolicy, ReturnRight
from cxcore.returns.request import (
    FAULT_REASONS,
    MONEY_REMEDIES,
    Evidence,
    ItemCondition,
    Remedy,
    ReturnLine,
    ReturnReason,
    ReturnRequest,
)
from cxcore.returns.rules import (
    BasisKind,
    Fee,
    LegalBasis,
    Party,
    ReturnRule,
    RuleContext,
    RuleOutcome,
    RuleStatus,
)

__all__ = [
    "FAULT_REASONS",
    "MONEY_REMEDIES",
    "BasisKind",
    "Deadline",
    "DeadlineKind",
    "Evidence",
    "Fee",
    "ItemCondition",
    "Jurisdiction",
    "LegalBasis",
    "LineDecision",
    "Outcome",
    "Party",
    "PeriodCounting",
    "RefundLine",
    "Remedy",
    "ReturnDecision",
    "ReturnLine",
    "ReturnPolicy",
    "ReturnReason",
    "ReturnRequest",
    "ReturnRight",
    "ReturnRule",
    "RightResult",
    "RuleContext",
    "RuleOutcome",
    "RuleStatus",
    "WorkingDays",
    "load_policy",
    "load_policy_file",
    "policy_to_dict",
]
