"""Render throughput: cxcore's ICU messages vs ICU4C's own MessageFormat (PyICU), vs Jinja2's
sandbox with Babel filters and vs plain str.format with Babel calls, measured in the same run on
the same values.

The message has a plural, a currency amount and a date (Polish, so the plural has four forms).
Values vary from render to render, so no layer can answer from a cache of results.

    python benchmarks/bench_render.py [--quick]
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from babel.dates import format_date
from babel.numbers import format_currency
from babel.plural import PluralRule
from jinja2.sandbox import SandboxedEnvironment

from cxcore.money import Money
from cxcore.responses import (
    CannedResponse,
    CatalogSource,
    ResponseCatalog,
    VariableSpec,
    Variant,
    compile_message,
)

LOCALE = "pl"
ICU = (
    "Zamówienie {order_id}: {n, plural, one {# paczka} few {# paczki} many {# paczek} "
    "other {# paczki}} za {total, number, currency}, dostawa {due, date, long}."
)
WORDS = {"one": "paczka", "few": "paczki", "many": "paczek", "other": "paczki"}
PLURAL = PluralRule.parse(
    {
        "one": "i = 1 and v = 0",
        "few": "v = 0 and i % 10 = 2..4 and i % 100 != 12..14",
        "many": "v = 0 and i != 1 and i % 10 = 0..1 or v = 0 and i % 10 = 5..9 "
        "or v = 0 and i % 100 = 12..14",
    }
)
JINJA = (
    "Zamówienie {{ order_id }}: {{ n }} {{ n | plural_word }} za {{ total | money }}, "
    "dostawa {{ due | long_date }}."
)


def values(count: int) -> list[dict[str, object]]:
    start = date(2026, 5, 4)
    return [
        {
            "order_id": f"A-{i}",
            "n": i % 30,
            "total": Money.of(Decimal(i) + Decimal("0.99"), "PLN"),
            "due": start + timedelta(days=i % 365),
        }
        for i in range(count)
    ]


def icu_render():  # type: ignore[no-untyped-def]
    """ICU4C's MessageFormat through PyICU (the dev extra), or None when it is not installed.
    Converting the Python values to ICU Formattables is part of each render, as it would be
    for a caller."""
    try:
        import icu
    except ImportError:
        return None
    icu.TimeZone.setDefault(icu.TimeZone.createTimeZone("UTC"))
    message = icu.MessageFormat(ICU, icu.Locale("pl_PL"))
    names = ["order_id", "n", "total", "due"]
    epoch = date(1970, 1, 1)

    def render(v: dict[str, object]) -> str:
        total = v["total"]
        due = v["due"]
        assert isinstance(total, Money) and isinstance(due, date)
        args = [
            icu.Formattable(str(v["order_id"])),
            icu.Formattable(v["n"]),
            icu.Formattable(float(total.amount)),
            icu.Formattable((due - epoch).days * 86400.0, icu.Formattable.kIsDate),
        ]
        return str(message.format(names, args))

    return render


def jinja_template():  # type: ignore[no-untyped-def]
    env = SandboxedEnvironment(autoescape=False)
    env.filters["plural_word"] = lambda n: WORDS[PLURAL(n)]
    env.filters["money"] = lambda m: format_currency(m.rounded().amount, m.currency, locale=LOCALE)
    env.filters["long_date"] = lambda d: format_date(d, "long", locale=LOCALE)
    return env.from_string(JINJA)


def str_format(v: dict[str, object]) -> str:
    n = v["n"]
    total = v["total"]
    assert isinstance(n, int) and isinstance(total, Money)
    return "Zamówienie {}: {} {} za {}, dostawa {}.".format(
        v["order_id"],
        n,
        WORDS[PLURAL(n)],
        format_currency(total.rounded().amount, total.currency, locale=LOCALE),
        format_date(v["due"], "long", locale=LOCALE),  # type: ignore[arg-type]
    )


def timed(
    label: str, render, items: list[dict[str, object]], rounds: int
) -> tuple[float, list[str]]:  # type: ignore[no-untyped-def]
    out = [render(v) for v in items]  # warm the caches
    best = float("inf")
    for _ in range(rounds):
        began = time.perf_counter()
        for v in items:
            render(v)
        best = min(best, time.perf_counter() - began)
    per_item = best / len(items) * 1e6
    print(f"{label:<34} {per_item:8.2f} us per render")
    return per_item, out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes, for tests")
    args = parser.parse_args()
    count, rounds = (200, 2) if args.quick else (5000, 5)
    items = values(count)

    message = compile_message(ICU)
    catalog = ResponseCatalog(
        CatalogSource.from_responses(
            [
                CannedResponse(
                    key="order.summary",
                    variables={
                        "order_id": VariableSpec(type="text"),
                        "n": VariableSpec(type="number"),
                        "total": VariableSpec(type="money"),
                        "due": VariableSpec(type="date"),
                    },
                    variants={LOCALE: {"chat": Variant(text=ICU)}},
                )
            ]
        )
    )
    fmt = catalog.formatter(LOCALE)
    template = jinja_template()

    print(
        f"rendering {count} messages (plural + currency + date, locale {LOCALE}), best of {rounds}"
    )
    icu_us, icu_out = timed(
        "cxcore Message.format", lambda v: message.format(fmt, v), items, rounds
    )
    cat_us, cat_out = timed(
        "cxcore ResponseCatalog.render",
        lambda v: catalog.render("order.summary", locale=LOCALE, channel="chat", values=v).text,
        items,
        rounds,
    )
    icu = icu_render()
    icu4c_us, icu4c_out = (0.0, icu_out)
    if icu is not None:
        icu4c_us, icu4c_out = timed("ICU4C MessageFormat (PyICU)", icu, items, rounds)
    jinja_us, jinja_out = timed("Jinja2 sandbox + Babel filters", template.render, items, rounds)
    fmt_us, fmt_out = timed("str.format + Babel calls", str_format, items, rounds)

    if not (icu_out == cat_out == jinja_out == fmt_out == icu4c_out):
        for a, b in zip(icu_out, icu4c_out if icu4c_out != icu_out else jinja_out, strict=True):
            if a != b:
                print(f"MISMATCH: {a!r} != {b!r}")
                break
        return 1
    print("all agree on every rendered text")
    if icu is not None:
        print(f"ratio ICU4C (PyICU) / cxcore message: {icu4c_us / icu_us:.2f}x")
    else:
        print("PyICU is not installed (pip install -e '.[dev]'): no ICU4C figure")
    print(f"ratio Jinja2 sandbox / cxcore message: {jinja_us / icu_us:.2f}x")
    print(f"ratio Jinja2 sandbox / cxcore catalog render: {jinja_us / cat_us:.2f}x")
    print(f"ratio str.format / cxcore message: {fmt_us / icu_us:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
