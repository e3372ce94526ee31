"""HTTP helpers: conditional GETs (If-None-Match answered with 304) and export formats."""

from fastapi import Request, Response
from fastapi.responses import JSONResponse

from api.errors import NotModified, public_base
from api.etags import none_match
from api.exports import definitions_csv, definitions_jsonld
from api.models.definition import DefinitionSummary

CSV = "text/csv"
JSONLD = "application/ld+json"


def conditional_get(request: Request, response: Response, etag: str) -> None:
    """Set the ETag; raise NotModified (304) when the client already holds this version."""
    response.headers["ETag"] = etag
    if none_match(request.headers.get("if-none-match"), etag):
        raise NotModified(etag)


def export_format(request: Request) -> str | None:
    accept = request.headers.get("accept", "")
    for media in (part.split(";")[0].strip() for part in accept.split(",")):
        if media in (CSV, JSONLD):
            return media
        if media in ("application/json", "*/*"):
            return None
    return None


def export_response(request: Request, items: list[DefinitionSummary], media: str) -> Response:
    if media == CSV:
        return Response(
            definitions_csv(items),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="definitions.csv"'},
        )
    # Absolute IRIs: from TIC_PUBLIC_BASE_URL, else the base the request was sent to.
    jsonld = definitions_jsonld(items, public_base(request.scope))
    return JSONResponse(jsonld, media_type=JSONLD)
