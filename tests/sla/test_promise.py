"""Telling the customer when to expect a reply: the promised instant and the sentence."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from babel.dates import format_time
from hypothesis import given
from hypothesis import strategies as st

from cxcore._locale import get_locale
from cxcore.errors import (
    MissingTimezoneError,
    NaiveDatetimeError,
    UnknownLocaleError,
    UnknownTimezoneError,
)
from cxcore.sla.clock import CalendarTime, evaluate
from cxcore.sla.policy import SlaPolicy
from cxcore.sla.promise import _turkish_dative, expected_reply_by, format_promise, promise_text
from cxcore.tickets import Customer
from tests.sla.timelines import OFFICE, WARSAW, Timeline, may, policy

NOW = datetime(2026, 5, 14, 8, 0, tzinfo=WARSAW)  # Thursday morning
TODAY = datetime(2026, 5, 14, 16, 0, tzinfo=WARSAW)
TOMORROW = datetime(2026, 5, 15, 10, 15, tzinfo=WARSAW)
MONDAY = datetime(2026, 5, 18, 10, 0, tzinfo=WARSAW)
NEXT_MONDAY = datetime(2026, 5, 25, 12, 30, tzinfo=WARSAW)
NEXT_YEAR = datetime(2027, 1, 4, 9, 0, tzinfo=WARSAW)

# Each sentence was checked for natural word order and grammar in its language:
# pl: "w/we" + accusative weekday ("we wtorek", "w środę"), "do" + time (Rada Języka Polskiego);
# lv: adverbial weekday "pirmdien", locative month "maijā", "līdz plkst." (LVA style guide);
# tr: dative suffix after the time as read aloud, "saat 10:00'a kadar" (TDK Yazım Kılavuzu,
#     "Sayılara getirilen ekler");
# fi: CLDR's format-context weekday is the essive "maanantaina", "klo 10.00 mennessä";
# th: "ภายใน" + day + "เวลา 10:00 น.", Buddhist-era year (Thai Royal Institute conventions).
EXPECTED = {
    "en": (
        "We will reply by 4:00 PM today.",
        "We will reply by 10:15 AM tomorrow.",
        "We will reply by Monday at 10:00 AM.",
        "We will reply by Monday, May 25 at 12:30 PM.",
        "We will reply by Monday, January 4, 2027 at 9:00 AM.",
    ),
    "en-GB": (
        "We will reply by 16:00 today.",
        "We will reply by 10:15 tomorrow.",
        "We will reply by Monday at 10:00.",
        "We will reply by Monday, 25 May at 12:30.",
        "We will reply by Monday, 4 January 2027 at 09:00.",
    ),
    "pl": (
        "Odpowiemy dzisiaj do 16:00.",
        "Odpowiemy jutro do 10:15.",
        "Odpowiemy w poniedziałek do 10:00.",
        "Odpowiemy w poniedziałek, 25 maja, do 12:30.",
        "Odpowiemy w poniedziałek, 4 stycznia 2027, do 09:00.",
    ),
    "lv": (
        "Atbildēsim šodien līdz plkst. 16:00.",
        "Atbildēsim rīt līdz plkst. 10:15.",
        "Atbildēsim pirmdien līdz plkst. 10:00.",
        "Atbildēsim pirmdien, 25. maijā, līdz plkst. 12:30.",
        "Atbildēsim pirmdien, 2027. gada 4. janvārī, līdz plkst. 09:00.",
    ),
    "tr": (
        "Bugün saat 16:00'ya kadar yanıt vereceğiz.",
        "Yarın saat 10:15'e kadar yanıt vereceğiz.",
        "Pazartesi saat 10:00'a kadar yanıt vereceğiz.",
        "25 Mayıs Pazartesi saat 12:30'a kadar yanıt vereceğiz.",
        "4 Ocak 2027 Pazartesi saat 09:00'a kadar yanıt vereceğiz.",
    ),
    "fi": (
        "Vastaamme tänään klo 16.00 mennessä.",
        "Vastaamme huomenna klo 10.15 mennessä.",
        "Vastaamme maanantaina klo 10.00 mennessä.",
        "Vastaamme maanantaina 25. toukokuuta klo 12.30 mennessä.",
        "Vastaamme maanantaina 4. tammikuuta 2027 klo 9.00 mennessä.",
    ),
    "th": (
        "เราจะตอบกลับภายในวันนี้ เวลา 16:00 น.",
        "เราจะตอบกลับภายในวันพรุ่งนี้ เวลา 10:15 น.",
        "เราจะตอบกลับภายในวันจันทร์ เวลา 10:00 น.",
        "เราจะตอบกลับภายในวันจันทร์ที่ 25 พฤษภาคม เวลา 12:30 น.",
        "เราจะตอบกลับภายในวันจันทร์ที่ 4 มกราคม 2570 เวลา 09:00 น.",
    ),
}


def plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\xa0", " ")


@pytest.mark.parametrize("locale", list(EXPECTED))
@pytest.mark.parametrize(
    ("case", "due"),
    list(enumerate([TODAY, TOMORROW, MONDAY, NEXT_MONDAY, NEXT_YEAR])),
    ids=["today", "tomorrow", "weekday", "date", "next-year"],
)
def test_sentences_in_first_class_locales(locale: str, case: int, due: datetime) -> None:
    text = format_promise(due, at=NOW, locale=locale, timezone="Europe/Warsaw")
    assert plain(text) == EXPECTED[locale][case]


def test_polish_weekdays_take_the_accusative_and_we_before_wtorek() -> None:
    days = [
        format_promise(NOW + timedelta(days=n), at=NOW, locale="pl", timezone="Europe/Warsaw")
        for n in range(2, 8)
    ]
    assert [d.split(" do ")[0].removeprefix("Odpowiemy ") for d in days] == [
        "w sobotę",
        "w niedzielę",
        "w poniedziałek",
        "we wtorek",
        "w środę",
        "w czwartek, 21 maja,",
    ]


@pytest.mark.parametrize(
    ("hour", "minute", "suffix"),
    [
        (0, 0, "a"),  # sıfır
        (1, 0, "e"),  # bir
        (2, 0, "ye"),  # iki
        (3, 0, "e"),  # üç
        (4, 0, "e"),  # dört
        (5, 0, "e"),  # beş
        (6, 0, "ya"),  # altı
        (7, 0, "ye"),  # yedi
        (8, 0, "e"),  # sekiz
        (9, 0, "a"),  # dokuz
        (10, 0, "a"),  # on
        (12, 0, "ye"),  # on iki
        (16, 0, "ya"),  # on altı
        (20, 0, "ye"),  # yirmi
        (10, 15, "e"),  # on beş
        (10, 20, "ye"),  # yirmi
        (10, 30, "a"),  # otuz
        (10, 40, "a"),  # kırk
        (10, 45, "e"),  # kırk beş
        (10, 50, "ye"),  # elli
        (10, 59, "a"),  # elli dokuz
    ],
)
def test_turkish_dative_follows_the_time_as_read_aloud(hour: int, minute: int, suffix: str) -> None:
    assert _turkish_dative(datetime(2026, 5, 14, hour, minute, tzinfo=UTC)) == suffix


def test_the_customers_zone_decides_today_and_tomorrow() -> None:
    due = datetime(2026, 5, 14, 22, 30, tzinfo=UTC)
    at = datetime(2026, 5, 14, 16, 0, tzinfo=UTC)
    assert format_promise(due, at=at, locale="en-GB", timezone="Europe/London") == (
        "We will reply by 23:30 today."
    )
    assert format_promise(due, at=at, locale="en-GB", timezone="Asia/Bangkok") == (
        "We will reply by 05:30 tomorrow."
    )


def test_thai_extension_tag_and_regional_tags_work() -> None:
    assert (
        format_promise(NEXT_YEAR, at=NOW, locale="th-TH-u-ca-buddhist", timezone="Europe/Warsaw")
        == (EXPECTED["th"][4])
    )
    assert (
        format_promise(MONDAY, at=NOW, locale="pl-PL", timezone="Europe/Warsaw")
        == (EXPECTED["pl"][2])
    )


def test_other_languages_get_the_english_sentence() -> None:
    assert (
        plain(format_promise(MONDAY, at=NOW, locale="de", timezone="Europe/Warsaw"))
        == (EXPECTED["en"][2])
    )


def test_bad_input() -> None:
    with pytest.raises(NaiveDatetimeError):
        format_promise(datetime(2026, 5, 18, 10), at=NOW, timezone="UTC")
    with pytest.raises(NaiveDatetimeError):
        format_promise(MONDAY, at=datetime(2026, 5, 14, 8), timezone="UTC")
    with pytest.raises(UnknownLocaleError):
        format_promise(MONDAY, at=NOW, locale="xx-QQ", timezone="UTC")
    with pytest.raises(UnknownTimezoneError):
        format_promise(MONDAY, at=NOW, timezone="Europe/Atlantis")


LOCALES = ["en", "pl", "lv", "tr", "fi", "th"]
RELATIVE = {
    "en": ("today", "tomorrow"),
    "pl": ("dzisiaj", "jutro"),
    "lv": ("šodien", "rīt"),
    "tr": ("Bugün", "Yarın"),
    "fi": ("tänään", "huomenna"),
    "th": ("วันนี้", "วันพรุ่งนี้"),
}


@given(
    st.sampled_from(LOCALES),
    st.integers(min_value=0, max_value=400 * 24 * 60),
    st.sampled_from(["Europe/Warsaw", "Asia/Bangkok", "America/New_York", "Europe/Istanbul"]),
)
def test_every_sentence_names_the_local_time_and_says_today_only_for_today(
    locale: str, ahead: int, zone: str
) -> None:
    due = NOW + timedelta(minutes=ahead)
    text = format_promise(due, at=NOW, locale=locale, timezone=zone)
    local_due, local_now = due.astimezone(ZoneInfo(zone)), NOW.astimezone(ZoneInfo(zone))
    assert format_time(local_due, "short", locale=get_locale(locale)) in text
    days = (local_due.date() - local_now.date()).days
    today, tomorrow = RELATIVE[locale]
    assert (today in text) == (days == 0)
    assert (tomorrow in text) == (days == 1)
    shows_year = str(local_due.year + (543 if locale == "th" else 0)) in text
    assert shows_year == (local_due.year != local_now.year and days >= 7)


# --- what is promised -------------------------------------------------------------------------

SLA = policy(first_reply="4h", next_reply="2h", resolution="72h")


def test_a_new_ticket_promises_its_first_reply_due_time() -> None:
    line = Timeline(may(14, 15)).customer(may(14, 15))
    assert expected_reply_by(line.ticket, SLA, OFFICE, may(14, 15, 5)) == may(15, 11)


def test_nothing_is_promised_once_answered_or_while_waiting_on_the_customer() -> None:
    line = Timeline(may(14, 9)).customer(may(14, 9)).agent(may(14, 10))
    assert expected_reply_by(line.ticket, SLA, OFFICE, may(14, 11)) is None
    line.status(may(14, 10), "pending")
    assert expected_reply_by(line.ticket, SLA, OFFICE, may(14, 11)) is None
    line.customer(may(14, 12)).status(may(14, 12), "open")
    assert expected_reply_by(line.ticket, SLA, OFFICE, may(14, 12)) == may(14, 14)


def test_nothing_is_promised_once_the_promise_is_broken() -> None:
    line = Timeline(may(14, 9)).customer(may(14, 9))
    assert expected_reply_by(line.ticket, SLA, OFFICE, may(14, 13, 1)) is None


def test_nothing_is_promised_without_a_reply_target() -> None:
    line = Timeline(may(14, 9)).customer(may(14, 9))
    assert expected_reply_by(line.ticket, policy(resolution="24h"), OFFICE, may(14, 10)) is None
    assert (
        promise_text(
            line.ticket, policy(resolution="24h"), OFFICE, may(14, 10), timezone="Europe/Warsaw"
        )
        is None
    )


def test_promise_text_speaks_the_customers_language_in_their_zone() -> None:
    ayse = Customer(id="C-2", locale="tr", timezone="Europe/Istanbul")
    line = Timeline(may(14, 15), customer=ayse).customer(may(14, 15))
    report = evaluate(line.ticket, SLA, OFFICE, may(14, 15, 5))
    # due Friday 11:00 in Warsaw is 12:00 in Istanbul
    assert promise_text(line.ticket, SLA, OFFICE, may(14, 15, 5), report=report) == (
        "Yarın saat 12:00'ye kadar yanıt vereceğiz."
    )
    assert promise_text(line.ticket, SLA, OFFICE, may(14, 15, 5), locale="fi") == (
        "Vastaamme huomenna klo 12.00 mennessä."
    )
    assert promise_text(
        line.ticket, SLA, OFFICE, may(14, 15, 5), locale="pl", timezone="Europe/Warsaw"
    ) == ("Odpowiemy jutro do 11:00.")


def test_the_ticket_locale_wins_over_the_customers() -> None:
    ticket = Timeline(may(14, 15)).customer(may(14, 15)).ticket.model_copy(update={"locale": "lv"})
    text = promise_text(ticket, SLA, CalendarTime(), may(14, 15, 5), timezone="UTC")
    assert text == "Atbildēsim šodien līdz plkst. 17:00."  # 19:00 in Warsaw, asked for in UTC


def test_a_customer_without_a_zone_is_never_shown_utc() -> None:
    # Regression (issue 15): a Warsaw ticket's promise said 11:00 instead of 13:00 because a
    # customer without a time zone silently got UTC.
    from cxcore.playbook import builtin_playbook

    anna = Customer(id="C-1", locale="pl")
    ticket = Timeline(may(14, 9), customer=anna).customer(may(14, 9)).ticket
    sla = policy(first_reply="4h")
    with pytest.raises(MissingTimezoneError, match="customer 'C-1' has no time zone"):
        promise_text(ticket, sla, OFFICE, may(14, 9))
    zone = builtin_playbook().customer_timezone(anna)
    assert zone == "Europe/Warsaw"
    assert promise_text(ticket, sla, OFFICE, may(14, 9), timezone=zone) == (
        "Odpowiemy dzisiaj do 13:00."
    )


def test_a_weekend_promise_names_the_weekday() -> None:
    friday = Timeline(may(15, 16)).customer(may(15, 16)).ticket
    text = promise_text(friday, SLA, OFFICE, may(15, 16), locale="pl", timezone="Europe/Warsaw")
    assert text == "Odpowiemy w poniedziałek do 12:00."


def test_promise_uses_the_policy_rules() -> None:
    vip = SlaPolicy(
        name="P",
        rules=[
            {"name": "default", "targets": {"first_reply": "24h"}},
            {"name": "urgent", "priorities": ["urgent"], "targets": {"first_reply": "30m"}},
        ],
    )
    line = Timeline(may(14, 9), priority="urgent").customer(may(14, 9))
    assert expected_reply_by(line.ticket, vip, OFFICE, may(14, 9)) == may(14, 9, 30)
