"""The Dask and PySpark sketches in docs/metrics.md run whenever that engine is installed.

They are fenced as ``python3`` so tests/test_docs.py (which runs ``python`` blocks) leaves
them alone; this test runs each one when its engine imports, and skips it otherwise.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import re
import sys
from pathlib import Path

import pytest

PAGE = Path(__file__).resolve().parents[2] / "docs" / "metrics.md"
FENCE = re.compile(r"^```python3\n(.*?)^```\s*$", re.MULTILINE | re.DOTALL)
ENGINES = {"Dask": "dask", "PySpark": "pyspark"}


def engine_blocks() -> list[tuple[str, str]]:
    found = []
    for match in FENCE.finditer(PAGE.read_text(encoding="utf-8")):
        source = match.group(1)
        engine = next(name for label, name in ENGINES.items() if label in source.splitlines()[0])
        found.append((engine, source))
    return found


def test_the_page_shows_both_engines() -> None:
    assert sorted(engine for engine, _ in engine_blocks()) == ["dask", "pyspark"]


@pytest.mark.parametrize(("engine", "source"), engine_blocks(), ids=lambda v: v[:8])
def test_engine_block_runs_when_installed(
    engine: str, source: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if importlib.util.find_spec(engine) is None:
        pytest.skip(f"{engine} is not installed")
    # Spark: the driver stays on the loopback interface, the workers run this interpreter
    monkeypatch.setenv("SPARK_LOCAL_IP", "127.0.0.1")
    monkeypatch.setenv("PYSPARK_PYTHON", sys.executable)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(source, f"metrics.md:{engine}", "exec"), {"__name__": "docs_engine"})
    assert out.getvalue().strip() == "11.11"
