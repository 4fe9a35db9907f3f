"""Automation rules: conditions and time triggers -> explainable intents, and when to look again.

A [Rule][cxcore.rules.model.Rule] is data (``when`` a
[condition][cxcore.conditions.Condition] holds, optionally ``after`` a time trigger, ask for
``actions``). [evaluate_rules][cxcore.rules.engine.evaluate_rules] is a pure function of the
subject, the time, the rules and the memo of what already fired: it returns
[intents][cxcore.rules.model.Intent] with the reason each fired, the new memo, and
``next_run_at`` for the host's scheduler. The host carries the intents out.

Examples:
    >>> from cxcore.rules import Rule
    >>> Rule(name="x", when={"any_tag": "damaged"}, actions=[]).name
    Traceback (most recent call last):
    ...
    cxcore.errors.RuleError: rule 'x' has no actions; give at least one
"""

from __future__ import annotations

from cxcore.rules.actions import (
    Action,
    AddTag,
    AssignGroup,
    EscalateComplaint,
    Notify,
    OpenReturn,
    RemoveTag,
    SendResponse,
    SetPriority,
    parse_action,
)
from cxcore.rules.engine import evaluate_rules
from cxcore.rules.model import Intent, Rule, RuleMemo, RulesOutcome, RuleSubject
from cxcore.rules.triggers import HoursSince, NoCustomerReply, SlaElapsed, Trigger, parse_trigger

__all__ = [
    "Action",
    "AddTag",
    "AssignGroup",
    "EscalateComplaint",
    "HoursSince",
    "Intent",
    "NoCustomerReply",
    "Notify",
    "OpenReturn",
    "RemoveTag",
    "Rule",
    "RuleMemo",
    "RuleSubject",
    "RulesOutcome",
    "SendResponse",
    "SetPriority",
    "SlaElapsed",
    "Trigger",
    "evaluate_rules",
    "parse_action",
    "parse_trigger",
]
