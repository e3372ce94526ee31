"""Records the OpenAPI document's examples from a freshly seeded registry: `python -m
tests.openapi_examples` rewrites api/openapi_examples.json.

Each operation is called once, in an order that makes every example real (the definition that
is revised is the one just submitted, with the ETag just read), on a temporary SQLite database
migrated and seeded as `make run` does it. Request bodies are the request models' own examples,
or seeded texts and ids; responses are what the registry answered, with lists cut to a few items
so the document stays readable. tests/test_openapi_document.py checks that every example is
valid against its schema, so a model change that outdates one fails there: run this again.
"""

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from fastapi.testclient import TestClient
from pydantic import BaseModel
from sqlmodel import Session, select

from api.app import create_app
from api.db import Database
from api.keys import create_key
from api.models import Organisation
from api.models.definition import DefinitionCreate, DefinitionUpdate, ProposalCreate
from api.models.endorsement import EndorsementUpsert
from api.models.organisation import OrganisationCreate
from api.models.practice_model import PracticeModelCreate, PracticeModelUpdate
from api.models.team import TeamDeclarationIn
from api.openapi_meta import EXAMPLES_FILE
from seed.loader import seed

ROOT = Path(__file__).resolve().parent.parent
# A list in an example keeps at most this many items (a matrix of three definitions fits).
MAX_ITEMS = 3
# Response headers worth showing in an example.
HEADERS = ("etag", "location", "cache-control")


def _example(model: type[BaseModel]) -> dict[str, Any]:
    extra = model.model_config.get("json_schema_extra")
    assert isinstance(extra, dict)
    examples = extra["examples"]
    assert isinstance(examples, list)
    example = examples[0]
    assert isinstance(example, dict)
    return example


def _trim(node: Any) -> Any:
    if isinstance(node, list):
        return [_trim(item) for item in node[:MAX_ITEMS]]
    if isinstance(node, dict):
        return {key: _trim(value) for key, value in node.items()}
    return node


class Recorder:
    def __init__(self, client: TestClient) -> None:
        self.client = client
        self.examples: dict[str, dict[str, Any]] = {}

    def call(
        self,
        operation_id: str,
        method: str,
        path: str,
        *,
        body: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        params: dict[str, Any] | None = None,
    ) -> Any:
        response = self.client.request(method, path, json=body, headers=headers, params=params)
        assert response.status_code < 300, (operation_id, response.status_code, response.text)
        entry: dict[str, Any] = {"path": response.request.url.raw_path.decode("ascii")}
        entry["status"] = str(response.status_code)
        if body is not None:
            entry["request"] = body
        if response.content:
            entry["response"] = _trim(response.json())
        shown = {h: response.headers[h] for h in HEADERS if h in response.headers}
        if shown:
            entry["headers"] = shown
        self.examples[operation_id] = entry
        return response.json() if response.content else None


def _keys(database: Database) -> dict[str, dict[str, str]]:
    with Session(database.write_engine) as session:

        def org(slug: str) -> Organisation:
            return session.exec(select(Organisation).where(Organisation.slug == slug)).one()

        _, dfe = create_key(session, org("dfe"), "submitter")
        _, steward = create_key(session, org("dhsc"), "steward")
    return {
        "dfe": {"Authorization": f"Bearer {dfe}"},
        "steward": {"Authorization": f"Bearer {steward}"},
    }


def record(client: TestClient, keys: dict[str, dict[str, str]]) -> dict[str, dict[str, Any]]:
    r = Recorder(client)
    dfe, steward = keys["dfe"], keys["steward"]
    r.call("check_liveness", "GET", "/healthz")
    r.call("check_readiness", "GET", "/readyz")
    r.call("list_sources", "GET", "/v1/sources", params={"limit": 2})
    r.call("get_source", "GET", "/v1/sources/eif-2022-trauma-informed-care")
    r.call("list_organisations", "GET", "/v1/organisations", params={"kind": "department"})
    r.call("get_organisation", "GET", "/v1/organisations/dluhc")
    r.call("list_principles", "GET", "/v1/principles")
    r.call("get_principle", "GET", "/v1/principles/resist-retraumatisation")
    frameworks = r.call("list_frameworks", "GET", "/v1/frameworks", params={"limit": 2})
    r.call("get_framework", "GET", f"/v1/frameworks/{frameworks['items'][0]['slug']}")

    listed = r.call("list_definitions", "GET", "/v1/definitions", params={"limit": 2})
    seeded = listed["items"][0]
    r.call("get_definition", "GET", f"/v1/definitions/{seeded['id']}")
    r.call("get_neighbours", "GET", f"/v1/definitions/{seeded['id']}/neighbours")
    core = r.call("get_core_definition", "GET", "/v1/core-definition")
    r.call("list_proposals", "GET", "/v1/core-definition/proposals")
    proposal = core["proposal"]["id"]
    r.call("create_analysis", "POST", "/v1/analyses", body={"text": seeded["text"]})
    r.call("create_comparison", "POST", "/v1/comparisons", body={"definition_id": seeded["id"]})
    ids = [item["id"] for item in listed["items"]] + [proposal]
    r.call(
        "create_comparison_matrix", "POST", "/v1/comparisons/matrix", body={"definition_ids": ids}
    )
    r.call("get_consensus", "GET", "/v1/consensus", params={"kind": "department"})
    r.call(
        "create_neighbours",
        "POST",
        "/v1/comparisons/neighbours",
        body={"text": seeded["text"], "k": 3},
    )

    created = r.call(
        "create_definition", "POST", "/v1/definitions", body=_example(DefinitionCreate), headers=dfe
    )
    path = f"/v1/definitions/{created['id']}"
    etag = r.examples["create_definition"]["headers"]["etag"]
    r.call(
        "revise_definition",
        "PATCH",
        path,
        body=_example(DefinitionUpdate),
        headers={**dfe, "If-Match": etag},
    )
    r.call("list_revisions", "GET", f"{path}/revisions")
    r.call("get_revision", "GET", f"{path}/revisions/1")
    r.call("diff_revisions", "GET", f"{path}/diff", params={"from": 1, "to": 2})
    r.call("get_consensus_trend", "GET", "/v1/consensus/trend", params={"organisation": "dfe"})
    etag = r.examples["revise_definition"]["headers"]["etag"]
    r.call("withdraw_definition", "DELETE", path, headers={**dfe, "If-Match": etag})

    endorsement = f"/v1/core-definition/proposals/{proposal}/endorsements"
    r.call(
        "set_endorsement",
        "PUT",
        f"{endorsement}/dfe",
        body=_example(EndorsementUpsert),
        headers=dfe,
    )
    r.call("list_endorsements", "GET", endorsement)
    r.call("get_endorsement", "GET", f"{endorsement}/dfe")
    r.call("list_endorsement_history", "GET", f"{endorsement}/dfe/history")

    models = r.call("list_practice_models", "GET", "/v1/practice-models", params={"limit": 2})
    r.call("get_practice_model", "GET", f"/v1/practice-models/{models['items'][0]['slug']}")
    model = r.call(
        "create_practice_model",
        "POST",
        "/v1/practice-models",
        body=_example(PracticeModelCreate),
        headers=steward,
    )
    etag = r.examples["create_practice_model"]["headers"]["etag"]
    r.call(
        "revise_practice_model",
        "PATCH",
        f"/v1/practice-models/{model['slug']}",
        body=_example(PracticeModelUpdate),
        headers={**steward, "If-Match": etag},
    )
    r.call("list_practice_model_revisions", "GET", f"/v1/practice-models/{model['slug']}/revisions")

    team = r.call(
        "create_organisation",
        "POST",
        "/v1/organisations",
        body=_example(OrganisationCreate),
        headers=steward,
    )
    team_path = f"/v1/teams/{team['slug']}"
    r.call(
        "declare_practice_models",
        "PUT",
        f"{team_path}/practice-models",
        body=_example(TeamDeclarationIn),
        headers=steward,
    )
    r.call("list_teams", "GET", "/v1/teams")
    r.call("get_team", "GET", team_path)
    r.call("list_declarations", "GET", f"{team_path}/declarations")
    r.call("get_alignment", "GET", f"{team_path}/alignment")
    r.call("get_survey_insight", "GET", "/v1/insights/survey")
    r.call("get_treatment_pathways_insight", "GET", "/v1/insights/treatment-pathways")
    r.call("get_model_variety_insight", "GET", "/v1/insights/model-variety")
    r.call("get_recommendations_insight", "GET", "/v1/insights/recommendations")

    # Last, so the reads above show the seeded core proposal.
    r.call(
        "create_proposal",
        "POST",
        "/v1/core-definition/proposals",
        body=_example(ProposalCreate),
        headers=steward,
    )
    return r.examples


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/examples.db"
        config = Config(toml_file=str(ROOT / "pyproject.toml"))
        config.attributes["database_url"] = url
        command.upgrade(config, "head")
        database = Database(url)
        try:
            with database.session(write=True) as session:
                seed(session)
            keys = _keys(database)
            with TestClient(create_app(database=database)) as client:
                examples = record(client, keys)
        finally:
            database.dispose()
    EXAMPLES_FILE.write_text(json.dumps(examples, indent=1, ensure_ascii=False) + "\n")
    print(f"{len(examples)} operations' examples written to {EXAMPLES_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
