"""Support metrics: surveys, timing, quality, volume; pure functions and mergeable accumulators.

Every metric is a pure function over an iterable (``nps(scores)``) and an accumulator with
``add``, ``merge`` and ``result``; merging is associative and commutative and accumulators
pickle, so the same code runs over a list, a stream, ``multiprocessing`` or a map-reduce
engine. Results are small frozen models that carry ``n`` and, where statistics allow, a
confidence interval.

Examples:
    >>> from cxcore.metrics import nps, percentile
    >>> round(nps([10, 9, 6]).score, 2)
    33.33
    >>> percentile([15, 20, 35, 40, 50], 30)
    20
"""

from cxcore.metrics._stats import Accumulator, RateResult, wilson_interval
from cxcore.metrics.attainment import (
    AttainmentAccumulator,
    AttainmentReport,
    AttainmentRow,
    sla_attainment,
)
from cxcore.metrics.durations import (
    DurationAccumulator,
    DurationSummary,
    ElapsedCalendar,
    durations_between,
    summarize_durations,
)
from cxcore.metrics.percentiles import PercentileMethod, QuantileSketch, percentile, percentiles
from cxcore.metrics.quality import (
    EscalationAccumulator,
    FcrAccumulator,
    FcrVariant,
    RateAccumulator,
    ReopenAccumulator,
    RepeatContactAccumulator,
    escalation_rate,
    first_contact_resolution,
    is_escalated,
    is_first_contact_resolution,
    is_reopened,
    reopen_rate,
    repeat_contact_rate,
    was_solved,
)
from cxcore.metrics.segments import Segmented, by_segment, ces_by, csat_by, nps_by
from cxcore.metrics.surveys import (
    CesAccumulator,
    CesResult,
    CsatAccumulator,
    CsatResult,
    NpsAccumulator,
    NpsResult,
    ces,
    csat,
    nps,
)
from cxcore.metrics.timing import (
    TIMING_DEFINITIONS,
    TicketTiming,
    TimingAccumulator,
    TimingReport,
    ticket_timing,
    timing_summary,
)
from cxcore.metrics.volume import (
    BacklogAccumulator,
    BacklogPoint,
    Breakdown,
    BreakdownItem,
    CountAccumulator,
    HourAccumulator,
    HourCounts,
    backlog,
    busiest_hours,
    channel_mix,
    top_reasons,
)

__all__ = [
    "TIMING_DEFINITIONS",
    "Accumulator",
    "AttainmentAccumulator",
    "AttainmentReport",
    "AttainmentRow",
    "BacklogAccumulator",
    "BacklogPoint",
    "Breakdown",
    "BreakdownItem",
    "CesAccumulator",
    "CesResult",
    "CountAccumulator",
    "CsatAccumulator",
    "CsatResult",
    "DurationAccumulator",
    "DurationSummary",
    "ElapsedCalendar",
    "EscalationAccumulator",
    "FcrAccumulator",
    "FcrVariant",
    "HourAccumulator",
    "HourCounts",
    "NpsAccumulator",
    "NpsResult",
    "PercentileMethod",
    "QuantileSketch",
    "RateAccumulator",
    "RateResult",
    "ReopenAccumulator",
    "RepeatContactAccumulator",
    "Segmented",
    "TicketTiming",
    "TimingAccumulator",
    "TimingReport",
    "backlog",
    "busiest_hours",
    "by_segment",
    "ces",
    "ces_by",
    "channel_mix",
    "csat",
    "csat_by",
    "durations_between",
    "escalation_rate",
    "first_contact_resolution",
    "is_escalated",
    "is_first_contact_resolution",
    "is_reopened",
    "nps",
    "nps_by",
    "percentile",
    "percentiles",
    "reopen_rate",
    "repeat_contact_rate",
    "sla_attainment",
    "summarize_durations",
    "ticket_timing",
    "timing_summary",
    "top_reasons",
    "was_solved",
    "wilson_interval",
]
