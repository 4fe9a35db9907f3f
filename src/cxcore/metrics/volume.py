"""Volume: busiest hours in the shop's time zone, channel mix, top reasons, backlog over time.

Hours are local wall-clock hours in the zone you pass. On the night clocks go back the
repeated hour counts twice (both real hours land in it); on the night they go forward the
skipped hour has no tickets. Weekdays run Monday (0) to Sunday (6).

Examples:
    >>> from datetime import datetime, timezone
    >>> hours = busiest_hours([datetime(2026, 5, 4, 7, 30, tzinfo=timezone.utc)], "Europe/Warsaw")
    >>> hours.by_hour[9], hours.by_hour_of_week[0][9]
    (1, 1)
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from datetime import datetime, tzinfo
from itertools import pairwise
from typing import Any

from cxcore._model import CxModel
from cxcore._time import ensure_aware, get_zone, instant
from cxcore.errors import InvalidInputError
from cxcore.tickets import Ticket, TicketStatus

__all__ = [
    "BacklogAccumulator",
    "BacklogPoint",
    "Breakdown",
    "BreakdownItem",
    "CountAccumulator",
    "HourAccumulator",
    "HourCounts",
    "backlog",
    "busiest_hours",
    "channel_mix",
    "top_reasons",
]

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class HourCounts(CxModel):
    """Counts by local hour (24) and by hour of week (7 x 24, Monday first) in ``timezone``.

    Examples:
        >>> HourCounts.empty("UTC").n
        0
    """

    timezone: str
    n: int
    by_hour: tuple[int, ...]
    by_hour_of_week: tuple[tuple[int, ...], ...]

    @classmethod
    def empty(cls, timezone: str) -> HourCounts:
        """No tickets yet."""
        return cls(timezone=timezone, n=0, by_hour=(0,) * 24, by_hour_of_week=((0,) * 24,) * 7)

    def busiest(self, k: int = 3) -> list[tuple[str, int, int]]:
        """The ``k`` busiest hours of the week as ``(weekday, hour, count)``, busiest first
        (ties: earlier in the week first).

        Examples:
            >>> from datetime import datetime, timezone
            >>> busiest_hours([datetime(2026, 5, 5, 14, tzinfo=timezone.utc)], "UTC").busiest(1)
            [('tue', 14, 1)]
        """
        cells = [
            (WEEKDAYS[d], h, c)
            for d, row in enumerate(self.by_hour_of_week)
            for h, c in enumerate(row)
            if c
        ]
        cells.sort(key=lambda cell: -cell[2])
        return cells[:k]


class HourAccumulator:
    """Streaming hour-of-week counts; merging adds the 7 x 24 grids.

    Examples:
        >>> from datetime import datetime, timezone
        >>> a, b = HourAccumulator("UTC"), HourAccumulator("UTC")
        >>> a.add(datetime(2026, 5, 4, 9, tzinfo=timezone.utc))
        >>> a.merge(b).result().n
        1
    """

    __slots__ = ("_grid", "_tz", "timezone")

    def __init__(self, timezone: str | tzinfo = "UTC") -> None:
        self._tz = get_zone(timezone)
        self.timezone = timezone if isinstance(timezone, str) else str(timezone)
        self._grid = [0] * (7 * 24)

    def _zone(self) -> tzinfo:
        return self._tz

    def add(self, at: datetime) -> None:
        """Count one instant (a ticket's ``created_at``, a message's ``at``)."""
        local = ensure_aware(at, "timestamp").astimezone(self._zone())
        self._grid[local.weekday() * 24 + local.hour] += 1

    def update(self, timestamps: Iterable[datetime]) -> None:
        """Count every instant."""
        zone = self._zone()
        grid = self._grid
        for at in timestamps:
            local = ensure_aware(at, "timestamp").astimezone(zone)
            grid[local.weekday() * 24 + local.hour] += 1

    def merge(self, other: HourAccumulator) -> HourAccumulator:
        """A new accumulator holding both (same zone)."""
        if other.timezone != self.timezone:
            raise InvalidInputError(f"cannot merge hours in {self.timezone} with {other.timezone}")
        merged = HourAccumulator(self._tz)
        merged.timezone = self.timezone
        merged._grid = [a + b for a, b in zip(self._grid, other._grid, strict=True)]
        return merged

    def result(self) -> HourCounts:
        """The counts so far."""
        week = tuple(tuple(self._grid[d * 24 : d * 24 + 24]) for d in range(7))
        by_hour = tuple(sum(week[d][h] for d in range(7)) for h in range(24))
        return HourCounts(
            timezone=self.timezone, n=sum(by_hour), by_hour=by_hour, by_hour_of_week=week
        )


def busiest_hours(timestamps: Iterable[datetime | Ticket], tz: str | tzinfo = "UTC") -> HourCounts:
    """Counts of ``timestamps`` (or tickets, by creation time) by local hour and hour of week
    in ``tz``, the shop's IANA zone.

    Examples:
        >>> from datetime import datetime, timezone
        >>> late = datetime(2026, 5, 4, 23, tzinfo=timezone.utc)
        >>> busiest_hours([late], "Asia/Bangkok").by_hour[6]
        1
    """
    acc = HourAccumulator(tz)
    acc.update(t.created_at if isinstance(t, Ticket) else t for t in timestamps)
    return acc.result()


class BreakdownItem(CxModel):
    """One key of a breakdown: its count, share of all items and cumulative share (Pareto).

    Examples:
        >>> BreakdownItem(key="email", count=3, share=0.75, cumulative_share=0.75).count
        3
    """

    key: Any
    count: int
    share: float
    cumulative_share: float


class Breakdown(CxModel):
    """Counts by key in Pareto order (most frequent first; ties by key), with the count of
    keys left out by ``k`` in ``other``.

    Examples:
        >>> top_reasons(["late", "damaged", "late"]).items[0].key
        'late'
    """

    n: int
    items: tuple[BreakdownItem, ...]
    other: int = 0

    def vital_few(self, share: float = 0.8) -> list[Any]:
        """The fewest leading keys that together reach ``share`` of all items (the Pareto
        "vital few").

        Examples:
            >>> top_reasons(["a"] * 8 + ["b"] + ["c"]).vital_few(0.8)
            ['a']
        """
        keys = []
        for item in self.items:
            keys.append(item.key)
            if item.cumulative_share >= share - 1e-12:
                break
        return keys


def _order_key(entry: tuple[Hashable, int]) -> tuple[int, str]:
    return (-entry[1], str(entry[0]))


class CountAccumulator:
    """Streaming counts by key; merging adds the counters.

    Examples:
        >>> acc = CountAccumulator()
        >>> acc.update(["email", "chat", "email"])
        >>> acc.result(k=1).other
        1
    """

    __slots__ = ("_counts",)

    def __init__(self) -> None:
        self._counts: Counter[Hashable] = Counter()

    def add(self, key: Hashable) -> None:
        """Count one key."""
        self._counts[key] += 1

    def update(self, keys: Iterable[Hashable]) -> None:
        """Count every key."""
        self._counts.update(keys)

    def merge(self, other: CountAccumulator) -> CountAccumulator:
        """A new accumulator holding both."""
        merged = CountAccumulator()
        merged._counts = self._counts + other._counts
        return merged

    def result(self, k: int | None = None) -> Breakdown:
        """The breakdown, keeping the top ``k`` keys (all when ``None``)."""
        if k is not None and (isinstance(k, bool) or not isinstance(k, int) or k < 0):
            raise InvalidInputError(f"k must be a whole number >= 0, got {k!r}")
        ordered = sorted(self._counts.items(), key=_order_key)
        n = sum(self._counts.values())
        kept = ordered if k is None else ordered[:k]
        items = []
        running = 0
        for key, count in kept:
            running += count
            items.append(
                BreakdownItem(key=key, count=count, share=count / n, cumulative_share=running / n)
            )
        return Breakdown(n=n, items=tuple(items), other=n - running)


def top_reasons(reasons: Iterable[Hashable], k: int | None = None) -> Breakdown:
    """The ``k`` most frequent reasons in Pareto order with shares and cumulative shares.

    Examples:
        >>> b = top_reasons(["late", "damaged", "late", "wrong size", "late"], k=2)
        >>> [(i.key, i.count) for i in b.items], b.other
        ([('late', 3), ('damaged', 1)], 1)
    """
    acc = CountAccumulator()
    acc.update(reasons)
    return acc.result(k)


def channel_mix(tickets: Iterable[Ticket]) -> Breakdown:
    """Tickets by channel, most used first.

    Examples:
        >>> channel_mix([]).n
        0
    """
    acc = CountAccumulator()
    acc.update(t.channel.value for t in tickets)
    return acc.result()


class BacklogPoint(CxModel):
    """How many tickets were unsolved at ``at``.

    Examples:
        >>> from datetime import datetime, timezone
        >>> BacklogPoint(at=datetime(2026, 1, 1, tzinfo=timezone.utc), open=3).open
        3
    """

    at: datetime
    open: int


_UNSOLVED = frozenset(
    {TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING, TicketStatus.ON_HOLD}
)


class BacklogAccumulator:
    """Streaming backlog at fixed sample instants: each ticket adds +1 where it enters the
    counted statuses and -1 where it leaves them, binned by sample; merging adds the bins.

    Examples:
        >>> from datetime import datetime, timezone
        >>> acc = BacklogAccumulator([datetime(2026, 5, 4, tzinfo=timezone.utc)])
        >>> acc.result()[0].open
        0
    """

    __slots__ = ("_deltas", "_instants", "at", "statuses")

    def __init__(
        self, at: Sequence[datetime], statuses: Iterable[TicketStatus | str] = _UNSOLVED
    ) -> None:
        samples = [ensure_aware(t, "sample time") for t in at]
        # Order and bin by UTC instant: datetimes sharing a tzinfo compare by wall time.
        instants = [instant(t) for t in samples]
        if any(b < a for a, b in pairwise(instants)):
            raise InvalidInputError("backlog sample times must be in time order")
        self.at = tuple(samples)
        self._instants = tuple(instants)
        self.statuses = frozenset(TicketStatus(s) for s in statuses)
        self._deltas = [0] * len(instants)

    def _bump(self, when: datetime, delta: int) -> None:
        index = bisect.bisect_left(self._instants, instant(when))
        if index < len(self._deltas):
            self._deltas[index] += delta

    def add(self, ticket: Ticket) -> None:
        """Add one ticket's status history."""
        inside = False
        for when, status in ticket.status_history:
            now_inside = status in self.statuses
            if now_inside != inside:
                self._bump(when, 1 if now_inside else -1)
                inside = now_inside

    def update(self, tickets: Iterable[Ticket]) -> None:
        """Add every ticket."""
        for ticket in tickets:
            self.add(ticket)

    def merge(self, other: BacklogAccumulator) -> BacklogAccumulator:
        """A new accumulator holding both (same sample times and statuses)."""
        if other._instants != self._instants or other.statuses != self.statuses:
            raise InvalidInputError(
                "can only merge backlogs with the same sample times and statuses"
            )
        merged = BacklogAccumulator(self.at, self.statuses)
        merged._deltas = [a + b for a, b in zip(self._deltas, other._deltas, strict=True)]
        return merged

    def result(self) -> list[BacklogPoint]:
        """The backlog at each sample instant (a change at exactly that instant counts)."""
        points = []
        running = 0
        for when, delta in zip(self.at, self._deltas, strict=True):
            running += delta
            points.append(BacklogPoint(at=when, open=running))
        return points


def backlog(
    tickets: Iterable[Ticket],
    at: Sequence[datetime],
    statuses: Iterable[TicketStatus | str] = _UNSOLVED,
) -> list[BacklogPoint]:
    """How many tickets were in ``statuses`` (default: every unsolved status) at each instant
    of ``at`` (in time order), from the tickets' derived status histories.

    Examples:
        >>> from datetime import datetime, timedelta, timezone
        >>> from cxcore.tickets import Customer, StatusChange
        >>> t0 = datetime(2026, 5, 4, 9, tzinfo=timezone.utc)
        >>> t = Ticket(id="T", customer=Customer(id="C"), channel="email", created_at=t0,
        ...            events=(StatusChange(at=t0 + timedelta(hours=2), status="solved"),))
        >>> [p.open for p in backlog([t], [t0 - timedelta(hours=1), t0 + timedelta(hours=1),
        ...                               t0 + timedelta(hours=3)])]
        [0, 1, 0]
    """
    acc = BacklogAccumulator(at, statuses)
    acc.update(tickets)
    return acc.result()
