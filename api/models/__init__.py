"""Every table model, re-exported so Alembic and the app see the whole schema.

The naming convention is set before any table class is defined, so constraints get stable names
in migrations on both SQLite and PostgreSQL.
"""

from sqlmodel import SQLModel

SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

from api.models.analysis import Analysis, AnalysisFinding  # noqa: E402
from api.models.api_key import ApiKey  # noqa: E402
from api.models.definition import Definition, DefinitionChange, DefinitionRevision  # noqa: E402
from api.models.endorsement import Endorsement, EndorsementRevision  # noqa: E402
from api.models.framework import Framework, FrameworkItem, FrameworkItemPrinciple  # noqa: E402
from api.models.idempotency import IdempotencyRecord  # noqa: E402
from api.models.organisation import Organisation, OrganisationName  # noqa: E402
from api.models.practice_model import PracticeModel, PracticeModelRevision  # noqa: E402
from api.models.principle import Principle  # noqa: E402
from api.models.source import Figure, Finding, Recommendation, RecommendationAddressee, Source  # noqa: E402
from api.models.tally import OrganisationTally, PrincipleTally, TallyVersion  # noqa: E402
from api.models.team import Team, TeamDeclaration, TeamDeclarationModel  # noqa: E402

__all__ = [
    "Analysis",
    "AnalysisFinding",
    "ApiKey",
    "Definition",
    "DefinitionChange",
    "DefinitionRevision",
    "Endorsement",
    "EndorsementRevision",
    "Figure",
    "Finding",
    "Framework",
    "FrameworkItem",
    "FrameworkItemPrinciple",
    "IdempotencyRecord",
    "Organisation",
    "OrganisationName",
    "OrganisationTally",
    "PracticeModel",
    "PracticeModelRevision",
    "Principle",
    "PrincipleTally",
    "Recommendation",
    "RecommendationAddressee",
    "SQLModel",
    "Source",
    "TallyVersion",
    "Team",
    "TeamDeclaration",
    "TeamDeclarationModel",
]
