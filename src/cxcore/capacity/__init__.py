"""Capacity: how many people each channel needs, hour by hour, to keep the SLA.

Live channels (phone, live chat) are sized with Erlang C, or Erlang A where customers abandon;
async channels (email, web form, marketplace) with a FIFO simulation of the queue over the
business calendar.

Examples:
    >>> from cxcore.capacity import erlang_c_agents
    >>> erlang_c_agents(10.0, share=0.8, within=20.0, handle=180.0)
    14
"""

from cxcore.capacity.async_queue import (
    HourOutcome,
    PreparedQueue,
    QueueResult,
    simulate_queue,
    spread_counts,
)
from cxcore.capacity.erlang import (
    average_speed_of_answer,
    erlang_b,
    erlang_c,
    erlang_c_agents,
    erlang_c_service_level,
)
from cxcore.capacity.erlang_a import ErlangAResult, erlang_a, erlang_a_agents
from cxcore.capacity.forecast import (
    HOURS_PER_WEEK,
    Backtest,
    Forecast,
    HourGrid,
    backtest,
    forecast_from_hours,
    forecast_weeks,
    weekly_counts,
)
from cxcore.capacity.history import ChannelForecasts, forecast_channels
from cxcore.capacity.plan import (
    ChannelOutcome,
    ChannelSetup,
    HourPlan,
    RuleCheck,
    WeekPlan,
    plan_week,
)
from cxcore.capacity.roster import AsyncGoal, AsyncStaffing, open_hours, smallest_roster
from cxcore.capacity.scenario import (
    REPLY_RULE_PRESETS,
    Campaign,
    ReplyRule,
    apply_campaign,
    preset_rule,
)
from cxcore.capacity.staffing import IntervalStaffing, LiveGoal, staff_live

__all__ = [
    "HOURS_PER_WEEK",
    "REPLY_RULE_PRESETS",
    "AsyncGoal",
    "AsyncStaffing",
    "Backtest",
    "Campaign",
    "ChannelForecasts",
    "ChannelOutcome",
    "ChannelSetup",
    "ErlangAResult",
    "Forecast",
    "HourGrid",
    "HourOutcome",
    "HourPlan",
    "IntervalStaffing",
    "LiveGoal",
    "PreparedQueue",
    "QueueResult",
    "ReplyRule",
    "RuleCheck",
    "WeekPlan",
    "apply_campaign",
    "average_speed_of_answer",
    "backtest",
    "erlang_a",
    "erlang_a_agents",
    "erlang_b",
    "erlang_c",
    "erlang_c_agents",
    "erlang_c_service_level",
    "forecast_channels",
    "forecast_from_hours",
    "forecast_weeks",
    "open_hours",
    "plan_week",
    "preset_rule",
    "simulate_queue",
    "smallest_roster",
    "spread_counts",
    "staff_live",
    "weekly_counts",
]
