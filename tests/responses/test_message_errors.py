"""One rule for errors: a message cxcore cannot render raises a CxError naming the message, the
argument and its offset, and lint reports the same problem ahead of time. Regression tests for
each crash of issue 14, and a hypothesis test that only CxError ever escapes."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cxcore.errors import CxError, TemplateError, TemplateSyntaxError
from cxcore.money import Money
from cxcore.responses import CatalogSource, analyse_message, format_message, lint

AT = datetime(2026, 5, 4, 7, 5, 3, 120000, tzinfo=UTC)
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


# --- the crashes and differences issue 14 measured (expected texts from ICU4C 77.1) ----------


def test_date_argument_with_time_fields_renders_the_time() -> None:
    # Was a raw AttributeError: the date's time was dropped before the pattern asked for it.
    pattern = "{d, date, yyyy-MM-dd'T'HH:mm:ss.SSS zz}"
    assert format_message(pattern, "en", {"d": AT}) == "2026-05-04T07:05:03.120 UTC"
    with pytest.raises(TemplateError, match=r"offset 0.*needs a datetime"):
        format_message(pattern, "en", {"d": date(2026, 5, 4)})


def test_jj_skeleton_keeps_the_hour() -> None:
    assert format_message("{d, time, ::jjmmss}", "en", {"d": EPOCH}) == "12:00:00\u202fAM"
    assert format_message("{d, time, ::jjmmss}", "pl", {"d": EPOCH}) == "00:00:00"


def test_currency_name_sign_keeps_the_amount() -> None:
    assert format_message("{n, number,¤¤¤#,##0.00}", "en-US", {"n": 1234.5}) == (
        "US dollars\xa01,234.50"
    )
    assert format_message("{n, number,¤¤¤#,##0.00}", "en", {"n": Money.of("1", "EUR")}) == (
        "euros\xa01.00"
    )


def test_rounding_increment() -> None:
    assert format_message("{n, number,#,##0.65}", "en", {"n": 3.3}) == "3.25"
    assert format_message("{n, number,#,##0.05}", "pl", {"n": Decimal("2.024")}) == "2,00"


def test_quoted_literal_in_a_style_keeps_its_meaning() -> None:
    assert format_message("{n, number,'#'#}", "en", {"n": 3}) == "#3"
    assert format_message("{n, number, '#'#}", "en", {"n": 3}) == "#3"


def test_date_skeletons_with_field_widths() -> None:
    values = {"d": EPOCH}
    assert format_message("{d, date, ::yyyyMMMdd}", "en", values) == "Jan 01, 1970"
    assert format_message("{d, date, ::GMMd}", "en", values) == "01/1 AD"
    assert format_message("{d, date, ::GrMMMdd}", "en", values) == "Jan 01, 1970 AD"
    assert format_message("{d, date, ::Mk}", "en", values) == "1, 00"


def test_time_zone_fallbacks_and_bare_datetimes() -> None:
    assert format_message("{d, time, long}", "pl", {"d": EPOCH}, "GMT") == "00:00:00 GMT"
    assert format_message("{d, time, long}", "en", {"d": AT}, "Europe/Warsaw") == (
        "9:05:03\u202fAM GMT+2"
    )
    assert format_message("{d}", "en", {"d": EPOCH}) == "1/1/70, 12:00\u202fAM"


def test_number_pattern_features() -> None:
    assert format_message("{n, number,@@@}", "en", {"n": 12345}) == "12300"
    assert format_message("{n, number,##0.##E0}", "en", {"n": 12345}) == "12.3E3"
    assert format_message("{n, number,*x#,##0}", "en", {"n": 12}) == "xxx12"
    assert format_message("{n, number,¤¤#,##0.00}", "en", {"n": Money.of(12, "CAD")}) == (
        "CAD\xa012.00"
    )
    assert format_message("{n}", "fi", {"n": -3}) == "−3"
    assert format_message("{n, number,#,##0*x'%'}", "en", {"n": 5}) == "5xxxx%"  # not scaled


def test_number_skeletons() -> None:
    assert format_message("{n, number, ::percent scale/100}", "en", {"n": 3}) == "300%"
    assert format_message("{n, number, ::compact-short}", "en", {"n": 31234}) == "31K"
    assert format_message("{n, number, ::.00}", "en", {"n": 3}) == "3.00"
    assert format_message("{n, number, ::currency/EUR}", "pl", {"n": 1234.5}) == "1234,50\xa0€"
    assert format_message("{n, number, ::measure-unit/length-meter}", "en", {"n": 5}) == "5 m"


def test_positional_arguments_and_the_regions_currency() -> None:
    assert format_message("{0} and {1}", "en", ["a", "b"]) == "a and b"
    assert format_message("{0} and {1}", "en", {"0": "a", "1": "b"}) == "a and b"
    assert format_message("{n, number, currency}", "pl-PL", {"n": 3}) == "3,00\xa0zł"


def test_choice_format() -> None:
    pattern = "{n, choice, 0#no files|1#one file|1<{n} files}"
    assert analyse_message(pattern)[1][0].code == "syntax"  # no arguments inside a choice
    pattern = "{n, choice, -1#negative|0#none|1#one|1<many}"
    texts = [format_message(pattern, "en", {"n": n}) for n in (-5, 0, 0.5, 1, 1.5)]
    assert texts == ["negative", "none", "none", "one", "many"]


# --- one rule for errors -----------------------------------------------------------------------


def test_a_render_error_names_the_message_argument_and_offset() -> None:
    with pytest.raises(TemplateError) as caught:
        format_message("Total: {n, plural, other {# x {y, number}}}", "en", {"n": 1, "y": "q"})
    text = str(caught.value)
    assert "'Total: {n, plural" in text and "{y}" in text and "offset 30" in text
    assert caught.value.argument == "y"  # type: ignore[attr-defined]
    assert caught.value.offset == 30  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("pattern", "code"),
    [
        ("{n, spellout}", "unsupported-type"),
        ("{n, ordinal}", "unsupported-type"),
        ("{n, number, ::currency/EUR unit-width-narrow}", "bad-style"),
        ("{n, number, ::frobnicate}", "bad-style"),
        ("{d, date, ::yMQ9}", "bad-style"),
    ],
)
def test_what_cannot_render_is_refused_at_compile_time(pattern: str, code: str) -> None:
    message, issues = analyse_message(pattern)
    assert message is not None  # the rest of the message still compiles
    assert [issue.code for issue in issues] == [code]
    with pytest.raises(TemplateSyntaxError, match="offset 0"):
        format_message(pattern, "en", {"n": 1, "d": AT})


def test_lint_reports_a_time_pattern_on_a_date_variable() -> None:
    source = CatalogSource.from_mapping(
        {"responses": {"k": {"variables": {"d": {"type": "date"}}}}},
        {"en": {"k": {"chat": {"text": "At {d, date, HH:mm}"}}}},
    )
    assert [(p.code, p.locale) for p in lint(source)] == [("argument-type", "en")]


# --- nothing but CxError escapes -----------------------------------------------------------------

_STYLES = [
    "", ", number", ", number, integer", ", number, currency", ", number, percent",
    ", number,#,##0.65", ", number,@@#", ", number,0.0E0", ", number,*x#", ", number, ::.00",
    ", number, ::compact-long", ", number, ::currency/EUR", ", number, ::measure-unit/x-y",
    ", number, ::scale/x", ", number,¤¤¤0", ", date", ", date, long", ", time, full",
    ", datetime, short", ", date, ::jmz", ", date, ::Gk", ", date, HH:mm zzzz", ", date,EEEE",
    ", list", ", list, or", ", duration, short", ", plural, one {#} other {# x}",
    ", selectordinal, other {#}", ", select, a {A} other {O}", ", date, ::", ", number, ::",
]  # fmt: skip
_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.text(max_size=5),
    st.builds(Money.of, st.integers(-(10**6), 10**6), st.sampled_from(["EUR", "JPY", "PLN"])),
    st.dates(),
    st.datetimes(),
    st.datetimes(timezones=st.just(UTC)),
    st.timedeltas(),
    st.lists(st.text(max_size=3), max_size=3),
    st.just(object()),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    pieces=st.lists(st.tuples(st.sampled_from(["a", "b"]), st.sampled_from(_STYLES)), max_size=3),
    values=st.dictionaries(st.sampled_from(["a", "b"]), _VALUES),
    locale=st.sampled_from(["en", "pl", "fi", "th-TH-u-ca-buddhist", "de-CH", "xx", "pl-PL"]),
    tz=st.sampled_from([None, "UTC", "Europe/Warsaw", "Mars/Base"]),
)
def test_only_cx_errors_escape(
    pieces: list[tuple[str, str]], values: dict[str, object], locale: str, tz: str | None
) -> None:
    pattern = " ".join("{" + name + style + "}" for name, style in pieces)
    try:
        text = format_message(pattern, locale, values, tz)
    except CxError:
        return
    assert isinstance(text, str)
