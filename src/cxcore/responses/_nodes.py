"""The evaluator of compiled messages: node types and the rendering context.

A compiled message is a tuple of parts: literal text, or a node that renders one argument
(``{name}``, ``{n, number}``, ``{d, date, long}``, ``{items, list}``, ``{wait, duration}``,
``#``, and the ``plural``/``selectordinal``/``select`` choices holding more parts). Rendering
looks each argument up in the values, admits only plain data, formats it with the locale's
:class:`~cxcore.responses.formatting.LocaleFormatter`, escapes it for HTML when asked and counts
the output against the length cap.

>>> from cxcore.responses.formatting import formatter_for
>>> out: list[str] = []
>>> render_parts(("Hi ", Node("name"), "!"), Context({"name": "<Ada>"}, formatter_for("en"),
...              None, escape, Limits(), "message"), out)
>>> "".join(out)
'Hi &lt;Ada&gt;!'
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime, timedelta, tzinfo
from decimal import Decimal
from typing import Any

from markupsafe import escape as html_escape

from cxcore.errors import MissingVariableError, TemplateError, UnsafeTemplateError
from cxcore.money import Money
from cxcore.responses._numbers import is_number
from cxcore.responses._values import Limits, plain
from cxcore.responses.formatting import LocaleFormatter

__all__ = ["Parts", "escape", "render_parts"]


def escape(text: str) -> str:
    """HTML-escape a value with MarkupSafe.

    >>> escape('"a" & <b>')
    '&#34;a&#34; &amp; &lt;b&gt;'
    """
    return str(html_escape(text))


class Context:
    """One rendering: the values, the formatter, the time zone, the HTML escape (or none),
    the caps, a label for error messages and the running output length."""

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
        return plain(value, name, self.limits)

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


class Node:
    """``{name}``: the value shown in its natural format (numbers grouped, dates medium...)."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def render(self, ctx: Context, out: list[str]) -> None:
        ctx.emit(ctx.auto(ctx.get(self.name), self.name), out)


class NumberNode(Node):
    """``{n, number[, style]}``: a number, or a ``Money`` amount in its own currency."""

    __slots__ = ("style",)

    def __init__(self, name: str, style: str | None) -> None:
        super().__init__(name)
        self.style = style

    def render(self, ctx: Context, out: list[str]) -> None:
        value = ctx.get(self.name)
        if type(value) is Money:
            ctx.emit(ctx.fmt.money(value, self.style), out)
        else:
            ctx.emit(ctx.fmt.number(value, self.style), out)


class DateNode(Node):
    """``{d, date|time|datetime[, style]}``."""

    __slots__ = ("kind", "style")

    def __init__(self, name: str, kind: str, style: str | None) -> None:
        super().__init__(name)
        self.kind = kind
        self.style = style or "medium"

    def render(self, ctx: Context, out: list[str]) -> None:
        value = ctx.get(self.name)
        fmt = ctx.fmt
        if self.kind == "date":
            ctx.emit(fmt.date(value, self.style, ctx.tz), out)
        elif self.kind == "time":
            ctx.emit(fmt.time(value, self.style, ctx.tz), out)
        else:
            ctx.emit(fmt.datetime(value, self.style, ctx.tz), out)


class ListNode(Node):
    """``{items, list[, style]}``: each item in its natural format, joined as a CLDR list."""

    __slots__ = ("style",)

    def __init__(self, name: str, style: str | None) -> None:
        super().__init__(name)
        self.style = style or "standard"

    def render(self, ctx: Context, out: list[str]) -> None:
        value = ctx.get(self.name)
        if not isinstance(value, tuple):
            raise TemplateError(f"{{{self.name}, list}} needs a list, got {type(value).__name__}")
        items = [ctx.auto(item, self.name) for item in value]
        ctx.emit(ctx.fmt.list(items, self.style), out)


class DurationNode(Node):
    """``{wait, duration[, style]}``."""

    __slots__ = ("style",)

    def __init__(self, name: str, style: str | None) -> None:
        super().__init__(name)
        self.style = style or "long"

    def render(self, ctx: Context, out: list[str]) -> None:
        ctx.emit(ctx.fmt.duration(ctx.get(self.name), self.style), out)


class HashNode(Node):
    """``#`` inside a plural: the number (less the plural's offset) formatted."""

    __slots__ = ("offset",)

    def __init__(self, name: str, offset: int) -> None:
        super().__init__(name)
        self.offset = offset

    def render(self, ctx: Context, out: list[str]) -> None:
        value = ctx.get(self.name)
        ctx.emit(ctx.fmt.number(value - self.offset if self.offset else value), out)


Parts = tuple["str | Node", ...]
"""A compiled message or branch: literal text and nodes."""


def render_parts(parts: Parts, ctx: Context, out: list[str]) -> None:
    """Render ``parts`` into ``out``."""
    for part in parts:
        if type(part) is str:
            out.append(part)  # literal text is bounded by the template's own length
        else:
            part.render(ctx, out)  # type: ignore[union-attr]


class PluralNode(Node):
    """``{n, plural|selectordinal, ...}``: an exact ``=N`` branch, else the CLDR category's,
    else ``other``."""

    __slots__ = ("exact", "offset", "options", "ordinal", "other")

    def __init__(
        self,
        name: str,
        offset: int,
        exact: dict[Decimal, Parts],
        options: dict[str, Parts],
        ordinal: bool,
    ) -> None:
        super().__init__(name)
        self.offset = offset
        self.exact = exact
        self.options = options
        self.other = options.get("other")
        self.ordinal = ordinal

    def render(self, ctx: Context, out: list[str]) -> None:
        value = ctx.get(self.name)
        if not is_number(value):
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
        render_parts(parts, ctx, out)


class SelectNode(Node):
    """``{x, select, ...}``: the branch named by the text (``true``/``false`` for booleans)."""

    __slots__ = ("options", "other")

    def __init__(self, name: str, options: dict[str, Parts]) -> None:
        super().__init__(name)
        self.options = options
        self.other = options.get("other")

    def render(self, ctx: Context, out: list[str]) -> None:
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
        render_parts(parts, ctx, out)
