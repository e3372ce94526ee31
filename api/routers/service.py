"""Liveness and readiness."""

from typing import Literal

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from api.config import settings
from api.deps import ReadSession
from api.errors import Problem
from api.metrics import exposition

router = APIRouter(tags=["service"])


class Health(BaseModel):
    status: Literal["ok"]


class Readiness(BaseModel):
    status: Literal["ready"]
    database: str = Field(description="The database engine: sqlite or postgresql.")


@router.get("/healthz", summary="Liveness: the process is running")
def check_liveness() -> Health:
    """Answers 200 while the process runs, without touching the database: for a container's
    liveness probe."""
    return Health(status="ok")


@router.get(
    "/readyz",
    summary="Readiness: the database answers and the server has started",
    responses={
        503: {"description": "The database does not answer, or the server is still starting."}
    },
)
def check_readiness(session: ReadSession, request: Request) -> Readiness:
    """Answers 200, naming the database engine, when the database answers a query and the
    server has built its index of definitions; 503 with `Retry-After` when the database does
    not answer, or while the server is still building the index (the first seconds after a
    start on a large registry). For a load balancer's readiness probe."""
    warming = getattr(request.app.state, "warming", None)
    if warming is not None and warming.is_alive():
        raise Problem(
            503,
            "The server is still starting: it is building its index of definitions.",
            kind="starting",
            headers={"Retry-After": str(settings.retry_after_seconds)},
        )
    try:
        session.exec(text("SELECT 1"))  # type: ignore[call-overload]
    except SQLAlchemyError:
        raise Problem(
            503,
            "The database does not answer.",
            kind="database-unavailable",
            headers={"Retry-After": str(settings.retry_after_seconds)},
        ) from None
    return Readiness(status="ready", database=session.get_bind().dialect.name)


# Not in the OpenAPI document: it is for Prometheus, not for API clients (see the README).
@router.get("/metrics", include_in_schema=False)
def metrics() -> Response:
    body, content_type = exposition()
    return Response(body, media_type=content_type)
