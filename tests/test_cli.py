"""The command line: the demo matches its golden output, report and lint follow CLI conventions.

When the demo changes on purpose, regenerate the golden file with
``.venv/bin/cxcore demo > tests/golden/demo.txt`` and review the diff.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cxcore.cli import main

ROOT = Path(__file__).resolve().parent
GOLDEN = ROOT / "golden" / "demo.txt"
FIXTURES = ROOT / "report" / "fixtures"
CSV_MAP = (
    "id=Ticket ID,created_at=Created,channel=Via,priority=Priority,"
    "first_reply_at=First reply,solved_at=Solved,customer_id=Requester"
)


def test_demo_matches_the_golden_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert out == GOLDEN.read_text(encoding="utf-8"), (
        "cxcore demo changed; if on purpose, regenerate tests/golden/demo.txt"
    )


def test_demo_tells_the_whole_story(capsys: pytest.CaptureFixture[str]) -> None:
    main(["demo"])
    out = capsys.readouterr().out
    # the holiday stops the email clock: a 16:40 Tuesday email is due Thursday 16:40
    assert "T-1005 first reply active, due Thu 12 16:40" in out
    assert "Narodowe Święto Niepodległości" in out
    # the complaint walks all five steps: listen -> apologise -> resolve -> inform (an update
    # while the replacement is on its way) -> verify -> closed, in pl and en
    for move in (
        "listen -> apologise",
        "apologise -> resolve",
        "resolve -> inform",
        "inform -> verify",
        "verify -> closed",
    ):
        assert move in out
    # a playbook rule fires (VIP + damaged) and a time-based one schedules the next look
    assert "rule 'VIP damaged parcel'" in out
    assert "-> set priority 'urgent'; assign group 'claims'" in out
    assert "look again at Thu 12 08:02 ('first reply at risk')" in out
    assert "vip: 30m" in out
    assert "[pl] " in out and "[en] " in out
    assert "outcome partially_approved" in out
    assert "SLA first_reply" in out and "CSAT" in out


def test_demo_with_a_playbook_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from cxcore.playbook import builtin_playbook_path

    text = builtin_playbook_path().read_text(encoding="utf-8")
    path = tmp_path / "shop.toml"
    path.write_text(text.replace('name = "Bursztynowa Pracownia"', 'name = "Sklep Testowy"'))
    assert main(["demo", "--playbook", str(path)]) == 0
    assert capsys.readouterr().out.startswith("cxcore demo: a day at Sklep Testowy")
    broken = tmp_path / "broken.toml"
    broken.write_text(text.replace('first_reply = "8h"', 'first_reply = "0h"'), encoding="utf-8")
    assert main(["demo", "--playbook", str(broken)]) == 1
    err = capsys.readouterr().err
    # rules[0] is the conditional "vip" rule; the "default" rule is second
    assert err.startswith(f"cxcore: error: {broken}: [sla.rules[1].targets.first_reply]")


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("cxcore ")


def test_no_command_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "usage: cxcore" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv", [["--help"], ["demo", "--help"], ["report", "--help"], ["templates", "lint", "--help"]]
)
def test_help_everywhere(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 0
    assert "usage: cxcore" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv", [["report"], ["report", "x.csv", "--format", "pdf"], ["frobnicate"]]
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_report_text_on_csv(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(FIXTURES / "export.csv"), "--map", CSV_MAP]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("cxcore report: 7 tickets measured from 10 rows (3 refused")
    assert "  line 9: unparseable creation time 'yesterday'" in captured.out
    assert captured.err == ""  # no progress bar when stderr is not a terminal
    assert main(["report", str(FIXTURES / "export.csv"), "--map", CSV_MAP, "--strict"]) == 1


def test_report_text_matches_the_golden_output(capsys: pytest.CaptureFixture[str]) -> None:
    # docs/cli.md shows this file; regenerate it with the command in the docs when the report
    # changes on purpose
    assert main(["report", str(FIXTURES / "export.csv"), "--map", CSV_MAP]) == 0
    assert capsys.readouterr().out == (ROOT / "golden" / "report.txt").read_text("utf-8")


def test_report_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(FIXTURES / "tickets.jsonl"), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["rows"] == 8 and data["tickets"] == 6
    assert [p["line"] for p in data["problems"]] == [4, 6]
    assert data["timezone"] == "Europe/Warsaw"


def test_report_html_to_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.html"
    argv = ["report", str(FIXTURES / "zendesk.json"), "--format", "html", "-o", str(out)]
    assert main([*argv, "--tz", "UTC"]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.count("<svg") == 3
    assert "zendesk.json" in page
    assert f"wrote {out}" in capsys.readouterr().err


def test_report_with_calendar_and_policy_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    calendar = tmp_path / "calendar.toml"
    calendar.write_text('timezone = "UTC"\n[hours]\n', encoding="utf-8")
    (tmp_path / "always.json").write_text('{"timezone": "UTC", "hours": {}}', encoding="utf-8")
    policy = tmp_path / "sla.toml"
    policy.write_text(
        '[sla]\nname = "Tight"\n[[sla.rules]]\nname = "all"\n'
        'targets = { first_reply = { duration = "10m", business_hours = false } }\n',
        encoding="utf-8",
    )
    argv = ["report", str(FIXTURES / "export.csv"), "--map", CSV_MAP, "--format", "json"]
    assert main([*argv, "--policy", str(policy), "--calendar", str(calendar)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["policy"] == "Tight"
    first = data["attainment"]["rows"][0]
    # calendar time, 10 minutes: only T-3 (2m) and T-6 (5m) made it; T-9, unanswered for
    # 2h40m at the report time, is breached along with T-1, T-2, T-4 and T-5
    assert (first["achieved"], first["breached"], first["active"]) == (2, 5, 0)
    assert main([*argv, "--at", "2026-11-25T00:00:00+01:00", "--business-time"]) == 0
    assert json.loads(capsys.readouterr().out)["timing"]["business_time"] is True


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["report", "missing.csv"], "no such export file: missing.csv"),
        (["report", "{csv}", "--map", "colour=Colour"], "unknown ticket field 'colour'"),
        (["report", "{csv}"], "CSV header lacks required columns"),
        (["report", "{csv}", "--policy", "nope.toml"], "No such file or directory: nope.toml"),
        (["report", "{csv}", "--map", "{map}", "--at", "tomorrow"], "unparseable --at"),
        (["report", "{csv}", "--playbook", "nope.toml"], "nope.toml: cannot read the playbook"),
    ],
)
def test_report_errors_exit_1(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    filled = [a.format(csv=FIXTURES / "export.csv", map=CSV_MAP) for a in argv]
    assert main(filled) == 1
    err = capsys.readouterr().err
    assert err.startswith("cxcore: error: ")
    assert message in err


def test_templates_lint(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good"
    good.mkdir()
    (good / "catalog.toml").write_text(
        '[catalog]\ndefault_locale = "en"\n[responses.hello]\ntitle = "Hello"\n'
        '[responses.hello.variables]\nname = { type = "text" }\n',
        encoding="utf-8",
    )
    (good / "en.toml").write_text('[hello.default]\ntext = "Hi {name}!"\n', encoding="utf-8")
    (good / "pl.toml").write_text('[hello.default]\ntext = "Cześć {name}!"\n', encoding="utf-8")
    assert main(["templates", "lint", str(good)]) == 0
    assert "0 errors, 0 warnings in 1 directory" in capsys.readouterr().err
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "catalog.toml").write_text((good / "catalog.toml").read_text(), encoding="utf-8")
    (bad / "en.toml").write_text('[hello.default]\ntext = "Hi {name!"\n', encoding="utf-8")
    (bad / "pl.toml").write_text('[hello.default]\ntext = "Cześć {imie}!"\n', encoding="utf-8")
    assert main(["templates", "lint", str(good), str(bad)]) == 1
    captured = capsys.readouterr()
    assert f"{bad / 'en.toml'}:2: error [syntax]" in captured.out
    assert f"{bad / 'pl.toml'}:2: error" in captured.out
    assert "in 2 directories" in captured.err


def test_templates_without_action(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["templates"]) == 2
    assert "usage: cxcore templates lint" in capsys.readouterr().err


def test_python_dash_m() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "cxcore", "--version"], capture_output=True, text=True, check=True
    )
    assert done.stdout.startswith("cxcore ")


def test_progress_line_shows_bytes_rate_and_time_left_from_the_first_byte() -> None:
    import io

    from cxcore.cli import _Progress

    stream = io.StringIO()
    bar = _Progress(stream, size=2_000_000, label="measuring:")
    first = stream.getvalue()
    assert first.startswith("\rmeasuring: 0.0 of 2.0 MB (0%)")  # shown before any ticket
    for done in range(1, 2001):
        bar(done * 1000, done)  # redrawn at most five times a second, not per ticket
    bar.done()
    text = stream.getvalue()
    assert text.count("\rmeasuring:") < 50
    assert "2.0 of 2.0 MB (100%)" in text and "tickets/s" in text and "left" in text
    assert text.endswith("\r")  # the line is wiped at the end, leaving stdout clean


def test_report_with_nothing_readable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    export = tmp_path / "bad.jsonl"
    export.write_text('{"id": 1}\n', encoding="utf-8")
    assert main(["report", str(export)]) == 1
    err = capsys.readouterr().err
    assert "no tickets could be read" in err and "line 1:" in err
