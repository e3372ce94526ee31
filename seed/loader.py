"""Load seed/data/*.json into the database, idempotently.

Each record is found by its natural key (a slug, or a parent and a number). Missing records are
added; reference records whose seed content changed are brought in line; definitions never change
in place: changed seed wording becomes a new revision. Running it twice changes nothing.
"""

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel
from sqlmodel import Session, SQLModel, select

from api.comparison.vocabulary import PRINCIPLES
from api.models import (
    Definition,
    Figure,
    Finding,
    Framework,
    FrameworkItem,
    FrameworkItemPrinciple,
    Organisation,
    OrganisationName,
    PracticeModel,
    Principle,
    Recommendation,
    RecommendationAddressee,
    Source,
)
from api.models.practice_model import PracticeModelCreate
from api.progress import progress
from api.services import definitions, practice_models, tallies
from api.services.analysis import reanalyse_missing
from api.services.definitions import DEFINITIONS
from api.services.practice_models import PRACTICE_MODELS
from seed.schema import (
    DefinitionIn,
    FrameworkIn,
    OrganisationIn,
    PracticeModelIn,
    SourceIn,
)

DATA = Path(__file__).parent / "data"
M = TypeVar("M", bound=SQLModel)
S = TypeVar("S", bound=BaseModel)


def load(name: str, schema: type[S]) -> list[S]:
    raw = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))
    return [schema.model_validate(item) for item in raw]


class Loader:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.changed = 0

    def sync(self, model: type[M], key: dict[str, Any], values: dict[str, Any]) -> M:
        """The row with ``key``, created or brought in line with ``values``.

        Rows are validated through the model's own validation (table models skip it when
        constructed directly).
        """
        query = select(model)
        for field, value in key.items():
            query = query.where(getattr(model, field) == value)
        row = self.session.exec(query).first()
        if row is None:
            row = model.model_validate({**key, **values})
            self.session.add(row)
            self.session.flush()
            self.changed += 1
            return row
        if any(getattr(row, f) != v for f, v in values.items()):
            for f, v in values.items():
                setattr(row, f, v)
            self.session.add(row)
            self.session.flush()
            self.changed += 1
        return row

    def sync_links(
        self, model: type[M], parent: dict[str, Any], wanted: list[dict[str, Any]]
    ) -> None:
        """Make the link rows under ``parent`` exactly ``wanted`` (each a full row)."""
        query = select(model)
        for field, value in parent.items():
            query = query.where(getattr(model, field) == value)
        existing = list(self.session.exec(query))
        have = [row.model_dump() for row in existing]
        targets = [{**parent, **w} for w in wanted]
        if sorted(map(repr_row, have)) == sorted(map(repr_row, targets)):
            return
        for row in existing:
            self.session.delete(row)
        self.session.flush()
        for t in targets:
            self.session.add(model.model_validate(t))
        self.session.flush()
        self.changed += 1

    def id_of(self, model: type[SQLModel], slug: str | None) -> int | None:
        if slug is None:
            return None
        found = self.session.exec(
            select(model.id).where(model.slug == slug)  # type: ignore[attr-defined]
        ).first()
        if found is None:
            raise ValueError(f"seed refers to unknown {model.__name__} {slug!r}")
        assert isinstance(found, int)
        return found


def repr_row(row: dict[str, Any]) -> str:
    return json.dumps(row, sort_keys=True, default=str)


def _provenance(item: Any) -> dict[str, Any]:
    return {
        "verified": item.verified,
        "provenance": item.provenance,
        "provenance_url": item.provenance_url,
    }


def seed_principles(loader: Loader) -> None:
    for p in PRINCIPLES:
        loader.sync(
            Principle, {"slug": p.slug}, {k: v for k, v in asdict(p).items() if k != "slug"}
        )


def seed_organisations(loader: Loader) -> None:
    items = load("organisations", OrganisationIn)
    for o in items:  # parents are resolved in a second pass, whatever the file order
        loader.sync(
            Organisation,
            {"slug": o.slug},
            {**o.model_dump(exclude={"slug", "names", "parent"}), **_provenance(o)},
        )
    for o in items:
        org = loader.sync(
            Organisation, {"slug": o.slug}, {"parent_id": loader.id_of(Organisation, o.parent)}
        )
        for n in o.names:
            loader.sync(
                OrganisationName,
                {"organisation_id": org.id, "name": n.name},
                n.model_dump(exclude={"name"}),
            )


def seed_sources(loader: Loader) -> None:
    for s in load("sources", SourceIn):
        source = loader.sync(
            Source,
            {"slug": s.slug},
            {
                **s.model_dump(
                    exclude={
                        "slug",
                        "publisher",
                        "partner",
                        "findings",
                        "recommendations",
                        "figures",
                    }
                ),
                "publisher_id": loader.id_of(Organisation, s.publisher),
                "partner_id": loader.id_of(Organisation, s.partner),
            },
        )
        for f in s.findings:
            loader.sync(
                Finding,
                {"source_id": source.id, "number": f.number},
                f.model_dump(exclude={"number"}),
            )
        for r in s.recommendations:
            rec = loader.sync(
                Recommendation,
                {"source_id": source.id, "number": r.number},
                r.model_dump(exclude={"number", "addressees"}),
            )
            loader.sync_links(
                RecommendationAddressee,
                {"recommendation_id": rec.id},
                [{"organisation_id": loader.id_of(Organisation, a)} for a in r.addressees],
            )
        for fig in s.figures:
            loader.sync(
                Figure, {"source_id": source.id, "slug": fig.slug}, fig.model_dump(exclude={"slug"})
            )


def seed_frameworks(loader: Loader) -> None:
    for f in load("frameworks", FrameworkIn):
        framework = loader.sync(
            Framework,
            {"slug": f.slug},
            {
                **f.model_dump(exclude={"slug", "source", "organisation", "items"}),
                "source_id": loader.id_of(Source, f.source),
                "organisation_id": loader.id_of(Organisation, f.organisation),
            },
        )
        for position, item in enumerate(f.items, start=1):
            row = loader.sync(
                FrameworkItem,
                {"framework_id": framework.id, "position": position},
                {"label": item.label, "description": item.description, "verified": item.verified},
            )
            loader.sync_links(
                FrameworkItemPrinciple,
                {"item_id": row.id},
                [
                    {"principle_id": loader.id_of(Principle, p.slug), "match": p.match}
                    for p in item.principles
                ],
            )


def seed_definitions(loader: Loader) -> None:
    session = loader.session
    for d in load("definitions", DefinitionIn):
        values = {
            **d.model_dump(exclude={"slug", "organisation", "kind", "source"}),
            "source_id": loader.id_of(Source, d.source),
        }
        organisation = session.exec(
            select(Organisation).where(Organisation.slug == d.organisation)
        ).one()
        definition = session.exec(select(Definition).where(Definition.slug == d.slug)).first()
        if definition is None:
            definitions.add(session, organisation, d.kind, values, None, slug=d.slug)
            loader.changed += 1
            continue
        current = DEFINITIONS.current(session, definition)
        if any(getattr(current, k) != v for k, v in values.items()):
            # Seed wording changed (a correction, say): history keeps the old wording.
            definitions.write_revision(
                session, None, definition, values, change_note="Seed data updated."
            )
            loader.changed += 1


def seed_practice_models(loader: Loader) -> None:
    """New models get revision 1; a model whose seed content changed gets the next one."""
    session = loader.session
    for m in load("practice_models", PracticeModelIn):
        body = PracticeModelCreate.model_validate(m.model_dump())
        model = session.exec(select(PracticeModel).where(PracticeModel.slug == m.slug)).first()
        if model is None:
            practice_models.create(session, None, body)
            loader.changed += 1
            continue
        current = PRACTICE_MODELS.current(session, model)
        wanted = practice_models.revision_values(session, body)
        if any(getattr(current, k) != v for k, v in wanted.items()):
            PRACTICE_MODELS.advance(session, model, wanted, None)
            loader.changed += 1


def seed(session: Session) -> int:
    """Load everything; return how many records were added or changed (0 on a second run)."""
    loader = Loader(session)
    steps = (
        seed_principles,
        seed_organisations,
        seed_sources,
        seed_frameworks,
        seed_definitions,
        seed_practice_models,
    )
    for step in progress(steps, description="seeding"):
        step(loader)
    reanalysed = reanalyse_missing(session)
    loader.changed += reanalysed
    if reanalysed or not tallies.ready(session):
        tallies.rebuild(session)  # new analyses change what each organisation carries
    session.commit()
    return loader.changed
