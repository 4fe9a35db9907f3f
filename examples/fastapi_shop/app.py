"""The app factory: build the support plan once, wire the routers, map cxcore errors to HTTP.

>>> from fastapi_shop.settings import Settings
>>> app = create_app(Settings(database_url="sqlite://"))
>>> sorted(app.openapi()["paths"])[:3]
['/complaints', '/complaints/{complaint_id}', '/complaints/{complaint_id}/events']
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from cxcore import Clock, SystemClock
from cxcore.errors import (
    CxError,
    InvalidTransitionError,
    SequenceConflictError,
    StreamNotFoundError,
)

from .db import make_engine, make_sessionmaker
from .deps import Services
from .plan import SupportPlan
from .routers import complaints, metrics, orders, returns, tickets
from .settings import Settings
from .store import NotFoundError


def create_app(
    settings: Settings | None = None,
    *,
    plan: SupportPlan | None = None,
    clock: Clock | None = None,
) -> FastAPI:
    """A ready app for ``settings`` (default: :meth:`Settings.from_env`).

    ``plan`` is the support plan built from the settings (pass one to share it between apps);
    ``clock`` is where "now" comes from (default: the system clock, in UTC).
    """
    settings = settings if settings is not None else Settings.from_env()
    services = Services(
        settings=settings,
        sessions=make_sessionmaker(make_engine(settings.database_url)),
        clock=clock if clock is not None else SystemClock(),
        plan=plan if plan is not None else SupportPlan.from_settings(settings),
    )
    app = FastAPI(
        title="Example shop support API",
        description="Tickets, SLA status, canned replies, complaints, returns and metrics, "
        "all decided by cxcore.",
    )
    app.state.services = services
    for router in (
        tickets.router,
        complaints.router,
        orders.router,
        returns.router,
        metrics.router,
    ):
        app.include_router(router)
    _add_error_handlers(app)
    return app


def _problem(code: int, exc: Exception) -> JSONResponse:
    return JSONResponse(status_code=code, content={"detail": str(exc), "error": type(exc).__name__})


def _add_error_handlers(app: FastAPI) -> None:
    async def not_found(_request: Request, exc: Exception) -> JSONResponse:
        return _problem(404, exc)

    async def conflict(_request: Request, exc: Exception) -> JSONResponse:
        return _problem(409, exc)

    async def unprocessable(_request: Request, exc: Exception) -> JSONResponse:
        return _problem(422, exc)

    app.add_exception_handler(NotFoundError, not_found)
    app.add_exception_handler(StreamNotFoundError, not_found)
    # Someone else appended first (the event store's version check or, for two appends at the
    # same instant, the database's unique constraint), or the workflow does not allow this
    # step in the current stage: the client must reload.
    app.add_exception_handler(SequenceConflictError, conflict)
    app.add_exception_handler(InvalidTransitionError, conflict)
    # Any other cxcore error is a bad value in the request.
    app.add_exception_handler(CxError, unprocessable)
