"""One hierarchy of errors for the whole library.

Every error cxcore raises on purpose is a [`CxError`][cxcore.CxError]. Errors about a value the
caller passed also subclass `ValueError`, so generic handlers keep working.

Examples:
    >>> from cxcore.errors import CxError, NaiveDatetimeError
    >>> issubclass(NaiveDatetimeError, CxError) and issubclass(NaiveDatetimeError, ValueError)
    True

Sections below group the errors by the part of the library that raises them; each part adds its
own errors here rather than defining a second root.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = [
    "CalendarError",
    "CapacityError",
    "CatalogError",
    "ConditionError",
    "CurrencyMismatchError",
    "CxError",
    "FrozenValueError",
    "InvalidInputError",
    "InvalidTransitionError",
    "LimitExceededError",
    "MissingExtraError",
    "MissingTimezoneError",
    "MissingVariableError",
    "NaiveDatetimeError",
    "NegativeDurationError",
    "NegativeSpanError",
    "NoOpenTimeError",
    "PlaybookError",
    "PolicyError",
    "RuleError",
    "ScoreOutOfRangeError",
    "SequenceConflictError",
    "StreamNotFoundError",
    "TemplateError",
    "TemplateSyntaxError",
    "TimelineError",
    "UnknownCurrencyError",
    "UnknownLocaleError",
    "UnknownTimezoneError",
    "UnsafeTemplateError",
    "UnsafeUrlError",
    "WebhookVerificationError",
]


class CxError(Exception):
    """Root of every error cxcore raises on purpose.

    Examples:
        >>> try:
        ...     raise CxError("something went wrong")
        ... except CxError as exc:
        ...     print(exc)
        something went wrong
    """


# --- foundation: values, time, money, models -------------------------------------------------


class FrozenValueError(CxError, TypeError, ValueError):
    """Something tried to change a cxcore value after it was made: set a field of a frozen
    model, or write into one of its mappings. Make a changed copy instead
    (``model_copy(update=...)``). It is a ``TypeError`` as Python's own read-only types raise,
    and a ``ValueError`` as pydantic's frozen-instance error was.

    Examples:
        >>> from cxcore.sla import BusinessCalendar
        >>> cal = BusinessCalendar(timezone="UTC")
        >>> cal.hours["sat"] = (("09:00", "12:00"),)
        Traceback (most recent call last):
        ...
        cxcore.errors.FrozenValueError: this mapping belongs to a frozen cxcore value and cannot \
    change; make a changed copy with model_copy(update=...)
    """


class InvalidInputError(CxError, ValueError):
    """A value did not validate; ``problems`` lists every problem found, with its location.

    Raised when building a model fails for a reason that has no more specific error (a missing
    field, a wrong type, an unexpected key).

    Examples:
        >>> err = InvalidInputError("2 problems", problems=[("id",), ("name",)])
        >>> len(err.problems)
        2
    """

    def __init__(self, message: str, problems: Sequence[Any] = ()) -> None:
        super().__init__(message)
        self.problems: tuple[Any, ...] = tuple(problems)


class NaiveDatetimeError(CxError, ValueError):
    """A datetime without a time zone was given where an aware one is required.

    Examples:
        >>> from datetime import datetime
        >>> from cxcore import ManualClock
        >>> ManualClock(datetime(2026, 5, 4, 9, 0))
        Traceback (most recent call last):
        ...
        cxcore.errors.NaiveDatetimeError: start 2026-05-04T09:00:00 has no time zone; ...
    """


class LimitExceededError(CxError, ValueError):
    """A value or a piece of work is larger than a documented cap (a duration longer than ten
    years, a file or a TOML nesting deeper than the loader reads). The message names the cap
    and, where it can be raised, how.

    Examples:
        >>> from datetime import timedelta
        >>> from cxcore._time import ensure_bounded
        >>> ensure_bounded(timedelta(days=10**6))
        Traceback (most recent call last):
        ...
        cxcore.errors.LimitExceededError: duration 1000000 days, 0:00:00 is longer than the cap of \
    3660 days (about ten years); ...
    """


class UnknownTimezoneError(CxError, ValueError):
    """A time zone name is not a known IANA zone.

    Examples:
        >>> from cxcore.sla import BusinessCalendar
        >>> BusinessCalendar.always_open("Europe/Atlantis")
        Traceback (most recent call last):
        ...
        cxcore.errors.UnknownTimezoneError: unknown time zone 'Europe/Atlantis'; ...
    """


class NegativeDurationError(CxError, ValueError):
    """A duration that must not be negative was negative.

    Examples:
        >>> from datetime import datetime, timedelta, timezone
        >>> from cxcore.sla import BusinessCalendar
        >>> start = datetime(2026, 5, 4, 9, tzinfo=timezone.utc)
        >>> BusinessCalendar.always_open().add(start, timedelta(minutes=-5))
        Traceback (most recent call last):
        ...
        cxcore.errors.NegativeDurationError: duration must not be negative, got -1 day, 23:55:00
    """


class UnknownCurrencyError(CxError, ValueError):
    """A currency code is not an ISO 4217 code known to CLDR (through Babel).

    Examples:
        >>> from cxcore.money import Money
        >>> Money.of("10", "XYZ")
        Traceback (most recent call last):
        ...
        cxcore.errors.UnknownCurrencyError: unknown currency 'XYZ'; ...
    """


class CurrencyMismatchError(CxError, ValueError):
    """Two amounts in different currencies were combined.

    Examples:
        >>> from cxcore.money import Money
        >>> Money.of("1", "EUR") + Money.of("1", "PLN")
        Traceback (most recent call last):
        ...
        cxcore.errors.CurrencyMismatchError: cannot add EUR and PLN amounts; ...
    """


class UnknownLocaleError(CxError, ValueError):
    """A locale identifier is malformed or unknown to CLDR.

    Examples:
        >>> from cxcore import Money
        >>> Money.of("10", "EUR").format("xx-QQ")
        Traceback (most recent call last):
        ...
        cxcore.errors.UnknownLocaleError: unknown locale 'xx-QQ'; ...
    """


class TimelineError(CxError, ValueError):
    """Events describe an impossible order of things (an event before creation, a reply before
    the message it answers, a delivery before the order).

    Examples:
        >>> raise TimelineError("event at 09:00 is before the ticket was created at 10:00")
        Traceback (most recent call last):
        ...
        cxcore.errors.TimelineError: event at 09:00 is before the ticket was created at 10:00
    """


class NegativeSpanError(NegativeDurationError, TimelineError):
    """A span of time was measured from a ``start`` to an earlier ``end``. It is both a
    [`NegativeDurationError`][cxcore.errors.NegativeDurationError] (the span would be negative) and
    a [`TimelineError`][cxcore.errors.TimelineError] (the two instants are out of order), so
    handlers of either catch it.

    Examples:
        >>> from datetime import datetime, timezone
        >>> from cxcore.sla.calendar_time import CalendarTime
        >>> CalendarTime().elapsed(datetime(2026, 5, 4, 10, tzinfo=timezone.utc),
        ...                        datetime(2026, 5, 4, 9, tzinfo=timezone.utc))
        Traceback (most recent call last):
        ...
        cxcore.errors.NegativeSpanError: end 2026-05-04T09:00:00+00:00 is before start ...
    """


# --- SLA clock ---------------------------------------------------------------------------------


class CalendarError(CxError, ValueError):
    """A business calendar definition is invalid (overlapping intervals, a bad weekday key).

    Examples:
        >>> raise CalendarError("mon: intervals 09:00-12:00 and 11:00-13:00 overlap")
        Traceback (most recent call last):
        ...
        cxcore.errors.CalendarError: mon: intervals 09:00-12:00 and 11:00-13:00 overlap
    """


class NoOpenTimeError(CxError, ValueError):
    """A calendar operation could never finish because the calendar has no open time left.

    Examples:
        >>> raise NoOpenTimeError("calendar has no open time after 2026-01-01T00:00:00+00:00")
        Traceback (most recent call last):
        ...
        cxcore.errors.NoOpenTimeError: calendar has no open time after 2026-01-01T00:00:00+00:00
    """


class PolicyError(CxError, ValueError):
    """A policy (SLA or returns) is invalid: a zero or negative target, a rule that conflicts.

    Examples:
        >>> raise PolicyError("first_reply target must be positive, got 0:00:00")
        Traceback (most recent call last):
        ...
        cxcore.errors.PolicyError: first_reply target must be positive, got 0:00:00
    """


# --- canned responses --------------------------------------------------------------------------


class TemplateError(CxError, ValueError):
    """Base of errors about a message template.

    Examples:
        >>> issubclass(TemplateSyntaxError, TemplateError)
        True
    """


class TemplateSyntaxError(TemplateError):
    """A message template is not valid ICU MessageFormat.

    Examples:
        >>> raise TemplateSyntaxError("unexpected '}' at offset 7")
        Traceback (most recent call last):
        ...
        cxcore.errors.TemplateSyntaxError: unexpected '}' at offset 7
    """


class UnsafeTemplateError(TemplateError):
    """A template or a value would break a safety limit (nesting depth, output length, a value
    that is not plain data).

    Examples:
        >>> raise UnsafeTemplateError("output longer than 100000 characters")
        Traceback (most recent call last):
        ...
        cxcore.errors.UnsafeTemplateError: output longer than 100000 characters
    """


class UnsafeUrlError(UnsafeTemplateError):
    """A value declared as a URL is not an absolute ``http``/``https`` link (or ``mailto:`` /
    ``tel:``), so placed in ``href`` it could run script (``javascript:``), embed content
    (``data:``) or go to a host the template did not choose (``//host``).

    Examples:
        >>> raise UnsafeUrlError("'javascript:alert(1)' uses scheme 'javascript'")
        Traceback (most recent call last):
        ...
        cxcore.errors.UnsafeUrlError: 'javascript:alert(1)' uses scheme 'javascript'
    """


class MissingVariableError(TemplateError):
    """A template needs a value that was not given and has no declared fallback.

    Examples:
        >>> raise MissingVariableError("template 'order.delayed' needs 'order_id'")
        Traceback (most recent call last):
        ...
        cxcore.errors.MissingVariableError: template 'order.delayed' needs 'order_id'
    """


class CatalogError(CxError, ValueError):
    """A response catalog cannot be loaded or has no response for a key.

    Examples:
        >>> raise CatalogError("no response with key 'order.lost'")
        Traceback (most recent call last):
        ...
        cxcore.errors.CatalogError: no response with key 'order.lost'
    """


# --- complaints ----------------------------------------------------------------------------------


class InvalidTransitionError(CxError, ValueError):
    """A workflow event is not allowed in the current stage, or a guard refuses it.

    Examples:
        >>> raise InvalidTransitionError("cannot apologise before the account is captured")
        Traceback (most recent call last):
        ...
        cxcore.errors.InvalidTransitionError: cannot apologise before the account is captured
    """


class SequenceConflictError(CxError):
    """An event was appended with a sequence number other than the expected next one: someone
    else changed the history first (optimistic concurrency).

    Examples:
        >>> raise SequenceConflictError("expected sequence 4, got 3")
        Traceback (most recent call last):
        ...
        cxcore.errors.SequenceConflictError: expected sequence 4, got 3
    """


# --- metrics -------------------------------------------------------------------------------------


class ScoreOutOfRangeError(CxError, ValueError):
    """A survey score lies outside its scale (scores are never clamped).

    Examples:
        >>> raise ScoreOutOfRangeError("NPS score 11 is outside 0..10")
        Traceback (most recent call last):
        ...
        cxcore.errors.ScoreOutOfRangeError: NPS score 11 is outside 0..10
    """


# --- capacity ------------------------------------------------------------------------------------


class CapacityError(CxError, ValueError):
    """A staffing or forecasting input is out of range (a negative arrival count, a service goal
    of 100%, a roster with the wrong number of hours) or a goal cannot be reached.

    Examples:
        >>> raise CapacityError("service goal share must be between 0 and 1 (exclusive), got 1.0")
        Traceback (most recent call last):
        ...
        cxcore.errors.CapacityError: service goal share must be between 0 and 1 (exclusive), got 1.0
    """


# --- playbook ------------------------------------------------------------------------------------


class PlaybookError(CxError, ValueError):
    """A playbook file is invalid; the message names the file and the key.

    Examples:
        >>> raise PlaybookError("playbook.toml: [sla] target 'first_reply' must be positive")
        Traceback (most recent call last):
        ...
        cxcore.errors.PlaybookError: playbook.toml: [sla] target 'first_reply' must be positive
    """


# --- event store ---------------------------------------------------------------------------------


class StreamNotFoundError(CxError, LookupError):
    """An event stream (a complaint's history, a return's lifecycle) has no events in the store.

    Examples:
        >>> raise StreamNotFoundError("no complaint stream 'CMP-404' in the store")
        Traceback (most recent call last):
        ...
        cxcore.errors.StreamNotFoundError: no complaint stream 'CMP-404' in the store
    """


# --- conditions, rules, events ------------------------------------------------------------------


class MissingTimezoneError(CxError, ValueError):
    """A customer-facing time needs a zone and none was given; cxcore never assumes UTC.

    Examples:
        >>> raise MissingTimezoneError("customer 'C-1' has no time zone")
        Traceback (most recent call last):
        ...
        cxcore.errors.MissingTimezoneError: customer 'C-1' has no time zone
    """


class ConditionError(CxError, ValueError):
    """A condition is malformed or names a field path that does not exist.

    Examples:
        >>> raise ConditionError("unknown field path 'ticket.colour'; known: ticket.channel")
        Traceback (most recent call last):
        ...
        cxcore.errors.ConditionError: unknown field path 'ticket.colour'; known: ticket.channel
    """


class RuleError(CxError, ValueError):
    """An automation rule is invalid (no actions, a bad trigger, a memo for another subject).

    Examples:
        >>> raise RuleError("rule 'vip' has no actions")
        Traceback (most recent call last):
        ...
        cxcore.errors.RuleError: rule 'vip' has no actions
    """


class WebhookVerificationError(CxError, ValueError):
    """A webhook's signature, id or timestamp did not verify; do not trust its body.

    Examples:
        >>> raise WebhookVerificationError("no matching signature")
        Traceback (most recent call last):
        ...
        cxcore.errors.WebhookVerificationError: no matching signature
    """


class MissingExtraError(CxError, ImportError):
    """An optional feature was used without its extra installed; the message names the extra.

    Examples:
        >>> raise MissingExtraError('pip install "cxcore[webhooks]"')
        Traceback (most recent call last):
        ...
        cxcore.errors.MissingExtraError: pip install "cxcore[webhooks]"
    """
