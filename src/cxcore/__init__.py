"""cxcore: customer-support workflow primitives for online shops.

The most used names of every part are available here. The foundation (money, tickets,
orders, clocks, errors) is imported at once; the parts (SLA clock, canned responses,
complaints, returns, metrics, playbook) load on first use, so ``import cxcore`` stays quick.

Examples:
    >>> import cxcore
    >>> cxcore.Money.of("10", "EUR").format("fi")
    '10,00\\xa0€'
    >>> cxcore.BusinessCalendar.always_open("UTC").timezone
    'UTC'
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from cxcore._model import CxModel
from cxcore._time import Clock, FixedClock, ManualClock, SystemClock
from cxcore.errors import CxError
from cxcore.money import Money
from cxcore.orders import Order, OrderLine, ProductCategory
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

if TYPE_CHECKING:
    from cxcore.complaints import (
        Compensation,
        Complaint,
        ComplaintReason,
        ComplaintReceived,
        ComplaintTimers,
        complaint_outcome,
        next_actions,
    )
    from cxcore.metrics import ces, csat, nps, percentile, sla_attainment, timing_summary
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

__version__ = "0.1.0"

_LAZY: dict[str, str] = {
    **dict.fromkeys(
        (
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
        "cxcore.sla",
    ),
    **dict.fromkeys(
        (
            "CannedResponse",
            "RenderedResponse",
            "ResponseCatalog",
            "builtin_catalog",
            "format_message",
            "plural_category",
        ),
        "cxcore.responses",
    ),
    **dict.fromkeys(
        (
            "Compensation",
            "Complaint",
            "ComplaintReason",
            "ComplaintReceived",
            "ComplaintTimers",
            "complaint_outcome",
            "next_actions",
        ),
        "cxcore.complaints",
    ),
    **dict.fromkeys(
        (
            "ReturnDecision",
            "ReturnLine",
            "ReturnPolicy",
            "ReturnReason",
            "ReturnRequest",
            "load_policy",
        ),
        "cxcore.returns",
    ),
    **dict.fromkeys(
        ("ces", "csat", "nps", "percentile", "sla_attainment", "timing_summary"),
        "cxcore.metrics",
    ),
    **dict.fromkeys(("Playbook", "builtin_playbook"), "cxcore.playbook"),
}


def __getattr__(name: str) -> Any:
    """Load a part's re-exported name on first use (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'cxcore' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


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
