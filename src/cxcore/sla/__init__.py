"""SLA clock: business calendars (and, alongside, SLA policies and their evaluation).

Examples:
    >>> from cxcore.sla import BusinessCalendar
    >>> BusinessCalendar.always_open("Asia/Bangkok").timezone
    'Asia/Bangkok'
"""

from cxcore.sla._holidays import CountryHolidays, ExtraDay, Holiday
from cxcore.sla.calendar import BusinessCalendar
from cxcore.sla.calendar_time import CalendarTime
from cxcore.sla.clock import SlaCalendar, evaluate
from cxcore.sla.policy import SlaMetric, SlaPolicy, SlaRule, SlaSelection, SlaTarget
from cxcore.sla.promise import expected_reply_by, format_promise, promise_text
from cxcore.sla.report import SlaMeasurement, SlaReport, SlaState

__all__ = [
    "BusinessCalendar",
    "CalendarTime",
    "CountryHolidays",
    "ExtraDay",
    "Holiday",
    "SlaCalendar",
    "SlaMeasurement",
    "SlaMetric",
    "SlaPolicy",
    "SlaReport",
    "SlaRule",
    "SlaSelection",
    "SlaState",
    "SlaTarget",
    "evaluate",
    "expected_reply_by",
    "format_promise",
    "promise_text",
]
