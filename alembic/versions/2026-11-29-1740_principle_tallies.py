"""What each organisation's current definitions carry, counted per analyser version.

Consensus read every current definition's analysis per request; these tallies are kept by each
write of a definition instead (api.services.tallies). The backfill counts them for every
analyser version the database holds analyses of, by the same rule: a current definition (core
proposals aside) counts for its organisation unless its analysis says it could not be read,
and for each principle that analysis carries. tally_version stamps the count and highest id of
definition revisions the tallies account for.

Revision ID: fca9487669e6
Revises: c0d1f416066b
Create Date: 2026-11-29 17:36:58.770527

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "fca9487669e6"
down_revision: str | None = "c0d1f416066b"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "tally_version",
        sa.Column("method_version", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("revisions", sa.Integer(), nullable=False),
        sa.Column("highest", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("method_version", name=op.f("pk_tally_version")),
    )
    op.create_table(
        "organisation_tally",
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("method_version", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("definitions", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_organisation_tally_organisation_id_organisation"),
        ),
        sa.PrimaryKeyConstraint(
            "organisation_id", "method_version", name=op.f("pk_organisation_tally")
        ),
    )
    op.create_table(
        "principle_tally",
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("method_version", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("principle_id", sa.Integer(), nullable=False),
        sa.Column("definitions", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_principle_tally_organisation_id_organisation"),
        ),
        sa.ForeignKeyConstraint(
            ["principle_id"],
            ["principle.id"],
            name=op.f("fk_principle_tally_principle_id_principle"),
        ),
        sa.PrimaryKeyConstraint(
            "organisation_id", "method_version", "principle_id", name=op.f("pk_principle_tally")
        ),
    )

    _backfill()


CURRENT = """
    FROM definition d
    JOIN definition_revision r ON r.definition_id = d.id AND r.number = d.current_revision
"""
WHERE = "d.kind != 'core_proposal' AND r.status IN ('published', 'draft')"


def _backfill() -> None:
    bind = op.get_bind()
    versions = bind.execute(sa.text("SELECT DISTINCT method_version FROM analysis")).scalars()
    for version in list(versions):
        params = {"v": version}
        bind.execute(
            sa.text(
                "INSERT INTO organisation_tally (organisation_id, method_version, definitions) "
                f"SELECT d.organisation_id, :v, count(*) {CURRENT} "
                "LEFT JOIN analysis a ON a.revision_id = r.id AND a.method_version = :v "
                f"WHERE {WHERE} AND (a.analysed IS NULL OR a.analysed = true) "
                "GROUP BY d.organisation_id"
            ),
            params,
        )
        bind.execute(
            sa.text(
                "INSERT INTO principle_tally "
                "(organisation_id, method_version, principle_id, definitions) "
                f"SELECT d.organisation_id, :v, f.principle_id, count(*) {CURRENT} "
                "JOIN analysis a ON a.revision_id = r.id AND a.method_version = :v "
                "JOIN analysis_finding f ON f.analysis_id = a.id "
                f"WHERE {WHERE} AND a.analysed = true AND f.stance = 'carried' "
                "GROUP BY d.organisation_id, f.principle_id"
            ),
            params,
        )
        bind.execute(
            sa.text(
                "INSERT INTO tally_version (method_version, revisions, highest) "
                "SELECT :v, count(id), coalesce(max(id), 0) FROM definition_revision"
            ),
            params,
        )


def downgrade() -> None:
    op.drop_table("principle_tally")
    op.drop_table("organisation_tally")
    op.drop_table("tally_version")
