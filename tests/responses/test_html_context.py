"""Context-aware HTML escaping: every value lands in a known context and is escaped for it, or
the template is refused when compiled (and lint reports it).

The contexts and the refusals follow Go's html/template
(https://pkg.go.dev/html/template, "Contexts") and the WHATWG HTML tokenizer
(https://html.spec.whatwg.org/multipage/parsing.html#tokenization); the attack strings are the
ones reported in issue 16 and the OWASP XSS filter evasion cheat sheet.
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxcore.errors import TemplateError, UnsafeTemplateError, UnsafeUrlError
from cxcore.responses.catalog import ResponseCatalog
from cxcore.responses.lint import LINT_CODES, lint
from cxcore.responses.message import Message
from cxcore.responses.source import CatalogSource


def _source(variables: dict[str, Any], html: str) -> CatalogSource:
    return CatalogSource.from_mapping(
        {"catalog": {"default_locale": "en"}, "responses": {"k": {"variables": variables}}},
        {"en": {"k": {"email": {"subject": "Hi", "text": "Hi", "html": html}}}},
        strict=False,
    )


def _codes(html: str, variables: dict[str, Any] | None = None) -> list[str]:
    variables = variables if variables is not None else {"v": {"type": "text"}}
    return [p.code for p in lint(_source(variables, html)) if p.code in _SAFETY]


_SAFETY = {"html-context", "unsafe-markup", "unsafe-url"}

REFUSED_PLACEMENTS = [
    "<p title={v}>x</p>",  # unquoted attribute: "x onmouseover=alert(1)" adds a handler
    "<p title=a{v}>x</p>",
    # ICU MessageFormat writes an apostrophe as '' ('{v}' would be literal text).
    "<a onclick=\"f(''{v}'')\">x</a>",  # the escaped quote is decoded inside the attribute
    "<p onmouseover=''{v}''>x</p>",
    "<script>var n = {v};</script>",
    "<style>p '{'color: {v}'}'</style>",
    '<p style="color: {v}">x</p>',
    '<p srcdoc="{v}">x</p>',
    '<p {v}="x">x</p>',
    '<p data-{v}="x">x</p>',
    '<p title="a" {v}>x</p>',
    "<{v}>x",
    "</{v}>",
    "<!-- {v} -->",
    '<img srcset="{v} 2x">',
    '<meta name="x" content="{v}">',
    "<xmp>{v}</xmp>",
]


@pytest.mark.parametrize("html", REFUSED_PLACEMENTS)
def test_a_value_where_escaping_cannot_help_is_refused_when_compiled(html: str) -> None:
    with pytest.raises(UnsafeTemplateError, match=r"\{v\}|not allowed"):
        Message(html).for_html()
    assert "html-context" in _codes(html)


def test_the_issue_examples_are_refused_with_their_reason() -> None:
    with pytest.raises(UnsafeTemplateError, match="unquoted attribute value of <p title>"):
        Message("<p title={v}>").format("en", {"v": "x onmouseover=alert(1)"}, html=True)
    with pytest.raises(UnsafeTemplateError, match="a tag name"):
        Message("<{v}>").for_html()
    with pytest.raises(UnsafeTemplateError, match="an attribute name"):
        Message('<p {v}="x">').for_html()
    with pytest.raises(UnsafeTemplateError, match="raw text of <noscript>"):
        Message("<noscript>{v}</noscript>").for_html()


UNSAFE_MARKUP = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<p onclick="alert(1)">x</p>',
    "<img src=x OnError=alert(1)>",
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    '<object data="https://evil.example/x.swf"></object>',
    '<embed src="https://evil.example/x.swf">',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0; url=https://evil.example">',
    '<meta HTTP-EQUIV="Refresh" content="0">',
    '<svg><a><animate attributeName="href" values="javascript:alert(1)"/></a></svg>',
    '<svg><set attributeName="href" to="javascript:alert(1)"/></svg>',
]


@pytest.mark.parametrize("html", UNSAFE_MARKUP)
def test_a_translators_own_script_or_handler_is_refused(html: str) -> None:
    with pytest.raises(UnsafeTemplateError, match="not allowed"):
        Message(html).for_html()
    assert "unsafe-markup" in _codes(html, {})


@pytest.mark.parametrize(
    "html",
    [
        '<a href="javascript:alert(1)">x</a>',
        '<a ping="javascript:alert(1)" href="https://shop.example">x</a>',
        '<img src="data:text/html,x">',
        '<form action="vbscript:x"></form>',
        '<a href="java&#x09;script:alert(1)">x</a>',
        '<a href="&#106;avascript:alert(1)">x</a>',
        '<a href="javascript&colon;alert(1)">x</a>',
    ],
)
def test_a_link_with_a_bad_scheme_of_its_own_is_refused(html: str) -> None:
    with pytest.raises(UnsafeTemplateError, match="uses the scheme"):
        Message(html).for_html()
    assert _codes(html, {}) == ["unsafe-url"]


@pytest.mark.parametrize(
    "html",
    [
        '<a href="{v}">x</a>',
        '<a ping="{v}" href="https://shop.example">x</a>',
        '<blockquote cite="{v}">q</blockquote>',
        '<video poster="{v}"></video>',
        '<svg><a xlink:href="{v}">x</a></svg>',
        '<button formaction="{v}">go</button>',
    ],
)
def test_a_value_that_sets_a_scheme_must_be_a_safe_url(html: str) -> None:
    message = Message(html)
    with pytest.raises(UnsafeUrlError):
        message.format("en", {"v": "javascript:alert(1)"}, html=True)
    assert "https://shop.example/a" in message.format(
        "en", {"v": "https://shop.example/a"}, html=True
    )
    assert _codes(html) == ["unsafe-url"]
    assert _codes(html, {"v": {"type": "url"}}) == []


def test_javascript_behind_seventy_select_branches_is_found() -> None:
    # Lint used to sample 64 renditions; the 70th branch held the link.
    branches = " ".join(f"b{i} {{<b>{i}</b>}}" for i in range(69))
    html = f'<p>{{k, select, {branches} other {{<a href="javascript:alert(1)">x</a>}}}}</p>'
    assert _codes(html, {"k": {"type": "text"}}) == ["unsafe-url"]
    with pytest.raises(UnsafeTemplateError, match="javascript"):
        Message(html).for_html()
    placed = html.replace("javascript:alert(1)", "{v}")
    variables = {"k": {"type": "text"}, "v": {"type": "text"}}
    assert _codes(placed, variables) == ["unsafe-url"]


def test_nested_branches_are_read_once_each() -> None:
    # 10 branches nested 5 deep are 100,000 renditions; the reader visits each branch once.
    inner = "{v}"
    for level in range(5):
        options = " ".join(f"={i} {{<i>{i}</i>}}" for i in range(9))
        inner = f"{{n{level}, plural, {options} other {{{inner}}}}}"
    message = Message(f'<p title="x">{inner}</p>').for_html()
    values: dict[str, object] = {f"n{level}": 30 for level in range(5)} | {"v": "<b>"}
    assert message.format("en", values, html=True).count("&lt;b&gt;") == 1


def test_branches_must_end_in_the_same_context() -> None:
    html = '<p>{k, select, a {<a href="} other {<b>}}{v}</p>'
    with pytest.raises(UnsafeTemplateError, match="different HTML contexts"):
        Message(html).for_html()
    assert "html-context" in _codes(html, {"k": {"type": "text"}, "v": {"type": "text"}})
    same = '<p class="{k, select, a {red} other {grey}}">{v}</p>'
    assert Message(same).for_html().format("en", {"k": "a", "v": "<"}, html=True) == (
        '<p class="red">&lt;</p>'
    )


def test_safe_contexts_escape_for_where_the_value_lands() -> None:
    message = Message(
        "<p title=\"{v}\" class=''{v}''>{v}</p><textarea>{v}</textarea>"
        '<a href="https://shop.example/search?q={v}">s</a><title>{v}</title>'
    )
    out = message.format("en", {"v": "\"' <x> a b"}, html=True)
    assert out == (
        "<p title=\"&#34;&#39; &lt;x&gt; a b\" class='&#34;&#39; &lt;x&gt; a b'>"
        "&#34;&#39; &lt;x&gt; a b</p><textarea>&#34;&#39; &lt;x&gt; a b</textarea>"
        '<a href="https://shop.example/search?q=&#34;&#39;%20&lt;x&gt;%20a%20b">s</a>'
        "<title>&#34;&#39; &lt;x&gt; a b</title>"
    )


def test_text_after_raw_comment_and_declaration_is_read_as_html_again() -> None:
    message = Message(
        "<!DOCTYPE html><!-- a > b --><style>p '{}'</style><!---->"
        '<textarea></TEXTAREA ></textarea><p title="{v}">{v}</p>'
    )
    out = message.format("en", {"v": "<"}, html=True)
    assert out.endswith('<p title="&lt;">&lt;</p>')
    with pytest.raises(UnsafeTemplateError):
        Message("<style></stylex>{v}</style>").for_html()


def test_a_catalog_refuses_an_unsafe_html_template_when_rendering() -> None:
    catalog = ResponseCatalog(_source({"v": {"type": "text"}}, "<p title={v}>x</p>"))
    with pytest.raises(TemplateError, match="unquoted"):
        catalog.render("k", locale="en", values={"v": "x"})


def test_lint_points_at_the_argument_and_the_markup(tmp_path: Any) -> None:
    (tmp_path / "catalog.toml").write_text(
        '[responses.k.variables]\nv = { type = "text" }\n', encoding="utf-8"
    )
    (tmp_path / "en.toml").write_text(
        '[k.email]\nsubject = "Hi"\ntext = "Hi {v}"\nhtml = """\n<p>a</p>\n'
        '<p onclick="x()">b</p>\n<p title={v}>c</p>"""\n',
        encoding="utf-8",
    )
    problems = [p for p in lint(tmp_path) if p.code in _SAFETY]
    assert sorted((p.code, p.line) for p in problems) == [
        ("html-context", 7),
        ("unsafe-markup", 6),
    ]
    assert {"html-context", "unsafe-markup"} <= set(LINT_CODES)


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@settings(max_examples=150)
@given(value=st.text(max_size=60))
def test_no_value_breaks_out_of_its_attribute_or_text(value: str) -> None:
    html = "<p title=\"{v}\" class=''{v}''>{v}</p>"
    out = Message(html).format("en", {"v": value}, html=True)
    parser = _Attributes()
    parser.feed(out)
    parser.close()
    expected = value.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "\ufffd")
    assert [tag for tag, _ in parser.tags] == ["p"]
    attrs = dict(parser.tags[0][1])
    assert set(attrs) == {"title", "class"}
    assert (
        all(
            found is not None and found.replace("\r\n", "\n").replace("\r", "\n") == expected
            for found in attrs.values()
        )
        or "\0" in value
        or "\r" in value
    )
