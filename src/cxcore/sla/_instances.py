"""Cutting a ticket's timeline into SLA metric instances (used by
[`cxcore.sla.clock`][cxcore.sla.clock] on datetimes and by the report's lean measurer on epoch
microseconds: the same rules whatever the time type)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Container, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from cxcore.sla.policy import SlaMetric
from cxcore.tickets import TicketStatus

LIVE = frozenset({TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING, TicketStatus.ON_HOLD})
SPANS = (SlaMetric.RESOLUTION, SlaMetric.REQUESTER_WAIT, SlaMetric.AGENT_WORK)

Moment = TypeVar("Moment", datetime, int)
_EVERY = frozenset(SlaMetric)
_ORDER = {metric: i for i, metric in enumerate(SlaMetric)}


@dataclass(slots=True)
class Instance(Generic[Moment]):
    metric: SlaMetric
    index: int
    start: Moment
    end: Moment | None = None
    by: str | None = None


def _order_of(instance: Instance[Any]) -> tuple[int, int]:
    return _ORDER[instance.metric], instance.index


class Instances(Generic[Moment]):
    """Cuts the timeline into metric instances in one pass over the events, keeping the status
    history the pauses are read from: feed it the events up to the report time in order."""

    def __init__(self, created: Moment) -> None:
        self.found: list[Instance[Moment]] = [Instance(SlaMetric.FIRST_REPLY, 0, created)]
        self.first: Instance[Moment] = self.found[0]
        self.next_reply: Instance[Moment] | None = None
        self.update: Instance[Moment] | None = None
        self.counts = {SlaMetric.NEXT_REPLY: 0, SlaMetric.PERIODIC_UPDATE: 0}
        self.waiting_since: Moment | None = None
        self.updates_begun = False
        self.created: Moment = created
        self.status = TicketStatus.NEW
        self.history: list[tuple[Moment, TicketStatus]] = [(created, TicketStatus.NEW)]
        self.last_stop: Moment = created

    def _start(self, metric: SlaMetric, at: Moment) -> Instance[Moment]:
        instance = Instance(metric, self.counts[metric], at)
        self.counts[metric] += 1
        self.found.append(instance)
        return instance

    def status_change(self, at: Moment, status: TicketStatus) -> None:
        """A status change: leaving the live statuses stops the running instances, coming
        back starts the reply and update instances that were owed."""
        if self.status in LIVE:
            if status not in LIVE:
                self._stop(at)
        elif status in LIVE:
            self._reopen(at)
        self.status = status
        self.history.append((at, status))

    def _stop(self, at: Moment) -> None:
        """The ticket was solved or closed: every running reply and update instance ends."""
        self.last_stop = at
        if self.first.end is None:
            self.first.end = at
        for running in (self.next_reply, self.update):
            if running is not None:
                running.end = at
        self.next_reply = self.update = None

    def _reopen(self, at: Moment) -> None:
        if self.waiting_since is not None:
            self.next_reply = self._start(SlaMetric.NEXT_REPLY, at)
            self.waiting_since = None
        if self.updates_begun:
            self.update = self._start(SlaMetric.PERIODIC_UPDATE, at)

    def agent_reply(self, at: Moment, message_id: str) -> None:
        """A public agent message."""
        if self.first.end is None:
            self.first.end, self.first.by = at, message_id
        if self.next_reply is not None:
            self.next_reply.end, self.next_reply.by = at, message_id
            self.next_reply = None
        self.waiting_since = None
        if self.status in LIVE:
            if self.update is not None:
                self.update.end, self.update.by = at, message_id
            self.update = self._start(SlaMetric.PERIODIC_UPDATE, at)
            self.updates_begun = True

    def customer_message(self, at: Moment) -> None:
        """A public customer message."""
        if self.first.end is None or self.next_reply is not None:
            return
        if self.status in LIVE:
            self.next_reply = self._start(SlaMetric.NEXT_REPLY, at)
        elif self.waiting_since is None:
            self.waiting_since = at

    def ordered(self, wanted: Container[SlaMetric] = _EVERY) -> list[Instance[Moment]]:
        """The instances of the ``wanted`` metrics, the whole-ticket spans included, in metric
        order and then by index (the order of a report's measurements)."""
        span_end = None if self.status in LIVE else self.last_stop
        found = [i for i in self.found if i.metric in wanted]
        found.extend(Instance(m, 0, self.created, span_end) for m in SPANS if m in wanted)
        if len(found) > 1:
            found.sort(key=_order_of)
        return found


def pauses_outside(
    history: Sequence[tuple[Moment, TicketStatus]], counts: tuple[TicketStatus, ...], at: Moment
) -> list[tuple[Moment, Moment]]:
    out: list[tuple[Moment, Moment]] = []
    for i, (start, status) in enumerate(history):
        if status in counts:
            continue
        end = history[i + 1][0] if i + 1 < len(history) else at
        if end <= start:
            continue
        if out and out[-1][1] == start:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def clip(
    pauses: list[tuple[Moment, Moment]], ends: list[Moment], start: Moment, end: Moment
) -> list[tuple[Moment, Moment]]:
    i = bisect_right(ends, start)
    out: list[tuple[Moment, Moment]] = []
    while i < len(pauses) and pauses[i][0] < end:
        out.append((max(pauses[i][0], start), min(pauses[i][1], end)))
        i += 1
    return out
