"""evaluate_rules: explainable intents, idempotence through the memo, and next_run_at."""

from __future__ import annotations

import tomllib
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxcore.errors import RuleError
from cxcore.playbook import builtin_playbook
from cxcore.rules import Rule, RuleMemo, RuleSubject, evaluate_rules
from cxcore.sla import CalendarTime, SlaPolicy, evaluate
from cxcore.tickets import Customer, Message, MessageAdded, Ticket

WARSAW = ZoneInfo("Europe/Warsaw")
T0 = datetime(2026, 5, 4, 9, tzinfo=WARSAW)  # a Monday
VIP_DAMAGED = Rule.model_validate(
    {
        "name": "vip damaged",
        "when": {"all": [{"path": "customer.segment", "equals": "vip"}, {"any_tag": "damaged"}]},
        "actions": [
            {"do": "set_priority", "priority": "urgent"},
            {"do": "assign_group", "group": "claims"},
        ],
    }
)


def ticket(tags: tuple[str, ...] = ("damaged",), segment: str = "vip", **extra: object) -> Ticket:
    return Ticket.model_validate(
        {
            "id": "T-1",
            "customer": Customer(id="C-1", segment=segment),
            "channel": "email",
            "tags": tags,
            "created_at": T0,
            **extra,
        }
    )


def test_a_rule_fires_once_per_condition_change() -> None:
    first = evaluate_rules(RuleSubject(ticket=ticket()), T0, [VIP_DAMAGED])
    assert [i.action.describe() for i in first.intents] == [
        "set priority 'urgent'",
        "assign group 'claims'",
    ]
    assert first.fired == ("vip damaged",)
    again = evaluate_rules(RuleSubject(ticket=ticket()), T0, [VIP_DAMAGED], memo=first.memo)
    assert again.intents == ()
    # the condition stops holding (tag removed), then holds again: it fires again
    cleared = evaluate_rules(RuleSubject(ticket=ticket(())), T0, [VIP_DAMAGED], memo=again.memo)
    assert cleared.intents == () and cleared.memo.fired == {}
    back = evaluate_rules(RuleSubject(ticket=ticket()), T0, [VIP_DAMAGED], memo=cleared.memo)
    assert back.fired == ("vip damaged",)


def test_on_change_fires_again_when_a_read_value_changes() -> None:
    rule = Rule.model_validate(
        {
            "name": "tags",
            "when": {"path": "ticket.tags", "contains": "damaged"},
            "fire": "on_change",
            "actions": [{"do": "notify", "target": "claims"}],
        }
    )
    one = evaluate_rules(RuleSubject(ticket=ticket()), T0, [rule])
    same = evaluate_rules(RuleSubject(ticket=ticket()), T0, [rule], memo=one.memo)
    more = evaluate_rules(
        RuleSubject(ticket=ticket(("damaged", "glass"))), T0, [rule], memo=same.memo
    )
    assert (len(one.intents), len(same.intents), len(more.intents)) == (1, 0, 1)


def test_hours_since_schedules_the_next_run() -> None:
    rule = Rule.model_validate(
        {
            "name": "stale",
            "after": {"since": "ticket.created_at", "duration": "4h"},
            "actions": [{"do": "add_tag", "tag": "stale"}],
        }
    )
    early = evaluate_rules(RuleSubject(ticket=ticket()), T0 + timedelta(hours=1), [rule])
    assert early.intents == () and early.next_run_at == T0 + timedelta(hours=4)
    due = evaluate_rules(RuleSubject(ticket=ticket()), early.next_run_at, [rule], memo=early.memo)
    assert due.fired == ("stale",) and due.next_run_at is None
    assert "4:00:00 after ticket.created_at" in due.intents[0].reason


def test_eighty_percent_of_the_first_reply_target_warns_the_group() -> None:
    policy = SlaPolicy(name="P", rules=[{"name": "all", "targets": {"first_reply": "1h"}}])
    rule = Rule.model_validate(
        {
            "name": "warn",
            "after": {"metric": "first_reply", "share": 0.8},
            "actions": [{"do": "notify", "target": "claims", "message": "first reply at risk"}],
        }
    )
    t = ticket()
    at = T0 + timedelta(minutes=10)
    report = evaluate(t, policy, CalendarTime(), at)
    outcome = evaluate_rules(RuleSubject(ticket=t, sla=report), at, [rule], calendar=CalendarTime())
    assert outcome.intents == ()
    assert outcome.next_run_at == T0 + timedelta(minutes=48)
    later = T0 + timedelta(minutes=50)
    report = evaluate(t, policy, CalendarTime(), later)
    fired = evaluate_rules(
        RuleSubject(ticket=t, sla=report), later, [rule], memo=outcome.memo, calendar=CalendarTime()
    )
    assert fired.fired == ("warn",)
    assert "80% of the first_reply target elapsed" in fired.intents[0].reason


def test_no_customer_reply_counts_business_hours() -> None:
    office = builtin_playbook().calendar("office")
    rule = Rule.model_validate(
        {
            "name": "chase",
            "after": {"no_customer_reply": "8h", "business_hours": True},
            "actions": [{"do": "send_response", "key": "general.follow_up"}],
        }
    )
    friday = datetime(2026, 5, 8, 15, tzinfo=WARSAW)
    reply = Message(id="M-1", author_role="agent", channel="email", body="Hi", at=friday)
    t = ticket(created_at=friday - timedelta(hours=1), events=[MessageAdded.of(reply)])
    outcome = evaluate_rules(RuleSubject(ticket=t), friday, [rule], calendar=office)
    # 2 open hours on Friday (to 17:00), 6 on Monday (09:00-15:00)
    assert outcome.next_run_at == datetime(2026, 5, 11, 15, tzinfo=WARSAW)
    with pytest.raises(RuleError, match="pass calendar="):
        evaluate_rules(RuleSubject(ticket=t), friday, [rule])
    customer = Message(
        id="M-2", author_role="customer", channel="email", body="Ok", at=friday + timedelta(1)
    )
    answered = t.with_event(MessageAdded.of(customer))
    quiet = evaluate_rules(
        RuleSubject(ticket=answered), friday + timedelta(1), [rule], calendar=office
    )
    assert quiet.next_run_at is None and quiet.intents == ()


def test_memos_and_names_are_checked() -> None:
    with pytest.raises(RuleError, match="memo is for subject 'T-9'"):
        evaluate_rules(
            RuleSubject(ticket=ticket()), T0, [VIP_DAMAGED], memo=RuleMemo(subject="T-9")
        )
    with pytest.raises(RuleError, match="two rules are named"):
        evaluate_rules(RuleSubject(ticket=ticket()), T0, [VIP_DAMAGED, VIP_DAMAGED])
    with pytest.raises(RuleError, match="needs a condition"):
        Rule.model_validate({"name": "x", "actions": [{"do": "add_tag", "tag": "y"}]})


def test_rules_read_from_toml_and_round_trip_through_json() -> None:
    data = tomllib.loads(
        """
        [[rules]]
        name = "vip damaged"
        when = { all = [{ path = "customer.segment", equals = "vip" }, { any_tag = "damaged" }] }
        actions = [
            { do = "set_priority", priority = "urgent" },
            { do = "assign_group", group = "claims" },
        ]
        """
    )
    rule = Rule.model_validate(data["rules"][0])
    assert rule == VIP_DAMAGED
    assert Rule.model_validate_json(rule.model_dump_json()) == rule


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.booleans()), min_size=1, max_size=12))
def test_fires_exactly_on_each_rise_of_the_condition(steps: list[tuple[bool, bool]]) -> None:
    memo = None
    before = False
    for vip, damaged in steps:
        t = ticket(("damaged",) if damaged else (), "vip" if vip else "regular")
        outcome = evaluate_rules(RuleSubject(ticket=t), T0, [VIP_DAMAGED], memo=memo)
        holds = vip and damaged
        assert bool(outcome.intents) == (holds and not before)
        memo, before = outcome.memo, holds


def test_complaint_rules_read_the_complaint_and_escalate() -> None:
    from cxcore.complaints import Complaint
    from cxcore.complaints.events import ComplaintReceived

    complaint = Complaint.start(
        ComplaintReceived(
            sequence=1,
            at=T0,
            actor="web",
            complaint_id="CMP-1",
            customer=Customer(id="C-1", segment="vip"),
            channel="email",
            reason="defective",
            severity="high",
        )
    )
    rule = Rule.model_validate(
        {
            "name": "stuck high complaint",
            "when": {
                "all": [
                    {"path": "complaint.severity", "equals": "high"},
                    {"path": "complaint.stage", "in": ["listen", "apologise"]},
                ]
            },
            "after": {"since": "complaint.received_at", "duration": "2h"},
            "actions": [{"do": "escalate_complaint", "to": "team-lead"}],
        }
    )
    subject = RuleSubject(complaint=complaint)
    assert subject.id == "CMP-1"
    early = evaluate_rules(subject, T0 + timedelta(hours=1), [rule])
    assert early.next_run_at == T0 + timedelta(hours=2)
    late = evaluate_rules(subject, T0 + timedelta(hours=3), [rule], memo=early.memo)
    assert [i.action.describe() for i in late.intents] == ["escalate complaint to 'team-lead'"]
    assert "complaint.severity equals 'high'" in late.intents[0].reason
