"""SLA clock: business calendars (and, alongside, SLA policies and their evaluation).

>>> from cxcore.sla import BusinessCalendar
>>> BusinessCalendar.always_open("Asia/Bangkok").timezone
'Asia/Bangkok'
"""

from cxcore.sla._holidays import CountryHolidays, ExtraDay, Holiday
from cxcore.sla.calendar import BusinessCalendar

__all__ = ["BusinessCalendar", "CountryHolidays", "ExtraDay", "Holiday"]
