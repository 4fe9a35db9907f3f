"""``cxcore plan``: the staffing table, the HTML page and its errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from cxcore._demo_plan import history_tickets
from cxcore.cli import main


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("plan") / "history.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for ticket in history_tickets():
            out.write(ticket.model_dump_json() + "\n")
    return path


def test_black_friday_table_and_html(
    export: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "plan.html"
    status = main(
        ["plan", str(export), "--weeks", "6", "--scenario", "black_friday", "--html", str(page)]
    )
    captured = capsys.readouterr()
    assert status == 0
    out = captured.out
    assert out.startswith("Staffing plan for the week of Monday 23 November 2026 (Europe/Warsaw)")
    assert "scenario: Black Friday" in out
    assert "  Fri 27 Nov" in out and "breaks" in out
    assert "rule reply_24h_every_day: missed" in out
    assert "backtest on the last week: MASE" in out
    assert f"wrote {page}" in captured.err
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and html.count("<svg") == 5
    assert "scenario Black Friday" in html and "<script" not in html


def test_the_week_after_the_export_without_a_scenario(
    export: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["plan", str(export), "--weeks", "2"]) == 0
    out = capsys.readouterr().out
    assert "week of Monday 23 November 2026" in out and "scenario" not in out
    assert "backtest" not in out  # two weeks are too few to hold one out


def test_unknown_scenario_is_a_domain_error(
    export: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["plan", str(export), "--scenario", "easter"]) == 1
    assert "no scenario 'easter'; defined: black_friday" in capsys.readouterr().err


def test_a_playbook_without_capacity(
    export: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from cxcore.playbook import builtin_playbook_path

    text = builtin_playbook_path().read_text(encoding="utf-8").split("# --- Capacity")[0]
    playbook = tmp_path / "shop.toml"
    playbook.write_text(text, encoding="utf-8")
    assert main(["plan", str(export), "--playbook", str(playbook)]) == 1
    assert "no [capacity.channels] to plan" in capsys.readouterr().err


def test_bad_weeks(export: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", str(export), "--weeks", "0"]) == 1
    assert "at least one week" in capsys.readouterr().err


def test_scenarios_combine(export: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["plan", str(export), "--weeks", "3", "--scenario", "christmas"]
    assert main([*argv, "--scenario", "black_friday"]) == 0
    out = capsys.readouterr().out
    # the earliest campaign picks the week; both names are shown
    assert "week of Monday 23 November 2026" in out
    assert "scenario: Christmas rush + Black Friday" in out
