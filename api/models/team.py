"""What a CSC team declares it uses: models, activities and referral pathways, revisioned."""

from datetime import date, datetime
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict
from pydantic import Field as PydanticField
from sqlalchemy import JSON, UniqueConstraint
from sqlmodel import Field, SQLModel

from api.models.common import SLUG_PATTERN, CleanText, JsonDate, RowId, SingleLine, one_of
from api.models.revisioned import HeadFields, RevisionFields

# How far a team has taken a model up.
Scope = Literal["whole_service", "training_only", "pilot"]
SCOPES: tuple[str, ...] = get_args(Scope)


class Team(HeadFields, table=True):
    """The head of a CSC team's declarations: it shares its id with the team's organisation row
    and exists once the team has declared anything."""

    id: int | None = Field(default=None, primary_key=True, foreign_key="organisation.id")


class TeamDeclaration(RevisionFields, table=True):
    """A PUT adds declaration n+1; the newest is current and earlier ones stay as history."""

    __tablename__ = "team_declaration"
    __table_args__ = (UniqueConstraint("team_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: int = Field(foreign_key="team.id", index=True)
    activities: list[str] = Field(default_factory=list, sa_type=JSON)
    treatment_pathways: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    works_to_definition_id: int | None = Field(default=None, foreign_key="definition.id")
    note: str | None = Field(default=None, max_length=4000)


class TeamDeclarationModel(SQLModel, table=True):
    __tablename__ = "team_declaration_model"
    __table_args__ = (one_of("scope", SCOPES),)

    declaration_id: int = Field(foreign_key="team_declaration.id", primary_key=True)
    model_id: int = Field(foreign_key="practice_model.id", primary_key=True)
    scope: str = Field(max_length=40)
    since: date | None = None


# The activities the EIF report's mapping survey measured, as named by the `activity` field of
# its survey figures (seed/data/sources.json). `using_tic` is left out: a team that declares is
# taken to be using TIC, so declaring it would say nothing.
SurveyActivity = Literal[
    "strengths_based_approaches",
    "training",
    "screening",
    "cross_agency_collaboration",
    "written_policies",
    "clear_definition",
]
SURVEY_ACTIVITIES: tuple[str, ...] = get_args(SurveyActivity)


class TeamModelIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    slug: str = PydanticField(
        min_length=1, max_length=120, pattern=SLUG_PATTERN, description="A practice model's slug."
    )
    scope: Scope
    since: JsonDate | None = PydanticField(
        default=None, description="When the team started using it."
    )


class TreatmentPathwayIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    practice_model: str = PydanticField(
        min_length=1,
        max_length=120,
        pattern=SLUG_PATTERN,
        description="Slug of a trauma-specific treatment.",
    )
    provider: SingleLine = PydanticField(max_length=300, description="Who provides it.")
    note: CleanText | None = PydanticField(default=None, max_length=2000)


class TeamDeclarationIn(BaseModel):
    """What a team uses now. A PUT replaces the whole declaration (the old one stays in history)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "practice_models": [
                        {"slug": "sanctuary-model", "scope": "whole_service", "since": "2021-09-01"}
                    ],
                    "activities": ["training", "screening"],
                }
            ]
        },
    )

    practice_models: list[TeamModelIn] = PydanticField(max_length=50)
    activities: list[SurveyActivity] = PydanticField(
        max_length=len(SURVEY_ACTIVITIES),
        description="Survey activities the team does, named as in the EIF report's figures.",
    )
    treatment_pathways: list[TreatmentPathwayIn] = PydanticField(
        default_factory=list, max_length=50, description="Referral routes to treatments."
    )
    works_to_definition: RowId | None = PydanticField(
        default=None, description="Id of the definition the team works to."
    )
    note: CleanText | None = PydanticField(default=None, max_length=4000)


class TeamModelPublic(SQLModel):
    slug: str
    name: str
    kind: str
    scope: Scope
    since: date | None
    is_standard_practice: bool | None
    verified: bool = Field(description="Whether the model's registry entry is verified.")


class TreatmentPathwayPublic(SQLModel):
    practice_model: str
    provider: str
    note: str | None


class TeamDeclarationPublic(SQLModel):
    number: int
    practice_models: list[TeamModelPublic]
    activities: list[SurveyActivity]
    treatment_pathways: list[TreatmentPathwayPublic]
    works_to_definition: int | None
    note: str | None
    author_key: str | None = Field(description="Public id of the key that declared it.")
    declared_at: datetime


class TeamPublic(SQLModel):
    slug: str
    name: str
    local_authority: str | None
    region: str | None
    description: str | None
    verified: bool
    provenance: str | None
    declaration_revision: int | None = Field(
        description="Number of the current declaration; null before the first."
    )
    declaration: TeamDeclarationPublic | None


class PrincipleCoverage(SQLModel):
    coverage: float = Field(description="Share (0..1) of the target's principles the team covers.")
    shared: list[str]
    missing: list[str] = Field(description="In the target, not covered by the team's models.")
    extra: list[str] = Field(description="Covered by the team's models, not in the target.")


class AlignmentTarget(PrincipleCoverage):
    definition_id: int
    revision: int
    title: str
    principles: list[str]


class TeamAlignmentPublic(SQLModel):
    team: str
    declaration_revision: int | None
    principles: list[str] = Field(description="Union of the team's current models' principles.")
    unverified_principles: list[str] = Field(
        description="Those of `principles` resting only on unverified mappings."
    )
    core: AlignmentTarget | None = Field(description="Against the current core proposal.")
    works_to_definition: AlignmentTarget | None = Field(
        description="Against the definition the team declares it works to."
    )
