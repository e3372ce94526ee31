"""bench.synthetic: varied, deterministic, clearly marked synthetic definitions, stored as the
service stores definitions (so the API reads them like any other), and never loaded by the seed."""

import pickle
from dataclasses import replace
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from sqlmodel import Session, select

from api.comparison.analyser import METHOD_VERSION
from api.comparison.vocabulary import PRINCIPLE_SLUGS
from api.db import Database
from api.models import Definition, Organisation
from api.models.definition import STATUSES
from api.services import definitions
from api.services.analysis import analyse_text, read_text
from bench import synthetic
from bench.synthetic import SYNTHETIC_PROVENANCE, SYNTHETIC_SLUG, SYNTHETIC_TITLE, generate
from seed.loader import DATA, seed
from tests.conftest import Backend

SEEDED = 7  # definitions in seed/data/definitions.json


def _current(engine: Engine) -> dict[int, tuple[str, str, str, str]]:
    """Each definition's (title, text, status, provenance) at its current revision, by id."""
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT d.id, r.title, r.text, r.status, r.provenance FROM definition d "
                "JOIN definition_revision r ON r.definition_id = d.id "
                "AND r.number = d.current_revision ORDER BY d.id"
            )
        ).all()
    return {int(r[0]): (r[1], r[2], r[3], r[4]) for r in rows}


def _live(engine: Engine, below: int | None = None) -> int:
    """How many definitions are current (published or draft), among the first ``below``."""
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT d.id FROM definition d JOIN definition_revision r "
                "ON r.definition_id = d.id AND r.number = d.current_revision "
                "WHERE r.status IN ('published', 'draft') ORDER BY d.id"
            )
        ).all()
    ids = sorted(int(i) for (i,) in rows)
    return len(ids if below is None else [i for i in ids if i <= below])


def test_the_same_seed_gives_the_same_definitions_and_another_seed_others() -> None:
    first = [generate(3, n) for n in range(25)]
    assert first == [generate(3, n) for n in range(25)]
    others = [generate(4, n) for n in range(25)]
    assert [d.revisions[-1].text for d in first] != [d.revisions[-1].text for d in others]


def test_definitions_are_varied_marked_synthetic_and_analysed_by_the_current_analyser() -> None:
    made = [generate(0, n) for n in range(200)]
    texts = [r.text for d in made for r in d.revisions]
    assert len({d.revisions[-1].text for d in made}) == len(made)
    lengths = [len(t.split()) for t in texts]
    assert min(lengths) < 40 < 100 < max(lengths)
    carried = [{slug for _, slug, _ in d.revisions[-1].reading.findings} for d in made]
    assert len({frozenset(c) for c in carried}) > 100  # mixes vary, not a handful of templates
    assert set().union(*carried) == set(PRINCIPLE_SLUGS)
    assert {len(d.revisions) for d in made} == {1, 2, 3, 4}
    assert {d.revisions[-1].status for d in made} <= set(STATUSES)
    assert {d.revisions[-1].status for d in made} >= {"published", "draft"}
    for d in made:
        for r in d.revisions:
            assert r.title.startswith(SYNTHETIC_TITLE)
            reading = read_text(r.text)
            assert r.reading.analysed is reading.analysed is True
            expected = [
                (stance, p.slug, [e.model_dump() for e in p.evidence])
                for stance, found in (("carried", reading.principles), ("denied", reading.denied))
                for p in found
            ]
            assert list(r.reading.findings) == expected
    for o in synthetic.synthetic_organisations(0):
        assert o["slug"].startswith(SYNTHETIC_SLUG)
        assert o["provenance"] == SYNTHETIC_PROVENANCE
        assert o["verified"] is False


def test_grown_definitions_are_read_by_the_api_like_any_other(
    engine: Engine, client: TestClient
) -> None:
    assert synthetic.grow(engine, SEEDED + 20, 5, workers=1, show_progress=False).added == 20
    # The app's neighbour index, built now, must catch up with the next load's definitions.
    before = client.post("/v1/comparisons/neighbours", json={"text": "Children feel safe."})
    assert before.json()["method"]["corpus_size"] == _live(engine)
    grown = synthetic.grow(engine, SEEDED + 45, 5, workers=1, show_progress=False)
    assert (grown.added, grown.cached) == (25, 0)
    current = _current(engine)
    made = sorted(current)[SEEDED:]
    assert len(made) == 45
    # Grown in two steps, each definition is still the one its number names.
    for number, definition_id in enumerate(made):
        expected = generate(5, number).revisions[-1]
        assert current[definition_id][:3] == (expected.title, expected.text, expected.status)
        assert current[definition_id][3] == SYNTHETIC_PROVENANCE

    after = client.post("/v1/comparisons/neighbours", json={"text": "Children feel safe."})
    assert after.json()["method"]["corpus_size"] == _live(engine) > _live(engine, SEEDED + 20)
    with engine.connect() as conn:
        logged = conn.execute(text("SELECT seq, definition_id FROM definition_change")).all()
    written = sum(len(generate(5, n).revisions) for n in range(45))
    assert [seq for seq, _ in logged] == list(range(1, len(logged) + 1))  # no gap, in order
    assert len([d for _, d in logged if d in set(made)]) == written  # one change per revision
    one = client.get(f"/v1/definitions/{made[0]}")
    assert one.status_code == 200
    body = one.json()
    assert body["title"].startswith(SYNTHETIC_TITLE)
    assert body["organisation"].startswith(SYNTHETIC_SLUG)
    assert body["verified"] is False
    assert body["analysis_method"] == METHOD_VERSION
    assert body["principles"] == [
        p.model_dump() for p in analyse_text(generate(5, 0).revisions[-1].text)
    ]
    assert body["analysed"] is True
    assert body["denied"] == [
        p.model_dump() for p in read_text(generate(5, 0).revisions[-1].text).denied
    ]
    history = client.get(f"/v1/definitions/{made[0]}/revisions").json()["items"]
    assert len(history) == len(generate(5, 0).revisions)
    found = client.get("/v1/definitions", params={"q": "supervision", "limit": 100}).json()
    wanted = {i for i in made if "supervision" in current[i][1]}
    assert wanted
    assert wanted <= {item["id"] for item in found["items"]}


def test_writes_after_a_bulk_load_get_fresh_ids(engine: Engine) -> None:
    synthetic.grow(engine, SEEDED + 3, 1, workers=1, show_progress=False)
    with Session(engine) as session:
        org = session.exec(select(Organisation).where(Organisation.slug == "dfe")).one()
        values = {"title": "After the load", "text": "Children feel safe.", "status": "draft"}
        definition, revision = definitions.add(session, org, "submitted", values, None)
        session.commit()
        new_id, revision_id = definition.id, revision.id
    assert new_id == max(_current(engine))
    assert new_id is not None
    assert new_id > SEEDED + 3
    assert revision_id is not None


def test_the_seed_never_loads_synthetic_definitions(engine: Engine, tmp_path: Path) -> None:
    for path in DATA.glob("*.json"):
        content = path.read_text(encoding="utf-8")
        assert SYNTHETIC_TITLE not in content
        assert SYNTHETIC_PROVENANCE not in content
        assert f'"{SYNTHETIC_SLUG}' not in content
    assert all(p != SYNTHETIC_PROVENANCE for *_, p in _current(engine).values())
    with Session(engine) as session:
        orgs = session.exec(select(Organisation.slug)).all()
    assert not [s for s in orgs if s.startswith(SYNTHETIC_SLUG)]

    # Seeding again over a grown registry neither removes nor changes the synthetic ones.
    synthetic.grow(engine, SEEDED + 5, 2, workers=1, show_progress=False)
    before = _current(engine)
    with Session(engine) as session:
        assert seed(session) == 0
        session.commit()
        count = session.exec(select(Definition)).all()
    assert _current(engine) == before
    assert len(count) == SEEDED + 5


def test_texts_are_cached_per_generator_and_readings_per_analyser_too(tmp_path: Path) -> None:
    texts, readings = synthetic.cache_folders(tmp_path, 9)
    assert METHOD_VERSION in readings.name
    assert METHOD_VERSION not in texts.name  # a new analyser version keeps the texts
    assert (texts, readings) != synthetic.cache_folders(tmp_path, 10)
    texts.mkdir(parents=True)
    readings.mkdir(parents=True)
    # Chunks are whole (numbers 0-4 of a 5 chunk) and sliced: a later, bigger load reuses them.
    job = synthetic._Job(9, 1, 3, texts, readings, chunk=5)
    made = synthetic._generate_chunk(job)
    assert not made.texts_cached
    assert not made.readings_cached
    assert made.batch == [generate(9, n) for n in range(1, 3)]
    again = synthetic._generate_chunk(synthetic._Job(9, 0, 5, texts, readings, chunk=5))
    assert again.texts_cached
    assert again.readings_cached
    assert again.batch == [generate(9, n) for n in range(5)]
    assert again.made_cpu_s == made.made_cpu_s > 0  # what making them took, then

    # A rules change (here: the readings lost, as a new version's folder would be empty) reads
    # the cached texts again and does not compose them again.
    for kept in readings.iterdir():
        kept.unlink()
    (texts / "0-5.pickle").write_bytes(
        pickle.dumps((1.0, [replace(synthetic.compose(9, n), year=1900) for n in range(5)]))
    )
    reread = synthetic._generate_chunk(job)
    assert reread.texts_cached
    assert not reread.readings_cached
    assert [d.year for d in reread.batch] == [1900, 1900]  # the texts came from the cache
    assert [d.revisions for d in reread.batch] == [generate(9, n).revisions for n in (1, 2)]
    assert (readings / "0-5.pickle").is_file()


def test_the_rows_are_the_same_whatever_the_number_of_worker_processes(
    backend: Backend, seeded_template: str, tmp_path: Path
) -> None:
    written = []
    for workers, cache in ((1, None), (2, tmp_path / "cache")):
        url = backend.copy(seeded_template)
        database = Database(url)
        try:
            grown = synthetic.grow(
                database.write_engine,
                SEEDED + 23,
                4,
                workers=workers,
                show_progress=False,
                cache=cache,
                chunk=6,  # four chunks (the last cut short): two processes share them
            )
            assert grown.added == 23
            with database.engine.connect() as conn:
                written.append(
                    [
                        tuple(row)
                        for table, key in (
                            ("definition_revision", "id"),
                            ("analysis", "id"),
                            ("analysis_finding", "analysis_id, principle_id"),
                        )
                        for row in conn.execute(text(f"SELECT * FROM {table} ORDER BY {key}"))
                    ]
                )
        finally:
            database.dispose()
            backend.drop(url)
    assert written[0] == written[1]
    assert len(written[0]) > 23


def test_the_command_line_grows_the_registry(database: Database) -> None:
    # The command writes through the database's writing engine: on SQLite its reading engine
    # is query-only, which refused the first insert ("attempt to write a readonly database").
    url = database.write_engine.url.render_as_string(hide_password=False)
    assert synthetic.main([str(SEEDED + 3), "--database-url", url, "--workers", "1"]) == 0
    assert len(_current(database.write_engine)) == SEEDED + 3
