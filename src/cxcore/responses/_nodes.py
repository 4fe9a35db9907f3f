"""The evaluator of compiled messages: node types and the rendering context.

A compiled message is a tuple of parts: literal text, or a node that renders one argument
(``{name}``, ``{n, number}``, ``{d, date, long}``, ``{items, list}``, ``{wait, duration}``,
``#``, and the ``plural``/``selectordinal``/``select`` choices holding more parts). Rendering
looks each argument up in the values, admits only plain data, formats it with the locale's
[`LocaleFormatter`][cxcore.responses.LocaleFormatter], escapes it for HTML when asked and counts
the output against the length cap.

Examples:
    >>> from cxcore.responses.formatting import formatter_for
    >>> out: list[str] = []
    >>> render_parts(("Hi ", Node("name"), "!"), Context({"name": "<Ada>"}, formatter_for("en"),
    ...              None, escape, Limits(), "message"), out)
    >>> "".join(out)
    'Hi &lt;Ada&gt;!'

Value nodes return their text from ``text(ctx)``; `render_parts` escapes it, counts it
and appends it. Choice nodes (``choice = True``) return the branch to render from
``branch(ctx)``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime, timedelta, tzinfo
from decimal import Decimal
from typing import Any

from markupsafe import escape as html_escape

from cxcore._currency import is_money
from cxcore.errors import CxError, MissingVariableError, TemplateError, UnsafeTemplateError
from cxcore.responses._numbers import is_number
from cxcore.responses._values import Limits, plain
from cxcore.responses.formatting import LocaleFormatter

__all__ = ["Parts", "escape", "render_parts"]


def escape(text: str) -> str:
    """HTML-escape a value with MarkupSafe.

    Examples:
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
        """The value of ``name`` as plain data; a missing or ``None`` value is an error."""
        value = self.values.get(name)
        if type(value) in _READY:
            return value
        return self.admit(name, value)

    def admit(self, name: str, value: object) -> Any:
        """``value`` (of a type that needs a look) as plain data, or raise."""
        if value is None:
            raise MissingVariableError(
                f"{self.label} needs a value for {name!r} and none was given "
                "(declare a fallback or pass the value)"
            )
        return plain(value, name, self.limits)

    def auto(self, value: Any, name: str) -> str:
        """A plain value in its natural format."""
        if type(value) is str:
            return value
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int | Decimal | float):
            return self.fmt.number(value)
        if is_money(value):
            return self.fmt.money(value)
        if isinstance(value, datetime):
            return self.fmt.datetime(value, "short", self.tz)
        if isinstance(value, date):
            return self.fmt.date(value, "short", self.tz)
        if isinstance(value, timedelta):
            return self.fmt.duration(value)
        if isinstance(value, tuple):
            return self.fmt.list([self.auto(item, name) for item in value])
        raise UnsafeTemplateError(f"value for {name!r} cannot be shown")  # pragma: no cover


# Values used as they are: no length to check, nothing to convert (and Money, found by
# is_money so that rendering a message without money never imports the Money model).
_READY = frozenset({int, Decimal, date})


class Node:
    """``{name}``: the value shown in its natural format (numbers grouped, dates and datetimes
    short, as ICU shows them)."""

    __slots__ = ("at", "name")
    choice = False

    def __init__(self, name: str, at: int = 0) -> None:
        self.name = name
        self.at = at

    def text(self, ctx: Context) -> str:
        return ctx.auto(ctx.get(self.name), self.name)

    def branch(self, ctx: Context) -> Parts:
        raise TypeError(f"{{{self.name}}} is not a choice")  # pragma: no cover


class NumberNode(Node):
    """``{n, number[, style]}``: a number, or a ``Money`` amount in its own currency."""

    __slots__ = ("style",)

    def __init__(self, name: str, style: str | None) -> None:
        super().__init__(name)
        self.style = style

    def text(self, ctx: Context) -> str:
        value: Any = ctx.values.get(self.name)
        if type(value) not in _READY:
            if is_money(value):
                return ctx.fmt.money(value, self.style)
            value = ctx.admit(self.name, value)
        return ctx.fmt.number(value, self.style)


class DateNode(Node):
    """``{d, date|time|datetime[, style]}``."""

    __slots__ = ("kind", "style")

    def __init__(self, name: str, kind: str, style: str | None) -> None:
        super().__init__(name)
        self.kind = kind
        self.style = style or "medium"

    def text(self, ctx: Context) -> str:
        value: Any = ctx.values.get(self.name)
        if type(value) not in _READY and not is_money(value):
            value = ctx.admit(self.name, value)
        return ctx.fmt.moment(self.kind, value, self.style, ctx.tz)


class ListNode(Node):
    """``{items, list[, style]}``: each item in its natural format, joined as a CLDR list."""

    __slots__ = ("style",)

    def __init__(self, name: str, style: str | None) -> None:
        super().__init__(name)
        self.style = style or "standard"

    def text(self, ctx: Context) -> str:
        value = ctx.get(self.name)
        if not isinstance(value, tuple):
            raise TemplateError(f"{{{self.name}, list}} needs a list, got {type(value).__name__}")
        room = ctx.limit - ctx.total
        items = []
        size = 0
        for item in value:
            text = ctx.auto(item, self.name)
            size += len(text)
            if size > room:
                raise UnsafeTemplateError(
                    f"{ctx.label} renders longer than {ctx.limit} characters (in {{{self.name}}})"
                )
            items.append(text)
        return ctx.fmt.list(items, self.style, room)


class DurationNode(Node):
    """``{wait, duration[, style]}``."""

    __slots__ = ("style",)

    def __init__(self, name: str, style: str | None) -> None:
        super().__init__(name)
        self.style = style or "long"

    def text(self, ctx: Context) -> str:
        return ctx.fmt.duration(ctx.get(self.name), self.style)


class ChoiceNode(Node):
    """``{n, choice, 0#none|1#one|1<many}``: ICU's older ChoiceFormat, the text of the last
    limit the number reaches (``#`` or ``≤``: at least the limit, ``<``: above it)."""

    __slots__ = ("limits",)

    def __init__(self, name: str, limits: tuple[tuple[Decimal, bool, str], ...]) -> None:
        super().__init__(name)
        self.limits = limits

    def text(self, ctx: Context) -> str:
        value: Any = ctx.get(self.name)
        if type(value) is not int and not is_number(value):
            raise TemplateError(
                f"{{{self.name}, choice}} needs a number, got {type(value).__name__}"
            )
        number = value if isinstance(value, Decimal) else Decimal(str(value))
        chosen = self.limits[0][2]
        if number.is_nan():
            return chosen
        for limit, strict, text in self.limits:
            if number > limit or (number == limit and not strict):
                chosen = text
            else:
                break
        return chosen


class HashNode(Node):
    """``#`` inside a plural: the number (less the plural's offset) formatted."""

    __slots__ = ("offset",)

    def __init__(self, name: str, offset: int) -> None:
        super().__init__(name)
        self.offset = offset

    def text(self, ctx: Context) -> str:
        value: Any = ctx.values.get(self.name)
        if type(value) not in _READY:
            value = ctx.admit(self.name, value)
        return ctx.fmt.number(value - self.offset if self.offset else value)


Parts = tuple["str | Node", ...]
"""A compiled message or branch: literal text and nodes."""


def located(exc: Exception, node: Node) -> CxError:
    """``exc`` as a [CxError][cxcore.errors.CxError] that records the argument and the offset
    of the node that raised it (the innermost node: an outer choice keeps what it finds)."""
    error = exc if isinstance(exc, CxError) else TemplateError(f"{exc}")
    if getattr(error, "argument", None) is None:
        error.argument = node.name  # type: ignore[attr-defined]
        error.offset = node.at  # type: ignore[attr-defined]
    return error


def render_parts(parts: Parts, ctx: Context, out: list[str]) -> None:
    """Render ``parts`` into ``out``: literal text as it is (it is bounded by the template's own
    length), each value escaped when the context escapes and counted against the cap. An error
    raised by a node is marked with that node's argument and offset (see
    [located][cxcore.responses._nodes.located])."""
    escape = ctx.escape
    append = out.append
    for part in parts:
        if type(part) is str:
            append(part)
        elif part.choice:  # type: ignore[union-attr]
            try:
                branch = part.branch(ctx)  # type: ignore[union-attr]
            except CxError as exc:
                located(exc, part)  # type: ignore[arg-type]
                raise
            except ArithmeticError as exc:
                raise located(exc, part) from None  # type: ignore[arg-type]
            render_parts(branch, ctx, out)
        else:
            try:
                text = part.text(ctx)  # type: ignore[union-attr]
            except CxError as exc:
                located(exc, part)  # type: ignore[arg-type]
                raise
            except ArithmeticError as exc:
                raise located(exc, part) from None  # type: ignore[arg-type]
            if escape is not None:
                text = escape(text)
            total = ctx.total = ctx.total + len(text)
            if total > ctx.limit:
                raise UnsafeTemplateError(f"{ctx.label} renders longer than {ctx.limit} characters")
            append(text)


class PluralNode(Node):
    """``{n, plural|selectordinal, ...}``: an exact ``=N`` branch, else the CLDR category's,
    else ``other``."""

    __slots__ = ("exact", "offset", "options", "ordinal", "other")
    choice = True

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

    def branch(self, ctx: Context) -> Parts:
        value: Any = ctx.values.get(self.name)
        if type(value) not in _READY:
            value = ctx.admit(self.name, value)
        if type(value) is not int and not is_number(value):
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
        return parts


class SelectNode(Node):
    """``{x, select, ...}``: the branch named by the text (``true``/``false`` for booleans)."""

    __slots__ = ("options", "other")
    choice = True

    def __init__(self, name: str, options: dict[str, Parts]) -> None:
        super().__init__(name)
        self.options = options
        self.other = options.get("other")

    def branch(self, ctx: Context) -> Parts:
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
        return parts
