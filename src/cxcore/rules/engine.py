"""Evaluate automation rules: a pure function of the subject, the time, the rules and the memo.

Examples:
    >>> from datetime import datetime, timedelta, timezone
    >>> from cxcore.tickets import Customer, Ticket
    >>> t0 = datetime(2026, 5, 4, 9, tzinfo=timezone.utc)
    >>> ticket = Ticket(id="T-1", customer=Customer(id="C-1", segment="vip"), channel="email",
    ...                 tags=["damaged"], created_at=t0)
    >>> rules = [Rule(name="vip damaged",
    ...               when={"all": [{"path": "customer.segment", "equals": "vip"},
    ...                             {"any_tag": "damaged"}]},
    ...               actions=[{"do": "set_priority", "priority": "urgent"},
    ...                        {"do": "send_response", "key": "complaint.acknowledge"}])]
    >>> outcome = evaluate_rules(RuleSubject(ticket=ticket), t0, rules)
    >>> [i.action.describe() for i in outcome.intents]
    ["set priority 'urgent'", "send response 'complaint.acknowledge'"]
    >>> outcome.intents[0].reason
    "rule 'vip damaged': (customer.segment equals 'vip') and (ticket.tags has any of ['damaged'])"
    >>> evaluate_rules(RuleSubject(ticket=ticket), t0, rules, memo=outcome.memo).intents
    ()
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from datetime import datetime

from cxcore._time import ensure_aware, instant
from cxcore.conditions import FieldProvider, resolve
from cxcore.errors import RuleError
from cxcore.rules.model import Intent, Rule, RuleMemo, RulesOutcome, RuleSubject
from cxcore.sla.clock import SlaCalendar

__all__ = ["evaluate_rules"]


def _fingerprint(parts: object) -> str:
    text = json.dumps(parts, default=str, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def evaluate_rules(
    subject: RuleSubject,
    now: datetime,
    rules: Iterable[Rule],
    *,
    memo: RuleMemo | None = None,
    calendar: SlaCalendar | None = None,
    fields: Sequence[FieldProvider] = (),
) -> RulesOutcome:
    """The intents of every rule that fires for ``subject`` at ``now``, in rule order.

    ``memo`` is what the last evaluation of this subject returned (``None`` the first time);
    store the outcome's memo and pass it back next time, so a rule fires once per subject and
    condition change. ``calendar`` counts business-hours triggers; ``fields`` are integrator
    fields for the conditions. ``next_run_at`` is the earliest due time of a time-based rule
    whose condition holds but whose trigger is still ahead: evaluate again then.
    """
    now = ensure_aware(now, "now")
    if memo is not None and memo.subject != subject.id:
        raise RuleError(f"the memo is for subject {memo.subject!r}, not {subject.id!r}")
    roots = subject.roots()
    fired = dict(memo.fired) if memo is not None else {}
    intents: list[Intent] = []
    upcoming: list[datetime] = []
    names: set[str] = set()
    for rule in rules:
        if rule.name in names:
            raise RuleError(f"two rules are named {rule.name!r}; names key the memo")
        names.add(rule.name)
        if rule.when is not None and not rule.when.matches(roots, fields=fields):
            fired.pop(rule.name, None)
            continue
        due = None
        if rule.after is not None:
            due = rule.after.due_at(roots, calendar, fields)
            if due is None:
                fired.pop(rule.name, None)
                continue
            if instant(due) > instant(now):
                upcoming.append(due)
                fired.pop(rule.name, None)
                continue
        parts: list[object] = [instant(due).isoformat() if due is not None else None]
        if rule.fire == "on_change" and rule.when is not None:
            parts.extend((path, resolve(path, roots, fields)) for path in sorted(rule.when.paths()))
        stamp = _fingerprint(parts)
        if fired.get(rule.name) == stamp:
            continue
        fired[rule.name] = stamp
        reasons = [rule.when.describe()] if rule.when is not None else []
        if rule.after is not None and due is not None:
            reasons.append(f"{rule.after.describe()} (due {due.isoformat()})")
        reason = f"rule {rule.name!r}: " + "; ".join(reasons)
        intents.extend(
            Intent(rule=rule.name, action=action, reason=reason) for action in rule.actions
        )
    next_run = min(upcoming, key=instant) if upcoming else None
    return RulesOutcome(
        intents=tuple(intents),
        memo=RuleMemo(subject=subject.id, fired=fired),
        next_run_at=next_run,
    )
