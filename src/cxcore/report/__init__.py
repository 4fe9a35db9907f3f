"""Read ticket exports and summarise them: the engine behind ``cxcore report``.

Examples:
    >>> from cxcore.report import read_jsonl
    >>> read_jsonl([]).tickets
    ()
"""

from cxcore.report.readers import (
    CsvMapping,
    ReadResult,
    RowProblem,
    read_csv,
    read_export,
    read_jsonl,
)
from cxcore.report.zendesk import read_zendesk

__all__ = [
    "CsvMapping",
    "ReadResult",
    "RowProblem",
    "read_csv",
    "read_export",
    "read_jsonl",
    "read_zendesk",
]
