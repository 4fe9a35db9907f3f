"""The narrated walkthrough behind ``cxcore demo``: one simulated day at a Polish shop.

Everything is fixed: the playbook (the built-in Polish shop unless another is given), the day
(Tuesday 10 November 2026, the eve of Polish Independence Day), the customers and a seeded
random stream for the background traffic, so the output is the same on every run and doubles
as an end-to-end test of the library.

Examples:
    >>> lines = list(demo_lines())
    >>> lines[0]
    'cxcore demo: a day at Bursztynowa Pracownia, Tuesday 10 November 2026'
"""

from __future__ import annotations

import random
import textwrap
from collections.abc import Iterator
from datetime import date, datetime, timedelta

from cxcore._demo_day import (
    ANNA,
    DEMO_DAY,
    JONAS,
    SEED,
    WARSAW,
    anna_order,
    at,
    background,
    jonas_order,
    story_tickets,
)
from cxcore.complaints import (
    AccountCaptured,
    Acknowledged,
    Apologised,
    Compensation,
    CompensationKind,
    Complaint,
    ComplaintClosed,
    ComplaintEvent,
    ComplaintReason,
    ComplaintReceived,
    RemedyAccepted,
    RemedyCarriedOut,
    RemedyOffered,
    Severity,
    VerificationRecorded,
    VerificationRequested,
    next_actions,
)
from cxcore.metrics import csat, nps
from cxcore.orders import Order
from cxcore.playbook import Playbook, builtin_playbook
from cxcore.report.readers import ReadResult
from cxcore.report.summary import summarize
from cxcore.report.text import percent, span
from cxcore.returns import ItemCondition, ReturnLine, ReturnReason, ReturnRequest
from cxcore.sla import format_promise
from cxcore.sla.calendar import BusinessCalendar
from cxcore.tickets import (
    Channel,
    Ticket,
)

__all__ = ["demo_lines"]

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _hm(moment: datetime | None) -> str:
    if moment is None:
        return "-"
    local = moment.astimezone(WARSAW)
    prefix = "" if local.date() == DEMO_DAY else f"{_WEEKDAYS[local.weekday()]} {local.day} "
    return f"{prefix}{local:%H:%M}"


def _wrap(text: str, indent: str = "      ") -> Iterator[str]:
    for paragraph in text.strip().splitlines():
        if not paragraph.strip():
            yield ""
            continue
        hanging = indent + "  " if paragraph.startswith("- ") else indent
        yield from textwrap.wrap(paragraph, 92, initial_indent=indent, subsequent_indent=hanging)


def _hours(calendar: BusinessCalendar) -> str:
    groups: list[tuple[list[str], str]] = []
    for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun"):
        spans = calendar.hours.get(day, ())
        if not spans:
            continue
        text = ", ".join(f"{start}-{end}" for start, end in spans)
        if groups and groups[-1][1] == text and _next_day(groups[-1][0][-1]) == day:
            groups[-1][0].append(day)
        else:
            groups.append(([day], text))
    return "; ".join(
        f"{days[0].title()}{'-' + days[-1].title() if len(days) > 1 else ''} {text}"
        for days, text in groups
    )


def _next_day(day: str) -> str:
    order = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    return order[(order.index(day) + 1) % 7]


def demo_lines(playbook: Playbook | None = None) -> Iterator[str]:
    """Yield the lines of the walkthrough, one at a time."""
    playbook = playbook or builtin_playbook()
    rng = random.Random(SEED)
    yield f"cxcore demo: a day at {playbook.shop.name}, Tuesday 10 November 2026"
    yield f"playbook: {playbook.name}"
    yield (
        f"SLA policy {playbook.sla.policy.name!r}; returns under the "
        f"{playbook.returns.policy.jurisdiction.name} preset; replies in "
        + ", ".join(playbook.responses.locales or (playbook.responses.default_locale,))
    )
    yield ""
    yield from _opening_hours(playbook)
    stories = story_tickets()
    end = at(20, 0)
    yield from _arrivals(playbook, stories, end)
    yield from _complaint(playbook)
    yield from _return(playbook)
    yield from _metrics(playbook, stories + background(rng), end, rng)


def _opening_hours(playbook: Playbook) -> Iterator[str]:
    yield "1. Who answers when (Europe/Warsaw)"
    for channel, plan in playbook.channels.items():
        hours = _hours(playbook.calendar(plan.calendar))
        yield f"   {channel.value:<12} {hours}"
    office = playbook.calendar(playbook.sla.calendar)
    tomorrow = DEMO_DAY + timedelta(days=1)
    names = [h.name for h in office.holidays if tomorrow in h.dates_in(tomorrow.year)]
    if not office.is_working_day(tomorrow):
        holiday = f" ({names[0]})" if names else ""
        yield f"   Tomorrow, Wednesday 11 November, is a public holiday{holiday}:"
        yield "   every channel is closed and business-hours clocks stand still until Thursday."
    yield ""


def _arrivals(playbook: Playbook, tickets: list[Ticket], end: datetime) -> Iterator[str]:
    yield "2. Tickets arrive; SLA clocks run on each channel's hours"
    yield "   time  ticket channel     customer         reply priority rule: first reply target"
    for ticket in tickets:
        locale = playbook.responses.reply_locale(ticket.customer.locale)
        selection = playbook.sla.policy.targets_for(ticket.priority, ticket.channel)
        target = selection.target("first_reply")
        within = span(target.duration if target else None)
        yield (
            f"   {_hm(ticket.created_at)} {ticket.id} {ticket.channel.value:<11} "
            f"{ticket.customer.name:<16} {locale:<6}{ticket.priority.value:<7}"
            f"{selection.rule}: {within}"
        )
    yield ""
    yield f"   SLA clocks at {_hm(end)}:"
    for ticket in tickets:
        report = playbook.evaluate(ticket, end)
        first = report.current("first_reply")
        if first is None:
            continue
        if first.completed:
            state = (
                f"{first.state.value} after {span(first.elapsed)} of business time "
                f"(replied {_hm(first.completed_at)})"
            )
        else:
            state = f"{first.state.value}, due {_hm(first.due_at)}, {span(first.remaining)} left"
        yield f"   {ticket.id} first reply {state}"
        if not first.completed and first.due_at is not None:
            locale = playbook.responses.reply_locale(ticket.customer.locale)
            promise = format_promise(
                first.due_at, at=end, locale=locale, timezone=ticket.customer.timezone
            )
            zone = ticket.customer.timezone
            yield f"         the customer is told ({locale}, {zone} time): {promise}"
    yield ""


def _complaint(playbook: Playbook) -> Iterator[str]:
    yield "3. A damaged parcel: Anna's complaint, from listening to verifying"
    yield "   (each reply in Polish and English, in its short chat form)"
    order = anna_order()
    catalog = playbook.catalog()
    timers = playbook.complaint_timers()
    received = ComplaintReceived(
        sequence=1,
        at=at(9, 20),
        actor="email",
        complaint_id="CMP-77",
        ticket_id="T-1002",
        customer=ANNA,
        channel=Channel.EMAIL,
        reason=ComplaintReason.DAMAGED_IN_TRANSIT,
        severity=Severity.MEDIUM,
        summary="One of two mugs arrived broken.",
        order_id=order.id,
        order_line_ids=("1",),
    )
    complaint = Complaint.start(received)
    yield (
        f"   {_hm(received.at)} received on email: {received.summary} Order {order.id}, "
        f"severity {received.severity.value}."
    )
    due = complaint.acknowledgement_due(timers)
    every = span(timers.update_every)
    yield f"         acknowledge by {_hm(due)}; then update at least every {every} of office time"
    options = playbook.suggest_remedies(received.reason, received.severity)
    offers = tuple(o.compensation(order, received.order_line_ids) for o in options)
    yield "         the compensation guide suggests:"
    for option, offer in zip(options, offers, strict=True):
        amount = f" {offer.amount.format('en')}" if offer.amount else ""
        yield f"           {option.kind.value}{amount}: {option.description}"
    replacement = offers[0]
    steps: list[ComplaintEvent] = [
        Acknowledged(sequence=2, at=at(9, 31), actor="agent-ola"),
        AccountCaptured(
            sequence=3,
            at=at(9, 38),
            actor="agent-ola",
            account="Box crushed on one corner; one mug in pieces, photo attached.",
            desired_outcome=Compensation(kind=CompensationKind.REPLACEMENT, order_line_ids=("1",)),
        ),
        Apologised(sequence=4, at=at(9, 41), actor="agent-ola"),
        RemedyOffered(sequence=5, at=at(9, 45), actor="agent-ola", remedies=offers),
        RemedyAccepted(sequence=6, at=at(10, 2), actor="anna", remedies=(replacement,)),
        RemedyCarriedOut(
            sequence=7,
            at=at(14, 30),
            actor="warehouse",
            remedy=replacement,
            reference="InPost 6200 1234 5678",
        ),
        VerificationRequested(sequence=8, at=at(14, 35), actor="agent-ola"),
        VerificationRecorded(sequence=9, at=at(17, 5), actor="anna", satisfied=True, score=5),
        ComplaintClosed(sequence=10, at=at(17, 8), actor="agent-ola"),
    ]
    for event in steps:
        before = complaint.stage
        complaint = complaint.apply(event)
        move = (
            f"{before.value} -> {complaint.stage.value}"
            if before is not complaint.stage
            else f"stays in {before.value}"
        )
        yield f"   {_hm(event.at)} {event.kind:<22} {move}"
        key = type(event).response_key if type(event).customer_facing else None
        if key is None or key not in catalog:
            continue
        values = _complaint_values(complaint, event, order, timers)
        for locale in ("pl", "en"):
            rendered = catalog.render(key, locale=locale, channel="chat", values=values, tz=WARSAW)
            lines = rendered.text.strip().splitlines()
            yield from textwrap.wrap(
                f"[{locale}] {lines[0]}", 96, initial_indent="      ", subsequent_indent=" " * 11
            )
            for extra in lines[1:]:
                yield from _wrap(extra, " " * 11)
        if not complaint.is_closed:
            upcoming = next_actions(complaint, at=event.at, timers=timers)
            if upcoming:
                yield f"         next: {upcoming[0].action.value}, due {_hm(upcoming[0].due_at)}"
    yield (
        f"   closed {complaint.closure.value if complaint.closure else '-'} after "
        f"{span(complaint.closed_at - complaint.received_at if complaint.closed_at else None)}; "
        f"{complaint.updates_sent} updates, satisfied: {complaint.satisfied}"
    )
    yield ""


def _complaint_values(
    complaint: Complaint, event: ComplaintEvent, order: Order, timers: object
) -> dict[str, object]:
    from cxcore.complaints import ComplaintTimers

    assert isinstance(timers, ComplaintTimers)
    values: dict[str, object] = {
        "complaint_id": complaint.id,
        "reason": complaint.reason.value,
        "reply_by": complaint.next_update_due(timers) or event.at,
        "amount": order.total,
    }
    if isinstance(event, RemedyOffered):
        values["remedy"] = event.remedies[0].kind.value
        values["amount"] = event.remedies[0].amount or order.total
    if isinstance(event, RemedyCarriedOut):
        values["remedy"] = event.remedy.kind.value
        values["reference"] = event.reference
        values["amount"] = event.remedy.amount or order.total
    return values


def _return(playbook: Playbook) -> Iterator[str]:
    policy = playbook.returns.policy
    yield f"4. A return from Berlin, decided under the {policy.jurisdiction.name} preset"
    order = jonas_order()
    asked = at(13, 10)
    request = ReturnRequest(
        order_id=order.id,
        customer_id=JONAS.id,
        requested_at=asked,
        reason=ReturnReason.CHANGED_MIND,
        lines=(
            ReturnLine(line_id="1", quantity=1, condition=ItemCondition.OPENED),
            ReturnLine(line_id="2", quantity=1, condition=ItemCondition.UNOPENED),
        ),
    )
    yield (
        f"   delivered {order.delivered_at:%d %b}; asked {asked:%d %b} (day "
        f"{(asked.date() - date(2026, 10, 20)).days}) to return both items: changed mind"
    )
    decision = playbook.decide_return(request, order, asked)
    yield f"   outcome {decision.outcome.value}; refund {decision.refund_total.format('en')}"
    refund_by = decision.refund_due_by or "a date set when the goods come back"
    yield f"   send back by {decision.return_by}; refund by {refund_by}"
    for line in decision.lines:
        basis = line.basis.code if line.basis else "no right applies"
        name = order.line(line.line_id).name
        yield f"   line {line.line_id} {name}: {line.outcome.value} ({basis})"
    locale = playbook.responses.reply_locale(JONAS.locale)
    explained = decision.explain(playbook.catalog(), locale, channel="email", order=order)
    yield f"   the reply ({locale}): {explained.subject}"
    for text_line in explained.text.splitlines():
        yield from _wrap(text_line) if text_line.strip() else iter(("",))
    yield ""


def _metrics(
    playbook: Playbook, tickets: list[Ticket], end: datetime, rng: random.Random
) -> Iterator[str]:
    yield f"5. The day in numbers ({len(tickets)} tickets, as of {_hm(end)})"
    calendars = {c: playbook.channel_calendar(c) for c in playbook.channels}
    summary = summarize(
        ReadResult(tickets=tuple(tickets), problems=(), rows=len(tickets)),
        policy=playbook.sla.policy,
        calendar=playbook.sla_calendar(),
        channel_calendars=calendars,
        at=end,
        timezone="Europe/Warsaw",
    )
    mix = ", ".join(f"{i.key} {i.count}" for i in summary.channels.items)
    yield f"   channels: {mix}"
    busiest = ", ".join(f"{h:02d}:00 ({n})" for _, h, n in summary.busiest_hours.busiest(3))
    yield f"   busiest hours: {busiest}"
    first = summary.timing.first_reply
    yield (
        f"   first reply: n={first.n}, median {span(first.median)}, p90 {span(first.p90)}, "
        f"slowest {span(first.maximum)} (calendar time)"
    )
    resolution = summary.timing.full_resolution
    yield f"   resolution: n={resolution.n}, median {span(resolution.median)}"
    for row in summary.attainment.rows:
        yield (
            f"   SLA {row.metric:<16} {row.achieved:>3} achieved {row.breached:>3} breached "
            f"{row.active + row.paused:>3} running  attainment {percent(row.percent)}"
        )
    fcr = summary.first_contact_resolution
    yield f"   first-contact resolution: {percent(fcr.percent)} of {fcr.n} solved tickets"
    ratings = [rng.choice([5, 5, 5, 4, 4, 3, 2]) for _ in range(18)]
    scores = [rng.choice([10, 10, 9, 9, 8, 7, 6, 3]) for _ in range(18)]
    satisfaction = csat(ratings)
    promoters = nps(scores)
    yield (
        f"   surveys: CSAT {percent(satisfaction.percent)} of {satisfaction.n} "
        f"(95% CI {percent(satisfaction.ci_low)}-{percent(satisfaction.ci_high)}), "
        f"NPS {promoters.score:+.0f} of {promoters.n}"
    )
