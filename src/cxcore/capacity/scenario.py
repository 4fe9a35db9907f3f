"""Campaign scenarios and reply rules: the inputs of a week's plan besides the forecast.

A [Campaign][cxcore.capacity.scenario.Campaign] multiplies the forecast on its days
("Black Friday: x3 on live chat, x2 on email"); a [ReplyRule][cxcore.capacity.scenario.ReplyRule]
is an outside deadline a channel must also keep, such as a marketplace's "answer buyers within
24 hours, every day". [REPLY_RULE_PRESETS][cxcore.capacity.scenario.REPLY_RULE_PRESETS] holds the
common ones.

Examples:
    >>> from datetime import date
    >>> friday = Campaign(name="Black Friday", start=date(2026, 11, 27), end=date(2026, 11, 30),
    ...                   multipliers={"live_chat": 3, "email": 2})
    >>> friday.factor("email", date(2026, 11, 28)), friday.factor("phone", date(2026, 11, 28))
    (2.0, 1.0)
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Annotated

from pydantic import BeforeValidator, Field, model_validator

from cxcore._model import CxModel, ReadOnlyDict
from cxcore._time import ensure_aware
from cxcore.errors import CapacityError
from cxcore.sla.policy import parse_duration
from cxcore.tickets import Channel

__all__ = [
    "REPLY_RULE_PRESETS",
    "Campaign",
    "Duration",
    "ReplyRule",
    "apply_campaign",
    "as_campaigns",
    "preset_rule",
]

Duration = Annotated[timedelta, BeforeValidator(parse_duration)]
"""A duration: ``timedelta``, seconds, or text such as ``"8h"``, ``"90s"``, ``"PT45M"``."""


class Campaign(CxModel):
    """Days (``start`` to ``end``, both included, in the shop's zone) on which each channel's
    arrivals are multiplied by ``multipliers[channel]`` (channels not named stay at 1).

    Examples:
        >>> Campaign(name="x", start=date(2026, 1, 2), end=date(2026, 1, 1))
        Traceback (most recent call last):
        ...
        cxcore.errors.CapacityError: campaign 'x' ends (2026-01-01) before it starts (2026-01-02)
    """

    name: Annotated[str, Field(min_length=1)]
    start: date
    end: date
    multipliers: ReadOnlyDict[Channel, Annotated[float, Field(ge=0.0)]] = Field(
        default_factory=dict
    )
    description: str = ""

    @model_validator(mode="after")
    def _ordered(self) -> Campaign:
        if self.end < self.start:
            raise CapacityError(
                f"campaign {self.name!r} ends ({self.end}) before it starts ({self.start})"
            )
        return self

    def factor(self, channel: Channel | str, day: date) -> float:
        """The multiplier for ``channel`` on ``day`` (1.0 outside the campaign)."""
        if self.start <= day <= self.end:
            return float(self.multipliers.get(Channel(channel), 1.0))
        return 1.0


def apply_campaign(
    counts: Sequence[float],
    start: datetime,
    channel: Channel | str,
    campaign: Campaign | Sequence[Campaign] | None,
) -> tuple[float, ...]:
    """Hourly ``counts`` from ``start`` with the campaign's multiplier applied on its days (the
    day of each hour is read in ``start``'s zone). Several campaigns (a holiday and a sale)
    multiply where they overlap.

    Examples:
        >>> from datetime import timezone
        >>> friday = Campaign(name="BF", start=date(2026, 11, 27), end=date(2026, 11, 27),
        ...                   multipliers={"email": 2})
        >>> apply_campaign([1.0, 1.0], datetime(2026, 11, 27, 23, tzinfo=timezone.utc), "email",
        ...                friday)
        (2.0, 1.0)
        >>> holiday = Campaign(name="H", start=date(2026, 11, 27), end=date(2026, 11, 28),
        ...                    multipliers={"email": 1.5})
        >>> apply_campaign([1.0, 1.0], datetime(2026, 11, 27, 23, tzinfo=timezone.utc), "email",
        ...                [friday, holiday])
        (3.0, 1.5)
    """
    ensure_aware(start, "start")
    campaigns = as_campaigns(campaign)
    if not campaigns:
        return tuple(float(c) for c in counts)
    zone = start.tzinfo
    out = []
    for hour, count in enumerate(counts):
        day = (start + timedelta(hours=hour)).astimezone(zone).date()
        factor = 1.0
        for one in campaigns:
            factor *= one.factor(channel, day)
        out.append(float(count) * factor)
    return tuple(out)


def as_campaigns(campaign: Campaign | Sequence[Campaign] | None) -> tuple[Campaign, ...]:
    """None, one campaign or several, as a tuple.

    Examples:
        >>> as_campaigns(None)
        ()
    """
    if campaign is None:
        return ()
    if isinstance(campaign, Campaign):
        return (campaign,)
    return tuple(campaign)


class ReplyRule(CxModel):
    """A deadline set by someone else (a marketplace, a regulator) that ``share`` of a channel's
    tickets must meet: ``within`` calendar time when ``every_day``, else business time on the
    channel's hours.

    Examples:
        >>> ReplyRule(name="r", within="24h").every_day
        True
    """

    name: Annotated[str, Field(min_length=1)]
    within: Duration
    share: Annotated[float, Field(gt=0.0, le=1.0)] = 0.9
    every_day: bool = True
    description: str = ""


REPLY_RULE_PRESETS: dict[str, ReplyRule] = {
    "reply_24h_every_day": ReplyRule(
        name="reply_24h_every_day",
        within=timedelta(hours=24),
        share=0.9,
        description=(
            "Answer 90% of buyer messages within 24 hours, weekends and holidays included "
            "(the shape of Amazon's seller contact-response-time target)"
        ),
    ),
    "reply_48h_every_day": ReplyRule(
        name="reply_48h_every_day",
        within=timedelta(hours=48),
        share=0.95,
        description="Answer 95% of buyer messages within 48 hours, every day",
    ),
}
"""Common marketplace reply rules, by name, for playbooks to refer to."""


def preset_rule(name: str) -> ReplyRule:
    """The preset called ``name``.

    Examples:
        >>> preset_rule("reply_24h_every_day").within
        datetime.timedelta(days=1)
    """
    try:
        return REPLY_RULE_PRESETS[name]
    except KeyError:
        raise CapacityError(
            f"no reply-rule preset {name!r}; presets: {', '.join(REPLY_RULE_PRESETS)}"
        ) from None
