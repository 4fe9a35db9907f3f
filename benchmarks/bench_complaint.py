"""What moving a complaint (and a return) on, and loading it, costs by length of its history.

Workload: a complaint that is offered a remedy, declines it and is sent an update, over and over,
so its ``events``, ``offered`` and ``stage_history`` all grow; and a return whose decision is
reviewed again and again. Each is built to 10, 1 000, 20 000 and 100 000 events. Measured:

- apply: the median time of one ``Complaint.apply`` (``ReturnCase.apply``) over a chain of
  events appended from that length on,
- load: ``model_validate_json`` of the value's JSON, which folds the whole history again (for a
  return up to 1 000 events: each of its events carries a whole decision, about 10 kB of JSON).

Peer: the previous approach, a plain tuple copy, in the same run: the same code with every
append copying the whole past first (what ``events + (event,)`` and ``(*offered, *remedies)``
did), so the only difference measured is the copy. cxcore must come out flat in the length for
apply and linear for load; the two must build equal values. As with ``timeit``, the cyclic
garbage collector is off while timing. The whole run takes a few minutes, most of it the peer's
100 000-event load. ``--quick`` runs small sizes (used by the tests).
"""

from __future__ import annotations

import argparse
import functools
import gc
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from cxcore import Customer
from cxcore._history import History
from cxcore.complaints import (
    AccountCaptured,
    Acknowledged,
    Apologised,
    Compensation,
    Complaint,
    ComplaintEvent,
    ComplaintReceived,
    RemedyDeclined,
    RemedyOffered,
    UpdateSent,
)
from cxcore.money import Money
from cxcore.orders import Order, OrderLine
from cxcore.returns import ReturnLine, ReturnRequest
from cxcore.returns.lifecycle import ReturnCase, ReturnDecided, ReturnEvent, ReturnRequested
from cxcore.returns.presets import policy

T = TypeVar("T")
T0 = datetime(2026, 5, 4, 9, tzinfo=UTC)
CHAIN = 300


# -- workloads ------------------------------------------------------------------------------


def complaint_events(count: int) -> list[ComplaintEvent]:
    """A complaint's history of ``count`` events: received, heard, apologised, then offer,
    decline, update, over and over."""
    gift = Compensation(kind="gift")
    events: list[ComplaintEvent] = [
        ComplaintReceived(
            sequence=1, at=T0, actor="web", complaint_id="CMP-1", customer=Customer(id="C-1"),
            channel="email", reason="damaged_in_transit",
        ),
        Acknowledged(sequence=2, at=T0, actor="agent"),
        AccountCaptured(sequence=3, at=T0, actor="agent", account="crushed", desired_outcome=gift),
        Apologised(sequence=4, at=T0, actor="agent"),
    ]  # fmt: skip
    cycle: list[tuple[type[Any], dict[str, Any]]] = [
        (RemedyOffered, {"remedies": (gift,)}),
        (RemedyDeclined, {}),
        (UpdateSent, {"note": "still looking"}),
    ]
    for number in range(len(events) + 1, count + 1):
        kind, fields = cycle[(number - 5) % 3]
        at = T0 + timedelta(seconds=number)
        events.append(kind(sequence=number, at=at, actor="agent", **fields))
    return events[:count]


def return_events(count: int) -> list[ReturnEvent]:
    """A return of used goods whose decision (for review) is made again and again."""
    lamp = OrderLine(
        id="1", sku="LAMP", name="Lamp", quantity=1, unit_price=Money.of("80.00", "EUR")
    )
    order = Order(id="O-1", customer_id="C-1", ordered_at=T0, delivered_at=T0, lines=[lamp])
    request = ReturnRequest(
        order_id="O-1", requested_at=T0 + timedelta(days=2), reason="changed_mind",
        lines=[ReturnLine(line_id="1", quantity=1, condition="used")],
    )  # fmt: skip
    decision = policy("EU").evaluate(request, order, at=request.requested_at)
    first = ReturnRequested(
        sequence=1, at=request.requested_at, actor="web", return_id="R-1", request=request
    )
    template = ReturnDecided(sequence=2, at=first.at, actor="reviewer", decision=decision)
    events: list[ReturnEvent] = [first]
    for number in range(2, count + 1):
        at = first.at + timedelta(seconds=number)
        events.append(template.model_copy(update={"sequence": number, "at": at}))
    return events


# -- the peer: every append copies the past -------------------------------------------------


def _copying_appended(self: History[T], item: T) -> History[T]:
    items = self._items[: self._size]
    items.append(item)
    return self._view(items, len(items))


def _copying_extended(self: History[T], new: Iterable[T]) -> History[T]:
    items = self._items[: self._size]
    items.extend(new)
    return self._view(items, len(items))


@contextmanager
def copying_appends() -> Iterator[None]:
    """Run the same code with the previous approach: each append copies the whole past."""
    saved = History.appended, History.extended
    History.appended, History.extended = _copying_appended, _copying_extended  # type: ignore[method-assign]
    try:
        yield
    finally:
        History.appended, History.extended = saved  # type: ignore[method-assign]


# -- measuring ------------------------------------------------------------------------------


@contextmanager
def no_collector() -> Iterator[None]:
    """Time as ``timeit`` does: garbage collected first, the cyclic collector off meanwhile
    (its full passes walk every object of the process, the benchmark's own included)."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def apply_time(start: Any, events: list[Any]) -> tuple[float, Any]:
    """Median seconds of one ``apply`` over ``events`` appended one by one from ``start``."""
    times: list[float] = []
    value = start
    with no_collector():
        for event in events:
            began = time.perf_counter()
            value = value.apply(event)
            times.append(time.perf_counter() - began)
    return statistics.median(times), value


def best_time(run: Callable[[], T], repeat: int) -> tuple[float, T]:
    """Best seconds of ``repeat`` runs of ``run``, and its result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        with no_collector():
            began = time.perf_counter()
            result = run()
            best = min(best, time.perf_counter() - began)
    return best, result  # type: ignore[return-value]


def measure(name: str, kind: Any, history: list[Any], sizes: list[int], loads: int) -> int:
    """Print apply and load times at each size against the peer; the number of disagreements."""
    failures = 0
    applies: list[tuple[float, float]] = []
    print(f"\n{name}: apply (median of {CHAIN}) and load (model_validate_json), by length")
    print(f"{'events':>8} {'apply':>10} {'tuple copy':>11} {'ratio':>6}   "
          f"{'load':>10} {'per event':>10} {'tuple copy':>11} {'ratio':>6}")  # fmt: skip
    for size in sizes:
        start = kind.replay(history[:size])
        chain = history[size : size + CHAIN]
        ours, after = apply_time(start, chain)
        with copying_appends():
            theirs, peer_after = apply_time(kind.replay(history[:size]), chain)
        failures += after != peer_after or after.events != tuple(history[: size + CHAIN])
        applies.append((ours, theirs))
        line = f"{size:>8} {ours * 1e6:>8.1f}us {theirs * 1e6:>9.1f}us {theirs / ours:>6.1f}"
        if size <= loads:
            text = start.model_dump_json()
            repeat = 3 if size <= 20_000 else 1
            load_it = functools.partial(kind.model_validate_json, text)
            load, loaded = best_time(load_it, repeat)
            with copying_appends():
                peer_load, peer_loaded = best_time(load_it, repeat)
            failures += not loaded == peer_loaded == start
            line += (
                f"   {load * 1e3:>8.1f}ms {load / size * 1e6:>8.1f}us {peer_load * 1e3:>9.1f}ms "
                f"{peer_load / load:>6.1f}"
            )
        print(line, flush=True)
    (first, peer_first), (last, peer_last) = applies[0], applies[-1]
    print(
        f"apply at {sizes[-1]} events / at {sizes[0]}: cxcore {last / first:.1f}x, "
        f"tuple copy {peer_last / peer_first:.1f}x"
    )
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes, for CI")
    args = parser.parse_args()
    sizes = [10, 100, 1_000] if args.quick else [10, 1_000, 20_000, 100_000]
    largest = sizes[-1] + CHAIN
    failures = measure("Complaint", Complaint, complaint_events(largest), sizes, sizes[-1])
    # A return's JSON repeats the whole decision (about 10 kB) in every event: its loads stop
    # at 1 000 events, where validating that JSON already takes a second.
    failures += measure("ReturnCase", ReturnCase, return_events(largest), sizes, sizes[-1] // 10)
    if failures:
        print(f"FAILED: cxcore and the peer disagreed {failures} times")
        return 1
    print("\nratio = tuple copy / cxcore; results agree")
    return 0


if __name__ == "__main__":
    sys.exit(main())
