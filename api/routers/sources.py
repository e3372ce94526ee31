"""Sources: publications with citation fields, and what the EIF report found and recommends."""

from fastapi import APIRouter, Request, Response

from api.deps import CursorQuery, LimitQuery, ReadSession, SlugPath
from api.etags import content_etag
from api.http import conditional_get
from api.models.source import SourcePublic, SourceSummary
from api.pagination import Page
from api.services import sources

router = APIRouter(prefix="/v1/sources", tags=["sources"])


@router.get("", summary="List sources (publications)")
def list_sources(
    session: ReadSession, limit: LimitQuery = 50, cursor: CursorQuery = None
) -> Page[SourceSummary]:
    """Publications the registry cites, by slug, with their citation fields. The EIF report is
    `eif-2022-trauma-informed-care`."""
    items, next_cursor = sources.list_page(session, limit, cursor)
    return Page(items=items, next_cursor=next_cursor)


@router.get(
    "/{source_slug}",
    summary="One source, with its findings, recommendations and figures",
    responses={404: {"description": "No such source."}},
)
def get_source(
    source_slug: SlugPath, session: ReadSession, request: Request, response: Response
) -> SourcePublic:
    """A publication with its citation fields and, for the EIF report, its findings, its
    recommendations (with the organisations each names) and its survey figures (with who
    reported each). Carries an `ETag`; `If-None-Match` gives 304."""
    public = sources.get(session, source_slug)
    conditional_get(request, response, content_etag(public))
    return public
