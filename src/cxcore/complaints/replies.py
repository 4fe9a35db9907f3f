"""Replies: building a complaint's next event and rendering the canned response it calls for.

[`ComplaintReplies`][cxcore.complaints.replies.ComplaintReplies] holds the methods a
[`Complaint`][cxcore.Complaint] offers its host for each step of the conversation:
[`record`][cxcore.complaints.replies.ComplaintReplies.record] fills in the next sequence number
and the time, applies the event and returns both;
[`reply_for`][cxcore.complaints.replies.ComplaintReplies.reply_for] renders the response that
belongs to that event. ``Complaint`` inherits them, so they are called on a complaint
(``complaint.record(...)``); they read the complaint through
[`RepliableComplaint`][cxcore.complaints.replies.RepliableComplaint] and so never import it.

Examples:
    >>> from datetime import datetime, timezone
    >>> from cxcore.complaints import Acknowledged, Complaint, ComplaintReceived
    >>> from cxcore.tickets import Customer
    >>> t0 = datetime(2026, 5, 4, 9, tzinfo=timezone.utc)
    >>> complaint = Complaint.start(ComplaintReceived(sequence=1, at=t0, actor="web",
    ...     complaint_id="CMP-1", customer=Customer(id="C"), channel="email",
    ...     reason="late_delivery"))
    >>> isinstance(complaint, ComplaintReplies)
    True
    >>> complaint, event = complaint.record(Acknowledged, actor="agent-1", at=t0)
    >>> event.sequence, complaint.version
    (2, 2)
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Protocol, Self, TypeVar, cast, runtime_checkable

from cxcore._model import CxModel
from cxcore._time import Clock, ensure_aware
from cxcore.complaints.events import ComplaintEvent
from cxcore.complaints.timers import ComplaintTimers
from cxcore.complaints.values import Compensation, ComplaintReason, Recourse
from cxcore.errors import InvalidInputError, MissingTimezoneError
from cxcore.responses.catalog import RenderedResponse, ResponseCatalog
from cxcore.tickets import Channel, Customer

__all__ = ["ComplaintReplies", "RepliableComplaint"]

E = TypeVar("E", bound=CxModel)


@runtime_checkable
class RepliableComplaint(Protocol):
    """What the replies read of a complaint (a [`Complaint`][cxcore.Complaint] has all of it).

    Examples:
        >>> from datetime import datetime, timezone
        >>> from cxcore.complaints import Complaint, ComplaintReceived
        >>> complaint = Complaint.start(ComplaintReceived(sequence=1, actor="web",
        ...     at=datetime(2026, 5, 4, 9, tzinfo=timezone.utc), complaint_id="CMP-1",
        ...     customer=Customer(id="C"), channel="email", reason="late_delivery"))
        >>> isinstance(complaint, RepliableComplaint)
        True
    """

    @property
    def id(self) -> str:
        """The complaint's id."""
        ...

    @property
    def customer(self) -> Customer:
        """Who complained."""
        ...

    @property
    def channel(self) -> Channel:
        """Where the complaint came in."""
        ...

    @property
    def reason(self) -> ComplaintReason:
        """What the complaint is about."""
        ...

    @property
    def contact_attempts(self) -> int:
        """Verification requests sent in the current round."""
        ...

    @property
    def recourse(self) -> Recourse | None:
        """The out-of-court body named when the complaint was closed unresolved."""
        ...

    @property
    def next_sequence(self) -> int:
        """The sequence number the next event must carry."""
        ...

    def apply(self, event: ComplaintEvent) -> Self:
        """The complaint after ``event``."""
        ...

    def next_update_due(self, timers: ComplaintTimers | None = None) -> datetime | None:
        """When the customer must next hear from the shop."""
        ...


C = TypeVar("C", bound=RepliableComplaint)


class ComplaintReplies:
    """The reply helpers every [`Complaint`][cxcore.Complaint] has: build and record the next
    event, and render the canned response it calls for.

    Examples:
        >>> from cxcore.complaints import Complaint
        >>> Complaint.reply_for is ComplaintReplies.reply_for
        True
    """

    __slots__ = ()

    def next_event(
        self: RepliableComplaint,
        kind: type[E],
        *,
        actor: str,
        at: datetime | None = None,
        clock: Clock | None = None,
        **fields: Any,
    ) -> E:
        """An event of ``kind`` with ``sequence`` filled from this complaint and ``at`` from
        ``at`` or the injected ``clock`` (give exactly one).

        Examples:
            >>> from datetime import datetime, timezone
            >>> from cxcore._time import FixedClock
            >>> from cxcore.complaints import Acknowledged, Complaint, ComplaintReceived
            >>> t0 = datetime(2026, 5, 4, 9, tzinfo=timezone.utc)
            >>> complaint = Complaint.start(ComplaintReceived(sequence=1, at=t0, actor="web",
            ...     complaint_id="CMP-3", customer=Customer(id="C"), channel="email",
            ...     reason="late_delivery"))
            >>> event = complaint.next_event(Acknowledged, actor="agent-1", clock=FixedClock(t0))
            >>> event.sequence, event.at == t0
            (2, True)
        """
        if at is None and clock is not None:
            at = clock.now()
        elif at is None or clock is not None:
            raise InvalidInputError(
                f"complaint {self.id!r}: give the event time as exactly one of at= or clock="
            )
        when = ensure_aware(at, "at")
        return kind.model_validate(
            {"sequence": self.next_sequence, "at": when, "actor": actor, **fields}
        )

    def record(
        self: C,
        kind: type[E],
        *,
        actor: str,
        at: datetime | None = None,
        clock: Clock | None = None,
        **fields: Any,
    ) -> tuple[C, E]:
        """Build the next event (see
        [`next_event`][cxcore.complaints.replies.ComplaintReplies.next_event]), apply it, return
        both.

        Examples:
            >>> from datetime import datetime, timezone
            >>> from cxcore.complaints import Acknowledged, Complaint, ComplaintReceived
            >>> t0 = datetime(2026, 5, 4, 9, tzinfo=timezone.utc)
            >>> complaint = Complaint.start(ComplaintReceived(sequence=1, at=t0, actor="web",
            ...     complaint_id="CMP-4", customer=Customer(id="C"), channel="email",
            ...     reason="late_delivery"))
            >>> complaint, event = complaint.record(Acknowledged, actor="agent-1", at=t0)
            >>> complaint.version
            2
        """
        event = ComplaintReplies.next_event(self, kind, actor=actor, at=at, clock=clock, **fields)
        # E is one of the event kinds (a ComplaintEvent); apply checks it like any other event.
        return self.apply(cast("ComplaintEvent", event)), event

    def reply_values(
        self: RepliableComplaint, event: ComplaintEvent, timers: ComplaintTimers | None = None
    ) -> dict[str, object]:
        """What the complaint's canned responses can say about ``event``: its id, reason, the
        next deadline, the event's note, remedy, amount and reference (absent ones left out).

        Examples:
            >>> from datetime import datetime, timezone
            >>> from cxcore.complaints import Acknowledged, Complaint, ComplaintReceived
            >>> t0 = datetime(2026, 5, 4, 9, tzinfo=timezone.utc)
            >>> complaint = Complaint.start(ComplaintReceived(sequence=1, at=t0, actor="web",
            ...     complaint_id="CMP-6", customer=Customer(id="C", name="Ewa"), channel="email",
            ...     reason="late_delivery"))
            >>> complaint, event = complaint.record(Acknowledged, actor="agent-1", at=t0)
            >>> values = complaint.reply_values(event)
            >>> values["customer_name"], values["complaint_id"], values["reason"]
            ('Ewa', 'CMP-6', 'late_delivery')
        """
        due = self.next_update_due(timers) or event.at
        values: dict[str, object] = {
            "customer_name": self.customer.name or None,
            "complaint_id": self.id,
            "reason": self.reason.value,
            "reply_by": due,
            "next_update_by": due,
            "progress": getattr(event, "note", None) or None,
            "attempts": self.contact_attempts,
        }
        remedies = getattr(event, "remedies", ())
        remedy: Compensation | None = getattr(event, "remedy", None) or next(iter(remedies), None)
        if remedy is not None:
            values.update(remedy=remedy.kind.value, amount=remedy.amount)
            values["reference"] = getattr(event, "reference", None) or None
        if self.recourse is not None:
            values.update(recourse_name=self.recourse.name, recourse_url=str(self.recourse.url))
        return {key: value for key, value in values.items() if value is not None}

    def reply_for(
        self: RepliableComplaint,
        event: ComplaintEvent,
        catalog: ResponseCatalog,
        *,
        locale: str | None = None,
        timezone: str | None = None,
        channel: str | None = None,
        timers: ComplaintTimers | None = None,
        values: Mapping[str, object] | None = None,
    ) -> RenderedResponse | None:
        """Render the canned response that belongs to ``event`` (after it was applied), with
        the values the complaint knows plus ``values``; ``None`` for events without one.

        The language defaults to the customer's and the zone to the customer's; a customer
        without a zone needs ``timezone`` (usually the shop's,
        [Playbook.customer_timezone][cxcore.playbook.model.Playbook.customer_timezone]).

        Examples:
            >>> from datetime import datetime, timezone
            >>> from cxcore.complaints import Acknowledged, Complaint, ComplaintReceived
            >>> from cxcore.responses import builtin_catalog
            >>> t0 = datetime(2026, 5, 4, 9, tzinfo=timezone.utc)
            >>> anna = Customer(id="C-1", locale="en", timezone="Europe/Warsaw")
            >>> complaint = Complaint.start(ComplaintReceived(sequence=1, at=t0, actor="web",
            ...     complaint_id="CMP-5", customer=anna, channel="email", reason="late_delivery"))
            >>> complaint, event = complaint.record(Acknowledged, actor="agent-1", at=t0)
            >>> "CMP-5" in complaint.reply_for(event, builtin_catalog()).text
            True
        """
        key = type(event).response_key
        if key is None or key not in catalog:
            return None
        zone = timezone if timezone is not None else self.customer.timezone
        if zone is None:
            raise MissingTimezoneError(
                f"complaint {self.id!r}: customer {self.customer.id!r} has no time zone; pass "
                "timezone= explicitly, e.g. the shop's zone from Playbook.customer_timezone()"
            )
        known = {**ComplaintReplies.reply_values(self, event, timers), **(values or {})}
        declared = catalog.get(key).variables
        return catalog.render(
            key,
            locale=locale or self.customer.locale,
            channel=channel or self.channel.value,
            values={k: v for k, v in known.items() if k in declared},
            tz=zone,
        )
