"""Reading target lengths written by people: ``"4h"``, ``"1h30m"``, ``"2d"`` or ISO 8601.

Examples:
    >>> parse_duration("1w 2d")
    datetime.timedelta(days=9)
"""

from __future__ import annotations

import re
from datetime import timedelta

from cxcore._time import MAX_DURATION
from cxcore.errors import LimitExceededError, PolicyError

__all__ = ["parse_duration"]


_DURATION = re.compile(
    r"^(?:(?P<w>\d+)\s*w)?\s*(?:(?P<d>\d+)\s*d)?\s*(?:(?P<h>\d+)\s*h)?\s*"
    r"(?:(?P<m>\d+)\s*m(?:in)?)?\s*(?:(?P<s>\d+)\s*s)?$"
)


def parse_duration(value: object) -> timedelta:
    """Read a target length: a ``timedelta``, ``"1h30m"``-style text (w, d, h, m, s), or ISO 8601.

    Bare numbers are refused, because "240" could mean seconds or minutes.

    Examples:
        >>> parse_duration("1h30m"), parse_duration("PT45M"), parse_duration("2d")
        (datetime.timedelta(seconds=5400), datetime.timedelta(seconds=2700),
         datetime.timedelta(days=2))
        >>> parse_duration(240)
        Traceback (most recent call last):
        ...
        cxcore.errors.PolicyError: cannot read 240 as a duration; write e.g. '4h', '1h30m', '2d' ...
    """
    if isinstance(value, timedelta):
        return _capped(value, value)
    if isinstance(value, str):
        text = value.strip()
        if len(text) > _LONGEST_TEXT:
            raise LimitExceededError(
                f"duration text of {len(text)} characters is longer than {_LONGEST_TEXT}"
            )
        match = _DURATION.match(text.lower())
        try:
            if text and match and any(match.groupdict().values()):
                parts = {k: int(v) for k, v in match.groupdict().items() if v}
                return _capped(
                    timedelta(
                        weeks=parts.get("w", 0),
                        days=parts.get("d", 0),
                        hours=parts.get("h", 0),
                        minutes=parts.get("m", 0),
                        seconds=parts.get("s", 0),
                    ),
                    value,
                )
            iso = _parse_iso_duration(text)
        except OverflowError:
            iso = timedelta.max
        if iso is not None:
            return _capped(iso, value)
    raise PolicyError(
        f"cannot read {value!r} as a duration; write e.g. '4h', '1h30m', '2d' or ISO 8601 'PT4H'"
    )


_LONGEST_TEXT = 100


def _capped(duration: timedelta, written: object) -> timedelta:
    """``duration`` unless it is longer (either way) than the SLA cap of about ten years."""
    if abs(duration) > MAX_DURATION:
        raise LimitExceededError(
            f"duration {written!r} is longer than the cap of {MAX_DURATION.days} days (about "
            "ten years); an SLA duration that long is a mistake"
        )
    return duration


_ISO = re.compile(
    r"^(?P<sign>-)?P(?:(?P<w>\d+)W)?(?:(?P<d>\d+)D)?"
    r"(?:T(?:(?P<h>\d+)H)?(?:(?P<m>\d+)M)?(?:(?P<s>\d+(?:\.\d+)?)S)?)?$"
)


def _parse_iso_duration(text: str) -> timedelta | None:
    match = _ISO.match(text.upper())
    if not match or text.upper() in ("P", "PT", "-P", "-PT") or text.upper().endswith("T"):
        return None
    g = match.groupdict()
    value = timedelta(
        weeks=int(g["w"] or 0),
        days=int(g["d"] or 0),
        hours=int(g["h"] or 0),
        minutes=int(g["m"] or 0),
        seconds=float(g["s"] or 0),
    )
    return -value if g["sign"] else value
