"""The command line: demo output is stable, help and version work."""

from __future__ import annotations

import subprocess
import sys

import pytest

from cxcore.cli import main


def test_demo_runs_and_is_stable(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo"]) == 0
    first = capsys.readouterr().out
    assert main(["demo"]) == 0
    assert capsys.readouterr().out == first
    assert "NaiveDatetimeError" in first


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("cxcore ")


def test_no_command_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "usage: cxcore" in capsys.readouterr().out


def test_python_dash_m() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "cxcore", "--version"], capture_output=True, text=True, check=True
    )
    assert done.stdout.startswith("cxcore ")
