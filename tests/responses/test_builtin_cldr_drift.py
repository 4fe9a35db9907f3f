"""The built-in library reads right under every supported Babel/CLDR release.

CLDR 47 and 48 (Babel 2.18 and 2.19) changed data that texts sit next to: the Thai short time
became ``HH:mm น.`` (with the particle), so a text written as ``{t, time, short} น.`` said
``16:00 น. น.``. These tests render every built-in response in every first-class locale with
values of each declared type and check the output against the installed Babel, so running the
suite under the locked and the newest Babel (``make test`` and ``make test-latest``) proves
both.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import babel
import pytest

from cxcore.money import Money
from cxcore.responses import builtin_catalog
from cxcore.responses._repeated_text import repeated_text
from cxcore.responses.formatting import formatter_for
from cxcore.responses.template import CannedResponse, VariableType

LOCALES = ("en", "pl", "lv", "tr", "fi", "th")
CHANNELS = ("email", "live_chat")
AT = datetime(2026, 5, 4, 16, 0, tzinfo=ZoneInfo("Asia/Bangkok"))

SAMPLE: dict[VariableType, object] = {
    VariableType.TEXT: "Kettle K2",
    VariableType.NUMBER: 3,
    VariableType.MONEY: Money(amount=Decimal("149.99"), currency="THB"),
    VariableType.DATE: date(2026, 5, 4),
    VariableType.DATETIME: AT,
    VariableType.DURATION: timedelta(hours=2),
    VariableType.LIST: ["Kettle K2", "Mug M1"],
    VariableType.URL: "https://shop.example/r/1",
}


def _value_sets(response: CannedResponse) -> list[dict[str, object]]:
    """One set of values per choice of each enum variable (the others at their first choice),
    so every select branch that holds a formatted value is rendered at least once."""
    base: dict[str, object] = {}
    for name, spec in response.variables.items():
        base[name] = spec.choices[0] if spec.type is VariableType.ENUM else SAMPLE[spec.type]
    sets = [base]
    for name, spec in response.variables.items():
        sets += [{**base, name: choice} for choice in spec.choices[1:]]
    return sets


@pytest.fixture(scope="module")
def catalog() -> Any:
    return builtin_catalog()


def _renditions(catalog: Any, locale: str) -> list[tuple[str, str]]:
    found = []
    for key in catalog.keys():  # noqa: SIM118 - a catalog is not a mapping
        for values in _value_sets(catalog.get(key)):
            for channel in CHANNELS:
                out = catalog.render(
                    key, locale=locale, channel=channel, values=values, tz="Asia/Bangkok"
                )
                found += [(key, text) for text in (out.text, out.subject or "", out.html or "")]
    return found


def test_every_thai_time_carries_the_particle_once(catalog: Any) -> None:
    renditions = _renditions(catalog, "th")
    times = 0
    for key, text in renditions:
        assert not re.search(r"น\.\s*น\.", text), (babel.__version__, key, text)
        for found in re.finditer(r"\b\d{2}:\d{2}\b", text):
            times += 1
            assert text[found.end() :].startswith(" น."), (babel.__version__, key, text)
    assert times > 10  # the acknowledgements, progress updates and the reply promise


@pytest.mark.parametrize("locale", LOCALES)
def test_no_builtin_text_repeats_its_values_own_pattern(catalog: Any, locale: str) -> None:
    repeats = []
    for key in catalog.keys():  # noqa: SIM118
        for variant in catalog.get(key).variants.get(locale, {}).values():
            for field, text in variant.fields().items():
                repeats += [(key, field, r.text) for r in repeated_text(text, locale)]
    assert repeats == [], babel.__version__


def test_the_check_follows_the_installed_thai_short_time() -> None:
    # CLDR 48 (Babel 2.19) writes the particle into the pattern itself; older data does not, and
    # then the same text is right and must not be reported.
    pattern = formatter_for("th").date_pattern("time", "short")
    found = [(r.name, r.text) for r in repeated_text("ภายในเวลา {t, time, short} น. ค่ะ", "th")]
    assert found == ([("t", "น.")] if pattern.endswith("น.") else [])


@pytest.mark.parametrize(
    ("message", "locale", "expected"),
    [
        ("{p, number, percent}%", "en", [("p", "%")]),
        ("{p, number, percent} of orders", "en", []),
        # each branch's value is reported at its own place in the message
        (
            "{n, plural, one {{t, time, HH:mm น.}} other {{t, time, HH:mm น.}}} น.",
            "th",
            [("t", "น."), ("t", "น.")],
        ),
        ("{t, time, HH:mm} น.", "th", []),
        ("{d, date, y}.", "en", []),
    ],
)
def test_repeated_text_known_answers(
    message: str, locale: str, expected: list[tuple[str, str]]
) -> None:
    assert [(r.name, r.text) for r in repeated_text(message, locale)] == expected
