"""One error contract: whatever a caller passes to a public entry point, only a CxError
escapes (issue 16). Pydantic's ValidationError never does: every model translates it into
InvalidInputError (or the specific CxError that caused it), see ``cxcore._model``.

Each test feeds generated bad values (wrong types, booleans, NaN and infinities, huge
numbers, naive datetimes, odd Unicode) into one entry point, in every argument position.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cxcore.complaints import Complaint, ComplaintReceived, complaint_outcome, next_actions
from cxcore.errors import CxError
from cxcore.metrics import ces, csat, nps, percentile, sla_attainment, timing_summary
from cxcore.money import Money
from cxcore.orders import Order, OrderLine
from cxcore.playbook import Playbook
from cxcore.responses import (
    builtin_catalog,
    format_duration,
    format_list,
    format_message,
    format_number,
    plural_category,
)
from cxcore.responses.lint import lint
from cxcore.responses.urls import check_url
from cxcore.returns import load_policy
from cxcore.returns.presets import policy as return_preset
from cxcore.sla import (
    BusinessCalendar,
    SlaPolicy,
    SlaTarget,
    evaluate,
    expected_reply_by,
    promise_text,
)
from cxcore.sla.calendar_time import CalendarTime
from cxcore.sla.policy import parse_duration
from cxcore.tickets import Customer, Ticket

T0 = datetime(2026, 5, 4, 9, tzinfo=UTC)

odd_text = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        ["", " ", "\x00", "\ud7ff", "\u202e", "ﬃ", "𝟘", "٣", "\u0130", "{", "}", "'{'", "<", "EUR"]
    ),
)
bad = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    # Below Python's 4300-digit limit for printing ints, so error messages can show them;
    # 10**5000 itself is tested where numbers are formatted.
    st.sampled_from([10**4000, -(10**400), 2**63, -1, 0]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.sampled_from([Decimal("1e999999"), Decimal("-0"), Decimal("sNaN")]),
    odd_text,
    st.binary(max_size=4),
    st.datetimes(max_value=datetime(9998, 1, 1)),  # naive
    st.datetimes(timezones=st.just(UTC), max_value=datetime(9998, 1, 1)),
    st.timedeltas(),
    st.lists(st.integers(-3, 3) | st.text(max_size=2) | st.none(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers() | st.none(), max_size=2),
    st.tuples(st.datetimes(), st.datetimes()),
    st.builds(object),
)

EXAMPLES = 40
CONTRACT = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def only_cxerror(call: Callable[[], object]) -> None:
    """Run ``call``: returning is fine, a CxError is fine, anything else fails the test."""
    with contextlib.suppress(CxError):
        call()


CALENDAR = BusinessCalendar(timezone="Europe/Warsaw")
CATALOG = builtin_catalog()
POLICY = SlaPolicy.from_dict(
    {"name": "p", "rules": [{"name": "r", "targets": {"first_reply": "4h"}}]}
)
RECEIVED = ComplaintReceived(
    sequence=1, at=T0, actor="web", complaint_id="C-1", customer=Customer(id="C"),
    channel="email", reason="late_delivery",
)  # fmt: skip
COMPLAINT = Complaint.start(RECEIVED)
TICKET = Ticket(id="T-1", channel="email", created_at=T0, customer=Customer(id="C"))
EUR = Money.of("10", "EUR")

ENTRY_POINTS: dict[str, Callable[[Any, Any], object]] = {
    "Money.of": lambda a, b: Money.of(a, b),
    "Money.of amount": lambda a, b: Money.of(a, "EUR"),
    "Money.from_minor": lambda a, b: Money.from_minor(a, "EUR"),
    "Money.allocate": lambda a, b: EUR.allocate(a),
    "Money.format": lambda a, b: EUR.format(a),
    "Money arithmetic": lambda a, b: (EUR + a, EUR * a),
    "BusinessCalendar": lambda a, b: BusinessCalendar(timezone=a, hours=b),
    "BusinessCalendar hours": lambda a, b: BusinessCalendar(timezone="UTC", hours={"mon": a}),
    "BusinessCalendar holidays": lambda a, b: BusinessCalendar(timezone="UTC", holidays=[a]),
    "BusinessCalendar.for_country": lambda a, b: BusinessCalendar.for_country(a),
    "BusinessCalendar.add": lambda a, b: CALENDAR.add(a, b),
    "BusinessCalendar.add start": lambda a, b: CALENDAR.add(a, timedelta(hours=1)),
    "BusinessCalendar.add duration": lambda a, b: CALENDAR.add(T0, a),
    "BusinessCalendar.add pauses": lambda a, b: CALENDAR.add(T0, timedelta(hours=1), a),
    "BusinessCalendar.subtract": lambda a, b: CALENDAR.subtract(T0, a),
    "BusinessCalendar.elapsed": lambda a, b: CALENDAR.elapsed(a, b),
    "BusinessCalendar.elapsed end": lambda a, b: CALENDAR.elapsed(T0, a),
    "BusinessCalendar.is_open": lambda a, b: CALENDAR.is_open(a),
    "BusinessCalendar.is_working_day": lambda a, b: CALENDAR.is_working_day(a),
    "CalendarTime.add": lambda a, b: CalendarTime().add(T0, a, b),
    "CalendarTime.add start": lambda a, b: CalendarTime().add(a, timedelta(hours=1)),
    "CalendarTime.elapsed": lambda a, b: CalendarTime().elapsed(a, b),
    "parse_duration": lambda a, b: parse_duration(a),
    "SlaTarget": lambda a, b: SlaTarget(metric=a, duration=b),
    "SlaTarget duration": lambda a, b: SlaTarget(metric="first_reply", duration=a),
    "SlaPolicy.from_dict": lambda a, b: SlaPolicy.from_dict({"name": "p", "rules": a}),
    "evaluate": lambda a, b: evaluate(TICKET, POLICY, CALENDAR, a),
    "format_message pattern": lambda a, b: format_message(a, "en", {}),
    "format_message values": lambda a, b: format_message("{v} {w, number}", "en", {"v": a, "w": b}),
    "format_message plural": lambda a, b: format_message("{n, plural, other {#}}", "en", {"n": a}),
    "format_message date": lambda a, b: format_message("{d, date}", "en", {"d": a}, tz=b),
    "format_message list html": lambda a, b: format_message(
        '<p title="{v}">{l, list}</p>', "en", {"v": a, "l": b}, html=True
    ),
    "format_message locale": lambda a, b: format_message("{v}", a, {"v": b}),
    "format_number": lambda a, b: format_number(a, "en", b),
    "format_list": lambda a, b: format_list(a, "en", b),
    "format_duration": lambda a, b: format_duration(a, "en", b),
    "plural_category": lambda a, b: plural_category(b if isinstance(b, str) else "en", a),
    "check_url": lambda a, b: check_url(a),
    "ResponseCatalog.render": lambda a, b: CATALOG.render(
        "order.confirmed", locale="en", values={"order_id": a, "items": b}
    ),
    "ResponseCatalog.render locale": lambda a, b: CATALOG.render("order.confirmed", locale=a),
    "lint": lambda a, b: lint(a),
    "nps": lambda a, b: nps(a),
    "nps items": lambda a, b: nps([a, b]),
    "csat": lambda a, b: csat([a], scale=b),
    "ces": lambda a, b: ces([a]),
    "OrderLine": lambda a, b: OrderLine(id="1", sku="S", name="n", unit_price=a, quantity=b),
    "Order": lambda a, b: Order(id=a, placed_at=b, lines=[], currency="EUR"),
    "Ticket": lambda a, b: Ticket(id="T", channel=a, created_at=b, customer=Customer(id="C")),
    "ComplaintReceived": lambda a, b: ComplaintReceived(
        sequence=a,
        at=b,
        actor="a",
        complaint_id="X",
        customer=Customer(id="C"),
        channel="email",
        reason="other",
    ),
    "Complaint.apply": lambda a, b: COMPLAINT.apply(a),
    "Complaint.replay": lambda a, b: Complaint.replay(a),
    "Playbook.loads": lambda a, b: Playbook.loads(a),
    "next_actions": lambda a, b: next_actions(COMPLAINT, at=a, timers=b),
    "complaint_outcome": lambda a, b: complaint_outcome(COMPLAINT, at=a),
    "percentile": lambda a, b: percentile(a, b),
    "percentile q": lambda a, b: percentile([1, 2, 3], a, b),
    "sla_attainment": lambda a, b: sla_attainment(a, b),
    "timing_summary": lambda a, b: timing_summary(a, b),
    "promise_text": lambda a, b: promise_text(TICKET, POLICY, CALENDAR, a, locale=b),
    "expected_reply_by": lambda a, b: expected_reply_by(TICKET, POLICY, CALENDAR, a),
    "returns preset": lambda a, b: return_preset(a),
    "load_policy": lambda a, b: load_policy({"jurisdiction": a, "rules": b}),
}


@pytest.mark.parametrize("name", sorted(ENTRY_POINTS))
@CONTRACT
@given(first=bad, second=bad)
def test_only_cxerror_escapes(name: str, first: object, second: object) -> None:
    only_cxerror(lambda: ENTRY_POINTS[name](first, second))


@CONTRACT
@given(text=st.text(alphabet="[]{}=\"'ab.1\n #", max_size=60))
def test_playbook_text_only_raises_cxerror(text: str) -> None:
    only_cxerror(lambda: Playbook.loads(text))
