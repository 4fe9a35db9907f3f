"""ICU4C through PyICU, as the reference the differential tests compare cxcore with.

Only the tests import this module; PyICU is a test-only dependency (the ``dev`` extra).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal

import icu

ICU_VERSION: str = icu.ICU_VERSION
ICUError = icu.ICUError
"""The ICU4C version PyICU was built with (77.1 in pyicu-wheels 2.15)."""


def icu_locale(tag: str) -> str:
    """The ICU locale for a cxcore tag: ``-u-ca-buddhist`` becomes ``@calendar=buddhist`` and
    a Thai tag without a calendar asks for the Gregorian calendar that cxcore (and Babel) use
    by default, where ICU picks the Buddhist one (a deliberate difference, in the docs)."""
    base, _, extension = tag.partition("-u-")
    base = base.replace("-", "_")
    if extension.startswith("ca-"):
        return f"{base}@calendar={extension[3:]}"
    if base.startswith("th"):
        return f"{base}@calendar=gregorian"
    return base


def _formattable(value: object) -> icu.Formattable:
    if isinstance(value, datetime):
        # PyICU takes seconds and truncates seconds * 1000 to whole milliseconds; half a
        # microsecond keeps 12:11:58.001 from becoming 12:11:58.000 in binary floating point.
        return icu.Formattable(value.timestamp() + 5e-7, icu.Formattable.kIsDate)
    if isinstance(value, Decimal):
        if value == value.to_integral_value() and abs(value) < 2**53:
            return icu.Formattable(int(value))
        return icu.Formattable(float(value))
    return icu.Formattable(value)


def icu_format(pattern: str, tag: str, values: Mapping[str, object], tz: str) -> str:
    """Format ``pattern`` with ICU4C's ``MessageFormat`` in ``tz``."""
    icu.TimeZone.setDefault(icu.TimeZone.createTimeZone(tz))
    message = icu.MessageFormat(pattern, icu.Locale(icu_locale(tag)))
    names = list(values)
    return str(message.format(names, [_formattable(values[name]) for name in names]))
