"""Report summaries: hand-checked numbers on a fixture export, invariants on random tickets."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxcore.playbook import builtin_playbook
from cxcore.report import CsvMapping, ReadResult, read_export
from cxcore.report.summary import REPLY_BINS, latest_time, summarize
from cxcore.report.text import format_text, span
from cxcore.sla import CalendarTime, SlaPolicy, evaluate
from cxcore.tickets import Channel, Customer, Ticket
from tests.strategies import tickets

FIXTURES = Path(__file__).parent / "fixtures"
MAPPING = CsvMapping.parse(
    "id=Ticket ID,created_at=Created,channel=Via,priority=Priority,first_reply_at=First reply,"
    "solved_at=Solved,customer_id=Requester"
)


def _csv_summary() -> tuple[ReadResult, object]:
    playbook = builtin_playbook()
    read = read_export(FIXTURES / "export.csv", MAPPING)
    at = latest_time(read)
    assert at is not None
    summary = summarize(
        read,
        policy=playbook.sla.policy,
        calendar=playbook.sla_calendar(),
        channel_calendars={c: playbook.channel_calendar(c) for c in playbook.channels},
        at=at,
        timezone="Europe/Warsaw",
    )
    return read, summary


def test_csv_fixture_known_answers() -> None:
    # Every number below is worked out by hand from tests/report/fixtures/export.csv with the
    # built-in playbook (office Mon-Fri 09:00-17:00, chat 08:00-20:00, Europe/Warsaw).
    _, summary = _csv_summary()
    from cxcore.report.summary import ReportSummary

    assert isinstance(summary, ReportSummary)
    assert summary.rows == 10
    assert summary.tickets == 7
    # line 1 is the header: T-7 is on line 8, T-8 on line 9, T-10 on line 11
    assert [p.line for p in summary.problems] == [8, 9, 11]
    assert "before creation" in summary.problems[0].message
    assert "unparseable" in summary.problems[1].message
    assert "before the first reply" in summary.problems[2].message
    # the export's latest time is T-6 solved at 10:40 on Tuesday
    assert summary.at == datetime(2026, 11, 24, 10, 40, tzinfo=timezone(timedelta(hours=1)))
    # first replies in calendar time: 2m, 5m, 20m, 30m, 3h30m, 18h -> median (20m + 30m) / 2
    first = summary.timing.first_reply
    assert first.n == 6
    assert first.median == timedelta(minutes=25)
    assert first.maximum == timedelta(hours=18)
    assert [b.count for b in summary.first_reply_distribution] == [1, 1, 1, 1, 0, 1, 0, 1, 0, 0]
    # first reply targets: T-1 30m, T-2 2h business (16-17 Mon, 9-10 Tue), T-3 2m chat and
    # T-6 5m phone achieved; T-4 20m on chat (5m) and T-5 3h30m high (2h) breached; T-9 from
    # 08:00 (office opens 09:00) is 1h40m into 8h: active
    row = next(r for r in summary.attainment.rows if r.metric == "first_reply")
    assert (row.achieved, row.breached, row.active, row.paused) == (4, 2, 1, 0)
    assert row.percent == pytest.approx(400 / 6)
    resolution = next(r for r in summary.attainment.rows if r.metric == "resolution")
    assert (resolution.achieved, resolution.breached, resolution.active) == (5, 0, 2)
    assert summary.open_tickets == 2
    assert {i.key: i.count for i in summary.channels.items} == {
        "email": 3,
        "live_chat": 2,
        "phone": 1,
        "web_form": 1,
    }
    by_channel = {
        (r.metric, r.channel): (r.achieved, r.breached) for r in summary.attainment_by_channel.rows
    }
    assert by_channel[("first_reply", "live_chat")] == (1, 1)


def test_text_lines_show_the_refused_rows_and_attainment() -> None:
    _, summary = _csv_summary()
    lines = list(format_text(summary))  # type: ignore[arg-type]
    text = "\n".join(lines)
    assert lines[0] == (
        "cxcore report: 7 tickets measured from 10 rows (3 refused, 0 not measured)"
    )
    assert "  line 8: first reply" in text
    assert "first reply" in text and "25m" in text
    assert "66.7%" in text


def test_tickets_after_at_are_listed_not_measured() -> None:
    t0 = datetime(2026, 11, 23, 9, tzinfo=UTC)
    early = Ticket(id="A", customer=Customer(id="C"), channel=Channel.EMAIL, created_at=t0)
    late = early.model_copy(update={"id": "B", "created_at": t0 + timedelta(days=1)})
    read = ReadResult(tickets=(early, late), problems=(), rows=2)
    seen: list[tuple[int, int]] = []
    summary = summarize(
        read,
        policy=SlaPolicy(name="P", rules=[{"name": "all", "targets": {"first_reply": "1h"}}]),
        calendar=CalendarTime(),
        at=t0 + timedelta(hours=2),
        timezone="UTC",
        progress=lambda done, total: seen.append((done, total)),
    )
    assert summary.tickets == 1
    assert [u.ticket_id for u in summary.unmeasured] == ["B"]
    assert "after the report time" in summary.unmeasured[0].message
    assert seen == [(1, 2), (2, 2)]
    assert summary.attainment.overall.breached == 1


def test_latest_time_and_naive_at() -> None:
    assert latest_time(ReadResult(tickets=(), problems=(), rows=0)) is None
    read = read_export(FIXTURES / "tickets.jsonl")
    # J-6, created Tuesday 15:40 and never answered, is the latest thing in the file
    assert latest_time(read) == datetime(2026, 11, 10, 15, 40, tzinfo=timezone(timedelta(hours=1)))
    with pytest.raises(ValueError, match="no time zone"):
        summarize(
            read,
            policy=SlaPolicy(name="P"),
            calendar=CalendarTime(),
            at=datetime(2026, 11, 30),
            timezone="UTC",
        )


def test_span() -> None:
    assert span(timedelta(seconds=59)) == "59s"
    assert span(timedelta(days=2)) == "2d"
    assert span(timedelta(hours=3, minutes=5)) == "3h 05m"


POLICY = SlaPolicy(
    name="P",
    rules=[
        {
            "name": "all",
            "targets": {"first_reply": "2h", "next_reply": "4h", "resolution": "24h"},
        }
    ],
)


@settings(max_examples=30, deadline=None)
@given(st.lists(tickets(max_events=6), max_size=6))
def test_every_measurement_and_ticket_is_counted_once(values: list[Ticket]) -> None:
    unique = list({t.id: t for t in values}.values())
    read = ReadResult(tickets=tuple(unique), problems=(), rows=len(unique))
    at = max((t.events[-1].at if t.events else t.created_at for t in unique), default=None)
    if at is None:
        return
    at = at - timedelta(minutes=1)  # some tickets may now be created after `at`
    summary = summarize(read, policy=POLICY, calendar=CalendarTime(), at=at, timezone="UTC")
    measured = [t for t in unique if t.created_at <= at]
    assert summary.tickets == len(measured)
    assert summary.tickets + len(summary.unmeasured) == len(unique)
    expected = sum(len(evaluate(t, POLICY, CalendarTime(), at).measurements) for t in measured)
    overall = summary.attainment.overall
    assert overall.achieved + overall.breached + overall.active + overall.paused == expected
    assert sum(b.count for b in summary.first_reply_distribution) == summary.timing.first_reply.n
    assert summary.channels.n == summary.tickets == summary.busiest_hours.n
    assert len(summary.first_reply_distribution) == len(REPLY_BINS)
