"""ICU MessageFormat messages: parsed by ``pyicumessageformat``, evaluated safely by cxcore.

A template is data, never code: arguments are looked up by plain names (``{order_id}``; no
attribute access, no indexing, no calls), values must be plain data (text, numbers, dates,
durations, :class:`~cxcore.money.Money`, lists of those), nesting depth and output length are
capped by :class:`Limits`, and the HTML rendition escapes every value with MarkupSafe while the
template's own markup stays.

>>> from cxcore.money import Money
>>> msg = compile_message("{n, plural, one {# parcel} few {# parcels} many {# parcels} "
...                       "other {# parcels}} for {total, number, currency}")
>>> msg.format("pl", {"n": 3, "total": Money.of("120", "PLN")})
'3 parcels for 120,00\\xa0zł'
>>> sorted(msg.arguments)
['n', 'total']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from babel.dates import parse_pattern as parse_date_pattern
from babel.numbers import parse_pattern as parse_number_pattern
from markupsafe import escape as html_escape
from pydantic import Field
from pyicumessageformat import Parser

from cxcore._model import CxModel
from cxcore.errors import (
    MissingVariableError,
    TemplateError,
    TemplateSyntaxError,
    UnsafeTemplateError,
)
from cxcore.money import Money
from cxcore.responses.formatting import DATE_STYLES, LocaleFormatter, formatter_for

__all__ = [
    "ARGUMENT_TYPES",
    "PLURAL_CATEGORIES",
    "ArgumentUse",
    "Limits",
    "Message",
    "MessageIssue",
    "analyse_message",
    "compile_message",
    "format_message",
]

ARGUMENT_TYPES: tuple[str, ...] = (
    "number", "plural", "selectordinal", "select", "date", "time", "datetime", "list", "duration",
)  # fmt: skip
"""Argument types a message may use (``{x, <type>, ...}``)."""

PLURAL_CATEGORIES: tuple[str, ...] = ("zero", "one", "two", "few", "many", "other")
"""The CLDR plural categories; which of them a locale uses depends on its rules."""

_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")
_EXACT = re.compile(r"=-?[0-9]+(\.[0-9]+)?\Z")
_POSITION = re.compile(r"position (\d+)")
_NUMBER_STYLES = ("integer", "percent", "currency", "decimal")
_NO_STYLE = {"select", "plural", "selectordinal"}


class Limits(CxModel):
    """Safety caps for compiling and rendering templates.

    >>> Limits().max_output
    100000
    >>> Limits(max_depth=3).max_depth
    3
    """

    max_depth: int = Field(default=6, ge=1, le=40)
    """Deepest nesting of plural/select sub-messages."""
    max_output: int = Field(default=100_000, ge=1)
    """Longest rendered text, in characters (and longest single text value)."""
    max_pattern: int = Field(default=50_000, ge=1)
    """Longest template source, in characters."""
    max_list_items: int = Field(default=1_000, ge=1)
    """Most items in one list value."""


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True, slots=True)
class ArgumentUse:
    """One place where a message uses an argument: its name, type and style, the offset in the
    source, and for plural/select the selectors it lists.

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

    >>> analyse_message("{n, plural, one {x}}")[1][0].code
    'plural-without-other'
    """

    code: str
    message: str
    offset: int


# --- values ---------------------------------------------------------------------------------

_SCALARS = (str, bool, int, Decimal, float, datetime, date, timedelta)


def _plain(value: object, name: str, limits: Limits, nested: bool = False) -> Any:
    kind = type(value)
    if kind is str:
        if len(value) > limits.max_output:  # type: ignore[arg-type]
            raise UnsafeTemplateError(
                f"value for {name!r} is longer than {limits.max_output} characters"
            )
        return value
    if kind in _SCALARS or kind is Money:
        return value
    if kind in (list, tuple) and not nested:
        items: tuple[Any, ...] = tuple(value)  # type: ignore[arg-type]
        if len(items) > limits.max_list_items:
            raise UnsafeTemplateError(
                f"list value for {name!r} has more than {limits.max_list_items} items"
            )
        return tuple(_plain(item, name, limits, nested=True) for item in items)
    if isinstance(value, str):  # StrEnum members and other str subclasses: their text only
        return _plain(str.__str__(value), name, limits, nested)
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int.__index__(value)
    if isinstance(value, (*_SCALARS[3:], Money)):
        return value
    raise UnsafeTemplateError(
        f"value for {name!r} is a {kind.__name__}; values must be plain data: text, numbers, "
        "dates, datetimes, durations, Money, or lists of those"
    )


class _Context:
    __slots__ = ("escape", "fmt", "label", "limit", "limits", "total", "tz", "values")

    def __init__(
        self,
        values: Mapping[str, object],
        fmt: LocaleFormatter,
        tz: str | tzinfo | None,
        escape: Callable[[str], str] | None,
        limits: Limits,
        label: str,
    ) -> None:
        self.values = values
        self.fmt = fmt
        self.tz = tz
        self.escape = escape
        self.limits = limits
        self.limit = limits.max_output
        self.total = 0
        self.label = label

    def get(self, name: str) -> Any:
        value = self.values.get(name)
        kind = type(value)
        if kind is int or kind is Money or kind is date or kind is Decimal:
            return value
        if value is None:
            raise MissingVariableError(
                f"{self.label} needs a value for {name!r} and none was given "
                "(declare a fallback or pass the value)"
            )
        return _plain(value, name, self.limits)

    def emit(self, text: str, out: list[str]) -> None:
        if self.escape is not None:
            text = self.escape(text)
        self.total += len(text)
        if self.total > self.limit:
            raise UnsafeTemplateError(f"{self.label} renders longer than {self.limit} characters")
        out.append(text)

    def auto(self, value: Any, name: str) -> str:
        if type(value) is str:
            return value
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int | Decimal | float):
            return self.fmt.number(value)
        if isinstance(value, Money):
            return self.fmt.money(value)
        if isinstance(value, datetime):
            return self.fmt.datetime(value, "medium", self.tz)
        if isinstance(value, date):
            return self.fmt.date(value, "medium", self.tz)
        if isinstance(value, timedelta):
            return self.fmt.duration(value)
        if isinstance(value, tuple):
            return self.fmt.list([self.auto(item, name) for item in value])
        raise UnsafeTemplateError(f"value for {name!r} cannot be shown")  # pragma: no cover


# --- compiled nodes -----------------------------------------------------------------------


class _Node:
    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def render(self, ctx: _Context, out: list[str]) -> None:
        ctx.emit(ctx.auto(ctx.get(self.name), self.name), out)


class _Number(_Node):
    __slots__ = ("style",)

    def __init__(self, name: str, style: str | None) -> None:
        super().__init__(name)
        self.style = style

    def render(self, ctx: _Context, out: list[str]) -> None:
        value = ctx.get(self.name)
        if type(value) is Money:
            ctx.emit(ctx.fmt.money(value, self.style), out)
        else:
            ctx.emit(ctx.fmt.number(value, self.style), out)


class _Date(_Node):
    __slots__ = ("kind", "style")

    def __init__(self, name: str, kind: str, style: str | None) -> None:
        super().__init__(name)
        self.kind = kind
        self.style = style or "medium"

    def render(self, ctx: _Context, out: list[str]) -> None:
        value = ctx.get(self.name)
        fmt = ctx.fmt
        if self.kind == "date":
            ctx.emit(fmt.date(value, self.style, ctx.tz), out)
        elif self.kind == "time":
            ctx.emit(fmt.time(value, self.style, ctx.tz), out)
        else:
            ctx.emit(fmt.datetime(value, self.style, ctx.tz), out)


class _List(_Node):
    __slots__ = ("style",)

    def __init__(self, name: str, style: str | None) -> None:
        super().__init__(name)
        self.style = style or "standard"

    def render(self, ctx: _Context, out: list[str]) -> None:
        value = ctx.get(self.name)
        if not isinstance(value, tuple):
            raise TemplateError(f"{{{self.name}, list}} needs a list, got {type(value).__name__}")
        items = [ctx.auto(item, self.name) for item in value]
        ctx.emit(ctx.fmt.list(items, self.style), out)


class _Duration(_Node):
    __slots__ = ("style",)

    def __init__(self, name: str, style: str | None) -> None:
        super().__init__(name)
        self.style = style or "long"

    def render(self, ctx: _Context, out: list[str]) -> None:
        ctx.emit(ctx.fmt.duration(ctx.get(self.name), self.style), out)


class _Hash(_Node):
    __slots__ = ("offset",)

    def __init__(self, name: str, offset: int) -> None:
        super().__init__(name)
        self.offset = offset

    def render(self, ctx: _Context, out: list[str]) -> None:
        value = ctx.get(self.name)
        ctx.emit(ctx.fmt.number(value - self.offset if self.offset else value), out)


_Parts = tuple["str | _Node", ...]


def _render(parts: _Parts, ctx: _Context, out: list[str]) -> None:
    for part in parts:
        if type(part) is str:
            out.append(part)  # literal text is bounded by the template's own length
        else:
            part.render(ctx, out)  # type: ignore[union-attr]


class _Plural(_Node):
    __slots__ = ("exact", "offset", "options", "ordinal", "other")

    def __init__(
        self,
        name: str,
        offset: int,
        exact: dict[Decimal, _Parts],
        options: dict[str, _Parts],
        ordinal: bool,
    ) -> None:
        super().__init__(name)
        self.offset = offset
        self.exact = exact
        self.options = options
        self.other = options.get("other")
        self.ordinal = ordinal

    def render(self, ctx: _Context, out: list[str]) -> None:
        value = ctx.get(self.name)
        if isinstance(value, bool) or not isinstance(value, int | Decimal | float):
            raise TemplateError(
                f"{{{self.name}, {'selectordinal' if self.ordinal else 'plural'}}} needs a "
                f"number, got {type(value).__name__}"
            )
        parts = self.exact.get(value) if self.exact else None  # type: ignore[arg-type]
        if parts is None:
            number = value - self.offset if self.offset else value
            category = ctx.fmt.plural(number, ordinal=self.ordinal)
            parts = self.options.get(category, self.other)
            if parts is None:
                raise TemplateError(f"{{{self.name}}} has no branch for {category!r} or other")
        _render(parts, ctx, out)


class _Select(_Node):
    __slots__ = ("options", "other")

    def __init__(self, name: str, options: dict[str, _Parts]) -> None:
        super().__init__(name)
        self.options = options
        self.other = options.get("other")

    def render(self, ctx: _Context, out: list[str]) -> None:
        value = ctx.get(self.name)
        if isinstance(value, bool):
            key = "true" if value else "false"
        elif isinstance(value, str | int):
            key = str(value)
        else:
            raise TemplateError(f"{{{self.name}, select}} needs text, got {type(value).__name__}")
        parts = self.options.get(key, self.other)
        if parts is None:
            raise TemplateError(f"{{{self.name}, select}} has no branch for {key!r} or other")
        _render(parts, ctx, out)


# --- compiler -------------------------------------------------------------------------------


class _Compiler:
    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.uses: list[ArgumentUse] = []
        self.issues: list[MessageIssue] = []
        self.offsets: list[int] = []

    def problem(self, code: str, message: str, offset: int) -> None:
        self.issues.append(MessageIssue(code, message, offset))

    def parts(self, ast: list[Any], depth: int) -> _Parts:
        out: list[str | _Node] = []
        for element in ast:
            node = element if isinstance(element, str) else self.node(element, depth)
            if isinstance(node, str) and out and isinstance(out[-1], str):
                out[-1] += node
            elif node != "":
                out.append(node)
        return tuple(out)

    def node(self, element: dict[str, Any], depth: int) -> str | _Node:
        name = str(element["name"])
        kind = element.get("type")
        start = int(element.get("start", 0))
        style = element.get("format")
        style = str(style).strip() if style is not None else None
        if not _NAME.match(name):
            self.problem(
                "unsafe-name",
                f"argument name {name!r} is not a plain name (letters, digits, '_'); "
                "templates cannot reach attributes, items or calls",
                start,
            )
            return ""
        if element.get("hash"):
            return _Hash(name, self.offsets[-1] if self.offsets else 0)
        if kind is None:
            self.uses.append(ArgumentUse(name, "any", None, start))
            return _Node(name)
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
        self.uses.append(ArgumentUse(name, use_type, style, start))
        self.check_style(kind, style, name, start)
        if kind == "number":
            return _Number(name, style if style != "decimal" else None)
        if kind in ("date", "time", "datetime"):
            return _Date(name, kind, style)
        if kind == "list":
            return _List(name, style)
        return _Duration(name, style)

    def check_style(self, kind: str, style: str | None, name: str, start: int) -> None:
        if style is None:
            return
        try:
            if kind == "number" and style not in _NUMBER_STYLES:
                if style.startswith("::"):
                    raise ValueError("number skeletons are not supported")
                parse_number_pattern(style)
            elif kind in ("date", "time", "datetime") and style not in DATE_STYLES:
                if not style.startswith("::"):
                    parse_date_pattern(style)
            elif kind == "list" and style not in ("standard", "or", "unit", "short", "narrow"):
                raise ValueError("use standard, or, unit, short or narrow")
            elif kind == "duration" and style not in ("long", "short", "narrow"):
                raise ValueError("use long, short or narrow")
        except (ValueError, TypeError, KeyError) as exc:
            self.problem("bad-style", f"style {style!r} of {{{name}, {kind}}}: {exc}", start)

    def choice(
        self, element: dict[str, Any], name: str, kind: str, start: int, depth: int
    ) -> _Node:
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
            return _Select(name, compiled)
        exact: dict[Decimal, _Parts] = {}
        named: dict[str, _Parts] = {}
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
        return _Plural(name, offset, exact, named, kind == "selectordinal")


class Message:
    """A compiled ICU MessageFormat message; render it with :meth:`format`.

    >>> Message("Hello {name}!").format("en", {"name": "Ada"})
    'Hello Ada!'
    """

    __slots__ = ("_parts", "limits", "pattern", "uses")

    def __init__(self, pattern: str, *, limits: Limits = DEFAULT_LIMITS) -> None:
        compiled = compile_message(pattern, limits=limits)
        self.pattern = pattern
        self.limits = limits
        self._parts: _Parts = compiled._parts
        self.uses: tuple[ArgumentUse, ...] = compiled.uses

    @classmethod
    def _build(
        cls, pattern: str, parts: _Parts, uses: list[ArgumentUse], limits: Limits
    ) -> Message:
        message = cls.__new__(cls)
        message.pattern = pattern
        message.limits = limits
        message._parts = parts
        message.uses = tuple(uses)
        return message

    @property
    def arguments(self) -> dict[str, frozenset[str]]:
        """Argument names mapped to the types they are used with (``any`` for ``{name}``).

        >>> sorted(Message("{n, plural, other {#}} {n}").arguments["n"])
        ['any', 'plural']
        """
        found: dict[str, set[str]] = {}
        for use in self.uses:
            found.setdefault(use.name, set()).add(use.type)
        return {name: frozenset(types) for name, types in found.items()}

    def format(
        self,
        locale: str | LocaleFormatter,
        values: Mapping[str, object],
        *,
        tz: str | tzinfo | None = None,
        html: bool = False,
        label: str = "message",
    ) -> str:
        """Render with ``values`` for ``locale``; ``html=True`` escapes every value.

        >>> Message("<b>{who}</b>").format("en", {"who": "<script>"}, html=True)
        '<b>&lt;script&gt;</b>'
        """
        fmt = locale if isinstance(locale, LocaleFormatter) else formatter_for(locale)
        ctx = _Context(values, fmt, tz, _escape if html else None, self.limits, label)
        out: list[str] = []
        try:
            _render(self._parts, ctx, out)
        except InvalidOperation as exc:
            raise TemplateError(f"{label}: a number could not be formatted ({exc})") from None
        text = "".join(out)
        if len(text) > self.limits.max_output:
            raise UnsafeTemplateError(
                f"{label} renders longer than {self.limits.max_output} characters"
            )
        return text


def _escape(text: str) -> str:
    return str(html_escape(text))


def analyse_message(
    pattern: str, *, limits: Limits = DEFAULT_LIMITS
) -> tuple[Message | None, list[MessageIssue]]:
    """Compile leniently: return the message (``None`` on a syntax error) and every issue.

    >>> message, issues = analyse_message("{a.__class__}")
    >>> issues[0].code
    'unsafe-name'
    """
    if not isinstance(pattern, str):
        raise TemplateSyntaxError(f"a message must be text, got {type(pattern).__name__}")
    if len(pattern) > limits.max_pattern:
        return None, [
            MessageIssue("too-long", f"template longer than {limits.max_pattern} characters", 0)
        ]
    parser = Parser(
        {"include_indices": True, "require_other": False, "maximum_depth": limits.max_depth + 2}
    )
    try:
        ast = parser.parse(pattern)
    except SyntaxError as exc:
        text = str(exc) or "invalid message syntax"
        found = _POSITION.search(text)
        code = "too-deep" if "recursion" in text else "syntax"
        return None, [MessageIssue(code, text, int(found.group(1)) if found else 0)]
    compiler = _Compiler(limits)
    try:
        parts = compiler.parts(ast, 0)
    except UnsafeTemplateError as exc:
        return None, [MessageIssue("too-deep", str(exc), 0)]
    return Message._build(pattern, parts, compiler.uses, limits), compiler.issues


def compile_message(pattern: str, *, limits: Limits = DEFAULT_LIMITS) -> Message:
    """Compile ``pattern`` strictly: any issue raises :class:`~cxcore.errors.TemplateSyntaxError`
    (or :class:`~cxcore.errors.UnsafeTemplateError` for unsafe names and nesting).

    >>> compile_message("{n, plural, one {# day}}")
    Traceback (most recent call last):
    ...
    cxcore.errors.TemplateSyntaxError: {n, plural} has no 'other' branch (at offset 0)
    """
    message, issues = analyse_message(pattern, limits=limits)
    if issues:
        first = issues[0]
        error = (
            UnsafeTemplateError
            if first.code in ("unsafe-name", "too-deep", "too-long")
            else TemplateSyntaxError
        )
        raise error(f"{first.message} (at offset {first.offset})")
    assert message is not None
    return message


@lru_cache(maxsize=512)
def _cached(pattern: str) -> Message:
    return compile_message(pattern)


def format_message(
    pattern: str,
    locale: str,
    values: Mapping[str, object],
    tz: str | tzinfo | None = None,
    *,
    html: bool = False,
) -> str:
    """Render a one-off ICU message (compiled patterns are cached).

    >>> from datetime import date
    >>> format_message("Dostawa {d, date, long}", "pl", {"d": date(2026, 5, 4)})
    'Dostawa 4 maja 2026'
    """
    return _cached(pattern).format(locale, values, tz=tz, html=html)
