"""SLA attainment from the SLA clock's reports."""

from __future__ import annotations

import pickle
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxcore.errors import InvalidInputError
from cxcore.metrics.attainment import AttainmentAccumulator, sla_attainment
from cxcore.sla import CalendarTime, SlaPolicy, evaluate
from cxcore.sla.report import SlaMeasurement, SlaReport
from tests.metrics.strategies import ticket

T0 = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
POLICY = SlaPolicy(
    name="P",
    rules=[
        {
            "name": "all",
            "targets": {
                "first_reply": {"duration": "1h", "business_hours": False},
                "resolution": {"duration": "4h", "business_hours": False},
            },
        }
    ],
)


def test_attainment_from_evaluated_tickets() -> None:
    fast = ticket(T0, [(30, "agent"), (120, "solved")], "A")  # both achieved
    slow = ticket(T0, [(90, "agent"), (300, "solved")], "B", priority="high")  # both breached
    waiting = ticket(T0, [], "C", channel="live_chat")  # both breached by now
    at = T0 + timedelta(hours=6)
    reports = [evaluate(t, POLICY, CalendarTime(), at) for t in (fast, slow, waiting)]
    by_metric = sla_attainment(reports, group_by=["metric"])
    rows = {row.metric: row for row in by_metric.rows}
    assert (rows["first_reply"].achieved, rows["first_reply"].breached) == (1, 2)
    assert rows["first_reply"].percent == pytest.approx(100 / 3)
    resolution = rows["resolution"]
    assert (resolution.achieved, resolution.breached, resolution.active) == (1, 2, 0)
    assert by_metric.overall.n == 6 and by_metric.overall.achieved == 2
    early = [evaluate(t, POLICY, CalendarTime(), T0 + timedelta(hours=3)) for t in (slow, waiting)]
    assert {r.metric: r.active for r in sla_attainment(early, ["metric"]).rows}["resolution"] == 2
    full = sla_attainment(reports)
    assert {(r.metric, r.priority, r.channel) for r in full.rows} >= {
        ("first_reply", "high", "email"),
        ("first_reply", "normal", "live_chat"),
    }


def measurement(state: str) -> SlaMeasurement:
    return SlaMeasurement(
        metric="first_reply",
        rule="r",
        target=timedelta(hours=1),
        state=state,
        started_at=T0,
        elapsed=timedelta(0),
        remaining=timedelta(0),
    )


def report(states: list[str], channel: str = "email") -> SlaReport:
    return SlaReport(
        ticket_id="T",
        priority="normal",
        channel=channel,
        at=T0,
        policy="P",
        rule="r",
        measurements=tuple(measurement(s) for s in states),
    )


state_lists = st.lists(
    st.lists(st.sampled_from(["achieved", "breached", "active", "paused"]), max_size=4).map(report),
    max_size=8,
)


@settings(max_examples=50)
@given(state_lists, state_lists)
def test_attainment_merge_equals_concatenation(a: list[SlaReport], b: list[SlaReport]) -> None:
    left, right = AttainmentAccumulator(), AttainmentAccumulator()
    left.update(a)
    right.update(b)
    whole = sla_attainment(a + b)
    assert left.merge(right).result() == whole == right.merge(left).result()
    assert pickle.loads(pickle.dumps(left)).result() == left.result()
    overall = whole.overall
    assert overall.n == overall.achieved + overall.breached
    if overall.n:
        assert 0 <= overall.ci_low <= overall.percent <= overall.ci_high <= 100  # type: ignore[operator]


def test_no_decided_measurements_and_bad_grouping() -> None:
    undecided = sla_attainment([report(["active", "paused"])], group_by=["channel"])
    row = undecided.rows[0]
    assert (row.channel, row.n, row.rate, row.active, row.paused) == ("email", 0, None, 1, 1)
    with pytest.raises(InvalidInputError):
        sla_attainment([], group_by=["agent"])  # type: ignore[list-item]
    with pytest.raises(InvalidInputError):
        AttainmentAccumulator(["metric"]).merge(AttainmentAccumulator(["channel"]))


def test_regrouping_equals_counting_by_fewer_fields() -> None:
    from itertools import product

    from cxcore.sla import SlaMetric, SlaState
    from cxcore.tickets import Channel, Priority

    fine = AttainmentAccumulator(group_by=("metric", "priority", "channel"))
    coarse = AttainmentAccumulator(group_by=("metric",))
    for index, (metric, state, channel) in enumerate(
        product(SlaMetric, SlaState, (Channel.EMAIL, Channel.PHONE))
    ):
        states = [(metric, state)] * (index % 3 + 1)
        priority = list(Priority)[index % 4]
        fine.add_states(states, priority, channel)
        coarse.add_states(states, priority, channel)
    assert fine.regroup(["metric"]).result() == coarse.result()
    with pytest.raises(InvalidInputError):
        coarse.regroup(["channel"])
