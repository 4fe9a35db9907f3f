"""The package's curated names: every one resolves, and the parts load only on first use."""

from __future__ import annotations

import subprocess
import sys

import pytest

import cxcore


@pytest.mark.parametrize("name", cxcore.__all__)
def test_every_exported_name_resolves(name: str) -> None:
    assert getattr(cxcore, name) is not None


def test_lazy_names_are_the_parts_own_objects() -> None:
    from cxcore.metrics import nps
    from cxcore.sla import BusinessCalendar

    assert cxcore.BusinessCalendar is BusinessCalendar
    assert cxcore.nps is nps


def test_unknown_names_raise_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        _ = cxcore.Nope  # type: ignore[attr-defined]


def test_importing_the_package_does_not_load_the_parts() -> None:
    code = (
        "import sys, cxcore; "
        "print(sorted(m for m in ('cxcore.sla', 'cxcore.responses', 'cxcore.complaints', "
        "'cxcore.returns', 'cxcore.metrics', 'cxcore.playbook') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
