"""SLA policies: which targets apply to a ticket, how long each may take, when to warn and escalate.

A :class:`SlaPolicy` is a list of :class:`SlaRule` s. Each rule names the priorities and channels
it covers (none named: any) and holds one :class:`SlaTarget` per metric. For a ticket the most
specific matching rule wins, in this order:

1. a rule that names both the ticket's priority and its channel,
2. a rule that names the priority only,
3. a rule that names the channel only,
4. a default rule that names neither.

Two rules on the same level that both match some priority and channel are a conflict and raise
:class:`~cxcore.errors.PolicyError` when the policy is built, so the winner is never a matter of
rule order. :meth:`SlaPolicy.targets_for` says which rule matched.

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
import math
import re
import tomllib
from collections.abc import Mapping
from datetime import timedelta
from enum import StrEnum
from itertools import combinations, product
from os import PathLike
from pathlib import Path
from typing import Annotated, Any, Self

from pydantic import BeforeValidator, Field, field_validator, model_validator

from cxcore._model import CxModel, FrozenDict, ReadOnlyDict
from cxcore.errors import PolicyError
from cxcore.sla._duration import parse_duration
from cxcore.tickets import Channel, Priority, TicketStatus

__all__ = [
    "DEFAULT_COUNTS_IN",
    "SlaMetric",
    "SlaPolicy",
    "SlaRule",
    "SlaSelection",
    "SlaTarget",
    "parse_duration",
]


class SlaMetric(StrEnum):
    """What an SLA target measures.

    ``first_reply``: creation to the first public agent reply. ``next_reply`` (recurring): the
    oldest unanswered public customer message to the next public agent reply. ``periodic_update``
    (recurring): from one public agent update to the next while the ticket is open.
    ``resolution``: creation to solved; a reopened ticket resumes it. ``requester_wait`` and
    ``agent_work`` measure the same span as ``resolution`` but count different statuses by
    default (see :data:`DEFAULT_COUNTS_IN`).

    >>> SlaMetric("next_reply").recurring
    True
    """

    FIRST_REPLY = "first_reply"
    NEXT_REPLY = "next_reply"
    PERIODIC_UPDATE = "periodic_update"
    RESOLUTION = "resolution"
    REQUESTER_WAIT = "requester_wait"
    AGENT_WORK = "agent_work"

    @property
    def recurring(self) -> bool:
        """True for metrics that start again after each completion (next reply, updates)."""
        return self in (SlaMetric.NEXT_REPLY, SlaMetric.PERIODIC_UPDATE)

    @property
    def is_reply(self) -> bool:
        """True for the metrics a public agent reply completes (what a customer waits for)."""
        return self in (SlaMetric.FIRST_REPLY, SlaMetric.NEXT_REPLY)


_LIVE = (TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING, TicketStatus.ON_HOLD)
_TEAM = (TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.ON_HOLD)

DEFAULT_COUNTS_IN: Mapping[SlaMetric, tuple[TicketStatus, ...]] = {
    SlaMetric.FIRST_REPLY: _TEAM,
    SlaMetric.NEXT_REPLY: _TEAM,
    SlaMetric.PERIODIC_UPDATE: _TEAM,
    SlaMetric.RESOLUTION: _TEAM,
    SlaMetric.REQUESTER_WAIT: _TEAM,
    SlaMetric.AGENT_WORK: (TicketStatus.NEW, TicketStatus.OPEN),
}
"""The statuses in which each metric's clock runs; in any other status it is paused.

``pending`` (waiting on the customer) pauses every clock the team is measured by; the requester
wait counts ``new``, ``open`` and ``on_hold``; agent work counts ``new`` and ``open`` only.
``solved`` and ``closed`` end a measurement rather than pause it (a reopened ticket resumes
``resolution``, ``requester_wait`` and ``agent_work``).

>>> DEFAULT_COUNTS_IN[SlaMetric.AGENT_WORK]
(<TicketStatus.NEW: 'new'>, <TicketStatus.OPEN: 'open'>)
"""

Duration = Annotated[timedelta, BeforeValidator(parse_duration)]

_HANDWRITTEN_DAYS = re.compile(r"^(?!\s*-?P)(?=.*\d\s*[dw])", re.IGNORECASE)


class SlaTarget(CxModel):
    """How long one metric may take, in business or calendar time, and its alert thresholds.

    ``warn_at`` is the share of the target at which a warning is due (0 < warn_at < 1);
    ``escalate_at`` lists further shares past the breach (each > 1, increasing) at which to
    escalate again. The thresholds, in order, are ``(warn_at, 1.0, *escalate_at)``. With
    ``business_hours=False`` the target runs in calendar time (every second counts).

    >>> target = SlaTarget(metric="first_reply", duration="4h", escalate_at=[1.5, 2])
    >>> target.thresholds
    (0.75, 1.0, 1.5, 2.0)
    >>> SlaTarget(metric="first_reply", duration="0m")
    Traceback (most recent call last):
    ...
    cxcore.errors.PolicyError: first_reply target must be longer than zero, got 0:00:00
    """

    metric: SlaMetric
    duration: Duration
    business_hours: bool = True
    warn_at: float = 0.75
    escalate_at: tuple[float, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _refuse_business_days(cls, data: Any) -> Any:
        # "3d" of business time is 72 open hours (nine 8-hour working days), never what the
        # writer meant; business targets are written in hours and minutes.
        if isinstance(data, dict) and data.get("business_hours", True):
            text = data.get("duration")
            # ISO 8601 ("P3D") is how a dumped policy writes any length; only the short
            # hand-written forms are refused.
            if isinstance(text, str) and _HANDWRITTEN_DAYS.match(text):
                raise PolicyError(
                    f"{data.get('metric', 'target')}: {text!r} in business time would count "
                    "24 open hours a day; write business targets in hours (e.g. '24h' for "
                    "three 8-hour working days) or set business_hours = false"
                )
        return data

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.duration <= timedelta(0):
            raise PolicyError(
                f"{self.metric.value} target must be longer than zero, got {self.duration}"
            )
        if not (math.isfinite(self.warn_at) and 0 < self.warn_at < 1):
            raise PolicyError(
                f"{self.metric.value}: warn_at must be a share between 0 and 1 (e.g. 0.75), "
                f"got {self.warn_at}"
            )
        previous = 1.0
        for share in self.escalate_at:
            if not (math.isfinite(share) and share > previous):
                raise PolicyError(
                    f"{self.metric.value}: escalate_at must be increasing shares above 1 "
                    f"(e.g. [1.5, 2.0]), got {list(self.escalate_at)}"
                )
            previous = share
        return self

    @property
    def thresholds(self) -> tuple[float, ...]:
        """Every threshold as a share of the target: warning, breach, then escalations."""
        return (self.warn_at, 1.0, *self.escalate_at)


def _targets_from_mapping(data: Any) -> Any:
    """Accept ``targets = {first_reply = "1h", resolution = {duration = "8h"}}`` as well."""
    if isinstance(data, Mapping) and isinstance(data.get("targets"), Mapping):
        targets = []
        for metric, spec in data["targets"].items():
            if isinstance(spec, Mapping):
                targets.append({"metric": metric, **spec})
            else:
                targets.append({"metric": metric, "duration": spec})
        return {**data, "targets": targets}
    return data


_ENUM_ORDER: dict[StrEnum, int] = {
    **{p: i for i, p in enumerate(Priority)},
    **{c: i for i, c in enumerate(Channel)},
}


class SlaRule(CxModel):
    """Targets for the tickets whose priority and channel the rule covers.

    Empty ``priorities`` or ``channels`` mean any. A rule may hold at most one target per metric;
    a rule with no targets says "no SLA" for the tickets it covers.

    >>> rule = SlaRule(name="chat", channels=["live_chat"], targets={"first_reply": "2m"})
    >>> rule.matches("urgent", "live_chat"), rule.matches("urgent", "email")
    (True, False)
    >>> rule.level
    1
    """

    name: Annotated[str, Field(min_length=1)]
    priorities: tuple[Priority, ...] = ()
    channels: tuple[Channel, ...] = ()
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

    ``counts_in`` overrides :data:`DEFAULT_COUNTS_IN` for the metrics it names; a status left
    out pauses that metric. ``solved`` and ``closed`` cannot be counted: they end measurements.

    >>> policy = SlaPolicy(name="Lean", rules=[{"name": "all", "targets": {"resolution": "16h"}}],
    ...                    counts_in={"resolution": ["new", "open"]})
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
            stopping = [s.value for s in statuses if s not in _LIVE]
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
        for first, second in combinations(self.rules, 2):
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
            if rule.matches(priority, channel) and (best is None or rule.level > best.level):
                best = rule
        # The parts are validated already; model_construct skips validating them again.
        if best is None:
            return SlaSelection.model_construct(priority=priority, channel=channel, rule=None)
        return SlaSelection.model_construct(
            priority=priority, channel=channel, rule=best.name, targets=best.targets
        )

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
