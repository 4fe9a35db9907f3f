"""The complaint-handling state machine, as data: stages, triggers, guards and transitions.

``listen -> apologise -> resolve -> inform* -> verify -> closed``; a failed verification goes back
to ``resolve``; ``escalated`` is reachable from every working stage and returns to the stage it
came from. [`TRANSITIONS`][cxcore.complaints.TRANSITIONS] is the whole table;
[`find_transition`][cxcore.complaints.workflow.find_transition] looks one up and
[`check_guards`][cxcore.complaints.workflow.check_guards] applies its guards to a complaint.
[`mermaid_diagram`][cxcore.complaints.mermaid_diagram] draws the table, so the picture in the docs
is generated from the same data the code runs on.

Examples:
    >>> find_transition(Stage.LISTEN, Trigger.APOLOGISED).target
    <Stage.APOLOGISE: 'apologise'>
    >>> [g.value for g in find_transition(Stage.RESOLVE, Trigger.VERIFICATION_REQUESTED).guards]
    ['remedy recorded']
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from cxcore._model import CxModel
from cxcore.complaints.events import (
    ClosedWithoutVerification,
    ComplaintEvent,
    RemedyAccepted,
    RemedyCarriedOut,
    Trigger,
)
from cxcore.complaints.state import ComplaintState
from cxcore.complaints.values import Stage, UnverifiedReason
from cxcore.errors import InvalidTransitionError

__all__ = [
    "OPEN_STAGES",
    "STAGE_RESPONSE_KEYS",
    "TRANSITIONS",
    "WORKING_STAGES",
    "Guard",
    "Transition",
    "allowed_triggers",
    "check_guards",
    "find_transition",
    "mermaid_diagram",
]

WORKING_STAGES: tuple[Stage, ...] = tuple(s for s in Stage if s.is_working)
"""The five handling steps, in order."""

OPEN_STAGES: tuple[Stage, ...] = (*WORKING_STAGES, Stage.ESCALATED)
"""Every stage but ``closed``."""


class Guard(StrEnum):
    """A condition a transition needs besides the stage (its value is the diagram's wording).

    Examples:
        >>> Guard.ACCOUNT_CAPTURED.value
        'account captured'
    """

    NOT_YET_ACKNOWLEDGED = "not yet acknowledged"
    ACCOUNT_CAPTURED = "account captured"
    DESIRED_OUTCOME_RECORDED = "desired outcome recorded"
    OFFER_OPEN = "offer open"
    REMEDY_ACCEPTED = "remedy accepted"
    REMEDY_RECORDED = "remedy recorded"
    CUSTOMER_SATISFIED = "customer satisfied"
    CUSTOMER_DID_NOT_ACCEPT = "customer did not accept"
    ATTEMPTS_RECORDED = "attempts recorded"


class Transition(CxModel):
    """One row of the table: in ``source`` (``None``: a new complaint), ``trigger`` leads to
    ``target`` (``None``: back to the stage the complaint was escalated from) if every guard
    holds.

    Examples:
        >>> Transition(source="verify", trigger="verified_unsatisfied", target="resolve").target
        <Stage.RESOLVE: 'resolve'>
    """

    source: Stage | None
    trigger: Trigger
    target: Stage | None
    guards: tuple[Guard, ...] = ()


def _table() -> tuple[Transition, ...]:
    listen, apologise, resolve, inform, verify = WORKING_STAGES
    escalated, closed = Stage.ESCALATED, Stage.CLOSED
    rows = [Transition(source=None, trigger=Trigger.RECEIVED, target=listen)]

    def add(
        sources: Iterable[Stage], trigger: Trigger, target: Stage | None, *guards: Guard
    ) -> None:
        rows.extend(
            Transition(source=source, trigger=trigger, target=target, guards=guards)
            for source in sources
        )

    def stay(sources: Iterable[Stage], trigger: Trigger, *guards: Guard) -> None:
        rows.extend(
            Transition(source=source, trigger=trigger, target=source, guards=guards)
            for source in sources
        )

    stay([listen], Trigger.ACCOUNT_CAPTURED)
    add(
        [listen],
        Trigger.APOLOGISED,
        apologise,
        Guard.ACCOUNT_CAPTURED,
        Guard.DESIRED_OUTCOME_RECORDED,
    )
    add([apologise, resolve, inform], Trigger.REMEDY_OFFERED, resolve)
    stay([resolve, inform], Trigger.REMEDY_ACCEPTED, Guard.OFFER_OPEN)
    stay([resolve, inform], Trigger.REMEDY_DECLINED, Guard.OFFER_OPEN)
    stay([resolve, inform], Trigger.REMEDY_CARRIED_OUT, Guard.REMEDY_ACCEPTED)
    add([resolve, inform], Trigger.UPDATE_SENT, inform)
    stay([escalated], Trigger.UPDATE_SENT)
    add([resolve, inform], Trigger.VERIFICATION_REQUESTED, verify, Guard.REMEDY_RECORDED)
    stay([verify], Trigger.VERIFICATION_REQUESTED)
    stay([verify], Trigger.VERIFIED_SATISFIED)
    add([verify], Trigger.VERIFIED_UNSATISFIED, resolve)
    add([verify], Trigger.CLOSED, closed, Guard.CUSTOMER_SATISFIED)
    add(
        [resolve, inform, escalated],
        Trigger.CLOSED_UNRESOLVED,
        closed,
        Guard.CUSTOMER_DID_NOT_ACCEPT,
    )
    add(WORKING_STAGES, Trigger.ESCALATED, escalated)
    add([escalated], Trigger.DEESCALATED, None)
    stay(OPEN_STAGES, Trigger.ACKNOWLEDGED, Guard.NOT_YET_ACKNOWLEDGED)
    stay(OPEN_STAGES, Trigger.REASSESSED)
    add(OPEN_STAGES, Trigger.CLOSED_WITHOUT_VERIFICATION, closed, Guard.ATTEMPTS_RECORDED)
    return tuple(rows)


TRANSITIONS: tuple[Transition, ...] = _table()
"""Every allowed transition. A (source, trigger) pair appears at most once."""

_BY_KEY: dict[tuple[Stage | None, Trigger], Transition] = {
    (row.source, row.trigger): row for row in TRANSITIONS
}

STAGE_RESPONSE_KEYS: dict[Stage, str] = {
    Stage.LISTEN: "complaint.acknowledge",
    Stage.APOLOGISE: "complaint.apology",
    Stage.RESOLVE: "complaint.resolution_proposed",
    Stage.INFORM: "complaint.update",
    Stage.VERIFY: "complaint.verify",
    Stage.ESCALATED: "complaint.escalated",
    Stage.CLOSED: "complaint.closed",
}
"""The canned response that fits each stage (the events name theirs too, e.g. a complaint
closed unresolved uses ``complaint.closed_unresolved``)."""


def find_transition(source: Stage | None, trigger: Trigger) -> Transition:
    """The row for ``trigger`` in ``source``;
    [`InvalidTransitionError`][cxcore.errors.InvalidTransitionError] names the triggers that are
    allowed there when there is none.

    Examples:
        >>> find_transition(Stage.CLOSED, Trigger.UPDATE_SENT)
        Traceback (most recent call last):
        ...
        cxcore.errors.InvalidTransitionError: 'update_sent' is not possible in stage 'closed'; ...
    """
    row = _BY_KEY.get((source, trigger))
    if row is None:
        where = "for a new complaint" if source is None else f"in stage {source.value!r}"
        allowed = ", ".join(t.value for t in allowed_triggers(source)) or "nothing (it is final)"
        raise InvalidTransitionError(
            f"{trigger.value!r} is not possible {where}; allowed: {allowed}"
        )
    return row


def allowed_triggers(source: Stage | None) -> tuple[Trigger, ...]:
    """The triggers the table allows in ``source`` (guards not checked), in table order.

    Examples:
        >>> [t.value for t in allowed_triggers(Stage.APOLOGISE)][:2]
        ['remedy_offered', 'escalated']
    """
    return tuple(row.trigger for row in TRANSITIONS if row.source == source)


def _guard_problem(guard: Guard, complaint: ComplaintState, event: ComplaintEvent) -> str | None:
    trigger = event.trigger.value
    if guard is Guard.NOT_YET_ACKNOWLEDGED:
        if complaint.acknowledged_at is not None:
            return f"already acknowledged at {complaint.acknowledged_at.isoformat()}"
    elif guard is Guard.ACCOUNT_CAPTURED:
        if complaint.account is None:
            return f"cannot record {trigger!r} before the customer's account is captured"
    elif guard is Guard.DESIRED_OUTCOME_RECORDED:
        if complaint.desired_outcome is None:
            return (
                f"cannot record {trigger!r} before the outcome the customer wants is recorded "
                "(ISO 10002 7.2: record the remedy sought)"
            )
    elif guard is Guard.OFFER_OPEN:
        if not complaint.open_offer:
            return f"cannot record {trigger!r}: no remedy is on offer"
        if isinstance(event, RemedyAccepted):
            for remedy in event.remedies:
                if remedy not in complaint.open_offer:
                    return f"cannot accept {remedy.kind.value!r}: it is not on offer"
    elif guard is Guard.REMEDY_ACCEPTED:
        if isinstance(event, RemedyCarriedOut) and event.remedy not in complaint.awaiting_remedies:
            return (
                f"cannot record {event.remedy.kind.value!r} as carried out: the customer has not "
                "accepted it, or it is already recorded"
            )
    elif guard is Guard.REMEDY_RECORDED:
        if not complaint.remedy_recorded:
            return f"cannot record {trigger!r} before a remedy is carried out and recorded"
        if complaint.awaiting_remedies:
            kinds = ", ".join(r.kind.value for r in complaint.awaiting_remedies)
            return f"cannot record {trigger!r} while accepted remedies are outstanding: {kinds}"
    elif guard is Guard.CUSTOMER_SATISFIED:
        if complaint.satisfied is not True:
            return (
                f"cannot record {trigger!r} without a verification outcome: record that the "
                "customer is satisfied, or close without verification with a reason"
            )
    elif guard is Guard.CUSTOMER_DID_NOT_ACCEPT and not complaint.customer_rejected:
        return (
            f"cannot record {trigger!r}: the customer's non-acceptance of the latest proposal is "
            "not recorded (record a declined remedy or an unsatisfied verification first)"
        )
    elif guard is Guard.ATTEMPTS_RECORDED:
        return _attempts_problem(complaint, event)
    return None


def _attempts_problem(complaint: ComplaintState, event: ComplaintEvent) -> str | None:
    """A close as unreachable must rest on the contact attempts the complaint recorded itself
    (its verification requests), never on the number the event claims."""
    if not isinstance(event, ClosedWithoutVerification):
        return None
    recorded = complaint.contact_attempts
    if event.reason is UnverifiedReason.CUSTOMER_UNREACHABLE and recorded < 1:
        return (
            "cannot close as customer_unreachable: the complaint records no contact attempt "
            "(record a verification request first)"
        )
    if event.contact_attempts > recorded:
        return (
            f"the event claims {event.contact_attempts} contact attempts but the complaint "
            f"records {recorded}"
        )
    return None


def check_guards(row: Transition, complaint: ComplaintState, event: ComplaintEvent) -> None:
    """Raise [`InvalidTransitionError`][cxcore.errors.InvalidTransitionError] if a guard of ``row``
    fails for ``event`` on ``complaint``.

    Examples:
        >>> from datetime import datetime, timezone
        >>> from cxcore.complaints.events import ComplaintReceived, Apologised
        >>> from cxcore.complaints.complaint import Complaint
        >>> from cxcore.tickets import Customer
        >>> t = datetime(2026, 5, 4, 9, tzinfo=timezone.utc)
        >>> c = Complaint.replay([ComplaintReceived(sequence=1, at=t, actor="a", complaint_id="X",
        ...     customer=Customer(id="C"), channel="email", reason="other")])
        >>> event = Apologised(sequence=2, at=t, actor="a")
        >>> check_guards(find_transition(c.stage, event.trigger), c, event)
        Traceback (most recent call last):
        ...
        cxcore.errors.InvalidTransitionError: complaint 'X': cannot record 'apologised' before ...
    """
    for guard in row.guards:
        problem = _guard_problem(guard, complaint, event)
        if problem is not None:
            raise InvalidTransitionError(f"complaint {complaint.id!r}: {problem}")


def _node(stage: Stage | None) -> str:
    return "[*]" if stage is None else stage.value


def mermaid_diagram(*, self_loops: bool = False) -> str:
    """The transition table as a Mermaid ``stateDiagram-v2`` (one edge per source and target,
    triggers joined, guards after ``if``). Self-loops are left out unless asked for.

    Examples:
        >>> print(mermaid_diagram().splitlines()[1])
            [*] --> listen : received
    """
    edges: dict[tuple[str, str], list[str]] = {}
    for row in TRANSITIONS:
        targets = [row.target] if row.target is not None else list(WORKING_STAGES)
        for target in targets:
            if row.source == target and not self_loops:
                continue
            label = row.trigger.value if row.target is not None else f"{row.trigger.value} (back)"
            if row.guards:
                label += " if " + " and ".join(g.value for g in row.guards)
            edges.setdefault((_node(row.source), target.value), []).append(label)
    order = {name: index for index, name in enumerate(["[*]", *(s.value for s in Stage)])}
    lines = ["stateDiagram-v2"]
    for (start, end), labels in sorted(
        edges.items(), key=lambda item: (order[item[0][0]], order[item[0][1]])
    ):
        lines.append(f"    {start} --> {end} : {'; '.join(labels)}")
    lines.append("    closed --> [*]")
    return "\n".join(lines) + "\n"
