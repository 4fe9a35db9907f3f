"""A single self-contained HTML page for a [`ReportSummary`][cxcore.report.summary.ReportSummary].

The page has inline CSS and inline SVG charts (busiest-hours heatmap, first-reply time
distribution, SLA attainment): no scripts, no web fonts, no network requests, so it opens in
any browser from a file and can be mailed as an attachment. Every text from the export is
escaped.

Examples:
    >>> from datetime import datetime, timezone
    >>> from cxcore.report.readers import ReadResult
    >>> from cxcore.report.summary import summarize
    >>> from cxcore.sla import CalendarTime, SlaPolicy
    >>> summary = summarize(ReadResult(tickets=(), problems=(), rows=0), policy=SlaPolicy(name="P"),
    ...                     calendar=CalendarTime(), at=datetime(2026, 1, 1, tzinfo=timezone.utc),
    ...                     timezone="UTC")
    >>> page = render_html(summary)
    >>> page.startswith("<!DOCTYPE html>"), "<svg" in page, "http" in page.replace(SVG_NS, "")
    (True, True, False)
"""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import escape

from cxcore.metrics.volume import WEEKDAYS
from cxcore.report.summary import ReportSummary
from cxcore.report.text import TIMING_ROWS, local_time, percent, span

__all__ = ["SVG_NS", "attainment_svg", "heatmap_svg", "histogram_svg", "render_html"]

SVG_NS = "http://www.w3.org/2000/svg"
"""The SVG namespace URI (an identifier, never fetched)."""

_CSS = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d232a;
       margin: 2rem auto; max-width: 960px; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin-bottom: .2rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
.meta { color: #5b6470; margin-top: 0; }
table { border-collapse: collapse; margin: .5rem 0; }
th, td { padding: .25rem .7rem; text-align: right; border-bottom: 1px solid #e3e6ea; }
th:first-child, td:first-child { text-align: left; }
.cards { display: flex; flex-wrap: wrap; gap: .8rem; }
.card { border: 1px solid #e3e6ea; border-radius: 6px; padding: .6rem .9rem; min-width: 9rem; }
.card b { display: block; font-size: 1.4rem; }
.problems li { font-family: ui-monospace, monospace; font-size: .85rem; }
svg text { font: 11px system-ui, sans-serif; fill: #1d232a; }
"""


def _svg(width: int, height: int, label: str, body: Iterable[str]) -> str:
    return (
        f'<svg xmlns="{SVG_NS}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}">'
        f"<title>{escape(label)}</title>" + "".join(body) + "</svg>"
    )


def heatmap_svg(summary: ReportSummary) -> str:
    """Tickets created by weekday and local hour, darker for more."""
    grid = summary.busiest_hours.by_hour_of_week
    peak = max((max(row) for row in grid), default=0) or 1
    cell, left, top = 30, 40, 18
    parts = [
        f'<text x="{left + h * cell + cell / 2}" y="12" text-anchor="middle">{h:02d}</text>'
        for h in range(0, 24, 2)
    ]
    for day, row in enumerate(grid):
        y = top + day * cell
        parts.append(f'<text x="4" y="{y + cell / 2 + 4}">{WEEKDAYS[day]}</text>')
        for hour, count in enumerate(row):
            shade = 0.06 + 0.94 * count / peak if count else 0.0
            parts.append(
                f'<rect x="{left + hour * cell}" y="{y}" width="{cell - 2}" height="{cell - 2}" '
                f'rx="3" fill="#1f6feb" fill-opacity="{shade:.3f}" stroke="#e3e6ea">'
                f"<title>{WEEKDAYS[day]} {hour:02d}:00: {count}</title></rect>"
            )
    width, height = left + 24 * cell, top + 7 * cell + 4
    return _svg(width, height, "Tickets created by weekday and hour", parts)


def histogram_svg(summary: ReportSummary) -> str:
    """The first-reply time distribution as vertical bars."""
    bins = summary.first_reply_distribution
    peak = max((b.count for b in bins), default=0) or 1
    bar, gap, base, chart = 70, 12, 200, 160
    parts = []
    for index, item in enumerate(bins):
        x = 10 + index * (bar + gap)
        height = chart * item.count / peak
        parts.append(
            f'<rect x="{x}" y="{base - height:.1f}" width="{bar}" height="{height:.1f}" '
            f'fill="#2da44e"><title>{escape(item.label)}: {item.count}</title></rect>'
            f'<text x="{x + bar / 2}" y="{base - height - 4:.1f}" text-anchor="middle">'
            f"{item.count}</text>"
            f'<text x="{x + bar / 2}" y="{base + 16}" text-anchor="middle">'
            f"{escape(item.label)}</text>"
        )
    parts.append(
        f'<line x1="6" y1="{base}" x2="{10 + len(bins) * (bar + gap)}" y2="{base}" '
        'stroke="#8c959f"/>'
    )
    return _svg(20 + len(bins) * (bar + gap), base + 26, "First reply time distribution", parts)


def attainment_svg(summary: ReportSummary) -> str:
    """One bar per SLA metric: the achieved share in green, breached in red, running in grey."""
    rows = [(row.metric or "", row) for row in summary.attainment.rows]
    rows.append(("all targets", summary.attainment.overall))
    left, width, line = 130, 520, 30
    parts = []
    for index, (label, row) in enumerate(rows):
        y = 8 + index * line
        total = row.achieved + row.breached + row.active + row.paused
        parts.append(f'<text x="0" y="{y + 15}">{escape(label)}</text>')
        x = float(left)
        for count, colour, what in (
            (row.achieved, "#2da44e", "achieved"),
            (row.breached, "#cf222e", "breached"),
            (row.active + row.paused, "#afb8c1", "running"),
        ):
            if not total or not count:
                continue
            size = width * count / total
            parts.append(
                f'<rect x="{x:.1f}" y="{y}" width="{size:.1f}" height="20" fill="{colour}">'
                f"<title>{escape(label)}: {count} {what}</title></rect>"
            )
            x += size
        parts.append(f'<text x="{left + width + 8}" y="{y + 15}">{percent(row.percent)}</text>')
    return _svg(left + width + 60, 16 + len(rows) * line, "SLA attainment by metric", parts)


def _table(head: Iterable[str], rows: Iterable[Iterable[object]]) -> str:
    cells = "".join(f"<th>{escape(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{cells}</tr></thead><tbody>{body}</tbody></table>"


def _ci(low: float | None, high: float | None, n: int) -> str:
    # rates keep their interval as shares (0..1); the page shows percent
    if not n or low is None or high is None:
        return "-"
    return f"{percent(100 * low)}-{percent(100 * high)}"


def render_html(summary: ReportSummary, title: str = "Support report") -> str:
    """The whole report page as one string of HTML."""
    zone = summary.timezone
    cards = [
        ("tickets", str(summary.tickets)),
        ("open now", str(summary.open_tickets)),
        ("median first reply", span(summary.timing.first_reply.median)),
        ("SLA attainment", percent(summary.attainment.overall.percent)),
        ("refused rows", str(max(summary.refused, len(summary.problems)))),
    ]
    timing = _table(
        ["", "n", "mean", "median", "p90", "p95"],
        (
            [label, part.n, span(part.mean), span(part.median), span(part.p90), span(part.p95)]
            for label, part in (
                (label, getattr(summary.timing, name)) for label, name in TIMING_ROWS
            )
        ),
    )
    attainment = _table(
        ["target", "channel", "achieved", "breached", "rate", "95% CI", "active", "paused"],
        (
            [
                r.metric,
                r.channel,
                r.achieved,
                r.breached,
                percent(r.percent),
                f"{percent(r.ci_low)}-{percent(r.ci_high)}" if r.n else "-",
                r.active,
                r.paused,
            ]
            for r in summary.attainment_by_channel.rows
        ),
    )
    channels = _table(
        ["channel", "tickets", "share"],
        ([i.key, i.count, percent(100 * i.share)] for i in summary.channels.items),
    )
    statuses = _table(
        ["status", "tickets", "share"],
        ([i.key, i.count, percent(100 * i.share)] for i in summary.statuses.items),
    )
    quality = _table(
        ["measure", "rate", "count", "of", "95% CI"],
        (
            [label, percent(r.percent), r.count, r.n, _ci(r.ci_low, r.ci_high, r.n)]
            for label, r in (
                ("first-contact resolution", summary.first_contact_resolution),
                ("reopened", summary.reopen_rate),
            )
        ),
    )
    breakdowns = [
        f"<h2>By {escape(b.by)}</h2>"
        + _table(
            [b.by, "tickets", "open", "replies", "median first reply", "FCR", "SLA met"],
            (
                [
                    r.key,
                    r.tickets,
                    r.open_tickets,
                    r.replies,
                    span(r.first_reply.median),
                    percent(r.first_contact_resolution.percent),
                    percent(r.attainment.percent),
                ]
                for r in b.rows
            ),
        )
        for b in summary.breakdowns
    ]
    problems = "".join(
        f"<li>line {p.line}: {escape(p.message)}</li>" for p in summary.problems
    ) + "".join(f"<li>{escape(u.ticket_id)}: {escape(u.message)}</li>" for u in summary.unmeasured)
    clock = "business time" if summary.timing.business_time else "calendar time"
    sections = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="meta">{summary.rows} rows, tickets created '
        f"{local_time(summary.first_created, zone)} to {local_time(summary.last_created, zone)} "
        f"({escape(zone)}); as of "
        f"{local_time(summary.at, zone)}; SLA policy {escape(summary.policy)}</p>",
        *(
            [
                f'<p class="meta">Judged against playbook {escape(summary.playbook or "-")}; '
                f"hours: {escape(summary.calendar or '-')}</p>"
            ]
            if summary.playbook or summary.calendar
            else []
        ),
        '<div class="cards">'
        + "".join(f'<div class="card"><b>{escape(v)}</b>{escape(k)}</div>' for k, v in cards)
        + "</div>",
        "<h2>Busiest hours</h2>",
        heatmap_svg(summary),
        "<h2>First reply time</h2>",
        histogram_svg(summary),
        f"<h2>Reply and resolution times ({clock})</h2>",
        timing,
        "<h2>SLA attainment</h2>",
        attainment_svg(summary),
        attainment,
        "<h2>Quality</h2>",
        quality,
        "<h2>Channels</h2>",
        channels,
        "<h2>Statuses</h2>",
        statuses,
        f'<p class="meta">{summary.open_tickets} open now</p>',
        *breakdowns,
    ]
    if problems:
        sections += [
            "<h2>Rows not used</h2>",
            f'<ul class="problems">{problems}</ul>',
        ]
    sections.append("</body></html>")
    return "\n".join(sections)
