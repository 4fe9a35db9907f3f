"""Tell the customer when to expect a reply: the due time of the running reply target, in words.

[`expected_reply_by`][cxcore.expected_reply_by] finds the instant the team promised to reply by;
[`format_promise`][cxcore.sla.format_promise] turns an instant into a sentence in the customer's
language and time zone ("We will reply by Monday at 10:00 AM.", "Odpowiemy w poniedziałek do
10:00."), saying "today" or "tomorrow" where that is what a person would say, the weekday within the
coming week, and the date beyond (with the year only when it is not the current one; Buddhist-era
years in Thai). The sentences are the ``sla.promise`` response of the built-in response library
(``cxcore/responses/library/sla``): times, weekday and month names come from CLDR, and the
grammatical forms CLDR does not carry (Polish accusative weekdays, Latvian adverbial weekdays and
locative months) are select branches there; the Turkish dative suffix is chosen here. First-class
languages: en, pl, lv, tr, fi, th; any other language gets the English sentence.

Examples:
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

from datetime import UTC, datetime, tzinfo
from functools import cache

from cxcore._locale import get_locale
from cxcore._time import ensure_aware, get_zone
from cxcore.responses import ResponseCatalog, builtin_catalog
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

    Examples:
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
    catalog: ResponseCatalog | None = None,
) -> str | None:
    """[`expected_reply_by`][cxcore.expected_reply_by] as a sentence for the customer, or ``None``
    if nothing is owed.

    The language defaults to the ticket's (else the customer's) locale and the zone to the
    customer's. ``catalog`` is passed on to [`format_promise`][cxcore.sla.format_promise].

    Examples:
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
        catalog=catalog,
    )


def format_promise(
    due: datetime,
    *,
    at: datetime,
    locale: str = "en",
    timezone: str | tzinfo = "UTC",
    catalog: ResponseCatalog | None = None,
) -> str:
    """Say "we will reply by ``due``" in ``locale``, as seen in ``timezone`` at instant ``at``.

    The sentence is the ``sla.promise`` response of ``catalog`` (default: the built-in library),
    rendered with the variables ``due``, ``when`` (``today``, ``tomorrow``, ``weekday`` or
    ``date``), ``weekday`` (``mon`` .. ``sun``), ``month`` (``jan`` .. ``dec``), ``dative`` (the
    Turkish suffix) and ``with_year`` (``yes`` or ``no``); pass your own catalog to reword it.

    Examples:
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
    get_locale(locale)  # an unknown locale is an error even where English would be used
    days = (local_due.date() - local_now.date()).days
    if days == 0:
        when = "today"
    elif days == 1:
        when = "tomorrow"
    elif 1 < days < 7:
        when = "weekday"
    else:
        when = "date"
    values = {
        "due": local_due,
        "when": when,
        "weekday": _WEEKDAYS[local_due.weekday()],
        "month": _MONTHS[local_due.month - 1],
        "dative": _turkish_dative(local_due),
        "with_year": "yes" if local_due.year != local_now.year else "no",
    }
    rendered = (catalog or _builtin()).render(
        "sla.promise", locale=locale, channel="chat", values=values, tz=zone
    )
    return rendered.text


_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


@cache
def _builtin() -> ResponseCatalog:
    return builtin_catalog()


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
