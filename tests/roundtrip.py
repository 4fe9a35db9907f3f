"""The JSON round-trip check shared by the model tests.

JSON keeps each datetime's instant and UTC offset, but not its IANA zone: a ``ZoneInfo`` time
comes back with a fixed offset. For almost every time the two compare equal. For a wall time in
a DST fold or gap they never do: PEP 495 makes ``==`` between datetimes of different tzinfo
False whenever either offset depends on ``fold``. So the check compares the full value where no
time is in a fold or gap, and in every case the re-serialised JSON (same instants, same offsets)
and the Python-mode round trip (which keeps the zones).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel


def _times(value: Any) -> list[datetime]:
    if isinstance(value, datetime):
        return [value]
    if isinstance(value, dict):
        return [t for item in value.values() for t in _times(item)]
    if isinstance(value, list | tuple):
        return [t for item in value for t in _times(item)]
    return []


def _fold_sensitive(moment: datetime) -> bool:
    return moment.replace(fold=1 - moment.fold).utcoffset() != moment.utcoffset()


def assert_json_round_trip(value: BaseModel) -> None:
    """``value`` survives ``model_dump_json`` / ``model_validate_json`` and the Python-mode
    round trip, as far as JSON can carry it."""
    kind = type(value)
    dumped = value.model_dump_json()
    restored = kind.model_validate_json(dumped)
    assert restored.model_dump_json() == dumped
    if not any(_fold_sensitive(t) for t in _times(value.model_dump())):
        assert restored == value
    assert kind.model_validate(value.model_dump()) == value
