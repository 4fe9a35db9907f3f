"""Lazy re-exports for package ``__init__`` modules.

The package module gets a ``ModuleType`` subclass with ``__getattr__`` and ``__dir__`` (what
PEP 562's module functions do, as the language reference's "customizing module attribute
access" allows), plus the one thing functions cannot do: keep a re-exported function that
shares its name with a submodule.

A package lists which of its modules defines each re-exported name; the name is imported on
first attribute access (``cxcore.Money``, ``from cxcore import Money``) and then kept in the
package's namespace, so later look-ups cost nothing. Importing a package therefore loads none
of its modules: a program that renders one message never pays for the SLA clock, the
complaint workflow or pydantic model classes it does not use.

Type checkers and IDEs do not run the lazy look-up: each package also imports the same names
under ``if TYPE_CHECKING:``, and a test checks that the two lists agree.

Examples:
    >>> import cxcore
    >>> type(cxcore).__name__, "Money" in dir(cxcore)
    ('LazyPackage', True)
    >>> cxcore.Money.__name__, "Money" in vars(cxcore)
    ('Money', True)
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from importlib import import_module
from types import ModuleType

TYPE_CHECKING = False  # not typing's: see cxcore/__init__.py
if TYPE_CHECKING:
    from typing import Any

__all__ = ["LazyPackage", "lazy_package", "modules_of"]


def modules_of(exports: Mapping[str, Iterable[str]]) -> dict[str, str]:
    """``{module: names}`` turned into ``{name: module}``.

    Examples:
        >>> modules_of({"cxcore.money": ["Money", "minor_digits"]})
        {'Money': 'cxcore.money', 'minor_digits': 'cxcore.money'}
    """
    return {name: module for module, names in exports.items() for name in names}


class LazyPackage(ModuleType):
    """A package whose ``_EXPORTS`` (name -> defining module) load on first access.

    A re-exported name may be the name of a submodule too (``cxcore.responses.lint`` is both
    a module and the function it defines). Importing the submodule makes Python set the
    package attribute to the module, which would hide the function; the package keeps the
    exported object instead, as an eager ``from .lint import lint`` would have done.

    Examples:
        >>> import cxcore.responses
        >>> import cxcore.responses.lint
        >>> cxcore.responses.lint.__name__, type(cxcore.responses).__name__
        ('lint', 'LazyPackage')
    """

    def __getattr__(self, name: str) -> Any:
        where = self.__dict__.get("_EXPORTS", {}).get(name)
        if where is None:
            raise AttributeError(f"module {self.__name__!r} has no attribute {name!r}")
        value = getattr(import_module(where), name)
        self.__dict__[name] = value
        return value

    def __dir__(self) -> list[str]:
        return sorted(self.__dict__.get("__all__", ()))

    def __setattr__(self, name: str, value: Any) -> None:
        exports = self.__dict__.get("_EXPORTS", {})
        if (
            isinstance(value, ModuleType)
            and name in exports
            and value.__name__ == f"{self.__name__}.{name}"
        ):
            value = getattr(import_module(exports[name]), name)
        super().__setattr__(name, value)


def lazy_package(name: str) -> None:
    """Make the package ``name`` (called from its own ``__init__``, after ``_EXPORTS`` is set)
    load its exports on first use.

    Examples:
        >>> import cxcore
        >>> lazy_package("cxcore")
        >>> cxcore.Money.__name__
        'Money'
    """
    sys.modules[name].__class__ = LazyPackage
