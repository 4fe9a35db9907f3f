"""Recurring holidays: the dates of a year come out the same whether the rule is walked from
1900 (dateutil's way, a century of steps on every first use) or restarted near the year."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxcore.sla._holidays import _RULE_START, Holiday, _parse_rule

RULES = [
    "FREQ=YEARLY;BYMONTH=5;BYMONTHDAY=1",
    "FREQ=YEARLY",
    "FREQ=MONTHLY",
    "FREQ=WEEKLY",
    "FREQ=DAILY;BYMONTH=8",
    "FREQ=YEARLY;BYMONTH=11;BYDAY=4TH",
    "FREQ=YEARLY;BYEASTER=1",
    "FREQ=YEARLY;BYEASTER=-2",
    "FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO",
    "FREQ=YEARLY;BYYEARDAY=100",
    "FREQ=YEARLY;BYMONTH=6;BYDAY=-1FR",
    "FREQ=YEARLY;BYSETPOS=-1;BYDAY=MO,TU,WE,TH,FR;BYMONTH=5",
    "FREQ=YEARLY;UNTIL=20300101",
    "FREQ=YEARLY;INTERVAL=2",
    "FREQ=YEARLY;COUNT=130",
    "DTSTART:20200101\nRRULE:FREQ=WEEKLY",
]


def _from_1900(rule: str, year: int) -> list[date]:
    found = _parse_rule(rule).between(
        _RULE_START.replace(year=year),
        _RULE_START.replace(year=year, month=12, day=31, hour=23, minute=59, second=59),
        inc=True,
    )
    return sorted({moment.date() for moment in found})


@settings(max_examples=40, deadline=None)
@given(rule=st.sampled_from(RULES), year=st.integers(1900, 2100))
def test_dates_in_equal_the_walk_from_1900(rule: str, year: int) -> None:
    assert Holiday(rule=rule).dates_in(year) == _from_1900(rule, year)


@pytest.mark.parametrize("year", [1900, 1901, 1907, 2026])
def test_dates_in_near_the_start(year: int) -> None:
    for rule in RULES:
        assert Holiday(rule=rule).dates_in(year) == _from_1900(rule, year)
