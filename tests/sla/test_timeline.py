"""The compiled timeline's open-time arithmetic against a brute-force sum over the spans."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cxcore.sla._timeline import Span


@st.composite
def spans_and_range(draw: st.DrawFn) -> tuple[Span, int, int]:
    cuts = sorted(draw(st.sets(st.integers(0, 1_000), max_size=12)))
    spans = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts) - 1, 2)]
    span = Span(0, 1_001, spans)
    start = draw(st.integers(0, 1_000))
    end = draw(st.integers(start, 1_000))
    return span, start, end


@given(spans_and_range())
def test_open_between_is_the_open_time_in_the_range(case: tuple[Span, int, int]) -> None:
    span, start, end = case
    brute = sum(
        max(0, min(stop, end) - max(first, start))
        for first, stop in zip(span.starts, span.ends, strict=True)
    )
    assert span.open_between(start, end) == brute
    assert span.open_before(end) - span.open_before(start) == brute
