"""Reading files a caller names, with a size cap checked before the content is read.

A path can name something endless (``/dev/zero``, a FIFO) or simply huge; reading it whole
would run until memory runs out. `read_capped` reads at most one byte past the cap and
refuses the file if that byte exists.

Examples:
    >>> read_capped("/dev/zero", "catalog file", 16)
    Traceback (most recent call last):
    ...
    cxcore.errors.LimitExceededError: /dev/zero: the catalog file is larger than the cap of 16 bytes
"""

from __future__ import annotations

from os import PathLike
from pathlib import Path

from cxcore.errors import LimitExceededError

__all__ = ["MAX_FILE_BYTES", "read_capped"]

MAX_FILE_BYTES = 4_000_000
"""The largest catalog or policy file read (4 MB); split a larger catalog into several files."""


def read_capped(path: str | PathLike[str], what: str, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of ``path``, or [LimitExceededError][cxcore.errors.LimitExceededError] when it
    holds more than ``limit`` bytes. ``OSError`` (a missing file...) passes through for the
    caller to word."""
    with Path(path).open("rb") as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise LimitExceededError(f"{path}: the {what} is larger than the cap of {limit} bytes")
    return data
