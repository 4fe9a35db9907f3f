"""The values a report is made of: `ReportSummary` and its parts.

``ReportSummary`` is what ``cxcore report`` shows, as one frozen value; ``model_dump_json`` is
its JSON form. The text and HTML renderers read nothing else.

Examples:
    >>> GroupRow.model_fields["replies"].description
    'public agent replies in the group'
"""

from __future__ import annotations

from datetime import timedelta

from pydantic import Field

from cxcore._model import CxModel
from cxcore._time import AwareDatetime
from cxcore.metrics import RateResult
from cxcore.metrics.attainment import AttainmentReport, AttainmentRow
from cxcore.metrics.durations import DurationSummary
from cxcore.metrics.timing import TimingReport
from cxcore.metrics.volume import Breakdown, HourCounts
from cxcore.report.readers import RowProblem

__all__ = [
    "REPLY_BINS",
    "DistributionBin",
    "GroupBreakdown",
    "GroupRow",
    "ReportSummary",
    "TicketProblem",
]

REPLY_BINS: tuple[tuple[str, timedelta | None], ...] = (
    ("< 5 min", timedelta(minutes=5)),
    ("5-15 min", timedelta(minutes=15)),
    ("15-30 min", timedelta(minutes=30)),
    ("30-60 min", timedelta(hours=1)),
    ("1-2 h", timedelta(hours=2)),
    ("2-4 h", timedelta(hours=4)),
    ("4-8 h", timedelta(hours=8)),
    ("8-24 h", timedelta(days=1)),
    ("1-3 days", timedelta(days=3)),
    ("> 3 days", None),
)
"""The first-reply time distribution's bins: label and exclusive upper bound (None: no bound)."""


class DistributionBin(CxModel):
    """How many durations fell into one bin (``upper`` exclusive; ``None`` for the last bin).

    Examples:
        >>> DistributionBin(label="< 5 min", upper=timedelta(minutes=5), count=3).count
        3
    """

    label: str
    upper: timedelta | None
    count: int


class TicketProblem(CxModel):
    """A ticket that was read but could not be measured, and why.

    Examples:
        >>> TicketProblem(ticket_id="T-9", message="created after the report time").ticket_id
        'T-9'
    """

    ticket_id: str
    message: str


class GroupRow(CxModel):
    """One group of a breakdown (a brand, a tag, an agent...): its tickets, replies, first
    reply times, first-contact resolution and SLA attainment over every target.

    Examples:
        >>> GroupRow.model_fields["key"].description
        'the group: a field value, or (none) where the ticket has none'
    """

    key: str = Field(description="the group: a field value, or (none) where the ticket has none")
    tickets: int
    open_tickets: int
    replies: int = Field(description="public agent replies in the group")
    first_reply: DurationSummary
    first_contact_resolution: RateResult
    attainment: AttainmentRow


class GroupBreakdown(CxModel):
    """The measured tickets grouped by one field. A ticket with several values (tags) counts
    in each of its groups. Past ``limit`` distinct groups, further values are counted in one
    ``(other)`` group, so memory stays bounded.

    Examples:
        >>> GroupBreakdown(by="tag", rows=(), limit=1000).rows
        ()
    """

    by: str
    rows: tuple[GroupRow, ...]
    limit: int


class ReportSummary(CxModel):
    """Everything ``cxcore report`` shows, as one value (``model_dump_json`` is its JSON form).

    ``rows`` counts the export's data rows; ``tickets`` the tickets measured; ``refused`` the
    rows that could not be read, ``duplicates`` the rows repeating a ticket id already read
    (the first one is kept; each repeat is refused and listed). ``problems`` lists refused rows
    with their line numbers, at most ``problem_limit`` of them (the counts are always
    complete); ``unmeasured`` likewise. Times in ``timing`` are calendar time unless
    ``timing.business_time``; SLA attainment follows each target's own clock (business or
    calendar time, as the policy says). ``busiest_hours`` counts ticket creation by local hour
    in ``timezone``. ``playbook``, ``calendar`` and ``policy`` name what the tickets were
    judged against.

    Examples:
        >>> ReportSummary.model_fields["duplicates"].default
        0
    """

    at: AwareDatetime
    timezone: str
    policy: str
    playbook: str | None = None
    calendar: str | None = None
    rows: int
    tickets: int
    refused: int = 0
    duplicates: int = 0
    problem_limit: int | None = None
    problems: tuple[RowProblem, ...]
    unmeasured_count: int = 0
    unmeasured: tuple[TicketProblem, ...]
    first_created: AwareDatetime | None
    last_created: AwareDatetime | None
    open_tickets: int
    channels: Breakdown
    statuses: Breakdown
    busiest_hours: HourCounts
    timing: TimingReport
    first_reply_distribution: tuple[DistributionBin, ...]
    first_contact_resolution: RateResult
    reopen_rate: RateResult
    attainment: AttainmentReport
    attainment_by_channel: AttainmentReport
    breakdowns: tuple[GroupBreakdown, ...] = ()
