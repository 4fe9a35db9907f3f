"""The support playbook: a shop's whole support plan, loaded from one TOML file.

Examples:
    >>> from cxcore.playbook import builtin_playbook
    >>> playbook = builtin_playbook()
    >>> playbook.responses.default_locale, [c.value for c in playbook.channels][:3]
    ('en', ['email', 'live_chat', 'phone'])
    >>> [o.kind.value for o in playbook.suggest_remedies("late_delivery", "low")]
    ['discount_code']
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from cxcore.playbook.compensation import (
    ANY,
    CompensationGuide,
    GuideEntry,
    PercentBase,
    RemedyOption,
)
from cxcore.playbook.loader import SECTIONS
from cxcore.playbook.model import (
    BUILTIN_CATALOG,
    ChannelPlan,
    ComplaintPlan,
    Playbook,
    ResponsesPlan,
    ReturnsPlan,
    ShopInfo,
    SlaPlan,
)

__all__ = [
    "ANY",
    "BUILTIN_CATALOG",
    "BUILTIN_PLAYBOOKS",
    "SECTIONS",
    "ChannelPlan",
    "CompensationGuide",
    "ComplaintPlan",
    "GuideEntry",
    "PercentBase",
    "Playbook",
    "RemedyOption",
    "ResponsesPlan",
    "ReturnsPlan",
    "ShopInfo",
    "SlaPlan",
    "builtin_playbook",
    "builtin_playbook_path",
]

BUILTIN_PLAYBOOKS: tuple[str, ...] = ("polish_shop",)
"""The example playbooks shipped with cxcore."""


def builtin_playbook_path(name: str = "polish_shop") -> Path:
    """The file of a built-in playbook, to read or copy as a starting point.

    Examples:
        >>> builtin_playbook_path().name
        'polish_shop.toml'
    """
    if name not in BUILTIN_PLAYBOOKS:
        from cxcore.errors import PlaybookError

        raise PlaybookError(
            f"no built-in playbook {name!r}; built-in: {', '.join(BUILTIN_PLAYBOOKS)}"
        )
    return Path(str(files("cxcore.playbook").joinpath("builtin", f"{name}.toml")))


def builtin_playbook(name: str = "polish_shop") -> Playbook:
    """Load a built-in playbook: ``polish_shop`` is a Polish shop selling across the EU
    (Warsaw hours and Polish public holidays, the Polish return-law preset plus a 30-day store
    policy, replies in Polish and English).

    Examples:
        >>> builtin_playbook().calendar("office").timezone
        'Europe/Warsaw'
    """
    return Playbook.load(builtin_playbook_path(name))
