"""The staffing plan as text and HTML: short hours stand out, texts are escaped."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from cxcore.capacity import Campaign, ChannelSetup, plan_week
from cxcore.report.plan import format_plan, plan_heatmap_svg, render_plan_html
from cxcore.sla import BusinessCalendar

MONDAY = datetime(2026, 11, 23, tzinfo=ZoneInfo("Europe/Warsaw"))
CHAT = ChannelSetup(
    channel="live_chat",
    mode="live",
    handle_time="6m",
    calendar=BusinessCalendar(timezone="Europe/Warsaw"),
    target="60s",
    share=0.8,
    roster=([0] * 9 + [2] * 8 + [0] * 7) * 5 + [0] * 48,
)
FORECAST = {"live_chat": ([0] * 9 + [6] * 8 + [0] * 7) * 7}
PEAK = Campaign(
    name="<Black> Friday",
    start=date(2026, 11, 27),
    end=date(2026, 11, 27),
    multipliers={"live_chat": 4},
)


def test_text_lists_each_day_and_the_breaking_hours() -> None:
    lines = list(format_plan(plan_week([CHAT], FORECAST, start=MONDAY, campaign=PEAK)))
    assert lines[1] == "scenario: <Black> Friday"
    friday = next(line for line in lines if line.startswith("  Fri 27 Nov"))
    assert "breaks 09:00-17:00" in friday
    monday = next(line for line in lines if line.startswith("  Mon 23 Nov"))
    assert "breaks" not in monday


def test_heat_map_outlines_short_hours_in_red() -> None:
    week = plan_week([CHAT], FORECAST, start=MONDAY, campaign=PEAK)
    svg = plan_heatmap_svg(week.channels[0])
    assert svg.count('stroke="#d1242f"') == 8  # Friday 09:00-17:00
    assert "Fri 10:00: needed" in svg


def test_html_escapes_the_scenario_name() -> None:
    page = render_plan_html(plan_week([CHAT], FORECAST, start=MONDAY, campaign=PEAK))
    assert "&lt;Black&gt; Friday" in page and "<Black>" not in page
