"""The built-in library, precompiled: its files read once at build time into one JSON
artefact, its responses rendered without building models.

[`builtin_catalog`][cxcore.builtin_catalog] used to load every file of every part through
[`load_directory`][cxcore.responses.load_directory] before the first render: six locales of
TOML (parsed by a pure-Python parser, after a pure-Python nesting check), line positions for
lint, and a pydantic model for every response, variable and variant. A render needs one
response in one locale.

``library/_compiled.json`` holds what the TOML files hold (``compile_library`` writes it;
``make library`` regenerates it, and a test fails while it differs from what the files give,
so a stale artefact cannot pass CI). Reading it is one ``json.loads``; a `LibraryPart` turns a
locale's texts into variants when a render first asks for that locale, and messages are
compiled per (key, locale, variant, field) on first use. The catalog builds the full
[`CatalogSource`][cxcore.responses.CatalogSource] models (with every check
[`load_directory`][cxcore.responses.load_directory] makes) from the files only when asked
for them, e.g. by [`ResponseCatalog.get`][cxcore.ResponseCatalog.get] or lint; the tests
prove that both readings hold the same texts and variables.

Examples:
    >>> parts = library_parts()
    >>> [part.name for part in parts]
    ['general', 'complaints', 'returns', 'sla']
    >>> handover = {r.key: r for r in parts[0].responses}["chat.handover"]
    >>> handover.variant_for("pl", "live_chat")[0], sorted(parts[0].loaded)
    ('chat', ['pl'])
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cxcore._locale import normalize_locale
from cxcore.errors import CatalogError
from cxcore.responses._reading import META_FILES, SUFFIXES, collect_responses, read_table
from cxcore.responses._variables import DeclaredVariable, pick_variant

__all__ = [
    "COMPILED_NAME",
    "LIBRARY_PARTS",
    "LibraryPart",
    "LibraryResponse",
    "LibraryVariant",
    "compile_library",
    "library_parts",
    "library_path",
    "part_directories",
    "write_compiled",
]

LIBRARY_PARTS: tuple[str, ...] = ("general", "complaints", "returns")
"""The directories of the built-in library, composed in this order."""

COMPILED_NAME = "_compiled.json"
"""The precompiled library's file name, in the library directory."""

_FORMAT = 1


def library_path() -> Path:
    """The directory that holds the built-in library's parts."""
    return Path(__file__).resolve().parent / "library"


def part_directories(root: Path) -> list[Path]:
    """The library directories under ``root`` in composition order: ``general``,
    ``complaints``, ``returns``, then any others alphabetically.

    Examples:
        >>> [path.name for path in part_directories(library_path())]
        ['general', 'complaints', 'returns', 'sla']
    """
    parts = [root / name for name in LIBRARY_PARTS if (root / name).is_dir()]
    if root.is_dir():
        parts += sorted(
            p
            for p in root.iterdir()
            if p.is_dir() and p.name not in LIBRARY_PARTS and not p.name.startswith(("_", "."))
        )
    return parts


def compile_library(root: Path) -> str:
    """The precompiled form of the library under ``root``: every part's ``catalog.toml`` and
    locale files as parsed, in one JSON text (the same files give the same text).

    Examples:
        >>> json.loads(compile_library(library_path()))["parts"]["sla"]["catalog"]["catalog"]
        {'default_locale': 'en'}
    """
    parts: dict[str, Any] = {}
    for path in part_directories(root):
        meta: Any = {}
        texts: dict[str, Any] = {}
        for entry in sorted(path.iterdir()):
            if not entry.is_file() or entry.suffix not in SUFFIXES:
                continue
            if entry.name in META_FILES:
                meta = read_table(entry)
            else:
                texts[entry.stem] = read_table(entry)
        parts[path.name] = {"catalog": meta, "texts": texts}
    return json.dumps({"format": _FORMAT, "parts": parts}, ensure_ascii=False, indent=1) + "\n"


def write_compiled() -> Path:
    """Regenerate ``library/_compiled.json`` from the library's files (``make library``)."""
    target = library_path() / COMPILED_NAME
    target.write_text(compile_library(library_path()), encoding="utf-8")
    return target


def library_parts() -> list[LibraryPart]:
    """The built-in library's parts, read from the precompiled artefact.

    Examples:
        >>> library_parts()[0].default_locale
        'en'
    """
    root = library_path()
    path = root / COMPILED_NAME
    try:
        data = json.loads(path.read_bytes())
    except FileNotFoundError:
        raise CatalogError(
            f"the built-in library's precompiled form {str(path)!r} is missing; "
            "run 'make library' to write it"
        ) from None
    return [
        LibraryPart(root / name, part["catalog"], part["texts"])
        for name, part in data["parts"].items()
    ]


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
        >>> response = library_parts()[0].responses[0]
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
    """One directory of the built-in library, from its precompiled data: the declared
    responses at once, a locale's variants when first needed.

    Examples:
        >>> part = library_parts()[3]
        >>> part.name, part.default_locale, sorted(part.files)
        ('sla', 'en', ['en', 'fi', 'lv', 'pl', 'th', 'tr'])
    """

    def __init__(self, path: Path, meta: Mapping[str, Any], texts: Mapping[str, Any]) -> None:
        self.path = path
        self.name = path.name
        self.files: dict[str, Any] = {
            normalize_locale(stem): table for stem, table in texts.items()
        }
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
        return f"LibraryPart({self.name!r})"

    def texts(self, locale: str) -> dict[str, dict[str, LibraryVariant]]:
        """Every response's variants in ``locale`` (key -> variant name -> variant); empty when
        the part has no texts in ``locale``."""
        found = self.loaded.get(locale)
        if found is None:
            table: dict[str, dict[str, Any]] = {}
            collect_responses("", self.files.get(locale) or {}, table)
            found = self.loaded[locale] = {
                key: {name: LibraryVariant(**fields) for name, fields in body.items()}
                for key, body in table.items()
            }
        return found
