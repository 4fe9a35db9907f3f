"""Turn a playbook's ``[capacity]`` section into [plan_week][cxcore.capacity.plan_week] inputs.

Examples:
    >>> from cxcore.playbook import builtin_playbook
    >>> playbook = builtin_playbook()
    >>> [s.channel.value for s in channel_setups(playbook)][:2]
    ['email', 'live_chat']
    >>> scenario(playbook, "black_friday").name
    'Black Friday'
"""

from __future__ import annotations

from cxcore.capacity.plan import LIVE_CHANNELS, ChannelSetup
from cxcore.capacity.scenario import Campaign, preset_rule
from cxcore.errors import CapacityError, PlaybookError
from cxcore.playbook.model import Playbook
from cxcore.sla.policy import SlaMetric
from cxcore.tickets import Priority

__all__ = ["channel_setups", "scenario"]

_LIVE_SHARE, _ASYNC_SHARE = 0.8, 0.95


def channel_setups(playbook: Playbook) -> tuple[ChannelSetup, ...]:
    """One setup per channel in ``[capacity.channels]``: its hours and first-reply target come
    from the playbook's channels and SLA policy (normal priority) unless the section overrides
    the target with ``within``."""
    setups = []
    for channel, spec in playbook.capacity.channels.items():
        where = f"{playbook.source}: [capacity.channels.{channel.value}]"
        mode = spec.mode or ("live" if channel in LIVE_CHANNELS else "async")
        target = spec.within
        if target is None:
            found = playbook.sla.policy.targets_for(Priority.NORMAL, channel).target(
                SlaMetric.FIRST_REPLY
            )
            if found is None:
                raise PlaybookError(f"{where} give 'within': the SLA sets no first_reply target")
            target = found.duration
        try:
            rules = tuple(preset_rule(name) for name in spec.rules)
        except CapacityError as exc:
            raise PlaybookError(f"{where} {exc}") from None
        setups.append(
            ChannelSetup(
                channel=channel,
                mode=mode,
                handle_time=spec.handle_time,
                calendar=playbook.sla_calendar(channel),
                target=target,
                share=spec.share or (_LIVE_SHARE if mode == "live" else _ASYNC_SHARE),
                roster=spec.roster_hours(),
                shrinkage=spec.shrinkage,
                max_occupancy=spec.max_occupancy,
                concurrency=spec.concurrency,
                patience=spec.patience,
                rules=rules,
            )
        )
    return tuple(setups)


def scenario(playbook: Playbook, name: str) -> Campaign:
    """The campaign ``[capacity.scenarios.NAME]``."""
    found = playbook.capacity.scenarios.get(name)
    if found is None:
        known = ", ".join(playbook.capacity.scenarios) or "none"
        raise PlaybookError(f"{playbook.source}: no scenario {name!r}; defined: {known}")
    return found
