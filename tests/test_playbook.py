"""The playbook: the built-in example, every section's validation, and the wiring methods."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxcore._toml import check_toml_depth
from cxcore.complaints import ComplaintReason, Severity
from cxcore.errors import InvalidInputError, LimitExceededError, PlaybookError
from cxcore.money import Money
from cxcore.orders import Order, OrderLine
from cxcore.playbook import (
    CompensationGuide,
    Playbook,
    RemedyOption,
    builtin_playbook,
    builtin_playbook_path,
)
from cxcore.playbook.loader import MAX_PLAYBOOK_BYTES
from cxcore.returns import ReturnLine, ReturnRequest
from cxcore.sla import SlaState
from cxcore.tickets import Customer, Ticket

WARSAW = ZoneInfo("Europe/Warsaw")

MINIMAL = """
[shop]
name = "Test shop"

[calendars.office]
timezone = "Europe/Warsaw"

[sla]
name = "S"
[[sla.rules]]
name = "default"
targets = { first_reply = "4h" }

[returns]
jurisdiction = "EU"

[channels.email]
"""


def test_builtin_playbook_loads_and_wires_the_parts() -> None:
    playbook = builtin_playbook()
    assert playbook.source.endswith("polish_shop.toml")
    assert set(playbook.calendars) == {"office", "chat", "phone"}
    assert playbook.returns.policy.jurisdiction.code == "PL"
    assert [r.basis.code for r in playbook.returns.policy.store_rights] == ["store.30"]
    assert playbook.responses.locales == ("pl", "en")
    # update_every is left out of [complaints], so it comes from the SLA periodic_update target
    assert playbook.complaints.update_every == timedelta(hours=8)
    assert playbook.complaint_timers().calendar is playbook.calendar("office")
    assert playbook.complaints.recourse is not None


@pytest.mark.parametrize("year", range(2025, 2033))
def test_builtin_polish_holidays_match_the_holidays_package(year: int) -> None:
    # Peer: the `holidays` package's Poland calendar (python-holidays, holidays/countries/
    # poland.py), which implements the same Act of 18 January 1951 on public holidays.
    holidays = pytest.importorskip("holidays")
    expected = set(holidays.country_holidays("PL", years=year))
    office = builtin_playbook().calendar("office")
    days = [date(year, 1, 1) + timedelta(days=n) for n in range(366 if year % 4 == 0 else 365)]
    closed_weekdays = {d for d in days if d.weekday() < 5 and not office.is_working_day(d)}
    assert closed_weekdays == {d for d in expected if d.weekday() < 5}


def test_channel_hours_inherit_holidays_from_their_base() -> None:
    playbook = builtin_playbook()
    saturday = datetime(2026, 11, 14, 11, 0, tzinfo=WARSAW)
    assert playbook.is_open("live_chat", saturday)
    assert not playbook.is_open("email", saturday)
    assert not playbook.is_open("whatsapp", saturday)  # not offered
    independence_day = datetime(2026, 11, 11, 11, 0, tzinfo=WARSAW)
    assert not playbook.is_open("live_chat", independence_day)
    lunch = datetime(2026, 11, 12, 13, 15, tzinfo=WARSAW)
    assert playbook.is_open("email", lunch) and not playbook.is_open("phone", lunch)
    with pytest.raises(PlaybookError, match="does not offer whatsapp"):
        playbook.channel_calendar("whatsapp")


def test_sla_clock_runs_on_the_channel_hours() -> None:
    playbook = builtin_playbook()
    evening = datetime(2026, 11, 10, 19, 0, tzinfo=WARSAW)  # Tuesday, chat open till 20:00
    customer = Customer(id="C-1", locale="pl")
    chat = Ticket(id="T-1", customer=customer, channel="live_chat", created_at=evening)
    email = Ticket(id="T-2", customer=customer, channel="email", created_at=evening)
    chat_due = playbook.evaluate(chat, evening).current("first_reply")
    email_due = playbook.evaluate(email, evening).current("first_reply")
    assert chat_due is not None and email_due is not None
    assert chat_due.due_at == datetime(2026, 11, 10, 19, 5, tzinfo=WARSAW)
    # email: 8 office hours; Wednesday 11 November is Independence Day -> Thursday 17:00
    assert email_due.due_at == datetime(2026, 11, 12, 17, 0, tzinfo=WARSAW)
    assert email_due.state is SlaState.ACTIVE


def test_return_decided_on_the_office_calendar() -> None:
    playbook = builtin_playbook()
    delivered = datetime(2026, 11, 2, 12, 0, tzinfo=WARSAW)
    order = Order(
        id="O-1",
        customer_id="C-1",
        ordered_at=delivered - timedelta(days=3),
        delivered_at=delivered,
        lines=[
            OrderLine(id="1", sku="MUG", name="Mug", unit_price=Money.of(40, "PLN"), quantity=1)
        ],
    )
    asked = delivered + timedelta(days=20)  # past the statutory 14 days, inside the store's 30
    request = ReturnRequest(
        order_id="O-1",
        customer_id="C-1",  # the buyer on record: proof of purchase
        requested_at=asked,
        reason="changed_mind",
        lines=[ReturnLine(line_id="1", quantity=1)],
    )
    decision = playbook.decide_return(request, order, asked)
    assert decision.outcome.value == "approved"
    assert [b.code for b in decision.bases] == ["store.30"]


def test_reply_locale() -> None:
    responses = builtin_playbook().responses
    assert responses.reply_locale("pl-PL") == "pl-PL"
    assert responses.reply_locale("en_GB") == "en_GB"
    assert responses.reply_locale("fi") == "en"


def test_minimal_playbook_takes_defaults(tmp_path: Path) -> None:
    path = tmp_path / "shop.toml"
    path.write_text(MINIMAL, encoding="utf-8")
    playbook = Playbook.load(path)
    assert playbook.name == "Test shop"
    assert playbook.channels[next(iter(playbook.channels))].calendar == "office"
    assert playbook.responses.catalogs == ("builtin",)
    assert playbook.complaints.update_every == timedelta(days=1)  # no periodic_update target
    assert playbook.suggest_remedies("late_delivery", "low") == ()


def test_catalog_composes_builtin_and_own_directory(tmp_path: Path) -> None:
    replies = tmp_path / "replies"
    replies.mkdir()
    (replies / "catalog.toml").write_text(
        '[catalog]\ndefault_locale = "en"\n[responses."ticket.acknowledged"]\ntitle = "Thanks"\n',
        encoding="utf-8",
    )
    (replies / "en.toml").write_text(
        '["ticket.acknowledged".default]\ntext = "Got it, thanks!"\n', encoding="utf-8"
    )
    path = tmp_path / "shop.toml"
    path.write_text(
        MINIMAL + '\n[responses]\ncatalog = ["builtin", "replies"]\ndefault_locale = "en"\n',
        encoding="utf-8",
    )
    playbook = Playbook.load(path)
    catalog = playbook.catalog()
    assert catalog is playbook.catalog()
    assert "order.delayed" in catalog
    rendered = catalog.render("ticket.acknowledged", locale="en", channel="email")
    assert rendered.text == "Got it, thanks!"
    assert Playbook.load(path) == playbook  # the loaded catalog is a cache, not the value


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (("4h", "0m"), "shop.toml: [sla.rules[0].targets.first_reply] first_reply target must"),
        (("first_reply =", "first_replies ="), "[sla.rules[0].targets.first_replies]"),
        (('jurisdiction = "EU"', 'jurisdiction = "XX"'), "shop.toml: [returns] no return-law"),
        (("[channels.email]", "[channels.pigeon]"), "[channels.pigeon] unknown channel"),
        (('timezone = "Europe/Warsaw"', 'timezone = "Mars/Base"'), "[calendars.office]"),
        (("[shop]", "[shops]"), "shop.toml: unknown key 'shops'"),
        (('name = "Test shop"', ""), "shop.toml: [shop] invalid ShopInfo"),
        (("[returns]", "[returns]\nstore = 3"), "[returns] policy: 'store' must be a list"),
        (("[channels.email]", '[channels.email]\ncalendar = "chat"'), "[channels.email] calendar"),
        (("[sla]", '[sla]\ncalendar = "nine-to-five"'), "[sla] calendar 'nine-to-five'"),
        (("[shop]", "[shop"), "shop.toml: not valid TOML"),
    ],
)
def test_errors_name_the_file_and_the_key(edit: tuple[str, str], expected: str) -> None:
    text = MINIMAL.replace(*edit)
    with pytest.raises(PlaybookError) as caught:
        Playbook.loads(text, source="shop.toml")
    assert expected in str(caught.value)


def test_more_section_errors(tmp_path: Path) -> None:
    def fails(extra: str, expected: str) -> None:
        with pytest.raises(PlaybookError, match=expected):
            Playbook.loads(MINIMAL + extra, source="shop.toml", base_dir=tmp_path)

    fails('[calendars.a]\nbase = "b"\n[calendars.b]\nbase = "a"\n', r"loop: a -> b -> a")
    fails('[calendars.a]\nbase = "zzz"\n', r"\[calendars.a\] base calendar 'zzz'")
    fails('[responses]\ncatalog = "nowhere"\n', r"\[responses.catalog\] catalog directory")
    fails('[responses]\nlanguage = "pl"\n', r"\[responses\] unknown key 'language'")
    fails("[compensation.teleport]\nany = { kind = 'gift' }\n", r"unknown complaint reason")
    fails("[compensation.late_delivery]\nlow = { kind = 'refund' }\n", r"late_delivery.low")
    fails("[complaints]\nacknowledge_within = 60\n", r"\[complaints\] cannot read 60")
    with pytest.raises(PlaybookError, match="define at least one calendar"):
        Playbook.loads("[shop]\nname = 'x'\n")
    with pytest.raises(PlaybookError, match="file not found"):
        Playbook.load(tmp_path / "nope.toml")


def test_builtin_path_errors() -> None:
    assert builtin_playbook_path().is_file()
    with pytest.raises(PlaybookError, match="no built-in playbook"):
        builtin_playbook_path("danish_shop")


# --- compensation guide ---------------------------------------------------------------------


def _order(currency: str = "PLN") -> Order:
    return Order(
        id="O-9",
        customer_id="C",
        ordered_at=datetime(2026, 5, 4, tzinfo=WARSAW),
        shipping_fee=Money.of("14.99", currency),
        lines=[
            OrderLine(
                id="1", sku="A", name="Mug", unit_price=Money.of("39.90", currency), quantity=2
            ),
            OrderLine(
                id="2", sku="B", name="Tea", unit_price=Money.of("24.50", currency), quantity=1
            ),
        ],
    )


def test_remedy_sizes() -> None:
    order = _order()
    third = RemedyOption(kind="partial_refund", percent=Decimal("33.3"), of="lines")
    # (79.80 + 24.50) * 0.333 = 34.7319 -> 34.73 (rounded half up to grosze)
    assert third.amount_for(order) == Money.of("34.73", "PLN")
    assert third.amount_for(order, ["2"]) == Money.of("8.16", "PLN")  # 8.1585 -> 8.16
    whole = RemedyOption(kind="refund", percent=100, of="order_total")
    assert whole.amount_for(order) == order.total
    fixed = RemedyOption(kind="gift", amounts=["25 PLN", "6 EUR"], description="A tea sampler")
    assert fixed.amount_for(_order("EUR")) == Money.of(6, "EUR")
    with pytest.raises(InvalidInputError, match="no gift amount in TRY"):
        fixed.amount_for(_order("TRY"))
    compensation = third.compensation(order, ["1"])
    assert compensation.amount == Money.of("26.57", "PLN")  # 79.80 * 0.333 = 26.5734
    assert compensation.order_line_ids == ("1",)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "refund"}, "needs amounts or a percent"),
        ({"kind": "replacement", "percent": 10}, "has no amount"),
        ({"kind": "discount_code"}, "needs its code"),
        ({"kind": "gift", "amounts": ["5 EUR", "6 EUR"]}, "one amount per currency"),
        ({"kind": "gift", "amounts": ["5"]}, "needs an amount and a currency"),
        ({"kind": "partial_refund", "percent": 120}, "less than or equal to 100"),
    ],
)
def test_remedy_option_validation(data: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        RemedyOption.model_validate(data)


def test_guide_refuses_duplicates() -> None:
    option = {"kind": "apology_only"}
    with pytest.raises(InvalidInputError, match="twice"):
        CompensationGuide(
            entries=[
                {"reason": "billing", "severity": "any", "options": [option]},
                {"reason": "billing", "severity": "any", "options": [option]},
            ]
        )


_LEVELS = {"exact": 3, "reason": 2, "severity": 1, "fallback": 0}


@settings(max_examples=60)
@given(
    reason=st.sampled_from(list(ComplaintReason)),
    severity=st.sampled_from(list(Severity)),
    present=st.sets(st.sampled_from(sorted(_LEVELS)), max_size=4),
)
def test_guide_picks_the_most_specific_entry(
    reason: ComplaintReason, severity: Severity, present: set[str]
) -> None:
    keys = {
        "exact": (reason.value, severity.value),
        "reason": (reason.value, "any"),
        "severity": ("any", severity.value),
        "fallback": ("any", "any"),
    }
    data: dict[str, dict[str, object]] = {}
    for level in present:
        r, s = keys[level]
        data.setdefault(r, {})[s] = {"kind": "apology_only", "description": level}
    guide = CompensationGuide.from_dict(data)
    found = guide.suggest(reason, severity)
    if not present:
        assert found == ()
    else:
        best = max(present, key=_LEVELS.__getitem__)
        assert [o.description for o in found] == [best]


# -- bounded work and strict loading (issue 16) ---------------------------------------------------


def test_a_deeply_nested_toml_is_refused_before_parsing() -> None:
    for nested in ("x = " + "[" * 5000 + "]" * 5000, "x = " + "{a = " * 5000 + "1" + "}" * 5000):
        with pytest.raises(LimitExceededError, match="nested deeper than 64"):
            Playbook.loads(MINIMAL.replace("[shop]", nested + "\n[shop]"))


def test_nesting_inside_strings_and_comments_does_not_count() -> None:
    check_toml_depth('a = "' + "[" * 100 + '"\nb = """\n' + "{" * 100 + '\n"""  # ' + "[" * 100)
    check_toml_depth("c = '" + "[" * 100 + "'")
    with pytest.raises(LimitExceededError, match="line 4"):
        check_toml_depth('a = """\n\n"""\nb = ' + "[" * 65)


def test_a_playbook_file_is_capped_before_it_is_read(tmp_path: Path) -> None:
    with pytest.raises(LimitExceededError, match="larger than the cap of 1000000 bytes"):
        Playbook.load("/dev/zero")
    big = tmp_path / "big.toml"
    big.write_text(MINIMAL + "#" * MAX_PLAYBOOK_BYTES, encoding="utf-8")
    with pytest.raises(LimitExceededError):
        Playbook.load(big)
    with pytest.raises(LimitExceededError, match="more than the cap"):
        Playbook.loads(MINIMAL + "#" * MAX_PLAYBOOK_BYTES)


def test_a_channel_naming_an_unknown_calendar_is_refused() -> None:
    text = MINIMAL.replace("[channels.email]", '[channels]\nemail = "chat"')
    with pytest.raises(PlaybookError, match=r"\[channels.email\] calendar 'chat' is not defined"):
        Playbook.loads(text)
    named = Playbook.loads(MINIMAL.replace("[channels.email]", '[channels]\nemail = "office"'))
    assert named.channels[next(iter(named.channels))].calendar == "office"
    with pytest.raises(PlaybookError, match="write a calendar name"):
        Playbook.loads(MINIMAL.replace("[channels.email]", "[channels]\nemail = 3"))


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('"-PT1H"', "acknowledge_within must be longer than zero"),
        ('"0h"', "acknowledge_within must be longer than zero"),
        ('"99999999999h"', "longer than the cap of 3660 days"),
    ],
)
def test_complaint_timers_are_checked_when_loading(value: str, message: str) -> None:
    text = MINIMAL + f"\n[complaints]\nacknowledge_within = {value}\n"
    with pytest.raises(PlaybookError, match=message):
        Playbook.loads(text)


def test_a_huge_sla_target_is_a_playbook_error_not_an_overflow() -> None:
    text = MINIMAL.replace('first_reply = "4h"', 'first_reply = "99999999999h"')
    with pytest.raises(PlaybookError, match=r"first_reply\] duration '99999999999h' is longer"):
        Playbook.loads(text)
