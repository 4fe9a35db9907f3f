"""Physical lines of an export, read as bytes and split on ``\\n`` only.

``str.splitlines`` also splits on U+2028, U+0085 and other separators that JSON allows inside
strings, which cut tickets in two. Here a line ends at the byte ``\\n`` and nowhere else; each
line is decoded on its own, so one line in another encoding is reported as that line (number and
byte offset) instead of aborting the file. Encodings whose ``\\n`` is not the single byte 0x0A
(UTF-16, UTF-32) are decoded as a stream and split on ``"\\n"`` only.

Examples:
    >>> import io
    >>> lines = Lines(io.BytesIO(b'{"s": "a\\xe2\\x80\\xa8b"}\\n\\xff\\n'))
    >>> [(line.number, line.offset, line.text) for line in lines]
    [(1, 0, '{"s": "a\\u2028b"}\\n'), (2, 15, None)]
    >>> list(Lines(io.BytesIO(b'\\xff'))).pop().problem
    'line 1 (byte 0) is not valid utf-8: byte 0xff at byte 0; pass --encoding'
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from typing import IO, NamedTuple

from cxcore.errors import InvalidInputError

__all__ = ["Line", "Lines", "check_encoding"]

_WIDE = ("utf-16", "utf-32")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class Line(NamedTuple):
    """One physical line: 1-based ``number``, byte ``offset`` of its start, decoded ``text``
    (with its line end; ``None`` when it could not be decoded)."""

    number: int
    offset: int
    text: str | None
    problem: str | None = None


def check_encoding(encoding: str) -> str:
    """The codec's canonical name, or a clear error for an unknown encoding.

    Examples:
        >>> check_encoding("UTF8"), check_encoding("cp1250")
        ('utf-8', 'cp1250')
    """
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise InvalidInputError(
            f"unknown encoding {encoding!r}; use a Python codec name such as utf-8, "
            "utf-8-sig, cp1250, latin-1 or utf-16"
        ) from None


class Lines:
    """Iterate the lines of a binary ``stream``; an undecodable line comes with ``text=None``
    and a ``problem`` message. ``bytes_read`` follows the position for progress reports."""

    def __init__(
        self,
        stream: IO[bytes],
        encoding: str = "utf-8",
        *,
        first_line: int = 1,
        start: int = 0,
        end: int | None = None,
    ) -> None:
        self.stream = stream
        self.encoding = check_encoding(encoding)
        self.first_line = first_line
        self.start = start
        self.end = end
        self.bytes_read = start

    def __iter__(self) -> Iterator[Line]:
        head = self.stream.read(4 if self.end is None else min(4, self.end - self.start))
        if self.encoding.startswith(_WIDE):
            if self.start or self.end is not None:
                raise InvalidInputError(f"{self.encoding} files are read whole, not in parts")
            yield from self._wide(head)
            return
        for bom, name in _BOMS:
            if self.start == 0 and head.startswith(bom):
                raise InvalidInputError(
                    f"the file starts with a {name} byte-order mark but is read as "
                    f"{self.encoding}; pass --encoding {name}"
                )
        if (
            self.start == 0
            and self.encoding in ("utf-8", "utf-8-sig")
            and head.startswith(codecs.BOM_UTF8)
        ):
            head, self.bytes_read = head[3:], 3  # a byte-order mark is not data
        decode = codecs.getdecoder("utf-8" if self.encoding == "utf-8-sig" else self.encoding)
        number = self.first_line - 1
        end = self.end
        for raw in _chain(head, self.stream):
            if end is not None and self.bytes_read >= end:
                return
            number += 1
            offset = self.bytes_read
            self.bytes_read += len(raw)
            try:
                text = decode(raw)[0]
            except UnicodeDecodeError as exc:
                message = (
                    f"line {number} (byte {offset}) is not valid {self.encoding}: "
                    f"byte 0x{raw[exc.start]:02x} at byte {offset + exc.start}; pass --encoding"
                )
                yield Line(number, offset, None, message)
                continue
            yield Line(number, offset, text)

    def _wide(self, head: bytes) -> Iterator[Line]:
        rest = io.BufferedReader(_Prefixed(head, self.stream))
        text = io.TextIOWrapper(rest, encoding=self.encoding, newline="\n")
        number = 0
        try:
            for line in text:
                number += 1
                self.bytes_read = rest.tell() if rest.seekable() else self.bytes_read
                yield Line(number, -1, line)
        except UnicodeDecodeError as exc:
            raise InvalidInputError(
                f"line {number + 1} is not valid {self.encoding}: {exc.reason}; "
                "pass the file's --encoding"
            ) from None


def _chain(head: bytes, stream: IO[bytes]) -> Iterator[bytes]:
    """The lines of ``head`` followed by the rest of ``stream`` (``head`` is a few bytes
    already read, which may hold whole lines)."""
    *whole, partial = head.split(b"\n")
    for part in whole:
        yield part + b"\n"
    rest = partial + stream.readline() if partial else stream.readline()
    if rest:
        yield rest
        yield from iter(stream.readline, b"")


class _Prefixed(io.RawIOBase):
    """A raw stream that first returns ``head`` and then the rest of ``stream``."""

    def __init__(self, head: bytes, stream: IO[bytes]) -> None:
        self.head = head
        self.stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self.head:
            size = min(len(buffer), len(self.head))
            buffer[:size] = self.head[:size]
            self.head = self.head[size:]
            return size
        data = self.stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
