"""Read ticket exports and summarise them: the engine behind ``cxcore report``.

Examples:
    >>> from cxcore.report import read_jsonl
    >>> read_jsonl([]).tickets
    ()
"""

from cxcore.report.export import Export, read_export
from cxcore.report.readers import (
    CsvMapping,
    ReadResult,
    RowProblem,
    iter_csv,
    iter_jsonl,
    read_csv,
    read_jsonl,
)
from cxcore.report.zendesk import iter_zendesk, read_zendesk

__all__ = [
    "CsvMapping",
    "Export",
    "ReadResult",
    "RowProblem",
    "iter_csv",
    "iter_jsonl",
    "iter_zendesk",
    "read_csv",
    "read_export",
    "read_jsonl",
    "read_zendesk",
]
