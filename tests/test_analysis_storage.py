"""Analyses are stored per revision and analyser version; reads fall back, the seed fills in."""

from fastapi.testclient import TestClient
from sqlalchemy import Engine, delete
from sqlmodel import Session, col, select

from api.comparison.analyser import METHOD_VERSION
from api.models import Analysis, AnalysisFinding, Definition, DefinitionRevision
from api.services.analysis import reanalyse_missing
from tests.conftest import Keys


def _revision_id(engine: Engine, slug: str) -> int:
    with Session(engine) as session:
        definition = session.exec(select(Definition).where(Definition.slug == slug)).one()
        revision = session.exec(
            select(DefinitionRevision).where(DefinitionRevision.definition_id == definition.id)
        ).one()
        assert revision.id is not None
        return revision.id


def test_every_seeded_revision_has_a_stored_analysis(engine: Engine) -> None:
    with Session(engine) as session:
        revisions = set(session.exec(select(DefinitionRevision.id)).all())
        analysed = set(
            session.exec(
                select(Analysis.revision_id).where(Analysis.method_version == METHOD_VERSION)
            ).all()
        )
    assert revisions
    assert revisions == analysed


def test_a_text_with_no_principle_is_stored_as_an_empty_analysis(
    client: TestClient, keys: Keys, engine: Engine
) -> None:
    text = "The team is based in the town hall and opens at nine."
    created = client.post("/v1/definitions", json={"title": "T", "text": text}, headers=keys.dfe)

    assert created.json()["principles"] == []
    with Session(engine) as session:
        stored = session.exec(
            select(Analysis)
            .join(DefinitionRevision, col(DefinitionRevision.id) == Analysis.revision_id)
            .where(DefinitionRevision.definition_id == created.json()["id"])
        ).all()
    assert [a.method_version for a in stored] == [METHOD_VERSION]


def test_reads_fall_back_and_the_seed_fills_in_a_missing_analysis(
    client: TestClient, engine: Engine
) -> None:
    revision_id = _revision_id(engine, "samhsa-2014")
    definition_id = client.get("/v1/definitions", params={"organisation": "samhsa"}).json()[
        "items"
    ][0]["id"]
    before = client.get(f"/v1/definitions/{definition_id}").json()["principles"]
    with Session(engine) as session:
        ids = session.exec(select(Analysis.id).where(Analysis.revision_id == revision_id)).all()
        session.execute(delete(AnalysisFinding).where(col(AnalysisFinding.analysis_id).in_(ids)))
        session.execute(delete(Analysis).where(col(Analysis.id).in_(ids)))
        session.commit()

    # As after an analyser upgrade: the read analyses in memory and writes nothing.
    assert client.get(f"/v1/definitions/{definition_id}").json()["principles"] == before
    with Session(engine) as session:
        assert session.exec(select(Analysis).where(Analysis.revision_id == revision_id)).all() == []
        assert reanalyse_missing(session) == 1
        session.commit()
        assert reanalyse_missing(session) == 0
    assert client.get(f"/v1/definitions/{definition_id}").json()["principles"] == before
