"""The playbook's [capacity] section: rosters, targets from the SLA, scenarios, errors."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from cxcore.errors import PlaybookError
from cxcore.playbook import Playbook, builtin_playbook, builtin_playbook_path
from cxcore.playbook.planning import channel_setups, scenario

BASE = builtin_playbook_path().read_text(encoding="utf-8").split("# --- Capacity")[0]


def _load(extra: str) -> Playbook:
    return Playbook.loads(BASE + extra, source="shop.toml")


def test_builtin_black_friday() -> None:
    playbook = builtin_playbook()
    friday = scenario(playbook, "black_friday")
    assert (friday.start, friday.end) == (date(2026, 11, 27), date(2026, 11, 30))
    assert friday.factor("live_chat", date(2026, 11, 28)) == 3.0
    assert scenario(playbook, "christmas").factor("email", date(2026, 12, 21)) == 1.5
    setups = {s.channel.value: s for s in channel_setups(playbook)}
    assert setups["email"].target == timedelta(hours=8)  # the SLA's first_reply target
    assert setups["email"].mode == "async" and setups["live_chat"].mode == "live"
    assert setups["live_chat"].target == timedelta(seconds=60)
    assert setups["email"].roster[9] == 2 and setups["email"].roster[5 * 24 + 9] == 0
    assert [r.name for r in setups["marketplace"].rules] == ["reply_24h_every_day"]


def test_a_playbook_without_capacity_still_loads() -> None:
    playbook = _load("")
    assert channel_setups(playbook) == ()
    with pytest.raises(PlaybookError, match="no scenario 'black_friday'; defined: none"):
        scenario(playbook, "black_friday")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ('[capacity.channels.whatsapp]\nhandle_time = "5m"\n', "does not offer whatsapp"),
        ("[capacity]\nteams = 1\n", "unknown key 'teams'"),
        (
            '[capacity.channels.email]\nhandle_time = "5m"\n'
            'roster = { mon = [["09:30", "17:00", 1]] }\n',
            "whole hours",
        ),
        (
            '[capacity.scenarios.x]\nname = "X"\nstart = 2026-11-30\nend = 2026-11-27\n',
            "ends",
        ),
    ],
)
def test_errors_name_the_file_and_the_key(extra: str, message: str) -> None:
    with pytest.raises(PlaybookError, match=message) as caught:
        _load(extra)
    assert str(caught.value).startswith("shop.toml")


def test_unknown_reply_rule_preset() -> None:
    playbook = _load('[capacity.channels.marketplace]\nhandle_time = "5m"\nrules = ["nope"]\n')
    with pytest.raises(PlaybookError, match=r"\[capacity.channels.marketplace\].*presets"):
        channel_setups(playbook)


def test_capacity_round_trips_through_json() -> None:
    plan = builtin_playbook().capacity
    assert type(plan).model_validate_json(plan.model_dump_json()) == plan
