"""The API reference shows every public name at the path a user imports it from.

The site is built once for this module (``mkdocs build --strict`` into a temporary directory,
as ``make docs`` does), then the reference pages are read back: every object heading must be
a public path (no segment starting with ``_``, so never ``cxcore._time.ManualClock``), and
every name in the ``__all__`` of a public module must have a heading of its own. Names and
their defining objects come from griffe, the loader mkdocstrings itself uses.
"""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import griffe
import pytest

ROOT = Path(__file__).resolve().parent.parent
REFERENCE_PAGES = sorted(ROOT.joinpath("docs", "reference").glob("*.md"))


def _private(path: str) -> bool:
    return any(part.startswith("_") for part in path.split("."))


class _Headings(HTMLParser):
    """Collects (id, text) of the object headings mkdocstrings writes (class "doc-heading")."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []
        self._open: list[str] | None = None
        self._id = ""
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if self._open is not None:
            self._depth += 1
        elif "doc-heading" in (values.get("class") or "").split() and values.get("id"):
            self._open, self._id, self._depth = [], values["id"] or "", 0

    def handle_endtag(self, tag: str) -> None:
        if self._open is None:
            return
        if self._depth == 0:
            self.found.append((self._id, " ".join("".join(self._open).split())))
            self._open = None
        else:
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.append(data)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert build.returncode == 0, f"mkdocs build --strict failed:\n{build.stderr}"
    return out


@pytest.fixture(scope="module")
def headings(site: Path) -> dict[str, list[tuple[str, str]]]:
    found = {}
    for page in REFERENCE_PAGES:
        html = site / "reference" / page.stem / "index.html"
        parser = _Headings()
        parser.feed(html.read_text(encoding="utf-8"))
        found[page.stem] = parser.found
    return found


@pytest.fixture(scope="module")
def package() -> griffe.Module:
    loaded = griffe.load("cxcore", search_paths=[str(ROOT / "src")], resolve_aliases=True)
    assert isinstance(loaded, griffe.Module)
    return loaded


def _target(package: griffe.Module, path: str) -> griffe.Object | griffe.Alias:
    return package if path == "cxcore" else package[path.removeprefix("cxcore.")]


def _canonical(obj: griffe.Object | griffe.Alias) -> str:
    return obj.final_target.path if isinstance(obj, griffe.Alias) else obj.path


def _public_names(package: griffe.Module) -> dict[str, str]:
    """Defining path -> one public import path, for every name in a public module's __all__."""
    names: dict[str, str] = {}
    modules = [package]
    while modules:
        module = modules.pop()
        modules.extend(module.modules.values())
        if _private(module.path) or not module.exports:
            continue
        for export in module.exports:
            name = export if isinstance(export, str) else export.name
            if name.startswith("__"):  # __version__ is data, not an API to document
                continue
            names.setdefault(_canonical(module[name]), f"{module.path}.{name}")
    return names


def test_reference_pages_are_found(headings: dict[str, list[tuple[str, str]]]) -> None:
    assert REFERENCE_PAGES
    assert all(headings[page.stem] for page in REFERENCE_PAGES)


def test_no_reference_heading_shows_a_private_path(
    headings: dict[str, list[tuple[str, str]]],
) -> None:
    shown = [
        (page, anchor, text)
        for page, found in headings.items()
        for anchor, text in found
        if _private(anchor) or re.search(r"(^|\.)_[A-Za-z]", text)
    ]
    assert shown == [], f"reference headings with a private module path: {shown}"


def test_clocks_holidays_and_rates_show_their_import_path(
    headings: dict[str, list[tuple[str, str]]],
) -> None:
    anchors = {anchor for found in headings.values() for anchor, _ in found}
    for path in ("cxcore.ManualClock", "cxcore.sla.Holiday", "cxcore.metrics.RateResult"):
        assert path in anchors


def test_every_public_name_has_a_reference_entry(
    headings: dict[str, list[tuple[str, str]]], package: griffe.Module
) -> None:
    documented = {
        _canonical(_target(package, anchor))
        for found in headings.values()
        for anchor, _ in found
        if anchor.startswith("cxcore")
    }
    public_names = _public_names(package)
    missing = sorted(
        public for canonical, public in public_names.items() if canonical not in documented
    )
    assert missing == [], f"public names without a reference entry: {missing}"


def test_docs_target_lets_warnings_fail_the_build() -> None:
    # --quiet drops the warnings that --strict turns into a failure, so the build could not fail.
    makefile = ROOT.joinpath("Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^docs:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    assert recipe is not None
    assert "mkdocs build --strict" in recipe.group(1)
    assert not re.search(r"\s(--quiet|-q)\b", recipe.group(1))
