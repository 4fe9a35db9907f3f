"""A field check for ``Annotated`` types that does not import pydantic until a model uses it.

``Annotated[str, AfterCheck(normalize_locale)]`` means what pydantic's
``Annotated[str, AfterValidator(normalize_locale)]`` means: validate the type, then pass the
value through the function. The foundation modules (locale tags, time zones, aware datetimes)
declare their field types with it, so that rendering a message, which uses those modules but
no model, never imports pydantic; pydantic asks for the schema only when it builds a model.

Examples:
    >>> from typing import Annotated
    >>> from pydantic import TypeAdapter
    >>> Upper = Annotated[str, AfterCheck(str.upper)]
    >>> TypeAdapter(Upper).validate_python("eur")
    'EUR'
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler
    from pydantic_core import CoreSchema

__all__ = ["AfterCheck"]


class AfterCheck:
    """``Annotated`` metadata: after the type's own validation, the value goes through
    ``func`` (which returns it, possibly normalised, or raises).

    Examples:
        >>> AfterCheck(str.strip).func(" pl ")
        'pl'
    """

    __slots__ = ("func",)

    def __init__(self, func: Callable[[Any], Any]) -> None:
        self.func = func

    def __repr__(self) -> str:
        return f"AfterCheck({getattr(self.func, '__name__', self.func)})"

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(self.func, handler(source))
