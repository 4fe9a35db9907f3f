"""Checks of the built-in sla library (``cxcore/responses/library/sla``): the reply promise.

Every locale parses with the engine's parser (``pyicumessageformat``), uses exactly the variables
of English, every declared variable is used, select branches name declared choices, the engine's
lint finds nothing, and the sentence renders for every combination of ``when`` and ``weekday``.
The exact sentences are checked in ``tests/sla/test_promise.py``.
"""

from __future__ import annotations

import tomllib
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from pyicumessageformat import Parser

from cxcore.responses import ResponseCatalog, builtin_catalog

LIBRARY = Path(__file__).resolve().parents[2] / "src" / "cxcore" / "responses" / "library" / "sla"
LOCALES = ("en", "pl", "lv", "tr", "fi", "th")
KEY = "sla.promise"
PARSER = Parser()


def _load(name: str) -> dict[str, Any]:
    with (LIBRARY / name).open("rb") as handle:
        return tomllib.load(handle)


VARIABLES: dict[str, dict[str, Any]] = _load("catalog.toml")["responses"][KEY]["variables"]
TEXTS = {locale: _load(f"{locale}.toml")[KEY]["default"]["text"] for locale in LOCALES}


def _arguments(nodes: list[Any], found: dict[str, set[str]]) -> dict[str, set[str]]:
    """Argument name -> the select branches it has (an empty set for other forms)."""
    for node in nodes:
        if isinstance(node, str) or node.get("hash"):
            continue
        options = node.get("options") or {}
        branches = found.setdefault(node["name"], set())
        if node.get("type") == "select":
            branches.update(options)
        for branch in options.values():
            _arguments(branch, found)
    return found


def test_the_directory_holds_one_key_in_every_locale() -> None:
    assert {p.name for p in LIBRARY.glob("*.toml")} == {"catalog.toml"} | {
        f"{locale}.toml" for locale in LOCALES
    }
    for locale in LOCALES:
        assert set(_load(f"{locale}.toml")) == {KEY}
        assert set(_load(f"{locale}.toml")[KEY]) == {"default"}


@pytest.mark.parametrize("locale", LOCALES)
def test_every_locale_parses_and_uses_the_variables_of_english(locale: str) -> None:
    english = _arguments(PARSER.parse(TEXTS["en"]), {})
    mine = _arguments(PARSER.parse(TEXTS[locale]), {})
    assert set(mine) == set(english) == set(VARIABLES)
    for name, branches in mine.items():
        if VARIABLES[name]["type"] == "enum" and branches:
            assert "other" in branches, (locale, name)
            assert branches - {"other"} <= set(VARIABLES[name]["choices"]), (locale, name)
    assert "<" not in TEXTS[locale]


def test_select_forms_cover_every_choice_where_a_language_needs_them() -> None:
    # Polish and Latvian spell out each weekday; Latvian each locative month; Turkish each suffix.
    days = set(VARIABLES["weekday"]["choices"])
    for locale in ("pl", "lv"):
        assert _arguments(PARSER.parse(TEXTS[locale]), {})["weekday"] - {"other"} == days
    months = set(VARIABLES["month"]["choices"])
    assert _arguments(PARSER.parse(TEXTS["lv"]), {})["month"] - {"other"} == months
    suffixes = set(VARIABLES["dative"]["choices"])
    assert _arguments(PARSER.parse(TEXTS["tr"]), {})["dative"] - {"other"} == suffixes


def test_engine_lint_finds_nothing() -> None:
    assert ResponseCatalog(LIBRARY).lint() == []


def test_builtin_catalog_holds_the_promise() -> None:
    assert KEY in builtin_catalog()


# 2026-05-04 is a Monday; `due` walks one week, so each weekday is met once.
WARSAW = ZoneInfo("Europe/Warsaw")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@pytest.fixture(scope="module")
def catalog() -> ResponseCatalog:
    return ResponseCatalog(LIBRARY, locale_defaults={"th": "th-TH-u-ca-buddhist"})


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("when", ["today", "tomorrow", "weekday", "date"])
def test_renders_for_every_when_and_weekday(
    catalog: ResponseCatalog, locale: str, when: str
) -> None:
    texts = set()
    for offset, weekday in enumerate(DAYS):
        due = datetime(2026, 5, 4 + offset, 10, 0, tzinfo=WARSAW)
        values = {
            "due": due,
            "when": when,
            "weekday": weekday,
            "month": "may",
            "dative": "a",
            "with_year": "no",
        }
        out = catalog.render(KEY, locale=locale, channel="chat", values=values, tz=WARSAW)
        assert out.locale == locale
        assert "{" not in out.text and "}" not in out.text, out.text
        assert "10" in out.text, out.text  # the hour is always shown
        texts.add(out.text)
    # Today and tomorrow read the same whatever the day; a weekday or a date names it.
    assert len(texts) == (1 if when in ("today", "tomorrow") else 7), (locale, when, texts)
