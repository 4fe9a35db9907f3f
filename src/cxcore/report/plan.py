"""The staffing plan as text and as a self-contained HTML section.

The text is the table ``cxcore plan`` prints: per channel the people-hours needed against
rostered, the extra hours, attainment under today's roster, overflow and the days that break a
target, then one line per day. The HTML page shows the same with a heat map per channel: each
cell an hour of the week, shaded by the people needed, red where today's roster falls short.

Examples:
    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> from cxcore.capacity import ChannelSetup, plan_week
    >>> from cxcore.sla import BusinessCalendar
    >>> office = BusinessCalendar(timezone="Europe/Warsaw")
    >>> email = ChannelSetup(channel="email", mode="async", handle_time="10m", calendar=office,
    ...                      target="8h", share=0.95, roster=([0] * 9 + [1] * 8 + [0] * 7) * 7)
    >>> monday = datetime(2026, 11, 23, tzinfo=ZoneInfo("Europe/Warsaw"))
    >>> plan = plan_week([email], {"email": [0] * 9 + [4] * 8 + [0] * 151}, start=monday)
    >>> print(next(format_plan(plan)))
    Staffing plan for the week of Monday 23 November 2026 (Europe/Warsaw)
    >>> render_plan_html(plan).startswith("<!DOCTYPE html>")
    True
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from markupsafe import escape

from cxcore.capacity.plan import ChannelOutcome, WeekPlan
from cxcore.report.html import _CSS, _svg, _table

__all__ = ["format_plan", "plan_heatmap_svg", "render_plan_html"]

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _zone(plan: WeekPlan) -> str:
    return str(getattr(plan.start.tzinfo, "key", plan.start.tzinfo))


def _summary_row(outcome: ChannelOutcome) -> list[object]:
    return [
        outcome.channel.value,
        outcome.mode,
        outcome.needed_hours,
        outcome.rostered_hours,
        outcome.extra_hours,
        f"{100 * outcome.attainment:.1f}%",
        f"{outcome.overflow:.0f}",
    ]


def _days(outcome: ChannelOutcome) -> Iterator[tuple[str, int, int, int, str]]:
    for day in range(7):
        hours = outcome.hours[day * 24 : day * 24 + 24]
        needed = sum(h.needed for h in hours)
        rostered = sum(h.rostered for h in hours)
        peak = max(hours, key=lambda h: h.needed)
        breaches = [h.start.hour for h in hours if h.breach]
        broken = f"{breaches[0]:02d}:00-{breaches[-1] + 1:02d}:00" if breaches else ""
        label = f"{_DAYS[day]} {(outcome.hours[day * 24].start).strftime('%d %b')}"
        yield label, needed, rostered, peak.needed, broken


def format_plan(plan: WeekPlan) -> Iterator[str]:
    """The plan as lines of text."""
    first = plan.start.date()
    yield f"Staffing plan for the week of Monday {first.day} {first:%B %Y} ({_zone(plan)})"
    if plan.campaign:
        yield f"scenario: {plan.campaign}"
    yield ""
    yield "channel      mode    needed  rostered  extra  in time  overflow   (people-hours)"
    for outcome in plan.channels:
        row = _summary_row(outcome)
        yield (
            f"{row[0]:<12} {row[1]:<6} {row[2]:>7} {row[3]:>9} {row[4]:>6} {row[5]:>8} {row[6]:>9}"
        )
    yield f"extra people-hours to keep every target: {plan.extra_hours}"
    for outcome in plan.channels:
        yield ""
        yield f"{outcome.channel.value} ({outcome.mode}): needed / rostered people-hours per day"
        for label, needed, rostered, peak, broken in _days(outcome):
            note = f"  breaks {broken}" if broken else ""
            yield f"  {label}  {needed:>4} / {rostered:<4} peak {peak}{note}"
        for check in outcome.rules:
            state = "kept" if check.met else "missed"
            yield (
                f"  rule {check.rule}: {state}, {100 * check.attainment:.1f}% in time "
                f"(needs {100 * check.share:.0f}%), {check.late} late"
            )
        if outcome.backlog_at_close:
            worst = max(outcome.backlog_at_close, key=lambda item: item[1])
            yield f"  largest backlog at a close: {worst[1]} at {worst[0]:%a %H:%M}"


def plan_heatmap_svg(outcome: ChannelOutcome) -> str:
    """People needed by weekday and hour, darker for more; red outline where today's roster is
    short, and the rostered count in each cell's tooltip."""
    peak = max((h.needed for h in outcome.hours), default=0) or 1
    cell, left, top = 30, 40, 18
    parts = [
        f'<text x="{left + h * cell + cell / 2}" y="12" text-anchor="middle">{h:02d}</text>'
        for h in range(0, 24, 2)
    ]
    for index, hour in enumerate(outcome.hours):
        day, h = divmod(index, 24)
        y = top + day * cell
        if h == 0:
            parts.append(f'<text x="4" y="{y + cell / 2 + 4}">{_DAYS[day].lower()}</text>')
        shade = 0.06 + 0.94 * hour.needed / peak if hour.needed else 0.0
        short = hour.needed > hour.rostered
        stroke = "#d1242f" if short else "#e3e6ea"
        width = 2 if short else 1
        parts.append(
            f'<rect x="{left + h * cell}" y="{y}" width="{cell - 2}" height="{cell - 2}" rx="3" '
            f'fill="#1f6feb" fill-opacity="{shade:.3f}" stroke="{stroke}" '
            f'stroke-width="{width}"><title>{_DAYS[day]} {h:02d}:00: needed {hour.needed}, '
            f"rostered {hour.rostered}, forecast {hour.forecast:.1f}</title></rect>"
        )
    width, height = left + 24 * cell, top + 7 * cell + 4
    label = f"{outcome.channel.value}: people needed by weekday and hour"
    return _svg(width, height, label, parts)


def render_plan_html(plan: WeekPlan, title: str = "Staffing plan") -> str:
    """The plan as one self-contained HTML page (inline CSS and SVG, no scripts)."""
    first = plan.start.date()
    summary = _table(
        ["channel", "mode", "needed", "rostered", "extra", "in time", "overflow"],
        (_summary_row(o) for o in plan.channels),
    )
    sections = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="meta">Week of Monday {first.day} {first:%B %Y} '
        f"to {first + timedelta(days=6):%d %B} ({escape(_zone(plan))})"
        + (f"; scenario {escape(plan.campaign)}" if plan.campaign else "")
        + f"; extra people-hours to keep every target: {plan.extra_hours}</p>",
        "<h2>Needed against rostered (people-hours)</h2>",
        summary,
    ]
    for outcome in plan.channels:
        sections.append(f"<h2>{escape(outcome.channel.value)} ({escape(outcome.mode)})</h2>")
        sections.append(plan_heatmap_svg(outcome))
        sections.append(
            _table(
                ["day", "needed", "rostered", "peak", "breaks"],
                ([label, n, r, p, b or "-"] for label, n, r, p, b in _days(outcome)),
            )
        )
        if outcome.rules:
            sections.append(
                _table(
                    ["reply rule", "in time", "needs", "late", "kept"],
                    (
                        [
                            c.rule,
                            f"{100 * c.attainment:.1f}%",
                            f"{100 * c.share:.0f}%",
                            c.late,
                            "yes" if c.met else "no",
                        ]
                        for c in outcome.rules
                    ),
                )
            )
    sections.append("</body></html>")
    return "\n".join(sections)
