"""Every problem ``type`` the API can emit is the address of a page the service serves."""

import importlib
import pkgutil
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient

import api
from api import domain
from api.config import settings
from api.errors import _default_kind
from api.problems import PROBLEM_TYPES, PROBLEMS

API = Path(__file__).resolve().parent.parent / "api"


def _subclasses(cls: type[domain.DomainError]) -> set[type[domain.DomainError]]:
    found = set(cls.__subclasses__())
    return found | {sub for child in found for sub in _subclasses(child)}


def emitted_kinds(client: TestClient) -> set[str]:
    """Every kind the code can give a problem: each domain exception's, each literal
    ``kind="..."`` passed where a problem is made, and the default of every error status the
    OpenAPI document lists."""
    # Every module loaded, so every domain exception class is defined, whatever ran before.
    for module in pkgutil.walk_packages(api.__path__, "api."):
        if not module.name.endswith("__main__"):  # that one runs the command line
            importlib.import_module(module.name)
    kinds = {cls.kind for cls in _subclasses(domain.DomainError) | {domain.DomainError}}
    for source in API.rglob("*.py"):
        kinds |= set(re.findall(r'\bkind ?= ?"([a-z]+(?:-[a-z]+)+)"', source.read_text()))
    document = client.get("/openapi.json").json()
    statuses = {
        int(code)
        for item in document["paths"].values()
        for operation in item.values()
        for code in operation["responses"]
        if code[0] in "45"
    }
    return kinds | {_default_kind(status) for status in statuses | {405}}


def test_every_problem_type_the_api_can_emit_has_a_page(client: TestClient) -> None:
    kinds = emitted_kinds(client)
    assert {"not-found", "precondition-failed", "idempotency-key-reused"} <= kinds
    assert kinds <= set(PROBLEMS), kinds - set(PROBLEMS)
    for kind in kinds:
        response = client.get(f"/problems/{kind}")
        assert response.status_code == 200, kind
        assert response.headers["content-type"].startswith("text/html")
        assert f'<h1 class="tic-heading-l">{PROBLEMS[kind].title}: {kind}</h1>' in response.text
        assert "<main" in response.text
        assert '<html lang="en-GB">' in response.text
        as_json = client.get(f"/problems/{kind}", headers={"Accept": "application/json"})
        assert as_json.json()["status"] == PROBLEMS[kind].status
        assert as_json.json()["type"] == f"http://testserver/problems/{kind}"


def test_a_problem_s_type_resolves_to_its_page(client: TestClient) -> None:
    problem = client.get("/v1/definitions/999999").json()
    assert problem["type"] == "http://testserver/problems/not-found"
    page = client.get(urlsplit(problem["type"]).path)
    assert page.status_code == 200
    assert "Not Found: not-found" in page.text
    stale = client.patch("/v1/definitions/1", json={"title": "x"}).json()
    assert urlsplit(stale["type"]).path == "/problems/unauthorised"


def test_the_public_base_url_makes_the_type(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings, "public_base_url", "https://registry.example.gov.uk/")
    problem = client.get("/v1/definitions/999999").json()
    assert problem["type"] == "https://registry.example.gov.uk/problems/not-found"


def test_the_index_lists_every_problem_and_an_unknown_one_is_404(client: TestClient) -> None:
    index = client.get("/problems")
    assert index.status_code == 200
    for problem in PROBLEM_TYPES:
        assert f'href="/problems/{problem.slug}"' in index.text
    assert client.get("/problems/no-such-problem").status_code == 404
