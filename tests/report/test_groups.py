"""Breakdowns (`--by`) in text, JSON and HTML, and the HTML quality and status sections."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pydantic import TypeAdapter

from cxcore.cli import main
from cxcore.metrics.timing import ticket_timing
from cxcore.report.groups import NONE, OTHER, GroupAccumulator, group_keys
from cxcore.sla import CalendarTime, SlaPolicy, evaluate
from cxcore.tickets import Assignment, Customer, Ticket

T0 = datetime(2026, 11, 23, 9, tzinfo=UTC)
CSV = (
    "id,created_at,first_reply_at,solved_at,Brand\n"
    "1,2026-11-23T09:00:00Z,2026-11-23T09:10:00Z,2026-11-23T10:00:00Z,Acme\n"
    "2,2026-11-23T09:00:00Z,2026-11-23T09:30:00Z,,Acme\n"
    "3,2026-11-23T09:00:00Z,,,Bolt\n"
    "4,2026-11-23T09:00:00Z,2026-11-23T09:05:00Z,2026-11-23T09:20:00Z,\n"
)


def _ticket(**kwargs: object) -> Ticket:
    values: dict[str, object] = {
        "id": "T-1",
        "customer": Customer(id="C-1", segment="b2b"),
        "channel": "email",
        "created_at": T0,
    }
    values.update(kwargs)
    return Ticket(**values)  # type: ignore[arg-type]


def test_group_keys_from_fields_then_the_ticket() -> None:
    assigned = _ticket(
        tags=frozenset({"vip", "damaged"}),
        events=(Assignment(at=T0, assignee="ann", group="returns"),),
    )
    assert group_keys("tag", assigned, {}) == ["damaged", "vip"]
    assert group_keys("agent", assigned, {}) == ["ann"]
    assert group_keys("group", assigned, {}) == ["returns"]
    assert group_keys("group", assigned, {"group": "tier 2"}) == ["tier 2"]
    assert group_keys("segment", assigned, {}) == ["b2b"]
    assert group_keys("brand", assigned, {}) == [NONE]
    assert group_keys("Brand", assigned, {"Brand": " Acme "}) == ["Acme"]
    assert group_keys("tag", _ticket(), {}) == [NONE]


def test_groups_past_the_limit_fold_into_other() -> None:
    acc = GroupAccumulator("brand", limit=2)
    policy = SlaPolicy(name="P")
    for number, brand in enumerate(["a", "b", "c", "d", "a"]):
        ticket = _ticket(id=f"T-{number}")
        report = evaluate(ticket, policy, CalendarTime(), T0)
        acc.add(ticket, {"brand": brand}, report, ticket_timing(ticket), True, (False, False))
    rows = {row.key: row.tickets for row in acc.result().rows}
    assert rows == {"a": 2, "b": 1, OTHER: 2}
    merged = acc.merge(acc).result()
    assert {row.key: row.tickets for row in merged.rows} == {"a": 4, "b": 2, OTHER: 4}


@pytest.fixture
def export(tmp_path: Path) -> Path:
    path = tmp_path / "t.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


def test_by_brand_column_in_text(export: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(export), "--by", "Brand", "--by", "status"]) == 0
    out = capsys.readouterr().out
    section = out[out.index("By Brand") :].splitlines()
    assert section[2].split() == ["Acme", "2", "1", "2", "20m", "100.0%", "100.0%"]
    assert section[3].split()[:4] == ["(none)", "1", "0", "1"]
    assert section[4].split()[:4] == ["Bolt", "1", "1", "0"]
    assert "By status" in out


def test_by_in_json_and_html(
    export: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(export), "--by", "Brand", "--format", "json"]) == 0
    (breakdown,) = json.loads(capsys.readouterr().out)["breakdowns"]
    assert breakdown["by"] == "Brand"
    acme = breakdown["rows"][0]
    assert (acme["key"], acme["tickets"], acme["replies"]) == ("Acme", 2, 2)
    # ISO 8601 either way: pydantic 2.6 writes PT1200S, newer releases PT20M.
    assert TypeAdapter(timedelta).validate_python(acme["first_reply"]["median"]) == timedelta(
        minutes=20
    )
    page = tmp_path / "r.html"
    assert main(["report", str(export), "--by", "Brand", "--format", "html", "-o", str(page)]) == 0
    html = page.read_text(encoding="utf-8")
    for heading in ("<h2>Quality</h2>", "<h2>Statuses</h2>", "<h2>By Brand</h2>"):
        assert heading in html
    assert "first-contact resolution" in html and "<td>Acme</td>" in html
    assert "Judged against playbook" in html
