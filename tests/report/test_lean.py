"""The report's lean path agrees with the Ticket model and the library's own definitions.

The lean reader must never accept a line the model refuses, and must accept every line the
model writes; the lean measurer must give the record `measure_ticket` gives (SLA states from
``evaluate``, timing from ``ticket_timing``, the quality tests and the breakdown fields).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cxcore.errors import CxError
from cxcore.playbook import builtin_playbook
from cxcore.report._lean import LineReader
from cxcore.report._measure import LeanMeasurer, measure_ticket
from cxcore.report.accumulator import ReportAccumulator
from cxcore.report.readers import iter_jsonl
from cxcore.sla import BusinessCalendar, CalendarTime, SlaPolicy
from cxcore.tickets import Ticket
from tests.sla.timelines import conversations
from tests.strategies import tickets

PLAYBOOK = builtin_playbook()
CALENDAR = PLAYBOOK.sla_calendar()
CHANNELS = {c: PLAYBOOK.channel_calendar(c) for c in PLAYBOOK.channels}
POLICY = PLAYBOOK.sla.policy
WALL_POLICY = SlaPolicy.model_validate(
    {
        "name": "wall",
        "rules": [
            {
                "name": "all",
                "targets": {
                    "first_reply": {"duration": "2h", "business_hours": False},
                    "next_reply": {"duration": "4h", "business_hours": False},
                    "periodic_update": {"duration": "1d", "business_hours": False},
                    "resolution": {"duration": "3d", "business_hours": False},
                },
            },
            {
                "name": "tagged",
                "when": {"path": "ticket.tags", "contains": "vip"},
                "targets": {"first_reply": {"duration": "30m", "business_hours": False}},
            },
        ],
    }
)
# (policy, calendar, per-channel calendars, timing calendar)
SETTINGS = [
    (POLICY, CALENDAR, CHANNELS, None),
    (POLICY, CALENDAR, {}, CALENDAR),
    (WALL_POLICY, CalendarTime(), {}, None),
]
PROFILE = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check_same(ticket: Ticket, at: datetime, setting: int, use_msgspec: bool) -> None:
    policy, calendar, channels, timing = SETTINGS[setting]
    lean = LineReader(use_msgspec=use_msgspec).read(ticket.model_dump_json())
    assert lean is not None, "the lean reader refused a line the model wrote"
    measurer = LeanMeasurer.for_settings(policy, calendar, channels, timing, at)
    assert measurer is not None
    expected = measure_ticket(ticket, policy, channels.get(ticket.channel, calendar), timing, at)
    got = measurer.measure(lean)
    assert got.created == expected.created  # equal instants; the tzinfo object may differ
    got.created = expected.created
    assert got == expected


READERS = pytest.mark.parametrize("use_msgspec", [True, False], ids=["msgspec", "json"])


@READERS
@PROFILE
@given(ticket=tickets(), ahead=st.integers(0, 20 * 86_400), setting=st.integers(0, 2))
def test_lean_measure_equals_the_library_definitions(
    use_msgspec: bool, ticket: Ticket, ahead: int, setting: int
) -> None:
    at = ticket.created_at.astimezone(UTC) + timedelta(seconds=ahead)
    _check_same(ticket, at, setting, use_msgspec)


@READERS
@PROFILE
@given(ticket=conversations(), ahead=st.integers(0, 12 * 86_400), setting=st.integers(0, 2))
def test_lean_measure_equals_on_conversations(
    use_msgspec: bool, ticket: Ticket, ahead: int, setting: int
) -> None:
    at = ticket.created_at.astimezone(UTC) + timedelta(seconds=ahead)
    _check_same(ticket, at, setting, use_msgspec)


@READERS
@pytest.mark.parametrize(
    ("reply_at", "state"),
    [
        # 16:00 to 17:00 is the hour of open time: the goal is reached at the reply itself.
        (datetime(2026, 5, 4, 17, tzinfo=UTC), "achieved"),
        # The same hour of open time, but the goal was reached at 17:00, before the reply.
        (datetime(2026, 5, 5, 9, tzinfo=UTC), "breached"),
        (datetime(2026, 5, 5, 9, 1, tzinfo=UTC), "breached"),
        (datetime(2026, 5, 4, 16, 59, tzinfo=UTC), "achieved"),
    ],
)
def test_open_time_exactly_at_the_goal(use_msgspec: bool, reply_at: datetime, state: str) -> None:
    """The lean measurer calls an instance breached when its goal was reached before the end,
    as ``evaluate`` does: elapsed open time equal to the goal is breached only if the calendar
    closed between the goal and the reply."""
    calendar = BusinessCalendar(timezone="UTC")  # Monday to Friday, 09:00 to 17:00
    policy = SlaPolicy.model_validate(
        {"name": "P", "rules": [{"name": "all", "targets": {"first_reply": "1h"}}]}
    )
    created = datetime(2026, 5, 4, 16, tzinfo=UTC)
    ticket = Ticket.model_validate(
        {
            "id": "T-1",
            "customer": {"id": "C-1"},
            "channel": "email",
            "created_at": created,
            "events": [
                {
                    "kind": "message",
                    "at": reply_at,
                    "message": {
                        "id": "M-1",
                        "author_role": "agent",
                        "channel": "email",
                        "body": "Hello",
                        "at": reply_at,
                    },
                }
            ],
        }
    )
    at = datetime(2026, 6, 1, tzinfo=UTC)
    lean = LineReader(use_msgspec=use_msgspec).read(ticket.model_dump_json())
    assert lean is not None
    measurer = LeanMeasurer.for_settings(policy, calendar, {}, None, at)
    assert measurer is not None
    got = measurer.measure(lean)
    expected = measure_ticket(ticket, policy, calendar, None, at)
    assert [(m.value, s.value) for m, s in got.sla] == [("first_reply", state)]
    assert got.sla == expected.sla


_ODD_VALUES: list[Any] = [
    None,
    1,
    1.5,
    True,
    "",
    "x",
    [],
    {},
    ["vip"],
    "2026-05-04T09:00:00",
    # times both parsers read, and times only one of them reads or reads differently
    "2026-05-04t09:00:00z",
    "2026-05-04 09:00:00+02:00",
    "2026-05-04T09:00Z",
    "2026-05-04T09:00:00.1234567Z",
    "2026-05-04T09:00:00,5Z",
    "2026-05-04T09:00:00+0200",
    "2026-05-04T09:00:00-00:00",
]


@st.composite
def mutated(draw: st.DrawFn) -> Any:
    """A ticket's JSON with one thing changed somewhere: a key dropped, added or retyped, an
    event moved, a time without its offset, a message id reused."""
    doc = json.loads(draw(tickets(max_events=6)).model_dump_json())
    spots: list[tuple[Any, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                spots.append((node, key))
                walk(value)
        elif isinstance(node, list):
            for index, value in enumerate(node):
                spots.append((node, index))
                walk(value)

    walk(doc)
    how = draw(st.sampled_from(["drop", "add", "set", "swap", "reuse", "naive"]))
    if how == "swap" and len(doc["events"]) >= 2:
        i, j = draw(st.permutations(range(len(doc["events"]))))[:2]
        doc["events"][i], doc["events"][j] = doc["events"][j], doc["events"][i]
    elif how == "reuse":
        ids = [e["message"]["id"] for e in doc["events"] if e["kind"] == "message"]
        if len(ids) >= 2:
            for event in doc["events"]:
                if event["kind"] == "message":
                    event["message"]["id"] = ids[0]
    elif how == "naive":
        doc["created_at"] = doc["created_at"][:19]
    else:
        parent, key = draw(st.sampled_from(spots))
        if how == "drop" and isinstance(parent, dict):
            del parent[key]
        elif how == "add" and isinstance(parent, dict):
            parent["colour"] = "blue"
        else:
            parent[key] = draw(st.sampled_from(_ODD_VALUES))
    return doc


@READERS
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=mutated())
def test_lean_reader_never_accepts_what_the_model_refuses(use_msgspec: bool, doc: Any) -> None:
    line = json.dumps(doc)
    lean = LineReader(use_msgspec=use_msgspec).read(line)
    if lean is None:
        return
    ticket = Ticket.model_validate_json(line)  # must not raise
    at = datetime(2031, 1, 1, tzinfo=UTC)
    measurer = LeanMeasurer.for_settings(POLICY, CALENDAR, CHANNELS, None, at)
    assert measurer is not None
    got = measurer.measure(lean)
    got.created = ticket.created_at
    assert got == measure_ticket(ticket, POLICY, CHANNELS.get(ticket.channel, CALENDAR), None, at)


@pytest.mark.parametrize(
    "line",
    [
        '{"id":"T","customer":{"id":"C"},"channel":["email"],"created_at":"2026-01-01T00:00:00Z"}',
        '{"id":"T","customer":{"id":"C"},"channel":"email","created_at":"2026-01-01T00:00:00"}',
        '{"id":"","customer":{"id":"C"},"channel":"email","created_at":"2026-01-01T00:00:00Z"}',
        '{"id":"T","customer":{"id":"C","email":"nope"},"channel":"email",'
        '"created_at":"2026-01-01T00:00:00Z"}',
        '{"id":"T","customer":{"id":"C","timezone":"Mars/Base"},"channel":"email",'
        '"created_at":"2026-01-01T00:00:00Z"}',
        '{"id":"T","customer":{"id":"C","locale":"xx-YY-bad!"},"channel":"email",'
        '"created_at":"2026-01-01T00:00:00Z"}',
        '{"id":"T","customer":{"id":"C"},"channel":"email","created_at":"2026-01-01T00:00:00Z",'
        '"events":[{"kind":"status","at":"2025-12-31T23:59:00Z","status":"open"}]}',
        '{"id":"T","customer":{"id":"C"},"channel":"email","created_at":"2026-01-01T00:00:00Z",'
        '"events":[{"kind":"message","at":"2026-01-01T01:00:00Z","message":{"id":"M",'
        '"author_role":"agent","channel":"email","body":"","at":"2026-01-01T02:00:00Z"}}]}',
        '{"id":"T","customer":{"id":"C"},"channel":"email","created_at":"2026-01-01T00:00:00Z",'
        '"events":[{"kind":"status","at":"2026-01-01T01:00:00Z","status":"closed"},'
        '{"kind":"status","at":"2026-01-01T02:00:00Z","status":"open"}]}',
    ],
)
def test_refused_lines_get_the_models_message(line: str) -> None:
    """Every one of these is invalid: the lean reader steps aside and the model explains."""
    assert LineReader(use_msgspec=True).read(line) is None
    assert LineReader(use_msgspec=False).read(line) is None
    with pytest.raises(CxError):
        Ticket.model_validate_json(line)
    at = datetime(2027, 1, 1, tzinfo=UTC)
    acc = ReportAccumulator(policy=POLICY, calendar=CALENDAR, at=at, timezone="UTC")
    acc.add_line(4, line)
    slow = ReportAccumulator(policy=POLICY, calendar=CALENDAR, at=at, timezone="UTC")
    slow.update(iter_jsonl(["", "", "", line]))
    assert acc.result() == slow.result()
    assert acc.result().problems[0].line == 4


def test_unsupported_condition_paths_use_the_ticket_way() -> None:
    policy = SlaPolicy.model_validate(
        {
            "name": "P",
            "rules": [
                {
                    "name": "solved",
                    "when": {"path": "ticket.status", "equals": "solved"},
                    "targets": {"first_reply": "1h"},
                }
            ],
        }
    )
    at = datetime(2027, 1, 1, tzinfo=UTC)
    assert LeanMeasurer.for_settings(policy, CALENDAR, {}, None, at) is None
    assert LeanMeasurer.for_settings(POLICY, CALENDAR, CHANNELS, None, at) is not None


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batch=st.lists(tickets(max_events=6), min_size=1, max_size=8), by=st.booleans())
def test_lines_and_rows_give_the_same_report(batch: list[Ticket], by: bool) -> None:
    lines = [t.model_dump_json() for t in batch] + [batch[0].model_dump_json(), "{", ""]
    at = datetime(2031, 1, 1, tzinfo=UTC)
    groups = ("tag", "agent", "locale", "segment", "priority", "status") if by else ()

    def make() -> ReportAccumulator:
        return ReportAccumulator(
            policy=POLICY,
            calendar=CALENDAR,
            channel_calendars=CHANNELS,
            at=at,
            timezone="Europe/Warsaw",
            by=groups,
        )

    fast, slow = make(), make()
    for number, line in enumerate(lines, start=1):
        if line:
            fast.add_line(number, line)
    slow.update(iter_jsonl(lines))
    assert fast.result().model_dump_json() == slow.result().model_dump_json()


def test_the_standard_library_decoder_gives_the_same_report(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without the ``fast`` extra the lean path decodes with ``json.loads``."""
    import cxcore.report._lean as lean_module

    real = lean_module._line_reader
    monkeypatch.setattr(lean_module, "_line_reader", lambda use: real(False))
    line = (
        '{"id":"T","customer":{"id":"C","segment":"vip"},"channel":"email",'
        '"created_at":"2026-01-01T09:00:00Z","events":[{"kind":"message",'
        '"at":"2026-01-01T10:00:00Z","message":{"id":"M","author_role":"agent",'
        '"channel":"email","body":"Hi","at":"2026-01-01T10:00:00Z"}}]}'
    )
    at = datetime(2027, 1, 1, tzinfo=UTC)
    acc = ReportAccumulator(policy=POLICY, calendar=CALENDAR, at=at, timezone="UTC")
    acc.add_line(1, line)
    assert acc._lean is not None and type(acc._lean.lines.read(line).source) is dict
    slow = ReportAccumulator(policy=POLICY, calendar=CALENDAR, at=at, timezone="UTC")
    slow.update(iter_jsonl([line]))
    assert acc.result() == slow.result()
    assert acc.result().tickets == 1


@READERS
def test_a_surrogate_escape_goes_to_the_model(use_msgspec: bool) -> None:
    """json.loads accepts a lone surrogate escape that the model's JSON parser refuses: such
    a line is the model's to judge, whichever decoder is installed."""
    line = (
        '{"id":"T","customer":{"id":"C"},"channel":"email",'
        '"created_at":"2026-01-01T09:00:00Z","subject":"\\ud800"}'
    )
    assert LineReader(use_msgspec=use_msgspec).read(line) is None
    at = datetime(2027, 1, 1, tzinfo=UTC)
    acc = ReportAccumulator(policy=POLICY, calendar=CALENDAR, at=at, timezone="UTC")
    acc.add_line(1, line)
    assert (acc.tickets, acc.refused) == (0, 1)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batch=st.lists(tickets(max_events=5), min_size=1, max_size=6))
def test_the_latest_time_is_the_same_either_way(batch: list[Ticket]) -> None:
    from cxcore.report.summary import LatestTime, latest_time

    lines = [t.model_dump_json() for t in batch]
    scan = LatestTime()
    for number, line in enumerate(lines, start=1):
        scan.add_line(number, line)
    expected = latest_time(iter_jsonl(lines))
    assert expected is not None and scan.at is not None
    assert scan.at == expected and scan.at.utcoffset() == expected.utcoffset()


def test_seven_digits_after_a_dot_anywhere_send_the_line_to_the_model() -> None:
    """msgspec rounds a time's fraction of more than six digits where the model cuts it, so
    the msgspec reader steps aside from any line with a dot before seven digits: a time's
    fraction, and also a body such as "v1.2345678", which the model then reads the same."""
    line = (
        '{"id":"T","customer":{"id":"C"},"channel":"email",'
        '"created_at":"2026-01-01T09:00:00Z","subject":"app v1.2345678 crashes"}'
    )
    assert LineReader(use_msgspec=True).read(line) is None
    assert LineReader(use_msgspec=True).read(line.replace("1.2345678", "1.234567")) is not None
    at = datetime(2027, 1, 1, tzinfo=UTC)
    acc = ReportAccumulator(policy=POLICY, calendar=CALENDAR, at=at, timezone="UTC")
    acc.add_line(1, line)
    slow = ReportAccumulator(policy=POLICY, calendar=CALENDAR, at=at, timezone="UTC")
    slow.update(iter_jsonl([line]))
    assert acc.result() == slow.result()
    assert acc.result().tickets == 1
