"""Liveness and readiness."""

from fastapi import APIRouter
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from api.config import settings
from api.deps import ReadSession
from api.errors import Problem

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
