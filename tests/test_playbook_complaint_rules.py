"""Complaint deadlines chosen by conditions in the playbook."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from cxcore.errors import PlaybookError
from cxcore.playbook import builtin_playbook
from cxcore.playbook.loader import load_text
from cxcore.sla.calendar_time import CalendarTime
from cxcore.tickets import Customer, Ticket

T0 = datetime(2026, 5, 4, 9, tzinfo=UTC)


def ticket(channel: str, tags: list[str]) -> Ticket:
    return Ticket(id="T-1", customer=Customer(id="C-1"), channel=channel, tags=tags, created_at=T0)


def test_marketplace_damaged_complaints_are_acknowledged_within_an_hour_round_the_clock() -> None:
    playbook = builtin_playbook()
    rule = playbook.complaint_rule(ticket=ticket("marketplace", ["damaged"]))
    assert rule is not None and rule.name == "marketplace damaged"
    timers = playbook.complaint_timers(ticket=ticket("marketplace", ["damaged"]))
    assert timers.acknowledge_within == timedelta(hours=1)
    assert isinstance(timers.calendar, CalendarTime)
    # Friday 23:00 in Warsaw: due at midnight, not Monday morning
    late = datetime(2026, 5, 8, 21, tzinfo=UTC)
    assert timers.due(late, timers.acknowledge_within) == late + timedelta(hours=1)


def test_other_complaints_keep_the_plan_deadlines() -> None:
    playbook = builtin_playbook()
    for channel, tags in (("email", ["damaged"]), ("marketplace", []), ("email", [])):
        assert playbook.complaint_rule(ticket=ticket(channel, tags)) is None
        timers = playbook.complaint_timers(ticket=ticket(channel, tags))
        assert not isinstance(timers.calendar, CalendarTime)
    assert playbook.complaint_rule() is None


def test_a_bad_path_in_a_complaint_rule_names_the_file_and_the_known_paths() -> None:
    from cxcore.playbook import builtin_playbook_path

    text = builtin_playbook_path().read_text(encoding="utf-8")
    broken = text.replace('{ path = "ticket.channel"', '{ path = "ticket.chanel"')
    with pytest.raises(PlaybookError, match=r"\[complaints\].*'ticket\.chanel'.*ticket\.channel"):
        load_text(broken, source="shop.toml")


def test_playbook_rules_load_and_errors_name_the_rule() -> None:
    from cxcore.playbook import builtin_playbook_path

    playbook = builtin_playbook()
    assert [rule.name for rule in playbook.rules] == ["VIP damaged parcel", "first reply at risk"]
    text = builtin_playbook_path().read_text(encoding="utf-8")
    broken = text.replace('{ do = "assign_group", group = "claims" }', '{ do = "fly" }')
    with pytest.raises(PlaybookError, match=r"shop\.toml: \[rules\[0\]\]"):
        load_text(broken, source="shop.toml")
    twice = text + '\n[[rules]]\nname = "first reply at risk"\nwhen = { any_tag = "x" }\n'
    twice += 'actions = [{ do = "add_tag", tag = "y" }]\n'
    with pytest.raises(PlaybookError, match="two rules are named 'first reply at risk'"):
        load_text(twice, source="shop.toml")


def test_run_rules_counts_business_triggers_on_the_ticket_channel_hours() -> None:
    from cxcore.rules import RuleSubject

    playbook = builtin_playbook()
    vip = Customer(id="C-1", segment="vip")
    # Saturday 10:00 Warsaw: chat is open (10-14), the office is not
    saturday = datetime(2026, 5, 9, 8, tzinfo=UTC)
    chat = Ticket(id="T-1", customer=vip, channel="live_chat", created_at=saturday)
    outcome = playbook.run_rules(
        RuleSubject(ticket=chat, sla=playbook.evaluate(chat, saturday)), saturday
    )
    # VIP first reply 30m on chat hours; 80% = 24 minutes later, the same morning
    assert outcome.next_run_at == saturday + timedelta(minutes=24)
