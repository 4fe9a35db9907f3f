"""cxcore: customer-support workflow primitives for online shops.

The most used names of every part are available here. Each loads on first use (the
foundation as much as the parts: money, tickets, SLA clock, canned responses, complaints,
returns, metrics, playbook), so ``import cxcore`` loads nothing but this module and a program
pays only for what it touches.

Examples:
    >>> import cxcore
    >>> cxcore.Money.of("10", "EUR").format("fi")
    '10,00\\xa0€'
    >>> cxcore.BusinessCalendar.always_open("UTC").timezone
    'UTC'
"""

from __future__ import annotations

from cxcore._lazy import lazy_package, modules_of

# Not typing.TYPE_CHECKING: importing typing (and re with it) would double the cost of
# `import cxcore`. Type checkers treat a constant of this name the same way.
TYPE_CHECKING = False

if TYPE_CHECKING:
    from cxcore._model import CxModel
    from cxcore._time import Clock, FixedClock, ManualClock, SystemClock
    from cxcore.complaints import (
        Compensation,
        Complaint,
        ComplaintReason,
        ComplaintReceived,
        ComplaintTimers,
        complaint_outcome,
        next_actions,
    )
    from cxcore.errors import CxError
    from cxcore.metrics import ces, csat, nps, percentile, sla_attainment, timing_summary
    from cxcore.money import Money
    from cxcore.orders import Order, OrderLine, ProductCategory
    from cxcore.playbook import Playbook, builtin_playbook
    from cxcore.responses import (
        CannedResponse,
        RenderedResponse,
        ResponseCatalog,
        builtin_catalog,
        format_message,
        plural_category,
    )
    from cxcore.returns import (
        ReturnDecision,
        ReturnLine,
        ReturnPolicy,
        ReturnReason,
        ReturnRequest,
        load_policy,
    )
    from cxcore.sla import (
        BusinessCalendar,
        SlaMetric,
        SlaPolicy,
        SlaReport,
        SlaState,
        SlaTarget,
        evaluate,
        expected_reply_by,
        promise_text,
    )
    from cxcore.tickets import (
        Assignment,
        AuthorRole,
        Channel,
        Customer,
        Message,
        MessageAdded,
        Priority,
        PriorityChange,
        StatusChange,
        Ticket,
        TicketStatus,
    )

__version__ = "0.1.0"

_EXPORTS = modules_of(
    {
        "cxcore._model": ("CxModel",),
        "cxcore._time": ("Clock", "FixedClock", "ManualClock", "SystemClock"),
        "cxcore.errors": ("CxError",),
        "cxcore.money": ("Money",),
        "cxcore.orders": ("Order", "OrderLine", "ProductCategory"),
        "cxcore.tickets": (
            "Assignment",
            "AuthorRole",
            "Channel",
            "Customer",
            "Message",
            "MessageAdded",
            "Priority",
            "PriorityChange",
            "StatusChange",
            "Ticket",
            "TicketStatus",
        ),
        "cxcore.sla": (
            "BusinessCalendar",
            "SlaMetric",
            "SlaPolicy",
            "SlaReport",
            "SlaState",
            "SlaTarget",
            "evaluate",
            "expected_reply_by",
            "promise_text",
        ),
        "cxcore.responses": (
            "CannedResponse",
            "RenderedResponse",
            "ResponseCatalog",
            "builtin_catalog",
            "format_message",
            "plural_category",
        ),
        "cxcore.complaints": (
            "Compensation",
            "Complaint",
            "ComplaintReason",
            "ComplaintReceived",
            "ComplaintTimers",
            "complaint_outcome",
            "next_actions",
        ),
        "cxcore.returns": (
            "ReturnDecision",
            "ReturnLine",
            "ReturnPolicy",
            "ReturnReason",
            "ReturnRequest",
            "load_policy",
        ),
        "cxcore.metrics": ("ces", "csat", "nps", "percentile", "sla_attainment", "timing_summary"),
        "cxcore.playbook": ("Playbook", "builtin_playbook"),
    }
)

lazy_package(__name__)

__all__ = [
    "Assignment",
    "AuthorRole",
    "BusinessCalendar",
    "CannedResponse",
    "Channel",
    "Clock",
    "Compensation",
    "Complaint",
    "ComplaintReason",
    "ComplaintReceived",
    "ComplaintTimers",
    "Customer",
    "CxError",
    "CxModel",
    "FixedClock",
    "ManualClock",
    "Message",
    "MessageAdded",
    "Money",
    "Order",
    "OrderLine",
    "Playbook",
    "Priority",
    "PriorityChange",
    "ProductCategory",
    "RenderedResponse",
    "ResponseCatalog",
    "ReturnDecision",
    "ReturnLine",
    "ReturnPolicy",
    "ReturnReason",
    "ReturnRequest",
    "SlaMetric",
    "SlaPolicy",
    "SlaReport",
    "SlaState",
    "SlaTarget",
    "StatusChange",
    "SystemClock",
    "Ticket",
    "TicketStatus",
    "__version__",
    "builtin_catalog",
    "builtin_playbook",
    "ces",
    "complaint_outcome",
    "csat",
    "evaluate",
    "expected_reply_by",
    "format_message",
    "load_policy",
    "next_actions",
    "nps",
    "percentile",
    "plural_category",
    "promise_text",
    "sla_attainment",
    "timing_summary",
]
