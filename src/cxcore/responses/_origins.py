"""Where the parts of a catalog come from, and the problems found in them.

Loaders record an [`Origin`][cxcore.responses.Origin] (file and line) for every response, variant,
field and declared variable, so that a [`LintProblem`][cxcore.responses.LintProblem] can point a
person at the right place. ``tomllib`` and ``json`` report no positions, so `LineFinder` finds keys
by reading the file as text.

Examples:
    >>> finder = LineFinder("[hello.chat]\\ntext = 'Hi'\\n", "en.toml", json_like=False)
    >>> finder.origin("hello", "chat", "text")
    Origin(file='en.toml', line=2, block=False, escaped_newlines=False)
"""

from __future__ import annotations

import re

from cxcore._model import CxModel

__all__ = ["LineFinder", "LintProblem", "Origin"]

_OPENERS = ('"""', "'''", "|", "|-", "|+", ">", ">-", ">+")


class LintProblem(CxModel):
    """One problem in a catalog: where it is and what is wrong.

    ``code`` is stable and machine-readable (``syntax``, ``undeclared-argument``...),
    ``severity`` is ``error`` (the text would fail or mislead) or ``warning``.

    Examples:
        >>> LintProblem(code="syntax", message="unexpected '}'", file="en.toml", line=4).where
        'en.toml:4'
    """

    code: str
    message: str
    severity: str = "error"
    file: str | None = None
    line: int | None = None
    key: str | None = None
    locale: str | None = None
    variant: str | None = None
    field: str | None = None

    @property
    def where(self) -> str:
        """``file:line`` (or what is known of it).

        Examples:
            >>> LintProblem(code="x", message="y").where
            '<catalog>'
        """
        if self.file is None:
            return "<catalog>"
        return f"{self.file}:{self.line}" if self.line else self.file

    def __str__(self) -> str:
        place = " ".join(p for p in (self.key, self.locale, self.variant, self.field) if p)
        return f"{self.where}: {self.severity} [{self.code}] {place + ': ' if place else ''}" + (
            self.message
        )


class Origin(CxModel):
    """Where a piece of a catalog came from: a file and, when known, the line (1-based) and
    whether the text starts on the line after it (a TOML ``\"\"\"`` or YAML ``|`` block).

    Examples:
        >>> Origin(file="en.toml", line=3).line
        3
    """

    file: str
    line: int | None = None
    block: bool = False
    escaped_newlines: bool = False

    def line_at(self, text: str, offset: int) -> int | None:
        """The file line of character ``offset`` inside the text that starts here.

        Examples:
            >>> Origin(file="en.toml", line=3, block=True).line_at("a\\nb{", 3)
            5
        """
        return self.text_line(text.count("\n", 0, offset) + 1)

    def text_line(self, line: int) -> int | None:
        """The file line of line ``line`` (1-based) of the text that starts here (a JSON
        string keeps its line breaks escaped, so all of it is on its first line).

        Examples:
            >>> Origin(file="en.toml", line=3, block=True).text_line(2)
            5
        """
        if self.line is None:
            return None
        extra = 0 if self.escaped_newlines else line - 1
        return self.line + (1 if self.block else 0) + extra


class LineFinder:
    """Finds the lines of keys in a catalog file by reading it as text (tomllib and json give
    no positions); good enough to point a person at the right place."""

    def __init__(self, text: str, file: str, json_like: bool) -> None:
        self.lines = text.splitlines()
        self.file = file
        self.json_like = json_like

    def find(self, token: str, start: int = 0, anchored: bool = False) -> int | None:
        quoted = re.escape(token)
        lead = r"^\s*" if anchored else r"(^\s*|[\s\[.\"'])"
        pattern = re.compile(lead + r"[\"']?" + quoted + r"[\"']?\s*[.:=\]]")
        for index in range(start, len(self.lines)):
            line = self.lines[index]
            if line.lstrip().startswith("#"):
                continue
            if pattern.search(line):
                return index
        return None

    def origin(self, *path: str) -> Origin:
        index = 0
        found: int | None = None
        for depth, token in enumerate(path):
            hit = self.find(token, index, anchored=depth == len(path) - 1 and depth > 1)
            if hit is None:
                break
            found = index = hit
        if found is None:
            return Origin(file=self.file)
        rest = re.split(r"[:=]", self.lines[found], maxsplit=1)[-1].strip()
        return Origin(
            file=self.file,
            line=found + 1,
            block=rest in _OPENERS,
            escaped_newlines=self.json_like,
        )
