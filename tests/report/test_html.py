"""The HTML report: one self-contained page, valid inline SVG charts, everything escaped."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

from cxcore.playbook import builtin_playbook
from cxcore.report import CsvMapping, ReadResult, RowProblem, read_export
from cxcore.report.html import SVG_NS, attainment_svg, heatmap_svg, histogram_svg, render_html
from cxcore.report.summary import REPLY_BINS, ReportSummary, latest_time, summarize
from cxcore.sla import CalendarTime, SlaPolicy

FIXTURES = Path(__file__).parent / "fixtures"
VOID = {"meta", "br", "img", "input", "link", "hr", "rect", "line"}


def _summary(read: ReadResult | None = None) -> ReportSummary:
    playbook = builtin_playbook()
    if read is None:
        mapping = CsvMapping.parse(
            "id=Ticket ID,created_at=Created,channel=Via,priority=Priority,"
            "first_reply_at=First reply,solved_at=Solved,customer_id=Requester"
        )
        read = read_export(FIXTURES / "export.csv", mapping)
    at = latest_time(read) or datetime(2026, 11, 24, tzinfo=UTC)
    return summarize(
        read,
        policy=playbook.sla.policy,
        calendar=playbook.sla_calendar(),
        at=at,
        timezone="Europe/Warsaw",
    )


class _Balance(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}> with open {self.stack[-3:]}")
        else:
            self.stack.pop()


def test_page_is_self_contained_and_balanced() -> None:
    page = render_html(_summary())
    assert page.startswith("<!DOCTYPE html>")
    # nothing is fetched: no scripts, links, images, imports or URLs besides the SVG namespace
    assert "<script" not in page and "<link" not in page and "<img" not in page
    assert "url(" not in page and "@import" not in page
    assert re.findall(r"https?://[^\"' ]+", page) == [SVG_NS] * page.count("<svg")
    parser = _Balance()
    parser.feed(page)
    assert parser.errors == []
    assert parser.stack == []
    assert parser.tags.count("svg") == 3


def test_svg_charts_are_well_formed_xml() -> None:
    summary = _summary()
    heatmap = ET.fromstring(heatmap_svg(summary))
    rects = heatmap.findall(f"{{{SVG_NS}}}rect")
    assert len(rects) == 7 * 24
    # the fixture has tickets created on Monday 09:00 (T-1, T-5): the darkest cells
    darkest = max(rects, key=lambda r: float(r.get("fill-opacity", "0")))
    assert darkest.findtext(f"{{{SVG_NS}}}title") == "mon 09:00: 2"
    bars = ET.fromstring(histogram_svg(summary)).findall(f"{{{SVG_NS}}}rect")
    assert len(bars) == len(REPLY_BINS)
    assert [b.findtext(f"{{{SVG_NS}}}title") for b in bars][:2] == ["< 5 min: 1", "5-15 min: 1"]
    attainment = ET.fromstring(attainment_svg(summary))
    labels = [t.text for t in attainment.findall(f"{{{SVG_NS}}}text")]
    assert "first_reply" in labels and "all targets" in labels


def test_export_text_is_escaped() -> None:
    evil = '<script>alert(1)</script> & "quotes"'
    read = ReadResult(tickets=(), problems=(RowProblem(line=3, message=evil),), rows=1)
    summary = summarize(
        read,
        policy=SlaPolicy(name="<b>policy</b>"),
        calendar=CalendarTime(),
        at=datetime(2026, 1, 1, tzinfo=UTC),
        timezone="UTC",
    )
    page = render_html(summary, title="Report <for> you")
    assert "<script>" not in page and "<b>policy" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;quotes&#34;" in page
    assert "Report &lt;for&gt; you" in page
    assert "line 3:" in page


def test_empty_summary_renders() -> None:
    summary = summarize(
        ReadResult(tickets=(), problems=(), rows=0),
        policy=SlaPolicy(name="P"),
        calendar=CalendarTime(),
        at=datetime(2026, 1, 1, tzinfo=UTC) + timedelta(hours=1),
        timezone="UTC",
    )
    page = render_html(summary)
    assert "Rows not used" not in page
    for chart in (heatmap_svg(summary), histogram_svg(summary), attainment_svg(summary)):
        ET.fromstring(chart)
