"""A principle's findings indexed by stance and analysis, in place of by principle alone.

The gap report (api.services.comparison.gaps) takes the first few carried findings of each
missing principle; with only an index on principle_id, every finding of the principle was read
and sorted before the limit applied. The new index starts with principle_id, so it also serves
every query the old one did.

Revision ID: 8e41c7d2a9f3
Revises: 5d2e7a1c9b40
Create Date: 2026-11-29 21:40:00

"""

from collections.abc import Sequence

from alembic import op

revision: str = "8e41c7d2a9f3"
down_revision: str | None = "5d2e7a1c9b40"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_analysis_finding_principle_stance",
        "analysis_finding",
        ["principle_id", "stance", "analysis_id"],
        unique=False,
    )
    op.drop_index("ix_analysis_finding_principle_id", table_name="analysis_finding")


def downgrade() -> None:
    op.create_index(
        "ix_analysis_finding_principle_id", "analysis_finding", ["principle_id"], unique=False
    )
    op.drop_index("ix_analysis_finding_principle_stance", table_name="analysis_finding")
