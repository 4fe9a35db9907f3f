"""SLA attainment: achieved / (achieved + breached) from [`SlaReport`][cxcore.SlaReport]s.

Each measurement in a report counts once: ``achieved`` and ``breached`` ones make up the
denominator (a breached target stays breached even if it completed later); ``active`` and
``paused`` ones are still undecided and are reported separately, never guessed. Results are
grouped by any of ``metric``, ``priority`` and ``channel``.

Examples:
    >>> from datetime import datetime, timedelta, timezone
    >>> from cxcore.sla.report import SlaMeasurement, SlaReport
    >>> t0 = datetime(2026, 5, 4, 9, tzinfo=timezone.utc)
    >>> def m(state):
    ...     return SlaMeasurement(metric="first_reply", rule="r", target=timedelta(hours=1),
    ...                           state=state, started_at=t0, elapsed=timedelta(0),
    ...                           remaining=timedelta(0))
    >>> report = SlaReport(ticket_id="T-1", priority="high", channel="email", at=t0, policy="P",
    ...                    rule="r", measurements=(m("achieved"), m("achieved"), m("breached")))
    >>> row = sla_attainment([report]).rows[0]
    >>> row.metric, row.achieved, row.breached, round(row.percent, 1)
    ('first_reply', 2, 1, 66.7)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal

from cxcore._model import CxModel
from cxcore.errors import InvalidInputError
from cxcore.metrics._stats import check_iterable, wilson_interval
from cxcore.sla.policy import SlaMetric
from cxcore.sla.report import SlaReport, SlaState
from cxcore.tickets import Channel, Priority

__all__ = ["AttainmentAccumulator", "AttainmentReport", "AttainmentRow", "sla_attainment"]

GroupBy = Literal["metric", "priority", "channel"]
_FIELDS: tuple[GroupBy, ...] = ("metric", "priority", "channel")
_STATES = (SlaState.ACHIEVED, SlaState.BREACHED, SlaState.ACTIVE, SlaState.PAUSED)
_STATE_INDEX = {state: index for index, state in enumerate(_STATES)}
# Enum member -> value by dict: the ``value`` property costs more than the counting.
_VALUES: dict[object, str] = {m: m.value for e in (SlaMetric, Priority, Channel) for m in e}


class AttainmentRow(CxModel):
    """Attainment of one group; grouping fields not used are ``None``.

    ``n`` = achieved + breached; ``rate``/``percent`` and the Wilson interval (in percent) are
    ``None`` when ``n`` is 0.

    Examples:
        >>> AttainmentRow(achieved=0, breached=0, active=1, paused=0, n=0, rate=None,
        ...               percent=None, ci_low=None, ci_high=None).active
        1
    """

    metric: str | None = None
    priority: str | None = None
    channel: str | None = None
    achieved: int
    breached: int
    active: int
    paused: int
    n: int
    rate: float | None
    percent: float | None
    ci_low: float | None
    ci_high: float | None


class AttainmentReport(CxModel):
    """Attainment per group and over everything.

    Examples:
        >>> sla_attainment([]).overall.n
        0
    """

    group_by: tuple[GroupBy, ...]
    rows: tuple[AttainmentRow, ...]
    overall: AttainmentRow
    confidence: float


def _row(key: dict[str, str | None], counts: Sequence[int], confidence: float) -> AttainmentRow:
    achieved, breached, active, paused = counts
    n = achieved + breached
    interval = wilson_interval(achieved, n, confidence)
    return AttainmentRow(
        **key,
        achieved=achieved,
        breached=breached,
        active=active,
        paused=paused,
        n=n,
        rate=achieved / n if n else None,
        percent=100.0 * achieved / n if n else None,
        ci_low=None if interval is None else 100.0 * interval[0],
        ci_high=None if interval is None else 100.0 * interval[1],
    )


class AttainmentAccumulator:
    """Streaming SLA attainment: counts per group; merging adds the counts.

    Examples:
        >>> acc = AttainmentAccumulator(group_by=("metric",))
        >>> acc.merge(AttainmentAccumulator(group_by=("metric",))).result().rows
        ()
    """

    __slots__ = ("_counts", "confidence", "group_by")

    def __init__(self, group_by: Iterable[GroupBy] = _FIELDS, confidence: float = 0.95) -> None:
        check_iterable(group_by, "group_by")
        fields = tuple(group_by)
        unknown = [f for f in fields if f not in _FIELDS]
        if unknown or len(set(fields)) != len(fields):
            raise InvalidInputError(
                f"group_by takes distinct names from {', '.join(_FIELDS)}; got {fields!r}"
            )
        self.group_by = tuple(f for f in _FIELDS if f in fields)
        wilson_interval(0, 1, confidence)
        self.confidence = confidence
        self._counts: dict[tuple[str, ...], list[int]] = {}

    def add(self, report: SlaReport) -> None:
        """Count every measurement of one report."""
        if not isinstance(report, SlaReport):
            raise InvalidInputError(f"expected an SlaReport, got {type(report).__name__}")
        self.add_states(
            ((m.metric, m.state) for m in report.measurements), report.priority, report.channel
        )

    def add_states(
        self,
        states: Iterable[tuple[SlaMetric, SlaState]],
        priority: Priority,
        channel: Channel,
    ) -> None:
        """Count the ``(metric, state)`` pairs of one ticket's measurements (what
        [`add`][cxcore.metrics.attainment.AttainmentAccumulator.add] reads of a report).

        Examples:
            >>> from cxcore.sla import SlaMetric, SlaState
            >>> from cxcore.tickets import Channel, Priority
            >>> acc = AttainmentAccumulator(group_by=("metric",))
            >>> acc.add_states([(SlaMetric.FIRST_REPLY, SlaState.ACHIEVED)], Priority.NORMAL,
            ...                Channel.EMAIL)
            >>> acc.result().overall.achieved
            1
        """
        group_by = self.group_by
        by_metric = "metric" in group_by
        rest = (
            *((_VALUES[priority],) if "priority" in group_by else ()),
            *((_VALUES[channel],) if "channel" in group_by else ()),
        )
        all_counts = self._counts
        for metric, state in states:
            key = (_VALUES[metric], *rest) if by_metric else rest
            counts = all_counts.get(key)
            if counts is None:
                all_counts[key] = counts = [0, 0, 0, 0]
            counts[_STATE_INDEX[state]] += 1

    def update(self, reports: Iterable[SlaReport]) -> None:
        """Count every report."""
        check_iterable(reports, "reports")
        for report in reports:
            self.add(report)

    def merge(self, other: AttainmentAccumulator) -> AttainmentAccumulator:
        """A new accumulator holding both (same grouping and confidence)."""
        if (other.group_by, other.confidence) != (self.group_by, self.confidence):
            raise InvalidInputError("can only merge attainment with the same grouping")
        merged = AttainmentAccumulator(self.group_by, self.confidence)
        for source in (self._counts, other._counts):
            for key, counts in source.items():
                target = merged._counts.setdefault(key, [0, 0, 0, 0])
                for index, count in enumerate(counts):
                    target[index] += count
        return merged

    def regroup(self, group_by: Iterable[GroupBy]) -> AttainmentAccumulator:
        """The same counts grouped by fewer fields (a subset of this one's ``group_by``).

        Examples:
            >>> from cxcore.sla import SlaMetric, SlaState
            >>> from cxcore.tickets import Channel, Priority
            >>> acc = AttainmentAccumulator(group_by=("metric", "channel"))
            >>> for channel in (Channel.EMAIL, Channel.PHONE):
            ...     acc.add_states([(SlaMetric.FIRST_REPLY, SlaState.ACHIEVED)], Priority.NORMAL,
            ...                    channel)
            >>> [(r.metric, r.achieved) for r in acc.regroup(["metric"]).result().rows]
            [('first_reply', 2)]
        """
        coarser = AttainmentAccumulator(group_by, self.confidence)
        if not set(coarser.group_by) <= set(self.group_by):
            raise InvalidInputError(
                f"can only regroup by fields of {self.group_by!r}, got {coarser.group_by!r}"
            )
        keep = [self.group_by.index(name) for name in coarser.group_by]
        for key, counts in self._counts.items():
            target = coarser._counts.setdefault(tuple(key[i] for i in keep), [0, 0, 0, 0])
            for index, count in enumerate(counts):
                target[index] += count
        return coarser

    def result(self) -> AttainmentReport:
        """Rows sorted by group, plus the overall row."""
        rows = [
            _row(dict(zip(self.group_by, key, strict=True)), counts, self.confidence)
            for key, counts in sorted(self._counts.items())
        ]
        totals = [sum(c[i] for c in self._counts.values()) for i in range(4)]
        return AttainmentReport(
            group_by=self.group_by,
            rows=tuple(rows),
            overall=_row({}, totals, self.confidence),
            confidence=self.confidence,
        )


def sla_attainment(
    reports: Iterable[SlaReport],
    group_by: Iterable[GroupBy] = _FIELDS,
    confidence: float = 0.95,
) -> AttainmentReport:
    """SLA attainment per ``group_by`` (any of metric, priority, channel) and overall.

    Examples:
        >>> sla_attainment([], group_by=["metric", "channel"]).group_by
        ('metric', 'channel')
    """
    acc = AttainmentAccumulator(group_by, confidence)
    acc.update(reports)
    return acc.result()
