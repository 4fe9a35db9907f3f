"""The Spark recipe of docs/how-to/metrics-at-scale.md, run as printed on a local session.

The page's ``python`` blocks run first (as tests/test_docs.py runs them); then the export, the
accumulator factory and the single-process report they define are replaced by a generated
export of a few thousand tickets with refused rows, and the page's Spark block (fenced
``python3``, so tests/test_docs.py leaves it alone) runs unchanged: it starts its own local
session, runs ``mapPartitions`` over four parts, merges, prints whether the merged report
equals the single-process one, and stops the session. One session for the module.
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

pytest.importorskip("pyspark")

sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))
from _tickets import write  # the benchmark's generator, fixed seed

PAGE = Path(__file__).resolve().parents[2] / "docs" / "how-to" / "metrics-at-scale.md"


def _spark_block() -> tuple[list[str], str, str]:
    """The page's python blocks before the Spark block, that block, and its printed output."""
    found = blocks(PAGE)
    before: list[str] = []
    for index, (language, source, _) in enumerate(found):
        if language == "python3" and source.startswith("# Spark"):
            following = found[index + 1]
            assert following[0] == "text"
            return before, source, following[1]
        if language == "python":
            before.append(source)
    raise AssertionError(f"{PAGE.name} has no Spark block")


def _export(folder: Path, count: int) -> Path:
    path = write(folder / "tickets.jsonl", count)
    with path.open("a", encoding="utf-8") as out:
        out.write('{}\nnot json\n{"id": "T-x"}\n')  # refused rows keep their line numbers
    return path


def test_the_documented_spark_recipe_equals_the_single_process_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before, spark_block, documented = _spark_block()
    monkeypatch.chdir(tmp_path)
    # Spark binds the driver to the address this names; keep it on the loopback interface
    monkeypatch.setenv("SPARK_LOCAL_IP", "127.0.0.1")
    # the workers run this interpreter, which has cxcore (``python3`` on the PATH may not)
    monkeypatch.setenv("PYSPARK_PYTHON", sys.executable)
    namespace: dict[str, object] = {"__name__": "docs_metrics_at_scale"}
    with contextlib.redirect_stdout(io.StringIO()):
        for source in before:
            exec(compile(source, f"{PAGE.name}:python", "exec"), namespace)
    path = _export(tmp_path, 3_000)
    make = _make()
    single = make()
    single.update(Export(path))
    namespace.update(path=path, make=make, single=single)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(spark_block, f"{PAGE.name}:spark", "exec"), namespace)
    assert out.getvalue().strip() == documented.strip() == "True"
    merged = namespace["merged"]
    assert isinstance(merged, ReportAccumulator)
    summary = merged.result()
    assert summary == single.result()
    assert summary.at == AT and summary.tickets == 3_000 and summary.refused == 3
    assert [p.line for p in summary.problems] == [3_001, 3_002, 3_003]
    assert len(namespace["parts"]) == 4  # type: ignore[arg-type]
