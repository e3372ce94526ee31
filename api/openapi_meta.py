"""The OpenAPI document: the text a reader of the docs page needs first, and error responses."""

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

DESCRIPTION = """
England has no agreed definition of **trauma-informed care** (TIC). The Early Intervention
Foundation's report *Trauma-informed care: Understanding the use of trauma-informed approaches
within children's social care* (20 January 2022) recommends that the Department for Education,
the Home Office, the Department of Health and Social Care and the Department for Levelling Up,
Housing and Communities work together to agree a core definition.

This registry holds the competing definitions, with provenance and a full revision history;
the practice models children's social care teams use; and comparisons of any definition against
a proposed core definition.

* **Reading** needs no key. Lists return `{"items": [...], "next_cursor": ...}`: pass
  `next_cursor` back as `cursor` for the next page.
* **Writing** needs an API key (`Authorization: Bearer <key>`; use **Authorize** above).
  Updates need `If-Match` with the resource's `ETag`; nothing is overwritten, each update adds a
  revision.
* **Errors** are [RFC 9457](https://www.rfc-editor.org/rfc/rfc9457) problem details
  (`application/problem+json`).
* Every seeded record carries `verified`: true only when its wording was read in the source it
  cites.
"""

TAGS = [
    {"name": "definitions", "description": "TIC definitions, their revisions and search."},
    {"name": "core definition", "description": "Proposed core definitions and endorsements."},
    {
        "name": "comparison",
        "description": "Principle analysis, comparison with the core, matrix, consensus.",
    },
    {"name": "sources", "description": "Publications, with the EIF report's findings."},
    {"name": "organisations", "description": "Departments, CSC teams and other bodies."},
    {"name": "principles", "description": "The registry's 12 principles."},
    {"name": "frameworks", "description": "Published principle sets mapped to the 12."},
    {
        "name": "practice models",
        "description": "TI models, practice frameworks, training and trauma-specific "
        "treatments, with principles and evidence links.",
    },
    {"name": "teams", "description": "CSC teams' declared models, activities and pathways."},
    {"name": "insights", "description": "Registered teams beside the EIF report's findings."},
    {"name": "service", "description": "Health and readiness."},
]


PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "description": "RFC 9457 problem details.",
    "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string", "format": "uri"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "errors": {
            "type": "array",
            "description": "Validation errors only: one entry per bad field.",
            "items": {
                "type": "object",
                "properties": {
                    "location": {"type": "string", "enum": ["body", "query", "path", "header"]},
                    "field": {"type": "string"},
                    "pointer": {"type": "string"},
                    "message": {"type": "string"},
                    "code": {"type": "string"},
                },
            },
        },
    },
}
_PROBLEM = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
_COMMON = {
    "400": "The request is malformed (an invalid cursor, or a body that is not UTF-8 JSON).",
    "404": "No such resource.",
    "413": "The body is larger than the configured limit.",
    "422": "The request is not valid; `errors` names each bad field.",
    "429": "Too many requests from this address or key; `Retry-After` says when to retry.",
    "500": "An unexpected error; it has been logged and nothing leaks.",
    "503": "The database is not answering (or did not within the configured time); nothing "
    "was changed. `Retry-After` says when to retry.",
}
# Answered by the edge (rate limits) and by a database fault, not by the operation itself.
_EVERY_DATA_OPERATION = ["429", "503"]
_PROBES = {"/healthz", "/readyz"}


def _document_problems(schema: dict[str, Any]) -> None:
    """Every error response is problem+json, and the ones any operation can give are listed."""
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            codes = ["500"] if path in _PROBES else ["500", *_EVERY_DATA_OPERATION]
            params = {p.get("name") for p in operation.get("parameters", [])}
            if "{" in path:
                codes.append("404")
            if "cursor" in params:
                codes.append("400")
            if params or "requestBody" in operation:
                codes.append("422")
            if "requestBody" in operation:
                codes += ["400", "413"]
            if operation.get("security"):
                codes += ["401", "403"]
            for code in codes:
                responses.setdefault(code, {"description": _COMMON.get(code, "Error.")})
            for code, response in responses.items():
                if code[0] in "45":
                    response["content"] = _PROBLEM
                    if code in _COMMON and response.get("description") == "Validation Error":
                        response["description"] = _COMMON[code]
            if method == "get" and "{" in path:
                responses.setdefault(
                    "304", {"description": "Not modified: If-None-Match matched the ETag."}
                )
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.pop("HTTPValidationError", None)
    components.pop("ValidationError", None)
    components["Problem"] = PROBLEM_SCHEMA


def install_openapi(app: FastAPI) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                summary=app.summary,
                description=app.description,
                routes=app.routes,
                tags=app.openapi_tags,
            )
            _document_problems(schema)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
