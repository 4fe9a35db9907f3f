"""Read a playbook from TOML, validating every section with the parts' own loaders.

Each section is handed to the loader of the part it configures (``BusinessCalendar``,
``SlaPolicy``/``SlaRule``/``SlaTarget``, [`cxcore.returns.load_policy`][cxcore.load_policy], the
compensation guide); whatever they refuse comes back as one
[`PlaybookError`][cxcore.errors.PlaybookError] whose message starts with the file and the key, e.g.
``shop.toml: [sla.rules[0].targets.first_reply] first_reply target must be longer than zero``.

The sections (see ``docs/playbook.md`` for a full example):

``[playbook]`` name; ``[shop]`` name, country, currency; ``[calendars.NAME]`` a business
calendar each (``base = "other"`` starts from another calendar's settings); ``[sla]`` an SLA
policy plus ``calendar`` and ``channel_hours``; ``[returns]`` a return policy (``jurisdiction``
preset, ``store`` rights) plus ``calendar``; ``[responses]`` ``catalog`` (``"builtin"`` or
directories, relative to the file), ``default_locale``, ``locales``; ``[channels.CHANNEL]``
``calendar`` for each channel offered; ``[complaints]`` timers and ``recourse``;
``[compensation.REASON]`` ``SEVERITY = remedy`` tables (``any`` is a wildcard);
``[capacity]`` handle times, rosters and campaign scenarios (see
``cxcore.playbook.capacity``).

Examples:
    >>> load_text('[shop]\\nname = 1', source="shop.toml", base_dir=Path("."))
    Traceback (most recent call last):
    ...
    cxcore.errors.PlaybookError: shop.toml: [shop] invalid ShopInfo, 1 problem: name: ...
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from cxcore._files import read_capped
from cxcore._toml import check_toml_depth
from cxcore.errors import CxError, LimitExceededError, PlaybookError
from cxcore.playbook.capacity import CapacityPlan
from cxcore.playbook.compensation import CompensationGuide
from cxcore.playbook.model import (
    BUILTIN_CATALOG,
    ChannelPlan,
    ComplaintPlan,
    Playbook,
    ResponsesPlan,
    ReturnsPlan,
    ShopInfo,
    SlaPlan,
)
from cxcore.returns.loader import load_policy
from cxcore.rules import Rule
from cxcore.sla.calendar import BusinessCalendar
from cxcore.sla.policy import SlaMetric, SlaPolicy, SlaRule, SlaTarget
from cxcore.tickets import Channel

__all__ = ["MAX_PLAYBOOK_BYTES", "SECTIONS", "load_file", "load_text"]

MAX_PLAYBOOK_BYTES = 1_000_000
"""The largest playbook file read (1 MB; the built-in example is about 10 kB)."""

SECTIONS: tuple[str, ...] = (
    "playbook",
    "shop",
    "calendars",
    "sla",
    "returns",
    "responses",
    "channels",
    "complaints",
    "compensation",
    "rules",
    "capacity",
)
"""The top-level tables a playbook may hold."""


class _Reader:
    def __init__(self, source: str, base_dir: Path) -> None:
        self.source = source
        self.base_dir = base_dir

    def fail(self, key: str, message: str) -> PlaybookError:
        where = f"[{key}] " if key else ""
        return PlaybookError(f"{self.source}: {where}{message}")

    @contextmanager
    def section(self, key: str) -> Iterator[None]:
        try:
            yield
        except PlaybookError:
            raise
        except (CxError, ValueError) as exc:
            message = str(exc).strip()
            raise self.fail(key, message) from None

    def table(self, data: Mapping[str, Any], key: str, *, required: bool = True) -> dict[str, Any]:
        value = data.get(key.rsplit(".", 1)[-1])
        if value is None:
            if required:
                raise self.fail(key, "this table is required")
            return {}
        if not isinstance(value, Mapping):
            raise self.fail(key, f"must be a table, got {type(value).__name__}")
        return dict(value)

    def only(self, key: str, data: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
        extra = [k for k in data if k not in allowed]
        if extra:
            raise self.fail(
                key,
                f"unknown key{'s' if len(extra) > 1 else ''} {', '.join(map(repr, extra))}; "
                f"allowed: {', '.join(allowed)}",
            )

    # --- sections -------------------------------------------------------------------------------

    def calendars(self, data: Mapping[str, Any]) -> dict[str, BusinessCalendar]:
        raw = self.table(data, "calendars", required=False)
        if not raw:
            raise self.fail("calendars", "define at least one calendar")
        resolved: dict[str, dict[str, Any]] = {}

        def settings(name: str, chain: tuple[str, ...]) -> dict[str, Any]:
            key = f"calendars.{name}"
            if name in chain:
                raise self.fail(key, "base calendars form a loop: " + " -> ".join((*chain, name)))
            if name not in raw:
                raise self.fail(f"calendars.{chain[-1]}", f"base calendar {name!r} is not defined")
            if name not in resolved:
                own = raw[name]
                if not isinstance(own, Mapping):
                    raise self.fail(key, "must be a table")
                own = dict(own)
                base = own.pop("base", None)
                merged = {} if base is None else dict(settings(str(base), (*chain, name)))
                merged.update(own)
                resolved[name] = merged
            return resolved[name]

        calendars = {}
        for name in raw:
            with self.section(f"calendars.{name}"):
                calendars[name] = BusinessCalendar.model_validate(settings(name, ()))
        return calendars

    def sla(self, data: Mapping[str, Any], default_calendar: str) -> SlaPlan:
        raw = self.table(data, "sla")
        calendar = str(raw.pop("calendar", default_calendar))
        channel_hours = raw.pop("channel_hours", True)
        rules = raw.get("rules", [])
        if not isinstance(rules, list):
            raise self.fail("sla.rules", "write the rules as [[sla.rules]] tables")
        for index, rule in enumerate(rules):
            key = f"sla.rules[{index}]"
            if not isinstance(rule, Mapping):
                raise self.fail(key, "must be a table")
            targets = rule.get("targets", {})
            if isinstance(targets, Mapping):
                for metric, spec in targets.items():
                    with self.section(f"{key}.targets.{metric}"):
                        fields = dict(spec) if isinstance(spec, Mapping) else {"duration": spec}
                        SlaTarget.model_validate({"metric": SlaMetric(metric), **fields})
            with self.section(key):
                SlaRule.model_validate(dict(rule))
        with self.section("sla"):
            policy = SlaPolicy.from_dict(raw)
        with self.section("sla"):
            return SlaPlan(policy=policy, calendar=calendar, channel_hours=channel_hours)

    def returns(self, data: Mapping[str, Any], default_calendar: str) -> ReturnsPlan:
        raw = self.table(data, "returns")
        calendar = str(raw.pop("calendar", default_calendar))
        with self.section("returns"):
            return ReturnsPlan(policy=load_policy(raw), calendar=calendar)

    def responses(self, data: Mapping[str, Any]) -> ResponsesPlan:
        raw = self.table(data, "responses", required=False)
        self.only("responses", raw, ("catalog", "default_locale", "locales"))
        entries = raw.pop("catalog", [BUILTIN_CATALOG])
        if isinstance(entries, str):
            entries = [entries]
        if not isinstance(entries, list) or not entries:
            raise self.fail("responses.catalog", "give 'builtin' or a list of catalog directories")
        catalogs = []
        for entry in entries:
            if entry == BUILTIN_CATALOG:
                catalogs.append(BUILTIN_CATALOG)
                continue
            path = Path(str(entry))
            path = path if path.is_absolute() else self.base_dir / path
            if not path.is_dir():
                raise self.fail("responses.catalog", f"catalog directory {str(path)!r} not found")
            catalogs.append(str(path))
        with self.section("responses"):
            return ResponsesPlan.model_validate({"catalogs": catalogs, **raw})

    def channels(
        self, data: Mapping[str, Any], default_calendar: str
    ) -> dict[Channel, ChannelPlan]:
        raw = self.table(data, "channels")
        channels = {}
        for name, spec in raw.items():
            key = f"channels.{name}"
            try:
                channel = Channel(name)
            except ValueError:
                raise self.fail(
                    key, "unknown channel; known: " + ", ".join(c.value for c in Channel)
                ) from None
            if isinstance(spec, str):  # email = "office": the calendar's name
                fields: dict[str, Any] = {"calendar": spec}
            elif isinstance(spec, Mapping):
                fields = dict(spec)
            else:
                raise self.fail(
                    key,
                    f'write a calendar name (email = "office") or a table, got {spec!r}',
                )
            fields.setdefault("calendar", default_calendar)
            with self.section(key):
                channels[channel] = ChannelPlan.model_validate({"channel": channel, **fields})
        return channels

    def complaints(self, data: Mapping[str, Any], default_calendar: str) -> ComplaintPlan:
        raw = self.table(data, "complaints", required=False)
        raw.setdefault("calendar", default_calendar)
        with self.section("complaints"):
            return ComplaintPlan.model_validate(raw)

    def compensation(self, data: Mapping[str, Any]) -> CompensationGuide:
        raw = self.table(data, "compensation", required=False)
        with self.section("compensation"):
            return CompensationGuide.from_dict(raw)

    def rules(self, data: Mapping[str, Any]) -> tuple[Rule, ...]:
        raw = data.get("rules", [])
        if not isinstance(raw, list):
            raise self.fail("rules", "write the rules as [[rules]] tables")
        rules = []
        for index, rule in enumerate(raw):
            with self.section(f"rules[{index}]"):
                rules.append(Rule.model_validate(rule))
        names = [rule.name for rule in rules]
        for name in names:
            if names.count(name) > 1:
                raise self.fail("rules", f"two rules are named {name!r}; names key the memo")
        return tuple(rules)

    def capacity(self, data: Mapping[str, Any]) -> CapacityPlan:
        raw = self.table(data, "capacity", required=False)
        self.only("capacity", raw, ("channels", "scenarios"))
        with self.section("capacity"):
            return CapacityPlan.model_validate(raw)

    def playbook(self, data: Mapping[str, Any]) -> Playbook:
        self.only("", data, SECTIONS)
        meta = self.table(data, "playbook", required=False)
        self.only("playbook", meta, ("name",))
        with self.section("shop"):
            shop = ShopInfo.model_validate(self.table(data, "shop"))
        calendars = self.calendars(data)
        first = next(iter(calendars))
        sla = self.sla(data, first)
        complaints_raw = data.get("complaints")
        complaints = self.complaints(data, sla.calendar)
        if not (isinstance(complaints_raw, Mapping) and "update_every" in complaints_raw):
            update = _update_target(sla.policy)
            if update is not None:
                complaints = complaints.model_copy(update={"update_every": update})
        with self.section(""):
            return Playbook(
                name=str(meta.get("name") or shop.name),
                source=self.source,
                shop=shop,
                calendars=calendars,
                sla=sla,
                returns=self.returns(data, sla.calendar),
                responses=self.responses(data),
                channels=self.channels(data, sla.calendar),
                complaints=complaints,
                compensation=self.compensation(data),
                rules=self.rules(data),
                capacity=self.capacity(data),
            )


def _update_target(policy: SlaPolicy) -> Any:
    target = policy.targets_for("normal", Channel.EMAIL).target(SlaMetric.PERIODIC_UPDATE)
    return None if target is None else target.duration


def load_text(text: str, *, source: str = "<playbook>", base_dir: Path | None = None) -> Playbook:
    """Parse and validate playbook TOML; ``base_dir`` anchors relative catalog paths.

    Text longer than ``MAX_PLAYBOOK_BYTES`` characters, or nested deeper than
    ``MAX_TOML_DEPTH`` tables and arrays, raises
    [LimitExceededError][cxcore.errors.LimitExceededError] before it is parsed.
    """
    if not isinstance(text, str):
        raise PlaybookError(f"{source}: a playbook is TOML text, got {type(text).__name__}")
    if len(text) > MAX_PLAYBOOK_BYTES:
        raise LimitExceededError(
            f"{source}: the playbook is {len(text)} characters, more than the cap of "
            f"{MAX_PLAYBOOK_BYTES}"
        )
    check_toml_depth(text, source)
    reader = _Reader(source, base_dir or Path("."))
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PlaybookError(f"{source}: not valid TOML: {exc}") from None
    except RecursionError:  # pragma: no cover - check_toml_depth stops this first
        raise LimitExceededError(f"{source}: the TOML nests too deeply to read") from None
    return reader.playbook(data)


def load_file(path: str | Path) -> Playbook:
    """Read a playbook file (UTF-8 TOML); errors name the path as given. At most
    ``MAX_PLAYBOOK_BYTES`` bytes are read: a larger file (or a device such as ``/dev/zero``)
    raises [LimitExceededError][cxcore.errors.LimitExceededError]."""
    path = Path(path)
    try:
        raw = read_capped(path, "playbook", MAX_PLAYBOOK_BYTES)
    except FileNotFoundError:
        raise PlaybookError(f"{path}: cannot read the playbook: file not found") from None
    except OSError as exc:
        raise PlaybookError(f"{path}: cannot read the playbook: {exc}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PlaybookError(f"{path}: cannot read the playbook: {exc}") from None
    return load_text(text, source=str(path), base_dir=path.parent)
