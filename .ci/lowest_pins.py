"""Print ``name==version`` for the lowest release that pyproject.toml admits for each package.

``make test-lowest`` installs these pins beside the project so the suite runs on the oldest
Babel and pydantic a user may have. Only ``>=`` lower bounds are read; a package without one
is an error, so the supported range is always stated in pyproject.toml.

Usage: python .ci/lowest_pins.py pyproject.toml babel pydantic
"""

from __future__ import annotations

import re
import sys
import tomllib

_LOWER_BOUND = re.compile(r"^([A-Za-z0-9_.-]+)\s*(?:\[[^]]*\])?\s*.*?>=\s*([0-9][^,;\s]*)")


def lowest_pins(pyproject: str, names: list[str]) -> list[str]:
    """The ``name==lowest`` pins for ``names`` from the project's runtime dependencies."""
    with open(pyproject, "rb") as handle:
        dependencies = tomllib.load(handle)["project"]["dependencies"]
    bounds: dict[str, str] = {}
    for requirement in dependencies:
        found = _LOWER_BOUND.match(requirement)
        if found:
            bounds[found.group(1).lower()] = found.group(2)
    missing = [name for name in names if name.lower() not in bounds]
    if missing:
        raise SystemExit(f"no '>=' lower bound in {pyproject} for: {', '.join(missing)}")
    return [f"{name}=={bounds[name.lower()]}" for name in names]


if __name__ == "__main__":
    print(" ".join(lowest_pins(sys.argv[1], sys.argv[2:])))
