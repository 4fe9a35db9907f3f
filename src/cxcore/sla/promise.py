"""Tell the customer when to expect a reply: the due time of the running reply target, in words.

:func:`expected_reply_by` finds the instant the team promised to reply by;
:func:`format_promise` turns an instant into a sentence in the customer's language and time zone
("We will reply by Monday at 10:00 AM.", "Odpowiemy w poniedziałek do 10:00."), saying "today"
or "tomorrow" where that is what a person would say, the weekday within the coming week, and the
date beyond (with the year only when it is not the current one; Buddhist-era years in Thai).
Times, weekday and month names come from CLDR through Babel; the sentence frames and the
grammatical forms CLDR does not carry (Polish accusative weekdays, Latvian adverbial weekdays and
locative months, Turkish dative suffixes) are tables here. First-class languages: en, pl, lv, tr,
fi, th; any other language gets the English sentence.

>>> from datetime import datetime
>>> from zoneinfo import ZoneInfo
>>> now = datetime(2026, 5, 14, 16, 0, tzinfo=ZoneInfo("Europe/Warsaw"))  # a Thursday
>>> due = datetime(2026, 5, 18, 10, 0, tzinfo=ZoneInfo("Europe/Warsaw"))
>>> format_promise(due, at=now, locale="pl", timezone="Europe/Warsaw")
'Odpowiemy w poniedziałek do 10:00.'
>>> format_promise(due, at=now, locale="en-GB", timezone="Europe/Warsaw")
'We will reply by Monday at 10:00.'
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, tzinfo

from babel import Locale
from babel.dates import format_date, format_datetime, format_skeleton, format_time

from cxcore._locale import get_locale
from cxcore._time import ensure_aware, get_zone
from cxcore.sla.clock import SlaCalendar, evaluate
from cxcore.sla.policy import SlaPolicy
from cxcore.sla.report import SlaReport, SlaState
from cxcore.tickets import Ticket

__all__ = ["expected_reply_by", "format_promise", "promise_text"]


def expected_reply_by(
    ticket: Ticket,
    policy: SlaPolicy,
    calendar: SlaCalendar,
    at: datetime,
    *,
    report: SlaReport | None = None,
) -> datetime | None:
    """The instant by which the team promised to reply, in the zone of ``at``.

    That is the earliest due time of a running, not yet breached ``first_reply`` or
    ``next_reply`` measurement. ``None`` when no reply is owed (the customer has been answered,
    the ticket waits on the customer, or no reply target applies) or when the promise is already
    broken. Pass ``report`` if you already evaluated the ticket at ``at``.

    >>> from datetime import datetime, timezone
    >>> from cxcore.sla.clock import CalendarTime
    >>> from cxcore.tickets import Customer
    >>> policy = SlaPolicy(name="P", rules=[{"name": "all", "targets": {"first_reply": "4h"}}])
    >>> t0 = datetime(2026, 5, 4, 9, tzinfo=timezone.utc)
    >>> ticket = Ticket(id="T-1", customer=Customer(id="C-1"), channel="email", created_at=t0)
    >>> expected_reply_by(ticket, policy, CalendarTime(), t0).isoformat()
    '2026-05-04T13:00:00+00:00'
    """
    if report is None:
        report = evaluate(ticket, policy, calendar, at)
    due = [
        m.due_at
        for m in report.measurements
        if m.metric.is_reply and m.state is SlaState.ACTIVE and m.due_at is not None
    ]
    return min(due, key=lambda moment: moment.astimezone(UTC)) if due else None


def promise_text(
    ticket: Ticket,
    policy: SlaPolicy,
    calendar: SlaCalendar,
    at: datetime,
    *,
    locale: str | None = None,
    timezone: str | tzinfo | None = None,
    report: SlaReport | None = None,
) -> str | None:
    """:func:`expected_reply_by` as a sentence for the customer, or ``None`` if nothing is owed.

    The language defaults to the ticket's (else the customer's) locale and the zone to the
    customer's.

    >>> from datetime import datetime, timezone
    >>> from cxcore.sla.clock import CalendarTime
    >>> from cxcore.tickets import Customer
    >>> policy = SlaPolicy(name="P", rules=[{"name": "all", "targets": {"first_reply": "4h"}}])
    >>> t0 = datetime(2026, 5, 4, 7, tzinfo=timezone.utc)
    >>> anna = Customer(id="C-1", locale="pl", timezone="Europe/Warsaw")
    >>> ticket = Ticket(id="T-1", customer=anna, channel="email", created_at=t0)
    >>> promise_text(ticket, policy, CalendarTime(), t0)
    'Odpowiemy dzisiaj do 13:00.'
    """
    due = expected_reply_by(ticket, policy, calendar, at, report=report)
    if due is None:
        return None
    return format_promise(
        due,
        at=at,
        locale=locale or ticket.effective_locale,
        timezone=timezone if timezone is not None else ticket.customer.timezone,
    )


def format_promise(
    due: datetime, *, at: datetime, locale: str = "en", timezone: str | tzinfo = "UTC"
) -> str:
    """Say "we will reply by ``due``" in ``locale``, as seen in ``timezone`` at instant ``at``.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> riga = ZoneInfo("Europe/Riga")
    >>> now = datetime(2026, 5, 14, 16, 0, tzinfo=riga)
    >>> format_promise(datetime(2026, 5, 15, 9, 30, tzinfo=riga), at=now, locale="lv",
    ...                timezone="Europe/Riga")
    'Atbildēsim rīt līdz plkst. 09:30.'
    >>> format_promise(datetime(2027, 1, 4, 10, 0, tzinfo=riga), at=now, locale="th",
    ...                timezone="Asia/Bangkok")
    'เราจะตอบกลับภายในวันจันทร์ที่ 4 มกราคม 2570 เวลา 15:00 น.'
    """
    zone = get_zone(timezone)
    local_due = ensure_aware(due, "due").astimezone(zone)
    local_now = ensure_aware(at, "at").astimezone(zone)
    babel_locale = get_locale(locale)
    phrasing = _PHRASINGS.get(babel_locale.language)
    if phrasing is None:
        babel_locale, phrasing = get_locale("en"), _english
    days = (local_due.date() - local_now.date()).days
    if days == 0:
        when = "today"
    elif days == 1:
        when = "tomorrow"
    elif 1 < days < 7:
        when = "weekday"
    else:
        when = "date"
    return phrasing(local_due, when, local_due.year != local_now.year, babel_locale)


def _time(moment: datetime, locale: Locale) -> str:
    return format_time(moment, "short", locale=locale)


def _weekday(moment: datetime, locale: Locale) -> str:
    return format_datetime(moment, "EEEE", locale=locale)


def _month_day(moment: datetime, locale: Locale, year: bool) -> str:
    text = format_skeleton("MMMMd", moment, locale=locale)
    return f"{text} {moment.year}" if year else text


def _english(moment: datetime, when: str, year: bool, locale: Locale) -> str:
    time = _time(moment, locale)
    if when == "today":
        return f"We will reply by {time} today."
    if when == "tomorrow":
        return f"We will reply by {time} tomorrow."
    if when == "weekday":
        return f"We will reply by {_weekday(moment, locale)} at {time}."
    if year:
        day = format_date(moment, "full", locale=locale)
    else:
        day = f"{_weekday(moment, locale)}, {format_skeleton('MMMMd', moment, locale=locale)}"
    return f"We will reply by {day} at {time}."


_PL_WEEKDAYS = (
    "w poniedziałek",
    "we wtorek",
    "w środę",
    "w czwartek",
    "w piątek",
    "w sobotę",
    "w niedzielę",
)


def _polish(moment: datetime, when: str, year: bool, locale: Locale) -> str:
    time = _time(moment, locale)
    if when == "today":
        return f"Odpowiemy dzisiaj do {time}."
    if when == "tomorrow":
        return f"Odpowiemy jutro do {time}."
    day = _PL_WEEKDAYS[moment.weekday()]
    if when == "weekday":
        return f"Odpowiemy {day} do {time}."
    return f"Odpowiemy {day}, {_month_day(moment, locale, year)}, do {time}."


_LV_WEEKDAYS = (
    "pirmdien",
    "otrdien",
    "trešdien",
    "ceturtdien",
    "piektdien",
    "sestdien",
    "svētdien",
)
_LV_MONTHS_LOCATIVE = (
    "janvārī",
    "februārī",
    "martā",
    "aprīlī",
    "maijā",
    "jūnijā",
    "jūlijā",
    "augustā",
    "septembrī",
    "oktobrī",
    "novembrī",
    "decembrī",
)


def _latvian(moment: datetime, when: str, year: bool, locale: Locale) -> str:
    time = _time(moment, locale)
    if when == "today":
        return f"Atbildēsim šodien līdz plkst. {time}."
    if when == "tomorrow":
        return f"Atbildēsim rīt līdz plkst. {time}."
    day = _LV_WEEKDAYS[moment.weekday()]
    if when == "weekday":
        return f"Atbildēsim {day} līdz plkst. {time}."
    on = f"{moment.day}. {_LV_MONTHS_LOCATIVE[moment.month - 1]}"
    if year:
        on = f"{moment.year}. gada {on}"
    return f"Atbildēsim {day}, {on}, līdz plkst. {time}."


# The dative suffix follows the last word of the time as read aloud: the minutes, or the hour
# on the hour ("saat ona" for 10:00, "on beşe" for 10:15); vowel harmony and a buffer "y"
# after a vowel (TDK, "Sayılarla ilgili ekler").
_TR_UNITS = ("a", "e", "ye", "e", "e", "e", "ya", "ye", "e", "a")  # sıfır, bir, iki, ... dokuz
_TR_TENS = ("a", "a", "ye", "a", "a", "ye")  # (none), on, yirmi, otuz, kırk, elli


def _turkish_dative(moment: datetime) -> str:
    number = moment.minute or moment.hour
    if number % 10 or number == 0:
        return _TR_UNITS[number % 10]
    return _TR_TENS[number // 10]


def _turkish(moment: datetime, when: str, year: bool, locale: Locale) -> str:
    until = f"saat {_time(moment, locale)}'{_turkish_dative(moment)} kadar yanıt vereceğiz."
    if when == "today":
        return f"Bugün {until}"
    if when == "tomorrow":
        return f"Yarın {until}"
    if when == "weekday":
        return f"{_weekday(moment, locale)} {until}"
    return f"{_month_day(moment, locale, year)} {_weekday(moment, locale)} {until}"


def _finnish(moment: datetime, when: str, year: bool, locale: Locale) -> str:
    time = _time(moment, locale)
    if when == "today":
        day = "tänään"
    elif when == "tomorrow":
        day = "huomenna"
    elif when == "weekday":
        day = _weekday(moment, locale)  # CLDR's format-context names are essive: "maanantaina"
    else:
        day = f"{_weekday(moment, locale)} {_month_day(moment, locale, year)}"
    return f"Vastaamme {day} klo {time} mennessä."


def _thai(moment: datetime, when: str, year: bool, locale: Locale) -> str:
    time = _time(moment, locale)
    if when == "today":
        day = "วันนี้"
    elif when == "tomorrow":
        day = "วันพรุ่งนี้"
    elif when == "weekday":
        day = _weekday(moment, locale)
    else:
        month = format_date(date(2000, moment.month, 1), "MMMM", locale=locale)
        day = f"{_weekday(moment, locale)}ที่ {moment.day} {month}"
        if year:
            day += f" {moment.year + 543}"  # Buddhist era, as Thai dates are written
    return f"เราจะตอบกลับภายใน{day} เวลา {time} น."


_PHRASINGS: dict[str, Callable[[datetime, str, bool, Locale], str]] = {
    "en": _english,
    "pl": _polish,
    "lv": _latvian,
    "tr": _turkish,
    "fi": _finnish,
    "th": _thai,
}
