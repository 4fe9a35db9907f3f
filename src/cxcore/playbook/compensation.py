"""The compensation guide: which remedy a shop usually offers for a complaint reason and severity.

A guide maps ``(reason, severity)`` to one or more [`RemedyOption`][cxcore.playbook.RemedyOption] s
(alternatives the agent may offer, e.g. a replacement or a refund). Lookup goes from the most
specific entry to the least: the reason at that severity, the reason at any severity, any reason at
that severity, then any reason at any severity. An option is a suggestion, not a decision: turning
it into a [`Compensation`][cxcore.Compensation] for a given order is explicit
([`RemedyOption.compensation`][cxcore.playbook.compensation.RemedyOption.compensation]).

Examples:
    >>> guide = CompensationGuide.from_dict({
    ...     "late_delivery": {"any": {"kind": "discount_code", "code": "FREESHIP",
    ...                               "description": "Free shipping on the next order"}},
    ...     "damaged_in_transit": {"high": [{"kind": "replacement"},
    ...                                     {"kind": "refund", "percent": 100, "of": "lines"}]},
    ... })
    >>> [o.kind.value for o in guide.suggest("damaged_in_transit", "high")]
    ['replacement', 'refund']
    >>> guide.suggest("late_delivery", "critical")[0].code
    'FREESHIP'
    >>> guide.suggest("billing", "low")
    ()
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import BeforeValidator, Field, model_validator

from cxcore._model import CxModel
from cxcore.complaints.values import Compensation, CompensationKind, ComplaintReason, Severity
from cxcore.errors import InvalidInputError
from cxcore.money import Money
from cxcore.orders import Order

__all__ = ["ANY", "CompensationGuide", "GuideEntry", "PercentBase", "RemedyOption"]

ANY = "any"
"""The wildcard for a reason or a severity in a guide."""


class PercentBase(StrEnum):
    """What a percentage remedy is a share of.

    ``order_total``: lines plus shipping; ``lines``: the lines the complaint is about (every
    line when it names none); ``shipping_fee``: the delivery charge only.

    Examples:
        >>> PercentBase("shipping_fee").value
        'shipping_fee'
    """

    ORDER_TOTAL = "order_total"
    LINES = "lines"
    SHIPPING_FEE = "shipping_fee"


def _money_item(value: Any) -> Any:
    """Accept ``"20 PLN"`` / ``"20.00 PLN"`` text for Money."""
    if isinstance(value, str):
        amount, _, currency = value.strip().partition(" ")
        if not currency:
            raise InvalidInputError(
                f"money {value!r} needs an amount and a currency, e.g. '20 PLN'"
            )
        return {"amount": amount, "currency": currency.strip()}
    return value


def _money_list(value: Any) -> Any:
    if isinstance(value, str | Mapping | Money):
        return (value,)
    return value


MoneyText = Annotated[Money, BeforeValidator(_money_item)]


class RemedyOption(CxModel):
    """One remedy the guide suggests: its kind and how to size it.

    Size a money remedy with ``amounts`` (fixed sums, at most one per currency: the one in the
    order's currency is used) or ``percent`` of a [`PercentBase`][cxcore.playbook.PercentBase].
    ``code`` is a discount code to hand out; ``response_key`` an optional canned response that
    presents the offer.

    Examples:
        >>> option = RemedyOption(kind="partial_refund", percent=20, of="lines")
        >>> option.percent
        Decimal('20')
        >>> RemedyOption(kind="refund", amounts=["10 EUR"], percent=10)
        Traceback (most recent call last):
        ...
        cxcore.errors.InvalidInputError: a remedy is sized by amounts or by percent, not both
    """

    kind: CompensationKind
    amounts: Annotated[tuple[MoneyText, ...], BeforeValidator(_money_list)] = ()
    percent: Annotated[Decimal, Field(gt=0, le=100)] | None = None
    of: PercentBase = PercentBase.ORDER_TOTAL
    code: str | None = None
    description: str = ""
    response_key: str | None = None

    @model_validator(mode="after")
    def _check(self) -> Self:
        label = self.kind.value.replace("_", " ")
        if self.amounts and self.percent is not None:
            raise InvalidInputError("a remedy is sized by amounts or by percent, not both")
        sized = bool(self.amounts) or self.percent is not None
        if self.kind.needs_amount and not sized:
            raise InvalidInputError(f"a {label} needs amounts or a percent")
        if not self.kind.allows_amount and sized:
            raise InvalidInputError(f"a {label} has no amount; describe it instead")
        if self.kind is CompensationKind.DISCOUNT_CODE and not self.code:
            raise InvalidInputError("a discount code suggestion needs its code")
        currencies = [m.currency for m in self.amounts]
        if len(set(currencies)) != len(currencies):
            raise InvalidInputError(f"{label}: give at most one amount per currency")
        if any(m.amount <= 0 for m in self.amounts):
            raise InvalidInputError(f"{label}: amounts must be positive")
        return self

    def amount_for(self, order: Order | None, order_line_ids: Sequence[str] = ()) -> Money | None:
        """The money this option is worth for ``order`` (``None`` for remedies without money).

        Examples:
            >>> from datetime import datetime, timezone
            >>> from cxcore.orders import OrderLine
            >>> order = Order(id="O-1", customer_id="C", ordered_at=datetime(2026, 5, 4,
            ...               tzinfo=timezone.utc), shipping_fee=Money.of("14.99", "PLN"),
            ...               lines=[OrderLine(id="1", sku="A", name="Mug",
            ...                                unit_price=Money.of("39.90", "PLN"), quantity=2)])
            >>> RemedyOption(kind="partial_refund", percent=25, of="lines").amount_for(order)
            Money(amount=Decimal('19.95'), currency='PLN')
            >>> shipping = RemedyOption(kind="partial_refund", percent=100, of="shipping_fee")
            >>> shipping.amount_for(order)
            Money(amount=Decimal('14.99'), currency='PLN')
        """
        if self.percent is None and not self.amounts:
            return None
        if order is None:
            raise InvalidInputError(f"sizing a {self.kind.value} remedy needs the order")
        if self.amounts:
            for money in self.amounts:
                if money.currency == order.currency:
                    return money
            raise InvalidInputError(
                f"the guide has no {self.kind.value} amount in {order.currency}; it lists "
                + ", ".join(str(m) for m in self.amounts)
            )
        assert self.percent is not None
        base = self._base(order, order_line_ids)
        return (base * (self.percent / Decimal(100))).rounded()

    def _base(self, order: Order, order_line_ids: Sequence[str]) -> Money:
        if self.of is PercentBase.SHIPPING_FEE:
            return order.shipping_fee or Money.zero(order.currency)
        if self.of is PercentBase.ORDER_TOTAL:
            return order.total
        lines = [order.line(i) for i in order_line_ids] if order_line_ids else list(order.lines)
        total = Money.zero(order.currency)
        for line in lines:
            total = total + line.total
        return total

    def compensation(
        self, order: Order | None = None, order_line_ids: Sequence[str] = ()
    ) -> Compensation:
        """This option as a concrete [`Compensation`][cxcore.Compensation] for ``order``.

        Examples:
            >>> RemedyOption(kind="discount_code", code="FREESHIP").compensation().code
            'FREESHIP'
        """
        amount = self.amount_for(order, order_line_ids)
        if amount is not None and not amount:
            raise InvalidInputError(
                f"the {self.kind.value} remedy comes to {amount} for this order; choose another"
            )
        return Compensation(
            kind=self.kind,
            amount=amount,
            code=self.code,
            description=self.description,
            order_line_ids=tuple(order_line_ids),
        )


def _reason_key(value: Any) -> Any:
    return value if value == ANY else ComplaintReason(value)


def _severity_key(value: Any) -> Any:
    return value if value == ANY else Severity(value)


class GuideEntry(CxModel):
    """The options for one reason (or ``any``) at one severity (or ``any``).

    Examples:
        >>> GuideEntry(reason="late_delivery", severity="any",
        ...            options=[{"kind": "apology_only"}]).specificity
        2
    """

    reason: ComplaintReason | str
    severity: Severity | str
    options: Annotated[tuple[RemedyOption, ...], Field(min_length=1)]

    @model_validator(mode="before")
    @classmethod
    def _keys(cls, data: Any) -> Any:
        if isinstance(data, Mapping):
            data = dict(data)
            try:
                data["reason"] = _reason_key(data.get("reason"))
            except ValueError:
                raise InvalidInputError(
                    f"unknown complaint reason {data.get('reason')!r}; known: any, "
                    + ", ".join(r.value for r in ComplaintReason)
                ) from None
            try:
                data["severity"] = _severity_key(data.get("severity"))
            except ValueError:
                raise InvalidInputError(
                    f"unknown severity {data.get('severity')!r}; known: any, "
                    + ", ".join(s.value for s in Severity)
                ) from None
        return data

    @property
    def specificity(self) -> int:
        """3: reason and severity named; 2: reason only; 1: severity only; 0: neither."""
        return 2 * (self.reason != ANY) + (self.severity != ANY)


class CompensationGuide(CxModel):
    """Suggested remedies by complaint reason and severity.

    Examples:
        >>> CompensationGuide().suggest("late_delivery", "low")
        ()
    """

    entries: tuple[GuideEntry, ...] = ()

    @model_validator(mode="after")
    def _check(self) -> Self:
        seen: set[tuple[str, str]] = set()
        for entry in self.entries:
            key = (str(entry.reason), str(entry.severity))
            if key in seen:
                raise InvalidInputError(f"the guide lists {key[0]} at {key[1]} twice")
            seen.add(key)
        return self

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CompensationGuide:
        """Build from ``{reason: {severity: option or [options]}}`` (``any`` as a wildcard).

        Errors name the reason and severity: ``late_delivery.low: ...``.
        """
        if not isinstance(data, Mapping):
            raise InvalidInputError("the compensation guide must be a table of reasons")
        entries = []
        for reason, by_severity in data.items():
            if not isinstance(by_severity, Mapping):
                raise InvalidInputError(f"{reason}: give a table of severities")
            for severity, options in by_severity.items():
                listed = [options] if isinstance(options, Mapping) else options
                if not isinstance(listed, list):
                    raise InvalidInputError(f"{reason}.{severity}: give a remedy table or a list")
                try:
                    entries.append(
                        GuideEntry.model_validate(
                            {"reason": reason, "severity": severity, "options": listed}
                        )
                    )
                except InvalidInputError as exc:
                    raise InvalidInputError(f"{reason}.{severity}: {exc}") from None
        return cls(entries=tuple(entries))

    def suggest(
        self, reason: ComplaintReason | str, severity: Severity | str
    ) -> tuple[RemedyOption, ...]:
        """The options of the most specific entry that covers ``reason`` at ``severity``."""
        wanted_reason, wanted_severity = ComplaintReason(reason), Severity(severity)
        best: GuideEntry | None = None
        for entry in self.entries:
            if entry.reason not in (ANY, wanted_reason):
                continue
            if entry.severity not in (ANY, wanted_severity):
                continue
            if best is None or entry.specificity > best.specificity:
                best = entry
        return () if best is None else best.options

    def reasons(self) -> Iterable[ComplaintReason | str]:
        """The reasons the guide names, in file order (``any`` included)."""
        seen: dict[str, ComplaintReason | str] = {}
        for entry in self.entries:
            seen.setdefault(str(entry.reason), entry.reason)
        return tuple(seen.values())
