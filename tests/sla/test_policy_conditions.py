"""SLA rules selected by conditions, with the priority/channel rules as shorthand."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cxcore.errors import PolicyError
from cxcore.playbook import builtin_playbook
from cxcore.sla.clock import CalendarTime, evaluate
from cxcore.sla.policy import SlaPolicy
from cxcore.tickets import Customer, Ticket

T0 = datetime(2026, 5, 4, 9, tzinfo=UTC)


def ticket(channel: str = "email", segment: str | None = None, **extra: object) -> Ticket:
    customer = Customer(id="C-1", segment=segment)
    return Ticket.model_validate(
        {"id": "T-1", "customer": customer, "channel": channel, "created_at": T0, **extra}
    )


POLICY = SlaPolicy.from_dict(
    {
        "name": "P",
        "rules": [
            {"name": "default", "targets": {"first_reply": "8h"}},
            {"name": "urgent", "priorities": ["urgent"], "targets": {"first_reply": "1h"}},
            {
                "name": "vip",
                "when": {"path": "customer.segment", "equals": "vip"},
                "targets": {"first_reply": "30m"},
            },
            {
                "name": "damaged urgent",
                "priorities": ["urgent"],
                "when": {"any_tag": "damaged"},
                "targets": {"first_reply": "15m"},
            },
        ],
    }
)


def test_the_first_matching_condition_wins_before_the_shorthand() -> None:
    assert POLICY.select(ticket(segment="vip")).rule == "vip"
    assert POLICY.select(ticket(segment="vip", priority="urgent", tags=["damaged"])).rule == "vip"
    assert POLICY.select(ticket(priority="urgent", tags=["damaged"])).rule == "damaged urgent"
    assert POLICY.select(ticket(priority="urgent")).rule == "urgent"
    assert POLICY.select(ticket()).rule == "default"
    # targets_for knows priority and channel only: conditional rules never answer it
    assert POLICY.targets_for("urgent", "email").rule == "urgent"


def test_the_clock_measures_against_the_selected_rule() -> None:
    report = evaluate(ticket(segment="vip"), POLICY, CalendarTime(), T0)
    first = report.current("first_reply")
    assert first is not None and first.target is not None
    assert first.target.total_seconds() == 30 * 60


def test_a_bad_path_is_refused_when_the_policy_is_built() -> None:
    with pytest.raises(PolicyError, match=r"rule 'x'.*'customer\.tier'.*customer\.segment"):
        SlaPolicy.from_dict(
            {
                "name": "P",
                "rules": [
                    {
                        "name": "x",
                        "when": {"path": "customer.tier", "equals": "gold"},
                        "targets": {"first_reply": "1h"},
                    }
                ],
            }
        )


def test_conditional_rules_are_not_shorthand_conflicts() -> None:
    # Two rules naming nothing would conflict as shorthand; with conditions, order decides.
    policy = SlaPolicy.from_dict(
        {
            "name": "P",
            "rules": [
                {"name": "a", "when": {"any_tag": "a"}, "targets": {"first_reply": "1h"}},
                {"name": "b", "when": {"any_tag": "b"}, "targets": {"first_reply": "2h"}},
            ],
        }
    )
    assert policy.select(ticket(tags=["b", "a"])).rule == "a"
    assert policy.select(ticket()).rule is None


def test_policy_with_conditions_round_trips_through_json() -> None:
    assert SlaPolicy.model_validate_json(POLICY.model_dump_json()) == POLICY


def test_the_polish_shop_gives_vips_thirty_minutes_on_any_channel() -> None:
    playbook = builtin_playbook()
    for channel in ("email", "live_chat", "marketplace", "phone"):
        selection = playbook.sla.policy.select(ticket(channel, segment="vip"))
        target = selection.target("first_reply")
        assert selection.rule == "vip"
        assert target is not None and target.duration.total_seconds() == 1800
    assert playbook.sla.policy.select(ticket("email")).rule == "default"
