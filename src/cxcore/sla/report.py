"""What [`cxcore.sla.clock.evaluate`][cxcore.evaluate] returns: one measurement per metric instance.

Examples:
    >>> from datetime import datetime, timedelta, timezone
    >>> t0 = datetime(2026, 5, 4, 9, tzinfo=timezone.utc)
    >>> m = SlaMeasurement(metric="first_reply", rule="default", target=timedelta(hours=1),
    ...                    state="breached", started_at=t0, due_at=t0 + timedelta(hours=1),
    ...                    elapsed=timedelta(minutes=75), remaining=timedelta(0),
    ...                    breached_by=timedelta(minutes=15), level=2, threshold=1.0)
    >>> m.is_breached, m.completed
    (True, False)
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from enum import StrEnum

from pydantic import Field

from cxcore._model import CxModel
from cxcore._time import AwareDatetime, NonNegativeDuration
from cxcore.sla.policy import SlaMetric
from cxcore.tickets import Channel, Priority

__all__ = ["SlaMeasurement", "SlaReport", "SlaState"]


class SlaState(StrEnum):
    """Where one measurement stands.

    ``active``: the clock runs and the due time is ahead. ``paused``: a pausing status (e.g.
    ``pending``) stopped the clock before the due time. ``achieved``: completed on time.
    ``breached``: the due time passed before completion (whether or not it completed since).

    Examples:
        >>> SlaState.BREACHED.value
        'breached'
    """

    ACTIVE = "active"
    PAUSED = "paused"
    ACHIEVED = "achieved"
    BREACHED = "breached"


class SlaMeasurement(CxModel):
    """One instance of one metric on one ticket, as of the report's ``at``.

    Durations (``elapsed``, ``remaining``, ``breached_by``) are measured on the target's own
    clock: business time for business-hours targets, real time otherwise, paused statuses not
    counted. ``due_at`` is the instant the clock reaches the target (a deadline that uses up an
    open interval exactly lands on its closing instant); it is ``None`` while paused, because it
    depends on when the clock resumes. A measurement is breached when it is not completed by
    ``due_at``; ``breached_by`` is how much of the target's clock ran past the target (zero when
    the reply came after a due time at closing but before the next opening).

    ``level`` counts the thresholds reached (see
    [`SlaTarget.thresholds`][cxcore.sla.policy.SlaTarget.thresholds]): 0 none, 1 warning, 2
    breached, 3 and up the escalations; ``threshold`` is the share of the last one reached.
    ``next_threshold_at`` is when a running clock reaches its next threshold: re-evaluate then if
    nothing else happens.

    Examples:
        >>> from datetime import datetime, timezone
        >>> t0 = datetime(2026, 5, 4, 9, tzinfo=timezone.utc)
        >>> SlaMeasurement(metric="resolution", rule="r", target=timedelta(hours=8), state="paused",
        ...                started_at=t0, elapsed=timedelta(hours=2), remaining=timedelta(hours=6),
        ...                paused=True).due_at is None
        True
    """

    metric: SlaMetric
    index: int = Field(default=0, ge=0)
    """Which instance of a recurring metric this is (0 for the first)."""
    rule: str
    """Name of the policy rule the target came from."""
    target: NonNegativeDuration
    business_hours: bool = True
    state: SlaState
    started_at: AwareDatetime
    due_at: AwareDatetime | None = None
    completed_at: AwareDatetime | None = None
    completed_by: str | None = None
    """Id of the message that completed it; ``None`` if solving the ticket did, or not done."""
    elapsed: NonNegativeDuration
    remaining: NonNegativeDuration
    breached_by: NonNegativeDuration | None = None
    paused: bool = False
    """True if the clock is stopped by a pausing status at the report's ``at``."""
    level: int = Field(default=0, ge=0)
    threshold: float | None = None
    next_threshold_at: AwareDatetime | None = None

    @property
    def completed(self) -> bool:
        """True once a reply, an update or solving the ticket ended this measurement."""
        return self.completed_at is not None

    @property
    def is_breached(self) -> bool:
        """True if the target was missed."""
        return self.state is SlaState.BREACHED

    @property
    def used(self) -> float:
        """Elapsed time as a share of the target (1.0 = the whole target used)."""
        return self.elapsed / self.target


class SlaReport(CxModel):
    """Every SLA measurement of one ticket at one instant.

    ``priority`` is the ticket's priority at ``at`` and ``rule`` the policy rule it selects;
    measurements completed earlier keep the rule that applied when they completed. Datetimes are
    given in the time zone of ``at``.

    Examples:
        >>> from datetime import datetime, timezone
        >>> at = datetime(2026, 5, 4, 9, tzinfo=timezone.utc)
        >>> SlaReport(ticket_id="T-1", priority="normal", channel="email", at=at, policy="P",
        ...           rule=None).measurements
        ()
    """

    ticket_id: str
    priority: Priority
    channel: Channel
    at: AwareDatetime
    policy: str
    rule: str | None
    measurements: tuple[SlaMeasurement, ...] = ()

    def of(self, metric: SlaMetric | str) -> tuple[SlaMeasurement, ...]:
        """Every instance of ``metric``, oldest first."""
        wanted = SlaMetric(metric)
        return tuple(m for m in self.measurements if m.metric is wanted)

    def current(self, metric: SlaMetric | str) -> SlaMeasurement | None:
        """The latest instance of ``metric``, if any."""
        found = self.of(metric)
        return found[-1] if found else None

    @property
    def running(self) -> tuple[SlaMeasurement, ...]:
        """Measurements not completed yet (active, paused, or breached and still open)."""
        return tuple(m for m in self.measurements if m.completed_at is None)

    @property
    def breached(self) -> tuple[SlaMeasurement, ...]:
        """Measurements whose target was missed."""
        return tuple(m for m in self.measurements if m.state is SlaState.BREACHED)

    @property
    def next_threshold_at(self) -> datetime | None:
        """The earliest instant a running clock reaches a threshold; ``None`` if none will.

        Between events, nothing in the report changes state before this instant, so a host can
        schedule the next evaluation for then.
        """
        upcoming = [m.next_threshold_at for m in self.measurements if m.next_threshold_at]
        return min(upcoming, key=lambda moment: moment.astimezone(UTC)) if upcoming else None

    def total_elapsed(self, metric: SlaMetric | str) -> timedelta:
        """Sum of ``elapsed`` over every instance of ``metric``."""
        return sum((m.elapsed for m in self.of(metric)), timedelta(0))
