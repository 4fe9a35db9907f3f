"""Locale tags: normalisation and unknown tags."""

from __future__ import annotations

import pytest

from cxcore._locale import FIRST_CLASS_LOCALES, get_locale, normalize_locale
from cxcore.errors import UnknownLocaleError


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("pl", "pl"),
        ("pl_PL", "pl-PL"),
        ("pl-pl", "pl-PL"),
        ("EN-gb", "en-GB"),
        ("th-TH-u-ca-buddhist", "th-TH-u-ca-buddhist"),
        ("zh-Hant-TW", "zh-Hant-TW"),
    ],
)
def test_normalisation(tag: str, expected: str) -> None:
    assert normalize_locale(tag) == expected


@pytest.mark.parametrize("tag", ["", "xx", "xx-QQ", "english", "pl-PL-x-", 42])
def test_unknown_locales(tag: object) -> None:
    with pytest.raises(UnknownLocaleError):
        normalize_locale(tag)  # type: ignore[arg-type]


def test_first_class_locales_are_known_to_babel() -> None:
    for tag in FIRST_CLASS_LOCALES:
        assert get_locale(tag).language == tag
