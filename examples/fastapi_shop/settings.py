"""Settings of the example shop: where the database is, and the support plan.

The plan is plain data (a business calendar, an SLA policy, a return preset) turned into cxcore
values once, when the app starts.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from cxcore.returns import ReturnPolicy, presets
from cxcore.sla import BusinessCalendar, SlaPolicy

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")

DEFAULT_SLA: dict[str, Any] = {
    "name": "Shop standard",
    "rules": [
        {
            "name": "default",
            "targets": {
                "first_reply": "4h",
                "next_reply": "8h",
                "periodic_update": "8h",
                "resolution": "24h",
            },
        },
        {
            "name": "urgent",
            "priorities": ["urgent"],
            "targets": {"first_reply": "1h", "next_reply": "2h", "resolution": "8h"},
        },
        {
            "name": "chat",
            "channels": ["live_chat"],
            "targets": {"first_reply": {"duration": "5m", "business_hours": False}},
        },
    ],
}


class Settings(BaseModel):
    """Everything the app is configured with; ``from_env`` reads the ``SHOP_*`` variables.

    >>> Settings().calendar().timezone
    'Europe/Warsaw'
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    database_url: str = "sqlite:///./fastapi_shop.db"
    country: str = "PL"
    """Public holidays of this country close the support desk (``holidays`` package)."""
    hours: dict[str, list[tuple[str, str]]] = Field(
        default_factory=lambda: {day: [("08:00", "16:00")] for day in WEEKDAYS}
    )
    sla_policy: dict[str, Any] = Field(default_factory=lambda: dict(DEFAULT_SLA))
    return_preset: str = "PL"
    default_locale: str = "pl"
    complaint_acknowledge_within: timedelta = timedelta(hours=1)
    complaint_update_every: timedelta = timedelta(hours=8)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Settings with ``SHOP_DATABASE_URL``, ``SHOP_COUNTRY``, ``SHOP_RETURN_PRESET`` and
        ``SHOP_DEFAULT_LOCALE`` taken from the environment when set.

        >>> Settings.from_env({"SHOP_RETURN_PRESET": "LV"}).return_preset
        'LV'
        """
        env = os.environ if environ is None else environ
        names = {
            "database_url": "SHOP_DATABASE_URL",
            "country": "SHOP_COUNTRY",
            "return_preset": "SHOP_RETURN_PRESET",
            "default_locale": "SHOP_DEFAULT_LOCALE",
        }
        return cls.model_validate({field: env[var] for field, var in names.items() if var in env})

    def calendar(self) -> BusinessCalendar:
        """The support desk's business calendar with the country's public holidays."""
        return BusinessCalendar.for_country(self.country, hours=self.hours)

    def policy(self) -> SlaPolicy:
        """The SLA policy."""
        return SlaPolicy.from_dict(self.sla_policy)

    def return_policy(self) -> ReturnPolicy:
        """The statutory return rights of the shop's jurisdiction."""
        return presets.policy(self.return_preset)
