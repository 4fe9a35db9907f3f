"""Benchmark: ``cxcore report`` against a plain Python script and DuckDB SQL on the same file.

The file is generated JSON lines in cxcore's own ticket format (``benchmarks/_tickets.py``,
fixed seed). Each contender runs in its own process, so its time includes start-up and its peak
resident memory is its own. All three compute the same headline figures, checked to agree:
tickets, tickets per status, first-reply count and median, full-resolution count and median
(calendar time). cxcore computes its whole report on top (SLA attainment over business hours,
quality, busiest hours, distributions). Targets from issue 17: within 2x of the plain script and
faster than DuckDB at 100k and 500k tickets, peak RSS under 200 MB at 500k. A fourth run,
"decoding only", decodes every line into the lean reader's ticket structures with msgspec on
every CPU and does nothing else: the floor under any Python report that checks every field,
printed beside DuckDB's time.

    python benchmarks/bench_report.py [--quick] [--sizes 100000,500000] [--dask 4] [--spark 4]
                                      [--only-engines] [--slow-test]

``--quick`` runs 2 000 tickets. ``--dask 4`` also runs the report on a local Dask cluster
(``pip install "cxcore[dask]"``) and ``--spark 4`` on a local Spark session (``pip install
"cxcore[spark]"``, Java 17 or 21), four partitions each on one worker per core; each checks
that its report agrees and prints its speed-up over one process running the same code without
an engine (issue 17 asks for 4 partitions on 1M tickets), with the cluster or session start-up
apart, the time each part, merge and the summary took, and how much faster pure Python runs on
as many processes at that moment (the cores may be shared). ``--only-engines`` skips the CLI,
plain-script and DuckDB runs:

    python benchmarks/bench_report.py --sizes 1000000 --dask 4 --spark 4 --only-engines

``--slow-test`` also runs the slow tests (a 1 GB export under
a 300 MB memory limit), which plain ``pytest`` deselects.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from _tickets import write  # the generator lives beside this script
from pydantic import TypeAdapter

AT = "2027-01-01T00:00:00+00:00"
CPU: list[float] = []  # running total of the CPU seconds of finished child processes
# Compiled bytecode, as an installed package has: PYTHONDONTWRITEBYTECODE is dropped and the
# bytecode goes to a temporary folder, filled by an untimed warm-up run (see main).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

PLAIN = r"""
import json, statistics, sys
from collections import Counter
from datetime import datetime

statuses = Counter()
first, full = [], []
tickets = 0
with open(sys.argv[1], "rb") as export:
    for raw in export:
        if not raw.strip():
            continue
        t = json.loads(raw)
        tickets += 1
        created = datetime.fromisoformat(t["created_at"])
        status, reply, solved = "new", None, None
        for e in t["events"]:
            if e["kind"] == "status":
                status = e["status"]
                if status in ("solved", "closed"):
                    solved = e["at"]
            elif e["kind"] == "message" and reply is None:
                m = e["message"]
                if m["public"] and m["author_role"] == "agent":
                    reply = e["at"]
        statuses[status] += 1
        if reply is not None:
            first.append((datetime.fromisoformat(reply) - created).total_seconds())
        if solved is not None and status in ("solved", "closed"):
            full.append((datetime.fromisoformat(solved) - created).total_seconds())
print(json.dumps({"tickets": tickets, "statuses": dict(statuses),
                  "first_reply": [len(first), statistics.median(first)],
                  "full_resolution": [len(full), statistics.median(full)]}))
"""

DUCKDB = r"""
import json, sys
import duckdb

con = duckdb.connect()
con.execute("SET TimeZone = 'UTC'")
con.execute("SET enable_progress_bar = false")
con.execute(f'''
CREATE TEMP TABLE t AS
SELECT id, CAST(created_at AS TIMESTAMPTZ) AS created, events
FROM read_json('{sys.argv[1]}', format = 'newline_delimited', columns = {{
  id: 'VARCHAR', created_at: 'VARCHAR',
  events: 'STRUCT("at" VARCHAR, kind VARCHAR, status VARCHAR,
                  message STRUCT(author_role VARCHAR, "public" BOOLEAN))[]'}})
''')
con.execute('''
CREATE TEMP TABLE m AS
SELECT t.id, t.created,
  coalesce(list_last(list_transform(list_filter(events, lambda e: e['kind'] = 'status'),
                                    lambda e: e['status'])), 'new') AS status,
  list_first(list_transform(list_filter(events, lambda e: e['kind'] = 'message'
      AND e['message']['public'] AND e['message']['author_role'] = 'agent'),
      lambda e: e['at'])) AS reply,
  list_last(list_transform(list_filter(events, lambda e: e['kind'] = 'status'
      AND e['status'] IN ('solved', 'closed')), lambda e: e['at'])) AS solved
FROM t
''')
tickets = con.execute("SELECT count(*) FROM m").fetchone()[0]
statuses = dict(con.execute("SELECT status, count(*) FROM m GROUP BY status").fetchall())
first = con.execute('''SELECT count(reply), median(epoch(CAST(reply AS TIMESTAMPTZ) - created))
                       FROM m''').fetchone()
full = con.execute('''SELECT count(*), median(epoch(CAST(solved AS TIMESTAMPTZ) - created))
                      FROM m WHERE status IN ('solved', 'closed') AND solved IS NOT NULL''')
full = full.fetchone()
print(json.dumps({"tickets": tickets, "statuses": statuses,
                  "first_reply": [first[0], first[1]], "full_resolution": [full[0], full[1]]}))
"""


# The floor under any Python report that checks every line: the lines read as the report reads
# them and decoded by msgspec into the ticket structures of cxcore's lean reader, on every CPU,
# and nothing else. It computes no figures, so it only says how many tickets it decoded.
FLOOR = r"""
import json, multiprocessing, os, sys
from concurrent.futures import ProcessPoolExecutor

import msgspec

from cxcore.report._lean_structs import _Ticket
from cxcore.report.parallel import open_part, split_export

def decode(part):
    decode = msgspec.json.Decoder(_Ticket).decode
    n = 0
    with open_part(part) as lines:
        for line in lines:
            decode(line.text)
            n += 1
    return n

jobs = os.cpu_count() or 1
context = multiprocessing.get_context("fork")
with ProcessPoolExecutor(jobs, mp_context=context) as pool:
    total = sum(pool.map(decode, split_export(sys.argv[1], 4 * jobs)))
print(json.dumps({"tickets": total}))
"""

# One script for the single process and both engines, so all three time the same thing: read
# the parts, merge, take the summary (imports, cluster or session start-up timed apart). Each
# part is timed inside its task (wall and CPU seconds, pickled size of its accumulator) and
# each merge where it runs, so the engine's own overhead is what is left of the wall time.
ENGINE = r"""
import json, os, pickle, sys, time
from datetime import datetime
from functools import partial

from cxcore.playbook import builtin_playbook
from cxcore.report import Export
from cxcore.report.accumulator import ReportAccumulator
from cxcore.report.parallel import accumulate_parts, split_export

engine, path, parts, at = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
playbook = builtin_playbook()
calendar = playbook.sla_calendar()
make = partial(
    ReportAccumulator, policy=playbook.sla.policy, calendar=calendar,
    at=datetime.fromisoformat(at), timezone=calendar.timezone,
    channel_calendars={c: playbook.channel_calendar(c) for c in playbook.channels},
)


def timed_parts(pieces):
    wall, cpu, thread = time.perf_counter(), time.process_time(), time.thread_time()
    accs = accumulate_parts(pieces, make)
    if not accs:
        return []
    stats = {"read": [time.perf_counter() - wall], "cpu": [time.process_time() - cpu],
             "thread": [time.thread_time() - thread], "pid": [os.getpid()], "merge": []}
    start = time.perf_counter()
    stats["bytes"] = [len(pickle.dumps(accs[0], protocol=pickle.HIGHEST_PROTOCOL))]
    stats["pickle"] = [time.perf_counter() - start]
    return [(accs[0], stats)]


def merge(a, b):
    start = time.perf_counter()
    acc = a[0].merge(b[0])
    stats = {k: a[1][k] + b[1][k] for k in a[1]}
    stats["merge"].append(time.perf_counter() - start)
    return acc, stats


def finish(acc, stats, seconds, startup):
    start = time.perf_counter()
    report = acc.result()
    stats["summary"] = time.perf_counter() - start
    seconds += stats["summary"]
    print(json.dumps({"seconds": seconds, "startup": startup, "stats": stats,
                      "report": json.loads(report.model_dump_json())}))


if __name__ == "__main__":
    workers = min(parts, os.cpu_count() or 1)
    if engine == "single":
        start = time.perf_counter()
        cpu = time.process_time()
        acc = make()
        acc.update(Export(path))
        stats = {"read": [time.perf_counter() - start], "cpu": [time.process_time() - cpu],
                 "thread": [time.process_time() - cpu]}
        finish(acc, stats, time.perf_counter() - start, 0.0)
    elif engine == "dask":
        import dask
        import dask.bag as db
        from distributed import Client, LocalCluster

        # the workers' statistical profiler samples their stacks 100 times a second
        dask.config.set({"distributed.worker.profile.enabled": False})
        start = time.perf_counter()
        with LocalCluster(n_workers=workers, threads_per_worker=1,
                          dashboard_address=None) as cluster, Client(cluster):
            startup = time.perf_counter() - start
            start = time.perf_counter()
            bag = db.from_sequence(split_export(path, parts), npartitions=parts)
            acc, stats = bag.map_partitions(timed_parts).fold(merge, merge).compute()
            finish(acc, stats, time.perf_counter() - start, startup)
    else:
        from pyspark.sql import SparkSession

        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # the workers need cxcore
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")  # and stay on this machine
        start = time.perf_counter()
        spark = (
            SparkSession.builder.master(f"local[{workers}]")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.log.level", "ERROR")
            .getOrCreate()
        )
        spark.sparkContext.parallelize([0], 1).count()  # the Python workers start here
        startup = time.perf_counter() - start
        start = time.perf_counter()
        pieces = split_export(path, parts)
        slices = spark.sparkContext.parallelize(pieces, numSlices=len(pieces))
        acc, stats = slices.mapPartitions(timed_parts).reduce(merge)
        finish(acc, stats, time.perf_counter() - start, startup)
        spark.stop()
"""

# What this machine gives at this moment: the same pure-Python work in one process, then split
# over ``workers`` processes. Neighbours on a shared host change it from minute to minute, so it
# is measured in the same run as the engines and each speed-up is also given against it.
CEILING = r"""
import sys, time
from concurrent.futures import ProcessPoolExecutor


def work(n):
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


if __name__ == "__main__":
    workers, n = int(sys.argv[1]), 20_000_000
    start = time.perf_counter()
    work(n)
    one = time.perf_counter() - start
    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(work, [1] * workers))
        start = time.perf_counter()
        list(pool.map(work, [n // workers] * workers))
        many = time.perf_counter() - start
    print(one / many)
"""


def run(argv: list[str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS in MB and stdout of one process (output goes through files, so
    a large report never blocks on a full pipe). The CPU seconds of the process and its
    children go to ``CPU[argv[2]]``, since a machine shared with other work stretches wall
    time but hardly CPU time."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        process = subprocess.Popen(argv, stdout=out, stderr=err, text=True, env=ENV)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        if os.waitstatus_to_exitcode(status) != 0:
            shown = [a if len(a) < 200 else "<script>" for a in argv]
            raise SystemExit(f"{shown} failed:\n{err.read()}")
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        CPU.append(children.ru_utime + children.ru_stime)
        return elapsed, usage.ru_maxrss / 1024, out.read()


def cxcore_figures(report: dict[str, Any]) -> dict[str, Any]:
    timing = report["timing"]

    def seconds(part: dict[str, Any]) -> float:
        text = part["median"]  # ISO 8601 duration from pydantic, e.g. "PT1H3M"
        return TypeAdapter(timedelta).validate_python(text).total_seconds()

    return {
        "tickets": report["tickets"],
        "statuses": {i["key"]: i["count"] for i in report["statuses"]["items"]},
        "first_reply": [timing["first_reply"]["n"], seconds(timing["first_reply"])],
        "full_resolution": [timing["full_resolution"]["n"], seconds(timing["full_resolution"])],
    }


def engine_run(engine: str, path: Path, parts: int, expected: dict[str, Any]) -> dict[str, Any]:
    """One run of ``ENGINE``; its report must agree with the single process's CLI figures."""
    wall, _, out = run([sys.executable, "-c", ENGINE, engine, str(path), str(parts), AT])
    done: dict[str, Any] = json.loads(out)
    got = cxcore_figures(done["report"])
    if expected and got != expected:
        raise SystemExit(f"{engine} and the single process disagree:\n{got}\n{expected}")
    done["wall"] = wall
    return done


def bench_engines(
    path: Path,
    engines: dict[str, int],
    expected: dict[str, Any],
    single: dict[str, Any] | None = None,
) -> None:
    """The report on one process (unless ``single`` has that run already), then on each engine
    with its number of partitions."""
    single = single or engine_run("single", path, 1, expected)
    base = single["seconds"]
    cpu = single["stats"]["cpu"][0]
    print(
        f"  one process (no engine): {base:.2f} s reading, merging nothing and summarising "
        f"({cpu:.2f} s CPU)"
    )
    for engine, parts in engines.items():
        done = engine_run(engine, path, parts, expected)
        stats = done["stats"]
        workers = min(parts, os.cpu_count() or 1)
        ceiling = float(run([sys.executable, "-c", CEILING, str(workers)])[2])
        per_worker: dict[int, float] = {}
        for pid, read in zip(stats["pid"], stats["read"], strict=True):
            per_worker[pid] = per_worker.get(pid, 0.0) + read
        busiest = max(per_worker.values())
        merges = sum(stats["merge"]) + stats["summary"]
        busy = sum(stats["cpu"]) / done["seconds"]
        speed_up = base / done["seconds"]
        print(
            f"  {engine}, {parts} partitions on {workers} local workers: {done['seconds']:.2f} s "
            f"computing, start-up {done['startup']:.2f} s apart; speed-up {speed_up:.2f}x over "
            f"one process (this machine gives {ceiling:.2f}x for pure Python on {workers} "
            f"processes now: {speed_up / ceiling:.0%} of it)"
        )
        print(
            f"    parts: CPU {sum(stats['cpu']):.2f} s in all ({busy:.2f} cores busy on average), "
            f"{sum(stats['thread']):.2f} s of "
            f"it in the reading thread (one process {cpu:.2f} s); busiest worker read for "
            f"{busiest:.2f} s; accumulators pickle to {max(stats['bytes']) / 1e6:.1f} MB in "
            f"{max(stats['pickle']):.3f} s at most; {len(stats['merge'])} merges and the "
            f"summary {merges:.2f} s; engine overhead {done['seconds'] - busiest - merges:.2f} s"
        )


def _cpu_of(call: Any) -> tuple[float, float, str, float]:
    before = CPU[-1] if CPU else 0.0
    wall, rss, out = call()
    return wall, rss, out, CPU[-1] - before


def bench(
    size: int, folder: Path, engines: dict[str, int], only_engines: bool = False
) -> dict[str, float]:
    path = write(folder / f"tickets-{size}.jsonl", size)
    mb = path.stat().st_size / 1e6
    python = sys.executable
    if only_engines:
        single = engine_run("single", path, 1, {})
        expected = cxcore_figures(single["report"])
        print(f"\n{size:,} tickets ({mb:,.0f} MB): {expected}")
        bench_engines(path, engines, expected, single)
        return {}
    report = [python, "-m", "cxcore", "report", str(path), "--at", AT, "--format", "json"]
    runs = {
        "cxcore, 1 process": _cpu_of(lambda: run([*report, "--jobs", "1"])),
        "cxcore, --jobs auto": _cpu_of(lambda: run(report)),
        "plain script": _cpu_of(lambda: run([python, "-c", PLAIN, str(path)])),
        "DuckDB": _cpu_of(lambda: run([python, "-c", DUCKDB, str(path)])),
        "decoding only": _cpu_of(lambda: run([python, "-c", FLOOR, str(path)])),
    }
    figures = {name: json.loads(out) for name, (_, _, out, _) in runs.items()}
    if figures.pop("decoding only")["tickets"] != size:
        raise SystemExit("the decoding-only run did not decode every ticket")
    cx = cxcore_figures(figures.pop("cxcore, 1 process"))
    if cxcore_figures(figures.pop("cxcore, --jobs auto")) != cx:
        raise SystemExit("cxcore's single-process and parallel reports disagree")
    for name, other in figures.items():
        if other != cx:
            raise SystemExit(f"cxcore and the {name} disagree:\n{cx}\n{other}")
    print(f"\n{size:,} tickets ({mb:,.0f} MB) on {os.cpu_count()} CPUs; all agree on {cx}")
    print(f"  {'':<20}{'seconds':>9}{'CPU s':>8}{'peak RSS MB':>13}{'tickets/s':>11}")
    for name, (seconds, rss, _, cpu) in runs.items():
        print(f"  {name:<20}{seconds:>9.2f}{cpu:>8.2f}{rss:>13.0f}{size / seconds:>11,.0f}")
    one, auto = runs["cxcore, 1 process"], runs["cxcore, --jobs auto"]
    plain, duck, floor = runs["plain script"], runs["DuckDB"], runs["decoding only"]
    best = min(one[0], auto[0])
    print(
        f"  ratios (wall): cxcore / plain script {best / plain[0]:.1f}x (target <= 2x); "
        f"cxcore / DuckDB {best / duck[0]:.1f}x (target < 1x); "
        f"one process / plain {one[0] / plain[0]:.1f}x"
    )
    print(
        f"  ratios (CPU): one process / plain script {one[3] / plain[3]:.1f}x; "
        f"/ DuckDB {one[3] / duck[3]:.1f}x; peak RSS {one[1]:.0f} MB"
        + (" (target < 200 MB)" if size >= 500_000 else "")
    )
    print(
        f"  floor: decoding alone, on every CPU, takes {floor[0]:.2f} s, "
        f"{floor[0] / duck[0]:.1f}x DuckDB's whole run and {floor[0] / plain[0]:.1f}x the plain "
        "script's; cxcore / floor "
        f"{best / floor[0]:.1f}x"
    )
    if engines:
        bench_engines(path, engines, cx)
    return {"plain": best / plain[0], "duckdb": best / duck[0], "rss": one[1]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="2 000 tickets only")
    parser.add_argument("--sizes", default="100000,500000", help="ticket counts, comma-separated")
    parser.add_argument(
        "--dask", type=int, default=0, metavar="N", help="also run on a local Dask cluster"
    )
    parser.add_argument(
        "--spark", type=int, default=0, metavar="N", help="also run on a local Spark session"
    )
    parser.add_argument(
        "--only-engines",
        action="store_true",
        help="with --dask or --spark: skip the CLI, plain script and DuckDB runs",
    )
    parser.add_argument(
        "--slow-test", action="store_true", help="also run the slow tests (1 GB, 300 MB limit)"
    )
    args = parser.parse_args()
    sizes = [2_000] if args.quick else [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as folder:
        ENV["PYTHONPYCACHEPREFIX"] = str(Path(folder) / "bytecode")
        with contextlib.redirect_stdout(io.StringIO()):
            bench(200, Path(folder), {})  # untimed: writes the bytecode of every contender
        for size in sizes:
            engines = {"dask": args.dask, "spark": args.spark}
            chosen = {k: n for k, n in engines.items() if n}
            bench(size, Path(folder), chosen, args.only_engines and bool(chosen))
    if args.slow_test:
        root = Path(__file__).parent.parent
        subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-m", "slow", "tests/report"],
            cwd=root,
            check=True,
        )


if __name__ == "__main__":
    main()
