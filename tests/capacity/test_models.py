"""Capacity values round-trip through JSON and export a JSON Schema; hour counts forecast."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from cxcore._model import CxModel
from cxcore.capacity import (
    AsyncGoal,
    Campaign,
    ChannelSetup,
    LiveGoal,
    ReplyRule,
    WeekPlan,
    forecast_from_hours,
    plan_week,
)
from cxcore.errors import CapacityError
from cxcore.metrics import busiest_hours
from cxcore.sla import BusinessCalendar

MONDAY = datetime(2026, 11, 23, tzinfo=UTC)


@pytest.mark.parametrize(
    "model", [AsyncGoal, Campaign, ChannelSetup, LiveGoal, ReplyRule, WeekPlan]
)
def test_json_schema_export(model: type[CxModel]) -> None:
    schema = model.model_json_schema()
    assert schema["type"] == "object" and schema["additionalProperties"] is False


def test_a_week_plan_round_trips() -> None:
    setup = ChannelSetup(
        channel="email",
        mode="async",
        handle_time="10m",
        calendar=BusinessCalendar(timezone="UTC"),
        target="4h",
        share=0.9,
        roster=([0] * 9 + [1] * 8 + [0] * 7) * 7,
    )
    plan = plan_week([setup], {"email": [0] * 9 + [3] * 8 + [0] * 151}, start=MONDAY)
    assert WeekPlan.model_validate_json(plan.model_dump_json()) == plan
    assert ChannelSetup.model_validate_json(setup.model_dump_json()) == setup


def test_forecast_from_busiest_hours_counts() -> None:
    stamps = [MONDAY - timedelta(weeks=w) + timedelta(hours=10) for w in range(1, 5)]
    stamps += [MONDAY - timedelta(weeks=1) + timedelta(hours=11)] * 2
    forecast = forecast_from_hours(busiest_hours(stamps, "UTC"), weeks_observed=4, weeks=2)
    assert forecast.weeks[0][10] == 1.0 and forecast.weeks[1][11] == 0.5
    assert forecast.trend == 0.0
    with pytest.raises(CapacityError, match="weeks_observed"):
        forecast_from_hours(busiest_hours(stamps, "UTC"), weeks_observed=0)
