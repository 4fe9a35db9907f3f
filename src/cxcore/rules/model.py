"""Rules, the subject they look at, the intents they produce and the memo of what fired.

Examples:
    >>> rule = Rule(name="vip damaged", when={"all": [{"path": "customer.segment", "equals": "vip"},
    ...                                              {"any_tag": "damaged"}]},
    ...             actions=[{"do": "set_priority", "priority": "urgent"}])
    >>> rule.fire
    'once'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal, Self

from pydantic import Field, model_validator

from cxcore._model import CxModel, ReadOnlyDict
from cxcore._time import AwareDatetime
from cxcore.complaints.complaint import Complaint
from cxcore.conditions import Condition
from cxcore.errors import RuleError
from cxcore.orders import Order
from cxcore.returns.decision import ReturnDecision
from cxcore.rules.actions import Action
from cxcore.rules.triggers import Trigger
from cxcore.sla.report import SlaReport
from cxcore.tickets import Ticket

__all__ = ["Intent", "Rule", "RuleMemo", "RuleSubject", "RulesOutcome"]


class Rule(CxModel):
    """``when`` the condition holds (and, with ``after``, once the trigger is due), ask for
    ``actions``.

    ``fire`` says how often: ``once`` (default) fires once each time the condition (and the
    trigger's due time) becomes true, and again only after it stopped holding or the due time
    moved; ``on_change`` also fires again when a value the condition reads changes.
    """

    name: Annotated[str, Field(min_length=1)]
    description: str = ""
    when: Condition | None = None
    after: Trigger | None = None
    actions: tuple[Action, ...]
    fire: Literal["once", "on_change"] = "once"

    @model_validator(mode="after")
    def _check(self) -> Self:
        if not self.actions:
            raise RuleError(f"rule {self.name!r} has no actions; give at least one")
        if self.when is None and self.after is None:
            raise RuleError(f"rule {self.name!r} needs a condition (when) or a trigger (after)")
        return self


class RuleSubject(CxModel):
    """What the rules look at: a ticket and/or a complaint, the order, the return decision
    and the ticket's SLA report. ``id`` names the subject in the memo (default: the ticket's
    or complaint's id). Conditions read the roots ``ticket``, ``customer``, ``order``,
    ``complaint``, ``return`` and ``sla``.
    """

    id: str = ""
    ticket: Ticket | None = None
    complaint: Complaint | None = None
    order: Order | None = None
    return_decision: ReturnDecision | None = None
    sla: SlaReport | None = None

    @model_validator(mode="before")
    @classmethod
    def _name(cls, data: Any) -> Any:
        if isinstance(data, Mapping) and not data.get("id"):
            source = data.get("ticket") or data.get("complaint")
            if source is None:
                raise RuleError("a rule subject needs an id, a ticket or a complaint")
            source_id = source.get("id") if isinstance(source, Mapping) else source.id
            return {**data, "id": source_id}
        return data

    def roots(self) -> Mapping[str, object]:
        """The values conditions read, by root name."""
        customer = None
        if self.complaint is not None:
            customer = self.complaint.customer
        elif self.ticket is not None:
            customer = self.ticket.customer
        return {
            "ticket": self.ticket,
            "customer": customer,
            "order": self.order,
            "complaint": self.complaint,
            "return": self.return_decision,
            "sla": self.sla,
        }


class Intent(CxModel):
    """One action a rule asks for, and why it fired.

    Examples:
        >>> Intent(rule="r", action={"do": "add_tag", "tag": "x"}, reason="always").action.tag
        'x'
    """

    rule: str
    action: Action
    reason: str


class RuleMemo(CxModel):
    """What already fired for one subject: rule name -> fingerprint of the firing. The host
    stores it with the subject and passes it back; a rule fires again only when its
    fingerprint changes (see [Rule][cxcore.rules.model.Rule]).

    Examples:
        >>> RuleMemo(subject="T-1").fired
        {}
    """

    subject: str
    fired: ReadOnlyDict[str, str] = Field(default_factory=dict)

    def __hash__(self) -> int:
        return hash((self.subject, tuple(sorted(self.fired.items()))))


class RulesOutcome(CxModel):
    """What `evaluate_rules` found: the intents, the memo to store,
    and when to look again (``None``: only when the subject changes)."""

    intents: tuple[Intent, ...] = ()
    memo: RuleMemo
    next_run_at: AwareDatetime | None = None

    @property
    def fired(self) -> tuple[str, ...]:
        """Names of the rules that fired, in order."""
        return tuple(dict.fromkeys(intent.rule for intent in self.intents))
