"""Every row accounted for: the data-loss cases of issue 17, each with a regression test."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxcore.cli import main
from cxcore.errors import InvalidInputError
from cxcore.report import CsvMapping, Export, RowProblem, iter_zendesk, read_export
from cxcore.report.summary import summarize
from cxcore.sla import CalendarTime, SlaPolicy
from cxcore.tickets import Customer, Ticket, TicketStatus

T0 = datetime(2026, 11, 23, 9, tzinfo=UTC)


def _ticket(number: int, subject: str = "") -> Ticket:
    return Ticket(
        id=f"T-{number}",
        customer=Customer(id=f"C-{number}"),
        channel="email",
        subject=subject,
        created_at=T0 + timedelta(minutes=number),
    )


def _summary(path: Path, **kwargs: Any) -> Any:
    return summarize(
        Export(path, **kwargs),
        policy=SlaPolicy(name="P", rules=[{"name": "all", "targets": {"first_reply": "1h"}}]),
        calendar=CalendarTime(),
        at=T0 + timedelta(days=1),
        timezone="UTC",
    )


@pytest.mark.parametrize("separator", ["\u2028", "\u0085", "\u2029", "\x1c", "\r", "\x0b"])
def test_line_separators_inside_a_subject_do_not_split_a_ticket(
    tmp_path: Path, separator: str
) -> None:
    # Ticket.model_dump_json writes U+2028 and U+0085 raw; str.splitlines split on them and
    # read 5 tickets as 3 tickets and 4 bad lines.
    path = tmp_path / "t.jsonl"
    lines = [_ticket(n, f"a{separator}b").model_dump_json() for n in range(5)]
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
    rows = list(Export(path))
    assert [r.line for r in rows] == [1, 2, 3, 4, 5]
    assert all(isinstance(r.item, Ticket) for r in rows)
    assert rows[0].item.subject == f"a{separator}b"  # type: ignore[union-attr]


def test_one_cp1250_line_among_utf8_lines_is_a_refused_row_with_line_and_byte(
    tmp_path: Path,
) -> None:
    # It used to abort the whole file with a UnicodeDecodeError traceback.
    good = [_ticket(n, "Zażółć").model_dump_json().encode("utf-8") for n in range(3)]
    bad = _ticket(9, "Zażółć").model_dump_json().encode("cp1250")
    path = tmp_path / "t.jsonl"
    path.write_bytes(b"\n".join([good[0], bad, good[1], good[2]]) + b"\n")
    summary = _summary(path)
    assert (summary.rows, summary.tickets, summary.refused) == (4, 3, 1)
    (problem,) = summary.problems
    assert problem.line == 2
    offset = len(good[0]) + 1
    assert f"line 2 (byte {offset}) is not valid utf-8" in problem.message
    assert "--encoding" in problem.message


def test_a_cp1250_csv_reads_with_its_encoding_and_refuses_lines_without(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    text = "id,created_at,subject\n1,2026-11-23T09:00:00Z,Zażółć\n2,2026-11-23T09:05:00Z,ok\n"
    path.write_bytes(text.encode("cp1250"))
    read = read_export(path, encoding="cp1250")
    assert [t.subject for t in read.tickets] == ["Zażółć", "ok"]
    read = read_export(path)
    assert [t.id for t in read.tickets] == ["2"]
    assert [p.line for p in read.problems] == [2]


def test_a_utf16_file_read_as_utf8_is_a_clear_error_and_reads_with_its_encoding(
    tmp_path: Path,
) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes("id,created_at\n1,2026-11-23T09:00:00Z\n".encode("utf-16"))
    with pytest.raises(InvalidInputError, match=r"utf-16 byte-order mark.*--encoding utf-16"):
        read_export(path)
    assert [t.id for t in read_export(path, encoding="utf-16").tickets] == ["1"]


def test_utf8_sig_and_unknown_encodings(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(b"\xef\xbb\xbfid,created_at\n1,2026-11-23T09:00:00Z\n")
    assert len(read_export(path, encoding="utf-8-sig").tickets) == 1
    assert len(read_export(path).tickets) == 1
    with pytest.raises(InvalidInputError, match="unknown encoding 'klingon'"):
        read_export(path, encoding="klingon")


def test_cli_decode_errors_never_give_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "t.jsonl"
    path.write_bytes(_ticket(1).model_dump_json().encode() + b"\n\x9c\xff\n")
    assert main(["report", str(path), "--strict"]) == 1
    captured = capsys.readouterr()
    assert "line 2 (byte" in captured.out
    assert main(["report", str(path), "--encoding", "klingon"]) == 1
    assert "unknown encoding 'klingon'" in capsys.readouterr().err


def test_duplicate_ticket_ids_are_counted_once_and_listed(tmp_path: Path) -> None:
    path = tmp_path / "t.jsonl"
    lines = [_ticket(1), _ticket(2), _ticket(1), _ticket(1)]
    path.write_text("\n".join(t.model_dump_json() for t in lines) + "\n", encoding="utf-8")
    summary = _summary(path)
    assert (summary.rows, summary.tickets, summary.duplicates, summary.refused) == (4, 2, 2, 2)
    assert [p.line for p in summary.problems] == [3, 4]
    assert "'T-1' was already read" in summary.problems[0].message
    assert summary.timing.tickets == 2


def test_csv_without_a_status_column_counts_replied_tickets_as_open(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(
        "id,created_at,first_reply_at\n"
        "1,2026-11-23T09:00:00Z,2026-11-23T09:30:00Z\n"
        "2,2026-11-23T09:00:00Z,\n",
        encoding="utf-8",
    )
    replied, waiting = read_export(path).tickets
    assert replied.status is TicketStatus.OPEN
    assert waiting.status is TicketStatus.NEW


def test_report_header_names_the_playbook_and_hours(capsys: pytest.CaptureFixture[str]) -> None:
    fixture = Path(__file__).parent / "fixtures" / "tickets.jsonl"
    assert main(["report", str(fixture)]) == 0
    header = capsys.readouterr().out.splitlines()[2]
    assert header.startswith("judged against playbook ")
    assert "built-in demo shop" in header and "Europe/Warsaw" in header


def test_problem_lists_are_bounded_but_counts_complete(tmp_path: Path) -> None:
    path = tmp_path / "t.jsonl"
    path.write_text("{}\n" * 1500, encoding="utf-8")
    summary = _summary(path)
    assert summary.refused == 1500 and len(summary.problems) == 1000
    assert summary.problem_limit == 1000


# Zendesk: fields in shapes the API does not document are problems, never AttributeError.

ZD_TICKET = {
    "id": 1,
    "created_at": "2026-11-23T08:00:00Z",
    "status": "open",
    "via": {"channel": "web"},
    "tags": ["vip"],
}


def test_zendesk_via_as_a_string_and_tags_as_a_string() -> None:
    raw = dict(ZD_TICKET, via="web", tags="vip")
    ((_, ticket, _),) = iter_zendesk({"tickets": [raw]})
    assert isinstance(ticket, Ticket)
    assert ticket.tags == frozenset({"vip"})  # not {"v", "i", "p"}


def test_zendesk_deep_nesting_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "zd.json"
    path.write_text('{"tickets": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    with pytest.raises(InvalidInputError, match="nested too deeply"):
        read_export(path)


def test_jsonl_deep_nesting_is_a_refused_row(tmp_path: Path) -> None:
    path = tmp_path / "t.jsonl"
    path.write_text(_ticket(1).model_dump_json() + "\n" + "[" * 100_000 + "\n", encoding="utf-8")
    read = read_export(path)
    assert len(read.tickets) == 1 and [p.line for p in read.problems] == [2]


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=6,
)


@settings(max_examples=150, deadline=None)
@given(
    field=st.sampled_from(
        ["id", "created_at", "status", "via", "tags", "priority", "subject", "requester_id"]
    ),
    value=JSON_VALUES,
    part=st.sampled_from(["ticket", "users", "audits", "metric"]),
)
def test_zendesk_any_shape_gives_a_ticket_or_a_problem(field: str, value: Any, part: str) -> None:
    ticket = dict(ZD_TICKET, **{field: value})
    document: dict[str, Any] = {"tickets": [ticket]}
    if part == "users":
        document["users"] = [{"id": value, "role": value, "locale": value}]
    elif part == "audits":
        document["audits"] = [
            {"ticket_id": 1, "created_at": value, "events": [{"type": "Comment", "id": value}]}
        ]
    elif part == "metric":
        document["ticket_metric_events"] = [{"ticket_id": 1, "time": value, "metric": value}]
    try:
        rows = list(iter_zendesk(json.loads(json.dumps(document))))
    except InvalidInputError:
        return  # a malformed side list is one clear error for the document
    assert len(rows) == 1
    assert isinstance(rows[0].item, Ticket | RowProblem)


def test_csv_mapping_still_applies_when_streaming(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("Ticket,Created\nA,2026-11-23T09:00:00Z\n", encoding="utf-8")
    mapping = CsvMapping.parse("id=Ticket,created_at=Created")
    assert [r.item.id for r in Export(path, mapping)] == ["A"]  # type: ignore[union-attr]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="ab\n\r\u2028é", max_size=6), max_size=6))
def test_lines_split_on_newline_bytes_only_and_lose_nothing(parts: list[str]) -> None:
    import io

    from cxcore.report._lines import Lines

    data = "\n".join(parts)
    lines = list(Lines(io.BytesIO(data.encode("utf-8"))))
    assert "".join(line.text or "" for line in lines) == data
    assert [line.number for line in lines] == list(range(1, len(lines) + 1))
    assert all(line.text is not None and "\n" not in line.text[:-1] for line in lines)


def test_lines_are_for_json_lines_only(tmp_path: Path) -> None:
    from cxcore.report import Export

    path = tmp_path / "t.csv"
    path.write_text("id,created_at\n1,2026-11-23T08:00:00Z\n", encoding="utf-8")
    with pytest.raises(InvalidInputError, match="not JSON lines"):
        list(Export(path).lines())


def test_undecodable_lines_are_refused_by_number_on_the_lean_path(tmp_path: Path) -> None:
    from cxcore.report import Export
    from cxcore.report.accumulator import ReportAccumulator
    from cxcore.sla import CalendarTime, SlaPolicy

    good = (
        '{"id":"T-1","customer":{"id":"C"},"channel":"email","created_at":"2026-11-23T09:00:00Z"}\n'
    )
    path = tmp_path / "t.jsonl"
    path.write_bytes(good.encode() + b'{"id":"T-2","subject":"\xff"}\n')
    acc = ReportAccumulator(
        policy=SlaPolicy(name="P"),
        calendar=CalendarTime(),
        at=datetime(2026, 11, 24, tzinfo=UTC),
        timezone="UTC",
    )
    acc.add_lines(Export(path).lines())
    summary = acc.result()
    assert (summary.tickets, summary.refused) == (1, 1)
    assert summary.problems[0].line == 2
    assert "not valid utf-8" in summary.problems[0].message
