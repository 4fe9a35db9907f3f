"""The rule protocol and the values rules produce.

A rule looks at one requested line (``context.line``) of a request against its order and says
``pass``, ``fail``, ``needs_review`` or ``not_applicable`` (the legal basis it belongs to does not
cover this case), with a machine-readable reason code and parameters, and optionally fees, dates
and terms (who pays return shipping, whether delivery costs are refunded).

Parameters are plain JSON values: text, whole numbers, booleans and [`Money`][cxcore.Money].
Dates are ISO strings in parameters whose name ends in ``_on`` (``ends_on="2026-05-18"``), so a
decision round-trips through JSON unchanged.

Examples:
    >>> outcome = RuleOutcome.passed("window.open", days=14, ends_on="2026-05-18")
    >>> outcome.status, outcome.params["days"]
    (<RuleStatus.PASS: 'pass'>, 14)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Protocol, runtime_checkable

from pydantic import AfterValidator, Field, StrictBool, StrictInt

from cxcore._model import CxModel, ReadOnlyDict
from cxcore.errors import InvalidInputError
from cxcore.money import Money
from cxcore.orders import Order, OrderLine
from cxcore.returns.deadlines import PeriodCounting, WorkingDays
from cxcore.returns.legal_dates import Deadline, DeadlineKind
from cxcore.returns.request import Remedy, ReturnLine, ReturnRequest

__all__ = [
    "BasisKind",
    "Fee",
    "LegalBasis",
    "ParamValue",
    "Party",
    "ReturnRule",
    "RuleContext",
    "RuleOutcome",
    "RuleStatus",
]

_CODE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$")


def _check_code(code: str) -> str:
    if not _CODE.match(code):
        raise InvalidInputError(
            f"reason code {code!r} must be lower-case words joined by dots, e.g. 'window.open'"
        )
    return code


ReasonCode = Annotated[str, AfterValidator(_check_code)]
"""A dotted lower-case reason code such as ``window.open`` (also used as a catalog key suffix)."""

ParamValue = StrictBool | StrictInt | Money | str
"""A reason parameter: a boolean, a whole number, an amount of money or text."""


class RuleStatus(StrEnum):
    """What a rule concluded, from best to worst for the customer.

    Examples:
        >>> RuleStatus.NEEDS_REVIEW.rank > RuleStatus.PASS.rank
        True
    """

    PASS = "pass"
    NEEDS_REVIEW = "needs_review"
    FAIL = "fail"
    NOT_APPLICABLE = "not_applicable"

    @property
    def rank(self) -> int:
        """Severity within a right: pass < needs review < fail < not applicable."""
        return _RANK[self]


_RANK = {
    RuleStatus.PASS: 0,
    RuleStatus.NEEDS_REVIEW: 1,
    RuleStatus.FAIL: 2,
    RuleStatus.NOT_APPLICABLE: 3,
}


class Party(StrEnum):
    """Who bears a cost.

    Examples:
        >>> Party.MERCHANT.value
        'merchant'
    """

    CONSUMER = "consumer"
    MERCHANT = "merchant"


class Fee(CxModel):
    """An amount deducted from a refund, with a code saying what it is for.

    Examples:
        >>> Fee(code="restocking", amount=Money.of("4.50", "EUR")).amount.amount
        Decimal('4.50')
    """

    code: ReasonCode
    amount: Money


class RuleOutcome(CxModel):
    """The result of one rule for one line.

    ``return_by`` is the last day to send the goods back, ``refund_due_by`` the last day for the
    refund; ``refund_waits_for_goods`` says the refund clock only starts when the goods (or proof
    of sending them) come back, so no date can be given yet. ``deadlines`` are the dated
    deadlines the rule found, each with its source and counting rule. ``remedy`` is the remedy
    the rule grants (``remedies`` every remedy open to the consumer) and ``money_back=False``
    says this right gives no money back now (a repair or replacement comes first).

    Examples:
        >>> RuleOutcome.failed("window.closed", ends_on="2026-05-18").status
        <RuleStatus.FAIL: 'fail'>
        >>> RuleOutcome.passed("Bad Code")
        Traceback (most recent call last):
        ...
        cxcore.errors.InvalidInputError: reason code 'Bad Code' must be ...
    """

    status: RuleStatus
    code: ReasonCode
    params: ReadOnlyDict[str, ParamValue] = Field(default_factory=dict)
    legal_reference: str | None = None
    fees: tuple[Fee, ...] = ()
    return_by: date | None = None
    refund_due_by: date | None = None
    refund_waits_for_goods: bool = False
    return_shipping_paid_by: Party | None = None
    refunds_delivery_cost: bool | None = None
    deadlines: tuple[Deadline, ...] = ()
    remedy: Remedy | None = None
    remedies: tuple[Remedy, ...] = ()
    money_back: bool | None = None

    @classmethod
    def passed(cls, code: str, **params: ParamValue) -> RuleOutcome:
        """A passing outcome with ``params``."""
        return cls(status=RuleStatus.PASS, code=code, params=params)

    @classmethod
    def failed(cls, code: str, **params: ParamValue) -> RuleOutcome:
        """A failing outcome with ``params``."""
        return cls(status=RuleStatus.FAIL, code=code, params=params)

    @classmethod
    def review(cls, code: str, **params: ParamValue) -> RuleOutcome:
        """An outcome that needs a person to decide.

        Examples:
            >>> RuleOutcome.review("proof.missing").status.value
            'needs_review'
        """
        return cls(status=RuleStatus.NEEDS_REVIEW, code=code, params=params)

    @classmethod
    def not_applicable(cls, code: str, **params: ParamValue) -> RuleOutcome:
        """The basis this rule belongs to does not cover the case.

        Examples:
            >>> RuleOutcome.not_applicable("window.reason_not_covered").status.value
            'not_applicable'
        """
        return cls(status=RuleStatus.NOT_APPLICABLE, code=code, params=params)

    def with_deadlines(self, *deadlines: Deadline) -> RuleOutcome:
        """This outcome with ``deadlines`` added.

        Examples:
            >>> from datetime import date
            >>> d = Deadline(kind="refund_due", on=date(2026, 6, 1), source="s", counting="c")
            >>> RuleOutcome.passed("refund.due_by").with_deadlines(d).deadlines == (d,)
            True
        """
        return self.model_copy(update={"deadlines": (*self.deadlines, *deadlines)})

    def cited(self, reference: str | None) -> RuleOutcome:
        """This outcome with ``legal_reference`` set (unchanged when ``reference`` is None).

        Examples:
            >>> RuleOutcome.passed("window.open").cited("2011/83/EU art. 9(1)").legal_reference
            '2011/83/EU art. 9(1)'
        """
        if reference is None:
            return self
        return self.model_copy(update={"legal_reference": reference})


class BasisKind(StrEnum):
    """The kind of right a basis grants; customer texts name the basis by its kind.

    Examples:
        >>> BasisKind("conformity").value
        'conformity'
    """

    WITHDRAWAL = "withdrawal"
    """A right to withdraw (cancel, cool off) without giving a reason."""
    CONFORMITY = "conformity"
    """The legal guarantee for goods not in conformity with the contract."""
    SHORT_TERM_REJECTION = "short_term_rejection"
    """A short right to reject faulty goods for a full refund (UK Consumer Rights Act s. 22)."""
    STORE_POLICY = "store_policy"
    """A right the shop grants on its own terms."""


class LegalBasis(CxModel):
    """A named source of a right to return: a statute (``statutory``) or the shop's own policy.

    Examples:
        >>> LegalBasis(code="store.returns", kind="store_policy", title="30-day returns").statutory
        False
    """

    code: ReasonCode
    kind: BasisKind
    title: str
    citation: str = ""
    statutory: bool = False


@dataclass(frozen=True, slots=True)
class RuleContext:
    """Everything a rule needs besides the request and the order: the line under evaluation,
    when the evaluation happens, and how to count periods.

    Built by
    [`cxcore.returns.policy.ReturnPolicy.evaluate`][cxcore.returns.policy.ReturnPolicy.evaluate];
    rules read it, never change it. ``first_line`` is true for the first requested line (for
    per-request fees), ``whole_order`` when the request returns every unit of every order line.

    Examples:
        >>> from datetime import date, datetime, timezone
        >>> from cxcore.sla.calendar import BusinessCalendar
        >>> ctx = RuleContext(
        ...     at=datetime(2026, 5, 12, tzinfo=timezone.utc), requested_on=date(2026, 5, 12),
        ...     line=ReturnLine(line_id="1", quantity=1),
        ...     order_line=OrderLine(id="1", sku="A", name="Mug", unit_price=Money.of(5, "EUR"),
        ...                          quantity=1),
        ...     counting=PeriodCounting(), calendar=BusinessCalendar(timezone="UTC"))
        >>> ctx.days_after(date(2026, 5, 12), 14)
        datetime.date(2026, 5, 26)
    """

    at: datetime
    requested_on: date
    line: ReturnLine
    order_line: OrderLine
    counting: PeriodCounting
    calendar: WorkingDays
    first_line: bool = True
    whole_order: bool = False

    def local_date(self, at: datetime) -> date:
        """The local calendar date of ``at`` in the jurisdiction's time zone."""
        return self.counting.local_date(at)

    def days_after(self, start: date | datetime, days: int) -> date:
        """Last day of a ``days``-day period starting with an event on ``start``."""
        day = self.local_date(start) if isinstance(start, datetime) else start
        return self.counting.end_of_days(day, days, self.calendar)

    def deadline(
        self,
        kind: DeadlineKind,
        start: date | datetime,
        amount: int,
        *,
        event: str,
        source: str | None,
        months: bool = False,
        beginning_with: bool = False,
    ) -> Deadline:
        """A [`Deadline`][cxcore.returns.legal_dates.Deadline] of ``amount`` days (or months) from
        ``start``, counted as the jurisdiction counts and described in words.

        Examples:
            >>> from datetime import date, datetime, timezone
            >>> from cxcore.sla.calendar import BusinessCalendar
            >>> ctx = RuleContext(
            ...     at=datetime(2026, 5, 12, tzinfo=timezone.utc), requested_on=date(2026, 5, 12),
            ...     line=ReturnLine(line_id="1", quantity=1),
            ...     order_line=OrderLine(id="1", sku="A", name="Mug", unit_price=Money.of(5, "EUR"),
            ...                          quantity=1),
            ...     counting=PeriodCounting(), calendar=BusinessCalendar(timezone="UTC"))
            >>> ctx.deadline("refund_due", date(2026, 5, 12), 14, event="the notice",
            ...              source="art. 13(1)").on
            datetime.date(2026, 5, 26)
        """
        day = self.local_date(start) if isinstance(start, datetime) else start
        if months:
            on = self.counting.end_of_months(day, amount, self.calendar)
        elif beginning_with:
            on = self.counting.end_beginning_with(day, amount, self.calendar)
        else:
            on = self.counting.end_of_days(day, amount, self.calendar)
        unit = "months" if months else "days"
        return Deadline(
            kind=DeadlineKind(kind),
            on=on,
            source=source or "",
            counting=self.counting.describe(amount, unit, event, beginning_with=beginning_with),
        )

    def months_after(self, start: date | datetime, months: int) -> date:
        """Last day of a ``months``-month period starting with an event on ``start``."""
        day = self.local_date(start) if isinstance(start, datetime) else start
        return self.counting.end_of_months(day, months, self.calendar)

    @property
    def line_total(self) -> Money:
        """Price of the units being returned on this line."""
        return self.order_line.unit_price * self.line.quantity


@runtime_checkable
class ReturnRule(Protocol):
    """A rule of a return policy. Implement ``evaluate`` to add your own.

    ``evaluate`` must be a pure function of its arguments: no clock, no I/O. See the rule-writing
    guide in ``docs/returns.md`` and [`BUILTIN_RULES`][cxcore.returns.rules.BUILTIN_RULES] for the
    built-in rules.

    Examples:
        >>> class AlwaysReview:
        ...     def evaluate(self, request, order, context):
        ...         return RuleOutcome.review("proof.missing")
        >>> isinstance(AlwaysReview(), ReturnRule)
        True
    """

    def evaluate(self, request: ReturnRequest, order: Order, context: RuleContext) -> RuleOutcome:
        """Judge ``context.line`` of ``request`` against ``order``."""
        ...


def iso(day: date) -> str:
    """A date as an ISO string for a reason parameter (parameters named ``*_on``).

    Examples:
        >>> from datetime import date
        >>> iso(date(2026, 5, 18))
        '2026-05-18'
    """
    return day.isoformat()
