"""Request and response bodies of the HTTP API.

Requests never carry times or sequence numbers: the server takes ``at`` from its clock and
numbers events itself, so a client cannot backdate history. Responses embed cxcore values
(customers, messages, next actions, decisions, metric results) as their own JSON.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from cxcore import AuthorRole, Channel, Customer, Message, Money, Priority, Ticket, TicketStatus
from cxcore.complaints import (
    ClosureKind,
    Compensation,
    Complaint,
    ComplaintReason,
    NextAction,
    Severity,
    Stage,
)
from cxcore.metrics import AttainmentReport, Breakdown, TimingReport
from cxcore.responses import RenderedResponse
from cxcore.returns import Evidence, ReturnDecision, ReturnLine, ReturnReason
from cxcore.returns.lifecycle import ReturnAction, ReturnStage
from cxcore.sla import SlaMeasurement, SlaMetric, SlaReport, SlaState


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


# -- tickets -------------------------------------------------------------------------------------


class TicketCreate(_In):
    """Open a ticket, optionally with the customer's first message."""

    customer: Customer
    channel: Channel
    subject: str = ""
    priority: Priority = Priority.NORMAL
    order_id: str | None = None
    locale: str | None = None
    message: str | None = None


class MessageCreate(_In):
    """Add a message; ``channel`` defaults to the ticket's channel."""

    author_role: AuthorRole
    body: str
    public: bool = True
    author_id: str | None = None
    in_reply_to: str | None = None
    channel: Channel | None = None


class StatusUpdate(_In):
    """Change the ticket's status (``pending`` pauses the team's SLA clocks)."""

    status: TicketStatus
    actor: str | None = None


class PriorityUpdate(_In):
    """Change the ticket's priority (running SLA clocks are re-targeted)."""

    priority: Priority
    actor: str | None = None


class TicketOut(BaseModel):
    """A ticket as the API shows it; ``version`` counts its events."""

    id: str
    customer: Customer
    channel: Channel
    subject: str
    status: TicketStatus
    priority: Priority
    locale: str
    order_id: str | None
    created_at: datetime
    version: int
    messages: list[Message]

    @classmethod
    def of(cls, ticket: Ticket) -> TicketOut:
        """The API view of ``ticket``."""
        return cls(
            id=ticket.id,
            customer=ticket.customer,
            channel=ticket.channel,
            subject=ticket.subject,
            status=ticket.status,
            priority=ticket.current_priority,
            locale=ticket.effective_locale,
            order_id=ticket.order_id,
            created_at=ticket.created_at,
            version=len(ticket.events),
            messages=list(ticket.messages),
        )


def _seconds(value: timedelta | None) -> float | None:
    return None if value is None else value.total_seconds()


class MeasurementOut(BaseModel):
    """One SLA clock; durations in seconds of the target's own clock."""

    metric: SlaMetric
    index: int
    state: SlaState
    rule: str
    business_hours: bool
    started_at: datetime
    due_at: datetime | None
    completed_at: datetime | None
    elapsed_seconds: float
    remaining_seconds: float
    breached_by_seconds: float | None
    level: int

    @classmethod
    def of(cls, m: SlaMeasurement) -> MeasurementOut:
        """The API view of one measurement."""
        return cls(
            metric=m.metric,
            index=m.index,
            state=m.state,
            rule=m.rule,
            business_hours=m.business_hours,
            started_at=m.started_at,
            due_at=m.due_at,
            completed_at=m.completed_at,
            elapsed_seconds=m.elapsed.total_seconds(),
            remaining_seconds=m.remaining.total_seconds(),
            breached_by_seconds=_seconds(m.breached_by),
            level=m.level,
        )


class SlaStatusOut(BaseModel):
    """Where every SLA clock of a ticket stands at ``at``, and what the customer was promised."""

    ticket_id: str
    at: datetime
    policy: str
    rule: str | None
    priority: Priority
    measurements: list[MeasurementOut]
    expected_reply_by: datetime | None
    promise: str | None
    """The reply promise in the customer's language and time zone."""
    next_check_at: datetime | None
    """When the next threshold is reached if nothing happens: re-evaluate then."""

    @classmethod
    def of(cls, report: SlaReport, expected: datetime | None, promise: str | None) -> SlaStatusOut:
        """The API view of an SLA report."""
        return cls(
            ticket_id=report.ticket_id,
            at=report.at,
            policy=report.policy,
            rule=report.rule,
            priority=report.priority,
            measurements=[MeasurementOut.of(m) for m in report.measurements],
            expected_reply_by=expected,
            promise=promise,
            next_check_at=report.next_threshold_at,
        )


# -- canned responses ----------------------------------------------------------------------------


class ReplyRequest(_In):
    """Render a canned response for a ticket's customer.

    ``values`` fill the response's variables (dates as ISO text, money as ``"12.50 PLN"`` or
    ``{"amount": "12.50", "currency": "PLN"}``); ``ticket_id`` and ``reply_by`` are filled in
    from the ticket when the response declares them and no value is given.
    """

    key: str
    channel: Channel | None = None
    values: dict[str, Any] = Field(default_factory=dict)


class ReplyOut(BaseModel):
    """A rendered response and which locale and variant were used, and why."""

    key: str
    requested_locale: str
    locale: str
    channel: str
    variant: str
    subject: str | None
    text: str
    html: str | None
    empty: bool
    reason: str

    @classmethod
    def of(cls, rendered: RenderedResponse) -> ReplyOut:
        """The API view of a rendered response."""
        return cls(
            key=rendered.key,
            requested_locale=rendered.requested_locale,
            locale=rendered.locale,
            channel=rendered.channel,
            variant=rendered.variant,
            subject=rendered.subject,
            text=rendered.text,
            html=rendered.html,
            empty=rendered.empty,
            reason=rendered.reason,
        )


# -- complaints ----------------------------------------------------------------------------------


class ComplaintCreate(_In):
    """Open a complaint. With ``ticket_id`` the customer and channel default to the ticket's."""

    actor: str
    reason: ComplaintReason
    ticket_id: str | None = None
    customer: Customer | None = None
    channel: Channel | None = None
    severity: Severity = Severity.MEDIUM
    summary: str = ""
    order_id: str | None = None
    order_line_ids: list[str] = Field(default_factory=list)
    desired_outcome: Compensation | None = None


class EventAppend(_In):
    """Append one workflow event.

    ``expected_version`` is the complaint's ``version`` the client last saw; the event becomes
    number ``expected_version + 1``. ``event`` is a cxcore complaint event without
    ``sequence``, ``at`` and ``actor`` (the server sets them), e.g.
    ``{"kind": "account_captured", "account": "The box was crushed."}``.
    """

    expected_version: int = Field(ge=1)
    actor: str = Field(min_length=1)
    event: dict[str, Any]


class ComplaintOut(BaseModel):
    """A complaint's state, the steps that move it on, and the reply that goes with the
    event just recorded (if any), in the customer's language."""

    id: str
    version: int
    stage: Stage
    reason: ComplaintReason
    severity: Severity
    customer: Customer
    ticket_id: str | None
    order_id: str | None
    received_at: datetime
    acknowledged_at: datetime | None
    closure: ClosureKind | None
    closed_at: datetime | None
    next_update_due: datetime | None
    next_actions: list[NextAction]
    reply: ReplyOut | None = None

    @classmethod
    def of(
        cls,
        complaint: Complaint,
        next_update_due: datetime | None,
        actions: tuple[NextAction, ...],
        reply: ReplyOut | None = None,
    ) -> ComplaintOut:
        """The API view of a complaint."""
        return cls(
            id=complaint.id,
            version=complaint.version,
            stage=complaint.stage,
            reason=complaint.reason,
            severity=complaint.severity,
            customer=complaint.customer,
            ticket_id=complaint.ticket_id,
            order_id=complaint.order_id,
            received_at=complaint.received_at,
            acknowledged_at=complaint.acknowledged_at,
            closure=complaint.closure,
            closed_at=complaint.closed_at,
            next_update_due=next_update_due,
            next_actions=list(actions),
            reply=reply,
        )


# -- returns -------------------------------------------------------------------------------------


class ReturnCreate(_In):
    """Ask for a return decision on some lines of an order, explained in ``locale``."""

    reason: ReturnReason
    lines: list[ReturnLine] = Field(min_length=1)
    evidence: list[Evidence] = Field(default_factory=list)
    note: str = ""
    locale: str | None = None
    channel: Channel = Channel.EMAIL


class ReturnOut(BaseModel):
    """The decision as taken (stored for audit) and its explanation for the customer;
    ``return_id`` names the return's event history (``/returns/{return_id}``)."""

    decision_id: int
    return_id: str
    decision: ReturnDecision
    locale: str
    subject: str | None
    text: str


class ReturnCaseOut(BaseModel):
    """A return replayed from its events: where it stands, what to do next (the statutory
    refund deadline first) and the reply that goes with the event just recorded, if any."""

    id: str
    order_id: str
    version: int
    stage: ReturnStage
    decision: ReturnDecision | None
    refund_expected: Money | None
    next_actions: list[ReturnAction]
    reply: ReplyOut | None = None


# -- metrics -------------------------------------------------------------------------------------


class MetricsOut(BaseModel):
    """The support desk's numbers at ``at``: volumes, reply and resolution times in business
    time, SLA attainment per metric, and complaints by reason and stage."""

    at: datetime
    tickets: int
    channel_mix: Breakdown
    timing: TimingReport
    sla: AttainmentReport
    complaints: int
    complaint_reasons: Breakdown
    complaint_stages: dict[str, int]
