"""What the workflow's guards and the fold read of a complaint.

[`check_guards`][cxcore.complaints.workflow.check_guards] and the fold's table of effects work on
a complaint's state, but a [`Complaint`][cxcore.Complaint] is built from them: they read it
through [`ComplaintState`][cxcore.complaints.state.ComplaintState] and never import it, so the
value depends on its services and not the other way round.

Examples:
    >>> from datetime import datetime, timezone
    >>> from cxcore.complaints import Complaint, ComplaintReceived
    >>> from cxcore.tickets import Customer
    >>> complaint = Complaint.start(ComplaintReceived(sequence=1, actor="web",
    ...     at=datetime(2026, 5, 4, 9, tzinfo=timezone.utc), complaint_id="CMP-1",
    ...     customer=Customer(id="C"), channel="email", reason="late_delivery"))
    >>> isinstance(complaint, ComplaintState)
    True
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol, runtime_checkable

from cxcore._history import History
from cxcore.complaints.records import RecordedRemedy, VerificationResult
from cxcore.complaints.values import Compensation, Stage

__all__ = ["ComplaintState"]


@runtime_checkable
class ComplaintState(Protocol):
    """The fields of a complaint that decide which events it accepts and what they change
    (see [`Complaint`][cxcore.Complaint] for their meaning).

    Examples:
        >>> sorted(name for name in dir(ComplaintState) if name.startswith("awaiting"))
        ['awaiting_remedies']
    """

    @property
    def id(self) -> str:
        """The complaint's id."""
        ...

    @property
    def stage(self) -> Stage:
        """Where the complaint is in the workflow."""
        ...

    @property
    def account(self) -> str | None:
        """The customer's account in their own words, once captured."""
        ...

    @property
    def acknowledged_at(self) -> datetime | None:
        """When the complaint was acknowledged."""
        ...

    @property
    def desired_outcome(self) -> Compensation | None:
        """The remedy the customer asked for."""
        ...

    @property
    def offered(self) -> History[Compensation]:
        """Every remedy offered so far."""
        ...

    @property
    def open_offer(self) -> tuple[Compensation, ...]:
        """The proposal awaiting the customer's answer."""
        ...

    @property
    def accepted(self) -> History[Compensation]:
        """Every remedy the customer accepted."""
        ...

    @property
    def awaiting_remedies(self) -> tuple[Compensation, ...]:
        """Accepted remedies not yet carried out."""
        ...

    @property
    def carried_out(self) -> History[RecordedRemedy]:
        """Remedies carried out, with when and the shop's reference."""
        ...

    @property
    def remedy_recorded(self) -> bool:
        """Whether a remedy was carried out in the current round."""
        ...

    @property
    def customer_rejected(self) -> bool:
        """Whether the customer turned down the latest proposal or verification."""
        ...

    @property
    def satisfied(self) -> bool | None:
        """The customer's latest answer to "are you satisfied?"."""
        ...

    @property
    def verifications(self) -> History[VerificationResult]:
        """Every answer to "are you satisfied?"."""
        ...

    @property
    def contact_attempts(self) -> int:
        """Verification requests sent in the current round."""
        ...

    @property
    def updates_sent(self) -> int:
        """Progress updates sent."""
        ...

    @property
    def reopen_count(self) -> int:
        """How often a failed verification sent the complaint back to resolve."""
        ...
