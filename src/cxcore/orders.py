"""Orders and order lines: what returns and complaints refer to.

Examples:
    >>> from datetime import datetime, timezone
    >>> order = Order(
    ...     id="O-100",
    ...     customer_id="C-1",
    ...     ordered_at=datetime(2026, 5, 4, 10, tzinfo=timezone.utc),
    ...     lines=[OrderLine(id="1", sku="MUG-01", name="Mug", unit_price=Money.of("39.00", "PLN"),
    ...                      quantity=2)],
    ... )
    >>> order.total
    Money(amount=Decimal('78.00'), currency='PLN')
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Self

from pydantic import Field, model_validator

from cxcore._model import CxModel, WholeNumber
from cxcore._time import AwareDatetime, instant
from cxcore.errors import CurrencyMismatchError, InvalidInputError, TimelineError
from cxcore.money import CurrencyCode, Money

__all__ = ["Order", "OrderLine", "ProductCategory"]


class ProductCategory(StrEnum):
    """Product categories that return law treats differently (Directive 2011/83/EU art. 16).

    Examples:
        >>> ProductCategory.SEALED_HYGIENE.value
        'sealed_hygiene'
    """

    STANDARD = "standard"
    PERSONALISED = "personalised"
    """Made to the consumer's specifications or clearly personalised (art. 16(c))."""
    PERISHABLE = "perishable"
    """Liable to deteriorate or expire rapidly (art. 16(d))."""
    SEALED_HYGIENE = "sealed_hygiene"
    """Sealed goods not suitable for return for health or hygiene reasons once unsealed (16(e))."""
    SEALED_MEDIA = "sealed_media"
    """Sealed audio, video or software, excluded once unsealed (art. 16(i))."""
    DIGITAL_CONTENT = "digital_content"
    """Digital content not on a tangible medium, excluded once supply began (art. 16(m))."""
    PERIODICAL = "periodical"
    """Newspapers, periodicals or magazines, except subscriptions (art. 16(j))."""
    PRICE_FLUCTUATING = "price_fluctuating"
    """Price depends on financial-market fluctuations (art. 16(b))."""
    SERVICE = "service"
    """A service rather than goods: the withdrawal period runs from the contract (art. 9(2)(a))."""


class OrderLine(CxModel):
    """One line of an order.

    ``delivered_at`` is set when this line came in its own parcel; otherwise the order's delivery
    time applies. ``ownership_passed_at`` and ``installed_at`` (UK Consumer Rights Act 2015
    s. 22(3)(a)-(c): when the trader told the consumer it had finished installing the goods)
    matter when either came after delivery: the 30-day short-term right to reject starts after
    the last of them.
    ``hygiene_cleanable`` says whether unsealed ``sealed_hygiene`` goods can be made fit for sale
    again by cleaning or disinfecting (CJEU C-681/17 *Slewo*: a mattress can, so it is not
    excluded from withdrawal); ``None`` keeps the category's exclusion.

    Examples:
        >>> line = OrderLine(id="1", sku="A", name="Scarf", unit_price=Money.of("10", "EUR"),
        ...                  quantity=3)
        >>> line.total.amount
        Decimal('30')
    """

    id: Annotated[str, Field(min_length=1)]
    sku: Annotated[str, Field(min_length=1)]
    name: str
    category: ProductCategory = ProductCategory.STANDARD
    unit_price: Money
    quantity: Annotated[WholeNumber, Field(gt=0)]
    delivered_at: AwareDatetime | None = None
    final_sale: bool = False
    ownership_passed_at: AwareDatetime | None = None
    installed_at: AwareDatetime | None = None
    hygiene_cleanable: bool | None = None

    @property
    def total(self) -> Money:
        """Unit price times quantity."""
        return self.unit_price * self.quantity


class Order(CxModel):
    """A customer's order.

    All lines share the order's currency. Delivery cannot precede ordering.

    The facts return law turns on (see the table in ``docs/returns.md``):
    ``cheapest_standard_delivery`` is the least expensive standard delivery the shop offered,
    when the customer paid more for another kind (Directive 2011/83/EU art. 13(2): only that is
    refunded); ``withdrawal_info_given`` is false when the pre-contract information on the right
    of withdrawal was not given (art. 10(1)) and ``withdrawal_info_given_late_at`` says when it
    was given later (art. 10(2)); ``return_cost_info_given`` is false when the consumer was not
    told they bear the cost of returning goods (art. 14(1)); ``trader_collects`` is true when
    the shop offered to collect the goods itself (art. 13(3), 14(1)).

    Examples:
        >>> from datetime import datetime, timezone
        >>> Order(id="O", customer_id="C", ordered_at=datetime(2026, 5, 4, tzinfo=timezone.utc),
        ...       lines=[])
        Traceback (most recent call last):
        ...
        cxcore.errors.InvalidInputError: order 'O' has no lines
    """

    id: Annotated[str, Field(min_length=1)]
    customer_id: str
    ordered_at: AwareDatetime
    delivered_at: AwareDatetime | None = None
    lines: tuple[OrderLine, ...]
    shipping_fee: Money | None = None
    country: str | None = None
    cheapest_standard_delivery: Money | None = None
    withdrawal_info_given: bool = True
    withdrawal_info_given_late_at: AwareDatetime | None = None
    return_cost_info_given: bool = True
    trader_collects: bool = False

    @model_validator(mode="after")
    def _check(self) -> Self:
        if not self.lines:
            raise InvalidInputError(f"order {self.id!r} has no lines")
        currency = self.lines[0].unit_price.currency
        ids: set[str] = set()
        for line in self.lines:
            if line.unit_price.currency != currency:
                raise CurrencyMismatchError(
                    f"order {self.id!r}: line {line.id!r} is in {line.unit_price.currency}, "
                    f"the order is in {currency}"
                )
            if line.id in ids:
                raise InvalidInputError(f"order {self.id!r}: line id {line.id!r} is used twice")
            ids.add(line.id)
            for name in ("delivered_at", "ownership_passed_at", "installed_at"):
                value = getattr(line, name)
                if value is not None and instant(value) < instant(self.ordered_at):
                    raise TimelineError(
                        f"order {self.id!r}: line {line.id!r} {name.removesuffix('_at')} at "
                        f"{value.isoformat()}, before the order at "
                        f"{self.ordered_at.isoformat()}"
                    )
        if self.delivered_at is not None and instant(self.delivered_at) < instant(self.ordered_at):
            raise TimelineError(
                f"order {self.id!r} delivered at {self.delivered_at.isoformat()}, before it was "
                f"ordered at {self.ordered_at.isoformat()}"
            )
        for name in ("shipping_fee", "cheapest_standard_delivery"):
            fee = getattr(self, name)
            if fee is not None and fee.currency != currency:
                raise CurrencyMismatchError(
                    f"order {self.id!r}: {name.replace('_', ' ')} is in {fee.currency}, "
                    f"the order is in {currency}"
                )
        if self.withdrawal_info_given and self.withdrawal_info_given_late_at is not None:
            raise InvalidInputError(
                f"order {self.id!r}: withdrawal_info_given_late_at is set, so the withdrawal "
                "information was not given in time; set withdrawal_info_given=False as well"
            )
        late = self.withdrawal_info_given_late_at
        if late is not None and instant(late) < instant(self.ordered_at):
            raise TimelineError(
                f"order {self.id!r}: withdrawal information given late at {late.isoformat()}, "
                f"before the order at {self.ordered_at.isoformat()}"
            )
        return self

    @property
    def currency(self) -> CurrencyCode:
        """The order's currency."""
        return self.lines[0].unit_price.currency

    @property
    def total(self) -> Money:
        """Sum of line totals plus shipping."""
        total = Money.zero(self.currency)
        for line in self.lines:
            total = total + line.total
        if self.shipping_fee is not None:
            total = total + self.shipping_fee
        return total

    def line(self, line_id: str) -> OrderLine:
        """The line with ``line_id``.

        Raises [`InvalidInputError`][cxcore.errors.InvalidInputError] for an unknown id.
        """
        for line in self.lines:
            if line.id == line_id:
                return line
        raise InvalidInputError(f"order {self.id!r} has no line {line_id!r}")

    def delivered_at_for(self, line_id: str) -> datetime | None:
        """When ``line_id`` arrived: its own delivery time, else the order's."""
        line = self.line(line_id)
        return line.delivered_at or self.delivered_at

    @property
    def last_delivery_at(self) -> datetime | None:
        """When the last parcel arrived, or ``None`` while any line is undelivered."""
        times = [self.delivered_at_for(line.id) for line in self.lines]
        if any(t is None for t in times):
            return None
        return max((t for t in times if t is not None), key=instant)
