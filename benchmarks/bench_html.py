"""HTML rendering with context-aware escaping, and long list values, against peers in the
same run: cxcore's HTML message vs a Jinja2 template with autoescape (MarkupSafe, one escape
for every context), and cxcore's list join vs Babel's ``format_list``.

    python benchmarks/bench_html.py [--quick]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from babel.lists import format_list as babel_format_list
from jinja2 import Environment

from cxcore.responses import Message, format_list
from cxcore.responses.message import Limits

ICU = (
    '<p>Hello <b>{name}</b>,</p><p>your order <a href="https://shop.example/orders/{order}" '
    'title="{name}">{order}</a> is on its way.</p>'
)
JINJA = (
    "<p>Hello <b>{{ name }}</b>,</p><p>your order "
    '<a href="https://shop.example/orders/{{ order }}" '
    'title="{{ name }}">{{ order }}</a> is on its way.</p>'
)


def best_of(rounds: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(rounds):
        began = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - began)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes, for tests")
    args = parser.parse_args()
    count, rounds, items = (200, 2, 200) if args.quick else (5000, 5, 1000)

    values = [{"name": f'Ola "<{i}>" & co', "order": f"A-{i}"} for i in range(count)]
    message = Message(ICU).for_html()
    template = Environment(autoescape=True).from_string(JINJA)
    ours = [message.format("en", v, html=True) for v in values]
    theirs = [template.render(**v) for v in values]
    if ours != theirs:
        print(f"MISMATCH: {ours[0]!r} != {theirs[0]!r}")
        return 1
    icu = best_of(rounds, lambda: [message.format("en", v, html=True) for v in values])
    jinja = best_of(rounds, lambda: [template.render(**v) for v in values])
    print(f"HTML email, {count} renders, best of {rounds}")
    print(f"  cxcore context-aware HTML  {icu / count * 1e6:8.2f} us per render")
    print(f"  Jinja2 autoescape          {jinja / count * 1e6:8.2f} us per render")
    print(f"ratio Jinja2 / cxcore HTML: {jinja / icu:.2f}x")

    words = [f"item {i} " + "x" * 100 for i in range(items)]
    if format_list(words, "en") != babel_format_list(words, locale="en"):
        print("MISMATCH in list join")
        return 1
    ours_list = best_of(rounds, lambda: format_list(words, "en"))
    babel_list = best_of(rounds, lambda: babel_format_list(words, locale="en"))
    print(f"list of {items} items of about 110 characters, best of {rounds}")
    print(f"  cxcore format_list   {ours_list * 1e3:8.3f} ms")
    print(f"  Babel format_list    {babel_list * 1e3:8.3f} ms")
    print(f"ratio Babel / cxcore list join: {babel_list / ours_list:.2f}x")

    big = Message("{items, list}", limits=Limits(max_output=10**9))
    huge = ["x" * 100_000] * items
    seconds = best_of(1, lambda: big.format("en", {"items": huge}))
    print(f"  {items} items of 100,000 characters through a template: {seconds:.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
