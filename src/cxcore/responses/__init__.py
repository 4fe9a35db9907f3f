"""Canned responses: localised ICU MessageFormat templates, rendered safely and linted.

Examples:
    >>> from datetime import date
    >>> days = "{n, plural, one {# dzień} few {# dni} many {# dni} other {# dnia}}"
    >>> format_message(days, "pl", {"n": 5})
    '5 dni'
    >>> plural_category("fi", 1)
    'one'

See [`ResponseCatalog`][cxcore.ResponseCatalog] for catalogs, [`lint`][cxcore.responses.lint.lint]
for checking them and [`builtin_catalog`][cxcore.builtin_catalog] for the built-in library.
"""

from __future__ import annotations

from cxcore._lazy import lazy_package, modules_of

# Not typing.TYPE_CHECKING: importing typing (and re with it) would double the cost of
# `import cxcore`. Type checkers treat a constant of this name the same way.
TYPE_CHECKING = False

if TYPE_CHECKING:
    from cxcore.responses.catalog import (
        LIBRARY_PARTS,
        RenderedResponse,
        ResponseCatalog,
        builtin_catalog,
    )
    from cxcore.responses.formatting import (
        LocaleFormatter,
        calendar_of,
        format_date,
        format_datetime,
        format_duration,
        format_list,
        format_money,
        format_number,
        format_time,
        formatter_for,
        plural_category,
    )
    from cxcore.responses.lint import LINT_CODES, lint
    from cxcore.responses.message import (
        ArgumentUse,
        Limits,
        Message,
        MessageIssue,
        analyse_message,
        compile_message,
        format_message,
    )
    from cxcore.responses.source import CatalogSource, LintProblem, Origin, load_directory
    from cxcore.responses.template import (
        CannedResponse,
        VariableSpec,
        VariableType,
        Variant,
        variant_chain,
    )

_EXPORTS = modules_of(
    {
        "cxcore.responses.catalog": (
            "LIBRARY_PARTS",
            "RenderedResponse",
            "ResponseCatalog",
            "builtin_catalog",
        ),
        "cxcore.responses.formatting": (
            "LocaleFormatter",
            "calendar_of",
            "format_date",
            "format_datetime",
            "format_duration",
            "format_list",
            "format_money",
            "format_number",
            "format_time",
            "formatter_for",
            "plural_category",
        ),
        "cxcore.responses.lint": (
            "LINT_CODES",
            "lint",
        ),
        "cxcore.responses.message": (
            "ArgumentUse",
            "Limits",
            "Message",
            "MessageIssue",
            "analyse_message",
            "compile_message",
            "format_message",
        ),
        "cxcore.responses.source": (
            "CatalogSource",
            "LintProblem",
            "Origin",
            "load_directory",
        ),
        "cxcore.responses.template": (
            "CannedResponse",
            "VariableSpec",
            "VariableType",
            "Variant",
            "variant_chain",
        ),
    }
)

lazy_package(__name__)

__all__ = [
    "LIBRARY_PARTS",
    "LINT_CODES",
    "ArgumentUse",
    "CannedResponse",
    "CatalogSource",
    "Limits",
    "LintProblem",
    "LocaleFormatter",
    "Message",
    "MessageIssue",
    "Origin",
    "RenderedResponse",
    "ResponseCatalog",
    "VariableSpec",
    "VariableType",
    "Variant",
    "analyse_message",
    "builtin_catalog",
    "calendar_of",
    "compile_message",
    "format_date",
    "format_datetime",
    "format_duration",
    "format_list",
    "format_message",
    "format_money",
    "format_number",
    "format_time",
    "formatter_for",
    "lint",
    "load_directory",
    "plural_category",
    "variant_chain",
]
