"""A Python client generated from the live OpenAPI document works against the running server.

openapi-python-client reads the document a running server serves, with warnings made fatal;
the test imports what it wrote and, as a department would, lists definitions, submits one,
revises it with If-Match, compares it with the core proposal and endorses the proposal.
"""

import importlib
import pkgutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2
import pytest

from tests.conftest import Keys

PACKAGE = "tic_client"


@pytest.fixture
def generated(live_server: str, tmp_path: Path) -> Iterator[str]:
    document = tmp_path / "openapi.json"
    response = httpx2.get(f"{live_server}/openapi.json", timeout=30)
    assert response.status_code == 200
    document.write_bytes(response.content)
    config = tmp_path / "client.yaml"
    # No post hooks: formatting the generated code (ruff) is not what is tested.
    config.write_text(f"package_name_override: {PACKAGE}\npost_hooks: []\n")
    result = subprocess.run(
        [
            str(Path(sys.executable).with_name("openapi-python-client")),
            "generate",
            "--path",
            str(document),
            "--meta",
            "none",
            "--config",
            str(config),
            "--output-path",
            str(tmp_path / PACKAGE),
            "--fail-on-warning",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "warning" not in output.lower(), output
    sys.path.insert(0, str(tmp_path))
    try:
        yield live_server
    finally:
        sys.path.remove(str(tmp_path))
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(f"{PACKAGE}.")]:
            del sys.modules[name]


def _module(name: str) -> Any:
    return importlib.import_module(f"{PACKAGE}.{name}")


@pytest.mark.slow
def test_a_generated_client_lists_submits_revises_compares_and_endorses(
    generated: str, keys: Keys
) -> None:
    client_module = _module("client")
    models = _module("models")
    definitions = _module("api.definitions")
    # Readable function names: one module per operation, named by its operation id.
    assert {m.name for m in pkgutil.iter_modules(definitions.__path__)} == {
        "list_definitions",
        "create_definition",
        "get_definition",
        "revise_definition",
        "withdraw_definition",
        "list_revisions",
        "get_revision",
        "diff_revisions",
    }
    token = keys.dfe["Authorization"].removeprefix("Bearer ")
    with (
        client_module.Client(base_url=generated) as anonymous,
        client_module.AuthenticatedClient(base_url=generated, token=token) as dfe,
    ):
        _use(models, anonymous, dfe)


def _use(models: Any, anonymous: Any, dfe: Any) -> None:
    list_definitions = _module("api.definitions.list_definitions")
    create_definition = _module("api.definitions.create_definition")
    revise_definition = _module("api.definitions.revise_definition")
    create_comparison = _module("api.comparison.create_comparison")
    get_core_definition = _module("api.core_definition.get_core_definition")
    set_endorsement = _module("api.core_definition.set_endorsement")

    page = list_definitions.sync(client=anonymous, limit=2)
    assert isinstance(page, models.PageDefinitionSummary)
    assert len(page.items) == 2
    assert page.next_cursor
    assert page.items[0].kind in set(models.DefinitionKind)

    body = models.DefinitionCreate(
        title="DfE working definition",
        text="Children and families feel safe, are listened to and are treated with respect.",
    )
    created = create_definition.sync_detailed(client=dfe, body=body, idempotency_key="client-1")
    assert created.status_code == 201
    assert created.parsed.organisation == "dfe"
    assert created.headers["location"] == f"/v1/definitions/{created.parsed.id}"

    update = models.DefinitionUpdate(
        text=body.text + " Practitioners recognise the impact of trauma.",
        change_note="Adds recognition.",
    )
    revised = revise_definition.sync_detailed(
        created.parsed.id, client=dfe, body=update, if_match=created.headers["etag"]
    )
    assert revised.status_code == 200
    assert revised.parsed.revision == 2
    assert "recognise" in {p.slug for p in revised.parsed.principles}
    stale = revise_definition.sync_detailed(
        created.parsed.id, client=dfe, body=update, if_match=created.headers["etag"]
    )
    assert stale.status_code == 412
    assert isinstance(stale.parsed, models.Problem)

    comparison = create_comparison.sync(
        client=anonymous, body=models.ComparisonRequest(definition_id=created.parsed.id)
    )
    assert isinstance(comparison, models.ComparisonResult)
    assert 0 < comparison.coverage < 1
    assert "recognise" in comparison.shared

    core = get_core_definition.sync(client=anonymous)
    position = set_endorsement.sync_detailed(
        core.proposal.id,
        "dfe",
        client=dfe,
        body=models.EndorsementUpsert(position=models.Position.ENDORSE, comment="Agreed."),
    )
    assert position.status_code == 201
    assert position.parsed.position == models.Position.ENDORSE
    assert position.headers["etag"]
