"""Context-aware escaping for HTML templates, in the spirit of Go's ``html/template``.

An HTML template is read once, when it is compiled, by a tokenizer that follows the WHATWG
HTML tokenizer's states (data, tag open, tag name, attribute name, before/inside/after an
attribute value, comments, raw text elements). Every argument is thus known to land in one
context, and each context is either escaped for or refused:

- text and the text of ``<title>``/``<textarea>``: HTML-escaped;
- a quoted attribute value (``title="{v}"``): HTML-escaped, quotes included;
- a quoted URL attribute (``href``, ``src``, ``action``, ``ping``, ``object data``...): where the
  value could set the scheme it must pass [check_url][cxcore.responses.urls.check_url]; after
  the template's own ``https://``, ``/`` or ``?`` it is HTML-escaped with spaces and controls
  percent-encoded;
- refused: unquoted attribute values, tag and attribute names, event handlers (``on*``),
  ``style``, ``srcdoc``, ``srcset``, ``<meta content>``, SVG animation attributes, ``<script>``,
  ``<style>`` and other raw text, comments and declarations.

The template's own markup is checked too: ``<script>``, ``<iframe>``, ``<object>``, ``<embed>``,
``<base>``, SVG ``<animate>``/``<set>``, a ``<meta http-equiv="refresh">``, any ``on*``
attribute and a link whose own text uses a scheme other than http, https, mailto or tel are
refused. Each branch of a plural or select is read from the context where it starts, and all
branches must end in the same context, so the work is linear in the template's length.

Examples:
    >>> from cxcore.responses.message import compile_message
    >>> [issue.message for issue in html_issues(compile_message("<p title={v}>x</p>")._parts)]
    ['{v} is in an unquoted attribute value of <p title>; quote the value: title="{...}"']
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, replace
from html import unescape

from cxcore.errors import UnsafeTemplateError
from cxcore.responses._nodes import Context, Node, Parts, PluralNode, SelectNode, escape
from cxcore.responses.urls import URL_ATTRIBUTES, URL_SCHEMES, check_url, literal_scheme

__all__ = ["HtmlIssue", "html_issues", "html_parts"]

_URL_ATTRIBUTES = URL_ATTRIBUTES | {
    "ping", "codebase", "classid", "archive", "longdesc", "usemap", "profile", "manifest",
    "icon", "dynsrc", "lowsrc", "itemtype", "formaction",
}  # fmt: skip
_LIST_URL_ATTRIBUTES = frozenset({"srcset", "imagesrcset"})
_REFUSED_TAGS = frozenset(
    {
        "script", "iframe", "frame", "frameset", "object", "embed", "applet", "base",
        "animate", "set", "animatemotion", "animatetransform", "animatecolor", "handler",
        "listener",
    }
)  # fmt: skip
_RAW = frozenset({"script", "style", "xmp", "iframe", "noembed", "noframes", "noscript"})
_RCDATA = frozenset({"title", "textarea"})
_SPACE = frozenset("\t\n\f\r ")
_URL_DONE = frozenset(":/?#")
_LONGEST_SCHEME = 256
_PERCENT = {code: f"%{code:02X}" for code in (*range(33), 127)}


@dataclass(frozen=True, slots=True)
class HtmlIssue:
    """A problem found in an HTML template: the lint code, a description, and the argument it
    concerns (``None`` for the template's own markup).

    Examples:
        >>> HtmlIssue("html-context", "x", "v").name
        'v'
    """

    code: str
    message: str
    name: str | None = None
    needle: str = ""
    """Text of the template's own that the issue is about (to find its line), lower case."""


@dataclass(frozen=True, slots=True)
class _State:
    """Where the tokenizer is: a WHATWG tokenizer state plus what the context needs."""

    mode: str = "data"
    tag: str = ""  # the tag being read, or the raw text element we are inside
    end: bool = False  # reading an end tag
    attr: str = ""  # the attribute whose name or value is being read
    quote: str = ""  # the quote of the value being read ("" when unquoted)
    value: str = ""  # a URL value's own text while its scheme is still open
    fixed: bool = False  # a URL value's scheme can no longer change
    pending: str = ""  # characters read ahead (``<!-``, ``</scr``, ``--``)


def _kind(tag: str, attr: str) -> str:
    """How an attribute's value is treated: text, url, or the reason it is refused."""
    if attr.startswith("on"):
        return "an event handler attribute"
    if attr == "style":
        return "a style attribute (CSS)"
    if attr == "srcdoc":
        return "a srcdoc attribute (a whole HTML document)"
    if attr in _LIST_URL_ATTRIBUTES:
        return "a srcset attribute (a list of URLs)"
    if tag == "meta" and attr in ("content", "http-equiv"):
        return "a <meta> attribute (it can redirect the page)"
    if tag in _REFUSED_TAGS:
        return f"an attribute of <{tag}>"
    if attr in _URL_ATTRIBUTES or (tag == "object" and attr == "data"):
        return "url"
    return "text"


class _Reader:
    """Reads a template's parts, tracking the context; collects issues and escaped parts."""

    def __init__(self, urls: frozenset[str] | None) -> None:
        # ``urls`` is None when compiling (every scheme-setting value is checked at render
        # time) and the declared url variables when linting.
        self.urls = urls
        self.issues: list[HtmlIssue] = []

    def problem(self, code: str, message: str, name: str | None = None, needle: str = "") -> None:
        issue = HtmlIssue(code, message, name, needle)
        if issue not in self.issues:
            self.issues.append(issue)

    def parts(self, parts: Parts, state: _State) -> tuple[Parts, _State]:
        out: list[str | Node] = []
        for part in parts:
            if isinstance(part, str):
                for char in part:
                    state = self.char(state, char)
                out.append(part)
            elif part.choice:
                node, state = self.choice(part, state)
                out.append(node)
            else:
                node, state = self.value(part, state)
                out.append(node)
        return tuple(out), state

    def choice(self, node: Node, state: _State) -> tuple[Node, _State]:
        ends: list[_State] = []

        def branch(parts: Parts) -> Parts:
            escaped, end = self.parts(parts, state)
            ends.append(end)
            return escaped

        copied = copy.copy(node)
        if isinstance(node, PluralNode):
            copied.exact = {key: branch(parts) for key, parts in node.exact.items()}  # type: ignore[attr-defined]
        options = {key: branch(parts) for key, parts in node.options.items()}  # type: ignore[attr-defined]
        copied.options = options  # type: ignore[attr-defined]
        copied.other = options.get("other")  # type: ignore[attr-defined]
        if any(end != ends[0] for end in ends):
            kind = "select" if isinstance(node, SelectNode) else "plural"
            self.problem(
                "html-context",
                f"the branches of {{{node.name}, {kind}}} end in different HTML contexts "
                "(one leaves a tag or attribute open that another does not); close the tag "
                "or attribute inside every branch",
                node.name,
            )
        return copied, ends[0] if ends else state

    def value(self, node: Node, state: _State) -> tuple[Node, _State]:
        name = node.name
        mode = state.mode
        where = self.refusal(state)
        if where is not None:
            self.problem("html-context", f"{{{name}}} is in {where}", name)
            if mode in ("before_value", "value") and _kind(state.tag, state.attr) == "url":
                self.scheme_setter(state, name)
            return node, state
        if mode == "data" or mode == "rcdata":
            return _Escaped(node, escape), state
        kind = _kind(state.tag, state.attr)
        if kind != "url":
            return _Escaped(node, escape), state
        if state.fixed:
            return _Escaped(node, _url_part), state
        if self.scheme_setter(state, name):
            return _Escaped(node, _checked_url(name)), state
        return _Escaped(node, _checked_url(name)), replace(state, value="", fixed=True)

    def scheme_setter(self, state: _State, name: str) -> bool:
        """Report ``{name}`` when it can set a link's scheme without being declared a url."""
        if state.fixed or self.urls is None or name in self.urls:
            return False
        self.problem(
            "unsafe-url",
            f"{{{name}}} can set the scheme of <{state.tag} {state.attr}> (javascript:, "
            'data:...) but is not declared as a url (type = "url")',
            name,
        )
        return True

    def refusal(self, state: _State) -> str | None:
        """Why a value cannot go where ``state`` is, or None when it can."""
        mode, tag, attr = state.mode, state.tag, state.attr
        if mode in ("data", "rcdata"):
            return None
        if mode == "raw":
            return f"the raw text of <{tag}> (script, CSS or markup that is not escaped)"
        if mode == "value":
            kind = _kind(tag, attr)
            if not state.quote:
                return (
                    f"an unquoted attribute value of <{tag} {attr}>; quote the value: "
                    f'{attr}="{{...}}"'
                )
            return None if kind in ("text", "url") else f"{kind}: <{tag} {attr}>"
        if mode in ("tag_open", "tag_name", "end_open"):
            return "a tag name; a value cannot choose an element"
        if mode in ("comment", "bogus", "markup"):
            return "an HTML comment or declaration"
        if mode == "before_value":
            return (
                f'an unquoted attribute value of <{tag} {attr}>; quote the value: {attr}="{{...}}"'
            )
        return f"the attributes of <{tag}> (an attribute name); a value cannot add attributes"

    # -- the tokenizer ---------------------------------------------------------------------

    def char(self, s: _State, c: str) -> _State:
        mode = s.mode
        if mode == "data":
            return replace(s, mode="tag_open") if c == "<" else s
        if mode in ("raw", "rcdata"):
            return self.raw_char(s, c)
        if mode == "tag_open":
            if c.isascii() and c.isalpha():
                return replace(s, mode="tag_name", tag=c.lower(), end=False)
            if c == "/":
                return replace(s, mode="end_open")
            if c == "!":
                return replace(s, mode="markup", pending="")
            if c == "?":
                return replace(s, mode="bogus")
            return replace(s, mode="data") if c != "<" else s
        if mode == "end_open":
            if c.isascii() and c.isalpha():
                return replace(s, mode="tag_name", tag=c.lower(), end=True)
            return replace(s, mode="data") if c == ">" else replace(s, mode="bogus")
        if mode == "tag_name":
            if c in _SPACE:
                return self.tag_named(replace(s, mode="before_attr"))
            if c == "/":
                return self.tag_named(replace(s, mode="self_closing"))
            if c == ">":
                return self.emit(self.tag_named(s))
            return replace(s, tag=s.tag + c.lower())
        if mode == "before_attr":
            if c in _SPACE:
                return s
            if c in "/>":
                return self.emit(s) if c == ">" else replace(s, mode="self_closing")
            return replace(s, mode="attr_name", attr=c.lower())
        if mode == "attr_name":
            if c in _SPACE or c in "/>=":
                s = self.attr_named(s)
                if c == "=":
                    return replace(s, mode="before_value")
                if c in _SPACE:
                    return replace(s, mode="after_attr")
                return self.emit(s) if c == ">" else replace(s, mode="self_closing", attr="")
            return replace(s, attr=s.attr + c.lower())
        if mode == "after_attr":
            if c in _SPACE:
                return s
            if c == "=":
                return replace(s, mode="before_value")
            if c in "/>":
                s = replace(s, attr="")
                return self.emit(s) if c == ">" else replace(s, mode="self_closing")
            return replace(s, mode="attr_name", attr=c.lower())
        if mode == "before_value":
            if c in _SPACE:
                return s
            if c in "\"'":
                return replace(s, mode="value", quote=c, value="", fixed=False)
            if c == ">":
                return self.emit(replace(s, attr=""))
            return self.value_char(replace(s, mode="value", quote="", value="", fixed=False), c)
        if mode == "value":
            if (s.quote and c == s.quote) or (not s.quote and (c in _SPACE or c == ">")):
                s = self.value_done(s)
                if s.quote:
                    return replace(s, mode="after_value", quote="")
                return self.emit(s) if c == ">" else replace(s, mode="before_attr")
            return self.value_char(s, c)
        if mode == "after_value":
            if c in _SPACE:
                return replace(s, mode="before_attr")
            if c in "/>":
                return self.emit(s) if c == ">" else replace(s, mode="self_closing")
            return self.char(replace(s, mode="before_attr"), c)
        if mode == "self_closing":
            return self.emit(s) if c == ">" else self.char(replace(s, mode="before_attr"), c)
        if mode == "markup":
            pending = s.pending + c
            if pending == "--":
                return replace(s, mode="comment", pending="")
            if pending == "-":
                return replace(s, pending=pending)
            return self.char(replace(s, mode="bogus", pending=""), c)
        if mode == "comment":
            # The last four characters; ``<!-->`` and ``<!--->`` close at once.
            pending = (s.pending + c)[-4:]
            if pending.endswith(("-->", "--!>")) or pending in (">", "->"):
                return _State()
            return replace(s, pending=pending)
        # bogus comment or declaration (<!DOCTYPE ...>, <?...>)
        return _State() if c == ">" else s

    def raw_char(self, s: _State, c: str) -> _State:
        pending = s.pending + c.lower()
        closing = "</" + s.tag
        if len(pending) > len(closing):
            if pending.startswith(closing) and (c in _SPACE or c in "/>"):
                return self.char(replace(_State(), mode="tag_name", tag=s.tag, end=True), c)
            pending = "<" if c == "<" else ""
        elif not closing.startswith(pending):
            pending = "<" if c == "<" else ""
        return replace(s, pending=pending)

    def tag_named(self, s: _State) -> _State:
        if not s.end and s.tag in _REFUSED_TAGS:
            self.problem(
                "unsafe-markup",
                f"<{s.tag}> is not allowed in a message template (it can run code or load "
                "another page)",
                needle=f"<{s.tag}",
            )
        return s

    def attr_named(self, s: _State) -> _State:
        if s.attr.startswith("on") and not s.end:
            self.problem(
                "unsafe-markup",
                f"the event handler attribute {s.attr}= on <{s.tag}> is not allowed in a "
                "message template (it runs script)",
                needle=s.attr,
            )
        return s

    def value_char(self, s: _State, c: str) -> _State:
        kind = _kind(s.tag, s.attr)
        if s.tag == "meta" and s.attr == "http-equiv":
            return replace(s, value=s.value + c)
        if kind != "url" or s.fixed:
            return s
        value = s.value + c
        if (c.isascii() and c.isalnum()) or _open_reference(value):
            return replace(s, value=value)
        text = unescape(value)
        if any(char in _URL_DONE for char in text) or len(text.strip()) > _LONGEST_SCHEME:
            self.scheme(s, text)
            return replace(s, value="", fixed=True)
        return replace(s, value=value)

    def value_done(self, s: _State) -> _State:
        if (
            s.tag == "meta"
            and s.attr == "http-equiv"
            and unescape(s.value).strip().lower() == ("refresh")
        ):
            self.problem(
                "unsafe-markup",
                '<meta http-equiv="refresh"> is not allowed in a message template (it '
                "redirects the page)",
                needle="http-equiv",
            )
        elif _kind(s.tag, s.attr) == "url" and not s.fixed:
            self.scheme(s, unescape(s.value))
        return replace(s, attr="", value="", fixed=False)

    def scheme(self, s: _State, text: str) -> None:
        scheme = literal_scheme(text)
        if scheme is not None and scheme not in URL_SCHEMES:
            self.problem(
                "unsafe-url", f"<{s.tag} {s.attr}> uses the scheme {scheme!r}", needle=s.attr
            )

    def emit(self, s: _State) -> _State:
        if s.end:
            return _State()
        if s.tag in _RAW:
            return _State(mode="raw", tag=s.tag)
        if s.tag in _RCDATA:
            return _State(mode="rcdata", tag=s.tag)
        return _State()


def _open_reference(text: str) -> bool:
    """Does ``text`` end inside a character reference (``&#x3``, ``&colon``) not yet closed?"""
    start = text.rfind("&")
    tail = text[start + 1 :] if start >= 0 else ";"
    return all(char == "#" or (char.isascii() and char.isalnum()) for char in tail)


class _Escaped(Node):
    """A value node whose text is escaped for the context it lands in."""

    __slots__ = ("escaper", "inner")

    def __init__(self, inner: Node, escaper: Callable[[str], str]) -> None:
        super().__init__(inner.name)
        self.inner = inner
        self.escaper = escaper

    def text(self, ctx: Context) -> str:
        return self.escaper(self.inner.text(ctx))


def _url_part(text: str) -> str:
    """A value after a URL's fixed scheme: spaces and controls percent-encoded, then escaped."""
    return escape(text.translate(_PERCENT))


def _checked_url(name: str) -> Callable[[str], str]:
    def checked(text: str) -> str:
        return escape(check_url(text, f"variable {name!r}"))

    return checked


def html_issues(parts: Parts, urls: frozenset[str] | None = None) -> list[HtmlIssue]:
    """Every context problem of an HTML template's compiled ``parts``; ``urls`` names the
    arguments declared as ``url`` (``None``: assume every link argument is checked).

    Examples:
        >>> from cxcore.responses.message import compile_message
        >>> [i.code for i in html_issues(compile_message('<a onclick="f({v})">x</a>')._parts)]
        ['unsafe-markup', 'html-context']
    """
    reader = _Reader(urls)
    _, end = reader.parts(parts, _State())
    if end.mode not in ("data", "raw", "rcdata"):
        reader.problem("html", "the template ends inside a tag, attribute or comment")
    return reader.issues


def html_parts(parts: Parts) -> Parts:
    """``parts`` with every value escaped for its HTML context, or
    [UnsafeTemplateError][cxcore.errors.UnsafeTemplateError] naming the first value placed
    where it cannot be made safe (or the first unsafe markup of the template's own).

    Examples:
        >>> from cxcore.responses.message import compile_message
        >>> html_parts(compile_message("<{tag}>")._parts)
        Traceback (most recent call last):
        ...
        cxcore.errors.UnsafeTemplateError: unsafe HTML template: {tag} is in a tag name; a value \
    cannot choose an element
    """
    reader = _Reader(None)
    escaped, _end = reader.parts(parts, _State())
    for issue in reader.issues:
        if issue.code != "html":
            raise UnsafeTemplateError(f"unsafe HTML template: {issue.message}")
    return escaped
