"""Analyses are stored per revision and analyser version; reads fall back, the seed fills in."""

from fastapi.testclient import TestClient
from sqlalchemy import Engine, delete
from sqlmodel import Session, col, select

from api.comparison.analyser import METHOD_VERSION
from api.models import Analysis, AnalysisFinding, Definition, DefinitionRevision
from api.services.analysis import reanalyse_missing, recompute_stored, store_analysis
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


DENYING = (
    "Trauma-informed practice here means children feel safe and families are treated as equal "
    "partners. We do not yet offer peer support."
)
WELSH = (
    "Mae ymarfer wedi ei lywio gan drawma yn golygu bod plant yn teimlo yn ddiogel a bod "
    "teuluoedd yn bartneriaid cyfartal yn y gwaith."
)


def test_a_denied_principle_is_stored_and_shown_apart_with_its_words(
    client: TestClient, keys: Keys, engine: Engine
) -> None:
    created = client.post("/v1/definitions", json={"title": "T", "text": DENYING}, headers=keys.dfe)
    assert created.status_code == 201, created.text
    body = client.get(f"/v1/definitions/{created.json()['id']}").json()
    assert body["analysed"] is True
    assert "peer-support" not in [p["slug"] for p in body["principles"]]
    assert {"safety", "collaboration"} <= {p["slug"] for p in body["principles"]}
    [denied] = body["denied"]
    assert denied["slug"] == "peer-support"
    assert denied["evidence"][0]["quote"] == "We do not yet offer peer support"
    with Session(engine) as session:
        stances = session.exec(
            select(AnalysisFinding.stance)
            .join(Analysis, col(Analysis.id) == AnalysisFinding.analysis_id)
            .join(DefinitionRevision, col(DefinitionRevision.id) == Analysis.revision_id)
            .where(DefinitionRevision.definition_id == created.json()["id"])
        ).all()
    assert sorted(stances).count("denied") == 1

    compared = client.post("/v1/comparisons", json={"definition_id": created.json()["id"]})
    assert compared.status_code == 200
    assert [d["slug"] for d in compared.json()["subject_denied"]] == ["peer-support"]


def test_a_text_the_analyser_cannot_read_says_so_and_is_left_out_of_consensus(
    client: TestClient, keys: Keys
) -> None:
    created = client.post(
        "/v1/definitions",
        json={"title": "Diffiniad", "text": WELSH, "language": "cy"},
        headers=keys.dfe,
    )
    assert created.status_code == 201, created.text
    body = client.get(f"/v1/definitions/{created.json()['id']}").json()
    assert body["analysed"] is False
    assert "(cy)" in body["not_analysed_reason"]
    assert body["principles"] == []

    pasted = client.post("/v1/analyses", json={"text": WELSH}).json()
    assert pasted["analysed"] is False
    assert pasted["language"] == "cy"

    compared = client.post("/v1/comparisons", json={"definition_id": created.json()["id"]}).json()
    assert compared["coverage"] is None
    assert compared["not_analysed"][0].startswith("subject: ")


def test_an_organisation_whose_definitions_cannot_be_read_is_left_out_of_consensus(
    client: TestClient, keys: Keys
) -> None:
    before = client.get("/v1/consensus", params={"kind": "department"}).json()
    mine = [
        d
        for d in client.get("/v1/definitions", params={"organisation": "dfe"}).json()["items"]
        if d["kind"] != "core_proposal"
    ]
    for d in mine:  # withdraw the DfE's current definitions, if any
        client.post(f"/v1/definitions/{d['id']}/withdraw", headers=keys.dfe)
    client.post(
        "/v1/definitions",
        json={"title": "Diffiniad", "text": WELSH, "language": "cy", "status": "published"},
        headers=keys.dfe,
    )
    after = client.get("/v1/consensus", params={"kind": "department"}).json()
    assert "dfe" in after["not_analysed"]
    assert "dfe" not in after["organisations"]
    assert "dfe" not in after["without_definition"]
    assert before["not_analysed"] == []


def test_stored_rules_4_0_analyses_can_be_recomputed_and_checked(engine: Engine) -> None:
    with Session(engine) as session:
        revisions = session.exec(select(DefinitionRevision)).all()[:12]
        for revision in revisions:
            store_analysis(session, revision, "rules-4.0")
        session.commit()
        assert recompute_stored(session, "rules-4.0") == []
        # a stored finding that the rules would not give is found
        finding = session.exec(
            select(AnalysisFinding)
            .join(Analysis, col(Analysis.id) == AnalysisFinding.analysis_id)
            .where(Analysis.method_version == "rules-4.0")
        ).first()
        assert finding is not None
        finding.evidence = [{"start": 0, "end": 1, "quote": "x"}]
        session.add(finding)
        session.commit()
        assert len(recompute_stored(session, "rules-4.0")) == 1


def test_reanalysis_stores_the_current_version_and_keeps_older_ones(engine: Engine) -> None:
    """What `python -m seed` does after an analyser upgrade: older versions' rows are history."""
    with Session(engine) as session:
        revision = session.exec(select(DefinitionRevision)).first()
        assert revision is not None
        store_analysis(session, revision, "rules-4.0")
        session.commit()
        current = session.exec(
            select(Analysis.id)
            .where(Analysis.revision_id == revision.id)
            .where(Analysis.method_version == METHOD_VERSION)
        ).all()
        session.execute(
            delete(AnalysisFinding).where(col(AnalysisFinding.analysis_id).in_(current))
        )
        session.execute(delete(Analysis).where(col(Analysis.id).in_(current)))
        session.commit()
        assert reanalyse_missing(session) == 1
        session.commit()
        assert reanalyse_missing(session) == 0
        versions = session.exec(
            select(Analysis.method_version).where(Analysis.revision_id == revision.id)
        ).all()
    assert sorted(versions) == sorted(["rules-4.0", METHOD_VERSION])
