"""A catalogue of hostile inputs: every one is refused with a 4xx problem (or given its documented
success), none reaches the database, and none is answered with a 5xx.

Classes: a lone surrogate and a NUL in every text field of every write body (required and
optional, nested ones too); integers out of range, negative, fractional, boolean or textual in
bodies, queries, paths and cursors; cursors that are garbage, tampered with or hold a surrogate,
a NUL or a number no column holds; oversize, deep, malformed and mistyped bodies; wrong content
types; full-text and SQL syntax in ``q``; odd slugs and ids; bad preconditions; unsupported
methods; malformed credentials.

The whole catalogue runs on one database (built once per module): after every case every table
must read exactly as it did before the first, so a refusal that wrote anything (a row, a key's
last use, an idempotency record) fails. Each write body is also shown to be accepted once its
hostile value is taken out (``test_bodies_are_accepted_without_the_hostile_value``), so each case
proves the refusal came from the value it carries.
"""

import base64
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select as sa_select
from sqlmodel import Session, SQLModel, select

from api.app import create_app
from api.db import Database
from api.keys import create_key
from api.models import Organisation
from tests.conftest import Backend, bearer
from tests.helpers import assert_problem

MAX = 2**31 - 1
BIG = (2**31, 2**63, 2**64)
SURROGATE = "\ud800"
NUL = "\x00"
MODEL = "sanctuary-model"  # a seeded practice model (not a treatment)
TREATMENT = "trauma-focused-cbt"  # a seeded trauma-specific treatment
SOURCE = "eif-2022-trauma-informed-care"
TEAM = "hostile-test-team"

# Placeholders filled in from the arena: {definition} (DfE's), {proposal} (the current core
# proposal), {team}, {model}, {cursor} (a real next_cursor of /v1/organisations?limit=1).


@dataclass(frozen=True)
class Body:
    """A write whose body is valid as given: each hostile case spoils one field of it."""

    name: str
    method: str
    path: str
    key: str | None
    base: dict[str, Any]
    text_fields: tuple[str, ...]
    ok: int
    # Where to read the ETag that If-Match must carry (the resource already exists).
    etag_of: str | None = None


BODIES = (
    Body(
        "definition-create",
        "POST",
        "/v1/definitions",
        "dfe",
        {
            "title": "Hostile test definition",
            "text": "Children and families feel safe and are treated with respect.",
            "scope": "Children's social care",
            "citation": "A test citation",
            "note": "A test note",
            "url": "https://example.org/definition",
            "language": "en",
            "organisation": "dfe",
        },
        ("title", "text", "scope", "citation", "note", "url", "language", "organisation"),
        201,
    ),
    Body(
        "definition-patch",
        "PATCH",
        "/v1/definitions/{definition}",
        "dfe",
        {
            "title": "Revised hostile test definition",
            "text": "Children feel safe, and practitioners are open about decisions.",
            "scope": "Children's social care",
            "citation": "A revised citation",
            "note": "A revised note",
            "url": "https://example.org/revised",
            "language": "en-GB",
            "change_note": "Reworded.",
        },
        ("title", "text", "scope", "citation", "note", "url", "language", "change_note"),
        200,
        etag_of="/v1/definitions/{definition}",
    ),
    Body(
        "proposal-create",
        "POST",
        "/v1/core-definition/proposals",
        "steward",
        {
            "title": "Hostile test proposal",
            "text": "Services realise the impact of trauma and resist re-traumatisation.",
            "scope": "England",
            "note": "A test proposal",
        },
        ("title", "text", "scope", "note"),
        201,
    ),
    Body(
        "endorsement-put",
        "PUT",
        "/v1/core-definition/proposals/{proposal}/endorsements/dfe",
        "dfe",
        {"position": "object", "comment": "Needs more on relationships."},
        ("position", "comment"),
        200,
        etag_of="/v1/core-definition/proposals/{proposal}/endorsements/dfe",
    ),
    Body(
        "organisation-create",
        "POST",
        "/v1/organisations",
        "steward",
        {
            "slug": "hostile-test-org",
            "name": "Hostile test organisation",
            "kind": "csc_team",
            "description": "A team registered by the hostile-input tests.",
            "url": "https://example.org/team",
            "country": "England",
            "parent": "dfe",
            "local_authority": "Example Borough",
            "region": "London",
        },
        (
            "slug",
            "name",
            "kind",
            "description",
            "url",
            "country",
            "parent",
            "local_authority",
            "region",
        ),
        201,
    ),
    Body(
        "practice-model-create",
        "POST",
        "/v1/practice-models",
        "steward",
        {
            "slug": "hostile-test-model",
            "name": "Hostile test model",
            "kind": "training",
            "description": "A model added by the hostile-input tests.",
            "url": "https://example.org/model",
            "source": SOURCE,
            "note": "A test note",
            "provenance": "Written by a test",
            "provenance_url": "https://example.org/provenance",
            "principles": [{"slug": "safety", "basis": "Its handbook names safety first."}],
            "evidence": [
                {
                    "rating": "Promising",
                    "scale": "Test scale",
                    "url": "https://example.org/rating",
                    "note": "A rating note",
                }
            ],
        },
        (
            "slug",
            "name",
            "kind",
            "description",
            "url",
            "source",
            "note",
            "provenance",
            "provenance_url",
            "principles.0.slug",
            "principles.0.basis",
            "evidence.0.rating",
            "evidence.0.scale",
            "evidence.0.url",
            "evidence.0.note",
        ),
        201,
    ),
    Body(
        "practice-model-patch",
        "PATCH",
        "/v1/practice-models/{model}",
        "steward",
        {
            "name": "Sanctuary Model (revised by a test)",
            "description": "A revised description.",
            "note": "A revised note",
            "provenance": "Revised by a test",
            "source": SOURCE,
        },
        ("name", "description", "note", "provenance", "source"),
        200,
        etag_of="/v1/practice-models/{model}",
    ),
    Body(
        "team-declaration-put",
        "PUT",
        "/v1/teams/{team}/practice-models",
        "steward",
        {
            "practice_models": [{"slug": MODEL, "scope": "pilot"}],
            "activities": ["training", "screening"],
            "treatment_pathways": [
                {"practice_model": TREATMENT, "provider": "Local CAMHS", "note": "By referral"}
            ],
            "note": "Declared by a test",
        },
        (
            "practice_models.0.slug",
            "practice_models.0.scope",
            "activities.0",
            "treatment_pathways.0.practice_model",
            "treatment_pathways.0.provider",
            "treatment_pathways.0.note",
            "note",
        ),
        200,
        etag_of="/v1/teams/{team}",
    ),
    Body(
        "analysis",
        "POST",
        "/v1/analyses",
        None,
        {"text": "Staff recognise the signs of trauma and respond with care."},
        ("text",),
        200,
    ),
    Body(
        "comparison",
        "POST",
        "/v1/comparisons",
        None,
        {"text": "Staff recognise the signs of trauma and respond with care."},
        ("text",),
        200,
    ),
)


@dataclass(frozen=True)
class Case:
    id: str
    method: str
    path: str
    expect: int
    body: Any = None  # a JSON value, serialised with json.dumps (so "\ud800" goes as an escape)
    raw: bytes | None = None  # sent as is, instead of body
    headers: tuple[tuple[str, str], ...] = ()  # str values go as latin-1 bytes
    key: str | None = None  # "steward" or "dfe"
    etag_of: str | None = None  # send this resource's current ETag as If-Match ("weak:" W/)
    chunked: bool = False  # send raw in chunks, without Content-Length
    params: tuple[tuple[str, str], ...] = ()


def get(id: str, path: str, expect: int, **headers: str) -> Case:
    return Case(id, "GET", path, expect, headers=tuple(headers.items()))


def send(id: str, method: str, path: str, expect: int, body: Any = None, **kw: Any) -> Case:
    return Case(id, method, path, expect, body=body, **kw)


DEFINITION = "/v1/definitions/{definition}"
PROPOSALS = "/v1/core-definition/proposals"
TEAM_PATH = "/v1/teams/{team}"
MATRIX = "/v1/comparisons/matrix"
ENDORSEMENT = "/v1/core-definition/proposals/{proposal}/endorsements/dfe"
DECLARE = "/v1/teams/{team}/practice-models"
DECLARATION = {"practice_models": [{"slug": MODEL, "scope": "pilot"}], "activities": ["training"]}
VALID_DEFINITION = {"title": "A title", "text": "Some text about safety."}


def revise(id: str, body: Any, expect: int = 422, **kw: Any) -> Case:
    """A PATCH of DfE's definition by DfE, with the current ETag unless told otherwise."""
    return send(id, "PATCH", DEFINITION, expect, body, key="dfe", **({"etag_of": DEFINITION} | kw))


def declare(id: str, body: Any, expect: int = 422, **kw: Any) -> Case:
    """A team declaration by a steward, with the team's current ETag unless told otherwise."""
    etag = {"etag_of": "/v1/teams/{team}"}
    return send(id, "PUT", DECLARE, expect, body, key="steward", **(etag | kw))


def submit(id: str, expect: int = 422, body: Any = None, **kw: Any) -> Case:
    return send(id, "POST", "/v1/definitions", expect, body, key="dfe", **kw)


def _spoiled(base: dict[str, Any], dotted: str, bad: str) -> dict[str, Any]:
    """``base`` with one bad character put inside the value at ``dotted`` (a.0.b)."""
    body: dict[str, Any] = json.loads(json.dumps(base))
    *parents, last = dotted.split(".")
    holder: Any = body
    for part in parents:
        holder = holder[int(part)] if part.isdigit() else holder[part]
    index: Any = int(last) if last.isdigit() else last
    value = holder[index]
    holder[index] = value[:1] + bad + value[1:]
    return body


def text_cases() -> list[Case]:
    """A lone surrogate and a NUL in every text field of every write body."""
    return [
        send(f"{label}-{spec.name}-{dotted}", spec.method, spec.path, 422,
             _spoiled(spec.base, dotted, bad), key=spec.key, etag_of=spec.etag_of)
        for spec in BODIES
        for dotted in spec.text_fields
        for label, bad in (("surrogate", SURROGATE), ("nul", NUL))
    ]  # fmt: skip


def integer_cases() -> list[Case]:
    bad: tuple[Any, ...] = (*BIG, -1, 0, 1.5, True, "7", None)
    cases = [
        revise(f"superseded_by-{v!r}", {"status": "superseded", "superseded_by": v}) for v in bad
    ]
    for v in (*BIG, -1, 0, "1.5", "true", "1e3", "0x10"):
        cases.append(get(f"diff-from-{v}", f"{DEFINITION}/diff?from={v}", 422))
        cases.append(get(f"path-id-{v}", f"/v1/definitions/{v}", 422))
    for v in (*BIG, -1, 0, 201, "1.5", "ten"):
        cases.append(get(f"limit-{v}", f"/v1/definitions?limit={v}", 422))
        cases.append(get(f"limit-{v}-teams", f"/v1/teams?limit={v}", 422))
    for id_ in (*BIG, -1, 1.5, True, "3"):
        compared: dict[str, Any] = {"definition_id": id_}
        cases.append(send(f"comparison-id-{id_!r}", "POST", "/v1/comparisons", 422, compared))
    for id_ in (2**31, True, 1.5, MAX):
        declared: dict[str, Any] = {**DECLARATION, "works_to_definition": id_}
        cases.append(declare(f"works_to_definition-{id_!r}", declared))
    proposals = "/v1/core-definition/proposals"
    return [
        *cases,
        get("diff-to-2^64", f"{DEFINITION}/diff?from=1&to={2**64}", 422),
        get("diff-to-max", f"{DEFINITION}/diff?from=1&to={MAX}", 404),
        get("path-id-max", f"/v1/definitions/{MAX}", 404),
        get("path-id-leading-zeros", "/v1/definitions/001", 200),
        get("path-id-underscores", "/v1/definitions/1__0", 422),
        get("revision-number-2^63", f"{DEFINITION}/revisions/{2**63}", 422),
        get("revision-number-max", f"{DEFINITION}/revisions/{MAX}", 404),
        get("proposal-id-2^63", f"{proposals}/{2**63}/endorsements", 422),
        send("proposal-id-max-put", "PUT", f"{proposals}/{MAX}/endorsements/dfe", 404,
             {"position": "endorse"}, key="dfe"),
        send("delete-id-2^64", "DELETE", f"/v1/definitions/{2**64}", 422, key="dfe"),
        send("comparison-against-2^64", "POST", "/v1/comparisons", 422,
             {"text": "Safety first.", "against": 2**64}),
        send("comparison-against-max", "POST", "/v1/comparisons", 404,
             {"text": "Safety first.", "against": MAX}),
        send("matrix-2^63", "POST", "/v1/comparisons/matrix", 422, {"definition_ids": [1, 2**63]}),
        send("matrix-bool", "POST", "/v1/comparisons/matrix", 422, {"definition_ids": [True, 2]}),
        send("matrix-max", "POST", "/v1/comparisons/matrix", 404, {"definition_ids": [1, MAX]}),
        send("matrix-501", "POST", "/v1/comparisons/matrix", 422, {"definition_ids": [1] * 501}),
        submit("year-2^63", body={**VALID_DEFINITION, "year": 2**63}),
        submit("year-fraction", body={**VALID_DEFINITION, "year": 2000.5}),
        get("year-query-2^63", f"/v1/definitions?year={2**63}", 422),
    ]  # fmt: skip


def cursor(value: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


def raw_cursor(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode("utf-8", "surrogatepass")).decode().rstrip("=")


def cursor_cases() -> list[Case]:
    # Integer keys: definitions by id (and models, proposals by id; revisions by number).
    int_keys: tuple[tuple[str, Any], ...] = (
        ("2^31", [2**31]), ("2^63", [2**63]), ("2^64", [2**64]), ("negative", [-1]),
        ("float", [1.5]), ("bool", [True]), ("null", [None]), ("string", ["1"]),
        ("nested", [[1]]), ("object", {"id": 1}), ("empty", []), ("two", [1, 2]),
    )  # fmt: skip
    cases = [
        get(f"cursor-int-{n}", f"/v1/definitions?cursor={cursor(v)}", 400) for n, v in int_keys
    ]
    # The ranked search's (score, id) keys.
    for name, text in (
        ("nan", "[NaN, 1]"), ("infinity", "[Infinity, 1]"), ("huge-id", f"[0.5, {2**63}]"),
        ("short", "[0.5]"), ("int-score", "[1, 1]"),
    ):  # fmt: skip
        cases.append(
            get(f"cursor-search-{name}", f"/v1/definitions?q=safety&cursor={raw_cursor(text)}", 400)
        )
    # Slug keys.
    for name, text in (
        ("surrogate", '["\\ud800"]'), ("raw-surrogate", f'["{SURROGATE}"]'),
        ("nul", '["a\\u0000"]'),
        ("control", '["a\\u001b[0m"]'), ("number", "[7]"),
    ):  # fmt: skip
        cases.append(
            get(f"cursor-slug-{name}", f"/v1/organisations?cursor={raw_cursor(text)}", 400)
        )
    # Not base64 of JSON at all.
    for name, text in (
        ("punctuation", "!!!!"), ("padding", "===="), ("one-char", "a"), ("truncated", "WyJ"),
        ("nul", "%00"), ("percent-unicode", "%C3%A9t%C3%A9"), ("not-json", raw_cursor("hello")),
        ("latin1", base64.urlsafe_b64encode(b'["\xe9"]').decode()), ("sql", "'%20OR%201=1--"),
    ):  # fmt: skip
        cases.append(get(f"cursor-garbage-{name}", f"/v1/definitions?cursor={text}", 400))
    return [
        *cases,
        get("cursor-models-2^63", f"/v1/practice-models?cursor={cursor([2**63])}", 400),
        get("cursor-revisions-2^31", f"{DEFINITION}/revisions?cursor={cursor([2**31])}", 400),
        get("cursor-proposals-2^64", f"{PROPOSALS}?cursor={cursor([2**64])}", 400),
        get("cursor-declarations-2^63", f"{TEAM_PATH}/declarations?cursor={cursor([2**63])}", 400),
        get("cursor-too-long", f"/v1/definitions?cursor={'A' * 501}", 422),
        get("cursor-empty", "/v1/definitions?cursor=", 400),
        get("cursor-tampered-extended", "/v1/organisations?cursor={cursor}A", 400),
        get("cursor-tampered-truncated", "/v1/organisations?cursor={cursor_truncated}", 400),
        get("cursor-of-another-list", "/v1/definitions?cursor={cursor}", 400),
        # Well-formed keys no list issued still name a place in the order: a page, not an error.
        get("cursor-slug-empty", f"/v1/organisations?cursor={cursor([''])}", 200),
        get("cursor-slug-long", f"/v1/organisations?cursor={cursor(['z' * 340])}", 200),
    ]  # fmt: skip


def body_cases() -> list[Case]:
    nested = b"[" * 5_000 + b"]" * 5_000
    over = json.dumps({"title": "Too big", "text": "x" * (64 * 1024)}).encode()
    deep = b'{"definition_ids": ' + b"[" * 3_000 + b"]" * 3_000 + b"}"
    cases = [
        submit("oversize", 413, raw=over),
        submit("oversize-chunked", 413, raw=over, chunked=True),
        send("oversize-analysis", "POST", "/v1/analyses", 413, raw=over),
        submit("deep-array", 400, raw=b"[" * 20_000 + b"]" * 20_000),
        submit("deep-object", 400, raw=b'{"a":' * 5_000 + b"1" + b"}" * 5_000),
        submit("deep-field", 400, raw=b'{"text": "x", "title": ' + nested + b"}"),
        send("deep-matrix", "POST", "/v1/comparisons/matrix", 400, raw=deep),
        send("text-over-limit", "POST", "/v1/analyses", 422, {"text": "x" * 20_001}),
        submit("title-over-limit", body={"title": "x" * 301, "text": "y"}),
        declare("list-over-limit", {**DECLARATION, "activities": ["training"] * 7}),
    ]  # fmt: skip
    # Not JSON at all is refused by the parser: 422 (json_invalid) when it is text, 400 when it is
    # not even UTF-8 or holds a number no float can.
    for name, raw, expect in (
        ("unterminated", b'{"title": "a", "text": ', 422),
        ("single-quotes", b"{'title': 'a', 'text': 'b'}", 422),
        ("trailing-comma", b'{"title": "a", "text": "b",}', 422),
        ("trailing-garbage", b'{"title": "a", "text": "b"} x', 422),
        ("empty", b"", 422),
        ("whitespace", b"   ", 422),
        ("invalid-utf8", b'{"title": "a\xff", "text": "b"}', 400),
        ("nan", b'{"title": "a", "text": "b", "year": NaN}', 422),
        ("huge-exponent", b'{"title": "a", "text": "b", "year": 1e400}', 422),
        ("huge-digits", b'{"title": "a", "text": "b", "year": ' + b"9" * 5_000 + b"}", 400),
        ("surrogate-key", b'{"title": "a", "text": "b", "\\ud800": 1}', 422),
        ("nul-key", b'{"title": "a", "text": "b", "\\u0000": 1}', 422),
    ):
        cases.append(submit(f"malformed-{name}", expect, raw=raw))
    v = VALID_DEFINITION
    for name, value in (
        ("null", None), ("array", [v]), ("string", "a definition"), ("number", 1), ("true", True),
        ("title-number", {**v, "title": 1}), ("text-list", {**v, "text": ["x"]}),
        ("text-object", {**v, "text": {"$ne": None}}),
        ("status-unknown", {**v, "status": "withdrawn"}),
        ("adoption-number", {**v, "adoption_status": 1}), ("extra-field", {**v, "id": 5}),
        ("organisation-number", {**v, "organisation": 5}), ("missing-text", {"title": "A title"}),
        ("title-null", {**v, "title": None}), ("proto", {**v, "__proto__": {"admin": True}}),
    ):  # fmt: skip
        cases.append(submit(f"mistyped-{name}", body=value))
    valid = json.dumps(v).encode()
    for name, media in (
        ("text-plain", "text/plain"), ("form", "application/x-www-form-urlencoded"),
        ("multipart", "multipart/form-data; boundary=x"), ("xml", "application/xml"),
        ("garbage", "garbage"),
    ):  # fmt: skip
        cases.append(submit(f"content-type-{name}", raw=valid, headers=(("Content-Type", media),)))
    return [
        *cases,
        submit("content-type-form-fields", raw=b"title=A+title&text=Some+text",
               headers=(("Content-Type", "application/x-www-form-urlencoded"),)),
        revise("mistyped-patch-empty", {}),
        revise("mistyped-patch-null-title", {"title": None}),
        revise("mistyped-patch-array", [{"title": "x"}]),
        send("mistyped-position", "PUT", ENDORSEMENT, 422, {"position": "maybe"}, key="dfe",
             etag_of=ENDORSEMENT),
        declare("mistyped-activities-string", {**DECLARATION, "activities": "training"}),
        declare("mistyped-model-without-scope", {**DECLARATION, "practice_models": [{"slug": 1}]}),
        send("mistyped-matrix-string", "POST", MATRIX, 422, {"definition_ids": "1,2"}),
        send("mistyped-comparison-both", "POST", "/v1/comparisons", 422,
             {"text": "Safety.", "definition_id": 1}),
        send("mistyped-model-verified", "PATCH", "/v1/practice-models/{model}", 422,
             {"verified": "maybe"}, key="steward", etag_of="/v1/practice-models/{model}"),
    ]  # fmt: skip


def query_cases() -> list[Case]:
    searches = (
        ("double-quote", '"'), ("quotes", '"safety'), ("single-quote", "'"), ("star", "*"),
        ("prefix-star", "safe*"), ("near", "NEAR("), ("near-full", "NEAR(safety trust, 2)"),
        ("or", "OR"), ("or-terms", "safety OR trust"), ("and-not", "safety AND NOT"),
        ("comment", "--"), ("drop", "'; DROP TABLE definition; --"), ("tautology", "' OR '1'='1"),
        ("column", "title:safety"), ("caret", "^safety"), ("parens", "(safety"),
        ("backslash", "\\"), ("like", "%_%"), ("tsquery", "safety & !trust | (a <-> b)"),
        ("dollar", "$$ safety $$"), ("html", "<script>alert(1)</script>"),
        ("unicode", "sécurité 安全 🙂"), ("long", "safety " * 28),
    )  # fmt: skip
    refused = (
        ("nul", "safety\x00"), ("control", "\x1b[31m"), ("blank", "   "), ("empty", ""),
        ("over-limit", "s" * 201),
    )  # fmt: skip
    return [
        Case(f"q-{name}", "GET", "/v1/definitions", expect, params=(("q", q),))
        for group, expect in ((searches, 200), (refused, 422))
        for name, q in group
    ]


def slug_cases() -> list[Case]:
    cases = [
        get(f"slug-organisation-{name}", f"/v1/organisations/{slug}", 422)
        for name, slug in (
            ("upper", "DFE"), ("trailing-hyphen", "dfe-"), ("double-hyphen", "a--b"),
            ("nul", "%00"), ("space", "%20"), ("unicode", "caf%C3%A9"), ("dots", "%2E%2E"),
            ("underscore", "home_office"), ("too-long", "a" * 121), ("sql", "dfe'%20OR%201=1--"),
        )
    ]  # fmt: skip
    proposal = "/v1/core-definition/proposals/{proposal}"
    return [
        *cases,
        get("slug-organisation-missing", "/v1/organisations/no-such-organisation", 404),
        get("slug-organisation-slash", "/v1/organisations/a%2Fb", 404),
        get("slug-practice-model-upper", "/v1/practice-models/ARC", 422),
        get("slug-team-nul", "/v1/teams/team%00", 422),
        get("slug-source-control", "/v1/sources/a%1Bb", 422),
        get("slug-principle-missing", "/v1/principles/no-such-principle", 404),
        send("slug-endorsement-org", "PUT", f"{proposal}/endorsements/DFE", 422,
             {"position": "endorse"}, key="dfe"),
        send("slug-team-put-missing", "PUT", "/v1/teams/no-such-team/practice-models", 404,
             DECLARATION, key="steward"),
        get("filter-organisation-upper", "/v1/definitions?organisation=DFE", 422),
        get("filter-organisation-nul", "/v1/definitions?organisation=%00", 422),
        get("filter-principle-unicode", "/v1/definitions?principle=s%C3%A9curit%C3%A9", 422),
        get("filter-kind-unknown", "/v1/definitions?kind=secret", 422),
        get("filter-status-unknown", "/v1/definitions?status=deleted", 422),
        get("filter-too-many", "/v1/definitions?" + "&".join(["organisation=dfe"] * 21), 422),
        get("filter-trend-organisation", "/v1/consensus/trend?organisation=%00", 422),
        get("filter-consensus-kind", "/v1/consensus?kind=everyone", 422),
    ]  # fmt: skip


def precondition_cases() -> list[Case]:
    edit = {"title": "Edited by a precondition test"}
    model = "/v1/practice-models/{model}"
    model_edit = {"note": "Edited by a precondition test"}
    position = {"position": "abstain"}
    cases = [
        revise(f"if-match-{name}", edit, 412, etag_of=None, headers=(("If-Match", value),))
        for name, value in (
            ("garbage", "garbage"), ("unquoted", "d1-r1"), ("lone-quote", '"'),
            ("list", '"a", "b"'), ("empty-tag", '""'), ("latin1", '"\xe9"'),
        )
    ]  # fmt: skip
    return [
        *cases,
        revise("if-match-weak", edit, 412, etag_of="weak:" + DEFINITION),
        revise("if-match-missing", edit, 428, etag_of=None),
        revise("if-match-too-long", edit, etag_of=None, headers=(("If-Match", f'"{"a" * 600}"'),)),
        revise("if-match-other-resource", edit, 412, etag_of="/v1/definitions/1"),
        send("if-match-star-missing-resource", "PATCH", f"/v1/definitions/{MAX}", 404, edit,
             key="dfe", headers=(("If-Match", "*"),)),
        send("if-match-delete-garbage", "DELETE", DEFINITION, 412, key="dfe",
             headers=(("If-Match", "garbage"),)),
        send("if-match-delete-weak", "DELETE", DEFINITION, 412, key="dfe",
             etag_of=f"weak:{DEFINITION}"),
        send("if-match-delete-missing", "DELETE", DEFINITION, 428, key="dfe"),
        send("if-match-model-garbage", "PATCH", model, 412, model_edit, key="steward",
             headers=(("If-Match", "garbage"),)),
        send("if-match-model-missing", "PATCH", model, 428, model_edit, key="steward"),
        declare("if-match-team-weak", DECLARATION, 412, etag_of="weak:/v1/teams/{team}"),
        declare("if-match-team-missing", DECLARATION, 428, etag_of=None),
        send("if-match-endorsement-garbage", "PUT", ENDORSEMENT, 412, position, key="dfe",
             headers=(("If-Match", "garbage"),)),
        send("if-match-endorsement-missing", "PUT", ENDORSEMENT, 428, position, key="dfe"),
        get("if-none-match-garbage", DEFINITION, 200, **{"If-None-Match": "garbage"}),
        get("if-none-match-star", DEFINITION, 304, **{"If-None-Match": "*"}),
    ]  # fmt: skip


def method_cases() -> list[Case]:
    return [
        Case(f"method-{method}-{path}", method, path, 405)
        for method, path in (
            ("PUT", "/v1/definitions"), ("DELETE", "/v1/definitions"), ("POST", DEFINITION),
            ("PUT", DEFINITION), ("PATCH", "/v1/organisations"),
            ("DELETE", "/v1/organisations/dfe"),
            ("POST", "/v1/sources"), ("DELETE", "/v1/core-definition"), ("PATCH", TEAM_PATH),
            ("GET", "/v1/analyses"), ("TRACE", "/v1/definitions"), ("OPTIONS", "/v1/principles"),
            ("PROPFIND", "/healthz"), ("FOO", "/v1/definitions"),
        )
    ]  # fmt: skip


def credential_cases() -> list[Case]:
    cases = [
        send(f"credentials-{name}", "POST", "/v1/definitions", 401, VALID_DEFINITION,
             headers=(("Authorization", value),))
        for name, value in (
            ("empty-bearer", "Bearer "), ("basic", "Basic ZGZlOnNlY3JldA=="),
            ("unknown-key", "Bearer tic_0000_notakey"), ("long-key", "Bearer tic_" + "a" * 2_000),
            ("no-scheme", "tic_abc_def"), ("sql", "Bearer ' OR 1=1 --"),
            ("latin1", "Bearer tic_\xe9_\xe9"),
        )
    ]  # fmt: skip
    organisation = {"slug": "not-allowed", "name": "No", "kind": "csc_team"}
    return [
        *cases,
        send("credentials-submitter-as-steward", "POST", "/v1/organisations", 403, organisation,
             key="dfe"),
    ]  # fmt: skip


CASES = [
    *text_cases(),
    *integer_cases(),
    *cursor_cases(),
    *body_cases(),
    *query_cases(),
    *slug_cases(),
    *precondition_cases(),
    *method_cases(),
    *credential_cases(),
]


# -- the arena: one database, the resources the cases point at --------------------------------


@dataclass
class Arena:
    client: TestClient
    database: Database
    keys: dict[str, dict[str, str]]
    refs: dict[str, str]

    def path(self, template: str) -> str:
        return template.format(**self.refs)

    def etag(self, reference: str) -> str:
        weak = reference.startswith("weak:")
        response = self.client.get(self.path(reference.removeprefix("weak:")))
        assert response.status_code == 200, response.text
        etag: str = response.headers["etag"]
        return f"W/{etag}" if weak else etag

    def send(self, case: Case) -> Any:
        headers = dict(case.headers)
        if case.key is not None:
            headers.update(self.keys[case.key])
        if case.etag_of is not None:
            headers["If-Match"] = self.etag(case.etag_of)
        content: Any = case.raw
        if case.raw is None and case.body is not None:
            content = json.dumps(case.body).encode()
        if content is not None:
            headers.setdefault("Content-Type", "application/json")
        if case.chunked:
            raw = case.raw or b""
            content = iter([raw[i : i + 4096] for i in range(0, len(raw), 4096)])
        encoded = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]
        return self.client.request(
            case.method,
            self.path(case.path),
            content=content,
            headers=encoded,
            params=case.params or None,
        )


def snapshot(database: Database) -> dict[str, list[str]]:
    """Every row of every table, as sorted text: equal snapshots mean nothing was written."""
    rows: dict[str, list[str]] = {}
    with database.write_engine.connect() as connection:
        for table in SQLModel.metadata.sorted_tables:
            rows[table.name] = sorted(repr(tuple(r)) for r in connection.execute(sa_select(table)))
    return rows


def changed_tables(before: dict[str, list[str]], after: dict[str, list[str]]) -> list[str]:
    return [name for name in before if before[name] != after.get(name)]


@contextmanager
def make_arena(backend: Backend, seeded_template: str) -> Iterator[Arena]:
    url = backend.copy(seeded_template)
    database = Database(url)
    try:
        with Session(database.write_engine) as session:

            def org(slug: str) -> Organisation:
                return session.exec(select(Organisation).where(Organisation.slug == slug)).one()

            _, steward = create_key(session, org("dhsc"), "steward")
            _, dfe = create_key(session, org("dfe"), "submitter")
        keys = {"steward": bearer(steward), "dfe": bearer(dfe)}
        with TestClient(create_app(database=database), raise_server_exceptions=False) as client:
            refs = _arrange(client, keys)
            yield Arena(client, database, keys, refs)
    finally:
        database.dispose()
        backend.drop(url)


def _arrange(client: TestClient, keys: dict[str, dict[str, str]]) -> dict[str, str]:
    """What the cases need to exist: a DfE definition, DfE's position on the current proposal,
    a CSC team with a declaration (so revising each needs If-Match), and a real cursor."""
    created = client.post(
        "/v1/definitions",
        json={"title": "DfE's definition", "text": "Children feel safe and are listened to."},
        headers=keys["dfe"],
    )
    assert created.status_code == 201, created.text
    proposal = client.get("/v1/core-definition").json()["proposal"]["id"]
    position = client.put(
        f"/v1/core-definition/proposals/{proposal}/endorsements/dfe",
        json={"position": "endorse", "comment": "Agreed."},
        headers=keys["dfe"],
    )
    assert position.status_code == 201, position.text
    team = client.post(
        "/v1/organisations",
        json={"slug": TEAM, "name": "Hostile test team", "kind": "csc_team"},
        headers=keys["steward"],
    )
    assert team.status_code == 201, team.text
    declared = client.put(
        f"/v1/teams/{TEAM}/practice-models", json=DECLARATION, headers=keys["steward"]
    )
    assert declared.status_code == 200, declared.text
    next_cursor = client.get("/v1/organisations", params={"limit": 1}).json()["next_cursor"]
    assert next_cursor
    return {
        "definition": str(created.json()["id"]),
        "proposal": str(proposal),
        "team": TEAM,
        "model": MODEL,
        "cursor": next_cursor,
        "cursor_truncated": next_cursor[:-3],
    }


@pytest.fixture(scope="module")
def arena(backend: Backend, seeded_template: str) -> Iterator[Arena]:
    with make_arena(backend, seeded_template) as built:
        yield built


def test_the_catalogue_is_large_and_covers_every_class() -> None:
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids)), "case ids must be unique"
    assert len(CASES) >= 120
    prefixes = (
        "surrogate-",
        "nul-",
        "superseded_by-",
        "diff-",
        "limit-",
        "path-id-",
        "cursor-",
        "oversize",
        "deep-",
        "malformed-",
        "mistyped-",
        "content-type-",
        "q-",
        "slug-",
        "if-match-",
        "method-",
        "credentials-",
    )
    for prefix in prefixes:
        assert any(i.startswith(prefix) for i in ids), prefix


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_input_is_refused_and_changes_nothing(arena: Arena, case: Case) -> None:
    before = snapshot(arena.database)

    response = arena.send(case)

    assert response.status_code < 500, response.text
    assert response.status_code == case.expect, response.text
    if response.status_code >= 400:
        assert_problem(response, case.expect)
    elif response.status_code == 200:
        assert response.headers["content-type"].startswith("application/json")
    changed = changed_tables(before, snapshot(arena.database))
    assert not changed, f"{case.id} changed {changed}"


def test_bodies_are_accepted_without_the_hostile_value(
    backend: Backend, seeded_template: str
) -> None:
    """Each write body, as the text cases spoil it, is accepted when left whole: so every text
    case is refused for the one character it adds, not for something else in the body."""
    with make_arena(backend, seeded_template) as built:
        for spec in BODIES:
            case = Case(
                spec.name,
                spec.method,
                spec.path,
                spec.ok,
                body=spec.base,
                key=spec.key,
                etag_of=spec.etag_of,
            )
            response = built.send(case)
            assert response.status_code == spec.ok, f"{spec.name}: {response.text}"
