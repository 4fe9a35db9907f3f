"""Summarise a ticket export: volume, reply and resolution times, quality and SLA attainment.

`summarize` is a pure function of the tickets that were read, the SLA policy and calendar,
and the instant ``at`` the report is taken at. It walks the tickets once with
[ReportAccumulator][cxcore.report.accumulator.ReportAccumulator], so the same numbers come out
whether the export has ten tickets or a million (the command streams an export file through
the accumulator without holding the tickets).
Rows the reader refused stay in the summary as problems with their line numbers; tickets that
cannot be measured at ``at`` (created later) are listed by id, never silently dropped.

Examples:
    >>> from datetime import datetime, timedelta, timezone
    >>> from cxcore.report.readers import read_jsonl
    >>> from cxcore.sla import CalendarTime, SlaPolicy
    >>> from cxcore.tickets import Customer, Message, MessageAdded, Ticket
    >>> t0 = datetime(2026, 11, 23, 9, tzinfo=timezone.utc)
    >>> reply = Message(id="M-1", author_role="agent", channel="email", body="Hi",
    ...                 at=t0 + timedelta(minutes=20))
    >>> ticket = Ticket(id="T-1", customer=Customer(id="C-1"), channel="email", created_at=t0,
    ...                 events=(MessageAdded.of(reply),))
    >>> policy = SlaPolicy(name="P", rules=[{"name": "all", "targets": {"first_reply": "1h"}}])
    >>> summary = summarize(read_jsonl([ticket.model_dump_json()]), policy=policy,
    ...                     calendar=CalendarTime(), at=t0 + timedelta(hours=2), timezone="UTC")
    >>> summary.tickets, summary.timing.first_reply.median, summary.attainment.overall.percent
    (1, datetime.timedelta(seconds=1200), 100.0)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime

from cxcore.metrics.durations import ElapsedCalendar
from cxcore.report._lean import LineReader, latest
from cxcore.report._lines import Line
from cxcore.report.accumulator import EXACT_LIMIT, ReportAccumulator
from cxcore.report.readers import ReadResult, Row, RowProblem, iter_jsonl
from cxcore.report.results import (
    REPLY_BINS,
    DistributionBin,
    GroupBreakdown,
    GroupRow,
    ReportSummary,
    TicketProblem,
)
from cxcore.sla._timeline import to_us
from cxcore.sla.clock import SlaCalendar
from cxcore.sla.policy import SlaPolicy
from cxcore.tickets import Channel, Ticket

__all__ = [
    "REPLY_BINS",
    "DistributionBin",
    "GroupBreakdown",
    "GroupRow",
    "LatestTime",
    "ReportSummary",
    "TicketProblem",
    "latest_time",
    "summarize",
]


def latest_time(read: ReadResult | Iterable[Row]) -> datetime | None:
    """The latest creation or event time in the export: the instant it was taken "as of".
    ``read`` is a [ReadResult][cxcore.report.readers.ReadResult] or streamed rows (one pass).

    Examples:
        >>> latest_time(ReadResult(tickets=(), problems=(), rows=0)) is None
        True
    """
    scan = LatestTime()
    rows = (Row(0, t) for t in read.tickets) if isinstance(read, ReadResult) else read
    for row in rows:
        scan.add_row(row)
    return scan.at


class LatestTime:
    """The latest creation or event time over streamed rows or JSON lines (see
    [latest_time][cxcore.report.summary.latest_time]), with the first few problems for an
    export in which no ticket could be read. Mergeable, for parts read apart.

    Examples:
        >>> scan = LatestTime()
        >>> scan.add_line(1, '{"id":"T","customer":{"id":"C"},"channel":"email",'
        ...                  '"created_at":"2026-11-23T09:00:00+01:00"}')
        >>> scan.add_line(2, "{")
        >>> scan.at.isoformat(), len(scan.problems)
        ('2026-11-23T09:00:00+01:00', 1)
    """

    def __init__(self, problem_limit: int = 20) -> None:
        self.at: datetime | None = None
        self.micros: int | None = None
        self.problems: list[RowProblem] = []
        self.problem_limit = problem_limit
        self._lines: LineReader | None = None

    def __getstate__(self) -> dict[str, object]:
        return {**self.__dict__, "_lines": None}

    def _see(self, micros: int, moment: datetime) -> None:
        if self.micros is None or micros > self.micros:
            self.micros, self.at = micros, moment

    def add_row(self, row: Row) -> None:
        """Take one streamed row into account."""
        ticket = row.item
        if not isinstance(ticket, Ticket):
            if len(self.problems) < self.problem_limit:
                self.problems.append(ticket)
            return
        last = ticket.events[-1].at if ticket.events else ticket.created_at
        for moment in (ticket.created_at, last):
            self._see(to_us(moment), moment)

    def add_line(self, number: int, text: str) -> None:
        """Take one line of a cxcore JSON-lines export into account (read the lean way where
        it can be, else as [iter_jsonl][cxcore.report.readers.iter_jsonl] reads it)."""
        if self._lines is None:
            self._lines = LineReader()
        ticket = self._lines.read(text)
        if ticket is None:
            for row in iter_jsonl([Line(number, 0, text)]):
                self.add_row(row)
        else:
            self._see(*latest(ticket))

    def add_lines(self, lines: Iterable[Line]) -> None:
        """Take every line into account (blank lines skipped, undecodable ones listed)."""
        for number, _, text, problem in lines:
            if text is None:
                if len(self.problems) < self.problem_limit:
                    self.problems.append(RowProblem(line=number, message=problem or "unreadable"))
            elif text.strip():
                self.add_line(number, text)

    def merge(self, other: LatestTime) -> LatestTime:
        """A new scan holding both."""
        merged = LatestTime(self.problem_limit)
        for part in (self, other):
            if part.micros is not None and part.at is not None:
                merged._see(part.micros, part.at)
            merged.problems.extend(part.problems)
        merged.problems = merged.problems[: self.problem_limit]
        return merged


def summarize(
    read: ReadResult | Iterable[Row],
    *,
    policy: SlaPolicy,
    calendar: SlaCalendar,
    at: datetime,
    timezone: str,
    channel_calendars: Mapping[Channel, SlaCalendar] | None = None,
    timing_calendar: ElapsedCalendar | None = None,
    progress: Callable[[int, int], None] | None = None,
    by: Iterable[str] = (),
    exact_limit: int | None = EXACT_LIMIT,
) -> ReportSummary:
    """Summarise the tickets of ``read`` (a read result or streamed rows) as of ``at``.

    SLA clocks use ``calendar``, or ``channel_calendars[ticket.channel]`` where given (a
    playbook's per-channel hours). Reply and resolution times count every hour unless
    ``timing_calendar`` is given. Events after ``at`` are ignored by the SLA clock; tickets
    created after ``at`` are listed in ``unmeasured``. ``by`` names breakdowns (see
    [group_keys][cxcore.report.groups.group_keys]). ``progress(done, total)`` is called
    after each ticket of a read result, for a progress bar.
    """
    acc = ReportAccumulator(
        policy=policy,
        calendar=calendar,
        at=at,
        timezone=timezone,
        channel_calendars=channel_calendars,
        timing_calendar=timing_calendar,
        by=by,
        exact_limit=exact_limit,
    )
    if not isinstance(read, ReadResult):
        acc.update(read)
        return acc.result()
    for problem in read.problems:
        acc.add_problem(problem)
    total = len(read.tickets)
    for done, ticket in enumerate(read.tickets, start=1):
        acc.add(ticket)
        if progress is not None:
            progress(done, total)
    # A read result counts its rows itself (a Zendesk document may hold non-ticket entries).
    acc.rows = max(acc.rows, read.rows)
    return acc.result()
