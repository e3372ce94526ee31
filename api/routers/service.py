"""Liveness and readiness."""

from fastapi import APIRouter, Response
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from api.config import settings
from api.deps import ReadSession
from api.errors import Problem
from api.metrics import exposition

router = APIRouter(tags=["service"])


@router.get("/healthz", summary="Liveness: the process is running")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get(
    "/readyz",
    summary="Readiness: the database answers",
    responses={503: {"description": "The database does not answer."}},
)
def readyz(session: ReadSession) -> dict[str, str]:
    try:
        session.exec(text("SELECT 1"))  # type: ignore[call-overload]
    except SQLAlchemyError:
        raise Problem(
            503,
            "The database does not answer.",
            kind="database-unavailable",
            headers={"Retry-After": str(settings.retry_after_seconds)},
        ) from None
    return {"status": "ready", "database": session.get_bind().dialect.name}


# Not in the OpenAPI document: it is for Prometheus, not for API clients (see the README).
@router.get("/metrics", include_in_schema=False)
def metrics() -> Response:
    body, content_type = exposition()
    return Response(body, media_type=content_type)
