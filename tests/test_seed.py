"""The seed loads everything once; a second run changes nothing; seeded text is exact."""

import json
from pathlib import Path

from sqlalchemy import Engine, func
from sqlmodel import Session, select

from api.models import Definition, DefinitionRevision, Organisation, PracticeModel, Source
from seed.loader import DATA, seed

SHARED = Path(__file__).resolve().parents[2] / "shared" / "reference"


def test_seed_is_idempotent(empty_engine: Engine) -> None:
    with Session(empty_engine) as session:
        first = seed(session)
        counts = [
            session.exec(select(func.count()).select_from(t)).one()
            for t in (Organisation, Source, Definition, DefinitionRevision, PracticeModel)
        ]
        second = seed(session)
        again = [
            session.exec(select(func.count()).select_from(t)).one()
            for t in (Organisation, Source, Definition, DefinitionRevision, PracticeModel)
        ]

    assert first > 100
    assert second == 0
    assert again == counts


def test_changed_seed_wording_becomes_a_new_revision(empty_engine: Engine) -> None:
    with Session(empty_engine) as session:
        seed(session)
        definition = session.exec(select(Definition).where(Definition.slug == "nes-2017")).one()
        revision = session.exec(
            select(DefinitionRevision).where(DefinitionRevision.definition_id == definition.id)
        ).one()
        original = revision.text
        # Simulate an older seed by editing the stored text: the loader must not overwrite it.
        revision.text = "An older wording."
        session.add(revision)
        session.commit()

        assert seed(session) >= 1
        texts = session.exec(
            select(DefinitionRevision.text)
            .where(DefinitionRevision.definition_id == definition.id)
            .order_by(DefinitionRevision.number)  # type: ignore[arg-type]
        ).all()
    assert texts == ["An older wording.", original]


def test_seed_files_seed_no_csc_teams() -> None:
    organisations = json.loads((DATA / "organisations.json").read_text())
    assert [o for o in organisations if o["kind"] == "csc_team"] == []


def test_verified_definition_texts_appear_in_the_sources() -> None:
    """Whatever is marked verified must be quoted from the reference material, word for word."""
    reference = " ".join(
        (SHARED / name).read_text(encoding="utf-8").replace("\n>", " ").replace("\n", " ")
        for name in ("sources.md", "eif-report-page.txt")
    )
    reference = " ".join(reference.replace("\u2019", "'").split())
    definitions = json.loads((DATA / "definitions.json").read_text())
    checked = 0
    for d in definitions:
        if d["verified"]:
            assert " ".join(d["text"].replace("\u2019", "'").split()) in reference, d["slug"]
            checked += 1
    assert checked >= 6
