"""Find literal text that repeats what the formatted value beside it already says.

CLDR patterns carry their own words and signs: a Thai short time is ``HH:mm น.`` in newer CLDR
data, a percentage carries ``%``. A translator who writes ``{t, time, short} น.`` against older
data gets ``16:00 น. น.`` once Babel's data catches up. This check reads the pattern that the
installed Babel uses for each date, time and percent placeholder in the catalog's locale and
reports literal text that repeats the pattern's own leading or trailing text.

Examples:
    >>> [issue.text for issue in repeated_text("{share, number, percent} % of orders", "en")]
    ['%']
    >>> repeated_text("{t, time, HH:mm} น.", "th")
    []
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from babel.dates import tokenize_pattern
from pyicumessageformat import Parser

from cxcore.responses._numbers import number_pattern
from cxcore.responses.formatting import formatter_for

__all__ = ["RepeatedText", "repeated_text"]

_SPACES = " \t\n\xa0\u202f\u2009"
_DATE_KINDS = frozenset({"date", "time", "datetime"})


@dataclass(frozen=True, slots=True)
class RepeatedText:
    """Literal text next to the argument ``name`` that its formatted value already carries:
    ``text`` is the repeated part, ``pattern`` the CLDR pattern it comes from and ``offset`` the
    argument's place in the message.

    Examples:
        >>> repeated_text("{t, time, HH:mm น.} น.", "th")[0].pattern
        'HH:mm น.'
    """

    name: str
    text: str
    pattern: str
    offset: int


_Edge = tuple[str, str, RepeatedText]


def _edges(node: dict[str, Any], locale: str) -> list[_Edge]:
    """(leading text, trailing text, where) of each value that can begin or end where
    ``node`` stands: the node itself, or for plural/select the values at the edges of its
    branches."""
    kind = node.get("type")
    style = node.get("format")
    if kind in _DATE_KINDS:
        fmt = formatter_for(locale)
        pattern = fmt.date_pattern(kind, style if isinstance(style, str) else "medium")
        tokens = list(tokenize_pattern(pattern))
        lead = "".join(str(t) for k, t in _prefix(tokens))
        trail = "".join(str(t) for k, t in reversed(_prefix(list(reversed(tokens)))))
        return [(lead, trail, _where(node, pattern))]
    if kind == "number" and style == "percent":
        compiled = number_pattern(formatter_for(locale).locale, "percent", None)
        return [(compiled.prefix[0], compiled.suffix[0], _where(node, compiled.pattern))]
    options = node.get("options")
    if isinstance(options, dict):
        found: list[_Edge] = []
        for branch in options.values():
            if branch and isinstance(branch[0], dict):
                found += [(lead, "", at) for lead, _, at in _edges(branch[0], locale)]
            if branch and isinstance(branch[-1], dict):
                found += [("", trail, at) for _, trail, at in _edges(branch[-1], locale)]
        return found
    return []


def _where(node: dict[str, Any], pattern: str) -> RepeatedText:
    return RepeatedText(str(node.get("name", "")), "", pattern, int(node.get("start", 0)))


def _prefix(tokens: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """The literal tokens before the first field."""
    out = []
    for kind, token in tokens:
        if kind != "chars":
            break
        out.append((kind, token))
    return out


def _walk(sequence: list[Any], locale: str, found: list[RepeatedText]) -> None:
    for index, item in enumerate(sequence):
        if not isinstance(item, dict):
            continue
        before = sequence[index - 1] if index and isinstance(sequence[index - 1], str) else ""
        after = sequence[index + 1] if index + 1 < len(sequence) else ""
        after = after if isinstance(after, str) else ""
        for lead, trail, at in _edges(item, locale):
            lead, trail = lead.strip(_SPACES), trail.strip(_SPACES)
            if trail and after.lstrip(_SPACES).startswith(trail):
                found.append(RepeatedText(at.name, trail, at.pattern, at.offset))
            if lead and before.rstrip(_SPACES).endswith(lead):
                found.append(RepeatedText(at.name, lead, at.pattern, at.offset))
        for branch in (item.get("options") or {}).values():
            _walk(branch, locale, found)


def repeated_text(message: str, locale: str) -> list[RepeatedText]:
    """Every place in ``message`` where literal text repeats the leading or trailing text of
    the CLDR pattern that formats the value beside it, in ``locale`` and the installed Babel.

    Examples:
        >>> [(i.name, i.text) for i in repeated_text("{share, number, percent}% done", "en")]
        [('share', '%')]
    """
    tree = Parser({"include_indices": True, "require_other": False}).parse(message)
    found: list[RepeatedText] = []
    _walk(tree, locale, found)
    return list(dict.fromkeys(found))
