"""ResponseCatalog: loading the agreed directory format, composing sources, negotiating the
locale, rendering per channel, fallbacks, and lint with file and line."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cxcore.errors import (
    CatalogError,
    CxError,
    MissingVariableError,
    TemplateError,
    UnknownLocaleError,
)
from cxcore.money import Money
from cxcore.responses import (
    CatalogSource,
    ResponseCatalog,
    builtin_catalog,
    lint,
    load_directory,
)

FIXTURES = Path(__file__).parent / "fixtures"
VALUES: dict[str, Any] = {
    "customer_name": "Ola <3",
    "order_id": "A-17",
    "new_date": date(2026, 5, 4),
    "days_late": 3,
    "refund": Money.of("25", "PLN"),
    "items": ["kubek", "czajnik"],
}


@pytest.fixture(scope="module")
def catalog() -> ResponseCatalog:
    return ResponseCatalog(FIXTURES / "shop", locale_defaults={"th": "th-TH-u-ca-buddhist"})


def test_render_email_in_polish_with_negotiation(catalog: ResponseCatalog) -> None:
    out = catalog.render("order.delayed", locale="pl-PL", channel="email", values=VALUES)
    assert out.subject == "Zamówienie A-17 jest opóźnione"
    assert "opóźnione o 3 dni." in out.text
    assert "Dotrze 4 maja 2026. Zwróciliśmy 25,00\xa0zł." in out.text
    assert "kubek i czajnik" in out.text
    assert (out.locale, out.format_locale, out.chain) == ("pl", "pl-PL", ("pl-PL", "pl"))
    assert out.reason == "pl-PL: no texts; pl: using the 'email' variant"
    # No HTML variant in Polish: the HTML rendition is the escaped text in paragraphs.
    assert out.html is not None and out.html.startswith("<p>Dzień dobry Ola &lt;3,</p>")


def test_render_html_variant_escapes_values(catalog: ResponseCatalog) -> None:
    out = catalog.render("order.delayed", locale="en", values={**VALUES, "days_late": 1})
    assert out.html is not None
    assert out.html.startswith("<p>Hello Ola &lt;3,</p>\n<p>your order <b>A-17</b>")
    assert "is 1 day late" in out.text and "Ola <3" in out.text
    assert "We refunded PLN\xa025.00." in out.text  # CLDR currency spacing, as ICU4C


def test_channels_pick_their_variant(catalog: ResponseCatalog) -> None:
    chat = catalog.render("order.delayed", locale="en", channel="whatsapp", values=VALUES)
    assert chat.variant == "chat" and chat.html is None and chat.subject is None
    sms = catalog.render("order.delayed", locale="en", channel="sms", values=VALUES)
    assert sms.empty and sms.text == ""
    web = catalog.render(
        "ticket.ack",
        locale="en",
        channel="web_form",
        values={"reply_by": datetime(2026, 5, 4, 12, tzinfo=UTC), "wait": timedelta(hours=4)},
    )
    assert web.variant == "default"
    assert web.text == "We will reply by 12:00\u202fPM on May 4, 2026 (within 4 hours)."
    with pytest.raises(CatalogError):
        catalog.render("order.delayed", locale="en", channel="pigeon", values=VALUES)


def test_thai_uses_buddhist_years(catalog: ResponseCatalog) -> None:
    out = catalog.render("order.delayed", locale="th", channel="chat", values=VALUES)
    assert out.format_locale == "th-TH-u-ca-buddhist"
    assert "จะถึงวันที่ 4 พฤษภาคม 2569" in out.text
    assert "ล่าช้า 3 วัน" in out.text
    ack = catalog.render(
        "ticket.ack",
        locale="th-TH",
        channel="chat",
        values={"reply_by": datetime(2026, 5, 4, 10, tzinfo=UTC), "wait": timedelta(hours=2)},
        tz="Asia/Bangkok",
    )
    assert ack.text == "เราจะตอบกลับภายใน 17:00 น. วันที่ 4 พฤษภาคม 2569 (ภายใน 2 ชั่วโมง)"


def test_locale_falls_back_to_the_default(catalog: ResponseCatalog) -> None:
    out = catalog.render("order.delayed", locale="fi-FI", channel="chat", values=VALUES)
    assert out.locale == "en" and out.format_locale == "en"
    assert out.chain == ("fi-FI", "fi", "en")
    with pytest.raises(UnknownLocaleError):
        catalog.render("order.delayed", locale="xx-QQ", values=VALUES)
    with pytest.raises(CatalogError):
        catalog.render("no.such.key", locale="en", values=VALUES)


def test_fallbacks_and_missing_values(catalog: ResponseCatalog) -> None:
    values = {k: v for k, v in VALUES.items() if k != "customer_name"}
    out = catalog.render("order.delayed", locale="en", channel="chat", values=values)
    assert out.text.startswith("Sorry there, order A-17")
    with pytest.raises(MissingVariableError, match="order_id"):
        catalog.render(
            "order.delayed",
            locale="en",
            channel="chat",
            values={k: v for k, v in values.items() if k != "order_id"},
        )
    with pytest.raises(TemplateError, match="new_date"):
        catalog.render("order.delayed", locale="en", values={**VALUES, "new_date": "soon"})
    # Fallbacks are filled into a copy: the caller's values are never changed, and a value
    # given once does not leak into the next render through the cached plan.
    assert "customer_name" not in values
    again = catalog.render("order.delayed", locale="en", channel="chat", values=VALUES)
    assert again.text.startswith("Sorry Ola <3, order A-17")
    assert catalog.render("order.delayed", locale="en", channel="chat", values=values).text == (
        out.text
    )


def test_later_source_overrides_a_key(catalog: ResponseCatalog) -> None:
    both = ResponseCatalog(FIXTURES / "shop", FIXTURES / "override")
    assert both.render("ticket.ack", locale="pl", channel="chat").text == "Thanks, we got it."
    assert both.get("ticket.ack").title == "Acknowledgement (shop's own)"
    assert "order.delayed" in both and len(both) == 2


def test_lint_finds_every_problem_with_file_and_line() -> None:
    found = {(Path(p.file or "").name, p.line, p.code) for p in lint(FIXTURES / "broken")}
    expected = {
        ("en.toml", 4, "syntax"),
        ("en.toml", 7, "plural-category"),  # English has no 'few' (CLDR)
        ("en.toml", 8, "plural-without-other"),
        ("en.toml", 8, "undeclared-argument"),
        ("en.toml", 8, "argument-type"),  # {when, time} on a date
        ("en.toml", 10, "html"),
        ("en.toml", 13, "unsafe-name"),
        ("catalog.toml", 10, "unused-variable"),
        ("catalog.toml", 4, "missing-locale"),
    }
    assert expected <= found
    codes = [p.code for p in lint(FIXTURES / "broken") if p.locale == "pl"]
    assert "plural-category" not in codes  # a Polish 'few' is fine


def test_lint_of_a_clean_catalog_has_no_errors(catalog: ResponseCatalog) -> None:
    assert [p for p in catalog.lint() if p.severity == "error"] == []


def test_lint_flags_argument_differences_between_locales(tmp_path: Path) -> None:
    (tmp_path / "catalog.toml").write_text(
        '[responses.k.variables]\na = { type = "text" }\nb = { type = "text" }\n', "utf-8"
    )
    (tmp_path / "en.toml").write_text('[k.chat]\ntext = "{a} {b}"\n', "utf-8")
    (tmp_path / "pl.toml").write_text('[k.chat]\ntext = "{a}"\n', "utf-8")
    problems = [p for p in lint(tmp_path) if p.code == "argument-mismatch"]
    assert [(p.locale, p.line, "missing b" in p.message) for p in problems] == [("pl", 1, True)]


def test_broken_directory_refuses_to_load_strictly(tmp_path: Path) -> None:
    (tmp_path / "en.toml").write_text("[k.chat]\ntext = = 'x'\n", "utf-8")
    with pytest.raises(CatalogError):
        load_directory(tmp_path)
    problems = lint(tmp_path)
    assert any(p.code == "load" and p.line == 2 for p in problems)


def test_builtin_catalog_composes_the_library() -> None:
    library = builtin_catalog()
    assert "order.delayed" in library
    assert set(library.locales) >= {"en", "pl"}
    assert [p for p in library.lint() if p.code in ("syntax", "unsafe-name", "load")] == []


# --- hypothesis round trips of catalog files ------------------------------------------------

_words = st.text(
    alphabet=st.characters(blacklist_characters="{}'#\\\"\x7f", blacklist_categories=("Cs", "Cc")),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip() != "")
_texts = st.lists(st.one_of(_words, st.just("{name}")), min_size=1, max_size=4).map("".join)
_variant = st.fixed_dictionaries({"text": _texts}, optional={"subject": _texts})
_keys = st.from_regex(r"[a-z]{1,8}(\.[a-z]{1,8}){0,2}", fullmatch=True)
_responses = st.dictionaries(
    _keys,
    st.dictionaries(
        st.sampled_from(["email", "chat", "default", "whatsapp"]), _variant, min_size=1, max_size=3
    ),
    min_size=1,
    max_size=4,
)


def _toml_string(text: str) -> str:
    return (
        '"'
        + "".join(c if c.isprintable() and c not in '"\\' else f"\\U{ord(c):08X}" for c in text)
        + '"'
    )


def _to_toml(texts: dict[str, dict[str, dict[str, str]]]) -> str:
    lines = []
    for key, variants in texts.items():
        for variant, fields in variants.items():
            lines.append(f'["{key}".{variant}]')
            lines.extend(f"{field} = {_toml_string(value)}" for field, value in fields.items())
    return "\n".join(lines) + "\n"


META = {"catalog": {"default_locale": "en"}}


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=_responses, fmt=st.sampled_from(["toml", "json", "yaml"]))
def test_catalog_files_round_trip(tmp_path: Path, texts: dict[str, Any], fmt: str) -> None:
    folder = tmp_path / f"{fmt}-{abs(hash(json.dumps(texts, sort_keys=True)))}"
    folder.mkdir()
    (folder / "catalog.toml").write_text('[catalog]\ndefault_locale = "en"\n', "utf-8")
    if fmt == "toml":
        (folder / "en.toml").write_text(_to_toml(texts), "utf-8")
    elif fmt == "json":
        (folder / "en.json").write_text(json.dumps(texts, ensure_ascii=False), "utf-8")
    else:
        (folder / "en.yaml").write_text(yaml.safe_dump(texts, allow_unicode=True), "utf-8")
    loaded = load_directory(folder)
    expected = CatalogSource.from_mapping(META, {"en": texts})
    assert {r.key: r for r in loaded.responses} == {r.key: r for r in expected.responses}
    for response in loaded.responses:
        assert type(response).model_validate_json(response.model_dump_json()) == response


def test_catalog_files_are_capped_before_reading_and_nesting_is_bounded(tmp_path: Path) -> None:
    (tmp_path / "catalog.toml").write_text('[catalog]\ndefault_locale = "en"\n', encoding="utf-8")
    with (tmp_path / "en.toml").open("wb") as huge:  # sparse: nothing is written to disk
        huge.truncate(4_000_001)
    with pytest.raises(CxError, match="larger than the cap of 4000000 bytes"):
        load_directory(tmp_path)
    (tmp_path / "en.toml").unlink()
    (tmp_path / "en.toml").write_text("x = " + "[" * 5000 + "]" * 5000, encoding="utf-8")
    problems = [p.message for p in lint(tmp_path) if p.code == "load"]
    assert any("nested deeper than 64" in message for message in problems)
