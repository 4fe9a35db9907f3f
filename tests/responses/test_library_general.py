"""Checks of the built-in general library (``cxcore/responses/library/general``).

The texts are data, so these tests read the TOML files directly and check them with the same
parser the engine uses (``pyicumessageformat``) and the CLDR plural rules that Babel ships:
every message parses, every locale uses exactly the variables of English, every declared
variable is used, plural branches name only categories that exist in the locale (CLDR plural
rules, https://www.unicode.org/cldr/charts/latest/supplemental/language_plural_rules.html) and
cover all of them, select branches match the declared enum choices, and the HTML renditions are
well-formed.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator, Mapping
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from babel import Locale
from pyicumessageformat import Parser

LIBRARY = (
    Path(__file__).resolve().parents[2] / "src" / "cxcore" / "responses" / "library" / "general"
)
LOCALES = ("en", "pl", "lv", "tr", "fi", "th")
VARIANTS: dict[str, dict[str, bool]] = {
    # variant -> field -> required
    "email": {"subject": True, "text": True, "html": False},
    "chat": {"text": True},
}
TYPES = {"text", "number", "money", "date", "datetime", "duration", "list", "enum"}

# Which declared types each ICU argument form accepts.
FORM_TYPES: dict[str, set[str]] = {
    "simple": {"text", "number", "enum"},
    "plural": {"number"},
    "selectordinal": {"number"},
    "select": {"enum"},
    "number": {"number"},
    "number:currency": {"money"},
    "date": {"date", "datetime"},
    "time": {"datetime"},
    "duration": {"duration"},
    "list": {"list"},
}

PARSER = Parser()


def _load(name: str) -> dict[str, Any]:
    with (LIBRARY / name).open("rb") as handle:
        return tomllib.load(handle)


CATALOG = _load("catalog.toml")
RESPONSES: dict[str, Any] = CATALOG["responses"]
TEXTS: dict[str, dict[str, Any]] = {locale: _load(f"{locale}.toml") for locale in LOCALES}


class Usage:
    """What one message does with its arguments."""

    def __init__(self) -> None:
        self.forms: dict[str, set[str]] = {}
        self.plurals: list[tuple[str, str, set[str]]] = []  # (name, kind, option keys)
        self.selects: list[tuple[str, set[str]]] = []
        self.literals: list[str] = []

    @property
    def names(self) -> set[str]:
        return set(self.forms)


def _walk(nodes: list[Any], usage: Usage) -> None:
    for node in nodes:
        if isinstance(node, str):
            usage.literals.append(node)
            continue
        if node.get("hash"):
            continue
        name = node["name"]
        kind = node.get("type")
        if kind is None:
            form = "simple"
        elif kind == "number" and node.get("format"):
            form = f"number:{node['format']}"
        else:
            form = kind
        usage.forms.setdefault(name, set()).add(form)
        options: Mapping[str, list[Any]] = node.get("options") or {}
        if kind in ("plural", "selectordinal"):
            usage.plurals.append((name, kind, set(options)))
        elif kind == "select":
            usage.selects.append((name, set(options)))
        for branch in options.values():
            _walk(branch, usage)


def analyse(message: str) -> Usage:
    usage = Usage()
    _walk(PARSER.parse(message), usage)
    return usage


def messages() -> Iterator[tuple[str, str, str, str, str]]:
    """Every (locale, key, variant, field, message) in the library."""
    for locale in LOCALES:
        for key, variants in TEXTS[locale].items():
            for variant, fields in variants.items():
                for field, message in fields.items():
                    yield locale, key, variant, field, message


ALL = list(messages())
IDS = [f"{locale}:{key}.{variant}.{field}" for locale, key, variant, field, _ in ALL]


class _WellFormed(HTMLParser):
    VOID = frozenset({"br", "hr", "img", "wbr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"unexpected </{tag}> (open: {self.stack})")
        else:
            self.stack.pop()


# -- metadata ---------------------------------------------------------------------------------


def test_catalog_metadata_is_complete() -> None:
    assert CATALOG["catalog"]["default_locale"] == "en"
    assert len(RESPONSES) >= 16
    for key, meta in RESPONSES.items():
        assert set(meta) == {"title", "description", "tags", "variables"}, key
        assert isinstance(meta["title"], str) and meta["title"].strip(), key
        assert isinstance(meta["description"], str) and len(meta["description"]) > 20, key
        assert meta["tags"] and all(isinstance(tag, str) and tag for tag in meta["tags"]), key
        assert meta["variables"], key
        for name, spec in meta["variables"].items():
            assert name.isidentifier(), (key, name)
            assert spec["type"] in TYPES, (key, name)
            assert set(spec) <= {"type", "fallback", "choices"}, (key, name)
            if spec["type"] == "enum":
                choices = spec["choices"]
                assert choices and len(set(choices)) == len(choices), (key, name)
                assert all(choice.isidentifier() for choice in choices), (key, name)
                if "fallback" in spec:
                    assert spec["fallback"] in choices, (key, name)
            else:
                assert "choices" not in spec, (key, name)
            if "fallback" in spec and spec["type"] == "text":
                assert isinstance(spec["fallback"], str), (key, name)


@pytest.mark.parametrize("locale", LOCALES)
def test_every_key_in_every_locale(locale: str) -> None:
    assert set(TEXTS[locale]) == set(RESPONSES)
    for key in RESPONSES:
        variants = TEXTS[locale][key]
        assert set(variants) == set(VARIANTS), (locale, key)
        for variant, fields in VARIANTS.items():
            present = set(variants[variant])
            assert present <= set(fields), (locale, key, variant, present)
            required = {field for field, needed in fields.items() if needed}
            assert required <= present, (locale, key, variant)
            for field in present:
                assert variants[variant][field].strip(), (locale, key, variant, field)


@pytest.mark.parametrize("locale", LOCALES)
def test_html_only_where_english_has_it(locale: str) -> None:
    for key in RESPONSES:
        has_html = "html" in TEXTS[locale][key]["email"]
        assert has_html == ("html" in TEXTS["en"][key]["email"]), (locale, key)


# -- messages ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("locale", "key", "variant", "field", "message"), ALL, ids=IDS)
def test_message(locale: str, key: str, variant: str, field: str, message: str) -> None:
    usage = analyse(message)
    declared: dict[str, Any] = RESPONSES[key]["variables"]

    # Same variables as English, in the same forms.
    english = analyse(TEXTS["en"][key][variant][field])
    assert usage.forms == english.forms, "arguments differ from English"

    # Only declared variables; the body of every variant uses all of them.
    assert usage.names <= set(declared), usage.names - set(declared)
    if field != "subject":
        assert usage.names == set(declared), f"unused: {set(declared) - usage.names}"

    # Each argument is used in a form its declared type supports.
    for name, forms in usage.forms.items():
        for form in forms:
            assert declared[name]["type"] in FORM_TYPES[form], (name, form)

    # Plural branches: only the locale's CLDR categories (or =N), all of them, and `other`.
    cldr = Locale.parse(locale)
    for name, kind, options in usage.plurals:
        rules = cldr.plural_form if kind == "plural" else cldr.ordinal_form
        allowed = set(rules.tags) | {"other"}
        categories = {option for option in options if not option.startswith("=")}
        assert categories <= allowed, (name, categories - allowed)
        assert categories == allowed, (name, "missing", allowed - categories)
        assert all(option[1:].isdigit() for option in options - categories), name

    # Select branches: declared choices plus the mandatory `other`.
    for name, options in usage.selects:
        assert "other" in options, name
        assert options - {"other"} <= set(declared[name]["choices"]), name

    # Literal text: no ICU quoting by accident, no stray number signs.
    for literal in usage.literals:
        assert "'" not in literal, f"ASCII apostrophe in {literal!r}; write ’"
        assert "#" not in literal, f"stray # in {literal!r}"
        assert "{" not in literal and "}" not in literal, literal

    if field == "html":
        checker = _WellFormed()
        checker.feed(message)
        checker.close()
        assert not checker.problems, checker.problems
        assert not checker.stack, f"unclosed: {checker.stack}"
    else:
        assert "<" not in message, "markup belongs in the html field only"


@pytest.mark.parametrize("locale", LOCALES)
def test_chat_texts_are_short(locale: str) -> None:
    for key in RESPONSES:
        text = TEXTS[locale][key]["chat"]["text"]
        assert len(text) <= 500, (locale, key, len(text))
        assert "\n\n" not in text, (locale, key)


def test_thai_voice_is_consistent() -> None:
    # The shop speaks with the polite particle ค่ะ/คะ throughout; never the other voice.
    for key, variants in TEXTS["th"].items():
        for variant, fields in variants.items():
            for field, message in fields.items():
                assert "ครับ" not in message, (key, variant, field)
            body = fields["text"]
            assert "ค่ะ" in body or "คะ" in body, (key, variant)


def test_helper_known_answers() -> None:
    # A known-answer check on the helper itself: en has one/other, pl one/few/many/other.
    assert analyse("{n, plural, one {# day} other {# days}}").plurals == [
        ("n", "plural", {"one", "other"})
    ]
    assert Locale.parse("pl").plural_form.tags == {"one", "few", "many"}
    assert Locale.parse("lv").plural_form.tags == {"zero", "one"}
    assert Locale.parse("th").plural_form.tags == set()
