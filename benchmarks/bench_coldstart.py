"""Cold start: a fresh interpreter that imports cxcore and renders its first message, vs
ICU4C's own MessageFormat through PyICU rendering the same ICU message.

Each case runs in a new ``python`` process, several times; the median wall time is reported
(process start included, as a command-line tool or a serverless function pays it). Installers
compile ``.pyc`` files, so the runs use compiled bytecode too: ``PYTHONDONTWRITEBYTECODE`` is
dropped, the bytecode goes to a temporary ``PYTHONPYCACHEPREFIX``, and one untimed run per case
writes it. The target is 100 ms to the first rendered message.

    python benchmarks/bench_coldstart.py [--quick]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
TARGET_MS = 100.0
PATTERN = "{n, plural, one {# paczka} few {# paczki} many {# paczek} other {# paczki}}"

START = "python (interpreter start only)"
IMPORT = "(a) import cxcore"
MESSAGE = "(b) cxcore: import + one ICU message (pl)"
REPLY = "(c) cxcore: import + one built-in reply (pl)"
PYICU = "PyICU: import + the same ICU message (pl)"

CASES: dict[str, str] = {
    START: "pass",
    IMPORT: "import cxcore",
    MESSAGE: f"""
from cxcore.responses import format_message
print(format_message({PATTERN!r}, "pl", {{"n": 22}}))
""",
    REPLY: """
from datetime import timedelta
from cxcore.responses import builtin_catalog
out = builtin_catalog().render(
    "chat.handover", locale="pl", channel="live_chat",
    values={"people_ahead": 3, "wait": timedelta(minutes=5)},
)
print(out.text)
""",
    PYICU: f"""
import icu
message = icu.MessageFormat({PATTERN!r}, icu.Locale("pl"))
print(message.format(["n"], [icu.Formattable(22)]))
""",
}


def run(code: str, env: dict[str, str]) -> tuple[float, str]:
    began = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    elapsed = (time.perf_counter() - began) * 1000
    if done.returncode != 0:
        raise RuntimeError(f"case failed:\n{code}\n{done.stderr}")
    return elapsed, done.stdout.strip()


def have_pyicu() -> bool:
    try:
        import icu  # noqa: F401
    except ImportError:
        return False
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="few repeats, for tests")
    args = parser.parse_args()
    repeats = 3 if args.quick else 21
    cases = dict(CASES)
    if not have_pyicu():
        del cases[PYICU]

    medians: dict[str, float] = {}
    outputs: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as cache:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = cache
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
        for code in cases.values():
            run(code, env)  # writes the bytecode
        times: dict[str, list[float]] = {label: [] for label in cases}
        for _ in range(repeats):  # interleaved, so a busy moment hits every case alike
            for label, code in cases.items():
                elapsed, outputs[label] = run(code, env)
                times[label].append(elapsed)
    print(f"cold start, median (min) of {repeats} fresh processes, compiled bytecode")
    for label, found in times.items():
        medians[label] = statistics.median(found)
        print(f"{label:<46} {medians[label]:7.1f} ms  ({min(found):.1f} ms)")

    one_label, reply_label = MESSAGE, REPLY
    one = outputs[one_label]
    if one != "22 paczki":
        print(f"MISMATCH: cxcore rendered {one!r}")
        return 1
    start = medians[START]
    for label in (one_label, reply_label):
        verdict = "under" if medians[label] < TARGET_MS else "OVER"
        after = medians[label] - start
        print(f"{label}: {verdict} the {TARGET_MS:.0f} ms target ({after:.1f} ms after start)")
    if PYICU in medians:
        if outputs[PYICU] != one:
            print(f"MISMATCH: PyICU rendered {outputs[PYICU]!r}, cxcore {one!r}")
            return 1
        icu_ms = medians[PYICU]
        print("cxcore and PyICU render the same text")
        print(f"ratio cxcore one message / PyICU: {medians[one_label] / icu_ms:.2f}x")
        print(
            f"ratio cxcore built-in reply / PyICU one message: {medians[reply_label] / icu_ms:.2f}x"
        )
    else:
        print("PyICU is not installed (pip install -e '.[dev]'): no ICU4C figure, no ratio")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
