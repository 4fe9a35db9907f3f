"""The message evaluator: ICU syntax through pyicumessageformat, FormatJS cases, safety."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import escape

from cxcore.errors import (
    MissingVariableError,
    NaiveDatetimeError,
    TemplateError,
    TemplateSyntaxError,
    UnsafeTemplateError,
)
from cxcore.money import Money
from cxcore.responses import Limits, Message, analyse_message, compile_message, format_message

# Cases ported from the FormatJS intl-messageformat documentation and tests
# (https://formatjs.io/docs/core-concepts/icu-syntax and
# https://github.com/formatjs/formatjs/tree/main/packages/intl-messageformat), locale en.
PHOTOS = "You have {numPhotos, plural, =0 {no photos.} =1 {one photo.} other {# photos.}}"
FORMATJS = [
    (PHOTOS, {"numPhotos": 0}, "You have no photos."),
    (PHOTOS, {"numPhotos": 1}, "You have one photo."),
    (PHOTOS, {"numPhotos": 1000}, "You have 1,000 photos."),
    (
        "{gender, select, male {He} female {She} other {They}} will respond shortly.",
        {"gender": "female"},
        "She will respond shortly.",
    ),
    (
        "{gender, select, male {He} female {She} other {They}} will respond shortly.",
        {"gender": "robot"},
        "They will respond shortly.",
    ),
    (
        "It’s my cat’s {year, selectordinal, one {#st} two {#nd} few {#rd} other {#th}} birthday!",
        {"year": 3},
        "It’s my cat’s 3rd birthday!",
    ),
    (
        "It’s my cat’s {year, selectordinal, one {#st} two {#nd} few {#rd} other {#th}} birthday!",
        {"year": 11},
        "It’s my cat’s 11th birthday!",
    ),
    (
        "{taxableArea, select, yes {An additional {taxRate, number, percent} tax will be "
        "collected.} other {No taxes apply.}}",
        {"taxableArea": "yes", "taxRate": Decimal("0.2")},
        "An additional 20% tax will be collected.",
    ),
    (
        "{itemCount, plural, =0 {You have no items.} one {You have {itemCount, number} item.} "
        "other {You have {itemCount, number} items.}}",
        {"itemCount": 1234},
        "You have 1,234 items.",
    ),
    ("This '{isn''t}' obvious", {}, "This {isn't} obvious"),
    ("I don't escape", {}, "I don't escape"),
    (
        "{guests, plural, offset:1 =0 {nobody} =1 {{host}} one {{host} and # other} "
        "other {{host} and # others}}",
        {"guests": 3, "host": "Ann"},
        "Ann and 2 others",
    ),
    (
        "{guests, plural, offset:1 =0 {nobody} =1 {{host}} one {{host} and # other} "
        "other {{host} and # others}}",
        {"guests": 2, "host": "Ann"},
        "Ann and 1 other",
    ),
    ("Sale begins {start, date, medium}", {"start": date(2026, 5, 4)}, "Sale begins May 4, 2026"),
]


@pytest.mark.parametrize(("pattern", "values", "expected"), FORMATJS)
def test_formatjs_cases(pattern: str, values: dict[str, object], expected: str) -> None:
    assert format_message(pattern, "en", values) == expected


def test_plural_in_every_first_class_locale() -> None:
    pattern = "{n, plural, zero {Z} one {O} two {T} few {F} many {M} other {X}}"
    got = {
        loc: [format_message(pattern, loc, {"n": n}) for n in (0, 1, 2, 5, 22)]
        for loc in ("en", "pl", "lv", "tr", "fi", "th")
    }
    assert got == {
        "en": ["X", "O", "X", "X", "X"],
        "pl": ["M", "O", "F", "M", "F"],
        "lv": ["Z", "O", "X", "X", "X"],
        "tr": ["X", "O", "X", "X", "X"],
        "fi": ["X", "O", "X", "X", "X"],
        "th": ["X", "X", "X", "X", "X"],
    }


def test_arguments_are_typed_and_formatted() -> None:
    values = {
        "m": Money.of("19.9", "EUR"),
        "d": datetime(2026, 5, 4, 7, 0, tzinfo=UTC),
        "w": timedelta(hours=2),
        "items": ["a", "b"],
        "ok": True,
        "n": Decimal("1234.5"),
    }
    text = format_message(
        "{m} {d, time, short} {w} {items} {ok} {n}", "pl", values, "Europe/Warsaw"
    )
    assert text == "19,90\xa0€ 09:00 2 godziny a i b true 1\xa0234,5"
    assert format_message("{d, datetime, short}", "en", values) == "5/4/26, 7:00\u202fAM"


def test_missing_value_is_an_error_not_a_blank() -> None:
    with pytest.raises(MissingVariableError, match="'name'"):
        format_message("Hello {name}", "en", {})
    with pytest.raises(MissingVariableError):
        format_message("Hello {name}", "en", {"name": None})


def test_wrong_kinds_of_values() -> None:
    with pytest.raises(TemplateError):
        format_message("{n, plural, other {#}}", "en", {"n": "three"})
    with pytest.raises(TemplateError):
        format_message("{d, date, long}", "en", {"d": "tomorrow"})
    with pytest.raises(TemplateError):
        format_message("{m, number, currency}", "en", {"m": "5"})
    with pytest.raises(NaiveDatetimeError):
        format_message("{d, time}", "en", {"d": datetime(2026, 5, 4, 9)})


def test_syntax_errors_carry_an_offset() -> None:
    message, issues = analyse_message("Hi {name")
    assert message is None
    assert issues[0].code == "syntax" and issues[0].offset == 8
    with pytest.raises(TemplateSyntaxError):
        compile_message("{n, spellout}")
    with pytest.raises(TemplateSyntaxError):
        compile_message("{n, plural, one {x}}")


# --- hostile templates and values ------------------------------------------------------------

HOSTILE_TEMPLATES = [
    "{x.__class__}",
    "{x.__class__.__mro__}",
    "{x[0]}",
    "{__import__}",
    "{_private}",
    "{x()}",
    "{x, select, a {{y.__dict__}} other {z}}",
    "{x, number, ::currency/EUR unit-width-narrow}",
]


@pytest.mark.parametrize("pattern", HOSTILE_TEMPLATES)
def test_hostile_templates_are_refused(pattern: str) -> None:
    with pytest.raises((UnsafeTemplateError, TemplateSyntaxError)):
        compile_message(pattern)


def test_deep_nesting_is_refused() -> None:
    deep = "{a, select, other {" * 30 + "x" + "}}" * 30
    with pytest.raises(UnsafeTemplateError):
        compile_message(deep)
    huge = "{n, plural, " + " ".join(f"={i} {{{i}}}" for i in range(3000)) + " other {x}}"
    assert compile_message(huge).format("en", {"n": 2999}) == "2999"
    with pytest.raises(UnsafeTemplateError):
        compile_message("x" * 60_000)


def test_huge_values_are_refused() -> None:
    with pytest.raises(UnsafeTemplateError):
        format_message("{v}", "en", {"v": "x" * 10**7})
    with pytest.raises(UnsafeTemplateError):
        format_message("{v}{v}{v}", "en", {"v": "x" * 60_000})
    with pytest.raises(UnsafeTemplateError):
        format_message("{v, list}", "en", {"v": ["x"] * 5000})
    small = Limits(max_output=10)
    with pytest.raises(UnsafeTemplateError):
        Message("{v}", limits=small).format("en", {"v": "12345678901"})


class _Sneaky:
    def __str__(self) -> str:
        raise AssertionError("a template must never call methods on values")


@pytest.mark.parametrize("value", [_Sneaky(), {"a": 1}, object(), {1, 2}, b"bytes", [[1]]])
def test_values_must_be_plain_data(value: object) -> None:
    with pytest.raises(UnsafeTemplateError):
        format_message("{v}", "en", {"v": value})


class Colour(StrEnum):
    RED = "red"


def test_str_enums_are_used_as_their_text() -> None:
    assert format_message("{c, select, red {R} other {O}}", "en", {"c": Colour.RED}) == "R"


def test_html_rendition_escapes_values_and_keeps_markup() -> None:
    pattern = "<p>Hello <b>{name}</b>, {n, plural, one {# <i>item</i>} other {# items}}</p>"
    out = format_message(pattern, "en", {"name": "<script>alert(1)</script>", "n": 1}, html=True)
    assert out == "<p>Hello <b>&lt;script&gt;alert(1)&lt;/script&gt;</b>, 1 <i>item</i></p>"
    plain = format_message("Hi {name}", "en", {"name": "<b>&"})
    assert plain == "Hi <b>&"


@settings(max_examples=100)
@given(value=st.text(max_size=200))
def test_html_never_lets_a_value_through_raw(value: str) -> None:
    out = format_message("<p>{v}</p>", "en", {"v": value}, html=True)
    assert out == f"<p>{escape(value)}</p>"


@settings(max_examples=100)
@given(n=st.integers(min_value=0, max_value=10**9))
def test_plural_branch_matches_category(n: int) -> None:
    out = format_message(
        "{n, plural, one {one} few {few} many {many} other {other}}", "pl", {"n": n}
    )
    from cxcore.responses import plural_category

    assert out == plural_category("pl", n)
