"""What a rule asks the host to do: each action is data, tagged by ``do``.

The host carries intents out (cxcore never sends, tags or assigns anything itself).

Examples:
    >>> parse_action({"do": "add_tag", "tag": "vip"}).describe()
    "add tag 'vip'"
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, TypeAdapter, ValidationError

from cxcore._model import CxModel, ReadOnlyDict, translate_validation_error
from cxcore.conditions import Scalar
from cxcore.tickets import Priority

__all__ = [
    "Action",
    "AddTag",
    "AssignGroup",
    "EscalateComplaint",
    "Notify",
    "OpenReturn",
    "RemoveTag",
    "SendResponse",
    "SetPriority",
    "parse_action",
]

NonEmpty = Annotated[str, Field(min_length=1)]


class SendResponse(CxModel):
    """Send the canned response ``key`` with ``values`` (the host adds what it knows).

    Examples:
        >>> SendResponse(key="complaint.update").describe()
        "send response 'complaint.update'"
    """

    do: Literal["send_response"] = "send_response"
    key: NonEmpty
    values: ReadOnlyDict[str, Scalar] = Field(default_factory=dict)

    def describe(self) -> str:
        """The action in words."""
        return f"send response {self.key!r}"


class SetPriority(CxModel):
    """Set the ticket's priority.

    Examples:
        >>> SetPriority(priority="urgent").describe()
        "set priority 'urgent'"
    """

    do: Literal["set_priority"] = "set_priority"
    priority: Priority

    def describe(self) -> str:
        """The action in words."""
        return f"set priority {self.priority.value!r}"


class AddTag(CxModel):
    """Add ``tag`` to the ticket.

    Examples:
        >>> AddTag(tag="vip").tag
        'vip'
    """

    do: Literal["add_tag"] = "add_tag"
    tag: NonEmpty

    def describe(self) -> str:
        """The action in words."""
        return f"add tag {self.tag!r}"


class RemoveTag(CxModel):
    """Remove ``tag`` from the ticket.

    Examples:
        >>> RemoveTag(tag="new").describe()
        "remove tag 'new'"
    """

    do: Literal["remove_tag"] = "remove_tag"
    tag: NonEmpty

    def describe(self) -> str:
        """The action in words."""
        return f"remove tag {self.tag!r}"


class AssignGroup(CxModel):
    """Assign the ticket to ``group``.

    Examples:
        >>> AssignGroup(group="claims").describe()
        "assign group 'claims'"
    """

    do: Literal["assign_group"] = "assign_group"
    group: NonEmpty

    def describe(self) -> str:
        """The action in words."""
        return f"assign group {self.group!r}"


class EscalateComplaint(CxModel):
    """Escalate the complaint (to ``to``: a team or a person, if given).

    Examples:
        >>> EscalateComplaint(to="team-lead").describe()
        "escalate complaint to 'team-lead'"
    """

    do: Literal["escalate_complaint"] = "escalate_complaint"
    to: str | None = None

    def describe(self) -> str:
        """The action in words."""
        return "escalate complaint" + (f" to {self.to!r}" if self.to else "")


class OpenReturn(CxModel):
    """Open a return for the order (with ``reason``, a return reason code).

    Examples:
        >>> OpenReturn(reason="defective").describe()
        "open return ('defective')"
    """

    do: Literal["open_return"] = "open_return"
    reason: str | None = None

    def describe(self) -> str:
        """The action in words."""
        return "open return" + (f" ({self.reason!r})" if self.reason else "")


class Notify(CxModel):
    """Tell ``target`` (a group, a person, a channel of the host) ``message``.

    Examples:
        >>> Notify(target="claims", message="VIP complaint").describe()
        "notify 'claims': VIP complaint"
    """

    do: Literal["notify"] = "notify"
    target: NonEmpty
    message: str = ""

    def describe(self) -> str:
        """The action in words."""
        return f"notify {self.target!r}" + (f": {self.message}" if self.message else "")


Action = Annotated[
    SendResponse
    | SetPriority
    | AddTag
    | RemoveTag
    | AssignGroup
    | EscalateComplaint
    | OpenReturn
    | Notify,
    Field(discriminator="do"),
]
"""Any action, tagged by ``do``."""

_ADAPTER: TypeAdapter[
    SendResponse
    | SetPriority
    | AddTag
    | RemoveTag
    | AssignGroup
    | EscalateComplaint
    | OpenReturn
    | Notify
] = TypeAdapter(Action)


def parse_action(
    data: object,
) -> (
    SendResponse
    | SetPriority
    | AddTag
    | RemoveTag
    | AssignGroup
    | EscalateComplaint
    | OpenReturn
    | Notify
):
    """An action from plain data (a parsed JSON or TOML table with ``do``)."""
    try:
        return _ADAPTER.validate_python(data)
    except ValidationError as exc:
        raise translate_validation_error(exc) from None
