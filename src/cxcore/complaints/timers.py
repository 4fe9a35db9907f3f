"""Complaint deadlines: acknowledge at once, then update the customer on a steady rhythm.

ISO 10002:2018 asks for an immediate acknowledgement (7.4) and status at regular intervals
(7.3). [`ComplaintTimers`][cxcore.ComplaintTimers] holds those two targets and the calendar they are
counted in. The coupling to the SLA package is one method: anything with ``add(start, duration)``
works as the calendar, e.g. a ``cxcore.sla.calendar.BusinessCalendar`` for business hours, or the
default [`CalendarTime`][cxcore.sla.CalendarTime] for round-the-clock time.

Examples:
    >>> from datetime import datetime, timedelta, timezone
    >>> timers = ComplaintTimers(update_every=timedelta(hours=8))
    >>> timers.due(datetime(2026, 5, 4, 9, tzinfo=timezone.utc), timers.update_every).isoformat()
    '2026-05-04T17:00:00+00:00'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol, runtime_checkable

from cxcore._time import ensure_aware
from cxcore.errors import PolicyError
from cxcore.sla.calendar_time import CalendarTime
from cxcore.sla.policy import SlaMetric, SlaPolicy
from cxcore.tickets import Channel, Priority

__all__ = [
    "ComplaintTimers",
    "DeadlineCalendar",
    "timers_or_default",
]


@runtime_checkable
class DeadlineCalendar(Protocol):
    """What complaints need from a calendar: a due time ``duration`` of working time after
    ``start``. ``cxcore.sla.calendar.BusinessCalendar`` and
    ``cxcore.sla.calendar_time.CalendarTime`` satisfy it.

    Examples:
        >>> from cxcore.sla.calendar_time import CalendarTime
        >>> isinstance(CalendarTime(), DeadlineCalendar)
        True
    """

    def add(self, start: datetime, duration: timedelta) -> datetime:
        """The instant ``duration`` of counted time after ``start``."""
        ...


@dataclass(frozen=True)
class ComplaintTimers:
    """The deadlines a shop promises on complaints.

    ``acknowledge_within``: from receipt to the acknowledgement. ``update_every``: the longest
    gap between two messages to the customer while the complaint is open (the SLA
    periodic-update target). ``calendar`` counts both (default: round-the-clock
    [`CalendarTime`][cxcore.sla.CalendarTime], in which a DST change neither stretches nor
    shrinks a deadline).
    ``max_contact_attempts``: how many verification requests go unanswered before
    [`next_actions`][cxcore.next_actions] suggests closing without verification.

    Examples:
        >>> ComplaintTimers(update_every=timedelta(0))
        Traceback (most recent call last):
        ...
        cxcore.errors.PolicyError: update_every must be positive, got 0:00:00
    """

    acknowledge_within: timedelta = timedelta(hours=1)
    update_every: timedelta = timedelta(hours=24)
    calendar: DeadlineCalendar = field(default_factory=CalendarTime)
    max_contact_attempts: int = 3

    def __post_init__(self) -> None:
        for name in ("acknowledge_within", "update_every"):
            value = getattr(self, name)
            if not isinstance(value, timedelta) or value <= timedelta(0):
                raise PolicyError(f"{name} must be positive, got {value}")
        if self.max_contact_attempts < 1:
            raise PolicyError(
                f"max_contact_attempts must be at least 1, got {self.max_contact_attempts}"
            )
        if not isinstance(self.calendar, DeadlineCalendar):
            raise PolicyError(
                f"calendar must have add(start, duration), got {type(self.calendar).__name__}"
            )

    def due(self, start: datetime, duration: timedelta) -> datetime:
        """``duration`` of counted time after ``start``, in ``start``'s zone.

        Examples:
            >>> from datetime import datetime, timezone
            >>> ComplaintTimers().due(datetime(2026, 5, 4, 9, tzinfo=timezone.utc),
            ...                       timedelta(hours=1)).hour
            10

            By default 24 hours are 24 real hours, also over a DST change:

            >>> from zoneinfo import ZoneInfo
            >>> start = datetime(2026, 3, 28, 12, tzinfo=ZoneInfo("Europe/Warsaw"))
            >>> ComplaintTimers().due(start, timedelta(hours=24)).isoformat()
            '2026-03-29T13:00:00+02:00'
        """
        return self.calendar.add(ensure_aware(start, "start"), duration)

    @classmethod
    def from_sla(
        cls,
        policy: SlaPolicy,
        calendar: DeadlineCalendar,
        *,
        priority: Priority | str = Priority.NORMAL,
        channel: Channel | str = Channel.EMAIL,
        max_contact_attempts: int = 3,
    ) -> ComplaintTimers:
        """Timers from an SLA policy: ``periodic_update`` gives ``update_every`` and
        ``first_reply`` (if the matching rule has one) ``acknowledge_within``. The calendar is
        used when the periodic-update target counts business hours, else round-the-clock time.

        Examples:
            >>> from cxcore.sla.policy import SlaPolicy
            >>> targets = {"first_reply": "2h",
            ...            "periodic_update": {"duration": "1d", "business_hours": False}}
            >>> policy = SlaPolicy(name="Shop", rules=[{"name": "all", "targets": targets}])
            >>> from cxcore.sla.calendar_time import CalendarTime
            >>> timers = ComplaintTimers.from_sla(policy, CalendarTime())
            >>> timers.acknowledge_within, timers.update_every
            (datetime.timedelta(seconds=7200), datetime.timedelta(days=1))
        """
        selection = policy.targets_for(priority, channel)
        update = selection.target(SlaMetric.PERIODIC_UPDATE)
        if update is None:
            raise PolicyError(
                f"SLA policy {policy.name!r} has no periodic_update target for priority "
                f"{selection.priority.value!r} on {selection.channel.value!r}; complaints need one"
            )
        acknowledge = selection.target(SlaMetric.FIRST_REPLY)
        return cls(
            acknowledge_within=(
                acknowledge.duration if acknowledge is not None else cls.acknowledge_within
            ),
            update_every=update.duration,
            calendar=calendar if update.business_hours else CalendarTime(),
            max_contact_attempts=max_contact_attempts,
        )


def timers_or_default(timers: object) -> ComplaintTimers:
    """``timers`` itself, or the default timers for ``None``; anything else is a
    [PolicyError][cxcore.errors.PolicyError].

    Examples:
        >>> timers_or_default(None).update_every
        datetime.timedelta(days=1)
    """
    if timers is None:
        return ComplaintTimers()
    if not isinstance(timers, ComplaintTimers):
        raise PolicyError(f"timers must be ComplaintTimers, got {type(timers).__name__}")
    return timers
