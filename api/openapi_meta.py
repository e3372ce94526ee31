"""The OpenAPI document: the text a reader of the docs page needs first, operation ids, named
enumerations, error responses and links."""

import json
from functools import cache
from pathlib import Path
from typing import Any, get_args

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute

from api.comparison.diff import OpTag
from api.comparison.principles_compare import ConsensusStatus
from api.models.definition import AdoptionStatus, DefinitionKind, NewStatus, Status, WritableStatus
from api.models.endorsement import Position
from api.models.framework import MatchKind
from api.models.organisation import OrganisationKind
from api.models.practice_model import PracticeModelKind
from api.models.source import FigureCategory, FigureUnit
from api.models.team import Scope, SurveyActivity

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


def operation_id(route: APIRoute) -> str:
    """A route's operation id is its handler's name: verb_noun, unique across the API (a test
    checks), so a generated client has `list_definitions`, not `list_definitions_v1_..._get`."""
    return route.name


# Every enumeration the API uses, by the name clients see. Pydantic writes a Literal inline
# wherever it is used, and a client generator then names each copy after where it sits
# (`ListDefinitionsKindItem`, `DefinitionPublicKind`...): one named schema each instead.
ENUMS: dict[str, tuple[str, ...]] = {
    name: get_args(literal)
    for name, literal in {
        "DefinitionKind": DefinitionKind,
        "DefinitionStatus": Status,
        "WritableStatus": WritableStatus,
        "NewStatus": NewStatus,
        "AdoptionStatus": AdoptionStatus,
        "Position": Position,
        "MatchKind": MatchKind,
        "OrganisationKind": OrganisationKind,
        "PracticeModelKind": PracticeModelKind,
        "FigureCategory": FigureCategory,
        "FigureUnit": FigureUnit,
        "Scope": Scope,
        "SurveyActivity": SurveyActivity,
        "DiffOp": OpTag,
        "ConsensusStatus": ConsensusStatus,
    }.items()
} | {"ErrorLocation": ("body", "query", "path", "header")}
_ENUM_NAMES = {values: name for name, values in ENUMS.items()}


def _name_enums(node: Any) -> Any:
    """``node`` with each inline enumeration replaced by a reference to its named schema (the
    keys beside it, a description or a default, are kept)."""
    if isinstance(node, list):
        return [_name_enums(item) for item in node]
    if not isinstance(node, dict):
        return node
    name = _ENUM_NAMES.get(tuple(node.get("enum", ())))
    if name is not None:
        rest = {k: v for k, v in node.items() if k not in ("enum", "type", "title")}
        return {"$ref": f"#/components/schemas/{name}", **rest}
    return {key: _name_enums(value) for key, value in node.items()}


def _named_enum_schemas() -> dict[str, Any]:
    return {
        name: {"title": name, "type": "string", "enum": list(values)}
        for name, values in ENUMS.items()
    }


PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "description": "RFC 9457 problem details.",
    "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {
            "type": "string",
            "format": "uri",
            "description": "The address of a page this service serves that explains the problem "
            "and what to do (HTML, or JSON when asked for); every type is listed at /problems.",
        },
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
                    "location": {"$ref": "#/components/schemas/ErrorLocation"},
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


# Links from what an operation returns to the operations that use it (OpenAPI 3.1 4.8.20), so
# a client, or a stateful test, can follow a create with the reads and writes of what it made.
# A link sends path parameters from the response body (or the request) and, for a write that
# needs one, If-Match from the response's ETag.
_ETAG = {"header.If-Match": "$response.header.ETag"}
_DEFINITION = {"definition_id": "$response.body#/id"}
_MODEL = {"model_slug": "$response.body#/slug"}
_TEAM = {"team_slug": "$response.body#/slug"}
_ENDORSEMENT = {
    "proposal_id": "$request.path.proposal_id",
    "organisation_slug": "$response.body#/organisation",
}
_D = "/v1/definitions/{definition_id}"
_E = "/v1/core-definition/proposals/{proposal_id}/endorsements"
_M = "/v1/practice-models/{model_slug}"
_T = "/v1/teams/{team_slug}"
# (name, method, path, parameters) of each target, by what a response describes.
_DEFINITION_TARGETS: tuple[tuple[str, str, str, dict[str, str]], ...] = (
    ("GetDefinition", "get", _D, _DEFINITION),
    ("ReviseDefinition", "patch", _D, _DEFINITION | _ETAG),
    ("WithdrawDefinition", "delete", _D, _DEFINITION | _ETAG),
    ("ListRevisions", "get", f"{_D}/revisions", _DEFINITION),
    (
        "GetRevision",
        "get",
        f"{_D}/revisions/{{number}}",
        _DEFINITION | {"number": "$response.body#/revision"},
    ),
    ("DiffRevisions", "get", f"{_D}/diff", _DEFINITION),
)
_PROPOSAL_TARGETS = (
    *_DEFINITION_TARGETS,
    ("ListEndorsements", "get", _E, {"proposal_id": "$response.body#/id"}),
    ("TakePosition", "put", f"{_E}/{{organisation_slug}}", {"proposal_id": "$response.body#/id"}),
)
_ENDORSEMENT_TARGETS = (
    ("GetPosition", "get", f"{_E}/{{organisation_slug}}", _ENDORSEMENT),
    ("RevisePosition", "put", f"{_E}/{{organisation_slug}}", _ENDORSEMENT | _ETAG),
    ("PositionHistory", "get", f"{_E}/{{organisation_slug}}/history", _ENDORSEMENT),
)
_MODEL_TARGETS = (
    ("GetPracticeModel", "get", _M, _MODEL),
    ("RevisePracticeModel", "patch", _M, _MODEL | _ETAG),
    ("ListPracticeModelRevisions", "get", f"{_M}/revisions", _MODEL),
)
_TEAM_TARGETS = (
    ("GetTeam", "get", _T, _TEAM),
    ("ListDeclarations", "get", f"{_T}/declarations", _TEAM),
    ("GetAlignment", "get", f"{_T}/alignment", _TEAM),
)
LINKS: dict[tuple[str, str, str], tuple[tuple[str, str, str, dict[str, str]], ...]] = {
    ("post", "/v1/definitions", "201"): _DEFINITION_TARGETS,
    ("patch", _D, "200"): _DEFINITION_TARGETS,
    ("post", "/v1/core-definition/proposals", "201"): _PROPOSAL_TARGETS,
    ("put", f"{_E}/{{organisation_slug}}", "201"): _ENDORSEMENT_TARGETS,
    ("put", f"{_E}/{{organisation_slug}}", "200"): _ENDORSEMENT_TARGETS,
    ("post", "/v1/organisations", "201"): (
        (
            "GetOrganisation",
            "get",
            "/v1/organisations/{organisation_slug}",
            {"organisation_slug": "$response.body#/slug"},
        ),
        ("DeclareTeamPractice", "put", f"{_T}/practice-models", _TEAM),
        *_TEAM_TARGETS,
    ),
    ("post", "/v1/practice-models", "201"): _MODEL_TARGETS,
    ("patch", _M, "200"): _MODEL_TARGETS,
    ("put", f"{_T}/practice-models", "200"): (
        *_TEAM_TARGETS,
        ("ReviseDeclaration", "put", f"{_T}/practice-models", _TEAM | _ETAG),
    ),
}


# Examples recorded from a freshly seeded registry by `python -m tests.openapi_examples`: for each
# operation id, the request body sent, the status and body answered, and the headers it carried.
EXAMPLES_FILE = Path(__file__).with_name("openapi_examples.json")


@cache
def recorded_examples() -> dict[str, dict[str, Any]]:
    examples: dict[str, dict[str, Any]] = json.loads(EXAMPLES_FILE.read_text())
    return examples


HEADERS: dict[str, dict[str, Any]] = {
    "ETag": {
        "description": "The version of the resource this response describes: send it back in "
        "`If-None-Match` (304 when unchanged) or `If-Match` (to change it).",
        "schema": {"type": "string"},
    },
    "Location": {
        "description": "The path of what was created.",
        "schema": {"type": "string"},
    },
    "Idempotent-Replayed": {
        "description": "`true` when this is the stored answer to an earlier request with the "
        "same `Idempotency-Key`: nothing new was written.",
        "schema": {"type": "string", "const": "true"},
    },
    "Retry-After": {
        "description": "Seconds to wait before trying again.",
        "schema": {"type": "integer", "minimum": 0},
    },
    "Cache-Control": {
        "description": "How a cache may keep the response (api/caching.py): `no-store` for "
        "writes, posted computations, errors and probes; `no-cache` (revalidate with the ETag) "
        "for current reads; `public, max-age=31536000, immutable` for a definition's revisions; "
        "`private, no-cache` for reads made with an API key.",
        "schema": {"type": "string"},
    },
    "WWW-Authenticate": {
        "description": "The scheme to authenticate with: `Bearer`.",
        "schema": {"type": "string"},
    },
}
IF_NONE_MATCH: dict[str, Any] = {
    "name": "If-None-Match",
    "in": "header",
    "required": False,
    "description": "The `ETag` of the version you hold: 304 with no body when it is current.",
    # Any value is accepted (one naming no current ETag just gets the 200), so no limit.
    "schema": {"type": "string"},
}


def _header(name: str, *, required: bool = True, example: str | None = None) -> dict[str, Any]:
    if example is None and required:
        return {"$ref": f"#/components/headers/{name.replace('-', '')}"}
    # A reference takes no siblings in a header object: spell the header out instead.
    header = {**HEADERS[name], "required": required}
    if example is not None:
        header["example"] = example
    return header


def _document_examples_and_headers(schema: dict[str, Any]) -> None:
    """Examples on each request body and 2xx response, and the headers each response carries:
    ETag and Location as the recording saw them, Retry-After on 429 and 503, no-store on every
    error; If-None-Match as a parameter where a GET answers 304."""
    examples = recorded_examples()
    for operations in schema["paths"].values():
        for method, operation in operations.items():
            recorded = examples.get(operation["operationId"], {})
            seen = {h.lower(): v for h, v in recorded.get("headers", {}).items()}
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if body is not None and "request" in recorded:
                body["example"] = recorded["request"]
            for code, response in operation["responses"].items():
                headers = response.setdefault("headers", {})
                if code.startswith(("2", "3")):
                    headers["Cache-Control"] = _header("Cache-Control")
                if code.startswith("2"):
                    content = response.get("content", {}).get("application/json")
                    if content is not None and "response" in recorded:
                        content["example"] = recorded["response"]
                    if "etag" in seen:
                        headers["ETag"] = _header("ETag", example=seen["etag"])
                    if "location" in seen and code == "201":
                        headers["Location"] = _header("Location", example=seen["location"])
                    if code == "201" and "Idempotency-Key" in _parameter_names(operation):
                        headers["Idempotent-Replayed"] = _header(
                            "Idempotent-Replayed", required=False
                        )
                elif code == "304":
                    headers["ETag"] = _header("ETag")
                elif code[0] in "45":
                    headers["Cache-Control"] = _header("Cache-Control")
                    if code in ("429", "503"):
                        headers["Retry-After"] = _header("Retry-After")
                    if code == "412":
                        headers["ETag"] = _header("ETag", required=False)
                    if code == "401":
                        headers["WWW-Authenticate"] = _header("WWW-Authenticate")
                if not headers:
                    del response["headers"]
            if method == "get" and "etag" in seen:
                operation.setdefault("parameters", []).append(dict(IF_NONE_MATCH))
            elif method == "get":
                operation["responses"].pop("304", None)
    schema["components"]["headers"] = {
        name.replace("-", ""): {**header, "required": True} for name, header in HEADERS.items()
    }


def _parameter_names(operation: dict[str, Any]) -> set[str]:
    return {p["name"] for p in operation.get("parameters", [])}


def _link_operations(schema: dict[str, Any]) -> None:
    paths = schema.get("paths", {})
    for (method, path, status), targets in LINKS.items():
        response = paths[path][method]["responses"].setdefault(status, {"description": "Success"})
        links = response.setdefault("links", {})
        for name, target_method, target_path, parameters in targets:
            links[name] = {
                "operationId": paths[target_path][target_method]["operationId"],
                "parameters": dict(parameters),
            }


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
            _link_operations(schema)
            _document_examples_and_headers(schema)
            schema = _name_enums(schema)
            schema["components"]["schemas"].update(_named_enum_schemas())
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
