"""Presets under EU law: the Union directives themselves and the member states Poland, Latvia
and Finland, which transpose them (Directive 2011/83/EU, Directive (EU) 2019/771).

Examples:
    >>> pl().counting.timezone, [right.basis.code for right in pl().rights]
    ('Europe/Warsaw', ['pl.withdrawal', 'pl.conformity'])
"""

from __future__ import annotations

from cxcore.returns.deadlines import PeriodCounting
from cxcore.returns.policy import Jurisdiction
from cxcore.returns.presets._build import conformity_right, national_exclusions, withdrawal_right
from cxcore.returns.rules import CategoryExclusions, Party, RefundClock, RefundDeadline
from cxcore.returns.rules.remedies import RemedyHierarchy

__all__ = ["eu", "fi", "lv", "pl"]

CRD = "Directive 2011/83/EU"
SGD = "Directive (EU) 2019/771"
REG_1182 = "Regulation (EEC, Euratom) No 1182/71 art. 3"
PL_ACT = "Polish Consumer Rights Act of 30 May 2014"
LV_ACT = "Latvian Consumer Rights Protection Law"
LV_REG = "Latvian Cabinet Regulation No. 255 of 20 May 2014 (distance contracts)"
FI_ACT = "Finnish Consumer Protection Act (38/1978)"


def eu() -> Jurisdiction:
    withdrawal = withdrawal_right(
        "eu.withdrawal",
        f"{CRD} art. 9-16",
        title="Right of withdrawal",
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
        extension_ref=f"{CRD} art. 10(1)-(2)",
    )
    conformity = conformity_right(
        "eu.conformity",
        f"{SGD} art. 10, 11, 14, 16",
        title="Legal guarantee of conformity",
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


def pl() -> Jurisdiction:
    withdrawal = withdrawal_right(
        "pl.withdrawal",
        f"{PL_ACT} art. 27-38",
        title="Right of withdrawal (odstąpienie od umowy)",
        window_ref=f"{PL_ACT} art. 27, 28",
        exclusions=national_exclusions(f"{PL_ACT} art. 38"),
        diminished_ref=f"{PL_ACT} art. 34 ust. 4",
        return_days=14,
        return_ref=f"{PL_ACT} art. 34 ust. 1",
        shipping=Party.CONSUMER,
        shipping_ref=f"{PL_ACT} art. 34 ust. 2",
        refund_days=14,
        refund_clock=RefundClock.NOTICE,
        refund_ref=f"{PL_ACT} art. 32 ust. 1, 4",
        delivery_ref=f"{PL_ACT} art. 32 ust. 1, art. 33",
        extension_ref=f"{PL_ACT} art. 29",
    )
    conformity = conformity_right(
        "pl.conformity",
        f"{PL_ACT} art. 43a-43g",
        title="Non-conformity of goods with the contract",
        liability_months=24,
        presumption_months=24,
        reference=f"{PL_ACT} art. 43c",
        refund=RefundDeadline(clock=RefundClock.UNDUE_DELAY, reference=f"{PL_ACT} art. 43f"),
        remedies=RemedyHierarchy(
            repair_reference=f"{PL_ACT} art. 43d",
            final_reference=f"{PL_ACT} art. 43e",
        ),
    )
    return Jurisdiction(
        code="PL",
        name="Poland",
        counting=PeriodCounting(
            timezone="Europe/Warsaw", source="Polish Civil Code art. 111 § 2, art. 115"
        ),
        rights=(withdrawal, conformity),
        sources=(
            f"{PL_ACT} (ustawa o prawach konsumenta, Dz.U. 2014 poz. 827) art. 27-38, 43a-43g",
            "Polish Civil Code art. 111 § 2 and art. 115 (counting periods)",
            f"{CRD}; {SGD}",
        ),
        scope="Distance and off-premises contracts with consumers (and, for withdrawal, "
        "sole traders buying outside their main line of business, art. 38a).",
    )


def lv() -> Jurisdiction:
    withdrawal = withdrawal_right(
        "lv.withdrawal",
        f"{LV_ACT} art. 12; {LV_REG}",
        title="Right of withdrawal (atteikuma tiesības)",
        window_ref=f"{LV_ACT} art. 12; {LV_REG}",
        exclusions=national_exclusions(f"{LV_REG} para. 22"),
        diminished_ref=f"{LV_REG}; {CRD} art. 14(2)",
        return_days=14,
        return_ref=f"{LV_REG}; {CRD} art. 14(1)",
        shipping=Party.CONSUMER,
        shipping_ref=f"{LV_REG}; {CRD} art. 14(1)",
        refund_days=14,
        refund_clock=RefundClock.NOTICE,
        refund_ref=f"{LV_REG}; {CRD} art. 13(1), 13(3)",
        delivery_ref=f"{LV_REG}; {CRD} art. 13(1)-(2)",
        extension_ref=f"{LV_REG}; {CRD} art. 10(1)-(2)",
    )
    conformity = conformity_right(
        "lv.conformity",
        f"{LV_ACT} art. 27-28",
        title="Non-conformity with the contract",
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


def fi() -> Jurisdiction:
    withdrawal = withdrawal_right(
        "fi.withdrawal",
        f"{FI_ACT} chapter 6",
        title="Right of withdrawal (peruuttamisoikeus)",
        window_ref=f"{FI_ACT} chapter 6 s. 14",
        exclusions=national_exclusions(f"{FI_ACT} chapter 6 s. 16"),
        diminished_ref=f"{FI_ACT} chapter 6; {CRD} art. 14(2)",
        return_days=14,
        return_ref=f"{FI_ACT} chapter 6; {CRD} art. 14(1)",
        shipping=Party.CONSUMER,
        shipping_ref=f"{FI_ACT} chapter 6; {CRD} art. 14(1)",
        refund_days=14,
        refund_clock=RefundClock.NOTICE,
        refund_ref=f"{FI_ACT} chapter 6; {CRD} art. 13(1), 13(3)",
        delivery_ref=f"{FI_ACT} chapter 6; {CRD} art. 13(1)-(2)",
        extension_ref=f"{FI_ACT} chapter 6; {CRD} art. 10(1)-(2)",
    )
    conformity = conformity_right(
        "fi.conformity",
        f"{FI_ACT} chapter 5",
        title="Seller's liability for defects (virhevastuu)",
        liability_months=None,
        presumption_months=12,
        reference=f"{FI_ACT} chapter 5 s. 15 (one-year presumption since 2022)",
        refund=RefundDeadline(clock=RefundClock.UNDUE_DELAY, reference=f"{SGD} art. 16(3)"),
    )
    return Jurisdiction(
        code="FI",
        name="Finland",
        counting=PeriodCounting(
            timezone="Europe/Helsinki",
            source="Finnish Act on the Calculation of Statutory Periods (150/1930)",
        ),
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
