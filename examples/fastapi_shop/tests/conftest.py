"""A fresh app per test: a SQLite file in a temporary directory and a hand-moved clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from cxcore import Clock, ManualClock
from fastapi_shop.app import create_app
from fastapi_shop.deps import get_clock
from fastapi_shop.plan import SupportPlan
from fastapi_shop.settings import Settings

WARSAW = ZoneInfo("Europe/Warsaw")


def warsaw(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """An aware Warsaw datetime."""
    return datetime(year, month, day, hour, minute, tzinfo=WARSAW)


@pytest.fixture(scope="session")
def plan() -> SupportPlan:
    """The support plan, built once: it is immutable and slow to build."""
    return SupportPlan.from_settings(Settings())


@pytest.fixture
def clock() -> ManualClock:
    """Monday 4 May 2026, 14:30 in Warsaw (the desk is open 08:00-16:00 on weekdays)."""
    return ManualClock(warsaw(2026, 5, 4, 14, 30))


@pytest.fixture
def app(tmp_path: Path, plan: SupportPlan, clock: ManualClock) -> FastAPI:
    """The shop app on its own database, reading time from ``clock``."""
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'shop.db'}"), plan=plan)

    def manual_clock() -> Clock:
        return clock

    app.dependency_overrides[get_clock] = manual_clock
    return app


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    """An HTTP client for ``app``."""
    with TestClient(app) as client:
        yield client


ANNA = {
    "id": "C-1",
    "name": "Anna Nowak",
    "email": "anna@example.pl",
    "locale": "pl-PL",
    "timezone": "Europe/Warsaw",
}
JANIS = {"id": "C-2", "name": "Jānis Bērziņš", "locale": "lv", "timezone": "Europe/Riga"}
