"""Jurisdiction presets: the statutory return rights of the EU, Poland, Latvia, Finland, Turkey,
the UK and Thailand, and a US store-policy preset, each with its sources.

Every preset is a [`Jurisdiction`][cxcore.returns.Jurisdiction];
[`policy`][cxcore.returns.presets.policy] wraps one in a [`ReturnPolicy`][cxcore.ReturnPolicy] (for
the US with the default 30-day store right, as there is no statutory right to return goods bought
online). Whether the shop gave the consumer the required pre-contract information is a fact on the
order (``withdrawal_info_given``, ``return_cost_info_given``): without it the withdrawal period is
extended by up to 12 months (Directive 2011/83/EU art. 10) and the consumer does not bear return
costs (art. 14(1)). Legal notes and sources are in ``docs/returns.md``.

Examples:
    >>> [j for j in JURISDICTIONS]
    ['EU', 'PL', 'LV', 'FI', 'TR', 'UK', 'TH', 'US']
    >>> jurisdiction("pl").name
    'Poland'
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from types import MappingProxyType

from cxcore.errors import PolicyError
from cxcore.returns.policy import Jurisdiction, ReturnPolicy, ReturnRight
from cxcore.returns.presets._eu import eu, fi, lv, pl
from cxcore.returns.presets._non_eu import th, tr, uk, us
from cxcore.returns.rules import (
    BasisKind,
    CategoryExclusions,
    ConditionRequirement,
    FinalSale,
    LegalBasis,
    Party,
    ProofOfPurchase,
    RefundClock,
    RefundDeadline,
    RestockingFee,
    ReturnDeadline,
    ReturnShipping,
    ReturnWindow,
)

__all__ = ["JURISDICTIONS", "jurisdiction", "policy", "store_right"]


def store_right(
    *,
    code: str = "store.returns",
    title: str = "Store return policy",
    days: int = 30,
    free_return_shipping: bool = False,
    restocking_percent: str | None = None,
    refund_days: int = 14,
    unused_only: bool = True,
    exclusions: bool = True,
) -> ReturnRight:
    """A typical store return right: ``days`` days from delivery for any reason, unused
    (unopened or opened) goods, the same product categories excluded as in EU law (unless
    ``exclusions`` is false), no final-sale items, proof of purchase, goods sent back within
    14 days, refund within ``refund_days`` of the goods coming back.

    Examples:
        >>> right = store_right(days=60, free_return_shipping=True)
        >>> right.basis.statutory, right.rules[0].days
        (False, 60)
    """
    rules: list[object] = [ReturnWindow(days=days), FinalSale(), ProofOfPurchase()]
    if exclusions:
        rules.append(CategoryExclusions(categories=CategoryExclusions.eu().categories))
    if unused_only:
        rules.append(ConditionRequirement())
    if restocking_percent is not None:
        rules.append(RestockingFee.model_validate({"percent": restocking_percent}))
    rules += [
        ReturnDeadline(days=14),
        ReturnShipping(paid_by=Party.MERCHANT if free_return_shipping else Party.CONSUMER),
        RefundDeadline(days=refund_days, clock=RefundClock.GOODS_BACK),
    ]
    basis = LegalBasis(code=code, kind=BasisKind.STORE_POLICY, title=title)
    return ReturnRight(basis=basis, rules=tuple(rules))


JURISDICTIONS: MappingProxyType[str, Callable[[], Jurisdiction]] = MappingProxyType(
    {
        "EU": eu,
        "PL": pl,
        "LV": lv,
        "FI": fi,
        "TR": tr,
        "UK": uk,
        "TH": th,
        "US": us,
    }
)
"""Preset builders by code (read-only)."""


def jurisdiction(code: str) -> Jurisdiction:
    """The preset for ``code`` (case-insensitive; ``GB`` is accepted for the UK).

    Examples:
        >>> jurisdiction("GB").code
        'UK'
        >>> jurisdiction("XX")
        Traceback (most recent call last):
        ...
        cxcore.errors.PolicyError: no return-law preset for 'XX'; known: EU, PL, LV, FI, TR, UK, ...
    """
    key = code.strip().upper() if isinstance(code, str) else ""
    key = "UK" if key == "GB" else key
    if key not in JURISDICTIONS:
        raise PolicyError(f"no return-law preset for {code!r}; known: {', '.join(JURISDICTIONS)}")
    return _jurisdiction(key)


@lru_cache(maxsize=16)
def _jurisdiction(key: str) -> Jurisdiction:
    return JURISDICTIONS[key]()


def policy(code: str) -> ReturnPolicy:
    """A ready policy for ``code``: the statutory rights only, or for ``US`` the default
    30-day [`store_right`][cxcore.returns.presets.store_right].

    Examples:
        >>> [r.basis.code for r in policy("US").rights]
        ['store.returns']
        >>> [r.basis.code for r in policy("UK").rights]
        ['uk.cancellation', 'uk.short_term_rejection', 'uk.conformity']
    """
    juris = jurisdiction(code)
    store = (store_right(),) if juris.code == "US" else ()
    return ReturnPolicy(jurisdiction=juris, store_rights=store, name=f"{juris.name} preset")
