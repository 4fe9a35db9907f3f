"""The report as a mergeable accumulator: feed it rows as they stream past, merge partial
accumulators from other processes or machines, take the summary at the end.

Memory does not grow with the number of tickets, with two stated exceptions: reply and
resolution times are kept exactly (8 bytes per duration) up to ``exact_limit`` durations per
metric (default `EXACT_LIMIT`, one million: 8 MB) and in a DDSketch past that (every
percentile within 1% of the exact ``lower`` percentile; ``DurationSummary.exact`` says which),
and duplicate detection keeps 16 bytes per ticket id. Lists of problems keep the first
``problem_limit`` entries; their counts are always complete.

Merging is exact: the merged summary equals the one a single pass over all rows gives, as
long as rows that share a ticket id are in the same part (partition by ticket id), because a
duplicate is refused where it is seen. Duplicates found only while merging are counted in
``duplicates`` but were measured twice.

Examples:
    >>> from datetime import UTC, datetime
    >>> from cxcore.report.readers import iter_jsonl
    >>> from cxcore.sla import CalendarTime, SlaPolicy
    >>> line = ('{"id":"T-1","customer":{"id":"C"},"channel":"email",'
    ...         '"created_at":"2026-11-23T09:00:00Z"}')
    >>> parts = [ReportAccumulator(policy=SlaPolicy(name="P"), calendar=CalendarTime(),
    ...                            at=datetime(2026, 11, 24, tzinfo=UTC), timezone="UTC")
    ...          for _ in range(2)]
    >>> parts[0].update(iter_jsonl([line])); parts[1].update(iter_jsonl([line, "{}"]))
    >>> summary = parts[0].merge(parts[1]).result()
    >>> summary.tickets, summary.refused, summary.duplicates
    (2, 1, 1)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta

from cxcore._time import ensure_aware, get_zone, instant
from cxcore.errors import CxError, InvalidInputError
from cxcore.metrics.attainment import AttainmentAccumulator
from cxcore.metrics.durations import ElapsedCalendar
from cxcore.metrics.quality import FcrAccumulator, ReopenAccumulator
from cxcore.metrics.timing import TimingAccumulator
from cxcore.metrics.volume import CountAccumulator, HourAccumulator
from cxcore.report._ids import IdSet
from cxcore.report._lean import LineReader
from cxcore.report._lines import Line
from cxcore.report._measure import LeanMeasurer, Measured, measure_ticket
from cxcore.report.groups import GROUP_LIMIT, GroupAccumulator
from cxcore.report.readers import NO_FIELDS, Row, RowProblem, iter_jsonl
from cxcore.report.results import REPLY_BINS, DistributionBin, ReportSummary, TicketProblem
from cxcore.sla.clock import SlaCalendar
from cxcore.sla.policy import SlaPolicy
from cxcore.tickets import Channel, Ticket, TicketStatus

__all__ = ["EXACT_LIMIT", "PROBLEM_LIMIT", "ReportAccumulator"]

EXACT_LIMIT = 1_000_000
"""Durations per timing metric kept exactly before percentiles move to a 1% DDSketch."""

PROBLEM_LIMIT = 1_000
"""Refused rows (and unmeasured tickets) listed one by one; the counts are always complete."""

_VALUES: dict[object, str] = {m: m.value for e in (Channel, TicketStatus) for m in e}
_OPEN = frozenset({TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING, TicketStatus.ON_HOLD})


_BIN_UPPERS = [
    None if upper is None else upper // timedelta(microseconds=1) for _, upper in REPLY_BINS
]


def _bin(micros: int) -> int:
    for index, upper in enumerate(_BIN_UPPERS):
        if upper is None or micros < upper:
            return index
    return len(REPLY_BINS) - 1  # pragma: no cover - the last bin has no bound


class _Lean:
    """The lean path of one accumulator: the line reader and the measurer (``None`` when the
    settings need the ``Ticket`` way). Built on first use, never pickled."""

    __slots__ = ("lines", "measurer")

    def __init__(self, measurer: LeanMeasurer | None) -> None:
        self.lines = LineReader()
        self.measurer = measurer

    @classmethod
    def for_accumulator(cls, acc: ReportAccumulator) -> _Lean:
        return cls(
            LeanMeasurer.for_settings(
                acc.policy, acc.calendar, acc.channel_calendars, acc.timing_calendar, acc.at
            )
        )


class ReportAccumulator:
    """Streaming report over rows: ``add_row`` (or ``add`` and ``add_problem``), ``merge``,
    ``result``. The settings are those of
    [summarize][cxcore.report.summary.summarize]; ``by`` names the breakdowns
    (see [GroupAccumulator][cxcore.report.groups.GroupAccumulator]). Picklable.
    """

    def __init__(
        self,
        *,
        policy: SlaPolicy,
        calendar: SlaCalendar,
        at: datetime,
        timezone: str,
        channel_calendars: Mapping[Channel, SlaCalendar] | None = None,
        timing_calendar: ElapsedCalendar | None = None,
        by: Iterable[str] = (),
        exact_limit: int | None = EXACT_LIMIT,
        problem_limit: int = PROBLEM_LIMIT,
        group_limit: int = GROUP_LIMIT,
    ) -> None:
        self.policy = policy
        self.calendar = calendar
        self.at = ensure_aware(at, "at")
        self._at_instant = instant(self.at)
        get_zone(timezone)
        self.timezone = timezone
        self.channel_calendars = dict(channel_calendars or {})
        self.timing_calendar = timing_calendar
        self.by = tuple(by)
        self.exact_limit = exact_limit
        if problem_limit < 0:
            raise InvalidInputError(f"problem_limit must be >= 0, got {problem_limit!r}")
        self.problem_limit = problem_limit
        self.group_limit = group_limit
        self.timing = TimingAccumulator(timing_calendar, exact_limit=exact_limit)
        self.hours = HourAccumulator(timezone)
        self.channels = CountAccumulator()
        self.statuses = CountAccumulator()
        self.fcr = FcrAccumulator()
        self.reopens = ReopenAccumulator()
        self.by_channel = AttainmentAccumulator(group_by=("metric", "channel"))
        self.groups = {
            name: GroupAccumulator(name, exact_limit=exact_limit, limit=group_limit)
            for name in self.by
        }
        self.distribution = [0] * len(REPLY_BINS)
        self.ids = IdSet()
        self.rows = self.tickets = self.refused = self.duplicates = self.open_tickets = 0
        self.problems: list[RowProblem] = []
        self.unmeasured_count = 0
        self.unmeasured: list[TicketProblem] = []
        self.first: tuple[int, datetime] | None = None  # (epoch microseconds, as written)
        self.last: tuple[int, datetime] | None = None
        self._lean: _Lean | None = None

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state["_lean"] = None  # rebuilt where the accumulator is used next
        return state

    def add_row(self, row: Row) -> None:
        """Add one row as a reader yields it."""
        if isinstance(row.item, RowProblem):
            self.add_problem(row.item)
        else:
            self.add(row.item, row.line, row.fields)

    def update(self, rows: Iterable[Row]) -> None:
        """Add every row."""
        for row in rows:
            self.add_row(row)

    def add_problem(self, problem: RowProblem) -> None:
        """Count a refused row (listed while fewer than ``problem_limit`` are)."""
        self.rows += 1
        self.refused += 1
        if len(self.problems) < self.problem_limit:
            self.problems.append(problem)

    def add(
        self, ticket: Ticket, line: int | None = None, fields: Mapping[str, str] = NO_FIELDS
    ) -> None:
        """Measure one ticket; a ticket id already read is refused as a duplicate."""
        if not self._first_sight(ticket.id, line):
            return
        if instant(ticket.created_at) > self._at_instant:
            self._too_new(ticket.id, ticket.created_at)
            return
        calendar = self.channel_calendars.get(ticket.channel, self.calendar)
        try:
            record = measure_ticket(ticket, self.policy, calendar, self.timing_calendar, self.at)
        except CxError as exc:
            self._unmeasured(ticket.id, str(exc))
            return
        self.add_measured(record, fields)

    def add_line(self, number: int, text: str) -> None:
        """Read and measure one line of a cxcore JSON-lines export (a blank line is skipped).

        The lean reader and measurer take the plain lines ``Ticket.model_dump_json`` writes;
        any other line is read by [iter_jsonl][cxcore.report.readers.iter_jsonl], so a refused
        line gets the same message either way (see ``cxcore.report._lean``).

        Examples:
            >>> from datetime import UTC
            >>> from cxcore.sla import CalendarTime, SlaPolicy
            >>> acc = ReportAccumulator(policy=SlaPolicy(name="P"), calendar=CalendarTime(),
            ...                         at=datetime(2026, 11, 24, tzinfo=UTC), timezone="UTC")
            >>> acc.add_line(1, '{"id":"T-1","customer":{"id":"C"},"channel":"email",'
            ...                 '"created_at":"2026-11-23T09:00:00Z"}')
            >>> acc.add_line(2, "{")
            >>> acc.tickets, acc.refused
            (1, 1)
        """
        if self._lean is None:
            self._lean = _Lean.for_accumulator(self)
        lean = self._lean
        ticket = None if lean.measurer is None else lean.lines.read(text)
        if ticket is None or lean.measurer is None:
            for row in iter_jsonl([Line(number, 0, text)]):
                self.add_row(row)
            return
        if not self._first_sight(ticket.id, number):
            return
        if ticket.created_us > lean.measurer.now:
            self._too_new(ticket.id, ticket.created)
            return
        self.add_measured(lean.measurer.measure(ticket), NO_FIELDS)

    def add_lines(self, lines: Iterable[Line]) -> None:
        """Add every line (see [add_line][cxcore.report.accumulator.ReportAccumulator.add_line]);
        a line that could not be decoded is refused with its problem."""
        for number, _, text, problem in lines:
            if text is None:
                self.add_problem(RowProblem(line=number, message=problem or "unreadable line"))
            elif text and not text.isspace():  # blank lines are skipped
                self.add_line(number, text)

    def _first_sight(self, ticket_id: str, line: int | None) -> bool:
        if self.ids.add(ticket_id):
            self.rows += 1
            return True
        self.duplicates += 1
        self.add_problem(
            RowProblem(
                line=line if line is not None else 0,
                message=f"ticket id {ticket_id!r} was already read; this row is left out",
            )
        )
        return False

    def _too_new(self, ticket_id: str, created: datetime) -> None:
        self._unmeasured(
            ticket_id,
            f"created {created.isoformat()}, after the report time {self.at.isoformat()}",
        )

    def add_measured(self, record: Measured, fields: Mapping[str, str] = NO_FIELDS) -> None:
        """Count one measured ticket (the caller checked it is new and not after ``at``)."""
        self.tickets += 1
        first = record.first_reply
        self.timing.add_micros(
            first,
            record.next_replies,
            record.first_resolution,
            record.full_resolution,
            record.requester_wait,
        )
        if first is not None:
            self.distribution[_bin(first)] += 1
        self.by_channel.add_states(record.sla, record.priority, record.channel)
        self.hours.add(record.created)
        self.channels.add(_VALUES[record.channel])
        status = record.status
        self.statuses.add(_VALUES[status])
        self.fcr.add_outcome(record.solved, record.first_contact)
        self.reopens.add_outcome(record.solved, record.reopened)
        is_open = status in _OPEN
        self.open_tickets += is_open
        created = record.created_us
        if self.first is None or created < self.first[0]:
            self.first = (created, record.created)
        if self.last is None or created > self.last[0]:
            self.last = (created, record.created)
        for group in self.groups.values():
            group.add_measured(record, fields, is_open)

    def _unmeasured(self, ticket_id: str, message: str) -> None:
        self.unmeasured_count += 1
        if len(self.unmeasured) < self.problem_limit:
            self.unmeasured.append(TicketProblem(ticket_id=ticket_id, message=message))

    def merge(self, other: ReportAccumulator) -> ReportAccumulator:
        """A new accumulator holding both (same settings); neither operand changes."""
        merged = self._empty()
        merged.absorb(self)
        merged.absorb(other)
        return merged

    def absorb(self, other: ReportAccumulator) -> None:
        """Add everything ``other`` holds to this accumulator in place (same settings):
        what [merge][cxcore.report.accumulator.ReportAccumulator.merge] gives, without a copy
        of this one's durations and ids, for folding many parts into one. ``other`` does not
        change.

        Examples:
            >>> from cxcore.sla import CalendarTime, SlaPolicy
            >>> from datetime import UTC
            >>> make = lambda: ReportAccumulator(policy=SlaPolicy(name="P"),
            ...     calendar=CalendarTime(), at=datetime(2026, 11, 24, tzinfo=UTC), timezone="UTC")
            >>> a, b = make(), make()
            >>> b.add_line(1, '{"id":"T","customer":{"id":"C"},"channel":"email",'
            ...               '"created_at":"2026-11-23T09:00:00Z"}')
            >>> a.absorb(b)
            >>> a.tickets, b.tickets
            (1, 1)
        """
        mine = (self.policy, self.at, self.timezone, self.by, self.exact_limit)
        theirs = (other.policy, other.at, other.timezone, other.by, other.exact_limit)
        if mine != theirs:
            raise InvalidInputError("can only merge report accumulators with the same settings")
        self.timing.absorb(other.timing)
        self.hours = self.hours.merge(other.hours)
        self.channels = self.channels.merge(other.channels)
        self.statuses = self.statuses.merge(other.statuses)
        self.fcr = self.fcr.merge(other.fcr)
        self.reopens = self.reopens.merge(other.reopens)
        self.by_channel = self.by_channel.merge(other.by_channel)
        for name in self.by:
            self.groups[name].absorb(other.groups[name])
        self.distribution = [
            a + b for a, b in zip(self.distribution, other.distribution, strict=True)
        ]
        shared = self.ids.absorb(other.ids)
        for name in (
            "rows",
            "tickets",
            "refused",
            "duplicates",
            "open_tickets",
            "unmeasured_count",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.duplicates += shared
        self.problems = sorted(self.problems + other.problems, key=lambda p: p.line)[
            : self.problem_limit
        ]
        self.unmeasured = (self.unmeasured + other.unmeasured)[: self.problem_limit]
        ends = [e for e in (self.first, other.first) if e is not None]
        self.first = min(ends, key=lambda e: e[0]) if ends else None
        ends = [e for e in (self.last, other.last) if e is not None]
        self.last = max(ends, key=lambda e: e[0]) if ends else None

    def _empty(self) -> ReportAccumulator:
        return ReportAccumulator(
            policy=self.policy,
            calendar=self.calendar,
            at=self.at,
            timezone=self.timezone,
            channel_calendars=self.channel_calendars,
            timing_calendar=self.timing_calendar,
            by=self.by,
            exact_limit=self.exact_limit,
            problem_limit=self.problem_limit,
            group_limit=self.group_limit,
        )

    def result(self, *, playbook: str | None = None, calendar: str | None = None) -> ReportSummary:
        """The summary so far; ``playbook`` and ``calendar`` name what it was judged against."""
        listed = self.refused > len(self.problems) or self.unmeasured_count > len(self.unmeasured)
        return ReportSummary(
            at=self.at,
            timezone=self.timezone,
            policy=self.policy.name,
            playbook=playbook,
            calendar=calendar,
            rows=self.rows,
            tickets=self.tickets,
            refused=self.refused,
            duplicates=self.duplicates,
            problem_limit=self.problem_limit if listed else None,
            problems=tuple(self.problems),
            unmeasured_count=self.unmeasured_count,
            unmeasured=tuple(self.unmeasured),
            first_created=None if self.first is None else self.first[1],
            last_created=None if self.last is None else self.last[1],
            open_tickets=self.open_tickets,
            channels=self.channels.result(),
            statuses=self.statuses.result(),
            busiest_hours=self.hours.result(),
            timing=self.timing.result(),
            first_reply_distribution=tuple(
                DistributionBin(label=label, upper=upper, count=count)
                for (label, upper), count in zip(REPLY_BINS, self.distribution, strict=True)
            ),
            first_contact_resolution=self.fcr.result(),
            reopen_rate=self.reopens.result(),
            attainment=self.by_channel.regroup(["metric"]).result(),
            attainment_by_channel=self.by_channel.result(),
            breakdowns=tuple(self.groups[name].result() for name in self.by),
        )
