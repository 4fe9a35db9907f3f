"""SLA policies: which targets apply to a ticket, how long each may take, when to warn and escalate.

A [`SlaPolicy`][cxcore.SlaPolicy] is a list of [`SlaRule`][cxcore.sla.SlaRule] s. Each rule names
the priorities and channels it covers (none named: any) and holds one
[`SlaTarget`][cxcore.SlaTarget] per metric. For a ticket the most specific matching rule wins, in
this order:

1. a rule that names both the ticket's priority and its channel,
2. a rule that names the priority only,
3. a rule that names the channel only,
4. a default rule that names neither.

Two rules on the same level that both match some priority and channel are a conflict and raise
[`PolicyError`][cxcore.errors.PolicyError] when the policy is built, so the winner is never a matter
of rule order. [`SlaPolicy.targets_for`][cxcore.sla.policy.SlaPolicy.targets_for] says which rule
matched.

Rules with a condition (``when``, a [Condition][cxcore.conditions.Condition] over ``ticket``,
``customer`` and ``order`` fields) come first:
[SlaPolicy.select][cxcore.sla.policy.SlaPolicy.select] takes the first of them, in order, whose
condition (and priorities and channels, if named) match the ticket; only when none does, the
priority/channel shorthand above decides.

Examples:
    >>> from datetime import timedelta
    >>> policy = SlaPolicy.from_dict({
    ...     "name": "Standard",
    ...     "rules": [
    ...         {"name": "default", "targets": {"first_reply": "8h", "resolution": "24h"}},
    ...         {"name": "urgent", "priorities": ["urgent"], "targets": {"first_reply": "1h"}},
    ...     ],
    ... })
    >>> selection = policy.targets_for("urgent", "email")
    >>> selection.rule, selection.target("first_reply").duration
    ('urgent', datetime.timedelta(seconds=3600))
    >>> policy.targets_for("low", "email").rule
    'default'
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping, Sequence
from enum import StrEnum
from itertools import combinations, product
from os import PathLike
from pathlib import Path
from typing import Annotated, Any, Self

from pydantic import BaseModel, Field, field_validator, model_validator

from cxcore._model import CxModel, FrozenDict, ReadOnlyDict
from cxcore.conditions import Condition, FieldProvider, check_paths
from cxcore.errors import ConditionError, PolicyError
from cxcore.orders import Order
from cxcore.sla._duration import parse_duration
from cxcore.sla.targets import (
    DEFAULT_COUNTS_IN,
    LIVE_STATUSES,
    SlaMetric,
    SlaTarget,
    _targets_from_mapping,
)
from cxcore.tickets import Channel, Customer, Priority, Ticket, TicketStatus

__all__ = [
    "DEFAULT_COUNTS_IN",
    "SLA_SUBJECT",
    "SlaMetric",
    "SlaPolicy",
    "SlaRule",
    "SlaSelection",
    "SlaTarget",
    "parse_duration",
]


SLA_SUBJECT: Mapping[str, type[BaseModel]] = {
    "ticket": Ticket,
    "customer": Customer,
    "order": Order,
}
"""The roots an SLA rule's condition may read (checked when the policy is built)."""

_ENUM_ORDER: dict[StrEnum, int] = {
    **{p: i for i, p in enumerate(Priority)},
    **{c: i for i, c in enumerate(Channel)},
}


class SlaRule(CxModel):
    """Targets for the tickets whose priority and channel the rule covers.

    Empty ``priorities`` or ``channels`` mean any. A rule may hold at most one target per metric;
    a rule with no targets says "no SLA" for the tickets it covers. ``when`` narrows the rule to
    the tickets a condition matches (see `SlaPolicy.select`).

    Examples:
        >>> rule = SlaRule(name="chat", channels=["live_chat"], targets={"first_reply": "2m"})
        >>> rule.matches("urgent", "live_chat"), rule.matches("urgent", "email")
        (True, False)
        >>> rule.level
        1
    """

    name: Annotated[str, Field(min_length=1)]
    priorities: tuple[Priority, ...] = ()
    channels: tuple[Channel, ...] = ()
    when: Condition | None = None
    targets: tuple[SlaTarget, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _accept_mapping(cls, data: Any) -> Any:
        return _targets_from_mapping(data)

    @model_validator(mode="after")
    def _check(self) -> Self:
        seen: set[SlaMetric] = set()
        for target in self.targets:
            if target.metric in seen:
                raise PolicyError(
                    f"rule {self.name!r} has two {target.metric.value} targets; keep one"
                )
            seen.add(target.metric)
        return self

    @field_validator("priorities", "channels", mode="after")
    @classmethod
    def _canonical_order(cls, values: tuple[StrEnum, ...]) -> tuple[StrEnum, ...]:
        # One order and no repeats, so that equal rules dump to the same JSON.
        return tuple(sorted(set(values), key=lambda v: _ENUM_ORDER[v]))

    @property
    def level(self) -> int:
        """How specific the rule is: 3 names priority and channel, 2 priority, 1 channel, 0 none."""
        if self.priorities:
            return 3 if self.channels else 2
        return 1 if self.channels else 0

    def matches(self, priority: Priority | str, channel: Channel | str) -> bool:
        """True if the rule covers tickets of this priority on this channel."""
        return (not self.priorities or Priority(priority) in self.priorities) and (
            not self.channels or Channel(channel) in self.channels
        )

    def target(self, metric: SlaMetric | str) -> SlaTarget | None:
        """This rule's target for ``metric``, if it has one."""
        wanted = SlaMetric(metric)
        for target in self.targets:
            if target.metric is wanted:
                return target
        return None


class SlaSelection(CxModel):
    """The targets that apply to one priority and channel, and the rule they came from.

    Examples:
        >>> SlaSelection(priority="low", channel="email", rule=None).targets
        ()
    """

    priority: Priority
    channel: Channel
    rule: str | None
    """Name of the rule that matched; ``None`` when no rule covers this priority and channel."""
    targets: tuple[SlaTarget, ...] = ()

    def target(self, metric: SlaMetric | str) -> SlaTarget | None:
        """The target for ``metric``, if the matched rule has one."""
        wanted = SlaMetric(metric)
        for target in self.targets:
            if target.metric is wanted:
                return target
        return None


class SlaPolicy(CxModel):
    """A named set of rules plus which statuses each metric's clock counts.

    ``counts_in`` overrides [`DEFAULT_COUNTS_IN`][cxcore.sla.policy.DEFAULT_COUNTS_IN] for the
    metrics it names; a status left out pauses that metric. ``solved`` and ``closed`` cannot be
    counted: they end measurements.

    Examples:
        >>> policy = SlaPolicy(
        ...     name="Lean",
        ...     rules=[{"name": "all", "targets": {"resolution": "16h"}}],
        ...     counts_in={"resolution": ["new", "open"]},
        ... )
        >>> policy.counts("resolution", "on_hold"), policy.counts("first_reply", "on_hold")
        (False, True)
    """

    name: Annotated[str, Field(min_length=1)]
    rules: tuple[SlaRule, ...] = ()
    counts_in: ReadOnlyDict[SlaMetric, tuple[TicketStatus, ...]] = Field(
        default_factory=lambda: dict(DEFAULT_COUNTS_IN)
    )

    @field_validator("counts_in", mode="after")
    @classmethod
    def _merge_defaults(
        cls, value: dict[SlaMetric, tuple[TicketStatus, ...]]
    ) -> dict[SlaMetric, tuple[TicketStatus, ...]]:
        merged = dict(DEFAULT_COUNTS_IN)
        for metric, statuses in value.items():
            stopping = [s.value for s in statuses if s not in LIVE_STATUSES]
            if stopping:
                raise PolicyError(
                    f"{metric.value} cannot count in {', '.join(stopping)}: solved and closed end "
                    "a measurement; choose from new, open, pending, on_hold"
                )
            if not statuses:
                raise PolicyError(f"{metric.value} must count in at least one status")
            merged[metric] = tuple(s for s in TicketStatus if s in statuses)
        return FrozenDict({metric: merged[metric] for metric in SlaMetric})

    @model_validator(mode="after")
    def _check(self) -> Self:
        names = [rule.name for rule in self.rules]
        for name in names:
            if names.count(name) > 1:
                raise PolicyError(f"policy {self.name!r} has two rules named {name!r}")
        self._check_conflicts()
        return self

    def __hash__(self) -> int:
        # counts_in is a dict (readable in TOML and JSON); hash the canonical JSON instead.
        return hash(self.model_dump_json())

    def _check_conflicts(self) -> None:
        for rule in self.rules:
            if rule.when is not None:
                try:
                    check_paths(rule.when, SLA_SUBJECT)
                except ConditionError as exc:
                    raise PolicyError(f"rule {rule.name!r}: {exc}") from None
        shorthand = [rule for rule in self.rules if rule.when is None]
        for first, second in combinations(shorthand, 2):
            if first.level != second.level:
                continue
            for priority, channel in product(Priority, Channel):
                if first.matches(priority, channel) and second.matches(priority, channel):
                    raise PolicyError(
                        f"rules {first.name!r} and {second.name!r} are equally specific and "
                        f"both match priority {priority.value} on {channel.value}; narrow one "
                        "of them or add a rule naming both the priority and the channel"
                    )

    def counts(self, metric: SlaMetric | str, status: TicketStatus | str) -> bool:
        """True if ``metric``'s clock runs while the ticket has ``status``."""
        return TicketStatus(status) in self.counts_in[SlaMetric(metric)]

    def targets_for(self, priority: Priority | str, channel: Channel | str) -> SlaSelection:
        """The targets for a ticket of this priority on this channel (most specific rule wins).

        Examples:
            >>> policy = SlaPolicy(name="P", rules=[
            ...     {"name": "chat", "channels": ["live_chat"], "targets": {"first_reply": "2m"}},
            ...     {"name": "urgent chat", "priorities": ["urgent"], "channels": ["live_chat"],
            ...      "targets": {"first_reply": "30s"}},
            ... ])
            >>> policy.targets_for("urgent", "live_chat").rule
            'urgent chat'
            >>> policy.targets_for("urgent", "email").rule is None
            True
        """
        priority, channel = Priority(priority), Channel(channel)
        best: SlaRule | None = None
        for rule in self.rules:
            if rule.when is not None:
                continue
            if rule.matches(priority, channel) and (best is None or rule.level > best.level):
                best = rule
        # The parts are validated already; model_construct skips validating them again.
        if best is None:
            return SlaSelection.model_construct(priority=priority, channel=channel, rule=None)
        return SlaSelection.model_construct(
            priority=priority, channel=channel, rule=best.name, targets=best.targets
        )

    def select(
        self,
        ticket: Ticket,
        *,
        priority: Priority | str | None = None,
        order: Order | None = None,
        subject: Mapping[str, object] | None = None,
        fields: Sequence[FieldProvider] = (),
    ) -> SlaSelection:
        """The targets for ``ticket``: the first rule with a matching ``when``, else the
        priority/channel shorthand of `targets_for`.

        Conditions read ``ticket``, ``customer`` and ``order`` (pass it if the ticket has one),
        plus any roots in ``subject`` and integrator ``fields``. ``priority`` defaults to the
        ticket's current priority.

        Examples:
            >>> from datetime import datetime, timezone
            >>> policy = SlaPolicy(name="P", rules=[
            ...     {"name": "default", "targets": {"first_reply": "8h"}},
            ...     {"name": "vip", "when": {"path": "customer.segment", "equals": "vip"},
            ...      "targets": {"first_reply": "30m"}},
            ... ])
            >>> vip = Customer(id="C-1", segment="vip")
            >>> ticket = Ticket(id="T-1", customer=vip, channel="live_chat",
            ...                 created_at=datetime(2026, 5, 4, 9, tzinfo=timezone.utc))
            >>> policy.select(ticket).rule
            'vip'
        """
        chosen = Priority(priority) if priority is not None else ticket.current_priority
        roots: dict[str, object] = {"ticket": ticket, "customer": ticket.customer, "order": order}
        roots.update(subject or {})
        return self.select_for(chosen, ticket.channel, roots, fields=fields)

    def select_for(
        self,
        priority: Priority | str,
        channel: Channel | str,
        roots: Mapping[str, object],
        *,
        fields: Sequence[FieldProvider] = (),
    ) -> SlaSelection:
        """The targets for a ticket of ``priority`` on ``channel`` whose condition roots are
        ``roots`` (what [select][cxcore.sla.policy.SlaPolicy.select] builds from a ticket; a
        root may be a plain mapping of field values).

        Examples:
            >>> policy = SlaPolicy(name="P", rules=[
            ...     {"name": "default", "targets": {"first_reply": "8h"}},
            ...     {"name": "vip", "when": {"path": "customer.segment", "equals": "vip"},
            ...      "targets": {"first_reply": "30m"}},
            ... ])
            >>> policy.select_for("normal", "email", {"customer": {"segment": "vip"}}).rule
            'vip'
        """
        chosen, on = Priority(priority), Channel(channel)
        for rule in self.rules:
            if (
                rule.when is not None
                and rule.matches(chosen, on)
                and rule.when.matches(roots, fields=fields)
            ):
                return SlaSelection.model_construct(
                    priority=chosen, channel=on, rule=rule.name, targets=rule.targets
                )
        return self.targets_for(chosen, on)

    @property
    def metrics(self) -> frozenset[SlaMetric]:
        """Every metric some rule of the policy has a target for."""
        return frozenset(t.metric for rule in self.rules for t in rule.targets)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """Build a policy from plain data, e.g. a parsed TOML or JSON document.

        Targets may be given as a table ``{metric: duration}`` or ``{metric: {duration, ...}}``.
        """
        if not isinstance(data, Mapping):
            raise PolicyError(f"an SLA policy must be a table, got {type(data).__name__}")
        return cls.model_validate(dict(data))

    @classmethod
    def load(cls, path: str | PathLike[str]) -> Self:
        """Read a policy from a ``.toml`` or ``.json`` file.

        A TOML file holds the policy at the top level or under an ``[sla]`` table.
        """
        source = Path(path)
        text = source.read_text(encoding="utf-8")
        try:
            is_json = source.suffix.lower() == ".json"
            data = json.loads(text) if is_json else tomllib.loads(text)
        except (ValueError, tomllib.TOMLDecodeError) as exc:
            raise PolicyError(f"{source}: cannot parse the SLA policy: {exc}") from None
        if isinstance(data, Mapping) and "sla" in data and "rules" not in data:
            data = data["sla"]
        try:
            return cls.from_dict(data)
        except PolicyError as exc:
            exc.add_note(f"in {source}")
            raise
