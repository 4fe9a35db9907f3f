"""Every store test runs on SQLite (a file in the test's temporary directory) and on a real
PostgreSQL server: a throwaway cluster started once per test session and stopped at its end.

Without PostgreSQL's server binaries the PostgreSQL runs are skipped with the reason on a
developer machine, and FAIL in CI (``CI=true``), so CI can never pass without having run them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from tests.store.pg_cluster import Cluster, missing_reason, start_cluster

BACKENDS = ("sqlite", "postgresql")


def in_ci() -> bool:
    """True when the CI environment says so (``CI=true``, as CI services set it)."""
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def refuse_without_postgres(reason: str | None, *, ci: bool) -> None:
    """Fail (in CI) or skip (elsewhere) when ``reason`` says PostgreSQL cannot run."""
    if reason is None:
        return
    if ci:
        pytest.fail(f"CI=true but PostgreSQL cannot run: {reason}", pytrace=False)
    pytest.skip(f"{reason} (set CI=true to make this a failure)")


@pytest.fixture(scope="session")
def postgres() -> Iterator[Cluster]:
    """A running throwaway PostgreSQL cluster for the whole session."""
    refuse_without_postgres(missing_reason(), ci=in_ci())
    cluster = start_cluster()
    try:
        yield cluster
    finally:
        cluster.stop()


def _drop_store_tables(engine: Engine) -> None:
    with engine.begin() as conn:
        for table in ("cxcore_snapshots", "cxcore_events"):
            conn.execute(text(f"DROP TABLE IF EXISTS {table}"))


@pytest.fixture(params=BACKENDS)
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An engine on an empty database: a new SQLite file, or the session's PostgreSQL
    database with the store's tables dropped before and after the test."""
    if request.param == "sqlite":
        engine = create_engine(f"sqlite:///{tmp_path / 'events.db'}")
        yield engine
        engine.dispose()
        return
    cluster: Cluster = request.getfixturevalue("postgres")
    engine = create_engine(cluster.url)
    _drop_store_tables(engine)
    try:
        yield engine
    finally:
        _drop_store_tables(engine)
        engine.dispose()
