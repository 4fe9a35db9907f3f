"""HTML checks for lint: is an HTML template well-formed, and is every value placed where it
can be escaped?

Safety is checked completely: the context reader (the same one that compiles HTML templates,
see ``_html_context``) reads every branch once and reports every value in a context that cannot
be escaped, every link whose scheme a non-url value could set, and unsafe markup of the
template's own. Nesting (``<p>`` never closed) is checked on sample renditions (every
combination of plural/select branches, capped) with the standard library's HTML parser.

Examples:
    >>> from cxcore.responses.message import compile_message
    >>> errors, issues = check_html(compile_message('<p><a href="{link}">here</a>'), frozenset())
    >>> errors, [(issue.code, issue.name) for issue in issues]
    ([('<p> is never closed', 1)], [('unsafe-url', 'link')])
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from html.parser import HTMLParser

from cxcore.responses._html_context import HtmlIssue, html_issues
from cxcore.responses._nodes import HashNode, Parts, PluralNode, SelectNode
from cxcore.responses.message import Message

__all__ = ["check_html"]

_VOID = frozenset(
    "area base br col embed hr img input link meta source track wbr".split()  # noqa: SIM905
)
_HTML_SAMPLES = 64


class _TagChecker(HTMLParser):
    """Collects tags that do not nest."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, int]] = []
        self.errors: list[tuple[str, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID:
            self.stack.append((tag, self.getpos()[0]))

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
            else:  # an argument: starts with a letter so that it reads as a name in a tag
                options = [f"x\ue000{part.name}\ue001"]
            results = [
                a + b
                for a, b in itertools.islice(itertools.product(results, options), _HTML_SAMPLES)
            ]
        return results

    return walk(message._parts)


def check_html(
    message: Message, urls: frozenset[str]
) -> tuple[list[tuple[str, int]], list[HtmlIssue]]:
    """Tag errors of the first sample rendition that has any (with their line), and every
    context issue; ``urls`` names the arguments declared as ``url``."""
    errors: list[tuple[str, int]] = []
    for sample in _renditions(message):
        checker = _TagChecker()
        checker.feed(sample)
        found = checker.finish()
        if found:
            errors = found
            break
    return errors, html_issues(message._parts, urls)
