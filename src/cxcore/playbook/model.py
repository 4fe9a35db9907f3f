"""The support playbook: a shop's whole support plan as one value.

A :class:`Playbook` holds named business calendars, the SLA policy and the calendar its clocks
run on, the return policy (a jurisdiction preset plus the store's own rights), where the
response catalog comes from and the default reply language, the channels the shop offers with
their hours, the complaint timers and the compensation guide. It is usually loaded from TOML
(see :mod:`cxcore.playbook.loader`); its methods wire the parts together so a host does not
have to:

>>> from datetime import datetime
>>> from zoneinfo import ZoneInfo
>>> from cxcore.playbook import builtin_playbook
>>> playbook = builtin_playbook()
>>> playbook.shop.name, playbook.returns.policy.jurisdiction.code
('Bursztynowa Pracownia', 'PL')
>>> holiday = datetime(2026, 11, 11, 10, 0, tzinfo=ZoneInfo("Europe/Warsaw"))
>>> playbook.is_open("email", holiday), playbook.is_open("live_chat", holiday)
(False, False)
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, PrivateAttr, ValidationInfo, field_validator

from cxcore._locale import LocaleTag
from cxcore._model import CxModel, ReadOnlyDict, WholeNumber
from cxcore.complaints.timers import ComplaintTimers
from cxcore.complaints.values import ComplaintReason, Recourse, Severity
from cxcore.errors import PlaybookError, PolicyError
from cxcore.money import CurrencyCode
from cxcore.orders import Order
from cxcore.playbook.compensation import CompensationGuide, RemedyOption
from cxcore.responses.catalog import ResponseCatalog, builtin_catalog
from cxcore.returns.decision import ReturnDecision
from cxcore.returns.policy import ReturnPolicy
from cxcore.returns.request import ReturnRequest
from cxcore.sla.calendar import BusinessCalendar
from cxcore.sla.clock import evaluate
from cxcore.sla.policy import SlaMetric, SlaPolicy, parse_duration
from cxcore.sla.report import SlaReport
from cxcore.tickets import Channel, Priority, Ticket

__all__ = [
    "BUILTIN_CATALOG",
    "ChannelPlan",
    "ComplaintPlan",
    "Playbook",
    "ResponsesPlan",
    "ReturnsPlan",
    "ShopInfo",
    "SlaPlan",
]

BUILTIN_CATALOG = "builtin"
"""The catalog entry that stands for cxcore's built-in response library."""

Duration = Annotated[timedelta, BeforeValidator(parse_duration)]


class ShopInfo(CxModel):
    """Who the plan is for.

    >>> ShopInfo(name="Shop", country="PL", currency="PLN").currency
    'PLN'
    """

    name: Annotated[str, Field(min_length=1)]
    country: str | None = None
    currency: CurrencyCode | None = None
    email: str | None = None
    website: str | None = None


class SlaPlan(CxModel):
    """The SLA policy and the calendar its business-hours targets count on.

    With ``channel_hours`` (the default) a ticket's clocks run over the hours of the channel it
    came in on, so a chat ticket counts chat hours; otherwise every ticket uses ``calendar``.

    >>> SlaPlan(policy=SlaPolicy(name="P"), calendar="office").channel_hours
    True
    """

    policy: SlaPolicy
    calendar: str
    channel_hours: bool = True


class ReturnsPlan(CxModel):
    """The return policy and the calendar whose working days count return deadlines.

    >>> from cxcore.returns.presets import policy
    >>> ReturnsPlan(policy=policy("EU"), calendar="office").calendar
    'office'
    """

    policy: ReturnPolicy
    calendar: str


class ResponsesPlan(CxModel):
    """Where the canned responses come from and which language to answer in by default.

    ``catalogs`` lists sources in order (a later one overrides keys of an earlier one): the
    word ``builtin`` for cxcore's library, or directories (absolute once loaded; relative
    paths in a playbook file are relative to that file). ``locales`` are the languages the shop
    answers in; a customer whose language is not among them gets ``default_locale``.

    >>> ResponsesPlan(default_locale="pl", locales=["pl", "en"]).reply_locale("en-GB")
    'en-GB'
    >>> ResponsesPlan(default_locale="pl", locales=["pl", "en"]).reply_locale("fi")
    'pl'
    """

    catalogs: tuple[str, ...] = (BUILTIN_CATALOG,)
    default_locale: LocaleTag = "en"
    locales: tuple[LocaleTag, ...] = ()

    def reply_locale(self, customer_locale: str) -> str:
        """The locale to answer a customer in: theirs if the shop answers in its language,
        else the default."""
        if not self.locales:
            return customer_locale
        language = customer_locale.replace("_", "-").split("-")[0].lower()
        offered = {tag.replace("_", "-").split("-")[0].lower() for tag in self.locales}
        return customer_locale if language in offered else self.default_locale


class ChannelPlan(CxModel):
    """A channel the shop offers and the calendar that holds its hours.

    >>> ChannelPlan(channel="live_chat", calendar="chat").channel
    <Channel.LIVE_CHAT: 'live_chat'>
    """

    channel: Channel
    calendar: str
    description: str = ""


class ComplaintPlan(CxModel):
    """How fast complaints are acknowledged and how often the customer hears from the shop.

    ``update_every`` is the periodic-update rhythm; a playbook that leaves it out takes the SLA
    policy's ``periodic_update`` target for normal-priority email. ``recourse`` is where a
    customer can turn when a complaint closes unresolved (an ADR body).

    >>> ComplaintPlan(calendar="office", update_every="1d").update_every
    datetime.timedelta(days=1)
    """

    acknowledge_within: Duration = timedelta(hours=1)
    update_every: Duration = timedelta(days=1)
    calendar: str
    business_hours: bool = True

    @field_validator("acknowledge_within", "update_every")
    @classmethod
    def _positive(cls, value: timedelta, info: ValidationInfo) -> timedelta:
        if value <= timedelta(0):
            raise PolicyError(f"{info.field_name} must be longer than zero, got {value}")
        return value

    max_contact_attempts: Annotated[WholeNumber, Field(ge=1)] = 3
    recourse: Recourse | None = None


class Playbook(CxModel):
    """A shop's support plan: calendars, SLA, returns, responses, channels, complaints and
    compensation, checked to fit together (every calendar a part names exists).

    Build one with :meth:`load` / :meth:`loads` (TOML) or :func:`builtin_playbook`. The playbook
    is a frozen value; its canonical form is the TOML it was loaded from.
    """

    name: Annotated[str, Field(min_length=1)]
    source: str = "<playbook>"
    shop: ShopInfo
    calendars: ReadOnlyDict[str, BusinessCalendar]
    sla: SlaPlan
    returns: ReturnsPlan
    responses: ResponsesPlan = ResponsesPlan()
    channels: ReadOnlyDict[Channel, ChannelPlan]
    complaints: ComplaintPlan
    compensation: CompensationGuide = CompensationGuide()

    _catalog: ResponseCatalog | None = PrivateAttr(default=None)

    def model_post_init(self, context: Any, /) -> None:
        named = {"sla": self.sla.calendar, "returns": self.returns.calendar}
        named["complaints"] = self.complaints.calendar
        named |= {f"channels.{c.value}": plan.calendar for c, plan in self.channels.items()}
        for where, name in named.items():
            if name not in self.calendars:
                raise PlaybookError(
                    f"{self.source}: [{where}] calendar {name!r} is not defined; defined: "
                    + (", ".join(self.calendars) or "none")
                )
        if not self.channels:
            raise PlaybookError(f"{self.source}: [channels] offer at least one channel")

    def __eq__(self, other: object) -> bool:
        # Compare the plan only: a loaded catalog is a cache, not part of the value.
        if not isinstance(other, Playbook):
            return NotImplemented
        return self.__dict__ == other.__dict__

    __hash__ = None  # type: ignore[assignment]  # dict fields: not hashable

    # --- loading --------------------------------------------------------------------------------

    @classmethod
    def load(cls, path: str | Path) -> Playbook:
        """Read and validate a playbook file; errors name the file and the key.

        >>> Playbook.load("missing.toml")
        Traceback (most recent call last):
        ...
        cxcore.errors.PlaybookError: missing.toml: cannot read the playbook: file not found
        """
        from cxcore.playbook.loader import load_file

        return load_file(path)

    @classmethod
    def loads(
        cls, text: str, *, source: str = "<playbook>", base_dir: str | Path = "."
    ) -> Playbook:
        """Validate playbook TOML ``text``; ``source`` names it in errors and ``base_dir`` is
        where relative catalog paths start.

        >>> Playbook.loads('[shop]\\nname = "x"')
        Traceback (most recent call last):
        ...
        cxcore.errors.PlaybookError: <playbook>: [calendars] define at least one calendar
        """
        from cxcore.playbook.loader import load_text

        return load_text(text, source=source, base_dir=Path(base_dir))

    # --- calendars and channels -----------------------------------------------------------------

    def calendar(self, name: str) -> BusinessCalendar:
        """The calendar called ``name``."""
        try:
            return self.calendars[name]
        except KeyError:
            raise PlaybookError(
                f"{self.source}: no calendar {name!r}; defined: {', '.join(self.calendars)}"
            ) from None

    def offers(self, channel: Channel | str) -> bool:
        """True if the shop offers ``channel``."""
        return Channel(channel) in self.channels

    def channel_calendar(self, channel: Channel | str) -> BusinessCalendar:
        """The hours of ``channel``; :class:`~cxcore.errors.PlaybookError` if it is not offered."""
        wanted = Channel(channel)
        plan = self.channels.get(wanted)
        if plan is None:
            raise PlaybookError(
                f"{self.source}: the shop does not offer {wanted.value}; offered: "
                + ", ".join(c.value for c in self.channels)
            )
        return self.calendars[plan.calendar]

    def is_open(self, channel: Channel | str, at: datetime) -> bool:
        """True if ``channel`` is staffed at ``at`` (False for channels not offered)."""
        return self.offers(channel) and self.channel_calendar(channel).is_open(at)

    # --- SLA ------------------------------------------------------------------------------------

    def sla_calendar(self, channel: Channel | str | None = None) -> BusinessCalendar:
        """The calendar SLA clocks of a ticket on ``channel`` run over (see :class:`SlaPlan`)."""
        if channel is not None and self.sla.channel_hours and self.offers(channel):
            return self.channel_calendar(channel)
        return self.calendars[self.sla.calendar]

    def evaluate(self, ticket: Ticket, at: datetime) -> SlaReport:
        """The ticket's SLA report at ``at`` under this plan's policy and hours."""
        return evaluate(ticket, self.sla.policy, self.sla_calendar(ticket.channel), at)

    # --- returns --------------------------------------------------------------------------------

    def decide_return(self, request: ReturnRequest, order: Order, at: datetime) -> ReturnDecision:
        """Decide a return under the plan's policy, counting deadlines on its working days."""
        calendar = self.calendars[self.returns.calendar]
        return self.returns.policy.evaluate(request, order, at=at, calendar=calendar)

    # --- responses ------------------------------------------------------------------------------

    def catalog(self) -> ResponseCatalog:
        """The response catalog, loaded on first use and kept."""
        if self._catalog is None:
            sources: list[Any] = []
            defaults: dict[str, str] = {}
            for entry in self.responses.catalogs:
                if entry == BUILTIN_CATALOG:
                    builtin = builtin_catalog()
                    sources.extend(builtin.sources)
                    defaults.update(builtin.locale_defaults)
                else:
                    sources.append(Path(entry))
            self._catalog = ResponseCatalog(
                *sources, default_locale=self.responses.default_locale, locale_defaults=defaults
            )
        return self._catalog

    # --- complaints -----------------------------------------------------------------------------

    def complaint_timers(self) -> ComplaintTimers:
        """The complaint deadlines, counted on the complaint calendar when ``business_hours``."""
        plan = self.complaints
        if plan.business_hours:
            return ComplaintTimers(
                acknowledge_within=plan.acknowledge_within,
                update_every=plan.update_every,
                calendar=self.calendars[plan.calendar],
                max_contact_attempts=plan.max_contact_attempts,
            )
        return ComplaintTimers(
            acknowledge_within=plan.acknowledge_within,
            update_every=plan.update_every,
            max_contact_attempts=plan.max_contact_attempts,
        )

    def suggest_remedies(
        self, reason: ComplaintReason | str, severity: Severity | str
    ) -> tuple[RemedyOption, ...]:
        """The compensation guide's options for ``reason`` at ``severity`` (may be empty)."""
        return self.compensation.suggest(reason, severity)

    def update_target(self, priority: Priority | str = Priority.NORMAL) -> timedelta | None:
        """The SLA periodic-update target for email tickets of ``priority``, if any."""
        target = self.sla.policy.targets_for(priority, Channel.EMAIL).target(
            SlaMetric.PERIODIC_UPDATE
        )
        return None if target is None else target.duration
