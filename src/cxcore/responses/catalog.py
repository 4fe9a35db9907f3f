"""ResponseCatalog: compose sources, negotiate the locale, render a response for a channel.

Sources are composed in order; a key defined in a later source replaces the earlier one.
Locale negotiation walks ``pl-PL -> pl -> catalog default``; the rendered response says which
locale was used and why. Babel ``Locale`` objects, formatters and compiled templates are cached
per catalog.

Examples:
    >>> from cxcore.responses.source import CatalogSource
    >>> from cxcore.responses.template import CannedResponse, VariableSpec, Variant
    >>> reply = CannedResponse(
    ...     key="order.delayed",
    ...     variables={"n": VariableSpec(type="number"), "name": VariableSpec(fallback="there")},
    ...     variants={
    ...         "en": {"chat": Variant(text="Hi {name}, {n, plural, one {# parcel is} "
    ...                                     "other {# parcels are}} late.")},
    ...         "pl": {"chat": Variant(text="Cześć {name}, {n, plural, one {# paczka się spóźnia} "
    ...                                     "few {# paczki się spóźniają} "
    ...                                     "other {# paczek się spóźnia}}.")},
    ...     },
    ... )
    >>> catalog = ResponseCatalog(CatalogSource.from_responses([reply], default_locale="en"))
    >>> out = catalog.render("order.delayed", locale="pl-PL", channel="whatsapp", values={"n": 3})
    >>> out.text, out.locale, out.chain
    ('Cześć there, 3 paczki się spóźniają.', 'pl', ('pl-PL', 'pl'))
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import tzinfo
from os import PathLike
from typing import TYPE_CHECKING, TypeAlias

from markupsafe import escape

from cxcore._locale import _split_extension, get_locale, normalize_locale
from cxcore.errors import CatalogError
from cxcore.responses._library import (
    LIBRARY_PARTS,
    LibraryPart,
    LibraryResponse,
    library_parts,
)
from cxcore.responses._library import library_path as library_path
from cxcore.responses._variables import CHANNEL_GROUPS, VARIANT_NAMES, ValueChecks
from cxcore.responses.formatting import LocaleFormatter
from cxcore.responses.message import DEFAULT_LIMITS, Limits, Message, compile_message

if TYPE_CHECKING:
    from cxcore.responses.source import CatalogSource, LintProblem
    from cxcore.responses.template import CannedResponse

__all__ = ["LIBRARY_PARTS", "RenderedResponse", "ResponseCatalog", "builtin_catalog"]

Source: TypeAlias = "CatalogSource | CannedResponse | str | PathLike[str]"
_Response: TypeAlias = "CannedResponse | LibraryResponse"


@dataclass(frozen=True, slots=True, kw_only=True)
class RenderedResponse:
    """A response rendered for one customer: the texts, plus which locale and variant were used
    and why. (A frozen dataclass rather than a model: it is built on every render, from parts
    that are already validated, and must be cheap.)

    ``locale`` is the locale of the text; ``format_locale`` the one numbers and dates were
    formatted with; ``chain`` the locales tried in order; ``reason`` says it in words.
    ``empty`` means the variant for this channel is intentionally empty: send nothing.

    Examples:
        >>> RenderedResponse(key="a", requested_locale="en", locale="en", format_locale="en",
        ...                  channel="email", variant="email", text="Hi").empty
        False
    """

    key: str
    requested_locale: str
    locale: str
    format_locale: str
    channel: str
    variant: str
    subject: str | None = None
    text: str = ""
    html: str | None = None
    empty: bool = False
    chain: tuple[str, ...] = ()
    reason: str = ""


@dataclass(frozen=True, slots=True)
class _Plan:
    """Everything a render of one (key, requested locale, channel) needs that does not depend
    on the values: found once, then reused."""

    locale: str
    format_locale: str
    variant_name: str
    chain: tuple[str, ...]
    reason: str
    fmt: LocaleFormatter
    label: str
    checks: ValueChecks
    text: Message | None
    subject: Message | None
    html: Message | None
    paragraphs: bool


_PLAN_CACHE_LIMIT = 4096


def _paragraphs(text: str) -> str:
    blocks = [block.strip("\n") for block in text.replace("\r\n", "\n").split("\n\n")]
    return "\n".join(
        "<p>" + str(escape(block)).replace("\n", "<br>\n") + "</p>" for block in blocks if block
    )


class ResponseCatalog:
    """Canned responses composed from sources, ready to render.

    A source is a directory path (see [`load_directory`][cxcore.responses.load_directory]), a
    [`CatalogSource`][cxcore.responses.CatalogSource], or a single
    [`CannedResponse`][cxcore.CannedResponse]. ``default_locale`` overrides the
    sources' own; ``locale_defaults`` maps a language to the tag used for formatting when a
    customer's locale names no calendar (the built-in library maps ``th`` to
    ``th-TH-u-ca-buddhist``).

    Examples:
        >>> ResponseCatalog().keys()
        ()
    """

    def __init__(
        self,
        *sources: Source,
        default_locale: str | None = None,
        locale_defaults: Mapping[str, str] | None = None,
        limits: Limits = DEFAULT_LIMITS,
    ) -> None:
        self.limits = limits
        self._compose(tuple(self._source(s) for s in sources), default_locale, locale_defaults)

    @classmethod
    def _library(
        cls,
        parts: tuple[LibraryPart, ...],
        *,
        default_locale: str,
        locale_defaults: Mapping[str, str],
        limits: Limits,
    ) -> ResponseCatalog:
        """A catalog of the precompiled built-in library (see `cxcore.responses._library`)."""
        catalog = cls.__new__(cls)
        catalog.limits = limits
        catalog._compose(parts, default_locale, locale_defaults)
        return catalog

    def _compose(
        self,
        sources: tuple[CatalogSource | LibraryPart, ...],
        default_locale: str | None,
        locale_defaults: Mapping[str, str] | None,
    ) -> None:
        self._sources = sources
        self._responses: dict[str, tuple[_Response, CatalogSource | LibraryPart]] = {}
        declared_default: str | None = None
        defaults: dict[str, str] = {}
        for source in sources:
            for response in source.responses:
                self._responses[response.key] = (response, source)
            declared_default = source.default_locale or declared_default
            defaults.update(source.locale_defaults)
        defaults.update(locale_defaults or {})
        self.default_locale = normalize_locale(default_locale or declared_default or "en")
        self.locale_defaults = {
            normalize_locale(k): normalize_locale(v) for k, v in defaults.items()
        }
        self._formatters: dict[str, LocaleFormatter] = {}
        self._messages: dict[tuple[str, str, str, str], Message] = {}
        self._plans: dict[tuple[str, str, str], _Plan] = {}

    @property
    def sources(self) -> tuple[CatalogSource, ...]:
        """The composed sources, in order (the built-in library's are loaded in full, with
        every check of [`load_directory`][cxcore.responses.load_directory], on first use)."""
        return self._load_library()

    def _load_library(self) -> tuple[CatalogSource, ...]:
        if any(isinstance(source, LibraryPart) for source in self._sources):
            from cxcore.responses.source import load_directory

            loaded = tuple(
                load_directory(source.path) if isinstance(source, LibraryPart) else source
                for source in self._sources
            )
            self._sources = loaded
            for source in loaded:
                for response in source.responses:
                    self._responses[response.key] = (response, source)
        return self._sources  # type: ignore[return-value]

    @staticmethod
    def _source(source: Source) -> CatalogSource:
        from cxcore.responses.source import CatalogSource, load_directory
        from cxcore.responses.template import CannedResponse

        if isinstance(source, CatalogSource):
            return source
        if isinstance(source, CannedResponse):
            return CatalogSource.from_responses([source])
        if isinstance(source, str | PathLike):
            return load_directory(source)
        raise CatalogError(f"not a catalog source: {type(source).__name__}")

    def __repr__(self) -> str:
        return f"ResponseCatalog({len(self._responses)} responses, default {self.default_locale!r})"

    def __contains__(self, key: object) -> bool:
        return key in self._responses

    def __len__(self) -> int:
        return len(self._responses)

    def keys(self) -> tuple[str, ...]:
        """Every response key, sorted."""
        return tuple(sorted(self._responses))

    @property
    def locales(self) -> tuple[str, ...]:
        """Every locale that has at least one text, sorted."""
        found = {loc for response, _src in self._responses.values() for loc in response.variants}
        return tuple(sorted(found))

    def _response(self, key: str) -> _Response:
        found = self._responses.get(key)
        if found is None:
            raise CatalogError(f"no response with key {key!r} in the catalog")
        return found[0]

    def get(self, key: str) -> CannedResponse:
        """The response with ``key`` (raises [`CatalogError`][cxcore.errors.CatalogError])."""
        response = self._response(key)
        if isinstance(response, LibraryResponse):
            self._load_library()
            response = self._response(key)
        return response  # type: ignore[return-value]

    def source_of(self, key: str) -> CatalogSource:
        """The source the response ``key`` was taken from (the last one defining it)."""
        self.get(key)
        return self._responses[key][1]  # type: ignore[return-value]

    def formatter(self, tag: str) -> LocaleFormatter:
        """The catalog's cached formatter for ``tag``."""
        found = self._formatters.get(tag)
        if found is None:
            found = self._formatters[tag] = LocaleFormatter(tag)
        return found

    def locale_chain(self, locale: str) -> tuple[str, ...]:
        """The locales tried for a customer's ``locale``: the tag, then ever shorter forms of
        it, then the catalog default.

        Examples:
            >>> ResponseCatalog(default_locale="en").locale_chain("pl_PL")
            ('pl-PL', 'pl', 'en')
        """
        tag = normalize_locale(locale)
        base, extension = _split_extension(tag)
        parsed = get_locale(base)
        chain = [tag]
        if extension:
            chain.append(base)
        if parsed.script and parsed.territory:
            chain.append(f"{parsed.language}-{parsed.script}")
        chain.append(parsed.language)
        chain.append(self.default_locale)
        return tuple(dict.fromkeys(chain))

    def format_locale(self, text_locale: str, requested: str) -> str:
        """The tag numbers and dates are formatted with: the customer's own tag when the text
        is in their language, else the text's locale; a tag without a calendar takes the one
        from ``locale_defaults``.

        Examples:
            >>> catalog = ResponseCatalog(locale_defaults={"th": "th-TH-u-ca-buddhist"})
            >>> catalog.format_locale("th", "th"), catalog.format_locale("en", "th")
            ('th-TH-u-ca-buddhist', 'en')
        """
        tag = normalize_locale(requested)
        if get_locale(tag).language != get_locale(text_locale).language:
            tag = normalize_locale(text_locale)
        base, extension = _split_extension(tag)
        if extension:
            return tag
        parsed = get_locale(base)
        default = self.locale_defaults.get(base) or self.locale_defaults.get(parsed.language)
        if default is None:
            return tag
        default_base, default_extension = _split_extension(default)
        return (base if parsed.territory else default_base) + default_extension

    def _plan(self, key: str, locale: str, channel: str) -> _Plan:
        response = self._response(key)
        if channel not in VARIANT_NAMES:
            raise CatalogError(
                f"unknown channel {channel!r}; use one of " + ", ".join(sorted(VARIANT_NAMES))
            )
        tried: list[str] = []
        notes: list[str] = []
        for candidate in self.locale_chain(locale):
            tried.append(candidate)
            hit = response.variant_for(candidate, channel)
            if hit is None:
                why = "no texts" if candidate not in response.variants else f"no {channel} variant"
                notes.append(f"{candidate}: {why}")
                continue
            name, variant = hit
            via = f" (for channel {channel})" if name != channel else ""
            notes.append(f"{candidate}: using the {name!r} variant{via}")
            format_locale = self.format_locale(candidate, locale)
            fields = {
                field: self.message(key, candidate, name, field) for field in variant.fields()
            }
            plan = _Plan(
                locale=candidate,
                format_locale=format_locale,
                variant_name=name,
                chain=tuple(tried),
                reason="; ".join(notes),
                fmt=self.formatter(format_locale),
                label=f"response {key!r} ({candidate}, {name})",
                checks=ValueChecks(response.variables),
                text=fields.get("text"),
                subject=fields.get("subject"),
                html=fields.get("html"),
                paragraphs=CHANNEL_GROUPS.get(channel) == "email" or name == "email",
            )
            if len(self._plans) >= _PLAN_CACHE_LIMIT:
                self._plans.clear()
            self._plans[(key, locale, channel)] = plan
            return plan
        raise CatalogError(
            f"response {key!r} has no text for locale {locale!r} and channel {channel!r}: "
            + "; ".join(notes)
        )

    def message(self, key: str, locale: str, variant: str, field: str) -> Message:
        """The compiled message of one field (cached per catalog)."""
        cache_key = (key, locale, variant, field)
        found = self._messages.get(cache_key)
        if found is None:
            text = getattr(self._response(key).variants[locale][variant], field)
            found = compile_message(text, limits=self.limits)
            if field == "html":
                found = found.for_html()
            self._messages[cache_key] = found
        return found

    def render(
        self,
        key: str,
        *,
        locale: str,
        channel: str = "email",
        values: Mapping[str, object] | None = None,
        tz: str | tzinfo | None = None,
    ) -> RenderedResponse:
        """Render response ``key`` for a customer's ``locale`` and ``channel``.

        Values are checked against the declared variable types; a missing value takes its
        declared fallback, else [`MissingVariableError`][cxcore.errors.MissingVariableError] is
        raised. Datetimes are shown in ``tz`` when given.
        """
        if not (isinstance(key, str) and isinstance(locale, str) and isinstance(channel, str)):
            raise CatalogError(
                "key, locale and channel are text, got "
                f"{type(key).__name__}, {type(locale).__name__}, {type(channel).__name__}"
            )
        channel = str.__str__(channel)
        plan = self._plans.get((key, locale, channel)) or self._plan(key, locale, channel)
        if plan.text is None:  # an intentionally empty variant
            return RenderedResponse(
                key=key,
                requested_locale=locale,
                locale=plan.locale,
                format_locale=plan.format_locale,
                channel=channel,
                variant=plan.variant_name,
                empty=True,
                chain=plan.chain,
                reason=plan.reason,
            )
        merged = plan.checks(values if values is not None else {})
        fmt, label = plan.fmt, plan.label
        text = plan.text.render(fmt, merged, tz, None, label)
        subject = plan.subject.render(fmt, merged, tz, None, label) if plan.subject else None
        if plan.html is not None:
            html: str | None = plan.html.render(fmt, merged, tz, None, label)
        elif plan.paragraphs:
            html = _paragraphs(text)
        else:
            html = None
        # Every field was built here from validated parts; the dataclass does not re-check them.
        return RenderedResponse(
            key=key,
            requested_locale=locale,
            locale=plan.locale,
            format_locale=plan.format_locale,
            channel=channel,
            variant=plan.variant_name,
            subject=subject,
            text=text,
            html=html,
            chain=plan.chain,
            reason=plan.reason,
        )

    def lint(self) -> list[LintProblem]:
        """Every problem in the composed catalog (see
        [`cxcore.responses.lint.lint`][cxcore.responses.lint.lint])."""
        from cxcore.responses.lint import lint

        return lint(self)


def builtin_catalog(*, limits: Limits = DEFAULT_LIMITS) -> ResponseCatalog:
    """The built-in library: the directories under ``cxcore/responses/library/`` that exist
    (``general``, ``complaints``, ``returns``, then any others alphabetically), with Thai
    formatted in the Buddhist era.

    The library ships precompiled: a render reads only its locale's texts and compiles only
    its message, without building models; `sources`, `get` and `lint` build the full models
    from the files on first use (see "Cold start" in the responses guide).

    Examples:
        >>> catalog = builtin_catalog()
        >>> catalog.locale_defaults["th"]
        'th-TH-u-ca-buddhist'
    """
    return ResponseCatalog._library(
        tuple(library_parts()),
        default_locale="en",
        locale_defaults={"th": "th-TH-u-ca-buddhist"},
        limits=limits,
    )
