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

import re
import tomllib
from collections.abc import Iterator, Mapping
from datetime import date, datetime, timedelta
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from babel import Locale
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import escape
from pyicumessageformat import Parser

from cxcore.money import Money

LIBRARY = (
    Path(__file__).resolve().parents[2] / "src" / "cxcore" / "responses" / "library" / "general"
)
LOCALES = ("en", "pl", "lv", "tr", "fi", "th")
VARIANTS: dict[str, dict[str, bool]] = {
    # variant -> field -> required
    "email": {"subject": True, "text": True, "html": False},
    "chat": {"text": True},
}
TYPES = {"text", "number", "money", "date", "datetime", "duration", "list", "enum", "url"}

# Which declared types each ICU argument form accepts.
FORM_TYPES: dict[str, set[str]] = {
    "simple": {"text", "number", "enum", "url"},
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


# -- rendering through the engine ---------------------------------------------------------------

# Sample values for every key; each text value is distinctive so the test can find it in the
# output (proof that the value was substituted and not dropped by a branch).
AT = datetime(2026, 5, 4, 9, 0, tzinfo=ZoneInfo("Europe/Warsaw"))
DAY = date(2026, 5, 4)
SAMPLES: dict[str, dict[str, object]] = {
    "ticket.acknowledged": {"ticket_id": "T-1042", "reply_by": AT},
    "ticket.out_of_hours": {"ticket_id": "T-1042", "opens_at": AT},
    "order.confirmed": {
        "order_id": "100234",
        "items": ["Kettle K2", "Mug M1"],
        "delivery_date": DAY,
        "carrier": "DPD",
        "warranty_months": 24,
        "contact_channel": "phone",
        "contact": "+48 22 123 45 67",
    },
    "order.delayed": {
        "order_id": "100234",
        "new_date": DAY,
        "voucher": "code",
        "voucher_code": "SORRY10",
    },
    "item.damaged": {"order_id": "100234"},
    "item.defective": {"order_id": "100234", "product": "Kettle K2"},
    "item.wrong": {"order_id": "100234", "expected_product": "Kettle K2", "ship_date": DAY},
    "ticket.progress_update": {
        "ticket_id": "T-1042",
        "progress_note": "Carrier investigation opened.",
        "next_update": AT,
    },
    "ticket.verify_resolved": {"ticket_id": "T-1042", "close_after_days": 5},
    "return.approved": {
        "return_id": "R-77",
        "return_by": DAY,
        "label_url": "https://shop.example/label/R-77",
    },
    "return.rejected": {"return_id": "R-77", "reason": "Return window closed."},
    "refund.issued": {
        "order_id": "100234",
        "amount": Money(amount=Decimal("149.99"), currency="EUR"),
        "business_days": 3,
    },
    "survey.request": {
        "ticket_id": "T-1042",
        "survey": "nps",
        "survey_url": "https://shop.example/survey/1",
    },
    "review.negative_reply": {"contact": "care@shop.example"},
    "chat.handover": {"people_ahead": 3, "wait": timedelta(minutes=5)},
    "order.address_change": {
        "order_id": "100234",
        "outcome": "confirmed",
        "new_address": "Long Street 5, Riga",
    },
}
CHANNELS = ("email", "marketplace", "live_chat", "whatsapp")


def _engine() -> Any:
    return pytest.importorskip("cxcore.responses", reason="the rendering engine is not there")


@pytest.fixture(scope="module")
def catalog() -> Any:
    """The general library alone, with the built-in library's Thai default (Buddhist era)."""
    engine = _engine()
    return engine.ResponseCatalog(
        LIBRARY, default_locale="en", locale_defaults={"th": "th-TH-u-ca-buddhist"}
    )


def test_samples_cover_every_key() -> None:
    assert set(SAMPLES) == set(RESPONSES)
    for key, values in SAMPLES.items():
        assert set(values) == set(RESPONSES[key]["variables"]), key


def test_engine_lint_finds_nothing(catalog: Any) -> None:
    assert catalog.lint() == []


def test_builtin_catalog_holds_the_general_keys() -> None:
    engine = _engine()
    builtin = engine.builtin_catalog()
    assert set(RESPONSES) <= set(builtin.keys())
    assert builtin.locale_defaults["th"] == "th-TH-u-ca-buddhist"


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("channel", CHANNELS)
def test_every_key_renders(catalog: Any, locale: str, channel: str) -> None:
    for key, values in SAMPLES.items():
        out = catalog.render(key, locale=locale, channel=channel, values=values, tz="Europe/Warsaw")
        assert out.locale == locale, key
        assert not out.empty, key
        email = channel in ("email", "marketplace")
        assert out.variant == ("email" if email else "chat"), key
        texts = [out.text, out.subject or "", out.html or ""]
        for text in texts:
            assert "{" not in text and "}" not in text, (key, text)
            assert "'" not in text, (key, text)
        if email:
            assert out.subject and out.html, key
            assert "\n\n" in out.text, key  # a letter, not a one-liner
        else:
            assert out.subject is None and out.html is None, key
        for value in values.values():
            if isinstance(value, str) and value not in ("phone", "nps", "confirmed", "code"):
                assert value in out.text, (key, value)


# Known answers: each expected fragment was written for this library from the CLDR plural
# rules of the locale and checked by reading the sentence it sits in.
KNOWN: list[tuple[str, str, dict[str, object], str]] = [
    ("en", "refund.issued", {"business_days": 1}, "up to 1 business day for"),
    ("en", "refund.issued", {"business_days": 3}, "up to 3 business days for"),
    ("en", "refund.issued", {}, "We’ve refunded €149.99 for order 100234."),
    ("en", "ticket.acknowledged", {}, "by May 4, 2026 at 9:00 AM at the latest"),
    ("pl", "refund.issued", {"business_days": 1}, "w ciągu 1 dnia roboczego."),
    ("pl", "refund.issued", {"business_days": 3}, "w ciągu 3 dni roboczych."),
    ("pl", "refund.issued", {"business_days": 5}, "w ciągu 5 dni roboczych."),
    ("pl", "refund.issued", {"business_days": 22}, "w ciągu 22 dni roboczych."),
    ("pl", "refund.issued", {}, "zwrot kwoty 149,99 € za zamówienie nr 100234"),
    ("pl", "order.confirmed", {"warranty_months": 12}, "Gwarancja: 12 miesięcy"),
    ("pl", "order.confirmed", {"warranty_months": 24}, "Gwarancja: 24 miesiące"),
    ("pl", "chat.handover", {"people_ahead": 0}, "Przed Tobą w kolejce nie ma nikogo."),
    ("pl", "chat.handover", {"people_ahead": 1}, "czeka 1 osoba."),
    ("pl", "chat.handover", {"people_ahead": 4}, "czekają 4 osoby."),
    ("pl", "chat.handover", {"people_ahead": 7}, "czeka 7 osób."),
    ("pl", "ticket.acknowledged", {}, "najpóźniej do 4 maja 2026, godz. 09:00"),
    ("lv", "refund.issued", {"business_days": 1}, "1 darba dienas laikā"),
    ("lv", "refund.issued", {"business_days": 10}, "10 darba dienu laikā"),
    ("lv", "refund.issued", {"business_days": 21}, "21 darba dienas laikā"),
    ("lv", "refund.issued", {"business_days": 3}, "3 darba dienu laikā"),
    ("lv", "chat.handover", {"people_ahead": 21}, "Pirms Jums rindā ir 21 klients."),
    ("lv", "ticket.acknowledged", {}, "Paredzamais atbildes laiks: 2026. gada 4. maijs"),
    ("tr", "refund.issued", {"business_days": 1}, "en fazla 1 iş günü sürebilir"),
    ("tr", "item.damaged", {}, "100234 numaralı siparişinizin hasarlı ulaşmasına"),
    ("fi", "refund.issued", {"business_days": 1}, "enintään 1 arkipäivän."),
    ("fi", "refund.issued", {"business_days": 3}, "enintään 3 arkipäivää."),
    ("fi", "ticket.acknowledged", {}, "viimeistään 4. toukokuuta 2026 klo 9.00"),
    ("fi", "chat.handover", {"people_ahead": 0}, "Olet jonossa seuraavana."),
    ("th", "ticket.acknowledged", {}, "4 พฤษภาคม 2569 เวลา 09:00 น."),
    ("th", "refund.issued", {"business_days": 3}, "3 วันทำการ"),
]


@pytest.mark.parametrize(("locale", "key", "override", "expected"), KNOWN)
def test_known_renditions(
    catalog: Any, locale: str, key: str, override: dict[str, object], expected: str
) -> None:
    values = {**SAMPLES[key], **override}
    out = catalog.render(key, locale=locale, channel="email", values=values, tz="Europe/Warsaw")
    # CLDR puts no-break spaces in many formats; compare them as plain spaces.
    assert expected in out.text.replace("\xa0", " ").replace("\u202f", " ")


@pytest.mark.parametrize("locale", LOCALES)
def test_select_branches_and_fallbacks(catalog: Any, locale: str) -> None:
    def text(key: str, **override: object) -> tuple[str, str]:
        values = {**SAMPLES[key], **override}
        out = catalog.render(key, locale=locale, channel="email", values=values)
        return out.subject, out.text

    # Without a voucher the optional fields fall back: no code, no empty paragraph.
    _, plain = text("order.delayed", voucher=None, voucher_code=None)
    assert "SORRY10" not in plain
    assert "\n\n\n" not in plain
    assert "SORRY10" in text("order.delayed")[1]

    # Both outcomes of an address change, each with its own subject and body.
    late = text("order.address_change", outcome="too_late", new_address=None)
    done = text("order.address_change")
    assert late[0] != done[0] and late[1] != done[1]
    assert "Long Street 5, Riga" in done[1]

    # The two kinds of survey ask different questions.
    assert text("survey.request", survey="csat") != text("survey.request", survey="nps")


def test_missing_required_value_is_an_error(catalog: Any) -> None:
    from cxcore.errors import MissingVariableError

    with pytest.raises(MissingVariableError):
        catalog.render("refund.issued", locale="pl", channel="email", values={"order_id": "1"})


def test_links_are_declared_as_urls() -> None:
    # Every value placed in an href is a declared url, so its scheme is checked at render time.
    linked = {
        (key, name)
        for key, variants in TEXTS["en"].items()
        for name in re.findall(r'href="\{(\w+)\}"', variants["email"].get("html", ""))
    }
    assert linked == {("return.approved", "label_url"), ("survey.request", "survey_url")}
    for key, name in linked:
        assert RESPONSES[key]["variables"][name]["type"] == "url", (key, name)


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize(
    ("key", "name"), [("return.approved", "label_url"), ("survey.request", "survey_url")]
)
def test_hostile_links_are_refused(catalog: Any, locale: str, key: str, name: str) -> None:
    from cxcore.errors import UnsafeUrlError

    for hostile in ("javascript:alert(1)", "//evil.example/label", "data:text/html,<b>x</b>"):
        values = {**SAMPLES[key], name: hostile}
        with pytest.raises(UnsafeUrlError):
            catalog.render(key, locale=locale, channel="email", values=values)


@pytest.mark.parametrize("locale", LOCALES)
def test_values_are_escaped_in_html(catalog: Any, locale: str) -> None:
    hostile = "<script>alert(1)</script>"
    for key, name in (("ticket.progress_update", "progress_note"), ("item.defective", "product")):
        values = {**SAMPLES[key], name: hostile}
        out = catalog.render(key, locale=locale, channel="email", values=values)
        assert "<script>" not in out.html
        assert "&lt;script&gt;" in out.html


def test_docs_list_every_key_and_variable() -> None:
    page = (LIBRARY.parents[4] / "docs" / "library.md").read_text(encoding="utf-8")
    sections = page.split("\n### ")[1:]
    documented = {section.split("`")[1]: section for section in sections}
    assert set(documented) == set(RESPONSES)
    for key, meta in RESPONSES.items():
        for name in meta["variables"]:
            assert f"| `{name}` |" in documented[key], (key, name)


NUMBER_VARIABLES = {
    (key, name)
    for key, meta in RESPONSES.items()
    for name, spec in meta["variables"].items()
    if spec["type"] == "number"
}


@settings(max_examples=25, deadline=None)
@given(
    locale=st.sampled_from(LOCALES),
    number=st.integers(min_value=0, max_value=10**6),
    text=st.text(
        alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")),
        min_size=1,
        max_size=40,
    ),
)
def test_any_count_and_text_render(catalog: Any, locale: str, number: int, text: str) -> None:
    # Every plural branch of every locale renders without error and shows the count.
    engine = _engine()
    shown = engine.format_number(number, locale)
    for key, name in sorted(NUMBER_VARIABLES):
        values = {**SAMPLES[key], name: number}
        out = catalog.render(key, locale=locale, channel="live_chat", values=values)
        assert "{" not in out.text and "}" not in out.text
        if not (key == "chat.handover" and number == 0):  # `=0` says "nobody" in words
            assert shown in out.text, (key, shown)
    # Any text (quotes, braces, markup) comes out literally in the text, escaped in the HTML.
    values = {**SAMPLES["return.rejected"], "reason": text}
    out = catalog.render("return.rejected", locale=locale, channel="email", values=values)
    assert text in out.text
    assert str(escape(text)) in out.html
