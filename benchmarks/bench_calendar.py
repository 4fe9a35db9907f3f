"""Deadline and business-time throughput of BusinessCalendar against its peers.

Same schedule (Monday-Friday 09:00-17:00, Europe/Warsaw), same holidays (Polish public holidays
2026-2028), same random starts and durations, same run:

- ``businesstimedelta`` (``start + BusinessTimeDelta(rules, ...)`` and ``rules.difference``),
- pandas ``CustomBusinessHour`` (whole hours only, on local wall time),
- for the batch form, a pure NumPy cumulative-sum lookup over precomputed intervals.

Results must agree wherever the peer is correct; the script exits 1 on any other difference and
prints the known peer limitations it found. ``--quick`` runs small sizes (used by the tests).
"""

from __future__ import annotations

import argparse
import random
import sys
import time as clock
import warnings
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import businesstimedelta as btd
import holidays as pyholidays
import numpy as np
import pandas as pd
import pytz

from cxcore.sla import BusinessCalendar

ZONE = "Europe/Warsaw"
WARSAW = ZoneInfo(ZONE)
HOLIDAYS = sorted(pyholidays.country_holidays("PL", years=[2026, 2027, 2028]))


def per_item(function: Callable[[], object], count: int, repeat: int = 3) -> float:
    """Best of ``repeat`` runs, in microseconds per item."""
    best = float("inf")
    for _ in range(repeat):
        started = clock.perf_counter()
        function()
        best = min(best, clock.perf_counter() - started)
    return best / count * 1e6


def make_inputs(count: int, seed: int) -> tuple[list[datetime], list[timedelta], list[int]]:
    rng = random.Random(seed)
    base = datetime(2026, 1, 1, tzinfo=UTC)
    starts = [
        (base + timedelta(seconds=rng.randrange(365 * 86_400))).astimezone(WARSAW)
        for _ in range(count)
    ]
    seconds = [timedelta(seconds=rng.randrange(1, 60 * 3600)) for _ in range(count)]
    hours = [rng.randrange(1, 60) for _ in range(count)]
    return starts, seconds, hours


def numpy_baseline(first: date, last: date) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Open intervals as UTC microseconds, with the open time before each (cumulative sum)."""
    closed = set(HOLIDAYS)
    spans = []
    day = first
    while day <= last:
        if day.weekday() < 5 and day not in closed:
            opening = datetime.combine(day, time(9), WARSAW).astimezone(UTC)
            closing = datetime.combine(day, time(17), WARSAW).astimezone(UTC)
            epoch = datetime(1970, 1, 1, tzinfo=UTC)
            spans.append(
                (
                    (opening - epoch) // timedelta(microseconds=1),
                    (closing - epoch) // timedelta(microseconds=1),
                )
            )
        day += timedelta(days=1)
    starts = np.array([s for s, _ in spans], dtype=np.int64)
    ends = np.array([e for _, e in spans], dtype=np.int64)
    cum = np.concatenate(([0], np.cumsum(ends - starts)[:-1]))
    return starts, ends, cum


def numpy_add(
    arrays: tuple[np.ndarray, np.ndarray, np.ndarray], moments: np.ndarray, spans: np.ndarray
) -> np.ndarray:
    starts, ends, cum = arrays
    index = np.maximum(np.searchsorted(starts, moments, side="right") - 1, 0)
    before = cum[index] + np.clip(moments - starts[index], 0, ends[index] - starts[index])
    target = before + spans
    pick = np.searchsorted(cum + (ends - starts), target, side="left")
    return starts[pick] + target - cum[pick]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes, for CI")
    args = parser.parse_args()
    count = 600 if args.quick else 20_000
    peer_count = 300 if args.quick else 3_000
    batch_count = 5_000 if args.quick else 200_000
    failures = 0

    cal = BusinessCalendar(timezone=ZONE, holidays=HOLIDAYS)
    starts, seconds, hours = make_inputs(count, seed=2026)
    warsaw = pytz.timezone(ZONE)
    rules = btd.Rules(
        [
            btd.WorkDayRule(
                start_time=time(9), end_time=time(17), working_days=[0, 1, 2, 3, 4], tz=warsaw
            ),
            # A set, not a list: businesstimedelta tests membership day by day.
            btd.HolidayRule(frozenset(HOLIDAYS), tz=warsaw),
        ]
    )
    cbh = pd.offsets.CustomBusinessHour(start="09:00", end="17:00", holidays=HOLIDAYS)

    # Warm the calendar's interval cache over the range of the inputs (built once, then reused).
    cal.add(min(starts), timedelta(0))
    cal.add(max(starts), timedelta(days=60))

    print(
        f"schedule Mon-Fri 09:00-17:00 {ZONE}, {len(HOLIDAYS)} holidays; "
        f"{count} deadlines ({peer_count} for peers)"
    )

    # --- deadlines, second-resolution durations: cxcore vs businesstimedelta -------------------
    ours = [cal.add(s, d) for s, d in zip(starts, seconds, strict=True)]
    theirs = [
        s + btd.BusinessTimeDelta(rules, timedelta=d)
        for s, d in zip(starts[:peer_count], seconds[:peer_count], strict=True)
    ]
    wrong = [
        (s, d, a, b) for s, d, a, b in zip(starts, seconds, ours, theirs, strict=False) if a != b
    ]
    print(f"agreement with businesstimedelta: {peer_count - len(wrong)}/{peer_count} deadlines")
    for s, d, a, b in wrong[:5]:
        print(
            f"  DIFFERENT start={s.isoformat()} duration={d} cxcore={a.isoformat()} "
            f"businesstimedelta={b.isoformat()}"
        )
    failures += len(wrong)

    cx_add = per_item(lambda: [cal.add(s, d) for s, d in zip(starts, seconds, strict=True)], count)
    bt_add = per_item(
        lambda: [
            s + btd.BusinessTimeDelta(rules, timedelta=d)
            for s, d in zip(starts[:peer_count], seconds[:peer_count], strict=True)
        ],
        peer_count,
        repeat=1,
    )
    print(
        f"add: cxcore {cx_add:.2f} us/deadline, businesstimedelta {bt_add:.1f} us/deadline, "
        f"ratio {bt_add / cx_add:.0f}x"
    )

    # --- elapsed ----------------------------------------------------------------------------
    spans = [cal.elapsed(s, e) for s, e in zip(starts, ours, strict=True)]
    assert spans == seconds, "elapsed(start, add(start, d)) must equal d"
    bt_spans = [
        rules.difference(s, e).timedelta
        for s, e in zip(starts[:peer_count], ours[:peer_count], strict=True)
    ]
    mismatched = sum(a != b for a, b in zip(bt_spans, seconds, strict=False))
    print(f"elapsed agreement with businesstimedelta: {peer_count - mismatched}/{peer_count}")
    failures += mismatched
    cx_el = per_item(lambda: [cal.elapsed(s, e) for s, e in zip(starts, ours, strict=True)], count)
    bt_el = per_item(
        lambda: [
            rules.difference(s, e)
            for s, e in zip(starts[:peer_count], ours[:peer_count], strict=True)
        ],
        peer_count,
        repeat=1,
    )
    print(
        f"elapsed: cxcore {cx_el:.2f} us/pair, businesstimedelta {bt_el:.1f} us/pair, "
        f"ratio {bt_el / cx_el:.0f}x"
    )

    # --- whole-hour deadlines: cxcore vs pandas CustomBusinessHour -----------------------------
    local = [pd.Timestamp(s.replace(tzinfo=None)) for s in starts[:peer_count]]
    whole = [timedelta(hours=h) for h in hours[:peer_count]]
    ours_h = [cal.add(s, d) for s, d in zip(starts[:peer_count], whole, strict=True)]
    rolled = 0
    other = []
    for ts, n, ours_end in zip(local, hours[:peer_count], ours_h, strict=True):
        theirs_end = (ts + n * cbh).to_pydatetime().replace(tzinfo=WARSAW)
        if theirs_end == ours_end:
            continue
        if ours_end.time() == time(17) and theirs_end == cal.add(ours_end, timedelta(0)):
            rolled += 1  # pandas moves a deadline at closing time to the next opening
        else:
            other.append((ts, n, ours_end, theirs_end))
    print(
        f"agreement with pandas CustomBusinessHour: {peer_count - rolled - len(other)}"
        f"/{peer_count} exact, {rolled} where pandas rolls a closing-time deadline to the next "
        f"opening, {len(other)} other differences"
    )
    for ts, n, a, b in other[:5]:
        print(f"  DIFFERENT start={ts} hours={n} cxcore={a} pandas={b}")
    failures += len(other)
    cx_h = per_item(
        lambda: [cal.add(s, d) for s, d in zip(starts[:peer_count], whole, strict=True)], peer_count
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pd_h = per_item(
            lambda: [ts + n * cbh for ts, n in zip(local, hours, strict=False)],
            peer_count,
            repeat=1,
        )
    print(
        f"add (whole hours): cxcore {cx_h:.2f} us/deadline, pandas {pd_h:.1f} us/deadline, "
        f"ratio {pd_h / cx_h:.0f}x"
    )

    # --- batch: add_many vs a pure NumPy cumulative-sum lookup --------------------------------
    rng = np.random.default_rng(7)
    base = np.datetime64("2026-01-01T00:00:00", "us").astype(np.int64)
    moments = base + rng.integers(0, 365 * 86_400, batch_count) * 1_000_000
    durations = rng.integers(1, 60 * 3600, batch_count) * 1_000_000
    arrays = numpy_baseline(date(2025, 12, 1), date(2027, 6, 30))
    as_dt = moments.view("datetime64[us]")
    as_td = durations.view("timedelta64[us]")
    batch = cal.add_many(as_dt, as_td)
    reference = numpy_add(arrays, moments, durations)
    same = int((batch.view(np.int64) == reference).sum())
    print(f"batch agreement with the NumPy lookup: {same}/{batch_count}")
    failures += batch_count - same
    cx_b = per_item(lambda: cal.add_many(as_dt, as_td), batch_count)
    np_b = per_item(lambda: numpy_add(arrays, moments, durations), batch_count)
    print(
        f"add_many: cxcore {cx_b:.3f} us/deadline, pure NumPy lookup {np_b:.3f} us/deadline, "
        f"ratio {cx_b / np_b:.1f}x (slower than the bare lookup)"
    )
    el_b = per_item(lambda: cal.elapsed_many(as_dt, batch), batch_count)
    print(f"elapsed_many: cxcore {el_b:.3f} us/pair")
    listed = starts[: min(count, 5000)]
    cx_l = per_item(lambda: cal.add_many(listed, seconds[: len(listed)]), len(listed))
    print(
        f"add_many on a list of datetimes: {cx_l:.2f} us/deadline "
        f"(ratio {cx_add / cx_l:.1f}x vs one add at a time)"
    )

    # --- where the peers are wrong ------------------------------------------------------------
    night = BusinessCalendar(timezone="UTC", hours={"fri": [("22:00", "06:00")]})
    night_rules = btd.Rules(
        [btd.WorkDayRule(start_time=time(22), end_time=time(6), working_days=[4], tz=pytz.utc)]
    )
    saturday = datetime(2026, 5, 9, 3, tzinfo=UTC)
    print("peer limitations seen in this run:")
    print(
        f"  overnight shift Fri 22:00-06:00, start Sat 03:00 + 1h: cxcore "
        f"{night.add(saturday, timedelta(hours=1)).isoformat()}, businesstimedelta "
        f"{(saturday + btd.BusinessTimeDelta(night_rules, hours=1)).isoformat()}"
    )
    closing = pd.Timestamp("2026-05-04 16:00") + cbh
    print(
        f"  Mon 16:00 + 1h: cxcore "
        f"{cal.add(datetime(2026, 5, 4, 16, tzinfo=WARSAW), timedelta(hours=1)).time()}, "
        f"pandas {closing}"
    )
    try:
        pd.offsets.CustomBusinessHour(n=1.5)  # type: ignore[arg-type]
        print("  pandas accepted 1.5 hours")
    except (TypeError, ValueError) as exc:
        print(f"  pandas CustomBusinessHour(n=1.5): {type(exc).__name__} (whole hours only)")

    if failures:
        print(f"FAILED: {failures} unexpected differences")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
