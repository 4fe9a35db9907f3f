"""Reading catalog files: TOML, JSON or YAML into tables, and finding the response tables in
them. Shared by [`load_directory`][cxcore.responses.load_directory] and the lazily read
built-in library; imports no models.

Examples:
    >>> found = {}
    >>> collect_responses("", {"order": {"delayed": {"chat": {"text": "Late"}}}}, found)
    >>> found
    {'order.delayed': {'chat': {'text': 'Late'}}}
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from cxcore._files import read_capped
from cxcore._toml import check_toml_depth
from cxcore.errors import CatalogError

__all__ = ["META_FILES", "SUFFIXES", "VARIANT_FIELDS", "collect_responses", "read_table"]

VARIANT_FIELDS = frozenset({"subject", "text", "html", "empty"})
META_FILES = ("catalog.toml", "catalog.json", "catalog.yaml", "catalog.yml")
SUFFIXES = (".toml", ".json", ".yaml", ".yml")


def read_table(path: Path) -> Any:
    """The data of one catalog file, by its suffix (YAML needs PyYAML)."""
    raw = read_capped(path, "catalog file")
    if path.suffix == ".toml":
        import tomllib  # not needed by the precompiled built-in library's renders

        text = raw.decode("utf-8")
        check_toml_depth(text, str(path))
        return tomllib.loads(text)
    if path.suffix == ".json":
        return json.loads(raw.decode("utf-8"))
    try:
        import yaml
    except ImportError:  # pragma: no cover - PyYAML is installed in development
        raise CatalogError(f"{path.name}: reading YAML needs PyYAML (pip install pyyaml)") from None
    return yaml.safe_load(raw.decode("utf-8"))


def collect_responses(
    prefix: str, table: Mapping[str, Any], out: dict[str, dict[str, Any]]
) -> None:
    """Find response tables (``key -> variant -> fields``), also under dotted bare TOML keys."""
    for name, value in table.items():
        if not isinstance(value, Mapping):
            continue
        key = f"{prefix}.{name}" if prefix else str(name)
        variants = {
            variant: body
            for variant, body in value.items()
            if isinstance(body, Mapping) and body and set(body) <= VARIANT_FIELDS
        }
        if variants:
            out[key] = dict(value)
        else:
            collect_responses(key, value, out)
