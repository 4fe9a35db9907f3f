"""Cold start: rendering one message loads only what that message needs.

Each check runs in a fresh interpreter and looks at ``sys.modules`` afterwards (timings are
for ``benchmarks/bench_coldstart.py``; this is the regression guard). A one-off ICU message
and a built-in reply must not import the other parts of cxcore (SLA, complaints, returns,
capacity, report, store...), the catalog loader and lint, pydantic (whose plugin loader reads
``importlib.metadata``), nor Babel data for any locale but the one asked for.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

PARTS = (
    "cxcore.sla",
    "cxcore.complaints",
    "cxcore.returns",
    "cxcore.capacity",
    "cxcore.report",
    "cxcore.store",
    "cxcore.metrics",
    "cxcore.playbook",
    "cxcore.events",
    "cxcore.rules",
    "cxcore.tickets",
    "cxcore.money",
    "cxcore.responses.lint",
    "cxcore.responses.source",
    "cxcore.responses.template",
    "cxcore.responses._html_context",  # plain-text messages need no HTML reader
    "cxcore.responses.urls",
)
HEAVY = ("pydantic", "pydantic_core", "importlib.metadata", "tomllib", "yaml", "sqlalchemy")

ONE_OFF = """
from cxcore.responses import format_message
text = format_message(
    "{n, plural, one {# paczka} few {# paczki} many {# paczek} other {# paczki}}", "pl", {"n": 22}
)
assert text == "22 paczki", text
"""

BUILT_IN = """
from datetime import timedelta
from cxcore.responses import builtin_catalog
out = builtin_catalog().render(
    "chat.handover", locale="pl", channel="live_chat",
    values={"people_ahead": 3, "wait": timedelta(minutes=5)},
)
assert out.text.startswith("Łączymy Cię"), out.text
"""

REPORT = """
import json, sys
data = sys.modules.get("babel.localedata")
locales = sorted(data._cache) if data else []
print(json.dumps({"modules": sorted(sys.modules), "locales": locales}))
"""


def _after(code: str) -> dict[str, list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", code + REPORT], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    loaded: dict[str, list[str]] = json.loads(done.stdout)
    return loaded


@pytest.mark.parametrize("code", [ONE_OFF, BUILT_IN], ids=["format_message", "builtin_catalog"])
def test_rendering_one_message_loads_only_what_it_needs(code: str) -> None:
    found = _after(code)
    modules = found["modules"]
    unwanted = [
        name
        for name in modules
        if any(name == part or name.startswith(part + ".") for part in PARTS + HEAVY)
    ]
    assert unwanted == []
    assert found["locales"] == ["pl", "root"]


def test_importing_cxcore_loads_nothing_else() -> None:
    found = _after("import cxcore\n")
    assert [name for name in found["modules"] if name.startswith("cxcore")] == [
        "cxcore",
        "cxcore._lazy",
    ]
    assert not [name for name in found["modules"] if name.startswith(("babel.", "pydantic"))]
