"""Every ```python block in the docs and README runs, so the docs cannot rot.

Blocks of one page run top to bottom in one namespace; a block followed directly by a ```text
block whose content the page presents as output is compared with what the code printed,
character for character: where CLDR puts a no-break space (U+00A0) or a narrow no-break space
(U+202F) in a format, the page shows that character too, so text a reader copies from the page
compares equal to what the library returns.
"""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted([*ROOT.joinpath("docs").rglob("*.md"), ROOT / "README.md"])
FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```\s*$", re.MULTILINE | re.DOTALL)


def blocks(page: Path) -> list[tuple[str, str, int]]:
    text = page.read_text(encoding="utf-8")
    found = []
    for match in FENCE.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        found.append((match.group(1), match.group(2), line))
    return found


def _plain(text: str) -> str:
    return text.rstrip()


def test_pages_exist() -> None:
    assert len(PAGES) > 3


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_python_blocks_run(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": f"docs_{page.stem}"}
    found = blocks(page)
    for index, (language, source, line) in enumerate(found):
        if language not in ("python", "py"):
            continue
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            try:
                exec(compile(source, f"{page.name}:{line}", "exec"), namespace)
            except Exception as exc:
                raise AssertionError(f"{page.name}:{line}: block failed: {exc!r}") from exc
        printed = out.getvalue()
        following = found[index + 1] if index + 1 < len(found) else None
        if printed and following and following[0] == "text":
            expected = following[1]
            assert _plain(printed) == _plain(expected), (
                f"{page.name}:{line}: printed output differs from the text block at line "
                f"{following[2]}:\n--- printed\n{printed}\n--- documented\n{expected}"
            )
