"""The returns texts: valid ICU MessageFormat in every locale, one text per reason code, and
decisions and summaries that render in every first-class locale."""

from __future__ import annotations

import re
import tomllib
from datetime import date
from pathlib import Path

import pytest
from pyicumessageformat import Parser

from cxcore._locale import FIRST_CLASS_LOCALES
from cxcore.errors import InvalidInputError
from cxcore.money import Money
from cxcore.orders import ProductCategory
from cxcore.responses import ResponseCatalog
from cxcore.responses.catalog import library_path
from cxcore.returns import Outcome, ReturnLine, ReturnReason
from cxcore.returns.explain import SILENT_CODES, explain, summarize
from cxcore.returns.lifecycle import (
    ExchangeIssued,
    GoodsDispatched,
    GoodsReceived,
    InspectedLine,
    RefundIssued,
    ReturnAuthorised,
    ReturnCancelled,
    ReturnCase,
    ReturnDecided,
    ReturnInspected,
    ReturnRejected,
    ReturnRequested,
    StoreCreditIssued,
    reply,
)
from cxcore.returns.presets import policy, store_right
from cxcore.returns.rules.conditions import EXCLUSION_CODES
from tests.returns.strategies import at, line, order_of, request_for

DIRECTORY = library_path() / "returns"
SOURCE = Path(__file__).resolve().parents[2] / "src" / "cxcore" / "returns"

# Every reason code the built-in rules can emit, read from the sources so a new code without a
# text fails here.
EMITTED = (
    {
        m.group(2)
        for path in (SOURCE / "rules").glob("*.py")
        for m in re.finditer(
            r'RuleOutcome\.(passed|failed|review|not_applicable)\(\s*"([a-z_.]+)"', path.read_text()
        )
    }
    | set(EXCLUSION_CODES.values())
    | {"basis.none"}
)


@pytest.fixture(scope="module")
def catalog() -> ResponseCatalog:
    return ResponseCatalog(DIRECTORY, locale_defaults={"th": "th-TH-u-ca-buddhist"})


def test_catalog_lints_clean(catalog: ResponseCatalog) -> None:
    assert catalog.lint() == []


def test_every_locale_file_parses_with_pyicumessageformat() -> None:
    parser = Parser({"allow_tags": False, "require_other": True})
    for locale in FIRST_CLASS_LOCALES:
        data = tomllib.loads((DIRECTORY / f"{locale}.toml").read_text(encoding="utf-8"))
        assert len(data) == 68, locale
        for key, variants in data.items():
            for variant in variants.values():
                for field in ("subject", "text"):
                    if field in variant:
                        parser.parse(variant[field])  # raises on a syntax error
                        assert "'" not in variant[field], (locale, key)


def test_every_emitted_code_has_a_text_or_is_silent(catalog: ResponseCatalog) -> None:
    assert len(EMITTED) > 30
    for code in EMITTED:
        if code not in SILENT_CODES:
            assert f"returns.reason.{code}" in catalog, code


@pytest.mark.parametrize("locale", FIRST_CLASS_LOCALES)
def test_explain_a_mixed_decision(catalog: ResponseCatalog, locale: str) -> None:
    order = order_of(
        line(price="80.00"),
        line("2", category=ProductCategory.PERSONALISED),
        shipping="10.00",
    )
    extended = policy("PL").with_store_right(store_right(restocking_percent="10"))
    request = request_for(order, date(2026, 5, 25))
    decision = extended.evaluate(request, order, at=request.requested_at)
    assert decision.outcome is Outcome.PARTIALLY_APPROVED
    text = explain(decision, catalog, locale, order=order)
    assert text.subject and "O-1" in text.subject
    assert len(text.items) == 2
    names = [item[0] for item in text.items]
    assert names == ["Item 1", "Item 2"]
    assert all(item[2] for item in text.items)
    assert "{" not in text.text
    chat = decision.explain(catalog, locale, channel="live_chat")
    assert chat.subject is None


@pytest.mark.parametrize("locale", FIRST_CLASS_LOCALES)
@pytest.mark.parametrize("code", ["EU", "UK", "TH", "US", "FI"])
def test_summary_renders(catalog: ResponseCatalog, locale: str, code: str) -> None:
    text = summarize(policy(code)).render(catalog, locale)
    assert text and "{" not in text and "  " not in text


def test_english_explanation_reads_well(catalog: ResponseCatalog) -> None:
    order = order_of(line())
    request = request_for(order, date(2026, 5, 12))
    decision = policy("EU").evaluate(request, order, at=request.requested_at)
    assert decision.explain(catalog, "en", order=order).text.splitlines()[-5:] == [
        "Item 1 (Right of withdrawal):",
        "- You can return this item within 14 days; the period ends on May 18, 2026.",
        "- Please send the item back by May 26, 2026.",
        "- The cost of sending the item back is yours.",
        "- We will refund you by May 26, 2026, once we have the item back or your proof that "
        "you sent it.",
    ]
    with_shipping = order_of(line(), shipping="12.00")
    decision = policy("EU").evaluate(request, with_shipping, at=request.requested_at)
    text = decision.explain(catalog, "en").text
    assert text.endswith("- The original delivery charge is included in your refund.")
    assert "we will refund PLN\xa0112.00" in text  # CLDR currency spacing, as ICU4C


def test_custom_codes_fall_back_to_a_generic_text(catalog: ResponseCatalog) -> None:
    from tests.returns.test_policy import flash_policy

    order = order_of(line(sku="FLASH", currency="USD"), ordered=date(2026, 5, 1))
    request = request_for(order, date(2026, 5, 20), ReturnReason.CHANGED_MIND,
                          lines=[ReturnLine(line_id="1", quantity=1)])  # fmt: skip
    decision = flash_policy("US").evaluate(request, order, at=request.requested_at)
    text = decision.explain(catalog, "pl")
    assert "flash_sale.closed" in text.text


def test_a_reason_shared_by_several_rights_is_said_once(catalog: ResponseCatalog) -> None:
    # A perishable item is excluded by the statutory right (Directive 2011/83/EU art. 16(d)) and
    # by the store's 30-day right, which copies the exclusions: one sentence, not two.
    order = order_of(line(category=ProductCategory.PERISHABLE))
    request = request_for(order, date(2026, 5, 8))
    extended = policy("PL").with_store_right(store_right(days=30))
    decision = extended.evaluate(request, order, at=request.requested_at)
    assert decision.outcome is Outcome.REJECTED
    sentences = explain(decision, catalog, "en", order=order).items[0][2]
    assert len(sentences) == len(set(sentences)) >= 1
    codes = [r.code for r in decision.lines[0].reasons if r.code not in SILENT_CODES]
    assert len(codes) > len(sentences)


NEW_REASONS = {
    "remedy.repair_or_replacement": {"remedy": "repair_or_replacement"},
    "remedy.repair_or_replacement_first": {},
    "remedy.termination": {},
    "remedy.chosen": {"remedy": "price_reduction"},
    "remedy.price_reduction": {},
    "remedy.deduction_for_use": {"months": 6},
    "shipping.merchant_pays_not_informed": {},
    "return.trader_collects": {},
    "refund.standard_delivery_cost": {
        "included": "yes",
        "refunded": Money.of("9.90", "PLN"),
        "paid": Money.of("24.90", "PLN"),
    },
}


@pytest.mark.parametrize("locale", FIRST_CLASS_LOCALES)
def test_remedy_and_fact_reasons_render(catalog: ResponseCatalog, locale: str) -> None:
    for code, values in NEW_REASONS.items():
        text = catalog.render(
            f"returns.reason.{code}", locale=locale, channel="default", values=values
        ).text
        assert text and "{" not in text, (locale, code)
    standard = catalog.render(
        "returns.reason.refund.standard_delivery_cost",
        locale=locale,
        channel="default",
        values=NEW_REASONS["refund.standard_delivery_cost"],
    ).text
    assert "9,90" in standard or "9.90" in standard


@pytest.mark.parametrize("locale", FIRST_CLASS_LOCALES)
def test_every_lifecycle_step_has_a_reply(catalog: ResponseCatalog, locale: str) -> None:
    order = order_of(line())
    request = request_for(order, date(2026, 5, 12))
    case = ReturnCase.start(
        ReturnRequested(sequence=1, at=request.requested_at, actor="web", return_id="R-1",
                        request=request)
    )  # fmt: skip
    decision = policy("PL").evaluate(request, order, at=request.requested_at)
    case = case.apply(
        ReturnDecided(sequence=2, at=at(date(2026, 5, 12)), actor="p", decision=decision)
    )
    events = [
        ReturnAuthorised(sequence=3, at=at(date(2026, 5, 12)), actor="a", rma="RMA-7",
                         carrier="InPost", return_shipping_paid_by="consumer"),
        GoodsReceived(sequence=4, at=at(date(2026, 5, 14)), actor="a"),
        ReturnInspected(sequence=5, at=at(date(2026, 5, 15)), actor="a", lines=(InspectedLine(
            line_id="1", condition="used", deduction=Money.of("10.00", "PLN")),)),
        RefundIssued(sequence=6, at=at(date(2026, 5, 16)), actor="a",
                     amount=Money.of("90.00", "PLN")),
    ]  # fmt: skip
    texts = []
    for event in events:
        case = case.apply(event)
        rendered = reply(case, event, catalog, locale)
        assert rendered.subject and "O-1" in rendered.subject, (locale, event.kind)
        assert "{" not in rendered.text
        texts.append(rendered.text)
    assert "RMA-7" in texts[0] and "InPost" in texts[0]
    assert "2026" in texts[0] or "2569" in texts[0]  # the last day to send (Buddhist era in th)
    assert "10,00" in texts[2] or "10.00" in texts[2]
    assert "90,00" in texts[3] or "90.00" in texts[3]
    for kind, extra in (
        (ReturnCancelled, {}),
        (ReturnRejected, {"reason": "window.closed"}),
        (ExchangeIssued, {"sku": "X"}),
        (StoreCreditIssued, {"amount": Money.of("1", "PLN")}),
    ):
        event = kind(sequence=9, at=at(date(2026, 5, 20)), actor="a", **extra)
        rendered = reply(case, event, catalog, locale)
        assert rendered.subject and "{" not in rendered.text
    if locale == "th":
        assert "น. น." not in "".join(texts)
    with pytest.raises(InvalidInputError, match="not a message to the customer"):
        reply(
            case, GoodsDispatched(sequence=9, at=at(date(2026, 5, 20)), actor="a"), catalog, locale
        )
