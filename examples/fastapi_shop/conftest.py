"""Skip the example's tests and doctests when its extras (FastAPI, SQLAlchemy) are missing."""

from __future__ import annotations

from importlib.util import find_spec

_EXTRAS = ("fastapi", "sqlalchemy", "httpx")
collect_ignore_glob = [] if all(find_spec(name) for name in _EXTRAS) else ["*.py", "*/*.py"]
