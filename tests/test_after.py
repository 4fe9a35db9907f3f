"""AfterCheck validates exactly as pydantic's AfterValidator, without importing pydantic."""

from __future__ import annotations

import subprocess
import sys
from typing import Annotated

import pytest
from pydantic import AfterValidator, TypeAdapter, ValidationError

from cxcore._after import AfterCheck
from cxcore._locale import LocaleTag, normalize_locale
from cxcore.errors import UnknownLocaleError


def test_same_values_schema_and_errors_as_after_validator() -> None:
    mine = TypeAdapter(Annotated[str, AfterCheck(normalize_locale)])
    theirs = TypeAdapter(Annotated[str, AfterValidator(normalize_locale)])
    assert mine.validate_python("pl_PL") == theirs.validate_python("pl_PL") == "pl-PL"
    assert mine.json_schema() == theirs.json_schema() == {"type": "string"}
    with pytest.raises(ValidationError):
        mine.validate_python(3)
    with pytest.raises(ValidationError) as caught:
        mine.validate_python("xx-not-a-locale-!")
    assert isinstance(caught.value.errors()[0]["ctx"]["error"], UnknownLocaleError)


def test_locale_tag_still_normalises() -> None:
    assert TypeAdapter(LocaleTag).validate_python("th_TH") == "th-TH"


def test_declaring_a_field_type_imports_no_pydantic() -> None:
    code = "import sys, cxcore._locale, cxcore._time\nassert 'pydantic' not in sys.modules\n"
    subprocess.run([sys.executable, "-c", code], check=True)
