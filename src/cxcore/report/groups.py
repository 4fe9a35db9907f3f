"""Breakdowns of a report by one field: ``cxcore report --by brand|tag|group|agent|...``.

Where a group's value comes from (`GROUP_FIELDS`): the row's own field of that name
first (a CSV column, or a vendor export's brand, group and agent), then the ticket: ``tag``
(each tag; a ticket with several tags counts in each), ``channel``, ``priority`` (current),
``status``, ``locale``, ``segment`` (the customer's), ``group`` (the last assignment's group),
``agent`` (the current assignee). Any other name is looked up in the row's fields, so a CSV
column can be used as it is: ``--by Brand``. A ticket without a value is in ``(none)``.

Examples:
    >>> from datetime import UTC, datetime
    >>> from cxcore.tickets import Customer, Ticket
    >>> ticket = Ticket(id="T-1", customer=Customer(id="C-1"), channel="email",
    ...                 tags=frozenset({"vip", "returns"}),
    ...                 created_at=datetime(2026, 11, 23, 9, tzinfo=UTC))
    >>> group_keys("tag", ticket, {}), group_keys("brand", ticket, {"brand": "Acme"})
    (['returns', 'vip'], ['Acme'])
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import timedelta
from typing import TypeVar

from cxcore.metrics.attainment import AttainmentAccumulator
from cxcore.metrics.durations import DurationAccumulator
from cxcore.metrics.quality import FcrAccumulator
from cxcore.metrics.timing import TIMING_DEFINITIONS, TicketTiming
from cxcore.report._measure import Measured
from cxcore.report.results import GroupBreakdown, GroupRow
from cxcore.sla.policy import SlaMetric
from cxcore.sla.report import SlaReport, SlaState
from cxcore.tickets import Assignment, Channel, Priority, Ticket

__all__ = ["GROUP_FIELDS", "GROUP_LIMIT", "NONE", "OTHER", "GroupAccumulator", "group_keys"]

_S = TypeVar("_S")

GROUP_LIMIT = 1_000
"""Distinct groups kept per breakdown; further values are counted under ``(other)``."""

NONE = "(none)"
"""The group of tickets that have no value for the breakdown field (no brand, no agent).

Examples:
    >>> NONE
    '(none)'
"""

OTHER = "(other)"
"""The group that collects the tickets of every value past the breakdown's size limit.

Examples:
    >>> OTHER
    '(other)'
"""


def _group(ticket: Ticket) -> list[str]:
    for event in reversed(ticket.events):
        if isinstance(event, Assignment) and event.group is not None:
            return [event.group]
    return []


def _one(value: str | None) -> list[str]:
    return [value] if value else []


GROUP_FIELDS: Mapping[str, Callable[[Ticket], list[str]]] = {
    "tag": lambda t: sorted(t.tags),
    "channel": lambda t: [t.channel.value],
    "priority": lambda t: [t.current_priority.value],
    "status": lambda t: [t.status.value],
    "locale": lambda t: [t.effective_locale],
    "segment": lambda t: _one(t.customer.segment),
    "group": _group,
    "agent": lambda t: _one(t.assignee),
    "brand": lambda t: [],
}
"""The ticket fields ``--by`` knows, beside the row's own fields."""


def group_keys(by: str, ticket: Ticket, fields: Mapping[str, str]) -> list[str]:
    """The groups ``ticket`` belongs to in the breakdown by ``by``."""
    return _keys(GROUP_FIELDS, by, ticket, fields)


_RECORD_FIELDS: Mapping[str, Callable[[Measured], list[str]]] = {
    "tag": lambda r: list(r.tags),
    "channel": lambda r: [r.channel.value],
    "priority": lambda r: [r.priority.value],
    "status": lambda r: [r.status.value],
    "locale": lambda r: [r.locale],
    "segment": lambda r: _one(r.segment),
    "group": lambda r: _one(r.group),
    "agent": lambda r: _one(r.agent),
    "brand": lambda r: [],
}
"""`GROUP_FIELDS` read from a measured record (the report's lean path)."""


def _keys(
    table: Mapping[str, Callable[[_S], list[str]]], by: str, subject: _S, fields: Mapping[str, str]
) -> list[str]:
    """The row's own field ``by`` if it has a value, else what ``table`` reads of ``subject``,
    else ``(none)``."""
    value = fields.get(by)
    if value is not None and value.strip():
        return [value.strip()]
    known = table.get(by)
    return (known(subject) if known is not None else []) or [NONE]


_US = timedelta(microseconds=1)


class _Group:
    __slots__ = ("attainment", "fcr", "first_reply", "open", "replies", "tickets")

    def __init__(self, exact_limit: int | None) -> None:
        self.tickets = self.open = self.replies = 0
        self.first_reply = DurationAccumulator(exact_limit=exact_limit)
        self.fcr = FcrAccumulator()
        self.attainment = AttainmentAccumulator(group_by=())

    def absorb(self, other: _Group) -> None:
        self.tickets += other.tickets
        self.open += other.open
        self.replies += other.replies
        self.first_reply.absorb(other.first_reply)  # in place: it grows with the tickets
        self.fcr = self.fcr.merge(other.fcr)
        self.attainment = self.attainment.merge(other.attainment)


class GroupAccumulator:
    """One breakdown: per group, tickets, open tickets, public agent replies, first reply
    times, first-contact resolution and SLA attainment. Mergeable and picklable.

    Examples:
        >>> GroupAccumulator("brand").result().by
        'brand'
    """

    __slots__ = ("_groups", "by", "exact_limit", "limit")

    def __init__(self, by: str, exact_limit: int | None = None, limit: int = GROUP_LIMIT) -> None:
        self.by = by
        self.exact_limit = exact_limit
        self.limit = limit
        self._groups: dict[str, _Group] = {}

    def add(
        self,
        ticket: Ticket,
        fields: Mapping[str, str],
        report: SlaReport,
        timing: TicketTiming,
        is_open: bool,
        fcr: tuple[bool, bool],
    ) -> None:
        """Count one measured ticket in each of its groups."""
        replies = sum(1 for m in ticket.messages if m.is_public_agent_reply)
        first = timing.first_reply
        self._count(
            group_keys(self.by, ticket, fields),
            is_open,
            replies,
            None if first is None else first // _US,
            fcr,
            [(m.metric, m.state) for m in report.measurements],
            report.priority,
            report.channel,
        )

    def add_measured(self, record: Measured, fields: Mapping[str, str], is_open: bool) -> None:
        """Count one ticket the report measured (see `add`)."""
        self._count(
            _keys(_RECORD_FIELDS, self.by, record, fields),
            is_open,
            record.replies,
            record.first_reply,
            (record.solved, record.first_contact),
            record.sla,
            record.priority,
            record.channel,
        )

    def _count(
        self,
        keys: list[str],
        is_open: bool,
        replies: int,
        first_reply: int | None,
        fcr: tuple[bool, bool],
        states: Sequence[tuple[SlaMetric, SlaState]],
        priority: Priority,
        channel: Channel,
    ) -> None:
        for key in keys:
            group = self._groups.get(key)
            if group is None:
                if len(self._groups) >= self.limit:
                    key = OTHER
                group = self._groups.get(key)
                if group is None:
                    group = self._groups[key] = _Group(self.exact_limit)
            group.tickets += 1
            group.open += is_open
            group.replies += replies
            if first_reply is not None:
                group.first_reply.add_micros(first_reply)
            group.fcr.add_outcome(*fcr)
            group.attainment.add_states(states, priority, channel)

    def merge(self, other: GroupAccumulator) -> GroupAccumulator:
        """A new accumulator holding both (same field and settings)."""
        merged = GroupAccumulator(self.by, self.exact_limit, self.limit)
        merged.absorb(self)
        merged.absorb(other)
        return merged

    def absorb(self, other: GroupAccumulator) -> None:
        """Add every group of ``other`` to this accumulator in place (what `merge` gives,
        without copying this one's first reply times); ``other`` does not change.

        Examples:
            >>> a, b = GroupAccumulator("brand"), GroupAccumulator("brand")
            >>> a.absorb(b)
            >>> a.result().rows
            ()
        """
        for key, theirs in other._groups.items():
            mine = self._groups.get(key)
            if mine is None:
                mine = self._groups[key] = _Group(self.exact_limit)
            mine.absorb(theirs)

    def result(self) -> GroupBreakdown:
        """Groups by ticket count (most first), then by name."""
        ordered = sorted(self._groups.items(), key=lambda item: (-item[1].tickets, item[0]))
        return GroupBreakdown(
            by=self.by,
            limit=self.limit,
            rows=tuple(
                GroupRow(
                    key=key,
                    tickets=group.tickets,
                    open_tickets=group.open,
                    replies=group.replies,
                    first_reply=group.first_reply.result(
                        "first_reply", TIMING_DEFINITIONS["first_reply"]
                    ),
                    first_contact_resolution=group.fcr.result(),
                    attainment=group.attainment.result().overall,
                )
                for key, group in ordered
            ),
        )
