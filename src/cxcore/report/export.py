"""Open an export file and stream its tickets, whatever the format: the reader behind
``cxcore report``.

`Export` reads the file as bytes, split on ``\\n`` only (see
the private ``_lines`` module), in the ``encoding`` given (UTF-8 by default; a UTF-8
byte-order mark is skipped). A line that cannot be decoded is a refused row with its line
number and byte offset, like any other bad row: the rest of the file is still read. A file that
is not text in that encoding at all (a UTF-16 byte-order mark, a decode error inside a Zendesk
document) is an [InvalidInputError][cxcore.errors.InvalidInputError] naming the line and
byte. Iterating an export twice reads the file twice; memory does not grow with its size
(except for a vendor's JSON document, which is one value and is parsed whole).

Formats (`FORMATS`): cxcore JSON lines, CSV with a column map, and the JSON documents
of Zendesk's incremental export, Freshdesk, HubSpot and Gorgias (see
[vendors][cxcore.report.vendors]). ``format=None`` decides by the file name, then the
content: a JSON document is recognised by its top-level shape.

Examples:
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> (folder / "t.csv").write_bytes(b"id,created_at\\n1,2026-11-23T08:00:00Z\\n2,\\xff\\n")
    41
    >>> export = Export(folder / "t.csv")
    >>> [(row.line, type(row.item).__name__) for row in export], export.format
    ([(2, 'Ticket'), (3, 'RowProblem')], 'csv')
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from cxcore.errors import InvalidInputError
from cxcore.report._lines import Line, Lines, check_encoding
from cxcore.report.readers import CsvMapping, ReadResult, Row, collect, iter_csv, iter_jsonl
from cxcore.report.vendors import VENDORS
from cxcore.report.zendesk import iter_zendesk

__all__ = ["FORMATS", "Export", "read_export"]

FORMATS = ("jsonl", "csv", "zendesk", "freshdesk", "hubspot", "gorgias")
"""Export formats ``Export`` reads (``format=None`` detects one from the name and content;
``format`` is then ``document`` for a vendor's JSON document until it is read)."""


class Export:
    """An export file to stream [Row][cxcore.report.readers.Row] values from (re-iterable).

    ``bytes_read`` and ``size`` say how far the current pass has got, for progress reports.
    """

    def __init__(
        self,
        path: str | Path,
        mapping: CsvMapping | None = None,
        encoding: str = "utf-8",
        format: str | None = None,
    ) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise InvalidInputError(f"no such export file: {self.path}")
        self.mapping = mapping or CsvMapping()
        self.encoding = check_encoding(encoding)
        if format is not None and format not in FORMATS:
            raise InvalidInputError(f"unknown export format {format!r}; use {', '.join(FORMATS)}")
        self.format = format or self._detect()
        self.size = self.path.stat().st_size
        self.bytes_read = 0
        self._lines: Lines | None = None

    def _detect(self) -> str:
        suffix = self.path.suffix.lower()
        if suffix == ".csv":
            return "csv"
        if suffix in (".jsonl", ".ndjson"):
            return "jsonl"
        if suffix == ".json":
            return "document"
        with self.path.open("rb") as stream:
            first = b""
            for raw in stream:
                first = raw.strip().lstrip(b"\xef\xbb\xbf")
                if first:
                    break
        if first.startswith(b"["):
            return "document"
        if not first.startswith(b"{"):
            return "csv"
        try:
            value = json.loads(first)
        except (ValueError, RecursionError):
            return "document"  # one JSON document spread over lines
        return "document" if not isinstance(value, dict) or _vendor(value, None) else "jsonl"

    def __iter__(self) -> Iterator[Row]:
        self.bytes_read = 0
        with self.path.open("rb") as stream:
            if self.format not in ("csv", "jsonl"):
                document = self._document(stream.read())
                kind = self.format if self.format != "document" else _vendor(document)
                assert kind is not None
                reader = iter_zendesk if kind == "zendesk" else VENDORS[kind]
                yield from reader(document)
                self.bytes_read = self.size
                return
            lines = self._lines = Lines(stream, self.encoding)
            if self.format == "csv":
                yield from iter_csv(lines, self.mapping)
            else:
                yield from iter_jsonl(lines)
            self.bytes_read = self.size

    def lines(self) -> Iterator[Line]:
        """The physical lines of a JSON-lines export, for
        [ReportAccumulator.add_lines][cxcore.report.accumulator.ReportAccumulator.add_lines],
        which reads them faster than the rows of iterating the export."""
        if self.format != "jsonl":
            raise InvalidInputError(f"{self.path} is {self.format}, not JSON lines")
        self.bytes_read = 0
        with self.path.open("rb") as stream:
            self._lines = Lines(stream, self.encoding)
            yield from self._lines
        self.bytes_read = self.size

    def progress(self) -> int:
        """Bytes read so far in the current pass."""
        return self._lines.bytes_read if self._lines is not None else self.bytes_read

    def _document(self, data: bytes) -> Any:
        encoding = "utf-8-sig" if self.encoding == "utf-8" else self.encoding
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            raise InvalidInputError(
                f"{self.path}: line {line} (byte {exc.start}) is not valid {self.encoding}; "
                "pass --encoding"
            ) from None
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise InvalidInputError(
                f"{self.path}: not JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
            ) from None
        except RecursionError:
            raise InvalidInputError(
                f"{self.path}: JSON nested too deeply to be a Zendesk export"
            ) from None


def _vendor(document: Any, default: str | None = "error") -> str | None:
    """Which vendor's export ``document`` is, by its documented top-level shape."""
    if isinstance(document, dict):
        for key, vendor in (("tickets", "zendesk"), ("results", "hubspot"), ("data", "gorgias")):
            if isinstance(document.get(key), list):
                return vendor
    elif isinstance(document, list):
        return "freshdesk"
    if default is None:
        return None
    raise InvalidInputError(
        "a JSON document that is no known export: expected Zendesk ({'tickets': [...]}), "
        "HubSpot ({'results': [...]}), Gorgias ({'data': [...]}) or Freshdesk ([...]); "
        "pass --source to say which"
    )


def read_export(
    path: str | Path, mapping: CsvMapping | None = None, encoding: str = "utf-8"
) -> ReadResult:
    """Read a whole export into memory (see `Export` to stream one).

    ``.csv`` is CSV; ``.jsonl``/``.ndjson`` is cxcore JSON lines; a JSON document holding an
    object with ``tickets`` is a Zendesk incremental export; other text starting with ``{`` is
    JSON lines, anything else CSV.
    """
    return collect(Export(path, mapping, encoding))
