"""Lint a catalog: find every problem in its templates, with file and line, before a customer
does.

Checks: loading errors, ICU syntax errors and unsafe argument names, arguments used but not
declared, declared variables never used, plurals without ``other``, plural categories that the
locale's CLDR rules do not have (a Polish ``few`` is fine, an English ``few`` is not), arguments
used with a type that does not fit the declaration, variants whose arguments differ from the
default locale's, locales and variants missing for a key, literal text that repeats what a
formatted value already carries in the installed CLDR data, HTML that is not well-formed, and
every HTML value placed where escaping cannot make it safe (checked in every branch).

Examples:
    >>> from cxcore.responses.source import CatalogSource
    >>> source = CatalogSource.from_mapping(
    ...     {"catalog": {"default_locale": "en"},
    ...      "responses": {"hi": {"variables": {"n": {"type": "number"}}}}},
    ...     {"en": {"hi": {"chat": {
    ...         "text": "{n, plural, one {# day} few {# days} other {# days}}"}}}},
    ... )
    >>> [(p.code, p.locale) for p in lint(source)]
    [('plural-category', 'en')]
"""

from __future__ import annotations

from os import PathLike
from typing import Any

from cxcore._locale import get_locale
from cxcore.errors import CatalogError, CxError
from cxcore.responses._html_check import check_html
from cxcore.responses._html_context import HtmlIssue
from cxcore.responses._repeated_text import repeated_text
from cxcore.responses.formatting import formatter_for
from cxcore.responses.message import (
    DEFAULT_LIMITS,
    ArgumentUse,
    Limits,
    analyse_message,
)
from cxcore.responses.source import CatalogSource, LintProblem, Origin, load_directory
from cxcore.responses.template import VARIANT_NAMES, CannedResponse, VariableType

__all__ = ["LINT_CODES", "lint"]

LINT_CODES: dict[str, str] = {
    "load": "a file could not be read or holds an invalid entry",
    "syntax": "the template is not valid ICU MessageFormat",
    "unsafe-name": "an argument name reaches for attributes, items or calls",
    "too-deep": "plural/select nesting is deeper than the limit",
    "too-long": "the template is longer than the limit",
    "unknown-type": "an argument type that does not exist",
    "unsupported-type": "an ICU argument type whose data Babel does not ship (spellout, ordinal)",
    "bad-style": "a number, date, list or duration style that does not exist",
    "undeclared-argument": "the template uses an argument the catalog does not declare",
    "unused-variable": "a declared variable is used by no template",
    "plural-without-other": "a plural or select has no 'other' branch",
    "plural-category": "a plural category that the locale's CLDR rules do not have",
    "argument-type": "an argument is used in a way its declared type cannot be",
    "argument-mismatch": "a variant uses other arguments than the default locale's",
    "missing-locale": "a key has no texts in a locale the catalog has",
    "missing-variant": "a locale lacks a variant that the default locale has",
    "unknown-variant": "a variant name that no channel uses",
    "repeated-text": "literal text repeats what the formatted value beside it already carries "
    "in the locale's CLDR pattern (a Thai time followed by its own particle)",
    "html": "the HTML rendition is not well-formed",
    "html-context": "a value is placed where HTML escaping cannot make it safe (a tag or "
    "attribute name, an unquoted attribute, an event handler, style, script, srcdoc, srcset)",
    "unsafe-markup": "the template's own HTML runs script or loads another page (<script>, "
    "<iframe>, <object>, on* attributes, meta refresh, SVG animation)",
    "unsafe-url": "a link (href, src, action...) whose scheme a non-url argument could set, "
    "or whose own text uses a scheme other than http, https, mailto or tel",
}
"""Every problem code lint reports, with what it means."""

_FITS: dict[VariableType, frozenset[str]] = {
    VariableType.TEXT: frozenset({"any", "select"}),
    VariableType.ENUM: frozenset({"any", "select"}),
    VariableType.NUMBER: frozenset({"any", "number", "plural", "selectordinal"}),
    VariableType.MONEY: frozenset({"any", "number", "money"}),
    VariableType.DATE: frozenset({"any", "date"}),
    VariableType.DATETIME: frozenset({"any", "date", "time", "datetime"}),
    VariableType.DURATION: frozenset({"any", "duration"}),
    VariableType.LIST: frozenset({"any", "list"}),
    VariableType.URL: frozenset({"any"}),
}


def _offset_of(issue: HtmlIssue, uses: tuple[ArgumentUse, ...], text: str) -> int:
    """Where in ``text`` an HTML issue is: its argument's first use, or its own markup."""
    if issue.name is not None:
        for use in uses:
            if use.name == issue.name:
                return use.offset
    if issue.needle:
        found = text.lower().find(issue.needle)
        if found >= 0:
            return found
    return 0


class _Linter:
    def __init__(self, default_locale: str, limits: Limits) -> None:
        self.default_locale = default_locale
        self.limits = limits
        self.problems: list[LintProblem] = []

    def add(
        self,
        code: str,
        message: str,
        origin: Origin | None,
        *,
        severity: str = "error",
        text: str | None = None,
        offset: int | None = None,
        line_in_text: int | None = None,
        **where: Any,
    ) -> None:
        line = origin.line if origin else None
        if origin is not None and text is not None and offset is not None:
            line = origin.line_at(text, offset)
        if origin is not None and line_in_text is not None:
            line = origin.text_line(line_in_text)
        self.problems.append(
            LintProblem(
                code=code,
                message=message,
                severity=severity,
                file=origin.file if origin else None,
                line=line,
                **where,
            )
        )

    def response(self, response: CannedResponse, source: CatalogSource, locales: list[str]) -> None:
        key = response.key
        key_origin = source.origin(key)
        used_anywhere: set[str] = set()
        arguments: dict[tuple[str, str], set[str]] = {}
        urls = frozenset(
            name for name, spec in response.variables.items() if spec.type is VariableType.URL
        )
        for locale, variants in response.variants.items():
            fmt = formatter_for(locale)
            for variant_name, variant in variants.items():
                where: dict[str, Any] = {"key": key, "locale": locale, "variant": variant_name}
                variant_origin = source.origin(key, locale, variant_name) or key_origin
                if variant_name not in VARIANT_NAMES:
                    self.add(
                        "unknown-variant",
                        f"variant {variant_name!r} is used by no channel "
                        "(use email, chat, default or a channel name)",
                        variant_origin,
                        severity="warning",
                        **where,
                    )
                names: set[str] = set()
                for field, text in variant.fields().items():
                    origin = source.origin(key, locale, variant_name, field) or variant_origin
                    spot: dict[str, Any] = {**where, "field": field}
                    message, issues = analyse_message(text, limits=self.limits)
                    for issue in issues:
                        self.add(
                            issue.code,
                            issue.message,
                            origin,
                            text=text,
                            offset=issue.offset,
                            **spot,
                        )
                    if message is None:
                        continue
                    for use in message.uses:
                        names.add(use.name)
                        self.use(
                            use,
                            response,
                            fmt.plural_categories,
                            fmt.ordinal_categories,
                            origin,
                            text,
                            spot,
                        )
                    for repeat in repeated_text(text, locale):
                        self.add(
                            "repeated-text",
                            f"{repeat.text!r} after {{{repeat.name}}} repeats what its "
                            f"{locale} pattern {repeat.pattern!r} already writes",
                            origin,
                            text=text,
                            offset=repeat.offset,
                            **spot,
                        )
                    if field == "html":
                        errors, html_found = check_html(message, urls)
                        for error, line in errors:
                            self.add("html", error, origin, line_in_text=line, **spot)
                        for found in html_found:
                            offset = _offset_of(found, message.uses, text)
                            self.add(
                                found.code, found.message, origin, text=text, offset=offset, **spot
                            )
                used_anywhere |= names
                arguments[(locale, variant_name)] = names
        for name in response.variables:
            if name not in used_anywhere:
                self.add(
                    "unused-variable",
                    f"variable {name!r} is declared but no text uses it",
                    source.origin(key, "variables", name) or key_origin,
                    severity="warning",
                    key=key,
                )
        self.compare(response, arguments, source, locales)

    def use(
        self,
        use: ArgumentUse,
        response: CannedResponse,
        cardinal: frozenset[str],
        ordinal: frozenset[str],
        origin: Origin | None,
        text: str,
        where: dict[str, Any],
    ) -> None:
        spec = response.variables.get(use.name)
        if spec is None:
            self.add(
                "undeclared-argument",
                f"argument {use.name!r} is not declared in the catalog's variables",
                origin,
                text=text,
                offset=use.offset,
                **where,
            )
        elif use.type not in _FITS[spec.type]:
            self.add(
                "argument-type",
                f"{{{use.name}, {use.type}}} does not fit its declared type {spec.type.value}",
                origin,
                text=text,
                offset=use.offset,
                **where,
            )
        if use.type in ("plural", "selectordinal"):
            allowed = ordinal if use.type == "selectordinal" else cardinal
            for selector in use.selectors:
                if not selector.startswith("=") and selector not in allowed:
                    self.add(
                        "plural-category",
                        f"{selector!r} is not a {'ordinal ' if use.type == 'selectordinal' else ''}"
                        f"plural category of {where['locale']} (CLDR has: "
                        + ", ".join(sorted(allowed))
                        + ")",
                        origin,
                        text=text,
                        offset=use.offset,
                        **where,
                    )
        if use.type == "select" and spec is not None and spec.type is VariableType.ENUM:
            for selector in use.selectors:
                if selector != "other" and selector not in spec.choices:
                    self.add(
                        "argument-type",
                        f"select branch {selector!r} is not one of the "
                        f"choices {list(spec.choices)}",
                        origin,
                        text=text,
                        offset=use.offset,
                        severity="warning",
                        **where,
                    )

    def compare(
        self,
        response: CannedResponse,
        arguments: dict[tuple[str, str], set[str]],
        source: CatalogSource,
        locales: list[str],
    ) -> None:
        key = response.key
        default = self.default_locale
        for locale in locales:
            if locale not in response.variants:
                self.add(
                    "missing-locale",
                    f"no {locale} texts for {key!r}",
                    source.origin(key),
                    key=key,
                    locale=locale,
                )
        reference = response.variants.get(default)
        if reference is None:
            return
        for locale, variants in response.variants.items():
            if locale == default:
                continue
            for variant_name in reference:
                if variant_name not in variants:
                    self.add(
                        "missing-variant",
                        f"{locale} has no {variant_name!r} variant while {default} has",
                        source.origin(key, locale, variant_name) or source.origin(key),
                        severity="warning",
                        key=key,
                        locale=locale,
                        variant=variant_name,
                    )
                    continue
                mine = arguments.get((locale, variant_name), set())
                theirs = arguments.get((default, variant_name), set())
                optional = {n for n, s in response.variables.items() if s.fallback is not None}
                if mine != theirs:
                    # Leaving out an argument that has a fallback (a greeting name) is a
                    # translator's choice; leaving out required facts, or adding some, is not.
                    severity = "warning" if mine < theirs and theirs - mine <= optional else "error"
                    parts = []
                    if theirs - mine:
                        parts.append("missing " + ", ".join(sorted(theirs - mine)))
                    if mine - theirs:
                        parts.append("extra " + ", ".join(sorted(mine - theirs)))
                    self.add(
                        "argument-mismatch",
                        f"arguments differ from {default}: " + "; ".join(parts),
                        source.origin(key, locale, variant_name),
                        severity=severity,
                        key=key,
                        locale=locale,
                        variant=variant_name,
                    )


def lint(
    target: object,
    *,
    default_locale: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> list[LintProblem]:
    """Every problem in ``target``: a catalog directory path, a
    [`CatalogSource`][cxcore.responses.CatalogSource], or a
    [`ResponseCatalog`][cxcore.ResponseCatalog]. Problems are sorted by file and line.

    Examples:
        >>> lint("/nonexistent")[0].code
        'load'
    """
    from cxcore.responses.catalog import ResponseCatalog

    if isinstance(target, str | PathLike):
        try:
            target = load_directory(target, strict=False)
        except CxError as exc:
            return [LintProblem(code="load", message=str(exc), file=str(target))]
    if isinstance(target, CatalogSource):
        sources: tuple[CatalogSource, ...] = (target,)
        pairs = [(response, target) for response in target.responses]
        default = default_locale or target.default_locale or "en"
    elif isinstance(target, ResponseCatalog):
        sources = target.sources
        pairs = [(target.get(key), target.source_of(key)) for key in target.keys()]  # noqa: SIM118
        default = default_locale or target.default_locale
    else:
        raise CatalogError(
            f"cannot lint a {type(target).__name__}: give a catalog directory, a CatalogSource "
            "or a ResponseCatalog"
        )
    get_locale(default)
    linter = _Linter(default, limits)
    for source in sources:
        linter.problems.extend(source.problems)
    for response, source in pairs:
        locales = sorted(set(source.locales) | {default} if source.locales else set())
        linter.response(response, source, locales)
    return sorted(
        linter.problems,
        key=lambda p: (p.file or "", p.line or 0, p.key or "", p.locale or "", p.code),
    )
