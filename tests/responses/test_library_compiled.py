"""The precompiled built-in library (``library/_compiled.json``) and its lazy reading.

The artefact must be exactly what ``compile_library`` makes from the TOML files today (else
``make library`` was not run after an edit); the lazily read responses must hold the same
texts and variables as the models ``load_directory`` builds from the files; and the catalog
must build those models (and only then) when a caller asks for them.
"""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from cxcore.responses import CannedResponse, CatalogSource, builtin_catalog, load_directory
from cxcore.responses._library import (
    COMPILED_NAME,
    LibraryPart,
    LibraryResponse,
    compile_library,
    library_parts,
    library_path,
    part_directories,
)


def test_the_artefact_is_what_the_files_give_today() -> None:
    artefact = (library_path() / COMPILED_NAME).read_text(encoding="utf-8")
    assert artefact == compile_library(library_path()), (
        "library/_compiled.json is stale: run 'make library' and commit the result"
    )


def test_the_artefact_has_every_library_directory_in_order() -> None:
    names = [part.name for part in library_parts()]
    assert names == [path.name for path in part_directories(library_path())]
    assert names[:3] == ["general", "complaints", "returns"]


@pytest.mark.parametrize("part", library_parts(), ids=lambda part: part.name)
def test_lazy_reading_matches_the_models(part: LibraryPart) -> None:
    source = load_directory(part.path)
    assert source.problems == ()
    assert source.default_locale == part.default_locale
    assert dict(source.locale_defaults) == part.locale_defaults
    assert [r.key for r in part.responses] == list(source.keys)
    assert sorted(part.files) == list(source.locales)
    for lazy, model in zip(part.responses, source.responses, strict=True):
        assert set(lazy.variables) == set(model.variables)
        for name, spec in model.variables.items():
            declared = lazy.variables[name]
            assert (declared.type, declared.fallback, declared.choices) == (
                spec.type,
                spec.fallback,
                spec.choices,
            ), f"{model.key}: {name}"
        assert dict(lazy.variants) != {} or dict(model.variants) == {}
        assert set(lazy.variants) == set(model.variants), model.key
        for locale, variants in model.variants.items():
            assert set(lazy.variants[locale]) == set(variants)
            for name, variant in variants.items():
                mine = lazy.variants[locale][name]
                assert (mine.subject, mine.text, mine.html, mine.empty) == (
                    variant.subject,
                    variant.text,
                    variant.html,
                    variant.empty,
                ), f"{model.key} {locale} {name}"
                assert mine.fields() == variant.fields()
                for channel in ("email", "live_chat", "sms", "web_form"):
                    found, expected = (
                        lazy.variant_for(locale, channel),
                        model.variant_for(locale, channel),
                    )
                    assert (found and found[0]) == (expected and expected[0])


def test_a_render_reads_one_locale_and_builds_no_model() -> None:
    catalog = builtin_catalog()
    out = catalog.render(
        "chat.handover",
        locale="pl-PL",
        channel="live_chat",
        values={"people_ahead": 3, "wait": timedelta(minutes=5)},
    )
    assert out.text.startswith("Łączymy Cię z osobą z naszego zespołu.")
    general = catalog._sources[0]
    assert not isinstance(general, CatalogSource)
    read = sorted(locale for locale, texts in general.loaded.items() if texts)  # type: ignore[union-attr]
    assert read == ["pl"]
    assert isinstance(catalog._response("chat.handover"), LibraryResponse)


def test_models_are_built_on_request_and_renders_stay_the_same() -> None:
    catalog = builtin_catalog()
    values = {"people_ahead": 3, "wait": timedelta(minutes=5)}
    before = catalog.render("chat.handover", locale="fi", channel="chat", values=values)
    response = catalog.get("chat.handover")
    assert isinstance(response, CannedResponse)
    assert all(isinstance(source, CatalogSource) for source in catalog.sources)
    assert [s.name for s in catalog.sources] == [str(p) for p in part_directories(library_path())]
    assert catalog.source_of("chat.handover").name.endswith("general")
    fresh = builtin_catalog()
    assert fresh.render("chat.handover", locale="fi", channel="chat", values=values) == before
    assert catalog.render("chat.handover", locale="fi", channel="chat", values=values) == before
    assert fresh.keys() == catalog.keys() and fresh.locales == catalog.locales
    assert len(fresh) == len(catalog) and "chat.handover" in fresh


def test_an_edited_file_makes_the_artefact_stale(tmp_path: Path) -> None:
    root = tmp_path / "library"
    shutil.copytree(library_path(), root)
    pl = root / "general" / "pl.toml"
    pl.write_text(pl.read_text(encoding="utf-8").replace("Dzień dobry", "Cześć"), "utf-8")
    assert compile_library(root) != (library_path() / COMPILED_NAME).read_text(encoding="utf-8")
