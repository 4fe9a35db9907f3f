"""Plain-text rendering of a [`ReportSummary`][cxcore.report.summary.ReportSummary] for the
terminal.

Examples:
    >>> span(timedelta(hours=26, minutes=5)), span(timedelta(minutes=7, seconds=30)), span(None)
    ('1d 02h', '7m 30s', '-')
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

from cxcore._time import get_zone
from cxcore.metrics import RateResult
from cxcore.metrics.attainment import AttainmentRow
from cxcore.metrics.volume import Breakdown
from cxcore.report.summary import GroupBreakdown, ReportSummary

__all__ = ["TIMING_ROWS", "format_text", "local_time", "percent", "span"]

TIMING_ROWS: tuple[tuple[str, str], ...] = (
    ("first reply", "first_reply"),
    ("next reply", "next_reply"),
    ("first resolution", "first_resolution"),
    ("full resolution", "full_resolution"),
    ("requester wait", "requester_wait"),
)
"""The rows of the report's timing table, in order: (label, timing metric name).

Examples:
    >>> TIMING_ROWS[0]
    ('first reply', 'first_reply')
"""


def span(value: timedelta | None) -> str:
    """A duration for people: ``45s``, ``7m 30s``, ``3h 05m``, ``2d 04h``, ``8h`` (``-`` for
    none); the smaller unit is left out when it is zero."""
    if value is None:
        return "-"
    seconds = round(value.total_seconds())
    days, rest = divmod(seconds, 86_400)
    hours, rest = divmod(rest, 3_600)
    minutes, secs = divmod(rest, 60)
    if days:
        return f"{days}d {hours:02d}h" if hours else f"{days}d"
    if hours:
        return f"{hours}h {minutes:02d}m" if minutes else f"{hours}h"
    if minutes:
        return f"{minutes}m {secs:02d}s" if secs else f"{minutes}m"
    return f"{secs}s"


def percent(value: float | None) -> str:
    """``92.5%`` (``-`` for none).

    Examples:
        >>> percent(92.456), percent(None)
        ('92.5%', '-')
    """
    return "-" if value is None else f"{value:.1f}%"


def local_time(moment: datetime | None, zone: str) -> str:
    """``YYYY-MM-DD HH:MM`` in ``zone`` (``-`` for none).

    Examples:
        >>> from datetime import timezone
        >>> local_time(datetime(2026, 11, 23, 8, 0, tzinfo=timezone.utc), "Europe/Warsaw")
        '2026-11-23 09:00'
    """
    if moment is None:
        return "-"
    return moment.astimezone(get_zone(zone)).strftime("%Y-%m-%d %H:%M")


def _breakdown(breakdown: Breakdown) -> str:
    if not breakdown.n:
        return "-"
    return ", ".join(f"{i.key} {i.count} ({100 * i.share:.1f}%)" for i in breakdown.items)


def _rate(result: RateResult) -> str:
    if result.n == 0:
        return "- (none eligible)"
    # RateResult keeps its interval as shares (0..1); the text shows percent
    low = None if result.ci_low is None else 100 * result.ci_low
    high = None if result.ci_high is None else 100 * result.ci_high
    return (
        f"{percent(result.percent)} ({result.count} of {result.n}; "
        f"{round(100 * result.confidence)}% CI {percent(low)}-{percent(high)})"
    )


def _attainment_row(label: str, row: AttainmentRow) -> str:
    ci = f"{percent(row.ci_low)}-{percent(row.ci_high)}" if row.n else "-"
    running = []
    if row.active:
        running.append(f"{row.active} active")
    if row.paused:
        running.append(f"{row.paused} paused")
    return (
        f"  {label:<28}{row.achieved:>9}{row.breached:>9}  {percent(row.percent):>7}  "
        f"{ci:<13} {', '.join(running) or '-'}"
    )


def format_text(summary: ReportSummary) -> Iterator[str]:
    """The report as lines of plain text (no trailing newlines)."""
    zone = summary.timezone
    refused = max(summary.refused, len(summary.problems))
    duplicates = f", {summary.duplicates} of them repeated ids" if summary.duplicates else ""
    unmeasured = max(summary.unmeasured_count, len(summary.unmeasured))
    yield (
        f"cxcore report: {summary.tickets} tickets measured from {summary.rows} rows "
        f"({refused} refused{duplicates}, {unmeasured} not measured)"
    )
    first, last = local_time(summary.first_created, zone), local_time(summary.last_created, zone)
    yield (
        f"created {first} .. {last} ({zone}); as of {local_time(summary.at, zone)}; "
        f"SLA policy {summary.policy!r}"
    )
    if summary.playbook or summary.calendar:
        yield f"judged against playbook {summary.playbook or '-'}; hours: {summary.calendar or '-'}"
    if summary.problems:
        yield ""
        shown = len(summary.problems)
        yield "Refused rows" + (f" (first {shown} of {refused})" if shown < refused else "")
        for problem in summary.problems:
            yield f"  line {problem.line}: {problem.message}"
    if summary.unmeasured:
        yield ""
        shown = len(summary.unmeasured)
        yield "Not measured" + (f" (first {shown} of {unmeasured})" if shown < unmeasured else "")
        for item in summary.unmeasured:
            yield f"  {item.ticket_id}: {item.message}"
    yield ""
    yield "Volume"
    yield f"  channels      {_breakdown(summary.channels)}"
    yield f"  statuses      {_breakdown(summary.statuses)}"
    yield f"  open now      {summary.open_tickets}"
    busiest = summary.busiest_hours.busiest(3)
    cells = ", ".join(f"{day} {hour:02d}:00 ({count})" for day, hour, count in busiest)
    yield f"  busiest hours {cells or '-'}"
    yield ""
    clock = "business time" if summary.timing.business_time else "calendar time"
    yield f"Reply and resolution times ({clock})"
    yield f"  {'':<18}{'n':>6}{'mean':>10}{'median':>10}{'p90':>10}{'p95':>10}"
    for label, name in TIMING_ROWS:
        part = getattr(summary.timing, name)
        yield (
            f"  {label:<18}{part.n:>6}{span(part.mean):>10}{span(part.median):>10}"
            f"{span(part.p90):>10}{span(part.p95):>10}"
        )
    yield ""
    yield "Quality"
    yield f"  first-contact resolution  {_rate(summary.first_contact_resolution)}"
    yield f"  reopened                  {_rate(summary.reopen_rate)}"
    yield ""
    yield "SLA attainment"
    yield f"  {'target':<28}{'achieved':>9}{'breached':>9}  {'rate':>7}  {'95% CI':<13} running"
    for row in summary.attainment.rows:
        yield _attainment_row(row.metric or "", row)
    yield _attainment_row("all targets", summary.attainment.overall)
    if summary.attainment_by_channel.rows:
        yield ""
        yield "SLA attainment by channel"
        for row in summary.attainment_by_channel.rows:
            yield _attainment_row(f"{row.metric} / {row.channel}", row)
    for breakdown in summary.breakdowns:
        yield from _breakdown_lines(breakdown)


def _breakdown_lines(breakdown: GroupBreakdown) -> Iterator[str]:
    yield ""
    yield f"By {breakdown.by}"
    yield (
        f"  {'':<24}{'tickets':>8}{'open':>7}{'replies':>9}{'first reply':>13}"
        f"{'FCR':>8}{'SLA met':>9}"
    )
    for row in breakdown.rows:
        label = row.key if len(row.key) <= 23 else row.key[:22] + "~"
        yield (
            f"  {label:<24}{row.tickets:>8}{row.open_tickets:>7}{row.replies:>9}"
            f"{span(row.first_reply.median):>13}{percent(row.first_contact_resolution.percent):>8}"
            f"{percent(row.attainment.percent):>9}"
        )
