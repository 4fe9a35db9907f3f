"""Conditions: the readable and canonical forms, each operator, paths and integrator fields."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxcore.conditions import (
    All,
    AnyTag,
    Compare,
    Equals,
    FieldProvider,
    check_paths,
    known_paths,
    parse_condition,
    resolve,
)
from cxcore.errors import ConditionError
from cxcore.money import Money
from cxcore.orders import Order, OrderLine
from cxcore.tickets import Customer, Ticket

T0 = datetime(2026, 5, 4, 9, tzinfo=UTC)
VIP = Customer(id="C-1", segment="vip", tags=frozenset({"gold"}))


def subject(**ticket_fields: object) -> dict[str, object]:
    ticket = Ticket.model_validate(
        {"id": "T-1", "customer": VIP, "channel": "marketplace", "created_at": T0, **ticket_fields}
    )
    order = Order(
        id="O-1",
        customer_id="C-1",
        ordered_at=T0,
        lines=[
            OrderLine(id="1", sku="MUG", name="Mug", unit_price=Money.of("39", "PLN"), quantity=2)
        ],
    )
    return {"ticket": ticket, "customer": ticket.customer, "order": order}


def test_the_issue_examples_in_toml() -> None:
    text = """
    vip = { path = "customer.segment", equals = "vip" }
    damaged = { all = [{ path = "ticket.channel", equals = "marketplace" },
                       { any_tag = ["damaged"] }] }
    """
    data = tomllib.loads(text)
    vip, damaged = parse_condition(data["vip"]), parse_condition(data["damaged"])
    assert vip.matches(subject())
    assert not damaged.matches(subject())
    assert damaged.matches(subject(tags=["damaged"]))
    assert not damaged.matches(subject(tags=["damaged"], channel="email"))


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"path": "ticket.channel", "in": ["email", "marketplace"]}, True),
        ({"path": "ticket.channel", "in": ["email"]}, False),
        ({"path": "customer.tags", "contains": "gold"}, True),
        ({"path": "ticket.subject", "contains": "broken"}, True),
        ({"all_tags": ["damaged", "urgent"]}, False),
        ({"all_tags": ["damaged"]}, True),
        ({"path": "ticket.priority", "ge": "high"}, False),
        ({"path": "ticket.priority", "lt": "high"}, True),
        ({"path": "order.total.amount", "gt": 70}, True),
        ({"path": "order.total.amount", "le": 70}, False),
        ({"is_set": "customer.email"}, False),
        ({"not": {"is_set": "customer.email"}}, True),
        ({"any": [{"any_tag": "x"}, {"path": "customer.segment", "equals": "vip"}]}, True),
        ({"any": []}, False),
        ({"all": []}, True),
    ],
)
def test_each_operator(data: dict[str, object], expected: bool) -> None:
    condition = parse_condition(data)
    assert condition.matches(subject(tags=["damaged"], subject="A broken mug")) is expected


def test_canonical_form_round_trips_through_json() -> None:
    condition = parse_condition(
        {"all": [{"any_tag": "damaged"}, {"not": {"path": "ticket.priority", "ge": "high"}}]}
    )
    again = parse_condition(json.loads(condition.model_dump_json()))
    assert again == condition
    assert again.paths() == {"ticket.tags", "ticket.priority"}


def test_an_absent_root_value_never_matches() -> None:
    data = subject()
    data["order"] = None
    assert not parse_condition({"path": "order.total.amount", "gt": 1}).matches(data)
    assert not parse_condition({"path": "order.id", "equals": "O-1"}).matches(data)


def test_errors_name_the_bad_path_and_the_known_ones() -> None:
    with pytest.raises(ConditionError, match=r"'customer\.tier'.*customer\.segment"):
        parse_condition({"path": "customer.tier", "equals": "gold"}).matches(subject())
    with pytest.raises(ConditionError, match=r"no 'complaint'; roots: customer, order, ticket"):
        resolve("complaint.stage", subject())
    with pytest.raises(ConditionError, match=r"'ticket\.colour'.*ticket\.channel"):
        check_paths(Equals(path="ticket.colour", value="red"), {"ticket": Ticket})


def test_two_operators_or_none_are_refused() -> None:
    with pytest.raises(ConditionError, match="exactly one operator"):
        parse_condition({"path": "ticket.channel", "equals": "email", "in": ["email"]})


def test_comparing_incomparable_values_is_a_condition_error() -> None:
    with pytest.raises(ConditionError, match="cannot compare"):
        Compare(op="gt", path="ticket.subject", value=3).matches(subject(subject="x"))


class Brand:
    """An integrator's field: the brand a ticket came through."""

    paths = ("shop.brand",)

    def value(self, path: str, subject: Mapping[str, object]) -> object:
        ticket = subject["ticket"]
        assert isinstance(ticket, Ticket)
        return "amber" if "amber" in ticket.tags else "tea"


def test_integrator_fields_are_passed_in_explicitly() -> None:
    brand: FieldProvider = Brand()
    condition = parse_condition({"path": "shop.brand", "equals": "amber"})
    assert condition.matches(subject(tags=["amber"]), fields=[brand])
    assert not condition.matches(subject(), fields=[brand])
    with pytest.raises(ConditionError, match="roots"):
        condition.matches(subject())
    assert "shop.brand" in known_paths({"ticket": Ticket}, [brand])
    check_paths(condition, {"ticket": Ticket}, [brand])


def test_describe_explains_in_words() -> None:
    condition = All(conditions=[AnyTag(tags=["damaged"]), Equals(path="x.y", value=1)])
    assert condition.describe() == "(ticket.tags has any of ['damaged']) and (x.y equals 1)"


@settings(max_examples=60, deadline=None)
@given(
    st.sets(st.sampled_from(["a", "b", "c", "d"])),
    st.sets(st.sampled_from(["a", "b", "c"]), min_size=1),
)
def test_tag_operators_agree_with_set_algebra(have: set[str], want: set[str]) -> None:
    data = subject(tags=sorted(have))
    assert parse_condition({"any_tag": sorted(want)}).matches(data) == bool(have & want)
    assert parse_condition({"all_tags": sorted(want)}).matches(data) == (want <= have)
    negated = parse_condition({"not": {"any_tag": sorted(want)}})
    assert negated.matches(data) != bool(have & want)


PATHS = st.sampled_from(["ticket.channel", "ticket.tags", "customer.segment", "ticket.priority"])
SCALARS = st.one_of(st.text(max_size=5), st.booleans(), st.integers(-5, 5))
LEAVES = st.one_of(
    st.builds(lambda p, v: {"path": p, "equals": v}, PATHS, SCALARS),
    st.builds(lambda p, v: {"path": p, "in": v}, PATHS, st.lists(SCALARS, min_size=1, max_size=3)),
    st.builds(lambda t: {"any_tag": t}, st.lists(st.text(min_size=1, max_size=4), min_size=1)),
    st.builds(lambda t: {"all_tags": t}, st.lists(st.text(min_size=1, max_size=4), min_size=1)),
    st.builds(lambda p: {"is_set": p}, PATHS),
)
TREES = st.recursive(
    LEAVES,
    lambda inner: st.one_of(
        st.builds(lambda c: {"all": c}, st.lists(inner, max_size=3)),
        st.builds(lambda c: {"any": c}, st.lists(inner, max_size=3)),
        st.builds(lambda c: {"not": c}, inner),
    ),
    max_leaves=6,
)


@settings(max_examples=60, deadline=None)
@given(TREES)
def test_any_condition_round_trips_and_evaluates_the_same(data: dict[str, object]) -> None:
    condition = parse_condition(data)
    again = parse_condition(json.loads(condition.model_dump_json()))
    assert again == condition
    sample = subject(tags=["damaged"])
    assert again.matches(sample) == condition.matches(sample)
    negated = parse_condition({"not": data})
    assert negated.matches(sample) != condition.matches(sample)
