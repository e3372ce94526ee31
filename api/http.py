"""Conditional requests: ETags, If-None-Match (304) and If-Match (428 / 412)."""

import hashlib

from fastapi import Request, Response
from pydantic import BaseModel

from api.errors import NotModified, Problem


def etag_of(model: BaseModel) -> str:
    """A strong ETag from the representation itself, for resources without revision numbers."""
    digest = hashlib.sha256(model.model_dump_json().encode()).hexdigest()[:32]
    return f'"{digest}"'


def _tags(header: str, *, weak: bool) -> set[str]:
    """The entity tags of a header; ``weak`` comparison (If-None-Match) ignores W/ prefixes,
    strong comparison (If-Match, RFC 9110 13.1.1) keeps them, so a weak tag never matches."""
    tags = {t.strip() for t in header.split(",") if t.strip()}
    return {t.removeprefix("W/") for t in tags} if weak else tags


def stale(current_etag: str, what: str = "resource") -> Problem:
    """412: the client's version is not the current one."""
    return Problem(
        412,
        f"The {what} has changed since you read it: fetch it again, reapply your change and "
        "send the new ETag in If-Match.",
        kind="precondition-failed",
        headers={"ETag": current_etag},
        current_etag=current_etag,
    )


def conditional_get(request: Request, response: Response, etag: str) -> None:
    """Set the ETag; raise NotModified (304) when the client already holds this version."""
    response.headers["ETag"] = etag
    header = request.headers.get("if-none-match")
    if header and (header.strip() == "*" or etag in _tags(header, weak=True)):
        raise NotModified(etag)


def require_if_match(request: Request, current_etag: str) -> None:
    """Refuse an update unless it names the version it was based on (no lost updates)."""
    header = request.headers.get("if-match")
    if not header:
        raise Problem(
            428,
            "Send If-Match with the ETag of the version you are changing.",
            kind="precondition-required",
        )
    if header.strip() != "*" and current_etag not in _tags(header, weak=False):
        raise stale(current_etag)
