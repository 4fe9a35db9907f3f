"""Typed, serialisable conditions over the field paths of a subject.

A condition is data: it reads fields by dotted path (``customer.segment``, ``ticket.tags``,
``order.total.amount``) from a *subject*, a mapping of root names to values, usually
``ticket``, ``customer``, ``order``, ``complaint`` and ``return``. The same condition is written
in Python, JSON or TOML. In TOML the operator is the key next to ``path``::

    when = { path = "customer.segment", equals = "vip" }
    when = { all = [{ path = "ticket.channel", equals = "marketplace" }, { any_tag = "damaged" }] }

Operators: ``equals``, ``in``, ``contains`` (a member of a collection or a substring),
``any_tag`` / ``all_tags`` (default path ``ticket.tags``), ``lt`` / ``le`` / ``gt`` / ``ge``
(priorities compare by rank), ``is_set``, and ``all`` / ``any`` / ``not`` to combine them.
Fields the library does not know come from a [FieldProvider][cxcore.conditions.FieldProvider]
passed in explicitly; a path nobody knows raises [ConditionError][cxcore.errors.ConditionError]
naming the path and the ones that exist.

Examples:
    >>> from cxcore.tickets import Customer
    >>> vip = parse_condition({"path": "customer.segment", "equals": "vip"})
    >>> vip.matches({"customer": Customer(id="C-1", segment="vip")})
    True
    >>> vip.describe()
    "customer.segment equals 'vip'"
"""

from __future__ import annotations

from cxcore.conditions.leaves import AllTags, AnyTag, Compare, Contains, Equals, In, IsSet
from cxcore.conditions.paths import FieldProvider, Scalar, known_paths, resolve
from cxcore.conditions.tree import All, Any, Condition, Not, check_paths, parse_condition

__all__ = [
    "All",
    "AllTags",
    "Any",
    "AnyTag",
    "Compare",
    "Condition",
    "Contains",
    "Equals",
    "FieldProvider",
    "In",
    "IsSet",
    "Not",
    "Scalar",
    "check_paths",
    "known_paths",
    "parse_condition",
    "resolve",
]
