"""Nearest neighbours over HTTP, and the index following writes made elsewhere."""

from fastapi.testclient import TestClient
from sqlmodel import select

from api.db import Database
from api.models import Organisation
from api.models.definition import SUBMITTED
from api.services import definitions, neighbours
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
