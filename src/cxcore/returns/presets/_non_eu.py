"""Presets outside the EU: Turkey, the United Kingdom and Thailand, each with a statutory
right of its own, and the United States, where returns of online purchases follow the shop's
policy.

Examples:
    >>> uk().counting.extend_to_working_day, [right.basis.code for right in us().rights]
    (False, [])
"""

from __future__ import annotations

from cxcore.returns.deadlines import PeriodCounting
from cxcore.returns.legal_dates import DeadlineKind
from cxcore.returns.policy import Jurisdiction, ReturnRight
from cxcore.returns.presets._build import conformity_right, national_exclusions, withdrawal_right
from cxcore.returns.request import FAULT_REASONS
from cxcore.returns.rules import (
    BasisKind,
    LegalBasis,
    Party,
    RefundClock,
    RefundDeadline,
    ReturnShipping,
    ReturnWindow,
)
from cxcore.returns.rules.remedies import RemedyHierarchy, RemedyScheme

__all__ = ["th", "tr", "uk", "us"]

TR_REG = "Turkish Distance Contracts Regulation (Official Gazette 27.11.2014, No. 29188)"
TR_LAW = "Turkish Consumer Protection Law No. 6502"
UK_CCR = "Consumer Contracts (Information, Cancellation and Additional Charges) Regulations 2013"
UK_CRA = "Consumer Rights Act 2015"
TH_ACT = "Thai Direct Sales and Direct Marketing Act B.E. 2545 (2002)"
TH_CCC = "Thai Civil and Commercial Code"


def tr() -> Jurisdiction:
    withdrawal = withdrawal_right(
        "tr.withdrawal",
        f"{TR_REG} art. 9-15; {TR_LAW} art. 48",
        title="Right of withdrawal (cayma hakkı)",
        window_ref=f"{TR_REG} art. 9",
        exclusions=national_exclusions(f"{TR_REG} art. 15"),
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
        sending_starts_refund_clock=True,
    )
    conformity = conformity_right(
        "tr.conformity",
        f"{TR_LAW} art. 8-12",
        title="Liability for defective goods (ayıplı mal)",
        liability_months=24,
        presumption_months=6,
        reference=f"{TR_LAW} art. 10 (six-month presumption), art. 12 (two-year limitation)",
        refund=RefundDeadline(clock=RefundClock.UNDUE_DELAY, reference=f"{TR_LAW} art. 11"),
        remedies=RemedyHierarchy(
            scheme=RemedyScheme.FREE_CHOICE,
            repair_reference=f"{TR_LAW} art. 11(1)",
            final_reference=f"{TR_LAW} art. 11(1)",
        ),
    )
    return Jurisdiction(
        code="TR",
        name="Turkey",
        counting=PeriodCounting(
            timezone="Europe/Istanbul", source="Turkish Code of Obligations No. 6098 art. 92-93"
        ),
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


def uk() -> Jurisdiction:
    cancellation = withdrawal_right(
        "uk.cancellation",
        f"{UK_CCR} reg. 27-38",
        title="Right to cancel",
        window_ref=f"{UK_CCR} reg. 29-30",
        exclusions=national_exclusions(f"{UK_CCR} reg. 28, 37"),
        diminished_ref=f"{UK_CCR} reg. 34(9)-(12)",
        return_days=14,
        return_ref=f"{UK_CCR} reg. 35(4)",
        shipping=Party.CONSUMER,
        shipping_ref=f"{UK_CCR} reg. 35(2)-(3)",
        refund_days=14,
        refund_clock=RefundClock.GOODS_BACK,
        refund_ref=f"{UK_CCR} reg. 34(4)-(6)",
        delivery_ref=f"{UK_CCR} reg. 34(1)-(2)",
        extension_ref=f"{UK_CCR} reg. 31",
    )
    short = ReturnRight(
        basis=LegalBasis(
            code="uk.short_term_rejection",
            kind=BasisKind.SHORT_TERM_REJECTION,
            title="Short-term right to reject",
            citation=f"{UK_CRA} s. 20-22",
            statutory=True,
        ),
        rules=(
            ReturnWindow(
                days=30,
                reasons=FAULT_REASONS,
                reference=f"{UK_CRA} s. 22(3)",
                deadline=DeadlineKind.SHORT_TERM_REJECTION_ENDS,
                after_possession=True,
            ),
            ReturnShipping(paid_by=Party.MERCHANT, reference=f"{UK_CRA} s. 20(7)"),
            RefundDeadline(days=14, clock=RefundClock.AGREEMENT, reference=f"{UK_CRA} s. 20(15)"),
        ),
    )
    conformity = conformity_right(
        "uk.conformity",
        f"{UK_CRA} s. 9-11, 19, 23-24",
        title="Repair or replacement of faulty goods",
        liability_months=72,
        presumption_months=6,
        reference=f"{UK_CRA} s. 19(14)-(15); Limitation Act 1980 s. 5 (six years)",
        refund=RefundDeadline(
            days=14, clock=RefundClock.AGREEMENT, reference=f"{UK_CRA} s. 20(15)"
        ),
        remedies=RemedyHierarchy(
            scheme=RemedyScheme.UK,
            repair_reference=f"{UK_CRA} s. 23",
            final_reference=f"{UK_CRA} s. 24(5)",
            deduction_reference=f"{UK_CRA} s. 24(8)-(11)",
            no_deduction_months=6,
        ),
    )
    return Jurisdiction(
        code="UK",
        name="United Kingdom",
        counting=PeriodCounting(
            timezone="Europe/London",
            extend_to_working_day=False,
            source="calendar days, as the Consumer Contracts Regulations 2013 reg. 30 and the "
            "Consumer Rights Act 2015 s. 20(15), 22(3) word them",
        ),
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


def th() -> Jurisdiction:
    cancellation = withdrawal_right(
        "th.cancellation",
        f"{TH_ACT} chapter 3 (s. 30-37)",
        title="Right to cancel a direct sale",
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
    defects = conformity_right(
        "th.defects",
        f"{TH_CCC} s. 472-474",
        title="Seller's liability for defects",
        liability_months=None,
        presumption_months=0,
        reference=f"{TH_CCC} s. 472 (defects existing at the sale), s. 474 (action within one "
        "year of discovering the defect)",
        refund=RefundDeadline(clock=RefundClock.UNDUE_DELAY, reference=f"{TH_CCC} s. 472"),
        remedies=RemedyHierarchy(
            scheme=RemedyScheme.FREE_CHOICE, repair_reference=None, final_reference=None
        ),
    )
    return Jurisdiction(
        code="TH",
        name="Thailand",
        counting=PeriodCounting(
            timezone="Asia/Bangkok", source="Thai Civil and Commercial Code s. 193/3, 193/8"
        ),
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


def us() -> Jurisdiction:
    return Jurisdiction(
        code="US",
        name="United States",
        counting=PeriodCounting(
            timezone="America/New_York", extend_to_working_day=False, source="calendar days"
        ),
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
