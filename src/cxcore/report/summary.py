"""Summarise a ticket export: volume, reply and resolution times, quality and SLA attainment.

[`summarize`][cxcore.report.summary.summarize] is a pure function of the tickets that were read, the
SLA policy and calendar, and the instant ``at`` the report is taken at. It walks the tickets once
with the metrics accumulators, so the same numbers come out whether the export has ten tickets or a
million. Rows the reader refused stay in the summary as problems with their line numbers; tickets
that cannot be measured at ``at`` (created later) are listed by id, never silently dropped.

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

from collections.abc import Callable, Mapping
from datetime import datetime, timedelta

from cxcore._model import CxModel
from cxcore._time import AwareDatetime, ensure_aware, get_zone, instant
from cxcore.errors import CxError
from cxcore.metrics import RateResult
from cxcore.metrics.attainment import AttainmentAccumulator, AttainmentReport
from cxcore.metrics.durations import ElapsedCalendar
from cxcore.metrics.quality import FcrAccumulator, ReopenAccumulator
from cxcore.metrics.timing import TimingAccumulator, TimingReport, ticket_timing
from cxcore.metrics.volume import Breakdown, CountAccumulator, HourAccumulator, HourCounts
from cxcore.report.readers import ReadResult, RowProblem
from cxcore.sla.clock import SlaCalendar, evaluate
from cxcore.sla.policy import SlaPolicy
from cxcore.tickets import Channel, Ticket

__all__ = [
    "REPLY_BINS",
    "DistributionBin",
    "ReportSummary",
    "TicketProblem",
    "latest_time",
    "summarize",
]

REPLY_BINS: tuple[tuple[str, timedelta | None], ...] = (
    ("< 5 min", timedelta(minutes=5)),
    ("5-15 min", timedelta(minutes=15)),
    ("15-30 min", timedelta(minutes=30)),
    ("30-60 min", timedelta(hours=1)),
    ("1-2 h", timedelta(hours=2)),
    ("2-4 h", timedelta(hours=4)),
    ("4-8 h", timedelta(hours=8)),
    ("8-24 h", timedelta(days=1)),
    ("1-3 days", timedelta(days=3)),
    ("> 3 days", None),
)
"""The first-reply time distribution's bins: label and exclusive upper bound (None: no bound)."""


class DistributionBin(CxModel):
    """How many durations fell into one bin (``upper`` exclusive; ``None`` for the last bin).

    Examples:
        >>> DistributionBin(label="< 5 min", upper=timedelta(minutes=5), count=3).count
        3
    """

    label: str
    upper: timedelta | None
    count: int


class TicketProblem(CxModel):
    """A ticket that was read but could not be measured, and why.

    Examples:
        >>> TicketProblem(ticket_id="T-9", message="created after the report time").ticket_id
        'T-9'
    """

    ticket_id: str
    message: str


class ReportSummary(CxModel):
    """Everything ``cxcore report`` shows, as one value (``model_dump_json`` is its JSON form).

    ``rows`` counts the export's data rows; ``tickets`` the tickets measured. Times in
    ``timing`` are calendar time unless ``timing.business_time``; SLA attainment follows each
    target's own clock (business or calendar time, as the policy says). ``busiest_hours`` counts
    ticket creation by local hour in ``timezone``.

    Examples:
        >>> from datetime import timezone
        >>> from cxcore.sla import CalendarTime
        >>> empty = summarize(
        ...     ReadResult(tickets=(), problems=(), rows=0),
        ...     policy=SlaPolicy(name="P"),
        ...     calendar=CalendarTime(),
        ...     at=datetime(2026, 1, 1, tzinfo=timezone.utc),
        ...     timezone="UTC",
        ... )
        >>> empty.tickets, empty.first_created is None
        (0, True)
    """

    at: AwareDatetime
    timezone: str
    policy: str
    rows: int
    tickets: int
    problems: tuple[RowProblem, ...]
    unmeasured: tuple[TicketProblem, ...]
    first_created: AwareDatetime | None
    last_created: AwareDatetime | None
    open_tickets: int
    channels: Breakdown
    statuses: Breakdown
    busiest_hours: HourCounts
    timing: TimingReport
    first_reply_distribution: tuple[DistributionBin, ...]
    first_contact_resolution: RateResult
    reopen_rate: RateResult
    attainment: AttainmentReport
    attainment_by_channel: AttainmentReport


def latest_time(read: ReadResult) -> datetime | None:
    """The latest creation or event time in the export: the instant it was taken "as of".

    Examples:
        >>> latest_time(ReadResult(tickets=(), problems=(), rows=0)) is None
        True
    """
    latest: datetime | None = None
    latest_instant: datetime | None = None
    for ticket in read.tickets:
        last = ticket.events[-1].at if ticket.events else ticket.created_at
        for moment in (ticket.created_at, last):
            # Compare instants: datetimes sharing a tzinfo compare by wall time.
            moment_instant = instant(moment)
            if latest_instant is None or moment_instant > latest_instant:
                latest, latest_instant = moment, moment_instant
    return latest


def _bin(duration: timedelta) -> int:
    for index, (_, upper) in enumerate(REPLY_BINS):
        if upper is None or duration < upper:
            return index
    return len(REPLY_BINS) - 1  # pragma: no cover - the last bin has no bound


def summarize(
    read: ReadResult,
    *,
    policy: SlaPolicy,
    calendar: SlaCalendar,
    at: datetime,
    timezone: str,
    channel_calendars: Mapping[Channel, SlaCalendar] | None = None,
    timing_calendar: ElapsedCalendar | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ReportSummary:
    """Summarise the tickets of ``read`` as of ``at``.

    SLA clocks use ``calendar``, or ``channel_calendars[ticket.channel]`` where given (a
    playbook's per-channel hours). Reply and resolution times count every hour unless
    ``timing_calendar`` is given. Events after ``at`` are ignored by the SLA clock; tickets
    created after ``at`` are listed in ``unmeasured``. ``progress(done, total)`` is called after
    each ticket, for a progress bar.
    """
    # Compare instants: datetimes sharing a tzinfo compare by wall time.
    at_instant = instant(ensure_aware(at, "at"))
    get_zone(timezone)
    calendars = dict(channel_calendars or {})
    timing = TimingAccumulator(timing_calendar)
    hours = HourAccumulator(timezone)
    channels = CountAccumulator()
    statuses = CountAccumulator()
    fcr = FcrAccumulator()
    reopens = ReopenAccumulator()
    attainment = AttainmentAccumulator(group_by=("metric",))
    by_channel = AttainmentAccumulator(group_by=("metric", "channel"))
    distribution = [0] * len(REPLY_BINS)
    unmeasured: list[TicketProblem] = []
    first: datetime | None = None
    last: datetime | None = None
    first_instant = last_instant = at_instant
    open_tickets = 0
    total = len(read.tickets)
    for done, ticket in enumerate(read.tickets, start=1):
        created = instant(ticket.created_at)
        if created > at_instant:
            unmeasured.append(
                TicketProblem(
                    ticket_id=ticket.id,
                    message=f"created {ticket.created_at.isoformat()}, after the report time "
                    f"{at.isoformat()}",
                )
            )
        else:
            try:
                report = evaluate(ticket, policy, calendars.get(ticket.channel, calendar), at)
            except CxError as exc:
                unmeasured.append(TicketProblem(ticket_id=ticket.id, message=str(exc)))
            else:
                _count(ticket, timing_calendar, timing, distribution)
                attainment.add(report)
                by_channel.add(report)
                hours.add(ticket.created_at)
                channels.add(ticket.channel.value)
                statuses.add(ticket.status.value)
                fcr.add(ticket)
                reopens.add(ticket)
                open_tickets += ticket.status.value not in ("solved", "closed")
                if first is None or created < first_instant:
                    first, first_instant = ticket.created_at, created
                if last is None or created > last_instant:
                    last, last_instant = ticket.created_at, created
        if progress is not None:
            progress(done, total)
    return ReportSummary(
        at=at,
        timezone=timezone,
        policy=policy.name,
        rows=read.rows,
        tickets=total - len(unmeasured),
        problems=read.problems,
        unmeasured=tuple(unmeasured),
        first_created=first,
        last_created=last,
        open_tickets=open_tickets,
        channels=channels.result(),
        statuses=statuses.result(),
        busiest_hours=hours.result(),
        timing=timing.result(),
        first_reply_distribution=tuple(
            DistributionBin(label=label, upper=upper, count=count)
            for (label, upper), count in zip(REPLY_BINS, distribution, strict=True)
        ),
        first_contact_resolution=fcr.result(),
        reopen_rate=reopens.result(),
        attainment=attainment.result(),
        attainment_by_channel=by_channel.result(),
    )


def _count(
    ticket: Ticket,
    timing_calendar: ElapsedCalendar | None,
    timing: TimingAccumulator,
    distribution: list[int],
) -> None:
    measured = ticket_timing(ticket, timing_calendar)
    timing.add_timing(measured)
    if measured.first_reply is not None:
        distribution[_bin(measured.first_reply)] += 1
