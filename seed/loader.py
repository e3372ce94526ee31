"""Load seed/data/*.json into the database, idempotently.

Each record is found by its natural key (a slug, or a parent and a number). Missing records are
added; reference records whose seed content changed are brought in line; definitions never change
in place: changed seed wording becomes a new revision. Running it twice changes nothing.
"""

import json
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel
from sqlmodel import Session, SQLModel, col, select

from api.models import (
    Definition,
    EvidenceLink,
    Figure,
    Finding,
    Framework,
    FrameworkItem,
    FrameworkItemPrinciple,
    Organisation,
    OrganisationName,
    PracticeModel,
    PracticeModelPrinciple,
    PracticeModelRevision,
    Principle,
    Recommendation,
    RecommendationAddressee,
    Source,
)
from api.services.analysis import reanalyse_missing
from api.services.definitions import current_revision, revise, write_revision
from api.services.practice_models import record_revision
from seed.schema import (
    DefinitionIn,
    FrameworkIn,
    OrganisationIn,
    PracticeModelIn,
    PrincipleIn,
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
    for p in load("principles", PrincipleIn):
        loader.sync(Principle, {"slug": p.slug}, p.model_dump(exclude={"slug"}))


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
        organisation_id = loader.id_of(Organisation, d.organisation)
        assert organisation_id is not None
        definition = session.exec(select(Definition).where(Definition.slug == d.slug)).first()
        if definition is None:
            definition = Definition(slug=d.slug, organisation_id=organisation_id, kind=d.kind)
            session.add(definition)
            session.flush()
            write_revision(session, definition, 1, values, author=None)
            loader.changed += 1
            continue
        current = current_revision(session, definition)
        if any(getattr(current, k) != v for k, v in values.items()):
            # Seed wording changed (a correction, say): history keeps the old wording.
            revise(session, definition, values, author=None, change_note="Seed data updated.")
            loader.changed += 1


def seed_practice_models(loader: Loader) -> None:
    session = loader.session
    for m in load("practice_models", PracticeModelIn):
        before = loader.changed
        model = loader.sync(
            PracticeModel,
            {"slug": m.slug},
            {
                **m.model_dump(exclude={"slug", "source", "principles", "evidence"}),
                "source_id": loader.id_of(Source, m.source),
            },
        )
        loader.sync_links(
            PracticeModelPrinciple,
            {"model_id": model.id},
            [
                {
                    "principle_id": loader.id_of(Principle, p.slug),
                    "basis": p.basis,
                    "verified": p.verified,
                }
                for p in m.principles
            ],
        )
        existing = session.exec(
            select(EvidenceLink)
            .where(EvidenceLink.model_id == model.id)
            .order_by(col(EvidenceLink.id))
        ).all()
        wanted = [e.model_dump() for e in m.evidence]
        have = [e.model_dump(exclude={"id", "model_id"}) for e in existing]
        if have != wanted:
            for row in existing:
                session.delete(row)
            session.flush()
            for e in wanted:
                session.add(EvidenceLink.model_validate({**e, "model_id": model.id}))
            session.flush()
            loader.changed += 1
        if loader.changed != before:
            # A new model gets revision 1; changed seed content gets the next one.
            has_history = session.exec(
                select(PracticeModelRevision.id).where(PracticeModelRevision.model_id == model.id)
            ).first()
            number = model.current_revision + 1 if has_history else 1
            record_revision(session, model, None, number=number)


def seed(session: Session) -> int:
    """Load everything; return how many records were added or changed (0 on a second run)."""
    loader = Loader(session)
    seed_principles(loader)
    seed_organisations(loader)
    seed_sources(loader)
    seed_frameworks(loader)
    seed_definitions(loader)
    seed_practice_models(loader)
    loader.changed += reanalyse_missing(session)
    session.commit()
    return loader.changed
