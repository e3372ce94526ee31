"""The pages a problem's ``type`` points at: what each problem means and what to do about it.

HTML for people, in the pages' GOV.UK style; the same facts as JSON for a client that asks for
``application/json``.
"""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from api.deps import SlugPath
from api.errors import PROBLEMS_PATH, problem_type
from api.problems import PROBLEM_TYPES, PROBLEMS
from api.routers.explore.render import page

router = APIRouter(prefix=PROBLEMS_PATH, include_in_schema=False)


def _wants_json(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return "json" in accept and "text/html" not in accept


@router.get("")
def list_problem_types() -> HTMLResponse:
    return page("problems/index.html", title="Problems", problems=PROBLEM_TYPES, path=PROBLEMS_PATH)


@router.get("/{slug}")
def get_problem_type(slug: SlugPath, request: Request) -> Response:
    problem = PROBLEMS.get(slug)
    if problem is None:
        return page(
            "explore/not_found.html", 404, title="Page not found", message=f"No problem {slug!r}."
        )
    type_uri = problem_type(slug, request.scope)
    if _wants_json(request):
        return JSONResponse(
            {
                "type": type_uri,
                "status": problem.status,
                "title": problem.title,
                "meaning": problem.meaning,
                "action": problem.action,
            }
        )
    return page(
        "problems/problem.html",
        title=f"{problem.title}: {problem.slug}",
        problem=problem,
        type_uri=type_uri,
        path=PROBLEMS_PATH,
    )
