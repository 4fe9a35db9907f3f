"""Export readers: every refused row is reported with its line number."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxcore.errors import InvalidInputError, UnknownTimezoneError
from cxcore.report import CsvMapping, read_csv, read_export, read_jsonl, read_zendesk
from cxcore.tickets import AuthorRole, Channel, Priority, Ticket, TicketStatus
from tests.strategies import tickets

HEADER = "Ticket ID,Created,Via,Prio,First reply,Solved,Requester,Tags\n"
MAPPING = CsvMapping.parse(
    "id=Ticket ID,created_at=Created,channel=Via,priority=Prio,first_reply_at=First reply,"
    "solved_at=Solved,customer_id=Requester"
)


def test_csv_good_rows() -> None:
    data = HEADER + (
        "1,2026-11-23T09:00:00+01:00,live_chat,high,2026-11-23T09:03:00+01:00,"
        "2026-11-23T09:20:00+01:00,C-1,x\n"
        "2,2026-11-23T10:00:00+01:00,email,,,,C-2,\n"
    )
    result = read_csv(io.StringIO(data), MAPPING)
    assert result.rows == 2
    assert result.problems == ()
    first, second = result.tickets
    assert first.channel is Channel.LIVE_CHAT
    assert first.priority is Priority.HIGH
    assert first.status is TicketStatus.SOLVED
    assert first.messages[0].author_role is AuthorRole.AGENT
    assert second.status is TicketStatus.NEW


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("3,2026-11-23T10:00:00+01:00,email,,2026-11-23T09:00:00+01:00,,C,", "before creation"),
        (
            "4,2026-11-23T10:00:00+01:00,email,,2026-11-23T12:00:00+01:00,"
            "2026-11-23T11:00:00+01:00,C,",
            "before the first reply",
        ),
        ("5,yesterday,email,,,,C,", "unparseable"),
        ("6,2026-11-23T10:00:00,email,,,,C,", "no offset"),
        ("7,2026-11-23T10:00:00Z,pigeon,,,,C,", "pigeon"),
        (",2026-11-23T10:00:00Z,email,,,,C,", "no ticket id"),
    ],
)
def test_csv_impossible_rows_are_reported_with_line_numbers(row: str, reason: str) -> None:
    ok = "1,2026-11-23T09:00:00Z,email,,,,C,\n"
    result = read_csv(io.StringIO(HEADER + ok + row + "\n"), MAPPING)
    assert [t.id for t in result.tickets] == ["1"]
    (problem,) = result.problems
    assert problem.line == 3
    assert reason in problem.message


def test_csv_assumed_time_zone() -> None:
    mapping = CsvMapping.parse("id=Ticket ID,created_at=Created", "Europe/Warsaw")
    result = read_csv(io.StringIO("Ticket ID,Created\n1,2026-07-01 10:00\n"), mapping)
    assert result.tickets[0].created_at.utcoffset().total_seconds() == 7200  # type: ignore[union-attr]


def test_csv_mapping_errors() -> None:
    with pytest.raises(InvalidInputError, match="unknown ticket field"):
        CsvMapping.parse("colour=Colour")
    with pytest.raises(InvalidInputError, match="field=Header"):
        CsvMapping.parse("created_at")
    with pytest.raises(UnknownTimezoneError):
        CsvMapping.parse("", "Mars/Base")
    with pytest.raises(InvalidInputError, match="lacks required columns"):
        read_csv(io.StringIO("A,B\n1,2\n"))


def test_jsonl_round_trip_and_problems() -> None:
    good = Ticket.model_validate_json(
        '{"id":"T","customer":{"id":"C"},"channel":"email","created_at":"2026-01-01T10:00:00Z"}'
    )
    lines = [good.model_dump_json(), "", '{"id": "broken"}', "not json"]
    result = read_jsonl(lines)
    assert result.tickets == (good,)
    assert [p.line for p in result.problems] == [3, 4]
    assert result.rows == 3


@settings(max_examples=25)
@given(st.lists(tickets(max_events=5), max_size=5))
def test_jsonl_reads_back_what_was_written(values: list[Ticket]) -> None:
    result = read_jsonl(t.model_dump_json() for t in values)
    assert list(result.tickets) == values


ZENDESK = {
    "tickets": [
        {
            "id": 101,
            "created_at": "2026-11-23T08:00:00Z",
            "updated_at": "2026-11-23T09:00:00Z",
            "status": "solved",
            "priority": "high",
            "requester_id": 7,
            "via": {"channel": "email"},
            "subject": "Broken mug",
            "tags": ["damaged"],
        },
        {"id": 102, "created_at": "not a date", "status": "open", "via": {"channel": "web"}},
        {
            "id": 103,
            "created_at": "2026-11-23T08:00:00Z",
            "status": "hold",
            "via": {"channel": "voice"},
        },
    ],
    "users": [{"id": 7, "role": "end-user", "locale": "pl"}, {"id": 9, "role": "agent"}],
    "audits": [
        {
            "id": 1,
            "ticket_id": 101,
            "created_at": "2026-11-23T08:00:00Z",
            "author_id": 7,
            "events": [
                {"id": 11, "type": "Comment", "public": True, "body": "It broke"},
                {"type": "Create", "field_name": "status", "value": "new"},
            ],
        },
        {
            "id": 2,
            "ticket_id": 101,
            "created_at": "2026-11-23T08:30:00Z",
            "author_id": 9,
            "events": [
                {"id": 12, "type": "Comment", "public": True, "body": "Sorry!"},
                {"type": "Change", "field_name": "status", "value": "solved"},
            ],
        },
    ],
}


def test_zendesk_export() -> None:
    result = read_zendesk(ZENDESK)
    assert result.rows == 3
    assert [t.id for t in result.tickets] == ["101", "103"]
    assert [p.line for p in result.problems] == [2]
    t = result.tickets[0]
    assert t.customer.locale == "pl"
    assert [m.author_role for m in t.messages] == [AuthorRole.CUSTOMER, AuthorRole.AGENT]
    assert t.status is TicketStatus.SOLVED
    assert result.tickets[1].status is TicketStatus.ON_HOLD
    assert result.tickets[1].channel is Channel.PHONE


def test_zendesk_metric_events() -> None:
    doc = {
        "tickets": [{"id": 5, "created_at": "2026-11-23T08:00:00Z", "via": {"channel": "chat"}}],
        "ticket_metric_events": [
            {
                "ticket_id": 5,
                "metric": "reply_time",
                "type": "fulfill",
                "time": "2026-11-23T08:05:00Z",
            },
            {
                "ticket_id": 5,
                "metric": "agent_work_time",
                "type": "fulfill",
                "time": "2026-11-23T08:20:00Z",
            },
        ],
    }
    (ticket,) = read_zendesk(doc).tickets
    assert ticket.status is TicketStatus.SOLVED
    assert ticket.messages[0].is_public_agent_reply


def test_read_export_detects_format(tmp_path: Path) -> None:
    zd = tmp_path / "export.json"
    zd.write_text(json.dumps(ZENDESK), encoding="utf-8")
    assert len(read_export(zd).tickets) == 2
    csv_file = tmp_path / "export.csv"
    csv_file.write_text("\ufeffid,created_at\n1,2026-11-23T08:00:00Z\n", encoding="utf-8")
    assert read_export(csv_file).tickets[0].id == "1"
    with pytest.raises(InvalidInputError, match="no such export"):
        read_export(tmp_path / "missing.csv")
