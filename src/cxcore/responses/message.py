"""ICU MessageFormat messages: parsed by ``pyicumessageformat``, evaluated safely by cxcore.

A template is data, never code: arguments are looked up by plain names (``{order_id}``; no
attribute access, no indexing, no calls), values must be plain data (text, numbers, dates,
durations, [`Money`][cxcore.Money], lists of those), nesting depth and output length are
capped by [`Limits`][cxcore.responses.Limits], and the HTML rendition escapes every value for the
HTML context it lands in (text, attribute, link) while the template's own markup stays.

Examples:
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
from collections.abc import Callable, Mapping, Sequence
from datetime import tzinfo
from functools import lru_cache

from pyicumessageformat import Parser

from cxcore.errors import CxError, TemplateError, TemplateSyntaxError, UnsafeTemplateError
from cxcore.responses._compiler import (
    ARGUMENT_TYPES,
    PLURAL_CATEGORIES,
    ArgumentUse,
    Compiler,
    MessageIssue,
)
from cxcore.responses._nodes import Context, Parts, render_parts
from cxcore.responses._values import DEFAULT_LIMITS, Limits
from cxcore.responses.formatting import LocaleFormatter, formatter_for

__all__ = [
    "ARGUMENT_TYPES",
    "DEFAULT_LIMITS",
    "PLURAL_CATEGORIES",
    "ArgumentUse",
    "Limits",
    "Message",
    "MessageIssue",
    "analyse_message",
    "compile_message",
    "format_message",
]

_POSITION = re.compile(r"position (\d+)")


class Message:
    """A compiled ICU MessageFormat message; render it with
    [`format`][cxcore.responses.message.Message.format].

    Examples:
        >>> Message("Hello {name}!").format("en", {"name": "Ada"})
        'Hello Ada!'
    """

    __slots__ = ("_html", "_parts", "limits", "pattern", "uses")

    def __init__(self, pattern: str, *, limits: Limits = DEFAULT_LIMITS) -> None:
        compiled = compile_message(pattern, limits=limits)
        self.pattern = pattern
        self.limits = limits
        self._parts: Parts = compiled._parts
        self.uses: tuple[ArgumentUse, ...] = compiled.uses
        self._html: Message | None = None

    @classmethod
    def _build(cls, pattern: str, parts: Parts, uses: list[ArgumentUse], limits: Limits) -> Message:
        message = cls.__new__(cls)
        message.pattern = pattern
        message.limits = limits
        message._parts = parts
        message.uses = tuple(uses)
        message._html = None
        return message

    def for_html(self) -> Message:
        """This message as an HTML template: every value escaped for the HTML context it lands
        in (text, quoted attribute, link), or
        [UnsafeTemplateError][cxcore.errors.UnsafeTemplateError] when a value is placed where
        it cannot be made safe (see the security model in the docs). Read once, then cached.

        Examples:
            >>> Message('<a title="{t}">x</a>').for_html().format("en", {"t": '"><b>'})
            '<a title="&#34;&gt;&lt;b&gt;">x</a>'
        """
        if self._html is None:
            # The HTML reader (and html.entities) loads with the first HTML field only.
            from cxcore.responses._html_context import html_parts

            parts = html_parts(self._parts)
            found = Message._build(self.pattern, parts, list(self.uses), self.limits)
            found._html = found  # already escaped for HTML: reading it again changes nothing
            self._html = found
        return self._html

    @property
    def arguments(self) -> dict[str, frozenset[str]]:
        """Argument names mapped to the types they are used with (``any`` for ``{name}``).

        Examples:
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
        values: Mapping[str, object] | Sequence[object],
        *,
        tz: str | tzinfo | None = None,
        html: bool = False,
        label: str = "message",
    ) -> str:
        """Render with ``values`` for ``locale``; ``html=True`` reads the message as an HTML
        template and escapes every value for its context (see
        [for_html][cxcore.responses.message.Message.for_html]).

        Examples:
            >>> Message("<b>{who}</b>").format("en", {"who": "<script>"}, html=True)
            '<b>&lt;script&gt;</b>'
        """
        fmt = locale if isinstance(locale, LocaleFormatter) else formatter_for(locale)
        if html:
            return self.for_html().render(fmt, values, tz, None, label)
        return self.render(fmt, values, tz, None, label)

    def render(
        self,
        fmt: LocaleFormatter,
        values: Mapping[str, object] | Sequence[object],
        tz: str | tzinfo | None,
        escape: Callable[[str], str] | None,
        label: str,
    ) -> str:
        """What [`format`][cxcore.responses.message.Message.format] does, with every argument given:
        the formatter, the values, the time zone, the function that escapes each value (or ``None``)
        and the label that error messages start with.

        Examples:
            >>> Message("{n} x").render(formatter_for("fi"), {"n": 1500}, None, None, "demo")
            '1\xa0500 x'
        """
        if type(values) is not dict and not isinstance(values, Mapping):
            values = _positional(values, label)
        ctx = Context(values, fmt, tz, escape, self.limits, label)
        out: list[str] = []
        try:
            render_parts(self._parts, ctx, out)
        except CxError as exc:
            raise self._explained(exc, label) from None
        text = "".join(out)
        if len(text) > self.limits.max_output:
            raise UnsafeTemplateError(
                f"{label} renders longer than {self.limits.max_output} characters"
            )
        return text

    def _explained(self, exc: CxError, label: str) -> CxError:
        """``exc`` again, its text naming the message, the argument and the offset."""
        argument = getattr(exc, "argument", None)
        if argument is None:
            return exc
        offset = getattr(exc, "offset", 0)
        shown = self.pattern if len(self.pattern) <= 60 else self.pattern[:57] + "..."
        error = type(exc)(
            f"{label} {shown!r} cannot render {{{argument}}} at offset {offset}: {exc}"
        )
        error.argument = argument  # type: ignore[attr-defined]
        error.offset = offset  # type: ignore[attr-defined]
        error.pattern = self.pattern  # type: ignore[attr-defined]
        return error


def _positional(values: object, label: str) -> Mapping[str, object]:
    """Values given as a list or tuple: ``{0}`` is the first, ``{1}`` the second..."""
    if isinstance(values, list | tuple):
        return {str(index): value for index, value in enumerate(values)}
    raise TemplateError(
        f"{label}: values must be a mapping of names or a list of positional values, "
        f"got {type(values).__name__}"
    )


def analyse_message(
    pattern: str, *, limits: Limits = DEFAULT_LIMITS
) -> tuple[Message | None, list[MessageIssue]]:
    """Compile leniently: return the message (``None`` on a syntax error) and every issue.

    Examples:
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
    compiler = Compiler(limits, pattern)
    try:
        parts = compiler.parts(ast, 0)
    except UnsafeTemplateError as exc:
        return None, [MessageIssue("too-deep", str(exc), 0)]
    return Message._build(pattern, parts, compiler.uses, limits), compiler.issues


def compile_message(pattern: str, *, limits: Limits = DEFAULT_LIMITS) -> Message:
    """Compile ``pattern`` strictly: any issue raises
    [`TemplateSyntaxError`][cxcore.errors.TemplateSyntaxError] (or
    [`UnsafeTemplateError`][cxcore.errors.UnsafeTemplateError] for unsafe names and nesting).

    Examples:
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
    values: Mapping[str, object] | Sequence[object],
    tz: str | tzinfo | None = None,
    *,
    html: bool = False,
) -> str:
    """Render a one-off ICU message (compiled patterns are cached).

    Examples:
        >>> from datetime import date
        >>> format_message("Dostawa {d, date, long}", "pl", {"d": date(2026, 5, 4)})
        'Dostawa 4 maja 2026'
        >>> format_message("{0} x {1, number, ::.00}", "en", ["kubek", 2])
        'kubek x 2.00'
    """
    if not isinstance(pattern, str):
        raise TemplateSyntaxError(f"a message must be text, got {type(pattern).__name__}")
    return _cached(pattern).format(locale, values, tz=tz, html=html)
