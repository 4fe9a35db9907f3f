"""Jurisdiction presets: the statutory return rights of the EU, Poland, Latvia, Finland, Turkey,
the UK and Thailand, and a US store-policy preset, each with its sources.

Every preset is a :class:`~cxcore.returns.policy.Jurisdiction`; :func:`policy` wraps one in a
:class:`~cxcore.returns.policy.ReturnPolicy` (for the US with the default 30-day store right, as
there is no statutory right to return goods bought online). The presets assume the shop gave the
consumer the required pre-contract information (otherwise the withdrawal period is extended by
up to 12 months, Directive 2011/83/EU art. 10, and the consumer does not bear return costs,
art. 14(1)). Legal notes and sources are in ``docs/returns.md``.

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
from cxcore.returns.deadlines import PeriodCounting
from cxcore.returns.policy import Jurisdiction, ReturnPolicy, ReturnRight
from cxcore.returns.request import FAULT_REASONS
from cxcore.returns.rules import (
    BasisKind,
    CategoryExclusions,
    ConditionRequirement,
    ConformityGuarantee,
    DeliveryCostRefund,
    DiminishedValue,
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

CRD = "Directive 2011/83/EU"
SGD = "Directive (EU) 2019/771"
REG_1182 = "Regulation (EEC, Euratom) No 1182/71 art. 3"
PL_ACT = "Polish Consumer Rights Act of 30 May 2014"
LV_ACT = "Latvian Consumer Rights Protection Law"
LV_REG = "Latvian Cabinet Regulation No. 255 of 20 May 2014 (distance contracts)"
FI_ACT = "Finnish Consumer Protection Act (38/1978)"
TR_REG = "Turkish Distance Contracts Regulation (Official Gazette 27.11.2014, No. 29188)"
TR_LAW = "Turkish Consumer Protection Law No. 6502"
UK_CCR = "Consumer Contracts (Information, Cancellation and Additional Charges) Regulations 2013"
UK_CRA = "Consumer Rights Act 2015"
TH_ACT = "Thai Direct Sales and Direct Marketing Act B.E. 2545 (2002)"
TH_CCC = "Thai Civil and Commercial Code"


def _withdrawal(
    code: str,
    citation: str,
    *,
    days: int = 14,
    window_ref: str,
    exclusions: CategoryExclusions | None,
    diminished_ref: str | None,
    return_days: int | None,
    return_ref: str | None,
    shipping: Party | None,
    shipping_ref: str | None,
    refund_days: int,
    refund_clock: RefundClock,
    refund_ref: str,
    delivery_ref: str | None,
) -> ReturnRight:
    rules: list[object] = [ReturnWindow(days=days, reference=window_ref)]
    if exclusions is not None:
        rules.append(exclusions)
    if diminished_ref is not None:
        rules.append(DiminishedValue(reference=diminished_ref))
    if return_days is not None:
        rules.append(ReturnDeadline(days=return_days, reference=return_ref))
    if shipping is not None:
        rules.append(ReturnShipping(paid_by=shipping, reference=shipping_ref))
    rules.append(RefundDeadline(days=refund_days, clock=refund_clock, reference=refund_ref))
    if delivery_ref is not None:
        rules.append(DeliveryCostRefund(reference=delivery_ref))
    basis = LegalBasis(
        code=code, kind=BasisKind.WITHDRAWAL, title=_TITLES[code], citation=citation, statutory=True
    )
    return ReturnRight(basis=basis, rules=tuple(rules))


def _conformity(
    code: str,
    citation: str,
    *,
    liability_months: int | None,
    presumption_months: int,
    reference: str,
    refund: RefundDeadline,
) -> ReturnRight:
    basis = LegalBasis(
        code=code, kind=BasisKind.CONFORMITY, title=_TITLES[code], citation=citation, statutory=True
    )
    rule = ConformityGuarantee(
        liability_months=liability_months,
        presumption_months=presumption_months,
        reference=reference,
    )
    return ReturnRight(basis=basis, rules=(rule, refund))


_TITLES = {
    "eu.withdrawal": "Right of withdrawal",
    "eu.conformity": "Legal guarantee of conformity",
    "pl.withdrawal": "Right of withdrawal (odstąpienie od umowy)",
    "pl.conformity": "Non-conformity of goods with the contract",
    "lv.withdrawal": "Right of withdrawal (atteikuma tiesības)",
    "lv.conformity": "Non-conformity with the contract",
    "fi.withdrawal": "Right of withdrawal (peruuttamisoikeus)",
    "fi.conformity": "Seller's liability for defects (virhevastuu)",
    "tr.withdrawal": "Right of withdrawal (cayma hakkı)",
    "tr.conformity": "Liability for defective goods (ayıplı mal)",
    "uk.cancellation": "Right to cancel",
    "uk.short_term_rejection": "Short-term right to reject",
    "uk.conformity": "Repair or replacement of faulty goods",
    "th.cancellation": "Right to cancel a direct sale",
    "th.defects": "Seller's liability for defects",
}


def _eu() -> Jurisdiction:
    withdrawal = _withdrawal(
        "eu.withdrawal",
        f"{CRD} art. 9-16",
        window_ref=f"{CRD} art. 9(1)-(2)",
        exclusions=CategoryExclusions.eu(),
        diminished_ref=f"{CRD} art. 14(2)",
        return_days=14,
        return_ref=f"{CRD} art. 14(1)",
        shipping=Party.CONSUMER,
        shipping_ref=f"{CRD} art. 14(1)",
        refund_days=14,
        refund_clock=RefundClock.NOTICE,
        refund_ref=f"{CRD} art. 13(1), 13(3)",
        delivery_ref=f"{CRD} art. 13(1)-(2)",
    )
    conformity = _conformity(
        "eu.conformity",
        f"{SGD} art. 10, 11, 14, 16",
        liability_months=24,
        presumption_months=12,
        reference=f"{SGD} art. 10(1), 11(1)",
        refund=RefundDeadline(clock=RefundClock.UNDUE_DELAY, reference=f"{SGD} art. 16(3)"),
    )
    return Jurisdiction(
        code="EU",
        name="European Union",
        counting=PeriodCounting(timezone="Europe/Brussels"),
        rights=(withdrawal, conformity),
        sources=(
            f"{CRD} (Consumer Rights Directive) art. 9, 13, 14, 16",
            f"{SGD} (Sale of Goods Directive) art. 10, 11, 14, 16",
            f"{REG_1182} (periods, dates and time limits)",
        ),
        scope="Distance and off-premises contracts between a trader and a consumer.",
    )


def _national_exclusions(act: str) -> CategoryExclusions:
    base = CategoryExclusions.eu()
    return CategoryExclusions(
        categories=base.categories,
        references={cat: f"{act}; {ref}" for cat, ref in base.references.items()},
    )


def _pl() -> Jurisdiction:
    withdrawal = _withdrawal(
        "pl.withdrawal",
        f"{PL_ACT} art. 27-38",
        window_ref=f"{PL_ACT} art. 27, 28",
        exclusions=_national_exclusions(f"{PL_ACT} art. 38"),
        diminished_ref=f"{PL_ACT} art. 34 ust. 4",
        return_days=14,
        return_ref=f"{PL_ACT} art. 34 ust. 1",
        shipping=Party.CONSUMER,
        shipping_ref=f"{PL_ACT} art. 34 ust. 2",
        refund_days=14,
        refund_clock=RefundClock.NOTICE,
        refund_ref=f"{PL_ACT} art. 32 ust. 1, 4",
        delivery_ref=f"{PL_ACT} art. 32 ust. 1, art. 33",
    )
    conformity = _conformity(
        "pl.conformity",
        f"{PL_ACT} art. 43a-43g",
        liability_months=24,
        presumption_months=24,
        reference=f"{PL_ACT} art. 43c",
        refund=RefundDeadline(clock=RefundClock.UNDUE_DELAY, reference=f"{PL_ACT} art. 43f"),
    )
    return Jurisdiction(
        code="PL",
        name="Poland",
        counting=PeriodCounting(timezone="Europe/Warsaw"),
        rights=(withdrawal, conformity),
        sources=(
            f"{PL_ACT} (ustawa o prawach konsumenta, Dz.U. 2014 poz. 827) art. 27-38, 43a-43g",
            "Polish Civil Code art. 111 § 2 and art. 115 (counting periods)",
            f"{CRD}; {SGD}",
        ),
        scope="Distance and off-premises contracts with consumers (and, for withdrawal, "
        "sole traders buying outside their main line of business, art. 38a).",
    )


def _lv() -> Jurisdiction:
    withdrawal = _withdrawal(
        "lv.withdrawal",
        f"{LV_ACT} art. 12; {LV_REG}",
        window_ref=f"{LV_ACT} art. 12; {LV_REG}",
        exclusions=_national_exclusions(f"{LV_REG} para. 22"),
        diminished_ref=f"{LV_REG}; {CRD} art. 14(2)",
        return_days=14,
        return_ref=f"{LV_REG}; {CRD} art. 14(1)",
        shipping=Party.CONSUMER,
        shipping_ref=f"{LV_REG}; {CRD} art. 14(1)",
        refund_days=14,
        refund_clock=RefundClock.NOTICE,
        refund_ref=f"{LV_REG}; {CRD} art. 13(1), 13(3)",
        delivery_ref=f"{LV_REG}; {CRD} art. 13(1)-(2)",
    )
    conformity = _conformity(
        "lv.conformity",
        f"{LV_ACT} art. 27-28",
        liability_months=24,
        presumption_months=12,
        reference=f"{LV_ACT} art. 27(1); {SGD} art. 11(1)",
        refund=RefundDeadline(clock=RefundClock.UNDUE_DELAY, reference=f"{SGD} art. 16(3)"),
    )
    return Jurisdiction(
        code="LV",
        name="Latvia",
        counting=PeriodCounting(timezone="Europe/Riga"),
        rights=(withdrawal, conformity),
        sources=(
            f"{LV_ACT} (Patērētāju tiesību aizsardzības likums) art. 12, 27, 28",
            f"{LV_REG} (Noteikumi par distances līgumu)",
            f"{CRD}; {SGD}; {REG_1182}",
        ),
        scope="Distance and off-premises contracts with consumers. A non-conformity must "
        "also be reported within two months of discovering it (not checked here).",
    )


def _fi() -> Jurisdiction:
    withdrawal = _withdrawal(
        "fi.withdrawal",
        f"{FI_ACT} chapter 6",
        window_ref=f"{FI_ACT} chapter 6 s. 14",
        exclusions=_national_exclusions(f"{FI_ACT} chapter 6 s. 16"),
        diminished_ref=f"{FI_ACT} chapter 6; {CRD} art. 14(2)",
        return_days=14,
        return_ref=f"{FI_ACT} chapter 6; {CRD} art. 14(1)",
        shipping=Party.CONSUMER,
        shipping_ref=f"{FI_ACT} chapter 6; {CRD} art. 14(1)",
        refund_days=14,
        refund_clock=RefundClock.NOTICE,
        refund_ref=f"{FI_ACT} chapter 6; {CRD} art. 13(1), 13(3)",
        delivery_ref=f"{FI_ACT} chapter 6; {CRD} art. 13(1)-(2)",
    )
    conformity = _conformity(
        "fi.conformity",
        f"{FI_ACT} chapter 5",
        liability_months=None,
        presumption_months=12,
        reference=f"{FI_ACT} chapter 5 s. 15 (one-year presumption since 2022)",
        refund=RefundDeadline(clock=RefundClock.UNDUE_DELAY, reference=f"{SGD} art. 16(3)"),
    )
    return Jurisdiction(
        code="FI",
        name="Finland",
        counting=PeriodCounting(timezone="Europe/Helsinki"),
        rights=(withdrawal, conformity),
        sources=(
            f"{FI_ACT} (kuluttajansuojalaki) chapter 5 (sale of goods), chapter 6 "
            "(distance and door-to-door selling)",
            "Finnish Act on the Calculation of Statutory Periods (150/1930)",
            f"{CRD}; {SGD}",
        ),
        scope="Distance and door-to-door sales to consumers. Liability for defects has no fixed "
        "end: it follows the durability the consumer could reasonably expect, so claims after "
        "the one-year presumption need review.",
    )


def _tr() -> Jurisdiction:
    withdrawal = _withdrawal(
        "tr.withdrawal",
        f"{TR_REG} art. 9-15; {TR_LAW} art. 48",
        window_ref=f"{TR_REG} art. 9",
        exclusions=_national_exclusions(f"{TR_REG} art. 15"),
        diminished_ref=f"{TR_REG} art. 13",
        return_days=10,
        return_ref=f"{TR_REG} art. 13 (goods sent back within 10 days of the notice)",
        shipping=Party.CONSUMER,
        shipping_ref=f"{TR_REG} art. 13 (only if stated in the pre-contract information, "
        "capped at the delivery cost)",
        refund_days=14,
        refund_clock=RefundClock.GOODS_BACK,
        refund_ref=f"{TR_REG} art. 12 (as amended 23.08.2022, in force 1.1.2025)",
        delivery_ref=f"{TR_REG} art. 12",
    )
    conformity = _conformity(
        "tr.conformity",
        f"{TR_LAW} art. 8-12",
        liability_months=24,
        presumption_months=6,
        reference=f"{TR_LAW} art. 10 (six-month presumption), art. 12 (two-year limitation)",
        refund=RefundDeadline(clock=RefundClock.UNDUE_DELAY, reference=f"{TR_LAW} art. 11"),
    )
    return Jurisdiction(
        code="TR",
        name="Turkey",
        counting=PeriodCounting(timezone="Europe/Istanbul"),
        weekend=frozenset({6}),
        rights=(withdrawal, conformity),
        sources=(
            f"{TR_REG} (Mesafeli Sözleşmeler Yönetmeliği) art. 9, 12, 13, 15",
            f"{TR_LAW} (Tüketicinin Korunması Hakkında Kanun) art. 8-12, 48",
            "Turkish Code of Obligations No. 6098 art. 92-93 (counting periods)",
        ),
        scope="Distance contracts with consumers. Sunday and official holidays are not working "
        "days; pass a calendar with the official holidays.",
    )


def _uk() -> Jurisdiction:
    cancellation = _withdrawal(
        "uk.cancellation",
        f"{UK_CCR} reg. 27-38",
        window_ref=f"{UK_CCR} reg. 29-30",
        exclusions=_national_exclusions(f"{UK_CCR} reg. 28, 37"),
        diminished_ref=f"{UK_CCR} reg. 34(9)-(12)",
        return_days=14,
        return_ref=f"{UK_CCR} reg. 35(4)",
        shipping=Party.CONSUMER,
        shipping_ref=f"{UK_CCR} reg. 35(2)-(3)",
        refund_days=14,
        refund_clock=RefundClock.GOODS_BACK,
        refund_ref=f"{UK_CCR} reg. 34(4)-(6)",
        delivery_ref=f"{UK_CCR} reg. 34(1)-(2)",
    )
    short = ReturnRight(
        basis=LegalBasis(
            code="uk.short_term_rejection",
            kind=BasisKind.SHORT_TERM_REJECTION,
            title=_TITLES["uk.short_term_rejection"],
            citation=f"{UK_CRA} s. 20-22",
            statutory=True,
        ),
        rules=(
            ReturnWindow(days=30, reasons=FAULT_REASONS, reference=f"{UK_CRA} s. 22(3)"),
            ReturnShipping(paid_by=Party.MERCHANT, reference=f"{UK_CRA} s. 20(7)"),
            RefundDeadline(days=14, clock=RefundClock.AGREEMENT, reference=f"{UK_CRA} s. 20(15)"),
        ),
    )
    conformity = _conformity(
        "uk.conformity",
        f"{UK_CRA} s. 9-11, 19, 23-24",
        liability_months=72,
        presumption_months=6,
        reference=f"{UK_CRA} s. 19(14)-(15); Limitation Act 1980 s. 5 (six years)",
        refund=RefundDeadline(
            days=14, clock=RefundClock.AGREEMENT, reference=f"{UK_CRA} s. 20(15)"
        ),
    )
    return Jurisdiction(
        code="UK",
        name="United Kingdom",
        counting=PeriodCounting(timezone="Europe/London", extend_to_working_day=False),
        rights=(cancellation, short, conformity),
        sources=(
            f"{UK_CCR} (SI 2013/3134) reg. 28-38",
            f"{UK_CRA} s. 9-24",
            "Limitation Act 1980 s. 5",
        ),
        scope="Distance and off-premises contracts with consumers in England, Wales, Scotland "
        "and Northern Ireland (Scotland: five-year prescription instead of six years). The "
        "cancellation period counts calendar days without a working-day extension.",
    )


def _th() -> Jurisdiction:
    cancellation = _withdrawal(
        "th.cancellation",
        f"{TH_ACT} chapter 3 (s. 30-37)",
        days=7,
        window_ref=f"{TH_ACT} chapter 3: 7 days from receiving the goods or services",
        exclusions=None,
        diminished_ref=None,
        return_days=None,
        return_ref=None,
        shipping=None,
        shipping_ref=None,
        refund_days=15,
        refund_clock=RefundClock.NOTICE,
        refund_ref=f"{TH_ACT} chapter 3: refund within 15 days of receiving the notice",
        delivery_ref=None,
    )
    defects = _conformity(
        "th.defects",
        f"{TH_CCC} s. 472-474",
        liability_months=None,
        presumption_months=0,
        reference=f"{TH_CCC} s. 472 (defects existing at the sale), s. 474 (action within one "
        "year of discovering the defect)",
        refund=RefundDeadline(clock=RefundClock.UNDUE_DELAY, reference=f"{TH_CCC} s. 472"),
    )
    return Jurisdiction(
        code="TH",
        name="Thailand",
        counting=PeriodCounting(timezone="Asia/Bangkok"),
        rights=(cancellation, defects),
        sources=(
            f"{TH_ACT} as amended by B.E. 2550 (2007) and B.E. 2560 (2017), chapter 3",
            f"{TH_CCC} s. 193/3 and 193/8 (counting periods), s. 472-474 (defects)",
        ),
        scope="The 7-day cancellation right covers direct sales (door to door) and direct "
        "marketing by operators registered with the Office of the Consumer Protection Board. "
        "Since the B.E. 2560 amendment, sales through electronic commerce are not direct "
        "marketing except as ministerial regulations provide, so many online shops are outside "
        "it; use this preset for businesses the Act covers.",
    )


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


def _us() -> Jurisdiction:
    return Jurisdiction(
        code="US",
        name="United States",
        counting=PeriodCounting(timezone="America/New_York", extend_to_working_day=False),
        rights=(),
        sources=(
            "No federal statute gives a right to return goods bought online.",
            "FTC Cooling-Off Rule, 16 CFR Part 429 (door-to-door sales of $25 or more only)",
            "State rules on posting refund policies, e.g. California Civil Code § 1723",
            "Uniform Commercial Code § 2-314 (implied warranty of merchantability)",
        ),
        scope="Returns of online purchases follow the shop's own policy; warranty claims for "
        "defects are outside this preset.",
    )


JURISDICTIONS: MappingProxyType[str, Callable[[], Jurisdiction]] = MappingProxyType(
    {
        "EU": _eu,
        "PL": _pl,
        "LV": _lv,
        "FI": _fi,
        "TR": _tr,
        "UK": _uk,
        "TH": _th,
        "US": _us,
    }
)
"""Preset builders by code (read-only)."""


@lru_cache(maxsize=16)
def jurisdiction(code: str) -> Jurisdiction:
    """The preset for ``code`` (case-insensitive; ``GB`` is accepted for the UK).

    >>> jurisdiction("GB").code
    'UK'
    >>> jurisdiction("XX")
    Traceback (most recent call last):
    ...
    cxcore.errors.PolicyError: no return-law preset for 'XX'; known: EU, PL, LV, FI, TR, UK, TH, US
    """
    key = code.strip().upper() if isinstance(code, str) else ""
    key = "UK" if key == "GB" else key
    if key not in JURISDICTIONS:
        raise PolicyError(f"no return-law preset for {code!r}; known: {', '.join(JURISDICTIONS)}")
    return JURISDICTIONS[key]()


def policy(code: str) -> ReturnPolicy:
    """A ready policy for ``code``: the statutory rights only, or for ``US`` the default
    30-day :func:`store_right`.

    >>> [r.basis.code for r in policy("US").rights]
    ['store.returns']
    >>> [r.basis.code for r in policy("UK").rights]
    ['uk.cancellation', 'uk.short_term_rejection', 'uk.conformity']
    """
    juris = jurisdiction(code)
    store = (store_right(),) if juris.code == "US" else ()
    return ReturnPolicy(jurisdiction=juris, store_rights=store, name=f"{juris.name} preset")
