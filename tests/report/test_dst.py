"""Report summaries over the hour repeated when clocks go back in Europe/Warsaw (2026-10-25:
02:00-03:00 local happens twice, first at +02:00, then at +01:00): creation times are compared
as instants, not by their wall-clock fields."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from cxcore.report import ReadResult
from cxcore.report.summary import latest_time, summarize
from cxcore.sla import CalendarTime, SlaPolicy
from cxcore.tickets import Channel, Customer, Ticket

WARSAW = ZoneInfo("Europe/Warsaw")
FIRST_0250 = datetime(2026, 10, 25, 2, 50, tzinfo=WARSAW)  # 00:50 UTC
SECOND_0210 = datetime(2026, 10, 25, 2, 10, fold=1, tzinfo=WARSAW)  # 01:10 UTC
SECOND_0220 = datetime(2026, 10, 25, 2, 20, fold=1, tzinfo=WARSAW)  # 01:20 UTC


def _read() -> ReadResult:
    tickets = tuple(
        Ticket(id=name, customer=Customer(id="C"), channel=Channel.EMAIL, created_at=created)
        for name, created in (("A", FIRST_0250), ("B", SECOND_0210))
    )
    return ReadResult(tickets=tickets, problems=(), rows=2)


def test_latest_time_is_the_latest_instant() -> None:
    latest = latest_time(_read())
    assert latest is not None and latest.isoformat() == SECOND_0210.isoformat()


def test_summary_measures_tickets_created_before_at_in_the_repeated_hour() -> None:
    summary = summarize(
        _read(),
        policy=SlaPolicy(name="P", rules=[{"name": "all", "targets": {"first_reply": "1h"}}]),
        calendar=CalendarTime(),
        at=SECOND_0220,
        timezone="Europe/Warsaw",
    )
    assert summary.unmeasured == ()
    assert summary.tickets == 2
    assert summary.first_created is not None and summary.last_created is not None
    assert summary.first_created.isoformat() == FIRST_0250.isoformat()
    assert summary.last_created.isoformat() == SECOND_0210.isoformat()
