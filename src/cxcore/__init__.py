"""cxcore: customer-support workflow primitives for online shops.

>>> import cxcore
>>> cxcore.Money.of("10", "EUR").format("fi")
'10,00\\xa0€'
"""

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

__version__ = "0.1.0"

__all__ = [
    "Assignment",
    "AuthorRole",
    "Channel",
    "Clock",
    "Customer",
    "CxError",
    "FixedClock",
    "ManualClock",
    "Message",
    "MessageAdded",
    "Money",
    "Order",
    "OrderLine",
    "Priority",
    "PriorityChange",
    "ProductCategory",
    "StatusChange",
    "SystemClock",
    "Ticket",
    "TicketStatus",
    "__version__",
]
