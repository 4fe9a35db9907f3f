"""The complaint texts of the built-in library (``cxcore/responses/library/complaints``).

Read as data and checked with the parser the engine uses (``pyicumessageformat``) and Babel's
CLDR plural rules (https://www.unicode.org/cldr/charts/latest/supplemental/language_plural_rules.html):
every message parses, email and chat texts use every declared variable and nothing else,
plural branches name exactly the locale's categories, select branches match the declared
choices. Then every key is rendered through the responses engine in every first-class locale
and channel, and every response key the workflow names exists.
"""

from __future__ import annotations

import tomllib
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from babel import Locale
from pyicumessageformat import Parser

from cxcore.complaints import STAGE_RESPONSE_KEYS, ActionKind, NextAction
from cxcore.complaints import events as complaint_events
from cxcore.complaints.actions import _SPEC
from cxcore.money import Money
from cxcore.responses import builtin_catalog

LIBRARY = (
    Path(__file__).resolve().parents[2] / "src" / "cxcore" / "responses" / "library" / "complaints"
)
LOCALES = ("en", "pl", "lv", "tr", "fi", "th")
CATALOG = tomllib.loads((LIBRARY / "catalog.toml").read_text(encoding="utf-8"))["responses"]
TEXTS = {
    locale: tomllib.loads((LIBRARY / f"{locale}.toml").read_text(encoding="utf-8"))
    for locale in LOCALES
}
AT = datetime(2026, 5, 5, 14, 30, tzinfo=ZoneInfo("Europe/Warsaw"))
SAMPLE: dict[str, Any] = {
    "complaint_id": "CMP-1042",
    "reply_by": AT,
    "next_update_by": AT,
    "reason": "damaged_in_transit",
    "remedy": "partial_refund",
    "amount": Money.of("45.00", "PLN"),
    "reference": "RF-77",
    "progress": "…",
    "recourse_name": "Inspekcja Handlowa",
    "recourse_url": "https://www.uokik.gov.pl",
    "attempts": 3,
}


@pytest.fixture(scope="module")
def catalog() -> Any:
    return builtin_catalog()


def _walk(ast: Any, found: dict[str, list[dict[str, Any]]]) -> None:
    if isinstance(ast, list):
        for part in ast:
            _walk(part, found)
    elif isinstance(ast, dict):
        if not ast.get("hash"):
            found.setdefault(ast["name"], []).append(ast)
        for branch in (ast.get("options") or {}).values():
            _walk(branch, found)


def _messages() -> list[tuple[str, str, str, str, str]]:
    rows = []
    for locale, data in TEXTS.items():
        for key, variants in data.items():
            for variant, fields in variants.items():
                for field, text in fields.items():
                    rows.append((locale, key, variant, field, text))
    return rows


def test_every_key_and_variant_in_every_locale() -> None:
    for locale, data in TEXTS.items():
        assert set(data) == set(CATALOG), locale
        for key in CATALOG:
            assert set(data[key]) == {"email", "chat"}, (locale, key)
            assert set(data[key]["email"]) == {"subject", "text"}, (locale, key)


@pytest.mark.parametrize(("locale", "key", "variant", "field", "text"), _messages())
def test_message(locale: str, key: str, variant: str, field: str, text: str) -> None:
    assert "'" not in text, "write apostrophes as ’ (an ASCII one starts ICU quoting)"
    found: dict[str, list[dict[str, Any]]] = {}
    _walk(Parser().parse(text), found)
    declared = CATALOG[key].get("variables", {})
    assert set(found) <= set(declared)
    if field == "text":
        assert set(found) == set(declared), f"unused: {set(declared) - set(found)}"
    categories = set(Locale.parse(locale).plural_form.tags) | {"other"}
    for name, uses in found.items():
        spec = declared[name]
        for use in uses:
            kind = use.get("type")
            if kind == "plural":
                assert spec["type"] == "number"
                assert set(use["options"]) == categories, (name, locale)
            elif kind == "select":
                assert spec["type"] == "enum"
                options = set(use["options"])
                assert "other" in options and options - {"other"} <= set(spec["choices"])
            elif kind in ("date", "time"):
                assert spec["type"] == "datetime"
            elif kind == "number":
                assert spec["type"] == ("money" if use.get("format") == "currency" else "number")
            else:
                assert kind is None and spec["type"] == "text", (name, use)


def test_engine_lint_is_clean_for_complaints(catalog: Any) -> None:
    problems = [p for p in catalog.lint() if "complaint." in str(p)]
    assert problems == []


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("channel", ["email", "live_chat", "whatsapp"])
def test_every_key_renders(catalog: Any, locale: str, channel: str) -> None:
    for key in CATALOG:
        values = {name: SAMPLE[name] for name in catalog.get(key).variables}
        rendered = catalog.render(
            key, locale=locale, channel=channel, values=values, tz="Europe/Warsaw"
        )
        assert rendered.locale == locale
        assert "{" not in rendered.text and "CMP-1042" in rendered.text
        if channel == "email":
            assert rendered.subject


def test_known_renditions(catalog: Any) -> None:
    values = {"complaint_id": "CMP-1042", "attempts": 3}
    pl = catalog.render(
        "complaint.closed_no_reply", locale="pl", channel="live_chat", values=values
    )
    assert pl.text.startswith("3 razy próbowaliśmy się z Tobą skontaktować")
    one = catalog.render(
        "complaint.closed_no_reply",
        locale="lv",
        channel="live_chat",
        values={**values, "attempts": 1},
    )
    assert one.text.startswith("Esam 1 reizi mēģinājuši")
    th = catalog.render(
        "complaint.acknowledge",
        locale="th",
        channel="live_chat",
        values={"complaint_id": "CMP-1042", "reply_by": AT},
        tz="Europe/Warsaw",
    )
    assert "5 พฤษภาคม 2569" in th.text  # Buddhist era: 2026 + 543
    refund = catalog.render(
        "complaint.resolution_proposed",
        locale="en",
        channel="live_chat",
        values={"complaint_id": "C", "remedy": "refund", "amount": Money.of("20", "EUR")},
    )
    assert "a full refund of €20.00" in refund.text


def test_every_key_the_workflow_names_exists() -> None:
    keys = set(STAGE_RESPONSE_KEYS.values())
    keys |= {key for _, key, _ in _SPEC.values() if key is not None}
    for name in complaint_events.__all__:
        kind = getattr(complaint_events, name)
        key = getattr(kind, "response_key", None)
        if isinstance(key, str):
            keys.add(key)
    assert keys == set(CATALOG)
    assert {a.value for a in ActionKind} == {a.value for a in _SPEC}
    assert NextAction.model_fields["response_key"].annotation == str | None
