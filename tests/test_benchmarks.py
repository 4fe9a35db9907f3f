"""Every benchmark script runs in its quick mode, so benchmarks cannot rot.

Timings are not asserted here (the machine running the tests may be busy); the scripts
themselves check that cxcore and the peer agree on the results they both compute.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = sorted(ROOT.joinpath("benchmarks").glob("bench_*.py"))


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_benchmark_quick_mode(script: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(script), "--quick"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert done.returncode == 0, f"{script.name} failed:\n{done.stdout}\n{done.stderr}"
    assert "ratio" in done.stdout.lower(), f"{script.name} reported no ratio:\n{done.stdout}"
