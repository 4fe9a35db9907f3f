"""Return policies: explainable eligibility decisions under the law where the shop sells.

A :class:`ReturnPolicy` combines the statutory rights of a jurisdiction (see
:mod:`cxcore.returns.presets`) with the shop's own rights; :meth:`ReturnPolicy.evaluate` turns a
:class:`ReturnRequest` for an :class:`~cxcore.orders.Order` into a :class:`ReturnDecision` with
an outcome, every reason (code and parameters), deadlines, refunds and the legal basis used.

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
