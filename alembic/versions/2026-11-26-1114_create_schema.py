"""Create the registry schema: every table, and full-text search on definitions.

Revision ID: b68e52f06ce0
Revises:
Create Date: 2026-11-26 11:14:52.876196

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "b68e52f06ce0"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "organisation",
        sa.Column("verified", sa.Boolean(), nullable=False),
        sa.Column("provenance", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.Column("provenance_url", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=True),
        sa.Column("url", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.Column("country", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("local_authority", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("region", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by_key_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('department', 'csc_team', 'research_body', 'standards_body')",
            name=op.f("ck_organisation_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["organisation.id"], name=op.f("fk_organisation_parent_id_organisation")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation")),
    )
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_organisation_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_organisation_slug"), ["slug"], unique=True)

    op.create_table(
        "principle",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("has_it_when", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("not_merely", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.Column("origin", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_principle")),
    )
    with op.batch_alter_table("principle", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_principle_slug"), ["slug"], unique=True)

    op.create_table(
        "api_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("secret_hash", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("role", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("label", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("role IN ('submitter', 'steward')", name=op.f("ck_api_key_role")),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_api_key_organisation_id_organisation"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_key")),
    )
    with op.batch_alter_table("api_key", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_api_key_key_id"), ["key_id"], unique=True)
        batch_op.create_index(
            batch_op.f("ix_api_key_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "organisation_name",
        sa.Column("verified", sa.Boolean(), nullable=False),
        sa.Column("provenance", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.Column("provenance_url", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_organisation_name_organisation_id_organisation"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation_name")),
    )
    with op.batch_alter_table("organisation_name", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_organisation_name_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "source",
        sa.Column("verified", sa.Boolean(), nullable=False),
        sa.Column("provenance", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.Column("provenance_url", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("publisher_id", sa.Integer(), nullable=True),
        sa.Column("partner_id", sa.Integer(), nullable=True),
        sa.Column("authors", sa.JSON(), nullable=False),
        sa.Column("published_on", sa.Date(), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("url", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.Column("licence", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("citation", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.Column("summary", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=True),
        sa.Column("notes", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["partner_id"], ["organisation.id"], name=op.f("fk_source_partner_id_organisation")
        ),
        sa.ForeignKeyConstraint(
            ["publisher_id"], ["organisation.id"], name=op.f("fk_source_publisher_id_organisation")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_source")),
    )
    with op.batch_alter_table("source", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_source_slug"), ["slug"], unique=True)

    op.create_table(
        "definition",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("current_revision", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by_key_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('published', 'submitted', 'core_proposal')", name=op.f("ck_definition_kind")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_key_id"],
            ["api_key.id"],
            name=op.f("fk_definition_created_by_key_id_api_key"),
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_definition_organisation_id_organisation"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_definition")),
        sa.UniqueConstraint("slug", name=op.f("uq_definition_slug")),
    )
    with op.batch_alter_table("definition", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_definition_kind"), ["kind"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_definition_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "figure",
        sa.Column("verified", sa.Boolean(), nullable=False),
        sa.Column("provenance", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.Column("provenance_url", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("slug", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("category", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("label", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("unit", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
        sa.Column("value_text", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("activity", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=True),
        sa.Column("reported_by", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
        sa.Column("reported_by_url", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.Column("quote", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.CheckConstraint(
            "category IN ('method', 'survey', 'outcome')", name=op.f("ck_figure_category")
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["source.id"], name=op.f("fk_figure_source_id_source")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_figure")),
        sa.UniqueConstraint("source_id", "slug", name=op.f("uq_figure_source_id")),
    )
    with op.batch_alter_table("figure", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_figure_activity"), ["activity"], unique=False)
        batch_op.create_index(batch_op.f("ix_figure_source_id"), ["source_id"], unique=False)

    op.create_table(
        "finding",
        sa.Column("verified", sa.Boolean(), nullable=False),
        sa.Column("provenance", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.Column("provenance_url", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"], ["source.id"], name=op.f("fk_finding_source_id_source")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_finding")),
        sa.UniqueConstraint("source_id", "number", name=op.f("uq_finding_source_id")),
    )
    with op.batch_alter_table("finding", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_finding_source_id"), ["source_id"], unique=False)

    op.create_table(
        "framework",
        sa.Column("verified", sa.Boolean(), nullable=False),
        sa.Column("provenance", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.Column("provenance_url", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("url", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=True),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_framework_organisation_id_organisation"),
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["source.id"], name=op.f("fk_framework_source_id_source")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_framework")),
    )
    with op.batch_alter_table("framework", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_framework_slug"), ["slug"], unique=True)

    op.create_table(
        "idempotency_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("api_key_id", sa.Integer(), nullable=False),
        sa.Column("idempotency_key", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("method", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("path", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("request_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("headers", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["api_key_id"], ["api_key.id"], name=op.f("fk_idempotency_record_api_key_id_api_key")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_idempotency_record")),
        sa.UniqueConstraint(
            "api_key_id", "idempotency_key", name=op.f("uq_idempotency_record_api_key_id")
        ),
    )
    with op.batch_alter_table("idempotency_record", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_idempotency_record_api_key_id"), ["api_key_id"], unique=False
        )

    op.create_table(
        "practice_model",
        sa.Column("verified", sa.Boolean(), nullable=False),
        sa.Column("provenance", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.Column("provenance_url", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=True),
        sa.Column("is_standard_practice", sa.Boolean(), nullable=True),
        sa.Column("url", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=True),
        sa.Column("current_revision", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('trauma_informed_model', 'practice_framework', 'training', 'trauma_specific_treatment')",
            name=op.f("ck_practice_model_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["source.id"], name=op.f("fk_practice_model_source_id_source")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_practice_model")),
    )
    with op.batch_alter_table("practice_model", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_practice_model_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_practice_model_slug"), ["slug"], unique=True)

    op.create_table(
        "recommendation",
        sa.Column("verified", sa.Boolean(), nullable=False),
        sa.Column("provenance", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.Column("provenance_url", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("implication", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
        sa.Column("wording_note", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.ForeignKeyConstraint(
            ["source_id"], ["source.id"], name=op.f("fk_recommendation_source_id_source")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recommendation")),
        sa.UniqueConstraint("source_id", "number", name=op.f("uq_recommendation_source_id")),
    )
    with op.batch_alter_table("recommendation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_recommendation_source_id"), ["source_id"], unique=False
        )

    op.create_table(
        "definition_revision",
        sa.Column("verified", sa.Boolean(), nullable=False),
        sa.Column("provenance", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.Column("provenance_url", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("definition_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("adoption_status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
        sa.Column("scope", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("citation", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.Column("url", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("language", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=True),
        sa.Column("superseded_by_id", sa.Integer(), nullable=True),
        sa.Column("change_note", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.Column("author_organisation_id", sa.Integer(), nullable=True),
        sa.Column("author_key_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "adoption_status IS NULL OR adoption_status IN ('working', 'consulted', 'adopted')",
            name=op.f("ck_definition_revision_adoption_status"),
        ),
        sa.CheckConstraint(
            "status IN ('draft', 'published', 'withdrawn', 'superseded')",
            name=op.f("ck_definition_revision_status"),
        ),
        sa.ForeignKeyConstraint(
            ["author_key_id"],
            ["api_key.id"],
            name=op.f("fk_definition_revision_author_key_id_api_key"),
        ),
        sa.ForeignKeyConstraint(
            ["author_organisation_id"],
            ["organisation.id"],
            name=op.f("fk_definition_revision_author_organisation_id_organisation"),
        ),
        sa.ForeignKeyConstraint(
            ["definition_id"],
            ["definition.id"],
            name=op.f("fk_definition_revision_definition_id_definition"),
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["source.id"], name=op.f("fk_definition_revision_source_id_source")
        ),
        sa.ForeignKeyConstraint(
            ["superseded_by_id"],
            ["definition.id"],
            name=op.f("fk_definition_revision_superseded_by_id_definition"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_definition_revision")),
        sa.UniqueConstraint(
            "definition_id", "number", name=op.f("uq_definition_revision_definition_id")
        ),
    )
    with op.batch_alter_table("definition_revision", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_definition_revision_definition_id"), ["definition_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_definition_revision_year"), ["year"], unique=False)

    op.create_table(
        "endorsement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("proposal_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("current_revision", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_endorsement_organisation_id_organisation"),
        ),
        sa.ForeignKeyConstraint(
            ["proposal_id"], ["definition.id"], name=op.f("fk_endorsement_proposal_id_definition")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_endorsement")),
        sa.UniqueConstraint(
            "proposal_id", "organisation_id", name=op.f("uq_endorsement_proposal_id")
        ),
    )
    with op.batch_alter_table("endorsement", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_endorsement_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_endorsement_proposal_id"), ["proposal_id"], unique=False
        )

    op.create_table(
        "evidence_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("model_id", sa.Integer(), nullable=False),
        sa.Column("rating", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
        sa.Column("scale", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("rated_on", sa.Date(), nullable=True),
        sa.Column("url", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.Column("verified", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["model_id"],
            ["practice_model.id"],
            name=op.f("fk_evidence_link_model_id_practice_model"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_link")),
    )
    with op.batch_alter_table("evidence_link", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_evidence_link_model_id"), ["model_id"], unique=False)

    op.create_table(
        "framework_item",
        sa.Column("verified", sa.Boolean(), nullable=False),
        sa.Column("provenance", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.Column("provenance_url", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("framework_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("label", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.ForeignKeyConstraint(
            ["framework_id"],
            ["framework.id"],
            name=op.f("fk_framework_item_framework_id_framework"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_framework_item")),
        sa.UniqueConstraint(
            "framework_id", "position", name=op.f("uq_framework_item_framework_id")
        ),
    )
    with op.batch_alter_table("framework_item", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_framework_item_framework_id"), ["framework_id"], unique=False
        )

    op.create_table(
        "practice_model_principle",
        sa.Column("model_id", sa.Integer(), nullable=False),
        sa.Column("principle_id", sa.Integer(), nullable=False),
        sa.Column("basis", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.Column("verified", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["model_id"],
            ["practice_model.id"],
            name=op.f("fk_practice_model_principle_model_id_practice_model"),
        ),
        sa.ForeignKeyConstraint(
            ["principle_id"],
            ["principle.id"],
            name=op.f("fk_practice_model_principle_principle_id_principle"),
        ),
        sa.PrimaryKeyConstraint(
            "model_id", "principle_id", name=op.f("pk_practice_model_principle")
        ),
    )
    op.create_table(
        "practice_model_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("model_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("snapshot", sa.JSON(), nullable=False),
        sa.Column("author_key_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_key_id"],
            ["api_key.id"],
            name=op.f("fk_practice_model_revision_author_key_id_api_key"),
        ),
        sa.ForeignKeyConstraint(
            ["model_id"],
            ["practice_model.id"],
            name=op.f("fk_practice_model_revision_model_id_practice_model"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_practice_model_revision")),
        sa.UniqueConstraint("model_id", "number", name=op.f("uq_practice_model_revision_model_id")),
    )
    with op.batch_alter_table("practice_model_revision", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_practice_model_revision_model_id"), ["model_id"], unique=False
        )

    op.create_table(
        "recommendation_addressee",
        sa.Column("recommendation_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_recommendation_addressee_organisation_id_organisation"),
        ),
        sa.ForeignKeyConstraint(
            ["recommendation_id"],
            ["recommendation.id"],
            name=op.f("fk_recommendation_addressee_recommendation_id_recommendation"),
        ),
        sa.PrimaryKeyConstraint(
            "recommendation_id", "organisation_id", name=op.f("pk_recommendation_addressee")
        ),
    )
    op.create_table(
        "team_declaration",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("activities", sa.JSON(), nullable=False),
        sa.Column("treatment_pathways", sa.JSON(), nullable=False),
        sa.Column("works_to_definition_id", sa.Integer(), nullable=True),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=True),
        sa.Column("author_key_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_key_id"],
            ["api_key.id"],
            name=op.f("fk_team_declaration_author_key_id_api_key"),
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["organisation.id"], name=op.f("fk_team_declaration_team_id_organisation")
        ),
        sa.ForeignKeyConstraint(
            ["works_to_definition_id"],
            ["definition.id"],
            name=op.f("fk_team_declaration_works_to_definition_id_definition"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team_declaration")),
        sa.UniqueConstraint("team_id", "number", name=op.f("uq_team_declaration_team_id")),
    )
    with op.batch_alter_table("team_declaration", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_team_declaration_team_id"), ["team_id"], unique=False)

    op.create_table(
        "analysis",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column("method_version", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["revision_id"],
            ["definition_revision.id"],
            name=op.f("fk_analysis_revision_id_definition_revision"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_analysis")),
        sa.UniqueConstraint("revision_id", "method_version", name=op.f("uq_analysis_revision_id")),
    )
    with op.batch_alter_table("analysis", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_analysis_revision_id"), ["revision_id"], unique=False)

    op.create_table(
        "endorsement_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("endorsement_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("position", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("comment", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=True),
        sa.Column("proposal_revision", sa.Integer(), nullable=False),
        sa.Column("author_key_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "position IN ('endorse', 'object', 'abstain')",
            name=op.f("ck_endorsement_revision_position"),
        ),
        sa.ForeignKeyConstraint(
            ["author_key_id"],
            ["api_key.id"],
            name=op.f("fk_endorsement_revision_author_key_id_api_key"),
        ),
        sa.ForeignKeyConstraint(
            ["endorsement_id"],
            ["endorsement.id"],
            name=op.f("fk_endorsement_revision_endorsement_id_endorsement"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_endorsement_revision")),
        sa.UniqueConstraint(
            "endorsement_id", "number", name=op.f("uq_endorsement_revision_endorsement_id")
        ),
    )
    with op.batch_alter_table("endorsement_revision", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_endorsement_revision_endorsement_id"), ["endorsement_id"], unique=False
        )

    op.create_table(
        "framework_item_principle",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("principle_id", sa.Integer(), nullable=False),
        sa.Column("match", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.CheckConstraint(
            "match IN ('exact', 'broader', 'narrower')",
            name=op.f("ck_framework_item_principle_match"),
        ),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["framework_item.id"],
            name=op.f("fk_framework_item_principle_item_id_framework_item"),
        ),
        sa.ForeignKeyConstraint(
            ["principle_id"],
            ["principle.id"],
            name=op.f("fk_framework_item_principle_principle_id_principle"),
        ),
        sa.PrimaryKeyConstraint(
            "item_id", "principle_id", name=op.f("pk_framework_item_principle")
        ),
    )
    op.create_table(
        "team_declaration_model",
        sa.Column("declaration_id", sa.Integer(), nullable=False),
        sa.Column("model_id", sa.Integer(), nullable=False),
        sa.Column("scope", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("since", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["declaration_id"],
            ["team_declaration.id"],
            name=op.f("fk_team_declaration_model_declaration_id_team_declaration"),
        ),
        sa.ForeignKeyConstraint(
            ["model_id"],
            ["practice_model.id"],
            name=op.f("fk_team_declaration_model_model_id_practice_model"),
        ),
        sa.PrimaryKeyConstraint(
            "declaration_id", "model_id", name=op.f("pk_team_declaration_model")
        ),
    )
    op.create_table(
        "analysis_finding",
        sa.Column("analysis_id", sa.Integer(), nullable=False),
        sa.Column("principle_id", sa.Integer(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["analysis_id"], ["analysis.id"], name=op.f("fk_analysis_finding_analysis_id_analysis")
        ),
        sa.ForeignKeyConstraint(
            ["principle_id"],
            ["principle.id"],
            name=op.f("fk_analysis_finding_principle_id_principle"),
        ),
        sa.PrimaryKeyConstraint("analysis_id", "principle_id", name=op.f("pk_analysis_finding")),
    )
    with op.batch_alter_table("analysis_finding", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_analysis_finding_principle_id"), ["principle_id"], unique=False
        )

    # Full-text search over definition revisions, in each engine's own index (see api/search.py).
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE definition_search USING fts5("
            "title, text, definition_id UNINDEXED, tokenize = 'porter unicode61 remove_diacritics 2')"
        )
    else:
        op.execute(
            "CREATE INDEX ix_definition_revision_search ON definition_revision USING gin "
            "((setweight(to_tsvector('english', title), 'A') || "
            "setweight(to_tsvector('english', text), 'B')))"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS definition_search")
    else:
        op.execute("DROP INDEX IF EXISTS ix_definition_revision_search")
    with op.batch_alter_table("analysis_finding", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_analysis_finding_principle_id"))

    op.drop_table("analysis_finding")
    op.drop_table("team_declaration_model")
    op.drop_table("framework_item_principle")
    with op.batch_alter_table("endorsement_revision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_endorsement_revision_endorsement_id"))

    op.drop_table("endorsement_revision")
    with op.batch_alter_table("analysis", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_analysis_revision_id"))

    op.drop_table("analysis")
    with op.batch_alter_table("team_declaration", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_team_declaration_team_id"))

    op.drop_table("team_declaration")
    op.drop_table("recommendation_addressee")
    with op.batch_alter_table("practice_model_revision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_practice_model_revision_model_id"))

    op.drop_table("practice_model_revision")
    op.drop_table("practice_model_principle")
    with op.batch_alter_table("framework_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_framework_item_framework_id"))

    op.drop_table("framework_item")
    with op.batch_alter_table("evidence_link", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evidence_link_model_id"))

    op.drop_table("evidence_link")
    with op.batch_alter_table("endorsement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_endorsement_proposal_id"))
        batch_op.drop_index(batch_op.f("ix_endorsement_organisation_id"))

    op.drop_table("endorsement")
    with op.batch_alter_table("definition_revision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_definition_revision_year"))
        batch_op.drop_index(batch_op.f("ix_definition_revision_definition_id"))

    op.drop_table("definition_revision")
    with op.batch_alter_table("recommendation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recommendation_source_id"))

    op.drop_table("recommendation")
    with op.batch_alter_table("practice_model", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_practice_model_slug"))
        batch_op.drop_index(batch_op.f("ix_practice_model_kind"))

    op.drop_table("practice_model")
    with op.batch_alter_table("idempotency_record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_idempotency_record_api_key_id"))

    op.drop_table("idempotency_record")
    with op.batch_alter_table("framework", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_framework_slug"))

    op.drop_table("framework")
    with op.batch_alter_table("finding", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_finding_source_id"))

    op.drop_table("finding")
    with op.batch_alter_table("figure", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_figure_source_id"))
        batch_op.drop_index(batch_op.f("ix_figure_activity"))

    op.drop_table("figure")
    with op.batch_alter_table("definition", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_definition_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_definition_kind"))

    op.drop_table("definition")
    with op.batch_alter_table("source", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_source_slug"))

    op.drop_table("source")
    with op.batch_alter_table("organisation_name", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organisation_name_organisation_id"))

    op.drop_table("organisation_name")
    with op.batch_alter_table("api_key", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_api_key_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_api_key_key_id"))

    op.drop_table("api_key")
    with op.batch_alter_table("principle", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_principle_slug"))

    op.drop_table("principle")
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organisation_slug"))
        batch_op.drop_index(batch_op.f("ix_organisation_kind"))

    op.drop_table("organisation")
