"""Reports over parts of an export equal the single-process report exactly, whether the parts
run in this process, in a process pool (``--jobs``) or on a Dask distributed cluster."""

from __future__ import annotations

import io
import json
import sys
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

import pytest

from cxcore.cli import main
from cxcore.playbook import builtin_playbook
from cxcore.report import Export
from cxcore.report.accumulator import ReportAccumulator
from cxcore.report.parallel import (
    accumulate_part,
    latest_in_part,
    merge_all,
    split_export,
)
from cxcore.report.summary import latest_time

sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))
from _tickets import write  # the benchmark's generator, fixed seed

AT = datetime(2027, 1, 1, tzinfo=UTC)


def _export(tmp_path: Path, count: int = 600) -> Path:
    path = write(tmp_path / "t.jsonl", count)
    with path.open("a", encoding="utf-8") as out:
        out.write("{}\nnot json\n")  # refused rows near the end keep their line numbers
    with path.open("ab") as out:
        out.write(b'{"id": "\xff"}\n')
    first = path.read_text(encoding="utf-8", errors="replace").splitlines()[0]
    with path.open("a", encoding="utf-8") as out:
        out.write(first + "\n")  # a duplicate of line 1
    return path


def _make() -> partial[ReportAccumulator]:
    playbook = builtin_playbook()
    return partial(
        ReportAccumulator,
        policy=playbook.sla.policy,
        calendar=playbook.sla_calendar(),
        channel_calendars={c: playbook.channel_calendar(c) for c in playbook.channels},
        at=AT,
        timezone="Europe/Warsaw",
        by=("tag", "channel"),
    )


def _single(path: Path) -> ReportAccumulator:
    acc = _make()()
    acc.update(Export(path))
    return acc


@pytest.mark.parametrize("parts", [1, 2, 3, 7])
def test_parts_merge_into_the_single_process_report(tmp_path: Path, parts: int) -> None:
    path = _export(tmp_path)
    # the duplicate of line 1 is in the last part; keep every copy of an id in one part
    pieces = split_export(path, parts)
    assert pieces[0].start == 0 and pieces[-1].end == path.stat().st_size
    merged = merge_all(accumulate_part(p, _make()) for p in pieces)
    single = _single(path)
    if parts == 1:
        assert merged.result() == single.result()
        return
    expected = single.result()
    got = merged.result()
    # a duplicate across parts is counted, but both copies were measured: the documented
    # limit; everything the duplicate does not touch is equal
    assert got.duplicates == expected.duplicates == 1
    assert [p.line for p in got.problems if "already read" not in p.message] == [
        p.line for p in expected.problems if "already read" not in p.message
    ]
    assert [p.message for p in got.problems if "byte" in p.message] == [
        p.message for p in expected.problems if "byte" in p.message
    ]


def test_parts_without_duplicates_are_exactly_equal(tmp_path: Path) -> None:
    path = write(tmp_path / "t.jsonl", 600)
    single = _single(path).result()
    for parts in (2, 5):
        accumulated = [accumulate_part(p, _make()) for p in split_export(path, parts)]
        merged = merge_all(accumulated)
        assert merged.result() == single
        before = [a.result() for a in accumulated]
        folded = accumulated[0]
        for part in accumulated[1:]:
            folded.absorb(part)  # in place, as the CLI folds its workers' parts
        assert folded.result() == single
        assert [a.result() for a in accumulated[1:]] == before[1:]  # the others are unchanged
    latest = max(t for t in (latest_in_part(p) for p in split_export(path, 3)) if t)
    assert latest == latest_time(Export(path))


def test_cli_jobs_gives_the_same_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "t.jsonl", 300)
    assert main(["report", str(path), "--format", "json"]) == 0
    one = capsys.readouterr().out
    assert main(["report", str(path), "--format", "json", "--jobs", "2"]) == 0
    assert capsys.readouterr().out == one


def test_dask_distributed_local_cluster(tmp_path: Path) -> None:
    bag = pytest.importorskip("dask.bag")
    distributed = pytest.importorskip("distributed")
    path = write(tmp_path / "t.jsonl", 400)
    single = _single(path).result()
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster),
    ):
        parts = bag.from_sequence(split_export(path, 4), npartitions=4)
        merged = parts.map(accumulate_part, _make()).fold(
            lambda a, b: a.merge(b), lambda a, b: a.merge(b)
        )
        result = merged.compute().result()
    assert result == single
    assert single.at == AT and single.tickets == 400 - 0
    assert timedelta(0) < single.timing.first_reply.median  # type: ignore[operator]


def test_auto_jobs_use_every_cpu_for_big_files_only(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from cxcore import cli

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2, 3}, raising=False)
    assert cli._auto_jobs(1 << 20) == 1
    assert cli._auto_jobs(40 << 20) == 2
    assert cli._auto_jobs(1 << 30) == 4


@pytest.mark.parametrize("value", ["0", "-1", "two"])
def test_bad_jobs_are_refused(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["report", "x.jsonl", "--jobs", value])
    assert stopped.value.code == 2
    assert "--jobs" in capsys.readouterr().err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_cli_jobs_show_progress_on_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Workers add the bytes and tickets they read to shared counters; the parent draws one
    line per pass, ending at 100% with every ticket counted."""
    path = write(tmp_path / "t.jsonl", 300)
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["report", str(path), "--format", "json", "--jobs", "2"]) == 0
    drawn = terminal.getvalue()
    size = path.stat().st_size / 1e6
    for label in ("finding the report time:", "measuring:"):
        final = f"{label} {size:,.1f} of {size:,.1f} MB (100%), "
        assert final in drawn
        rate = drawn.split(final)[-1].split(" tickets/s")[0]
        assert int(rate.replace(",", "")) > 0  # the workers' counts reached the parent
    assert json.loads(capsys.readouterr().out)["tickets"] == 300
