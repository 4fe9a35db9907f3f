"""FastAPI dependencies: the clock, a database session per request, the stores, and the support
plan built once at start-up.

Every route takes "now" from :func:`get_clock`, never from the wall clock, so tests (and
replays) override one dependency to control time.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import sessionmaker

from cxcore import Clock
from cxcore.complaints import ComplaintTimers
from cxcore.responses import ResponseCatalog
from cxcore.returns import ReturnPolicy
from cxcore.sla import BusinessCalendar, SlaPolicy

from .db import Session
from .plan import SupportPlan
from .settings import Settings
from .store import ComplaintStore, OrderStore, ReturnStore, TicketStore


@dataclass(frozen=True)
class Services:
    """What the app builds once: the session factory, the clock and the support plan."""

    settings: Settings
    sessions: sessionmaker[Session]
    clock: Clock
    plan: SupportPlan

    @property
    def calendar(self) -> BusinessCalendar:
        """The desk's business calendar."""
        return self.plan.calendar

    @property
    def policy(self) -> SlaPolicy:
        """The SLA policy."""
        return self.plan.policy

    @property
    def return_policy(self) -> ReturnPolicy:
        """The return policy."""
        return self.plan.return_policy

    @property
    def catalog(self) -> ResponseCatalog:
        """The canned-response catalog."""
        return self.plan.catalog

    @property
    def timers(self) -> ComplaintTimers:
        """The complaint deadlines."""
        return self.plan.timers


def get_services(request: Request) -> Services:
    """The services the app was created with."""
    services: Services = request.app.state.services
    return services


ServicesDep = Annotated[Services, Depends(get_services)]


# --8<-- [start:clock]
def get_clock(services: ServicesDep) -> Clock:
    """Where "now" comes from (override this dependency to control time)."""
    return services.clock


# --8<-- [end:clock]


def get_session(services: ServicesDep) -> Iterator[Session]:
    """One session per request; committed by the route, rolled back on any error."""
    with services.sessions() as session:
        try:
            yield session
        except BaseException:
            session.rollback()
            raise


SessionDep = Annotated[Session, Depends(get_session)]


def get_ticket_store(session: SessionDep) -> TicketStore:
    """Tickets of this request's session."""
    return TicketStore(session)


def get_complaint_store(session: SessionDep) -> ComplaintStore:
    """Complaint histories of this request's session."""
    return ComplaintStore(session)


def get_order_store(session: SessionDep) -> OrderStore:
    """Orders and return decisions of this request's session."""
    return OrderStore(session)


ClockDep = Annotated[Clock, Depends(get_clock)]


def get_return_store(session: SessionDep) -> ReturnStore:
    """The return store for this request's session."""
    return ReturnStore(session)


TicketStoreDep = Annotated[TicketStore, Depends(get_ticket_store)]
ComplaintStoreDep = Annotated[ComplaintStore, Depends(get_complaint_store)]
OrderStoreDep = Annotated[OrderStore, Depends(get_order_store)]
ReturnStoreDep = Annotated[ReturnStore, Depends(get_return_store)]
