"""analysis.carried: the principles an analysis carries, kept beside its findings.

The consensus trend read every revision's analysis findings (and their evidence) per request;
it now reads this one column per revision (api.services.comparison.trend). It is written with
the findings from now on; the backfill summarises the findings every stored analysis has: the
sorted slugs of those it carries, space-separated ('' for none).

Revision ID: 5d2e7a1c9b40
Revises: fca9487669e6
Create Date: 2026-11-29 20:00:00

"""

from collections import defaultdict
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "5d2e7a1c9b40"
down_revision: str | None = "fca9487669e6"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("analysis", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("carried", sqlmodel.sql.sqltypes.AutoString(length=400), nullable=True)
        )
    bind = op.get_bind()
    found: dict[int, list[str]] = defaultdict(list)
    rows = bind.execute(
        sa.text(
            "SELECT a.id, p.slug FROM analysis a "
            "LEFT JOIN analysis_finding f ON f.analysis_id = a.id AND f.stance = 'carried' "
            "LEFT JOIN principle p ON p.id = f.principle_id"
        )
    )
    for analysis_id, slug in rows:
        slugs = found[analysis_id]
        if slug is not None:
            slugs.append(slug)
    if found:
        bind.execute(
            sa.text("UPDATE analysis SET carried = :carried WHERE id = :id"),
            [{"id": i, "carried": " ".join(sorted(s))} for i, s in found.items()],
        )


def downgrade() -> None:
    with op.batch_alter_table("analysis", schema=None) as batch_op:
        batch_op.drop_column("carried")
