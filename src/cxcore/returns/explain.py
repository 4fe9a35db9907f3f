"""Customer-facing texts: a decision and a policy summary rendered through the response catalog.

The texts live in the built-in library (``cxcore/responses/library/returns``): an opening per
outcome (``returns.decision.<outcome>``, or ``returns.decision.remedy`` when the approved items
are repaired or replaced rather than refunded), one sentence per reason code
(``returns.reason.<code>``, with ``returns.reason.other`` for codes of custom rules that have no
text of their own), basis names (``returns.basis.<kind>``) and the policy summary
(``returns.summary``). Pass any [`ResponseCatalog`][cxcore.ResponseCatalog] that holds them, for
example ``builtin_catalog()``, possibly with your own texts layered on top.

Examples:
    >>> from cxcore.responses import builtin_catalog
    >>> from cxcore.returns.presets import policy
    >>> summary = summarize(policy("PL"))
    >>> print(summary.render(builtin_catalog(), "en"))  # doctest: +NORMALIZE_WHITESPACE
    You can return items within 14 days of delivery. Return shipping is at your cost. Not
    returnable: personalised items, perishable goods, hygiene products once unsealed, recordings
    and software once unsealed, digital content once the download has started, newspapers and
    magazines, goods priced on financial markets, and services already fully performed. We refund
    within 14 days. Faulty items are covered by the legal guarantee for 24 months.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

from cxcore._model import CxModel
from cxcore.orders import Order, ProductCategory
from cxcore.returns.decision import LineDecision, Outcome, ReturnDecision
from cxcore.returns.policy import ReturnPolicy
from cxcore.returns.request import ReturnReason
from cxcore.returns.rules import (
    CategoryExclusions,
    ConformityGuarantee,
    Party,
    RefundClock,
    RefundDeadline,
    ReturnShipping,
    ReturnWindow,
    RuleOutcome,
)

if TYPE_CHECKING:
    from cxcore.responses import ResponseCatalog

__all__ = ["SILENT_CODES", "DecisionText", "PolicySummary", "explain", "summarize"]

SILENT_CODES = frozenset(
    {
        "window.reason_not_covered",
        "conformity.not_a_fault",
        "exclusion.none",
        "condition.ok",
        "final_sale.no",
        "proof.order_on_record",
        "proof.receipt",
        "partial.ok",
        "evidence.ok",
        "fee.none",
        "return.nothing_to_send",
        "refund.no_delivery_cost",
        "window.remedy_not_covered",
        "remedy.not_a_fault",
        "remedy.withdrawal_asked",
        "exclusion.hygiene_cleanable",
    }
)
"""Reason codes that say a check passed and need no sentence for the customer."""

_CATEGORY_ORDER = tuple(ProductCategory)


def _values(outcome: RuleOutcome) -> dict[str, object]:
    values: dict[str, object] = {}
    for name, value in outcome.params.items():
        if isinstance(value, bool):
            values[name] = "yes" if value else "no"
        elif name.endswith("_on") and isinstance(value, str):
            values[name] = date.fromisoformat(value)
        else:
            values[name] = value
    return values


def _reason_text(catalog: ResponseCatalog, outcome: RuleOutcome, locale: str) -> str:
    key = f"returns.reason.{outcome.code}"
    values = _values(outcome)
    if key not in catalog:
        key, values = "returns.reason.other", {"code": outcome.code}
    declared = catalog.get(key).variables
    values = {k: v for k, v in values.items() if k in declared}
    return catalog.render(key, locale=locale, channel="default", values=values).text


class DecisionText(CxModel):
    """A rendered decision: ``subject`` (email only), the opening, and per item the basis name
    and one sentence per reason; [`text`][cxcore.returns.explain.DecisionText.text] joins them for
    sending.

    Examples:
        >>> DecisionText(subject=None, opening="Hi", items=(("Mug", "Basis", ("Fine.",)),)).text
        'Hi\\n\\nMug (Basis):\\n- Fine.'
    """

    subject: str | None
    opening: str
    items: tuple[tuple[str, str | None, tuple[str, ...]], ...]

    @property
    def text(self) -> str:
        """The opening followed by a short block per item."""
        blocks = [self.opening]
        for name, basis, sentences in self.items:
            head = f"{name} ({basis}):" if basis else f"{name}:"
            blocks.append("\n".join([head, *(f"- {s}" for s in sentences)]))
        return "\n\n".join(blocks)


def explain(
    decision: ReturnDecision,
    catalog: ResponseCatalog,
    locale: str,
    *,
    channel: str = "email",
    order: Order | None = None,
) -> DecisionText:
    """Render ``decision`` for a customer in ``locale`` on ``channel``. Items are named by the
    order's line names when ``order`` is given, else by line id.
    """
    values: dict[str, object] = {
        "order_id": decision.order_id,
        "refund": decision.refund_total,
        "has_provisional": "yes" if decision.provisional_refund_total else "no",
    }
    if decision.provisional_refund_total:
        # A claim under review shows what it would refund, never 0.
        values["provisional"] = decision.provisional_refund_total
    key = f"returns.decision.{decision.outcome.value}"
    granted = [line for line in decision.lines if line.outcome is Outcome.APPROVED]
    if granted and all(line.refund is None for line in granted) and not decision.refund_total:
        # A repair or replacement: the opening must not promise money.
        key = "returns.decision.remedy"
    declared = catalog.get(key).variables
    opening = catalog.render(
        key,
        locale=locale,
        channel=channel,
        values={k: v for k, v in values.items() if k in declared},
    )
    items = []
    for line in decision.lines:
        name = order.line(line.line_id).name if order is not None else line.line_id
        items.append((name, _basis_name(catalog, line, locale), _sentences(catalog, line, locale)))
    return DecisionText(subject=opening.subject, opening=opening.text.strip(), items=tuple(items))


def _basis_name(catalog: ResponseCatalog, line: LineDecision, locale: str) -> str | None:
    if line.basis is None or line.outcome is Outcome.REJECTED:
        return None
    key = f"returns.basis.{line.basis.kind.value}"
    return catalog.render(key, locale=locale, channel="default").text


def _sentences(catalog: ResponseCatalog, line: LineDecision, locale: str) -> tuple[str, ...]:
    # Several rights may refuse a line for the same reason (the statutory exclusion and the
    # store's copy of it); the customer reads each sentence once, in first-seen order.
    return tuple(
        dict.fromkeys(
            _reason_text(catalog, outcome, locale)
            for outcome in line.reasons
            if outcome.code not in SILENT_CODES
        )
    )


class PolicySummary(CxModel):
    """The customer-facing essentials of a policy for changed-mind returns of goods: the longest
    window, the categories no right takes back, who pays return shipping, the refund period and
    the legal guarantee (``guarantee_months=0``: no fixed period).

    Examples:
        >>> from cxcore.returns.presets import policy
        >>> summary = summarize(policy("UK"))
        >>> summary.window_days, summary.refund_days, summary.guarantee_months
        (14, 14, 72)
    """

    window_days: int
    exclusions: tuple[ProductCategory, ...]
    return_shipping: Party | None
    refund_days: int
    guarantee_months: int

    def values(self, catalog: ResponseCatalog, locale: str) -> dict[str, object]:
        """The values of ``returns.summary`` with category names rendered in ``locale``."""
        names = [
            catalog.render(f"returns.category.{c.value}", locale=locale, channel="default").text
            for c in self.exclusions
        ]
        return {
            "window_days": self.window_days,
            "return_shipping": self.return_shipping.value if self.return_shipping else "none",
            "has_exclusions": "yes" if names else "no",
            "exclusions": names,
            "refund_days": self.refund_days,
            "guarantee_months": self.guarantee_months,
        }

    def render(self, catalog: ResponseCatalog, locale: str) -> str:
        """The summary as one paragraph in ``locale``."""
        rendered = catalog.render(
            "returns.summary", locale=locale, channel="default", values=self.values(catalog, locale)
        )
        return " ".join(rendered.text.split())


def _rules_of(rules: Sequence[object], kind: type) -> list[object]:
    return [rule for rule in rules if isinstance(rule, kind)]


def summarize(policy: ReturnPolicy) -> PolicySummary:
    """Summarise ``policy`` from its built-in rules (custom rules are not summarised): the
    rights with a window open to changed-mind returns give the window, exclusions (categories
    every such right excludes), return shipping and refund days; conformity rights give the
    guarantee."""
    window_days, refund_days = 0, 0
    excluded: set[ProductCategory] | None = None
    payers: set[Party] = set()
    guarantee = 0
    for right in policy.rights:
        rules = list(right.rules)
        for rule in _rules_of(rules, ConformityGuarantee):
            assert isinstance(rule, ConformityGuarantee)
            guarantee = max(guarantee, rule.liability_months or 0)
        windows = [
            w
            for w in _rules_of(rules, ReturnWindow)
            if isinstance(w, ReturnWindow)
            and (w.reasons is None or ReturnReason.CHANGED_MIND in w.reasons)
        ]
        if not windows:
            continue
        window_days = max(window_days, *(w.days for w in windows))
        cats: set[ProductCategory] = set()
        for rule in _rules_of(rules, CategoryExclusions):
            assert isinstance(rule, CategoryExclusions)
            cats |= rule.categories
        excluded = cats if excluded is None else excluded & cats
        payers |= {
            r.paid_by for r in _rules_of(rules, ReturnShipping) if isinstance(r, ReturnShipping)
        }
        days = [
            r.days
            for r in _rules_of(rules, RefundDeadline)
            if isinstance(r, RefundDeadline) and r.clock is not RefundClock.UNDUE_DELAY
        ]
        if days:
            refund_days = min(days) if not refund_days else min(refund_days, *days)
    payer = Party.MERCHANT if Party.MERCHANT in payers else (Party.CONSUMER if payers else None)
    order: Mapping[ProductCategory, int] = {c: i for i, c in enumerate(_CATEGORY_ORDER)}
    return PolicySummary(
        window_days=window_days,
        exclusions=tuple(sorted(excluded or (), key=order.__getitem__)),
        return_shipping=payer,
        refund_days=refund_days,
        guarantee_months=guarantee,
    )
