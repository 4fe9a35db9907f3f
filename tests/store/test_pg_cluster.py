"""The throwaway PostgreSQL cluster: found where Debian installs it, and never skipped in CI."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.store import pg_cluster
from tests.store.conftest import in_ci, refuse_without_postgres


def test_missing_binaries_are_explained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pg_cluster, "DEBIAN_ROOT", tmp_path / "nothing")
    monkeypatch.setenv("PATH", str(tmp_path))
    assert pg_cluster.find_bindir() is None
    assert "apt-get install -y postgresql" in (pg_cluster.missing_reason() or "")


def test_the_newest_debian_server_is_chosen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for version in ("9", "15", "13"):
        (tmp_path / version / "bin").mkdir(parents=True)
        (tmp_path / version / "bin" / "initdb").touch()
    (tmp_path / "common").mkdir()
    monkeypatch.setattr(pg_cluster, "DEBIAN_ROOT", tmp_path)
    assert pg_cluster.find_bindir() == tmp_path / "15" / "bin"


def test_a_missing_server_fails_in_ci_and_skips_elsewhere() -> None:
    with pytest.raises(pytest.fail.Exception, match="CI=true but PostgreSQL cannot run: gone"):
        refuse_without_postgres("gone", ci=True)
    with pytest.raises(pytest.skip.Exception, match="gone"):
        refuse_without_postgres("gone", ci=False)
    refuse_without_postgres(None, ci=True)  # a server is there: nothing happens


@pytest.mark.parametrize(("value", "expected"), [("true", True), ("1", True), ("", False)])
def test_ci_is_read_from_the_environment(
    value: str, expected: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CI", value)
    assert in_ci() is expected
