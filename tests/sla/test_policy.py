"""SLA policies: rule selection, targets, thresholds, statuses that pause, loading."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cxcore.errors import CxError, InvalidInputError, PolicyError
from cxcore.sla.policy import (
    DEFAULT_COUNTS_IN,
    SlaMetric,
    SlaPolicy,
    SlaRule,
    SlaTarget,
    parse_duration,
)
from cxcore.tickets import Channel, Priority, TicketStatus

LAYERED = {
    "name": "Layered",
    "rules": [
        {"name": "default", "targets": {"first_reply": "8h", "resolution": "120h"}},
        {"name": "chat", "channels": ["live_chat", "whatsapp"], "targets": {"first_reply": "5m"}},
        {"name": "urgent", "priorities": ["urgent"], "targets": {"first_reply": "1h"}},
        {
            "name": "urgent chat",
            "priorities": ["urgent"],
            "channels": ["live_chat"],
            "targets": {"first_reply": "1m"},
        },
    ],
}


# --- rule selection: most specific wins, and the result names the rule ---------------------


@pytest.mark.parametrize(
    ("priority", "channel", "rule", "first_reply"),
    [
        # priority and channel both named beats everything else
        ("urgent", "live_chat", "urgent chat", timedelta(minutes=1)),
        # priority only beats channel only
        ("urgent", "whatsapp", "urgent", timedelta(hours=1)),
        # channel only beats the default
        ("normal", "whatsapp", "chat", timedelta(minutes=5)),
        # the default covers the rest
        ("low", "email", "default", timedelta(hours=8)),
    ],
)
def test_most_specific_rule_wins(
    priority: str, channel: str, rule: str, first_reply: timedelta
) -> None:
    selection = SlaPolicy.from_dict(LAYERED).targets_for(priority, channel)
    assert selection.rule == rule
    target = selection.target("first_reply")
    assert target is not None
    assert target.duration == first_reply


def test_winning_rule_does_not_inherit_targets_from_less_specific_rules() -> None:
    selection = SlaPolicy.from_dict(LAYERED).targets_for("urgent", "email")
    assert selection.rule == "urgent"
    assert selection.target("resolution") is None


def test_no_matching_rule_means_no_targets() -> None:
    policy = SlaPolicy(name="Chat only", rules=[LAYERED["rules"][1]])
    selection = policy.targets_for("normal", "email")
    assert selection.rule is None
    assert selection.targets == ()


def test_equally_specific_overlapping_rules_are_a_conflict() -> None:
    with pytest.raises(PolicyError, match=r"'a' and 'b' are equally specific.*urgent on email"):
        SlaPolicy(
            name="P",
            rules=[
                {"name": "a", "priorities": ["urgent", "high"], "targets": {"first_reply": "1h"}},
                {"name": "b", "priorities": ["urgent"], "targets": {"first_reply": "2h"}},
            ],
        )


def test_equally_specific_rules_that_never_overlap_are_fine() -> None:
    policy = SlaPolicy(
        name="P",
        rules=[
            {"name": "a", "priorities": ["high"], "targets": {"first_reply": "2h"}},
            {"name": "b", "priorities": ["urgent"], "targets": {"first_reply": "1h"}},
        ],
    )
    assert policy.targets_for("high", "email").rule == "a"


def test_rule_names_are_unique() -> None:
    with pytest.raises(PolicyError, match="two rules named 'x'"):
        SlaPolicy(
            name="P",
            rules=[{"name": "x", "priorities": ["low"]}, {"name": "x", "priorities": ["high"]}],
        )


def test_rule_with_two_targets_for_one_metric_is_refused() -> None:
    with pytest.raises(PolicyError, match="two first_reply targets"):
        SlaRule(
            name="r",
            targets=[
                {"metric": "first_reply", "duration": "1h"},
                {"metric": "first_reply", "duration": "2h"},
            ],
        )


@given(st.sampled_from(Priority), st.sampled_from(Channel))
def test_selection_is_the_highest_level_matching_rule(priority: Priority, channel: Channel) -> None:
    policy = SlaPolicy.from_dict(LAYERED)
    matching = [rule for rule in policy.rules if rule.matches(priority, channel)]
    chosen = policy.targets_for(priority, channel)
    best = max(matching, key=lambda rule: rule.level)
    assert chosen.rule == best.name
    assert all(rule.level < best.level for rule in matching if rule is not best)


def test_rule_levels() -> None:
    rules = [SlaRule.model_validate(r) for r in LAYERED["rules"]]
    assert [r.level for r in rules] == [0, 1, 2, 3]


# --- targets -------------------------------------------------------------------------------


@pytest.mark.parametrize("duration", ["0m", "PT0S", timedelta(0), timedelta(minutes=-5), "-PT1H"])
def test_zero_or_negative_targets_are_refused(duration: object) -> None:
    with pytest.raises(PolicyError, match="first_reply target must be longer than zero"):
        SlaTarget(metric="first_reply", duration=duration)


def test_policy_error_is_a_value_error_and_a_cx_error() -> None:
    with pytest.raises(ValueError, match="resolution"):
        SlaPolicy.from_dict(
            {"name": "P", "rules": [{"name": "r", "targets": {"resolution": "0h"}}]}
        )
    assert issubclass(PolicyError, CxError)


def test_calendar_time_target() -> None:
    target = SlaTarget(metric="resolution", duration="3d", business_hours=False)
    assert not target.business_hours
    assert target.duration == timedelta(days=3)


@pytest.mark.parametrize("text", ["3d", "1w", "1d 4h", " 2 D"])
def test_business_targets_in_days_are_refused(text: str) -> None:
    # "3d" of business time would be 72 open hours (nine 8-hour days), a classic mistake.
    with pytest.raises(PolicyError, match="24h"):
        SlaTarget(metric="resolution", duration=text)
    assert SlaTarget(metric="resolution", duration=text, business_hours=False).duration.days >= 1


def test_a_dumped_business_target_in_iso_days_loads_again() -> None:
    target = SlaTarget(metric="resolution", duration="72h")
    assert SlaTarget.model_validate_json(target.model_dump_json()) == target


def test_thresholds_warn_breach_escalate() -> None:
    target = SlaTarget(metric="first_reply", duration="1h", warn_at=0.5, escalate_at=[1.5, 3])
    assert target.thresholds == (0.5, 1.0, 1.5, 3.0)


@pytest.mark.parametrize("warn_at", [0.0, 1.0, 1.2, -0.1, float("nan")])
def test_warning_must_come_before_the_breach(warn_at: float) -> None:
    with pytest.raises(PolicyError, match="warn_at must be a share between 0 and 1"):
        SlaTarget(metric="first_reply", duration="1h", warn_at=warn_at)


@pytest.mark.parametrize("escalate_at", [[1.0], [0.9], [2, 1.5], [1.5, 1.5], [float("inf")]])
def test_escalations_must_increase_past_the_breach(escalate_at: list[float]) -> None:
    with pytest.raises(PolicyError, match="escalate_at must be increasing shares above 1"):
        SlaTarget(metric="first_reply", duration="1h", escalate_at=escalate_at)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4h", timedelta(hours=4)),
        ("1h30m", timedelta(minutes=90)),
        ("1h 30min", timedelta(minutes=90)),
        ("2d", timedelta(days=2)),
        ("1w", timedelta(weeks=1)),
        ("45s", timedelta(seconds=45)),
        ("PT4H", timedelta(hours=4)),
        ("P1DT2H", timedelta(days=1, hours=2)),
        ("PT0.5S", timedelta(milliseconds=500)),
    ],
)
def test_durations_people_write(text: str, expected: timedelta) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["", "4", "four hours", "4x", "P", "PT", "h", 240, 1.5, None])
def test_unreadable_durations(text: object) -> None:
    with pytest.raises(PolicyError, match="cannot read"):
        parse_duration(text)


# --- which statuses pause which metric ----------------------------------------------------


def test_default_pausing_matches_helpdesk_conventions() -> None:
    policy = SlaPolicy(name="P")
    for metric in SlaMetric:
        # pending (waiting on the customer) pauses every clock the team is measured by
        assert not policy.counts(metric, "pending")
        assert policy.counts(metric, "new")
        assert policy.counts(metric, "open")
    # requester wait counts new/open/on_hold; agent work counts new/open only
    assert policy.counts("requester_wait", "on_hold")
    assert not policy.counts("agent_work", "on_hold")
    assert DEFAULT_COUNTS_IN[SlaMetric.RESOLUTION] == (
        TicketStatus.NEW,
        TicketStatus.OPEN,
        TicketStatus.ON_HOLD,
    )


def test_counts_in_overrides_only_the_metrics_it_names() -> None:
    policy = SlaPolicy(name="P", counts_in={"resolution": ["pending", "open", "new", "on_hold"]})
    assert policy.counts("resolution", "pending")
    assert not policy.counts("first_reply", "pending")
    assert policy.counts_in[SlaMetric.RESOLUTION][0] is TicketStatus.NEW


@pytest.mark.parametrize("status", ["solved", "closed"])
def test_solved_and_closed_cannot_be_counted(status: str) -> None:
    with pytest.raises(PolicyError, match="cannot count in"):
        SlaPolicy(name="P", counts_in={"resolution": ["open", status]})


def test_a_metric_must_count_somewhere() -> None:
    with pytest.raises(PolicyError, match="at least one status"):
        SlaPolicy(name="P", counts_in={"resolution": []})


# --- loading and round trips -------------------------------------------------------------


TOML = """
[sla]
name = "Shop standard"

[sla.counts_in]
agent_work = ["open"]

[[sla.rules]]
name = "default"
[sla.rules.targets]
first_reply = "4h"
next_reply = "8h"
periodic_update = { duration = "1d", business_hours = false }
resolution = { duration = "72h", warn_at = 0.8, escalate_at = [1.5, 2.0] }

[[sla.rules]]
name = "urgent"
priorities = ["urgent", "high"]
targets = { first_reply = "30m" }
"""


def test_load_toml(tmp_path: Path) -> None:
    path = tmp_path / "sla.toml"
    path.write_text(TOML, encoding="utf-8")
    policy = SlaPolicy.load(path)
    assert policy.name == "Shop standard"
    default = policy.targets_for("normal", "email")
    periodic = default.target("periodic_update")
    resolution = default.target("resolution")
    assert periodic is not None and not periodic.business_hours
    assert resolution is not None and resolution.thresholds == (0.8, 1.0, 1.5, 2.0)
    assert policy.targets_for("high", "email").rule == "urgent"
    assert policy.counts_in[SlaMetric.AGENT_WORK] == (TicketStatus.OPEN,)


def test_load_json_round_trip(tmp_path: Path) -> None:
    policy = SlaPolicy.from_dict(LAYERED)
    path = tmp_path / "sla.json"
    path.write_text(policy.model_dump_json(), encoding="utf-8")
    assert SlaPolicy.load(path) == policy
    assert SlaPolicy.model_validate_json(policy.model_dump_json()) == policy
    assert json.loads(policy.model_dump_json())["rules"][1]["channels"] == ["live_chat", "whatsapp"]


def test_equal_policies_hash_alike() -> None:
    assert hash(SlaPolicy.from_dict(LAYERED)) == hash(SlaPolicy.from_dict(dict(LAYERED)))
    assert len({SlaPolicy.from_dict(LAYERED), SlaPolicy(name="Other")}) == 2


def test_json_schema_exports() -> None:
    schema = SlaPolicy.model_json_schema()
    assert "rules" in schema["properties"]


def test_load_reports_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('name = "P"\n[[rules]]\nname = "r"\ntargets = { first_reply = "0h" }\n')
    with pytest.raises(PolicyError) as caught:
        SlaPolicy.load(path)
    assert any("bad.toml" in note for note in caught.value.__notes__)
    path.write_text("name = ")
    with pytest.raises(PolicyError, match="cannot parse"):
        SlaPolicy.load(path)


def test_from_dict_needs_a_table() -> None:
    with pytest.raises(PolicyError, match="must be a table"):
        SlaPolicy.from_dict(["not", "a", "table"])  # type: ignore[arg-type]


def test_unknown_keys_and_metrics_are_refused() -> None:
    with pytest.raises(InvalidInputError):
        SlaPolicy.from_dict(
            {"name": "P", "rules": [{"name": "r", "targets": {"first_rply": "1h"}}]}
        )
    with pytest.raises(InvalidInputError):
        SlaPolicy.from_dict({"name": "P", "rulez": []})


def test_metric_properties() -> None:
    assert {m for m in SlaMetric if m.recurring} == {
        SlaMetric.NEXT_REPLY,
        SlaMetric.PERIODIC_UPDATE,
    }
    assert {m for m in SlaMetric if m.is_reply} == {SlaMetric.FIRST_REPLY, SlaMetric.NEXT_REPLY}
    assert SlaPolicy.from_dict(LAYERED).metrics == {SlaMetric.FIRST_REPLY, SlaMetric.RESOLUTION}
