"""First-contact resolution variants, reopen, repeat-contact and escalation rates."""

from __future__ import annotations

import pickle
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxcore.errors import InvalidInputError
from cxcore.metrics import (
    EscalationAccumulator,
    FcrAccumulator,
    FcrVariant,
    ReopenAccumulator,
    RepeatContactAccumulator,
    escalation_rate,
    first_contact_resolution,
    is_first_contact_resolution,
    reopen_rate,
    repeat_contact_rate,
)
from cxcore.tickets import Assignment, Customer, PriorityChange, Ticket
from tests.metrics.strategies import ticket
from tests.strategies import tickets

T0 = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
DAY = timedelta(days=1)

ONE_REPLY = ticket(T0, [(0, "customer"), (30, "agent"), (40, "solved")], "A")
NO_REPLY = ticket(T0, [(0, "customer"), (40, "solved")], "B")
TWO_REPLIES_IN_A_ROW = ticket(
    T0, [(0, "customer"), (30, "agent"), (35, "agent"), (40, "solved")], "C"
)
BACK_AND_FORTH = ticket(T0, [(30, "agent"), (40, "customer"), (50, "agent"), (60, "solved")], "D")
REOPENED = ticket(T0, [(30, "agent"), (40, "solved"), (50, "open"), (60, "solved")], "E")
UNSOLVED = ticket(T0, [(30, "agent")], "F")
NOTE_ONLY = ticket(T0, [(10, "note"), (30, "agent"), (40, "closed")], "G")
ALL = [ONE_REPLY, NO_REPLY, TWO_REPLIES_IN_A_ROW, BACK_AND_FORTH, REOPENED, UNSOLVED, NOTE_ONLY]


@pytest.mark.parametrize(
    ("variant", "expected"),
    [
        (FcrVariant.ONE_REPLY, {"A", "G"}),
        (FcrVariant.AT_MOST_ONE_REPLY, {"A", "B", "G"}),
        (FcrVariant.NO_FOLLOW_UP, {"A", "C", "G"}),
    ],
)
def test_fcr_variants(variant: FcrVariant, expected: set[str]) -> None:
    assert {t.id for t in ALL if is_first_contact_resolution(t, variant)} == expected
    result = first_contact_resolution(ALL, variant)
    assert (result.count, result.n) == (len(expected), 6)  # the unsolved ticket is not counted
    assert result.definition == f"first_contact_resolution/{variant.value}"
    assert result.ci_low is not None and result.ci_low <= result.rate <= result.ci_high  # type: ignore[operator]


def test_reopen_rate_counts_solved_tickets_that_came_back() -> None:
    result = reopen_rate(ALL)
    assert (result.count, result.n) == (1, 6)
    assert result.percent == pytest.approx(100 / 6)
    closed_after_solved = ticket(T0, [(10, "solved"), (20, "closed")])
    assert reopen_rate([closed_after_solved]).count == 0


def contact(ticket_id: str, customer: str, days: float, reason: str) -> Ticket:
    return Ticket(
        id=ticket_id,
        customer=Customer(id=customer),
        channel="email",
        created_at=T0 + days * DAY,
        tags=frozenset({reason}),
    )


def reason_of(t: Ticket) -> str:
    return sorted(t.tags)[0]


def test_repeat_contact_same_customer_same_reason_within_window() -> None:
    contacts = [
        contact("1", "anna", 0, "late"),
        contact("2", "anna", 3, "late"),  # repeat of 1
        contact("3", "anna", 5, "damaged"),  # other reason
        contact("4", "anna", 12, "late"),  # 9 days after 2: outside a 7-day window
        contact("5", "ben", 1, "late"),  # other customer
        contact("6", "ben", 8, "late"),  # exactly 7 days: inside
    ]
    result = repeat_contact_rate(contacts, window=timedelta(days=7), reason=reason_of)
    assert (result.count, result.n) == (2, 6)
    assert result.definition == "repeat_contact_rate/7d"
    assert repeat_contact_rate(contacts, window=10 * DAY, reason=reason_of).count == 3
    any_reason = repeat_contact_rate(contacts, window=7 * DAY)
    assert any_reason.count == 4  # 2 (day 3), 3 (day 5), 4 (7 days after 3), 6
    with pytest.raises(InvalidInputError):
        repeat_contact_rate(contacts, window=timedelta(0))


def test_escalation_by_priority_group_or_tag_and_custom_predicate() -> None:
    base = contact("1", "anna", 0, "late")
    raised = base.with_event(PriorityChange(at=T0, priority="urgent"))
    lowered = base.with_event(PriorityChange(at=T0, priority="low"))
    moved = base.with_events(
        (Assignment(at=T0, group="tier1"), Assignment(at=T0 + DAY, group="tier2"))
    )
    tagged = contact("2", "anna", 0, "escalated")
    result = escalation_rate([base, raised, lowered, moved, tagged])
    assert (result.count, result.n) == (3, 5)
    custom = escalation_rate([base, tagged], escalated=lambda t: "late" in t.tags)
    assert custom.count == 1


@settings(max_examples=40)
@given(st.lists(tickets(max_events=8), max_size=8), st.data())
def test_rate_accumulators_merge_equals_one_pass(batch: list[Ticket], data: st.DataObject) -> None:
    cut = data.draw(st.integers(0, len(batch)))
    for factory, whole in (
        (FcrAccumulator, first_contact_resolution(batch)),
        (ReopenAccumulator, reopen_rate(batch)),
        (EscalationAccumulator, escalation_rate(batch)),
        (RepeatContactAccumulator, repeat_contact_rate(batch)),
    ):
        left, right = factory(), factory()
        left.update(batch[:cut])
        right.update(batch[cut:])
        assert left.merge(right).result() == whole == right.merge(left).result()  # type: ignore[arg-type]
        assert pickle.loads(pickle.dumps(left)).result() == left.result()
        if whole.n:
            assert 0 <= whole.count <= whole.n
            assert 0.0 <= whole.ci_low <= whole.rate <= whole.ci_high <= 1.0  # type: ignore[operator]


def test_empty_rates_and_mismatched_merges() -> None:
    assert first_contact_resolution([]).rate is None
    assert repeat_contact_rate([]).n == 0
    with pytest.raises(InvalidInputError):
        FcrAccumulator("one_reply").merge(FcrAccumulator("no_follow_up"))
    with pytest.raises(InvalidInputError):
        RepeatContactAccumulator(DAY).merge(RepeatContactAccumulator(2 * DAY))
