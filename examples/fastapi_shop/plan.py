"""The support plan as cxcore values, built once from the settings and shared read-only.

Building it parses the built-in response library and loads the country's holidays, so an app
builds it at start-up (and tests build it once for every app they create).
"""

from __future__ import annotations

from dataclasses import dataclass

from cxcore.complaints import ComplaintTimers
from cxcore.responses import ResponseCatalog, builtin_catalog
from cxcore.returns import ReturnPolicy
from cxcore.sla import BusinessCalendar, SlaPolicy

from .settings import Settings


@dataclass(frozen=True)
class SupportPlan:
    """The calendar, SLA policy, return policy, response catalog and complaint timers."""

    calendar: BusinessCalendar
    policy: SlaPolicy
    return_policy: ReturnPolicy
    catalog: ResponseCatalog
    timers: ComplaintTimers

    @classmethod
    def from_settings(cls, settings: Settings) -> SupportPlan:
        """Build every part of the plan from ``settings``.

        >>> plan = SupportPlan.from_settings(Settings())
        >>> plan.policy.name, plan.return_policy.jurisdiction.code
        ('Shop standard', 'PL')
        """
        calendar = settings.calendar()
        return cls(
            calendar=calendar,
            policy=settings.policy(),
            return_policy=settings.return_policy(),
            catalog=builtin_catalog(),
            timers=ComplaintTimers(
                acknowledge_within=settings.complaint_acknowledge_within,
                update_every=settings.complaint_update_every,
                calendar=calendar,
            ),
        )
