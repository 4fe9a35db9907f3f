"""The ``cxcore`` command: ``cxcore demo``, ``report``, ``plan`` and ``templates lint``.

The command owns the terminal; everything it shows is computed by library code that takes its
inputs (including "now") as arguments. Exit status: 0 success, 1 problems found or a domain
error (a bad file, an invalid policy), 2 a usage error (unknown option, missing argument).

Examples:
    >>> main(["--version"])
    cxcore 0.1.0
    0
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from functools import partial
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

from cxcore import __version__
from cxcore.errors import CxError

if TYPE_CHECKING:
    from cxcore.report import Export
    from cxcore.report._lines import Line
    from cxcore.report.accumulator import ReportAccumulator
    from cxcore.report.parallel import Part
    from cxcore.report.readers import Row, RowProblem
    from cxcore.report.summary import LatestTime, ReportSummary

__all__ = ["main"]

_FORMATS = ("text", "json", "html")


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cxcore",
        description="Customer-support workflow primitives for online shops.",
        epilog="Exit status: 0 success, 1 problems found or a domain error, 2 usage error.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser(
        "demo",
        help="a narrated, simulated shop day with a fixed clock",
        description="Walk through a simulated day at a Polish shop selling across the EU: "
        "tickets on several channels, SLA clocks over the Warsaw calendar, a damaged-parcel "
        "complaint with canned replies in Polish and English, a return decision and the day's "
        "metrics. Fixed seed and clock: the output is the same on every run.",
    )
    demo.add_argument(
        "--playbook", metavar="FILE", help="playbook TOML (default: the built-in Polish shop)"
    )

    report = commands.add_parser(
        "report",
        help="metrics and SLA attainment over a ticket export",
        description="Summarise a ticket export: volume, busiest hours, reply and resolution "
        "times, quality and SLA attainment. Reads cxcore JSON lines (.jsonl), CSV with a "
        "column map, and the JSON exports of Zendesk, Freshdesk, HubSpot and Gorgias, streaming: "
        "memory does not grow with the file. Rows that cannot be read (impossible data, another "
        "encoding, a repeated ticket id) are counted, listed with their line numbers and left "
        "out.",
        epilog="The SLA policy and hours come from the playbook (default: the built-in demo "
        "shop, a Polish shop; the report header says so); --policy and --calendar replace them. "
        "Without --at the report is taken as of the latest time in the export, which takes one "
        "extra pass over the file.",
    )
    report.add_argument("file", metavar="FILE", help="the export to read")
    report.add_argument(
        "--map",
        metavar="FIELD=HEADER,...",
        default="",
        help='CSV column map (field=CSV header), e.g. "created_at=Created,id=Ticket ID"',
    )
    report.add_argument(
        "--assume-tz", metavar="ZONE", help="time zone for CSV dates written without an offset"
    )
    report.add_argument("--playbook", metavar="FILE", help="playbook TOML (policy and hours)")
    report.add_argument("--calendar", metavar="FILE", help="business calendar (.toml or .json)")
    report.add_argument("--policy", metavar="FILE", help="SLA policy (.toml or .json)")
    report.add_argument("--format", choices=_FORMATS, default="text", help="output format")
    report.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of stdout")
    report.add_argument("--tz", metavar="ZONE", help="time zone for hours and dates shown")
    report.add_argument("--at", metavar="TIME", help="report time, ISO 8601 with an offset")
    report.add_argument(
        "--business-time",
        action="store_true",
        help="measure reply and resolution times in business hours (default: every hour)",
    )
    report.add_argument(
        "--strict", action="store_true", help="exit with status 1 when any row was refused"
    )
    report.add_argument(
        "--encoding",
        default="utf-8",
        help="the file's text encoding (default utf-8; e.g. utf-8-sig, cp1250, utf-16); a line "
        "that does not decode is refused with its line number and byte offset",
    )
    report.add_argument(
        "--source",
        metavar="FORMAT",
        choices=("jsonl", "csv", "zendesk", "freshdesk", "hubspot", "gorgias"),
        help="the export's format: jsonl, csv, zendesk, freshdesk, hubspot or gorgias "
        "(default: from the file name and content)",
    )
    report.add_argument(
        "--jobs",
        type=_jobs,
        default="auto",
        metavar="N",
        help="read a JSON-lines export in N processes; 'auto' (the default) uses every CPU "
        f"for files over {_AUTO_PART_MB} MB per CPU, one process otherwise; the result is "
        "the same",
    )
    report.add_argument(
        "--by",
        metavar="FIELD",
        action="append",
        default=[],
        help="add a breakdown by brand, tag, group, agent, channel, priority, status, locale, "
        "segment or any CSV column; repeat for several",
    )

    plan = commands.add_parser(
        "plan",
        help="people needed per hour against the roster, for the week after an export",
        description="Forecast each channel's tickets per hour from the last weeks of an "
        "export, then size every channel in the playbook's [capacity] section: Erlang C/A "
        "for live channels, a FIFO queue over the business calendar for async ones. Prints "
        "people-hours needed against rostered, the extra hours, attainment under today's "
        "roster, overflow and the hours that break a target.",
        epilog="With --scenario the planned week is the one holding the campaign's first day "
        "and its multipliers apply; repeat it to combine campaigns (a holiday and a sale). "
        "The backtest error (MASE, MAPE) of each channel's forecast is printed when the "
        "history has three weeks or more.",
    )
    plan.add_argument("file", metavar="EXPORT", help="the ticket export to forecast from")
    plan.add_argument(
        "--weeks", type=int, default=4, metavar="N", help="weeks of history to use (default 4)"
    )
    plan.add_argument(
        "--scenario",
        metavar="NAME",
        action="append",
        default=[],
        help="a [capacity.scenarios] campaign (repeatable)",
    )
    plan.add_argument("--playbook", metavar="FILE", help="playbook TOML (capacity and hours)")
    plan.add_argument(
        "--map", metavar="FIELD=HEADER,...", default="", help="CSV column map, as for report"
    )
    plan.add_argument(
        "--assume-tz", metavar="ZONE", help="time zone for CSV dates written without an offset"
    )
    plan.add_argument("--html", metavar="FILE", help="also write the plan as an HTML page")

    templates = commands.add_parser(
        "templates",
        help="work with canned-response catalogs",
        description="Work with canned-response catalog directories.",
    )
    actions = templates.add_subparsers(dest="action", metavar="ACTION")
    lint = actions.add_parser(
        "lint",
        help="check catalog directories",
        description="Check response catalog directories: message syntax, variables used versus "
        "declared, the same variables in every locale, missing locales. Prints file:line "
        "problems; exits with status 1 when there are errors.",
    )
    lint.add_argument("directories", metavar="DIR", nargs="+", help="catalog directory")
    lint.add_argument(
        "--strict", action="store_true", help="treat warnings as errors for the exit status"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    Examples:
        >>> main(["demo"]) == 0  # doctest: +ELLIPSIS
        cxcore demo...
        True
    """
    parser = _build_parser()
    args = parser.parse_args(argv)
    if args.version:
        print(f"cxcore {__version__}")
        return 0
    commands: dict[str, Callable[[argparse.Namespace], int]] = {
        "demo": _demo,
        "report": _report,
        "plan": _plan,
        "templates": _templates,
    }
    command = commands.get(args.command or "")
    if command is None:
        parser.print_help()
        return 2
    try:
        return command(args)
    except CxError as exc:
        print(f"cxcore: error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"cxcore: error: {exc.strerror or exc}: {exc.filename}", file=sys.stderr)
        return 1


def _playbook(path: str | None) -> object:
    from cxcore.playbook import Playbook, builtin_playbook

    return builtin_playbook() if path is None else Playbook.load(path)


def _demo(args: argparse.Namespace) -> int:
    from cxcore._demo import demo_lines
    from cxcore.playbook import Playbook

    playbook = _playbook(args.playbook)
    assert isinstance(playbook, Playbook)
    for line in demo_lines(playbook):
        print(line)
    return 0


def _templates(args: argparse.Namespace) -> int:
    if args.action != "lint":
        print("usage: cxcore templates lint DIR [DIR ...]", file=sys.stderr)
        return 2
    from cxcore.responses import lint

    errors = warnings = 0
    for directory in args.directories:
        for problem in lint(directory):
            print(problem)
            if problem.severity == "error":
                errors += 1
            else:
                warnings += 1
    noun = "directory" if len(args.directories) == 1 else "directories"
    print(
        f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)} "
        f"in {len(args.directories)} {noun}",
        file=sys.stderr,
    )
    return 1 if errors or (args.strict and warnings) else 0


class _Progress:
    """One line on a terminal: bytes read, tickets per second and the time left; redrawn at
    most five times a second, from the first byte on."""

    def __init__(self, stream: TextIO, size: int, label: str) -> None:
        import time

        self.stream = stream
        self.size = max(size, 1)
        self.label = label
        self.clock = time.monotonic
        self.start = self.clock()
        self.shown = -1.0
        self.width = 0
        self(0, 0)

    def __call__(self, done_bytes: int, tickets: int) -> None:
        now = self.clock()
        if now - self.shown < 0.2 and done_bytes < self.size:
            return
        self.shown = now
        spent = max(now - self.start, 1e-9)
        rate = tickets / spent
        left = (self.size - done_bytes) * spent / done_bytes if done_bytes else None
        eta = "-" if left is None else f"{int(left) // 60}:{int(left) % 60:02d}"
        line = (
            f"{self.label} {done_bytes / 1e6:,.1f} of {self.size / 1e6:,.1f} MB "
            f"({100 * done_bytes // self.size}%), {rate:,.0f} tickets/s, {eta} left"
        )
        self.width = max(self.width, len(line))
        self.stream.write("\r" + line.ljust(self.width))
        self.stream.flush()

    def done(self) -> None:
        self.stream.write("\r" + " " * self.width + "\r")
        self.stream.flush()


def _stream(export: Export, label: str, sink: Callable[[Row], None]) -> None:
    """Feed every row of ``export`` to ``sink``, with a progress line on a terminal."""
    progress = _Progress(sys.stderr, export.size, label) if sys.stderr.isatty() else None
    tickets = 0
    for row in export:
        sink(row)
        tickets += 1
        if progress is not None and tickets % 512 == 0:
            progress(export.progress(), tickets)
    if progress is not None:
        progress(export.size, tickets)
        progress.done()


def _stream_lines(
    export: Export, label: str, sink: Callable[[Iterable[Line]], None], every: int = 512
) -> None:
    """Feed the lines of a JSON-lines ``export`` to ``sink`` in batches, with a progress line
    on a terminal."""
    progress = _Progress(sys.stderr, export.size, label) if sys.stderr.isatty() else None
    if progress is None:
        sink(export.lines())
        return
    lines = export.lines()
    done = 0
    while batch := list(islice(lines, every)):
        sink(batch)
        done += len(batch)
        progress(export.progress(), done)
    progress(export.size, done)
    progress.done()


_AUTO_PART_MB = 16


def _jobs(text: str) -> int | str:
    if text == "auto":
        return text
    try:
        jobs = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a whole number or 'auto', got {text!r}"
        ) from None
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"--jobs must be 1 or more, got {jobs}")
    return jobs


def _auto_jobs(size: int) -> int:
    """Every CPU this process may use, but no part smaller than ``_AUTO_PART_MB``."""
    import os

    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(cpus or 1, size // (_AUTO_PART_MB << 20)))


def _report(args: argparse.Namespace) -> int:
    from cxcore.playbook import Playbook
    from cxcore.report import CsvMapping, Export
    from cxcore.report.accumulator import ReportAccumulator
    from cxcore.report.readers import parse_time
    from cxcore.report.summary import LatestTime
    from cxcore.sla.calendar import BusinessCalendar
    from cxcore.sla.clock import SlaCalendar
    from cxcore.sla.policy import SlaPolicy
    from cxcore.tickets import Channel

    playbook = _playbook(args.playbook)
    assert isinstance(playbook, Playbook)
    playbook_name = (
        f"{playbook.name} (built-in demo shop; pass --playbook for yours)"
        if args.playbook is None
        else f"{playbook.name} ({args.playbook})"
    )
    policy = SlaPolicy.load(args.policy) if args.policy else playbook.sla.policy
    calendar: BusinessCalendar
    channel_calendars: dict[Channel, SlaCalendar] = {}
    if args.calendar:
        path = Path(args.calendar)
        calendar = (
            BusinessCalendar.from_json(path)
            if path.suffix.lower() == ".json"
            else BusinessCalendar.from_toml(path)
        )
        calendar_name = f"{args.calendar} ({calendar.timezone})"
    else:
        calendar = playbook.sla_calendar()
        calendar_name = f"playbook calendar {playbook.sla.calendar!r} ({calendar.timezone})"
        if playbook.sla.channel_hours:
            channel_calendars = {c: playbook.channel_calendar(c) for c in playbook.channels}
            calendar_name += " with per-channel hours"
    mapping = CsvMapping.parse(args.map, args.assume_tz)
    export = Export(args.file, mapping, args.encoding, args.source)
    make = partial(
        ReportAccumulator,
        policy=policy,
        calendar=calendar,
        channel_calendars=channel_calendars,
        timezone=args.tz or calendar.timezone,
        timing_calendar=calendar if args.business_time else None,
        by=args.by,
    )
    if args.jobs == "auto":
        args.jobs = _auto_jobs(export.size) if export.format == "jsonl" else 1
    if args.jobs > 1 and export.format == "jsonl":
        return _report_parallel(args, export, make, playbook_name, calendar_name)
    if args.at:
        at = parse_time(args.at, "--at")
    else:
        latest = LatestTime()
        if export.format == "jsonl":
            _stream_lines(export, "finding the report time:", latest.add_lines)
        else:
            _stream(export, "finding the report time:", latest.add_row)
        if latest.at is None:
            return _nothing_read(args.file, latest.problems)
        at = latest.at
    acc = make(at=at)
    if export.format == "jsonl":
        _stream_lines(export, "measuring:", acc.add_lines)
    else:
        _stream(export, "measuring:", acc.add_row)
    return _write(args, acc.result(playbook=playbook_name, calendar=calendar_name))


def _nothing_read(file: str, problems: Sequence[RowProblem]) -> int:
    print(f"cxcore: error: {file}: no tickets could be read", file=sys.stderr)
    for problem in problems:
        print(f"  line {problem.line}: {problem.message}", file=sys.stderr)
    return 1


def _report_parallel(
    args: argparse.Namespace,
    export: Export,
    make: Callable[..., ReportAccumulator],
    playbook_name: str,
    calendar_name: str,
) -> int:
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor, wait

    from cxcore.report.parallel import split_export
    from cxcore.report.readers import parse_time
    from cxcore.report.summary import LatestTime

    parts = split_export(export.path, 4 * args.jobs)
    # Forked workers start with everything this process has imported and built; each keeps
    # one copy of the settings (calendars compile once per worker, not once per part).
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    counts = (context.Value("q", 0), context.Value("q", 0))  # bytes and tickets done

    def absorb(merged: ReportAccumulator, part: ReportAccumulator) -> ReportAccumulator:
        merged.absorb(part)  # in place: the parts' durations and ids are not copied again
        return merged

    def gather(label: str, futures: list[Future[_T]], merge: Callable[[_T, _T], _T]) -> _T:
        """Merge the parts' results in file order as they arrive: a finished part is held
        only until the parts before it are in, so memory stays near one part's."""
        progress = _Progress(sys.stderr, export.size, label) if sys.stderr.isatty() else None
        merged: _T | None = None
        position = 0
        while position < len(futures):
            wait(futures[position:], timeout=0.2, return_when="FIRST_COMPLETED")
            while position < len(futures) and futures[position].done():
                found = futures[position].result()
                futures[position] = None  # type: ignore[call-overload]
                merged = found if merged is None else merge(merged, found)
                position += 1
            if progress is not None:
                progress(counts[0].value, counts[1].value)
        if progress is not None:
            progress(export.size, counts[1].value)
            progress.done()
        for count in counts:
            count.value = 0
        assert merged is not None  # split_export gives at least one part
        return merged

    with ProcessPoolExecutor(
        args.jobs, mp_context=context, initializer=_start_worker, initargs=(make, counts)
    ) as pool:
        if args.at:
            at = parse_time(args.at, "--at")
        else:
            latest = gather(
                "finding the report time:",
                [pool.submit(_worker_latest, part, export.encoding) for part in parts],
                LatestTime.merge,
            )
            if latest.at is None:
                return _nothing_read(args.file, latest.problems)
            at = latest.at
        acc = gather(
            "measuring:",
            [pool.submit(_worker_part, part, at, export.encoding) for part in parts],
            absorb,
        )
    return _write(args, acc.result(playbook=playbook_name, calendar=calendar_name))


_T = TypeVar("_T")

_WORKER: dict[str, Any] = {}
"""The settings and progress counters of a ``--jobs`` worker, set when the worker starts."""


def _start_worker(make: Callable[..., ReportAccumulator], counts: tuple[Any, Any]) -> None:
    _WORKER["make"], _WORKER["counts"] = make, counts


def _feed(part: Part, encoding: str, sink: Callable[[Iterable[Line]], None]) -> None:
    """Feed the lines of ``part`` to ``sink`` in batches, adding to the progress counters."""
    from cxcore.report.parallel import open_part

    done_bytes, done_tickets = _WORKER["counts"]
    with open_part(part, encoding) as lines:
        source = iter(lines)
        read = part.start
        while batch := list(islice(source, 512)):
            sink(batch)
            with done_bytes.get_lock():
                done_bytes.value += lines.bytes_read - read
            with done_tickets.get_lock():
                done_tickets.value += len(batch)
            read = lines.bytes_read


def _worker_latest(part: Part, encoding: str) -> LatestTime:
    from cxcore.report.summary import LatestTime

    scan = LatestTime()
    _feed(part, encoding, scan.add_lines)
    return scan


def _worker_part(part: Part, at: datetime, encoding: str) -> ReportAccumulator:
    acc: ReportAccumulator = _WORKER["make"](at=at)
    _feed(part, encoding, acc.add_lines)
    return acc


def _write(args: argparse.Namespace, summary: ReportSummary) -> int:
    if args.format == "json":
        text = summary.model_dump_json(indent=2) + "\n"
    elif args.format == "html":
        from cxcore.report.html import render_html

        text = render_html(summary, title=f"Support report: {Path(args.file).name}") + "\n"
    else:
        from cxcore.report.text import format_text

        text = "\n".join(format_text(summary)) + "\n"
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 1 if args.strict and (summary.refused or summary.unmeasured_count) else 0


def _plan(args: argparse.Namespace) -> int:
    from cxcore.capacity import forecast_channels, plan_week
    from cxcore.playbook import Playbook
    from cxcore.playbook.planning import channel_setups, scenario
    from cxcore.report import CsvMapping, read_export
    from cxcore.report.plan import format_plan, render_plan_html

    playbook = _playbook(args.playbook)
    assert isinstance(playbook, Playbook)
    setups = channel_setups(playbook)
    if not setups:
        print(f"cxcore: error: {playbook.source}: no [capacity.channels] to plan", file=sys.stderr)
        return 1
    campaigns = [scenario(playbook, name) for name in args.scenario]
    read = read_export(args.file, CsvMapping.parse(args.map, args.assume_tz))
    found = forecast_channels(
        read.tickets,
        playbook.sla_calendar().timezone,
        weeks=args.weeks,
        plan_week=min((c.start for c in campaigns), default=None),
    )
    forecasts = {s.channel: found.week(s.channel) for s in setups}
    week = plan_week(setups, forecasts, start=found.start, campaign=campaigns)
    for line in format_plan(week):
        print(line)
    print()
    print(f"forecast: {found.history_weeks} weeks of history, {found.ahead} week(s) ahead")
    for channel, result in found.backtests.items():
        print(
            f"  {channel.value:<12} backtest on the last week: MASE {result.mase:.2f}, "
            f"MAPE {result.mape:.1f}%"
        )
    if read.problems:
        print(f"{len(read.problems)} rows of the export were refused", file=sys.stderr)
    if args.html:
        title = f"Staffing plan: {Path(args.file).name}"
        Path(args.html).write_text(render_plan_html(week, title=title) + "\n", encoding="utf-8")
        print(f"wrote {args.html}", file=sys.stderr)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
