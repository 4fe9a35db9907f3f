"""The Dask and Spark recipes of docs/how-to/metrics-at-scale.md, run as printed.

The page's ``python`` blocks run first (as tests/test_docs.py runs them); then the export, the
accumulator factory and the single-process report they define are replaced by a generated
export of a few thousand tickets with refused rows, and the page's engine block (fenced
``python3``, so tests/test_docs.py leaves it alone) runs unchanged: Dask on a local cluster of
worker processes, Spark on a local session that the block starts and stops (one per module).
Each prints whether the merged report equals the single-process one.
"""

from __future__ import annotations

import contextlib
import io
import sys
from pathlib import Path

import pytest

from cxcore.report import Export
from cxcore.report.accumulator import ReportAccumulator
from tests.report.test_parallel import AT, _make
from tests.test_docs import blocks

sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))
from _tickets import write  # the benchmark's generator, fixed seed

PAGE = Path(__file__).resolve().parents[2] / "docs" / "how-to" / "metrics-at-scale.md"
TICKETS = 3_000


def _engine_block(label: str) -> tuple[list[str], str, str]:
    """The page's python blocks before the engine's block, that block, and its printed output."""
    found = blocks(PAGE)
    before: list[str] = []
    for index, (language, source, _) in enumerate(found):
        if language == "python3" and source.startswith(f"# {label}:"):
            following = found[index + 1]
            assert following[0] == "text"
            return before, source, following[1]
        if language == "python":
            before.append(source)
    raise AssertionError(f"{PAGE.name} has no {label} block")


def _run(label: str, folder: Path) -> tuple[str, str, dict[str, object], ReportAccumulator]:
    """Run the page up to the engine block, then the block on a generated export; what it
    printed, what the page shows, its namespace and the single-process accumulator."""
    before, engine_block, documented = _engine_block(label)
    namespace: dict[str, object] = {"__name__": "docs_metrics_at_scale"}
    with contextlib.redirect_stdout(io.StringIO()):
        for source in before:
            exec(compile(source, f"{PAGE.name}:python", "exec"), namespace)
    path = write(folder / "generated.jsonl", TICKETS)
    with path.open("a", encoding="utf-8") as out:
        out.write('{}\nnot json\n{"id": "T-x"}\n')  # refused rows keep their line numbers
    make = _make()
    single = make()
    single.update(Export(path))
    namespace.update(path=path, make=make, single=single)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(engine_block, f"{PAGE.name}:{label}", "exec"), namespace)
    return out.getvalue(), documented, namespace, single


def _check(printed: str, documented: str, merged: object, single: ReportAccumulator) -> None:
    assert printed.strip() == documented.strip() == "True"
    assert isinstance(merged, ReportAccumulator)
    summary = merged.result()
    assert summary == single.result()
    assert summary.at == AT and summary.tickets == TICKETS and summary.refused == 3
    assert [p.line for p in summary.problems] == [TICKETS + 1, TICKETS + 2, TICKETS + 3]


def test_the_documented_dask_recipe_equals_the_single_process_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("distributed")
    monkeypatch.chdir(tmp_path)
    printed, documented, namespace, single = _run("Dask", tmp_path)
    _check(printed, documented, namespace["merged"], single)


def test_the_documented_spark_recipe_equals_the_single_process_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("pyspark")
    monkeypatch.chdir(tmp_path)
    # Spark binds the driver to the address this names; keep it on the loopback interface
    monkeypatch.setenv("SPARK_LOCAL_IP", "127.0.0.1")
    # the workers run this interpreter, which has cxcore (``python3`` on the PATH may not)
    monkeypatch.setenv("PYSPARK_PYTHON", sys.executable)
    printed, documented, namespace, single = _run("Spark", tmp_path)
    _check(printed, documented, namespace["merged"], single)
    assert len(namespace["parts"]) == 4  # type: ignore[arg-type]
