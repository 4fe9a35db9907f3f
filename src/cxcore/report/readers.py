"""Readers for ticket exports: cxcore JSON lines and CSV with a column mapping.

Every reader returns a [`ReadResult`][cxcore.report.ReadResult]: the tickets it could build
and, for every row it could not use, a [`RowProblem`][cxcore.report.RowProblem] with the line number
and the reason. Rows with impossible data (a reply before creation, resolution before the first
reply, an unparseable or naive date) are reported, never silently used or repaired.

Examples:
    >>> import io
    >>> export = io.StringIO(
    ...     "id,created,channel,first_reply,solved\\n"
    ...     "T-1,2026-11-23T09:00:00+01:00,email,"
    ...     "2026-11-23T09:40:00+01:00,2026-11-23T11:00:00+01:00\\n"
    ...     "T-2,2026-11-23T10:00:00+01:00,email,2026-11-23T09:00:00+01:00,\\n"
    ... )
    >>> mapping = CsvMapping.parse("created_at=created,first_reply_at=first_reply,solved_at=solved")
    >>> result = read_csv(export, mapping)
    >>> [t.id for t in result.tickets], [(p.line, p.message[:30]) for p in result.problems]
    (['T-1'], [(3, 'first reply 2026-11-23T09:00:0')])
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime, tzinfo
from types import MappingProxyType
from typing import IO, NamedTuple

from dateutil.parser import isoparse
from pydantic import Field

from cxcore._model import CxModel, ReadOnlyDict
from cxcore._time import get_zone
from cxcore.errors import CxError, InvalidInputError
from cxcore.report._lines import Line
from cxcore.tickets import (
    AuthorRole,
    Channel,
    Customer,
    Message,
    MessageAdded,
    Priority,
    StatusChange,
    Ticket,
    TicketStatus,
)

__all__ = [
    "CsvMapping",
    "ReadResult",
    "Row",
    "RowProblem",
    "collect",
    "iter_csv",
    "iter_jsonl",
    "parse_time",
    "read_csv",
    "read_jsonl",
    "ticket_from_row",
]


class RowProblem(CxModel):
    """A row of an export that could not be used, with its line number (1-based) and why.

    Examples:
        >>> RowProblem(line=7, message="unparseable date 'yesterday'").line
        7
    """

    line: int
    message: str


NO_FIELDS: Mapping[str, str] = MappingProxyType({})


class Row(NamedTuple):
    """One data row of an export as a reader streams it: its line number (1-based; for a
    Zendesk document the position in ``tickets``), the ``Ticket`` or the ``RowProblem``, and
    the row's other fields by name (CSV columns; a vendor's brand, group and agent), which
    ``--by FIELD`` breakdowns read.

    Examples:
        >>> Row(3, RowProblem(line=3, message="bad"), NO_FIELDS).line
        3
    """

    line: int
    item: Ticket | RowProblem
    fields: Mapping[str, str] = NO_FIELDS


class ReadResult(CxModel):
    """Tickets read from an export plus every row that was refused.

    Examples:
        >>> ReadResult(tickets=(), problems=(), rows=0).rows
        0
    """

    tickets: tuple[Ticket, ...]
    problems: tuple[RowProblem, ...]
    rows: int


CSV_FIELDS: dict[str, str] = {
    "id": "ticket id (required)",
    "created_at": "creation time, ISO 8601 (required)",
    "channel": "channel name (email, phone, live_chat, ...); default email",
    "priority": "low, normal, high or urgent; default normal",
    "status": "current status; default derived from solved_at",
    "customer_id": "requester id; default 'unknown'",
    "subject": "subject line",
    "tags": "tags separated by spaces or commas",
    "locale": "customer locale, e.g. pl-PL",
    "first_reply_at": "time of the first public agent reply",
    "solved_at": "time the ticket was solved",
}


class CsvMapping(CxModel):
    """Which CSV column holds which ticket field (cxcore field name -> CSV header).

    Unmapped fields are looked up under their own name. ``assume_timezone`` is used for dates
    without an offset; without it such dates are refused.

    Examples:
        >>> CsvMapping.parse("created_at=Created, id=Ticket ID").columns["id"]
        'Ticket ID'
    """

    columns: ReadOnlyDict[str, str] = Field(default_factory=dict)
    assume_timezone: str | None = None

    @classmethod
    def parse(cls, spec: str, assume_timezone: str | None = None) -> CsvMapping:
        """Parse ``field=Header,field=Header`` as given on the command line."""
        columns: dict[str, str] = {}
        for part in filter(None, (p.strip() for p in spec.split(","))):
            field, sep, header = part.partition("=")
            field = field.strip()
            if not sep or not header.strip():
                raise InvalidInputError(f"column mapping {part!r} is not field=Header")
            if field not in CSV_FIELDS:
                raise InvalidInputError(
                    f"unknown ticket field {field!r} in column mapping; known: "
                    + ", ".join(CSV_FIELDS)
                )
            columns[field] = header.strip()
        if assume_timezone is not None:
            get_zone(assume_timezone)
        return cls(columns=columns, assume_timezone=assume_timezone)

    def header(self, field: str) -> str:
        """The CSV header that holds ``field``."""
        return self.columns.get(field, field)


def parse_time(text: str, what: str, assume: tzinfo | None = None) -> datetime:
    """Parse an ISO 8601 time; a time without offset needs ``assume`` or is refused.

    Examples:
        >>> parse_time("2026-11-23T09:00:00Z", "created").isoformat()
        '2026-11-23T09:00:00+00:00'
    """
    try:
        value = isoparse(text.strip())
    except (ValueError, OverflowError):
        raise InvalidInputError(f"unparseable {what} {text!r}; use ISO 8601") from None
    if value.tzinfo is None:
        if assume is None:
            raise InvalidInputError(
                f"{what} {text!r} has no offset; give one or pass an assumed time zone"
            )
        value = value.replace(tzinfo=assume)
    return value


def _numbered(lines: Iterable[str | Line]) -> Iterator[tuple[int, str | None, str]]:
    for number, line in enumerate(lines, start=1):
        if isinstance(line, Line):
            yield line.number, line.text, line.problem or ""
        else:
            yield number, line, ""


def _problem(number: int, message: str) -> Row:
    return Row(number, RowProblem(line=number, message=message))


def iter_jsonl(lines: Iterable[str | Line]) -> Iterator[Row]:
    """Stream cxcore tickets from JSON lines: a [Row][cxcore.report.readers.Row] per non-blank
    line. ``lines`` are strings (numbered from 1) or ``Line`` values from a file.

    Examples:
        >>> [row.line for row in iter_jsonl(["", "[1]"])]
        [2]
    """
    for number, text, problem in _numbered(lines):
        if text is None:
            yield _problem(number, problem)
            continue
        if not text.strip():
            continue
        try:
            yield Row(number, Ticket.model_validate_json(text))
        except CxError as exc:
            yield _problem(number, str(exc).splitlines()[0])
        except RecursionError:
            yield _problem(number, "JSON nested too deeply to be a ticket")


def collect(rows: Iterable[Row]) -> ReadResult:
    """Gather streamed rows into one [ReadResult][cxcore.report.readers.ReadResult] (in
    memory).

    Examples:
        >>> collect(iter_jsonl(["{}"])).rows
        1
    """
    tickets: list[Ticket] = []
    problems: list[RowProblem] = []
    for _, item, _ in rows:
        if isinstance(item, RowProblem):
            problems.append(item)
        else:
            tickets.append(item)
    return ReadResult(
        tickets=tuple(tickets), problems=tuple(problems), rows=len(tickets) + len(problems)
    )


def read_jsonl(lines: Iterable[str | Line]) -> ReadResult:
    """Read cxcore tickets, one ``Ticket`` JSON document per line (blank lines skipped).

    Examples:
        >>> read_jsonl(["{}"]).problems[0].line
        1
    """
    return collect(iter_jsonl(lines))


def ticket_from_row(row: Mapping[str, str], mapping: CsvMapping) -> Ticket:
    """Build a ticket from one CSV-shaped row (field -> text, looked up through ``mapping``),
    refusing impossible data; the vendor readers build the same rows.

    Examples:
        >>> ticket_from_row({"id": "1", "created_at": "2026-11-23T08:00:00Z"}, CsvMapping()).status
        <TicketStatus.NEW: 'new'>
    """

    def get(field: str) -> str:
        return (row.get(mapping.header(field)) or "").strip()

    assume = get_zone(mapping.assume_timezone) if mapping.assume_timezone else None
    ticket_id = get("id")
    if not ticket_id:
        raise InvalidInputError(f"no ticket id in column {mapping.header('id')!r}")
    if not get("created_at"):
        raise InvalidInputError(f"no creation time in column {mapping.header('created_at')!r}")
    created = parse_time(get("created_at"), "creation time", assume)
    channel = Channel(get("channel") or "email")
    events: list[StatusChange | MessageAdded] = []
    first_reply = get("first_reply_at")
    reply_at = None
    if first_reply:
        reply_at = parse_time(first_reply, "first reply", assume)
        if reply_at < created:
            raise InvalidInputError(
                f"first reply {reply_at.isoformat()} is before creation {created.isoformat()}"
            )
        reply = Message(
            id=f"{ticket_id}-reply-1",
            author_role=AuthorRole.AGENT,
            channel=channel,
            body="",
            at=reply_at,
        )
        events.append(MessageAdded.of(reply))
    solved = get("solved_at")
    status_text = get("status")
    if solved:
        solved_at = parse_time(solved, "solved time", assume)
        if solved_at < created:
            raise InvalidInputError(
                f"solved {solved_at.isoformat()} is before creation {created.isoformat()}"
            )
        if reply_at is not None and solved_at < reply_at:
            raise InvalidInputError(
                f"solved {solved_at.isoformat()} is before the first reply {reply_at.isoformat()}"
            )
        final = TicketStatus(status_text) if status_text else TicketStatus.SOLVED
        if final not in (TicketStatus.SOLVED, TicketStatus.CLOSED):
            raise InvalidInputError(f"status {final} contradicts solved time {solved!r}")
        events.append(StatusChange(at=solved_at, status=final))
    elif status_text:
        status = TicketStatus(status_text)
        if status in (TicketStatus.SOLVED, TicketStatus.CLOSED):
            raise InvalidInputError(f"status {status} without a solved time")
        if status is not TicketStatus.NEW:
            events.append(StatusChange(at=reply_at or created, status=status))
    elif reply_at is not None:
        # No status column: a replied ticket is being worked on, not new.
        events.append(StatusChange(at=reply_at, status=TicketStatus.OPEN))
    tags = frozenset(t for t in get("tags").replace(",", " ").split() if t)
    return Ticket(
        id=ticket_id,
        customer=Customer(id=get("customer_id") or "unknown", locale=get("locale") or "en"),
        channel=channel,
        subject=get("subject"),
        priority=Priority(get("priority") or "normal"),
        tags=tags,
        created_at=created,
        events=tuple(sorted(events, key=lambda e: e.at)),
    )


def iter_csv(lines: Iterable[str | Line], mapping: CsvMapping | None = None) -> Iterator[Row]:
    """Stream a CSV export (first row is the header) with a column ``mapping``: a
    [Row][cxcore.report.readers.Row] per data row (its fields are the CSV columns).

    Line numbers count the header as line 1 and name the row's last physical line. Unknown
    enum values, missing required columns, unparseable or naive dates and impossible orders
    are row problems; a header without the required columns is an error.

    Examples:
        >>> rows = iter_csv(["id,created_at\\n", "1,2026-11-23T08:00:00Z\\n"])
        >>> [row.item.id for row in rows]
        ['1']
    """
    mapping = mapping or CsvMapping()
    state = {"line": 0}
    refused: list[Row] = []

    def texts() -> Iterator[str]:
        for number, text, problem in _numbered(lines):
            state["line"] = number
            if text is None:
                refused.append(_problem(number, problem))
                continue
            yield text

    reader = csv.DictReader(texts())
    try:
        header = reader.fieldnames
    except csv.Error as exc:
        raise InvalidInputError(f"CSV header on line {state['line']}: {exc}") from None
    yield from refused
    refused.clear()
    if header is None:
        return
    missing = [mapping.header(f) for f in ("id", "created_at") if mapping.header(f) not in header]
    if missing:
        raise InvalidInputError(
            "CSV header lacks required columns "
            + ", ".join(repr(m) for m in missing)
            + "; map them with --map field=Header"
        )
    while True:
        problem: Row | None = None
        row: dict[str, str] | None = None
        try:
            row = next(reader)
        except StopIteration:
            pass
        except csv.Error as exc:
            problem = _problem(state["line"], f"not CSV: {exc}")
        # Lines that could not be decoded come out in file order, before this row.
        yield from refused
        refused.clear()
        if problem is not None:
            yield problem
        elif row is None:
            return
        else:
            try:
                yield Row(state["line"], ticket_from_row(row, mapping), row)
            except (CxError, ValueError) as exc:
                yield _problem(state["line"], str(exc).splitlines()[0])


def read_csv(stream: IO[str] | Iterable[str], mapping: CsvMapping | None = None) -> ReadResult:
    """Read a CSV export (first row is the header) with a column ``mapping``; see
    `iter_csv`."""
    return collect(iter_csv(stream, mapping))
