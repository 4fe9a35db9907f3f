"""Lazy re-exports: every public name imports, is the defining module's own object, and the
packages that resolve names on first use list the same names for type checkers.

Packages whose ``__init__`` re-exports lazily (PEP 562) keep an ``_EXPORTS`` table
(name -> defining module) and repeat the imports under ``if TYPE_CHECKING:`` for mypy and IDEs;
the two must agree, or a name would work at run time and be unknown to type checkers (or the
other way round).
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import subprocess
import sys
from types import ModuleType

import pytest

import cxcore

LAZY_PACKAGES = ("cxcore", "cxcore.responses")


def _public_modules() -> list[str]:
    found = ["cxcore"]
    for info in pkgutil.walk_packages(cxcore.__path__, "cxcore."):
        if not any(part.startswith("_") for part in info.name.split(".")):
            found.append(info.name)
    return found


PUBLIC_MODULES = _public_modules()


def _type_checking_imports(module: ModuleType) -> dict[str, str]:
    """The ``from X import name`` lines under ``if TYPE_CHECKING:`` in the module's source."""
    tree = ast.parse(inspect.getsource(module))
    found: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for statement in node.body:
                assert isinstance(statement, ast.ImportFrom), ast.unparse(statement)
                for alias in statement.names:
                    found[alias.asname or alias.name] = str(statement.module)
    return found


@pytest.mark.parametrize("module_name", PUBLIC_MODULES)
def test_every_exported_name_is_the_defining_objects(module_name: str) -> None:
    module = importlib.import_module(module_name)
    exports: dict[str, str] = getattr(module, "_EXPORTS", {})
    for name in getattr(module, "__all__", ()):
        value = getattr(module, name)
        if name in exports:
            assert value is getattr(importlib.import_module(exports[name]), name), name
        defined_in = getattr(value, "__module__", None)
        if isinstance(defined_in, str) and defined_in.startswith("cxcore") and name != "Message":
            owner = importlib.import_module(defined_in)
            assert getattr(owner, name, value) is value, f"{module_name}.{name}"


@pytest.mark.parametrize("package", LAZY_PACKAGES)
def test_lazy_table_matches_the_type_checking_imports(package: str) -> None:
    module = importlib.import_module(package)
    exports: dict[str, str] = module._EXPORTS
    assert _type_checking_imports(module) == exports
    assert set(module.__all__) - {"__version__"} == set(exports)
    assert dir(module) == sorted(module.__all__)


@pytest.mark.parametrize("package", LAZY_PACKAGES)
def test_from_import_of_every_name_in_a_fresh_interpreter(package: str) -> None:
    code = (
        "import importlib, sys\n"
        f"import {package} as pkg\n"
        "loaded = {m for m in sys.modules if m.partition('.')[0] == 'cxcore'}\n"
        f"assert loaded <= {{'cxcore', 'cxcore._lazy', {package!r}}}, loaded\n"
        "for name, where in pkg._EXPORTS.items():\n"
        f"    value = getattr(importlib.import_module({package!r}), name)\n"
        "    exec(f'from {pkg.__name__} import {name} as got')\n"
        "    assert got is value is getattr(importlib.import_module(where), name), name\n"
        "print(len(pkg._EXPORTS))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) == len(importlib.import_module(package)._EXPORTS)
