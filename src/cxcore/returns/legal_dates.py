"""Deadlines as first-class values: each date a decision gives, with the provision it comes from
and the counting rule used to reach it.

A [`Deadline`][cxcore.returns.legal_dates.Deadline] names its
[`DeadlineKind`][cxcore.returns.legal_dates.DeadlineKind] (``withdrawal_deadline``,
``withhold_refund_until``, ``refund_due``, ``guarantee_ends``, ``reverse_burden_ends``, ...), the
last day it covers (inclusive, in the jurisdiction's time zone), the legal ``source`` and the
``counting`` rule, e.g. "14 days after the event; Regulation (EEC, Euratom) No 1182/71 art. 3" or
the UK's "14 days beginning with the day of the event".

Examples:
    >>> from datetime import date
    >>> d = Deadline(kind="refund_due", on=date(2026, 6, 1),
    ...              source="Directive 2011/83/EU art. 13(1)",
    ...              counting="14 days after the notice reached the trader")
    >>> d.kind.value, str(d.on)
    ('refund_due', '2026-06-01')
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from cxcore._model import CxModel

__all__ = ["Deadline", "DeadlineKind"]


class DeadlineKind(StrEnum):
    """What a deadline is for.

    Examples:
        >>> DeadlineKind("reverse_burden_ends").value
        'reverse_burden_ends'
    """

    WITHDRAWAL_DEADLINE = "withdrawal_deadline"
    """Last day to send the withdrawal notice (Directive 2011/83/EU art. 9, 10, 11(2))."""
    SHORT_TERM_REJECTION_ENDS = "short_term_rejection_ends"
    """Last day of the UK 30-day short-term right to reject (Consumer Rights Act 2015 s. 22)."""
    RETURN_WINDOW_ENDS = "return_window_ends"
    """Last day of a shop's own return window."""
    RETURN_GOODS_BY = "return_goods_by"
    """Last day to send the goods back (art. 14(1))."""
    WITHHOLD_REFUND_UNTIL = "withhold_refund_until"
    """The trader may withhold the refund until this day: the earlier of the goods coming back
    and the consumer supplying evidence of sending them (art. 13(3))."""
    REFUND_DUE = "refund_due"
    """Last day for the refund (art. 13(1); CRA s. 20(15); national equivalents)."""
    GUARANTEE_ENDS = "guarantee_ends"
    """Last day a lack of conformity may become apparent (Directive (EU) 2019/771 art. 10(1))."""
    REVERSE_BURDEN_ENDS = "reverse_burden_ends"
    """Last day of the presumption that a lack of conformity existed at delivery (2019/771
    art. 11; CRA s. 19(14)-(15)); after it the consumer must show it."""
    NO_DEDUCTION_FOR_USE_ENDS = "no_deduction_for_use_ends"
    """UK: last day of the six months in which a final rejection is refunded without a
    deduction for use (CRA s. 24(10))."""


class Deadline(CxModel):
    """One dated deadline with its legal source and counting rule.

    Examples:
        >>> from datetime import date
        >>> Deadline(kind="guarantee_ends", on=date(2028, 5, 4), source="2019/771 art. 10(1)",
        ...          counting="24 months after delivery").model_dump()["kind"]
        <DeadlineKind.GUARANTEE_ENDS: 'guarantee_ends'>
    """

    kind: DeadlineKind
    on: date
    source: str
    counting: str
