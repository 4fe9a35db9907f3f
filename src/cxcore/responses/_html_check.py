"""HTML checks for lint: is an HTML template well-formed in every branch, and can a value set
the scheme of a link?

Lint renders sample renditions of the template (every combination of plural/select branches,
capped) with each argument replaced by a marker that names it, and reads them with the
standard library's HTML parser.

Examples:
    >>> from cxcore.responses.message import compile_message
    >>> check_html(compile_message('<p><a href="{link}">here</a>'), frozenset())
    ([('<p> is never closed', 1)],
     [('{link} can set the scheme of <a href> (javascript:, data:...) \
but is not declared as a url (type = "url")', 1)])
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from html.parser import HTMLParser

from cxcore.responses._nodes import HashNode, Parts, PluralNode, SelectNode
from cxcore.responses.message import Message
from cxcore.responses.urls import URL_ATTRIBUTES, URL_SCHEMES, literal_scheme, scheme_setters

__all__ = ["check_html"]

_VOID = frozenset(
    "area base br col embed hr img input link meta source track wbr".split()  # noqa: SIM905
)
_HTML_SAMPLES = 64
# An argument in a sample rendition: starts with a letter so that it reads as a name in a tag.
_MARK = re.compile("x\ue000([A-Za-z][A-Za-z0-9_]*)\ue001")


class _TagChecker(HTMLParser):
    """Collects tags that do not nest and links whose scheme a value could set."""

    def __init__(self, urls: frozenset[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.urls = urls
        self.stack: list[tuple[str, int]] = []
        self.errors: list[tuple[str, int]] = []
        self.links: list[tuple[str, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for attribute, value in attrs:
            if attribute in URL_ATTRIBUTES and value:
                self.link(tag, attribute, value)
        if tag not in _VOID:
            self.stack.append((tag, self.getpos()[0]))

    def link(self, tag: str, attribute: str, value: str) -> None:
        line = self.getpos()[0]
        pieces: list[tuple[bool, str]] = []
        position = 0
        for found in _MARK.finditer(value):
            if found.start() > position:
                pieces.append((False, value[position : found.start()]))
            pieces.append((True, found.group(1)))
            position = found.end()
        if position < len(value):
            pieces.append((False, value[position:]))
        if not pieces[0][0]:
            scheme = literal_scheme(pieces[0][1])
            if scheme is not None and scheme not in URL_SCHEMES:
                self.links.append((f"<{tag} {attribute}> uses the scheme {scheme!r}", line))
        for name in scheme_setters(pieces, self.urls):
            self.links.append(
                (
                    f"{{{name}}} can set the scheme of <{tag} {attribute}> (javascript:, data:...) "
                    'but is not declared as a url (type = "url")',
                    line,
                )
            )

    def handle_endtag(self, tag: str) -> None:
        line = self.getpos()[0]
        if tag in _VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            expected = f"</{self.stack[-1][0]}>" if self.stack else "no closing tag"
            self.errors.append((f"</{tag}> does not match: expected {expected}", line))
            return
        self.stack.pop()

    def finish(self) -> list[tuple[str, int]]:
        self.close()
        self.errors.extend((f"<{tag}> is never closed", line) for tag, line in self.stack)
        return self.errors


def _renditions(message: Message) -> Iterable[str]:
    """Sample renditions of an HTML template: every combination of plural/select branches
    (capped), with each argument replaced by a marker that names it."""

    def walk(parts: Parts) -> list[str]:
        results = [""]
        for part in parts:
            if isinstance(part, str):
                options = [part]
            elif isinstance(part, HashNode):
                options = ["1"]
            elif isinstance(part, PluralNode | SelectNode):
                branches = list(part.options.values())
                if isinstance(part, PluralNode):
                    branches += list(part.exact.values())
                options = [text for branch in branches for text in walk(branch)]
            else:
                options = [f"x\ue000{part.name}\ue001"]
            results = [
                a + b
                for a, b in itertools.islice(itertools.product(results, options), _HTML_SAMPLES)
            ]
        return results

    return walk(message._parts)


def check_html(
    message: Message, urls: frozenset[str]
) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """Tag errors of the first sample rendition that has any, and every unsafe link."""
    errors: list[tuple[str, int]] = []
    links: dict[str, int] = {}
    for sample in _renditions(message):
        checker = _TagChecker(urls)
        checker.feed(sample)
        found = checker.finish()
        errors = errors or found
        for problem, line in checker.links:
            links.setdefault(problem, line)
    return errors, list(links.items())
