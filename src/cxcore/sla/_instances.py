"""Cutting a ticket's timeline into SLA metric instances (used by
[`cxcore.sla.clock`][cxcore.sla.clock])."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from cxcore.sla.calendar_time import Pause
from cxcore.sla.policy import SlaMetric
from cxcore.tickets import TicketStatus

LIVE = frozenset({TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING, TicketStatus.ON_HOLD})
SPANS = (SlaMetric.RESOLUTION, SlaMetric.REQUESTER_WAIT, SlaMetric.AGENT_WORK)


@dataclass(slots=True)
class Instance:
    metric: SlaMetric
    index: int
    start: datetime
    end: datetime | None = None
    by: str | None = None


class Instances:
    """Cuts the timeline into metric instances in one pass over the events."""

    def __init__(self, created: datetime) -> None:
        self.found: list[Instance] = [Instance(SlaMetric.FIRST_REPLY, 0, created)]
        self.first = self.found[0]
        self.next_reply: Instance | None = None
        self.update: Instance | None = None
        self.counts = {SlaMetric.NEXT_REPLY: 0, SlaMetric.PERIODIC_UPDATE: 0}
        self.waiting_since: datetime | None = None
        self.updates_begun = False

    def _start(self, metric: SlaMetric, at: datetime) -> Instance:
        instance = Instance(metric, self.counts[metric], at)
        self.counts[metric] += 1
        self.found.append(instance)
        return instance

    def stop(self, at: datetime) -> None:
        """The ticket was solved or closed: every running reply and update instance ends."""
        if self.first.end is None:
            self.first.end = at
        for running in (self.next_reply, self.update):
            if running is not None:
                running.end = at
        self.next_reply = self.update = None

    def reopen(self, at: datetime) -> None:
        if self.waiting_since is not None:
            self.next_reply = self._start(SlaMetric.NEXT_REPLY, at)
            self.waiting_since = None
        if self.updates_begun:
            self.update = self._start(SlaMetric.PERIODIC_UPDATE, at)

    def agent_reply(self, at: datetime, message_id: str, live: bool) -> None:
        if self.first.end is None:
            self.first.end, self.first.by = at, message_id
        if self.next_reply is not None:
            self.next_reply.end, self.next_reply.by = at, message_id
            self.next_reply = None
        self.waiting_since = None
        if live:
            if self.update is not None:
                self.update.end, self.update.by = at, message_id
            self.update = self._start(SlaMetric.PERIODIC_UPDATE, at)
            self.updates_begun = True

    def customer_message(self, at: datetime, live: bool) -> None:
        if self.first.end is None or self.next_reply is not None:
            return
        if live:
            self.next_reply = self._start(SlaMetric.NEXT_REPLY, at)
        elif self.waiting_since is None:
            self.waiting_since = at


def pauses_outside(
    history: Sequence[tuple[datetime, TicketStatus]], counts: tuple[TicketStatus, ...], at: datetime
) -> list[Pause]:
    out: list[Pause] = []
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


def clip(pauses: list[Pause], ends: list[datetime], start: datetime, end: datetime) -> list[Pause]:
    i = bisect_right(ends, start)
    out: list[Pause] = []
    while i < len(pauses) and pauses[i][0] < end:
        out.append((max(pauses[i][0], start), min(pauses[i][1], end)))
        i += 1
    return out
