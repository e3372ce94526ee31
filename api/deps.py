"""Request dependencies: the session, and lookups that are the only place a 404 is written."""

from typing import Annotated, TypeVar

from fastapi import Depends, Path
from sqlmodel import Session, SQLModel, select

from api.db import get_session
from api.errors import Problem
from api.models import Definition, Framework, Organisation, PracticeModel, Source

SessionDep = Annotated[Session, Depends(get_session)]
M = TypeVar("M", bound=SQLModel)

SlugPath = Annotated[str, Path(min_length=1, max_length=120, pattern=r"^[a-z0-9][a-z0-9-]*$")]


def not_found(what: str, key: object) -> Problem:
    return Problem(404, f"No {what} {key!r} in the registry.", kind="not-found")


def _by_slug(session: Session, model: type[M], slug: str, what: str) -> M:
    row = session.exec(select(model).where(getattr(model, "slug") == slug)).first()  # noqa: B009
    if row is None:
        raise not_found(what, slug)
    return row


def get_organisation_or_404(organisation_slug: SlugPath, session: SessionDep) -> Organisation:
    return _by_slug(session, Organisation, organisation_slug, "organisation")


def get_source_or_404(source_slug: SlugPath, session: SessionDep) -> Source:
    return _by_slug(session, Source, source_slug, "source")


def get_framework_or_404(framework_slug: SlugPath, session: SessionDep) -> Framework:
    return _by_slug(session, Framework, framework_slug, "framework")


def get_practice_model_or_404(model_slug: SlugPath, session: SessionDep) -> PracticeModel:
    return _by_slug(session, PracticeModel, model_slug, "practice model")


def get_team_or_404(team_slug: SlugPath, session: SessionDep) -> Organisation:
    """A CSC team: an organisation of kind csc_team (any other organisation is not a team)."""
    row = session.exec(
        select(Organisation).where(Organisation.slug == team_slug, Organisation.kind == "csc_team")
    ).first()
    if row is None:
        raise not_found("CSC team", team_slug)
    return row


def get_definition_or_404(
    definition_id: Annotated[int, Path(ge=1, le=2**31 - 1)], session: SessionDep
) -> Definition:
    row = session.get(Definition, definition_id)
    if row is None:
        raise not_found("definition", definition_id)
    return row


OrganisationDep = Annotated[Organisation, Depends(get_organisation_or_404)]
SourceDep = Annotated[Source, Depends(get_source_or_404)]
FrameworkDep = Annotated[Framework, Depends(get_framework_or_404)]
PracticeModelDep = Annotated[PracticeModel, Depends(get_practice_model_or_404)]
TeamDep = Annotated[Organisation, Depends(get_team_or_404)]
DefinitionDep = Annotated[Definition, Depends(get_definition_or_404)]
