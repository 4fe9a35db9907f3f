"""The message compiler: turns ``pyicumessageformat``'s tree into evaluator nodes, and checks
every argument on the way (plain names, known types, valid styles, an ``other`` branch, plural
categories that exist in CLDR, nesting depth), recording each use of an argument.

Examples:
    >>> compiler = Compiler(Limits())
    >>> parts = compiler.parts(["Hi ", {"name": "who", "start": 3}], 0)
    >>> compiler.uses
    [ArgumentUse(name='who', type='any', style=None, offset=3, selectors=())]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise
from typing import Any

from babel.dates import parse_pattern as parse_date_pattern

from cxcore._locale import get_locale
from cxcore.errors import CxError, UnsafeTemplateError
from cxcore.responses._dates import DATE_STYLES
from cxcore.responses._durations_lists import DURATION_STYLES, LIST_STYLES
from cxcore.responses._nodes import (
    ChoiceNode,
    DateNode,
    DurationNode,
    HashNode,
    ListNode,
    Node,
    NumberNode,
    Parts,
    PluralNode,
    SelectNode,
)
from cxcore.responses._numbers import NUMBER_STYLES, number_spec
from cxcore.responses._skeletons import TIME_FIELDS, skeleton_pattern
from cxcore.responses._values import Limits

__all__ = ["ARGUMENT_TYPES", "PLURAL_CATEGORIES", "ArgumentUse", "Compiler", "MessageIssue"]

ARGUMENT_TYPES: tuple[str, ...] = (
    "number", "plural", "selectordinal", "select", "date", "time", "datetime", "list", "duration",
    "choice",
)  # fmt: skip
"""Argument types a message may use (``{x, <type>, ...}``)."""

PLURAL_CATEGORIES: tuple[str, ...] = ("zero", "one", "two", "few", "many", "other")
"""The CLDR plural categories; which of them a locale uses depends on its rules."""

_NAME = re.compile(r"([A-Za-z][A-Za-z0-9_]*|0|[1-9][0-9]*)\Z")
_EXACT = re.compile(r"=-?[0-9]+(\.[0-9]+)?\Z")
_NO_STYLE = {"select", "plural", "selectordinal"}
_RBNF = frozenset({"spellout", "ordinal"})


_CHOICE = re.compile(r"\s*(-?(?:[0-9]+(?:\.[0-9]+)?|\u221e))\s*([#<\u2264])(.*)\Z", re.DOTALL)


def _unquote(text: str) -> str:
    """Apostrophe quoting in a choice text: ``''`` is an apostrophe, ``'...'`` literal."""
    return re.sub(r"'([^']*)'", lambda found: found.group(1) or "'", text)


def choice_limits(style: str) -> tuple[tuple[Decimal, bool, str], ...]:
    """The limits of an ICU choice style (``0#none|1#one|1<many``): each limit, whether it is
    strict (``<``) and the text shown from it on.

    Examples:
        >>> choice_limits("0#none|1<many")
        ((Decimal('0'), False, 'none'), (Decimal('1'), True, 'many'))
    """
    limits: list[tuple[Decimal, bool, str]] = []
    for segment in re.split(r"\|(?=(?:[^']*'[^']*')*[^']*\Z)", style):
        found = _CHOICE.match(segment)
        if found is None:
            raise ValueError(f"{segment!r} is not a choice like 1#one or 1<many")
        limit = found.group(1).replace("\u221e", "Infinity")
        limits.append((Decimal(limit), found.group(2) == "<", _unquote(found.group(3))))
    if any(a[0] > b[0] for a, b in pairwise(limits)):
        raise ValueError("choice limits must not decrease")
    return tuple(limits)


def _shows_time(style: str) -> bool:
    """Whether a date style (a pattern or a ``::skeleton``) shows a part of the time."""
    if style in DATE_STYLES:
        return False
    text = re.sub(r"'[^']*'", "", style.removeprefix("::"))
    return any(char in TIME_FIELDS for char in text)


# Styles are checked against English data at compile time; the rendering locale's own data
# gives the same verdict, as every CLDR locale has the same patterns and skeleton fields.
_CHECK_LOCALE = get_locale("en")


@dataclass(frozen=True, slots=True)
class ArgumentUse:
    """One place where a message uses an argument: its name, type and style, the offset in the
    source, and for plural/select the selectors it lists.

    Examples:
        >>> from cxcore.responses.message import compile_message
        >>> compile_message("{d, date, long}").uses[0]
        ArgumentUse(name='d', type='date', style='long', offset=0, selectors=())
    """

    name: str
    type: str
    style: str | None
    offset: int
    selectors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MessageIssue:
    """A problem found while compiling a message: a code (as used by lint), a description and
    the character offset in the source.

    Examples:
        >>> from cxcore.responses.message import analyse_message
        >>> analyse_message("{n, plural, one {x}}")[1][0].code
        'plural-without-other'
    """

    code: str
    message: str
    offset: int


class Compiler:
    """Compiles one parsed message; collects the argument uses and the issues found."""

    def __init__(self, limits: Limits, source: str = "") -> None:
        self.limits = limits
        self.source = source
        self.uses: list[ArgumentUse] = []
        self.issues: list[MessageIssue] = []
        self.offsets: list[int] = []

    def problem(self, code: str, message: str, offset: int) -> None:
        self.issues.append(MessageIssue(code, message, offset))

    def parts(self, ast: list[Any], depth: int) -> Parts:
        out: list[str | Node] = []
        for element in ast:
            node = element if isinstance(element, str) else self.node(element, depth)
            if isinstance(node, str) and out and isinstance(out[-1], str):
                out[-1] += node
            elif node != "":
                out.append(node)
        return tuple(out)

    def node(self, element: dict[str, Any], depth: int) -> str | Node:
        made = self.make(element, depth)
        if isinstance(made, Node):
            made.at = int(element.get("start", 0))
        return made

    def make(self, element: dict[str, Any], depth: int) -> str | Node:
        name = str(element["name"])
        kind = element.get("type")
        start = int(element.get("start", 0))
        style = self.style(element)
        if not _NAME.match(name):
            self.problem(
                "unsafe-name",
                f"argument name {name!r} is not a plain name (letters, digits, '_'); "
                "templates cannot reach attributes, items or calls",
                start,
            )
            return ""
        if element.get("hash"):
            return HashNode(name, self.offsets[-1] if self.offsets else 0)
        if kind is None:
            self.uses.append(ArgumentUse(name, "any", None, start))
            return Node(name)
        if kind == "choice":
            self.uses.append(ArgumentUse(name, "number", style, start))
            try:
                return ChoiceNode(name, choice_limits(style or ""))
            except ValueError as exc:
                self.problem("bad-style", f"{{{name}, choice}}: {exc}", start)
                return ""
        if kind in _RBNF:
            self.problem(
                "unsupported-type",
                f"{{{name}, {kind}}} needs ICU's rule-based number format data, which Babel "
                "does not ship; spell the number out in the message, or use "
                "{n, selectordinal, ...} for ordinals",
                start,
            )
            return ""
        if kind not in ARGUMENT_TYPES:
            self.problem(
                "unknown-type",
                f"argument type {kind!r} of {name!r} is not one of " + ", ".join(ARGUMENT_TYPES),
                start,
            )
            return ""
        if kind in _NO_STYLE:
            return self.choice(element, name, kind, start, depth)
        use_type = "money" if kind == "number" and style == "currency" else kind
        if kind == "date" and style is not None and _shows_time(style):
            use_type = "time"
        self.uses.append(ArgumentUse(name, use_type, style, start))
        self.check_style(kind, style, name, start)
        if kind == "number":
            return NumberNode(name, style if style != "decimal" else None)
        if kind in ("date", "time", "datetime"):
            return DateNode(name, kind, style)
        if kind == "list":
            return ListNode(name, style)
        return DurationNode(name, style)

    def style(self, element: dict[str, Any]) -> str | None:
        """The argument's style as written, quotes kept: the parser unquotes it, but a number
        or date pattern reads its own quotes (``'#'#`` is a literal ``#`` and a digit)."""
        style = element.get("format")
        if style is None:
            return None
        start, end = element.get("start"), element.get("end")
        if self.source and isinstance(start, int) and isinstance(end, int):
            pieces = self.source[start : end - 1].split(",", 2)
            if len(pieces) == 3:
                return pieces[2].strip()
        return str(style).strip()

    def check_style(self, kind: str, style: str | None, name: str, start: int) -> None:
        if style is None:
            return
        try:
            if kind == "number" and style not in NUMBER_STYLES:
                number_spec(_CHECK_LOCALE, style, None)
            elif kind in ("date", "time", "datetime") and style not in DATE_STYLES:
                if style.startswith("::"):
                    skeleton_pattern(_CHECK_LOCALE, style[2:])
                else:
                    parse_date_pattern(style)
            elif kind == "list" and style not in LIST_STYLES:
                raise ValueError("use standard, or, unit, short or narrow")
            elif kind == "duration" and style not in DURATION_STYLES:
                raise ValueError("use long, short or narrow")
        except (CxError, ValueError, TypeError, KeyError) as exc:
            self.problem("bad-style", f"style {style!r} of {{{name}, {kind}}}: {exc}", start)

    def choice(self, element: dict[str, Any], name: str, kind: str, start: int, depth: int) -> Node:
        if depth >= self.limits.max_depth:
            raise UnsafeTemplateError(
                f"plural/select nesting deeper than {self.limits.max_depth} levels at offset "
                f"{start}"
            )
        options: dict[str, Any] = element.get("options", {})
        self.uses.append(ArgumentUse(name, kind, None, start, tuple(options)))
        if "other" not in options:
            self.problem("plural-without-other", f"{{{name}, {kind}}} has no 'other' branch", start)
        offset = int(element.get("offset", 0) or 0)
        if kind != "select":
            self.offsets.append(offset)
        try:
            compiled = {key: self.parts(sub, depth + 1) for key, sub in options.items()}
        finally:
            if kind != "select":
                self.offsets.pop()
        if kind == "select":
            return SelectNode(name, compiled)
        exact: dict[Decimal, Parts] = {}
        named: dict[str, Parts] = {}
        for key, parts in compiled.items():
            if _EXACT.match(key):
                exact[Decimal(key[1:])] = parts
            elif key in PLURAL_CATEGORIES:
                named[key] = parts
            else:
                self.problem(
                    "plural-category",
                    f"{key!r} in {{{name}, {kind}}} is neither a CLDR plural category ("
                    + ", ".join(PLURAL_CATEGORIES)
                    + ") nor an exact value like =0",
                    start,
                )
        return PluralNode(name, offset, exact, named, kind == "selectordinal")
