"""A log of definition writes, numbered in commit order.

Per-process indexes of the current definitions (the nearest-neighbour TF-IDF index) catch up
from it incrementally. Nothing to backfill: an index is built from the current definitions when
a process first needs it and then follows the changes numbered after the latest at that moment.

Revision ID: c0d1f416066b
Revises: 3b8d61f0c2a7
Create Date: 2026-11-29 16:31:23.071628

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c0d1f416066b"
down_revision: str | None = "3b8d61f0c2a7"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "definition_change",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("definition_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["definition_id"],
            ["definition.id"],
            name=op.f("fk_definition_change_definition_id_definition"),
        ),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_definition_change")),
    )


def downgrade() -> None:
    op.drop_table("definition_change")
