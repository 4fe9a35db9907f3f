"""Policies as data: TOML/JSON loading, validation messages, and round trips."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cxcore.errors import LimitExceededError, PolicyError
from cxcore.returns import load_policy, load_policy_file, policy_to_dict
from cxcore.returns.presets import policy
from tests.returns.test_policy import FlashSaleRule

TOML = """
name = "Shop policy"
jurisdiction = "PL"

[[store]]
code = "store.returns"
title = "30-day returns"
template = "standard"
days = 30
free_return_shipping = true

[[store]]
code = "store.flash"
title = "Flash sale"
[[store.rules]]
kind = "window"
days = 60
[[store.rules]]
kind = "flash_sale"
skus = ["FLASH-1"]
days = 7
"""


def test_load_toml_with_a_custom_rule(tmp_path: Path) -> None:
    path = tmp_path / "policy.toml"
    path.write_text(TOML, encoding="utf-8")
    loaded = load_policy_file(path, rule_types={"flash_sale": FlashSaleRule})
    assert [r.basis.code for r in loaded.rights] == [
        "pl.withdrawal",
        "pl.conformity",
        "store.returns",
        "store.flash",
    ]
    assert loaded.store_rights[1].rules[1] == FlashSaleRule(skus={"FLASH-1"}, days=7)
    again = load_policy(policy_to_dict(loaded), rule_types={"flash_sale": FlashSaleRule})
    assert again == loaded
    json_path = tmp_path / "policy.json"
    json_path.write_text(json.dumps(policy_to_dict(loaded)), encoding="utf-8")
    assert load_policy_file(json_path, rule_types={"flash_sale": FlashSaleRule}) == loaded


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "'jurisdiction' is required"),
        ({"jurisdiction": "ZZ"}, "no return-law preset for 'ZZ'"),
        ({"jurisdiction": "EU", "extra": 1}, "unknown key(s) 'extra'"),
        ({"jurisdiction": "EU", "store": {}}, "'store' must be a list"),
        ({"jurisdiction": "EU", "store": [{"title": "x", "rules": []}]}, "'code' is required"),
        ({"jurisdiction": "EU", "store": [{"code": "s", "title": "x"}]}, "non-empty list"),
        (
            {"jurisdiction": "EU", "store": [{"code": "s", "title": "x",
                                              "rules": [{"kind": "window", "days": 0}]}]},
            "store[0].rules[0] (window)",
        ),
        (
            {"jurisdiction": "EU", "store": [{"code": "s", "title": "x", "template": "fancy"}]},
            "unknown template",
        ),
    ],
)  # fmt: skip
def test_validation_messages(data: dict[str, object], message: str) -> None:
    with pytest.raises(PolicyError) as info:
        load_policy(data)
    assert message in str(info.value)


def test_a_store_right_with_a_statutory_kind_is_still_not_statutory() -> None:
    # The basis kind only names the text; statutory status never comes from data.
    loaded = load_policy(
        {
            "jurisdiction": "EU",
            "store": [
                {"code": "s", "title": "x", "kind": "withdrawal", "rules": [{"kind": "final_sale"}]}
            ],
        }
    )
    assert not loaded.store_rights[0].basis.statutory


def test_custom_kinds_may_not_shadow_built_ins() -> None:
    with pytest.raises(PolicyError, match="clash"):
        load_policy({"jurisdiction": "EU"}, rule_types={"window": FlashSaleRule})


def test_bad_files(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("jurisdiction = ", encoding="utf-8")
    with pytest.raises(PolicyError, match=r"bad\.toml"):
        load_policy_file(bad)
    with pytest.raises(PolicyError, match=r"bad\.yaml"):
        load_policy_file(tmp_path / "bad.yaml")


def test_rules_that_are_not_data_cannot_be_dumped() -> None:
    from cxcore.returns import BasisKind, LegalBasis, ReturnRight, RuleOutcome

    class Plain:
        def evaluate(self, request, order, context):  # type: ignore[no-untyped-def]
            return RuleOutcome.passed("plain.ok")

    right = ReturnRight(
        basis=LegalBasis(code="s.p", kind=BasisKind.STORE_POLICY, title="x"), rules=[Plain()]
    )
    with pytest.raises(PolicyError, match="cannot be written as data"):
        policy_to_dict(policy("EU").with_store_right(right))


def test_a_policy_file_is_capped_before_reading(tmp_path: Path) -> None:
    endless = tmp_path / "policy.toml"
    endless.symlink_to("/dev/zero")
    with pytest.raises(LimitExceededError, match="larger than the cap"):
        load_policy_file(endless)
    deep = tmp_path / "deep.toml"
    deep.write_text("x = " + "{a = " * 5000 + "1" + "}" * 5000, encoding="utf-8")
    with pytest.raises(LimitExceededError, match="nested deeper than 64"):
        load_policy_file(deep)
