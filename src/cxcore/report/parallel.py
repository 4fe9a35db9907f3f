"""Reports over parts of a JSON-lines export, for several processes or machines.

A JSON-lines file splits into byte ranges at line ends (`split_export`); each part is
read by `accumulate_part` into a
[ReportAccumulator][cxcore.report.accumulator.ReportAccumulator], and the parts merge into the
report of the whole file. Parts know their first line number, so refused rows keep the line
numbers a single pass gives. Any engine that maps a function over items and folds the results
runs this: ``concurrent.futures`` (``cxcore report --jobs N``), Dask (``dask.bag``), Spark
(``mapPartitions`` with `accumulate_parts`, then ``reduce``). The merged summary equals the
single-process one exactly (percentiles included, while each metric stays under
``exact_limit``), provided no ticket id appears in two parts: a repeat across parts is counted
in ``duplicates`` when the parts merge, but both copies were measured.

Examples:
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> path = folder / "t.jsonl"
    >>> _ = path.write_text("{}\\n" * 10)
    >>> [(p.start, p.end, p.first_line) for p in split_export(path, 3)]
    [(0, 12, 1), (12, 21, 5), (21, 30, 8)]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from itertools import pairwise
from pathlib import Path
from typing import NamedTuple

from cxcore.errors import InvalidInputError
from cxcore.report._lines import Line, Lines
from cxcore.report.accumulator import ReportAccumulator
from cxcore.report.summary import LatestTime

__all__ = [
    "Part",
    "accumulate_part",
    "accumulate_parts",
    "latest_in_part",
    "merge_all",
    "open_part",
    "split_export",
]

_CHUNK = 1 << 20


class Part(NamedTuple):
    """Bytes ``start`` to ``end`` (exclusive) of ``path``, whose first line is ``first_line``."""

    path: str
    start: int
    end: int
    first_line: int


def split_export(path: str | Path, parts: int) -> list[Part]:
    """Cut a JSON-lines file into at most ``parts`` byte ranges, each ending after a ``\\n``
    (or at the end of the file)."""
    if isinstance(parts, bool) or not isinstance(parts, int) or parts < 1:
        raise InvalidInputError(f"parts must be a whole number >= 1, got {parts!r}")
    path = Path(path)
    size = path.stat().st_size
    cuts = [0]
    found: list[Part] = []
    with path.open("rb") as stream:
        for index in range(1, parts):
            target = size * index // parts
            if target <= cuts[-1]:
                continue
            stream.seek(target - 1)
            stream.readline()  # to the end of the line holding byte target - 1
            cut = stream.tell()
            if cuts[-1] < cut < size:
                cuts.append(cut)
        cuts.append(size)
        line = 1
        for start, end in pairwise(cuts):
            found.append(Part(str(path), start, end, line))
            stream.seek(start)
            remaining = end - start
            while remaining:
                chunk = stream.read(min(_CHUNK, remaining))
                line += chunk.count(b"\n")
                remaining -= len(chunk)
    return found


@contextmanager
def open_part(part: Part, encoding: str = "utf-8") -> Iterator[Lines]:
    """The lines of one part, numbered as in the whole file; ``bytes_read`` follows the
    position for progress reports.

    Examples:
        >>> import tempfile, pathlib
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "t.jsonl"
        >>> _ = path.write_text("{}\\n" * 4)
        >>> with open_part(split_export(path, 2)[1]) as lines:
        ...     [line.number for line in lines]
        [3, 4]
    """
    with open(part.path, "rb") as stream:
        stream.seek(part.start)
        yield Lines(stream, encoding, first_line=part.first_line, start=part.start, end=part.end)


def _part_lines(part: Part, encoding: str) -> Iterator[Line]:
    with open_part(part, encoding) as lines:
        yield from lines


def accumulate_part(
    part: Part, make: Callable[[], ReportAccumulator], encoding: str = "utf-8"
) -> ReportAccumulator:
    """Read one part of a JSON-lines export into a fresh accumulator from ``make``."""
    acc = make()
    acc.add_lines(_part_lines(part, encoding))
    return acc


def accumulate_parts(
    parts: Iterable[Part], make: Callable[[], ReportAccumulator], encoding: str = "utf-8"
) -> list[ReportAccumulator]:
    """Read every part of one engine partition, in order, into one accumulator: a list holding
    it, or an empty list when the partition has no parts (a ticket id repeated across these
    parts is refused as in a single pass). This is the shape Spark's ``mapPartitions``
    and Dask's ``map_partitions`` call for (bind ``make`` with ``functools.partial``).

    Examples:
        >>> import tempfile, pathlib
        >>> from functools import partial
        >>> from cxcore.sla import CalendarTime, SlaPolicy
        >>> from datetime import UTC, datetime
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "t.jsonl"
        >>> _ = path.write_text("{}\\n" * 4)
        >>> make = partial(ReportAccumulator, policy=SlaPolicy(name="P"),
        ...                calendar=CalendarTime(), at=datetime(2027, 1, 1, tzinfo=UTC),
        ...                timezone="UTC")
        >>> [acc.refused for acc in accumulate_parts(split_export(path, 2), make)]
        [4]
        >>> accumulate_parts([], make)
        []
    """
    acc: ReportAccumulator | None = None
    for part in parts:
        acc = acc or make()
        acc.add_lines(_part_lines(part, encoding))
    return [] if acc is None else [acc]


def latest_in_part(part: Part, encoding: str = "utf-8") -> datetime | None:
    """The latest creation or event time in one part (see
    [latest_time][cxcore.report.summary.latest_time]); take the latest over the parts."""
    scan = LatestTime()
    scan.add_lines(_part_lines(part, encoding))
    return scan.at


def merge_all(accumulators: Iterable[ReportAccumulator]) -> ReportAccumulator:
    """Merge accumulators in order (at least one).

    Examples:
        >>> merge_all([])
        Traceback (most recent call last):
        ...
        cxcore.errors.InvalidInputError: nothing to merge: no parts were read
    """
    merged: ReportAccumulator | None = None
    for acc in accumulators:
        merged = acc if merged is None else merged.merge(acc)
    if merged is None:
        raise InvalidInputError("nothing to merge: no parts were read")
    return merged
