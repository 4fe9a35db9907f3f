"""The support playbook: a shop's whole support plan as one value.

A [`Playbook`][cxcore.Playbook] holds named business calendars, the SLA policy and the calendar its
clocks run on, the return policy (a jurisdiction preset plus the store's own rights), where the
response catalog comes from and the default reply language, the channels the shop offers with their
hours, the complaint timers and the compensation guide. It is usually loaded from TOML (see
[`cxcore.playbook.loader`][cxcore.playbook.loader]); its methods wire the parts together so a host
does not have to:

Examples:
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

from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, PrivateAttr

from cxcore._locale import LocaleTag
from cxcore._model import CxModel, ReadOnlyDict
from cxcore._time import TimezoneName
from cxcore.complaints.complaint import Complaint
from cxcore.complaints.timers import ComplaintTimers
from cxcore.complaints.values import ComplaintReason, Severity
from cxcore.conditions import FieldProvider
from cxcore.errors import PlaybookError
from cxcore.money import CurrencyCode
from cxcore.orders import Order
from cxcore.playbook.capacity import CapacityPlan
from cxcore.playbook.compensation import CompensationGuide, RemedyOption
from cxcore.playbook.complaint_plan import ComplaintPlan, ComplaintTimerRule
from cxcore.responses.catalog import ResponseCatalog, builtin_catalog
from cxcore.returns.decision import ReturnDecision
from cxcore.returns.policy import ReturnPolicy
from cxcore.returns.request import ReturnRequest
from cxcore.rules import Rule, RuleMemo, RulesOutcome, RuleSubject, evaluate_rules
from cxcore.sla.calendar import BusinessCalendar
from cxcore.sla.clock import evaluate
from cxcore.sla.policy import SlaMetric, SlaPolicy, parse_duration
from cxcore.sla.report import SlaReport
from cxcore.tickets import Channel, Customer, Priority, Ticket

__all__ = [
    "BUILTIN_CATALOG",
    "ChannelPlan",
    "ComplaintPlan",
    "ComplaintTimerRule",
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

    Examples:
        >>> ShopInfo(name="Shop", country="PL", currency="PLN").currency
        'PLN'
    """

    name: Annotated[str, Field(min_length=1)]
    country: str | None = None
    currency: CurrencyCode | None = None
    email: str | None = None
    website: str | None = None
    timezone: TimezoneName | None = None
    """The shop's own zone; left out, the SLA calendar's zone. Customers without a zone of
    their own are shown times in it (see
    [Playbook.customer_timezone][cxcore.playbook.model.Playbook.customer_timezone])."""


class SlaPlan(CxModel):
    """The SLA policy and the calendar its business-hours targets count on.

    With ``channel_hours`` (the default) a ticket's clocks run over the hours of the channel it
    came in on, so a chat ticket counts chat hours; otherwise every ticket uses ``calendar``.

    Examples:
        >>> SlaPlan(policy=SlaPolicy(name="P"), calendar="office").channel_hours
        True
    """

    policy: SlaPolicy
    calendar: str
    channel_hours: bool = True


class ReturnsPlan(CxModel):
    """The return policy and the calendar whose working days count return deadlines.

    Examples:
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

    Examples:
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

    Examples:
        >>> ChannelPlan(channel="live_chat", calendar="chat").channel
        <Channel.LIVE_CHAT: 'live_chat'>
    """

    channel: Channel
    calendar: str
    description: str = ""


class Playbook(CxModel):
    """A shop's support plan: calendars, SLA, returns, responses, channels, complaints and
    compensation, checked to fit together (every calendar a part names exists).

    Build one with [`load`][cxcore.playbook.model.Playbook.load] /
    [`loads`][cxcore.playbook.model.Playbook.loads] (TOML) or
    [`builtin_playbook`][cxcore.builtin_playbook]. The playbook is a frozen value; its canonical
    form is the TOML it was loaded from.
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
    rules: tuple[Rule, ...] = ()
    capacity: CapacityPlan = CapacityPlan()

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
        for channel in self.capacity.channels:
            if channel not in self.channels:
                raise PlaybookError(
                    f"{self.source}: [capacity.channels.{channel.value}] the shop does not offer "
                    f"{channel.value}; offered: " + ", ".join(c.value for c in self.channels)
                )

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

        Examples:
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

        Examples:
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
        """The hours of ``channel``; [`PlaybookError`][cxcore.errors.PlaybookError] if it is not
        offered."""
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

    # --- time zones -----------------------------------------------------------------------------

    @property
    def shop_timezone(self) -> str:
        """The shop's zone: ``[shop] timezone``, else the zone of the SLA calendar.

        Examples:
            >>> from cxcore.playbook import builtin_playbook
            >>> builtin_playbook().shop_timezone
            'Europe/Warsaw'
        """
        if self.shop.timezone is not None:
            return self.shop.timezone
        return self.calendars[self.sla.calendar].timezone

    def customer_timezone(self, customer: Customer) -> str:
        """The zone to show ``customer`` times in: their own, else explicitly the shop's.

        Examples:
            >>> from cxcore.playbook import builtin_playbook
            >>> from cxcore.tickets import Customer
            >>> builtin_playbook().customer_timezone(Customer(id="C-1"))
            'Europe/Warsaw'
            >>> builtin_playbook().customer_timezone(Customer(id="C-2", timezone="Europe/Riga"))
            'Europe/Riga'
        """
        return customer.timezone_or(self.shop_timezone)

    # --- SLA ------------------------------------------------------------------------------------

    def sla_calendar(self, channel: Channel | str | None = None) -> BusinessCalendar:
        """The calendar SLA clocks of a ticket on ``channel`` run over (see
        [`SlaPlan`][cxcore.playbook.SlaPlan])."""
        if channel is not None and self.sla.channel_hours and self.offers(channel):
            return self.channel_calendar(channel)
        return self.calendars[self.sla.calendar]

    def evaluate(self, ticket: Ticket, at: datetime) -> SlaReport:
        """The ticket's SLA report at ``at`` under this plan's policy and hours."""
        return evaluate(ticket, self.sla.policy, self.sla_calendar(ticket.channel), at)

    def run_rules(
        self,
        subject: RuleSubject,
        now: datetime,
        *,
        memo: RuleMemo | None = None,
        fields: Sequence[FieldProvider] = (),
    ) -> RulesOutcome:
        """Evaluate the playbook's ``[[rules]]`` for ``subject`` at ``now``; business-hours
        triggers count on the SLA calendar of the subject's ticket channel.
        """
        channel = subject.ticket.channel if subject.ticket is not None else None
        calendar = self.sla_calendar(channel)
        return evaluate_rules(subject, now, self.rules, memo=memo, calendar=calendar, fields=fields)

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

    def complaint_rule(
        self,
        *,
        complaint: Complaint | None = None,
        ticket: Ticket | None = None,
        order: Order | None = None,
        fields: Sequence[FieldProvider] = (),
    ) -> ComplaintTimerRule | None:
        """The first ``[[complaints.rules]]`` entry that matches (see
        [ComplaintPlan.rule_for][cxcore.playbook.complaint_plan.ComplaintPlan.rule_for])."""
        return self.complaints.rule_for(
            complaint=complaint, ticket=ticket, order=order, fields=fields
        )

    def complaint_timers(
        self,
        *,
        complaint: Complaint | None = None,
        ticket: Ticket | None = None,
        order: Order | None = None,
        fields: Sequence[FieldProvider] = (),
    ) -> ComplaintTimers:
        """The complaint deadlines, counted on the complaint calendar when ``business_hours``.

        Given the complaint (and its ticket or order), the first matching
        ``[[complaints.rules]]`` entry overrides what it names:

        Examples:
            >>> from datetime import datetime, timezone
            >>> from cxcore.playbook import builtin_playbook
            >>> from cxcore.tickets import Customer
            >>> playbook = builtin_playbook()
            >>> ticket = Ticket(id="T-1", customer=Customer(id="C-1"), channel="marketplace",
            ...     tags=["damaged"], created_at=datetime(2026, 5, 4, tzinfo=timezone.utc))
            >>> timers = playbook.complaint_timers(ticket=ticket)
            >>> timers.acknowledge_within, timers.calendar.__class__.__name__
            (datetime.timedelta(seconds=3600), 'CalendarTime')
        """
        return self.complaints.timers(
            self.calendars[self.complaints.calendar],
            complaint=complaint,
            ticket=ticket,
            order=order,
            fields=fields,
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
