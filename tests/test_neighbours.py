"""Nearest neighbours over HTTP, and the index following writes made elsewhere."""

import threading
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from api import app as app_module
from api.app import create_app
from api.comparison.neighbours import NeighbourIndex
from api.comparison.similarity import TfidfIndex
from api.db import Database
from api.models import Organisation
from api.models.definition import SUBMITTED
from api.services import definitions, neighbours
from api.services.corpus import current_definitions
from tests.conftest import Keys
from tests.helpers import assert_problem

DISTINCT = "Quokka wardens steward kelp meadows beside lighthouse keepers."


def neighbours_of_text(client: TestClient, text: str, k: int = 10) -> list[dict[str, object]]:
    response = client.post("/v1/comparisons/neighbours", json={"text": text, "k": k})
    assert response.status_code == 200, response.text
    found: list[dict[str, object]] = response.json()["neighbours"]
    return found


def test_neighbours_of_a_definition_match_the_matrix(client: TestClient) -> None:
    subject = client.get("/v1/definitions", params={"limit": 1}).json()["items"][0]["id"]
    response = client.get(f"/v1/definitions/{subject}/neighbours", params={"k": 4})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["subject"]["definition_id"] == subject
    found = body["neighbours"]
    assert 1 <= len(found) <= 4
    ids = [n["definition"]["definition_id"] for n in found]
    assert subject not in ids
    scores = [n["similarity"] for n in found]
    assert scores == sorted(scores, reverse=True)
    assert body["method"]["corpus_size"] > len(found)
    # The same cosines as the matrix, which fits a TF-IDF index on the same corpus.
    matrix = client.post("/v1/comparisons/matrix", json={"definition_ids": [subject, *ids]})
    assert matrix.status_code == 200
    row = matrix.json()["similarity"][0][1:]
    assert scores == [round(x, 6) for x in row]
    # Nothing outside the answer scores higher than its last.
    everyone = client.get(f"/v1/definitions/{subject}/neighbours", params={"k": 50}).json()
    assert [n["definition"]["definition_id"] for n in everyone["neighbours"][:4]] == ids


def test_neighbours_of_a_text_match_the_comparison(client: TestClient) -> None:
    seeded = client.get("/v1/definitions", params={"limit": 2}).json()["items"][1]["text"]
    text = " ".join(seeded.split()[:30])
    found = neighbours_of_text(client, text, k=3)
    assert len(found) == 3
    for n in found:
        compared = client.post(
            "/v1/comparisons",
            json={"text": text, "against": n["definition"]["definition_id"]},  # type: ignore[index]
        )
        assert compared.status_code == 200
        assert n["similarity"] == round(compared.json()["similarity"], 6)


def test_neighbours_follow_every_write(client: TestClient, keys: Keys) -> None:
    seeded = client.get("/v1/definitions", params={"limit": 1}).json()["items"][0]["text"]
    assert neighbours_of_text(client, DISTINCT) == [] or all(
        n["similarity"] < 0.5  # type: ignore[operator]
        for n in neighbours_of_text(client, DISTINCT)
    )
    created = client.post(
        "/v1/definitions", json={"title": "Kelp", "text": DISTINCT}, headers=keys.dfe
    )
    assert created.status_code == 201
    new_id = created.json()["id"]
    first = neighbours_of_text(client, DISTINCT)[0]
    assert first["definition"]["definition_id"] == new_id  # type: ignore[index]
    assert first["similarity"] == 1.0

    revised = client.patch(
        f"/v1/definitions/{new_id}",
        json={"text": seeded},
        headers={**keys.dfe, "If-Match": created.headers["ETag"]},
    )
    assert revised.status_code == 200
    assert new_id not in [
        n["definition"]["definition_id"]  # type: ignore[index]
        for n in neighbours_of_text(client, DISTINCT)
    ]
    assert new_id in [
        n["definition"]["definition_id"]  # type: ignore[index]
        for n in neighbours_of_text(client, seeded, k=50)
    ]

    withdrawn = client.delete(
        f"/v1/definitions/{new_id}", headers={**keys.dfe, "If-Match": revised.headers["ETag"]}
    )
    assert withdrawn.status_code == 204
    assert new_id not in [
        n["definition"]["definition_id"]  # type: ignore[index]
        for n in neighbours_of_text(client, seeded, k=50)
    ]
    # A withdrawn definition's own neighbours can still be asked for.
    own = client.get(f"/v1/definitions/{new_id}/neighbours")
    assert own.status_code == 200
    assert own.json()["subject"]["definition_id"] == new_id
    assert own.json()["neighbours"]


def test_a_write_elsewhere_is_caught_up_not_rebuilt(database: Database) -> None:
    """Another worker's write reaches this process through the change log alone."""
    with database.session() as session:
        before = neighbours.index(session)
    with database.session(write=True) as session:
        dfe = session.exec(select(Organisation).where(Organisation.slug == "dfe")).one()
        definition, _ = definitions.add(
            session,
            dfe,
            SUBMITTED,
            {"title": "Kelp", "text": DISTINCT, "status": "published"},
            None,
        )
        session.commit()
        new_id = definition.id
    with database.session() as session:
        after = neighbours.index(session)
        result = neighbours.of_text(session, DISTINCT, 1)
    assert after is not before
    assert after.base is before.base  # applied to the same base: no rebuild
    assert after.size == before.size + 1
    assert result.neighbours[0].definition.definition_id == new_id


def test_bad_requests(client: TestClient) -> None:
    assert_problem(client.get("/v1/definitions/999999/neighbours"), 404)
    for k in (0, 51, "many"):
        assert_problem(client.get("/v1/definitions/1/neighbours", params={"k": k}), 422)
    for body in ({"text": "safe", "k": 0}, {"text": "safe", "k": "5"}, {"text": ""}, {"k": 3}):
        assert_problem(client.post("/v1/comparisons/neighbours", json=body), 422)


def test_a_comparison_after_a_write_weighs_the_new_text_without_a_fit(
    client: TestClient, keys: Keys, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Comparisons weigh terms with the neighbour index, caught up write by write: after a
    write the next comparison sees the new text, and nothing is fitted or built again."""
    fits: list[str] = []

    def counted(owner: type, name: str) -> None:
        original = getattr(owner, name).__func__

        def wrapper(cls: type, *args: Any, **kwargs: Any) -> Any:
            fits.append(f"{owner.__name__}.{name}")
            return original(cls, *args, **kwargs)

        monkeypatch.setattr(owner, name, classmethod(wrapper))

    counted(TfidfIndex, "fit")
    counted(NeighbourIndex, "build")
    core = client.get("/v1/core-definition").json()["proposal"]["id"]
    before = client.post("/v1/comparisons", json={"text": DISTINCT, "against": core}).json()
    # No current definition says "quokka" yet: the term weighs nothing, so it is not shared.
    assert "quokka" not in [t["term"] for t in before["shared_terms"]]
    created = client.post(
        "/v1/definitions", json={"title": "Kelp", "text": DISTINCT}, headers=keys.dfe
    )
    assert created.status_code == 201
    after = client.post(
        "/v1/comparisons", json={"text": DISTINCT, "against": created.json()["id"]}
    ).json()
    assert after["method"]["corpus_size"] == before["method"]["corpus_size"] + 1
    assert after["similarity"] == 1.0
    assert "quokka" in [t["term"] for t in after["shared_terms"]]
    assert fits == []  # the index was built when the server started, then only caught up
    # The weights are those a fit on the current definitions gives.
    with Session(client.app.state.database.engine) as session:  # type: ignore[attr-defined]
        held = neighbours.index(session).tfidf
        texts = [r.text for _, r in current_definitions(session)]
    fitted = TfidfIndex.fit(texts)
    assert sorted(held.vocabulary) == list(fitted.terms)
    assert [held.idf[held.vocabulary[t]] for t in fitted.terms] == pytest.approx(
        list(fitted.idf), abs=1e-12
    )


def test_the_index_is_built_when_the_server_starts(database: Database) -> None:
    with database.session() as session:
        key = str(session.get_bind().engine.url)
    neighbours._held.pop(key, None)
    with TestClient(create_app(database=database)) as client:
        assert key in neighbours._held  # built before the first request
        ready = client.get("/readyz")
        assert ready.status_code == 200, ready.text


def test_readyz_is_503_while_the_index_is_built(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    build = neighbours.warm
    monkeypatch.setattr(neighbours, "warm", lambda session: release.wait(30) and build(session))
    monkeypatch.setattr(app_module, "WARM_WAIT_S", 0.0)
    with TestClient(create_app(database=database)) as client:
        starting = client.get("/readyz")
        assert_problem(starting, 503)
        assert starting.json()["type"].endswith("/problems/starting")
        assert starting.headers["Retry-After"]
        release.set()
        client.app.state.warming.join(30)  # type: ignore[attr-defined]
        assert client.get("/readyz").status_code == 200
