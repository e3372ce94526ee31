"""Analyses say whether the text was read and what it denies (analyser rules-5.0).

``analysis.analysed`` (false for a text in a language the analyser does not read, with its
``language`` and ``reason``) and ``analysis_finding.stance`` ('carried', or 'denied' for a
principle the text explicitly denies, defers or leaves out). Rows stored before stay as they
were: analysed, and every finding carried.

Revision ID: 3b8d61f0c2a7
Revises: 7c4e2a91d5b3
Create Date: 2026-11-29 17:10:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "3b8d61f0c2a7"
down_revision: str | None = "7c4e2a91d5b3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("analysis", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("analysed", sa.Boolean(), nullable=False, server_default=sa.true())
        )
        batch_op.add_column(
            sa.Column("language", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True)
        )
        batch_op.add_column(
            sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True)
        )
    with op.batch_alter_table("analysis_finding", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "stance",
                sqlmodel.sql.sqltypes.AutoString(length=10),
                nullable=False,
                server_default="carried",
            )
        )
        batch_op.create_check_constraint(
            op.f("ck_analysis_finding_stance"), "stance IN ('carried', 'denied')"
        )


def downgrade() -> None:
    with op.batch_alter_table("analysis_finding", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_analysis_finding_stance"), type_="check")
        batch_op.drop_column("stance")
    with op.batch_alter_table("analysis", schema=None) as batch_op:
        batch_op.drop_column("reason")
        batch_op.drop_column("language")
        batch_op.drop_column("analysed")
