"""Metrics over the hour repeated when clocks go back in Europe/Warsaw (2026-10-25: 02:00-03:00
local happens twice, first at +02:00, then at +01:00): times are ordered and subtracted as
instants, not by their wall-clock fields."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from cxcore.errors import InvalidInputError
from cxcore.metrics import backlog, repeat_contact_rate, ticket_timing
from cxcore.metrics.volume import BacklogAccumulator
from cxcore.tickets import Customer, StatusChange, Ticket

WARSAW = ZoneInfo("Europe/Warsaw")


def _warsaw(hour: int, minute: int, fold: int = 0) -> datetime:
    return datetime(2026, 10, 25, hour, minute, fold=fold, tzinfo=WARSAW)


def _ticket(created: datetime, solved: datetime | None = None, ticket_id: str = "T-1") -> Ticket:
    events = () if solved is None else (StatusChange(at=solved, status="solved"),)
    return Ticket(
        id=ticket_id,
        customer=Customer(id="C-1"),
        channel="email",
        created_at=created,
        events=events,
    )


def test_requester_wait_over_the_repeated_hour() -> None:
    # Created 02:50 first pass (00:50 UTC), solved 02:10 second pass (01:10 UTC): 20 minutes.
    timing = ticket_timing(_ticket(_warsaw(2, 50), _warsaw(2, 10, fold=1)))
    assert timing.full_resolution == timedelta(minutes=20)
    assert timing.requester_wait == timedelta(minutes=20)


def test_repeat_contact_window_counts_real_time() -> None:
    # 01:50 CEST (23:50 UTC) and 02:10 CET (01:10 UTC) are 80 minutes apart, not 20.
    first = _ticket(_warsaw(1, 50), ticket_id="T-1")
    second = _ticket(_warsaw(2, 10, fold=1), ticket_id="T-2")
    assert repeat_contact_rate([first, second], window=timedelta(minutes=30)).count == 0
    assert repeat_contact_rate([first, second], window=timedelta(minutes=90)).count == 1


def test_backlog_samples_in_the_repeated_hour() -> None:
    # Open from 02:50 CEST (00:50 UTC) to 03:30 CET (02:30 UTC).
    ticket = _ticket(_warsaw(2, 50), _warsaw(3, 30))
    samples = [_warsaw(2, 30), _warsaw(2, 30, fold=1), _warsaw(4, 0)]  # 00:30, 01:30, 03:00 UTC
    assert [point.open for point in backlog([ticket], samples)] == [0, 1, 0]
    # 02:50 first pass then 02:10 second pass is in time order.
    in_order = BacklogAccumulator([_warsaw(2, 50), _warsaw(2, 10, fold=1)])
    assert in_order.at == (_warsaw(2, 50), _warsaw(2, 10, fold=1))
    with pytest.raises(InvalidInputError, match="time order"):
        BacklogAccumulator([_warsaw(2, 10, fold=1), _warsaw(2, 50)])
