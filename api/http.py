"""Conditional requests over HTTP: ETags on responses, If-None-Match answered with 304."""

from fastapi import Request, Response

from api.errors import NotModified
from api.etags import none_match


def conditional_get(request: Request, response: Response, etag: str) -> None:
    """Set the ETag; raise NotModified (304) when the client already holds this version."""
    response.headers["ETag"] = etag
    if none_match(request.headers.get("if-none-match"), etag):
        raise NotModified(etag)
