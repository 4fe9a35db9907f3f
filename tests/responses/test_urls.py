"""Links in HTML renditions: the ``url`` variable type, its checks at render time, and lint's
check of values placed in URL attributes.

The hostile inputs follow the OWASP XSS Filter Evasion Cheat Sheet
(https://cheatsheetseries.owasp.org/cheatsheets/XSS_Filter_Evasion_Cheat_Sheet.html: mixed case,
embedded tab / newline / carriage return, leading spaces and control characters, entity-encoded
colons, ``data:`` and ``vbscript:`` URLs) and the WHATWG URL Standard
(https://url.spec.whatwg.org/#concept-basic-url-parser: leading and trailing C0 controls and
spaces are stripped and ASCII tab and newline removed anywhere before the scheme is read, so
``java\\tscript:`` is ``javascript:`` to a browser; ``//host`` is a scheme-relative URL).
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxcore.errors import CatalogError, TemplateError, UnsafeTemplateError, UnsafeUrlError
from cxcore.responses import CatalogSource, ResponseCatalog, VariableSpec, lint
from cxcore.responses.urls import URL_SCHEMES, check_url, literal_scheme

HOSTILE = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "JAVASCRIPT:alert(document.cookie)",
    " javascript:alert(1)",
    "javascript:alert(1) ",
    "\tjavascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java\rscript:alert(1)",
    "java\x00script:alert(1)",
    "\x00javascript:alert(1)",
    "\x01javascript:alert(1)",
    "\x7fjavascript:alert(1)",
    "java\u200bscript:alert(1)",  # zero-width space
    "\ufeffjavascript:alert(1)",  # byte order mark
    "\u2028javascript:alert(1)",  # line separator
    "javascript\u00a0:alert(1)",  # no-break space
    "javascript&colon;alert(1)",
    "javascript&#58;alert(1)",
    "&#106;avascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
    "file:///etc/passwd",
    "blob:https://shop.example/5f1e",
    "about:blank",
    "ftp://shop.example/file",
    "//evil.example/label",
    "///evil.example",
    "\\\\evil.example\\label",
    "/\\evil.example",
    "https:evil.example",
    "https:/evil.example",
    "https://",
    "https://?next=1",
    "https://[::1",
    "http://exa mple.example/",
    "https://shop.example/\nSet-Cookie: x",
    "mailto:",
    "tel:",
    "",
    "label.pdf",
    "/returns/label",
]

SAFE = [
    "https://shop.example/returns/label/R-77?lang=pl#print",
    "HTTPS://SHOP.EXAMPLE/",
    "http://shop.example:8080/a",
    "https://sklep.example/zwrot/żółw",
    "https://user@shop.example/p",
    "https://[2001:db8::1]/label",
    "mailto:care@shop.example?subject=Return%20R-77",
    "tel:+48-22-123-45-67",
]


@pytest.mark.parametrize("value", HOSTILE, ids=repr)
def test_hostile_urls_are_refused(value: str) -> None:
    with pytest.raises(UnsafeUrlError) as caught:
        check_url(value, "variable 'link'")
    assert isinstance(caught.value, UnsafeTemplateError)
    assert isinstance(caught.value, ValueError)
    assert str(caught.value).startswith("variable 'link': ")


@pytest.mark.parametrize("value", SAFE)
def test_safe_urls_pass_unchanged(value: str) -> None:
    assert check_url(value) is value


def test_the_message_says_what_is_wrong() -> None:
    with pytest.raises(UnsafeUrlError, match=r"control character \(U\+0009\) at position 4"):
        check_url("java\tscript:alert(1)")
    with pytest.raises(UnsafeUrlError, match="scheme 'vbscript'"):
        check_url("VBScript:msgbox(1)")
    with pytest.raises(UnsafeUrlError, match="not an absolute URL"):
        check_url("//evil.example")
    with pytest.raises(UnsafeUrlError, match="no host"):
        check_url("https:evil.example")
    with pytest.raises(UnsafeUrlError, match="must be text, got int"):
        check_url(12)
    with pytest.raises(UnsafeUrlError, match="…"):  # long values are shortened in messages
        check_url("javascript:" + "x" * 500)


def _browser_scheme(value: str) -> str | None:
    """The scheme a browser would read (WHATWG basic URL parser, first steps)."""
    return literal_scheme(value.strip("".join(map(chr, range(33)))))


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(max_size=40),
        st.builds(
            lambda scheme, noise, rest: scheme[:2] + noise + scheme[2:] + rest,
            st.sampled_from(["javascript:", "data:", "vbscript:", "https://", "mailto:", "//"]),
            st.text(alphabet="\t\n\r\x00 \u200b\ufeff:/", max_size=3),
            st.text(max_size=20),
        ),
    )
)
def test_an_accepted_url_has_an_allowed_scheme_for_browsers_too(value: str) -> None:
    try:
        checked = check_url(value)
    except UnsafeUrlError:
        return
    assert checked == value
    assert _browser_scheme(value) in URL_SCHEMES
    assert value.split(":", 1)[0].lower() in URL_SCHEMES
    assert not any(char.isspace() or not char.isprintable() for char in value)


# -- the url variable type ----------------------------------------------------------------------


def test_url_variables_check_values() -> None:
    spec = VariableSpec(type="url")
    assert spec.check("link", "https://shop.example/a") == "https://shop.example/a"
    with pytest.raises(UnsafeUrlError, match="variable 'link'"):
        spec.check("link", "javascript:alert(1)")
    with pytest.raises(TemplateError):
        spec.check("link", 3)


def test_url_fallbacks_are_checked_when_declared() -> None:
    assert VariableSpec(type="url", fallback="https://shop.example").fallback == (
        "https://shop.example"
    )
    with pytest.raises(UnsafeUrlError, match="fallback"):
        VariableSpec(type="url", fallback="javascript:alert(1)")
    with pytest.raises(CatalogError, match="javascript"):
        _source({"link": {"type": "url", "fallback": "javascript:alert(1)"}}, "x")


def _source(variables: dict[str, Any], html: str, *, strict: bool = True) -> CatalogSource:
    return CatalogSource.from_mapping(
        {"catalog": {"default_locale": "en"}, "responses": {"k": {"variables": variables}}},
        {"en": {"k": {"email": {"subject": "Hi", "text": "Hi", "html": html}}}},
        strict=strict,
    )


def test_render_refuses_a_hostile_link_and_escapes_a_good_one() -> None:
    catalog = ResponseCatalog(_source({"link": {"type": "url"}}, '<p><a href="{link}">x</a></p>'))
    for hostile in ("javascript:alert(1)", "java\tscript:alert(1)", "//evil.example"):
        with pytest.raises(UnsafeUrlError):
            catalog.render("k", locale="en", values={"link": hostile})
    out = catalog.render("k", locale="en", values={"link": 'https://shop.example/?a=1&b="2"'})
    assert out.html == '<p><a href="https://shop.example/?a=1&amp;b=&#34;2&#34;">x</a></p>'


# -- lint -----------------------------------------------------------------------------------------


def _url_problems(variables: dict[str, Any], html: str) -> list[str]:
    problems = lint(_source(variables, html, strict=False))
    return [p.message for p in problems if p.code == "unsafe-url"]


TEXT = {"type": "text"}
URL = {"type": "url"}


@pytest.mark.parametrize(
    "html",
    [
        '<p><a href="{link}">label</a></p>',
        '<p><a HREF="{link}">label</a></p>',
        "<p><a href={link}>label</a></p>",
        '<p><a href=" {link}">label</a></p>',
        '<p><a href="java{link}">label</a></p>',
        '<p><img src="{link}"></p>',
        '<form action="{link}"><button formaction="{link}">Go</button></form>',
        '<blockquote cite="{link}">q</blockquote>',
    ],
)
def test_lint_flags_a_text_argument_that_sets_a_link(html: str) -> None:
    found = _url_problems({"link": TEXT}, html)
    assert found and all("{link} can set the scheme" in message for message in found)
    assert _url_problems({"link": URL}, html) == []


@pytest.mark.parametrize(
    "html",
    [
        '<p><a href="https://shop.example/orders/{link}">order</a></p>',
        '<p><a href="/orders/{link}">order</a></p>',
        '<p><a href="?order={link}">order</a></p>',
        '<p><a href="#{link}">order</a></p>',
        '<p><a title="{link}" href="https://shop.example">shop</a></p>',
        "<p>{link}</p>",
    ],
)
def test_lint_allows_arguments_after_a_fixed_scheme(html: str) -> None:
    assert _url_problems({"link": TEXT}, html) == []


def test_lint_checks_each_argument_of_a_composed_link() -> None:
    html = '<p><a href="{base}{path}">x</a></p>'
    assert len(_url_problems({"base": TEXT, "path": TEXT}, html)) == 2
    assert _url_problems({"base": URL, "path": TEXT}, html) == []
    assert len(_url_problems({"base": TEXT, "path": URL}, html)) == 1


def test_lint_looks_inside_plural_and_select_branches() -> None:
    html = '<p>{kind, select, a {<a href="{link}">a</a>} other {none}}</p>'
    variables = {"kind": {"type": "enum", "choices": ["a"]}, "link": TEXT}
    assert len(_url_problems(variables, html)) == 1


@pytest.mark.parametrize(
    "href", ["javascript:void(0)", "  JavaScript:void(0)", "java&#x09;script:x", "data:,x"]
)
def test_lint_flags_a_link_with_a_bad_scheme_in_the_template_itself(href: str) -> None:
    found = _url_problems({"link": TEXT}, f'<p><a href="{href}">x</a>{{link}}</p>')
    assert len(found) == 1 and "uses the scheme" in found[0]


def test_lint_points_at_the_line_of_the_link(tmp_path: Any) -> None:
    (tmp_path / "catalog.toml").write_text(
        '[responses.k.variables]\nlink = { type = "text" }\n', encoding="utf-8"
    )
    (tmp_path / "en.toml").write_text(
        '[k.email]\nsubject = "Hi"\ntext = "Hi {link}"\nhtml = """\n<p>Hi,</p>\n'
        '<p><a href="{link}">here</a></p>"""\n',
        encoding="utf-8",
    )
    (problem,) = [p for p in lint(tmp_path) if p.code == "unsafe-url"]
    assert (problem.line, problem.field, problem.severity) == (6, "html", "error")
