"""Return policies: a statutory tier from the jurisdiction plus the shop's own rights on top.

A [`ReturnRight`][cxcore.returns.ReturnRight] is one legal basis (the EU right of withdrawal, the
legal guarantee, the shop's 30-day policy) with the rules that must all pass for it to apply. A
[`Jurisdiction`][cxcore.returns.Jurisdiction] holds the statutory rights of a country (see
[`cxcore.returns.presets`][cxcore.returns.presets]); a [`ReturnPolicy`][cxcore.ReturnPolicy] adds
store rights. Store rights are alternatives (the customer gets the best right that applies), so a
store rule can add rights but never remove or weaken a statutory one, and a store right cannot claim
to be statutory.

Examples:
    >>> from datetime import datetime, timezone
    >>> from cxcore.money import Money
    >>> from cxcore.orders import Order, OrderLine
    >>> from cxcore.returns.presets import jurisdiction
    >>> from cxcore.returns.request import ReturnLine, ReturnRequest
    >>> order = Order(id="O-1", customer_id="C-1",
    ...     ordered_at=datetime(2026, 5, 1, 10, tzinfo=timezone.utc),
    ...     delivered_at=datetime(2026, 5, 4, 12, tzinfo=timezone.utc),
    ...     lines=[OrderLine(id="1", sku="MUG", name="Mug", unit_price=Money.of("39.00", "PLN"),
    ...                      quantity=1)])
    >>> request = ReturnRequest(order_id="O-1", reason="changed_mind",
    ...     requested_at=datetime(2026, 5, 18, 9, tzinfo=timezone.utc),
    ...     lines=[ReturnLine(line_id="1", quantity=1)])
    >>> decision = ReturnPolicy(jurisdiction=jurisdiction("PL")).evaluate(
    ...     request, order, at=datetime(2026, 5, 18, 10, tzinfo=timezone.utc))
    >>> decision.outcome.value, decision.lines[0].basis.code, str(decision.refund_due_by)
    ('approved', 'pl.withdrawal', '2026-06-01')
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Annotated, Any, Self

from pydantic import AfterValidator, ConfigDict, Field, model_validator

from cxcore._model import CxModel, SortedSet
from cxcore._time import ensure_aware, instant
from cxcore.errors import InvalidInputError, PolicyError, TimelineError
from cxcore.money import Money
from cxcore.orders import Order
from cxcore.returns._combine import basis_result, decide_line
from cxcore.returns.deadlines import PeriodCounting, WorkingDays
from cxcore.returns.decision import LineDecision, Outcome, ReturnDecision
from cxcore.returns.legal_dates import Deadline, DeadlineKind
from cxcore.returns.request import ReturnRequest
from cxcore.returns.rules.base import LegalBasis, Party, ReturnRule, RuleContext
from cxcore.sla.calendar import BusinessCalendar

if TYPE_CHECKING:
    from cxcore.returns.explain import PolicySummary

__all__ = ["Jurisdiction", "ReturnPolicy", "ReturnRight"]


def _check_rules(rules: tuple[Any, ...]) -> tuple[Any, ...]:
    for index, rule in enumerate(rules):
        if not isinstance(rule, ReturnRule):
            raise PolicyError(
                f"rule {index} ({type(rule).__name__}) is not a ReturnRule: it needs a method "
                "evaluate(request, order, context) -> RuleOutcome"
            )
    return rules


class ReturnRight(CxModel):
    """One basis for returning goods and the rules that must all pass for it to apply.

    Examples:
        >>> from cxcore.returns.rules import BasisKind, ReturnWindow
        >>> right = ReturnRight(
        ...     basis=LegalBasis(
        ...         code="store.returns", kind=BasisKind.STORE_POLICY, title="Returns"
        ...     ),
        ...     rules=[ReturnWindow(days=30)])
        >>> len(right.rules)
        1
        >>> ReturnRight(basis=right.basis, rules=["not a rule"])
        Traceback (most recent call last):
        ...
        cxcore.errors.PolicyError: rule 0 (str) is not a ReturnRule: ...
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    basis: LegalBasis
    rules: Annotated[tuple[Any, ...], AfterValidator(_check_rules)]


class Jurisdiction(CxModel):
    """The statutory tier of a country: its rights, how it counts periods, and its sources.

    Use the presets in [`cxcore.returns.presets`][cxcore.returns.presets] rather than building one
    by hand; a policy loaded from data can only name a preset, so data can never weaken the law.
    ``weekend`` gives the default working-day calendar (weekend days, no holidays) used when
    [`ReturnPolicy.evaluate`][cxcore.returns.policy.ReturnPolicy.evaluate] gets no calendar.

    Examples:
        >>> from cxcore.returns.presets import jurisdiction
        >>> jurisdiction("TR").counting.timezone
        'Europe/Istanbul'
    """

    code: Annotated[str, Field(min_length=1)]
    name: str
    counting: PeriodCounting
    weekend: SortedSet[int] = frozenset({5, 6})
    rights: tuple[ReturnRight, ...] = ()
    sources: tuple[str, ...] = ()
    scope: str = ""

    @model_validator(mode="after")
    def _check(self) -> Self:
        for right in self.rights:
            if not right.basis.statutory:
                raise PolicyError(
                    f"jurisdiction {self.code}: right {right.basis.code!r} is not statutory; "
                    "put the shop's own rights in ReturnPolicy.store_rights"
                )
        return self

    def default_calendar(self) -> BusinessCalendar:
        """Working days without holidays: every day except the jurisdiction's weekend, as a
        business calendar open all day on working days, in the counting's time zone. Add the
        public holidays with ``model_copy(update={"holidays": [...]})``.

        Examples:
            >>> from datetime import date
            >>> from cxcore.returns.presets import jurisdiction
            >>> calendar = jurisdiction("TR").default_calendar()
            >>> calendar.is_working_day(date(2026, 5, 2)), calendar.is_working_day(date(2026, 5, 3))
            (True, False)
        """
        return _working_week(self.counting.timezone, self.weekend)


_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # date.weekday() order
_ALL_DAY = (("00:00", "24:00"),)


@lru_cache(maxsize=32)
def _working_week(timezone: str, weekend: frozenset[int]) -> BusinessCalendar:
    # Built once per zone and weekend: a calendar is immutable, and compiling one takes time.
    hours = {day: _ALL_DAY for number, day in enumerate(_WEEKDAYS) if number not in weekend}
    return BusinessCalendar(timezone=timezone, hours=hours)


class ReturnPolicy(CxModel):
    """A shop's return policy: the jurisdiction's statutory rights plus its own store rights.

    Store rights must not be statutory and their basis codes must be unique, which keeps the
    statutory tier as the law has it. [`evaluate`][cxcore.returns.policy.ReturnPolicy.evaluate]
    judges a request.

    Examples:
        >>> from cxcore.returns.presets import jurisdiction
        >>> from cxcore.returns.rules import BasisKind
        >>> basis = LegalBasis(code="pl.withdrawal", kind=BasisKind.WITHDRAWAL,
        ...                    title="Shorter withdrawal", statutory=True)
        >>> fake = ReturnRight(basis=basis, rules=())
        >>> ReturnPolicy(jurisdiction=jurisdiction("PL"), store_rights=[fake])
        Traceback (most recent call last):
        ...
        cxcore.errors.PolicyError: store right 'pl.withdrawal' claims a statutory basis; ...
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    jurisdiction: Jurisdiction
    store_rights: tuple[ReturnRight, ...] = ()
    name: str = ""

    @model_validator(mode="after")
    def _check(self) -> Self:
        codes = {right.basis.code for right in self.jurisdiction.rights}
        for right in self.store_rights:
            if right.basis.statutory:
                raise PolicyError(
                    f"store right {right.basis.code!r} claims a statutory basis; statutory "
                    "rights come only from the jurisdiction and cannot be replaced or weakened"
                )
            if right.basis.code in codes:
                raise PolicyError(f"basis code {right.basis.code!r} is used twice in the policy")
            codes.add(right.basis.code)
        return self

    @property
    def rights(self) -> tuple[ReturnRight, ...]:
        """Statutory rights first, then the store's."""
        return self.jurisdiction.rights + self.store_rights

    def with_store_right(self, right: ReturnRight) -> ReturnPolicy:
        """This policy with one more store right (the policy itself is unchanged).

        Examples:
            >>> from cxcore.returns.presets import jurisdiction
            >>> from cxcore.returns.rules import BasisKind, ReturnWindow
            >>> policy = ReturnPolicy(jurisdiction=jurisdiction("EU")).with_store_right(ReturnRight(
            ...     basis=LegalBasis(code="store.30", kind=BasisKind.STORE_POLICY, title="30 days"),
            ...     rules=[ReturnWindow(days=30)]))
            >>> [r.basis.code for r in policy.store_rights]
            ['store.30']
        """
        return ReturnPolicy(
            jurisdiction=self.jurisdiction,
            store_rights=(*self.store_rights, right),
            name=self.name,
        )

    def summary(self) -> PolicySummary:
        """The customer-facing summary of this policy (see
        [`cxcore.returns.explain.summarize`][cxcore.returns.explain.summarize]).

        Examples:
            >>> from cxcore.returns.presets import policy
            >>> policy("TH").summary().window_days
            7
        """
        from cxcore.returns.explain import summarize

        return summarize(self)

    def evaluate(
        self,
        request: ReturnRequest,
        order: Order,
        *,
        at: datetime,
        calendar: WorkingDays | None = None,
    ) -> ReturnDecision:
        """Decide ``request`` against ``order`` as of ``at``.

        ``calendar`` says which days are working days for deadline counting (default:
        [`Jurisdiction.default_calendar`][cxcore.returns.policy.Jurisdiction.default_calendar], the
        jurisdiction's weekend without holidays; pass a ``BusinessCalendar`` with the public
        holidays, or anything with ``is_working_day(day)``). Raises
        [`InvalidInputError`][cxcore.errors.InvalidInputError] when the request does not match the
        order and [`TimelineError`][cxcore.errors.TimelineError] for impossible times.
        """
        ensure_aware(at, "at")
        _check_request(request, order, at)
        cal = calendar if calendar is not None else self.jurisdiction.default_calendar()
        counting = self.jurisdiction.counting
        # Art. 11(2) of Directive 2011/83/EU: the notice is in time when sent in time.
        requested_on = counting.local_date(request.notice_sent)
        returned = {line.line_id: line.quantity for line in request.lines}
        whole_order = all(returned.get(line.id) == line.quantity for line in order.lines)
        decisions: list[LineDecision] = []
        for index, line in enumerate(request.lines):
            context = RuleContext(
                at=at,
                requested_on=requested_on,
                line=line,
                order_line=order.line(line.line_id),
                counting=counting,
                calendar=cal,
                first_line=index == 0,
                whole_order=whole_order,
            )
            results = [
                basis_result(
                    right.basis, [rule.evaluate(request, order, context) for rule in right.rules]
                )
                for right in self.rights
            ]
            decisions.append(decide_line(context, results))
        return _decision(request, order, at, self.jurisdiction.code, decisions, whole_order)


def _check_request(request: ReturnRequest, order: Order, at: datetime) -> None:
    if request.order_id != order.id:
        raise InvalidInputError(
            f"return request is for order {request.order_id!r}, not {order.id!r}"
        )
    for line in request.lines:
        bought = order.line(line.line_id).quantity
        if line.quantity > bought:
            raise InvalidInputError(
                f"order {order.id!r} line {line.line_id!r}: cannot return {line.quantity} "
                f"units, {bought} were bought"
            )
    # Compare instants: datetimes sharing a tzinfo compare by wall time.
    requested = instant(request.requested_at)
    if requested < instant(order.ordered_at):
        raise TimelineError(
            f"return requested at {request.requested_at.isoformat()}, before order "
            f"{order.id!r} was placed at {order.ordered_at.isoformat()}"
        )
    if instant(at) < requested:
        raise TimelineError(
            f"cannot decide at {at.isoformat()} a request made later, at "
            f"{request.requested_at.isoformat()}"
        )


def _decision(
    request: ReturnRequest,
    order: Order,
    at: datetime,
    jurisdiction: str,
    lines: list[LineDecision],
    whole_order: bool,
) -> ReturnDecision:
    outcomes = {line.outcome for line in lines}
    if outcomes == {Outcome.APPROVED}:
        outcome = Outcome.APPROVED
    elif outcomes == {Outcome.REJECTED}:
        outcome = Outcome.REJECTED
    elif Outcome.NEEDS_REVIEW in outcomes:
        outcome = Outcome.NEEDS_REVIEW
    else:
        outcome = Outcome.PARTIALLY_APPROVED
    open_lines = [line for line in lines if line.outcome is not Outcome.REJECTED]
    approved = [line for line in lines if line.outcome is Outcome.APPROVED]
    total = Money.zero(order.currency)
    for line in approved:
        if line.refund is not None:
            total = total + line.refund.net
    delivery = None
    if (
        whole_order
        and outcome is Outcome.APPROVED
        and order.shipping_fee is not None
        and any(line.refunds_delivery_cost for line in approved)
    ):
        # Directive 2011/83/EU art. 13(2): at most the cheapest standard delivery offered.
        delivery = order.shipping_fee
        cheapest = order.cheapest_standard_delivery
        if cheapest is not None and cheapest < delivery:
            delivery = cheapest
        total = total + delivery
    pending = [x for x in lines if x.outcome is Outcome.NEEDS_REVIEW and x.refund is not None]
    provisional = None
    if pending:
        provisional = total
        for line in pending:
            if line.refund is not None:
                provisional = provisional + line.refund.net
    earliest: dict[DeadlineKind, Deadline] = {}
    for line in open_lines or lines:
        for deadline in line.deadlines:
            known = earliest.get(deadline.kind)
            if known is None or deadline.on < known.on:
                earliest[deadline.kind] = deadline
    returns = [line.return_by for line in open_lines if line.return_by is not None]
    refunds = [line.refund_due_by for line in open_lines if line.refund_due_by is not None]
    payers = {line.return_shipping_paid_by for line in open_lines}
    payer = None
    if Party.CONSUMER in payers:
        payer = Party.CONSUMER
    elif payers == {Party.MERCHANT}:
        payer = Party.MERCHANT
    return ReturnDecision(
        order_id=order.id,
        jurisdiction=jurisdiction,
        decided_at=at,
        outcome=outcome,
        lines=tuple(lines),
        refund_total=total,
        delivery_refund=delivery,
        return_by=min(returns) if returns else None,
        refund_due_by=min(refunds) if refunds else None,
        refund_waits_for_goods=not refunds and any(x.refund_waits_for_goods for x in open_lines),
        return_shipping_paid_by=payer,
        provisional_refund_total=provisional,
        deadlines=tuple(sorted(earliest.values(), key=lambda d: (d.on, d.kind.value))),
    )
