"""Quality rates: first-contact resolution, reopen rate, repeat-contact rate, escalation rate.

Each rate is a [`RateResult`][cxcore.metrics.RateResult] (count of n, with a Wilson interval), a
pure function over tickets and an accumulator with ``add``, ``merge`` and ``result``.

**First-contact resolution (FCR)**, among tickets solved (or closed) at least once:

- ``one_reply`` (default, the strict and most common helpdesk definition): solved with exactly
  one public agent reply and never reopened.
- ``at_most_one_reply``: as above, but tickets solved with no public reply at all (answered
  on the phone, or solved by a self-service article) also count.
- ``no_follow_up``: solved without the customer writing again after the first public agent
  reply, and never reopened, however many replies the agent sent in one go.

**Reopen rate**: among tickets solved at least once, the share that went back to an unsolved
status afterwards. **Repeat-contact rate**: among all tickets, the share opened by a customer
who had opened a ticket with the same reason no more than ``window`` earlier. **Escalation
rate**: among all tickets, the share that [`is_escalated`][cxcore.metrics.is_escalated] (or your
predicate) flags.

Examples:
    >>> reopen_rate([]).n
    0
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Hashable, Iterable
from datetime import datetime, timedelta
from enum import StrEnum
from itertools import pairwise
from typing import Self

from cxcore._time import instant
from cxcore.errors import InvalidInputError
from cxcore.metrics._stats import RateResult, rate_result
from cxcore.tickets import Assignment, AuthorRole, PriorityChange, Ticket, TicketStatus

__all__ = [
    "FcrVariant",
    "RateAccumulator",
    "RepeatContactAccumulator",
    "escalation_rate",
    "first_contact_resolution",
    "is_escalated",
    "is_first_contact_resolution",
    "is_reopened",
    "reopen_rate",
    "repeat_contact_rate",
    "was_solved",
]

_RESOLVED = frozenset({TicketStatus.SOLVED, TicketStatus.CLOSED})


class FcrVariant(StrEnum):
    """Which first-contact resolution definition to use (see the module docs).

    Examples:
        >>> FcrVariant("one_reply") is FcrVariant.ONE_REPLY
        True
    """

    ONE_REPLY = "one_reply"
    AT_MOST_ONE_REPLY = "at_most_one_reply"
    NO_FOLLOW_UP = "no_follow_up"


def was_solved(ticket: Ticket) -> bool:
    """True if the ticket was solved or closed at some point.

    Examples:
        >>> from cxcore.tickets import Customer
        >>> from datetime import datetime, timezone
        >>> was_solved(Ticket(id="T", customer=Customer(id="C"), channel="email",
        ...                   created_at=datetime(2026, 1, 1, tzinfo=timezone.utc)))
        False
    """
    return any(status in _RESOLVED for _, status in ticket.status_history)


def is_reopened(ticket: Ticket) -> bool:
    """True if the ticket went back to an unsolved status after being solved.

    Examples:
        >>> from cxcore.tickets import Customer
        >>> from datetime import datetime, timezone
        >>> is_reopened(Ticket(id="T", customer=Customer(id="C"), channel="email",
        ...                    created_at=datetime(2026, 1, 1, tzinfo=timezone.utc)))
        False
    """
    solved = False
    for _, status in ticket.status_history:
        if status in _RESOLVED:
            solved = True
        elif solved:
            return True
    return False


def is_first_contact_resolution(
    ticket: Ticket, variant: FcrVariant | str = FcrVariant.ONE_REPLY
) -> bool:
    """Whether a solved ticket counts as resolved on first contact under ``variant``."""
    how = FcrVariant(variant)
    if not was_solved(ticket) or is_reopened(ticket):
        return False
    replies = 0
    follow_up = False
    for message in ticket.messages:
        if message.is_public_agent_reply:
            replies += 1
        elif message.author_role is AuthorRole.CUSTOMER and replies:
            follow_up = True
    if how is FcrVariant.ONE_REPLY:
        return replies == 1
    if how is FcrVariant.AT_MOST_ONE_REPLY:
        return replies <= 1
    return replies >= 1 and not follow_up


def is_escalated(ticket: Ticket) -> bool:
    """Default escalation test: the ticket is tagged ``escalated``, its priority was raised
    above the one it was created with, or it moved to a different group after its first
    group assignment.

    Examples:
        >>> from cxcore.tickets import Customer
        >>> from datetime import datetime, timezone
        >>> t0 = datetime(2026, 1, 1, tzinfo=timezone.utc)
        >>> is_escalated(Ticket(id="T", customer=Customer(id="C"), channel="email",
        ...                     tags={"escalated"}, created_at=t0))
        True
    """
    if "escalated" in ticket.tags:
        return True
    group: str | None = None
    for event in ticket.events:
        if isinstance(event, PriorityChange) and event.priority.rank > ticket.priority.rank:
            return True
        if isinstance(event, Assignment) and event.group is not None:
            if group is not None and event.group != group:
                return True
            group = event.group
    return False


class RateAccumulator:
    """Counts ``(in_denominator, in_numerator)`` decisions; merging adds the counts.

    Examples:
        >>> acc = RateAccumulator(definition="demo")
        >>> acc.add_outcome(True, True); acc.add_outcome(True, False); acc.add_outcome(False, False)
        >>> acc.result().percent
        50.0
    """

    __slots__ = ("_count", "_n", "confidence", "definition")

    def __init__(self, definition: str = "", confidence: float = 0.95) -> None:
        self.definition = definition
        self.confidence = confidence
        self._count = 0
        self._n = 0

    def add_outcome(self, counted: bool, success: bool) -> None:
        """Record one item: ``counted`` puts it in the denominator, ``success`` in the numerator."""
        if counted:
            self._n += 1
            if success:
                self._count += 1

    def merge(self, other: Self) -> Self:
        """A new accumulator holding both; definitions must match."""
        if type(other) is not type(self) or other._key() != self._key():
            raise InvalidInputError("can only merge rate accumulators with the same definition")
        merged = self._copy_settings()
        merged._count = self._count + other._count
        merged._n = self._n + other._n
        return merged

    def _key(self) -> tuple[object, ...]:
        return (self.definition, self.confidence)

    def _copy_settings(self) -> Self:
        return type(self)(self.definition, self.confidence)

    def result(self) -> RateResult:
        """The rate so far."""
        return rate_result(self._count, self._n, self.confidence, self.definition)


class _TicketRate(RateAccumulator):
    __slots__ = ()

    def _decide(self, ticket: Ticket) -> tuple[bool, bool]:
        raise InvalidInputError("use a concrete ticket rate accumulator")  # pragma: no cover

    def add(self, ticket: Ticket) -> None:
        """Add one ticket."""
        self.add_outcome(*self._decide(ticket))

    def update(self, tickets: Iterable[Ticket]) -> None:
        """Add every ticket."""
        for ticket in tickets:
            self.add(ticket)


class FcrAccumulator(_TicketRate):
    """Streaming first-contact resolution under one [`FcrVariant`][cxcore.metrics.FcrVariant].

    Examples:
        >>> FcrAccumulator().result().n
        0
    """

    __slots__ = ("variant",)

    def __init__(
        self, variant: FcrVariant | str = FcrVariant.ONE_REPLY, confidence: float = 0.95
    ) -> None:
        self.variant = FcrVariant(variant)
        super().__init__(f"first_contact_resolution/{self.variant.value}", confidence)

    def _copy_settings(self) -> Self:
        return type(self)(self.variant, self.confidence)

    def _decide(self, ticket: Ticket) -> tuple[bool, bool]:
        return was_solved(ticket), is_first_contact_resolution(ticket, self.variant)


class ReopenAccumulator(_TicketRate):
    """Streaming reopen rate.

    Examples:
        >>> ReopenAccumulator().result().definition
        'reopen_rate'
    """

    __slots__ = ()

    def __init__(self, definition: str = "reopen_rate", confidence: float = 0.95) -> None:
        super().__init__(definition, confidence)

    def _decide(self, ticket: Ticket) -> tuple[bool, bool]:
        return was_solved(ticket), is_reopened(ticket)


class EscalationAccumulator(_TicketRate):
    """Streaming escalation rate with a picklable predicate (default
    [`is_escalated`][cxcore.metrics.is_escalated]).

    Examples:
        >>> EscalationAccumulator().result().rate is None
        True
    """

    __slots__ = ("escalated",)

    def __init__(
        self, escalated: Callable[[Ticket], bool] = is_escalated, confidence: float = 0.95
    ) -> None:
        self.escalated = escalated
        super().__init__(f"escalation_rate/{getattr(escalated, '__name__', 'custom')}", confidence)

    def _copy_settings(self) -> Self:
        return type(self)(self.escalated, self.confidence)

    def _decide(self, ticket: Ticket) -> tuple[bool, bool]:
        return True, bool(self.escalated(ticket))


def first_contact_resolution(
    tickets: Iterable[Ticket],
    variant: FcrVariant | str = FcrVariant.ONE_REPLY,
    confidence: float = 0.95,
) -> RateResult:
    """First-contact resolution rate among solved tickets (see the module docs for variants).

    Examples:
        >>> first_contact_resolution([]).rate is None
        True
    """
    acc = FcrAccumulator(variant, confidence)
    acc.update(tickets)
    return acc.result()


def reopen_rate(tickets: Iterable[Ticket], confidence: float = 0.95) -> RateResult:
    """Share of solved tickets that were reopened.

    Examples:
        >>> reopen_rate([]).count
        0
    """
    acc = ReopenAccumulator(confidence=confidence)
    acc.update(tickets)
    return acc.result()


def escalation_rate(
    tickets: Iterable[Ticket],
    escalated: Callable[[Ticket], bool] = is_escalated,
    confidence: float = 0.95,
) -> RateResult:
    """Share of tickets that were escalated (``escalated`` decides; default
    [`is_escalated`][cxcore.metrics.is_escalated]).

    Examples:
        >>> escalation_rate([]).n
        0
    """
    acc = EscalationAccumulator(escalated, confidence)
    acc.update(tickets)
    return acc.result()


def _customer(ticket: Ticket) -> Hashable:
    return ticket.customer.id


def _any_reason(ticket: Ticket) -> Hashable:
    return None


class RepeatContactAccumulator:
    """Streaming repeat-contact rate. Keeps each (customer, reason)'s creation times, so
    merging is a union of those lists: associative, commutative and exact.

    ``reason`` maps a ticket to its contact reason (a tag, a complaint reason, a form field);
    the default treats every ticket as the same reason. Keep it picklable (a module-level
    function) to merge across processes.

    Examples:
        >>> RepeatContactAccumulator(timedelta(days=7)).result().n
        0
    """

    __slots__ = ("_times", "confidence", "customer", "reason", "window")

    def __init__(
        self,
        window: timedelta = timedelta(days=7),
        reason: Callable[[Ticket], Hashable] = _any_reason,
        customer: Callable[[Ticket], Hashable] = _customer,
        confidence: float = 0.95,
    ) -> None:
        if not isinstance(window, timedelta) or window <= timedelta(0):
            raise InvalidInputError(f"window must be a positive timedelta, got {window!r}")
        self.window = window
        self.reason = reason
        self.customer = customer
        self.confidence = confidence
        self._times: dict[tuple[Hashable, Hashable], list[datetime]] = {}

    def add(self, ticket: Ticket) -> None:
        """Add one ticket (only its customer, reason and creation time are kept)."""
        key = (self.customer(ticket), self.reason(ticket))
        times = self._times.get(key)
        if times is None:
            self._times[key] = times = []
        # Keep UTC instants: datetimes sharing a tzinfo sort and subtract by wall time.
        bisect.insort(times, instant(ticket.created_at))

    def update(self, tickets: Iterable[Ticket]) -> None:
        """Add every ticket."""
        for ticket in tickets:
            self.add(ticket)

    def merge(self, other: RepeatContactAccumulator) -> RepeatContactAccumulator:
        """A new accumulator holding both; settings must match."""
        if (self.window, self.reason, self.customer, self.confidence) != (
            other.window,
            other.reason,
            other.customer,
            other.confidence,
        ):
            raise InvalidInputError(
                "can only merge repeat-contact accumulators with the same settings"
            )
        merged = RepeatContactAccumulator(self.window, self.reason, self.customer, self.confidence)
        for key in self._times.keys() | other._times.keys():
            merged._times[key] = sorted(self._times.get(key, []) + other._times.get(key, []))
        return merged

    def result(self) -> RateResult:
        """Share of tickets whose customer opened one with the same reason within the window
        before (two tickets at the same instant: the second is the repeat)."""
        n = repeats = 0
        for times in self._times.values():
            n += len(times)
            repeats += sum(1 for a, b in pairwise(times) if b - a <= self.window)
        days = self.window / timedelta(days=1)
        return rate_result(repeats, n, self.confidence, f"repeat_contact_rate/{days:g}d")


def repeat_contact_rate(
    tickets: Iterable[Ticket],
    window: timedelta = timedelta(days=7),
    reason: Callable[[Ticket], Hashable] = _any_reason,
    customer: Callable[[Ticket], Hashable] = _customer,
    confidence: float = 0.95,
) -> RateResult:
    """Share of tickets that repeat an earlier contact: same customer, same ``reason``,
    created no more than ``window`` after that customer's previous such ticket.

    Examples:
        >>> repeat_contact_rate([], window=timedelta(days=3)).definition
        'repeat_contact_rate/3d'
    """
    acc = RepeatContactAccumulator(window, reason, customer, confidence)
    acc.update(tickets)
    return acc.result()
