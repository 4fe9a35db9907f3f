"""Formatting through Babel: plural rules, numbers, money, dates (incl. Buddhist era), lists."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from babel import Locale
from babel.dates import format_date as babel_date
from babel.dates import format_datetime as babel_datetime
from babel.dates import format_time as babel_time
from babel.lists import format_list as babel_format_list
from babel.numbers import format_decimal
from hypothesis import given, settings
from hypothesis import strategies as st

from cxcore._locale import get_locale
from cxcore.errors import (
    NegativeDurationError,
    TemplateError,
    UnknownLocaleError,
    UnsafeTemplateError,
)
from cxcore.money import Money
from cxcore.responses import (
    LocaleFormatter,
    calendar_of,
    format_date,
    format_datetime,
    format_duration,
    format_list,
    format_money,
    format_number,
    formatter_for,
    plural_category,
)
from cxcore.responses._number_patterns import format_spec
from cxcore.responses._numbers import number_spec
from cxcore.responses.message import Limits, Message

LOCALES = ("en", "pl", "lv", "tr", "fi", "th")

# Known answers from the CLDR plural rules chart
# (https://www.unicode.org/cldr/charts/latest/supplemental/language_plural_rules.html).
CARDINAL = [
    ("en", 1, "one"), ("en", 0, "other"), ("en", 2, "other"), ("en", Decimal("1.0"), "other"),
    ("pl", 1, "one"), ("pl", 2, "few"), ("pl", 4, "few"), ("pl", 5, "many"), ("pl", 12, "many"),
    ("pl", 14, "many"), ("pl", 22, "few"), ("pl", 25, "many"), ("pl", 0, "many"),
    ("pl", Decimal("1.5"), "other"), ("pl", 112, "many"), ("pl", 102, "few"),
    ("lv", 0, "zero"), ("lv", 10, "zero"), ("lv", 11, "zero"), ("lv", 19, "zero"),
    ("lv", 20, "zero"), ("lv", 1, "one"), ("lv", 21, "one"), ("lv", 101, "one"),
    ("lv", 2, "other"), ("lv", 9, "other"), ("lv", 22, "other"), ("lv", Decimal("0.1"), "one"),
    ("tr", 1, "one"), ("tr", 0, "other"), ("tr", 2, "other"), ("tr", 1000, "other"),
    ("fi", 1, "one"), ("fi", 0, "other"), ("fi", 2, "other"), ("fi", Decimal("1.0"), "other"),
    ("th", 0, "other"), ("th", 1, "other"), ("th", 2, "other"), ("th", 5, "other"),
]  # fmt: skip
ORDINAL = [
    ("en", 1, "one"), ("en", 2, "two"), ("en", 3, "few"), ("en", 4, "other"),
    ("en", 11, "other"), ("en", 12, "other"), ("en", 13, "other"), ("en", 21, "one"),
    ("en", 22, "two"), ("en", 23, "few"), ("en", 101, "one"), ("en", 111, "other"),
    ("pl", 1, "other"), ("pl", 3, "other"), ("lv", 1, "other"), ("tr", 2, "other"),
    ("fi", 1, "other"), ("th", 1, "other"),
]  # fmt: skip


@pytest.mark.parametrize(("locale", "number", "expected"), CARDINAL)
def test_cardinal_plural_categories(locale: str, number: int | Decimal, expected: str) -> None:
    assert plural_category(locale, number) == expected


@pytest.mark.parametrize(("locale", "number", "expected"), ORDINAL)
def test_ordinal_plural_categories(locale: str, number: int, expected: str) -> None:
    assert plural_category(locale, number, ordinal=True) == expected


def test_locale_category_sets_follow_cldr() -> None:
    assert LocaleFormatter("pl").plural_categories == {"one", "few", "many", "other"}
    assert LocaleFormatter("en").plural_categories == {"one", "other"}
    assert LocaleFormatter("lv").plural_categories == {"zero", "one", "other"}
    assert LocaleFormatter("th").plural_categories == {"other"}
    assert LocaleFormatter("en").ordinal_categories == {"one", "two", "few", "other"}


def test_buddhist_calendar_years_and_patterns() -> None:
    # CLDR th.xml, calendar "buddhist": long "d MMMM y", medium "d MMM y", short "d/M/yy",
    # full "EEEEที่ d MMMM G y" with era "พ.ศ."; 2026 CE is 2569 BE.
    day = date(2026, 5, 4)
    tag = "th-TH-u-ca-buddhist"
    assert format_date(day, tag, "long") == "4 พฤษภาคม 2569"
    assert format_date(day, tag, "medium") == "4 พ.ค. 2569"
    assert format_date(day, tag, "short") == "4/5/69"
    assert format_date(day, tag, "full") == "วันจันทร์ที่ 4 พฤษภาคม พ.ศ. 2569"
    assert format_date(date(2025, 12, 31), tag, "long") == "31 ธันวาคม 2568"
    assert format_date(day, "th", "long") == "4 พฤษภาคม ค.ศ. 2026"
    assert format_date(day, tag, "::yMMMM") == "พฤษภาคม 2569"
    assert calendar_of(tag) == "buddhist"
    with pytest.raises(UnknownLocaleError):
        calendar_of("ja-u-ca-japanese")


def test_datetime_in_a_time_zone() -> None:
    at = datetime(2026, 5, 4, 22, 30, tzinfo=UTC)
    assert format_date(at, "pl", "long", tz="Europe/Warsaw") == "5 maja 2026"
    assert format_datetime(at, "fi", "short", tz="Europe/Helsinki") == "5.5.2026 1.30"
    # CLDR 48 (Babel 2.19) writes the Thai short time as "HH:mm น.", older data as "HH:mm".
    particle = " น." if Locale.parse("th").time_formats["short"].pattern.endswith("น.") else ""
    thai = format_datetime(at, "th-TH-u-ca-buddhist", "short", tz="Asia/Bangkok")
    assert thai == "5/5/69 05:30" + particle


def test_money_and_numbers() -> None:
    assert format_money(Money.of("1234.5", "PLN"), "pl") == "1\xa0234,50\xa0zł"
    assert format_money(Money.of("1234.5", "TRY"), "tr") == "₺1.234,50"
    assert format_money(Money.of("0.005", "EUR"), "fi") == "0,01\xa0€"  # half up, as Money does
    assert format_money(Money.of("-3", "THB"), "th") == "-฿3.00"
    assert format_money(Money.of("1500", "JPY"), "en") == "¥1,500"
    assert format_number(Decimal("0.25"), "tr", "percent") == "%25"
    assert format_number(Decimal("1234.56"), "en", "integer") == "1,235"


def test_lists_and_durations() -> None:
    assert format_list(["a", "b", "c"], "pl") == "a, b i c"
    assert format_list(["a", "b"], "lv", "or") == "a vai b"
    assert format_list([], "en") == ""
    assert format_duration(timedelta(hours=1, minutes=30), "en") == "1 hour, 30 minutes"
    assert format_duration(timedelta(days=2), "fi") == "2 päivää"
    assert format_duration(timedelta(0), "en") == "0 minutes"
    with pytest.raises(NegativeDurationError):
        format_duration(timedelta(seconds=-1), "en")


decimals = st.decimals(
    min_value=Decimal("-1e12"), max_value=Decimal("1e12"), allow_nan=False, places=4
)


def _with_minus_sign(text: str, locale: str) -> str:
    # Babel leaves a pattern's "-" as it is; CLDR (and ICU4C) show the locale's minusSign
    # there: U+2212 in Finnish.
    minus = get_locale(locale).number_symbols["latn"]["minusSign"]
    return minus + text[1:] if text.startswith("-") else text


@settings(max_examples=200)
@given(value=decimals, locale=st.sampled_from(LOCALES))
def test_fast_number_path_equals_babel(value: Decimal, locale: str) -> None:
    expected = _with_minus_sign(format_decimal(value, locale=locale), locale)
    assert format_number(value, locale) == expected


@settings(max_examples=200)
@given(
    value=st.integers(min_value=-(10**15), max_value=10**15),
    locale=st.sampled_from((*LOCALES, "hi", "de_CH")),
    pattern=st.sampled_from([None, "#,##0", "#,##,##0", "0", "000", "#,##0.00"]),
)
def test_integer_path_equals_babel(value: int, locale: str, pattern: str | None) -> None:
    # Integers take a shorter path (Python's own grouping) for groups of three; Hindi groups
    # the rest in twos, and "000" pads: both must still agree with Babel (with the locale's
    # own minus sign, as CLDR and ICU4C write it).
    expected = _with_minus_sign(format_decimal(value, format=pattern, locale=locale), locale)
    assert LocaleFormatter(locale).number(value, pattern) == expected


@settings(max_examples=200)
@given(
    value=decimals,
    locale=st.sampled_from(LOCALES),
    currency=st.sampled_from(["EUR", "PLN", "THB", "JPY", "KWD", "TRY"]),
)
def test_fast_money_path_equals_the_full_pattern_path(
    value: Decimal, locale: str, currency: str
) -> None:
    # The fast path for plain currency patterns must agree with the full pattern engine
    # (currency spacing, localized minus sign, the currency's minor digits).
    money = Money.of(value, currency)
    tag = get_locale(locale)
    full = format_spec(number_spec(tag, None, currency), money.rounded().amount, tag, currency)
    assert format_money(money, locale) == full


@settings(max_examples=150)
@given(
    at=st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2200, 1, 1)),
    locale=st.sampled_from(LOCALES),
    style=st.sampled_from(["short", "medium", "long", "full"]),
)
def test_compiled_date_patterns_equal_babel(at: datetime, locale: str, style: str) -> None:
    aware = at.replace(tzinfo=UTC)
    fmt = LocaleFormatter(locale)
    assert fmt.date(aware.date(), style) == babel_date(aware.date(), style, locale=locale)
    if style in ("short", "medium"):
        assert fmt.time(aware, style) == babel_time(aware, style, locale=locale)
        assert fmt.datetime(aware, style) == babel_datetime(aware, style, locale=locale)


@settings(max_examples=100)
@given(day=st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_buddhist_year_is_gregorian_plus_543(day: date) -> None:
    text = format_date(day, "th-TH-u-ca-buddhist", "long")
    assert text.endswith(f" {day.year + 543}")
    assert text.removesuffix(str(day.year + 543)) == babel_date(day, "d MMMM ", locale="th")


# -- lists: linear, verbatim, capped while building (issue 16) -----------------------------------


@settings(max_examples=80)
@given(
    items=st.lists(st.text(alphabet="ab{}01, ", max_size=6), max_size=8),
    locale=st.sampled_from(["en", "pl", "lv", "tr", "fi", "th"]),
    style=st.sampled_from(["standard", "or"]),
)
def test_lists_join_like_babel_with_items_taken_verbatim(
    items: list[str], locale: str, style: str
) -> None:
    # Babel's format_list fills the CLDR patterns with str.format, which never reads an
    # item as a pattern: the peer the joins are checked against.
    assert format_list(items, locale, style) == babel_format_list(items, style, locale)


def test_an_item_that_looks_like_a_pattern_cannot_multiply_the_output() -> None:
    # The old join substituted "{1}" inside items again: 24 items gave 58 million characters.
    out = format_list(["{1}"] * 1000, "en")
    assert len(out) == 1000 * 3 + 998 * len(", ") + len(", and ")


def test_a_list_of_the_wrong_shape_is_a_template_error() -> None:
    with pytest.raises(TemplateError, match="text items, got int at position 0"):
        format_list([1, 2], "en")  # type: ignore[list-item]
    with pytest.raises(TemplateError, match="sequence of text"):
        format_list("ab", "en")  # type: ignore[arg-type]


def test_a_long_list_value_stops_at_the_output_cap_while_building() -> None:
    # 1,000 items of 100k characters (allowed by Limits) used to take 47 s before the cap.
    message = Message("{items, list}")
    with pytest.raises(UnsafeTemplateError, match="longer than 100000 characters"):
        message.format("en", {"items": ["x" * 100_000] * 1000})
    with pytest.raises(UnsafeTemplateError, match="a list renders longer than 10"):
        formatter_for("en").list(["abcd", "efgh", "ijkl"], limit=10)
    roomy = Message("{items, list}", limits=Limits(max_output=10**9))
    assert len(roomy.format("en", {"items": ["x" * 100_000] * 1000})) == 100_002_002


# -- numbers a template cannot format raise TemplateError (issue 16) -----------------------------


@pytest.mark.parametrize(
    "value", [float("nan"), float("inf"), -float("inf"), Decimal("NaN"), Decimal("-Infinity")]
)
def test_nan_and_infinity_are_template_errors(value: float | Decimal) -> None:
    # Used to raise bare ValueError/OverflowError in plural, and print "NaN%" in percent.
    with pytest.raises(TemplateError, match="finite"):
        plural_category("en", value)
    for pattern in ("{n, plural, one {a} other {b}}", "{n, number, percent}", "{n}"):
        with pytest.raises(TemplateError, match="finite"):
            Message(pattern).format("en", {"n": value})


@pytest.mark.parametrize(
    "value", [10**5000, -(10**1000), Decimal("1e1000")], ids=["10**5000", "-10**1000", "1e1000"]
)
def test_numbers_past_a_thousand_digits_are_template_errors(value: int | Decimal) -> None:
    # {n} with 10**5000 used to hit Python's 4300-digit limit with a bare ValueError.
    for pattern in ("{n}", "{n, number}", "{n, plural, other {#}}"):
        with pytest.raises(TemplateError, match="more than 1000 digits"):
            Message(pattern).format("en", {"n": value})
    assert len(Message("{n}").format("en", {"n": 10**999 - 1})) == 999 + 332
