"""The built-in library read lazily: a part's ``catalog.toml`` at once, a locale's texts on
first use, no models.

[`builtin_catalog`][cxcore.builtin_catalog] used to load every file of every part through
[`load_directory`][cxcore.responses.load_directory]: all six locales, line numbers for lint,
and a pydantic model for every response, variable and variant, before the first render. A
render needs one response in one locale. A `LibraryPart` reads the declared responses of its
directory when made and a locale file when a render first asks for that locale; the catalog
builds the full [`CatalogSource`][cxcore.responses.CatalogSource] models (with every check
[`load_directory`][cxcore.responses.load_directory] makes) only when asked for them, e.g.
by [`ResponseCatalog.get`][cxcore.ResponseCatalog.get] or lint. The library's files are
checked by the tests, which also prove that both readings hold the same texts and variables.

Examples:
    >>> from cxcore.responses.catalog import library_path
    >>> part = LibraryPart(library_path() / "general")
    >>> handover = {r.key: r for r in part.responses}["chat.handover"]
    >>> handover.variant_for("pl", "live_chat")[0], sorted(part.loaded)
    ('chat', ['pl'])
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cxcore._locale import normalize_locale
from cxcore.responses._reading import META_FILES, SUFFIXES, collect_responses, read_table
from cxcore.responses._variables import DeclaredVariable, pick_variant

__all__ = ["LibraryPart", "LibraryResponse", "LibraryVariant"]


@dataclass(frozen=True, slots=True)
class LibraryVariant:
    """The texts of one variant, as [`Variant`][cxcore.responses.Variant] holds them.

    Examples:
        >>> list(LibraryVariant(subject="Hi", text="Hello").fields())
        ['subject', 'text']
    """

    subject: str | None = None
    text: str = ""
    html: str | None = None
    empty: bool = False

    def fields(self) -> dict[str, str]:
        """The message fields that are present (``subject``, ``text``, ``html``)."""
        found = {"subject": self.subject, "text": self.text, "html": self.html}
        return {name: value for name, value in found.items() if value}


class _Texts(Mapping[str, dict[str, LibraryVariant]]):
    """One response's variants per locale, read from the part's locale files on demand."""

    __slots__ = ("_key", "_part")

    def __init__(self, part: LibraryPart, key: str) -> None:
        self._part = part
        self._key = key

    def __getitem__(self, locale: str) -> dict[str, LibraryVariant]:
        found = self._part.texts(locale).get(self._key)
        if found is None:
            raise KeyError(locale)
        return found

    def __iter__(self) -> Iterator[str]:
        return (locale for locale in self._part.files if self._key in self._part.texts(locale))

    def __len__(self) -> int:
        return sum(1 for _ in self)


class LibraryResponse:
    """One response of the library: its declared variables and its texts, read lazily.

    Examples:
        >>> from cxcore.responses.catalog import library_path
        >>> part = LibraryPart(library_path() / "general")
        >>> response = part.responses[0]
        >>> response.key, "en" in response.variants
        ('ticket.acknowledged', True)
    """

    __slots__ = ("_variables", "key", "part", "variants")

    def __init__(self, part: LibraryPart, key: str) -> None:
        self.part = part
        self.key = key
        self.variants: Mapping[str, dict[str, LibraryVariant]] = _Texts(part, key)
        self._variables: dict[str, DeclaredVariable] | None = None

    @property
    def variables(self) -> dict[str, DeclaredVariable]:
        """The declared variables, read from ``catalog.toml`` on first use."""
        if self._variables is None:
            info = self.part.declared.get(self.key) or {}
            self._variables = {
                name: DeclaredVariable.read(spec)
                for name, spec in (info.get("variables") or {}).items()
            }
        return self._variables

    def variant_for(self, locale: str, channel: str) -> tuple[str, LibraryVariant] | None:
        """The variant name and variant that serve ``channel`` in exactly ``locale``, or None."""
        return pick_variant(self.part.texts(locale).get(self.key), channel)


class LibraryPart:
    """One directory of the built-in library: ``catalog.toml`` read at once, the locale files
    when first needed.

    Examples:
        >>> from cxcore.responses.catalog import library_path
        >>> part = LibraryPart(library_path() / "sla")
        >>> part.default_locale, sorted(part.files)
        ('en', ['en', 'fi', 'lv', 'pl', 'th', 'tr'])
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        meta: Mapping[str, Any] = {}
        self.files: dict[str, Path] = {}
        for entry in sorted(path.iterdir()):
            if not entry.is_file() or entry.suffix not in SUFFIXES:
                continue
            if entry.name in META_FILES:
                meta = read_table(entry)
            else:
                self.files[normalize_locale(entry.stem)] = entry
        settings = meta.get("catalog") or {}
        default = settings.get("default_locale")
        self.default_locale = normalize_locale(str(default)) if default else None
        self.locale_defaults: dict[str, str] = {
            str(k): str(v) for k, v in (settings.get("locale_defaults") or {}).items()
        }
        self.declared: Mapping[str, Any] = meta.get("responses") or {}
        self.responses = tuple(LibraryResponse(self, key) for key in self.declared)
        self.loaded: dict[str, dict[str, dict[str, LibraryVariant]]] = {}

    def __repr__(self) -> str:
        return f"LibraryPart({self.path.name!r})"

    def texts(self, locale: str) -> dict[str, dict[str, LibraryVariant]]:
        """Every response's variants in ``locale`` (key -> variant name -> variant); empty when
        the part has no file for ``locale``."""
        found = self.loaded.get(locale)
        if found is None:
            path = self.files.get(locale)
            table: dict[str, dict[str, Any]] = {}
            if path is not None:
                collect_responses("", read_table(path), table)
            found = self.loaded[locale] = {
                key: {name: LibraryVariant(**fields) for name, fields in body.items()}
                for key, body in table.items()
            }
        return found
