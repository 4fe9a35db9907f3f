"""Catalog sources: a directory of TOML/JSON/YAML files, or data held in memory.

A source directory holds ``catalog.toml`` (metadata and declared variables for every response)
and one file per locale (``en.toml``, ``pl.json``, ``th.yaml``...) with the texts per key and
variant. Loading never runs code from the files; it records where each text came from (file and
line) so that [`lint`][cxcore.responses.lint.lint] can point at it.

Examples:
    >>> source = CatalogSource.from_mapping(
    ...     {"catalog": {"default_locale": "en"},
    ...      "responses": {"hello": {"variables": {"name": {"type": "text"}}}}},
    ...     {"en": {"hello": {"chat": {"text": "Hi {name}!"}}}},
    ... )
    >>> source.responses[0].variants["en"]["chat"].text
    'Hi {name}!'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from os import PathLike
from pathlib import Path
from typing import Any

from pydantic import Field

from cxcore._locale import normalize_locale
from cxcore._model import CxModel, ReadOnlyDict
from cxcore.errors import CatalogError, CxError
from cxcore.responses._origins import LineFinder, LintProblem, Origin
from cxcore.responses._reading import META_FILES, SUFFIXES, collect_responses, read_table
from cxcore.responses.template import CannedResponse, VariableSpec, Variant

__all__ = ["CatalogSource", "LintProblem", "Origin", "load_directory"]


def _problem_line(exc: Exception) -> int | None:
    found = re.search(r"line (\d+)", str(exc))
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "lineno", None)
    if isinstance(mark, int):
        return mark
    if mark is not None and hasattr(mark, "line"):
        return int(mark.line) + 1
    return int(found.group(1)) if found else None


class CatalogSource(CxModel):
    """Responses from one place, with where each part came from and the problems found while
    loading. Build with [`load_directory`][cxcore.responses.load_directory],
    [`from_mapping`][cxcore.responses.source.CatalogSource.from_mapping] or
    [`from_responses`][cxcore.responses.source.CatalogSource.from_responses].

    Examples:
        >>> src = CatalogSource.from_responses([CannedResponse(key="a")], default_locale="pl")
        >>> src.default_locale, src.keys
        ('pl', ('a',))
    """

    name: str = "memory"
    default_locale: str | None = None
    locale_defaults: ReadOnlyDict[str, str] = Field(default_factory=dict)
    locales: tuple[str, ...] = ()
    responses: tuple[CannedResponse, ...] = ()
    origins: ReadOnlyDict[str, Origin] = Field(default_factory=dict)
    problems: tuple[LintProblem, ...] = ()

    @property
    def keys(self) -> tuple[str, ...]:
        """The response keys of this source, in load order."""
        return tuple(response.key for response in self.responses)

    def origin(self, *path: str) -> Origin | None:
        """Where ``key[, locale[, variant[, field]]]`` (or ``key, "variables", name``) came from.

        Examples:
            >>> CatalogSource().origin("a") is None
            True
        """
        return self.origins.get("|".join(path))

    @classmethod
    def from_responses(
        cls,
        responses: Iterable[CannedResponse],
        *,
        default_locale: str | None = None,
        locale_defaults: Mapping[str, str] | None = None,
        name: str = "memory",
    ) -> CatalogSource:
        """A source holding ready-made [`CannedResponse`][cxcore.CannedResponse] objects."""
        items = tuple(responses)
        locales = sorted({locale for response in items for locale in response.variants})
        return cls(
            name=name,
            default_locale=normalize_locale(default_locale) if default_locale else None,
            locale_defaults=dict(locale_defaults or {}),
            locales=tuple(locales),
            responses=items,
        )

    @classmethod
    def from_mapping(
        cls,
        meta: Mapping[str, Any],
        texts: Mapping[str, Mapping[str, Any]],
        *,
        name: str = "memory",
        strict: bool = True,
    ) -> CatalogSource:
        """A source from the same structure the files hold: ``meta`` as in ``catalog.toml``,
        ``texts`` mapping each locale to what its locale file holds."""
        return _Builder(name, strict).build(meta, texts, {}, {})


class _Builder:
    def __init__(self, name: str, strict: bool) -> None:
        self.name = name
        self.strict = strict
        self.problems: list[LintProblem] = []
        self.origins: dict[str, Origin] = {}

    def problem(
        self,
        message: str,
        origin: Origin | None = None,
        severity: str = "error",
        **where: str | None,
    ) -> None:
        self.problems.append(
            LintProblem(
                code="load",
                message=message,
                severity=severity,
                file=origin.file if origin else self.name,
                line=origin.line if origin else None,
                **where,
            )
        )

    def locate(self, lines: Mapping[str, LineFinder], file_key: str, *path: str) -> Origin | None:
        finder = lines.get(file_key)
        if finder is None:
            return None
        origin = finder.origin(*path)
        return origin

    def build(
        self,
        meta: Mapping[str, Any],
        texts: Mapping[str, Mapping[str, Any]],
        lines: Mapping[str, LineFinder],
        files: Mapping[str, str],
    ) -> CatalogSource:
        settings = meta.get("catalog", {}) if isinstance(meta, Mapping) else {}
        declared = meta.get("responses", {}) if isinstance(meta, Mapping) else {}
        default_locale = None
        if settings.get("default_locale"):
            try:
                default_locale = normalize_locale(str(settings["default_locale"]))
            except CxError as exc:
                self.problem(str(exc), self.locate(lines, "catalog", "default_locale"))
        variants: dict[str, dict[str, dict[str, Variant]]] = {}
        locales: list[str] = []
        for raw_locale, table in texts.items():
            try:
                locale = normalize_locale(raw_locale)
            except CxError as exc:
                self.problem(
                    f"file name is not a locale: {exc}",
                    Origin(file=files.get(raw_locale, self.name)),
                )
                continue
            locales.append(locale)
            found: dict[str, dict[str, Any]] = {}
            collect_responses("", table if isinstance(table, Mapping) else {}, found)
            for key, body in found.items():
                for variant_name, fields in body.items():
                    origin = self.locate(lines, raw_locale, key, variant_name) or Origin(
                        file=files.get(raw_locale, self.name)
                    )
                    self.origins[f"{key}|{locale}|{variant_name}"] = origin
                    if not isinstance(fields, Mapping):
                        self.problem(f"{variant_name!r} must be a table", origin, key=key)
                        continue
                    for field in fields:
                        field_origin = self.locate(lines, raw_locale, key, variant_name, field)
                        if field_origin is not None:
                            self.origins[f"{key}|{locale}|{variant_name}|{field}"] = field_origin
                    try:
                        variant = Variant.model_validate(dict(fields))
                    except CxError as exc:
                        self.problem(str(exc), origin, key=key, locale=locale, variant=variant_name)
                        continue
                    variants.setdefault(key, {}).setdefault(locale, {})[variant_name] = variant
        responses = []
        for key in [*declared, *(k for k in variants if k not in declared)]:
            info = declared.get(key, {}) if isinstance(declared.get(key, {}), Mapping) else {}
            origin = self.locate(lines, "catalog", key) or Origin(
                file=files.get("catalog", self.name)
            )
            self.origins[key] = origin
            specs: dict[str, VariableSpec] = {}
            for var_name, spec in (info.get("variables") or {}).items():
                var_origin = self.locate(lines, "catalog", key, "variables", var_name)
                if var_origin is not None:
                    self.origins[f"{key}|variables|{var_name}"] = var_origin
                try:
                    specs[var_name] = VariableSpec.model_validate(
                        spec if isinstance(spec, Mapping) else {"type": spec}
                    )
                except CxError as exc:
                    self.problem(f"variable {var_name!r}: {exc}", var_origin or origin, key=key)
            extra = set(info) - {"title", "description", "tags", "variables"}
            if extra:
                self.problem(f"unknown fields {sorted(extra)}", origin, key=key)
            try:
                responses.append(
                    CannedResponse(
                        key=key,
                        title=str(info.get("title", "")),
                        description=str(info.get("description", "")),
                        tags=tuple(info.get("tags", ())),
                        variables=specs,
                        variants=variants.get(key, {}),
                    )
                )
            except CxError as exc:
                self.problem(str(exc), origin, key=key)
        source = CatalogSource(
            name=self.name,
            default_locale=default_locale,
            locale_defaults={
                str(k): str(v) for k, v in (settings.get("locale_defaults") or {}).items()
            },
            locales=tuple(sorted(locales)),
            responses=tuple(responses),
            origins=self.origins,
            problems=tuple(self.problems),
        )
        errors = [problem for problem in self.problems if problem.severity == "error"]
        if self.strict and errors:
            raise CatalogError(
                f"{self.name}: {len(errors)} problem(s) loading the catalog:\n"
                + "\n".join(str(problem) for problem in errors)
            )
        return source


def load_directory(path: str | PathLike[str], *, strict: bool = True) -> CatalogSource:
    """Load a catalog source directory (``catalog.toml`` plus one file per locale).

    With ``strict=True`` (the default) any loading problem raises
    [`CatalogError`][cxcore.errors.CatalogError] listing them all; with ``strict=False`` the
    problems are kept in `CatalogSource.problems` (this is what lint uses).

    Examples:
        >>> load_directory("/nonexistent")
        Traceback (most recent call last):
        ...
        cxcore.errors.CatalogError: catalog directory '/nonexistent' does not exist
    """
    root = Path(path)
    if not root.is_dir():
        raise CatalogError(f"catalog directory {str(path)!r} does not exist")
    builder = _Builder(str(root), strict)
    meta: Mapping[str, Any] = {}
    texts: dict[str, Any] = {}
    lines: dict[str, LineFinder] = {}
    files: dict[str, str] = {}
    for entry in sorted(root.iterdir()):
        if not entry.is_file() or entry.suffix not in SUFFIXES:
            continue
        is_meta = entry.name in META_FILES
        file_key = "catalog" if is_meta else entry.stem
        files[file_key] = str(entry)
        try:
            data = read_table(entry)
            if not isinstance(data, Mapping):
                raise CatalogError("the file must hold a table of keys")
        except (ValueError, CatalogError, UnicodeDecodeError) as exc:
            builder.problem(str(exc), Origin(file=str(entry), line=_problem_line(exc)))
            continue
        except Exception as exc:  # YAML errors have their own hierarchy
            builder.problem(f"cannot read: {exc}", Origin(file=str(entry), line=_problem_line(exc)))
            continue
        lines[file_key] = LineFinder(
            entry.read_text(encoding="utf-8"), str(entry), json_like=entry.suffix == ".json"
        )
        if is_meta:
            meta = data
        elif file_key in texts:
            builder.problem(f"two files for locale {file_key!r}", Origin(file=str(entry)))
        else:
            texts[file_key] = data
    if "catalog" not in files:
        builder.problem(
            "no catalog.toml: responses have no declared variables",
            Origin(file=str(root)),
            severity="warning",
        )
    return builder.build(meta, texts, lines, files)
