"""Policies as data: load a [`ReturnPolicy`][cxcore.ReturnPolicy] from a dict, a TOML or
a JSON file, and dump one back.

The data names a jurisdiction preset (``jurisdiction = "PL"``), never statutory rules, so data
cannot weaken the law; it lists the shop's own rights under ``store``. Each store right has a
basis (``code``, ``title``, optional ``citation``) and either ``rules`` (tables with a ``kind``
naming a built-in rule or one of the ``rule_types`` the caller passes) or
``template = "standard"`` with the arguments of
[`cxcore.returns.presets.store_right`][cxcore.returns.presets.store_right].

Examples:
    >>> policy = load_policy({
    ...     "jurisdiction": "EU",
    ...     "store": [{"code": "store.60", "title": "60-day returns",
    ...                "rules": [{"kind": "window", "days": 60}, {"kind": "final_sale"}]}],
    ... })
    >>> [r.basis.code for r in policy.rights]
    ['eu.withdrawal', 'eu.conformity', 'store.60']
    >>> load_policy({"jurisdiction": "EU", "store": [{"code": "s", "title": "x",
    ...              "rules": [{"kind": "teleport"}]}]})
    Traceback (most recent call last):
    ...
    cxcore.errors.PolicyError: store[0].rules[0]: unknown rule kind 'teleport'; known: ...
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from cxcore._files import read_capped
from cxcore._toml import check_toml_depth
from cxcore.errors import CxError, PolicyError
from cxcore.returns.policy import ReturnPolicy, ReturnRight
from cxcore.returns.presets import jurisdiction, store_right
from cxcore.returns.rules import BUILTIN_RULES, BasisKind, LegalBasis

__all__ = ["load_policy", "load_policy_file", "policy_to_dict"]

_POLICY_KEYS = frozenset({"jurisdiction", "name", "store"})
_RIGHT_KEYS = frozenset({"code", "title", "citation", "kind", "rules", "template"})
_TEMPLATE_ARGS = frozenset(
    {
        "days",
        "free_return_shipping",
        "restocking_percent",
        "refund_days",
        "unused_only",
        "exclusions",
    }
)


def _unknown(where: str, keys: Mapping[str, Any], allowed: frozenset[str]) -> None:
    extra = sorted(set(keys) - allowed)
    if extra:
        raise PolicyError(
            f"{where}: unknown key(s) {', '.join(map(repr, extra))}; allowed: "
            + ", ".join(sorted(allowed))
        )


def _rule(where: str, data: Any, types: Mapping[str, type[Any]]) -> Any:
    if not isinstance(data, Mapping) or "kind" not in data:
        raise PolicyError(f"{where}: a rule must be a table with a 'kind'")
    kind = data["kind"]
    cls = types.get(kind)
    if cls is None:
        raise PolicyError(f"{where}: unknown rule kind {kind!r}; known: {', '.join(sorted(types))}")
    try:
        if issubclass(cls, BaseModel):
            return cls.model_validate(dict(data))
        return cls(**{k: v for k, v in data.items() if k != "kind"})
    except (CxError, TypeError, ValueError) as exc:
        raise PolicyError(f"{where} ({kind}): {exc}") from None


def _right(where: str, data: Any, types: Mapping[str, type[Any]]) -> ReturnRight:
    if not isinstance(data, Mapping):
        raise PolicyError(f"{where}: a store right must be a table")
    template = data.get("template")
    allowed = _RIGHT_KEYS | (_TEMPLATE_ARGS if template is not None else frozenset())
    _unknown(where, data, allowed)
    for key in ("code", "title"):
        if not isinstance(data.get(key), str) or not data[key]:
            raise PolicyError(f"{where}: '{key}' is required and must be text")
    if template is not None:
        if template != "standard":
            raise PolicyError(f"{where}: unknown template {template!r}; known: 'standard'")
        if "rules" in data:
            raise PolicyError(f"{where}: give either 'template' or 'rules', not both")
        args = {k: v for k, v in data.items() if k in _TEMPLATE_ARGS}
        try:
            return store_right(code=data["code"], title=data["title"], **args)
        except (CxError, TypeError) as exc:
            raise PolicyError(f"{where}: {exc}") from None
    rules = data.get("rules")
    if not isinstance(rules, list) or not rules:
        raise PolicyError(f"{where}: 'rules' must be a non-empty list of rule tables")
    try:
        basis = LegalBasis(
            code=data["code"],
            kind=data.get("kind", BasisKind.STORE_POLICY),
            title=data["title"],
            citation=data.get("citation", ""),
        )
    except CxError as exc:
        raise PolicyError(f"{where}: {exc}") from None
    built = tuple(_rule(f"{where}.rules[{i}]", rule, types) for i, rule in enumerate(rules))
    return ReturnRight(basis=basis, rules=built)


def load_policy(
    data: Mapping[str, Any], *, rule_types: Mapping[str, type[Any]] | None = None
) -> ReturnPolicy:
    """Build a policy from plain data (as parsed from TOML or JSON), validating every key.

    ``rule_types`` maps extra rule kinds to classes (pydantic models are validated with
    ``model_validate``, other classes called with the table's keys). A custom kind may not
    reuse a built-in kind's name. Raises [`PolicyError`][cxcore.errors.PolicyError] naming the
    offending location.

    Examples:
        >>> load_policy({"jurisdiction": "PL", "store": [{"code": "store.30", "title": "30 days",
        ...              "template": "standard", "days": 30}]}).store_rights[0].rules[0].days
        30
    """
    if not isinstance(data, Mapping):
        raise PolicyError("a return policy must be a table")
    _unknown("policy", data, _POLICY_KEYS)
    extra = dict(rule_types or {})
    clash = sorted(set(extra) & set(BUILTIN_RULES))
    if clash:
        raise PolicyError(f"custom rule kinds {clash} clash with built-in kinds")
    types: dict[str, type[Any]] = {**BUILTIN_RULES, **extra}
    if "jurisdiction" not in data:
        raise PolicyError("policy: 'jurisdiction' is required (a preset code such as 'PL')")
    juris = jurisdiction(data["jurisdiction"])
    store = data.get("store", [])
    if not isinstance(store, list):
        raise PolicyError("policy: 'store' must be a list of store rights")
    rights = tuple(_right(f"store[{i}]", right, types) for i, right in enumerate(store))
    name = data.get("name", "")
    if not isinstance(name, str):
        raise PolicyError("policy: 'name' must be text")
    return ReturnPolicy(jurisdiction=juris, store_rights=rights, name=name)


def load_policy_file(
    path: str | Path, *, rule_types: Mapping[str, type[Any]] | None = None
) -> ReturnPolicy:
    """Load a policy from a ``.toml`` or ``.json`` file (see [`load_policy`][cxcore.load_policy]).

    Examples:
        >>> load_policy_file("policy.yaml")
        Traceback (most recent call last):
        ...
        cxcore.errors.PolicyError: policy.yaml: use a .toml or .json file
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".toml", ".json"):
        raise PolicyError(f"{path}: use a .toml or .json file")
    try:
        text = read_capped(path, "policy file").decode("utf-8")
        if suffix == ".toml":
            check_toml_depth(text, str(path))
        data = tomllib.loads(text) if suffix == ".toml" else json.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        raise PolicyError(f"{path}: {exc}") from None
    try:
        return load_policy(data, rule_types=rule_types)
    except PolicyError as exc:
        raise PolicyError(f"{path}: {exc}") from None


def policy_to_dict(policy: ReturnPolicy) -> dict[str, Any]:
    """The policy as plain data that [`load_policy`][cxcore.load_policy] reads back. Every store
    rule must be a pydantic model with a ``kind`` field (all built-in rules are).

    Examples:
        >>> from cxcore.returns.presets import policy
        >>> data = policy_to_dict(policy("US"))
        >>> data["jurisdiction"], data["store"][0]["rules"][0]
        ('US', {'kind': 'window', 'days': 30, 'starts_from': 'delivery', ...})
    """
    store = []
    for right in policy.store_rights:
        rules = []
        for rule in right.rules:
            if not isinstance(rule, BaseModel) or "kind" not in type(rule).model_fields:
                raise PolicyError(
                    f"store right {right.basis.code!r}: rule {type(rule).__name__} cannot be "
                    "written as data; make it a pydantic model with a 'kind' field"
                )
            rules.append(rule.model_dump(mode="json"))
        entry: dict[str, Any] = {
            "code": right.basis.code,
            "title": right.basis.title,
            "kind": right.basis.kind.value,
            "rules": rules,
        }
        if right.basis.citation:
            entry["citation"] = right.basis.citation
        store.append(entry)
    return {"jurisdiction": policy.jurisdiction.code, "name": policy.name, "store": store}
