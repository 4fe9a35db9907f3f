"""A 1 GB export reports under a 300 MB memory limit (marked slow: `make bench` runs it,
plain `pytest` deselects it; about ten minutes on one core)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))
from _tickets import write  # the benchmark's generator, fixed seed

LIMIT = 300 * 1024 * 1024


@pytest.mark.slow
def test_one_gigabyte_under_a_300_mb_limit(tmp_path: Path) -> None:
    path = write(tmp_path / "big.jsonl", 1_080_000)
    assert path.stat().st_size > 1_000_000_000
    done = subprocess.run(
        [
            "prlimit",
            f"--as={LIMIT}",
            sys.executable,
            "-m",
            "cxcore",
            "report",
            str(path),
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        env={"OPENBLAS_NUM_THREADS": "1", "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    summary = json.loads(done.stdout)
    assert summary["rows"] == summary["tickets"] == 1_080_000
