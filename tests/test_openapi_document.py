"""The OpenAPI document clients are generated from: every operation described, with a short
stable id, and every enumeration a named schema.

The document is walked as a client generator reads it, so what it checks is what a generated
client gets (function names, model names)."""

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from api.app import create_app
from tests.conftest import Keys
from tests.openapi_examples import record

SEED_DEFINITIONS = Path(__file__).resolve().parent.parent / "seed" / "data" / "definitions.json"

METHODS = ("get", "put", "post", "delete", "patch")


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return create_app().openapi()


def operations(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in document["paths"].items():
        for method in METHODS:
            if method in item:
                yield method, path, item[method]


def test_every_operation_has_a_description_and_a_summary(document: dict[str, Any]) -> None:
    undescribed = [
        f"{m.upper()} {p}"
        for m, p, op in operations(document)
        if len(op.get("description", "")) < 20 or not op.get("summary")
    ]
    assert not undescribed


def test_operation_ids_are_short_unique_snake_case_verb_noun(document: dict[str, Any]) -> None:
    ids = [op["operationId"] for _, _, op in operations(document)]
    assert len(ids) == len(set(ids)) >= 45
    verbs = {"list", "get", "create", "revise", "withdraw", "set", "declare", "diff", "check"}
    for operation_id in ids:
        assert re.fullmatch(r"[a-z]+(_[a-z]+){1,4}", operation_id), operation_id
        assert len(operation_id) <= 32, operation_id
        assert operation_id.split("_")[0] in verbs, operation_id
        assert "v1" not in operation_id.split("_"), operation_id


def test_the_ids_a_client_relies_on(document: dict[str, Any]) -> None:
    by_route = {f"{m.upper()} {p}": op["operationId"] for m, p, op in operations(document)}
    assert by_route["GET /v1/definitions"] == "list_definitions"
    assert by_route["PATCH /v1/definitions/{definition_id}"] == "revise_definition"
    assert by_route["DELETE /v1/definitions/{definition_id}"] == "withdraw_definition"
    put = "PUT /v1/core-definition/proposals/{proposal_id}/endorsements/{organisation_slug}"
    assert by_route[put] == "set_endorsement"


def _inline_enums(node: Any, where: str) -> Iterator[str]:
    if isinstance(node, dict):
        if "enum" in node:
            yield where
        for key, value in node.items():
            yield from _inline_enums(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _inline_enums(value, f"{where}/{index}")


def test_every_enumeration_is_a_named_schema(document: dict[str, Any]) -> None:
    schemas = document["components"]["schemas"]
    named = {name for name, schema in schemas.items() if "enum" in schema}
    assert {"DefinitionKind", "DefinitionStatus", "Position", "OrganisationKind"} <= named
    inline = [
        where
        for where in _inline_enums(document, "")
        if where not in {f"/components/schemas/{name}" for name in named}
    ]
    assert not inline
    kind = next(
        p for p in document["paths"]["/v1/definitions"]["get"]["parameters"] if p["name"] == "kind"
    )
    assert kind["schema"]["anyOf"][0]["items"] == {"$ref": "#/components/schemas/DefinitionKind"}


def test_no_schema_is_named_after_a_route(document: dict[str, Any]) -> None:
    names = list(document["components"]["schemas"])
    assert not [n for n in names if re.search(r"V1|Get$|Post$|Put$|Patch$|Delete$|^Body_", n)]
    assert not [n for n in names if "Type0" in n or "Response" in n]


def _validator(document: dict[str, Any], schema: dict[str, Any]) -> Any:
    # jsonschema-rs comes with schemathesis (a dev dependency); the schema's references resolve
    # against a root that carries the document's components.
    import jsonschema_rs

    return jsonschema_rs.Draft202012Validator({"components": document["components"], **schema})


def test_every_request_body_and_2xx_response_has_a_valid_example(
    document: dict[str, Any],
) -> None:
    """The examples were recorded from a seeded registry (tests/openapi_examples.py); one a model
    change made invalid fails here: run `python -m tests.openapi_examples` again."""
    checked = 0
    for method, path, op in operations(document):
        where = f"{method.upper()} {path}"
        media = op.get("requestBody", {}).get("content", {}).get("application/json")
        if media is not None:
            assert "example" in media, where
            errors = list(_validator(document, media["schema"]).iter_errors(media["example"]))
            assert not errors, (where, [str(e) for e in errors])
            checked += 1
        for code, response in op["responses"].items():
            content = response.get("content", {}).get("application/json")
            if not code.startswith("2") or code == "204":
                continue
            assert content is not None, (where, code)
            assert "example" in content, (where, code)
            example = content["example"]
            assert "string" not in {example.get("title"), example.get("text")}, where
            errors = list(_validator(document, content["schema"]).iter_errors(example))
            assert not errors, (where, code, [str(e)[:300] for e in errors])
            checked += 1
    assert checked >= 44 + 11  # every operation but DELETE's 204, and 11 bodies


def test_examples_are_seeded_data(document: dict[str, Any]) -> None:
    get = document["paths"]["/v1/definitions/{definition_id}"]["get"]
    example = get["responses"]["200"]["content"]["application/json"]["example"]
    assert example["verified"] is True
    assert example["principles"]
    seeded = json.loads(SEED_DEFINITIONS.read_text())
    assert example["title"] in {d["title"] for d in seeded}


def test_responses_document_their_headers(document: dict[str, Any]) -> None:
    for method, path, op in operations(document):
        where = f"{method.upper()} {path}"
        responses = op["responses"]
        for code, response in responses.items():
            headers = response.get("headers", {})
            if code == "201":
                assert "ETag" in headers, where
                # A PUT creates at the URI it was sent to; a POST says where.
                assert method != "post" or "Location" in headers, where
            if code in ("429", "503"):
                assert "Retry-After" in headers, (where, code)
            assert "Cache-Control" in headers, (where, code)  # api/caching.py sets it on all
        if method in ("patch", "put"):
            assert "ETag" in responses["200"]["headers"], where
        if method == "delete":
            assert "ETag" in responses["204"]["headers"], where
        names = {p["name"] for p in op.get("parameters", [])}
        if "304" in responses:
            assert "If-None-Match" in names, where
            assert "ETag" in responses["200"]["headers"], where
        if method in ("patch", "put", "delete"):
            assert "If-Match" in names, where
            assert {"412", "428"} <= set(responses), where
        if method == "post" and "201" in responses:
            assert "Idempotency-Key" in names, where


def test_the_recording_reproduces_the_documented_headers(
    document: dict[str, Any], client: Any, keys: Keys
) -> None:
    """The recording is run again on a seeded registry: each operation sends an ETag exactly
    when the document says it does (and a create its Location), and each GET that sends one
    answers If-None-Match with 304."""
    fresh = record(client, {"dfe": keys.dfe, "steward": keys.steward})
    for method, _, op in operations(document):
        seen = fresh[op["operationId"]]
        documented = op["responses"][seen["status"]].get("headers", {})
        sent = set(seen.get("headers", {}))
        assert ("etag" in sent) == ("ETag" in documented), seen["path"]
        assert ("location" in sent) == ("Location" in documented), seen["path"]
        if method == "get" and "etag" in sent:
            current = client.get(seen["path"]).headers["etag"]
            again = client.get(seen["path"], headers={"If-None-Match": current})
            assert again.status_code == 304, seen["path"]
            assert "304" in op["responses"], seen["path"]
        elif method == "get":
            assert "304" not in op["responses"], seen["path"]
